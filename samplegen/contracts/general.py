"""Tuning material beyond the lease/employment/service templates (style ``general_a``).

More contract types (gizlilik/NDA, vekâlet, satış besides kira, hizmet and iş), other
wordings of the term ("… tarihinden itibaren 1 (bir) yıl süreyle", "süresi … ay",
"belirsiz süreli", "imzalandığı tarihte yürürlüğe girer"), every Turkish date form
(12.03.2025, 12/03/2025, 12-03-2025, 2025-03-12, 12 Mart 2025, "on iki Mart iki bin yirmi
beş" alone or after the figures), and dates that are *not* the end of the term (a payment
due date, a renewal notice deadline, a handover, a rent increase, an earlier protocol),
so the rules must pick the end by its cue. A lease is printed now and then on the stationery
form ("matbu" Kira Kontratı, ``samplegen.contracts.general_matbu``), and a term now and then
in the wordings of published templates. When only a duration is printed the truth holds
no end date (the reader may derive one and mark it derived). The wordings are this
module's own, written from common Turkish contract phrasing; they are tuning material only
(``python -m samplegen.contracts.corpus OUT --split tune_general``).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from samplegen.casing import tr_lower, tr_upper
from samplegen.contracts.articles import locative, party_item, party_table
from samplegen.contracts.compose import (
    EXTRA_TEXT,
    Block,
    Para,
    Section,
    Signatures,
    Table,
    Title,
    _heading,
)
from samplegen.contracts.general_forms import (
    court_mukim,
    fee_lines,
    job_lines,
    parties_mukim,
    party_lines,
)
from samplegen.contracts.general_matbu import GENERAL_TERMS, matbu_rows, real_term
from samplegen.contracts.general_parts import (
    ARBITRATION,
    arbitration_sentence,
    court_sentence,
    guarantor_sentence,
    is_arbitration,
    labelled_term,
    parties_prose,
    pay_day_sentence,
    signing_text,
)
from samplegen.contracts.general_real import (
    PAY_RULES,
    address_first,
    matbu_party_line,
    nda_lines,
    plain,
    property_sentence,
    role_label_prose,
    role_line,
    subject_sentence,
    term_olup,
    yearly_then_monthly,
)
from samplegen.contracts.general_templates import (
    bracketed_party_line,
    numbered_party_lines,
    office_predicate,
    quoted_parties,
    subject_predicate,
)
from samplegen.contracts.general_wordings import (
    ARBITRATION_LETTERS,
    SPECIAL_CLAUSES,
    deposit_sentence,
    iban_sentence,
    indefinite_term,
    job_predicate,
    kdv_added,
    pay_day_more,
    probation_sentence,
    special_lines,
)
from samplegen.contracts.prose import SPECIAL_HEADINGS, amount_text
from samplegen.contracts.spec import ContractSpec, add_months, random_contract_spec
from samplegen.contracts.variation import as_sale, vary
from samplegen.contracts.wording import Wording, small_words
from samplegen.formats import MONTHS, format_date
from samplegen.identifiers import format_iban
from samplegen.words import number_words

STYLE = "general_a"
KINDS = (
    "residential_lease",
    "nda",
    "employment_fixed",
    "agency",
    "commercial_lease",
    "sale",
    "employment_indefinite",
    "service",
)
_ROLES = {  # kind -> (role, printed word) of each party
    "nda": (("açıklayan taraf", "Açıklayan Taraf"), ("bilgiyi alan", "Bilgiyi Alan")),
    "agency": (("müvekkil", "Müvekkil"), ("vekil", "Vekil")),
}
_TITLES = {
    "nda": ("GİZLİLİK SÖZLEŞMESİ", "GİZLİLİK VE BİLGİ PAYLAŞIMI SÖZLEŞMESİ"),
    "agency": ("VEKÂLET SÖZLEŞMESİ", "AVUKATLIK VEKÂLET SÖZLEŞMESİ"),
}


def words_date(d: date) -> str:
    """12.03.2025 → "on iki Mart iki bin yirmi beş"."""
    return f"{' '.join(number_words(d.day))} {MONTHS[d.month - 1]} {' '.join(number_words(d.year))}"


def date_text(d: date, rng: random.Random) -> str:
    """One date in one of the forms Turkish contracts print."""
    form = rng.choice(
        ("dot", "slash", "dash", "iso", "long", "long_upper", "words", "both", "unpadded",
         "year_month_day")
    )  # fmt: skip
    if form == "year_month_day":  # "2025 yılı Şubat ayının 15. günü"
        return year_month_day(d, rng)
    if form in ("dot", "slash", "dash", "long"):
        return format_date(d, form)
    if form == "unpadded":  # "1.3.2025"
        return f"{d.day}.{d.month}.{d.year}"
    if form == "iso":
        return d.isoformat()
    if form == "long_upper":
        return f"{d.day} {tr_upper(MONTHS[d.month - 1])} {d.year}"
    if form == "words":
        return words_date(d)
    return f"{format_date(d, 'dot')} ({words_date(d)})"


# the ordinal suffix after a day number's apostrophe: 1'inci, 2'nci, 3'üncü, 6'ncı, 9'uncu
_ORDINAL_SUFFIX = {0: "uncu", 1: "inci", 2: "nci", 3: "üncü", 4: "üncü", 5: "inci", 6: "ncı",
                   7: "nci", 8: "inci", 9: "uncu"}  # fmt: skip


def year_month_day(d: date, rng: random.Random) -> str:
    """ "2025 yılı Şubat ayının 15. günü", "2025 yılının Mart ayının 3'üncü günü"
    (formal and notarial contracts; followed by "tarihinde" or not)."""
    year = rng.choice(("yılı", "yılının", "senesi"))
    if d.day % 10 == 0 and d.day != 10:  # 20'nci, 30'uncu
        suffix = {20: "nci", 30: "uncu"}[d.day]
    else:
        suffix = _ORDINAL_SUFFIX[d.day % 10 if d.day != 10 else 0]
    day = rng.choice((f"{d.day}.", f"{d.day}'{suffix}"))
    return f"{d.year} {year} {MONTHS[d.month - 1]} ayının {day} günü"


def _duration(months: int, rng: random.Random) -> str:
    """ "1 (bir) yıl", "bir (1) yıl", "12 (oniki) ay", "24 ay", "on iki ay"."""
    n, unit = (months // 12, "yıl") if months % 12 == 0 and rng.random() < 0.6 else (months, "ay")
    words = rng.choice((small_words(n), " ".join(number_words(n))))
    form = rng.choice(("digits_words", "words_digits", "digits", "words"))
    if form == "digits_words":
        return f"{n} ({words}) {unit}"
    if form == "words_digits":
        return f"{words} ({n}) {unit}"
    if form == "words":
        return f"{words} {unit}"
    return f"{n} {unit}"


def general_spec(rng: random.Random, index: int) -> ContractSpec:
    """The ``index``-th kind of ``KINDS`` drawn with the tuning wordings of the article style."""
    kind = KINDS[index % len(KINDS)]
    base = {"nda": "service", "agency": "service", "sale": "residential_lease"}.get(kind, kind)
    spec = vary(random_contract_spec(rng, base), rng, "article_a")
    if kind == "sale" and spec.kind != "sale":
        spec = as_sale(spec, rng)
    elif kind in _ROLES:
        parties = tuple(
            replace(p, role=role, role_word=word)
            for p, (role, word) in zip(spec.parties, _ROLES[kind], strict=True)
        )
        term = rng.choice((12, 24, 36, 60)) if kind == "nda" else rng.choice((6, 12))
        spec = replace(
            spec,
            kind=kind,
            title=rng.choice(_TITLES[kind]),
            parties=parties,
            term_months=term,
            end_date=add_months(spec.start_date, term) if rng.random() < 0.5 else None,
            amount_period="one_off",
            kdv_included=None,
            kdv_rate=None,
            payment_day=None,
            penalty=spec.penalty if kind == "nda" else None,
            notice_days=None if kind == "nda" else spec.notice_days,
            subject=None,
        )
    if spec.term_months and rng.random() < 0.2 and kind not in ("sale",):
        # "imzalandığı tarihte yürürlüğe girer": the start is the signing date
        start = spec.contract_date
        end = add_months(start, spec.term_months) if spec.end_date else None
        spec = replace(spec, start_date=start, end_date=end)
    if spec.kind.startswith("employment") and spec.subject and rng.random() < 0.3:
        # the job title in lower case ("satış temsilcisi olarak çalışacaktır")
        spec = replace(spec, subject=tr_lower(spec.subject))
    if kind in ("service", "nda", "agency", "sale") and rng.random() < 0.25:
        # a commercial contract names an arbitral institution as the forum
        spec = replace(spec, court=rng.choice(ARBITRATION + ARBITRATION_LETTERS))
    if spec.kind.endswith("lease") and rng.random() < 0.3:  # the stationery form ("matbu")
        title = rng.choice(("KİRA KONTRATI", "KİRA SÖZLEŞMESİ", "KİRA MUKAVELENAMESİ", spec.title))
        spec = replace(spec, layout="matbu", title=title)
    if rng.random() < 0.3:
        spec = replace(
            spec,
            words_form=rng.choice(
                ("sign_after", "dot_dash", "rakam_yazi", "hash_dash", "slash", "bracket")
            ),
        )
    pay_rule = spec.payment_day is not None and rng.random() < 0.25
    if pay_rule:
        spec = replace(spec, payment_day=None)
    employment = spec.kind.startswith("employment")
    # a probation clause and a worker's health or disability clause, now and then
    probation = spec.probation_months if employment and rng.random() < 0.5 else None
    special = rng.choice(("health", "disability")) if employment and rng.random() < 0.3 else None
    lease = spec.kind.endswith("lease") and spec.layout != "matbu"
    deposit = spec.deposit if lease and rng.random() < 0.5 else None
    payee = lease or spec.kind == "service"
    iban = spec.iban if payee and rng.random() < 0.35 else None
    added = spec.kind == "service" and spec.kdv_included is False and rng.random() < 0.4
    # what this style does not print (other styles cover them)
    return replace(
        spec,
        probation_months=probation,
        special_clause=special,
        style=STYLE,
        deposit=deposit,
        iban=iban,
        kdv_rate=rng.choice((10, 20)) if added else None,
        guarantor=spec.guarantor if kind.endswith("lease") and rng.random() < 0.6 else None,
        payment_day=spec.payment_day if rng.random() < 0.7 else None,
        # a due day as a rule ("her ayın son iş günü"), no day number
        payment_rule=rng.choice(sorted(PAY_RULES)) if pay_rule else None,
        yearly_printed=False,
    )


def _term(spec: ContractSpec, rng: random.Random) -> list[str]:
    start = date_text(spec.start_date, rng)
    if spec.kind == "sale":
        return []
    if spec.term_months is None:  # an indefinite employment contract
        return [rng.choice((
            f"İş sözleşmesi belirsiz süreli olup işçi {start} tarihinde işe başlamıştır.",
            f"İşe giriş tarihi: {start}. Sözleşme belirsiz süreli olarak akdedilmiştir.",
            f"İşbu sözleşme {start} tarihinden itibaren belirsiz süre ile yürürlüktedir.",
            f"İşçinin işe başlama tarihi {start} olup sözleşme belirsiz sürelidir.",
            f"Belirsiz süreli işbu iş sözleşmesi {start} tarihinde yürürlüğe girer.",
            indefinite_term(start, rng),
        ))]  # fmt: skip
    dur = _duration(spec.term_months, rng)
    if spec.start_date == spec.contract_date and rng.random() < 0.7:
        tail = (
            f" ve {date_text(spec.end_date, rng)} tarihinde sona erer." if spec.end_date
            else f" ve {dur} süreyle geçerlidir."
        )  # fmt: skip
        return ["Sözleşme taraflarca imzalandığı tarihte yürürlüğe girer" + tail]
    if spec.end_date is None:
        return [rng.choice((
            f"İşbu sözleşme {start} tarihinden itibaren {dur} süreyle geçerlidir.",
            f"Sözleşmenin süresi {dur} olup başlangıç tarihi {start} olarak belirlenmiştir.",
            f"Süresi {dur}. Sözleşme {start} tarihinde yürürlüğe girer.",
            f"Sözleşme süresi, {start} tarihinde başlamak üzere {dur}dır.",
            f"Sözleşme {dur} için yapılmış olup {start} tarihinde yürürlüğe girecektir.",
            f"{dur.capitalize()} süreli işbu sözleşmenin başlangıç tarihi {start} olarak "
            "kararlaştırılmıştır.",
            f"Kira başlangıcı {start} olup kira süresi {dur}dır."
            if spec.kind.endswith("lease")
            else f"Taraflar {start} tarihinden itibaren {dur} boyunca bu sözleşmeyle bağlıdır.",
            f"İşbu {dur}lık sözleşme {start} tarihinden geçerli olmak üzere imzalanmıştır.",
            term_olup(spec, rng, start, dur),
        ))]  # fmt: skip
    end = date_text(spec.end_date, rng)
    return [rng.choice((
        f"Sözleşme {start} tarihinde başlar ve {end} tarihinde kendiliğinden sona erer ({dur}).",
        f"Sözleşme süresi: {start} – {end} ({dur}).",
        f"İşbu sözleşme {start} ile {end} tarihleri arasında geçerli olmak üzere {dur} "
        "süreyle akdedilmiştir.",
        f"Süre {dur}dır. Başlangıç tarihi {start}, bitiş tarihi {end} olarak belirlenmiştir.",
        f"Sözleşme {start} tarihinden {end} tarihine kadar {dur} süreyle devam eder.",
        f"Sözleşme {start} tarihinde yürürlüğe girer ve {end} tarihinde son bulur ({dur}).",
        f"Süresi {dur} olan sözleşme {start} tarihinde başlar, {end} tarihinde sona erecektir.",
        f"Sözleşmenin başlangıç tarihi {start}, süresi {dur}, bitiş tarihi {end} olarak "
        "belirlenmiştir.",
        f"{start} tarihinden itibaren başlayan {dur} süreli sözleşme {end} tarihinde sona erer.",
        f"Sözleşme {start} tarihinden geçerli olmak üzere {dur} için akdedilmiş olup {end} "
        "tarihinde hitam bulur.",
        f"Sözleşmenin yürürlük tarihi {start}, sona erme tarihi {end}'dir ({dur}).",
    ))]  # fmt: skip


def _distractors(spec: ContractSpec, rng: random.Random) -> list[str]:
    """Dates in the term's neighbourhood that are not its end (nor its start)."""
    pay = spec.start_date + timedelta(days=rng.randrange(3, 12))
    end = spec.end_date or add_months(spec.start_date, spec.term_months or 12)
    notice = end - timedelta(days=rng.choice((30, 60, 90)))
    before = spec.contract_date - timedelta(days=rng.randrange(10, 90))
    pool = (
        []
        if spec.kind == "nda"
        else [f"İlk ödeme en geç {date_text(pay, rng)} tarihine kadar yapılacaktır."]
    )
    pool += [
        f"Sözleşmeyi yenilemek istemeyen taraf bunu en geç {date_text(notice, rng)} tarihine "
        "kadar karşı tarafa yazılı olarak bildirir.",
        f"Taraflar arasında {date_text(before, rng)} tarihinde imzalanan ön protokol işbu "
        "sözleşmenin ekidir.",
    ]
    if spec.term_months:  # a renewal: another duration that is not the term
        pool.append(
            "Süre bitiminde taraflardan biri aksini yazılı olarak bildirmedikçe sözleşme "
            f"kendiliğinden {_duration(12, rng)} süreyle uzar."
        )
    if spec.kind.startswith("employment"):  # a trial's end is not the term's
        trial = spec.start_date + timedelta(days=rng.choice((30, 60)) - 1)
        pool.append(f"Deneme süresi {date_text(trial, rng)} tarihinde sona erer.")
    if spec.term_months and spec.end_date:  # a renewal's end is not the term's either
        later = add_months(spec.start_date, spec.term_months * 2)
        pool.append(f"Süre sonunda sözleşme {date_text(later, rng)} tarihine kadar uzatılabilir.")
    if spec.kind.endswith("lease"):
        pool.append(f"Kiralanan {date_text(pay, rng)} tarihinde boş olarak teslim edilecektir.")
        bump = add_months(spec.start_date, 12) + timedelta(days=1)
        pool.append(f"Kira bedeli {date_text(bump, rng)} tarihinden sonra TÜFE oranında artırılır.")
    return rng.sample(pool, rng.randrange(1, min(3, len(pool)) + 1))


