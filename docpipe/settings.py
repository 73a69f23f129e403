"""Configuration: one typed object, built once and passed down.

Sources, strongest first: keyword arguments (the CLI and the Python API go
through the same constructor), ``DOCPIPE_*`` environment variables, then a
TOML file: ``DOCPIPE_CONFIG`` if set, else ``./docpipe.toml`` if present.
Unknown keys are an error, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from docpipe.errors import ConfigError

EngineKind = Literal["auto", "rules"]


class Settings(BaseSettings):
    """Everything docpipe can be told. Each field is documented in README.md."""

    model_config = SettingsConfigDict(env_prefix="DOCPIPE_", extra="forbid", frozen=True)

    database_url: str = Field(
        default="sqlite:///docpipe.db",
        description="SQLAlchemy URL of the store; default: a SQLite file in the working dir.",
    )
    engine: EngineKind = Field(default="auto", description="Extraction engine: auto or rules.")
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
        default=2048, ge=0, description="Address-space limit per worker in MiB; 0 = none."
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


def config_file_path() -> Path | None:
    explicit = os.environ.get("DOCPIPE_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"DOCPIPE_CONFIG points to {path}, which is not a file.")
        return path
    local = Path("docpipe.toml")
    return local if local.is_file() else None


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning validation errors into one-line ConfigErrors."""
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
