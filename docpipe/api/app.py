"""The HTTP API of ``docpipe serve``: FastAPI over the review service and the store.

``create_app(settings)`` builds the app; its lifespan opens the store, the review
service and the upload queue (``docpipe.api.uploads``), and closes them. The OpenAPI
document is at ``/openapi.json``.

Nothing personal leaves through a side door: ids are integers, field names travel
in bodies, error bodies are fixed sentences that name ids and fields only (a
request that does not validate is answered without echoing its input), and an
unexpected failure is logged by type and answered ``500 internal error``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, File, Path, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from docpipe.api.auth import Principal, TokenBook, require
from docpipe.api.exports import (
    MEDIA_TYPES,
    CsvDialect,
    CsvSheet,
    ExportFormat,
    export_documents,
)
from docpipe.api.pages import install as install_pages
from docpipe.api.uploads import Uploads
from docpipe.errors import ConfigError, DocpipeError, InputError, UsageError
from docpipe.result import Status
from docpipe.review import Conflict, InvalidCorrection, NotAllowed, NotFound, ReviewService
from docpipe.review.views import (
    AuditEntry,
    CorrectionOutcome,
    DocumentDetail,
    DocumentPage,
    QueueItem,
)
from docpipe.settings import Settings
from docpipe.store import Store

log = logging.getLogger("docpipe.api")

MAX_ID = 2**31 - 1
DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="document id")]
NO_STORE = {"Cache-Control": "no-store"}

Reader = Annotated[Principal, Depends(require("reader"))]
Reviewer = Annotated[Principal, Depends(require("reviewer"))]
PrivacyOfficer = Annotated[Principal, Depends(require("privacy_officer"))]


class Problem(BaseModel):
    detail: str
    fields: dict[str, str] | None = Field(
        default=None, description="field path -> why it was refused (never the value)"
    )


class UploadView(BaseModel):
    """An upload: queued, processing, or done with the document it became."""

    id: int = Field(description="the upload's id: GET /v1/uploads/{id}")
    state: Literal["queued", "processing", "done", "failed", "vanished"]
    outcome: str | None = Field(
        default=None, description="the document's status: ok, needs_review, failed, duplicate"
    )
    document_id: int | None = None
    reason: str | None = Field(default=None, description="why it failed (never a value)")
    location: str
    document: DocumentDetail | None = None


class RejectBody(BaseModel):
    reason: str = Field(min_length=3, max_length=500, description="why (it is audited)")


class CorrectionBody(BaseModel):
    fields: dict[str, str | int | float | bool | None] = Field(
        description="dotted field path -> new value (null removes the field)",
        min_length=1,
        max_length=200,
    )


class RevealBody(BaseModel):
    field: str = Field(min_length=1, max_length=200, description="dotted field path")
    reason: str = Field(min_length=3, max_length=500, description="why (it is audited)")


class Revealed(BaseModel):
    field: str
    value: str


_ERRORS: dict[int, dict[str, Any]] = {
    401: {"model": Problem, "description": "no or an unknown token"},
    403: {"model": Problem, "description": "the token's role does not allow this"},
    422: {"model": Problem, "description": "the request does not validate"},
}


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """The API app; ``store`` (optional) is used instead of opening settings.database_url."""
    tokens = TokenBook(settings)  # no token: ConfigError before anything starts

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        opened = store if store is not None else Store(settings.database_url)
        uploads = Uploads(opened, settings)
        app.state.store = opened
        app.state.review = ReviewService(opened, settings)
        app.state.uploads = uploads
        uploads.start()
        try:
            yield
        finally:
            uploads.stop()
            if own:
                opened.close()

    app = FastAPI(
        title="docpipe",
        version="1",
        summary="Turkish business documents into validated, typed records; review and export.",
        lifespan=lifespan,
        responses=_ERRORS,
        # refused while it arrives (by Content-Length at once), before the multipart
        # parser has spooled a huge upload to disk
        max_body_size=settings.max_file_bytes + MULTIPART_OVERHEAD,
    )
    app.state.settings = settings
    app.state.tokens = tokens
    app.state.token_sources = []  # Request -> token; the review page adds its cookie here
    _install_errors(app)
    _routes(app, settings)
    install_pages(app)  # the review page at /review (docpipe.api.pages)
    return app


MULTIPART_OVERHEAD = 1 << 20  # headers and boundaries around the file of an upload


def service(request: Request) -> ReviewService:
    return request.app.state.review


Service = Annotated[ReviewService, Depends(service)]


def _routes(app: FastAPI, settings: Settings) -> None:
    @app.post(
        "/v1/documents",
        response_model=UploadView,
        status_code=200,
        responses={
            202: {"model": UploadView, "description": "queued: poll GET /v1/uploads/{id}"},
            413: {"model": Problem, "description": "larger than max_file_bytes"},
        },
        tags=["documents"],
    )
    def upload(
        request: Request,
        principal: Reviewer,
        file: Annotated[UploadFile, File(description="a PDF, image, UBL-TR XML or ZIP")],
        wait: Annotated[
            float | None,
            Query(
                ge=0,
                le=600,
                description="seconds to wait for the result (at most "
                "api_sync_wait_s; default api_sync_wait_s)",
            ),
        ] = None,
    ) -> Any:
        """Upload one file. Answers 200 with the result when it is done within ``wait``
        seconds, else 202 with the upload's id to poll (GET /v1/uploads/{id})."""
        uploads: Uploads = request.app.state.uploads
        path = uploads.save(file.file, file.filename)
        job_id = uploads.submit(path)
        request.app.state.store.add_audit(
            "upload", actor=principal.actor, details={"upload_id": job_id}
        )
        log.info("upload %d queued by %s", job_id, principal.actor)
        limit = settings.api_sync_wait_s
        job = uploads.wait(job_id, limit if wait is None else min(wait, limit))
        view = _upload_view(request, job_id)
        code = 200 if job is not None and job.state in ("done", "failed") else 202
        return JSONResponse(
            view.model_dump(mode="json"),
            status_code=code,
            headers={"Location": view.location},
        )

    @app.get("/v1/uploads/{upload_id}", response_model=UploadView, tags=["documents"])
    def get_upload(
        request: Request,
        principal: Reader,
        upload_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    ) -> UploadView:
        """An upload's state; once done, the document it became."""
        return _upload_view(request, upload_id)

    @app.get("/v1/documents", response_model=DocumentPage, tags=["documents"])
    def list_documents(
        review: Service,
        principal: Reader,
        status: Status | None = None,
        type: Annotated[str | None, Query(max_length=64, description="document type")] = None,
        since: Annotated[datetime | None, Query(description="stored at or after")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    ) -> DocumentPage:
        """Documents newest first, filtered, one page at a time (``total`` counts all)."""
        return review.documents(
            status=status, doc_type=type, since=since, limit=limit, offset=offset
        )

    @app.get("/v1/review/queue", response_model=list[QueueItem], tags=["review"])
    def queue(
        review: Service,
        principal: Reader,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    ) -> list[QueueItem]:
        """Documents that need review, oldest first, with their reasons."""
        return review.queue(limit=limit, offset=offset)

    @app.get("/v1/documents/{document_id}", response_model=DocumentDetail, tags=["documents"])
    def get_document(review: Service, principal: Reader, document_id: DocumentId) -> Any:
        """Status, type, the (redacted) record field by field, checks with reasons, evidence."""
        return review.document(document_id)

    @app.get("/v1/documents/{document_id}/audit", response_model=list[AuditEntry], tags=["review"])
    def get_audit(review: Service, principal: Reader, document_id: DocumentId) -> Any:
        """The document's audit entries, newest first (personal values as vault entry names)."""
        return review.audit(document_id)

    @app.get(
        "/v1/documents/{document_id}/pages/{page}.png",
        response_class=Response,
        responses={200: {"content": {"image/png": {}}, "description": "the page image"}},
        tags=["documents"],
    )
    def page_png(
        review: Service,
        principal: Reader,
        document_id: DocumentId,
        page: Annotated[int, Path(ge=1, le=100_000)],
        unredacted: Annotated[
            bool, Query(description="privacy officers: without the burned-in areas (audited)")
        ] = False,
    ) -> Response:
        """A page as PNG, personal areas burned in. ``X-Page-Scale``: pixels per page unit
        (multiply an evidence box by it to draw it on the image)."""
        if unredacted and not principal.has("privacy_officer"):
            raise NotAllowed("an unredacted page needs the role privacy_officer")
        image = review.page_png(document_id, page, burn=not unredacted)
        if unredacted:
            review.log_unredacted_page(document_id, page, principal.actor)
        return Response(
            image.png,
            media_type="image/png",
            headers={**NO_STORE, "X-Page-Scale": f"{image.scale:.6g}"},
        )

    @app.post("/v1/documents/{document_id}/approve", response_model=DocumentDetail, tags=["review"])
    def approve(review: Service, principal: Reviewer, document_id: DocumentId) -> Any:
        """Accept the record as it is (failed checks overridden are audited)."""
        return review.approve(document_id, principal.actor)

    @app.post("/v1/documents/{document_id}/reject", response_model=DocumentDetail, tags=["review"])
    def reject(
        review: Service, principal: Reviewer, document_id: DocumentId, body: RejectBody
    ) -> Any:
        """Turn the document down, with a reason (audited)."""
        return review.reject(document_id, principal.actor, body.reason)

    @app.patch(
        "/v1/documents/{document_id}/fields",
        response_model=CorrectionOutcome,
        responses={403: {"model": Problem}, 409: {"model": Problem}},
        tags=["review"],
    )
    def correct(
        review: Service, principal: Reviewer, document_id: DocumentId, body: CorrectionBody
    ) -> Any:
        """Correct fields; the validators run again at once and their checks come back.
        A personal field (shown masked) only a privacy officer may correct: 403 otherwise."""
        return review.correct(
            document_id,
            body.fields,
            principal.actor,
            personal_allowed=principal.has("privacy_officer"),
        )

    @app.post(
        "/v1/documents/{document_id}/reprocess", response_model=DocumentDetail, tags=["review"]
    )
    def reprocess(review: Service, principal: Reviewer, document_id: DocumentId) -> Any:
        """Run the stored original through the pipeline again."""
        return review.reprocess(document_id, principal.actor)

    @app.post(
        "/v1/documents/{document_id}/reveal",
        response_model=Revealed,
        tags=["review"],
    )
    def reveal(
        review: Service,
        principal: PrivacyOfficer,
        document_id: DocumentId,
        body: Annotated[RevealBody, Body()],
    ) -> JSONResponse:
        """One original value out of the vault, for a reason (privacy officers; audited)."""
        value = review.reveal(document_id, body.field, principal.actor, body.reason)
        return JSONResponse({"field": body.field, "value": value}, headers=NO_STORE)

    @app.get(
        "/v1/export",
        response_class=Response,
        responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
        tags=["export"],
    )
    def export(
        request: Request,
        principal: Reader,
        format: ExportFormat = "json",
        status: Status | None = None,
        type: Annotated[str | None, Query(max_length=64)] = None,
        since: date | None = None,
        until: date | None = None,
        dialect: CsvDialect = "plain",
        sheet: CsvSheet = "documents",
    ) -> Response:
        """Stored (redacted) records as JSON, JSON Lines, CSV (one sheet: documents, line
        items, KDV per rate or checks; ``dialect=excel-tr`` for a Turkish Excel) or XLSX
        (all four sheets), filtered by status, type and storing day (UTC, inclusive)."""
        data = export_documents(
            request.app.state.store,
            format,
            status=status,
            doc_type=type,
            since=since,
            until=until,
            dialect=dialect,
            sheet=sheet,
            actor=principal.actor,
        )
        return Response(
            data,
            media_type=MEDIA_TYPES[format],
            headers={"Content-Disposition": f'attachment; filename="docpipe-export.{format}"'},
        )


def _upload_view(request: Request, upload_id: int) -> UploadView:
    uploads: Uploads = request.app.state.uploads
    job = uploads.get(upload_id)
    if job is None:
        raise NotFound(f"no upload with id {upload_id}")
    document = None
    if job.document_id is not None and job.state == "done":
        try:
            document = request.app.state.review.document(job.document_id)
        except NotFound:  # destroyed since (purge, erasure)
            document = None
    return UploadView(
        id=job.id,
        state=job.state,  # type: ignore[arg-type]
        outcome=job.outcome,
        document_id=job.document_id,
        reason=job.reason,
        location=f"/v1/uploads/{job.id}",
        document=document,
    )


def _install_errors(app: FastAPI) -> None:
    def problem(code: int, detail: str, **extra: Any) -> JSONResponse:
        return JSONResponse({"detail": detail, **extra}, status_code=code)

    @app.exception_handler(DocpipeError)
    async def docpipe_error(request: Request, error: DocpipeError) -> JSONResponse:
        if isinstance(error, InvalidCorrection):
            return problem(422, error.message, fields=error.fields)
        if isinstance(error, NotFound):
            return problem(404, error.message)
        if isinstance(error, NotAllowed):
            return problem(403, error.message)
        if isinstance(error, Conflict):
            return problem(409, error.message)
        if isinstance(error, InputError):
            code = 413 if error.category == "too_large" else 400
            return problem(code, error.message)
        if isinstance(error, UsageError):
            return problem(400, error.message)
        if isinstance(error, ConfigError):
            log.error("configuration: %s", error.message)
            return problem(503, "the server is not configured for this; see its log")
        log.error("request failed: %s", type(error).__name__)
        return problem(500, "internal error")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        # FastAPI's default body echoes the input; this one names where and why only: the
        # part and parameter (body.fields, query.limit), never a key chosen inside a body
        fields: dict[str, str] = {}
        for problem_ in error.errors():
            where = ".".join(str(p) for p in tuple(problem_.get("loc", ()))[:2])
            fields.setdefault(where, str(problem_.get("msg", "invalid"))[:200])
        return problem(422, "the request does not validate", fields=fields)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error.detail)},
            status_code=error.status_code,
            headers=getattr(error, "headers", None),
        )

    @app.middleware("http")
    async def unexpected(request: Request, call_next: Any) -> Response:
        try:
            return await call_next(request)
        except Exception as error:  # a bug: its text may hold a value, so only its type
            name, route = type(error).__name__, _route(request)
            log.error("unexpected %s in %s %s", name, request.method, route)
            return problem(500, "internal error")


def _route(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path", "?")


__all__ = ["create_app"]