def _money(spec: ContractSpec, rng: random.Random, money: str, w: Wording) -> list[str]:
    period = {"monthly": "aylık", "yearly": "yıllık", "one_off": "toplam"}[spec.amount_period]
    if spec.kind == "nda":
        return []
    if spec.kind.endswith("lease"):
        if spec.amount_period == "monthly" and rng.random() < 0.25:
            # the year's rent named first, the month's after it (published lease templates)
            w.printed.add("yearly_amount")
            return [yearly_then_monthly(w.money(spec.amount * 12), money, rng)]
        return [rng.choice((f"Aylık kira bedeli {money} olarak belirlenmiştir.",
                            f"Kiracı, aylık {money} kira bedeli öder."))]  # fmt: skip
    if spec.kind.startswith("employment"):
        forms = [f"İşçinin aylık brüt ücreti {money} olarak kararlaştırılmıştır.",
                 f"Aylık brüt ücret: {money}"]  # fmt: skip
        if money.endswith(")"):  # "… TL (…)/ay" (not after "yazıyla …" words left open)
            forms.append(f"İşçinin ücreti brüt {money}/ay olarak belirlenmiştir.")
        return [rng.choice(forms)]
    if spec.kind == "agency":
        return [f"Vekalet ücreti {money} olup işin takibine başlanmadan önce ödenir."]
    if spec.kind == "sale":
        return [f"Satış bedeli {money} olup tapuda devir sırasında ödenir."]
    if spec.kdv_rate is not None:  # "… olup bu bedele %20 KDV ilave edilecektir"
        return [kdv_added(money, period, spec.kdv_rate, rng)]
    kdv = "" if spec.kdv_included is None else " KDV dahil" if spec.kdv_included else " + KDV"
    per_unit = spec.amount_period != "one_off" and money.endswith(")")
    if per_unit and rng.random() < 0.3:  # "… TL (…)/ay", "… TL (…) / yıl"
        unit = rng.choice(("ay", "Ay")) if spec.amount_period == "monthly" else "yıl"
        return [
            f"Hizmet bedeli {money}{rng.choice(('/', ' / '))}{unit}{kdv} olarak belirlenmiştir."
        ]
    return [f"Hizmet bedeli {period} {money}{kdv} olarak belirlenmiştir."]


