"""What a review action can refuse, each a ``UsageError`` (one line, no values).

The HTTP API maps them to status codes: ``NotFound`` 404, ``NotAllowed`` 403,
``Conflict`` 409, ``InvalidCorrection`` 422.
"""

from __future__ import annotations

from docpipe.errors import UsageError


class NotFound(UsageError):
    category = "not_found"


class NotAllowed(UsageError):
    category = "forbidden"


class Conflict(UsageError):
    category = "conflict"


class InvalidCorrection(UsageError):
    """A corrected value the schema refuses; ``fields`` maps path -> reason (never a value)."""

    category = "invalid"

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}
