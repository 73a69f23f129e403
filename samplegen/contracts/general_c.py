"""Tuning material in the style ``general_c``: other published template structures.

Read for their structure (never copied) from further public Turkish templates than
``general_real`` models: service and vehicle-rental contracts that open with the address
("“…” adresinde mukim … (Kısaca KİRAYA VEREN olarak anılacaktır) ile … arasında"), a date
in that opening sentence and only the place at the close; "Bir taraftan … diğer taraftan
…" openings; a definitions article that names each party ("“Kiracı” terimi … için
kullanılmıştır"); upper-case label blocks under a role caption ("ADI SOYADI / ÜNVANI :",
"VERGİ DAİRESİ / NO : Kadıköy / 1234567890"); identifiers before the name ("Kadıköy V.D.
1234567890 vergi numaralı …", "… T.C. kimlik numaralı …"); sub-items for the price and
its due day ("4.1. Aylık kira bedeli: …", "4.2. … her ayın en geç 5. günü …", the day in
ordinal words); a term "… tarihinde başlayıp … tarihinde sona erecektir" or "1 yıl (12
ay)"; a court clause whose forum carries a suffix ("… İcra Dairelerinin yetkili olduğunu
kabul ederler"), and a close that counts the articles ("12 (on iki) maddeden ibaret …").
The sentences are this module's own; tuning material only
(``python -m samplegen.contracts.corpus OUT --split tune_c``).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from samplegen.casing import tr_lower, tr_upper
from samplegen.contracts.articles import locative
from samplegen.contracts.compose import Block, Para, Signatures, Title, _heading
from samplegen.contracts.general import _distractors, _duration, date_text, general_spec
from samplegen.contracts.general_parts import arbitration_sentence, is_arbitration
from samplegen.contracts.general_real import PAY_RULES, dative, genitive
from samplegen.contracts.general_wordings import (
    SPECIAL_CLAUSES,
    deposit_sentence,
    iban_sentence,
    kdv_added,
    probation_sentence,
)
from samplegen.contracts.prose import SPECIAL_HEADINGS, amount_text
from samplegen.contracts.spec import ContractSpec, PartySpec
from samplegen.contracts.wording import Wording, small_words
from samplegen.formats import format_date
from samplegen.identifiers import format_iban

STYLE = "general_c"
# a due day in ordinal words ("her ayın beşinci günü")
_ORDINAL_WORDS = {1: "birinci", 5: "beşinci", 7: "yedinci", 10: "onuncu", 15: "on beşinci"}


def general_c_spec(rng: random.Random, index: int) -> ContractSpec:
    """The ``index``-th contract of ``general_a``'s kinds, printed in this style's templates."""
    spec = general_spec(rng, index)
    layout = "article" if spec.layout == "matbu" else spec.layout
    return replace(spec, style=STYLE, layout=layout)


def _when(d: date, rng: random.Random) -> str:
    """A date as ``general_a`` prints it, or with slashes as the fill-in forms do."""
    return format_date(d, "slash") if rng.random() < 0.3 else date_text(d, rng)


# ------------------------------------------------------------------------------ parties


def _person_ids(p: PartySpec, rng: random.Random, w: Wording) -> tuple[str, list[str]]:
    """(words printed before the name, label phrases printed after it)."""
    before, after = "", []
    if p.passport:
        after.append(f"{p.nationality} uyruklu, Pasaport No: {p.passport}")
    elif p.tckn and rng.random() < 0.45:
        before = f"{p.tckn} T.C. kimlik numaralı "
    elif p.tckn:
        after.append(rng.choice(("T.C. Kimlik No: ", "TCKN: ", "T.C. No ")) + p.tckn)
    if p.birth_date:
        after.append(f"{p.birth_place} doğumlu ({w.date(p.birth_date)})")
    if p.sgk_no:
        after.append(f"SGK Sicil No: {p.sgk_no}")
    return before, after


def _company_ids(p: PartySpec, rng: random.Random) -> tuple[str, list[str]]:
    before, after = "", []
    if rng.random() < 0.45:
        before = rng.choice(
            (
                f"{p.tax_office} V.D. {p.vkn} vergi numaralı ",
                f"{p.tax_office} Vergi Dairesi'nin {p.vkn} numaralı mükellefi ",
            )
        )
    else:
        after.append(f"Vergi Dairesi / No: {p.tax_office} / {p.vkn}")
    if p.mersis:
        after.append(f"MERSİS No: {p.mersis}")
    for r in p.representatives:
        tckn = f", T.C. {r.tckn}" if r.tckn else ""
        after.append(rng.choice((f"temsilen {r.title} {r.name}{tckn}",
                                 f"Yetkili: {r.name} ({r.title}){tckn}")))  # fmt: skip
    return before, after


def _ids(p: PartySpec, rng: random.Random, w: Wording) -> tuple[str, list[str]]:
    return _person_ids(p, rng, w) if p.person else _company_ids(p, rng)


def _named(p: PartySpec, rng: random.Random, w: Wording) -> str:
    """ "… vergi numaralı NAME (MERSİS No: …)" or "NAME (T.C. Kimlik No: …)"."""
    before, after = _ids(p, rng, w)
    tail = f" ({'; '.join(after)})" if after else ""
    return f"{before}{p.name}{tail}"


def _mukim(spec: ContractSpec, rng: random.Random, w: Wording, dated: bool) -> str:
    """ "“ADDRESS” adresinde mukim NAME (Kısaca KİRAYA VEREN olarak anılacaktır) ile …"."""
    verb = rng.choice(("mukim", "ikamet eden", "faaliyet gösteren", "yerleşik"))
    quote = rng.choice(("“{}”", "{}"))
    alias = rng.choice(("(Kısaca {} olarak anılacaktır)", "(Bundan sonra “{}” olarak anılacaktır.)",
                        "(bundan böyle {} diye anılacaktır)"))  # fmt: skip
    upper = rng.random() < 0.6
    items = [
        f"{quote.format(p.address)} adresinde {verb} {_named(p, rng, w)} "
        + alias.format(tr_upper(p.role_word) if upper else p.role_word)
        for p in spec.parties
    ]
    text = f"{items[0]} ile {items[1]} arasında"
    if dated:
        when = _when(spec.contract_date, rng)
        return f"İşbu sözleşme {when} tarihinde {text} aşağıdaki şartlarla imzalanmıştır."
    return text + rng.choice((" aşağıdaki şartlarla akdedilmiştir.",
                              " aşağıdaki koşullarda anlaşmaya varılmıştır."))  # fmt: skip


def _bir_taraftan(spec: ContractSpec, rng: random.Random, w: Wording) -> str:
    """ "Bir taraftan NAME, ADDRESS (“Kiraya Veren”), diğer taraftan … anlaşmışlardır."."""
    first, second = (
        f"{p.address} adresinde {rng.choice(('oturan', 'bulunan'))} {_named(p, rng, w)} "
        f"(“{p.role_word}”)"
        for p in spec.parties
    )
    return f"Bir taraftan {first} ile diğer taraftan {second} aşağıdaki şartlarda anlaşmışlardır."


def _defined(spec: ContractSpec, rng: random.Random, w: Wording) -> list[str]:
    """A definitions article: " “Kiracı” terimi, ADDRESS adresinde mukim NAME için
    kullanılmıştır." per party (the role as the defined term)."""
    lines = []
    for number, p in enumerate(spec.parties, start=1):
        lines.append(
            rng.choice(
                (
                    f"1.{number}. “{p.role_word}” terimi, {p.address} adresinde mukim "
                    f"{_named(p, rng, w)} için kullanılmıştır.",
                    f"1.{number}. {tr_upper(p.role_word)} : {_named(p, rng, w)}, Adres: "
                    f"{p.address}",
                )
            )
        )
    return lines