def _subject(spec: ContractSpec, rng: random.Random) -> tuple[str, str]:
    a, b = (p.role_word for p in spec.parties)
    if spec.kind == "nda":
        return "Konu", (f"{a} tarafından {b} ile paylaşılacak ticari sır, müşteri listesi ve "
                        "teknik bilgilerin gizli tutulmasıdır.")  # fmt: skip
    if spec.kind == "agency":
        return "Konu", (f"{a}, aleyhine açılan alacak davasının takibi için {b} tarafını "
                        "vekil tayin etmiştir.")  # fmt: skip
    if spec.kind == "sale":
        return "Satışa Konu Taşınmaz", (
            f"Satışa konu taşınmaz {spec.property_address} adresinde bulunan "
            f"{spec.property_kind} niteliğindedir."
        )
    if spec.kind.endswith("lease") and rng.random() < 0.3:
        return "Kiralanan", property_sentence(spec, rng)
    if spec.kind == "service" and rng.random() < 0.35:
        return "Konu", subject_sentence(spec, rng)
    if spec.kind == "service" and rng.random() < 0.25:
        return "Sözleşmenin Konusu", subject_predicate(spec, rng)
    if spec.kind.endswith("lease"):
        return "Kiralanan", (
            f"Kiralanan {spec.property_address} adresindeki {spec.property_kind} olup kiracı "
            "tarafından kullanılacaktır."
        )
    if spec.kind.startswith("employment"):
        worker = spec.parties[1].role_word
        office = office_predicate(spec, rng)
        if office and rng.random() < 0.2:  # "İşçinin görevi satış temsilciliğidir."
            return "İşin Tanımı", office
        return "İşin Tanımı", rng.choice((
            f"İşçi, {spec.subject} olarak çalışacaktır.",
            f"{worker}, işverene ait işyerinde {spec.subject} olarak çalışacaktır.",
            f"{worker} {spec.subject} unvanıyla istihdam edilecektir.",
            f"{worker}, {spec.subject} pozisyonunda görev yapacaktır.",
            f"İşçi, {spec.subject} olarak işe alınmıştır.",
            f"İşçinin görevi {spec.subject} olup işveren, işçiye eğitimine uygun başka işler "
            "de verebilir.",
            job_predicate(spec, rng),
        ))  # fmt: skip
    return "Konu", f"Sözleşmenin konusu: {spec.subject}."


