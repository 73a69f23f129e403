"""Seller and buyer blocks of an invoice, wherever they sit on the first page.

A block starts at a heading (``SAYIN``, ``ALICI``, ``Satıcı Bilgileri`` …) and
runs down its column until a wide vertical gap, another heading, or a
non-party label (``Fatura No``, a table header). Without a seller heading the
seller is the letterhead: the left half of the page above the buyer block.
Inside a block, labelled values (``VKN:``, ``Vergi Dairesi``, ``Adres``) are
taken as such; unlabelled lines are the name and then the address, told
apart by company and address cues.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from docpipe.document import Word
from docpipe.extract.rules.contact import (
    address_start,
    email_in,
    name_tail,
    opens_with_address_word,
    phone_part,
)
from docpipe.extract.rules.found import Found
from docpipe.extract.rules.invoice_vocab import (
    COLUMNS,
    DOCUMENT_NUMBER,
    HEADER,
    HEADINGS,
    PARTY,
    PARTY_INLINE,
)
from docpipe.extract.rules.keyvalue import read_key_values
from docpipe.extract.rules.labels import is_punctuation, strip_label_punctuation
from docpipe.extract.rules.table import Header, find_header, has_key_value
from docpipe.text.address import looks_like_address, looks_like_company
from docpipe.text.diacritics import TRADE_NAME_WORDS, restore_legal_form, restore_words
from docpipe.text.layout import Line, Run
from docpipe.text.tax_offices import snap_tax_office
from docpipe.text.turkish import fold

_MARK = re.compile(r"[-–—=>»•·*]{1,4}")
_ID_AND_MERSIS = re.compile(r"(?<!\d)(\d{10,11})(0\d{15})(?!\d)")
_ID_DIGITS = re.compile(r"(?<!\d)(\d[\d ]{8,13}\d)(?!\d)")
_TAX_OFFICE_SUFFIX = re.compile(r"\s*(v\.?\s?d\.?|vergi dairesi)\s*$", re.I)


_PLACEHOLDERS = re.compile(r"(?:\{\{[^{}]*\}\}\s*)+")
_COUNTRY_END = re.compile(r"[\s/,-]*\b(T[üu]rkiye|TÜRKİYE|TURKIYE|Turkey|TURKEY)\s*$")
# fields whose value may stand alone on the line under its label, and its shape
_VALUE_BELOW = {
    "vkn": re.compile(r"\d[\d ]{8,12}\d"),
    "tckn": re.compile(r"\d[\d ]{9,13}\d"),
    "vkn_or_tckn": re.compile(r"\d[\d ]{8,13}\d"),
    "mersis": re.compile(r"\d[\d -]{14,20}\d"),
    "email": re.compile(r"\S+@\S+\.\S+"),
    "phone": re.compile(r"\+?[\d ()./-]{7,22}"),
}


@dataclass(frozen=True)
class Block:
    role: str
    heading: Run | None
    lines: list[Line]  # lines clipped to the block's column


def find_blocks(
    lines: list[Line], page_width: float, header: Header | None = None
) -> dict[str, Block]:
    """The seller and buyer blocks on a page's lines (either may be missing); ``header``:
    the page's item-table header when the caller found it already (``find_header``)."""
    anchors: list[tuple[str, int, Run, Run | None]] = []  # role, line index, heading, rest
    # a role word in the item table's header ("Satıcı Ürün Kodu", "Alıcı Stok Kodu") names a
    # column, not a party
    header = header or find_header(lines)
    in_header = range(header.first_line, header.last_line + 1) if header else range(0)
    for li, line in enumerate(lines):
        if li in in_header:
            continue
        for seg in line.segments():
            match = HEADINGS.match_words([w.text for w in seg.words])
            if match is None or match.score < 0.9:
                continue
            rest_words = tuple(w for w in seg.words[match.n_words :] if not is_punctuation(w.text))
            if _is_gloss(rest_words):  # "Alıcı (Müşteri)": the heading's gloss, not a value
                rest_words = ()
            # "Alıcı Adı: …" is a party label, not a heading: the longer PARTY label wins
            party = PARTY.match_words([w.text for w in seg.words])
            if party is not None and party.n_words > match.n_words:
                continue
            rest = Run(seg.page, rest_words) if rest_words else None
            anchors.append((match.field, li, Run(seg.page, seg.words[: match.n_words]), rest))
    blocks: dict[str, Block] = {}
    for role, li, heading, rest in anchors:
        if role in blocks:
            continue
        right = min(
            (h.x0 for r, lj, h, _ in anchors if h.x0 > heading.x1 and abs(lj - li) <= 2),
            default=page_width + 1,
        )
        # a labelled box beside the heading ("SATICI | Fatura No") ends the block's column
        right = min(right, _foreign_beside(lines[li : li + 3], heading, page_width))
        body = _column(lines, li + 1, heading.x0 - heading.height, right, page_width)
        first = [Line(rest.page, rest.words)] if rest is not None else []
        if first or body:  # a heading with nothing under it ("Düzenleyen" over a signature)
            blocks[role] = Block(role, heading, first + body)
    if "seller" not in blocks:
        stop = next((li for r, li, _, _ in anchors if r == "buyer" and r in blocks), len(lines))
        head = _letterhead(lines[:stop], page_width)
        buyer = blocks.get("buyer")
        if not any(_has_id_label(ln) for ln in head) and buyer is not None:
            # no letterhead: the seller's block stands beside the buyer's, unheaded
            beside = _beside(lines, buyer, page_width)
            if not beside and not head:
                # nothing above the buyer either: the seller's block sits elsewhere above the
                # item table (left of or under the buyer, below the logo)
                beside = _beside(lines, buyer, page_width, anywhere=True)
            head = beside or head
        if not anchors and (split := _second_party(head)) is not None:
            # no heading at all: the letterhead's second name-and-address group, set apart
            # by a gap, is the buyer's (designs that print both blocks unheaded)
            head, rest = head[:split], head[split:]
            blocks["buyer"] = Block("buyer", None, rest)
            if not any(_has_id_label(ln) for ln in head):
                # the seller's ids in a labelled box of their own beside the letterhead
                head = head + _with_values(lines, _beside(lines, blocks["buyer"], page_width))
        blocks["seller"] = Block("seller", None, head)
    return blocks


