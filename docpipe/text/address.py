"""Cues that a line of text is (part of) a Turkish postal address or a company name."""

from __future__ import annotations

import re

from docpipe.text.turkish import fold

PROVINCES = [
    "adana",
    "adiyaman",
    "afyonkarahisar",
    "afyon",
    "agri",
    "amasya",
    "ankara",
    "antalya",
    "artvin",
    "aydin",
    "balikesir",
    "bilecik",
    "bingol",
    "bitlis",
    "bolu",
    "burdur",
    "bursa",
    "canakkale",
    "cankiri",
    "corum",
    "denizli",
    "diyarbakir",
    "edirne",
    "elazig",
    "erzincan",
    "erzurum",
    "eskisehir",
    "gaziantep",
    "giresun",
    "gumushane",
    "hakkari",
    "hatay",
    "isparta",
    "mersin",
    "istanbul",
    "izmir",
    "kars",
    "kastamonu",
    "kayseri",
    "kirklareli",
    "kirsehir",
    "kocaeli",
    "konya",
    "kutahya",
    "malatya",
    "manisa",
    "kahramanmaras",
    "mardin",
    "mugla",
    "mus",
    "nevsehir",
    "nigde",
    "ordu",
    "rize",
    "sakarya",
    "samsun",
    "siirt",
    "sinop",
    "sivas",
    "tekirdag",
    "tokat",
    "trabzon",
    "tunceli",
    "sanliurfa",
    "usak",
    "van",
    "yozgat",
    "zonguldak",
    "aksaray",
    "bayburt",
    "karaman",
    "kirikkale",
    "batman",
    "sirnak",
    "bartin",
    "ardahan",
    "igdir",
    "yalova",
    "karabuk",
    "kilis",
    "osmaniye",
    "duzce",
]

_ADDRESS_WORDS = re.compile(
    r"\b(mah|mahallesi|mh|cad|caddesi|cd|sok|sokak|sokagi|sk|bulvar|bulvari|blv|bul|"
    r"no|kat|daire|apt|apartmani|sitesi|plaza|blok|osb|koyu|kume|evler|is merkezi|"
    r"posta kodu|pk|turkiye)\b"
)
_PROVINCE = re.compile(r"\b(" + "|".join(PROVINCES) + r")\b")
_POSTCODE = re.compile(r"\b\d{5}\b")
_SLASH_PLACE = re.compile(r"[a-z]+\s*/\s*[a-z]+")

_COMPANY_WORDS = re.compile(
    r"\b(a\.?s|ltd|sti|limited|anonim|sirketi|sirket|ticaret|tic|sanayi|san|holding|"
    r"kooperatifi|vakfi|dernegi|inc|gmbh|llc|grup|insaat|danismanlik|hizmetleri|"
    r"pazarlama|elektronik|gida|tekstil|otomotiv|lojistik|yazilim|bilisim|ve)\b\.?"
)


def looks_like_address(text: str) -> bool:
    f = fold(text)
    return bool(
        _ADDRESS_WORDS.search(f)
        or _POSTCODE.search(f)
        or (_SLASH_PLACE.search(f) and _PROVINCE.search(f))
    )


def looks_like_company(text: str) -> bool:
    return bool(_COMPANY_WORDS.search(fold(text)))


# a place word that is a street's or neighbourhood's name, not the end of the address
_NAMES_A_STREET = re.compile(
    r"\s*(?:mah|mahallesi|mh|cad|caddesi|cd|sok|sokak|sokagi|sk|bulvar|bulvari|blv|yolu|"
    r"sitesi|is merkezi|plaza)\b"
)
_AFTER_PROVINCE = re.compile(r"(?:\s*[-/,]?\s*(?:turkiye|\d{5}))*")


def address_end(text: str) -> int:
    """Where a Turkish address in ``text`` ends: after its province ("… No: 5 Kadıköy /
    İstanbul", "… 34710 Kadıköy İstanbul, Türkiye"), so that what a label-less layout glues
    after it (a tax office, "temsilen …") is not part of it; ``len(text)`` when no province
    closes it. A province naming a street ("Ankara Cad.") does not end it."""
    folded = fold(text)
    for m in _PROVINCE.finditer(folded):
        if _NAMES_A_STREET.match(folded, m.end()) or m.start() == 0:
            continue
        if not _ADDRESS_WORDS.search(folded, 0, m.start()) and "/" not in folded[: m.start()]:
            continue  # nothing before it looks like an address yet
        return m.end() + _AFTER_PROVINCE.match(folded, m.end()).end() - m.end()
    return len(text)


# the legal form that ends a company's name ("… Ticaret A.Ş.", "… Ltd. Şti.", "… Vakfı")
_LEGAL_FORM = re.compile(
    r"\b(?:a\.\s?s\.?|a\.s\b|anonim\s+sirketi|ltd\.?\s*sti\.?|limited\s+sirketi|sti\.|"
    r"sirketi|kooperatifi|holding|vakfi|dernegi|inc\.|gmbh|ltd\.)"
)


def ends_in_legal_form(name: str) -> bool:
    """Whether a party's name ends with a company's legal form ("… Ticaret A.Ş.",
    "… Limited Şirketi"): a company even where no VKN or MERSİS is printed."""
    folded = fold(name).rstrip(" .,;")
    forms = list(_LEGAL_FORM.finditer(folded))
    return bool(forms) and len(folded) - forms[-1].end() <= 1


_NAME_WORD = re.compile(r"[A-ZÇĞİÖŞÜ][\w.'’çğıöşüÇĞİÖŞÜ-]*")


def name_end(text: str) -> int:
    """Where a party's name at the start of ``text`` ends: after a company's legal form
    (its last one), or after a person's run of capitalised words, so that what a layout
    glues after a name (an identifier's label, a role, an address) stays out of it."""
    folded = fold(text)
    forms = list(_LEGAL_FORM.finditer(folded))
    if forms:
        return forms[-1].end()
    end = 0
    for m in re.finditer(r"\S+", text):
        token = m.group(0).rstrip(",;")
        if not _NAME_WORD.fullmatch(token) or _COMPANY_WORDS.fullmatch(fold(token)):
            if _COMPANY_WORDS.fullmatch(fold(token)) and end:
                end = m.start() + len(token)  # "… Ticaret", "… ve …" inside a trade name
                continue
            break
        end = m.start() + len(token)
        if token != m.group(0):
            break  # a comma ends it
    return end or len(text)
