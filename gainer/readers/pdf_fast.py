"""PDF pages read by pypdfium2 and shaped like pdfplumber's, so that pdfplumber's own table and text algorithms run on them.

pdfplumber takes its characters and ruling lines from pdfminer, whose pure-Python content-stream
interpreter costs about 0.1 s per page. PDFium parses the same streams in C roughly ten times
faster. :class:`FastPage` reads from PDFium exactly the objects pdfplumber's algorithms consume and
builds the dicts those algorithms expect, in pdfplumber's top-down coordinates:

- ``chars``: one dict per character (``text, x0, x1, top, bottom, doctop, width, height, size,
  upright``) in content-stream order, without the spaces and line breaks PDFium generates. The box
  is pdfminer's: advance width by font size, from the font's descent (PDFium's "loose" box, whose
  top is replaced by ``bottom - size`` as pdfminer computes it).
- ``edges``: the line, rect and curve edges pdfplumber derives from painted paths. Each path is
  split into subpaths and classified into line / rect / curve by pdfminer's own rules
  (``PDFLayoutAnalyzer.paint_path``), from PDFium's path segments and object matrices (Form
  XObjects included).

``find_tables`` is pdfplumber's ``TableFinder`` with default settings and ``extract_text`` is
``Page.extract_text``'s text map, both running unchanged on these dicts.

A page this module cannot reproduce faithfully (a rotated page, text PDFium's text page leaves
out) is read by pdfplumber instead; a document PDFium cannot open or a page it cannot load raises
:class:`Unsupported`, and the caller reads the whole document with pdfplumber.
"""
from __future__ import annotations

import ctypes
import io
import threading
from types import SimpleNamespace
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as R
from pdfplumber import utils as plumber_utils
from pdfplumber.table import Table as PlumberTable
from pdfplumber.table import TableFinder

Obj = dict[str, Any]
Matrix = tuple[float, float, float, float, float, float]

_TEXT, _PATH, _FORM = R.FPDF_PAGEOBJ_TEXT, R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_FORM
_MOVETO, _LINETO, _BEZIERTO = R.FPDF_SEGMENT_MOVETO, R.FPDF_SEGMENT_LINETO, R.FPDF_SEGMENT_BEZIERTO
_MAX_FORM_DEPTH = 16  # nested Form XObjects deeper than this are not drawn by real producers

# PDFium is not thread-safe: hold this while a document is open (pdf.py does, around each read).
LOCK = threading.RLock()


class Unsupported(Exception):
    """The fast reader cannot reproduce pdfplumber's view of this document; read it with pdfplumber."""


# The PDFium functions this module calls beyond opening documents and pages (checked at run time:
# an old pypdfium2 build may lack some, and then pdfplumber reads every PDF).
_REQUIRED = (
    "FPDFText_CountChars", "FPDFText_IsGenerated", "FPDFText_GetUnicode", "FPDFText_GetLooseCharBox",
    "FPDFText_GetMatrix", "FPDFText_GetFontSize", "FPDFText_GetCharOrigin", "FPDFText_GetTextObject",
    "FPDFPage_GetRotation", "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFPageObj_GetType",
    "FPDFPageObj_GetMatrix", "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", "FPDFPath_GetDrawMode",
    "FPDFPath_CountSegments", "FPDFPath_GetPathSegment", "FPDFPathSegment_GetPoint",
    "FPDFPathSegment_GetType", "FPDFPathSegment_GetClose",
)


def available() -> bool:
    """True when the installed pypdfium2 exposes every PDFium function this reader needs."""
    return all(hasattr(R, name) for name in _REQUIRED)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention: point x m x n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class FastDocument:
    """An open PDFium document whose pages are read lazily as :class:`FastPage` objects.

    A page the fast reader cannot reproduce (see :meth:`FastPage._load`) is read by pdfplumber
    instead, from the same bytes; only that page pays pdfminer's price.
    """

    def __init__(self, data: bytes):
        self._data = data
        self._plumber: Any = None
        try:
            self._pdf = pdfium.PdfDocument(data)
            n = len(self._pdf)
        except Exception as e:  # PdfiumError for bad files and passwords alike: let pdfplumber say which
            raise Unsupported(f"PDFium cannot open the document ({e})") from None
        self.pages = [FastPage(self, i) for i in range(n)]

    def __enter__(self) -> "FastDocument":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pdf.close()
        if self._plumber is not None:
            self._plumber.close()

    def plumber_page(self, index: int) -> Any:
        """pdfplumber's page ``index`` of the same document (opened on first use)."""
        try:
            if self._plumber is None:
                import pdfplumber

                self._plumber = pdfplumber.open(io.BytesIO(self._data))
            return self._plumber.pages[index]
        except Exception as e:  # pdfminer disagrees about the file: read it all with pdfplumber
            raise Unsupported(f"pdfplumber cannot open page {index + 1} ({type(e).__name__}: {e})") from None