def _with_values(lines: list[Line], column: list[Line]) -> list[Line]:
    """A column of labels with the values printed right of them in a column of their
    own (": 2739242939"): each label line with the words on its right."""
    out: list[Line] = []
    for part in column:
        line = next((ln for ln in lines if part.words[0] in ln.words), None)
        words = [w for w in line.words if w.x0 >= part.x0] if line is not None else []
        out.append(Line(part.page, tuple(words) or part.words))
    return out


def _second_party(head: list[Line]) -> int | None:
    """Where a second party starts in an unheaded letterhead: after the first party's
    address, a gap wider than a line, then an unlabelled line that is no address (a
    name) with an address line under it. None when the letterhead is one party."""
    for i in range(2, len(head) - 1):
        line, below = head[i], head[i + 1]
        if line.y0 - head[i - 1].y1 <= line.height:
            continue
        if not any(looks_like_address(ln.text) for ln in head[1:i]):
            continue
        if PARTY.match_words([w.text for w in line.words]) is not None:
            continue
        if looks_like_address(line.text) or _ID_DIGITS.search(line.text) or "@" in line.text:
            continue
        if looks_like_address(below.text):
            return i
    return None


_PAREN_GLOSS = re.compile(r"^\(.*\)$")


def _is_gloss(words: tuple[Word, ...]) -> bool:
    """Whether the words after a heading only restate it ("(Müşteri)", "/ Buyer")."""
    if not words:
        return False
    text = " ".join(w.text for w in words)
    if _PAREN_GLOSS.match(text):
        return True
    match = HEADINGS.match_words([w.text.strip("()/") for w in words])
    return match is not None and match.score >= 0.9 and match.n_words == len(words)


def _foreign_beside(lines: list[Line], heading: Run, page_width: float) -> float:
    """The left edge of the first non-party label right of ``heading`` on these lines."""
    edge = page_width + 1
    for line in lines:
        for seg in line.segments():
            if seg.x0 > heading.x1 + heading.height and _is_foreign(seg) and not _is_title(seg):
                edge = min(edge, seg.x0)
    return edge


_ID_FIELDS = ("vkn", "tckn", "vkn_or_tckn", "tax_office", "mersis")


