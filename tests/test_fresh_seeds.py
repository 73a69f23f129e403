"""Tests that draw fresh random seeds (``tests.conftest.fresh_seed``) say, when they fail,
which seed they drew and how to replay it; ``DOCPIPE_TEST_SEED`` replays it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_ENV

pytest_plugins = ["pytester"]

INNER = """
from tests.conftest import fresh_seed

SEED = fresh_seed(__name__)


def test_fails_for_this_seed():
    assert SEED < 0


def test_passes():
    assert SEED > 0
"""


def _run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the inner run imports tests.conftest
    pytester.makeconftest('pytest_plugins = ["tests.conftest"]')
    pytester.makepyfile(test_inner=INNER)
    junit = pytester.path / "junit.xml"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--junitxml={junit}")
    result.assert_outcomes(failed=1, passed=1)
    return result.stdout.str(), junit


def test_a_failure_prints_and_attaches_its_seed_and_the_seed_replays(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SEED_ENV, raising=False)
    output, junit = _run(pytester, monkeypatch)
    found = re.findall(rf"replay: {SEED_ENV}=(\d+) pytest '\S+::test_fails_for_this_seed'", output)
    assert len(found) == 1, output  # the failing test only
    seed = found[0]
    assert f'<property name="{SEED_ENV}" value="{seed}"' in junit.read_text(encoding="utf-8")
    monkeypatch.setenv(SEED_ENV, seed)
    replayed, _ = _run(pytester, monkeypatch)
    assert f"replay: {SEED_ENV}={seed} " in replayed