_NAME_LABELS = ("ADI SOYADI / ÜNVANI", "ADI SOYADI / UNVANI", "İSİM / UNVAN", "ADI SOYADI")
_ADDRESS_LABELS = ("İKAMETGÂH ADRESİ", "ADRESİ", "TEBLİGAT ADRESİ", "ADRES")


def _caption_lines(p: PartySpec, number: int, rng: random.Random, w: Wording) -> list[str]:
    """An upper-case label block under its role caption ("KİRAYA VEREN", "2. TARAF
    (KİRACI)"), the labels colon-aligned as a typed form does."""
    role = tr_upper(p.role_word)
    caption = rng.choice((role, f"{number + 1}. TARAF ({role})", f"{role} BİLGİLERİ"))
    pad = rng.choice((" : ", ": ", "\t: "))
    lines = [caption, f"{rng.choice(_NAME_LABELS)}{pad}{p.name}"]
    if p.person:
        if p.passport:
            lines += [f"UYRUĞU{pad}{p.nationality}", f"PASAPORT NO{pad}{p.passport}"]
        else:
            lines.append(f"{rng.choice(('T.C. KİMLİK NO', 'TCKN', 'T.C. NO'))}{pad}{p.tckn}")
        if p.birth_date:
            lines.append(f"DOĞUM YERİ / TARİHİ{pad}{p.birth_place} / {w.date(p.birth_date)}")
        if p.sgk_no:
            lines.append(f"SGK SİCİL NO{pad}{p.sgk_no}")
    else:
        lines.append(f"VERGİ DAİRESİ / NO{pad}{p.tax_office} / {p.vkn}")
        if p.mersis:
            lines.append(f"MERSİS NO{pad}{p.mersis}")
        for r in p.representatives:
            tckn = f" (T.C. {r.tckn})" if r.tckn else ""
            lines.append(f"TEMSİLCİSİ{pad}{r.name} – {r.title}{tckn}")
    lines.append(f"{rng.choice(_ADDRESS_LABELS)}{pad}{p.address}")
    return lines


