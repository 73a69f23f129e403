"""Turkish street addresses: mahalle, street, door number, flat, postcode, ilçe/il.

An address is built from pieces ("atoms") that sit next to each other, separated
only by spaces, commas or a line break: ``Caferağa Mah.`` ``Moda Cad.`` ``No: 41``
``D: 7`` ``Kadıköy / İstanbul``. A run of pieces is an address when it holds a
mahalle or a street, or an ilçe/il pair written with a slash, or a door number
next to an ilçe/il; a bare "İzmit KOCAELİ" counts when it is a line of its own
(two-column invoice headers put the last line of an address there). Province
names are the 81 Turkish provinces; ilçe names are not listed, any capitalised
word before a province stands for one. Matching never crosses a line break
inside a piece, so a name on the line above is not swallowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from docpipe.redact.nlp import LANGUAGE
from docpipe.text.turkish import fold, upper_tr

PROVINCES = """
Adana Adıyaman Afyonkarahisar Afyon Ağrı Amasya Ankara Antalya Artvin Aydın Balıkesir Bilecik
Bingöl Bitlis Bolu Burdur Bursa Çanakkale Çankırı Çorum Denizli Diyarbakır Edirne Elazığ
Erzincan Erzurum Eskişehir Gaziantep Giresun Gümüşhane Hakkari Hatay Isparta Mersin İstanbul
İzmir Kars Kastamonu Kayseri Kırklareli Kırşehir Kocaeli Konya Kütahya Malatya Manisa
Kahramanmaraş Mardin Muğla Muş Nevşehir Niğde Ordu Rize Sakarya Samsun Siirt Sinop Sivas
Tekirdağ Tokat Trabzon Tunceli Şanlıurfa Uşak Van Yozgat Zonguldak Aksaray Bayburt Karaman
Kırıkkale Batman Şırnak Bartın Ardahan Iğdır Yalova Karabük Kilis Osmaniye Düzce
""".split()


def _province_pattern() -> str:
    forms = set()
    for name in PROVINCES:
        ascii_name = fold(name)
        forms.update({name, upper_tr(name), ascii_name.capitalize(), ascii_name.upper()})
    return "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))


_PROVINCE = _province_pattern()
_CAP = r"[A-ZÇĞİÖŞÜ][a-zçğıöşüâîûA-ZÇĞİÖŞÜ]+"
_WORD = r"(?:[A-ZÇĞİÖŞÜ][\wçğıöşüâîû'’.-]*|\d+(?:/\d+)?\.?)"  # a name word or a street number
_NAMES = rf"(?:{_WORD}[ \t]+){{1,4}}"
_MAHALLE = rf"{_NAMES}(?i:mahallesi|mahalle|mah\.|mah\b|mh\.|mh\b)"
_STREET = (
    rf"{_NAMES}(?i:caddesi|cadde|cad\.|cad\b|cd\.|cd\b|sokağı|sokak|sok\.|sok\b|sk\.|sk\b|"
    r"bulvarı|bulvar|blv\.|blv\b|bulv\.|yolu|meydanı|küme evler|sitesi|apartmanı|apt\.)"
)
_DOOR = (
    r"(?i:no|numara|kapı no)[ \t]*[:.]?[ \t]*\d{1,5}[A-Za-z]?(?:[ \t]*/[ \t]*[\dA-Z]{1,4})?(?!\d)"
)
_UNIT = r"(?:(?i:daire|kat|blok)[ \t]*[:.]?[ \t]*\d{1,3}|(?:D|K|d|k)[ \t]*[:.][ \t]*\d{1,3})(?!\d)"
_POSTCODE = r"(?<![\w.,/])\d{5}(?![\d.,])"
_ILCE_IL_SLASH = rf"{_CAP}[ \t]*/[ \t]*(?:{_PROVINCE})(?![\w])"
_ILCE_IL = rf"{_CAP}\s+(?:{_PROVINCE})(?![\w])"

_ATOMS = re.compile(
    rf"(?P<mahalle>{_MAHALLE})|(?P<street>{_STREET})|(?P<slash>{_ILCE_IL_SLASH})|"
    rf"(?P<ilce_il>{_ILCE_IL})|(?P<door>{_DOOR})|(?P<unit>{_UNIT})|(?P<postcode>{_POSTCODE})"
)
_GAP = re.compile(r"[ \t,;]*\n?[ \t,;]*")
# words that precede a province without being an ilçe ("Doğum Yeri İSTANBUL")
_NOT_ILCE = frozenset(
    fold(w)
    for w in "Yeri Yer Makam Makamı Dairesi Barosu Doğum Verildiği Uyruğu Adres Adresi "
    "Büyükşehir Belediyesi Valiliği Sayın Il İl".split()
)
_LABEL_WORDS = frozenset(fold(w) for w in "Adres Adresi Adresim Kiralanan İkamet Teslimat".split())


@dataclass
class _Atom:
    kind: str
    start: int
    end: int


def _atoms(text: str) -> list[_Atom]:
    atoms = []
    for m in _ATOMS.finditer(text):
        kind = m.lastgroup or ""
        start = m.start()
        if kind in ("ilce_il", "slash"):
            first = re.match(r"\S+", m.group(0))
            if first and fold(first.group(0)) in _NOT_ILCE:
                continue
        if kind == "street" and re.search(r"(?i)(web|internet)[ \t]+sitesi$", m.group(0)):
            continue
        if kind in ("mahalle", "street"):  # drop a leading label word ("Adres Moda Cad.")
            lead = re.match(r"(\S+)[ \t]+", m.group(0))
            if lead and fold(lead.group(1)).rstrip(":") in _LABEL_WORDS:
                start += lead.end()
        atoms.append(_Atom(kind, start, m.end()))
    return atoms


def _line_alone(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def _accepted(text: str, group: list[_Atom]) -> bool:
    kinds = {a.kind for a in group}
    if kinds & {"mahalle", "street", "slash"}:
        return True
    if "ilce_il" in kinds and kinds & {"door", "unit", "postcode"}:
        return True
    if kinds == {"ilce_il"} and len(group) == 1:
        return _line_alone(text, group[0].start, group[0].end)
    return False


# printed forms (the kira sözleşmesi field table) give each part its own labelled line
_FIELD = re.compile(
    r"^[ \t]*(?P<label>(?i:mahallesi|mahalle|cadde\s*/\s*sokak|caddesi|cadde|sokağı|sokak|"
    r"numarası|kapı no|daire no))[ \t]*:[ \t]*(?P<value>\S[^\n]*?)[ \t]*$",
    re.M,
)


def _form_fields(text: str) -> list[tuple[int, int]]:
    """Values of "Mahallesi: …", "Cadde/Sokak: …" lines; "Numarası: …" only right after one."""
    spans: list[tuple[int, int]] = []
    last_line_end = -2
    for m in _FIELD.finditer(text):
        numbered = fold(m.group("label")) in ("numarasi", "kapi no", "daire no")
        if not numbered or (spans and text.rfind("\n", 0, m.start()) <= last_line_end + 1):
            spans.append((m.start("value"), m.end("value")))
            last_line_end = m.end()
    return spans


def find_addresses(text: str) -> list[tuple[int, int]]:
    """(start, end) of every address in ``text``."""
    spans = _form_fields(text)
    group: list[_Atom] = []
    for atom in _atoms(text):
        if group and atom.start >= group[-1].end:
            gap = text[group[-1].end : atom.start]
            if not _GAP.fullmatch(gap):
                if _accepted(text, group):
                    spans.append((group[0].start, group[-1].end))
                group = []
        elif group:  # overlapping atom: keep the wider reach
            group[-1].end = max(group[-1].end, atom.end)
            continue
        group.append(atom)
    if group and _accepted(text, group):
        spans.append((group[0].start, group[-1].end))
    return spans


class TrAddressRecognizer(EntityRecognizer):
    """Street addresses: a mahalle, its street and door number, up to ilçe/il."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["TR_ADDRESS"], supported_language=LANGUAGE)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [RecognizerResult("TR_ADDRESS", s, e, 0.85) for s, e in find_addresses(text)]
