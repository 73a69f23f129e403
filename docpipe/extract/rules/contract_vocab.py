"""Turkish contract wordings: party roles, party labels and the field labels of contracts.

Patterns match folded text (``docpipe.text.turkish.fold_chars``: lower case, no
diacritics, offsets unchanged), so "KİRACININ ADRESİ", "Kiracının Adresi" and OCR
output without Turkish letters are one label. Synonyms are listed, never one
template's exact wording: contracts are written by thousands of hands.
"""

from __future__ import annotations

import re

# canonical role -> folded nominative forms (longest first where they share a start)
ROLES: dict[str, tuple[str, ...]] = {
    "kiraya veren": ("kiraya veren", "mal sahibi", "kiralayan", "kiraya verenler"),
    "kiracı": ("kiraci", "kiracilar", "kiralayan taraf"),
    "işveren": ("isveren", "sirket"),
    "işçi": ("isci", "calisan", "personel"),
    "hizmet veren": ("hizmet veren", "yuklenici", "danisman", "hizmet saglayici"),
    "hizmet alan": ("hizmet alan", "musteri", "is sahibi", "hizmet alici"),
    "satıcı": ("satici",),  # a sale (TBK m. 207): contract type "other"
    "alıcı": ("alici",),
    # a confidentiality agreement (gizlilik sözleşmesi / NDA)
    "açıklayan taraf": ("aciklayan taraf", "bilgiyi aciklayan", "aciklayan", "bilgiyi veren"),
    "bilgiyi alan": ("bilgiyi alan", "bilgiyi alan taraf", "alan taraf"),
    # a mandate (vekâlet sözleşmesi, TBK m. 502): the client and the agent
    "müvekkil": ("muvekkil", "vekalet veren", "vekil eden"),
    "vekil": ("vekil", "avukat"),  # a lawyer-fee contract names its agent "Avukat"
}
# a role word with a genitive suffix: "kiracinin", "kiraya verenin", "mal sahibinin"
_GENITIVE = r"(?:'?(?:n?in|n?un|nin|nun|n?ın))?"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


ROLE_RE = re.compile(
    r"\b(?P<role>" + "|".join(
        f"(?P<r{i}>{_alternation(words)})" for i, words in enumerate(ROLES.values())
    ) + r")(?P<gen>in|nin|nun|un|ın|n)?\b"
    # "Şirket Müdürü", "Şirket Yetkilisi": a role word that opens a person's title
    r"(?!\s+(?:mudur\w*|yetkili\w*|temsilci\w*|ortag\w*|baskan\w*))"
)  # fmt: skip
ROLE_NAMES = tuple(ROLES)
# any role word (folded nominative), longest first
ROLE_WORDS = _alternation(tuple(w for words in ROLES.values() for w in words))


def role_of(match: re.Match[str]) -> str:
    for i, name in enumerate(ROLE_NAMES):
        if match.group(f"r{i}"):
            return name
    raise ValueError("no role group matched")


# identifiers as printed: one run of digits or groups split by single spaces, dots or dashes
# ("123 456 78 90"); a grouped candidate counts only where its check digits pass
TCKN_RE = re.compile(r"(?<!\d)(?<!\d[ .-])\d(?:[ .-]?\d){10}(?![ .-]?\d)")
VKN_RE = re.compile(r"(?<!\d)(?<!\d[ .-])\d(?:[ .-]?\d){9}(?![ .-]?\d)")
MERSIS_RE = re.compile(r"(?<!\d)(?<!\d )\d(?:\s?\d){15}(?!\d)")

