"""Turkish text handling shared by every engine: case, numbers, dates, layout."""
