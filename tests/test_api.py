"""The HTTP API (``docpipe serve``) against a real SQLite store and the real pipeline.

One app per module: its upload queue runs the batch pool's worker processes (loading
them costs seconds), and each test works on its own uploaded sample.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from fastapi.testclient import TestClient

from docpipe.api import create_app
from docpipe.cli import main
from docpipe.errors import ConfigError
from docpipe.redact.vault import new_key
from docpipe.settings import Settings, load_settings
from tests.conftest import ROOT, SAMPLES

TOKENS = {
    "reader": "reader-token-0123456789",
    "reviewer": "reviewer-token-0123456789",
    "privacy_officer": "officer-token-0123456789",
}
ADMIN = "admin-token-0123456789"


def auth(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}"}


def api_settings(folder: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": f"sqlite:///{folder / 'docpipe.db'}",
        "vault_key": new_key(),
        "api_token": ADMIN,
        "api_tokens": [
            {"name": role.replace("_", "-"), "role": role, "token": token}
            for role, token in TOKENS.items()
        ],
        "api_upload_dir": str(folder / "uploads"),
        "api_sync_wait_s": 300,
        "jobs": 1,
    }
    return load_settings(**{**values, **overrides})


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("api")
    with TestClient(create_app(api_settings(folder))) as test_client:
        yield test_client


def upload(client: TestClient, sample: Path, *, wait: float | None = None) -> httpx.Response:
    params = {} if wait is None else {"wait": wait}
    with sample.open("rb") as handle:
        return client.post(
            "/v1/documents",
            files={"file": (sample.name, handle, "application/octet-stream")},
            params=params,
            headers=auth("reviewer"),
        )


def stored(client: TestClient, sample: Path) -> int:
    answer = upload(client, sample)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["state"] == "done" and body["document_id"], body
    return int(body["document_id"])


def audit(client: TestClient, document_id: int) -> list[dict[str, Any]]:
    answer = client.get(f"/v1/documents/{document_id}/audit", headers=auth("reader"))
    assert answer.status_code == 200
    return answer.json()


# -- the flow ----------------------------------------------------------------------------


def test_upload_get_approve(client: TestClient) -> None:
    document_id = stored(client, SAMPLES / "invoices" / "efatura_01.pdf")
    doc = client.get(f"/v1/documents/{document_id}", headers=auth("reader")).json()
    assert doc["status"] in ("ok", "needs_review") and doc["doc_type"] == "invoice"
    paths = {f["path"]: f for f in doc["fields"]}
    assert paths["invoice_number"]["evidence"]["page"] == 1
    assert len(paths["invoice_number"]["evidence"]["bbox"]) == 4

    approved = client.post(f"/v1/documents/{document_id}/approve", headers=auth("reviewer"))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["reviewed_by"] == "api:reviewer"
    again = client.post(f"/v1/documents/{document_id}/approve", headers=auth("reviewer"))
    assert again.status_code == 409
    listed = client.get("/v1/documents", params={"status": "approved"}, headers=auth("reader"))
    assert document_id in [d["id"] for d in listed.json()["items"]]
    [entry] = [e for e in audit(client, document_id) if e["action"] == "approve"]
    assert entry["actor"] == "api:reviewer" and entry["details"]["from"] == doc["status"]


def test_a_second_upload_of_the_same_file_is_the_same_document(client: TestClient) -> None:
    first = stored(client, SAMPLES / "invoices" / "efatura_02.pdf")
    again = upload(client, SAMPLES / "invoices" / "efatura_02.pdf").json()
    assert (again["outcome"], again["document_id"]) == ("duplicate", first)


def test_a_slow_upload_answers_202_and_can_be_polled(client: TestClient) -> None:
    answer = upload(client, SAMPLES / "xml" / "earsiv_03.xml", wait=0)
    assert answer.status_code == 202
    body = answer.json()
    assert body["state"] in ("queued", "processing") and body["document_id"] is None
    assert answer.headers["location"] == f"/v1/uploads/{body['id']}"
    deadline = time.monotonic() + 300  # a bound, not a timing assumption
    while body["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        body = client.get(body["location"], headers=auth("reader")).json()
    assert body["state"] == "done" and body["document"]["doc_type"] == "invoice"


def test_roles(client: TestClient) -> None:
    document_id = stored(client, SAMPLES / "invoices" / "efatura_03.pdf")
    url = f"/v1/documents/{document_id}"
    assert client.get(url).status_code == 401
    assert (
        client.get(url, headers={"Authorization": "Bearer wrong-token-000000"}).status_code == 401
    )
    assert client.get(url, headers=auth("reader")).status_code == 200
    assert client.post(f"{url}/approve", headers=auth("reader")).status_code == 403
    assert client.patch(f"{url}/fields", json={"fields": {"currency": "TRY"}},
                        headers=auth("reader")).status_code == 403  # fmt: skip
    with (SAMPLES / "xml" / "earsiv_04.xml").open("rb") as handle:
        refused = client.post("/v1/documents", files={"file": ("x.xml", handle)},
                              headers=auth("reader"))  # fmt: skip
    assert refused.status_code == 403
    reveal = {"field": "seller.name", "reason": "checking the seller"}
    assert client.post(f"{url}/reveal", json=reveal, headers=auth("reviewer")).status_code == 403
    page = client.get(f"{url}/pages/1.png", params={"unredacted": "true"}, headers=auth("reviewer"))
    assert page.status_code == 403
    assert client.get(url, headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200


def test_corrections_revalidate_at_once_and_are_audited(client: TestClient) -> None:
    document_id = stored(client, SAMPLES / "invoices" / "earsiv_01.pdf")
    url = f"/v1/documents/{document_id}"
    doc = client.get(url, headers=auth("reader")).json()
    assert doc["status"] == "ok", doc["reasons"]
    right_total = next(f["value"] for f in doc["fields"] if f["path"] == "payable_amount")

    planted = client.patch(f"{url}/fields", json={"fields": {"payable_amount": "1.00"}},
                           headers=auth("reviewer")).json()  # fmt: skip
    assert planted["changed"] == ["payable_amount"]
    assert planted["document"]["status"] == "needs_review"
    failed = [c for c in planted["checks"] if not c["passed"]]
    assert failed and all(c["reason"] and "1.00" not in c["reason"] for c in failed)
    queue = client.get("/v1/review/queue", headers=auth("reader")).json()
    assert document_id in [q["id"] for q in queue]

    fixed = client.patch(f"{url}/fields", json={"fields": {"payable_amount": right_total}},
                         headers=auth("reviewer")).json()  # fmt: skip
    assert fixed["document"]["status"] == "ok"
    assert all(c["passed"] for c in fixed["checks"])
    field = next(f for f in fixed["document"]["fields"] if f["path"] == "payable_amount")
    assert field["corrected"] and field["state"] == "ok"

    corrections = [e for e in audit(client, document_id) if e["action"] == "correct"]
    assert [e["details"]["fields"][0]["new"] for e in reversed(corrections)] == [
        "1.00",
        right_total,
    ]
    assert all(e["actor"] == "api:reviewer" for e in corrections)


def test_a_personal_correction_is_sealed_and_audited_as_a_vault_ref(client: TestClient) -> None:
    document_id = stored(client, SAMPLES / "invoices" / "earsiv_05.pdf")
    url = f"/v1/documents/{document_id}"
    name = "Zeynep Kaçar Örnekoğlu"
    # a reviewer sees the field masked and may not change it: refused, nothing audited
    for path in ("buyer.name", "buyer.tckn"):
        refused = client.patch(f"{url}/fields", json={"fields": {path: name}},
                               headers=auth("reviewer"))  # fmt: skip
        assert refused.status_code == 403, refused.text
        assert refused.json()["detail"] == (
            f"{path} is a personal field: only a privacy officer may correct it"
        )
    assert [e for e in audit(client, document_id) if e["action"] == "correct"] == []
    # the role that may reveal may correct it: sealed, the audit names the vault entry
    answer = client.patch(f"{url}/fields", json={"fields": {"buyer.name": name}},
                          headers=auth("privacy_officer"))  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert name not in answer.text  # stored (and answered) masked
    [entry] = [e for e in audit(client, document_id) if e["action"] == "correct"]
    change = entry["details"]["fields"][0]
    assert change["personal"] is True and name not in json.dumps(entry, ensure_ascii=False)
    new_ref = change["new"]["vault"]
    revealed = client.post(f"{url}/reveal", json={"field": new_ref, "reason": "audit check"},
                           headers=auth("privacy_officer"))  # fmt: skip
    assert revealed.status_code == 200 and revealed.json()["value"] == name
    assert revealed.headers["cache-control"] == "no-store"
    current = client.post(f"{url}/reveal", json={"field": "buyer.name", "reason": "audit check"},
                          headers=auth("privacy_officer")).json()  # fmt: skip
    assert current["value"] == name
    reveals = [e for e in audit(client, document_id) if e["action"] == "reveal"]
    assert {e["details"]["field"] for e in reveals} == {new_ref, "buyer.name"}
    assert all(e["actor"] == "api:privacy-officer" for e in reveals)


def test_refused_values_and_bad_requests_are_never_echoed(client: TestClient) -> None:
    document_id = stored(client, SAMPLES / "invoices" / "efatura_04.pdf")
    url = f"/v1/documents/{document_id}/fields"
    secret = "1234567890X-Ayşe"
    refused = client.patch(url, json={"fields": {"buyer.tckn": secret}},
                           headers=auth("privacy_officer"))  # fmt: skip
    assert refused.status_code == 422 and secret not in refused.text
    assert "buyer.tckn" in refused.json()["fields"]
    malformed = client.patch(url, json={"fields": {"buyer.name": {"x": secret}}},
                             headers=auth("reviewer"))  # fmt: skip
    assert malformed.status_code == 422 and secret not in malformed.text
    nowhere = client.patch(url, json={"fields": {"no_such_field": secret}},
                           headers=auth("reviewer"))  # fmt: skip
    assert nowhere.status_code == 422 and secret not in nowhere.text
    as_key = client.patch(url, json={"fields": {f"x {secret}": "1"}}, headers=auth("reviewer"))
    assert as_key.status_code == 422 and secret not in as_key.text
    revealed = client.post(
        f"/v1/documents/{document_id}/reveal",
        json={"field": secret, "reason": "looking for it"},
        headers=auth("privacy_officer"),
    )
    assert revealed.status_code == 404 and secret not in revealed.text
    missing = client.get("/v1/documents/2147483647", headers=auth("reader"))
    assert missing.status_code == 404 and missing.json() == {
        "detail": "no document with id 2147483647"
    }


def test_no_personal_value_reaches_a_log_line(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Upload (the worker's log lines come back to this process), read, reveal, a refused
    and an accepted personal correction: every log line at every level, and every error
    body, is free of the buyer's values (from the sample's truth file) and the new name."""
    import logging

    caplog.set_level(logging.DEBUG)
    sample = SAMPLES / "invoices" / "earsiv_03.pdf"
    truth = json.loads(sample.with_suffix(".truth.json").read_text(encoding="utf-8"))
    buyer = {k: v for k, v in truth["fields"].items() if k.startswith("buyer.")}
    assert {"buyer.name", "buyer.tckn"} <= set(buyer)  # a person: the values are personal
    document_id = stored(client, sample)
    url = f"/v1/documents/{document_id}"
    assert client.get(url, headers=auth("reader")).status_code == 200
    revealed = client.post(f"{url}/reveal", json={"field": "buyer.tckn", "reason": "a check"},
                           headers=auth("privacy_officer"))  # fmt: skip
    assert revealed.json()["value"] == buyer["buyer.tckn"]  # the value was there to leak
    new_name = "Gülizar Tekinöz Balcıoğlu"
    refusals = [("buyer.name", "reviewer"), ("buyer.tckn", "privacy_officer")]
    bodies = [
        client.patch(f"{url}/fields", json={"fields": {path: new_name}}, headers=auth(who)).text
        for path, who in refusals
    ]
    fixed = client.patch(f"{url}/fields", json={"fields": {"buyer.name": new_name}},
                         headers=auth("privacy_officer"))  # fmt: skip
    assert fixed.status_code == 200, fixed.text
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "upload" in logged  # the log was captured
    values = {**buyer, "new name": new_name, "surname": buyer["buyer.name"].split()[-1]}
    values |= {f"new name part {i}": part for i, part in enumerate(new_name.split())}
    # failures name the value's label, never the value (test output is a log too)
    assert [label for label, value in values.items() if value in logged] == []
    assert [label for label, value in values.items() if any(value in b for b in bodies)] == []


