"""Contract parties written in running prose and company representatives.

"İşbu sözleşme, bir tarafta … adresinde mukim, … T.C. kimlik numaralı AD SOYAD
(bundan sonra “Kiraya Veren” olarak anılacaktır) ile diğer tarafta … arasında …":
a party's description ends where its role is given in quotes (“Kiracı”, "İşçi"),
so the party region is cut at those role marks and each piece is read on its own.
Inside a piece the identifiers, the address ("… adresinde mukim/ikamet eden/
yerleşik", "Adres: …"), the tax office, birth data, passport and SGK numbers and
the representatives ("adına yetkili temsilcisi …", "temsilen …") are found first
and masked; the name is the run of capitalised words left over, nearest the role
mark. So no field runs into its neighbour: each value is bounded by the next
phrase that was recognised.

A guarantor (kefil) is read the same way (``contract_guarantors``).
Nothing here logs a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stdnum.tr import tckimlik, vkn

from docpipe.extract.rules.clauses import Stream
from docpipe.extract.rules.contract_dates import contract_dates
from docpipe.extract.rules.contract_vocab import (
    MERSIS_RE,
    ROLE_RE,
    ROLE_WORDS,
    TCKN_RE,
    VKN_RE,
    role_of,
)
from docpipe.extract.rules.found import Fields
from docpipe.text.address import address_end
from docpipe.text.dates import MONTH_NAMES
from docpipe.text.turkish import fold

_Q_OPEN, _Q_CLOSE = "“\"'‘«", "”\"'’»"
# (bundan sonra “Kiracı” olarak anılacaktır) / (kısaca “Şirket”) / “İşveren” sıfatıyla
_ROLE_MARK = re.compile(
    r"(?:\(\s*|[—–-]\s*)?(?:(?:bundan\s+(?:sonra|boyle)|kisaca|asagida|metinde)\s+)?"
    # an apostrophe after a letter or digit is a suffix's ("26'ncı", "Kadıköy'de"), no quote
    rf"(?<!\w)[{_Q_OPEN}](?P<word>[^{_Q_CLOSE}{_Q_OPEN}\n]{{2,30}})[{_Q_CLOSE}]"
    r"(?:\s*(?:olarak\s+anilacak\w*|olarak\s+adlandirilacak\w*|diye\s+anilacak\w*|olarak))?"
    r"\s*[)—–-]?"
)
# the same designation without quotes: "(bundan böyle KİRACI olarak anılacaktır)",
# "— Kiracı sıfatıyla —", or the role word alone in brackets: "Bir tarafta … (İŞVEREN)"
_BARE_MARK = re.compile(
    r"(?:\(\s*|[—–-]\s*)?(?:(?:bundan\s+(?:sonra|boyle)|kisaca|asagida|metinde)\s+"
    rf"(?P<word>{ROLE_WORDS})\s+(?:olarak\s+(?:anilacak|adlandirilacak)\w*|diye\s+anilacak\w*)"
    rf"|(?P<word2>{ROLE_WORDS})\s+sifatiyla)\b\s*[)—–-]?"
    rf"|\(\s*(?P<word3>{ROLE_WORDS})\s*\)"
)
_LEAD = re.compile(
    r"[\s,;.)]*(?:(?:isbu\s+sozlesme\s*,?\s*)?(?:bir\s+taraf(?:ta)?|diger\s+taraf(?:ta)?|"
    r"taraflardan|ile|ve|asagida\s+imzasi\s+bulunan|"
    # "merkezi … adresinde bulunan", "ikametgâhı …", "adresi …": the address's own noun
    r"(?:sirket\s+)?merkezi|ikametgah[ıi]|yerlesim\s+yeri|adresi)\s*[,:;]?\s*)*"
)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


_ID_PHRASE = re.compile(
    r"(?:t\.?\s?c\.?\s*kimlik\s+(?:no|numarasi|numarali)\s*:?|tckn\s*:?|kimlik\s+no\s*:?|"
    r"vergi\s+(?:kimlik\s+)?(?:no|numarasi|numarali)\s*:?|vkn\s*:?|mersis\s+(?:no|numarasi|"
    r"numarali)\s*:?|numarali|numarasi|olan|mukellefi|t\.\s?c\.?(?=\s*\d))"
)
_ADDRESS_VERB = re.compile(
    r"\s+adres(?:inde|indeki)\s+(?:mukim|ikamet(?:\s+e(?:den|der|dilen|tmekte)\w*)?|oturan|oturmakta|yerlesik|"
    r"faaliyet\s+gosteren|faaliyette\s+bulunan|bulunan|mukim\s+olan|kain)"
    # "… adresinde oturan ve faaliyette bulunan X": both verbs belong to the address
    r"(?:\s+ve\s+faaliyet(?:te\s+bulunan|\s+gosteren))?"
)
_ADDRESS_LABEL = re.compile(
    r"\b(?:tebligat\s+adresi|ikamet\s+adresi|adresi|adres|yerlesim\s+yeri)\s*:\s*"
)
_ADDRESS_START = re.compile(r"\b[\wçğıöşü]+\s+(?:mahallesi|mah\.|mh\.|mahalle)")
# "Vergi Dairesi", "Vergi D.", "V.D.", "VD" (folded or printed; any case)
_TAX_WORD = r"(?i:vergi\s+dairesi|vergi\s+d\.|v\.\s?d\.?(?!\w)|vd\b)"
# offices named after a date ("19 Mayıs Vergi Dairesi") keep their day
# (the day is dropped again when the next word is not a month: ``_office_name``)
_DAY_OF = r"(?:\d{1,2}\s+)?"
_TAX_OFFICE = re.compile(
    rf"(?P<name>{_DAY_OF}[A-ZÇĞİÖŞÜ][\wçğıöşü]+(?:\s+[A-ZÇĞİÖŞÜ][\wçğıöşü]+)?)\s+" + _TAX_WORD
)
# "Vergi Dairesi: Kadıköy", "Vergi Dairesi / No: Kadıköy / 1234567890"
_TAX_OFFICE_LABEL = re.compile(
    _TAX_WORD + r"(?:\s*/\s*(?i:no|numarası)\.?)?"
    rf"\s*:\s*(?P<name>{_DAY_OF}[A-ZÇĞİÖŞÜ][\wçğıöşü]+)"
)
_PASSPORT = re.compile(  # on the printed text: the number keeps its letters' case
    r"(?:(?i:pasaport\s+(?:no|numaras[ıi]|numaral[ıi]))\s*:?\s*(?P<a>[A-Z0-9]{6,12})\b|"
    r"\b(?P<b>[A-Z0-9]{6,12})\s+(?i:pasaport\s+numaral[ıi]))"
)
_NATIONALITY = re.compile(r"[A-ZÇĞİÖŞÜ][\wçğıöşü]+\s+(?:uyruklu|vatandasi)")
# "SGK sicil no: 123…", or the number first: "123… SGK sicil numaralı"
_SGK = re.compile(
    r"(?:(?P<wa>(?:sgk|ssk)\s+isyeri|isyeri\s+(?:sgk|ssk))|sgk|ssk|sigorta)\s+(?:sicil\s+)?"
    r"(?:no|numarasi|numarali)\b\s*:?\s*(?P<n>\d(?:[\d ]{5,40}\d)?)"
    r"|(?<!\d)(?<!\d )(?P<b>\d{6,26})\s+"
    r"(?:(?P<wb>(?:sgk|ssk)\s+isyeri|isyeri\s+(?:sgk|ssk))|sgk|ssk|sigorta)\s+sicil\s+numarali"
)
_BIRTH_WORD = re.compile(r"\bdog(?:umlu|um\s+tarihi|um\s+yeri|an|mus)\w*")
# who acts for a company, by stem: "temsilen", "temsilcisi", "temsile yetkili", "temsil eden",
# "vekaleten", "vekili", "yetkilisi", "adına hareket eden/yetkili", "adına ve hesabına …"
_TITLE_WORD = (
    r"(?:mudur\w*|direktor\w*|baskan\w*|uyesi|yetkili\w*|temsilci\w*|ortag\w*|sorumlusu|"
    r"yardimcisi|ceo|cfo|coo)"
)
_REP = re.compile(
    r"(?:\(\s*)?(?:adina\s+)?(?:(?:yetkili\s+)?temsil(?:cisi|en|e\s+yetkili|\s+eden|\s+ve\s+"
    r"ilzama\s+yetkili)|yetkilisi|vekaleten|vekili"
    # "adına yetkili", "adına ve hesabına imzaya yetkili", "adına hareket eden"
    r"|adina\s+(?:ve\s+hesabina\s+)?(?:(?:imzaya\s+)?yetkili|hareket\s+(?:eden|etmeye"
    r"\s+yetkili))"
    # "… A.Ş. adına Genel Müdür …": "adına" before a person's title
    rf"|adina(?=\s+(?:[a-z]+\s+){{0,2}}{_TITLE_WORD}\b)"
    # "(…; Yetkili: Ayşe Kaya (Genel Müdür))": a label that names who signs
    r"|yetkili(?=\s*:))\b"
)
_TITLE_END = re.compile(
    r"^(?:mudur|muduru|direktor|direktoru|baskani|baskan|uyesi|yetkili|yetkilisi|temsilci|"
    r"temsilcisi|ortagi|ortak|vekili|sorumlusu|yardimcisi|ceo|cfo|coo)$"
)
_NAME_TOKEN = re.compile(r"^[A-ZÇĞİÖŞÜ][\w.'’çğıöşüÇĞİÖŞÜ-]*$")
_CONNECT = ("ve", "&")
_NOT_NAME = re.compile(
    r"^(?:t\.?c\.?|tckn|vkn|mersis|vergi|dairesi|no:?|pasaport|adres\w*|kimlik|isbu|bir|ben|"
    r"diger|asagida|sozlesme\w*|taraf\w*|muteselsil\w*|kefil\w*|yetkili|temsil\w*|kefalet\w*|"
    r"musterek|borclu\w*)$"
)


@dataclass
class Person:
    """What one piece of prose says about one party (offsets into the stream)."""

    spans: dict[str, tuple[object, int, int]] = field(default_factory=dict)
    reps: list[dict[str, tuple[object, int, int]]] = field(default_factory=list)


def _mask(masked: list[bool], a: int, b: int) -> None:
    for i in range(max(0, a), min(len(masked), b)):
        masked[i] = True


# a capitalised word before a neighbourhood's one-word name, first in the piece or after
# a delimiter or a lower-case word (not after another capitalised word: that may end a name)
_WIDER = re.compile(
    r"(?:^|[,;:(“\"]|(?<![^\W\d_])[a-zçğıöşü][\wçğıöşü]*)\s*([A-ZÇĞİÖŞÜ][a-zçğıöşü]+)\s+$"
)


def _widen(text: str, floor: int, start: int) -> int:
    """Where a neighbourhood found at ``start`` begins: "Mimar Sinan Mah." has two words
    (``_ADDRESS_START`` takes one), the first kept when ``_WIDER`` says so."""
    m = _WIDER.search(text[floor:start])
    return floor + m.start(1) if m else start


def _address(text: str, folded: str, a: int, b: int) -> tuple[int, int, int] | None:
    """The address in ``text[a:b]``: before "adresinde mukim …" or after "Adres:"."""
    verb = _ADDRESS_VERB.search(folded, a, b)
    if verb:
        start = a
        starts = list(_ADDRESS_START.finditer(folded, a, verb.start()))
        if starts:
            start = _widen(text, a, starts[-1].start())
        else:
            cut = max(folded.rfind(",", a, verb.start()), folded.rfind("(", a, verb.start()),
                      folded.rfind(";", a, verb.start()))  # fmt: skip
            start = cut + 1 if cut >= 0 else a
            lead = _LEAD.match(folded, start, verb.start())
            start = lead.end() if lead else start
        while start < verb.start() and text[start] in " ,;:“\"'":
            start += 1
        end = verb.start()
        while end > start and text[end - 1] in "”\"'":
            end -= 1  # “Moda Cad. No: 5 Kadıköy/İstanbul” adresinde: not its quotes
        if end - start >= 8:
            return start, end, verb.end()
    label = _ADDRESS_LABEL.search(folded, a, b)
    if label:
        end = len(folded)
        for stop in (")", ";", "\n"):
            k = folded.find(stop, label.end(), b)
            if k >= 0:
                end = min(end, k)
        end = min(end, b)
        value = text[label.end() : end]
        value = value[: address_end(value)].rstrip(" ,.")  # not the next label line's
        if len(value) >= 8:
            return label.end(), label.end() + len(value), label.end() + len(value)
    return None


# words that make a run of capitalised words an address, never a name
_ADDRESS_WORD = re.compile(
    r"\b(?:mahallesi|mah\.|mh\.|caddesi|cad\.|cd\.|sokak|sokagi|sk\.|sok\.|bulvari|blv\.|"
    r"no\s*:|daire\s*:|kat\s*:|apt\.|apartmani|sitesi)"
)


def _address_chunk(
    text: str, folded: str, masked: list[bool], a: int, b: int
) -> tuple[int, int] | None:
    """An unlabelled address: a comma/semicolon/parenthesis-delimited chunk that starts at
    a neighbourhood ("… Mahallesi") and holds another address word."""
    for m in _ADDRESS_START.finditer(folded, a, b):
        if any(masked[m.start() : m.end()]):
            continue
        end = len(folded)
        for stop in (";", ")", "(", "\n"):
            k = folded.find(stop, m.end(), b)
            if k >= 0:
                end = min(end, k)
        end = min(end, b)
        # a comma ends it unless an address word follows ("…, No: 5")
        for comma in re.finditer(",", folded[m.end() : end]):
            pos = m.end() + comma.start()
            if not _ADDRESS_WORD.match(folded[pos + 1 : pos + 12].lstrip()):
                end = pos
                break
        begin = _widen(text, a, m.start())
        value = text[begin:end].rstrip(" .")
        if len(_ADDRESS_WORD.findall(folded[m.start() : end])) >= 2:
            return begin, begin + len(value)
    return None


def _names(text: str, masked: list[bool], a: int, b: int) -> list[tuple[int, int]]:
    """Runs of capitalised words in ``text[a:b]`` outside masked spans."""
    runs: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []  # a connector ("ve") waiting for the next word
    for m in re.finditer(r"[^\s,;:()“”\"]+", text[a:b]):
        start, end = a + m.start(), a + m.end()
        token = m.group(0)
        gap = text[current[-1][1] : start] if current else ""
        if any(masked[start:end]) or re.search(r"[,;:()“”\"]", gap):
            if current:
                runs.append((current[0][0], current[-1][1]))
            current, pending = [], []
            if any(masked[start:end]):
                continue
        if _NAME_TOKEN.match(token) and not _NOT_NAME.match(fold(token)):
            current += [*pending, (start, end)]
            pending = []
        elif token in _CONNECT and current:
            pending = [(start, end)]
        else:
            if current:
                runs.append((current[0][0], current[-1][1]))
            current, pending = [], []
    if current:
        runs.append((current[0][0], current[-1][1]))
    return [(x, y) for x, y in runs if len(text[x:y].split()) >= 2 or "." in text[x:y]]


def read_piece(s: Stream, a: int, b: int, *, near_end: bool = True) -> Person:
    """Identifiers, address, extras, representatives and name of one party's prose."""
    text, folded = s.text, s.folded
    out = Person()
    masked = [False] * len(text)
    rep = _REP.search(folded, a, b)
    main_b = b
    if rep:
        main_b = rep.start()
        first = _first_rep(s, rep)
        out.reps = representatives(s, first, b, masked)
        _mask(masked, rep.start(), b)
    addr = _address(text, folded, a, main_b)
    if addr:
        out.spans["address"] = (text[addr[0] : addr[1]].strip(), addr[0], addr[1])
        _mask(masked, addr[0], addr[2])  # with "adresinde mukim"
    for m in MERSIS_RE.finditer(text, a, main_b):
        if "mersis" in folded[max(a, m.start() - 25) : m.end() + 25]:
            out.spans["mersis"] = (m.group(0).replace(" ", ""), m.start(), m.end())
            _mask(masked, m.start(), m.end())
            break
    for m in TCKN_RE.finditer(text, a, main_b):
        if not masked[m.start()] and tckimlik.is_valid(digits(m.group(0))):
            out.spans["tckn"] = (digits(m.group(0)), m.start(), m.end())
            _mask(masked, m.start(), m.end())
            break
    for m in VKN_RE.finditer(text, a, main_b):
        grouped = not m.group(0).isdigit()
        if not masked[m.start()] and (not grouped or vkn.is_valid(digits(m.group(0)))):
            out.spans["vkn"] = (digits(m.group(0)), m.start(), m.end())
            _mask(masked, m.start(), m.end())
            break
    tax = _TAX_OFFICE_LABEL.search(text, a, main_b) or _tax_office(text, folded, a, main_b)
    if tax:
        out.spans["tax_office"] = _office_name(tax)
        _mask(masked, tax.start(), tax.end())
    for m in _PASSPORT.finditer(text, a, main_b):
        value = m.group("a") or m.group("b")
        if value and any(c.isdigit() for c in value):
            out.spans["passport_no"] = (value, m.start(), m.end())
            _mask(masked, m.start(), m.end())
            break
    for m in _NATIONALITY.finditer(text, a, main_b):
        _mask(masked, m.start(), m.end())
    for sgk in _SGK.finditer(folded, a, main_b):
        g = "n" if sgk.group("n") else "b"
        # an employer's workplace registration is not a person's insurance number
        key = "sgk_workplace_no" if sgk.group("wa") or sgk.group("wb") else "sgk_no"
        if key not in out.spans:
            out.spans[key] = (re.sub(r"\s", "", sgk.group(g)), sgk.start(g), sgk.end(g))
        _mask(masked, sgk.start(), sgk.end())
    _birth(s, a, main_b, out, masked)
    for m in _ID_PHRASE.finditer(folded, a, main_b):
        _mask(masked, m.start(), m.end())
    if "address" not in out.spans:
        chunk = _address_chunk(text, folded, masked, a, main_b)
        if chunk:
            out.spans["address"] = (text[chunk[0] : chunk[1]], *chunk)
            _mask(masked, *chunk)
    runs = [
        r
        for r in _names(text, masked, a, main_b)
        if not _ADDRESS_WORD.search(folded[r[0] : r[1]])
        and not text[r[1] : r[1] + 3].lstrip().startswith(":")  # a label ("Adı Soyadı :")
    ]
    if runs:
        x, y = runs[-1] if near_end else runs[0]
        value = text[x:y].rstrip(",;")
        out.spans["name"] = (value, x, x + len(value))
    return out


