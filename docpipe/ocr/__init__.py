"""OCR engines: words with boxes and confidences in the document model."""