class FastPage:
    """One page: ``chars`` and ``edges`` as pdfplumber builds them, read on first access.

    ``fallback`` is set (to pdfplumber's page, which then answers everything) when PDFium's view of
    the page would differ from pdfminer's: a rotated page (pdfminer turns its coordinates), or text
    objects PDFium's text page leaves out (e.g. a vertical CJK font whose CMap PDFium lacks).
    """

    def __init__(self, doc: FastDocument, index: int):
        self._doc = doc
        self.index = index
        self.page_number = index + 1  # pdfplumber's 1-based number, used in error messages
        self._chars: list[Obj] | None = None
        self._edges: list[Obj] | None = None
        self.fallback: Any = None
        self.fallback_reason = ""
        self.bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    # -- loading -----------------------------------------------------------

    def _load(self) -> None:
        try:
            page = self._doc._pdf[self.index]
        except Exception as e:
            raise Unsupported(f"PDFium cannot load page {self.page_number} ({e})") from None
        try:
            raw = page.raw
            if R.FPDFPage_GetRotation(raw) != 0:
                self._fall_back("the page is rotated")
                return
            x0, y0, x1, y1 = self._mediabox(page)
            height = abs(y1 - y0)
            self.bbox = (0.0, 0.0, abs(x1 - x0), height)
            # pdfplumber's top = mediabox height - y (pdfminer shifts by the mediabox origin and
            # pdfplumber shifts back), whatever the mediabox origin is
            paths: list[tuple[Any, Matrix]] = []
            texts: set[int] = set()
            _collect(raw, R.FPDFPage_CountObjects, _page_object_address, None, 0, paths, texts)
            textpage = page.get_textpage()
            try:
                chars, used = _read_chars(textpage.raw, height)
            finally:
                textpage.close()
            if texts - used:
                self._fall_back(f"{len(texts - used)} text object(s) have no characters in PDFium's text page")
                return
            self._chars = chars
            self._edges = _read_edges(paths, height)
        finally:
            page.close()

    def _fall_back(self, reason: str) -> None:
        self.fallback = self._doc.plumber_page(self.index)
        self.fallback_reason = reason
        self._chars = self.fallback.chars
        self._edges = []

    @staticmethod
    def _mediabox(page: Any) -> tuple[float, float, float, float]:
        box = page.get_mediabox(fallback_ok=False)  # the page's own /MediaBox (PDFium does not inherit it)
        if box is None:
            box = page.get_bbox()  # inherited MediaBox clipped by the CropBox: the same in practice
        x0, y0, x1, y1 = box
        return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    @property
    def chars(self) -> list[Obj]:
        if self._chars is None:
            self._load()
        assert self._chars is not None
        return self._chars

    @property
    def edges(self) -> list[Obj]:
        if self._edges is None:
            self._load()
        if self.fallback is not None:
            return self.fallback.edges
        assert self._edges is not None
        return self._edges

    # -- pdfplumber's algorithms on these objects ----------------------------

    def find_tables(self) -> list[PlumberTable]:
        """pdfplumber's ``Page.find_tables()`` with default settings ("lines" strategies)."""
        if self._chars is None:
            self._load()
        if self.fallback is not None:
            return self.fallback.find_tables()
        return TableFinder(SimpleNamespace(edges=self.edges, bbox=self.bbox)).tables  # type: ignore[arg-type]

    def extract_text(self) -> str:
        """pdfplumber's ``Page.extract_text()`` with default settings."""
        if self._chars is None:
            self._load()
        if self.fallback is not None:
            return self.fallback.extract_text()
        x0, top, x1, bottom = self.bbox
        return plumber_utils.chars_to_textmap(
            self.chars, layout_bbox=self.bbox, layout_width=x1 - x0, layout_height=bottom - top
        ).as_string


# ---------------------------------------------------------------------------
# Characters


def _address(ptr: Any) -> int:
    return ctypes.cast(ptr, ctypes.c_void_p).value or 0


def _returning_address(fn: Any) -> Any:
    """``fn`` (a pypdfium2 function returning a handle) returning the handle's address as an int.

    Building a pointer object and casting it costs more than the call itself, and the object
    handles are only compared here. The clone keeps the library's calling convention.
    """
    try:
        clone = type(fn)(_address(fn))
        clone.argtypes = fn.argtypes
        clone.restype = ctypes.c_void_p
        return clone
    except Exception:  # pragma: no cover - a ctypes without address constructors
        return lambda *args: _address(fn(*args))


