"""Personal data: detection now; strategies, vault and burn-in build on it (KVKK issue)."""

from docpipe.redact.analyzer import find_pii

__all__ = ["find_pii"]
