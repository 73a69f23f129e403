"""What the review page adds to the review service's views: audit entries as short text.

The fields, their states (failed check / low confidence / fine), boxes and reasons
come from ``docpipe.review`` as they are; this module only turns an audit entry's
details into one line a reviewer reads. Audit details never hold a personal value
(the service writes a personal value as the name of its vault entry); such a value
is shown as ``sealed``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any


def audit_text(action: str, details: Mapping[str, Any], t: Callable[..., str]) -> str:
    """One line for an audit entry: a correction as ``path: old → new`` per field."""
    if action == "correct" and isinstance(details.get("fields"), list):
        changes = [_change(entry, t) for entry in details["fields"] if isinstance(entry, Mapping)]
        rest = {k: v for k, v in details.items() if k != "fields"}
        return "; ".join([*changes, *(_pairs(rest) and [_pairs(rest)])])
    return _pairs(details)


def _change(entry: Mapping[str, Any], t: Callable[..., str]) -> str:
    return f"{entry.get('field')}: {_value(entry.get('old'), t)} → {_value(entry.get('new'), t)}"


def _value(value: Any, t: Callable[..., str]) -> str:
    if isinstance(value, Mapping):  # {"vault": name}: a personal value, sealed, never shown
        return f"({t('audit.sealed')})"
    return "∅" if value is None else str(value)


def _pairs(details: Mapping[str, Any]) -> str:
    parts = []
    for key, value in details.items():
        if value in (None, [], {}):
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}: {shown}")
    return "; ".join(parts)