def test_pages_are_burned_unless_a_privacy_officer_asks(client: TestClient) -> None:
    document_id = stored(client, SAMPLES / "invoices" / "earsiv_02.pdf")
    url = f"/v1/documents/{document_id}/pages/1.png"
    burned = client.get(url, headers=auth("reader"))
    assert burned.status_code == 200 and burned.headers["content-type"] == "image/png"
    assert burned.content.startswith(b"\x89PNG") and float(burned.headers["x-page-scale"]) > 1
    clear = client.get(url, params={"unredacted": "true"}, headers=auth("privacy_officer"))
    assert clear.status_code == 200 and clear.content != burned.content
    assert [e["details"] for e in audit(client, document_id)
            if e["action"] == "view_unredacted_page"] == [{"page": 1}]  # fmt: skip
    assert client.get(f"/v1/documents/{document_id}/pages/9.png",
                      headers=auth("reader")).status_code == 404  # fmt: skip


def test_reject_and_reprocess(client: TestClient) -> None:
    document_id = stored(client, SAMPLES / "invoices" / "kagit_01.pdf")
    url = f"/v1/documents/{document_id}"
    no_reason = client.post(f"{url}/reject", json={"reason": ""}, headers=auth("reviewer"))
    assert no_reason.status_code == 422
    rejected = client.post(f"{url}/reject", json={"reason": "not ours"}, headers=auth("reviewer"))
    assert rejected.json()["status"] == "rejected"
    again = client.post(f"{url}/reprocess", headers=auth("reviewer"))
    assert again.status_code == 200 and again.json()["status"] in ("ok", "needs_review")
    actions = [e["action"] for e in audit(client, document_id)]
    assert actions[:3] == ["reprocess", "extract", "reject"]