def compose_general(spec: ContractSpec, rng: random.Random) -> tuple[list[Block], Wording]:
    w = Wording(rng, spec.currency, spec.date_style, spec.words_style)
    if spec.layout == "matbu":
        return _matbu(spec, rng, w), w
    blocks: list[Block] = [Title(spec.title)]
    blocks.append(_heading(spec, 1, "Taraflar", None, rng))
    first, second = spec.parties
    forms = spec.kind.startswith("employment") or spec.kind == "service"
    draw = rng.random()
    dated_head = False
    template = rng.random()  # the wordings of ``general_templates``, now and then
    if template < 0.12 and spec.kind != "nda":
        blocks.append(Para(quoted_parties(spec, rng)))
    elif template < 0.2 and forms:
        for number, p in enumerate(spec.parties):
            blocks.extend(Para(line) for line in numbered_party_lines(p, number, rng))
    elif template < 0.26 and forms:
        blocks.extend(Para(bracketed_party_line(p, rng)) for p in spec.parties)
    elif draw < 0.2:
        blocks.append(Para(parties_mukim(spec, rng)))
    elif forms and draw < 0.45:  # the published employment/service templates' party blocks
        for number, p in enumerate(spec.parties):
            lines = party_lines(p, rng)
            if rng.random() < 0.5:  # "A) İŞVEREN", "İŞÇİNİN KİMLİK BİLGİLERİ"
                lines[0] = role_line(p, rng, number)
            worker = number == 1 and p.person and spec.kind.startswith("employment")
            if worker and rng.random() < 0.4:  # "Dini", "Kan Grubu" from the identity card
                extra, printed = special_lines(rng)
                lines[-1:-1] = extra  # before the address
                w.printed.update(f"special_categories.{key}" for key in printed)
            if p.sgk and any(p.sgk in line for line in lines):
                w.printed.add(f"parties.{number}.sgk_workplace_no")
            blocks.extend(Para(line) for line in lines)
            if number == 0 and rng.random() < 0.6:
                blocks.append(Para(rng.choice(("ile", "İLE", "ve"))))
    elif spec.kind == "nda" and draw < 0.7:  # an NDA template: label block, "Tarih:" on top
        dated_head = rng.random() < 0.6
        if dated_head:
            blocks.insert(1, Para(f"Tarih: {date_text(spec.contract_date, rng)}"))
        for p in spec.parties:
            blocks.extend(Para(line) for line in nda_lines(p, rng))
    elif draw < 0.3 and all(plain(p) for p in spec.parties):
        shape = rng.random()
        if shape < 0.3:
            blocks.append(Para(address_first(spec, rng)))
        elif shape < 0.6:
            blocks.extend(Para(matbu_party_line(p, rng)) for p in spec.parties)
        else:
            blocks.extend(Para(role_label_prose(p, rng)) for p in spec.parties)
    elif draw < 0.5:
        blocks.append(Para(parties_prose(spec, rng, lambda d: date_text(d, rng))))
    elif spec.layout != "table":
        blocks.append(Para(party_item(first, "1.1.", rng, "article_a", w, last=False)))
        blocks.append(Para(party_item(second, "1.2.", rng, "article_a", w, last=True)))
    else:
        for p in spec.parties:
            blocks.extend(party_table(p, rng, "article_a", w))
    money, _ = amount_text(w, spec.words_form, spec.amount, spec.amount_words)
    heading, subject = _subject(spec, rng)
    sections: list[tuple[str, list[str]]] = [(heading, [subject])]
    labelled = spec.kind.endswith("lease") or spec.kind.startswith("employment")
    if labelled and rng.random() < 0.35:
        duration = _duration(spec.term_months, rng) if spec.term_months else ""
        term = labelled_term(spec, rng, lambda d: date_text(d, rng), duration)
    elif rng.random() < 0.4 and (
        real := real_term(
            spec, rng, lambda d: date_text(d, rng), _duration(spec.term_months or 12, rng)
        )
    ):
        term = real.split("\n")  # label lines each a paragraph of their own
    else:
        term = _term(spec, rng)
    if term:
        sections.append(("Süre" if rng.random() < 0.5 else "Sözleşmenin Süresi", term))
    pay = _money(spec, rng, money, w)
    day = pay_day_sentence(spec, rng)
    if not spec.payment_rule and rng.random() < 0.35:  # as lease guides quote the day
        day = pay_day_more(spec, rng) or day
    if pay and day:
        pay.append(day)
    if forms and spec.kdv_rate is None and rng.random() < 0.4:  # the job/fee as labels
        maker = job_lines if spec.kind.startswith("employment") else fee_lines
        pay = maker(spec, rng, money)
    if spec.payment_rule and day in pay:
        w.printed.add("payment_day_rule")
    if spec.deposit is not None:
        deposit, _ = amount_text(w, spec.words_form, spec.deposit)
        pay.append(deposit_sentence(spec, deposit, rng))
    if spec.iban:
        pay.append(iban_sentence(spec, format_iban(spec.iban), rng))
    if pay:
        sections.append(("Bedel ve Ödeme", pay))
    if spec.probation_months:
        sections.append(("Deneme Süresi", [probation_sentence(spec.probation_months, rng)]))
    if spec.special_clause:
        text = rng.choice(SPECIAL_CLAUSES[spec.special_clause]).format(
            rate=rng.choice((40, 50, 60))
        )
        sections.append((rng.choice(SPECIAL_HEADINGS), [text]))
    sections.append(("Diğer Hükümler", _distractors(spec, rng)))
    if spec.penalty is not None:
        pen, _ = amount_text(w, spec.words_form, spec.penalty)
        sections.append(("Cezai Şart", [f"Yükümlülüklerine aykırı davranan taraf {pen} cezai "
                                        "şart ödemeyi kabul eder."]))  # fmt: skip
    if spec.notice_days and spec.kind not in ("sale", "nda"):
        sections.append(("Fesih", [f"Taraflar {spec.notice_days} gün önceden yazılı bildirimde "
                                   "bulunarak sözleşmeyi feshedebilir."]))  # fmt: skip
    for extra in spec.extra_clauses[:1]:
        sections.append(EXTRA_TEXT[extra])
    if spec.guarantor is not None:
        sections.append(("Kefalet", [guarantor_sentence(spec, rng)]))
    if is_arbitration(spec.court):
        head = rng.choice(("Uyuşmazlıkların Çözümü", "Tahkim", "Yetkili Merci"))
        sections.append((head, [arbitration_sentence(spec, rng)]))
    else:
        court = court_mukim if rng.random() < 0.4 else court_sentence
        sections.append(("Yetkili Mahkeme", [court(spec, rng)]))
    for number, (head, paragraphs) in enumerate(sections, start=2):
        blocks.append(_heading(spec, number, head, None, rng))
        blocks.extend(Para(text) for text in paragraphs)
    when = date_text(spec.contract_date, rng)
    if dated_head:  # the date is on top: the closing names the place only
        closing = f"İşbu sözleşme iki nüsha olarak {locative(spec.place)} imzalanmıştır."
    else:
        closing = signing_text(spec, rng, when, len(sections) + 1)
    blocks.append(Para(closing))
    blocks.append(Signatures(spec.parties, None))
    return blocks, w


