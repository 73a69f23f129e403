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
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import urlsplit

import jinja2
from fastapi import APIRouter, FastAPI, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from docpipe.api.auth import Principal, principal_from_token
from docpipe.api.field_labels import labeller
from docpipe.api.i18n import translator
from docpipe.api.page_model import audit_text
from docpipe.families import family_of
from docpipe.review import NotFound, ReviewService

HERE = FilePath(__file__).resolve().parent
BASE = "/review"
SESSION_COOKIE = "docpipe_session"
CSRF_HEADER = "X-CSRF-Token"
DocumentId = Annotated[int, Path(ge=1, le=2**31 - 1)]  # as the API's document ids

_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)

router = APIRouter(prefix=BASE, include_in_schema=False)


def install(app: FastAPI) -> None:
    """Add the review page and its static files (CSS, JavaScript) to the app."""
    app.include_router(router)
    app.state.token_sources.append(session_token)
    app.mount(f"{BASE}/static", StaticFiles(directory=HERE / "static"), name="review-static")


# -- the session -------------------------------------------------------------------------


def csrf_for(token: str) -> str:
    """The CSRF token of a session: derived from its (secret) access token."""
    return hmac.new(token.encode(), b"docpipe review csrf", hashlib.sha256).hexdigest()


def csrf_ok(request: Request, sent: str | None) -> bool:
    token = request.cookies.get(SESSION_COOKIE)
    return bool(token and sent and hmac.compare_digest(csrf_for(token), sent))


def session_token(request: Request) -> str | None:
    """The API's token source for the page: the session cookie, on a state-changing
    request only with the session's CSRF token in ``X-CSRF-Token``."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return token
    return token if csrf_ok(request, request.headers.get(CSRF_HEADER)) else None


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
        "default-src 'self'; img-src 'self' blob:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/login")
def login_form(request: Request) -> HTMLResponse:
    return _render(request, "login.html", error=None)


@router.post("/login", response_model=None)
def login(request: Request, token: str = Form(...)) -> Response:
    if not _same_origin(request):
        return _render(request, "login.html", status_code=403, error="error.csrf")
    token = token.strip()
    if principal_from_token(request, token) is None:
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


# -- the pages ---------------------------------------------------------------------------


def _principal(request: Request) -> Principal | None:
    return principal_from_token(request, request.cookies.get(SESSION_COOKIE))


def _to_login() -> RedirectResponse:
    response = RedirectResponse(f"{BASE}/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("", response_model=None)
def queue(request: Request) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_login()
    review: ReviewService = request.app.state.review
    return _render(request, "queue.html", principal=principal, items=review.queue(limit=500))


@router.get("/documents/{document_id}", response_model=None)
def document(request: Request, document_id: DocumentId) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_login()
    review: ReviewService = request.app.state.review
    try:
        doc = review.document(document_id)
        audit = review.audit(document_id)
    except NotFound:
        return _render(
            request, "error.html", status_code=404, principal=principal, message="error.not_found"
        )
    family = family_of(doc.doc_type)
    following = next((q.id for q in review.queue(limit=2) if q.id != document_id), None)
    api = f"/v1/documents/{document_id}"
    urls = {
        "fields": f"{api}/fields",
        "approve": f"{api}/approve",
        "reject": f"{api}/reject",
        "reveal": f"{api}/reveal",
        "reprocess": f"{api}/reprocess",
        "page": api + "/pages/{page}.png",
        "next": f"{BASE}/documents/{following}" if following else BASE,
    }
    return _render(
        request,
        "document.html",
        principal=principal,
        doc=doc,
        audit=audit,
        audit_text=audit_text,
        urls=urls,
        label=labeller(family.name if family else None, request.app.state.settings.ui_language),
        can_review=principal.has("reviewer"),
        can_reveal=principal.has("privacy_officer"),  # and correct a personal field
        vault_originals=request.app.state.settings.vault_originals,
    )
