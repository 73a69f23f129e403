"""Contract parties: role, person or company, name, TCKN/VKN/MERSİS and address.

Read in the party region only (the printed form's table, or the text before the
first clause that is not about the parties), where labels are looked for in any
of three shapes: a role heading followed by labelled lines ("KİRAYA VEREN" /
"Adı Soyadı: …"), role-prefixed labels of the lease form ("Kiracının Adresi"),
and party paragraphs ("HİZMET VEREN: …, VKN: …, Adres: …"). A value runs to the
next label or the end of its paragraph. A party with a TCKN and no VKN is a
person (personal data under KVKK); one with a VKN or MERSİS is a company.
"""

from __future__ import annotations

import re

from stdnum.tr import tckimlik, vkn

from docpipe.extract.rules.clauses import Layout
from docpipe.extract.rules.contract_grid import grid_stream
from docpipe.extract.rules.contract_prose import prose_parties, read_piece, representatives
from docpipe.extract.rules.contract_vocab import FIELD_LABELS, PARTY_LABELS, ROLE_RE, role_of
from docpipe.extract.rules.found import Fields, Found
from docpipe.text.address import address_end, ends_in_legal_form, name_end
from docpipe.text.dates import MONTH_NAMES, find_dates
from docpipe.text.tax_offices import is_tax_office
from docpipe.text.turkish import fold

# --------------------------------------------------------------------------- parties


def _party_region(layout: Layout) -> int:
    """Stream offset where the party region ends."""
    s = layout.stream
    index = {id(ln): i for i, ln in enumerate(layout.lines)}
    stop_line = None
    for h in layout.headings:
        # "TARAFLAR", "TARAFLAR VE TANIMLAR", "TANIMLAR" (a definitions article naming them)
        # (not "KİRALANANIN TANIMI", the property's own article)
        if h.heading and re.search(r"taraf|^tanimlar\b", fold(h.heading)):
            continue
        stop_line = index[id(h.line)]
        break
    for sec in layout.sections:
        i = index[id(sec)]
        stop_line = i if stop_line is None else min(stop_line, i)
    if stop_line is None:
        return len(s.text)
    for pos in sorted(s.line_starts):  # the first body character on or after that line
        owner = s.owners[pos]
        if owner is not None and layout.line_index(owner[1]) >= stop_line:
            return pos
    return len(s.text)


_PARTY_LABEL_RE = [
    (field, re.compile(rf"\b(?:{p})\b"))
    for field, patterns in PARTY_LABELS.items()
    for p in patterns
]
# a field's own label that opens with a role's genitive ("İşçinin unvanı": the job title)
_FIELD_LABEL_RE = re.compile(r"\b(?:" + "|".join(p for _, p in FIELD_LABELS) + r")\b")
# a line's item mark before a role heading: "1.1", "2)", "A)", "(b)", "II-"
_ITEM_MARK = re.compile(r"(?:(?:\d{1,2}(?:\.\d{1,2})*[.)-]?|\(?(?:[a-h]|[ivx]{1,4})[.)-])\s*)?")
# a role defined as a term at the start of an item: "“Kiracı” terimi,", "“Satıcı” ifadesi;"
_DEFINED_TERM = re.compile(r"[”\"']\s*(?:terimi|ifadesi|deyimi|kelimesi|sozcugu)\b[\s,;:]*")
# a caption that numbers the party before its role: "2. TARAF (ALICI)", "TARAF - B: KİRACI"
_CAPTION_LEAD = re.compile(
    _ITEM_MARK.pattern + r"(?:(?:\d{1,2}\.?\s*|[a-c]\s*[-–)]\s*)?taraf(?:\s*[-–]?\s*[a-c1-9])?"
    r"\s*(?:[(:–-]\s*)?)?"
)
# what a heading says of a party's lines, not a name: "İŞÇİNİN KİMLİK BİLGİLERİ"
_DESCRIPTOR = re.compile(
    r"(?:(?:kimlik|iletisim|adres|kisisel|genel|tanitici|ait)\s+)*"
    r"(?:bilgi(?:leri|si)?|detaylari)(?:\s*:)?"
)
# a role's value written as prose rather than as a name
_CAPITAL_NEXT = re.compile(r"\s+[A-ZÇĞİÖŞÜ][a-zçğıöşü]")
_PROSE_VALUE = re.compile(
    r"\b(?:adresinde|numarali|mukellefi|mukim|ikamet\s+eden|faaliyet\s+gosteren|oturan)\b"
)
# a role word followed by what designates a party in prose: "… olarak anılacaktır"
_DESIGNATION = re.compile(r"\s*(?:olarak\s+(?:anilacak|adlandirilacak)|diye\s+anilacak|sifatiyla)")
# a passport number as printed in an identifier's cell: letters then digits ("U12345678")
_PASSPORT = re.compile(r"\s*([A-Z]{1,2}\d{6,9})\b")
_LEGAL_END = re.compile(r"(?:a\.\s?s\.?|sti\.?|sirketi|ltd\.?)$")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[\wçğıöşüÇĞİÖŞÜ]{1,4}\.)+$")  # "A.Ş.", "Ltd. Şti."
_TRIM_NAME = re.compile(r"\s*(?:[,;(]|\bt\.?c\.?\b).*$", re.S)
_TRIM_ADDRESS = re.compile(
    r"\s*(?:\((?:bundan|kisaca|isbu|asagida|burada|yukarida)|\bbundan\s+(?:sonra|boyle)|"
    r"\bolarak\s+anilacak).*$",
    re.S,
)


