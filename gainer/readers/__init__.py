"""Readers: turn a report file (.txt, .md, .html, .docx, .pdf) or a string into one Document whose table cells index its text.

Every reader renders a single text: prose lines (trailing spaces removed, at most one blank line
in a row) with each table written in place, one line per row and cells separated by tabs.
``Cell.span`` points at the cell's text in that line, so ``doc.text[span.start:span.end] ==
span.text`` always holds. Later stages may normalise characters but never re-render the text.

PDFs also fill ``Document.pages`` with the (start, end) offsets of each page, and ``Table.page``
is the 0-based index of the page a table was found on (``doc.pages[table.page]``).
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import EmptyDocumentError, EncodingError, InputError, UnsupportedFormatError
from ..types import Document, sha256_bytes, sha256_text
from .encoding import decode_bytes, looks_binary
from .plain import find_pipe_tables, normalise_text

__all__ = ["read_document", "read_text", "read_pdf_text", "SUPPORTED_EXTENSIONS"]

SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_FORMATS = {"txt", "md", "html", "docx", "pdf"}
_FORMAT_ALIASES = {"text": "txt", "markdown": "md", "htm": "html"}
_LEGACY = {".doc": "Word 97-2003 .doc", ".wps": "WPS .wps", ".xls": "Excel .xls", ".xlsx": "Excel .xlsx", ".ofd": "OFD"}


def _supported() -> str:
    return ", ".join(sorted(SUPPORTED_EXTENSIONS))


def _format_for(path: Path, format: str | None) -> str:
    if format is not None:
        f = format.lower().lstrip(".")
        f = _FORMAT_ALIASES.get(f, f)
        if f not in _FORMATS:
            raise UnsupportedFormatError(
                f"unknown format {format!r}; expected one of {', '.join(sorted(_FORMATS))}",
                source=str(path),
                hint="pass format=None to use the file extension",
            )
        return f
    ext = path.suffix.lower()
    if ext in SUPPORTED_EXTENSIONS:
        return SUPPORTED_EXTENSIONS[ext]
    what = _LEGACY.get(ext)
    hint = f"save the {what} file as .docx or .pdf" if what else "rename the file if its content is one of these formats, or pass format="
    raise UnsupportedFormatError(
        f"cannot read {'files without an extension' if not ext else repr(ext) + ' files'}; supported extensions: {_supported()}",
        source=str(path),
        hint=hint,
    )


def _read_bytes(path: Path) -> bytes:
    source = str(path)
    if path.is_dir():
        raise InputError(
            "expected a report file but this is a directory",
            source=source,
            hint="pass one file; to read many, loop over the directory's files",
        )
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("the file does not exist", source=source, hint="check the path and the working directory") from None
    except PermissionError:
        raise InputError("the file cannot be read (permission denied)", source=source, hint="check the file's permissions") from None
    except OSError as e:
        raise InputError(f"the file cannot be read ({e.strerror or e})", source=source, hint="check the path points to a regular file") from None


def _empty(source: str) -> EmptyDocumentError:
    return EmptyDocumentError(
        "expected a report but the file is empty or contains only whitespace",
        source=source,
        hint="check that the download or export completed",
    )


def read_document(path: str | os.PathLike[str], *, format: str | None = None) -> Document:
    """Read one report file into a Document.

    The format comes from the extension (case-insensitive: .txt, .md/.markdown, .html/.htm,
    .docx, .pdf) unless ``format`` ("txt", "md", "html", "docx", "pdf") overrides it.
    ``sha256`` is the hash of the file's bytes; ``encoding`` is set for text formats.

    Raises InputError (missing file, directory), UnsupportedFormatError, EmptyDocumentError,
    EncodingError (binary content in a text format) and CorruptFileError (bad .docx/.pdf).
    """
    p = Path(path)
    source = str(path)
    fmt = _format_for(p, format)
    data = _read_bytes(p)
    if not data.strip():
        raise _empty(source)
    digest = sha256_bytes(data)
    if fmt in ("txt", "md"):
        raw, codec = decode_bytes(data, source=source)
        text = normalise_text(raw)
        return Document(text, find_pipe_tables(text), source, fmt, digest, codec)
    if fmt == "html":
        from .web import read_html_bytes

        text, tables, codec = read_html_bytes(data, source=source)
        return Document(text, tables, source, fmt, digest, codec)
    if fmt == "docx":
        from .word import read_docx_bytes

        text, tables = read_docx_bytes(data, source=source)
        if not text.strip():
            raise EmptyDocumentError(
                "expected a report but the Word document contains no text",
                source=source,
                hint="check that the right file was exported",
            )
        return Document(text, tables, source, fmt, digest)
    from .pdf import read_pdf_bytes

    text, tables, pages = read_pdf_bytes(data, source=source)
    return Document(text, tables, source, fmt, digest, pages=pages)


def read_pdf_text(path: str | os.PathLike[str]) -> Document:
    """Read a PDF as flattened text: ``page.extract_text()`` per page joined by newlines, no tables.

    The same text a plain PDF-to-text conversion gives, for testing the parser on flattened tables.
    """
    p = Path(path)
    source = str(path)
    data = _read_bytes(p)
    if not data.strip():
        raise _empty(source)
    from .pdf import read_pdf_flat_bytes

    text, _, pages = read_pdf_flat_bytes(data, source=source)
    return Document(text, (), source, "pdf", sha256_bytes(data), pages=pages)


def read_text(text: str, *, name: str | None = None) -> Document:
    """Read a report already in memory (format "text"); Markdown pipe tables become Tables.

    Newlines are normalised and trailing spaces removed as for files; ``sha256`` hashes the
    given string's UTF-8 bytes.
    """
    source = name or "<text>"
    if not isinstance(text, str):
        raise InputError(
            f"expected the report as a str but got {type(text).__name__}",
            source=source,
            hint="decode bytes first, or pass a file path to read_document()",
        )
    if not text.strip():
        raise EmptyDocumentError("expected report text but the string is empty or whitespace only", source=source, hint="pass the report's text")
    if looks_binary(text):
        raise EncodingError(
            "expected report text but the string contains NUL, control or undecodable characters",
            source=source,
            hint="decode the bytes with the right encoding, or pass the file path to read_document()",
        )
    digest = sha256_text(text)
    body = normalise_text(text[1:] if text.startswith("\ufeff") else text)
    return Document(body, find_pipe_tables(body), name, "text", digest)
