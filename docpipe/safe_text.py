"""Text from outside (file names, reasons) made safe for where it is shown.

Input: any string (a file name can hold every byte but ``/`` and NUL). Output:
the same string made harmless for one destination:

- ``terminal_safe``: control characters (C0, DEL, C1: ``ESC[31m``, OSC titles,
  ``\\r`` overprinting, newlines), bidirectional overrides (a name that reads
  backwards, "Trojan Source") and other non-printable characters are shown
  escaped (``\\x1b``, ``\\u202e``); everything else, Turkish letters included,
  is kept. The watch daemon's log lines use it too (``watch.inbox.printable``);
- ``markup_safe``: the same, then Rich markup escaped, so ``[red]`` or ``[1]``
  in a name is printed as written instead of styling (or vanishing from) the line;
- ``csv_safe``: a spreadsheet cell that begins with ``=``, ``+``, ``-``, ``@``, tab
  or carriage return gets a leading ``'`` (OWASP's CSV-injection rule), so
  ``@SUM(1+1)*cmd|calc.pdf`` stays text in Excel and LibreOffice.

Written by hand: the rule is a few lines and no maintained library implements
exactly it (``rich.markup.escape`` is used for the markup part).
"""

from __future__ import annotations

import re
from typing import Any

from rich.markup import escape

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def terminal_safe(text: str) -> str:
    """``text`` with every non-printable character escaped as Python writes it (``\\x1b``,
    ``\\n``, ``\\u202e``): controls, escape sequences, bidi and other format characters."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def markup_safe(text: str) -> str:
    """``terminal_safe`` and then Rich markup escaped: for ``Console.print`` with markup."""
    return escape(terminal_safe(text))


def csv_safe(value: Any) -> Any:
    """A CSV/XLSX cell value that no spreadsheet evaluates as a formula.

    Strings starting with ``= + - @``, tab or CR get a leading ``'``; other values
    (numbers, None) pass unchanged, so a negative amount stays a number.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


#: What stands in for personal data found in a file name shown on screen.
NAME_MASK = "***"


def display_file_name(name: str, *, redact: bool = True) -> str:
    """A stored file name as ``docpipe list`` shows it: personal data masked.

    Scanners and people name files after their subject ("12345678950 Ayşe
    Yılmaz kimlik.jpg"). With ``redact`` on, the name (separators read as
    spaces) goes through the redaction stage's detector, and every TCKN, name,
    IBAN, phone number … it finds is shown as ``***``; the extension stays.
    """
    if not redact or not name or _STORED_NAME.fullmatch(name):
        return name  # a keyed hash plus the extension (docpipe.redact.names): nothing to mask
    from docpipe.redact.analyzer import find_pii  # Presidio: loaded only when used

    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 5 or not stem:
        stem, dot, ext = name, "", ""
    readable = stem.translate(_SEPARATORS)
    spans = sorted((r.start, r.end) for r in find_pii(readable))
    if not spans:
        return name
    shown, last = [], 0
    for start, end in spans:
        if start >= last:
            shown.append(stem[last:start] + NAME_MASK)
            last = end
    return "".join(shown) + stem[last:] + dot + ext


_STORED_NAME = re.compile(r"[0-9a-f]{20}(?:\.[a-z0-9]{1,8})?")
_SEPARATORS = str.maketrans({"_": " ", "-": " ", ".": " ", "+": " "})