def party_fields(fields: Fields, layout: Layout) -> None:
    """parties.N.* from the party region: labelled blocks, or else running prose."""
    end = _party_region(layout)
    labelled = Fields()
    s = layout.stream
    owner = next((o for o in s.owners[end:] if o is not None), None)
    stop = layout.line_index(owner[1]) if owner else len(layout.lines)
    grid = grid_stream(layout, lambda word: layout.line_index(word) < stop)
    if grid is not None:  # the parties side by side in one table: each column a block
        _labelled_parties(labelled, Layout([], [], [], None, grid), len(grid.text))
    named = sum(1 for path in labelled.items if re.fullmatch(r"parties\.\d\.name", path))
    if named < 2:
        labelled = Fields()
        _labelled_parties(labelled, layout, end)
    named = sum(1 for path in labelled.items if re.fullmatch(r"parties\.\d\.name", path))
    chosen = labelled
    if named < 2:
        prose = Fields()
        if prose_parties(prose, layout.stream, end):
            prose_named = sum(1 for p in prose.items if re.fullmatch(r"parties\.\d\.name", p))
            if prose_named > named:  # the prose names them; the labels may add to them
                chosen = _merge_by_role(prose, labelled)
            elif len(prose.items) > len(labelled.items):
                chosen = prose
    _rep_identifier(chosen)
    for path, found in chosen.items.items():
        fields.set(path, found)
    _kinds(fields)


def _merge_by_role(prose: Fields, labelled: Fields) -> Fields:
    """Parties named in prose ("Bir tarafta … (İŞVEREN) diğer tarafta … (İŞÇİ)") keep what
    labelled lines below say of the same role ("İŞÇİNİN" / "SGK Sicil No: …") that the
    prose did not."""

    def by_role(fields: Fields) -> dict[str, str]:
        return {
            str(f.value): path.rsplit(".", 1)[0]
            for path, f in fields.items.items()
            if re.fullmatch(r"parties\.\d\.role", path)
        }

    target = by_role(prose)
    for role, source in by_role(labelled).items():
        if role not in target:
            continue
        for path, found in labelled.items.items():
            if path.startswith(source + "."):
                key = target[role] + path[len(source) :]
                prose.items.setdefault(key, found)
    return prose


def _rep_identifier(fields: Fields) -> None:
    """A company (its name ends in a legal form) has no TCKN of its own: one read into it
    belongs to its representative who has none ("Temsilci: …" then "T.C. Kimlik No: …")."""
    for i in range(5):
        path = f"parties.{i}"
        tckn, name = fields.items.get(f"{path}.tckn"), fields.items.get(f"{path}.name")
        rep = f"{path}.representatives.0"
        if tckn is None or name is None or f"{rep}.name" not in fields.items:
            continue
        value = str(name.value)
        if name_end(value) < len(value) - 1 or not _LEGAL_END.search(fold(value)):
            continue
        if f"{rep}.tckn" not in fields.items:
            fields.items[f"{rep}.tckn"] = fields.items.pop(f"{path}.tckn")


