"""Configuration: one typed object, built once and passed down.

Sources, strongest first: keyword arguments (the CLI and the Python API go
through the same constructor), ``DOCPIPE_*`` environment variables, then a
TOML file: ``DOCPIPE_CONFIG`` if set, else ``./docpipe.toml`` if present.
Unknown keys are an error, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from docpipe.errors import ConfigError
from docpipe.families import default_retention_days

#: The extraction engines docpipe has (``docpipe.extract.REGISTRY`` builds each);
#: ``auto`` picks one of them (``resolve_kind``).
ENGINE_KINDS: tuple[str, ...] = ("rules", "vlm", "openai", "ubl")

RedactStrategy = Literal["keep", "mask", "tag", "hash", "pseudonym", "vault"]
#: Entity types (Presidio names) -> what the stored record and text show instead.
#: Tax ids and MERSİS numbers identify taxpayers, mostly companies, and an
#: accounting office needs them: kept. Unlisted entity types are tagged.
DEFAULT_STRATEGIES: dict[str, RedactStrategy] = {
    "TR_NATIONAL_ID": "mask",
    "PERSON": "mask",
    "IBAN_CODE": "mask",
    "CREDIT_CARD": "mask",
    "PHONE_NUMBER": "mask",
    "EMAIL_ADDRESS": "mask",
    "TR_LICENSE_PLATE": "mask",
    "TR_ID_DOCUMENT_NUMBER": "mask",
    "TR_ADDRESS": "tag",
    "DATE_OF_BIRTH": "tag",
    "MRZ": "tag",
    "TR_TAX_ID": "keep",
    "TR_MERSIS": "keep",
}


ApiRole = Literal["reader", "reviewer", "privacy_officer"]


class ApiToken(BaseModel):
    """One API client of `docpipe serve`: who it is, its role, its bearer token (a secret)."""

    model_config = {"extra": "forbid", "frozen": True}

    name: str = Field(min_length=1, max_length=100, pattern=r"^[\w.@-]+$")
    role: ApiRole
    token: SecretStr = Field(min_length=16)


class Settings(BaseSettings):
    """Everything docpipe can be told. Each field is documented in README.md."""

    model_config = SettingsConfigDict(env_prefix="DOCPIPE_", extra="forbid", frozen=True)

    database_url: str = Field(
        default="sqlite:///docpipe.db",
        description="SQLAlchemy URL of the store; default: a SQLite file in the working dir.",
    )
    engine: str = Field(
        default="auto",
        description=f"Extraction engine: {', '.join(('auto', *ENGINE_KINDS))} "
        "(auto: ubl for UBL-TR XML, else a model if configured).",
    )
    max_file_bytes: int = Field(
        default=200 * 1024 * 1024, gt=0, description="Files larger than this are refused."
    )
    max_pages: int = Field(default=1000, gt=0, description="Documents with more pages are refused.")
    max_image_pixels: int = Field(
        default=120_000_000,
        gt=0,
        description="Images (or rendered pages) with more pixels than this are refused.",
    )
    render_dpi: int = Field(
        default=200, ge=72, le=600, description="Resolution for rendering pages without text."
    )
    min_text_chars: int = Field(
        default=20,
        ge=0,
        description="A PDF page with fewer text-layer characters counts as having no text layer.",
    )
    ocr: bool = Field(default=True, description="OCR pages that have no usable text layer.")
    ocr_languages: str = Field(
        default="tur+eng", pattern=r"^[a-z_]+(\+[a-z_]+)*$", description="Tesseract languages."
    )
    ocr_timeout_s: float = Field(default=120.0, gt=0, description="Seconds allowed per OCR page.")
    store_results: bool = Field(
        default=True, description="Write documents and extractions to the database."
    )
    # -- preprocessing
    preprocess: bool = Field(
        default=True, description="Clean up scans and photos (OpenCV) before OCR."
    )
    preprocess_orient: bool = Field(
        default=True, description="Turn pages upright (0/90/180/270) with Tesseract OSD."
    )
    preprocess_perspective: bool = Field(
        default=True, description="Find the page in a photo and warp it to a rectangle."
    )
    preprocess_resample: bool = Field(
        default=True, description="Rescale pages of known dpi to preprocess_target_dpi."
    )
    preprocess_target_dpi: int = Field(
        default=300, ge=100, le=600, description="Resolution OCR reads scans at."
    )
    preprocess_deskew: bool = Field(default=True, description="Straighten slightly rotated pages.")
    preprocess_contrast: bool = Field(
        default=True, description="Stretch washed-out scans so their darkest ink is black."
    )
    preprocess_invert_regions: bool = Field(
        default=True, description="Turn white-on-dark bands (table headers) dark-on-white."
    )
    preprocess_illumination: bool = Field(
        default=True, description="Even out shadows and uneven lighting."
    )
    preprocess_denoise: bool = Field(default=True, description="Remove speckle and sensor noise.")
    preprocess_binarise: bool = Field(
        default=False, description="Binarise (Otsu) before OCR instead of passing grey."
    )
    preprocess_remove_rules: bool = Field(
        default=True, description="Erase table ruling lines before OCR."
    )
    ocr_psm: int = Field(
        default=11,
        ge=3,
        le=13,
        description="Tesseract page segmentation mode for scans (11: sparse text; tables).",
    )

    # -- watch daemon
    watch_workers: int = Field(
        default=0, ge=0, description="Worker processes of `docpipe watch`; 0 = number of cores."
    )
    watch_stable_s: float = Field(
        default=2.0,
        ge=0,
        description="A file is taken once its size and mtime were unchanged this long.",
    )
    watch_poll_s: float = Field(
        default=5.0, gt=0, description="Seconds between full scans of the inbox."
    )
    watch_events: bool = Field(
        default=True, description="Also react to file-system events (watchdog)."
    )
    watch_keep_in_place: bool = Field(
        default=False, description="Leave files in the inbox instead of moving them."
    )
    watch_worker_memory_mb: int = Field(
        default=2048, ge=0, description="Memory (heap) limit per worker in MiB; 0 = none."
    )
    watch_worker_max_jobs: int = Field(
        default=200, gt=0, description="A worker process is replaced after this many jobs."
    )
    watch_job_timeout_s: float = Field(
        default=900.0, gt=0, description="A job running longer is killed and quarantined."
    )
    watch_lease_s: float = Field(
        default=60.0,
        gt=0,
        description="A claimed job whose daemon stopped renewing it this long is retried.",
    )
    watch_max_attempts: int = Field(
        default=3, ge=1, description="Interrupted attempts before a file is quarantined."
    )
    watch_health_file: str | None = Field(
        default=None, description="Health JSON file; default INBOX/.docpipe/health-HOST.json."
    )
    watch_log_json: bool = Field(default=False, description="Log one JSON object per line.")

    # -- Celery across machines (issue 17): `docpipe worker`, `docpipe submit`, `watch`
    broker_url: SecretStr | None = Field(
        default=None,
        description="Celery broker (amqp://user:pass@host:5672/vhost or redis://host:6379/0); "
        "set: `docpipe watch` enqueues into Celery instead of running its own workers.",
    )
    celery_queue_prefix: str = Field(
        default="docpipe",
        pattern=r"^[A-Za-z0-9_.-]{1,100}$",
        description="Names the queues PREFIX.cpu, PREFIX.model and PREFIX.dead.",
    )
    celery_delivery_limit: int = Field(
        default=3,
        ge=1,
        description="Deliveries of one document (a worker killed under it, each time) "
        "before it is dead-lettered and recorded failed.",
    )
    celery_max_tasks_per_child: int = Field(
        default=200, ge=1, description="A Celery worker process is replaced after this many."
    )
    celery_max_memory_mb: int = Field(
        default=1536,
        ge=0,
        description="A Celery worker process over this resident memory is replaced after its "
        "document (worker_max_memory_per_child); 0 = never.",
    )
    celery_model_concurrency: int = Field(
        default=8, ge=1, description="Threads of a worker on the model queue (I/O-bound)."
    )

    # -- model engines (vlm: in-process transformers; openai: an OpenAI-compatible server)
    vlm_model: str | None = Field(
        default=None,
        description="vlm: local model directory; openai: the model name the server serves.",
    )
    vlm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible server, e.g. http://gpu-box:8000/v1."
    )
    vlm_api_key: SecretStr | None = Field(
        default=None, description="API key of the model server, if it needs one (a secret)."
    )
    vlm_device: Literal["auto", "cuda", "cpu"] = Field(
        default="auto", description="Where the vlm engine runs; auto = CUDA when available."
    )
    vlm_dtype: Literal["auto", "bfloat16", "float16", "float32"] = Field(
        default="auto", description="Weights dtype; auto = bfloat16 on CUDA, float32 on CPU."
    )
    vlm_max_pixels: int = Field(
        default=1_003_520, ge=1024, description="Pixel budget of one page image sent to a model."
    )
    vlm_pages_per_call: int = Field(
        default=4, ge=1, le=64, description="Pages shown to the model in one prompt."
    )
    vlm_batch_size: int = Field(
        default=4, ge=1, le=256, description="Prompts the vlm engine generates together."
    )
    vlm_max_new_tokens: int = Field(default=2048, ge=16, description="Token budget of one answer.")
    vlm_max_string_chars: int = Field(
        default=400, ge=1, description="Longest string value the model may write."
    )
    vlm_max_list_items: int = Field(
        default=100, ge=0, description="Most list items (line items …) per prompt."
    )
    vlm_text_context: bool = Field(
        default=True, description="Give the model the text already read (text layer/OCR)."
    )
    vlm_max_text_chars: int = Field(
        default=6000, ge=0, description="At most this much page text per prompt."
    )
    vlm_cross_check: bool = Field(
        default=True, description="Also run the rules engine and flag fields it reads differently."
    )
    vlm_timeout_s: float = Field(
        default=120.0, gt=0, description="Seconds a model server may take for one answer."
    )
    vlm_retries: int = Field(
        default=2, ge=0, description="Retries (with backoff) when the server is unreachable/busy."
    )
    vlm_fix_attempts: int = Field(
        default=2, ge=0, description="Times an answer that fails validation is sent back (openai)."
    )
    vlm_concurrency: int = Field(
        default=4, ge=1, le=256, description="Requests in flight to the model server at once."
    )

    # -- personal data (KVKK)
    redact: bool = Field(
        default=True,
        description="Store and print only redacted personal data (originals go to the vault).",
    )
    redact_strategies: dict[str, RedactStrategy] = Field(
        default_factory=lambda: dict(DEFAULT_STRATEGIES),
        description="Entity type -> keep, mask, tag, hash, pseudonym or vault.",
    )
    vault_key: SecretStr | None = Field(
        default=None,
        description="The vault key itself (base64, from `docpipe keygen`); a secret.",
    )
    vault_key_file: str | None = Field(
        default=None,
        description="File holding the vault key (base64); vault_key wins when set.",
    )
    vault_originals: bool = Field(
        default=True,
        description="Keep originals of personal fields encrypted in the vault for `reveal`.",
    )
    personal_text: Literal["sealed", "drop"] = Field(
        default="sealed",
        description="Text and evidence quotes of identity documents and of documents not "
        "understood (type unknown, extraction failed): sealed in the vault, or not stored.",
    )
    store_special_categories: bool = Field(
        default=False,
        description="Keep special-category data (KVKK Art. 6), encrypted in the vault.",
    )
    retention_days: dict[str, int] = Field(
        default_factory=default_retention_days,  # each family declares its own
        description="Document type (or failed) -> days a document is kept before `purge`.",
    )
    destruction_log_days: int = Field(
        default=1095,
        ge=1095,
        description="Days destruction-log entries are kept (at least 3 years).",
    )

    # -- UBL-TR XML and containers (e-Fatura XML, GİB/integrator ZIPs)
    ubl_max_bytes: int = Field(
        default=20 * 1024 * 1024, gt=0, description="UBL-TR XML larger than this is refused."
    )
    ubl_max_depth: int = Field(
        default=64, gt=0, description="XML nested deeper than this is refused (UBL needs ~12)."
    )
    zip_max_members: int = Field(
        default=500, gt=0, description="A ZIP with more members than this is refused."
    )
    zip_max_bytes: int = Field(
        default=500 * 1024 * 1024,
        gt=0,
        description="A ZIP whose members unpack to more bytes than this is refused.",
    )
    zip_max_ratio: int = Field(
        default=100,
        gt=0,
        description="A ZIP member compressed more than this many times is refused (zip bomb).",
    )

    @field_validator("engine")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        known = ("auto", *ENGINE_KINDS)
        if value not in known:
            raise ValueError(f"unknown engine {value!r}; available engines: {', '.join(known)}")
        return value

    # -- karekod and one invoice per ETTN (issue 14)
    karekod: bool = Field(
        default=True,
        description="Decode the GİB karekod (QR) on invoices and check the page against it.",
    )
    karekod_dpi: int = Field(
        default=200,
        ge=72,
        le=600,
        description="Resolution for rendering PDF pages when looking for a drawn karekod.",
    )

    # -- the review page (issue 16)
    ui_language: Literal["tr", "en"] = Field(
        default="tr", description="Language of the review page (`/review`): tr or en."
    )

    # -- per-document limits of `docpipe run` and the Python API (hostile input)
    doc_timeout_s: float = Field(
        default=600.0,
        gt=0,
        description="Wall time per document in `docpipe run`; reading stops at 80 % of it "
        "(pages read are kept), the worker is killed at 100 %.",
    )
    doc_memory_mb: int = Field(
        default=1024,
        ge=0,
        description="Memory (heap) limit of the `docpipe run` worker process in MiB; 0 = none.",
    )
    # -- scale (issue 17) --
    jobs: int = Field(
        default=0,
        ge=0,
        description="Worker processes of `docpipe run`, one document each at a time; "
        "0 = one per core.",
    )

    # -- HTTP API and review (issue 16): `docpipe serve`
    api_host: str = Field(
        default="127.0.0.1", description="Address `docpipe serve` binds; loopback by default."
    )
    api_port: int = Field(default=8000, ge=1, le=65535, description="Port of `docpipe serve`.")
    api_token: SecretStr | None = Field(
        default=None,
        description="One admin bearer token with every role (scripts); a secret, >= 16 chars.",
        min_length=16,
    )
    api_tokens: list[ApiToken] = Field(
        default_factory=list,
        description="API clients: a list of {name, role (reader, reviewer, privacy_officer), "
        "token}; tokens are secrets.",
    )
    api_upload_dir: str = Field(
        default="docpipe-uploads",
        description="Folder where `docpipe serve` keeps uploaded files (the originals).",
    )
    api_sync_wait_s: float = Field(
        default=5.0,
        ge=0,
        description="An upload done within this many seconds is answered 200 with its "
        "result; later ones 202 with an id to poll.",
    )

    # -- KVKK at rest (issue 15): an override changes only the entities it names
    @field_validator("redact_strategies")
    @classmethod
    def _merge_strategies(cls, value: dict[str, RedactStrategy]) -> dict[str, RedactStrategy]:
        """``{"PERSON": "tag"}`` tags names; every other entity keeps its default."""
        return {**DEFAULT_STRATEGIES, **value}

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        toml_path = config_file_path()
        if toml_path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)


def setting_default(name: str) -> Any:
    """A setting's default, for options objects that mirror settings (one default per knob)."""
    field = Settings.model_fields[name]
    return field.default_factory() if field.default_factory is not None else field.default  # type: ignore[call-arg]


