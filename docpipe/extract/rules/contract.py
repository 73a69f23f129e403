"""Contracts by rules: parties, dates, money, notice, penalty, court, and clauses.

Input: a read Document. Output: field path -> ``Found``. The text is read as a
stream of paragraphs (``clauses.analyse``) so values that wrap across lines or
page breaks are found whole, and every value keeps the words it came from.
Party fields are read in the party region (the printed form's table, or the
text before the first clause that is not about the parties); the other fields
anywhere in the body, by labels (``contract_vocab``) and by Turkish sentence
patterns ("… tarihinde başlar", "… önceden yazılı bildirim", "… Mahkemeleri …
yetkilidir"). Nothing here logs a value.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum import iban as stdnum_iban

from docpipe.document import Document
from docpipe.extract.rules.clauses import (
    Layout,
    Stream,
    analyse,
    clause_spans,
    ordinal_number,
)
from docpipe.extract.rules.contract_cues import cue_fields, other_period
from docpipe.extract.rules.contract_dates import (
    COUNT_WORDS,
    DURATION_UNITS,
    contract_dates,
    duration_count,
    duration_unit,
)
from docpipe.extract.rules.contract_guarantors import guarantors
from docpipe.extract.rules.contract_money import money_fields, words_disagreements
from docpipe.extract.rules.contract_parties import party_fields
from docpipe.extract.rules.contract_prose import sentence_of
from docpipe.extract.rules.contract_special import number_run, special_fields
from docpipe.extract.rules.contract_subject import subject_field
from docpipe.extract.rules.contract_vocab import ADDRESS_PARTS, FIELD_LABELS, ROLE_RE
from docpipe.extract.rules.found import Fields, Found
from docpipe.text.address import address_end
from docpipe.text.layout import Run
from docpipe.text.numwords import words_to_number
from docpipe.text.turkish import fold

# "30 gün", "30 (otuz) gün", "otuz (30) gün"
_DURATION = re.compile(
    r"(?:[a-z]+\s*\(\s*(?P<a>\d{1,3})\s*\)\s*|(?P<b>\d{1,3})\s*(?:\([^)\n]{1,25}\))?\s*"
    rf"|\b(?P<w>{COUNT_WORDS})\s+)(?P<unit>{DURATION_UNITS})"
    r"(?:lik|luk)?(?:dir|dur|tir|tur)?\b"  # "12 aylık", "1 (bir) yıldır", "1 yıllıktır"
)


def _count(m: re.Match[str]) -> tuple[int, str]:
    """(number, unit) of a ``_DURATION`` match."""
    return duration_count(m), duration_unit(m)


_UNIT_DAYS = {"gun": 1, "hafta": 7, "ay": 30, "yil": 365}
# OCR reads 0 as O and 1 as I inside an IBAN; only a candidate that passes mod-97 is kept
_IBAN = re.compile(r"\bTR\s?[\dO]{2}(?:\s?[\dOI]{1,4}){1,6}")
_DIGIT_CONFUSABLES = str.maketrans({"O": "0", "I": "1"})


def extract_contract(doc: Document) -> Fields:
    return read_contract(doc)[0]


def read_contract(doc: Document, doc_type: str = "contract") -> tuple[Fields, dict[str, str]]:
    """The fields read, and the sums other than the amount whose words read as another
    number (path -> reason; ``contract_money.words_disagreements``)."""
    fields = Fields()
    layout = analyse(doc)
    s = layout.stream
    if not s.text:
        return fields, {}
    _title(fields, layout)
    party_fields(fields, layout)
    guarantors(fields, s)
    labelled = _labelled(s)
    _dates(fields, s, labelled)
    money_fields(fields, s)
    _misc(fields, s, labelled, layout)
    cue_fields(fields, s)
    _type(fields, layout)
    kind = fields.items.get("contract_type")
    subject = fields.items.get("subject")
    if kind is not None and str(kind.value).startswith("employment") and subject is not None:
        fields.set("job_title", subject)  # an employment contract's subject is the job
    withheld = special_fields(fields, layout)
    for i, clause in enumerate(clause_spans(layout)):
        heading = layout.headings[i]
        runs: tuple[Run, ...] = (heading.line,)
        if i in withheld:  # its heading names a special category (health, disability)
            clause.pop("heading", None)
            runs = (number_run(heading),)
        for key, value in clause.items():
            fields.set(f"clauses.{i}.{key}", Found(value, runs))
    return fields, words_disagreements(s, fields)


# --------------------------------------------------------------------------- helpers


def _labelled(s: Stream) -> dict[str, list[tuple[int, int]]]:
    """Field -> [(label start, label end)] for every labelled field in the stream."""
    out: dict[str, list[tuple[int, int]]] = {}
    for name, pattern in FIELD_LABELS:
        for m in re.finditer(rf"\b(?:{pattern})\b", s.folded):
            if name == "job" and not s.on_one_line(m.start(), m.end()):
                continue  # a heading "İŞÇİNİN" over its "Unvanı :" line labels no job
            out.setdefault(name, []).append((m.start(), m.end()))
    return out


def _date_in(s: Stream, start: int, stop: int) -> tuple[date, int, int] | None:
    found = contract_dates(s.text[start:stop])
    if not found:
        return None
    value, a, b = found[0]
    return value, start + a, start + b


# --------------------------------------------------------------------------- title & type


# a lease's business words outside the property's kind: KDV or the withholding tax on a
# workplace's rent (stopaj), trade, a shop sign
_BUSINESS = re.compile(r"\b(?:stopaj|kdv|ticari|tabela)")


def _let_for_business(fields: Fields, body: str) -> bool:
    """A lease that says nothing of a home or a shop is a business lease when its tenant
    is a company or it speaks of KDV, stopaj or a trade."""
    tenant = next(
        (
            path.rsplit(".", 1)[0]
            for path, found in fields.items.items()
            if re.fullmatch(r"parties\.\d\.role", path) and found.value == "kiracı"
        ),
        None,
    )
    company = tenant is not None and f"{tenant}.vkn" in fields.items
    return company or bool(_BUSINESS.search(body))


def _title(fields: Fields, layout: Layout) -> None:
    first = [ln for ln in layout.lines if ln.page == layout.lines[0].page][:6]
    for ln in first:
        # "Kira Sözleşmesi", the stationery "KİRA KONTRATI", the old "Kira Mukavelenamesi"
        if re.search(r"sozlesme|\bkontrat|mukavele", fold(ln.text)):
            fields.set("title", Found(ln.text.strip(), (ln,)))
            return


def _type(fields: Fields, layout: Layout) -> None:
    title = fields.items.get("title")
    text = fold(title.value) if title else ""
    body = layout.stream.folded
    runs = title.runs if title else ()
    kind = None
    if "kira" in text or (not text and "kiraya veren" in body):
        # "Daire: 9", "Daire No 4" in an address number the flat, not the kind of place
        homes = re.compile(r"\b(konut|mesken|daire(?!\s*(?:no\b)?\s*[:.]?\s*\d)|ev)\b")
        shops = re.compile(r"\b(isyeri|is yeri|dukkan|ofis|buro|depo|magaza|ticari)\b")
        if homes.search(text):
            kind = "residential_lease"
        elif shops.search(text):
            kind = "commercial_lease"
        else:
            # the form's "Kiralananın cinsi" / "Kiraya verilen şeyin cinsi" / "Ne için
            # kullanılacağı" row says what was let
            cinsi = re.search(
                r"(?:kiralananin|kiraya\s+verilen\s+seyin)\s+cinsi[^\n]{0,60}"
                r"|(?:kiralananin\s+)?ne\s+icin\s+kullanilacagi[^\n]{0,60}",
                body,
            )
            probe = cinsi.group(0) if cinsi else body[:4000]
            if homes.search(probe):
                kind = "residential_lease"
            elif shops.search(probe) or _let_for_business(fields, body):
                kind = "commercial_lease"
            else:  # nothing says the place is let for business: a home
                kind = "residential_lease"
    elif re.search(r"\bis sozlesmesi\b", text) or (not text and "isveren" in body):
        if "belirsiz sureli" in text or "belirsiz sureli" in body:
            kind = "employment_indefinite"
        elif "belirli sureli" in text or "belirli sureli" in body:
            kind = "employment_fixed"
        else:
            kind = "employment_indefinite"
    elif re.search(r"\bsatis\b|\bsatim\b|alim satim", text):
        kind = "sale"
    elif re.search(r"\bvekalet\b", text):
        kind = "mandate"
    elif re.search(r"hizmet|danismanlik|destek|bakim", text):
        kind = "service"
    elif re.search(r"\bgizlilik\b|\bgizli bilgi\b|\bifsa etmeme\b", text):
        kind = "confidentiality"
    elif text:
        kind = "other"
    if kind:
        fields.set("contract_type", Found(kind, runs, 0.9))


# --------------------------------------------------------------------------- dates


def _dates(fields: Fields, s: Stream, labelled: dict[str, list[tuple[int, int]]]) -> None:
    for name in ("start_date", "end_date", "contract_date"):
        for _, label_end in labelled.get(name, []):
            a, b = s.after(label_end, 40)
            # the date starts within 40 characters; one in words may run on past them
            hit = _date_in(s, a, s.after(label_end, 90)[1])
            if hit and hit[1] < b:
                fields.set(name, s.found(hit[0], hit[1], hit[2]))
                break
    text, folded = s.text, s.folded
    seen: set[int] = set()
    for t in re.finditer(r"\s(?:tarih|baslangic\s+tarihli)", folded):
        # a date right before "tarihinde …" / "tarihinden itibaren" / "başlangıç tarihli"
        # wide enough for a date spelt out: "yirmi dokuz Eylül iki bin yirmi dokuz" is 38
        # characters (24 cut "yirmi dokuz Mart iki bin otuz" to the 9th)
        window = max(0, t.start() - 48)
        dates = [d for d in contract_dates(text[window : t.start()]) if window + d[2] == t.start()]
        if not dates or t.start() in seen:
            continue
        seen.add(t.start())
        value, a, b = dates[-1][0], window + dates[-1][1], t.start()
        tail = folded[b : b + 80]
        if re.match(r"\s*(?:tarihinde\s+(?:baslar|baslamak|yururluge|(?:ise\s+)?basla)|"
                    r"tarihinden\s+(?:itibaren|baslamak|baslayarak|gecerli)|baslangic\s+tarihli)",
                    tail):  # fmt: skip
            fields.set("start_date", s.found(value, a, b, 0.9))
        elif re.match(
            r"\s*tarihinde\s+(?:kendiliginden\s+)?(?:sona\s+erer|biter|sona\s+erecek)"
            r"|\s*tarihine\s+kadar\s+(?:gecerli|devam)",
            tail,
        ) and not other_period(s, a, b):  # not "Deneme süresi … tarihinde sona erer"
            fields.set("end_date", s.found(value, a, b, 0.9))
        elif m := re.match(
            r"\s*tarihinde\s+((?:[a-z]+\s*/\s*)?[a-z]+)'?(?:n?d[ae]|n?t[ae])\b[^\n]{0,80}?"
            r"(imzalan|akdedil|tanzim|duzenlen|imza\s+altina)",
            tail,
        ):
            fields.set("contract_date", s.found(value, a, b, 0.9))
            start = b + m.start(1)
            fields.set("place", s.found(text[start : b + m.end(1)], start, b + m.end(1), 0.9))
    for _, label_end in labelled.get("place", []):
        a, b = s.after(label_end, 40)
        m = re.match(r"[A-ZÇĞİÖŞÜ][\wçğıöşüÇĞİÖŞÜ]+(?:\s*/\s*[A-ZÇĞİÖŞÜ][\w]+)?", text[a:b])
        if m:
            # "Pamukkale /Denizli": a space on one side of the slash only is OCR noise
            place = re.sub(r"\s+/(?=\S)|(?<=\S)/\s+", "/", m.group(0))
            fields.set("place", s.found(place, a, a + m.end()))
    for _, label_end in labelled.get("term", []):
        if _term(fields, s, label_end):
            break
    if "term_months" not in fields.items:
        # "… 1 yıl süreyle", "… 2 (iki) yıl süre ile", "… 24 ay boyunca", "1 (bir) yıllık
        # sözleşme"
        words = (
            r"suresi(?:nin|ni)?|muddeti|sureli\w*|sureyle|sure\s+(?:ile|icin)|muddetle|muddet\s+ile"
            r"|suresince|boyunca|icin|gecerli\w*|surer|surecek\w*|devam\s+ed\w*|sozlesme\w*"
        )
        for m in re.finditer(rf"\b(?:{words})\b", folded):
            prev = folded[max(0, m.start() - 12) : m.start()]
            if re.search(r"(deneme|ihbar|bildirim|calisma|odeme)\s*$", prev):
                continue
            sentence = s.sentence(m.start())
            if m.group(0).startswith(
                ("boyunca", "icin", "gecerli", "surer", "surecek", "devam")
            ) and not _binding(folded, sentence):
                continue  # "1 yıl boyunca / için / geçerlidir": in a sentence binding the parties
            if _RENEWAL.search(folded, *sentence):
                continue  # "… kendiliğinden 1 yıl süreyle uzar": a renewal, not the term
            if m.group(0).startswith(("suresi", "muddeti")):
                if _term(fields, s, m.end()):
                    break
                # "1 yıllık kira süresinin …": a count as an adjective before the word
                back = folded[max(0, m.start() - 40) : m.start()]
                d = [
                    x
                    for x in _DURATION.finditer(back)
                    if x.group(0).endswith(("lik", "luk"))
                    and duration_unit(x) in ("ay", "yil")
                    and re.fullmatch(r"\s*(?:kira|sozlesme|hizmet|calisma)?\s*", back[x.end() :])
                ]
                if d:
                    n, unit = _count(d[-1])
                    start = m.start() - len(back) + d[-1].start()
                    months = n * 12 if unit == "yil" else n
                    fields.set("term_months", s.found(months, start, m.end(), 0.9))
                    break
            else:
                back = folded[max(0, m.start() - 40) : m.start()]
                # "2 yıl (24 ay) süreli": the same count again in brackets before the word
                d = [x for x in _DURATION.finditer(back) if x.end() >= len(back.rstrip(" )"))]
                if (
                    d
                    and m.group(0).startswith("sozlesme")
                    and not d[-1].group(0).endswith(("lik", "luk"))
                ):
                    continue  # a count before "sözleşme" is its term only as "… yıllık"
                if d and duration_unit(d[-1]) in ("ay", "yil"):
                    n, unit = _count(d[-1])
                    start = m.start() - len(back) + d[-1].start()
                    months = n * 12 if unit == "yil" else n
                    fields.set("term_months", s.found(months, start, m.end(), 0.9))
                    break
    if "term_months" not in fields.items:
        # "Sözleşme, 01/09/2025 tarihinden geçerli olmak üzere 1 (bir) yıllıktır.": a duration
        # that is the predicate of a sentence binding the parties
        # "Kira sözleşmesi bir (1) yıllık olup, …": an adjective before "olup" is the
        # predicate too, and only the clause before it is weighed
        for d in _DURATION.finditer(folded):
            tail = folded[d.end() : d.end() + 6]
            olup = d.group(0).endswith(("lik", "luk")) and re.match(r"\s+olup\b", tail)
            if not olup and (
                not re.search(r"(?:dir|dur|tir|tur)$", d.group(0)) or not tail.startswith(".")
            ):
                continue
            sentence = s.sentence(d.start())
            if olup:
                sentence = (sentence[0], d.end())
            if (
                duration_unit(d) in ("ay", "yil")
                and _binding(folded, sentence)
                and not _RENEWAL.search(folded, *sentence)
                and not _TRIAL.search(folded, *sentence)
            ):
                n, unit = _count(d)
                months = n * 12 if unit == "yil" else n
                fields.set("term_months", s.found(months, d.start(), d.end(), 0.8))
                break


_TRIAL = re.compile(r"\b(?:deneme|ihbar|bildirim|fesih)\b")
_START_WORDS = re.compile(
    r"^['’]\w{0,4}\b"  # a suffix after the date ("01.09.2025'ten")
    r"|\b(?:tarih\w*|gun\w*|itibaren|baslangic\w*|basla\w*|gecerli|olmak|uzere|yururlu\w*"
    r"|kadar)\b"
)
_RENEWAL = re.compile(r"\b(?:uza(?:r|yacak\w*|til\w*|ma\w*)|yenilen\w*|temdit\w*)\b")


def _binding(folded: str, sentence: tuple[int, int]) -> bool:
    """A sentence about how long the contract holds ("Sözleşme 1 yıl için yapılmıştır",
    "… 24 ay boyunca bu sözleşmeyle bağlıdır"), not a payment, notice or trial period."""
    text = folded[sentence[0] : sentence[1]]
    return "sozlesme" in text and not re.search(
        r"\b(?:ode\w*|bedel\w*|ucret\w*|ihbar\w*|bildir\w*|deneme|gizli\w*|sakla\w*)", text
    )


def _term(fields: Fields, s: Stream, label_end: int) -> bool:
    a, b = s.after(label_end, 160)  # room for a start date in figures and words between
    dates = [(a + x, a + y) for _, x, y in contract_dates(s.text[a:b])]
    m = next(
        (
            d
            for d in _DURATION.finditer(s.folded, a, b)
            if not any(x <= d.start() < y for x, y in dates)
        ),
        None,
    )  # a count inside a date ("… 08-02-2026 (bir (1) yıl)") is none
    if not m or duration_unit(m) not in ("ay", "yil"):
        return False
    # "süresi 01.04.2025 tarihinden itibaren 1 (bir) yıldır", "süresi 01.09.2025 başlangıç
    # tarihli olmak üzere 1 yıldır": the dates and their cue words may come between
    gap = s.folded[a : m.start()]
    before = [y for _, y in dates if y <= m.start()]
    if before:
        gap = _START_WORDS.sub(" ", s.folded[before[-1] : m.start()])
    elif len(gap.split()) > 2:  # "süresi bu tarihten itibaren 1 yıldır"
        gap = _START_WORDS.sub(" ", gap)
    if len(gap.split()) > 2:
        return False
    n, unit = _count(m)
    months = n * 12 if unit == "yil" else n
    fields.set("term_months", s.found(months, m.start(), m.end()))
    return True


# --------------------------------------------------------------------------- the rest


def _misc(
    fields: Fields, s: Stream, labelled: dict[str, list[tuple[int, int]]], layout: Layout
) -> None:
    text, folded = s.text, s.folded
    _payment_day(fields, s)
    for m in _IBAN.finditer(text.upper()):
        value = re.sub(r"\s", "", m.group(0)).translate(_DIGIT_CONFUSABLES)[:26]
        if stdnum_iban.is_valid(value):
            fields.set("iban", s.found(value, m.start(), m.end()))
            break
    subject_field(fields, s, labelled)
    _property(fields, s, labelled)
    _notice(fields, s, labelled)
    for m in re.finditer(r"\bdeneme\s+suresi\b", folded):
        sa, sb = s.sentence(m.start())
        d = next((x for x in _DURATION.finditer(folded, sa, sb) if duration_unit(x) == "ay"), None)
        if d and 0 < _count(d)[0] <= 12:
            fields.set("probation_months", s.found(_count(d)[0], d.start(), d.end()))
            break
    _court(fields, s)


_PAY_DAY = re.compile(
    r"\b(?:her\s+)?ayin\s+(?:en\s+gec\s+)?(?:ilk\s+)?(?:(\d{1,2})\s*(?:\.|'?\w*)?\s*(?:ile|-)\s*)?"
    r"(?:(?P<n>\d{1,2})\b|(?P<w>(?:[a-z]+\s+){0,1}[a-z]+?)\s+gun"
    # a spelled day with its case ending: "her ayın beşine kadar", "ayın onunda"
    rf"|(?P<c>{COUNT_WORDS})s?[iu]n(?:e|a|de|da)\s+(?:kadar|odenir|yatir))"
)


def _payment_day(fields: Fields, s: Stream) -> None:
    """ "her ayın 5'ine kadar", "her ayın 1-5'i arası", "her ayın ilk beş günü içinde",
    "her ayın beşinci gününe kadar", "ayın 10. günü": the last day payment is due."""
    for m in _PAY_DAY.finditer(s.folded):
        if m.group("n"):
            day = int(m.group("n"))
        elif m.group("c"):
            spelled = words_to_number(m.group("c"))
            day = int(spelled) if spelled is not None else None
        else:
            words = m.group("w")
            spelled = words_to_number(words)
            day = int(spelled) if spelled is not None else ordinal_number(words)
        if day is not None and 1 <= day <= 31:
            fields.set("payment_day", s.found(day, m.start(), m.end()))
            return


def _property(fields: Fields, s: Stream, labelled: dict[str, list[tuple[int, int]]]) -> None:
    text, folded = s.text, s.folded
    parts: list[tuple[int, int]] = []
    for pattern in ADDRESS_PARTS:
        for m in re.finditer(rf"\b(?:{pattern})\b", folded):
            if m.start() in s.line_starts:
                a, b = s.after(m.end(), 120)
                nxt = min((p for p in s.line_starts if p > a), default=b)
                b = min(b, nxt) if nxt > a else b
                if text[a:b].strip():
                    parts.append((a, a + len(text[a:b].rstrip())))
                break
    if len(parts) >= 3:
        value = " ".join(text[a:b].strip() for a, b in parts)
        fields.set("property_address", s.found(value, parts[0][0], parts[-1][1]))
        return
    for _, label_end in labelled.get("property_address", []):
        a, b = s.after(label_end, 200)
        b = sentence_of(s, a)[1] if a < b else b  # bounded by its sentence ("… / Trabzon. Cinsi:")
        # and by its province: a form's next "Label: …" line may run on in the same paragraph
        b = a + address_end(text[a:b])
        value = text[a:b].strip().rstrip(".")
        if len(value) > 8:
            fields.set("property_address", s.found(value, a, a + len(value)))
            return
    m = re.search(
        r"\b(?:kiralanan|satisa\s+konu|satilan)(?:\s+(?:tasinmaz|yer|gayrimenkul|bagimsiz\s+bolum|"
        r"konut|isyeri|daire))?\s*[,:]?\s*(.{8,200}?)\s+adres(?:inde|indeki)\b",
        folded,
    )
    if m:
        fields.set(
            "property_address", s.found(text[m.start(1) : m.end(1)], m.start(1), m.end(1), 0.9)
        )


def _notice(fields: Fields, s: Stream, labelled: dict[str, list[tuple[int, int]]]) -> None:
    folded = s.folded
    for m in re.finditer(r"\b(?:ihbar|bildirim|fesih\s+bildirim)\s+suresi\b", folded):
        a, b = s.after(m.end(), 40)
        d = _DURATION.search(folded, a, b)
        if d and len(folded[a : d.start()].split()) <= 2:
            n, unit = _count(d)
            fields.set("notice_period_days", s.found(n * _UNIT_DAYS[unit], d.start(), d.end()))
            return
    for d in _DURATION.finditer(folded):
        tail = folded[d.end() : d.end() + 20]
        if not re.match(r"\s*(?:once|onceden|evvel)\b", tail):
            continue
        sa, sb = s.sentence(d.start())
        if re.search(r"bildir|ihbar|fesih|feshet|haber", folded[sa:sb]):
            n, unit = _count(d)
            fields.set("notice_period_days", s.found(n * _UNIT_DAYS[unit], d.start(), d.end()))
            return


# a court word, nominative or genitive ("… Mahkemelerinin yetkili olduğunu kabul ederler");
# or an arbitral institution named as the forum ("İstanbul Tahkim Merkezi (ISTAC) Tahkim
# Kuralları uyarınca …", "TOBB Tahkim Divanı", "… Tahkim ve Arabuluculuk Merkezi")
_COURT_ANCHOR = re.compile(
    r"\b(?:mahkemeleri|mahkemesi|mahkeme|icra\s+daireleri|icra\s+dairesi|icra\s+mudurlukleri"
    r"|(?P<arb>tahkim\s+(?:ve\s+arabuluculuk\s+)?(?:merkezi|divani)))"
    r"(?:'?nin)?\b"
)
# the abbreviation printed after an institution's name: "(ISTAC)", "(İSTAÇ)", "(İTOTAM)"
_ABBREVIATION = re.compile(r"\s*\(\s*[“\"']?[A-ZÇĞİÖŞÜ]{2,8}[”\"']?\s*\)")
_COURT_TAIL = re.compile(
    r"\s*(?:ve|ile|,)\s+(?:[a-z]+\s+){0,2}(?:mahkemeleri|mahkemesi|icra\s+daireleri|"
    r"icra\s+dairesi|icra\s+mudurlukleri)(?:nin)?\b"
)
_COURT_CONTEXT = re.compile(r"yetki|uyusmazl|ihtilaf|anlasmazl|cozum|tahkim")
_COURT_STOP = re.compile(
    r"^(?:isbu|taraflar\w*|ise|yetkili|uyusmazl\w*|ihtilaf\w*|anlasmazl\w*|sozlesme\w*|"
    r"madde\w*|ve|ile)$"
)


# an arbitral institution named by its letters alone: "ISTAC Tahkim Kuralları uyarınca",
# "uyuşmazlıklar İTOTAM nezdinde çözülür", "İTOTAM'ın yetkili olduğunu" (the sentence
# must be about arbitration, or the letters are what is "yetkili" in a dispute)
_ARB_ACRONYM = re.compile(
    r"(?<![\w(“\"'])(?P<name>[A-ZÇĞİÖŞÜ]{3,8})(?:['’]?[a-zçğıöşü]{1,4})?(?!\w)"
    r"[ \t]+(?=(?:[Tt]ahkim|nezdinde|[Kk]urallar|[Hh]akem|yetkili(?!s))\w*)"
)
_ARB_CONTEXT = re.compile(r"tahkim|hakem")


def _name_joiner(m: re.Match[str], token: str, before_text: str) -> bool:
    """ "ve" inside an institution's name ("Odalar ve Borsalar Birliği"): lower-case,
    after a capitalised word, before an arbitral anchor."""
    before = re.search(r"(\S+)\s+$", before_text)
    return (
        bool(m.group("arb")) and token == "ve" and before is not None
        and before.group(1)[:1].isupper() and not before.group(1).endswith((",", ":"))
    )  # fmt: skip


def _court(fields: Fields, s: Stream) -> None:
    """ "… Kadıköy Mahkemeleri ve İcra Daireleri yetkilidir", "İzmir İcra Daireleri ve
    Mahkemeleri", "Yetkili mahkeme: Ankara (Batı) Mahkemeleri": the capitalised words before
    the first court word, that word, and a second court body joined by "ve"/"ile"."""
    text, folded = s.text, s.folded
    for m in _COURT_ANCHOR.finditer(folded):
        sa, sb = s.sentence(m.start())
        if not _COURT_CONTEXT.search(folded[sa:sb]):
            continue
        start = m.start()
        while True:
            prev = re.search(r"(\S+)\s+$", text[max(sa, start - 40) : start])
            if not prev:
                break
            token = prev.group(1)
            at = start - len(prev.group(0))
            if _name_joiner(m, token, text[max(sa, at - 40) : at]):
                start = at
                continue
            if not (token[:1].isupper() or token.startswith("(")) or token.endswith((":", ",")):
                break
            if _COURT_STOP.match(fold(token).strip("()")):
                break
            start = at
        if start == m.start():
            continue  # "yetkili mahkeme" without a place
        end = m.end()
        tail = _COURT_TAIL.match(folded, end)
        if tail:
            end = tail.end()
        if folded.endswith("nin", 0, end):  # the genitive's suffix is no part of the name
            end -= 3 + folded.endswith("'nin", 0, end)
        value = re.sub(r"\s+", " ", text[start:end])
        if m.group("arb") and (abbr := _ABBREVIATION.match(text, end)):
            end = abbr.end()  # "(ISTAC)", "(“ISTAC”)": the letters in plain brackets
            value += " (" + abbr.group().strip(" ()“”\"'") + ")"
        fields.set("governing_court", s.found(value, start, end))
        return
    for m in _ARB_ACRONYM.finditer(text):
        name = m.group("name")
        sa, sb = s.sentence(m.start())
        # about arbitration, or the forum "… ihtilaf halinde İTOTAM yetkilidir" (a role
        # word in capitals, "KİRACI yetkilidir", is no forum)
        forum = _ARB_CONTEXT.search(folded, sa, sb) or (
            folded.startswith("yetkili", m.end())
            and _COURT_CONTEXT.search(folded, sa, sb)
            and not ROLE_RE.fullmatch(fold(name))
        )
        if not name.isupper() or _COURT_STOP.match(fold(name)) or not forum:
            continue
        fields.set("governing_court", s.found(name, m.start("name"), m.end("name")))
        return
