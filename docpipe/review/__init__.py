"""Review: resolving what the pipeline could not decide alone.

``ReviewService`` (the queue, approve, reject, correct with validators run again,
reprocess, reveal, page images) and ``export_truth`` (approved and corrected
records as ``docpipe eval`` truth files). The HTTP API and the review page are
shells over it.
"""

from docpipe.review.errors import Conflict, InvalidCorrection, NotAllowed, NotFound
from docpipe.review.service import ReviewService

__all__ = ["Conflict", "InvalidCorrection", "NotAllowed", "NotFound", "ReviewService"]
