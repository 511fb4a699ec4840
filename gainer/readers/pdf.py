"""PDF: ruled tables as Tables rendered in place, the rest of each page as text in reading order.

Tables are found by pdfplumber's algorithms (ruling lines -> cells -> tables) and text is built by
pdfplumber's ``extract_text``. The objects they run on come from one of two engines:

- ``pdfium`` (default): characters and painted paths read by pypdfium2 and shaped like
  pdfplumber's (see :mod:`.pdf_fast`), about ten times faster than pdfminer's parser;
- ``pdfplumber``: pdfplumber's own pages (pdfminer), the reference.

``GAINER_PDF_ENGINE=pdfplumber`` (or ``engine="pdfplumber"``) selects the reference engine. The
fast engine hands a page to pdfplumber where PDFium's view of it would differ (a rotated page, text
PDFium's text page drops), and the whole document where pypdfium2 is missing or cannot open or load
it, so the errors for bad files are pdfplumber's in any case.
"""
from __future__ import annotations

import bisect
import io
import os
from typing import Any

from ..errors import CorruptFileError, EmptyDocumentError
from ._layout import RawCell, TextBuilder, collapse_ws

Char = dict[str, Any]
BBox = tuple[float, float, float, float]

ENGINE_ENV = "GAINER_PDF_ENGINE"


def _engine(engine: str | None) -> str:
    """The engine to use: the argument, else ``GAINER_PDF_ENGINE``, else pdfium when importable.

    An unknown name means the default, like the other ``GAINER_*`` settings.
    """
    name = (engine if engine is not None else os.environ.get(ENGINE_ENV, "")).strip().lower()
    if name == "pdfplumber":
        return "pdfplumber"
    try:
        from . import pdf_fast  # pypdfium2 comes with pdfplumber, but an old or missing one is possible
    except ImportError:
        return "pdfplumber"
    return "pdfium" if pdf_fast.available() else "pdfplumber"


def _check_bytes(data: bytes, source: str) -> None:
    if b"%PDF-" not in data[:1024]:
        raise CorruptFileError(
            "expected a PDF file but it does not start with a %PDF- header",
            source=source,
            hint="check the file really is a PDF (not an HTML error page or another format renamed)",
        )
    if b"%%EOF" not in data[-2048:]:
        raise CorruptFileError(
            "expected a complete PDF but the end-of-file marker is missing: the file looks truncated",
            source=source,
            hint="download or copy the file again",
        )


def _open(data: bytes, source: str):
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as e:  # pdfminer raises many unrelated types for one cause: a bad file
        name = type(e).__name__
        cause = f"{name}: {e}".rstrip(": ")
        inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else None
        if inner is not None and not str(inner):  # PdfminerException(PDFPasswordIncorrect()) prints as ""
            cause = f"{name}: {type(inner).__name__}"
        if "password" in cause.lower() or "encrypt" in cause.lower():
            raise CorruptFileError(
                f"expected a readable PDF but it is encrypted ({cause})",
                source=source,
                hint="remove the password (print to a new PDF) and try again",
            ) from None
        raise CorruptFileError(
            f"expected a PDF but it cannot be parsed ({cause})",
            source=source,
            hint="check the file is complete, or re-export it from the original document",
        ) from None
    return pdf, pages


def _page_chars(page, source: str, passthrough: tuple[type[BaseException], ...] = ()) -> list[Char]:
    try:
        return page.chars
    except passthrough:
        raise
    except Exception as e:
        raise CorruptFileError(
            f"expected a readable PDF but page {page.page_number} cannot be parsed ({type(e).__name__}: {e})",
            source=source,
            hint="check the file is complete, or re-export it from the original document",
        ) from None


def _no_text(source: str) -> EmptyDocumentError:
    return EmptyDocumentError(
        "expected a PDF with a text layer but no text could be extracted (a scanned image?)",
        source=source,
        hint="run OCR on the PDF first (e.g. ocrmypdf) and read the OCR'd file",
    )


# A char belongs to the box its centre falls in (pdfplumber's own rule for table cells).
Placed = tuple[float, float, Char]  # (horizontal centre, vertical centre, char)


def _centres(chars: list[Char]) -> list[Placed]:
    return [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in chars]


def _within(placed: list[Placed], bbox: BBox) -> list[Placed]:
    x0, top, x1, bottom = bbox
    return [p for p in placed if x0 <= p[0] < x1 and top <= p[1] < bottom]


class _Axis:
    """Clusters cell edge coordinates (within ``tol`` points) into grid line indices."""

    def __init__(self, values: list[float], tol: float = 1.5):
        self.lows: list[float] = []
        last = None
        for v in sorted(values):
            if last is None or v - last > tol:
                self.lows.append(v)
            last = v

    def __call__(self, v: float) -> int:
        return max(0, bisect.bisect_right(self.lows, v + 1e-6) - 1)