# party field labels (folded); the value follows, up to the next label
# a number label's tail: "No", "No.", "Nr", "Numarası"
_NO = r"(?:no|nr|numarasi|numara)\.?"
PARTY_LABELS: dict[str, tuple[str, ...]] = {
    "name": (
        # "Adı Soyadı / Unvanı", "Adı Soyadı (Unvanı)"
        r"adi\s*soyadi\s*(?:/|\()\s*(?:ticaret\s+)?unvani\)?", r"adi\s*[-/]?\s*soyadi",
        r"adi\s+ve\s+soyadi", r"ad\s*[-/]?\s*soyad", r"(?:ticaret|ticari|sirket|firma)\s+unvani",
        r"firma\s+adi", r"unvani", r"unvan", r"isim",
    ),
    "tckn": (
        rf"t\.?\s*c\.?\s*kimlik\s+{_NO}", r"t\.?\s*c\.?\s*k\.?\s*n\.?", r"tc\s*no",
        rf"kimlik\s+{_NO}", rf"vatandaslik\s+{_NO}", rf"t\.?\s*c\.?\s*{_NO}",
        r"t\.?\s*c\.?\s+kimlik",
        # a bare "T.C." before the number, as matbu forms print it: "Ali Yıldız, T.C. 1…"
        r"t\.\s?c\.\s*(?=\d)", r"tc\s*(?=\d)",
    ),
    "vkn": (
        rf"vergi\s+dairesi\s*(?:ve|/)\s*(?:{_NO}|vkn)", rf"vergi\s+kimlik\s+{_NO}",
        r"vkn", r"v\.\s*k\.\s*n\.?", rf"vergi\s+{_NO}", rf"v\.?\s*d\.?\s*(?:ve|/)\s*{_NO}",
    ),
    "mersis": (rf"mersis(?:\s+{_NO})?",),
    "address": (
        r"(?:tebligat\s+|ikamet(?:gah)?\s+|kanuni\s+|merkez\s+|is\s+|isyeri\s+)?adres(?:i)?",
        r"ikametgah(?:i)?", r"yerlesim\s+yeri",
    ),
    "tax_office": (r"(?:bagli\s+oldugu\s+)?vergi\s+dairesi", r"vergi\s+d\.", r"v\.\s*d\.?"),
    # an employer's workplace registration ("SGK İşyeri Sicil No", "İşyeri SSK Numarası") is
    # not a person's insurance number ("SGK Sicil No", "Sigorta Sicil No", "SSK No")
    "sgk_workplace_no": (
        rf"(?:sgk|ssk)\s+isyeri\s+(?:sicil\s+)?{_NO}",
        rf"isyeri\s+(?:sgk|ssk)\s+(?:sicil\s+)?{_NO}", rf"isyeri\s+sicil\s+{_NO}",
    ),
    "sgk_no": (
        rf"(?:sgk|ssk)\s+(?:sicil\s+)?{_NO}", rf"sigorta\s+sicil\s+{_NO}", rf"sicil\s+{_NO}",
    ),
    # "Doğum Yeri/Tarihi: Samsun/29 Mart 1981", "Doğum Yeri ve Tarihi : Kocaeli / 28/05/1966"
    "birth": (r"d(?:ogum|\.)\s*yeri\s*(?:/|ve|-)\s*tarihi",),
    "birth_date": (r"d(?:ogum|\.)\s*tarihi",),
    "birth_place": (r"d(?:ogum|\.)\s*yeri",),
    "passport_no": (rf"pasaport\s+{_NO}",),
    # who signs for a company: "Şirketi temsilen:", "Temsilci:", "Yetkili Temsilci:"
    "representatives": (
        r"(?:sirketi\s+)?temsilen", r"(?:yetkili\s+)?temsilci(?:si)?",
        r"(?:sirket\s+|imza\s+)?yetkilisi", r"yetkili\s+kisi",
        r"yetkili(?=\s*:)",  # a form's "Yetkili: Genel Müdür …" line (not "adına yetkili")
    ),
    "_other": (
        r"telefon", r"tel\.?", r"e-?\s?posta", r"kep\s+adresi", r"iban", r"uyrugu",
        r"baba\s+adi", r"anne\s+adi", r"faks", r"gsm", r"e-?mail",
    ),
}  # fmt: skip