def _office_name(m: re.Match[str]) -> tuple[str, int, int]:
    """The office's name with its day only when a month follows it ("19 Mayıs")."""
    name, start = m.group("name"), m.start("name")
    day = re.match(r"\d{1,2}\s+", name)
    if day and fold(name[day.end() :].split()[0]) not in MONTH_NAMES:
        name, start = name[day.end() :], start + day.end()
    return name, start, m.end("name")


def _tax_office(text: str, folded: str, a: int, b: int) -> re.Match[str] | None:
    for m in re.finditer(r"\s" + _TAX_WORD, folded[a:b]):
        start = a + m.start()
        probe = _TAX_OFFICE.search(text, max(a, start - 40), start + len(m.group(0)) + 1)
        if probe and probe.end() >= start:
            return probe
    return None


def _birth(s: Stream, a: int, b: int, out: Person, masked: list[bool]) -> None:
    text, folded = s.text, s.folded
    # "doğan"/"doğmuş" capitalised is a surname (Alper Doğan), not a birth
    word = next(
        (
            m
            for m in _BIRTH_WORD.finditer(folded, a, b)
            if folded.startswith("dogum", m.start()) or not text[m.start()].isupper()
        ),
        None,
    )
    if not word:
        return
    lo, hi = max(a, word.start() - 45), min(b, word.end() + 80)  # a date in words is long
    dates = contract_dates(text[lo:hi])
    if not dates:
        return
    value, da, db = min(dates, key=lambda d: abs(lo + d[1] - word.start()))
    out.spans["birth_date"] = (value, lo + da, lo + db)
    place = None
    cue = word
    if "yeri" not in word.group(0):  # "24.03.1972 doğumlu, doğum yeri İstanbul"
        word = re.compile(r"\bdogum\s+yeri\b").search(folded, word.end(), hi) or word
    tail = folded[word.end() : hi]
    label = re.match(r"(?:\s+ve\s+tarihi)?\s*:?\s*", tail)
    if "yeri" in word.group(0) and label:
        place = re.match(r"[A-ZÇĞİÖŞÜ][\wçğıöşü]+", text[word.end() + label.end() :])
        offset = word.end() + label.end()
    if place is None:  # "Trabzon 04.07.1983 doğumlu", "… tarihinde Trabzon'da doğan"
        before = re.search(
            r"([A-ZÇĞİÖŞÜ][\wçğıöşü]+)(?:'?(?:da|de|ta|te))?[\s,/]*$", text[lo : lo + da]
        )
        after = re.match(
            r"\s*(?:tarihinde\s+)?([A-ZÇĞİÖŞÜ][\wçğıöşü]+)'(?:da|de|ta|te)\b", text[lo + db : hi]
        )
        # "Sivas doğumlu (07.02.1994)": the place right before the word, the date after it
        ahead = re.search(r"([A-ZÇĞİÖŞÜ][\wçğıöşü]+)[\s,]+$", text[lo : cue.start()])
        if after:
            place, offset = after, lo + db
        elif ahead and da > cue.start() - lo and folded.startswith("dogumlu", cue.start()):
            place, offset = ahead, lo
        elif before:
            place, offset = before, lo
        if place is not None:
            start = offset + place.start(1)
            out.spans["birth_place"] = (place.group(1), start, start + len(place.group(1)))
            _mask(masked, start, start + len(place.group(1)))
    else:
        start = offset + place.start()
        out.spans["birth_place"] = (place.group(0), start, start + len(place.group(0)))
        _mask(masked, start, start + len(place.group(0)))
    _mask(masked, lo + da, lo + db)
    _mask(masked, cue.start(), cue.end())
    _mask(masked, word.start(), word.end())