def _labelled_parties(fields: Fields, layout: Layout, end: int) -> None:
    """parties.N.* from labels: role headings, role-prefixed labels, party paragraphs."""
    s = layout.stream
    folded = s.folded[:end]
    marks: list[tuple[int, int, str, str | None]] = []  # start, end, field, role
    taken: list[tuple[int, int]] = []
    for m in ROLE_RE.finditer(folded):
        role = role_of(m)
        tail = folded[m.end() : m.end() + 40]
        before = folded[max(0, m.start() - 2) : m.start()]
        line_start = max(
            folded.rfind("\n", 0, m.start()) + 1,
            max((p for p in s.line_starts if p <= m.start()), default=0),
        )
        # at the start of a line or paragraph, perhaps after its number: "1.1 KİRAYA VEREN"
        at_start = bool(_CAPTION_LEAD.fullmatch(folded, line_start, m.start()))
        defined = _DEFINED_TERM.match(folded, m.end())
        if defined and _CAPTION_LEAD.fullmatch(folded, line_start, m.start() - 1):
            # "1.1. “Kiracı” terimi, … adresinde mukim Ali Yıldız için kullanılmıştır."
            marks.append((m.start(), defined.end(), "role", role))
            taken.append((m.start(), defined.end()))
            continue
        if "“" in before or '"' in before or "'" in before:
            continue
        if _DESIGNATION.match(folded, m.end()):
            # "(Bundan böyle" / "HİZMET VEREN olarak anılacaktır.) ile …" wrapped to start a
            # line: the prose's designation of the party before it, no role heading
            continue
        field_label = _FIELD_LABEL_RE.match(folded, m.start())
        if field_label and s.on_one_line(m.start(), field_label.end()):
            continue  # "İşçinin unvanı:" labels the job, not the worker
        label = None
        for field, rx in _PARTY_LABEL_RE:
            lm = rx.match(tail.lstrip())
            if lm and m.group("gen"):
                offset = m.end() + (len(tail) - len(tail.lstrip()))
                label = (field, offset + lm.end())
                break
        if label:
            marks.append((m.start(), label[1], label[0], role))
            taken.append((m.start(), label[1]))
        elif (
            at_start
            or tail.lstrip().startswith(":")
            # "İşveren X A.Ş. … ile İşçi Ali Yıldız (…) arasında": the role before its party
            or (folded.endswith(" ile ", 0, m.start()) and _CAPITAL_NEXT.match(s.text, m.end()))
        ):
            marks.append((m.start(), m.end(), "role", role))
            taken.append((m.start(), m.end()))
    candidates = [
        (lm.start(), lm.end(), field) for field, rx in _PARTY_LABEL_RE for lm in rx.finditer(folded)
    ]
    candidates += [
        (lm.start(), lm.end(), "_other")
        for _, pattern in FIELD_LABELS
        for lm in re.finditer(rf"\b(?:{pattern})\b", folded)
    ]
    for start, stop, field in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
        if any(a < stop and start < b for a, b in taken):
            continue  # inside a longer label ("kimlik no" in "vergi kimlik no")
        marks.append((start, stop, field, None))
        taken.append((start, stop))
    marks.sort()
    marks = _absorb_into_representatives(s, marks)
    marks = _split_combined(s, marks, end)
    roles: list[str] = []
    reps: dict[str, int] = {}
    current: str | None = None
    role_names: dict[str, Found] = {}
    skip_until = -1
    for i, (start, label_end, field, role) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else end
        # "… Uludağ" / "c) TCKN / VKN : …": the next label's item mark is not this value's
        stop = max(label_end, _line_lead(s, stop)) if i + 1 < len(marks) else stop
        if role is not None:
            current = role
            if role not in roles:
                roles.append(role)
        if current is None or field == "_other":
            continue
        if s.text.startswith(")", label_end):  # a label closed by its bracket: "(Unvanı) :"
            label_end += 1
        a, b = s.after(label_end, max(0, stop - label_end))
        b = min(b, stop)
        raw = s.text[a:b]
        index = roles.index(current)
        path = f"parties.{index}"
        fields.set(f"{path}.role", Found(current, s.found(None, start, label_end).runs))
        if start < skip_until:
            continue  # inside a party read as prose below
        upto = next((m[0] for m in marks[i + 1 :] if m[3] is not None), end)
        if field == "role" and _PROSE_VALUE.search(s.folded, a, upto):
            # "Kiraya Veren: 1234… T.C. kimlik numaralı, … adresinde mukim Ali Yıldız": the
            # value, up to the next role, is a party in prose with its name last
            skip_until = upto
            person = read_piece(s, a, upto)
            for key, (value, x, y) in person.spans.items():
                fields.set(f"{path}.{key}", s.found(value, x, y))
            for rep in person.reps[:5]:
                k = reps.get(path, 0)
                reps[path] = k + 1
                for key, (value, x, y) in rep.items():
                    fields.set(f"{path}.representatives.{k}.{key}", s.found(value, x, y))
            continue
        if field in ("role", "name"):
            value = _TRIM_NAME.sub("", raw).strip(" ,;:-")
            value = value[: name_end(value)].strip(" ,;:-")
            if value.endswith(".") and not _ABBREVIATION.search(value):
                value = value[:-1]
            if field == "role" and (not value or _DESCRIPTOR.fullmatch(fold(value))):
                continue
            if value and len(value) >= 3 and not value[0].isdigit():
                if field == "role":  # "KİRAYA VEREN: …" names it unless a name label follows
                    role_names.setdefault(path, s.found(value, a, a + len(value)))
                else:
                    fields.set(f"{path}.name", s.found(value, a, a + len(value)))
            _rest(fields, s, path, a + len(value), b, reps)
        elif field in ("tckn", "vkn", "office_vkn"):
            # one label may name both ("T.C. Kimlik No / VKN"): the digits decide, 11 or 10
            m = re.search(r"(?<!\d)\d{11}(?!\d)", raw.replace(" ", ""))
            number = m.group(0) if m else None
            # "T.C. Kimlik No: 1…" and the next item's "1.2" glued to it: a valid TCKN of
            # eleven digits (spaces between groups allowed) before anything else
            spaced = re.finditer(r"(?<!\d)\d(?:\s?\d){10}(?!\d)", raw)
            elevens = (re.sub(r"\s", "", x.group(0)) for x in spaced)
            number = next((d for d in elevens if tckimlik.is_valid(d)), number)
            ten = re.search(r"(?<!\d)\d{10}(?!\d)", raw)
            if number and ten and not tckimlik.is_valid(number) and vkn.is_valid(ten.group(0)):
                number = None  # "… / 1234567890" and the next item's "1.2": a VKN, not a TCKN
            passport = _PASSPORT.match(raw)
            if number:
                fields.set(f"{path}.tckn", s.found(number, a, b))
            elif ten:
                fields.set(f"{path}.vkn", s.found(ten.group(0), a + ten.start(), a + ten.end()))
            elif passport and "pasaport" in folded[max(0, start - 40) : label_end]:
                # "TCKN / Pasaport No / VKN : G1234567": a foreigner's passport number
                value = passport.group(1)
                fields.set(f"{path}.passport_no", s.found(value, a, a + len(value)))
            number = re.search(r"\d(?:[ .-]?\d){9,10}", raw)
            if number:  # "T.C. 1…, Cumhuriyet Mah. …": an unlabelled address after it
                _address_after(fields, s, path, raw, a, number.end())
            if "dairesi" in folded[start:label_end] or field == "office_vkn":
                # "Vergi Dairesi / No: Kadıköy / 123…"
                _extra(fields, s, path, "tax_office", raw, a)
        elif field == "representatives":
            cut = _TRIM_ADDRESS.search(raw)
            rb = a + (cut.start() if cut else len(raw))
            for person in representatives(s, a, rb, [False] * len(s.text)):
                k = reps.get(path, 0)
                if k >= 5:
                    break
                reps[path] = k + 1
                for key, (value, x, y) in person.items():
                    fields.set(f"{path}.representatives.{k}.{key}", s.found(value, x, y))
        elif field == "tax_office" and not re.match(r"[\s:]*(?:\d{1,2}\s+)?[^\W\d_]", raw):
            _tax_office_before(fields, s, path, start)
            # "(Vergi No: 1…, Kadıköy V.D.), Moda Mah. … / İstanbul": the address after it
            _address_after(fields, s, path, raw, a, 0)
        elif field == "mersis":
            m = re.search(r"(?<![\d ])\d(?:\s?\d){15}(?![\d])", raw)
            if m:
                value = m.group(0).replace(" ", "")
                fields.set(f"{path}.mersis", s.found(value, a + m.start(), a + m.end()))
                # "(…, MERSİS No: 0…), Moda Mah. … / İstanbul": the address after the bracket
                _address_after(fields, s, path, raw, a, m.end())
        elif field == "address":
            value = _TRIM_ADDRESS.sub("", raw)
            value = value[: address_end(value)].strip(" ,;:")
            if value.endswith(".") and not re.search(
                r"\b(mah|cad|sok|sk|cd|no|blv)\.$", fold(value)
            ):
                value = value[:-1]
            if len(value) >= 8:
                fields.set(f"{path}.address", s.found(value, a, a + len(value)))
            _rest(fields, s, path, a + len(value), b, reps)
        else:
            _extra(fields, s, path, field, raw, a)
        number = re.search(r"\d(?:[ .-]?\d){9,10}", raw) if field == "tax_office" else None
        if number:  # "…, Kadıköy V.D. 1…, Moda Mah. …": the address after the number
            _address_after(fields, s, path, raw, a, number.end())
        if field != "representatives":
            _identifier_by_type(fields, s, path, raw, a)
    for path, found in role_names.items():
        fields.set(f"{path}.name", found)


