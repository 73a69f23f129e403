"""Wordings of ``general_a`` modelled on the structure of published Turkish templates.

Read for their structure (not copied): a bar-association style lease's "Özel Şartlar"
("Kira sözleşmesi bir (1) yıllık olup …", "… ihtilaf halinde İstanbul (Çağlayan)
Mahkemeleri ve İcra Daireleri yetkilidir"), employment templates that head each party's
label lines with a lettered item or the role in the genitive ("A) İŞVEREN", "İŞÇİNİN
KİMLİK BİLGİLERİ") and give the employer's SGK workplace number beside the worker's own
insurance number, NDA templates whose party block reads "İsim/Unvan", "Vergi No/TC", a
"Tarih:" line under the title, "Bir tarafta … diğer tarafta … aralarında anlaşmışlardır",
and a pay day printed as a rule ("her ayın son iş günü"). The sentences are this module's
own; tuning material only.
"""

from __future__ import annotations

import random

from samplegen.casing import tr_lower, tr_upper
from samplegen.contracts.general_forms import party_lines
from samplegen.contracts.spec import ContractSpec, PartySpec

_BACK = {"a": "ı", "ı": "ı", "e": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}
# a due day printed as a rule (schema PaymentDayRule) -> its words
PAY_RULES = {
    "last_business_day": ("son iş günü", "son iş gününde"),
    "last_day": ("son günü", "son gününde"),
    "first_business_day": ("ilk iş günü", "ilk iş gününde"),
}


def genitive(word: str) -> str:
    """ "İşveren" → "İşverenin", "İşçi" → "İşçinin", "Mal Sahibi" → "Mal Sahibinin"."""
    low = tr_lower(word)
    vowel = next((c for c in reversed(low) if c in _BACK), "e")
    suffix = ("n" if low[-1] in _BACK else "") + _BACK[vowel] + "n"
    return word + (tr_upper(suffix) if word.isupper() else suffix)


def dative(word: str) -> str:
    """ "Hizmet Alan" → "Hizmet Alan'a", "Kiracı" → "Kiracı'ya", "Müşteri" → "Müşteri'ye"."""
    low = tr_lower(word)
    vowel = next((c for c in reversed(low) if c in _BACK), "e")
    a = "a" if vowel in "aıou" else "e"
    return f"{word}'{'y' if low[-1] in _BACK else ''}{a}"


def subject_sentence(spec: ContractSpec, rng: random.Random) -> str:
    """ "İşbu sözleşmenin konusu, Hizmet Veren tarafından Hizmet Alan'a X verilmesidir."
    (the service as the subject of a nominalised verb, the parties around it)."""
    buyer, seller = spec.parties[0].role_word, spec.parties[1].role_word
    verb = rng.choice(("verilmesidir", "sunulmasıdır", "sağlanmasıdır"))
    # the service in the genitive before its verb: "… hizmetlerinin sunulmasıdır"
    service = genitive(spec.subject or "") if rng.random() < 0.5 else spec.subject
    # or the object of the provider's act: "Hizmet Veren'in … hizmetlerini sunmasıdır"
    active = rng.choice(("sunmasıdır", "vermesidir", "sağlamasıdır"))
    return rng.choice(
        (
            f"İşbu sözleşmenin konusu, {seller} tarafından {dative(buyer)} {service} {verb}.",
            f"Sözleşmenin konusu; {dative(buyer)} {service} {verb}.",
            f"İşbu sözleşmenin konusu, {service} {seller} tarafından {verb}.",
            f"Sözleşmenin konusu, {seller}'{genitive(seller)[len(seller) :]} {dative(buyer)} "
            f"{accusative(spec.subject or '')} {active}.",
        )
    )


def accusative(phrase: str) -> str:
    """ "… hizmetleri" → "… hizmetlerini", "… pazarlama" → "… pazarlamayı" (a phrase that
    ends in a vowel, as the services do)."""
    low = tr_lower(phrase)
    vowel = next((c for c in reversed(low) if c in _BACK), "e")
    glue = "n" if low[-1] in "ıiuü" else "y"
    return phrase + glue + _BACK[vowel]


def property_sentence(spec: ContractSpec, rng: random.Random) -> str:
    """ "Kiraya Veren, mülkiyeti kendisine ait … adresinde bulunan taşınmazı Kiracı'ya
    kiralamıştır." (the property named only by the verb of letting)."""
    owner, tenant = spec.parties[0].role_word, spec.parties[1].role_word
    verb = rng.choice(("kiralamıştır", "kiraya vermiştir"))
    return (
        f"{owner}, mülkiyeti kendisine ait {spec.property_address} adresinde bulunan "
        f"taşınmazı {dative(tenant)} {verb}."
    )


def reps_after_role(p: PartySpec, designation: str, rng: random.Random) -> str:
    """A company with its representatives after its role mark: "X A.Ş. (… “Şirket” …)
    adına Genel Müdür Y ile Yönetim Kurulu Üyesi Z"."""
    people = " ile ".join(
        f"{r.title} {r.name}" + (f" (T.C. Kimlik No {r.tckn})" if r.tckn else "")
        for r in p.representatives
    )
    mersis = f", MERSİS No {p.mersis}" if p.mersis else ""
    lead = rng.choice(("adına", "adına ve hesabına yetkili", "şirketi temsile yetkili"))
    return (
        f"{p.name} ({p.tax_office} Vergi Dairesi, VKN {p.vkn}{mersis}; merkezi {p.address}) "
        f"{designation} {lead} {people}"
    )