# where a sentence joins its parties: "X ile Y arasında", "… aralarında"
_BETWEEN = re.compile(r"\s(?:arasinda|aralarinda)\b")
# a piece after "ile" that opens the next party by its identifier ("… ile 123… T.C. kimlik
# numaralı Ali Yıldız"), or by its role word (``ROLE_RE``: not "Şirket Müdürü")
_ID_FIRST = re.compile(r"\d{11}\s+t\.?\s?c\.?\s|t\.?\s?c\.?\s+kimlik\s+numarali")
_ITEM_MARK = re.compile(r"(?:[IVX]{2,4}|\d{1,2})[-.)]|[A-HIVX][-)]")  # not an initial "A."


def representatives(
    s: Stream, a: int, b: int, masked: list[bool]
) -> list[dict[str, tuple[object, int, int]]]:
    """People after "adına yetkili temsilcisi" / "temsilen", split at "ve" and commas; they
    end where the sentence joins its parties ("… ile … arasında") or the next party starts
    ("… Ayşe Kaya ile İşçi Ali Yıldız", "… ile 123… T.C. kimlik numaralı Ali Yıldız")."""
    text = s.text
    between = _BETWEEN.search(s.folded, a, b)
    b = between.start() if between else b
    # split at top-level ", " / " ve " (not inside parentheses)
    pieces: list[tuple[int, int]] = []
    depth, start = 0, a
    i = a
    while i < b:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:  # the parenthesis that opened before the phrase closes here
                break
        elif depth == 0 and (ch in ",;" or text.startswith((" ve ", " ile "), i)):
            after = i + (1 if ch != " " else 4 if text.startswith(" ve ", i) else 5)
            nxt = s.folded
            if text.startswith(" ile ", i) and (
                ROLE_RE.match(nxt, after) or _ID_FIRST.match(nxt, after)
            ):
                break  # the next party, not a representative
            pieces.append((start, i))
            start = i = after
            continue
        i += 1
    pieces.append((start, i))
    people = []
    for pa, pb in pieces:
        label = _REP_LABEL.match(s.folded, pa, pb)
        pa = label.end() if label else pa  # "…; Yetkili: Ayşe Kaya (Genel Müdür)"
        local = [False] * len(text)
        person: dict[str, tuple[object, int, int]] = {}
        m = next(
            (t for t in TCKN_RE.finditer(text, pa, pb) if tckimlik.is_valid(digits(t.group(0)))),
            None,
        )
        if m:
            person["tckn"] = (digits(m.group(0)), m.start(), m.end())
            _mask(local, m.start(), m.end())
        for im in _ID_PHRASE.finditer(s.folded, pa, pb):
            _mask(local, im.start(), im.end())
        tokens = [
            (t.start() + pa, t.end() + pa, t.group(0))
            for t in re.finditer(r"[^\s,;:()]+", text[pa:pb])
            if not any(local[t.start() + pa : t.end() + pa])
        ]
        # a connector in capitals ("İLE" on a line of its own between two parties) is no name,
        # nor the next item's mark ("II- İŞÇİNİN", "B) İŞÇİ")
        words = [
            t
            for t in tokens
            if _NAME_TOKEN.match(t[2])
            and fold(t[2]) not in ("ile", "ve")
            # "II-", or "B" before its bracket: an item mark
            and not any(_ITEM_MARK.fullmatch(m) for m in (t[2], text[t[0] : t[1] + 1]))
        ]
        for run in _runs(text, words):
            ends = [k for k, w in enumerate(run) if _TITLE_END.match(fold(w[2]))]
            title, name = (run[: ends[-1] + 1], run[ends[-1] + 1 :]) if ends else ([], run)
            if title and "title" not in person:
                person["title"] = (text[title[0][0] : title[-1][1]], title[0][0], title[-1][1])
            if name and "name" not in person:
                end = name[-1][1]
                if re.fullmatch(r"[^\W\d_]{2,}\.", name[-1][2]):
                    end -= 1  # the sentence's full stop after a surname ("… Müdür Ahmet Er.")
                person["name"] = (text[name[0][0] : end], name[0][0], end)
        if "name" in person:
            people.append(person)
            continue
        for key in ("tckn", "title"):  # "Ad Soyad (Unvan), TCKN: …", "Ad Soyad, Unvan"
            if key in person and people and key not in people[-1]:
                people[-1][key] = person[key]
    _mask(masked, a, i)
    return people


