"""``docpipe run`` starts its fork server before its own imports; workers skip the main script."""

from __future__ import annotations

import sys

import pytest

from docpipe.batch_server import main_not_rerun, runs_batch, start_early


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["cli.py", "run", "inbox/"], True),
        (["/venv/bin/docpipe", "run", "--jobs", "2", "a.pdf"], True),
        (["/venv/bin/docpipe", "--verbose", "run", "a.pdf"], True),
        (["cli.py", "run", "--help"], False),
        (["cli.py", "eval", "samples/invoices"], False),
        (["cli.py"], False),
        (["/venv/bin/pytest", "-k", "run"], False),  # pytest importing the CLI
        (["-c", "run"], False),  # the fork server itself
        ([], False),
    ],
)
def test_only_the_run_command_starts_the_server_early(argv: list[str], expected: bool) -> None:
    assert runs_batch(argv) is expected


def test_nothing_starts_under_pytest() -> None:
    assert start_early() is False  # this process is pytest, not `docpipe run`


def test_main_script_path_is_hidden_only_while_a_worker_starts() -> None:
    main = sys.modules["__main__"]
    before = getattr(main, "__file__", None)
    with main_not_rerun():
        assert not hasattr(main, "__file__")
    assert getattr(main, "__file__", None) == before
