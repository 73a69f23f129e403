"""What a contract is about: an employment contract's job ("Görevi: …", "… unvanıyla
istihdam edilecektir", "İşçi, satış temsilcisi olarak çalışacaktır") or a service contract's
subject ("Sözleşmenin konusu: …", "… hizmetlerinin sunulmasıdır").

The job is the noun phrase between the words that lead into it (a comma, the worker's
role word, "işyerinde") and the word that makes it a post ("olarak", "unvanıyla",
"pozisyonunda"), in capitals or not. A service named before a nominalised verb stands in
the genitive ("bakımının sunulması", "hizmetlerinin verilmesi"): it is read back in the
nominative, the form a record holds.
"""

from __future__ import annotations

import re

from docpipe.extract.rules.clauses import Stream
from docpipe.extract.rules.found import Fields
from docpipe.text.turkish import fold

_SUBJECT_VERB = re.compile(
    r"\s(?:verilmesi|sunulmasi|yapilmasi|saglanmasi|yerine\s+getirilmesi|ifasi)\w*"
    # the active voice, its object in the accusative: "… hizmetlerini sunması"
    r"|\s(?P<active>vermesi|sunmasi|yapmasi|saglamasi|yerine\s+getirmesi)\w*"
)
# a party phrase before the subject: "… tarafından", "Hizmet Alan'a", "Hizmet Veren'in",
# "işbu sözleşmenin konusu,"
_SUBJECT_LEAD = re.compile(r"\btaraf[ıi]ndan\b|\S+['’](?:[yn]?[ae])\b|\S+['’]n?[ıiuü]n\b|[,;:]")
# the accusative of a compound's possessive ("bakımını", "hizmetlerini") or after a vowel
# ("pazarlamayı"); a bare noun's accusative ("temizliği") is left as printed
_ACCUSATIVE = re.compile(r"(?<=[aeıioöuü])[ny][ıiuü]$")
# capitalised words at a segment's end: the party named before "tarafından"
_PARTY_TAIL = re.compile(r"(?:\s+[A-ZÇĞİÖŞÜ][\wçğıöşü'’]*)+\s*$")
# the genitive suffix of a phrase's last word: "hizmetlerinin", "tasarımın", "ERP'nin"
_GENITIVE = re.compile(r"(?:(?<=[aeıioöuü])n|['’]n?|(?<=[^\Waeıioöuü]))[ıiuü]n$")
# the word that makes the words before it a post, before a verb of working
_AS_POST = re.compile(
    r"\s(?:unvaniyla|unvani\s+ile|pozisyonunda|kadrosunda|sifatiyla|olarak)\s+"
    r"(?:calis|gorev|istihdam|ise\s+al|ise\s+basla)"
)
# what leads into a job title in the same sentence: punctuation, the worker's role word
# (nominative or genitive; "Müşteri" is a party's role too, and opens "Müşteri Temsilcisi"),
# the workplace ("işverene ait işyerinde")
_POST_LEAD = re.compile(
    r"[,;:]|\b(?:isci|calisan|personel)(?:['’]?n?[ıiuü]n)?\b"
    r"|\b(?:isyerinde|bunyesinde|nezdinde)\b"
)
_MAX_POST_WORDS = 6
# a form's label at the start of a printed line: "Bedel : …", "Hizmet Bedeli: …"
_LINE_LABEL = re.compile(r"[A-ZÇĞİÖŞÜ][^\W\d_]*(?:\s[^\W\d_]+){0,3}\s?:\s")
# a phrase that is a manner, not a post: "talimatlarına uygun olarak çalışır", "tam zamanlı
# olarak", "işyerinde olarak"; a word with a case ending or a postposition ends no job title
_NOT_POST = re.compile(
    r"(?:ina|ine|una|une|nda|nde|dan|den|tan|ten)$|^(?:uygun|gibi|gore|zamanli|sureli|duzenli"
    r"|birlikte|beraber|bagli|bagimsiz|ayni|asil|vekaleten|gecici|surekli|fiilen)$"
)
# the worker, named in a sentence about a lower-case post
_WORKER = re.compile(r"\b(?:isci|calisan|personel)")


