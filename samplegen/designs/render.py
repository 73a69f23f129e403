"""UBL-TR XML → HTML (the design's XSLT) → PDF (headless Chromium), as portals print.

``transform`` runs a stylesheet with lxml (libxslt, XSLT 1.0: the GİB family
declares version 2.0 but uses only 1.0, and integrators' .NET viewers run it the
same way) with every file and network access denied. ``Chromium`` prints HTML to
PDF through Playwright driving Debian's ``chromium`` (the project's browser);
every request other than ``data:`` URLs is aborted, so a design's remote logo
simply does not load. Without Playwright it falls back to ``chromium --headless
--print-to-pdf`` over a temporary file.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

from lxml import etree

# A4 less 8 mm margins each side, in CSS pixels (96 per inch)
PRINT_WIDTH_PX = round((210 - 16) / 25.4 * 96)
_PARSER = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=False)


class RenderError(RuntimeError):
    """A design could not turn an invoice into HTML or PDF."""


def transform(xslt: bytes, xml: bytes) -> str:
    """The HTML that ``xslt`` makes of the UBL document ``xml``."""
    try:
        sheet = etree.XSLT(
            etree.fromstring(xslt, _PARSER), access_control=etree.XSLTAccessControl.DENY_ALL
        )
        result = sheet(etree.fromstring(xml, _PARSER))
    except (etree.XMLSyntaxError, etree.XSLTError) as exc:
        raise RenderError(f"XSLT failed: {type(exc).__name__}: {exc}") from None
    html = str(result)
    if "<" not in html:
        raise RenderError("XSLT produced no HTML")
    return html


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RenderError("no chromium on PATH: apt-get install chromium")
    return path


class Chromium:
    """One headless browser for many documents: ``with Chromium() as c: c.pdf(html)``."""

    def __init__(self) -> None:
        self._pw: Any = None
        self._browser: Any = None
        self._page: Any = None
        # the visible text of each innermost table row of the last page printed (what
        # the browser shows: cells a stylesheet hides by class are not in it); None
        # when printing went through the command line
        self.rows: list[str] | None = None
        # the same rows cell by cell (the visible text of each cell), None likewise
        self.cells: list[list[str]] | None = None

    def __enter__(self) -> Chromium:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:  # the CLI fallback below
            return self
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"]
        )
        self._page = self._browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1100})
        self._page.emulate_media(media="print")
        self._page.route("**/*", _deny_network)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._pw is not None:
            self._pw.stop()

    def pdf(self, html: str) -> bytes:
        """``html`` printed on A4 (or the page size its ``@page`` rule asks for)."""
        self.rows = self.cells = None
        if self._page is None:
            return _cli_pdf(html)
        self._page.set_content(html, wait_until="load")
        self.rows = self._page.evaluate(_VISIBLE_ROWS)
        self.cells = self._page.evaluate(_VISIBLE_CELLS)
        # a design laid out wider than the paper is shrunk to fit, as "fit to page
        # width" printing does (Chromium would otherwise cut off its right edge)
        width = self._page.evaluate("document.documentElement.scrollWidth")
        scale = min(1.0, PRINT_WIDTH_PX / max(1, width))
        data: bytes = self._page.pdf(
            format="A4",
            scale=round(max(scale, 0.5), 3),
            print_background=True,
            prefer_css_page_size=True,
            margin={"top": "8mm", "bottom": "8mm", "left": "8mm", "right": "8mm"},
        )
        return data


_VISIBLE_ROWS = """Array.from(document.querySelectorAll('tr'))
    .filter(tr => !tr.querySelector('tr'))
    .map(tr => tr.innerText.replace(/\\s+/g, ' ').trim())"""

_VISIBLE_CELLS = """Array.from(document.querySelectorAll('tr'))
    .filter(tr => !tr.querySelector('tr'))
    .map(tr => Array.from(tr.children).map(td => td.innerText.replace(/\\s+/g, ' ').trim()))"""


def _deny_network(route: Any) -> None:
    if route.request.url.startswith(("data:", "about:")):
        route.continue_()
    else:
        route.abort()


def _cli_pdf(html: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.html", Path(tmp) / "out.pdf"
        src.write_text(html, encoding="utf-8")
        done = subprocess.run(
            [
                chromium_path(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-pdf-header-footer", "--blink-settings=imagesEnabled=true",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                f"--print-to-pdf={out}", src.as_uri(),
            ],
            capture_output=True, timeout=120, check=False,
        )  # fmt: skip
        if done.returncode != 0 or not out.is_file():
            raise RenderError(f"chromium --print-to-pdf failed ({done.returncode})")
        return out.read_bytes()
