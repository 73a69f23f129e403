"""KVKK Art. 6 special categories in text: what is printed about religion, health, and the rest.

These are never stored, not even in the vault, unless the operator turns
``store_special_categories`` on. Categories found (``SpecialSpan.category``):

- ``religion``: the old nüfus cüzdanı "Dini" field and religions/sects named as a
  person's ("Dini: İslam", "Müslüman", "Süryani Ortodoks");
- ``blood_group``: "Kan Grubu: A Rh+", "0 Rh negatif", "AB Rh(-)";
- ``health``: diagnoses, reports and treatment (sağlık/heyet raporu, engellilik
  oranı, tanı, tedavi, reçete, named illnesses, pregnancy);
- ``biometric``: fingerprints, face/retina data, biometric photos, DNA/genetic data
  (the ID photo itself is an image: ``docpipe.redact.photo`` finds it);
- ``criminal``: criminal records and convictions (adli sicil, sabıka, mahkûmiyet);
- ``union_or_association``: trade-union or association membership;
- ``political``: party membership and political opinion;
- ``ethnicity``: race and ethnic origin;
- ``sexual_life``: sexual life and orientation.

Detection is by the labels that print them and by the values themselves, on
diacritic-folded text (offsets are the original's). Words that only look alike
are kept out: "ilaçlama" (pest control) is not "ilaç", "tanıtım"/"tanık" are not
"tanı", an "A++" energy class is not a blood group. Returns spans only; never
logs the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docpipe.text.regex_heads import heads, may_match
from docpipe.text.turkish import fold_chars

_RELIGION_VALUES = (
    r"islam|musluman|hristiyan\w*|hiristiyan\w*|katolik|ortodoks|protestan|musevi|yahudi|"
    r"suryani|gregoryen|budist|hindu|ateist|deist|agnostik|ezidi|yezidi|alevi|sunni|caferi|"
    r"dinsiz|sih"
)
# "Dini: İslam", "DİNİ / RELIGION  İSLAM", "Din: -": the value up to the end of the field
_RELIGION_LABELLED = re.compile(
    r"\b(?:dini|din|religion|mezhebi|mezhep)\b\s*(?:/\s*religion\s*)?[:/]?\s*"
    r"(?P<value>[^\n:]{1,30}?)(?=\s{2,}|\n|$|\s+[a-z]+\s*:)"
)
# named as a person's faith outside a field; "İslam" alone is also a given name: label only
_RELIGION_WORDS = re.compile(
    r"\b(musluman|hristiyan(?:lik)?|hiristiyan(?:lik)?|katolik|ortodoks|protestan|musevi|"
    r"yahudi|suryani|budist|ateist|deist|agnostik|ezidi|yezidi|alevi|sunni|caferi)\w{0,4}\b"
)
_BLOOD_VALUE = r"(?:0|a|b|ab)\s?(?:rh\s?)?(?:\(\s?[+-]\s?\)|[+-]|pozitif|negatif)"
_BLOOD_LABELLED = re.compile(
    rf"\b(?:kan\s+grubu|kan\s+gr\.?|blood\s+(?:group|type))\s*[:/]?\s*(?P<value>{_BLOOD_VALUE})"
    r"(?![\w+-])"
)
_BLOOD_RH = re.compile(
    r"(?<![\w+-])(?:0|a|b|ab)\s?rh\s?(?:\(\s?[+-]\s?\)|[+-]|pozitif|negatif)(?![\w+])"
)
_HEALTH = re.compile(
    r"\b(?:"
    r"(?:saglik|heyet|istirahat|engelli|engellilik|maluliyet|doktor|hekim)\s+rapor\w*|"
    r"engellilik\s+oran\w*|engel\s+oran\w*|calisma\s+gucu\s+kayb\w*|is\s+goremez\w*|"
    r"hastalig\w*|hastalik\w*|engelli\w*|ozurlu\w*|malul\w*|sakat\w*|"
    r"tani|tanisi|tanisiyla|tanisina|tanisini|tanisinin|tanilar\w*|tanili|teshis\w*|"
    r"tedavi\w*|recete\w*|ilac|ilaci|ilaclar\w*|rahatsizlig\w*|rahatsizlik\w*|"
    r"hasta|hastasi|hastalar\w*|diagnos\w*|illness\w*|disease\w*|"
    r"medical\s+(?:report|condition|history)\w*|"
    r"ameliyat\w*|operasyon\w*|kemoterapi\w*|radyoterapi\w*|diyaliz\w*|epikriz\w*|"
    r"psikiyatri\w*|psikolojik|psikoterapi\w*|depresyon\w*|anksiyete\w*|sizofreni\w*|"
    r"bipolar|otizm\w*|epilepsi\w*|demans|alzheimer\w*|parkinson\w*|"
    r"hamile\w*|gebelik\w*|dogum\s+izn\w*|"
    r"hiv|aids|hepatit\w*|kanser\w*|tumor\w*|diyabet\w*|seker\s+hastas\w*|astim\w*|"
    r"tansiyon\w*|hipertansiyon\w*|kalp\s+(?:krizi|yetmezlig\w*|hastas\w*)|inme|felc\w*|"
    r"alerji\w*|kronik|bagimlilig\w*|bagimlilik\w*|covid\w*|"
    r"icd-?10|sgk\s+provizyon\w*|hastaneye\s+yat\w*|yatarak\s+tedavi\w*"
    r")(?!\w)"
)
_BIOMETRIC = re.compile(
    r"\b(?:parmak\s+iz\w*|avuc\s+iz\w*|retina\w*|iris\s+(?:tarama\w*|veri\w*)|"
    r"yuz\s+tanima\w*|biyometri\w*|biyometrik\w*|ses\s+kayd\w*\s+ile\s+dogrulama|"
    r"dna\w*|genetik\w*)(?!\w)"
)
_CRIMINAL = re.compile(
    r"\b(?:adli\s+sicil\w*|sabika\w*|mahkumiyet\w*|hukumlu\w*|ceza\s+mahkumiyet\w*|"
    r"guvenlik\s+tedbir\w*|criminal\s+record\w*)(?!\w)"
)
_UNION = re.compile(
    r"\b(?:sendika\s+uye\w*|sendikaya\s+uye\w*|sendikali|uye\s+oldugu\s+sendika\w*|"
    r"dernek\s+uyeli\w*|vakif\s+uyeli\w*)(?!\w)"
)
_POLITICAL = re.compile(
    r"\b(?:parti\s+uye\w*|partisi\s+uye\w*|siyasi\s+(?:gorus\w*|dusunce\w*|egilim\w*)|"
    r"siyasi\s+parti\s+uyeli\w*)(?!\w)"
)
_ETHNICITY = re.compile(r"\b(?:etnik\s+koken\w*|irk\w*\s*:|irki\b|etnik\s+kimli\w*)")
_SEXUAL = re.compile(r"\b(?:cinsel\s+(?:yonelim\w*|hayat\w*|tercih\w*)|cinsel\s+saglik\w*)(?!\w)")

_KEYWORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_RELIGION_WORDS, "religion"),
    (_BLOOD_RH, "blood_group"),
    (_HEALTH, "health"),
    (_BIOMETRIC, "biometric"),
    (_CRIMINAL, "criminal"),
    (_UNION, "union_or_association"),
    (_POLITICAL, "political"),
    (_ETHNICITY, "ethnicity"),
    (_SEXUAL, "sexual_life"),
)
_RELIGION_VALUE = re.compile(rf"^(?:{_RELIGION_VALUES}|-|yok)\b")
#: what each scan's matches start with (``regex_heads``): a page naming none of a category's
#: words is not scanned for it (most pages name none: 0.45 -> 0.1 ms a digital invoice page)
_RELIGION_HEADS = heads(_RELIGION_LABELLED)
_BLOOD_HEADS = heads(_BLOOD_LABELLED)
_KEYWORD_HEADS = tuple((pattern, category, heads(pattern)) for pattern, category in _KEYWORDS)


@dataclass(frozen=True)
class SpecialSpan:
    start: int
    end: int
    category: str


def find_special_categories(text: str) -> list[SpecialSpan]:
    """Special-category spans in ``text``, sorted; overlapping duplicates removed."""
    folded = fold_chars(text)
    spans: set[SpecialSpan] = set()
    for m in _RELIGION_LABELLED.finditer(folded) if may_match(_RELIGION_HEADS, folded) else ():
        value = m.group("value").strip()
        if _RELIGION_VALUE.match(value):
            start = m.start("value") + (len(m.group("value")) - len(m.group("value").lstrip()))
            spans.add(SpecialSpan(start, start + len(value), "religion"))
    for m in _BLOOD_LABELLED.finditer(folded) if may_match(_BLOOD_HEADS, folded) else ():
        spans.add(SpecialSpan(m.start("value"), m.end("value"), "blood_group"))
    for pattern, category, found in _KEYWORD_HEADS:
        if not may_match(found, folded):
            continue
        for m in pattern.finditer(folded):
            spans.add(SpecialSpan(m.start(), m.end(), category))
    return _without_contained(sorted(spans, key=lambda s: (s.start, -s.end)))


#: categories whose value is the words around the cue ("Tip 2 diyabet tanısı",
#: "Tanı: Hashimoto tiroiditi"): the whole sentence (or form line) goes
SENTENCE_CATEGORIES = frozenset(
    ("health", "criminal", "sexual_life", "political", "ethnicity", "biometric",
     "union_or_association")
)  # fmt: skip
MAX_SENTENCE = 400  # characters either side of the cue a sentence may reach
# . ! ? ; after a word (not "30." or "T.C."), or a blank line
_SENTENCE_END = re.compile(r"(?<=[^\W\d]{2})[.!?;](?=\s|$)|\n[ \t]*\n")


def special_spans(text: str, *, lines: bool = False) -> list[SpecialSpan]:
    """``find_special_categories`` with each cue of ``SENTENCE_CATEGORIES`` widened to
    its sentence, so that the diagnosis around "tanı" goes with it: the cue's line, and
    the lines before and after it that a wrapped sentence continues on (one starting in
    lower case), cut at the sentence's ends. With ``lines`` (an invoice's table rows):
    the cue's line."""
    out: list[SpecialSpan] = []
    for span in find_special_categories(text):
        if span.category not in SENTENCE_CATEGORIES:
            out.append(span)
            continue
        start, end = _line_start(text, span.start), _line_end(text, span.end)
        if not lines:
            while start > 0 and span.start - start < MAX_SENTENCE and _continues(text, start):
                start = _line_start(text, start - 1)
            while end < len(text) and end - span.end < MAX_SENTENCE and _continues(text, end + 1):
                end = _line_end(text, end + 1)
            ends = list(_SENTENCE_END.finditer(text, start, span.start))
            if ends:
                start = ends[-1].end()
            after = _SENTENCE_END.search(text, span.end, end)
            if after is not None:
                end = after.end()
        while start < span.start and text[start].isspace():
            start += 1
        out.append(SpecialSpan(start, max(end, span.end), span.category))
    return _merged(out)


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _continues(text: str, line_start: int) -> bool:
    """Whether the line starting at ``line_start`` goes on with the previous one's sentence."""
    head = text[line_start : line_start + 40].lstrip(" \t")
    return bool(head) and head[0].islower()


def _merged(spans: list[SpecialSpan]) -> list[SpecialSpan]:
    """Overlapping spans as one (the first one's category)."""
    merged: list[SpecialSpan] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = SpecialSpan(last.start, max(last.end, s.end), last.category)
        else:
            merged.append(s)
    return merged


def _without_contained(spans: list[SpecialSpan]) -> list[SpecialSpan]:
    kept: list[SpecialSpan] = []
    for s in spans:
        if kept and kept[-1].category == s.category and s.end <= kept[-1].end:
            continue
        kept.append(s)
    return kept