def test_listing_pages_and_filters(client: TestClient) -> None:
    stored(client, SAMPLES / "invoices" / "earsiv_06.pdf")
    everything = client.get("/v1/documents", params={"limit": 500}, headers=auth("reader")).json()
    total = everything["total"]
    assert total >= 2 and len(everything["items"]) == total
    first = client.get("/v1/documents", params={"limit": 1}, headers=auth("reader")).json()
    second = client.get("/v1/documents", params={"limit": 1, "offset": 1},
                        headers=auth("reader")).json()  # fmt: skip
    assert first["total"] == second["total"] == total
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [
        d["id"] for d in everything["items"][:2]
    ]
    future = client.get("/v1/documents", params={"since": "2999-01-01T00:00:00Z"},
                        headers=auth("reader")).json()  # fmt: skip
    assert future == {"items": [], "total": 0, "limit": 50, "offset": 0}
    typed = client.get("/v1/documents", params={"type": "passport"}, headers=auth("reader"))
    assert typed.json()["total"] == 0
    since = {"type": "invoice", "limit": 500, "since": "2000-01-01T00:00:00Z"}
    invoices = client.get("/v1/documents", params=since, headers=auth("reader")).json()
    assert 2 <= invoices["total"] <= total
    assert {d["doc_type"] for d in invoices["items"]} == {"invoice"}
    assert client.get("/v1/documents", params={"status": "nonsense"},
                      headers=auth("reader")).status_code == 422  # fmt: skip