def _has_id_label(line: Line) -> bool:
    for seg in line.segments():
        match = PARTY.match_words([w.text for w in seg.words])
        if match is not None and match.score >= 0.9 and match.field in _ID_FIELDS:
            return True
    return False


def _beside(
    lines: list[Line], buyer: Block, page_width: float, anywhere: bool = False
) -> list[Line]:
    """An unheaded party column right of the buyer block (``anywhere``: anywhere above
    the item table, such as under the letterhead's logo beside or below the buyer), found
    by its id labels.

    Segments that start at one left edge, on lines close together, form a
    column; the column whose lines carry a tax office, VKN or MERSİS label is
    a party's block. Everything the buyer block holds is left out.
    """
    taken = {id(w) for ln in buyer.lines for w in ln.words}
    left = -page_width if anywhere else min((ln.x0 for ln in buyer.lines), default=0.0)
    columns: list[list[Run]] = []
    for line in lines:
        if anywhere and _is_table_header(line):
            break
        for seg in line.segments():
            if seg.x0 < left + 0.3 * page_width or any(id(w) in taken for w in seg.words):
                continue
            home = next(
                (
                    c
                    for c in columns
                    if abs(c[-1].x0 - seg.x0) < c[-1].height
                    and -0.5 * c[-1].height < seg.y0 - c[-1].y1 < 2.5 * c[-1].height
                ),
                None,
            )
            if home is None:
                columns.append([seg])
            else:
                home.append(seg)
    best: list[Run] = []
    best_ids = 0
    for column in columns:
        cut = next((i for i, r in enumerate(column) if _is_foreign(r)), len(column))
        column = column[:cut]
        as_lines = [Line(r.page, r.words) for r in column]
        ids = sum(_has_id_label(ln) for ln in as_lines)
        if ids > best_ids:
            best, best_ids = column, ids
    return [Line(r.page, r.words) for r in best]


_TITLE = re.compile(
    r"^(e-?arsiv|e-?fatura|e-?arsiv fatura|fatura|satis faturasi|iade faturasi|"
    r"proforma fatura|irsaliyeli fatura|e-?irsaliye|gib)( \(devami\))?$"
)


def _is_title(run: Run) -> bool:
    """A document title or logo text ("e-Arşiv Fatura", "FATURA", "GİB")."""
    return bool(_TITLE.match(fold(run.text)))


def _is_foreign(run: Run) -> bool:
    """A run that starts something other than party details."""
    texts = [w.text for w in run.words]
    header = HEADER.match_words(texts)
    if header is not None and header.score >= 0.9:
        if header.field != "invoice_number_short":
            return True
        value = texts[header.n_words] if header.n_words < len(texts) else ""
        return bool(DOCUMENT_NUMBER.match(value.strip(":")))  # "No 182" is an address
    heading = HEADINGS.match_words(texts)
    if heading is not None and heading.score >= 0.95 and PARTY.match_words(texts) is None:
        return True
    return _is_title(run)


def _is_table_header(line: Line) -> bool:
    if has_key_value(line):
        return False  # "Vergi No : 1116628253  Fatura No : …": a form's lines, no header
    hits = 0
    words = [w.text for w in line.words]
    i = 0
    while i < len(words):
        m = COLUMNS.match_words(words[i:])
        party = PARTY.match_words(words[i:])
        if party is not None and party.score >= 0.9 and (m is None or party.n_words > m.n_words):
            i += party.n_words  # "Vergi Dairesi", "Vergi Kimlik No": a party's label, whose
            continue  # first word alone may name a column ("Vergi")
        if m is not None and m.score >= 0.9:
            hits += 1
            i += m.n_words
        else:
            i += 1
    return hits >= 3


def _party_part(segments: list[Run], page_width: float) -> tuple[Word, ...]:
    """The words of a line that belong to a party block: from its first segment on,
    while segments follow each other closely, up to anything foreign."""
    kept: list[Word] = []
    last_x1: float | None = None
    for si, seg in enumerate(segments):
        after_label = bool(kept) and kept[-1].text.endswith(":")  # "Adres:" wants its value
        if last_x1 is not None and seg.x0 - last_x1 > 0.15 * page_width and not after_label:
            break  # a far-away segment is another block (logo, info table, title)
        following = segments[si + 1] if si + 1 < len(segments) else None
        if _is_foreign(seg) or (
            following is not None and _is_foreign(Run(seg.page, seg.words + following.words[:1]))
        ):  # "NO" and "SF0016988" printed as two cells of a form
            if last_x1 is None and _is_title(seg):
                continue  # a title line inside the letterhead: skip it, keep reading
            break
        kept.extend(seg.words)
        last_x1 = seg.x1
    return tuple(kept)