# ------------------------------------------------------------------------------ clauses


def _duration_c(months: int, rng: random.Random) -> str:
    """ "1 yıl (12 ay)", "12 (oniki) ay", "bir (1) yıl" …"""
    if months % 12 == 0 and rng.random() < 0.3:
        years = months // 12
        return f"{years} yıl ({months} ay)"
    return _duration(months, rng)


def _term(spec: ContractSpec, rng: random.Random) -> list[str]:
    if spec.kind == "sale":
        return []
    start = _when(spec.start_date, rng)
    if spec.term_months is None:
        return [rng.choice((
            f"İşbu iş sözleşmesi belirsiz sürelidir; işçi {start} tarihinde işe başlamıştır.",
            f"Sözleşme belirsiz süreli olarak {start} tarihinden itibaren hüküm ifade eder.",
            f"İşe başlama tarihi : {start}\nSözleşmenin türü : Belirsiz süreli",
        ))]  # fmt: skip
    dur = _duration_c(spec.term_months, rng)
    if spec.end_date is None:
        return [rng.choice((
            f"Sözleşme {dur} süreli olup {start} tarihinde başlar.",
            f"{start} başlangıç tarihli işbu sözleşme {dur} müddetle akdedilmiştir.",
            f"Sözleşmenin süresi, {start} tarihinden başlamak üzere {dur} olarak "
            "belirlenmiştir.",
            f"Başlangıç tarihi : {start}\nSüresi : {dur}",
        ))]  # fmt: skip
    end = _when(spec.end_date, rng)
    return [rng.choice((
        f"Sözleşme, {start} tarihinde başlayıp {end} tarihinde sona erecektir.",
        f"Sözleşmenin süresi {dur} olup {start} – {end} tarihleri arasını kapsar.",
        f"İşbu sözleşme {start} tarihinde yürürlüğe girecek olup {dur} sonra, {end} "
        "tarihinde kendiliğinden sona erecektir.",
        f"Başlangıç tarihi : {start}\nBitiş tarihi : {end}\nSüresi : {dur}",
    ))]  # fmt: skip


def _pay_day(spec: ContractSpec, rng: random.Random, w: Wording) -> str | None:
    what = "Kira bedeli" if spec.kind.endswith("lease") else "Ücret"
    if spec.payment_rule in PAY_RULES:
        w.printed.add("payment_day_rule")
        words = PAY_RULES[spec.payment_rule][1]
        return f"{what}, her ayın {words} {spec.parties[0].role_word} hesabına ödenecektir."
    d = spec.payment_day
    if not d:
        return None
    payee = genitive(spec.parties[0].role_word)
    return rng.choice((
        f"{what}, her ayın en geç {d}. günü {payee} banka hesabına ödenecektir.",
        f"{what} her ayın {_ORDINAL_WORDS[d]} günü peşin olarak ödenir.",
        f"Ödemeler her ayın {d}. gününe kadar yapılacaktır.",
        f"Ödeme günü : Her ayın {d}. günü",
    ))  # fmt: skip


