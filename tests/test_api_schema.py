"""Schemathesis against ``/openapi.json``: generated requests, with a valid admin token, to
every operation of the API over a real store holding a real document (id 1). No request
may end in a 5xx. Per operation: valid requests, invalid ones (negative mode), and valid
ones aimed at the stored document, ``MAX_EXAMPLES`` each (derandomised, so a failure
reproduces); the status-code counts are printed at the end (``-s`` shows them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

from docpipe.api import create_app
from docpipe.pipeline import Pipeline
from docpipe.store import Store
from tests.conftest import SAMPLES
from tests.test_api import ADMIN, api_settings

MAX_EXAMPLES = 10
CODES: Counter[str] = Counter()
OPERATIONS: set[str] = set()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    folder = tmp_path_factory.mktemp("schema")
    settings = api_settings(folder, api_sync_wait_s=0)
    sample = folder / "efatura_01.pdf"
    sample.write_bytes((SAMPLES / "invoices" / "efatura_01.pdf").read_bytes())
    with Store(settings.database_url) as store, Pipeline(settings, store=store) as pipeline:
        assert pipeline.process(sample).document_id == 1  # something real behind id 1
    app = create_app(settings)
    with TestClient(app):  # runs the lifespan: store, review service, upload queue
        yield app
    codes = dict(sorted(CODES.items()))
    print(
        f"\nschemathesis: {sum(CODES.values())} requests to {len(OPERATIONS)} operations, "
        f"status codes {codes}"
    )


#: Operations that start document processing (a worker process each): fewer examples, and
#: reprocessing the stored document is left to tests/test_api.py.
HEAVY = {("POST", "/v1/documents"), ("POST", "/v1/documents/{document_id}/reprocess")}
HEAVY_EXAMPLES = 3


def plans(operation: Any) -> list[tuple[GenerationMode, dict[str, Any] | None]]:
    """Valid requests, invalid ones, and valid ones aimed at the stored document."""
    out: list[tuple[GenerationMode, dict[str, Any] | None]] = [
        (GenerationMode.POSITIVE, None),
        (GenerationMode.NEGATIVE, None),
    ]
    if "{document_id}" in operation.path and _key(operation) not in HEAVY:
        out.append((GenerationMode.POSITIVE, {"document_id": 1}))
    return out


def _key(operation: Any) -> tuple[str, str]:
    return operation.method.upper(), operation.path


def test_no_generated_request_ends_in_a_server_error(served: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", served)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures: list[str] = []
    for operation in operations:
        for mode, path_parameters in plans(operation):

            @given(case=operation.as_strategy(mode, path_parameters=path_parameters))
            @hypothesis_settings(
                max_examples=HEAVY_EXAMPLES if _key(operation) in HEAVY else MAX_EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,  # the same requests every run: a failure reproduces
                database=None,
            )
            def call(case: Any) -> None:
                response = case.call(headers={"Authorization": f"Bearer {ADMIN}"}, timeout=600)
                CODES[str(response.status_code)] += 1
                OPERATIONS.add(f"{case.method} {case.operation.path}")
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.path}: {response.status_code}")

            call()
    assert failures == []
    assert sum(CODES.values()) >= 2 * len(operations)