_PARTICIPLE = re.compile(
    r"(?:verilecek|sunulacak|yapilacak|saglanacak|yurutulecek|gerceklestirilecek)\s+"
)
_UNDERTAKES = re.compile(
    r"\bicin\s+([^\s.,;:][^.,;:\n]{2,150}?)\s+(?:isini|islerini|hizmetini|(hizmetleri)ni)\s+"
    # "… işini üstlenmiştir", "… işini yapacaktır", "… işlerini yerine getirecektir"
    r"(?:ustlen|yuklen|taahhut|yapacak|yapmay|yerine\s+getir|ifa\s+ed)"
)


def nominative(phrase: str) -> str:
    """ "muhasebe hizmetlerinin" → "muhasebe hizmetleri", "ERP'nin" → "ERP"."""
    return _GENITIVE.sub("", phrase)


def subject_field(fields: Fields, s: Stream, labelled: dict[str, list[tuple[int, int]]]) -> None:
    """``subject`` (the job, for an employment contract) from a label, a post or a sentence
    about the contract's "konusu"."""
    text, folded = s.text, s.folded
    for name in ("job", "subject"):
        for _, label_end in labelled.get(name, []):
            if not text[label_end : label_end + 3].lstrip().startswith(":"):
                # "İşçinin görevi satış temsilcisi olup …": the words before "olup"
                olup = re.match(r"\s+([^\s.,;:][^.,;:\n]{1,80}?)\s+olup\b", folded[label_end:])
                if name == "job" and olup and len(olup.group(1).split()) <= _MAX_POST_WORDS:
                    a, b = label_end + olup.start(1), label_end + olup.end(1)
                    fields.set("subject", s.found(post_noun(text[a:b]), a, b, 0.9))
                    return
                if name == "job" and _predicate(fields, s, label_end):
                    return
                continue  # "İşbu sözleşmenin konusu, …" is a sentence, not a label
            a, b = s.after(label_end, 200)
            # a form's next label on the same paragraph ends the value ("Görevi : Satış
            # Temsilcisi Çalışma yeri : …")
            b = min([b, *(ls for spans in labelled.values() for ls, _ in spans if a < ls < b)])
            # or a label of any kind that opens a printed line ("Bedel : aylık …")
            b = min([b, *(p for p in s.line_starts if a < p < b and _LINE_LABEL.match(text, p))])
            value = text[a:b].strip().rstrip(".")
            if 2 < len(value) < 150:
                fields.set("subject", s.found(value, a, a + len(value)))
                return
    for m in re.finditer(
        r"[“\"]([^”\"\n]{3,150})[”\"]\s*(?:olarak|unvaniyla|pozisyonunda)\s+(?:calis|gorev)",
        folded,
    ):
        fields.set("subject", s.found(text[m.start(1) : m.end(1)], m.start(1), m.end(1), 0.9))
        return
    if _post(fields, s):
        return
    # "İşbu sözleşmenin konusu; X işinin/hizmetinin … yerine getirilmesidir"; a plural
    # "X hizmetlerinin" is the services themselves ("X hizmetleri")
    m = re.search(
        r"\bkonusu\s*[;,:]?\s+(.{3,150}?)\s+(?:isinin|islerinin|hizmetinin|(hizmetleri)nin)\b",
        folded,
    )
    if m and "\n" not in m.group(1):
        start, end = m.start(1), m.end(2) if m.group(2) else m.end(1)
        for cut in _SUBJECT_LEAD.finditer(text, start, m.end(1)):  # "Hizmet Alan'a …"
            start = cut.end()
        start += len(text[start:end]) - len(text[start:end].lstrip())
        # "… Hizmet Alan'a verilecek X işinin": the participle is not the service
        participle = _PARTICIPLE.match(folded, start, end)
        start = participle.end() if participle else start
        if end - start >= 3:
            fields.set("subject", s.found(text[start:end], start, end, 0.9))
            return
    # "Hizmet Veren, Hizmet Alan için X işini üstlenmiştir."
    m = _UNDERTAKES.search(folded)
    if m and text[m.start(1)].islower():
        end = m.end(2) if m.group(2) else m.end(1)
        fields.set("subject", s.found(text[m.start(1) : end], m.start(1), end, 0.8))
        return
    m = re.search(r"\bkonusu\b[^“\"\n]{0,120}[“\"]([^”\"\n]{3,200})[”\"]", folded)
    if m:
        fields.set("subject", s.found(text[m.start(1) : m.end(1)], m.start(1), m.end(1), 0.9))
        return
    if _in_scope(fields, s) or _subject_predicate(fields, s):
        return
    _by_verb(fields, s)


