"""What every match of a regex starts with: a cheap test that rules a text out before the
regex scans it.

Python's regex engine skips ahead to a literal prefix (or a set of first characters)
only when the pattern opens with it; a pattern opening with ``\\b``, a lookbehind or a
group of alternatives (``\\b(?:hastalik|tedavi|…)``) is tried at every position of the
text. ``heads(pattern)`` reads the pattern's parse tree for the texts a match must start
with, after any zero-width assertion: ``{"fatura "}`` for ``\\bfatura (no|tarihi)``,
``{"hastalik", "tedavi", …}`` for the alternation, or None when it cannot tell (a case-
insensitive pattern, a class or a repeat first). ``may_match`` is then one ``str.find``
per head, microseconds where the scan costs tens.

A speed-up only: a text holding none of the heads has no match, so skipping the scan
gives the same matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: alternatives at most this many heads are tested one by one; more scan anyway
MAX_HEADS = 200


def heads(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Non-empty texts one of which every match of ``pattern`` starts with, or None."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:  # the regex module's own parser (private: a Python that moves it gets None)
        from re import _parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (ImportError, AttributeError, re.error):
        return None
    found = _heads(list(parsed))
    if not found or "" in found or len(found) > MAX_HEADS:
        return None
    # a head holding another is found whenever that one is: test the shorter only
    return frozenset(h for h in found if not any(o != h and o in h for o in found))


def may_match(found: frozenset[str] | None, text: str) -> bool:
    """Whether ``text`` can hold a match of the pattern ``found`` came from (``heads``)."""
    return found is None or any(head in text for head in found)


def _heads(items: Iterable[tuple[object, object]]) -> set[str] | None:
    from re import _constants as c

    prefix: list[str] = []
    for op, value in items:
        if op is c.LITERAL:
            prefix.append(chr(value))  # type: ignore[arg-type]
            continue
        if prefix:  # a literal run, then anything: the run is the head
            return {"".join(prefix)}
        if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the match starts with what follows
        if op is c.SUBPATTERN:
            _, add_flags, _, body = value  # type: ignore[misc]
            if add_flags & re.IGNORECASE:  # "(?i:mah)": its literals match either case
                return None
            return _heads(list(body))
        if op is c.BRANCH:
            _, alternatives = value  # type: ignore[misc]
            out: set[str] = set()
            for alternative in alternatives:
                found = _heads(list(alternative))
                if not found:
                    return None
                out |= found
            return out
        return None
    return {"".join(prefix)} if prefix else None
