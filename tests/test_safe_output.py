"""Safe output: terminal text, Rich markup, CSV cells, and file names shown by `list`."""

from __future__ import annotations

import pytest
from rich.console import Console

from docpipe.safe_text import csv_safe, display_file_name, markup_safe, terminal_safe


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("fatura-şğüıöç-İĞÜŞÖÇ.pdf", "fatura-şğüıöç-İĞÜŞÖÇ.pdf"),
        ("\x1b[31mred\x1b[0m.pdf", "\\x1b[31mred\\x1b[0m.pdf"),
        ("\x1b]0;pwned\x07title.pdf", "\\x1b]0;pwned\\x07title.pdf"),
        ("new\nline\r.pdf", "new\\nline\\r.pdf"),
        ("bidi\u202efdp.exe", "bidi\\u202efdp.exe"),
        ("c1\x9bcontrol", "c1\\x9bcontrol"),
        ("del\x7f", "del\\x7f"),
    ],
)
def test_terminal_safe(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_markup_in_names_is_printed_as_written() -> None:
    console = Console(record=True, width=200, color_system="truecolor")
    console.print(f"[red]✗[/red] {markup_safe('[bold]x[/bold] [1].pdf')}: reason")
    text = console.export_text()
    assert "[bold]x[/bold] [1].pdf" in text
    assert "\x1b" not in console.export_text(styles=False)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("@SUM(1+1)*cmd|calc.pdf", "'@SUM(1+1)*cmd|calc.pdf"),
        ("=HYPERLINK(x)", "'=HYPERLINK(x)"),
        ("+1+1.pdf", "'+1+1.pdf"),
        ("-2+3", "'-2+3"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("fatura.pdf", "fatura.pdf"),
        (-12.5, -12.5),  # a number stays a number
        (None, None),
    ],
)
def test_csv_safe(value: object, cell: object) -> None:
    assert csv_safe(value) == cell


def test_personal_data_in_file_names_is_masked() -> None:
    shown = display_file_name("10000000146_Ayşe_Yılmaz_kimlik.jpg")
    assert "10000000146" not in shown and "Ayşe" not in shown
    assert shown.endswith("kimlik.jpg") and "***" in shown
    assert display_file_name("fatura-2024-001.pdf") == "fatura-2024-001.pdf"
    assert display_file_name("10000000146.pdf", redact=False) == "10000000146.pdf"