def _price(spec: ContractSpec, rng: random.Random, money: str) -> list[str]:
    if spec.kind == "nda":
        return []
    if spec.kind.endswith("lease"):
        tenant, owner = spec.parties[1].role_word, spec.parties[0].role_word
        return [rng.choice((
            f"Aylık kira bedeli: {money}",
            f"{tenant}, aylık {money} kira bedelini {dative(owner)} ödemeyi kabul eder.",
            f"Kiralananın aylık kirası {money} olarak kararlaştırılmıştır.",
        ))]  # fmt: skip
    if spec.kind.startswith("employment"):
        return [rng.choice((
            f"İşçiye aylık brüt {money} ücret ödenir.",
            f"Brüt aylık ücret : {money}",
            f"İşçinin aylık brüt ücreti {money} olarak belirlenmiştir.",
        ))]  # fmt: skip
    if spec.kind == "agency":
        return [f"Vekâlet ücreti olarak {money} kararlaştırılmıştır."]
    if spec.kind == "sale":
        return [f"Satış bedeli {money} olup satıcıya peşin olarak ödenmiştir."]
    period = {"monthly": "aylık", "yearly": "yıllık", "one_off": "toplam"}[spec.amount_period]
    if spec.kdv_rate is not None:
        return [kdv_added(money, period, spec.kdv_rate, rng)]
    kdv = "" if spec.kdv_included is None else " KDV dahil" if spec.kdv_included else " + KDV"
    label = f"{tr_upper(period[0])}{period[1:]} hizmet bedeli"
    return [
        rng.choice(
            (
                f"Hizmet bedeli {period} {money}{kdv} olarak belirlenmiştir.",
                f"{label} : {money}{kdv}",
            )
        )
    ]


def _subject(spec: ContractSpec, rng: random.Random) -> tuple[str, str]:
    a, b = (p.role_word for p in spec.parties)
    if spec.kind == "nda":
        return "Sözleşmenin Konusu", (
            f"İşbu sözleşmenin konusu, {a} tarafından {dative(b)} açıklanacak gizli bilgilerin "
            "korunmasına ilişkin esasların belirlenmesidir."
        )
    if spec.kind == "agency":
        return "Sözleşmenin Konusu", f"{a}, davasının takibi için {b} ile anlaşmıştır."
    if spec.kind == "sale":
        return "Satılan", (f"Satılan, {spec.property_address} adresindeki "
                           f"{spec.property_kind} niteliğindeki taşınmazdır.")  # fmt: skip
    if spec.kind.endswith("lease"):
        return "Kiralananın Tanımı", rng.choice((
            f"Kiralanan taşınmaz {spec.property_address} adresinde bulunan "
            f"{spec.property_kind} olup kiracı tarafından kullanılacaktır.",
            f"Kiralananın adresi : {spec.property_address}\nCinsi : {spec.property_kind}",
        ))  # fmt: skip
    if spec.kind.startswith("employment"):
        return "İşin Tanımı", rng.choice((
            f"İşçi, işverenin işyerinde {spec.subject} olarak görevlendirilmiştir.",
            f"Görevi : {spec.subject}",
            f"İşçinin unvanı {spec.subject} olup işveren, işçiye görevine uygun başka işler de "
            "verebilir.",
        ))  # fmt: skip
    return "Sözleşmenin Konusu", rng.choice((
        f"İşbu sözleşmenin konusu, {a} tarafından {dative(b)} verilecek {spec.subject} "
        "işinin şartlarının belirlenmesidir.",
        f"{a}, {b} için {spec.subject} işini üstlenmiştir.",
    ))  # fmt: skip


def _court(spec: ContractSpec, rng: random.Random) -> str:
    court = spec.court
    if is_arbitration(court):
        return arbitration_sentence(spec, rng)
    forms = [
        f"İşbu sözleşmenin uygulanmasından doğacak ihtilafların hallinde {court} yetkili "
        "olacaktır.",
        f"Yetkili mahkeme ve icra daireleri : {court}",
    ]
    if tr_lower(court)[-4:] in ("leri", "ları"):  # "… Mahkemeleri" → "… Mahkemelerinin"
        forms.append(f"Taraflar, doğabilecek uyuşmazlıklarda {court}nin yetkili olduğunu kabul "
                     "ederler.")  # fmt: skip
    return rng.choice(forms)


def _guarantor(spec: ContractSpec, rng: random.Random) -> list[str]:
    g = spec.guarantor
    assert g is not None
    return rng.choice((
        [f"{g.address} adresinde ikamet eden {g.tckn} T.C. kimlik numaralı {g.name}, işbu "
         "sözleşmeden doğan tüm borçlara müteselsil kefil olduğunu kabul eder."],
        ["MÜTESELSİL KEFİL", f"Adı Soyadı : {g.name}", f"T.C. Kimlik No : {g.tckn}",
         f"Adresi : {g.address}"],
    ))  # fmt: skip