def _column(lines: list[Line], start: int, x0: float, x1: float, page_width: float) -> list[Line]:
    """Lines below ``start`` clipped to [x0, x1) until a gap, heading or foreign label."""
    out: list[Line] = []
    height = lines[start - 1].height if start > 0 else lines[0].height
    last_y = lines[start - 1].y1 if start > 0 else 0.0
    value_edges: list[float] = []  # where values start ("Unvan:  X"): wrapped values align there
    for line in lines[start:]:
        if _is_table_header(line):
            break
        clipped = line.slice(x0, x1)
        if clipped is None:
            if line.y0 - last_y > 2.5 * height:
                break
            continue
        if clipped.y0 - last_y > 2.5 * max(height, clipped.height):
            break
        segments = Line(clipped.page, clipped.words).segments()
        if (
            segments
            and segments[0].x0 > x0 + 3 * height
            and not any(abs(segments[0].x0 - e) < height for e in value_edges)
        ):
            continue  # starts far right of the block's edge: some other box on this line
        kept = _party_part(segments, page_width)
        value_edges += [seg.x0 for seg in segments[1:] if seg.words[0] in kept]
        value_edges += [b.x0 for a, b in itertools.pairwise(kept) if a.text.endswith(":")]
        label = PARTY.match_words([w.text for w in kept])
        if label is not None and label.score >= 0.9 and label.n_words < len(kept):
            value_edges.append(kept[label.n_words].x0)  # "Unvanı  GÜNDOĞDU …" without colon
        if not kept:
            if segments and not all(_is_title(seg) for seg in segments):
                break
            continue
        out.append(Line(clipped.page, kept))
        last_y = clipped.y1
        if len(out) >= 14:
            break
    return out


def _is_prose(text: str) -> bool:
    """A sentence, not a party line: six words or more, two in five starting in lower case,
    no label's colon and no e-mail ("Bu fatura tasarımı … için oluşturulmuştur. Lütfen …",
    a notice printed over the letterhead); names and addresses are capitalised."""
    words = text.split()
    if len(words) < 6 or ":" in text or "@" in text:
        return False
    lower = sum(1 for w in words if w[0].isalpha() and w[0].islower())
    return lower >= 0.4 * len(words)


def _letterhead(lines: list[Line], page_width: float) -> list[Line]:
    """The seller's letterhead: the top of the first page above the buyer block."""
    out: list[Line] = []
    in_prose = False
    for line in lines:
        if _is_table_header(line):
            break
        segments = line.segments()
        if not segments or segments[0].x0 > 0.55 * page_width:
            continue  # right-hand boxes: title, QR, invoice details
        if sum(ch.isalnum() for ch in line.text) < 2:
            continue  # a speck OCR read as "e" or "%" (a logo's edge): no party line
        words = line.text.split()
        if _is_prose(line.text) or (in_prose and words[0][:1].islower()):
            in_prose = True  # a sentence and the lower-case words it wraps onto
            continue
        in_prose = False
        kept = _party_part(segments, page_width)
        if kept:
            out.append(Line(line.page, kept))
    # the letterhead ends at the first wide vertical gap after the party details start
    for i in range(1, len(out)):
        if out[i].y0 - out[i - 1].y1 > 3.0 * out[i - 1].height:
            return out[:i]
    return out


