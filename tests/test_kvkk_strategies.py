"""Redaction strategies merge: an override changes only the entity it names (issue 15, item 4)."""

from __future__ import annotations

import pytest

from docpipe.errors import ConfigError
from docpipe.pipeline import Pipeline
from docpipe.settings import DEFAULT_STRATEGIES, Settings, load_settings
from tests.test_kvkk_pipeline import INVOICE, _truth


def test_an_override_keeps_the_other_defaults() -> None:
    settings = load_settings(redact_strategies={"PERSON": "tag"})
    assert settings.redact_strategies["PERSON"] == "tag"
    others = {k: v for k, v in settings.redact_strategies.items() if k != "PERSON"}
    assert others == {k: v for k, v in DEFAULT_STRATEGIES.items() if k != "PERSON"}


def test_an_override_from_the_environment_merges_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCPIPE_REDACT_STRATEGIES", '{"PERSON": "tag", "TR_TAX_ID": "mask"}')
    strategies = load_settings().redact_strategies
    assert strategies["PERSON"] == "tag" and strategies["TR_TAX_ID"] == "mask"
    assert strategies["TR_NATIONAL_ID"] == DEFAULT_STRATEGIES["TR_NATIONAL_ID"] == "mask"


def test_an_unknown_strategy_is_one_clear_line() -> None:
    with pytest.raises(ConfigError, match="redact_strategies"):
        load_settings(redact_strategies={"PERSON": "shred"})


def test_tckn_stays_masked_after_overriding_person(settings: Settings) -> None:
    custom = load_settings(database_url=settings.database_url, redact_strategies={"PERSON": "tag"})
    truth = _truth(INVOICE)
    with Pipeline(custom) as pipe:
        result = pipe.process(INVOICE)
    buyer = (result.record or {})["buyer"]
    assert buyer["name"] == "<KİŞİ>"
    tckn = truth["buyer.tckn"]
    assert buyer["tckn"] == tckn[:2] + "*" * 7 + tckn[-2:]
    assert buyer["address"] == "<ADRES>"
