"""More wordings of the tuning style ``general_a``: parties in running prose, a guarantor,
the pay day, lease/employment start and end labels, the court clause and the place of
signing, each in several of the ways Turkish contracts print them.

The wordings are this module's own (written from common Turkish contract phrasing, not
from any other style of the generator); like ``samplegen.contracts.general`` they are
tuning material only.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from samplegen.casing import tr_lower
from samplegen.contracts.articles import locative
from samplegen.contracts.general_real import (
    PAY_RULES,
    bir_tarafta,
    court_halinde,
    guarantor_forms,
    pay_rule_sentence,
    reps_after_role,
    role_designation,
)
from samplegen.contracts.spec import ContractSpec, PartySpec

# "5" -> "5'inde" (locative), "5'ine" (dative) after a day of the month
_LOC = {1: "'inde", 5: "'inde", 7: "'sinde", 10: "'unda", 15: "'inde"}
_DAT = {1: "'ine", 5: "'ine", 7: "'sine", 10: "'una", 15: "'ine"}
_ORD = {1: "birinci", 5: "beşinci", 7: "yedinci", 10: "onuncu", 15: "on beşinci"}
When = Callable[[date], str]  # how a date is printed (drawn per date)


def _person(p: PartySpec, rng: random.Random, when: When) -> str:
    ident = (
        f"{p.nationality} uyruklu, pasaport no {p.passport}"
        if p.passport
        else rng.choice((f"T.C. Kimlik No {p.tckn}", f"TC kimlik numarası {p.tckn}"))
    )
    bits = [ident]
    if p.birth_date:
        bits.append(f"doğum yeri ve tarihi {p.birth_place} – {when(p.birth_date)}")
    if p.sgk_no:
        bits.append(f"SGK sicil no {p.sgk_no}")
    form = rng.randrange(3)
    if form == 0:
        return f"{p.name} ({', '.join(bits)}; adresi {p.address})"
    if form == 1:
        return f"{p.address} adresinde oturan {p.name} ({'; '.join(bits)})"
    return f"{', '.join(bits)} olan ve {p.address} adresinde ikamet eden {p.name}"


def _company(p: PartySpec, rng: random.Random) -> str:
    mersis = f", MERSİS No {p.mersis}" if p.mersis else ""
    text = rng.choice(
        (
            f"{p.name} ({p.tax_office} Vergi Dairesi, VKN {p.vkn}{mersis}; merkezi {p.address})",
            f"merkezi {p.address} adresinde bulunan, {p.tax_office} V.D. {p.vkn} vergi "
            f"numaralı{mersis.replace(',', ' ve', 1)} {p.name}",
        )
    )
    if p.representatives:
        people = " ile ".join(
            f"{r.title} {r.name}" + (f" (TCKN {r.tckn})" if r.tckn else "")
            for r in p.representatives
        )
        text += rng.choice((f" (şirketi temsile yetkili {people})", f", adına {people}"))
    return text


def party_prose(p: PartySpec, rng: random.Random, when: When) -> str:
    """One party in running prose with its role word, e.g. '… (bundan sonra “Kiracı”)'."""
    if not p.person and p.representatives and rng.random() < 0.35:
        return reps_after_role(p, rng.choice((f"(“{p.role_word}”)", role_designation(p, rng))), rng)
    intro = _person(p, rng, when) if p.person else _company(p, rng)
    role = rng.choice(
        (
            f"(işbu sözleşmede “{p.role_word}” olarak anılacaktır)",
            f"(“{p.role_word}”)",
            f"— {p.role_word} sıfatıyla —",
            role_designation(p, rng),
        )
    )
    return f"{intro} {role}"


def parties_prose(spec: ContractSpec, rng: random.Random, when: When) -> str:
    first, second = (party_prose(p, rng, when) for p in spec.parties)
    return rng.choice(
        (
            f"{first} ile {second} arasında aşağıdaki koşullarla işbu sözleşme yapılmıştır.",
            f"Taraflardan {first} bir taraf, {second} diğer taraf olarak aşağıdaki "
            "hususlarda anlaşmışlardır.",
            f"İşbu {tr_lower(spec.title)}; {first} ve {second} arasında imzalanmıştır.",
            bir_tarafta(first, second, rng),
        )
    )


def guarantor_sentence(spec: ContractSpec, rng: random.Random) -> str:
    g = spec.guarantor
    assert g is not None
    tenant = spec.parties[1].role_word
    return rng.choice(
        (
            f"{g.address} adresinde oturan {g.name} (TCKN {g.tckn}), {tenant} ile birlikte "
            "bu sözleşmeden doğan borçların tamamından müteselsil kefil olarak sorumludur.",
            f"Müşterek borçlu ve müteselsil kefil: {g.name}, T.C. Kimlik No {g.tckn}, "
            f"adresi {g.address}.",
            f"İşbu sözleşmeye {g.tckn} T.C. kimlik numaralı {g.name} ({g.address}) kefil "
            "sıfatıyla imza atmıştır.",
            *guarantor_forms(spec, rng),
        )
    )


def pay_day_sentence(spec: ContractSpec, rng: random.Random) -> str | None:
    d = spec.payment_day
    if spec.payment_rule in PAY_RULES:
        return pay_rule_sentence(spec, spec.payment_rule, rng)
    if not d:
        return None
    what = "Kira bedeli" if spec.kind.endswith("lease") else "Ücret"
    return rng.choice(
        (
            f"{what} her ayın {d}{_DAT[d]} kadar peşin olarak ödenir.",
            f"Ödeme günü: her ayın {d}. günü.",
            f"{what}, her ay {d}{_LOC[d]} banka hesabına yatırılır.",
            f"Aylık ödemeler ayın {_ORD[d]} gününe kadar yapılır.",
            f"{what} her ayın 1'i ile {d}{_DAT[d]} kadar ödenir."
            if d >= 5
            else f"{what} her ay başında, ayın {d}. günü ödenir.",
        )
    )


def labelled_term(spec: ContractSpec, rng: random.Random, when: When, duration: str) -> list[str]:
    """Start, term and end as labels, in the words of a lease or an employment form
    (``duration`` is unused for an indefinite employment contract)."""
    start, end = when(spec.start_date), when(spec.end_date) if spec.end_date else None
    if spec.kind.endswith("lease"):
        lines = [
            rng.choice(("Kira başlangıç tarihi", "Kira başlangıcı", "Kiranın başlangıcı"))
            + f": {start}",
            rng.choice(("Kira süresi", "Kira müddeti")) + f": {duration}",
        ]
        if end:
            lines.append(
                rng.choice(("Kira bitiş tarihi", "Kiranın sona ereceği tarih")) + f": {end}"
            )
        return lines
    lines = [rng.choice(("İşe başlama tarihi", "Başlangıç tarihi")) + f": {start}"]
    lines.append(
        f"Sözleşmenin süresi {duration}dır."
        if spec.term_months
        else "İş sözleşmesi belirsiz süreli olarak yapılmıştır."
    )
    if end:
        lines.append(rng.choice(("Bitiş tarihi", "Sona erme tarihi")) + f": {end}")
    return [ln for ln in lines if ln]


def court_sentence(spec: ContractSpec, rng: random.Random) -> str:
    return rng.choice(
        (
            f"Uyuşmazlıklarda {spec.court} yetkilidir.",
            f"İşbu sözleşmeden doğabilecek ihtilafların çözümünde {spec.court} yetkili "
            "kılınmıştır.",
            f"Taraflar arasında çıkabilecek her türlü anlaşmazlıkta {spec.court} görevli ve "
            "yetkilidir.",
            f"Yetkili mahkeme: {spec.court}",
            court_halinde(spec, rng),
        )
    )


# arbitral institutions named as the forum instead of a court (the name as printed is the
# truth's governing_court)
ARBITRATION = (
    "İstanbul Tahkim Merkezi",
    "İstanbul Tahkim Merkezi (ISTAC)",
    "İstanbul Tahkim Merkezi (İSTAÇ)",
    "İstanbul Ticaret Odası Tahkim ve Arabuluculuk Merkezi",
    "Türkiye Odalar ve Borsalar Birliği Tahkim Divanı",
    "Ankara Ticaret Odası Tahkim Merkezi",
)


def is_arbitration(forum: str) -> bool:
    return "Tahkim" in forum or forum.isupper()  # "ISTAC": the institution's letters


def arbitration_sentence(spec: ContractSpec, rng: random.Random) -> str:
    """The forum is an arbitral institution: its rules, the seat and the language."""
    forum = spec.court
    seat = rng.choice(("", f" Tahkim yeri {spec.place}, tahkim dili Türkçedir."))
    return rng.choice(
        (
            f"İşbu sözleşmeden doğan veya bu sözleşme ile bağlantılı olan bütün uyuşmazlıklar "
            f"{forum} Tahkim Kuralları uyarınca tahkim yoluyla nihai olarak çözümlenecektir."
            + seat,
            f"Taraflar arasında çıkabilecek uyuşmazlıklar {forum} nezdinde, Merkezin "
            "kuralları uyarınca atanacak tek hakem tarafından çözümlenecektir." + seat,
            f"Bu sözleşmeden doğacak her türlü ihtilafın çözümünde {forum} yetkilidir; "
            "hakem kararı kesin olup taraflar için bağlayıcıdır." + seat,
            f"Uyuşmazlıklar, {forum} Tahkim Kurallarına göre üç hakemli tahkim yoluyla "
            "çözülecektir." + seat,
        )
    )


def signing_text(spec: ContractSpec, rng: random.Random, when: str, clauses: int) -> str:
    place = spec.place
    return rng.choice(
        (
            f"İşbu sözleşme {when} tarihinde {locative(place)} iki nüsha olarak imzalanmıştır.",
            f"Düzenleme Tarihi: {when}\nDüzenleme Yeri: {place}",
            f"{clauses} maddeden ibaret işbu sözleşme {when} tarihinde {place} ilinde "
            "taraflarca okunarak imza altına alınmıştır.",
            f"Tanzim yeri ve tarihi: {place} – {when}",
            f"İmza yeri: {place}    İmza tarihi: {when}",
            f"{place}, {when}",
        )
    )


__all__ = [
    "ARBITRATION",
    "arbitration_sentence",
    "court_sentence",
    "guarantor_sentence",
    "is_arbitration",
    "labelled_term",
    "parties_prose",
    "pay_day_sentence",
    "signing_text",
]