def role_line(p: PartySpec, rng: random.Random, index: int) -> str:
    """The line above a party's label lines: "A) İŞVEREN", "İŞÇİNİN KİMLİK BİLGİLERİ"."""
    role = tr_upper(p.role_word)
    form = rng.randrange(4)
    if form == 0:
        return f"{'AB'[index]}) {role}"
    if form == 1:
        return f"{'ab'[index]}) {p.role_word}:"
    if form == 2:
        return f"{tr_upper(genitive(p.role_word))} " + rng.choice(("BİLGİLERİ", "KİMLİK BİLGİLERİ"))
    return f"{('I', 'II')[index]}- {genitive(role)}"


def nda_lines(p: PartySpec, rng: random.Random) -> list[str]:
    """An NDA template's party block: the role, "İsim/Unvan", "Vergi No/TC" (the other
    lines as the employment templates print them)."""
    sep = rng.choice((": ", " : "))
    lines = party_lines(p, rng)
    lines[0] = f"{p.role_word}{rng.choice((':', ''))}"
    lines[1] = f"{rng.choice(('İsim/Unvan', 'Ad Soyad / Unvan', 'İsim / Unvan'))}{sep}{p.name}"
    ident = p.tckn if p.person else p.vkn
    label = rng.choice(("Vergi No/TC", "VKN / TCKN", "Vergi No / T.C. No"))
    for k, line in enumerate(lines):
        if ident and line.endswith(ident) and k > 1 and "Dairesi" not in line:
            lines[k] = f"{label}{sep}{ident}"
    return lines


def plain(p: PartySpec) -> bool:
    """A party with nothing beyond a name, one identifier and an address to print."""
    extras = (p.passport, p.birth_date, p.sgk_no, p.mersis, p.representatives, p.sgk)
    return not any(extras) and bool(p.tckn if p.person else p.vkn and p.tax_office)


def role_label_prose(p: PartySpec, rng: random.Random) -> str:
    """ "KİRAYA VEREN: 1234… T.C. kimlik numaralı, … adresinde mukim Ali Yıldız" (a role
    label with the party in prose after it, its name last)."""
    role = rng.choice((tr_upper(p.role_word), p.role_word))
    if p.person:
        verb = rng.choice(("adresinde mukim", "adresinde ikamet eden", "adresinde oturan"))
        return f"{role}: {p.tckn} T.C. kimlik numaralı, {p.address} {verb} {p.name}"
    return (
        f"{role}: {p.tax_office} Vergi Dairesi'nin {p.vkn} vergi numaralı mükellefi, "
        f"{p.address} adresinde faaliyet gösteren {p.name}"
    )


def matbu_party_line(p: PartySpec, rng: random.Random) -> str:
    """A matbu form's party line, its items after commas: "Kiraya Veren: Ali Yıldız, T.C.
    1234…, Cumhuriyet Mah. …", "Kiracı: X Ltd. Şti., Kadıköy V.D. 1234…, …" (the form's
    blanks filled in)."""
    role = rng.choice((p.role_word, tr_upper(p.role_word)))
    if not p.person:  # a company: its tax office and number, then its address
        office = rng.choice((f"{p.tax_office} V.D. {p.vkn}", f"{p.tax_office} V.D. No: {p.vkn}"))
        return f"{role}: {p.name}, {office}, {p.address}"
    ident = rng.choice((f"T.C. {p.tckn}", f"TC {p.tckn}", f"T.C. Kimlik No {p.tckn}"))
    return f"{role}: {p.name}, {ident}, {p.address}"


def address_first(spec: ContractSpec, rng: random.Random) -> str:
    """Both parties in one sentence, each address before its party: "… adresinde oturan ve
    faaliyette bulunan X (Bundan sonra “HİZMET VEREN” olarak anılacaktır.) ve … adresinde
    mukim Y (…) birlikte tarafları oluşturur." (a translation office's and a hosting
    company's published terms read so)."""

    def one(p: PartySpec) -> str:
        if p.person:
            verb = rng.choice(("adresinde oturan", "adresinde mukim", "adresinde ikamet eden"))
            who = f"{p.tckn} T.C. kimlik numaralı {p.name}"
        else:
            verb = rng.choice(
                (
                    "adresinde faaliyette bulunan",
                    "adresinde oturan ve faaliyette bulunan",
                    "adresinde bulunan",
                )
            )
            who = f"{p.tax_office} Vergi Dairesi'nin {p.vkn} vergi numaralı mükellefi {p.name}"
        role = rng.choice((tr_upper(p.role_word), p.role_word))
        mark = rng.choice(
            (
                f"(Bundan sonra “{role}” olarak anılacaktır.)",
                f"(“{role}” olarak anılacaktır.)",
                f"(bundan böyle “{role}” olarak anılacaktır)",
            )
        )
        return f"{p.address} {verb} {who} {mark}"

    first, second = (one(p) for p in spec.parties)
    return rng.choice(
        (
            f"{first} ve {second} birlikte tarafları oluşturur.",
            f"İşbu sözleşme, {first} ile {second} arasında aşağıdaki şartlarla akdedilmiştir.",
        )
    )


