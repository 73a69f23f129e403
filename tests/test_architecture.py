"""The map's import rules hold: no cycles, layers point down, no stage knows the store.

The contracts are in pyproject.toml ([tool.importlinter]); docs/architecture.md
explains them. ``lint-imports`` runs the same check from the command line.
"""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept(capsys) -> None:
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "3 kept, 0 broken" in report