def config_file_path() -> Path | None:
    explicit = os.environ.get("DOCPIPE_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"DOCPIPE_CONFIG points to {path}, which is not a file.")
        return path
    local = Path("docpipe.toml")
    return local if local.is_file() else None


#: ``DOCPIPE_*`` variables that are not settings, each documented in README.md: the
#: config file, and the development ones the tests and sample generators read.
ENV_NOT_SETTINGS = frozenset(
    {
        "DOCPIPE_CONFIG",
        "DOCPIPE_RUN_SLOW",
        "DOCPIPE_TEST_SEED",  # tests/conftest.py fresh_seed: replays a fresh-seed test run
        "DOCPIPE_TEST_POSTGRES_URL",
        "DOCPIPE_DESIGNS_CACHE",
        "DOCPIPE_UBL_XSD_DIR",
        "DOCPIPE_UBL_RELEASE_GIT",
        "DOCPIPE_WATCH_REPORT",
        "DOCPIPE_LEAK_TABLE",
        "DOCPIPE_TEST_BROKER_URL",
    }
)


def check_environment(environ: Mapping[str, str] | None = None) -> None:
    """Refuse a ``DOCPIPE_*`` variable that names no setting (a typo would otherwise be
    ignored silently and its default used): one line, with the nearest known name."""
    prefix = "DOCPIPE_"
    known = {prefix + name.upper() for name in Settings.model_fields} | ENV_NOT_SETTINGS
    for name in sorted(os.environ if environ is None else environ):
        upper = name.upper()
        if upper.startswith(prefix) and upper not in known:
            close = difflib.get_close_matches(upper, sorted(known), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else ""
            shown = name if name.isprintable() else ascii(name)
            raise ConfigError(f"unknown environment variable {shown}{hint} (see README 'Settings')")


def resolve_kind(settings: Settings) -> str:
    """The engine kind ``auto`` stands for: a model engine when configured, else rules.
    Here, not in ``docpipe.extract``, so that deciding it loads no engine."""
    if settings.engine != "auto":
        return settings.engine
    if settings.vlm_base_url:
        return "openai"
    if settings.vlm_model:
        return "vlm"
    return "rules"


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning validation errors into one-line ConfigErrors."""
    check_environment()
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(
            f"invalid docpipe settings ({problems}); see README 'Settings'."
        ) from None