# "Sözleşmenin konusu, otel yazılımının bakım ve destek hizmetleridir.": the subject as the
# predicate of "konusu", its copula cut off
_SUBJECT_PREDICATE = re.compile(
    r"\bkonusu\s*[,;:]?\s+([a-zçğıöşü][^.;:\n]{2,150}?)['’]?[dt][ıiuü]r\s*(?:[.;\n]|$)"
)
# "… konusunu, Hizmet Veren tarafından Müşteriye verilecek X kapsamında …": the words
# between the participle of giving and the word of scope
_SCOPE = re.compile(
    r"\b(?:verilecek|sunulacak|yapilacak|saglanacak|yerine\s+getirilecek)\s+"
    r"([a-zçğıöşü][^.;:,\n]{2,150}?)\s+(?:kapsaminda|ile\s+ilgili|hakkinda|konusunda)\b"
)


def _subject_predicate(fields: Fields, s: Stream) -> bool:
    for m in _SUBJECT_PREDICATE.finditer(s.folded):
        value = s.text[m.start(1) : m.end(1)]
        if (
            len(value.split()) <= 12
            and not re.search(r"\d", value)
            and not _SUBJECT_VERB.search(" " + fold(value))
            # "… esasların düzenlenmesidir": a nominalised verb is what is done, not the subject
            and not re.search(r"m[ae]s[ıi]$|\btaraf[ıi]ndan\b", fold(value))
        ):
            fields.set("subject", s.found(value, m.start(1), m.end(1), 0.8))
            return True
    return False


def _in_scope(fields: Fields, s: Stream) -> bool:
    for m in _SCOPE.finditer(s.folded):
        if s.folded.rfind("konusu", max(0, m.start() - 200), m.start()) < 0:
            continue  # only in the sentence about the contract's subject
        value = s.text[m.start(1) : m.end(1)]
        if len(value.split()) <= 12:
            fields.set("subject", s.found(value, m.start(1), m.end(1), 0.8))
            return True
    return False


# the job as the predicate of "görevi": "İşçinin görevi satış temsilcisidir.", "… Muhasebe
# Uzmanı'dır" (the copula ends the sentence)
_PREDICATE = re.compile(r"\s+([^\s.,;:][^.,;:\n]{1,80}?)['’]?[dt][iu]r\s*(?:[.;\n]|$)")


def _predicate(fields: Fields, s: Stream, label_end: int) -> bool:
    """The words between "görevi" and the copula ending its sentence, the copula cut off;
    a last word of one syllable before it ("Müdür" read as "Mü" + "dür") is no job."""
    m = _PREDICATE.match(s.folded, label_end)
    if not m or len(m.group(1).split()) > _MAX_POST_WORDS or re.search(r"\d", m.group(1)):
        return False
    if len(re.findall(r"[aeiou]", m.group(1).split()[-1])) < 2:
        return False
    a, b = m.start(1), m.end(1)
    fields.set("subject", s.found(post_noun(s.text[a:b]), a, b, 0.9))
    return True