def read_party(block: Block) -> dict[str, Found]:
    """Party fields (name, vkn, tckn, tax_office, address, phone, email, mersis)."""
    found: dict[str, Found] = {}
    labelled_lines: set[int] = set()
    kvs = read_key_values(block.lines, PARTY, inline_fields=PARTY_INLINE, look_below=False)
    kv_lines = [_line_index(block.lines, kv.label) for kv in kvs]  # each label's line
    for kv, li in zip(kvs, kv_lines, strict=True):
        labelled_lines.add(li)
        value = kv.value
        shape = _VALUE_BELOW.get(kv.field)
        if kv.field == "email" and value is not None and li + 1 < len(block.lines):
            value = _wrapped_email(value, block.lines[li + 1], labelled_lines, li + 1)
        if value is not None and shape is not None and not shape.search(value.text):
            value = None  # "Mersis No:" then another box's number: not its value
        if value is None and shape is not None and li + 1 < len(block.lines):
            # "Mersis No:" ends its line; the number is the next line, alone
            below = block.lines[li + 1]
            if _VALUE_BELOW[kv.field].fullmatch(below.text.strip()):
                value = Run(below.page, below.words)
                labelled_lines.add(li + 1)
        _take(found, kv.field, value, kv.before, kv.score)
    name_runs: list[Run] = []
    address_runs: list[Run] = []
    last_labelled_field: str | None = None
    last_field_on = {li: kv.field for kv, li in zip(kvs, kv_lines, strict=True)}  # last wins
    for li, line in enumerate(block.lines):
        if li in labelled_lines:
            if "address" in found:
                _address_beside_label(found, line)
            last_labelled_field = last_field_on.get(li)
            continue
        words = tuple(itertools.dropwhile(lambda w: _MARK.fullmatch(w.text), line.words))
        if not words:
            continue  # "-->": an arrow or bullet alone (a comment's end printed as text)
        run = Run(line.page, words)
        ids = _ID_DIGITS.findall(run.text)
        if ids and len(run.words) <= 2 and not _landline(ids[0]):
            _take_id(found, ids[0], run, 0.8)
            continue
        phone = phone_part(run.text)
        if phone is not None and phone == run.text.strip():
            # a number alone on its line: the phone (the first), or a fax: no address line
            found.setdefault("phone", Found(phone, (run,), 0.8))
            continue
        beside = last_labelled_field != "address" and "address" in found
        if beside and _address_beside_label(found, line):
            continue
        if last_labelled_field == "address" and "address" in found:
            prev = found["address"]
            found["address"] = Found(f"{prev.value} {run.text}", (*prev.runs, run), prev.score)
            continue
        if last_labelled_field == "name" and "name" in found and not looks_like_address(run.text):
            prev = found["name"]
            found["name"] = Found(f"{prev.value} {run.text}", (*prev.runs, run), prev.score)
            continue
        if last_labelled_field is not None:
            continue
        if _PLACEHOLDERS.fullmatch(run.text):
            continue  # "{{LOGO}}": a template's placeholder left unfilled, printed as is
        if _web_only(run.text):
            # an unlabelled web address or e-mail line ("firma.com.tr info@firma.com.tr")
            # is contact data, never part of the address or the name (the e-mail is
            # picked up below)
            continue
        if address_runs:
            address_runs.append(run)
        elif name_runs and _starts_address(name_runs, run):
            # "Anonim" / "Şirketi Şehitler Mah. …": the wrapped name ends inside this line
            cut = name_tail(run)
            if cut is not None:
                name_runs.append(Run(run.page, run.words[:cut]))
                run = Run(run.page, run.words[cut:])
            address_runs.append(run)
        elif (cut := address_start(run)) is not None and "name" not in found:
            # the trade name glued to the address on one line
            name_runs.append(Run(run.page, run.words[:cut]))
            address_runs.append(Run(run.page, run.words[cut:]))
        else:
            name_runs.append(run)
    if name_runs and address_runs and "name" not in found and "address" not in found:
        name_runs, address_runs = _name_after_address(name_runs, address_runs)
    if (
        name_runs
        and "name" not in found
        and "address" not in found
        and _opens_address(name_runs[0])
    ):
        # no name printed (a person's block of a design printing only PartyName): the
        # block opens with its address ("Güzeltepe Mahallesi Atatürk Sk. …")
        name_runs, address_runs = [], [*name_runs, *address_runs]
    if name_runs and "name" not in found:
        found["name"] = Found(" ".join(r.text for r in name_runs), tuple(name_runs), 0.85)
    if address_runs and "address" not in found:
        found["address"] = Found(" ".join(r.text for r in address_runs), tuple(address_runs), 0.8)
    if "email" not in found:  # printed without a label ("Tel: … · info@firma.com")
        for line in block.lines:
            email = email_in(line.text)
            if email:
                found["email"] = Found(email, (Run(line.page, line.words),), 0.85)
                break
    address = found.get("address")
    if address is not None:  # "… Gebze / KOCAELİ / Türkiye": the country is not the address
        trimmed = _COUNTRY_END.sub("", address.value).strip()
        if trimmed and trimmed != address.value:
            found["address"] = Found(trimmed, address.runs, address.score)
    for field in ("name", "address"):
        got = found.get(field)
        if got is not None and any(_from_ocr(r) for r in got.runs):
            value = restore_words(got.value, TRADE_NAME_WORDS)
            if field == "name":
                value = restore_legal_form(value)
            found[field] = Found(value, got.runs, got.score)
    found.pop("contact", None)  # read only so that its line ends the address
    return found


