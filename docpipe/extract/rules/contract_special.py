"""Special categories in a contract: is there a clause about a person's health or disability,
a religion or a blood group printed for a party?

KVKK Art. 6 data (health, disability, religion, blood group) in an employment contract is
*recognised*, never extracted: the record says ``special_categories.health`` /
``.disability`` / ``.religion`` / ``.blood_group`` = true or false, and nothing else. A
religion counts as a labelled value ("Dini: İslam", copied from an old identity card) or
a faith named in a sentence about a party; a blood group as any "A Rh+"-shaped value.
The heading of a clause that holds such a sentence is not stored either ("Engelli
Çalışan" says as much as the clause), and the flag's evidence points at that clause's
number ("MADDE 6"), never at its words. The stored page text is the redaction stage's
business.

Detection reuses ``docpipe.redact.special.find_special_categories``; a sentence counts
when it also names a party (the worker, the employee, …), so "salgın hastalık" in a
force-majeure clause is not a person's health. The detector lives in the redaction
package, whose ``__init__`` loads Presidio: it is imported only when a cheap screen
finds a health word at all.
"""

from __future__ import annotations

import re

from docpipe.extract.rules.clauses import ClauseHeading, Layout
from docpipe.extract.rules.contract_prose import sentence_of
from docpipe.extract.rules.contract_vocab import ROLE_RE
from docpipe.extract.rules.found import Fields, Found
from docpipe.text.layout import Run
from docpipe.text.turkish import fold

# the screen: stems that can open a person's health or disability clause, a religion or
# a blood group (folded)
_SCREEN = re.compile(
    r"engell|ozurlu|malul|saglik\s+(?:rapor|kurulu|durum|sorun)|hastalig|rahatsizl|tedavi|"
    r"kronik|teshis|tanisi|doktor\s+rapor|heyet\s+rapor|istirahat|"
    r"\bdini?\b|mezheb|musluman|hristiyan|musevi|kan\s+gr|\brh\b|\drh|\brh\s?[(+-]"
)
CATEGORIES = ("health", "disability", "religion", "blood_group")
# a religion's label just before its value: "Dini: İslam", "Din / Mezhep : …"
_RELIGION_LABEL = re.compile(r"\b(?:dini|din|mezhebi|mezhep)\s*(?:/\s*\w+\s*)?:?\s*$")
_DISABILITY = re.compile(r"engel|ozurlu|malul|sakat|calisma\s+gucu")


def special_fields(fields: Fields, layout: Layout) -> set[int]:
    """Set the presence flags; return the indexes of headings that must not be stored."""
    s = layout.stream
    folded = s.folded
    found = dict.fromkeys(CATEGORIES, False)
    sentences: list[tuple[int, str]] = []
    if _SCREEN.search(folded):
        from docpipe.redact.special import find_special_categories  # loads Presidio

        for span in find_special_categories(s.text):
            if span.category not in ("health", "religion", "blood_group"):
                continue
            a, b = sentence_of(s, span.start)
            labelled = span.category == "blood_group" or (
                span.category == "religion"
                and _RELIGION_LABEL.search(folded, max(0, span.start - 20), span.start)
            )
            if not labelled and not ROLE_RE.search(folded, a, b):
                continue
            kind = span.category
            if kind == "health" and _DISABILITY.search(folded, span.start, span.end):
                kind = "disability"
            found[kind] = True
            sentences.append((a, kind))
    withheld = _withheld(layout, sentences)
    # the evidence of a flag quotes nothing special: the number of the clause that holds it
    # ("MADDE 6"), else the first body line (the title)
    first = layout.lines[0] if layout.lines else None
    where = {
        kind: next((number_run(layout.headings[k]) for k in sorted(withheld[kind])), None)
        for kind in found
    }
    for key, value in found.items():
        runs = (where[key],) if where[key] is not None else ((first,) if first else ())
        fields.set(f"special_categories.{key}", Found(value, runs))
    return set().union(*withheld.values())


def number_run(heading: ClauseHeading) -> Run:
    """The words of a heading line that give its number ("MADDE 6", "ALTINCI MADDE")."""
    named = set(fold(heading.heading or "").split())
    words = tuple(w for w in heading.line.words if fold(w.text).strip(" -–—:.") not in named)
    return Run(heading.line.page, words or heading.line.words[:1])


def _withheld(layout: Layout, sentences: list[tuple[int, str]]) -> dict[str, set[int]]:
    """Per category, the headings whose clause holds one of ``sentences``."""
    out: dict[str, set[int]] = {kind: set() for kind in CATEGORIES}
    if not sentences:
        return out
    s = layout.stream
    starts = []  # stream offset where each clause's body begins
    index = {id(ln): i for i, ln in enumerate(layout.lines)}
    for h in layout.headings:
        line_no = index[id(h.line)]
        pos = next(
            (
                p
                for p in sorted(s.line_starts)
                if s.owners[p] is not None and layout.line_index(s.owners[p][1]) > line_no
            ),
            len(s.text),
        )
        starts.append(pos)
    for a, kind in sentences:
        k = max((i for i, start in enumerate(starts) if start <= a), default=None)
        if k is not None:
            out[kind].add(k)
    return out