# an address by its words ("… Mah.", "… Cad.", "No:"), when no label names it
_ADDRESS_SHAPE = re.compile(
    r"\b(?:mahallesi|mah\.|mh\.|caddesi|cad\.|cd\.|sokak|sokagi|sk\.|sok\.|bulvari|blv\.)"
    r"|\bno\s*:"
)


def _address_after(fields: Fields, s, path: str, raw: str, a: int, offset: int) -> None:
    """The rest of a field after its value, read as the party's address where it has an
    address's words and no address was labelled: "Kiraya Veren: Ali Yıldız, T.C. 1…,
    Cumhuriyet Mah. Gül Sk. No: 4 Çankaya / Ankara" (comma-separated matbu lines)."""
    if f"{path}.address" in fields.items:
        return
    rest = raw[offset:]
    lead = len(rest) - len(rest.lstrip(" ,;.)"))
    value = rest[lead:]
    value = value[: address_end(value)].strip(" ,;:")
    if value.endswith(".") and not _ADDRESS_SHAPE.search(fold(value[-5:])):
        value = value[:-1]
    if len(value) < 8 or not value[0].isupper() or not _ADDRESS_SHAPE.search(fold(value)):
        return
    start = a + offset + lead
    fields.set(f"{path}.address", s.found(value, start, start + len(value)))