# a person's name as designs print Person/FirstName and FamilyName: two to four words
_NAME_WORD = r"(?:[A-ZÇĞİÖŞÜ][a-zçğıöşü]+|[A-ZÇĞİÖŞÜ]{2,})"
_PERSON = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")


_EMAIL_CUT = re.compile(r"\S+@\S*[-.]$")


def _wrapped_email(value: Run, below: Line, taken: set[int], li: int) -> Run:
    """An e-mail address wrapped at its hyphen or dot in a narrow box ("fatura@firma-" over
    "otomotiv.com.tr"): the next line's one word finishes it (and is no address line)."""
    if not _EMAIL_CUT.fullmatch(value.text.strip()) or len(below.words) != 1:
        return value
    joined = value.text.strip() + below.words[0].text
    if not _VALUE_BELOW["email"].fullmatch(joined):
        return value
    taken.add(li)
    last, tail = value.words[-1], below.words[0]
    box = (last.x0, last.y0, max(last.x1, tail.x1), tail.y1)
    glued = dataclasses.replace(last, text=joined.split()[-1], bbox=box)
    return Run(value.page, (*value.words[:-1], glued))


def _opens_address(run: Run) -> bool:
    """A line that starts with an address: a neighbourhood or street word as its first or
    second word ("Güzeltepe Mahallesi …", "Mah. Atatürk Cad. …"), and no company word."""
    words = [fold(w.text) for w in run.words[:2]]
    return any(opens_with_address_word(w) for w in words) and not looks_like_company(run.text)


def _name_after_address(
    name_runs: list[Run], address_runs: list[Run]
) -> tuple[list[Run], list[Run]]:
    """A party block that prints the address first and the person's name last (a design
    printing PartyName, empty for a person, above the address, and Person below it): the
    lines taken for the name are the address's first, the last address line the name."""
    head, last = " ".join(r.text for r in name_runs), address_runs[-1]
    if (
        looks_like_address(head)
        and not looks_like_address(last.text)
        and not _COUNTRY_END.fullmatch(" " + last.text)
        and _PERSON.fullmatch(last.text.strip())
    ):
        return [last], [*name_runs, *address_runs[:-1]]
    return name_runs, address_runs


def _address_beside_label(found: dict[str, Found], line: Line) -> bool:
    """The address's next line when the block prints two columns and the label of the
    other column's field comes last on the address's line ("Adres: … | E-posta: …", then
    "ANKARA, Türkiye | Web Sitesi URI: …"): the first segment of the next line,
    unlabelled and under the address's last line, continues the address."""
    segments = line.segments()
    prev = found["address"]
    first = segments[0] if segments else None
    if (
        first is None
        or abs(first.x0 - prev.runs[-1].x0) > first.height
        or first.y0 - prev.runs[-1].y1 > first.height
        or first.y0 <= prev.runs[-1].y0
        or _labels_in_run(first)
    ):
        return False
    found["address"] = Found(f"{prev.value} {first.text}", (*prev.runs, first), prev.score)
    return True


def _labels_in_run(run: Run) -> bool:
    return bool(read_key_values([Line(run.page, run.words)], PARTY, inline_fields=PARTY_INLINE))


_WEB_WORD = re.compile(
    r"^(?:https?://)?(?:[\w.+-]+@)?(?:[a-z0-9-]+\.)+(?:com|net|org|gov|edu|info|biz|tr|io|co)"
    r"(?:\.tr)?/?$",
    re.I,
)