def _matbu(spec: ContractSpec, rng: random.Random, w: Wording) -> list[Block]:
    """The stationery lease form: a boxed label/value table, "Genel Şartlar" and "Hususi
    Şartlar" (the term again in a sentence, now and then), the court and the signing."""
    money, _ = amount_text(w, spec.words_form, spec.amount, spec.amount_words)
    when = (
        (lambda d: date_text(d, rng)) if rng.random() < 0.5 else (lambda d: format_date(d, "slash"))
    )
    rows = tuple(matbu_rows(spec, rng, when, money))
    blocks: list[Block] = [Title(spec.title), Table(rows, boxed=True)]
    blocks.append(Section("GENEL ŞARTLAR"))
    general = rng.sample(GENERAL_TERMS, rng.randrange(2, len(GENERAL_TERMS) + 1))
    for number, text in enumerate(general, start=1):
        blocks.append(_heading(spec, number, "Genel Şart", "GENEL ŞARTLAR", rng))
        blocks.append(Para(text))
    special = _distractors(spec, rng)
    if rng.random() < 0.4 and (
        again := real_term(spec, rng, when, _duration(spec.term_months or 12, rng))
    ):
        special[:0] = again.split("\n")
    if spec.notice_days:
        special.append(f"Taraflar {spec.notice_days} gün önceden yazılı bildirimde bulunarak "
                       "sözleşmeyi feshedebilir.")  # fmt: skip
    if spec.penalty is not None:
        pen, _ = amount_text(w, spec.words_form, spec.penalty)
        special.append(f"Yükümlülüklerine aykırı davranan taraf {pen} cezai şart öder.")
    special += [EXTRA_TEXT[extra][1][0] for extra in spec.extra_clauses[:1]]
    if spec.guarantor is not None:
        special.append(guarantor_sentence(spec, rng))
    special.append(court_sentence(spec, rng))
    blocks.append(Section(rng.choice(("HUSUSİ ŞARTLAR", "ÖZEL ŞARTLAR"))))
    for number, text in enumerate(special, start=len(general) + 1):
        blocks.append(_heading(spec, number, "Özel Şart", "HUSUSİ ŞARTLAR", rng))
        blocks.append(Para(text))
    blocks.append(
        Para(signing_text(spec, rng, when(spec.contract_date), len(general) + len(special)))
    )
    blocks.append(Signatures(spec.parties, None))
    return blocks


def general_truth(spec: ContractSpec, truth: dict) -> dict:
    """An NDA prints no price: its penalty is its only amount."""
    if spec.kind == "nda":
        for key in ("amount", "amount_in_words", "currency", "amount_period", "kdv_included"):
            truth["fields"].pop(key, None)
        if truth["expect_status"] == "needs_review" and spec.amount_words != int(spec.amount):
            truth["expect_status"] = "ok"
    for key in ("job_title", "subject"):
        if spec.kind in _ROLES:
            truth["fields"].pop(key, None)
    return truth