def yearly_then_monthly(yearly: str, monthly: str, rng: random.Random) -> str:
    """ "Yıllık kira bedeli 240.000 TL olup aylık 20.000 TL olarak ödenir." (the year's rent
    first; the month's instalment is the amount)."""
    return rng.choice(
        (
            f"Yıllık kira bedeli {yearly} olup aylık {monthly} olarak ödenecektir.",
            f"Yıllık kira bedeli {yearly} olup Kiracı bunu aylık {monthly} olarak öder.",
            f"Aylık kira bedeli {monthly}, yıllık kira bedeli {yearly} olarak belirlenmiştir.",
        )
    )


def role_designation(p: PartySpec, rng: random.Random) -> str:
    """ "(bu sözleşmede kısaca “İŞVEREN” olarak anılacaktır.)": the full stop inside."""
    return rng.choice(
        (
            f"(bu sözleşmede kısaca “{tr_upper(p.role_word)}” olarak anılacaktır.)",
            f"(bundan sonra kısaca “{p.role_word}” olarak anılacaktır.)",
        )
    )


def bir_tarafta(first: str, second: str, rng: random.Random) -> str:
    return rng.choice(
        (
            f"Bir tarafta {first} diğer tarafta {second} aralarında aşağıdaki koşullarda "
            "anlaşmışlardır.",
            f"Bir tarafta {first}, diğer tarafta ise {second} arasında aşağıdaki şartlarla "
            "işbu sözleşme akdedilmiştir.",
        )
    )


def guarantor_forms(spec: ContractSpec, rng: random.Random) -> tuple[str, str]:
    """A guarantee as the Code of Obligations (TBK m. 583) wants it, with its maximum amount,
    and the block of label lines under a "MÜŞTEREK BORÇLU MÜTESELSİL KEFİL" heading."""
    g = spec.guarantor
    assert g is not None
    most = f"{spec.amount * 12:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    tenant = genitive(spec.parties[1].role_word)
    sep = rng.choice((": ", " : "))
    return (
        f"{tenant} bu sözleşmeden doğan borçlarına {most} TL'ye kadar {g.name} (T.C. Kimlik "
        f"No: {g.tckn}, adresi {g.address}) müteselsil kefildir.",
        f"{rng.choice(('MÜŞTEREK BORÇLU MÜTESELSİL KEFİL', 'KEFİL', 'MÜTESELSİL KEFİL'))}\n"
        f"Adı Soyadı{sep}{g.name}\nT.C. Kimlik No{sep}{g.tckn}\nAdresi{sep}{g.address}\n"
        f"Kefalet tutarı{sep}{most} TL",
    )


def pay_rule_sentence(spec: ContractSpec, rule: str, rng: random.Random) -> str:
    what = "Kira bedeli" if spec.kind.endswith("lease") else "Ücret"
    plain, locative = PAY_RULES[rule]
    return rng.choice(
        (
            f"{what} her ayın {plain} peşin olarak ödenir.",
            f"{what}, her ayın {locative} banka hesabına yatırılır.",
            f"Ödeme günü: her ayın {plain}.",
            f"Aylık ödemeler her ayın {locative} yapılır.",
        )
    )


def term_olup(spec: ContractSpec, rng: random.Random, start: str, dur: str) -> str:
    """ "Kira sözleşmesi bir (1) yıllık olup …" (the start in its own sentence)."""
    what = "Kira sözleşmesi" if spec.kind.endswith("lease") else "İşbu sözleşme"
    days = spec.notice_days or 30  # the notice the contract gives, not a second one
    tail = rng.choice(
        (
            f", süre bitiminden en az {days} gün önce yazılı fesih bildirimi yapılmadıkça "
            "aynı şartlarla yenilenmiş sayılır.",
            " ve taraflarca imzalanmıştır.",
        )
    )
    return f"{what} {dur}lık olup{tail} Sözleşme {start} tarihinde yürürlüğe girer."


def court_halinde(spec: ContractSpec, rng: random.Random) -> str:
    return rng.choice(
        (
            f"Sözleşme koşullarına uyulmaması veya ihtilaf halinde {spec.court} yetkilidir.",
            f"İşbu sözleşmenin yorumundan doğacak ihtilaflarda {spec.court} yetkili kılınmıştır.",
        )
    )


__all__ = [
    "PAY_RULES",
    "accusative",
    "address_first",
    "bir_tarafta",
    "court_halinde",
    "dative",
    "genitive",
    "guarantor_forms",
    "matbu_party_line",
    "nda_lines",
    "pay_rule_sentence",
    "plain",
    "property_sentence",
    "reps_after_role",
    "role_designation",
    "role_label_prose",
    "role_line",
    "subject_sentence",
    "term_olup",
    "yearly_then_monthly",
]
