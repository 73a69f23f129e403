"""What the preprocessing steps know about a page besides its pixels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class PageState:
    """What the steps know about the page besides its pixels."""

    dpi: float | None
    target_dpi: int
    languages: str
    timeout_s: float
    is_photo: bool = False
    document_found: bool = True
    colour: np.ndarray | None = None  # the page in colour (RGB), for finding it in a photo
    #: the page is a document alone on a scanner's glass: it is turned upright once cut out
    orient_on_glass: bool = False
    #: the ``perspective`` step runs after ``orient`` (it cuts a document out of its glass)
    perspective_follows: bool = True
    #: ``contrast`` stretched a washed-out scan (its print was lifted to mid grey)
    stretched: bool = False