# a piece that opens with the label naming who signs, not that person's title
_REP_LABEL = re.compile(r"\s*(?:yetkili|temsilci(?:si)?)\s*:\s*")


def _runs(text: str, words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Words grouped into runs not broken by punctuation."""
    runs: list[list[tuple[int, int, str]]] = []
    for w in words:
        # a spaced dash parts a name from its title too ("Ayşe Kaya – Genel Müdür")
        if runs and not re.search(r"[,;:()–—]|\s-\s", text[runs[-1][-1][1] : w[0]]):
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


# --------------------------------------------------------------------------- parties


def role_marks(s: Stream, a: int, b: int) -> list[tuple[int, int, str]]:
    """(start, end, canonical role) of every quoted role designation in ``[a, b)``."""
    out = []
    for m in _ROLE_MARK.finditer(s.folded, a, b):
        role = ROLE_RE.fullmatch(m.group("word").strip())
        if role:
            out.append((m.start(), m.end(), role_of(role)))
    for m in _BARE_MARK.finditer(s.folded, a, b):
        role = ROLE_RE.fullmatch(m.group("word") or m.group("word2") or m.group("word3"))
        if role and not any(x < m.end() and m.start() < y for x, y, _ in out):
            out.append((m.start(), m.end(), role_of(role)))
    return sorted(out)


def prose_parties(fields: Fields, s: Stream, end: int) -> bool:
    """Parties from running prose in ``[0, end)``; False when no role is designated there."""
    marks = role_marks(s, 0, end)
    roles: list[str] = []
    for _, _, role in marks:
        if role not in roles:
            roles.append(role)
    if len(roles) < 2:
        return False
    previous = _intro_start(s, marks[0][0])
    done: set[str] = set()
    for start, stop, role in marks:
        if role in done:
            previous = stop
            continue
        done.add(role)
        piece_a = _LEAD.match(s.folded, previous, start).end()
        person = read_piece(s, piece_a, start)
        path = f"parties.{roles.index(role)}"
        if set(person.spans) == {"name"}:
            # "… 1… T.C. kimlik numaralı Elif Şahin arasında akdedilmiştir. Sözleşmede …, Elif
            # Şahin “Kiracı” olarak anılacaktır": the party was described where first named
            person = _described_before(s, person, fields, marks[0][0]) or person
        fields.set(f"{path}.role", s.found(role, start, stop))
        for key, (value, x, y) in person.spans.items():
            fields.set(f"{path}.{key}", s.found(value, x, y))
        reps, previous = person.reps, stop
        after = _reps_after_mark(s, stop, marks, end)
        if after is not None and not reps:  # "X A.Ş. (“Hizmet Alan”) adına Genel Müdür …"
            reps, previous = after
        for k, rep in enumerate(reps[:5]):
            for key, (value, x, y) in rep.items():
                fields.set(f"{path}.representatives.{k}.{key}", s.found(value, x, y))
    return True


def _described_before(s: Stream, person: Person, fields: Fields, end: int) -> Person | None:
    """The prose before the first role mark that ends with ``person``'s name: from the end
    of the other parties' names (or its sentence's start) to the name's first mention."""
    name = str(person.spans["name"][0])
    at = s.text.find(name, 0, end)
    if at < 0 or at == person.spans["name"][1]:
        return None
    a = sentence_of(s, at)[0]
    for path, found in fields.items.items():
        other = str(found.value)
        if path.endswith(".name") and other != name:
            k = s.text.rfind(other, a, at)
            a = max(a, k + len(other)) if k >= 0 else a
    earlier = read_piece(s, _LEAD.match(s.folded, a, at).end(), at + len(name))
    if set(earlier.spans) <= {"name"}:
        return None
    earlier.spans["name"] = person.spans["name"]
    return earlier