def _closing(spec: ContractSpec, rng: random.Random, count: int, dated: bool) -> str:
    place = spec.place
    if dated:  # the date is in the opening sentence: the close names the place only
        return f"İşbu sözleşme {locative(place)} iki nüsha halinde düzenlenmiştir."
    when = _when(spec.contract_date, rng)
    return rng.choice((
        f"İşbu sözleşme {count} ({small_words(count)}) maddeden ibaret olup {when} tarihinde "
        f"{locative(place)} iki nüsha halinde tanzim ve imza edilmiştir.",
        f"{count} maddeden oluşan işbu sözleşme, taraflarca okunup anlaşıldıktan sonra {when} "
        f"tarihinde {locative(place)} imzalanmıştır.",
        f"Düzenlendiği yer : {place}\nDüzenlendiği tarih : {when}",
    ))  # fmt: skip


# ------------------------------------------------------------------------------ compose


def compose_general_c(spec: ContractSpec, rng: random.Random) -> tuple[list[Block], Wording]:
    w = Wording(rng, spec.currency, spec.date_style, spec.words_style)
    blocks: list[Block] = [Title(spec.title)]
    shape = rng.random()
    dated = shape < 0.3 and rng.random() < 0.6
    sections: list[tuple[str, list[str]]] = []
    if shape < 0.3:
        sections.append(("Taraflar", [_mukim(spec, rng, w, dated)]))
    elif shape < 0.5:
        sections.append(("Taraflar", [_bir_taraftan(spec, rng, w)]))
    elif shape < 0.7:
        sections.append(("Tanımlar", _defined(spec, rng, w)))
    else:
        lines = [line for n, p in enumerate(spec.parties) for line in _caption_lines(p, n, rng, w)]
        sections.append(("Taraflar", lines))
    heading, subject = _subject(spec, rng)
    sections.append((heading, subject.split("\n")))
    if term := _term(spec, rng):
        heads = ("Süre", "Sözleşmenin Süresi", "Kira Süresi")
        head = rng.choice(heads) if spec.kind.endswith("lease") else "Süre"
        sections.append((head, term[0].split("\n")))
    money, _ = amount_text(w, spec.words_form, spec.amount, spec.amount_words)
    pay = _price(spec, rng, money)
    if pay and (day := _pay_day(spec, rng, w)):
        pay.append(day)
    if spec.deposit is not None:
        deposit, _ = amount_text(w, spec.words_form, spec.deposit)
        pay.append(deposit_sentence(spec, deposit, rng))
    if spec.iban:
        pay.append(iban_sentence(spec, format_iban(spec.iban), rng))
    if pay:
        numbered = rng.random() < 0.5  # "4.1. Aylık kira bedeli: …", "4.2. …"
        sections.append(("Bedel ve Ödeme Şekli", pay if not numbered else [
            f"{len(sections) + 1}.{i}. {text}" for i, text in enumerate(pay, start=1)
        ]))  # fmt: skip
    if spec.probation_months:
        sections.append(("Deneme Süresi", [probation_sentence(spec.probation_months, rng)]))
    if spec.special_clause:
        text = rng.choice(SPECIAL_CLAUSES[spec.special_clause]).format(rate=rng.choice((40, 60)))
        sections.append((rng.choice(SPECIAL_HEADINGS), [text]))
    sections.append(("Diğer Hükümler", _distractors(spec, rng)))
    if spec.penalty is not None:
        pen, _ = amount_text(w, spec.words_form, spec.penalty)
        sections.append(("Cezai Şart", [f"Yükümlülüğünü ihlal eden taraf, karşı tarafa {pen} "
                                        "cezai şart ödemeyi kabul ve taahhüt eder."]))  # fmt: skip
    if spec.notice_days and spec.kind not in ("sale", "nda"):
        notice = (f"Taraflardan her biri {spec.notice_days} gün önceden yazılı ihbarda "
                  "bulunmak kaydıyla sözleşmeyi feshedebilir.")  # fmt: skip
        sections.append(("Fesih", [notice]))
    if spec.guarantor is not None:
        sections.append(("Kefalet", _guarantor(spec, rng)))
    sections.append(("Uyuşmazlıkların Çözümü", [_court(spec, rng)]))
    for number, (head, paragraphs) in enumerate(sections, start=1):
        blocks.append(_heading(spec, number, head, None, rng))
        blocks.extend(Para(text) for text in paragraphs)
    blocks.append(Para(_closing(spec, rng, len(sections), dated)))
    blocks.append(Signatures(spec.parties, None))
    return blocks, w


__all__ = ["STYLE", "compose_general_c", "general_c_spec"]