def _rest(fields: Fields, s, path: str, a: int, b: int, reps: dict[str, int]) -> None:
    """What follows a party's name or address in the same field, once their own ends are
    found ("… A.Ş. (Kozyatağı V.D.) adına Genel Müdür …"), is read as prose for the tax
    office and representatives the labels did not give."""
    if b - a < 6 or not re.search(r"[^\W\d_]", s.text[a:b]):
        return
    person = read_piece(s, a, b)
    tax = person.spans.get("tax_office")
    if tax is not None:
        fields.set(f"{path}.tax_office", s.found(*tax))
    address = person.spans.get("address")
    if address is not None and f"{path}.address" not in fields.items:
        # "İşveren: X A.Ş. (Vergi No: …), Esentepe Mah. … Şişli / İstanbul. Şirketi temsilen …"
        value, x, _ = address
        value = value[: address_end(value)].strip(" ,;")
        fields.set(f"{path}.address", s.found(value, x, x + len(value)))
    for rep in person.reps:
        k = reps.get(path, 0)
        if k >= 5 or f"{path}.representatives.{k}.name" in fields.items:
            break
        reps[path] = k + 1
        for key, (value, x, y) in rep.items():
            fields.set(f"{path}.representatives.{k}.{key}", s.found(value, x, y))


def _identifier_by_type(fields: Fields, s, path: str, raw: str, a: int) -> None:
    """A VKN is known by its form (10 digits that pass the check digit) whatever label,
    or none, stands before it: "Vergi D./Sicil: Kadıköy / 1234567890"."""
    if f"{path}.tckn" in fields.items:
        return
    for m in re.finditer(r"(?<!\d)(?<!\d[ .-])\d(?:[ .-]?\d){9}(?![ .-]?\d)", raw):
        digits = re.sub(r"\D", "", m.group(0))
        if vkn.is_valid(digits):
            fields.set(f"{path}.vkn", s.found(digits, a + m.start(), a + m.end()))
            return


