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