def test_export(client: TestClient) -> None:
    document_id = stored(client, SAMPLES / "invoices" / "efatura_05.pdf")
    as_json = client.get("/v1/export", params={"format": "json"}, headers=auth("reader"))
    assert as_json.status_code == 200
    assert document_id in [row["id"] for row in as_json.json()]
    as_csv = client.get("/v1/export", params={"format": "csv", "type": "invoice"},
                        headers=auth("reader"))  # fmt: skip
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.splitlines()[0].startswith("id,file,type,status")
    items = client.get("/v1/export", params={"format": "csv", "sheet": "line_items",
                       "dialect": "excel-tr"}, headers=auth("reader"))  # fmt: skip
    assert items.content.startswith(b"\xef\xbb\xbf") and ";" in items.text.splitlines()[0]
    xlsx = client.get("/v1/export", params={"format": "xlsx"}, headers=auth("reader"))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert {"documents", "line_items", "kdv", "checks"} <= set(book.sheetnames)
    approve = client.post(f"/v1/documents/{document_id}/approve", headers=auth("reviewer"))
    assert approve.status_code == 200
    lines = client.get("/v1/export", params={"format": "jsonl", "status": "approved"},
                       headers=auth("reader"))  # fmt: skip
    approved = [json.loads(line) for line in lines.text.splitlines()]
    assert approved and all(row["status"] == "approved" for row in approved)
    [row] = [row for row in approved if row["id"] == document_id]
    day = row["stored_at"][:10]  # the storing day (UTC), as the filter reads it
    for since, kept in ((day, True), ("2999-01-01", False)):  # inclusive
        rows = client.get("/v1/export", params={"format": "jsonl", "since": since},
                          headers=auth("reader")).text.splitlines()  # fmt: skip
        assert (document_id in [json.loads(row)["id"] for row in rows]) is kept
    backwards = {"format": "csv", "since": "2030-01-02", "until": "2030-01-01"}
    assert client.get("/v1/export", params=backwards,
                      headers=auth("reader")).status_code in (400, 422)  # fmt: skip
    assert client.get("/v1/export", params={"format": "pdf"},
                      headers=auth("reader")).status_code == 422  # fmt: skip


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/v1/documents": {"get", "post"},
        "/v1/documents/{document_id}": {"get"},
        "/v1/documents/{document_id}/pages/{page}.png": {"get"},
        "/v1/documents/{document_id}/approve": {"post"},
        "/v1/documents/{document_id}/reject": {"post"},
        "/v1/documents/{document_id}/fields": {"patch"},
        "/v1/documents/{document_id}/reprocess": {"post"},
        "/v1/documents/{document_id}/reveal": {"post"},
        "/v1/export": {"get"},
    }.items() <= {path: set(methods) for path, methods in paths.items()}.items()


