"""Tuning material in the style ``general_d``: the structures of still other published templates.

Read for their structure (never copied) from public Turkish lease, employment, lawyer-fee,
sale and consultancy templates that ``general_a`` and ``general_c`` do not model: the
parties side by side in one boxed table ("| KİRAYA VEREN | KİRACI" over rows "Adı Soyadı
/ Unvanı", "TCKN / VKN", "Adresi"); lettered label blocks under a caption ("(İŞ SAHİBİ)
MÜVEKKİL", "a) Adı Soyadı : …"); three-level numbering ("1.1. KİRAYA VEREN", "1.1.1. Adı
Soyadı : …", "5.1.1. Aylık kira bedeli …"); the amount in words before the figures
("yalnız onbeşbin Türk Lirası (15.000,00 TL)'dir"); dates as "1 Ocak 2026", "1 Ocak 2026
Perşembe" or "2026 yılı Ocak ayının 1'i"; a term "bir (1) yıl"; the roles in capitals in
the running text (İŞVEREN, İŞÇİ, ALICI, SATICI, MÜVEKKİL); a personal-data (KVKK) clause
that names the special categories without holding any; and signature blocks with "Kaşe /
İmza". The sentences are this module's own; tuning material only
(``python -m samplegen.contracts.corpus OUT --split tune_d``).
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date

from samplegen.casing import tr_upper
from samplegen.contracts.articles import locative
from samplegen.contracts.compose import Block, Grid, Para, Signatures, Title, _heading
from samplegen.contracts.general import _distractors, general_spec
from samplegen.contracts.general_parts import arbitration_sentence, is_arbitration
from samplegen.contracts.general_real import PAY_RULES, dative, genitive
from samplegen.contracts.general_wordings import (
    SPECIAL_CLAUSES,
    kdv_added,
    probation_sentence,
    special_lines,
)
from samplegen.contracts.prose import SPECIAL_HEADINGS, amount_text
from samplegen.contracts.spec import ContractSpec, PartySpec
from samplegen.contracts.wording import Wording, small_words
from samplegen.formats import MONTHS
from samplegen.identifiers import format_iban
from samplegen.words import number_words

STYLE = "general_d"
WORDS_FORMS = ("yalniz_first", "yalniz_first", "words_first", "paren", "yalniz")
_WEEKDAYS = ("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar")
# the possessive after a number, by its last word: "1'i", "2'si", "10'u", "20'si", "30'u"
_UNIT_SUFFIX = {0: "", 1: "i", 2: "si", 3: "ü", 4: "ü", 5: "i", 6: "sı", 7: "si", 8: "i", 9: "u"}
_TEN_SUFFIX = {10: "u", 20: "si", 30: "u"}
# a mandate's agent as lawyer-fee templates name it
_AGENT_WORDS = ("Avukat", "Vekil")


def general_d_spec(rng: random.Random, index: int) -> ContractSpec:
    """The ``index``-th contract of ``general_a``'s kinds, printed in this style's templates."""
    spec = general_spec(rng, index)
    layout = "article" if spec.layout == "matbu" else spec.layout
    parties = spec.parties
    if spec.kind == "agency":
        parties = (parties[0], replace(parties[1], role_word=rng.choice(_AGENT_WORDS)))
    return replace(
        spec,
        style=STYLE,
        layout=layout,
        parties=parties,
        words_form=rng.choice(WORDS_FORMS),
        numbering=rng.choice(("madde", "madde_upper", "decimal", "madde_split")),
    )


def possessive(n: int) -> str:
    """1 → "1'i", 7 → "7'si", 10 → "10'u", 20 → "20'si", 23 → "23'ü"."""
    suffix = _UNIT_SUFFIX[n % 10] if n % 10 else _TEN_SUFFIX[n]
    return f"{n}'{suffix}"


def when_d(d: date, rng: random.Random) -> str:
    """ "1 Ocak 2026", "1 Ocak 2026 Perşembe", "01/01/2026", "2026 yılı Ocak ayının 1'i"."""
    month = MONTHS[d.month - 1]
    form = rng.choice(("long", "weekday", "slash", "ayinin", "upper"))
    if form == "long":
        return f"{d.day} {month} {d.year}"
    if form == "weekday":
        return f"{d.day} {month} {d.year} {_WEEKDAYS[d.weekday()]}"
    if form == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if form == "upper":
        return f"{d.day:02d} {tr_upper(month)} {d.year}"
    return f"{d.year} yılı {month} ayının {possessive(d.day)}"


def duration_d(months: int, rng: random.Random) -> str:
    """ "bir (1) yıl", "on iki (12) ay", "1 (bir) yıl"."""
    n, unit = (months // 12, "yıl") if months % 12 == 0 and rng.random() < 0.7 else (months, "ay")
    words = " ".join(number_words(n))
    return f"{words} ({n}) {unit}" if rng.random() < 0.7 else f"{n} ({small_words(n)}) {unit}"


def _role(p: PartySpec) -> str:
    return tr_upper(p.role_word)


# ------------------------------------------------------------------------------ parties


def _id_value(p: PartySpec) -> str:
    if p.person:
        return p.passport or p.tckn or "-"
    return p.vkn or "-"


def _grid(spec: ContractSpec, rng: random.Random, w: Wording) -> Grid:
    """The two parties side by side: every row a label, then one cell per party."""
    a, b = spec.parties
    name = rng.choice(("Adı Soyadı / Unvanı", "Ad Soyad / Ticaret Unvanı", "Adı Soyadı / Unvan"))
    rows: list[tuple[str, ...]] = [(name, a.name, b.name)]
    passport = any(p.passport for p in (a, b))
    ids = ("TCKN / VKN", "T.C. Kimlik No / Vergi No")
    label = "TCKN / Pasaport No / VKN" if passport else rng.choice(ids)
    rows.append((label, _id_value(a), _id_value(b)))
    if any(p.passport for p in (a, b)):
        rows.append(("Uyruğu", *(p.nationality or "T.C." for p in (a, b))))
    if any(not p.person for p in (a, b)):
        rows.append(("Vergi Dairesi", *(p.tax_office or "-" for p in (a, b))))
        if any(p.mersis for p in (a, b)):
            rows.append(("MERSİS No", *(p.mersis or "-" for p in (a, b))))
    if any(p.representatives for p in (a, b)):
        rows.append(("Temsilcisi", *(_reps(p) for p in (a, b))))
    if any(p.birth_date for p in (a, b)):
        rows.append(("Doğum Yeri / Tarihi", *(
            f"{p.birth_place} / {w.date(p.birth_date)}" if p.birth_date else "-" for p in (a, b)
        )))  # fmt: skip
    if any(p.sgk_no for p in (a, b)):
        rows.append(("SGK Sicil No", *(p.sgk_no or "-" for p in (a, b))))
    worker = b.person and spec.kind.startswith("employment")
    if worker and rng.random() < 0.35:  # "Dini", "Kan Grubu" copied from the identity card
        extra, printed = special_lines(rng)
        for line in extra:
            label, value = (part.strip() for part in line.split(":", 1))
            rows.append((label, "-", value))
        w.printed.update(f"special_categories.{key}" for key in printed)
    rows.append((rng.choice(("Adresi", "Tebligat Adresi", "Adres")), a.address, b.address))
    return Grid(("", _role(a), _role(b)), tuple(rows))


def _reps(p: PartySpec) -> str:
    if not p.representatives:
        return "-"
    return "; ".join(
        f"{r.name} ({r.title}{', T.C. ' + r.tckn if r.tckn else ''})" for r in p.representatives
    )


def _label_lines(p: PartySpec, rng: random.Random, w: Wording) -> list[tuple[str, str]]:
    """(label, value) pairs of one party, in the order the templates print them."""
    pairs = [(rng.choice(("Adı Soyadı / Unvanı", "Adı Soyadı", "Ad Soyad / Unvan"))
              if p.person else rng.choice(("Unvanı", "Ticaret Unvanı", "Adı Soyadı / Unvanı")),
              p.name)]  # fmt: skip
    if p.person and p.passport:
        pairs += [("Uyruğu", p.nationality or ""), ("Pasaport No", p.passport)]
    elif p.person:
        pairs.append((rng.choice(("TCKN / VKN", "T.C. Kimlik No", "TCKN")), p.tckn or ""))
    else:
        if rng.random() < 0.5:
            pairs.append(("Vergi Dairesi / No", f"{p.tax_office} / {p.vkn}"))
        else:
            pairs += [("Vergi Dairesi", p.tax_office or ""), ("TCKN / VKN", p.vkn or "")]
        if p.mersis:
            pairs.append(("MERSİS No", p.mersis))
        for r in p.representatives:
            tckn = f", T.C. Kimlik No: {r.tckn}" if r.tckn else ""
            pairs.append(("Yetkilisi", f"{r.name} ({r.title}{tckn})"))
    if p.birth_date:
        pairs.append(("Doğum Yeri / Tarihi", f"{p.birth_place} / {w.date(p.birth_date)}"))
    if p.sgk_no:
        pairs.append(("SGK Sicil No", p.sgk_no))
    pairs.append((rng.choice(("Adresi", "İkametgâh Adresi", "Tebligat Adresi")), p.address))
    return pairs


def _lettered(p: PartySpec, number: int, rng: random.Random, w: Wording) -> list[str]:
    """ "(İŞ SAHİBİ) MÜVEKKİL" or "A) KİRAYA VEREN", then "a) Adı Soyadı : …" lines."""
    role = _role(p)
    caption = rng.choice((role, f"{'AB'[number]}) {role}", f"{role}:", f"{role}NIN BİLGİLERİ"
                          if role.endswith(("I", "İ")) else f"{role} BİLGİLERİ"))  # fmt: skip
    mark = rng.choice(("{})", "{}-", "{}."))
    pad = rng.choice((" : ", ": ", "\t: "))
    lines = [caption]
    for k, (label, value) in enumerate(_label_lines(p, rng, w)):
        lines.append(f"{mark.format('abcdefghij'[k])} {label}{pad}{value}")
    return lines


def _numbered(p: PartySpec, number: int, rng: random.Random, w: Wording) -> list[str]:
    """ "1.1. KİRAYA VEREN", then "1.1.1. Adı Soyadı : …" (three-level numbering)."""
    head = f"1.{number + 1}."
    lines = [f"{head} {_role(p)}"]
    for k, (label, value) in enumerate(_label_lines(p, rng, w), start=1):
        lines.append(f"{head}{k}. {label} : {value}")
    return lines


# ------------------------------------------------------------------------------ clauses


def _term(spec: ContractSpec, rng: random.Random) -> list[str]:
    if spec.kind == "sale":
        return []
    start = when_d(spec.start_date, rng)
    worker = _role(spec.parties[1])
    if spec.term_months is None:
        return [rng.choice((
            f"İşbu sözleşme belirsiz süreli olup {worker}'nin işe başlama tarihi {start}'dir."
            if worker.endswith("İ") else
            f"İşbu sözleşme belirsiz süreli olup işe başlama tarihi {start} olarak belirlenmiştir.",
            f"3.1. Sözleşmenin türü : Belirsiz süreli\n3.2. İşe başlama tarihi : {start}",
        ))]  # fmt: skip
    dur = duration_d(spec.term_months, rng)
    if spec.end_date is None:
        return [rng.choice((
            f"Sözleşmenin süresi {start} tarihinden başlamak üzere {dur}dır.",
            f"İşbu sözleşme {start} tarihinden itibaren {dur} süre ile geçerlidir.",
            f"Süre : {dur}\nBaşlangıç : {start}",
        ))]  # fmt: skip
    end = when_d(spec.end_date, rng)
    return [rng.choice((
        f"İşbu sözleşme {start} tarihinden itibaren {dur} süre ile geçerli olup {end} "
        "tarihinde kendiliğinden sona erer.",
        f"Sözleşme süresi {dur} olup başlangıç tarihi {start}, bitiş tarihi {end} olarak "
        "belirlenmiştir.",
        f"3.1. Başlangıç Tarihi : {start}\n3.2. Bitiş Tarihi : {end}\n3.3. Süresi : {dur}",
    ))]  # fmt: skip


def _pay_day(spec: ContractSpec, rng: random.Random, w: Wording) -> str | None:
    what = "Kira bedeli" if spec.kind.endswith("lease") else "Ücret"
    payee = _role(spec.parties[0])
    if spec.payment_rule in PAY_RULES:
        w.printed.add("payment_day_rule")
        return f"{what}, her ayın {PAY_RULES[spec.payment_rule][1]} {payee} hesabına ödenir."
    d = spec.payment_day
    if not d:
        return None
    return rng.choice((
        f"{what} her ayın {possessive(d)}ne kadar peşin olarak ödenir.",
        f"{what}, her ayın {d}. gününe kadar {payee} adına açılmış banka hesabına yatırılır.",
        f"Ödeme günü : her ayın {d}. günü",
    ))  # fmt: skip


def _price(spec: ContractSpec, rng: random.Random, money: str) -> list[str]:
    if spec.kind == "nda":
        return []
    if spec.kind.endswith("lease"):
        return [rng.choice((
            f"Aylık kira bedeli {money}'dir.",
            f"Aylık kira bedeli : {money}",
            f"{_role(spec.parties[1])}, aylık {money} kira bedeli ödemeyi kabul eder.",
        ))]  # fmt: skip
    if spec.kind.startswith("employment"):
        return [rng.choice((
            f"{dative(_role(spec.parties[1]))} aylık brüt {money} ücret ödenir.",
            f"Aylık brüt ücret : {money}",
        ))]  # fmt: skip
    if spec.kind == "agency":
        return [f"Sözleşilen ücret : {money}"]
    if spec.kind == "sale":
        return [f"Satış bedeli {money} olup ALICI tarafından SATICI'ya peşin ödenmiştir."]
    period = {"monthly": "aylık", "yearly": "yıllık", "one_off": "toplam"}[spec.amount_period]
    if spec.kdv_rate is not None:
        return [kdv_added(money, period, spec.kdv_rate, rng)]
    kdv = "" if spec.kdv_included is None else " (KDV dahil)" if spec.kdv_included else " + KDV"
    return [f"Hizmet bedeli {period} {money}{kdv} olarak kararlaştırılmıştır."]


def _subject(spec: ContractSpec, rng: random.Random) -> tuple[str, str]:
    a, b = (_role(p) for p in spec.parties)
    if spec.kind == "nda":
        return "Sözleşmenin Konusu", (
            f"İşbu sözleşmenin konusu, {a} tarafından paylaşılacak gizli bilgilerin {b} "
            "tarafından korunmasıdır."
        )
    if spec.kind == "agency":
        return "Hukuki Yardımın Konusu", f"{genitive(a)} davasının {b} tarafından takibidir."
    if spec.kind == "sale":
        return "Satışa Konu Taşınmaz", (
            f"{spec.property_address} adresindeki {spec.property_kind} niteliğindeki taşınmaz."
        )
    if spec.kind.endswith("lease"):
        return "Kiralanan", rng.choice((
            f"Kiralananın adresi : {spec.property_address}\nKiralananın cinsi : "
            f"{spec.property_kind}",
            f"{spec.property_address} adresindeki {spec.property_kind}, {b} tarafından "
            f"{'mesken' if spec.kind == 'residential_lease' else 'işyeri'} olarak kullanılmak "
            "üzere kiralanmıştır.",
        ))  # fmt: skip
    if spec.kind.startswith("employment"):
        return "İşin Tanımı", rng.choice((
            f"{b}, {dative(a)} ait işyerinde {spec.subject} olarak çalışacaktır.",
            f"Görevi : {spec.subject}",
        ))  # fmt: skip
    return "Sözleşmenin Konusu", f"{a}, {b} için {spec.subject} işini yapacaktır."


def _kvkk(spec: ContractSpec, rng: random.Random) -> str:
    """A personal-data clause that names the special categories without holding any."""
    person = next((p for p in reversed(spec.parties) if p.person), spec.parties[1])
    who = _role(person)
    return rng.choice((
        f"{who}, kişisel verilerinin 6698 sayılı Kişisel Verilerin Korunması Kanunu uyarınca "
        "işleneceği konusunda aydınlatılmıştır; sağlık, din ve kan grubu gibi özel nitelikli "
        "kişisel veriler yalnızca Kanun'un 6. maddesinde sayılan hallerde işlenir.",
        f"Taraflar, {dative(who)} ait kişisel verileri KVKK'ya uygun olarak işleyeceklerini; özel "
        "nitelikli kişisel verileri (ırk, din, sağlık, biyometrik veri) açık rıza olmaksızın "
        "işlemeyeceklerini kabul ederler.",
    ))  # fmt: skip


def _court(spec: ContractSpec, rng: random.Random) -> str:
    if is_arbitration(spec.court):
        return arbitration_sentence(spec, rng)
    return rng.choice((
        f"İşbu sözleşmeden doğacak uyuşmazlıklarda {spec.court} yetkilidir.",
        f"Yetkili Mahkeme : {spec.court}",
    ))  # fmt: skip


def _guarantor(spec: ContractSpec, rng: random.Random) -> list[str]:
    g = spec.guarantor
    assert g is not None
    return rng.choice((
        [f"{g.name} (T.C. Kimlik No: {g.tckn}), {g.address} adresinde mukim olup işbu "
         "sözleşmeden doğan borçlara müteselsil kefil olmuştur."],
        ["MÜTESELSİL KEFİL", f"a) Adı Soyadı : {g.name}", f"b) TCKN : {g.tckn}",
         f"c) Adresi : {g.address}"],
    ))  # fmt: skip


def _closing(spec: ContractSpec, rng: random.Random, count: int) -> tuple[str, str | None]:
    """(the closing paragraph, the place/date line above the signatures or None)."""
    when = when_d(spec.contract_date, rng)
    place = spec.place
    shape = rng.random()
    if shape < 0.4:
        return (f"İşbu sözleşme {count} ({small_words(count)}) maddeden ibaret olup {when} "
                f"tarihinde {locative(place)} iki (2) nüsha olarak imza altına alınmıştır.",
                None)  # fmt: skip
    if shape < 0.7:
        return (f"{count} maddeden oluşan işbu sözleşme taraflarca okunarak imzalanmıştır.",
                f"Tanzim Tarihi : {when}\nTanzim Yeri : {place}")  # fmt: skip
    return (f"İşbu sözleşme {when} tarihinde {locative(place)} düzenlenmiştir.", None)


# ------------------------------------------------------------------------------ compose


def compose_general_d(spec: ContractSpec, rng: random.Random) -> tuple[list[Block], Wording]:
    w = Wording(rng, spec.currency, spec.date_style, spec.words_style)
    blocks: list[Block] = [Title(spec.title)]
    blocks.append(_heading(spec, 1, rng.choice(("Taraflar", "Sözleşmenin Tarafları")), None, rng))
    shape = rng.random()
    if shape < 0.4:
        blocks.append(_grid(spec, rng, w))
    else:
        maker = _lettered if shape < 0.7 else _numbered
        for number, p in enumerate(spec.parties):
            blocks.extend(Para(line) for line in maker(p, number, rng, w))
    sections: list[tuple[str, list[str]]] = []
    heading, subject = _subject(spec, rng)
    sections.append((heading, subject.split("\n")))
    if term := _term(spec, rng):
        sections.append(("Süre", term[0].split("\n")))
    money, _ = amount_text(w, spec.words_form, spec.amount, spec.amount_words)
    pay = _price(spec, rng, money)
    if pay and (day := _pay_day(spec, rng, w)):
        pay.append(day)
    if spec.deposit is not None:
        deposit, _ = amount_text(w, spec.words_form, spec.deposit)
        tenant = _role(spec.parties[1])
        pay.append(
            rng.choice((f"Depozito : {deposit}", f"{tenant}, {deposit} depozito vermiştir."))
        )
    if spec.iban:
        pay.append(f"Ödemeler {format_iban(spec.iban)} IBAN numaralı hesaba yapılır.")
    if pay:
        number = len(sections) + 2
        if rng.random() < 0.6:  # "5.1. Bedel", "5.1.1. …", "5.1.2. …"
            lines = [f"{number}.1. {rng.choice(('Bedel', 'Ücret ve Ödeme'))}"]
            lines += [f"{number}.1.{i}. {text}" for i, text in enumerate(pay, start=1)]
        else:
            lines = [f"{number}.{i}. {text}" for i, text in enumerate(pay, start=1)]
        sections.append(("Bedel ve Ödeme Koşulları", lines))
    if spec.probation_months:
        sections.append(("Deneme Süresi", [probation_sentence(spec.probation_months, rng)]))
    if spec.special_clause:
        text = rng.choice(SPECIAL_CLAUSES[spec.special_clause]).format(rate=rng.choice((40, 60)))
        text = re.sub(r"^İşçi(?=[\s,])", "İŞÇİ", re.sub(r"^İşçinin\b", "İŞÇİ'nin", text))
        sections.append((rng.choice(SPECIAL_HEADINGS), [text]))
    kvkk = spec.kind.startswith("employment") or (spec.kind == "service" and rng.random() < 0.5)
    if kvkk and rng.random() < 0.7:
        sections.append(("Kişisel Verilerin Korunması", [_kvkk(spec, rng)]))
    sections.append(("Diğer Hükümler", _distractors(spec, rng)))
    if spec.penalty is not None:
        pen, _ = amount_text(w, spec.words_form, spec.penalty)
        sections.append(("Cezai Şart", [f"Sözleşmeye aykırı davranan taraf {pen} cezai şart "
                                        "öder."]))  # fmt: skip
    if spec.notice_days and spec.kind not in ("sale", "nda"):
        sections.append(("Fesih", [f"Taraflar {spec.notice_days} gün önceden yazılı olarak "
                                   "bildirmek kaydıyla sözleşmeyi feshedebilir."]))  # fmt: skip
    if spec.guarantor is not None:
        sections.append(("Kefalet", _guarantor(spec, rng)))
    sections.append(("Yetkili Mahkeme", [_court(spec, rng)]))
    for number, (head, paragraphs) in enumerate(sections, start=2):
        blocks.append(_heading(spec, number, head, None, rng))
        blocks.extend(Para(text) for text in paragraphs)
    closing, place_date = _closing(spec, rng, len(sections) + 1)
    blocks.append(Para(closing))
    label = rng.choice(("Kaşe / İmza", "Kaşe/İmza", "İmza", "Ad Soyad / İmza"))
    blocks.append(Signatures(spec.parties, place_date, label))
    return blocks, w


__all__ = ["STYLE", "compose_general_d", "general_d_spec", "possessive", "when_d"]
