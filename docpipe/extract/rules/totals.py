"""The totals box: subtotal, KDV per rate, withholding, total, payable, words.

Labels vary a lot between issuers, so each is read as (label, rate, amount)
first; which field an ambiguous label such as ``Toplam`` or ``Toplam Tutar``
stands for is then decided by the arithmetic of the amounts that are sure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from docpipe.document import Word
from docpipe.extract.rules.found import Found
from docpipe.extract.rules.keyvalue import KeyValue, read_key_values
from docpipe.extract.rules.labels import Vocabulary, is_punctuation
from docpipe.text.diacritics import respell_number_words
from docpipe.text.layout import Line, Run
from docpipe.text.numbers import CURRENCY_NAMES, find_currency, find_numbers
from docpipe.text.numwords import names_currency, words_to_number
from docpipe.text.turkish import fold, squash_spaces
from docpipe.validate.withholding import withholding_ratio_of

TOTALS = Vocabulary(
    {
        "subtotal": [
            "Mal Hizmet Toplam Tutarı",
            "Mal/Hizmet Toplam Tutarı",
            "Mal / Hizmet Toplam Tutarı",
            "Toplam Mal Hizmet Tutarı",
            "Mal Hizmet Toplamı",
            "Mal Hizmet Tutarı",
            "Ara Toplam",
            "Ara Toplam (KDV Hariç)",
            "KDV Hariç Toplam",
            "KDV Hariç Tutar",
            "Net Toplam",
            "Toplam Tutar (KDV Hariç)",
            "Toplam (KDV Hariç)",
            "Ara Toplam Tutar",
            "KDV Hariç Toplam Tutar",
            "Mal Hizmet Toplamı Tutarı",
            # UBL's LineExtensionAmount as invoice viewers name it
            "Vergiler Hariç İskonto Dahil Toplam",
            "Vergiler Hariç, İskonto Dahil Toplam",
            "Subtotal",
            "Total Goods and Services",
            "Total Amount of Goods",
        ],
        "discount_total": [
            "Toplam İskonto",
            "İskonto Toplamı",
            "Toplam İndirim",
            "İndirim Toplamı",
            "İskonto",
            "İndirim",
            "Toplam İskonto Tutarı",
            "İskonto Toplam",
            "Iskonto Toplamı",
            "Total Discount",
            "Discount",
        ],
        "kdv_base": [
            "KDV Matrahı",
            "Hesaplanan KDV Matrahı",
            "Matrah",
            "KDV Matrah",
            "Matrahı",
            "K.D.V. Matrahı",
            "Toplam Matrah",
            "Toplam KDV Matrahı",
            "KDV Matrahı Toplamı",
            "Matrah Toplamı",
            # UBL's TaxExclusiveAmount (the base) as invoice viewers name it
            "Vergiler Hariç Toplam",
            "Vergiler Hariç Toplam Tutar",
            "Iskontolu Toplam Tutar",
            "İskontolu Toplam Tutar",
            "VAT Base",
            "Tax Base",
        ],
        "kdv": [
            "Hesaplanan KDV",
            "KDV",
            "K.D.V.",
            "K.D.V. Tutarı",
            "Hesaplanan K.D.V.",
            "Calculated VAT",
            "VAT",
            "KDV Tutarı",
            "Hesaplanan Katma Değer Vergisi",
            "Katma Değer Vergisi",
            # the KDV tax scheme's name as GİB's code list spells it (0015), which designs
            # print after "Hesaplanan"; ERPs also write "KDV GERÇEK"
            "Gerçek Usulde Katma Değer Vergisi",
            "Hesaplanan Gerçek Usulde Katma Değer Vergisi",
            "Hesaplanan KDV Gerçek",
            "KDV Gerçek",
            # the scheme's name with KDV for its last words ("Hesaplanan Gerçek Usülde KDV")
            "Gerçek Usulde KDV",
            "Hesaplanan Gerçek Usulde KDV",
            # the long name wrapped in a narrow cell before "Vergisi (%20)" (the rate read
            # on the continuation: ``_rate_continued``)
            "Hesaplanan Gerçek Usulde Katma Değer",
            "Gerçek Usulde Katma Değer",
            "Hesaplanan Katma Değer",
        ],
        "kdv_total": [
            "Toplam KDV",
            "KDV Toplamı",
            "Toplam Hesaplanan KDV",
            "Hesaplanan KDV Toplamı",
            "KDV Toplam",
            "Toplam KDV Tutarı",
            "Toplam K.D.V.",
            "K.D.V. Toplamı",
            "Vergiler Toplamı",
            "Toplam Vergiler",
            "Total VAT",
        ],
        "withholding": [
            "KDV Tevkifat Tutarı",
            "Tevkifat Tutarı",
            "Tevkif Edilen KDV",
            "Tevkifat",
            "KDV Tevkifatı",
            "Hesaplanan KDV Tevkifatı",
            "Hesaplanan KDV Tevkifat",
            "Tevkifat (KDV)",
        ],
        "ignore": [
            "Tevkifata Tabi İşlem Tutarı",
            "Tevkifata Tabi İşlem Üzerinden Hesaplanan KDV",
            "Tevkifata Tabi İşlem Üzerinden Hes. KDV",
            # the same labels wrapped in a narrow cell, the amount level with their first
            # line: the KDV subject to withholding, not the amount withheld ("Tevkifata"
            # is not "Tevkifat")
            "Tevkifata Tabi İşlem Üzerinden",
            "Tevkifata Tabi İşlem",
            "Diğer Vergiler",
            "Sayfa",
        ],
        "total_with_taxes": [
            "Vergiler Dahil Toplam Tutar",
            "Vergiler Dahil Toplam",
            "Genel Toplam",
            "KDV Dahil Toplam",
            "Toplam (KDV Dahil)",
            "KDV Dahil Toplam Tutar",
            "Fatura Toplamı",
            "Toplam Tutar (KDV Dahil)",
            "Genel Toplam Tutar",
            "Vergiler Dahil Tutar",
            "G. Toplam",
            "G.Toplam",
            "Genel Toplam (KDV Dahil)",
            "K.D.V. Dahil Toplam",
            "Vergiler Dahil Toplam Tutarı",
            "Grand Total",
            "Total Including Taxes",
            "Total Amount Including Taxes",
            "Total Incl. Taxes",
            "Total (VAT Included)",
            "Invoice Total",
        ],
        "payable_amount": [
            "Ödenecek Tutar",
            "Ödenecek Toplam",
            "Ödenecek Toplam Tutar",
            "Net Ödenecek",
            "Ödenecek",
            "Tahsil Edilecek Tutar",
            "Ödenecek Tutar (TL)",
            "Ödenecek Net Tutar",
            "Amount Payable",
            "Total Payable",
            "Total Due",
            "Amount Due",
        ],
        "ambiguous_total": ["Toplam", "Toplam Tutar", "Tutar"],
    }
)

# a rate's decimals: one or two figures, or the zeros of a UBL Percent printed as the
# sender wrote it ("%20.0000")
_FRACTION = r"(?:[.,]\d{1,2}|[.,]0{3,4})"
# a rate's figures never run on into an amount's ("(% 134.127,01": no rate of 13)
_RATE = re.compile(
    rf"%\s*(\d{{1,2}}{_FRACTION}?)(?![.,]?\d)|(?<![\d.,])(\d{{1,2}}{_FRACTION}?)\s*%"
)
_WITHHOLDING_RATIO = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(10)(?![\d])")
_WITHHOLDING_CODE = re.compile(r"(?<![\d.,])(6\d\d|8\d\d)(?![\d.,])")


@dataclass(frozen=True)
class Amount:
    field: str
    rate: Decimal | None
    value: Decimal | None
    found_runs: tuple[Run, ...]
    score: float
    text: str


def _rate_in(text: str) -> tuple[Decimal | None, str]:
    match = _RATE.search(text)
    if not match:
        return None, text
    raw = (match.group(1) or match.group(2)).replace(",", ".")
    return Decimal(raw), text[: match.start()] + " " + text[match.end() :]


def _percent_left_out(label_text: str, value_text: str) -> bool:
    """A label ending in a bare "%" whose figures the sender left out ("Tevkifat % |
    59,98 TL"): the one number in the value cell beside it is the amount, not the rate,
    unless it is a legal KDV rate or a tevkifat percentage, a tenth ("KDV % | 20",
    "Tevkifat % | 50,00")."""
    if not label_text.rstrip(" :").endswith("%") or _RATE.search(label_text):
        return False
    numbers = find_numbers(value_text)
    if len(numbers) != 1:
        return False
    value = numbers[0][0]
    return value not in _RATES and not (value % 10 == 0 and 0 < value <= 100)


def read_amounts(lines: list[Line]) -> list[Amount]:
    out: list[Amount] = []
    for kv in read_key_values(lines, TOTALS, look_below=False):
        label_and_value = kv.label.text + " " + (kv.value.text if kv.value is not None else "")
        if kv.field == "ignore" or "karsilig" in fold(label_and_value):
            continue  # "Ödenecek Tutar (TL Karşılığı)": a conversion, not the invoice's amount
        label_text = kv.label.text
        value_text = kv.value.text if kv.value is not None else ""
        before_text = kv.before.text if kv.before is not None else ""
        if _percent_left_out(label_text, value_text):
            rate, rest = None, f"{before_text} {label_text} {value_text}"
        else:
            rate, rest = _rate_in(f"{before_text} {label_text} {value_text}")
        if rate is None and kv.field in ("kdv", "kdv_base"):
            beside = _figures_right_of(lines, kv.value or kv.label)
            rate, rest = _ghost_rate_in(rest, beside[1].text if beside else "")
        if rate is None and kv.field in ("kdv", "kdv_base"):
            bare = _LABEL_RATE.search(label_text)  # "Hesaplanan KDV 20 / VAT"
            if bare is not None and Decimal(bare.group(1)) in _RATES:
                rate = Decimal(bare.group(1))
                rest = rest.replace(label_text, label_text[: bare.start()], 1)
        numbers = [n for n, _, _ in find_numbers(_strip_ratio(rest).split(label_text)[-1])]
        # "Tevkifat: 614 - Servis taşımacılığı" is a note, not an amount
        value = numbers[-1] if numbers and not _is_prose(value_text) else None
        if kv.field == "withholding" and _is_code(value, value_text):
            value = None  # "Tevkifat: 612 - hizmet": the code, a figure without kuruş
        runs = tuple(r for r in (kv.label, kv.value) if r is not None)
        if kv.field == "withholding" and rate is None and value is None:
            rate = _rate_below(lines, kv.value or kv.label)  # "… benzeri" / "hizmetler(%90)"
        field = kv.field
        if field in ("kdv", "kdv_base"):
            cells = _kdv_cells(lines, kv, rate, value, numbers)
            rate, value = cells.rate, cells.value
            runs, value_text = (*runs, *cells.runs), " ".join([value_text, *cells.texts])
            if cells.base is not None:  # "KDV %20 | 1.000,00 | 200,00": base, then its KDV
                text = squash_spaces(f"{label_text} {value_text}")
                out.append(Amount("kdv_base", rate, cells.base, runs, kv.score, text))
                field = "kdv"
        elif value is None and kv.value is not None and _is_prose(value_text):
            # "Tevkifat Temizlik hizmeti (%90) | : | 44.802,18 TL": a reason, then the amount
            beside = _amount_right_of(lines, kv.value)
            if beside is not None:
                value = beside[0]
                runs, value_text = (*runs, beside[1]), f"{value_text} {beside[1].text}"
        text = squash_spaces(f"{label_text} {value_text}")
        out.append(Amount(field, rate, value, runs, kv.score, text))
    return out


@dataclass(frozen=True)
class _KdvCells:
    rate: Decimal | None
    value: Decimal | None
    base: Decimal | None = None  # the rate's base, where printed on the KDV's line
    runs: tuple[Run, ...] = ()  # cells read right of the label's value
    texts: tuple[str, ...] = ()


def _kdv_cells(
    lines: list[Line], kv: KeyValue, rate: Decimal | None, value: Decimal | None,
    numbers: list[Decimal],
) -> _KdvCells:  # fmt: skip
    """A KDV (or base) label's rate, amount and base as designs lay them out: the rate in
    the label ("KDV %20", "KDV (1)"), in a cell of its own ("KDV | 20 | …", "(%20)"),
    wrapped under a narrow cell ("(%" over "20)"); then the amount, and the base where
    the line prints it before the KDV, told apart by arithmetic (base × rate = KDV)."""
    value_text = kv.value.text.strip() if kv.value is not None else ""
    cell_rate = _rate_cell(value_text)
    if rate is None and cell_rate is not None:
        rate, value = cell_rate, None  # "KDV | 20 | 27.671,33": the value cell is the rate
    elif cell_rate is not None and not _RATE.sub("", value_text).strip(" ()"):
        value = None  # "Hesaplanan KDV | (%20) | 200,00"
    if rate is None:
        rate = _rate_in_parentheses(f"{kv.label.text} {value_text}")  # "KDV / VAT (1)"
    if rate is None:
        # "Hesaplanan KDV (%" over "20)": a narrow cell wrapped the rate's figures
        runs = (kv.label,) if kv.value is None else (kv.label, kv.value)
        mark = next((w for r in runs for w in r.words if w.text.strip("(") == "%"), None)
        rate = _wrapped_rate(lines, Run(kv.label.page, (mark,))) if mark else None
    if rate is None and (not _value_beside(kv) or _closed_below(lines, kv.label)):
        # no amount on the label's line: a wrapped label, its amount set between its lines
        # or level with the second (a label whose line holds an amount may be one of
        # labels stacked over amounts aligned otherwise: the next label's rate is not its,
        # unless the line under ends the label with its colon: "Vergisi (%20) :")
        continued = _rate_continued(lines, kv.label)
        if continued is not None:
            rate, below = continued
            if value is None and below is not None:
                return _KdvCells(rate, below[0], None, (below[1],), (below[1].text,))
    if rate is None:
        return _KdvCells(rate, value)
    runs: tuple[Run, ...] = ()
    if value is None:  # the amount in the next cell, or base and KDV there in one run
        right = _figures_right_of(lines, kv.value or kv.label)
        if right is None:
            return _KdvCells(rate, None)
        (figures, run), runs = right, (right[1],)
        if len(figures) == 2 and _kdv_fits(figures[0], rate, figures[1]):
            return _KdvCells(rate, figures[1], figures[0], runs, (run.text,))
        if len(figures) != 1:  # the last figure, as in a run of the label's own
            return _KdvCells(rate, figures[-1], None, runs, (run.text,))
        value = figures[0]
    elif len(numbers) == 2 and _kdv_fits(numbers[0], rate, numbers[1]):
        return _KdvCells(rate, numbers[1], numbers[0])  # "1.000,00  200,00" in one run
    # the figure read may be the base, its KDV in the next cell
    nxt = _figures_right_of(lines, runs[-1] if runs else kv.value or kv.label)
    if nxt is not None and len(nxt[0]) == 1 and _kdv_fits(value, rate, nxt[0][0]):
        runs = (*runs, nxt[1])
        return _KdvCells(rate, nxt[0][0], value, runs, tuple(r.text for r in runs))
    return _KdvCells(rate, value, None, runs, tuple(r.text for r in runs))


_PAREN_RATE = re.compile(r"\((\d{1,2})\)")
# a legal rate printed with decimals whose "%" OCR read as "9", "90" or "96": "KDV Matrahı
# 920,00 / VAT Base" (a bare "(9620)" is taken only when the arithmetic confirms it:
# ``_rate_by_arithmetic``)
_GHOST_RATE = re.compile(r"(?<![\d.,])9[06]?(1|8|10|18|20)[.,]00(?![\d.,])")


def _ghost_rate_in(text: str, beside: str = "") -> tuple[Decimal | None, str]:
    """A KDV line's rate whose "%" was read as a digit, and the text without it (with
    ``beside``, the next cell's figures, when it holds none); only when a figure is left
    (a base of 920,00 alone is a base, not "%20,00") that is not its KDV at a legal rate
    ("920,00  184,00": a base and its KDV)."""
    for match in _GHOST_RATE.finditer(text):
        rest = text[: match.start()] + " " + text[match.end() :]
        if not find_numbers(_strip_ratio(rest)):
            rest = f"{rest} {beside}"
        left = [n for n, _, _ in find_numbers(_strip_ratio(rest))]
        ghost = next((n for n, _, _ in find_numbers(match.group(0))), None)
        if left and not (ghost and any(_kdv_fits(ghost, r, n) for r in _RATES for n in left)):
            return Decimal(match.group(1)), rest
    return None, text


_GHOST_PAREN_RATE = re.compile(r"\(\s*9[06]?(1|8|10|18|20)\s*\)")


def _ghost_rate_in_parentheses(text: str) -> Decimal | None:
    """The legal rate of a KDV label whose "(%10)" OCR read "(9610)" or "(901)": the "%"
    as "9", "90" or "96" (no rate has three digits). Taken only beside another KDV line
    whose rate was read (``totals_fields``); alone, the arithmetic decides
    (``_rate_by_arithmetic``)."""
    match = _GHOST_PAREN_RATE.search(text)
    return Decimal(match.group(1)) if match else None


def _rate_in_parentheses(text: str) -> Decimal | None:
    match = _PAREN_RATE.search(text)
    rate = Decimal(match.group(1)) if match else None
    return rate if rate in _RATES else None


def _figures_right_of(lines: list[Line], run: Run) -> tuple[list[Decimal], Run] | None:
    """The figures of the next segment right of ``run`` on its line (a lone ``:`` between
    them skipped): none when it is a totals label of its own, a rate or prose."""
    middle = (run.y0 + run.y1) / 2
    for line in lines:
        if line.page != run.page or not line.y0 <= middle <= line.y1:
            continue
        after = [
            seg for seg in line.segments() if seg.x0 >= run.x1 and not is_punctuation(seg.text)
        ]
        if not after or TOTALS.match_words([w.text for w in after[0].words]) is not None:
            continue
        if _rate_cell(after[0].text) is not None or _is_prose(after[0].text):
            return None
        figures = [n for n, _, _ in find_numbers(_RATE.sub(" ", after[0].text))]
        return (figures, after[0]) if figures else None
    return None


# a cell that holds only a rate: "%20", "% 20", "20%", "(%20)", "%20,00"
_RATE_CELL = re.compile(rf"\(?\s*(%\s*\d{{1,2}}{_FRACTION}?|\d{{1,2}}{_FRACTION}?\s*%)\s*\)?:?")


def _segment_below(lines: list[Line], run: Run) -> Run | None:
    """The wrapped continuation of ``run``: the next line's segment in its column."""
    for line in lines:
        if line.page != run.page or line.y0 < run.y1 - 0.2 * run.height:
            continue
        if line.y0 - run.y1 > run.height:
            return None
        for seg in line.segments():
            if min(seg.x1, run.x1) > max(seg.x0, run.x0):
                return seg
    return None


def _rate_below(lines: list[Line], run: Run) -> Decimal | None:
    """A rate on the wrapped continuation of ``run``: the next line, in its column."""
    seg = _segment_below(lines, run)
    return _rate_in(seg.text)[0] if seg is not None else None


_BARE_RATE = re.compile(r"\d{1,2}")
_RATE_WRAPPED = re.compile(rf"(\d{{1,2}}{_FRACTION}?)\s*\)?\s*:?")


def _wrapped_rate(lines: list[Line], label: Run) -> Decimal | None:
    """The rate whose figures a narrow label cell wrapped onto the next line, under it."""
    seg = _segment_below(lines, label)
    m = _RATE_WRAPPED.fullmatch(seg.words[0].text) if seg is not None else None
    rate = Decimal(m.group(1).replace(",", ".")) if m else None
    return rate if rate in _RATES else None


def _value_beside(kv: KeyValue) -> bool:
    """Whether the label's value was read level with the label (not lower, between its
    wrapped lines)."""
    if kv.value is None or not find_numbers(kv.value.text):
        return False
    return abs(kv.value.y0 - kv.label.y0) < 0.25 * kv.label.height


def _piece_under(lines: list[Line], label: Run) -> Run | None:
    """The piece of the next line (its middle within about a line under the label's)
    that starts under the label: a wrapped label's continuation, however the line's
    other cells sit."""
    middle = (label.y0 + label.y1) / 2
    for line in lines:
        below = (line.y0 + line.y1) / 2 - middle
        if line.page != label.page or not 0.5 * label.height < below < 1.6 * label.height:
            continue
        for seg in line.segments():
            if min(seg.x1, label.x1) > max(seg.x0, label.x0):
                return seg
    return None


def _closed_below(lines: list[Line], label: Run) -> bool:
    """Whether the piece under the label ends with a colon: the label's wrapped last line."""
    seg = _piece_under(lines, label)
    return seg is not None and seg.text.rstrip().endswith(":")


def _rate_continued(
    lines: list[Line], label: Run
) -> tuple[Decimal, tuple[Decimal, Run] | None] | None:
    """The rate on a label's wrapped continuation ("Hesaplanan GERÇEK USULDE KATMA DEĞER"
    over "VERGİSİ(%20,00)"), and the amount printed level with it: the next line's piece
    under the label, when it is no totals label of its own (the next row's "Hesaplanan
    KDV (%10)") and holds no figure besides the rate."""
    seg = _piece_under(lines, label)
    if seg is None or TOTALS.match_words([w.text for w in seg.words]) is not None:
        return None
    if _rate_cell(seg.text) is not None or not _WORD.search(fold(seg.text)):
        return None  # a breakdown's rate cell under its header, not a wrapped label's end
    rate, rest = _rate_in(seg.text)
    if rate not in _RATES or rate is None or find_numbers(rest):
        return None
    return rate, _amount_right_of(lines, seg)


# a rate without % inside a bilingual label, before its English half
_LABEL_RATE = re.compile(r"(?<![\d.,])(\d{1,2})\s*/\s*[A-Za-z]")
_RATES = frozenset(Decimal(r) for r in ("1", "8", "10", "18", "20"))


def _amount_right_of(lines: list[Line], run: Run) -> tuple[Decimal, Run] | None:
    """The one amount in the next segment right of ``run`` on its line (a lone ``:``
    between them is skipped).

    A segment that is a totals label of its own is the next field of a box printed
    beside ``run`` ("Tevkifat: 604 - Yemek servis" in the notes, "KDV Matrahı (%10):"
    in the totals box to its right), not ``run``'s amount; and a rate is never one.
    """
    middle = (run.y0 + run.y1) / 2
    for line in lines:
        if line.page != run.page or not line.y0 <= middle <= line.y1:
            continue
        after = [
            seg for seg in line.segments() if seg.x0 >= run.x1 and not is_punctuation(seg.text)
        ]
        if not after or TOTALS.match_words([w.text for w in after[0].words]) is not None:
            continue
        numbers = find_numbers(_RATE.sub(" ", after[0].text))
        if len(numbers) == 1 and not _is_prose(after[0].text):
            return numbers[0][0], after[0]
    return None


_WORD = re.compile(r"[^\W\d_]{3,}")
_CURRENCY_WORDS = {
    "tl", "try", "eur", "euro", "usd", "gbp", "chf", "kdv", "dahil", "haric",
    # the halves of a currency name that a narrow cell wrapped ("7.299,23 ABD" over "Doları")
    "abd", "amerikan", "dolari", "turk", "lirasi", "ingiliz", "sterlini", "isvicre", "frangi",
}  # fmt: skip


def _is_prose(text: str) -> bool:
    folded = fold(text)
    for rx, _ in CURRENCY_NAMES:  # "707,55 ABD Doları" is an amount, not a note
        folded = rx.sub(" ", folded)
    words = [w for w in _WORD.findall(folded) if w not in _CURRENCY_WORDS]
    return len(words) >= 2


def _is_code(value: Decimal | None, text: str) -> bool:
    """Whether ``value`` is a tevkifat code printed in ``text`` (a whole 6xx/8xx without
    kuruş, standing alone), not a withheld amount."""
    if value is None or value != value.to_integral_value():
        return False
    return any(m.group(1) == str(int(value)) for m in _WITHHOLDING_CODE.finditer(text))


def _strip_ratio(text: str) -> str:
    return _WITHHOLDING_RATIO.sub(" ", _WITHHOLDING_CODE.sub(" ", text)) if "/" in text else text


_MAIN_TOTALS = ("total_with_taxes", "payable_amount", "subtotal", "kdv_total")


def _without_tl_equivalents(amounts: list[Amount]) -> list[Amount]:
    """Drop the Turkish lira equivalents of a foreign-currency invoice's totals: where an
    amount is printed in one foreign currency, the same total (same field and rate) printed
    again in TL ("Hesaplanan KDV(%20) (TL) 94.129,57 TL", "Ödenecek Tutar(TL)") restates it
    at the exchange rate for the tax office (the KDV must be shown in TL); it is not the
    invoice's. A total printed in TL only is kept."""
    marked = [find_currency(a.text.replace("%", " ")) for a in amounts]  # "KDV(%20) (TL)"
    foreign = {cur for cur in marked if cur not in (None, "TRY")}
    if len(foreign) != 1 or "TRY" not in marked:
        return amounts
    in_foreign = {
        (a.field, a.rate) for a, cur in zip(amounts, marked, strict=True) if cur in foreign
    }
    return [
        a
        for a, cur in zip(amounts, marked, strict=True)
        if cur != "TRY" or (a.field, a.rate) not in in_foreign
    ]


def totals_fields(
    lines: list[Line],
    line_sum: Decimal | None,
    line_gross: Decimal | None = None,
    withholding_named: bool = False,
    line_bases: dict[Decimal, tuple[Decimal, int]] | None = None,
) -> dict[str, Found]:
    """Totals by dotted path (``subtotal``, ``kdv.0.rate``, ``withholding.amount`` …).
    ``withholding_named``: the page names a withholding elsewhere (a "KDV TEVKİFAT" cell in
    the rows, the TEVKIFAT invoice type). ``line_bases``: per KDV rate read on the lines,
    their amounts summed and how many lines (when every line's rate and amount was read)."""
    found: dict[str, Found] = {}
    kdv_by_rate: dict[Decimal, Found] = {}
    base_by_rate: dict[Decimal, Found] = {}
    unrated_kdv: list[Found] = []
    ghost_rates: list[Decimal | None] = []  # of each unrated KDV: "(9610)" read for "(%10)"
    unrated_base: list[Found] = []  # "Matrah:" with no rate: the base of all lines
    ambiguous: list[Found] = []
    currency_runs: list[tuple[str, tuple[Run, ...]]] = []
    withheld_share: Decimal | None = None  # the withholding's share of the KDV, 0..1
    # the currency printed with each total taken (the first of its kind, like the value)
    currency_of: dict[str, tuple[str, tuple[Run, ...]]] = {}
    for a in _without_tl_equivalents(read_amounts(lines)):
        if a.field == "withholding":
            _withholding_terms(found, a)
            if a.rate is not None and 0 < a.rate <= 100:  # "(%90,00)"
                withheld_share = withheld_share or a.rate / 100
        if a.value is None:
            continue
        cur = find_currency(a.text)
        if cur:
            currency_runs.append((cur, a.found_runs))
            if a.field in _MAIN_TOTALS:
                currency_of.setdefault(a.field, (cur, a.found_runs))
        f = Found(a.value, a.found_runs, a.score)
        if a.field == "kdv":
            if a.rate is not None:
                kdv_by_rate.setdefault(a.rate, f)
            else:
                unrated_kdv.append(f)
                ghost_rates.append(_ghost_rate_in_parentheses(a.text))
        elif a.field == "kdv_base":
            if a.rate is not None:
                base_by_rate.setdefault(a.rate, f)
            else:
                unrated_base.append(f)
        elif a.field == "withholding":
            found.setdefault("withholding.amount", f)
        elif a.field == "ambiguous_total":
            ambiguous.append(f)
        elif a.field in (
            "subtotal",
            "discount_total",
            "kdv_total",
            "total_with_taxes",
            "payable_amount",
        ):
            found.setdefault(a.field, f)
    for rate, base, kdv in _breakdown_rows(lines):
        if rate not in kdv_by_rate and rate not in base_by_rate:
            kdv_by_rate[rate], base_by_rate[rate] = kdv, base
    if kdv_by_rate:  # a breakdown of several rates, one of them read: "(9610)" is (%10)
        rated = []
        for f, ghost in zip(unrated_kdv, ghost_rates, strict=True):
            if ghost is not None and ghost not in kdv_by_rate:
                kdv_by_rate[ghost] = Found(f.value, f.runs, min(f.score, 0.8))
                rated.append(f)
        unrated_kdv = [f for f in unrated_kdv if all(f is not g for g in rated)]
    if unrated_kdv and not base_by_rate and line_bases:
        unrated_kdv = _rates_by_line_bases(kdv_by_rate, unrated_kdv, line_bases)
    if len(unrated_kdv) == 1 and not kdv_by_rate and not base_by_rate:
        _rate_by_arithmetic(kdv_by_rate, unrated_kdv[0], found.get("subtotal"), line_sum)
    if unrated_kdv and not kdv_by_rate and "kdv_total" not in found:
        found["kdv_total"] = _unrated_kdv_total(found, unrated_kdv)
    _pair_by_arithmetic(kdv_by_rate, base_by_rate, found.get("kdv_total"))
    for i, rate in enumerate(sorted(kdv_by_rate)):
        amount = kdv_by_rate[rate]
        found[f"kdv.{i}.rate"] = Found(rate, amount.runs, amount.score)
        found[f"kdv.{i}.amount"] = amount
        if rate in base_by_rate:
            found[f"kdv.{i}.base"] = base_by_rate[rate]
    if unrated_base:
        # "Matrah" without a rate is the base of the one rate, unless it is the subtotal
        # printed before line discounts (then it is not what the KDV was computed on)
        net = line_sum is None or unrated_base[0].value == line_sum
        if len(kdv_by_rate) == 1 and not base_by_rate and net:
            found["kdv.0.base"] = unrated_base[0]
        found.setdefault("subtotal", Found(unrated_base[0].value, unrated_base[0].runs, 0.8))
    if "kdv_total" not in found and kdv_by_rate:
        total = sum((f.value for f in kdv_by_rate.values()), Decimal(0))
        runs = tuple(r for f in kdv_by_rate.values() for r in f.runs)
        found["kdv_total"] = Found(total, runs, 0.9)
    _resolve_ambiguous(found, ambiguous, line_sum, line_gross)
    if len(kdv_by_rate) == 1 and "kdv.0.base" not in found:
        _base_by_arithmetic(found, line_sum)
    ratio = found.get("withholding.rate")
    if ratio is not None and withheld_share is None:
        num, den = str(ratio.value).split("/")
        withheld_share = Decimal(num) / Decimal(den)
    if withheld_share is None:
        withheld_share = _share_of_code(found)
    if withheld_share is not None and "withholding.amount" not in found:
        _withholding_by_arithmetic(found, withheld_share)
    withheld_named = (
        withholding_named
        or "withholding.code" in found
        or any("tevkif" in fold(ln.text) for ln in lines)
    )
    if withheld_share is None and withheld_named and "withholding.amount" not in found:
        # a withholding named ("Tevkifat: 604 - Yemek servis hizmeti", "KDV TEVKİFAT" in the
        # rows) with no ratio or amount in the totals: the share is one of the legal
        # tenths (2/10 … 10/10) that total − payable shows; a design that prints no KDV
        # shows it as total − subtotal
        terms = dict(found)
        total, subtotal = found.get("total_with_taxes"), found.get("subtotal")
        if "kdv_total" not in found and total is not None and subtotal is not None:
            terms["kdv_total"] = Found(total.value - subtotal.value, total.runs, 0.7)
        for tenths in range(2, 11):
            _withholding_by_arithmetic(terms, Decimal(tenths) / 10)
            if "withholding.amount" in terms:
                found["withholding.amount"] = terms["withholding.amount"]
                runs = found["withholding.amount"].runs
                found["withholding.rate"] = Found(f"{tenths}/10", runs, 0.7)
                break
    words = amount_in_words(lines)
    if words is not None:
        found["amount_in_words"] = words
    # the invoice's currency is the one its totals are in: a foreign-currency invoice
    # prints its TL equivalents too, after them or beside them
    taken = next((currency_of[k] for k in _MAIN_TOTALS if k in currency_of), None)
    if taken is not None or currency_runs:
        cur, runs = taken or currency_runs[-1]
        found["currency"] = Found(cur, runs, 0.9)
    return found


def _breakdown_rows(lines: list[Line]) -> list[tuple[Decimal, Found, Found]]:
    """KDV per rate printed as a table of its own ("KDV Oranı | Matrah | KDV Tutarı", a
    row per rate: "%20 | 1.000,00 | 200,00"; the rate may be bare, "20"): a rate cell
    followed by exactly two amount cells under a header naming the base (Matrah / Base)
    or right of a KDV label; an item row with a KDV rate and amount has neither."""
    rows = []
    for li, line in enumerate(lines):
        segments = [s for s in line.segments() if not is_punctuation(s.text.strip())]
        other_order = _base_first_row(lines, li, segments)
        if other_order is not None:
            rows.append(other_order)
            continue
        for si, seg in enumerate(segments[:-2]):
            rate = _rate_cell(seg.text)
            after = segments[si + 1 :]
            if rate is None or len(after) != 2:
                continue
            base, kdv = (_lone_amount(s.text) for s in after)
            if base is None or kdv is None:
                continue
            label = TOTALS.match_words([w.text for w in segments[si - 1].words]) if si else None
            if (label is not None and label.field == "kdv") or _under_base_header(
                lines, li, after[0]
            ):
                # base, then KDV, unless the arithmetic says the other way round; a KDV
                # that fits neither is kept as printed, for the KDV check to judge
                swap = _kdv_fits(kdv, rate, base) and not _kdv_fits(base, rate, kdv)
                b, k = (1, 0) if swap else (0, 1)
                rows.append((rate, Found((base, kdv)[b], (seg, after[b]), 0.85),
                             Found((base, kdv)[k], (seg, after[k]), 0.85)))  # fmt: skip
    return rows


# GİB's code of the KDV tax scheme, printed in a breakdown's "Vergi Türü" / "Vergi Kodu" cell
_KDV_SCHEME_CODE = re.compile(r"^0015$")


def _base_first_row(
    lines: list[Line], li: int, segments: list[Run]
) -> tuple[Decimal, Found, Found] | None:
    """A breakdown row that prints the amounts before the rate ("Vergilendirilecek Tutar |
    Vergi Tutarı | Oran (%) | Vergi Türü": "14874.61 | 2974.92 | 20 | 0015"): two amount
    cells and one rate cell (the scheme's code aside) under a header naming the base; base
    and KDV told apart by the arithmetic, else the one under the base header is the base."""
    cells = [s for s in segments if not _KDV_SCHEME_CODE.fullmatch(s.text.strip())]
    if len(cells) != 3 or _rate_cell(cells[0].text) is not None:
        return None  # the rate first is the common order (read by the caller)
    rates = [(i, _rate_cell(c.text)) for i, c in enumerate(cells)]
    if all(r is None for _, r in rates):  # "1.00": the Percent as written, no "%" cell
        rates = [(i, _decimal_rate_cell(c.text)) for i, c in enumerate(cells)]
    rate_at = [i for i, r in rates if r is not None]
    if len(rate_at) != 1:
        return None
    rate = rates[rate_at[0]][1]
    amount_cells = [c for i, c in enumerate(cells) if i != rate_at[0]]
    amounts = [_lone_amount(c.text) for c in amount_cells]
    if rate is None or amounts[0] is None or amounts[1] is None:
        return None
    under = [_under_base_header(lines, li, c) for c in amount_cells]
    if not any(under):
        return None
    if _kdv_fits(amounts[0], rate, amounts[1]):
        b = 0
    elif _kdv_fits(amounts[1], rate, amounts[0]):
        b = 1
    else:
        b = under.index(True)
    rate_cell = cells[rate_at[0]]
    return (rate, Found(amounts[b], (rate_cell, amount_cells[b]), 0.85),
            Found(amounts[1 - b], (rate_cell, amount_cells[1 - b]), 0.85))  # fmt: skip


def _rate_cell(text: str) -> Decimal | None:
    """The legal KDV rate a cell holds alone: "%20", "(%20)", "20%", "%20,00", or bare
    "20" / "(20)" (a breakdown's rate column, a rate cell beside its label)."""
    text = text.strip()
    if _RATE_CELL.fullmatch(text):
        rate = _rate_in(text)[0]
    elif _BARE_RATE.fullmatch(text.strip("()")):
        rate = Decimal(text.strip("()"))
    else:
        return None
    return rate if rate in _RATES else None


_DECIMAL_RATE = re.compile(r"(\d{1,2})[.,]0{2,4}")


def _decimal_rate_cell(text: str) -> Decimal | None:
    """A breakdown's "Oran (%)" cell holding the UBL Percent as the sender wrote it
    ("1.00", "20.0000"): a legal rate with zero decimals (in a row of its amounts only,
    where the arithmetic then tells the rate from an amount of 10,00)."""
    match = _DECIMAL_RATE.fullmatch(text.strip())
    rate = Decimal(match.group(1)) if match else None
    return rate if rate in _RATES else None


def _lone_amount(text: str) -> Decimal | None:
    numbers = find_numbers(text)
    return numbers[0][0] if len(numbers) == 1 and not _is_prose(text) else None


_BASE_HEADING = re.compile(r"\b(matrah\w*|base|vergilendirilecek|taxable)\b")


def _under_base_header(lines: list[Line], li: int, base: Run) -> bool:
    """Whether a heading naming the base (Matrah, VAT Base) sits above ``base`` within a
    few lines (the breakdown's header, its rows in between): over it, or heading the
    column it is in (a heading set flush left over figures set flush right may not
    reach them: the column runs from its heading to the next heading)."""
    for above in reversed(lines[max(0, li - 6) : li]):
        if above.page != base.page or base.y0 - above.y1 > 8 * base.height:
            return False
        segments = sorted(above.segments(), key=lambda s: s.x0)
        for si, seg in enumerate(segments):
            nxt = segments[si + 1].x0 if si + 1 < len(segments) else None
            over = min(seg.x1, base.x1) > max(seg.x0, base.x0)
            heads = len(segments) > 1 and seg.x0 <= base.x0 and (nxt is None or base.x1 < nxt)
            if (over or heads) and _BASE_HEADING.search(fold(seg.text)):
                return True
    return False


def _kdv_fits(base: Decimal, rate: Decimal, amount: Decimal) -> bool:
    """Whether ``amount`` is the KDV of ``base`` at ``rate``: a kuruş, and half a kuruş
    per 100 units of KDV for lines whose KDV was rounded one by one."""
    expected = base * rate / 100
    return abs(expected - amount) <= Decimal("0.01") + abs(expected) * Decimal("0.00005")


def _pair_by_arithmetic(
    kdv_by_rate: dict[Decimal, Found], base_by_rate: dict[Decimal, Found], total: Found | None
) -> None:
    """Pair each rate's base and KDV by arithmetic where a line of the breakdown was
    misread (OCR), so the rates that were read keep their own amounts.

    A KDV amount whose printed rate has no base, beside a base whose rate has no amount,
    is that base's KDV when base × rate gives it (the rate on one of the two lines was
    misread). A base whose KDV amount was not read at all gets the amount the printed
    KDV total leaves, when exactly one is missing and base × rate agrees with it.
    """
    for rate in [r for r in kdv_by_rate if r not in base_by_rate]:
        amount = kdv_by_rate[rate]
        fits = [
            r
            for r, base in base_by_rate.items()
            if r not in kdv_by_rate and _kdv_fits(base.value, r, amount.value)
        ]
        if len(fits) == 1:
            kdv_by_rate[fits[0]] = kdv_by_rate.pop(rate)
    missing = [r for r in base_by_rate if r not in kdv_by_rate]
    if len(missing) != 1 or total is None:
        return
    rate, base = missing[0], base_by_rate[missing[0]]
    rest = total.value - sum((f.value for f in kdv_by_rate.values()), Decimal(0))
    if rest >= 0 and _kdv_fits(base.value, rate, rest):
        kdv_by_rate[rate] = Found(rest, base.runs + total.runs, min(base.score, total.score, 0.8))


def _rate_by_arithmetic(
    kdv_by_rate: dict[Decimal, Found],
    kdv: Found,
    subtotal: Found | None,
    line_sum: Decimal | None,
) -> None:
    """The rate of the one KDV amount whose printed rate was not read ("Hesaplanan
    KDV(9620)" for "(%20)" on a scan): the legal rate at which the subtotal or the line
    sum gives exactly that KDV."""
    bases = [b for b in (subtotal.value if subtotal else None, line_sum) if b]
    for base in bases:
        fits = [r for r in sorted(_RATES) if _kdv_fits(base, r, kdv.value)]
        if kdv.value and len(fits) == 1:
            kdv_by_rate[fits[0]] = kdv
            return


def _rates_by_line_bases(
    kdv_by_rate: dict[Decimal, Found],
    unrated: list[Found],
    line_bases: dict[Decimal, tuple[Decimal, int]],
) -> list[Found]:
    """KDV amounts printed without their rates ("Hesaplanan KDV (%)": the sender left the
    UBL ``Percent`` out, the design prints the label all the same): each is the KDV of
    the one rate whose lines' amounts, summed, give it at that rate (a kuruş per line
    apart: lines' KDV rounded one by one). Returns the amounts no rate took."""
    left = []
    for f in unrated:
        fits = [
            r
            for r, (base, count) in line_bases.items()
            if r
            and r not in kdv_by_rate
            and abs(base * r / 100 - f.value) <= Decimal("0.01") * max(1, count)
        ]
        if len(fits) == 1:
            kdv_by_rate[fits[0]] = Found(f.value, f.runs, min(f.score, 0.8))
        else:
            left.append(f)
    # one amount left and one of the lines' rates without its KDV: that rate's, whatever
    # its figure (a KDV computed wrongly is then shown by the KDV check, not hidden)
    open_rates = [r for r in line_bases if r and r not in kdv_by_rate]
    if len(left) == 1 and len(open_rates) == 1:
        kdv_by_rate[open_rates[0]] = Found(left[0].value, left[0].runs, min(left[0].score, 0.6))
        return []
    return left


def _unrated_kdv_total(found: dict[str, Found], unrated: list[Found]) -> Found:
    """The KDV total where only KDV amounts without rates were read: the first, unless
    they are one per rate (subtotal + their sum is the printed total)."""
    subtotal, total = found.get("subtotal"), found.get("total_with_taxes")
    summed = sum((f.value for f in unrated), Decimal(0))
    if len(unrated) > 1 and subtotal is not None and total is not None:
        discount = found.get("discount_total")
        goods = [subtotal.value] + ([subtotal.value - discount.value] if discount else [])
        if any(abs(g + summed - total.value) <= Decimal("0.01") for g in goods):
            runs = tuple(r for f in unrated for r in f.runs)
            return Found(summed, runs, min(f.score for f in unrated) * 0.9)
    return unrated[0]


def _base_by_arithmetic(found: dict[str, Found], line_sum: Decimal | None) -> None:
    """The one rate's base when the page prints none: the subtotal (or the subtotal less
    the total discount, or the line sum) whose KDV at that rate is the printed KDV."""
    rate, amount = found["kdv.0.rate"].value, found["kdv.0.amount"].value
    subtotal, discount = found.get("subtotal"), found.get("discount_total")
    candidates: list[tuple[Decimal, tuple[Run, ...]]] = []
    if subtotal is not None:
        candidates.append((subtotal.value, subtotal.runs))
        if discount is not None and discount.value:
            candidates.append((subtotal.value - discount.value, subtotal.runs + discount.runs))
    if line_sum is not None:
        candidates.append((line_sum, ()))
    for base, runs in candidates:
        if rate and abs(base * rate / 100 - amount) <= Decimal("0.01"):
            found["kdv.0.base"] = Found(base, runs, 0.8)
            return


def _withholding_by_arithmetic(found: dict[str, Found], share: Decimal) -> None:
    """The withheld KDV when its amount was not read beside its label (a wrapped reason
    pushes it off the label's line): total − payable, taken only when the printed share
    of the KDV gives the same amount, so two printed relations agree on it."""
    total, payable, kdv = (
        found.get(k) for k in ("total_with_taxes", "payable_amount", "kdv_total")
    )
    if total is None or payable is None or kdv is None:
        return
    withheld = total.value - payable.value
    if withheld > 0 and abs(kdv.value * share - withheld) <= Decimal("0.01"):
        found["withholding.amount"] = Found(withheld, payable.runs + total.runs, 0.7)


def _share_of_code(found: dict[str, Found]) -> Decimal | None:
    """The share of the KDV a tevkifat code read with no ratio printed withholds (GİB's
    list: "612" → 9/10), taken as the invoice's ratio only where the amounts agree: the
    printed withheld amount, or total − payable, is the KDV total at that share."""
    code, kdv = found.get("withholding.code"), found.get("kdv_total")
    ratio = withholding_ratio_of(str(code.value)) if code is not None else None
    if ratio is None or kdv is None or code is None:
        return None
    num, den = ratio.split("/")
    share = Decimal(num) / Decimal(den)
    amount = found.get("withholding.amount")
    if amount is None:
        trial = dict(found)
        _withholding_by_arithmetic(trial, share)
        amount = trial.get("withholding.amount")
    if amount is None or abs(kdv.value * share - amount.value) > Decimal("0.01"):
        return None
    found.setdefault("withholding.rate", Found(ratio, code.runs, 0.7, derived=True))
    return share


def _withholding_terms(found: dict[str, Found], a: Amount) -> None:
    """Ratio ("5/10") and GİB code ("614") from a withholding line or note."""
    ratio = _WITHHOLDING_RATIO.search(a.text)
    if ratio:
        found.setdefault("withholding.rate", Found(f"{ratio.group(1)}/10", a.found_runs))
    rest = a.text.replace(ratio.group(0), " ") if ratio else a.text
    numbers = find_numbers(_RATE.sub(" ", rest))
    code = _WITHHOLDING_CODE.search(_RATE.sub(" ", rest))
    # a code stands alone: "614 - Servis…", "(620)", never inside an amount
    if code and any(str(n) == code.group(1) for n, _, _ in numbers):
        found.setdefault("withholding.code", Found(code.group(1), a.found_runs, 0.9))


def _resolve_ambiguous(
    found: dict[str, Found],
    ambiguous: list[Found],
    line_sum: Decimal | None,
    line_gross: Decimal | None = None,
) -> None:
    """Give "Toplam"-style amounts the field their arithmetic says they are.

    The subtotal is the sum of the line amounts after their discounts, or before
    them (``line_gross``): Turkish invoices print Mal Hizmet Toplam both ways.
    """
    kdv = found.get("kdv_total")
    for f in ambiguous:
        value = f.value
        if "subtotal" not in found and value in (line_sum, line_gross) and value is not None:
            found["subtotal"] = f
        elif (
            "total_with_taxes" not in found
            and "subtotal" in found
            and kdv is not None
            and value == found["subtotal"].value + kdv.value
        ):
            found["total_with_taxes"] = f
        elif "subtotal" not in found and kdv is None:
            found["subtotal"] = Found(value, f.runs, f.score * 0.7)


# "Yalnız" opening the amount in words: alone, in hashes ("#YALNIZ …#"), as "Yalnızca", or
# glued to the words ("YalnızOnBinTL"); folded text
IN_WORDS = re.compile(r"[#*(]*(?<![a-z0-9])yalniz", re.I)
_IN_WORDS_ALONE = re.compile(r"[#*(]*yalniz(ca)?\W*$", re.I)  # a word that is only "Yalnız"


_WORDS_END = re.compile(
    r"(kurus|krs|kr|sent|cent|lira|lirasi|tl|try|euro|eur|avro|dolari|usd|sterlini)\W*$"
)
# the kuruş in figures after the lira in words ("… Türk Lirası 76 Kr."): words, not a row
_KURUS_FIGURES = re.compile(r"(?<![\d.,])\d{1,2}\s*(kurus|krs|kr)\b")
_WORDS_FINAL = re.compile(r"(kurus|krs|kr|sent|cent)\W*$")  # the fraction closes the amount


def _to_fraction(run: Run) -> tuple[Run, bool]:
    """``run`` cut after its fraction word ("… Kuruş" ends the amount; a note may follow
    on the same line), and whether it had one."""
    end = next((k for k, w in enumerate(run.words) if _WORDS_FINAL.search(fold(w.text))), None)
    if end is None:
        return run, False
    return Run(run.page, run.words[: end + 1]), True


# "…hizmetiYalnız Yüz …": notes joined with no space, the words glued to the one before
_GLUED_IN_WORDS = re.compile(r"(?<=[a-zçğıöşü.,;:)])(?=Yaln[ıi]z\b|YALNIZ\b)")


def _unglue_in_words(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """``words`` with a "Yalnız" glued to the end of a word split off as a word of its own
    (its box the glued word's share of the width)."""
    out: list[Word] = []
    for word in words:
        match = _GLUED_IN_WORDS.search(word.text)
        if match is None:
            out.append(word)
            continue
        cut = match.start()
        x = word.x0 + (word.x1 - word.x0) * cut / len(word.text)
        out.append(replace(word, text=word.text[:cut], bbox=(word.x0, word.y0, x, word.y1)))
        out.append(replace(word, text=word.text[cut:], bbox=(x, word.y0, word.x1, word.y1)))
    return tuple(out)


def _starts_in_words_below(below: list[Line], label: Run) -> bool:
    """Whether the line below ``label`` has a piece starting under it that opens with its
    own "Yalnız" (a form's "YALNIZ:" label over "YALNIZKIRKBİN…")."""
    return any(
        abs(s.x0 - label.x0) < label.height and IN_WORDS.match(fold(s.words[0].text))
        for line in below
        for s in line.segments()
    )


def amount_in_words(lines: list[Line]) -> Found | None:
    """ "Yalnız … TL … Kr." wherever it is printed (often inside a notes box),
    continued on the lines below when it wraps there."""
    for li, line in enumerate(lines):
        for seg in line.segments():
            seg = Run(seg.page, _unglue_in_words(seg.words))
            start = next((i for i, w in enumerate(seg.words) if IN_WORDS.match(fold(w.text))), None)
            if start is None:
                continue
            # "Yalnız" alone is a label over its words: they follow on the lines below,
            # unless those print their own "Yalnız" (then that line is the amount's start)
            alone = len(seg.words) - start < 2 and bool(
                _IN_WORDS_ALONE.match(fold(seg.words[start].text))
            )
            if alone and _starts_in_words_below(lines[li + 1 : li + 2], seg):
                continue
            first, closed = _to_fraction(Run(line.page, seg.words[start:]))
            if fold(seg.words[start].text).strip("#*(:").startswith("yalnizca") and not (
                names_currency(first.text) or words_to_number(first.text) is not None
            ):
                continue  # "yalnızca" in prose ("yalnızca havale ile"), not the amount
            runs = [first]
            bottom = seg.y1
            # the wrapped rest: segments starting under "Yalnız" on the lines below (a
            # totals box beside the words may print its rows in between), up to the
            # fraction word; a piece with figures, or no number word, ends it
            for nxt in lines[li + 1 : li + 4]:
                if closed or nxt.y0 - bottom >= 0.8 * seg.height:
                    break
                segments = nxt.segments()
                piece = next((s for s in segments if abs(s.x0 - seg.x0) < seg.height), None)
                if piece is None and not names_currency(" ".join(r.text for r in runs)):
                    # centred words: the rest is centred under the first line
                    middle = (seg.x0 + seg.x1) / 2
                    piece = next(
                        (s for s in segments if abs((s.x0 + s.x1) / 2 - middle) < 2 * seg.height),
                        None,
                    )
                if piece is None:
                    continue
                piece, closed = _to_fraction(piece)
                if any(ch.isdigit() for ch in _KURUS_FIGURES.sub("", fold(piece.text))) or not (
                    closed
                    or _WORDS_END.search(fold(piece.text))
                    or words_to_number(piece.text) is not None
                ):
                    break
                runs.append(piece)
                bottom = piece.y1
            if alone and len(runs) < 2:
                continue  # a lone "Yalnız" with no words under it
            text = squash_spaces(" ".join(r.text for r in runs))
            if any(w.conf < 1.0 for r in runs for w in r.words):  # OCR drops Turkish letters
                text = respell_number_words(text)
            return Found(text, tuple(runs), 0.9)
    return None