def test_the_readme_endpoint_table_is_the_openapi_document(tmp_path: Path) -> None:
    """Every operation the API serves is in the README's table, and nothing else is."""
    import re

    spec = create_app(api_settings(tmp_path)).openapi()
    served = {
        (method.upper(), re.sub(r"\{[^}]+\}", "{}", path))
        for path, methods in spec["paths"].items()
        for method in methods
    }
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(GET|POST|PATCH|PUT|DELETE) (/v1/[^`?]*)[^`]*` \|", readme, re.M)
    documented = {(method, re.sub(r"\{[^}]+\}", "{}", path)) for method, path in rows}
    assert documented == served


def test_too_large_an_upload_is_refused(tmp_path: Path) -> None:
    settings = api_settings(tmp_path, max_file_bytes=1000)
    with TestClient(create_app(settings)) as small:
        answer = upload(small, SAMPLES / "invoices" / "efatura_01.pdf")  # 1000 < it < 1 MiB
        assert answer.status_code == 413
        huge = {"file": ("a.pdf", b"%PDF" + b"0" * (2 << 20))}
        declared = small.post("/v1/documents", files=huge, headers=auth("reviewer"))
        assert declared.status_code == 413  # by its Content-Length, before parsing

        def chunks() -> Iterator[bytes]:
            yield b"--x\r\nContent-Disposition: form-data; name=file; filename=a.pdf\r\n\r\n"
            for _ in range(3):
                yield b"0" * (1 << 20)

        streamed = small.post(
            "/v1/documents",
            content=chunks(),
            headers={**auth("reviewer"), "Content-Type": "multipart/form-data; boundary=x"},
        )
        assert streamed.status_code == 413  # no length declared: counted as it arrives
    assert list((tmp_path / "uploads").rglob("*.pdf")) == []


def test_no_token_no_server(tmp_path: Path) -> None:
    settings = load_settings(database_url=f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(ConfigError, match="DOCPIPE_API_TOKEN"):
        create_app(settings)


# -- `docpipe serve` -----------------------------------------------------------------------


def test_docpipe_serve_binds_loopback_and_serves_openapi(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "DOCPIPE_API_TOKEN": ADMIN,
        "DOCPIPE_VAULT_KEY": new_key(),
        "DOCPIPE_DATABASE_URL": f"sqlite:///{tmp_path / 'docpipe.db'}",
        "DOCPIPE_API_UPLOAD_DIR": str(tmp_path / "uploads"),
    }
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        answer = None
        deadline = time.monotonic() + 120
        while answer is None and time.monotonic() < deadline:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5)
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()  # type: ignore[union-attr]
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200
        assert "/v1/documents" in answer.json()["paths"]
        listed = httpx.get(f"http://127.0.0.1:{port}/v1/documents",
                           headers={"Authorization": f"Bearer {ADMIN}"})  # fmt: skip
        assert listed.json()["total"] == 0
    finally:
        server.terminate()
        server.wait(timeout=60)
    log = server.stderr.read().decode()  # type: ignore[union-attr]
    assert "127.0.0.1" in log and ADMIN not in log


def test_docpipe_serve_without_a_token_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOCPIPE_API_TOKEN", raising=False)
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert stopped.value.code == 4
    error = capsys.readouterr().err
    assert error.strip().count("\n") == 0 and "DOCPIPE_API_TOKEN" in error
    assert not (tmp_path / "docpipe-uploads").exists()
