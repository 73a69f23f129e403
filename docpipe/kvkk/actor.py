"""Who asks: the actor written to the audit and destruction logs."""

from __future__ import annotations

import getpass


def current_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in containers without passwd entries
        return "unknown"
