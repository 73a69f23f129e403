"""Who calls: bearer tokens from the settings, mapped to a name and a role.

Roles, each including the ones before it:

- ``reader``: lists, documents (redacted), page images with personal areas burned
  in, exports, the audit entries of a document;
- ``reviewer``: uploads, approve, reject, correct, reprocess;
- ``privacy_officer``: reveal an original value (with a reason, audited) and see a
  page without its personal areas burned in (audited).

Tokens come from the settings only: ``api_token`` (``DOCPIPE_API_TOKEN``: one admin
token with every role, named ``admin``) and ``api_tokens`` (a list of ``{name, role,
token}``). A server without any token refuses to start: deny by default. Tokens are
compared in constant time, as SHA-256 digests, and never logged.

``principal_from_token`` is the one door; ``token_from_request`` reads the
``Authorization: Bearer`` header, then asks each of ``app.state.token_sources``
(callables ``Request -> str | None``), where the review page adds its session cookie.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from docpipe.errors import ConfigError
from docpipe.settings import ApiRole, Settings

#: Roles in order; each includes the ones before it.
ROLES: tuple[ApiRole, ...] = ("reader", "reviewer", "privacy_officer")

TokenSource = Callable[[Request], str | None]


@dataclass(frozen=True)
class Principal:
    """An authenticated caller."""

    name: str
    role: ApiRole

    def has(self, role: ApiRole) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def actor(self) -> str:
        """The name written to the audit log."""
        return f"api:{self.name}"


class TokenBook:
    """The settings' tokens, by SHA-256 digest."""

    def __init__(self, settings: Settings) -> None:
        self._entries: list[tuple[bytes, Principal]] = []
        if settings.api_token is not None:
            self._add(settings.api_token.get_secret_value(), Principal("admin", "privacy_officer"))
        for client in settings.api_tokens:
            self._add(client.token.get_secret_value(), Principal(client.name, client.role))
        if not self._entries:
            raise ConfigError(
                "the API has no token: set DOCPIPE_API_TOKEN (one admin token, "
                "e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(32))'`) "
                "or api_tokens in docpipe.toml"
            )

    def _add(self, token: str, principal: Principal) -> None:
        self._entries.append((_digest(token), principal))

    def principal_from_token(self, token: str) -> Principal | None:
        """The caller a token belongs to, or None; every entry is compared (constant time)."""
        digest = _digest(token)
        found: Principal | None = None
        for known, principal in self._entries:
            if hmac.compare_digest(known, digest) and found is None:
                found = principal
        return found


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


_bearer = HTTPBearer(auto_error=False, description="a token from the settings (api_tokens)")


def token_from_request(
    request: Request, credentials: HTTPAuthorizationCredentials | None
) -> str | None:
    if credentials is not None and credentials.scheme.lower() == "bearer":
        return credentials.credentials
    for source in getattr(request.app.state, "token_sources", []):
        token = source(request)
        if token:
            return token
    return None


def principal_from_token(request: Request, token: str | None) -> Principal | None:
    """The caller a token names, by the app's ``TokenBook``; None for no or a wrong token."""
    if not token:
        return None
    book: TokenBook = request.app.state.tokens
    return book.principal_from_token(token)


def current_principal(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
) -> Principal:
    principal = principal_from_token(request, token_from_request(request, credentials))
    if principal is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "authentication required: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return principal


def require(role: ApiRole) -> Callable[..., Principal]:
    """A dependency: the caller, if their role includes ``role``; else 403."""

    def dependency(principal: Principal = Depends(current_principal)) -> Principal:  # noqa: B008
        if not principal.has(role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"this needs the role {role}")
        return principal

    return dependency
