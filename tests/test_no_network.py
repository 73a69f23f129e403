"""Finding personal data never touches the network (KVKK issue: "no network call").

Every way out is closed at the socket level (connect, connect_ex,
create_connection, getaddrinfo): each attempt is recorded and refused. The
analyzer is rebuilt under the guard, then it reads real document text: the
labelled test set, the samples' text as docpipe reads it, and an invoice PDF's
text layer, including the e-mail addresses and URLs that would make Presidio's
own recognizers fetch the public-suffix list through tldextract.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pymupdf
import pytest

from docpipe.redact import analyzer as analyzer_module
from docpipe.redact.analyzer import find_pii

ROOT = Path(__file__).resolve().parent.parent
TESTSET = ROOT / "benchmarks" / "pii_testset"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., None]:
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(name)  # the call only, never its arguments (hosts, data)
            raise OSError(f"network access attempted: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    analyzer_module.analyzer.cache_clear()  # build the analyzer under the guard too
    yield attempts
    analyzer_module.analyzer.cache_clear()


def _documents(name: str) -> list[str]:
    """The texts of one test-set file, markup stripped (see benchmarks/pii_quality.py)."""
    text = (TESTSET / name).read_text(encoding="utf-8")
    docs = text.split("\n### ")[1:]
    return [d.split("\n", 1)[1].replace("[[", "").replace("]]", "") for d in docs]


def test_the_guard_itself_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network == ["create_connection"]


def test_analysing_documents_makes_no_network_call(no_network: list[str]) -> None:
    texts = _documents("dev.txt") + _documents("samples.txt")
    with pymupdf.open(ROOT / "samples" / "invoices" / "earsiv_01.pdf") as pdf:
        texts.append("\n".join(page.get_text() for page in pdf))
    texts.append("Web: https://www.ornek.com.tr/iletisim e-posta bilgi@ornek.com.tr, www.ornek.net")
    found = set()
    for text in texts:
        found.update(r.entity_type for r in find_pii(text))
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON", "TR_ADDRESS", "IBAN_CODE"} <= found
    assert no_network == []


def test_no_recognizer_that_fetches_is_registered(no_network: list[str]) -> None:
    names = {type(r).__name__ for r in analyzer_module.analyzer().registry.recognizers}
    assert not names & {"EmailRecognizer", "UrlRecognizer"}
    # and tldextract, should a recognizer reach it, stays on its bundled list
    import tldextract

    assert tldextract.extract("bilgi.ornek.com.tr").suffix == "com.tr"
    assert no_network == []


def test_the_guard_sees_a_suffix_list_download(no_network: list[str], tmp_path: Path) -> None:
    """What the tests above rule out: tldextract left at its defaults tries to download."""
    import tldextract

    fetching = tldextract.TLDExtract(cache_dir=str(tmp_path))  # the default URLs
    assert fetching("bilgi.ornek.com.tr").suffix == "com.tr"  # falls back to its snapshot
    assert no_network  # … but only after trying the network
