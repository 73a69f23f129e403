"""Put back Turkish letters OCR lost, for words from a known list.

Tesseract often reads upper-case ``İ``, ``Ğ``, ``Ş`` and ``Ü`` without their
marks (``BOĞAZIÇI``, ``KOZYATAGI``, ``TIC.``). Where a word (or a whole name)
is, after folding away diacritics, exactly a word from a list whose every
entry is spelled with its Turkish letters, the list's spelling is taken, in
the case style of the text read (``TİC.``, ``Tic.``, ``tic.``). Only exact
folded matches are restored, so a word that is not in the list is left
alone, and a correctly read word comes back unchanged. Callers apply this to
OCR text only: a born-digital ERP printout may spell names in ASCII on
purpose, and its text layer is exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docpipe.text.turkish import fold, lower_tr, upper_tr

_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^([\"'(\[]*)(.*?)([\"'),;:\]]*)$")


def case_like(model: str, word: str) -> str:
    """``word`` in the case style of ``model``: UPPER, Title or lower."""
    letters = [ch for ch in model if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return upper_tr(word)
    if letters and letters[0].isupper():
        return upper_tr(word[:1]) + lower_tr(word[1:])
    return lower_tr(word)


def lexicon(words: Iterable[str]) -> dict[str, str]:
    """Folded form → spelling, for ``restore``."""
    return {fold(w): w for w in words}


def restore_words(text: str, known: dict[str, str]) -> str:
    """Each whitespace-separated word of ``text`` that folds to a known word, respelled."""

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if "/" in token.strip("/"):  # "Bagcilar/Istanbul": each place on its own
            return "/".join(one_part(part) for part in token.split("/"))
        return one_part(token)

    def one_part(token: str) -> str:
        edge = _EDGE.match(token)
        if edge is None:
            return token
        head, core, tail = edge.groups()
        spelled = known.get(fold(core))
        if spelled is None or not any(ch.isalpha() for ch in core):
            return token
        return head + case_like(core, spelled) + tail

    return _TOKEN.sub(one, text)


def restore_phrase(text: str, known: dict[str, str]) -> str | None:
    """The known spelling of the whole of ``text`` (case as read), or None."""
    spelled = known.get(fold(text))
    return case_like(text, spelled) if spelled is not None else None


# Words of Turkish trade names and addresses that OCR most often reads without their
# marks; each is spelled here with its Turkish letters, and none is itself an ASCII word.
TRADE_NAME_WORDS = lexicon(
    """
    Ticaret Tic. Sanayi San. Şirketi Şti. Şti Limited Ltd. A.Ş. Anonim İnşaat İnş. Gıda
    Turizm Dış İthalat İhracat İth. İhr. Pazarlama Paz. Hizmetleri Hiz. Mühendislik Müh.
    Danışmanlık Taşımacılık Nakliyat Bilişim Yazılım Elektrik Elektronik Makine Makina
    Medikal Mobilya Tekstil Otomotiv Ürünleri Ürünler Tarım Hayvancılık Madencilik Kimya
    Sağlık Eğitim Yayıncılık Matbaacılık Ambalaj Güvenlik Temizlik Organizasyon Reklamcılık
    İletişim Çözümleri Sistemleri Teknolojileri Mağazacılık Yatırım Gayrimenkul Üretim
    Ortakları Kardeşler Şirketler Grubu Holding Kooperatifi Derneği Vakfı İşletmeleri
    Mahallesi Mah. Caddesi Cad. Sokağı Sok. Bulvarı Blv. Apartmanı Apt. Sitesi Köyü
    Atatürk İnönü Cumhuriyet Gazi Osmanpaşa Fevzi Çakmak İstiklal Şehitler Barış Yıldız
    Çiçek Güneş Gül Lale Menekşe Papatya Çınar Kavaklıdere Beşiktaş Kadıköy Üsküdar
    Şişli Bağcılar Bahçelievler Küçükçekmece Çankaya Keçiören Karşıyaka Bornova Nilüfer
    İstanbul İzmir Eskişehir Muğla Şanlıurfa Diyarbakır Kütahya Çorum Niğde Iğdır Ağrı
    Düzce Bartın Karabük Kırıkkale Kırşehir Nevşehir Gümüşhane Kırklareli Tekirdağ Çanakkale
    Balıkesir Uşak Aydın Elazığ Muş Bingöl Tunceli Erzincan Ağrı Çankırı Sinop Kastamonu
    Gaziantep Kahramanmaraş Adıyaman Osmaniye Hatay Şırnak Siirt Bitlis Van Hakkâri
    """.split()
)


# A company's legal form at the end of its name, as OCR reads it: a dot lost or read as a
# comma, marks lost ("AŞ.", "A.S", "A,Ş.", "Şti", "STI"). Always written with its dots.
_LEGAL_FORM = re.compile(
    r"(?<!\S)(?:(?P<as>A[.,]?\s?[ŞS][.,]?)|(?P<sti>[ŞS][Tt][İIiı][.,]?))(?P<tail>[\"'),;:]*)$"
)


def restore_legal_form(name: str) -> str:
    """An OCR-read company name with its closing legal form spelled in full ("A.Ş.", "Şti.")."""
    m = _LEGAL_FORM.search(name)
    if m is None:
        return name
    if m.group("as"):
        form = "A.Ş."
    else:
        read = m.group("sti")
        form = "ŞTİ." if read[1].isupper() else "Şti."
    return name[: m.start()] + form + m.group("tail")


_NUMBER_WORDS = lexicon(
    "sıfır bir iki üç dört beş altı yedi sekiz dokuz on yirmi otuz kırk elli altmış yetmiş "
    "seksen doksan yüz bin milyon milyar lira lirası kuruş türk yalnız".split()
)


def _split_number_words(folded: str) -> list[str] | None:
    """``folded`` as a run of number words ("otuzikibin" → otuz, iki, bin), or None."""
    best: list[list[str] | None] = [None] * (len(folded) + 1)
    best[0] = []
    for end in range(1, len(folded) + 1):
        for start in range(max(0, end - 7), end):
            head = best[start]
            if head is not None and folded[start:end] in _NUMBER_WORDS:
                best[end] = [*head, folded[start:end]]
                break
    return best[len(folded)]


def respell_number_words(text: str) -> str:
    """An amount in words with the Turkish letters OCR lost put back.

    "OTUZIKIBINIKIYUZSEKSEN" → "OTUZİKİBİNİKİYÜZSEKSEN", "Kirkiki" → "Kırkiki"
    ("KırkDört" keeps its capitals per word). Tokens that are not wholly number
    words ("TL", "KR.", "YALNIZ") are left alone.
    """

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        edge = _EDGE.match(token)
        if edge is None:
            return token
        head, core, tail = edge.groups()
        parts = _split_number_words(fold(core)) if core.isalpha() else None
        if not parts or len(core) < 2:
            return token
        spelled, at = [], 0
        for part in parts:
            original = core[at : at + len(part)]
            spelled.append(case_like(original, _NUMBER_WORDS[part]))
            at += len(part)
        return head + "".join(spelled) + tail

    return _TOKEN.sub(one, text)


__all__ = [
    "TRADE_NAME_WORDS",
    "case_like",
    "lexicon",
    "respell_number_words",
    "restore_phrase",
    "restore_words",
]