def _taking_address(fn: Any) -> Any:
    """``fn`` (a pypdfium2 function whose first argument is a page object) taking an int address."""
    try:
        clone = type(fn)(_address(fn))
        clone.argtypes = (ctypes.c_void_p, *fn.argtypes[1:])
        clone.restype = fn.restype
        return clone
    except Exception:  # pragma: no cover
        return lambda addr, *args: fn(ctypes.cast(addr, R.FPDF_PAGEOBJECT), *args)


_text_object_address = _returning_address(R.FPDFText_GetTextObject)
_page_object_address = _returning_address(R.FPDFPage_GetObject)
_form_object_address = _returning_address(R.FPDFFormObj_GetObject)
_object_type = _taking_address(R.FPDFPageObj_GetType)


def _read_chars(tp: Any, height: float) -> tuple[list[Obj], set[int]]:
    """pdfplumber-style char dicts of one text page (PDF user space -> top-down), and the
    addresses of the text objects they come from."""
    count = R.FPDFText_CountChars(tp)
    is_generated = R.FPDFText_IsGenerated
    get_unicode = R.FPDFText_GetUnicode
    get_box = R.FPDFText_GetLooseCharBox
    get_matrix = R.FPDFText_GetMatrix
    get_font_size = R.FPDFText_GetFontSize
    get_object = _text_object_address
    used: set[int] = set()
    rect = R.FS_RECTF()
    m = R.FS_MATRIX()
    out: list[Obj] = []
    pending_high = ""  # a UTF-16 high surrogate waiting for its pair
    last_obj = None
    a = b = c = d = font_size = 0.0
    upright = plain = False
    for k in range(count):
        if is_generated(tp, k) == 1:
            continue  # spaces and line breaks PDFium inserts; pdfminer has no such chars
        obj = get_object(tp, k)
        if obj != last_obj:
            # the text rendering matrix and font size belong to the text object: read once per object
            used.add(obj or 0)
            if not get_matrix(tp, k, m):
                last_obj = None
                continue
            last_obj = obj
            a, b, c, d = m.a, m.b, m.c, m.d
            upright = a * d > 0 and b * c <= 0  # pdfminer's test on the text rendering matrix
            plain = upright and b == 0 and c == 0
            font_size = get_font_size(tp, k)
        u = get_unicode(tp, k)
        if 0xD800 <= u < 0xDC00:
            pending_high = chr(u)
            continue
        if 0xDC00 <= u < 0xE000:
            text = (chr(((ord(pending_high) - 0xD800) << 10) + (u - 0xDC00) + 0x10000)) if pending_high else "\ufffd"
            pending_high = ""
        else:
            text = chr(u) if u else "\ufffd"
        if not get_box(tp, k, rect):
            continue
        left, right = min(rect.left, rect.right), max(rect.left, rect.right)
        low, high = min(rect.bottom, rect.top), max(rect.bottom, rect.top)
        if plain:
            size = font_size * abs(d)
            if size > 0 and (right - left > 3 * size + 1 or high - low > 3 * size + 1):
                # PDFium's loose box of a vertical-writing (CID "-V") glyph ignores the text matrix;
                # its origin is pdfminer's lower-left corner and the glyph is size x size there
                ox, oy = ctypes.c_double(), ctypes.c_double()
                R.FPDFText_GetCharOrigin(tp, k, ox, oy)
                left, right, low, high = ox.value, ox.value + size, oy.value, oy.value + size
            else:
                high = low + size  # pdfminer: bottom at the font's descent, height = font size
        else:
            size = high - low  # pdfminer: the height of the (turned) box
        top = height - high
        bottom = height - low
        out.append(
            {
                "object_type": "char",
                "text": text,
                "x0": left,
                "x1": right,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "width": right - left,
                "height": bottom - top,
                "size": size,
                "upright": upright,
            }
        )
    return out, used


# ---------------------------------------------------------------------------
# Ruling lines: painted paths -> pdfplumber edges


