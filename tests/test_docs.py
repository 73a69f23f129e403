"""Documentation and generated files that tests keep honest."""

from __future__ import annotations

import typer.main

from docpipe.cli import app
from docpipe.extract import REGISTRY
from docpipe.schemas.export import check_schemas
from docpipe.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"`{name}`" in README, name
        assert f"`DOCPIPE_{name.upper()}`" in README, name


def test_every_command_is_documented() -> None:
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        assert f"docpipe {name}" in README, name
        assert command.help, name


def test_every_engine_kind_is_documented_and_builds_from_defaults() -> None:
    for kind, (options_cls, factory) in REGISTRY.items():
        assert f"`{kind}`" in README, kind
        with factory(options_cls()) as engine:
            assert engine.name == kind


def test_json_schemas_are_up_to_date() -> None:
    stale = check_schemas(ROOT / "schemas")
    assert stale == [], f"regenerate with `docpipe schemas schemas`: {stale}"


def test_readme_starts_with_the_two_commands() -> None:
    head = README.split("## What it does")[0]
    assert "<!-- run-command -->" in head and "<!-- test-command -->" in head
    assert "docpipe run samples/" in head and "pytest" in head
