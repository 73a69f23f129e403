"""Special categories in a contract: is there a clause about a person's health or disability?

KVKK Art. 6 data (health, disability) in an employment contract is *recognised*, never
extracted: the record says ``special_categories.health`` / ``.disability`` = true or
false, and nothing else. The heading of a clause that holds such a sentence is not
stored either ("Engelli Çalışan" says as much as the clause), and the flag carries no
evidence text. The stored page text is the redaction stage's business.

Detection reuses ``docpipe.redact.special.find_special_categories``; a sentence counts
when it also names a party (the worker, the employee, …), so "salgın hastalık" in a
force-majeure clause is not a person's health. The detector lives in the redaction
package, whose ``__init__`` loads Presidio: it is imported only when a cheap screen
finds a health word at all.
"""

from __future__ import annotations

import re

from docpipe.extract.rules.clauses import Layout
from docpipe.extract.rules.contract_prose import sentence_of
from docpipe.extract.rules.contract_vocab import ROLE_RE
from docpipe.extract.rules.found import Fields, Found

# the screen: stems that can open a person's health or disability clause (folded)
_SCREEN = re.compile(
    r"engell|ozurlu|malul|saglik\s+(?:rapor|kurulu|durum|sorun)|hastalig|rahatsizl|tedavi|"
    r"kronik|teshis|tanisi|doktor\s+rapor|heyet\s+rapor|istirahat"
)
_DISABILITY = re.compile(r"engel|ozurlu|malul|sakat|calisma\s+gucu")


def special_fields(fields: Fields, layout: Layout) -> set[int]:
    """Set the presence flags; return the indexes of headings that must not be stored."""
    s = layout.stream
    folded = s.folded
    found = {"health": False, "disability": False}
    sentences: list[tuple[int, int]] = []
    if _SCREEN.search(folded):
        from docpipe.redact.special import find_special_categories  # loads Presidio

        for span in find_special_categories(s.text):
            if span.category != "health":
                continue
            a, b = sentence_of(s, span.start)
            if not ROLE_RE.search(folded, a, b):
                continue
            kind = "disability" if _DISABILITY.search(folded, span.start, span.end) else "health"
            found[kind] = True
            sentences.append((a, b))
    for key, value in found.items():
        # a presence flag quotes nothing: no evidence text for it
        fields.set(f"special_categories.{key}", Found(value, ()))
    return _withheld(layout, sentences)


def _withheld(layout: Layout, sentences: list[tuple[int, int]]) -> set[int]:
    """Headings whose clause holds one of ``sentences`` (or that name the category)."""
    if not sentences:
        return set()
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
    out = set()
    for a, _ in sentences:
        k = max((i for i, start in enumerate(starts) if start <= a), default=None)
        if k is not None:
            out.add(k)
    return out
