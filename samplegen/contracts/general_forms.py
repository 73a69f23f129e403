"""Employment and service contract wordings of the tuning style ``general_a``, as the
published Turkish templates print them: each party as a block of "label : value" lines under
its role word (İŞVEREN / İŞÇİ, HİZMET ALAN / HİZMET VEREN), parties in running prose
("… T.C. kimlik numaralı, … adresinde mukim …", "… Vergi Dairesi'nin … vergi numaralı
mükellefi …", "(bundan sonra ‘X’ olarak anılacaktır)", "adına yetkili …", "temsilen"),
the job and pay as labels ("Görevi / Unvanı", "Çalışma yeri", "Ücret: aylık brüt …",
"Ödeme günü"), a fee with "KDV hariç/dahil" and the "… Mahkemeleri ve İcra Daireleri
yetkilidir" clause.

The wordings are this module's own, written from the structure of public templates (not
from any other style of the generator); tuning material only.
"""

from __future__ import annotations

import random

from samplegen.casing import tr_upper
from samplegen.contracts.spec import ContractSpec, PartySpec

_QUOTES = (("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"))
# the day of the month with its suffix, as a pay day is printed ("her ayın 5'i")
_ACC = {1: "'i", 5: "'i", 7: "'si", 10: "'u", 15: "'i"}


def _designation(p: PartySpec, rng: random.Random) -> str:
    o, c = rng.choice(_QUOTES)
    word = p.role_word if rng.random() < 0.6 else tr_upper(p.role_word)
    return rng.choice(
        (
            f"(bundan sonra {o}{word}{c} olarak anılacaktır)",
            f"(Bundan böyle {o}{word}{c} olarak anılacaktır)",
            f"(kısaca {o}{word}{c} olarak anılacaktır)",
            f"(işbu sözleşmede {o}{word}{c} diye anılacaktır)",
            f"({word})",  # the role word alone in brackets: "Bir tarafta … (İŞVEREN)"
        )
    )


def party_lines(p: PartySpec, rng: random.Random) -> list[str]:
    """One party as the template's block: its role word, then "label : value" lines."""
    sep = rng.choice((" : ", ": ", " :"))
    lines = [tr_upper(p.role_word) + rng.choice(("", ":", " TARAF"))]
    name_label = rng.choice(("Adı Soyadı (Unvanı)", "Adı Soyadı / Unvanı", "Unvanı"))
    if p.person:
        name_label = rng.choice(("Adı Soyadı", "Adı ve Soyadı", name_label))
    lines.append(f"{name_label}{sep}{p.name}")
    if rng.random() < 0.5:
        lines.append(_designation(p, rng))
    if p.person:
        if p.passport:
            lines.append(f"Uyruğu{sep}{p.nationality}")
            lines.append(f"Pasaport No{sep}{p.passport}")
        else:
            label = rng.choice(("T.C. Kimlik No", "Vatandaşlık Numarası", "TC Kimlik Numarası"))
            lines.append(f"{label}{sep}{p.tckn}")
        if p.birth_date:
            label = rng.choice(("Doğum Yeri ve Tarihi", "Doğum Yeri / Tarihi"))
            lines.append(f"{label}{sep}{p.birth_place} / {p.birth_date:%d.%m.%Y}")
        if p.sgk_no:
            lines.append(f"{rng.choice(('SGK Sicil No', 'SSK No', 'Sigorta Sicil No'))}{sep}"
                         f"{p.sgk_no}")  # fmt: skip
    else:
        if rng.random() < 0.5:
            lines.append(f"Vergi Dairesi / No{sep}{p.tax_office} / {p.vkn}")
        else:
            lines.append(f"Vergi Dairesi{sep}{p.tax_office}")
            lines.append(f"{rng.choice(('Vergi No', 'Vergi Kimlik No', 'VKN'))}{sep}{p.vkn}")
        if p.mersis:
            lines.append(f"MERSİS No{sep}{p.mersis}")
        if p.sgk:
            label = rng.choice(
                ("İşyeri SGK Sicil No", "SGK İşyeri Sicil No", "İşyeri SSK Numarası")
            )
            lines.append(f"{label}{sep}{p.sgk}")
    lines.append(f"{rng.choice(('Adresi', 'Adres', 'Tebligat Adresi'))}{sep}{p.address}")
    for r in p.representatives:
        lines.append(
            rng.choice(
                (
                    f"Temsilen{sep}{r.name} ({r.title})",
                    f"Yetkilisi{sep}{r.title} {r.name}",
                    f"Şirket Yetkilisi{sep}{r.name}, {r.title}",
                )
            )
            + (f", T.C. Kimlik No: {r.tckn}" if r.tckn else "")
        )
    return lines


def _rep_text(p: PartySpec, rng: random.Random) -> str:
    """A company's representatives after its name: "adına yetkili …", "temsilen …"."""
    if not p.representatives:
        return ""
    people = " ile ".join(
        f"{r.title} {r.name}" + (f" (T.C. kimlik no {r.tckn})" if r.tckn else "")
        for r in p.representatives
    )
    return rng.choice(
        (
            f", adına yetkili {people}",
            f" adına ve hesabına imzaya yetkili {people}",
            f" (şirketi temsilen {people})",
            f", adına {people} tarafından temsil edilen",
        )
    )


