"""The openai engine end to end against a real ``transformers serve`` on loopback.

The server serves tiny models from local directories (requests name the model
by its path): a random LLaVA, which answers garbage because ``transformers
serve`` does not honour ``response_format``, and the same architecture taught
to answer ``{"currency": "TRY"}``. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.schemas import Invoice
from docpipe.store import Store
from tests.conftest import SAMPLES, unsealed
from tests.tinymodels import model_dir

pytest.importorskip("torch")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("openai")  # transformers serve builds its replies with the openai types

pytestmark = pytest.mark.vlm

TINY_ENV = {
    "DOCPIPE_VLM_MAX_STRING_CHARS": "12",
    "DOCPIPE_VLM_MAX_LIST_ITEMS": "2",
    "DOCPIPE_VLM_MAX_NEW_TOKENS": "48",
    "DOCPIPE_VLM_MAX_TEXT_CHARS": "600",
    "DOCPIPE_VLM_MAX_PIXELS": str(64 * 64),
    "DOCPIPE_VLM_FIX_ATTEMPTS": "1",
    "DOCPIPE_VLM_RETRIES": "1",
    "DOCPIPE_VLM_TIMEOUT_S": "120",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> str:
    command = shutil.which("transformers", path=str(Path(sys.executable).parent)) or shutil.which(
        "transformers"
    )
    if command is None:
        pytest.skip("the transformers command is not installed")
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    args = [command, "serve", "--host", "127.0.0.1", "--port", str(port), "--device", "cpu"]
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if process.poll() is not None:
                pytest.fail("transformers serve exited at start")
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.25)
        else:
            pytest.fail("transformers serve did not start within 150 s")
        yield f"{url}/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _invoices(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("earsiv_01.pdf", "kagit_01.pdf"):
        shutil.copy(SAMPLES / "invoices" / name, folder / name)
    return folder


def _run(args: list[str], **env: str):
    return CliRunner().invoke(app, args, env={**TINY_ENV, **env}, catch_exceptions=False)


def test_run_with_the_openai_engine_stores_records_that_validate(
    server: str, tmp_path_factory, tmp_path
) -> None:
    model = model_dir(tmp_path_factory, "llava_json")
    db = f"sqlite:///{tmp_path / 'docpipe.db'}"
    result = _run(
        [
            "run",
            str(_invoices(tmp_path)),
            "--engine",
            "openai",
            "--base-url",
            server,
            "--model",
            str(model),
            "--db",
            db,
            "--json",
        ],
        # the model was taught on prompts without page text
        DOCPIPE_VLM_TEXT_CONTEXT="false",
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 2, result.output
    assert all(r["status"] in ("ok", "needs_review") and r["engine"] == "openai" for r in lines)
    with Store(db) as store:
        for view in store.list_documents():
            stored = store.get_document(view.id).extraction
            record = Invoice.model_validate(unsealed(stored.record, store.vault_fields(view.id)))
            assert record.currency == "TRY"  # the model's answer went through
            assert stored.evidence["currency"]["engine"] == "openai"


def test_a_server_answering_garbage_fails_each_document_with_one_line(
    server: str, tmp_path_factory, tmp_path
) -> None:
    model = model_dir(tmp_path_factory, "llava")  # random: writes no JSON
    result = _run(
        [
            "run",
            str(_invoices(tmp_path)),
            "--engine",
            "openai",
            "--base-url",
            server,
            "--model",
            str(model),
            "--no-store",
        ]
    )
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("✗")]
    assert len(failures) == 2, result.stderr  # the batch went on
    assert all("not a JSON object for the Invoice schema" in line for line in failures)


def test_an_unreachable_server_is_one_clear_line_per_document(tmp_path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    result = _run(
        [
            "run",
            str(_invoices(tmp_path)),
            "--engine",
            "openai",
            "--base-url",
            url,
            "--model",
            "qwen",
            "--no-store",
        ]
    )
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("✗")]
    assert len(failures) == 2
    assert all(f"the model server at {url} cannot be reached" in line for line in failures)