def _line_lead(s, pos: int) -> int:
    """Where the printed line holding ``pos`` starts, when only an item mark ("f)", "b-",
    "1.1.6.") or nothing stands before ``pos`` on it; else ``pos``."""
    starts = [p for p in s.line_starts if p <= pos]
    head = max(starts, default=0)
    head = max(head, s.text.rfind("\n", 0, pos) + 1)
    return head if _ITEM_MARK.fullmatch(s.folded, head, pos) else pos


def _absorb_into_representatives(
    s, marks: list[tuple[int, int, str, str | None]]
) -> list[tuple[int, int, str, str | None]]:
    """A representative's own labels ("… (T.C. Kimlik No: …)", "TCKN: …") belong to the
    representative: they are dropped until a role, another representative label, or a label
    that opens a line (the next row of a table)."""
    out: list[tuple[int, int, str, str | None]] = []
    inside = False
    for mark in marks:
        start, _, field, role = mark
        # nothing, or only an item mark ("f)", "1.1.6."), before it on its printed line
        opens_line = (
            start in s.line_starts
            or _line_lead(s, start) < start
            or not s.text[s.text.rfind("\n", 0, start) + 1 : start].strip()
        )
        if field == "representatives":
            inside = True
        elif inside and role is None and not opens_line:
            continue
        else:
            inside = False
        out.append(mark)
    return out


# between the labels of one combined label, and after its last: "Ünvanı, Adresi, Vergi
# Dairesi ve No:"
_LABEL_JOIN = re.compile(r"\s*(?:,|/|-|\bve\b)\s*")
_LABEL_CLOSE = re.compile(r"\s*:")


def _split_combined(
    s, marks: list[tuple[int, int, str, str | None]], end: int
) -> list[tuple[int, int, str, str | None]]:
    """A matbu form's combined label, its values after one colon in the same order and
    comma-separated: "Kiracının Ünvanı, Adresi, Vergi Dairesi ve No: X Ltd. Şti., Moda
    Mah. … Kadıköy / İstanbul, Kadıköy V.D. 1234567890". Each label's mark is moved onto
    its value; an address may hold commas of its own (the pieces left over are its)."""
    text, folded = s.text, s.folded
    out: list[tuple[int, int, str, str | None]] = []
    i = 0
    while i < len(marks):
        j = i
        while (
            j + 1 < len(marks)
            and marks[j + 1][3] is None
            and _LABEL_JOIN.fullmatch(folded, marks[j][1], marks[j + 1][0])
        ):
            j += 1
        group = marks[i : j + 1]
        fields = [m[2] for m in group]
        close = _LABEL_CLOSE.match(folded, group[-1][1])
        if j == i or not close or len(set(fields)) < len(fields) or "_other" in fields:
            out.append(marks[i])
            i += 1
            continue
        stop = marks[j + 1][0] if j + 1 < len(marks) else end
        line = text.find("\n", close.end(), stop)
        stop = stop if line < 0 else line
        cuts = [close.end(), *(k + 1 for k in range(close.end(), stop) if text[k] == ",")]
        spare = len(cuts) - len(group)
        if spare < 0 or (spare and "address" not in fields):
            out.extend(group)
            i = j + 1
            continue
        at = fields.index("address") if spare else len(fields)
        starts = cuts[: at + 1] + cuts[at + 1 + spare :]
        for k, ((start, label_end, field, role), piece) in enumerate(
            zip(group, starts, strict=True)
        ):
            if field == "vkn" and "dairesi" in folded[start:label_end]:
                field = "office_vkn"  # the office's name, then its number
            out.append((start if k == 0 else piece, piece, field, role))
        i = j + 1
    return out