# after a mark: the rest of its designation ("… olarak anılacaktır.)"), then "şirketi …"
_AFTER_MARK = re.compile(r"(?:[^()\n]{0,45}\)\.?)?[\s,]*(?:sirketi\s+|sirket\s+)?")
# a name that is a company's, not a representative's, or the next party's lead words
_COMPANY_WORD = re.compile(r"\b(?:a\.?\s?s\.?|ltd\.?|sti\.?|sirketi|limited|anonim)(?!\w)")
# "… Müdürü X ve TC kimlik numarası 1234… olan ve … adresinde ikamet eden Y": after "ve"/"ile"
# an identifier or an address opens the next party's description, not a representative
_NEXT_PERSON = re.compile(
    r"\s(?:ve|ile)\s+(?=t\.?\s?c\.?\s|tc\s|kimlik\s|\d{11}\b|(?:\S+\s+){1,2}(?:mahallesi|mah\.))"
)
# "… bir taraf, TC kimlik numarası …": the next party's lead words, a comma after them too
_NEXT_PARTY = re.compile(r"[\s,](?:bir\s+taraf\w*|diger\s+taraf\w*|arasinda)[\s,]")


def _reps_after_mark(
    s: Stream, stop: int, marks: list[tuple[int, int, str]], end: int
) -> tuple[list[dict[str, tuple[object, int, int]]], int] | None:
    """Representatives named right after a party's role mark ("… A.Ş. (“Hizmet Alan”) adına
    Genel Müdür X ile Yönetim Kurulu Üyesi Y"), up to the next party: the last "ile" before
    the next mark, or the first name that is a company's; and where the next party's prose
    starts."""
    folded = s.folded
    rep = _REP.match(folded, _AFTER_MARK.match(folded, stop).end())
    if rep is None:
        return None
    bound = min([*(m[0] for m in marks if m[0] > stop), end, sentence_of(s, rep.end())[1]])
    m = _NEXT_PARTY.search(folded, rep.end(), bound)
    bound = m.start() if m else bound
    m = _NEXT_PERSON.search(folded, rep.end(), bound)
    bound = m.start() if m else bound
    kept = []
    for person in representatives(s, _first_rep(s, rep), bound, [False] * len(s.text)):
        name, x, _ = person["name"]
        # "… ve Göktaş Enerji Ltd. Şti. (…)", "… ile Gökhan Koç (T.C. Kimlik No …; adresi …)",
        # "… ve Kocatepe Mah. … adresinde oturan …": a company's name, an address, or a second
        # person with no title starts the next party (a representative has a title)
        title = person.get("title")
        lead = title[1] if title else x
        if (
            _COMPANY_WORD.search(fold(str(name)))
            or _ADDRESS_WORD.search(folded, x, x + len(str(name)) + 1)
            or (kept and title is None)
        ):
            cut = max(folded.rfind(j, rep.end(), lead) for j in (" ve ", " ile ", ","))
            bound = cut if cut > rep.end() else lead
            break
        kept.append(person)
    return (kept, bound) if kept else None


