"""Person names in Turkish documents: labels, role words, a gazetteer and lists of names.

A candidate is a run of one to four capitalised words on one line (Title or
UPPER case, Turkish letters), with document words ("Fatura", "Tarihi",
"Bilgileri" …) breaking runs. A run is a name when:

- a label or role word comes right before it, on its line or at the end of the
  line above (ID cards print the value under "Soyadı / Surname"): "Sayın",
  "Adı Soyadı", "Kiracı", "Müvekkilimiz", "Av.", … (one word is enough then);
- it holds a known given name and a surname-like last word (known surname, or
  built like one: -oğlu, Kara-, -türk), or a known given name and another word;
- it is followed by "Bey"/"Hanım";
- it is a line of its own holding a given name (a letter head, a CV);
- it stands in a list with a name found by the rules above ("A, B ve C").

A run is never a name when a company word is in it or follows it ("Ege Işık
Enerji", "Deniz Akış Gıda"), when an address word follows it ("Mustafa Kemal
Mahallesi"), or when a tax-office label precedes it ("Vergi Dairesi: HASAN
TAHSİN"). Lower-case names count only as a known given name plus a known surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from docpipe.redact.gazetteer import (
    fold_word,
    is_ambiguous,
    is_given_name,
    is_surname,
    looks_like_surname,
)
from docpipe.redact.nlp import LANGUAGE
from docpipe.text.turkish import fold


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


# labels and role words after which a name follows (folded, multi-word ones joined by spaces)
_LABELS = tuple(
    fold(w)
    for w in (
        "sayın", "sn", "adı", "soyadı", "ad soyad", "adı soyadı", "isim", "ismi", "surname",
        "given names", "given name", "name", "names", "baba adı", "ana adı", "anne adı",
        "mother's name", "father's name", "kiracı", "kiralayan", "kiraya veren", "mal sahibi",
        "alıcı", "satıcı", "işçi", "çalışan", "personel", "vekil", "av", "avukat", "dr",
        "hasta", "sigortalı", "sürücü", "şoför", "gönderen", "gönderici", "teslim alan",
        "teslim eden", "keşideci", "ödeyen", "hesap sahibi", "abone adı", "başvuru sahibi",
        "yetkili", "yakını", "eşi", "kimden", "from", "kime", "to", "merhaba", "sevgili",
        "veren", "kefil", "borçlu", "alacaklı", "tanık", "katılanlar", "temsilcisi",
        "sahibi", "kullanıcı", "öğrenci", "veli", "bay", "bayan", "sayın yetkili",
    )
)  # fmt: skip
_LABEL_SET = frozenset(_LABELS)
# word stems that are labels in any inflection ("Müvekkilimiz", "temsilcisi")
# greetings count on their own line only ("Merhaba Kaan Bey," but not "Merhaba,\nBaşvurum")
_SAME_LINE_ONLY = tuple(fold(w) for w in "merhaba merhaba, sevgili kimden from kime to".split())
_LABEL_STEMS = tuple(fold(w) for w in "müvekkil temsilci katılımcı".split())
_HONORIFICS = _folded("Bey Hanım Beyefendi Hanımefendi Bey'e Hanım'a Beyin Hanımın")
_COMPANY = _folded(
    """san sanayi tic ticaret ltd şti limited anonim şirketi şirket holding grup group gıda
    tekstil inşaat enerji turizm lojistik danışmanlık mobilya medikal makine yazılım bilişim
    teknoloji teknolojileri elektrik elektronik otomotiv kimya tarım ürünleri matbaacılık
    nakliyat pazarlama dış ithalat ihracat yapı taahhüt kırtasiye sigorta bankası banka
    belediye başkanlığı noterliği üniversitesi hastanesi vakfı derneği kooperatifi market
    eğitim hizmetleri sağlık ortakları kardeşler madencilik petrol akaryakıt otel otelcilik
    restoran eczanesi organizasyon reklam ajans medya yayıncılık endüstri plastik metal
    ambalaj gayrimenkul emlak mühendislik mimarlık müşavirlik muhasebe hukuk bürosu ofisi
    mağazası koleji okulu odası barosu mahkemesi müdürlüğü bakanlığı kurumlar dairesi
    entegratör a.ş. aş şti. ltd. tic. san. vd v.d. kargo lokantası"""
)
# job titles: "Gülşen Karataş, Mali İşler Müdürü" — the words before a title are a department
_TITLES = _folded(
    """müdürü müdür uzmanı uzman şefi sorumlusu başkanı direktörü yöneticisi asistanı
    sekreteri mühendisi temsilcisi koordinatörü danışmanı müşaviri memuru"""
)
_ADDRESS_WORDS = _folded(
    """mahallesi mahalle mah mah. mh mh. caddesi cadde cad cad. cd cd. sokak sokağı sok sok.
    sk sk. bulvarı bulvar blv blv. yolu meydanı sitesi apartmanı apt apt. köyü"""
)
# capitalised document words that are never part of a name
_STOP = _folded(
    """sayın adı soyadı ad soyad isim kimlik no numarası numara vergi dairesi tarihi tarih
    doğum yeri adres adresi mahallesi sokak caddesi bulvarı apt kat daire fatura faturası tel
    telefon gsm cep faks fax iban plaka mersis t.c. tc vkn tckn e-posta eposta mail e-mail
    web sitesi banka şube il ilçe türkiye cumhuriyeti kartı karti identity card nüfus
    cüzdanı pasaport passport kiracı kiraya veren alıcı satıcı şirketi şti ltd san tic ve
    limited anonim sayfa toplam tutar tutarı kdv adet birim fiyat fiyatı miktar iskonto
    bilgileri bilgiler sipariş döviz cinsi özelleştirme senaryo tipi türü belge seri ettn
    vade düzenleme saati zamanı irsaliye açıklama not notlar yalnız stok kodu ürün hizmet
    mal matrah genel ara ödenecek vergiler dahil hariç surname given name names nationality
    date birth expiry issue authority place sex gender type country code personal document
    republic valid until issued by mother's father's uyruğu cinsiyeti makamı verildiği
    veriliş geçerlilik son imza signature ülke madde sözleşme sözleşmesi kira kiralanan
    genel özel şartlar konu ihtarname dilekçe tutanak poliçe ocak şubat mart nisan mayıs
    haziran temmuz ağustos eylül ekim kasım aralık pazartesi salı çarşamba perşembe cuma
    cumartesi pazar merhaba saygılarımla teşekkürler tur bey hanım müdürü müdür müdürlüğü
    başkanı başkanlığı genel müdürlük direktörlüğü insan kaynakları tl try eur usd adına
    sicil protokol poliçe abone tesisat okuma desi gönderi takip barkod müşteri hesap kart
    kredi kartı kredisi başvuru formu kayıt eğitim deneyim özgeçmiş yönetim kurulu
    işveren işçinin kiracının kiraya verenin taraf taraflar ek ekler bilgi bilgisi lütfen
    sevgili sayın yetkili kimden kime konu ilgili tarafından göre üzere olarak ile için
    trafik idari ceza karar araç sürücü şasi motor model yıl ehliyet kaza yeri saat
    alış satış ödeme tahsilat makbuz dekont havale açıklaması referans işlem gönderen
    numaralı hesabına hesabı şubesi bankası aylık yıllık brüt net ücret maaş bordro
    ikamet ikametgah tebligat teslimat merkez şehit mother father baba anne ana makam
    unvan unvanı ünvan av dr prof doç uzm sn ik mah mh cad cd sok sk blv bulv apt"""
)
_TAX_OFFICE = re.compile(r"(?:vergi\s+dairesi|v\.\s?d\.|dairesi)\s*[:/]?\s*$")

_TOKEN = re.compile(
    r"[A-ZÇĞİÖŞÜ][a-zçğıöşüâîû]+(?:['’][a-zçğıöşü]+)?|[A-ZÇĞİÖŞÜ]{2,}(?:['’][A-ZÇĞİÖŞÜ]+)?"
)
_LOWER_PAIR = re.compile(r"(?<![\w@.])([a-zçğıöşü]{2,})[ \t]+([a-zçğıöşü]{2,})(?![\w@])")


@dataclass
class _Run:
    words: list[tuple[str, int, int]]  # (word without suffix, start, end)

    @property
    def start(self) -> int:
        return self.words[0][1]

    @property
    def end(self) -> int:
        return self.words[-1][2]


def _base(word: str) -> str:
    """The word without its suffix ("Ahmet'in" -> "Ahmet")."""
    return word.split("'", 1)[0].split("’", 1)[0]


@lru_cache(maxsize=65_536)
def _is_stop(word: str) -> bool:
    f = fold(word)
    return f in _STOP or f.startswith(_LABEL_STEMS)


def _runs(text: str) -> list[_Run]:
    runs: list[_Run] = []
    for m in _TOKEN.finditer(text):
        word = _base(m.group(0))
        if _is_stop(word):
            continue
        item = (word, m.start(), m.start() + len(word))
        if runs and len(runs[-1].words) < 4 and text[runs[-1].end : m.start()] in (" ", "  "):
            runs[-1].words.append(item)
            continue
        runs.append(_Run([item]))
    return runs


def _label_before(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if not before.strip():  # the run opens its line: look at the end of the line above
        prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        before = text[prev_start : max(prev_start, line_start - 1)]
        if re.fullmatch(r"(sayin|sn\.?)\s*:?\s*(\S.*:.*)?", fold(before)):
            return True  # "SAYIN" alone, or beside another column's "Label: value"
        before = "" if fold(before).endswith(_SAME_LINE_ONLY) else before
    tail = re.sub(r"\(s\)", "", fold(before[-40:]))
    tail = re.sub(r"[^a-z' ]+", " ", tail).strip()
    if not tail:
        return False
    # the tail is a label, or ends with one after a space
    if tail in _LABEL_SET or any(tail[i + 1 :] in _LABEL_SET for i in _spaces(tail)):
        return True
    return tail.split()[-1].startswith(_LABEL_STEMS)


def _spaces(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch == " "]


def _following_words(text: str, end: int, count: int = 3) -> list[str]:
    line_end = text.find("\n", end)
    rest = re.split(r"[,;:(]", text[end : len(text) if line_end < 0 else line_end])[0]
    return [fold_word(w).strip(",;:()") for w in rest.split()[:count]]


def _vetoed(text: str, run: _Run) -> bool:
    words = [fold_word(w) for w, _, _ in run.words]
    if any(w in _COMPANY for w in words):
        return True
    after = _following_words(text, run.end)
    if any(w in _COMPANY or w in _TITLES for w in after):
        return True
    if after and after[0].rstrip(".") in _ADDRESS_WORDS:
        return True
    line_start = text.rfind("\n", 0, run.start) + 1
    return bool(_TAX_OFFICE.search(fold(text[line_start : run.start])))


def _line_alone(text: str, run: _Run) -> bool:
    line_start = text.rfind("\n", 0, run.start) + 1
    line_end = text.find("\n", run.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start : run.start].strip() and not text[run.end : line_end].strip()


def _score(text: str, run: _Run) -> float:
    words = [w for w, _, _ in run.words]
    given = [is_given_name(w) and not is_ambiguous(w) for w in words]
    any_given = [is_given_name(w) or is_ambiguous(w) for w in words]
    last_surname = len(words) > 1 and looks_like_surname(words[-1])
    if _label_before(text, run.start):
        return 0.8
    after = _following_words(text, run.end, 1)
    if after and after[0] in _HONORIFICS and (any_given[0] or len(words) == 1):
        return 0.8
    if len(words) >= 2:
        if any(given[:-1]) and last_surname:
            return 0.85
        if any(given) or (any(any_given[:-1]) and last_surname):
            return 0.7
        if is_surname(words[-1]) and not is_ambiguous(words[-1]) and any(any_given):
            return 0.7
        if any(any_given) and _line_alone(text, run) and len(words) <= 3:
            return 0.6
    elif given[0] and not words[0].isupper() and not _LABEL_AFTER.match(text[run.end :]):
        return 0.45  # one unambiguous given name in running text ("Eşi Buse de …")
    return 0.0


# the word heads a "Label:" ("Veli Adı Soyadı:", "Veli Cep Tel:"), it is not a name
_LABEL_AFTER = re.compile(r"[ \t]+[\w./ \t-]{0,30}:")
_LIST_GAP = re.compile(r"\s*(?:,|ve|ile|&)\s*")


class TrPersonNameRecognizer(EntityRecognizer):
    """Person names from labels, role words, a gazetteer and lists (see module doc)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        runs = [r for r in _runs(text) if not _vetoed(text, r)]
        scores = [_score(text, r) for r in runs]
        changed = True
        while changed:  # names listed next to a found name ("A, B ve C")
            changed = False
            for i, run in enumerate(runs):
                if scores[i] or len(run.words) > 3:
                    continue
                if len(run.words) == 1 and not is_given_name(run.words[0][0]):
                    continue
                for j in (i - 1, i + 1):
                    if 0 <= j < len(runs) and scores[j] >= 0.6:
                        a, b = (runs[j], run) if j < i else (run, runs[j])
                        if _LIST_GAP.fullmatch(text[a.end : b.start]):
                            scores[i] = 0.6
                            changed = True
        results = [
            RecognizerResult("PERSON", r.start, _with_honorific(text, r.end), s)
            for r, s in zip(runs, scores, strict=True)
            if s
        ]
        results.extend(_lower_case_names(text))
        return results


def _with_honorific(text: str, end: int) -> int:
    m = re.match(r"[ \t]+(Bey|Hanım|Beyefendi|Hanımefendi)\b", text[end:])
    return end + m.end() if m else end


def _lower_case_names(text: str) -> list[RecognizerResult]:
    return [
        RecognizerResult("PERSON", m.start(), m.end(), 0.6)
        for m in _LOWER_PAIR.finditer(text)
        if is_given_name(m.group(1)) and not is_ambiguous(m.group(1)) and is_surname(m.group(2))
    ]
