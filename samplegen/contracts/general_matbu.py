"""The stationery lease form (matbu "Kira Kontratı") and more term wordings of real
templates, for the tuning style ``general_a``.

The pre-printed form sold by stationers is a two-column table of old-fashioned labels
("Kiraya verilen şeyin cinsi", "Kiranın başlangıç tarihi", "Kira müddeti", "Bir aylık kira
bedeli", "Kiranın ne şekilde ödeneceği", "Demirbaş eşya") filled in by hand, then "Genel
Şartlar" and "Hususi Şartlar" clauses. Its layout and the term wordings below were studied
in public templates (law-firm pages, stationery-form descriptions, open-source contract
template repositories; listed in ``docs/architecture.md``); every string here is this
module's own wording, none is copied. Tuning material only.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from samplegen.contracts.spec import ContractSpec, PartySpec
from samplegen.contracts.wording import small_words
from samplegen.words import number_words

When = Callable[[date], str]

_KIND = {  # property kind as the form's hand writes it
    "residential_lease": ("Mesken", "Daire (mesken)", "Konut"),
    "commercial_lease": ("İşyeri", "Dükkân", "Büro"),
}


def form_duration(months: int, rng: random.Random) -> str:
    """ "1 (Bir) Yıl", "12 (On İki) Ay", "Bir (1) sene", "24 ay" as a form is filled in."""
    years = months % 12 == 0 and rng.random() < 0.7
    n = months // 12 if years else months
    unit = rng.choice(("Yıl", "yıl", "Sene", "sene")) if years else rng.choice(("Ay", "ay"))
    words = rng.choice((small_words(n), " ".join(number_words(n))))
    if rng.random() < 0.5:
        words = " ".join(x.capitalize() for x in words.split())
    return rng.choice((f"{n} ({words}) {unit}", f"{words.capitalize()} ({n}) {unit}",
                       f"{n} {unit}", f"{n} ({words}) {unit}lık"))  # fmt: skip


def _party_ids(p: PartySpec, rng: random.Random) -> list[tuple[str, str]]:
    """The identity rows of one party as a filled-in form lists them."""
    if p.person:
        rows = (
            [("Uyruğu", p.nationality or ""), ("Pasaport No", p.passport)]
            if p.passport
            else [(rng.choice(("T.C. Kimlik No", "TC Kimlik Numarası", "TCKN")), p.tckn or "")]
        )
        if p.birth_date:
            rows.append(("Doğum Yeri / Tarihi", f"{p.birth_place} / {p.birth_date:%d.%m.%Y}"))
        if p.sgk_no:
            rows.append(("SGK Sicil No", p.sgk_no))
        return rows
    rows = [("Vergi Dairesi", p.tax_office or ""), ("Vergi No", p.vkn or "")]
    if p.mersis:
        rows.append(("MERSİS No", p.mersis))
    if p.representatives:
        people = " ve ".join(
            f"{r.title} {r.name}" + (f" (T.C. Kimlik No {r.tckn})" if r.tckn else "")
            for r in p.representatives
        )
        rows.append(("temsilcisi", people))
    return rows


def matbu_rows(
    spec: ContractSpec, rng: random.Random, when: When, money: str
) -> list[tuple[str, str]]:
    """The label/value rows of the stationery lease form (a boxed two-column table)."""
    mah, street, number, city = spec.property_parts or ("", "", "", "")
    landlord, tenant = spec.parties
    rows = [
        ("Mahallesi", mah),
        (rng.choice(("Sokağı", "Caddesi / Sokağı", "Cadde - Sokak")), street),
        ("Numarası", number),
        (rng.choice(("İlçesi / İli", "İlçe / İl")), city),
        (
            rng.choice(("Kiraya verilen şeyin cinsi", "Kiralananın cinsi")),
            rng.choice(_KIND.get(spec.kind, ("Taşınmaz",))),
        ),
    ]
    for word, p in (("Kiralayan", landlord), ("Kiracı", tenant)):
        gen = "Kiralayanın" if word == "Kiralayan" else "Kiracının"
        if not p.person and not p.mersis and not p.representatives and rng.random() < 0.5:
            # one combined label, its values after commas in the same order
            office = rng.choice((f"{p.tax_office} V.D. {p.vkn}", f"{p.tax_office} / {p.vkn}"))
            label = rng.choice(("Ünvanı, Adresi, Vergi Dairesi ve No",
                                "Ünvanı, Adresi, Vergi Dairesi / No"))  # fmt: skip
            rows.append((f"{gen} {label}", f"{p.name}, {p.address}, {office}"))
            continue
        rows.append((word, p.name))
        rows += [(f"{gen} {label}", value) for label, value in _party_ids(p, rng)]
        rows.append((rng.choice((f"{gen} ikametgâhı", f"{gen} adresi")), p.address))
    rows.append(
        (rng.choice(("Kiranın başlangıç tarihi", "Kira başlangıç tarihi")), when(spec.start_date))
    )
    if spec.term_months:
        rows.append(
            (rng.choice(("Kira müddeti", "Kiranın müddeti", "Kira süresi")),
             form_duration(spec.term_months, rng))
        )  # fmt: skip
    if spec.end_date:
        rows.append(
            (rng.choice(("Kiranın bitiş tarihi", "Kira bitiş tarihi")), when(spec.end_date))
        )
    rows.append((rng.choice(("Bir aylık kira bedeli", "Aylık kira bedeli")), money))
    day = spec.payment_day
    pay = rng.choice(("Peşin olarak elden", "Banka hesabına havale ile", "Aylık peşin"))
    if day:
        pay = rng.choice((f"Her ayın {day}. günü peşin", f"Her ay {day}'inde banka hesabına"))
    rows.append(("Kiranın ne şekilde ödeneceği", pay))
    rows.append(
        (
            "Kiralanan şeyin şimdiki durumu",
            rng.choice(("Sağlam ve temiz", "Boyalı, bakımlı", "Kullanılmış")),
        )
    )
    rows.append(
        ("Ne için kullanılacağı", "Mesken" if spec.kind == "residential_lease" else "İşyeri")
    )  # fmt: skip
    if spec.fixtures:
        rows.append(("Demirbaş eşya", ", ".join(spec.fixtures)))
    return rows


# "Genel Şartlar" of the form: duties of the tenant, no dates or durations in them
GENERAL_TERMS = (
    "Kiracı kiralananı özenle kullanmak ve komşulara saygı göstermekle yükümlüdür.",
    "Kiracı, kiraya verenin yazılı izni olmadan kiralananı başkasına devredemez ve alt "
    "kiraya veremez.",
    "Kiralananın olağan kullanımından doğan küçük onarımlar kiracıya, esaslı onarımlar "
    "kiraya verene aittir.",
    "Kiracı kiralananı teslim aldığı durumda geri vermekle yükümlüdür.",
    "Elektrik, su, doğalgaz ve yönetim giderleri kiracı tarafından ödenir.",
)


def real_term(spec: ContractSpec, rng: random.Random, when: When, dur: str) -> str | None:
    """A term sentence in the ways published templates word it (``None`` where the spec
    has no term)."""
    start = when(spec.start_date)
    if spec.term_months is None:
        return None
    if spec.end_date is None:
        return rng.choice((
            f"Kiranın başlangıç tarihi {start} olup süresi {dur}dır."
            if spec.kind.endswith("lease")
            else f"Sözleşmenin başlangıç tarihi {start} olup süresi {dur}dır.",
            f"İşbu sözleşme {start} tarihinden itibaren {dur} süre ile geçerlidir.",
            f"Sözleşme, {start} tarihinden itibaren {dur} süre ile akdedilmiştir.",
            f"Kira müddeti {start} tarihinden itibaren {dur}dır."
            if spec.kind.endswith("lease")
            else f"Hizmet süresi {start} tarihinden başlamak üzere {dur}dır.",
            f"Sözleşme {start} tarihinden itibaren {dur} geçerlidir.",
            f"Taraflar {dur}lık sözleşme süresinin {start} tarihinde başlayacağını kabul eder.",
            f"Sözleşme süresi {start} başlangıç tarihli olmak üzere {dur}dır.",
            f"Sözleşme, {start} tarihinden geçerli olmak üzere {dur}lıktır.",
            f"İşbu sözleşme {start} tarihinde başlar ve {dur} sürer.",
            f"Başlangıç: {start}\nSüre: {dur}",
        ))  # fmt: skip
    end = when(spec.end_date)
    return rng.choice((
        f"Sözleşme {start} tarihinden {end} tarihine kadar {dur} süre için yapılmıştır.",
        f"Kira süresi {start} tarihinden {end} tarihine kadardır."
        if spec.kind.endswith("lease")
        else f"Çalışma süresi {start} tarihinden {end} tarihine kadardır.",
        f"Sözleşme, {start} tarihinde başlayıp {end} tarihinde sona erecektir.",
        f"İşbu sözleşme {start} tarihinde başlar. Sözleşme {end} tarihinde sona erecektir.",
        f"Başlangıç tarihi {start} olup süresi {dur}dır; sözleşme {end} tarihinde sona erer.",
        f"Sözleşme {start} tarihinden itibaren {dur} süre ile geçerli olup {end} günü mesai "
        "bitiminde sona erer.",
        f"Sözleşmenin süresi {dur} olup {start} – {end} dönemini kapsar.",
        f"Sözleşme {start} ile {end} tarihleri arasında yürürlükte kalacaktır.",
        f"Kira dönemi {start} – {end} arasıdır."
        if spec.kind.endswith("lease")
        else f"Sözleşme dönemi {start} – {end} arasıdır.",
        f"Başlangıç: {start}\nBitiş: {end}\nSüre: {dur}",
        f"Sözleşme {start} – {end} dönemi için yapılmıştır; ilk ödeme dönem başında yapılır.",
        f"Sözleşmenin başlama tarihi {start} ve bitiş tarihi {end} olarak belirlenmiştir.",
        f"Sözleşme {start}'de başlayıp {end}'de bitecektir.",
        f"Sözleşme Süresi: {dur} (Başlangıç: {start} – Bitiş: {end})",
    ))  # fmt: skip


__all__ = ["GENERAL_TERMS", "form_duration", "matbu_rows", "real_term"]
