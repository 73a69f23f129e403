"""Fresh generator seeds for tests that attack the rules with new documents every run.

A failing test must be replayable: the seed of the run is printed with every failure
(``conftest.pytest_runtest_makereport`` reads a module's ``FRESH``), and
``DOCPIPE_TEST_SEED=<seed>`` runs the same documents again.
"""

from __future__ import annotations

import os
import random

SEED_ENV = "DOCPIPE_TEST_SEED"


def fresh_seed(low: int = 0, high: int = 10**9) -> int:
    """A new seed in ``[low, high)`` every run, or ``$DOCPIPE_TEST_SEED`` to replay one."""
    pinned = os.environ.get(SEED_ENV)
    return int(pinned) if pinned else random.SystemRandom().randrange(low, high)
