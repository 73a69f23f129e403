"""One list of engine kinds, the cross-check composed by the builder, secrets kept secret."""

from __future__ import annotations

import pytest

from docpipe.errors import ConfigError
from docpipe.extract import REGISTRY, CrossChecked, build_engine
from docpipe.extract.vlm import ModelEngine
from docpipe.redact.vault import new_key
from docpipe.settings import ENGINE_KINDS, Settings, load_settings


def test_the_registry_has_exactly_the_engine_kinds() -> None:
    assert set(REGISTRY) == set(ENGINE_KINDS)


def test_an_unknown_engine_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"invalid docpipe settings \(engine"):
        load_settings(engine="magic")
    unchecked = Settings().model_copy(update={"engine": "magic"})  # no validation
    with pytest.raises(ConfigError) as error:
        build_engine(unchecked)
    known = ", ".join(("auto", *ENGINE_KINDS))
    assert error.value.message == f"unknown engine 'magic'; available engines: {known}"
    assert all(kind in error.value.message for kind in REGISTRY)


@pytest.mark.parametrize("cross_check", [True, False])
def test_the_builder_wraps_a_model_engine_when_asked(cross_check: bool) -> None:
    settings = load_settings(engine="openai", vlm_cross_check=cross_check)
    with build_engine(settings) as engine:
        assert engine.name == "openai"
        if cross_check:
            assert isinstance(engine, CrossChecked)
            assert isinstance(engine.primary, ModelEngine)
        else:
            assert isinstance(engine, ModelEngine)
    with build_engine(load_settings(engine="rules", vlm_cross_check=True)) as rules:
        assert not isinstance(rules, CrossChecked)


def test_secrets_are_settings_that_never_show(monkeypatch: pytest.MonkeyPatch) -> None:
    key = new_key()
    monkeypatch.setenv("DOCPIPE_VAULT_KEY", key)
    monkeypatch.setenv("DOCPIPE_VLM_API_KEY", "sk-very-secret")
    settings = load_settings()
    assert settings.vault_key is not None and settings.vault_key.get_secret_value() == key
    assert settings.vlm_api_key is not None
    shown = repr(settings) + str(settings.model_dump())
    assert key not in shown and "sk-very-secret" not in shown
