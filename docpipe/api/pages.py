"""The review page (``/review``): a browser session over the same tokens and roles as the API.

- Login: the token typed once becomes an HttpOnly, ``SameSite=Strict`` cookie; the
  page's JavaScript never sees it. Every state-changing request (the logout form,
  and the API calls the page makes with the cookie) must carry the session's CSRF
  token (``X-CSRF-Token`` header or ``csrf`` form field): an HMAC of the token, so
  it needs no server-side state and another site cannot know it.
- The pages: the queue of ``needs_review`` documents (oldest first, with reasons)
  and one document (page images with every field's box, fields, checks, audit).
  They are rendered here from the review service; changing a document goes through
  the API's own endpoints (``/v1/documents/...``), never a second code path.
- Nothing personal in a URL: reveal sends its field and reason in the body.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from docpipe.api.i18n import translator

HERE = Path(__file__).resolve().parent
BASE = "/review"
SESSION_COOKIE = "docpipe_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf"

_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)

router = APIRouter(prefix=BASE, include_in_schema=False)


def install(app: FastAPI) -> None:
    """Add the review page and its static files (CSS, JavaScript) to the app."""
    app.include_router(router)
    app.mount(f"{BASE}/static", StaticFiles(directory=HERE / "static"), name="review-static")


# -- the session -------------------------------------------------------------------------


def csrf_for(token: str) -> str:
    """The CSRF token of a session: derived from its (secret) access token."""
    return hmac.new(token.encode(), b"docpipe review csrf", hashlib.sha256).hexdigest()


def csrf_ok(request: Request, sent: str | None) -> bool:
    token = request.cookies.get(SESSION_COOKIE)
    return bool(token and sent and hmac.compare_digest(csrf_for(token), sent))


def _same_origin(request: Request) -> bool:
    """A form posted from another site is refused (``Origin``, else ``Referer``)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True  # non-browser clients send neither; the cookie is SameSite=Strict
    parts = urlsplit(origin)
    return parts.netloc == request.url.netloc


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    settings = request.app.state.settings
    language = settings.ui_language
    token = request.cookies.get(SESSION_COOKIE)
    html = _templates.get_template(name).render(
        t=translator(language),
        lang=language,
        base=BASE,
        static=lambda file: f"{BASE}/static/{file}",
        csrf=csrf_for(token) if token else "",
        principal=context.pop("principal", None),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"  # pages show (masked) personal data
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/login")
def login_form(request: Request) -> HTMLResponse:
    return _render(request, "login.html", error=None)


@router.post("/login", response_model=None)
def login(request: Request, token: str = Form(...)) -> Response:
    from docpipe.api.auth import principal_from_token

    if not _same_origin(request):
        return _render(request, "login.html", status_code=403, error="error.csrf")
    token = token.strip()
    if principal_from_token(request.app.state.settings, token) is None:
        return _render(request, "login.html", status_code=401, error="login.bad")
    response = RedirectResponse(BASE, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> RedirectResponse:
    response = RedirectResponse(f"{BASE}/login", status_code=303)
    if csrf_ok(request, csrf):
        response.delete_cookie(SESSION_COOKIE, path="/")
    return response
