"""Shared fixtures: settings on a temporary database, small real files."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from docpipe.settings import Settings, load_settings
from tests.hostile import text_pdf_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT))  # samplegen/ is a development package, not installed


SLOW_ENV = "DOCPIPE_RUN_SLOW"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runslow",
        action="store_true",
        default=False,
        help=f"run the tests marked slow (same as {SLOW_ENV}=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--runslow"):
        os.environ[SLOW_ENV] = "1"  # tests that scale their sample set read it too


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow") or os.environ.get(SLOW_ENV):
        return
    skip = pytest.mark.skip(reason=f"slow: run with --runslow or {SLOW_ENV}=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# -- fresh random seeds: every run draws new ones, a failure says how to replay it ----------

SEED_ENV = "DOCPIPE_TEST_SEED"
# the seed a test module's random cases are drawn from, kept on the module itself: pytest
# loads this file as ``conftest`` while the tests import it as ``tests.conftest``, two module
# objects, so a registry here was empty where the report hook read it and no seed was printed
_SEED_ATTR = "_docpipe_fresh_seed"


def fresh_seed(module: str, low: int = 10**6, high: int = 10**9) -> int:
    """A seed drawn fresh on every run for the test module ``module`` (pass ``__name__``),
    or the one in ``DOCPIPE_TEST_SEED`` to replay a failure. Every failing test of the
    module prints it (a "fresh seed" section, ``pytest_runtest_makereport`` below) and
    carries it in its ``user_properties`` (a ``--junitxml`` property in CI)."""
    replay = os.environ.get(SEED_ENV)
    seed = int(replay) if replay else random.SystemRandom().randrange(low, high)
    if module in sys.modules:
        setattr(sys.modules[module], _SEED_ATTR, seed)
    return seed


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    module = getattr(item, "module", None)
    seed = getattr(module, _SEED_ATTR, None)
    if seed is not None and call.when == "setup":
        item.user_properties.append((SEED_ENV, seed))
    outcome = yield
    report = outcome.get_result()
    if seed is not None and report.failed:
        replay = f"{SEED_ENV}={seed} pytest '{item.nodeid}'"
        report.sections.append(("fresh seed", f"drawn for this run; replay: {replay}"))


@pytest.fixture(autouse=True)
def vault_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh vault key per test (storing results needs one: KVKK redaction seals
    originals); subprocesses inherit it through the environment."""
    from docpipe.redact.vault import KEY_ENV, new_key

    key = new_key()
    monkeypatch.setenv(KEY_ENV, key)
    return key


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(database_url=f"sqlite:///{tmp_path / 'docpipe.db'}")


def text_pdf(lines: list[str], path: Path, *, password: str | None = None) -> Path:
    """A one-page PDF with a real text layer in a font with Turkish glyphs."""
    path.write_bytes(text_pdf_bytes(lines, password=password))
    return path


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    """One file of each kind of bad input a back office receives."""
    folder = tmp_path / "bad"
    folder.mkdir()
    files = {
        "empty": folder / "empty.pdf",
        "corrupt": folder / "corrupt.pdf",
        "encrypted": folder / "encrypted.pdf",
        "text_named_pdf": folder / "notes.pdf",
    }
    files["empty"].write_bytes(b"")
    files["corrupt"].write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + b"\x00garbage" * 20)
    text_pdf(["Fatura No: ABC2024000000001"], files["encrypted"], password="gizli")
    files["text_named_pdf"].write_text("Bu bir metin dosyasıdır, PDF değil.\n", encoding="utf-8")
    return files


def unsealed(record: dict, sealed: list[str]) -> dict:
    """``record`` without the fields the redaction sealed in the vault (dotted paths, list
    indexes as numbers): what is left must still validate against the schema, while a
    masked TCKN (``71*******44``) by design no longer passes its checksum."""
    import copy

    out = copy.deepcopy(record)
    for path in sealed:
        *parents, last = path.split(".")
        node: object = out
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node.get(part)  # type: ignore[union-attr]
            if node is None:
                break
        if isinstance(node, dict):
            node.pop(last, None)
    return out


def stored_by_name(db_url: str) -> dict[str, object]:
    """Stored documents by their file name as given. Names are a keyed hash at rest; the
    vault key (set for every test) opens them, as ``docpipe reveal`` does."""
    from docpipe.kvkk import store_key
    from docpipe.store import Store

    with Store(db_url) as store:
        store_key(store, load_settings(database_url=db_url))
        views = store.list_documents(limit=10_000)
        return {(store.original_names(v.id) or ("", ""))[0]: v for v in views}


def stored_by_path(db_url: str) -> dict[str, object]:
    """Stored documents by their source path as given (sealed at rest, like names)."""
    from docpipe.kvkk import store_key
    from docpipe.store import Store

    with Store(db_url) as store:
        store_key(store, load_settings(database_url=db_url))
        views = store.list_documents(limit=10_000)
        return {(store.original_names(v.id) or ("", ""))[1]: v for v in views}