def _web_only(text: str) -> bool:
    """Whether a line holds only web addresses and e-mail addresses."""
    words = text.split()
    return bool(words) and all(_WEB_WORD.match(w) for w in words)


def _from_ocr(run: Run) -> bool:
    """Whether ``run`` was read by OCR (a text layer's words have confidence 1)."""
    return any(w.conf < 1.0 for w in run.words)


def _starts_address(name_runs: list[Run], run: Run) -> bool:
    """Whether an unlabelled line after the name lines starts the address."""
    if looks_like_address(run.text):
        return True
    # "LİMİTED ŞİRKETİ", "Şti." continue a wrapped trade name; any other line is the address
    return not looks_like_company(run.text)


def _line_index(lines: list[Line], run: Run) -> int:
    first = run.words[0] if run.words else None
    for i, line in enumerate(lines):  # the line holding the run's words (two columns of a
        if any(w is first for w in line.words):  # block may share heights)
            return i
    for i, line in enumerate(lines):
        if line.page == run.page and line.y0 <= (run.y0 + run.y1) / 2 <= line.y1:
            return i
    return -1


def _take(
    found: dict[str, Found], field: str, value: Run | None, before: Run | None, score: float
) -> None:
    if field == "tax_office":
        text = value.text if value is not None else ""
        ids = _ID_DIGITS.findall(text)
        if ids and value is not None:
            _take_id(found, ids[0], value, score)
            text = text[: text.find(ids[0])]
        name_source = value
        if not text.strip() and before is not None:  # "Kadıköy V.D. 1234567890"
            text, name_source = before.text, before
        text = _TAX_OFFICE_SUFFIX.sub("", strip_label_punctuation(text)).strip(" /-,;|:")
        if text and name_source is not None and _from_ocr(name_source):
            text = snap_tax_office(text)
        if text and name_source is not None and "tax_office" not in found:
            found["tax_office"] = Found(text, (name_source,), score)
        return
    if value is None:
        return
    if field in ("vkn", "tckn", "vkn_or_tckn"):
        ids = _ID_DIGITS.findall(value.text)
        if ids:
            _take_id(found, ids[0], value, score, prefer=field)
        elif (glued := _ID_AND_MERSIS.search(value.text)) is not None:
            # every PartyIdentification printed with no separator: "VKN: 1234567890" and
            # the 16-digit MERSİS number (it starts with 0) in one run of digits
            _take_id(found, glued.group(1), value, score * 0.9, prefer=field)
            found.setdefault("mersis", Found(glued.group(2), (value,), score * 0.9))
        return
    if field in ("name", "address", "phone", "email", "mersis") and field not in found:
        text = strip_label_punctuation(value.text)
        if field == "mersis":
            text = re.sub(r"\D", "", text)
        elif field == "phone":  # "0212 555 12 12 · info@firma.com": the number only
            text = phone_part(text) or ""
            email = email_in(value.text)
            if email and "email" not in found:
                found["email"] = Found(email, (value,), score)
        elif field == "email":
            text = email_in(text) or text
        if text:
            found[field] = Found(text, (value,), score)


def _landline(digits: str) -> bool:
    """Eleven digits opening with 0 ("02222217313", a viewer printing the phone as it is
    stored): a phone with its trunk prefix, never a T.C. kimlik no (its first digit is
    never 0)."""
    number = digits.replace(" ", "")
    return len(number) == 11 and number.startswith("0")


def _take_id(
    found: dict[str, Found], digits: str, run: Run, score: float, prefer: str = "vkn_or_tckn"
) -> None:
    number = digits.replace(" ", "")
    if len(number) == 10:
        field = "vkn"
    elif len(number) == 11:
        field = "tckn"
    else:
        return
    if prefer in ("vkn", "tckn") and prefer != field:
        score *= 0.7  # labelled VKN but 11 digits: keep by length, trust less
    if field not in found:
        found[field] = Found(number, (run,), score)


def party_fields(
    lines: list[Line], page_width: float, header: Header | None = None
) -> dict[str, dict[str, Found]]:
    blocks = find_blocks(lines, page_width, header)
    return {role: read_party(block) for role, block in blocks.items()}
