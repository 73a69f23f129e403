"""Contract guarantors (kefil): read, like a party in prose, from the sentence or the
"KEFİL:" line that names one ("… müteselsil kefil olarak sorumludur", "Müşterek borçlu ve
müteselsil kefil: …", "… TL'ye kadar … müteselsil kefildir", a block of label lines under a
"MÜTESELSİL KEFİL" heading)."""

from __future__ import annotations

import re

from docpipe.extract.rules.clauses import Stream
from docpipe.extract.rules.contract_prose import read_piece, sentence_of
from docpipe.extract.rules.contract_vocab import TCKN_RE
from docpipe.extract.rules.found import Fields

# "kefil", "müteselsil kefil", "kefiller", in the first person "müteselsilen kefilim", and
# as a predicate: "… müteselsil kefildir"
_KEFIL = re.compile(r"\b(?:muteselsil(?:en)?\s+)?kefil(?:ler|im|iz)?(?:dir|dirler)?\b")


def guarantors(fields: Fields, s: Stream) -> None:
    """guarantors.N.name/tckn/passport_no/address from the sentences that name a kefil."""
    text, folded = s.text, s.folded
    seen: set[tuple[int, int]] = set()
    k = 0
    for m in _KEFIL.finditer(folded):
        a, b = _kefil_window(s, m.start())
        if (a, b) in seen or (not TCKN_RE.search(text, a, b) and "pasaport" not in folded[a:b]):
            continue
        seen.add((a, b))
        person = read_piece(s, a, b, near_end=False)
        if "name" not in person.spans:
            continue
        for key in ("name", "tckn", "passport_no", "address"):
            if key in person.spans:
                value, x, y = person.spans[key]
                fields.set(f"guarantors.{k}.{key}", s.found(value, x, y))
        k += 1
        if k >= 5:
            return


def _kefil_window(s: Stream, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``; a "KEFİL:" line runs to its paragraph's end."""
    para_end = s.text.find("\n", pos)
    para_end = len(s.text) if para_end < 0 else para_end
    if re.match(r"kefil\w*\s*:", s.folded[pos : pos + 12]):
        return s.folded.index(":", pos) + 1, para_end
    return sentence_of(s, pos)
