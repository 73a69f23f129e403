"""More wordings of published Turkish service, employment and lease templates (style
``general_a``, tuning material only): the party paragraph that quotes each address and puts
the tax office and number in brackets ("Bir tarafta; “…” adresinde mukim (Kadıköy V.D.,
1234567890 vergi numaralı) X (işbu sözleşmede kısaca “Yüklenici” olarak anılacaktır) ile,
Diğer tarafta; …"), the company "merkezi … adresinde bulunan" form, both parties in one
sentence and their roles given after it by name, numbered party items whose
"Vergi Dairesi / No" line ends just before the next item's number ("1.2 Hizmet Veren: …"),
a role label with the identifiers in brackets and the address after them ("İşveren: X
(Vergi No: …, Kadıköy V.D.), Moda Mah. …. Şirketi temsilen Müdür …"), the subject as the
predicate of "konusu" ("… hizmetleridir") or inside its scope ("… verilecek X kapsamında"),
and the job as the "-lik" noun of its post ("İşçinin görevi satış temsilciliğidir").

The wordings are this module's own, written from the structure of public templates.
"""

from __future__ import annotations

import random

from samplegen.casing import tr_lower, tr_upper
from samplegen.contracts.general_wordings import copula
from samplegen.contracts.spec import ContractSpec, PartySpec

# a post's "-lik" noun, for the posts whose possessive the noun drops and a reader can put
# back ("Satış Temsilcisi" ↔ "satış temsilciliği"); a post with no possessive ("Grafik
# Tasarımcı") is printed otherwise
OFFICE_NOUNS = {
    "Muhasebe Uzmanı": "muhasebe uzmanlığı",
    "Satış Temsilcisi": "satış temsilciliği",
    "İnsan Kaynakları Uzmanı": "insan kaynakları uzmanlığı",
    "Depo Sorumlusu": "depo sorumluluğu",
    "Proje Yöneticisi": "proje yöneticiliği",
    "Müşteri Temsilcisi": "müşteri temsilciliği",
    "Lojistik Planlama Uzmanı": "lojistik planlama uzmanlığı",
    "Elektrik Teknisyeni": "elektrik teknisyenliği",
}


def _ident(p: PartySpec) -> str:
    """What a party's bracket holds: its identifiers, and a company's tax office."""
    if p.person:
        ident = (
            f"{p.nationality} uyruklu, {p.passport} pasaport numaralı"
            if p.passport
            else f"T.C. Kimlik No: {p.tckn}"
        )
        return ident + _person_extra(p)
    mersis = f", MERSİS No: {p.mersis}" if p.mersis else ""
    return f"{p.tax_office} V.D., {p.vkn} vergi numaralı{mersis}"


def _person_extra(p: PartySpec) -> str:
    """A person's birth and SGK number where the spec has them."""
    extra = ""
    if p.birth_date:
        extra += f", Doğum Yeri / Tarihi: {p.birth_place} / {p.birth_date:%d.%m.%Y}"
    if p.sgk_no:
        extra += f", SGK Sicil No: {p.sgk_no}"
    return extra


def _reps(p: PartySpec, rng: random.Random) -> str:
    if not p.representatives:
        return ""
    people = " ve ".join(
        f"{r.title} {r.name}" + (f" (T.C. Kimlik No: {r.tckn})" if r.tckn else "")
        for r in p.representatives
    )
    return rng.choice((f" adına ve hesabına yetkili {people}", f" (şirketi temsilen {people})"))


def quoted_parties(spec: ContractSpec, rng: random.Random) -> str:
    """ "Bir tarafta; “ADRES” adresinde mukim (Kadıköy V.D., … vergi numaralı) X (işbu
    sözleşmede kısaca “Yüklenici” olarak anılacaktır) ile, Diğer tarafta; …" or the
    "merkezi … adresinde bulunan" form of telecom and software templates."""
    if not any(p.representatives for p in spec.parties) and rng.random() < 0.3:
        return named_after(spec, rng)
    merkezi = rng.random() < 0.4
    pieces = []
    for p in spec.parties:
        word = p.role_word if rng.random() < 0.5 else tr_upper(p.role_word)
        if merkezi:
            place = "merkezi " if not p.person else ""
            verb = "adresinde bulunan" if not p.person else "adresinde ikamet eden"
            pieces.append(
                f"{place}{p.address} {verb} ({_ident(p)}) {p.name}{_reps(p, rng)} "
                f"(Bundan böyle {word} olarak anılacaktır.)"
            )
        else:
            verb = rng.choice(("adresinde mukim", "adresinde yerleşik"))
            pieces.append(
                f"“{p.address}” {verb} ({_ident(p)}) {p.name}{_reps(p, rng)} "
                f"(işbu sözleşmede kısaca “{word}” olarak anılacaktır)"
            )
    first, second = pieces
    if merkezi:
        return f"İşbu Sözleşme, {first} ile {second} arasında imzalanmıştır."
    return (
        f"Bir tarafta; {first} ile, Diğer tarafta; {second} aşağıdaki koşullarda işbu "
        "sözleşmeyi imzalamışlardır."
    )