def _first_rep(s: Stream, rep: re.Match[str]) -> int:
    """Where the representatives after ``rep`` start: "adına Yetkili Ayşe Kaya" (a
    capitalised "Yetkili" is the person's title), else right after it."""
    label = re.match(r"\s*:\s*", s.folded[rep.end() :])
    if label:  # "Yetkili: Ayşe Kaya": the label's value
        return rep.end() + label.end()
    title = re.search(r"\byetkili$", s.folded[rep.start() : rep.end()])
    if title and s.text[rep.start() + title.start()].isupper():
        return rep.start() + title.start()
    return rep.end()


def _intro_start(s: Stream, first_mark: int) -> int:
    """Start of the paragraph holding the first role mark."""
    return s.text.rfind("\n", 0, first_mark) + 1


_DOT = re.compile(r"(\S+)\.(?=\s+[A-ZÇĞİÖŞÜ\d(]|\s*$)", re.M)


def _ends_sentence(token: str) -> bool:
    """A dot after ``token`` ends a sentence unless it is an abbreviation ("Cad", "No", "T.C")."""
    token = token.strip('(“"')
    return len(token) > 4 and "." not in token and not token[:1].isdigit()


def sentence_of(s: Stream, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` within its paragraph, not cut at abbreviations."""
    text = s.text
    para_a = text.rfind("\n", 0, pos) + 1
    para_b = text.find("\n", pos)
    para_b = len(text) if para_b < 0 else para_b
    a = para_a
    for m in _DOT.finditer(text, para_a, pos):
        if _ends_sentence(m.group(1)):
            a = m.end() + 1
    b = para_b
    for m in _DOT.finditer(text, pos, para_b):
        if _ends_sentence(m.group(1)):
            b = m.end() - 1
            break
    return a, b