# the "-lik" noun of a post with its possessive: "temsilciliği", "uzmanlığı", "sorumluluğu"
_OFFICE_NOUN = re.compile(r"l[ıiuü][ğg][ıiuü]$")
_HARMONY = {"a": "ı", "ı": "ı", "e": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}


def post_noun(phrase: str) -> str:
    """The post a "-lik" noun names: "satış temsilciliği" → "satış temsilcisi" (a compound
    takes the possessive), "muhasebe uzmanlığı" → "muhasebe uzmanı", "müdürlüğü" → "müdür"."""
    words = phrase.split()
    if not words or not _OFFICE_NOUN.search(words[-1]) or len(words[-1]) < 7:
        return phrase
    stem = _OFFICE_NOUN.sub("", words[-1])
    vowels = [c for c in stem.lower() if c in _HARMONY]
    if len(words) > 1 and vowels:
        vowel = _HARMONY[vowels[-1]]
        stem += ("s" + vowel) if stem[-1].lower() in _HARMONY else vowel
    return " ".join([*words[:-1], stem])


def _post(fields: Fields, s: Stream) -> bool:
    """ "işyerinde Proje Yöneticisi unvanıyla görev yapacaktır", "İşçi, satış temsilcisi
    olarak çalışacaktır": the words between what leads into the post and the post word."""
    text, folded = s.text, s.folded
    for m in _AS_POST.finditer(folded):
        sa = max(folded.rfind("\n", 0, m.start()), folded.rfind(". ", 0, m.start())) + 1
        sa = max(sa, m.start() - 120)
        leads = list(_POST_LEAD.finditer(folded, sa, m.start()))
        start = leads[-1].end() if leads else sa
        value = text[start : m.start()].strip(" ,;:")
        words = value.split()
        if not leads:  # no lead: the capitalised words before the post word
            run = re.search(r"((?:[A-ZÇĞİÖŞÜ][\wçğıöşü]*\s+){0,5}[A-ZÇĞİÖŞÜ][\wçğıöşü]*)$", value)
            value = run.group(1) if run else ""
            words = value.split()
        if value[:1].islower() and (
            not _WORKER.search(folded, sa, m.start())
            or any(_NOT_POST.search(w) for w in fold(value).split())
        ):
            continue
        if 1 <= len(words) <= _MAX_POST_WORDS and not re.search(r"\d", value):
            at = text.rindex(value, start, m.start())
            fields.set("subject", s.found(value, at, at + len(value), 0.9))
            return True
    return False


def _by_verb(fields: Fields, s: Stream) -> None:
    """ "İşbu sözleşmenin konusu, Hizmet Veren tarafından Hizmet Alan'a X verilmesidir",
    "… konusu, X'in Hizmet Veren tarafından sunulmasıdır": the lower-case words between a
    party phrase and the nominalised verb (a genitive read back in the nominative)."""
    text, folded = s.text, s.folded
    for m in _SUBJECT_VERB.finditer(folded):
        sa = max(folded.rfind("\n", 0, m.start()), folded.rfind(". ", 0, m.start())) + 1
        k = folded.rfind("konusu", sa, m.start())
        if k < 0:
            continue
        pos = k + len("konusu")
        segments = []
        for cut in _SUBJECT_LEAD.finditer(text, pos, m.start()):
            segments.append((pos, cut.start()))
            pos = cut.end()
        segments.append((pos, m.start()))
        for a, b in reversed(segments):
            segment = _PARTY_TAIL.sub("", text[a:b])
            value = segment.strip(" ,;:")
            if 3 <= len(value) <= 150 and value[:1].islower():
                at = text.index(value, a)
                read = _ACCUSATIVE.sub("", value) if m.group("active") else nominative(value)
                fields.set("subject", s.found(read, at, at + len(value), 0.8))
                return