def party_mukim(p: PartySpec, rng: random.Random) -> str:
    """One party in the running prose of published templates, with its designation."""
    if p.person:
        ident = (
            f"{p.nationality} uyruklu ve {p.passport} pasaport numaralı"
            if p.passport
            else rng.choice((f"{p.tckn} T.C. kimlik numaralı", f"T.C. kimlik no: {p.tckn} olan"))
        )
        if p.birth_date:
            ident = f"{p.birth_date:%d.%m.%Y} doğumlu, doğum yeri {p.birth_place}, " + ident
        if p.sgk_no:
            ident += f", {p.sgk_no} SGK sicil numaralı"
        text = rng.choice(
            (
                f"{ident}, {p.address} adresinde mukim {p.name}",
                f"{p.address} adresinde ikamet eden, {ident} {p.name}",
                f"{p.name} ({ident}; {p.address} adresinde mukim)",
            )
        )
    else:
        vd = rng.choice((f"{p.tax_office} Vergi Dairesi'nin", f"{p.tax_office} Vergi Dairesinin"))
        if p.mersis:
            vd = f"{p.mersis} MERSİS numaralı ve {vd}"
        text = rng.choice(
            (
                f"{vd} {p.vkn} vergi numaralı mükellefi, {p.address} adresinde mukim {p.name}",
                f"{p.address} adresinde mukim, {vd} {p.vkn} vergi kimlik numaralı mükellefi "
                f"{p.name}",
                f"{p.name} ({vd} {p.vkn} numaralı mükellefi; {p.address})",
            )
        )
        text += _rep_text(p, rng)
    return f"{text} {_designation(p, rng)}"


def parties_mukim(spec: ContractSpec, rng: random.Random) -> str:
    first, second = (party_mukim(p, rng) for p in spec.parties)
    return rng.choice(
        (
            f"Bir tarafta {first} ile diğer tarafta {second} arasında aşağıdaki şartlarla "
            "işbu sözleşme akdedilmiştir.",
            f"İşbu sözleşme, {first} ile {second} arasında aşağıda belirtilen koşullarla "
            "imzalanmıştır.",
            f"{first} ve {second}, aşağıdaki maddelerde anlaşmışlardır.",
        )
    )


def job_lines(spec: ContractSpec, rng: random.Random, money: str) -> list[str]:
    """An employment contract's job, workplace and pay as labels."""
    sep = rng.choice((" : ", ": "))
    employer = spec.parties[0]
    job_label = rng.choice((
        "Görevi / Unvanı", "Görevi", "Unvanı / Görevi", "İşçinin görevi", "İşçinin unvanı",
        "İşçinin Unvanı", "Çalışanın unvanı",
    ))  # fmt: skip
    lines = [
        f"{job_label}{sep}{spec.subject}",
        f"{rng.choice(('Çalışma yeri', 'Çalışma Yeri', 'İşyeri adresi'))}{sep}{employer.address}",
        rng.choice(
            (
                f"Ücret{sep}aylık brüt {money}",
                f"Ücreti{sep}Aylık brüt {money}",
                f"Brüt ücret (aylık){sep}{money}",
                f"Aylık Ücret{sep}{money} (brüt)",
                f"Ücret{sep}aylık net {money}",
            )
        ),
    ]
    if spec.payment_day:
        d = spec.payment_day
        lines.append(
            rng.choice(
                (
                    f"Ödeme günü{sep}her ayın {d}{_ACC[d]}",
                    f"Ücret ödeme günü{sep}Her ayın {d}. günü",
                    f"Ödeme Zamanı{sep}her ayın {d}{_ACC[d]}",
                )
            )
        )
    return lines


def fee_lines(spec: ContractSpec, rng: random.Random, money: str) -> list[str]:
    """A service fee as a label, with KDV hariç/dahil."""
    sep = rng.choice((" : ", ": "))
    period = {"monthly": "aylık ", "yearly": "yıllık ", "one_off": ""}[spec.amount_period]
    included = rng.choice((" (KDV dahil)", " KDV dahil"))
    excluded = rng.choice(
        (" (KDV hariç)", " + KDV", " KDV hariç", "; bu bedele KDV dahil değildir")
    )
    kdv = {None: "", True: included, False: excluded}[spec.kdv_included]
    lines = [
        f"{rng.choice(('Konu', 'Sözleşmenin Konusu', 'Hizmetin Konusu'))}{sep}{spec.subject}",
        f"{rng.choice(('Hizmet Bedeli', 'Bedel', 'Sözleşme Bedeli'))}{sep}{period}{money}{kdv}",
    ]
    if spec.payment_day:
        d = spec.payment_day
        lines.append(f"Ödeme günü{sep}her ayın {d}{_ACC[d]}")
    return lines


def court_mukim(spec: ContractSpec, rng: random.Random) -> str:
    return rng.choice(
        (
            f"İşbu sözleşmenin uygulanmasından doğacak uyuşmazlıklarda {spec.court} yetkilidir.",
            f"Bu sözleşmeden doğan ihtilafların hallinde {spec.court} yetkili olacaktır.",
            f"Taraflar, sözleşmeden doğacak anlaşmazlıklarda {spec.court}nin yetkili olduğunu "
            "kabul ederler.",
        )
    )


__all__ = ["court_mukim", "fee_lines", "job_lines", "parties_mukim", "party_lines"]
