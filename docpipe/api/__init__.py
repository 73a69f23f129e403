"""The HTTP API (``docpipe serve``): ``create_app(settings)`` and its token roles."""

from docpipe.api.app import create_app
from docpipe.api.auth import ROLES, Principal

__all__ = ["ROLES", "Principal", "create_app"]