def _tax_office_before(fields: Fields, s, path: str, start: int) -> None:
    """ "Alemdağ Vergi Dairesi, VKN: …", "… / İstanbul Kozyatağı V.D.": the office's name
    printed before the label; of its one or two capitalised words, two when they name a
    known office or follow a delimiter, else the last."""
    window = s.text[max(0, start - 40) : start]
    m = re.search(r"(?:^|(?P<delim>[,;:(/]\s*)|\s)(?P<w1>[A-ZÇĞİÖŞÜ][\wçğıöşü]+)"
                  r"(?:\s+(?P<w2>[A-ZÇĞİÖŞÜ][\wçğıöşü]+))?\s*$", window)  # fmt: skip
    if not m:
        return
    group = "w1"
    if m.group("w2"):
        both = f"{m.group('w1')} {m.group('w2')}"
        group = "w1" if m.group("delim") is not None or is_tax_office(both) else "w2"
    a = max(0, start - 40) + m.start(group)
    b = max(0, start - 40) + m.end("w2" if group == "w1" and m.group("w2") else group)
    day = re.search(r"(?<![\d.,/])\d{1,2}\s+$", s.text[max(0, a - 4) : a])
    if day and fold(s.text[a:b].split()[0]) in MONTH_NAMES:  # "19 Mayıs Vergi Dairesi"
        a -= len(day.group(0))
    fields.set(f"{path}.tax_office", s.found(s.text[a:b], a, b))


def _extra(fields: Fields, s, path: str, field: str, raw: str, a: int) -> None:
    """Labelled tax office, SGK no, birth date/place and passport no; each to its next label."""
    if field == "tax_office":
        # "Kadıköy", "19 Mayıs" (offices named after a date)
        m = re.match(r"\s*((?:\d{1,2}\s+)?[^\d/,;]{2,40}?)\s*(?:/|,|;|\d|$)", raw)
        if m and m.group(1).strip():
            fields.set(
                f"{path}.tax_office", s.found(m.group(1).strip(), a + m.start(1), a + m.end(1))
            )
    elif field in ("sgk_no", "sgk_workplace_no"):
        # digit groups (a long number wraps onto the next line), but not the next item's
        # number ("… 12345678901234 3- İŞVERENİN BİLGİLERİ")
        m = re.search(r"\d+(?:\s\d+(?!\s*[.)\-–](?:\s|$)))*", raw)
        if m and len(re.sub(r"\s", "", m.group(0))) >= 6:
            value = re.sub(r"\s", "", m.group(0))
            fields.set(f"{path}.{field}", s.found(value, a + m.start(), a + m.end()))
    elif field == "birth":  # "Samsun/29 Mart 1981", "Kocaeli / 28/05/1966"
        _extra(fields, s, path, "birth_place", raw, a)
        found = find_dates(raw)
        if found:
            fields.set(f"{path}.birth_date", s.found(found[0][0], a + found[0][1], a + found[0][2]))
    elif field == "birth_date":
        found = find_dates(raw)
        if found:
            fields.set(f"{path}.birth_date", s.found(found[0][0], a + found[0][1], a + found[0][2]))
    elif field == "birth_place":
        m = re.match(r"\s*([A-ZÇĞİÖŞÜ][\wçğıöşü]+(?:\s*/\s*[A-ZÇĞİÖŞÜ][\wçğıöşü]+)?)", raw)
        if m:
            fields.set(f"{path}.birth_place", s.found(m.group(1), a + m.start(1), a + m.end(1)))
    elif field == "passport_no":
        m = re.search(r"\b[A-Z0-9]{6,12}\b", raw)
        if m and any(c.isdigit() for c in m.group(0)):
            fields.set(f"{path}.passport_no", s.found(m.group(0), a + m.start(), a + m.end()))


def _kinds(fields: Fields) -> None:
    """A party with a TCKN (or passport) and no VKN is a person; with a VKN or MERSİS a company."""
    roles = {int(p.split(".")[1]) for p in fields.items if p.startswith("parties.")}
    for i in sorted(roles):
        items = fields.items
        path = f"parties.{i}"
        person_id = f"{path}.tckn" if f"{path}.tckn" in items else f"{path}.passport_no"
        if person_id in items and f"{path}.vkn" not in items:
            fields.set(f"{path}.kind", Found("person", items[person_id].runs))
        elif f"{path}.vkn" in items or f"{path}.mersis" in items:
            key = f"{path}.vkn" if f"{path}.vkn" in items else f"{path}.mersis"
            fields.set(f"{path}.kind", Found("company", items[key].runs))
        elif f"{path}.name" in items and ends_in_legal_form(str(items[f"{path}.name"].value)):
            fields.set(f"{path}.kind", Found("company", items[f"{path}.name"].runs))
