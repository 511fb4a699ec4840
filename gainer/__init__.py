"""gainer: read Chinese government information disclosure annual reports into one validated record."""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import GainerError  # noqa: E402
from .types import Document, Record, Span  # noqa: E402

__all__ = ["__version__", "GainerError", "Document", "Record", "Span", "extract", "read_document"]


def extract(source, **kwargs) -> Record:
    """Read a report (a path, or the report's text) and return its standard record."""
    from .api import extract as _extract

    return _extract(source, **kwargs)


def read_document(path, **kwargs) -> Document:
    """Read a report file of any supported format into a Document."""
    from .readers import read_document as _read

    return _read(path, **kwargs)