def named_after(spec: ContractSpec, rng: random.Random) -> str:
    """Both parties described in one sentence, their roles given after it by name: "Bu
    sözleşme, … adresinde ikamet eden (T.C. Kimlik No: …) X ile … Y arasında akdedilmiştir.
    Sözleşmede X “Kiraya Veren”, Y “Kiracı” olarak anılacaktır."."""
    first, second = (
        f"{p.address} {'adresinde ikamet eden' if p.person else 'adresinde bulunan'} "
        f"({_ident(p)}) {p.name}"
        for p in spec.parties
    )
    a, b = spec.parties
    return (
        f"Bu sözleşme, {first} ile {second} arasında akdedilmiştir. Sözleşmede {a.name} "
        f"“{a.role_word}”, {b.name} “{b.role_word}” olarak anılacaktır."
    )


def numbered_party_lines(p: PartySpec, number: int, rng: random.Random) -> list[str]:
    """ "1.1 Hizmet Alan: X", "Adres: …", "Vergi Dairesi / No: Kadıköy / 1234567890", the
    next party's item right after the number."""
    lines = [f"1.{number + 1} {p.role_word}: {p.name}", f"Adres: {p.address}"]
    if p.person:
        lines.append(f"Pasaport No: {p.passport}" if p.passport else f"T.C. Kimlik No: {p.tckn}")
        if p.birth_date:
            lines.append(f"Doğum Yeri / Tarihi: {p.birth_place} / {p.birth_date:%d.%m.%Y}")
        if p.sgk_no:
            lines.append(f"SGK Sicil No: {p.sgk_no}")
    else:
        if p.mersis:
            lines.append(f"MERSİS No: {p.mersis}")
        lines.append(f"Vergi Dairesi / No: {p.tax_office} / {p.vkn}")
    lines[2:2] = [
        f"Yetkili: {r.title} {r.name}" + (f", TCKN: {r.tckn}" if r.tckn else "")
        for r in p.representatives
    ]
    return lines


def bracketed_party_line(p: PartySpec, rng: random.Random) -> str:
    """ "İşveren: X A.Ş. (Vergi No: …, Kadıköy V.D.), Moda Mah. … / İSTANBUL. Şirketi temsilen
    Müdür Y." (a person: "İşçi: Y, T.C. Kimlik No: …, Moda Mah. …")."""
    if p.person:
        ident = f"Pasaport No: {p.passport}" if p.passport else f"T.C. Kimlik No: {p.tckn}"
        return f"{p.role_word}: {p.name}, {ident}, {p.address}{_person_extra(p)}."
    mersis = f", MERSİS No: {p.mersis}" if p.mersis else ""
    line = f"{p.role_word}: {p.name} (Vergi No: {p.vkn}, {p.tax_office} V.D.{mersis}), {p.address}."
    if p.representatives:
        people = " ve ".join(
            f"{r.title} {r.name}" + (f" (T.C. Kimlik No: {r.tckn})" if r.tckn else "")
            for r in p.representatives
        )
        line += f" Şirketi temsilen {people}."
    return line


def subject_predicate(spec: ContractSpec, rng: random.Random) -> str:
    """ "Sözleşmenin konusu, X'dir." or "İşbu Sözleşmenin konusunu, Yüklenici tarafından
    verilecek X kapsamında tarafların hak ve yükümlülüklerinin belirlenmesi oluşturmaktadır."."""
    service = spec.subject or ""
    giver = spec.parties[0].role_word
    return rng.choice(
        (
            f"Sözleşmenin konusu, {copula(service)}.",
            f"İşbu sözleşmenin konusu; {copula(service)}.",
            f"İşbu Sözleşmenin konusunu, {giver} tarafından verilecek {service} kapsamında "
            "tarafların hak ve yükümlülüklerinin belirlenmesi oluşturmaktadır.",
            f"Bu sözleşmenin konusu, {giver} tarafından sunulacak {service} ile ilgili "
            "esasların düzenlenmesidir.",
        )
    )


def office_predicate(spec: ContractSpec, rng: random.Random) -> str | None:
    """ "İşçinin görevi satış temsilciliğidir." (None for a post with no "-lik" noun here)."""
    noun = OFFICE_NOUNS.get(spec.subject or "") or OFFICE_NOUNS.get(
        next((k for k in OFFICE_NOUNS if tr_lower(k) == spec.subject), "")
    )
    if noun is None:
        return None
    return rng.choice(
        (
            f"İşçinin görevi {copula(noun)}.",
            f"İşçinin işyerindeki görevi {copula(noun)}.",
            f"İşçinin görevi {noun} olup işveren, ihtiyaç halinde işçiye benzer işler verebilir.",
        )
    )
