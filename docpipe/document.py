"""The engine-neutral document model.

Every reader (PDF text layer, Tesseract, a future one) converts its output
into these types at its own edge, so nothing downstream sees PyMuPDF tuples
or Tesseract TSV rows. Coordinates are in the page's own units: PDF points
for PDF pages, pixels for images; ``Page.width``/``Page.height`` give the
frame, and boxes are ``(x0, y0, x1, y1)`` with the origin top-left.

These objects hold document text, which is personal data: never log them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

if TYPE_CHECKING:  # numpy only types a page image: ``docpipe run``'s parent never holds one
    import numpy as np

BBox = tuple[float, float, float, float]

TextSource = Literal["text_layer", "ocr", "none"]


def union_boxes(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding all ``boxes``."""
    x0s, y0s, x1s, y1s = zip(*boxes, strict=True)
    return (min(x0s), min(y0s), max(x1s), max(y1s))


_UBL_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


@dataclass(frozen=True)
class UblDocument:
    """A parsed UBL-TR invoice (``docpipe.ingest.ubl``): the lxml root element and its
    embedded print design (XSLT), kept and never run implicitly."""

    root: Any  # lxml.etree._Element; lxml stays out of the document model's imports
    xslt: bytes | None  # AdditionalDocumentReference XSLT, decoded
    xslt_name: str | None = None

    @property
    def ettn(self) -> str | None:
        """The invoice's ETTN (``cbc:UUID``), lower case, or None."""
        value = (self.root.findtext(f"{{{_UBL_CBC}}}UUID") or "").strip().lower()
        return value or None


@dataclass(frozen=True, slots=True)
class Word:
    """One word with its box. ``conf`` is 0..1 (1.0 for a PDF text layer)."""

    text: str
    bbox: BBox
    conf: float = 1.0
    block: int = 0
    line: int = 0

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def y0(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def y1(self) -> float:
        return self.bbox[3]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One preprocessing step that ran on a page: its name, time and measurements.

    ``measured`` holds numbers and flags only (angle, quad corners, scale, …).
    """

    name: str
    seconds: float = 0.0
    measured: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its frame, its words, and (when rendered) its image."""

    number: int  # 1-based
    width: float
    height: float
    unit: Literal["pt", "px"] = "pt"
    words: tuple[Word, ...] = ()
    text_source: TextSource = "none"
    image: np.ndarray | None = field(default=None, compare=False, repr=False)
    dpi: float | None = None
    preprocessing: tuple[StepRecord, ...] = ()  # steps run before OCR (scans and photos)
    document_found: bool = True  # False: a photo in which no page could be found
    blank: bool = False  # nothing to read on it (uniform or tiny): never OCRed
    #: where a PDF page draws its embedded images: (MD5 digest of the image's pixels, box),
    #: what PyMuPDF's ``Page.get_image_rects`` looks up, read with the words (the karekod
    #: search needs no second text extraction); None where nobody looked
    image_boxes: tuple[tuple[bytes, BBox], ...] | None = field(
        default=None, compare=False, repr=False
    )

    @property
    def has_text(self) -> bool:
        return bool(self.words)


@dataclass(frozen=True, slots=True)
class Document:
    """A file read into pages. ``sha256`` identifies the content."""

    path: str
    sha256: str
    media_type: str
    size_bytes: int
    pages: tuple[Page, ...] = ()
    data: bytes | None = field(default=None, repr=False, compare=False)  # the file's bytes
    # UBL-TR invoice this document carries: the XML file itself or a PDF's XML attachment
    ubl: UblDocument | None = field(default=None, repr=False, compare=False)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def with_pages(self, pages: tuple[Page, ...]) -> Document:
        return replace(self, pages=pages)


class Evidence(BaseModel):
    """Where an extracted value came from."""

    page: int | None = Field(default=None, description="1-based page number")
    bbox: BBox | None = Field(default=None, description="x0, y0, x1, y1 in page units")
    source_text: str | None = Field(default=None, max_length=2000)
    engine: str
    confidence: float = Field(ge=0.0, le=1.0)
    element: str | None = Field(
        default=None, max_length=400, description="path of the XML element (engine ubl)"
    )
