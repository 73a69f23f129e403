"""Contract fields found by their value's type and the nearest role cue in its sentence.

A date, a duration or a place is recognised by its form (``find_dates``, a count with a
time unit, a province or a capitalised word with a locative suffix); which field it fills
is decided by the cue words of its own sentence (stems of synonyms, folded, so "başlar",
"başlayacak", "yürürlüğe girer", "itibaren" are one cue), not by one template's phrase.
These readings only fill fields the labelled and phrase readings left empty, and score
lower. Fields that follow from others (term from start and end) are computed. Written by
hand: no library reads Turkish contract roles.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from docpipe.extract.rules.clauses import Stream, ordinal_number
from docpipe.extract.rules.contract_dates import (
    COUNT_WORDS,
    DURATION_UNITS,
    contract_dates,
    duration_count,
    duration_unit,
)
from docpipe.extract.rules.contract_prose import sentence_of
from docpipe.extract.rules.found import Fields, Found
from docpipe.text.address import PROVINCES, address_end
from docpipe.validate.contract import TERM_TOLERANCE_DAYS, add_months

# cue stems (folded) -> the date field they name; the first cue after a date decides
_DATE_CUES: tuple[tuple[str, str], ...] = (
    (
        "start_date",
        r"tarihinden(?!\s+(?:sonra|once|evvel))|basla\w*|baslangic\w*|yururlu\w*|itibaren"
        r"|gecerli\s+olmak|ise\s+giris\w*",
    ),
    (
        "end_date",
        r"sona\s+er\w*|bit(?:er|is|ec|ti|im|me|ecek)\w*|son\s+bul\w*|hitam\w*|nihayet\w*|kadar"
        r"|sonlan\w*",
    ),
    ("contract_date", r"imza\w*|akdedil\w*|tanzim\w*|duzenlen\w*|akted\w*"),
)
_CUE = re.compile("|".join(f"(?P<{n}>\\b(?:{p}))" for n, p in _DATE_CUES))
# a cue that is a label ("Bitiş:", "Başlangıç Tarihi :"): it names the value after it
_LABEL_END = re.compile(r"\w*(?:\s+tarih\w*)?\s*:")
_NOT_CONTRACT = re.compile(r"dog(?:um|du|an)\w*|verilis\w*|tescil\w*")  # birth, ID issue
_DURATION = re.compile(
    r"(?:[a-z]+\s*\(\s*(?P<a>\d{1,3})\s*\)\s*|(?P<b>\d{1,3})\s*(?:\([^)\n]{1,25}\))?\s*"
    rf"|\b(?P<w>{COUNT_WORDS})\s+)(?P<unit>{DURATION_UNITS})"
    r"(?:lik|luk|dir|dur|tir|tur|da|de|ta|te)?\b"  # "12 aylık", "1 (bir) yıldır", "bir yıl"
)
_TARIH = re.compile(r"\b(?:tarih\w*|gun\w*|olan|itibariyle)\b")
_SPAN = re.compile(r"['’]?\w{0,4}\s*(?:-|–|—|ile|ve|/|ila|dan|den|tan|ten)?\s*")
_NOT_PLACE = frozenset({"isbu", "sozlesme", "taraflar", "madde"})
_DAYS = {"gun": 1, "hafta": 7, "ay": 30, "yil": 365}
_NOTICE_CUE = re.compile(r"\b(?:ihbar\w*|bildiri\w*|fesih\w*|feshe?d\w*|haber\s+ver\w*|ihtar\w*)")
_TERM_CUE = re.compile(r"\b(?:sure\w*|muddet\w*)")
_TERM_NOT = re.compile(r"\b(?:deneme|ihbar|bildirim|odeme|calisma\s+saat|gecikme|fesih)\b")
_PROVINCE = re.compile(r"\b(" + "|".join(PROVINCES) + r")\b")
# "İstanbul'da", "Kadıköy/İstanbul'da", "Ankarada": a capitalised place, locative suffix
_LOCATIVE = re.compile(
    r"(?<![\w/])([A-ZÇĞİÖŞÜ][\wçğıöşü]+(?:\s*/\s*[A-ZÇĞİÖŞÜ][\wçğıöşü]+)?)['’]?(?:n?d[ae]|n?t[ae])\b"
)
# "Seyhan ilçesinde", "Ankara ilinde": a place named by the word for a town
_IN_TOWN = re.compile(
    r"(?<![\w/])([A-ZÇĞİÖŞÜ][\wçğıöşü]+(?:\s*/\s*[A-ZÇĞİÖŞÜ][\wçğıöşü]+)?)\s+"
    r"(?:ilinde|ilçesinde|şehrinde|kentinde|beldesinde)\b"
)
_PLACE_WORD = re.compile(r"[A-ZÇĞİÖŞÜ][\wçğıöşü]+(?:\s*/\s*[A-ZÇĞİÖŞÜ][\wçğıöşüÇĞİÖŞÜ]+)?")
_SIGN = re.compile(r"\b(?:imza\w*|akdedil\w*|tanzim\w*|duzenlen\w*)")


def cue_fields(fields: Fields, s: Stream) -> None:
    _dates(fields, s)
    _signing(fields, s)
    _dateline(fields, s)
    _tarih_line(fields, s)
    _place_by_date(fields, s)
    _notice(fields, s)
    _pay_day(fields, s)
    _pay_rule(fields, s)
    _property(fields, s)
    _probation(fields, s)
    _start_at_signing(fields, s)
    _term(fields, s)
    _verified_end(fields, s)
    _derived_end(fields)


def _dates(fields: Fields, s: Stream) -> None:
    text, folded = s.text, s.folded
    found = contract_dates(text)
    picked: dict[str, tuple[date, int, int]] = {}
    ends: list[tuple[date, int, int]] = []
    # a span of two dates ("01.04.2025 – 31.03.2026", "… ile … tarihleri arasında",
    # "…'den …'e kadar") is a start and an end, whatever words surround it
    # ... unless the sentence is about paying, notice or handover ("… 01.05 ve 01.06
    # tarihlerinde ödenir"), or the term's start is known and the span starts elsewhere
    known_start = fields.items.get("start_date")
    for (v1, a1, b1), (v2, a2, b2) in pairwise(found):
        gap = _TARIH.sub("", folded[b1:a2])
        sa, sb = s.sentence(a1)
        same = (sa, sb) == s.sentence(a2)
        ca = max(sa, folded.rfind(";", sa, a1) + 1)
        cb = folded.find(";", b2, sb)
        other = _not_contract(s, max(sa, a1 - 40), min(sb, b2 + 20)) or _DEADLINE.search(
            folded[ca : sb if cb < 0 else cb]
        )
        if known_start is not None and known_start.value != v1:
            continue
        if v2 > v1 and same and _SPAN.fullmatch(gap) and not other:
            picked = {"start_date": (v1, a1, b1), "end_date": (v2, a2, b2)}
            break
    for i, (value, a, b) in enumerate(found):
        sa, sb = s.sentence(a)
        prev_end = found[i - 1][2] if i and found[i - 1][2] > sa else sa
        stop = min(sb, found[i + 1][1] if i + 1 < len(found) else sb, b + 90)
        if _not_contract(s, max(sa, a - 40), stop):
            continue
        # the nearest cue: right after the date ("… tarihinde başlar") or right before it
        # ("başlangıç tarihi olan …", "başlama tarihi … ve bitiş tarihi …"), at most three
        # other words between; after it on a tie
        cue = _CUE.search(folded, b, stop)
        # a suffix on the date ("01.09.2025'de başlayıp") is no word between
        gap_after = (
            len(_TARIH.sub("", re.sub(r"^['’]\w+", "", folded[b : cue.start()])).split())
            if cue
            else 99
        )
        if cue is not None and (
            gap_after > 3 or _LABEL_END.match(folded, cue.end())  # "Bitiş: …" labels what follows
        ):
            cue, gap_after = None, 99
        before = list(_CUE.finditer(folded, prev_end, a))
        if before:
            gap_before = len(_TARIH.sub("", folded[before[-1].end() : a]).split())
            if gap_before <= 3 and gap_before < gap_after:
                cue = before[-1]
        if cue is None or not cue.lastgroup:
            continue
        if cue.group().startswith("kadar") and not _term_sentence(folded[sa:sb]):
            continue  # a due date or a deadline ("… tarihine kadar ödenir / bildirir")
        if cue.lastgroup == "contract_date" and _other_document(folded, cue):
            continue  # "… tarihinde imzalanan ön protokol": another document's date
        if cue.lastgroup == "end_date" and other_period(s, a, b):
            continue  # "Deneme süresi … tarihinde sona erer", "… tarihine kadar uzatılabilir"
        if cue.lastgroup == "end_date":
            ends.append((value, a, b))
        elif cue.lastgroup not in picked:
            picked[cue.lastgroup] = (value, a, b)
    start = picked.get("start_date")
    signed = picked.get("contract_date")
    known = fields.items.get("contract_date")
    signed_on = signed[0] if signed else known.value if known is not None else None
    if "end_date" not in picked and ends:
        picked["end_date"] = _likeliest_end(ends, start, fields)
    end = picked.get("end_date")
    if end and (
        (start and end[0] <= start[0]) or (isinstance(signed_on, date) and end[0] <= signed_on)
    ):
        picked.pop("end_date")  # an end before its start or its signing is a misread cue
    for name, (value, a, b) in picked.items():
        fields.set(name, s.found(value, a, b, 0.8))


def _not_contract(s: Stream, a: int, b: int) -> bool:
    """A birth or an ID issue cue in ``[a, b)`` ("doğum", "… tarihinde doğan", "veriliş");
    a capitalised "Doğan" is a name, not a birth."""
    return any(
        not (m.group().startswith("dogan") and s.text[m.start()].isupper())
        for m in _NOT_CONTRACT.finditer(s.folded, a, b)
    )


# a sentence about another period than the term: a trial, a notice, a renewal
OTHER_PERIOD = re.compile(
    r"\b(?:deneme|tecrube|ihbar\w*|uza(?:r|yacak\w*|til\w*|ma\w*)|yenilen\w*|temdit\w*)"
)


def other_period(s: Stream, a: int, b: int) -> bool:
    """The clause of the date at ``[a, b)`` (its sentence cut at ';', ',' and ' ve ') speaks
    of a trial, a notice or a renewal: the date ends that period, not the term."""
    sa, sb = s.sentence(a)
    cuts = [m.end() for m in _CLAUSE_CUT.finditer(s.folded, sa, a)]
    after = _CLAUSE_CUT.search(s.folded, b, sb)
    return bool(
        OTHER_PERIOD.search(s.folded, cuts[-1] if cuts else sa, after.start() if after else sb)
    )


_CLAUSE_CUT = re.compile(r"[;,]|\sve\s")


# a "kadar" date ends the term only in a sentence about the term's validity, not one about
# paying, notice, handover or return ("… tarihine kadar ödenir / bildirir / teslim edilir")
_VALIDITY = re.compile(r"\b(?:gecerli\w*|devam\w*|sure\w*|muddet\w*|yururlu\w*|kiralan\w*)")
_DEADLINE = re.compile(
    r"\b(?:ode\w*|bedel\w*|tahsil\w*|yatir\w*|havale\w*|taksit\w*|ihbar\w*|bildir\w*|"
    r"ihtar\w*|teslim\w*|iade\w*|tebli\w*|basvur\w*)"
)
_PARTICIPLE = re.compile(r"\w+(?:an|en)$")


def _term_sentence(sentence: str) -> bool:
    return bool(_VALIDITY.search(sentence)) and not _DEADLINE.search(sentence)


def _other_document(folded: str, cue: re.Match[str]) -> bool:
    """ "… tarihinde imzalanan ön protokol": a participle that names another document (not
    "… imzalanan işbu sözleşme")."""
    word = re.match(r"\w+", folded[cue.start() :])
    if word is None or not _PARTICIPLE.fullmatch(word.group()):
        return False
    after = folded[cue.start() + word.end() : cue.start() + word.end() + 40].split()
    if after[:1] in (["isbu"], ["bu"]):
        after = after[1:]
    noun = after[0] if after else ""
    return not noun.startswith("sozlesme")


def _likeliest_end(
    ends: list[tuple[date, int, int]], start: tuple[date, int, int] | None, fields: Fields
) -> tuple[date, int, int]:
    """Of several dates with an end cue, the one that start + term gives (when both are
    known), else the first: a later one is no likelier than the first."""
    term = fields.items.get("term_months")
    if start is not None and term is not None and isinstance(term.value, int):
        expected = add_months(start[0], term.value)
        for e in ends:
            if abs((e[0] - expected).days) <= TERM_TOLERANCE_DAYS + 1:
                return e
    return ends[0]


def _signing(fields: Fields, s: Stream) -> None:
    """The sentence that says the contract was signed ("… tarihinde Tepebaşı'nda iki nüsha
    olarak imza altına alınmıştır", "İzmir'de … tarihinde akdedilmiştir"): its date is the
    contract date, a place with a locative suffix in it the place of signing."""
    text, folded = s.text, s.folded
    for sign in _SIGN.finditer(folded):
        sa, sb = s.sentence(sign.start())
        dates = [
            d
            for d in contract_dates(text[sa:sb])
            if sa + d[2] <= sign.start() and not _beside_other(folded, sa + d[1], sa + d[2])
        ]
        if not dates or _other_document(folded, sign):
            continue
        if _CUE.search(folded, sa, sign.start()) and not all(
            m.lastgroup == "contract_date" for m in _CUE.finditer(folded, sa, sign.start())
        ):
            continue  # a start or an end cue: this sentence is about the term
        value, a, b = dates[-1]
        fields.set("contract_date", s.found(value, sa + a, sa + b, 0.8))
        _signing_place(fields, s, sa, sb, sign.start())
        break
    # "İşbu sözleşme iki nüsha olarak Ankara'da imzalanmıştır." with the date elsewhere
    # (a "Tarih:" line on top, or the opening "İşbu sözleşme … tarihinde … arasında
    # imzalanmıştır"): the place still comes from the signing sentence
    for sign in _SIGN.finditer(folded):
        if "place" in fields.items:
            return
        sa, sb = s.sentence(sign.start())
        sentence = folded[sa:sb]
        if "sozlesme" not in sentence or contract_dates(text[sa:sb]):
            continue
        if not _NOT_CONTRACT.search(sentence) and not _other_document(folded, sign):
            _signing_place(fields, s, sa, sb, sign.start())


def _beside_other(folded: str, a: int, b: int) -> bool:
    """A date that a birth or a registration word stands beside in its clause ("İstanbul
    doğumlu (05.06.2001)", "Doğum Yeri/Tarihi: Denizli/28.12.1980", "… tarihinde tescil
    edilen"), inside a signing sentence that opens with the parties: not the contract's
    date."""
    start = max(folded.rfind(",", 0, a), folded.rfind(";", 0, a), a - 60, 0)
    ends = [i for i in (folded.find(",", b), folded.find(";", b)) if i >= 0]
    end = min([*ends, b + 60, len(folded)])
    # the date's own clause: "Doğum Yeri/Tarihi: Denizli/28.12.1980," puts the label
    # further from its date than a fixed window would reach
    return bool(_NOT_CONTRACT.search(folded, start, end))


def _signing_place(fields: Fields, s: Stream, sa: int, sb: int, sign: int) -> None:
    """A place with a locative suffix (or "… ilinde/ilçesinde") in a signing sentence."""
    text, folded = s.text, s.folded
    for m in [*_LOCATIVE.finditer(text, sa, sign), *_IN_TOWN.finditer(text, sa, sb)]:
        root = folded[m.start(1) : m.end(1)]
        last = re.split(r"\s*/\s*", root)[-1]
        apostrophe = text[m.end(1) : m.end(1) + 1] in "'’"
        named = m.re is _IN_TOWN and root not in _NOT_PLACE
        if (apostrophe and root not in _NOT_PLACE) or _PROVINCE.fullmatch(last) or named:
            place = re.sub(r"\s*/\s*", "/", m.group(1))
            fields.set("place", s.found(place, m.start(1), m.end(1), 0.8))
            return


# a line that is only a place and a date ("Osmangazi, 18.10.2024", "Kadıköy/İstanbul – 12 Mart
# 2025"), as printed above the signatures
_DATELINE = re.compile(
    r"(?P<place>[A-ZÇĞİÖŞÜ][\wçğıöşü]+(?:\s*/\s*[A-ZÇĞİÖŞÜ][\wçğıöşüÇĞİÖŞÜ]+)?)"
    r"\s*[,–—-]\s*(?P<rest>\S.*?)\s*"
)


def _lines(s: Stream) -> list[tuple[int, int]]:
    """(start, end) of every printed line in the stream."""
    starts = sorted(s.line_starts)
    return [(a, b - 1) for a, b in pairwise([*starts, len(s.text) + 1])]


def _dateline(fields: Fields, s: Stream) -> None:
    """The last line holding nothing but a place and a date: the place and date of signing
    (the date when no sentence about signing gave one, the place when it is that date)."""
    if "contract_date" in fields.items and "place" in fields.items:
        return
    text, folded = s.text, s.folded
    for la, lb in reversed(_lines(s)):  # the last one: above the signatures
        m = _DATELINE.fullmatch(text, la, lb)
        if m is None:
            continue
        word = folded[m.start("place") : m.end("place")]
        if word in _NOT_PLACE or re.search(r"tarih|imza|sure|madde|sayfa", word):
            continue  # a label ("Tarih – 12.03.2025"), not a place
        rest = m.group("rest")
        dates = contract_dates(rest)
        if len(dates) != 1 or dates[0][1] != 0 or rest[dates[0][2] :].strip(" .()"):
            continue
        value, a, b = dates[0]
        at = m.start("rest")
        signed = fields.items.get("contract_date")
        if signed is None:
            fields.set("contract_date", s.found(value, at + a, at + b, 0.7))
        elif signed.value != value:
            continue
        if "place" not in fields.items:
            place = re.sub(r"\s*/\s*", "/", m.group("place"))
            fields.set("place", s.found(place, m.start("place"), m.end("place"), 0.7))
        return


_TARIH_LINE = re.compile(r"(?:tarih|tarihi)\s*:\s*(?P<rest>\S.*?)\s*")


def _tarih_line(fields: Fields, s: Stream) -> None:
    """A line that is only "Tarih: 03.02.2025" (under the title of a template, or above the
    signatures): the contract date, when nothing else gave one."""
    if "contract_date" in fields.items:
        return
    for la, lb in _lines(s):
        m = _TARIH_LINE.fullmatch(s.folded, la, lb)
        if m is None:
            continue
        rest = s.text[m.start("rest") : m.end("rest")]
        dates = contract_dates(rest)
        if len(dates) == 1 and dates[0][1] == 0 and not rest[dates[0][2] :].strip(" .()"):
            value, a, b = dates[0]
            at = m.start("rest")
            fields.set("contract_date", s.found(value, at + a, at + b, 0.7))
            return


def _place_by_date(fields: Fields, s: Stream) -> None:
    """A province on the contract date's own line ("12.03.2025 – Kadıköy/İstanbul",
    "İstanbul, 12 Mart 2025"): the place of signing."""
    signed = fields.items.get("contract_date")
    if "place" in fields.items or signed is None:
        return
    text, folded = s.text, s.folded
    for value, a, b in contract_dates(text):
        if value != signed.value:
            continue
        # on its line and in its sentence ("… Ankara Mahkemeleri yetkilidir. 12.03.2025")
        lo = max(text.rfind("\n", 0, a) + 1, text.rfind(". ", 0, a) + 2, a - 40)
        hi = text.find("\n", b)
        hi = min(len(text) if hi < 0 else hi, b + 40)
        for m in _PLACE_WORD.finditer(text, lo, hi):
            last = re.split(r"\s*/\s*", folded[m.start() : m.end()])[-1]
            if _PROVINCE.fullmatch(last):
                place = re.sub(r"\s*/\s*", "/", m.group(0))
                fields.set("place", s.found(place, m.start(), m.end(), 0.7))
                return


# a day of the month: "5'i", "5.", "5'inci", "beşinci", "1-5'i arası" (the last), "ilk 5 günü"
_DAY = re.compile(
    r"(?<![\d.,])(?:\d{1,2}\s*(?:-|ile)\s*)?(?P<n>\d{1,2})(?:\s*\.(?!\d)|['’]\s*[a-z]+|\s+gun)"
    r"|\b(?P<w>(?:on|yirmi|otuz)?\s?(?:[a-z]+inci|[a-z]+nci|[a-z]+uncu|[a-z]+ncu|[a-z]+ıncı|onuncu|"
    r"yirminci|otuzuncu))\b"
)
_PAY = re.compile(r"\b(?:ode\w*|yatir\w*|tediye\w*|havale\w*|tahsil\w*)")
_MONTH = re.compile(r"\b(?:her\s+ay\w*|ayin|aylik|ay\s+basi\w*)\b")


# a due day printed as a rule: "her ayın son iş günü", "ayın son günü", "her ay sonunda",
# "ayın ilk iş günü" (the first day, "ayın ilk günü", is day 1 and read as a day)
_DAY_RULE = re.compile(
    r"\bay(?:in|lik)?\s+(?:en\s+gec\s+)?(?P<k>son\s+is|ilk\s+is|son)\s+gun\w*"
    r"|\b(?:her\s+)?ay\s+(?P<end>sonu(?:nda|na\s+kadar)?)\b"
)
_RULES = {"son is": "last_business_day", "ilk is": "first_business_day", "son": "last_day"}


def _pay_rule(fields: Fields, s: Stream) -> None:
    """``payment_day_rule`` from a paying sentence that names no day number but a rule."""
    folded = s.folded
    for m in _DAY_RULE.finditer(folded):
        sa, sb = s.sentence(m.start())
        if not _PAY.search(folded, sa, sb):
            continue
        if _DAY.search(folded, sa, sb):
            continue  # that sentence has a day number too: the number is the due day
        kind = "last_day" if m.group("end") else _RULES[re.sub(r"\s+", " ", m.group("k"))]
        fields.set("payment_day_rule", s.found(kind, m.start(), m.end(), 0.8))
        return


def _pay_day(fields: Fields, s: Stream) -> None:
    """The day of the month rent or pay is due: a day ordinal in a sentence that speaks of
    paying and of each month, whatever the wording around it."""
    if "payment_day" in fields.items:
        return
    text, folded = s.text, s.folded
    for pay in _PAY.finditer(folded):
        sa, sb = s.sentence(pay.start())
        month = _MONTH.search(folded, sa, sb)
        if month is None or _DAY_RULE.search(folded, sa, sb):
            continue
        dates = [(sa + a, sa + b) for _, a, b in contract_dates(text[sa:sb])]
        for m in _DAY.finditer(folded, month.start(), sb):
            if any(a <= m.start() < b for a, b in dates):
                continue
            word = m.group("w")
            day = int(m.group("n")) if m.group("n") else ordinal_number(word.strip()) or 0
            if 1 <= day <= 31:
                fields.set("payment_day", s.found(day, m.start(), m.end(), 0.7))
                return


_PROPERTY_CUE = re.compile(
    r"\b(?:kiralanan\w*|tasinmaz\w*|gayrimenkul\w*|mecur\w*|bagimsiz\s+bolum\w*|"
    r"kiraya\s+konu|satisa\s+konu|satilan\w*|"
    # "… adresinde bulunan konutu Kiracıya kiralamıştır / kiraya vermiştir"
    r"kiralami\w*|kiraladig\w*|kiraya\s+verm\w*|kiraya\s+verdig\w*|"
    # "… adresindeki büro, Kiracı tarafından … kiralanmıştır"
    r"kiralanm\w*)"
)
_ADDRESS_OPEN = re.compile(r"\b[\wçğıöşü]+\s+(?:mahallesi|mah\.|mh\.|mahalle)")


def _property(fields: Fields, s: Stream) -> None:
    """The let or sold property's address: an address (a neighbourhood up to its province)
    in a sentence that speaks of the property, and not a party's address."""
    if "property_address" in fields.items:
        return
    text, folded = s.text, s.folded
    party = {
        str(f.value)
        for path, f in fields.items.items()
        if re.fullmatch(r"parties\.\d\.address", path)
    }
    title = fields.items.get("title")
    for cue in _PROPERTY_CUE.finditer(folded):
        sa, sb = sentence_of(s, cue.start())  # not cut at "Mah. " / "Sk. "
        if title is not None and text[sa:sb].strip() == str(title.value).strip():
            continue  # "GAYRİMENKUL SATIŞ SÖZLEŞMESİ": the title names no address
        m = _ADDRESS_OPEN.search(folded, sa, min(sb + 120, len(folded)))
        if m is None:
            continue
        start = m.start()
        while start > sa and text[start - 1] not in ",;:(\n" and len(text[start : m.start()]) < 30:
            prev = max(text.rfind(" ", sa, start - 1), sa - 1)  # the sentence's first word
            word = text[prev + 1 : start].strip()
            if not word[:1].isupper() or word.endswith((":", ",", ";")):
                break  # a lower-case word, a label ("Adresi:") or "Satılan," opens no address
            start = prev + 1
        para = text.find("\n", start)
        chunk = text[start : min(start + 250, len(text) if para < 0 else para)]
        end = address_end(chunk)
        if end == len(chunk):
            continue  # no province closes it
        value = chunk[:end].strip(" ,.")
        if value and not any(value in p or p in value for p in party) and len(value) > 12:
            fields.set("property_address", s.found(value, start, start + len(value), 0.7))
            return


_PROBATION = re.compile(r"\b(?:deneme|tecrube)\w*")


def _probation(fields: Fields, s: Stream) -> None:
    """A trial period ("deneme süresi/dönemi/müddeti", "tecrübe süresi"): the duration of
    its sentence nearest the cue, in months (a count of days that is whole months too)."""
    if "probation_months" in fields.items:
        return
    folded = s.folded
    for cue in _PROBATION.finditer(folded):
        sa, sb = s.sentence(cue.start())
        found = list(_DURATION.finditer(folded, sa, sb))
        if not found:
            continue
        d = min(found, key=lambda d: abs(d.start() - cue.start()))
        n, unit = _count(d)
        months = n if unit == "ay" else n // 30 if unit == "gun" and n % 30 == 0 else 0
        if 0 < months <= 12:
            fields.set("probation_months", s.found(months, d.start(), d.end(), 0.7))
            return


def _count(m: re.Match[str]) -> tuple[int, str]:
    return duration_count(m), duration_unit(m)


def _notice(fields: Fields, s: Stream) -> None:
    if "notice_period_days" in fields.items:
        return
    folded = s.folded
    for cue in _NOTICE_CUE.finditer(folded):
        sa, sb = s.sentence(cue.start())
        if re.search(r"\bdeneme\b", folded[sa:sb]):
            continue
        durations = [d for d in _DURATION.finditer(folded, sa, sb) if duration_unit(d) != "yil"]
        if durations:  # the duration nearest the cue
            d = min(durations, key=lambda d: abs(d.start() - cue.start()))
            n, unit = _count(d)
            fields.set("notice_period_days", s.found(n * _DAYS[unit], d.start(), d.end(), 0.8))
            return


def _term(fields: Fields, s: Stream) -> None:
    if "term_months" in fields.items:
        return
    start, end = fields.items.get("start_date"), fields.items.get("end_date")
    if start is not None and end is not None:
        a, b = start.value, end.value
        if isinstance(a, date) and isinstance(b, date) and b > a:
            # "01.04.2025 – 31.03.2026" and "01.04.2025 – 01.04.2026" are both 12 months
            months = round(((b - a).days + 1) / 30.4375)
            if 0 < months <= 600:
                fields.set("term_months", Found(months, start.runs + end.runs, 0.7, True))


# "imzalandığı tarihte yürürlüğe girer", "imza tarihinden itibaren geçerlidir", "imzası ile
# birlikte yürürlüğe girer": the term starts on the signing date
_FROM_SIGNING = re.compile(
    r"\b(?:imza\w*|akdedil\w*|tanzim\w*)\s+(?:(?:tarih|gun)\w*\s+)?(?:ile\s+)?(?:birlikte\s+)?"
    r"(?:itibaren|yururlu\w*|basla\w*|gecerli\w*)"
)


def _start_at_signing(fields: Fields, s: Stream) -> None:
    signed = fields.items.get("contract_date")
    if "start_date" in fields.items or signed is None:
        return
    for m in _FROM_SIGNING.finditer(s.folded):
        sa, sb = s.sentence(m.start())
        sentence = s.folded[sa:sb]
        if "sozlesme" not in sentence or _DEADLINE.search(sentence):
            continue  # "imza tarihinden itibaren 30 gün içinde ödenir" is a due date
        cue = s.found(signed.value, m.start(), m.end(), 0.7)
        fields.set("start_date", Found(signed.value, signed.runs + cue.runs, 0.7, True))
        return


def _verified_end(fields: Fields, s: Stream) -> None:
    """Start, term and end all read but start + term ≠ end: when another printed date is the
    end that start + term gives (the day before or the same day, ``TERM_TOLERANCE_DAYS``),
    the end read was another date of the text (a deadline, a trial's end) and that date is
    the end. Otherwise the end stays, and validation flags the mismatch."""
    start, term, end = (fields.items.get(k) for k in ("start_date", "term_months", "end_date"))
    if start is None or term is None or end is None or end.derived:
        return
    a, n, e = start.value, term.value, end.value
    if not (isinstance(a, date) and isinstance(n, int) and isinstance(e, date)) or n <= 0:
        return
    expected = add_months(a, n)
    if abs((e - expected).days) <= TERM_TOLERANCE_DAYS:
        return
    for value, x, y in contract_dates(s.text):
        if 0 <= (expected - value).days <= 1 and not other_period(s, x, y):
            fields.items["end_date"] = s.found(value, x, y, 0.7)
            return


def _derived_end(fields: Fields) -> None:
    """Only a start and a duration printed ("… tarihinden itibaren 1 (bir) yıl"): the end is
    the day before the same date ``term`` months later, marked derived."""
    start, term = fields.items.get("start_date"), fields.items.get("term_months")
    if "end_date" in fields.items or start is None or term is None:
        return
    if isinstance(start.value, date) and isinstance(term.value, int) and 0 < term.value <= 1200:
        end = add_months(start.value, term.value) - timedelta(days=1)
        fields.set("end_date", Found(end, start.runs + term.runs, 0.5, True))