# labels of the printed lease form and other labelled fields; (field, pattern)
FIELD_LABELS: tuple[tuple[str, str], ...] = (
    # a bare "Başlangıç:" / "Bitiş:" / "Süre:" is a label only before its colon
    ("start_date", r"(?:kira\s+|sozlesme(?:nin)?\s+)?(?:baslangic|baslama)\s+tarihi"
                   r"|ise\s+baslama\s+tarihi"
                   r"|yururluk\s+tarihi|baslangic(?=\s*:)"),
    ("end_date", r"(?:kira\s+|sozlesme(?:nin)?\s+)?bitis\s+tarihi|sona\s+erme\s+tarihi"
                 r"|bitis(?=\s*:)"),
    ("term", r"(?:kira|sozlesme(?:nin)?|hizmet)\s+(?:suresi|muddeti)|sure(?=\s*:)"
             r"|muddet(?=\s*:)"),
    # "Düzenleme Tarihi", "Tanzim yeri ve tarihi", "Düzenlendiği yer ve tarih"
    ("contract_date", r"sozlesme(?:nin)?\s+tarihi"
                      r"|(?:duzenle\w*|tanzim\w*|imza\w*|akde\w*|akte\w*)\s+(?:yeri?\s+ve\s+)?"
                      r"tarihi?"),
    ("place", r"(?:duzenle\w*|tanzim\w*|imza\w*|akde\w*|akte\w*|sozlesme(?:nin)?)\s+yeri?"
              r"(?:\s+ve\s+tarihi?)?"),
    ("deposit", r"depozito(?:\s*\(guvence\s+bedeli\))?(?:\s+bedeli)?|guvence\s+bedeli"
                r"|teminat\s+bedeli"),
    ("property_kind", r"kiralananin\s+cinsi"),
    ("use", r"kullanim\s+amaci|kiralananin\s+ne\s+icin\s+kullanilacagi"),
    ("payment", r"kira\s+bedelinin\s+odeme\s+sekli|odeme\s+sekli"),
    ("fixtures", r"demirbaslar"),
    ("property_address", r"kiralananin\s+adresi|(?:kiralanan\s+)?tasinmazin\s+adresi"
                         r"|kiralanan\s+adres|kiralanan\s+yerin\s+adresi"),
    ("subject", r"sozlesmenin\s+konusu|hizmetin\s+konusu"),
    # "İşçinin unvanı" on one line is the worker's job title (a heading "İŞÇİNİN" over an
    # "Unvanı :" line is the worker's block and its name: the readers ask for one line)
    ("job", r"gorevi\s*/\s*unvani|unvani\s*/\s*gorevi|gorev\s+unvani|gorevi|pozisyonu"
            r"|is\s+unvani|(?:iscinin|calisanin|personelin)\s+(?:unvani|kadrosu)"),
    # an employment form's workplace and pay labels: they end the job title before them
    ("workplace", r"calisma\s+yeri|isyeri\s+adresi|is\s+yeri(?=\s*:)"),
    ("wage", r"ucret(?:i)?(?=\s*:)|(?:ucret\s+)?odeme\s+(?:gunu|zamani)"),
)  # fmt: skip
# property address parts on a printed lease form: a label at the start of a line
ADDRESS_PARTS: tuple[str, ...] = (
    r"mahallesi|mahalle",
    r"cadde\s*/\s*sokak|caddesi\s*/\s*sokagi|cadde\s*-\s*sokak|sokagi",
    r"numarasi|kapi\s+no",
    r"ilce\s*/\s*il|ilcesi\s*/\s*ili|ilce\s*-\s*il",
)
# money labels: (pattern, period, kind) — kind "amount" or "yearly"
AMOUNT_LABELS: tuple[tuple[str, str | None, str], ...] = (
    (r"aylik\s+kira\s+bedeli", "monthly", "amount"),
    (r"yillik\s+kira\s+bedeli", "yearly", "yearly"),
    # "Kiralananın aylık kirası 20.000 TL, yıllık kirası 240.000 TL'dir."
    (r"aylik\s+kirasi", "monthly", "amount"),
    (r"yillik\s+kirasi", "yearly", "yearly"),
    (r"aylik\s+brut\s+ucret(?:i)?|brut\s+aylik\s+ucret(?:i)?", "monthly", "amount"),
    (r"aylik\s+(?:hizmet|danismanlik)\s+bedeli", "monthly", "amount"),
    (r"yillik\s+(?:hizmet|danismanlik)\s+bedeli", "yearly", "amount"),
    (r"toplam\s+(?:hizmet\s+)?bedel(?:i)?|sozlesme\s+bedeli|(?:hizmet|danismanlik)\s+bedeli",
     None, "amount"),
    (r"satis\s+bedeli", None, "amount"),
    (r"kira\s+bedeli", "monthly", "amount"),
    (r"brut\s+ucret(?:i)?|aylik\s+ucret(?:i)?", "monthly", "amount"),
)  # fmt: skip