def _collect(container: Any, count_fn: Any, get_fn: Any, ctm: Matrix | None, depth: int, paths: list[tuple[Any, Matrix]], texts: set[int]) -> None:
    """Every path (with its matrix to page space) and text object on the page, in Form XObjects too.

    ``get_fn`` returns object addresses (see :func:`_returning_address`); text objects are only
    counted, paths and forms become handles again.
    """
    m = R.FS_MATRIX()
    for i in range(count_fn(container)):
        addr = get_fn(container, i)
        if not addr:
            continue
        kind = _object_type(addr)
        if kind == _TEXT:
            texts.add(addr)
        elif kind == _PATH or (kind == _FORM and depth < _MAX_FORM_DEPTH):
            obj = ctypes.cast(addr, R.FPDF_PAGEOBJECT)
            if not R.FPDFPageObj_GetMatrix(obj, m):
                continue
            own: Matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
            full = own if ctm is None else _mul(own, ctm)
            if kind == _PATH:
                paths.append((obj, full))
            else:
                _collect(obj, R.FPDFFormObj_CountObjects, _form_object_address, full, depth + 1, paths, texts)


def _subpaths(obj: Any, mat: Matrix, height: float) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path's subpaths as pdfminer sees them: (shape, end points) in top-down page coordinates.

    ``shape`` uses pdfminer's letters: m (move), l (line), c (curve), h (close); each letter has one
    point (a curve its end point, a close the subpath's start).
    """
    a, b, c, d, e, f = mat
    x, y = ctypes.c_float(), ctypes.c_float()
    get_seg, get_point = R.FPDFPath_GetPathSegment, R.FPDFPathSegment_GetPoint
    get_type, get_close = R.FPDFPathSegment_GetType, R.FPDFPathSegment_GetClose
    out: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    beziers = 0
    for s in range(R.FPDFPath_CountSegments(obj)):
        seg = get_seg(obj, s)
        if not seg or not get_point(seg, x, y):
            continue
        px, py = x.value, y.value
        pt = (a * px + c * py + e, height - (b * px + d * py + f))
        kind = get_type(seg)
        if kind == _MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, beziers = ["m"], [pt], 0
        elif kind == _LINETO:
            shape.append("l")
            pts.append(pt)
        elif kind == _BEZIERTO:
            beziers += 1
            if beziers % 3:
                continue  # a control point: pdfminer keeps only a curve's end point
            shape.append("c")
            pts.append(pt)
        else:
            continue
        if get_close(seg) and pts:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        out.append(("".join(shape), pts))
    return out


def _line_edge(p0: tuple[float, float], p1: tuple[float, float]) -> Obj:
    x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": "h" if top == bottom else "v",  # pdfplumber's line_to_edge
    }


def _rect_edges(pts: list[tuple[float, float]]) -> list[Obj]:
    """pdfplumber's ``rect_to_edges`` of the rect pdfminer builds from these corner points."""
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    top, bottom = min(p[1] for p in pts), max(p[1] for p in pts)
    w, h = x1 - x0, bottom - top
    base = {"object_type": "rect_edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": w, "height": h}
    return [
        {**base, "height": 0, "bottom": top, "orientation": "h"},
        {**base, "height": 0, "top": top + h, "doctop": top + h, "orientation": "h"},
        {**base, "width": 0, "x1": x0, "orientation": "v"},
        {**base, "width": 0, "x0": x1, "orientation": "v"},
    ]


def _curve_edges(pts: list[tuple[float, float]]) -> list[Obj]:
    """pdfplumber's ``curve_to_edges``: one edge per pair of consecutive points."""
    out = []
    for p0, p1 in zip(pts, pts[1:]):
        top = min(p0[1], p1[1])
        out.append(
            {
                "object_type": "curve_edge",
                "x0": min(p0[0], p1[0]),
                "x1": max(p0[0], p1[0]),
                "top": top,
                "doctop": top,
                "bottom": max(p0[1], p1[1]),
                "width": abs(p0[0] - p1[0]),
                "height": abs(p0[1] - p1[1]),
                "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None),
            }
        )
    return out


def _path_edges(shape: str, pts: list[tuple[float, float]]) -> list[Obj]:
    """pdfminer's ``paint_path`` classification of one subpath, then pdfplumber's edges of it."""
    # pdfminer: drop a redundant "l" on a path closed with "h"
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        return [_line_edge(pts[0], pts[1])]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            return _rect_edges(pts)
    return _curve_edges(pts)


def _read_edges(paths: list[tuple[Any, Matrix]], height: float) -> list[Obj]:
    """Edges of every painted path on the page (unpainted clipping paths draw nothing)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    edges: list[Obj] = []
    for obj, mat in paths:
        if not R.FPDFPath_GetDrawMode(obj, fill, stroke) or (fill.value == R.FPDF_FILLMODE_NONE and not stroke.value):
            continue
        for shape, pts in _subpaths(obj, mat, height):
            if shape[:1] != "m" or len(shape) < 2:
                continue  # pdfminer ignores a lone move and a path not starting with one
            edges.extend(_path_edges(shape, pts))
    return edges