def _cell_text(chars: list[Char], x_tol: float = 3.0, y_tol: float = 3.0) -> str:
    """Text of a cell's chars: lines clustered by top, a space where a gap exceeds ``x_tol``.

    A lean equivalent of pdfplumber's ``extract_text`` defaults for the few chars of one cell
    (the general function's set-up costs more than the work for ~300 cells per report).
    """
    lines: list[list[Char]] = []
    last_top = None
    for c in sorted(chars, key=lambda c: c["top"]):
        if last_top is None or c["top"] - last_top > y_tol:
            lines.append([])
        lines[-1].append(c)
        last_top = c["top"]
    out: list[str] = []
    for line in lines:
        parts: list[str] = []
        prev_x1 = None
        for c in sorted(line, key=lambda c: c["x0"]):
            t = c["text"]
            if t.isspace():
                prev_x1 = None if prev_x1 is None else -1e9  # a space char separates words
                continue
            if prev_x1 is not None and c["x0"] > prev_x1 + x_tol:
                parts.append(" ")
            parts.append(t)
            prev_x1 = c["x1"]
        out.append("".join(parts))
    return "\n".join(out)


def _table_cells(table, placed: list[Placed]) -> list[RawCell] | None:
    """Cells of a found table with grid spans; None when it is not a data table.

    A table with at most one cell in every row is a framed text box or shaded lines of prose
    (pdfplumber finds such rectangles too), so its text stays prose.
    """
    rows = [(row.bbox, row.cells) for row in table.rows]  # both are computed on every access
    if all(sum(c is not None for c in cells) <= 1 for _, cells in rows):
        return None
    boxes = [bbox for _, cells in rows for bbox in cells if bbox is not None]
    xs = _Axis([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _Axis([b[1] for b in boxes] + [b[3] for b in boxes])
    out: list[RawCell] = []
    for row_bbox, cells in rows:
        in_row = _within(placed, row_bbox)
        for bbox in cells:
            if bbox is None:
                continue  # no cell here (covered by a merged cell)
            in_cell = _within(in_row, bbox)
            text = collapse_ws(_cell_text([p[2] for p in in_cell])) if in_cell else ""
            r, k = ys(bbox[1]), xs(bbox[0])
            out.append(RawCell(r, k, text, max(1, ys(bbox[3]) - r), max(1, xs(bbox[2]) - k)))
    return out


def _render_page(page, chars: list[Char], out: TextBuilder, index: int) -> None:
    """One page into ``out``; ``page`` is a pdfplumber page or a :class:`.pdf_fast.FastPage`."""
    from pdfplumber.utils import extract_text

    placed = _centres(chars)
    found = []
    for t in page.find_tables():
        bbox = t.bbox
        cells = _table_cells(t, _within(placed, bbox))
        if cells is not None:
            found.append((bbox, cells))
    if not found:
        out.add_text(extract_text(chars))
        return
    found.sort(key=lambda f: f[0][1])
    tops = [f[0][1] for f in found]
    boxes = [f[0] for f in found]
    bands: list[list[Char]] = [[] for _ in range(len(found) + 1)]
    for h, v, c in placed:
        if any(b[0] <= h < b[2] and b[1] <= v < b[3] for b in boxes):
            continue
        bands[bisect.bisect_left(tops, v)].append(c)
    for i, band in enumerate(bands):
        if band:
            out.add_text(extract_text(band))
        if i < len(found):
            out.add_table(found[i][1], "pdf", index)


def _open_fast(data: bytes):
    from .pdf_fast import FastDocument

    doc = FastDocument(data)
    return doc, doc.pages


def _read(data: bytes, source: str, tables: bool, engine: str | None = None) -> tuple[str, tuple, tuple[tuple[int, int], ...]]:
    _check_bytes(data, source)
    if _engine(engine) == "pdfium":
        from .pdf_fast import LOCK, Unsupported

        with LOCK:  # PDFium is not thread-safe
            try:
                return _read_pages(*_open_fast(data), source, tables, passthrough=(Unsupported,))
            except Unsupported:
                pass  # pdfplumber reads it (and reports a bad file in its own words)
    return _read_pages(*_open(data, source), source, tables)


def _read_pages(
    pdf, pages, source: str, tables: bool, passthrough: tuple[type[BaseException], ...] = ()
) -> tuple[str, tuple, tuple[tuple[int, int], ...]]:
    out = TextBuilder()
    marks: list[tuple[int, int]] = []
    n_chars = 0
    with pdf:
        for i, page in enumerate(pages):
            first = out.n_lines
            chars = _page_chars(page, source, passthrough)
            n_chars += len(chars)
            if chars:
                if tables:
                    _render_page(page, chars, out, i)
                else:
                    out.add_text(page.extract_text())
            marks.append((first, out.n_lines))
    if not n_chars:
        raise _no_text(source)
    text, found, starts = out.build()
    if not text.strip():
        raise _no_text(source)
    spans = tuple(out.line_span(starts, a, b) for a, b in marks)
    return text, found, spans


def read_pdf_bytes(data: bytes, *, source: str, engine: str | None = None) -> tuple[str, tuple, tuple[tuple[int, int], ...]]:
    """Text with tables rendered in place: (text, tables, page spans).

    ``engine`` is "pdfium" or "pdfplumber"; None means ``GAINER_PDF_ENGINE`` or the default (pdfium).
    """
    return _read(data, source, tables=True, engine=engine)


def read_pdf_flat_bytes(data: bytes, *, source: str, engine: str | None = None) -> tuple[str, tuple, tuple[tuple[int, int], ...]]:
    """Only ``page.extract_text()`` of each page, no tables: (text, (), page spans)."""
    return _read(data, source, tables=False, engine=engine)
