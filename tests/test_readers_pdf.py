"""Tests for the PDF reader's engines: the fast PDFium engine (gainer.readers.pdf_fast) must give
the same Document as the pdfplumber reference, fall back to it where it cannot, and never parse
with pdfminer when it does not have to."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

import fixtures_build as fb
from gainer.errors import CorruptFileError, EmptyDocumentError
from gainer.readers import pdf as pdf_reader
from gainer.readers import read_document, read_pdf_text
from gainer.readers.pdf import ENGINE_ENV, read_pdf_bytes, read_pdf_flat_bytes

pdf_fast = pytest.importorskip("gainer.readers.pdf_fast")
if not pdf_fast.available():  # pragma: no cover - an old pypdfium2
    pytest.skip("the installed pypdfium2 lacks functions the fast engine needs", allow_module_level=True)

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
ROWS = [["项目", "本年新收", "上年结转", "合计"], ["政府信息公开申请", "12", "3", "15"], ["Apply online 2024", "7", "0", "7"]]


# ---------------------------------------------------------------------------
# Building PDFs (reportlab, CJK CID font)


def _canvas(path: Path, **kw):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(str(path), pagesize=A4, **kw)


def _prose(c, y: float = 800) -> None:
    c.setFont("STSong-Light", 11)
    c.drawString(72, y, "一、总体情况 本机关2024年共收到申请 15 件，办结率 100%。")
    c.drawString(72, y - 16, "Latin words with  two spaces and 12,345.6 numbers.")


def _grid(c, x0: float, y0: float, mode: str = "lines", rows=ROWS, widths=(150, 80, 80, 80), h: float = 24) -> None:
    """A ruled table drawn the way different producers draw them."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y0 - i * h for i in range(len(rows) + 1)]
    if mode == "lines":  # one stroked line per rule
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
    elif mode == "thin-rects":  # filled hairline rectangles (Word, WPS)
        for x in xs:
            c.rect(x - 0.25, ys[-1], 0.5, ys[0] - ys[-1], stroke=0, fill=1)
        for y in ys:
            c.rect(xs[0], y - 0.25, xs[-1] - xs[0], 0.5, stroke=0, fill=1)
    elif mode == "cell-rects":  # one stroked rectangle per cell
        for i in range(len(rows)):
            for j in range(len(widths)):
                c.rect(xs[j], ys[i + 1], widths[j], h, stroke=1, fill=0)
    elif mode == "one-path":  # every rule a subpath of one path object
        p = c.beginPath()
        for x in xs:
            p.moveTo(x, ys[0])
            p.lineTo(x, ys[-1])
        for y in ys:
            p.moveTo(xs[0], y)
            p.lineTo(xs[-1], y)
        c.drawPath(p, stroke=1, fill=0)
    c.setFont("STSong-Light", 10)
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            c.drawString(xs[j] + 3, ys[i + 1] + 8, t)


def _write(path: Path, draw, **kw) -> Path:
    c = _canvas(path, **kw)
    draw(c)
    c.save()
    return path


def _styles(c) -> None:
    _prose(c)
    for k, mode in enumerate(["lines", "thin-rects", "cell-rects", "one-path"]):
        _grid(c, 72, 740 - k * 150, mode)
    c.showPage()


def _form(c) -> None:
    """The table inside a Form XObject, placed twice (scaled once)."""
    _prose(c)
    c.beginForm("tbl")
    _grid(c, 0, 0)
    c.endForm()
    c.saveState()
    c.translate(72, 700)
    c.scale(0.9, 0.9)
    c.doForm("tbl")
    c.restoreState()
    c.saveState()
    c.translate(72, 500)
    c.doForm("tbl")
    c.restoreState()
    c.showPage()


def _curves(c) -> None:
    """Rounded frames, circles and Bézier curves around a table: not ruling lines."""
    _prose(c)
    c.roundRect(60, 600, 460, 120, 12, stroke=1, fill=0)
    c.circle(300, 400, 50)
    c.bezier(100, 300, 150, 350, 200, 250, 250, 300)
    _grid(c, 72, 580)
    c.showPage()


def _turned_text(c) -> None:
    _prose(c)
    for x, y, angle, text in ((300, 400, 90, "旋转的文字 rotated 2024"), (300, 200, 30, "斜的文字")):
        c.saveState()
        c.translate(x, y)
        c.rotate(angle)
        c.setFont("STSong-Light", 12)
        c.drawString(0, 0, text)
        c.restoreState()
    _grid(c, 72, 700)
    c.showPage()


def _scaled_text(c) -> None:
    """Horizontal scaling, char and word spacing, and a 0.05 text matrix (as Word writes)."""
    t = c.beginText()
    t.setTextOrigin(72, 780)
    t.setFont("STSong-Light", 11)
    t.setHorizScale(80)
    t.textLine("水平缩放的文字 80%")
    t.setHorizScale(100)
    t.setCharSpace(2)
    t.textLine("字间距 2 points")
    t.setWordSpace(5)
    t.textLine("word space 5 here")
    c.drawText(t)
    c.saveState()
    c.translate(72, 700)
    c.scale(0.05, 0.05)
    c.setFont("STSong-Light", 220)
    c.drawString(0, 0, "缩放矩阵的文字 0.05")
    c.restoreState()
    _grid(c, 72, 650)
    c.showPage()


def _rotated_page(c) -> None:
    c.setPageRotation(90)
    _prose(c)
    _grid(c, 72, 700)
    c.showPage()
    c.setPageRotation(0)
    _prose(c)  # a second, upright page
    _grid(c, 72, 600, "thin-rects")
    c.showPage()


def _vertical_font(c) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    font = UnicodeCIDFont("STSong-Light", isVertical=True)
    font.fontName = font.name = "STSong-Light-V"
    pdfmetrics.registerFont(font)
    _prose(c)
    c.setFont("STSong-Light-V", 12)
    c.drawString(100, 700, "竖排文字测试")
    _grid(c, 150, 700)
    c.showPage()


DRAWINGS = {"styles": _styles, "form": _form, "curves": _curves, "turned-text": _turned_text, "scaled-text": _scaled_text}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pdfs")
    out = {name: _write(d / f"{name}.pdf", draw) for name, draw in DRAWINGS.items()}
    out["fixture"] = fb.write_pdf(d / "fixture.pdf")
    return out


# ---------------------------------------------------------------------------
# Equivalence


def _both(path: Path, flat: bool = False):
    data = path.read_bytes()
    fn = read_pdf_flat_bytes if flat else read_pdf_bytes
    return fn(data, source=str(path), engine="pdfplumber"), fn(data, source=str(path), engine="pdfium")


def _cells(tables) -> list:
    return [(t.page, t.start, t.end, [(c.row, c.col, c.rowspan, c.colspan, c.span.start, c.span.text) for c in t.cells]) for t in tables]


def assert_same(ref, fast) -> None:
    assert fast[0] == ref[0]
    assert _cells(fast[1]) == _cells(ref[1])
    assert fast[2] == ref[2]


@pytest.mark.parametrize("name", [*DRAWINGS, "fixture"])
def test_engines_agree(pdfs, name):
    ref, fast = _both(pdfs[name])
    assert_same(ref, fast)
    assert fast[1], "every drawing carries a ruled table"
    flat_ref, flat_fast = _both(pdfs[name], flat=True)
    assert_same(flat_ref, flat_fast)


def test_every_ruling_style_is_a_table(pdfs):
    text, tables, _ = read_pdf_bytes(pdfs["styles"].read_bytes(), source="styles", engine="pdfium")
    assert len(tables) == 4
    for t in tables:
        assert [[c.text for c in row] for row in t.rows()] == ROWS
        assert t.page == 0
    # no spaces between CJK chars, words kept apart
    assert "一、总体情况 本机关2024年共收到申请 15 件，办结率 100%。" in text
    assert "Latin words with two spaces" in text


def test_form_tables_are_found_once_each(pdfs):
    _, tables, _ = read_pdf_bytes(pdfs["form"].read_bytes(), source="form", engine="pdfium")
    assert len(tables) == 2 and all(t.n_rows == 3 and t.n_cols == 4 for t in tables)


def test_fast_objects_match_pdfplumber(pdfs):
    """The dicts the fast engine builds are the ones pdfplumber's algorithms get from pdfminer."""
    import pdfplumber
    from pdfplumber.table import TableFinder

    from gainer.readers._layout import is_cjk

    def edges(page):
        return sorted((e["orientation"], round(e["x0"], 2), round(e["top"], 2), round(e["x1"], 2), round(e["bottom"], 2)) for e in TableFinder(page).edges)

    for name in ("styles", "form", "curves", "fixture"):
        data = pdfs[name].read_bytes()
        with pdfplumber.open(pdfs[name]) as ref, pdf_fast.FastDocument(data) as fast:
            assert len(ref.pages) == len(fast.pages)
            for a, b in zip(ref.pages, fast.pages):
                assert b.fallback is None
                assert edges(b) == edges(a), name
                assert [c["text"] for c in b.chars if c["text"] != " "] == [c["text"] for c in a.chars if c["text"] != " "]
                for x, y in zip((c for c in a.chars if c["text"] != " "), (c for c in b.chars if c["text"] != " ")):
                    assert y["upright"] == x["upright"]
                    # x positions: within a point. The fixtures' CJK font is not embedded, so PDFium
                    # lays its glyphs out with whatever CJK font the system has (none, or e.g. WenQuanYi,
                    # whose advance widths differ slightly from the widths pdfminer assumes)
                    assert abs(y["x0"] - x["x0"]) < 1.0 and abs(y["top"] - x["top"]) < 0.5 and abs(y["bottom"] - x["bottom"]) < 0.5
                    if is_cjk(x["text"]):
                        assert abs(y["x1"] - x["x1"]) < 1.0
                    assert abs(y["size"] - x["size"]) < 0.01


def test_fast_engine_does_not_parse_with_pdfminer(pdfs, monkeypatch):
    import pdfplumber.page

    def refuse(self):
        raise AssertionError("pdfminer layout used")

    monkeypatch.setattr(pdfplumber.page.Page, "layout", property(refuse))
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    doc = read_document(pdfs["fixture"])
    (t,) = doc.tables
    assert [[c.text for c in row] for row in t.rows()][0] == fb.ACTIVE_HEADER
    with pytest.raises(CorruptFileError, match="pdfminer layout used"):
        read_pdf_bytes(pdfs["fixture"].read_bytes(), source="x", engine="pdfplumber")


# ---------------------------------------------------------------------------
# Choosing the engine


def test_engine_choice(monkeypatch):
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    assert pdf_reader._engine(None) == "pdfium"
    monkeypatch.setenv(ENGINE_ENV, " PDFPlumber ")
    assert pdf_reader._engine(None) == "pdfplumber"
    assert pdf_reader._engine("pdfium") == "pdfium"  # the argument wins
    monkeypatch.setenv(ENGINE_ENV, "no-such-engine")
    assert pdf_reader._engine(None) == "pdfium"  # unknown means the default, like GAINER_THREADS


def test_env_selects_pdfplumber(pdfs, monkeypatch):
    class Refuse:
        def __init__(self, data):
            raise AssertionError("fast engine used")

    monkeypatch.setattr(pdf_fast, "FastDocument", Refuse)
    monkeypatch.setenv(ENGINE_ENV, "pdfplumber")
    assert read_document(pdfs["fixture"]).tables


@pytest.mark.parametrize("how", ["import", "old-pypdfium2"])
def test_without_pypdfium2_pdfplumber_reads(pdfs, monkeypatch, how):
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    if how == "import":
        monkeypatch.setitem(sys.modules, "gainer.readers.pdf_fast", None)  # import fails
        monkeypatch.delattr(sys.modules["gainer.readers"], "pdf_fast", raising=False)
    else:
        monkeypatch.setattr(pdf_fast, "available", lambda: False)
    assert pdf_reader._engine(None) == "pdfplumber"
    ref = read_pdf_bytes(pdfs["fixture"].read_bytes(), source="x", engine="pdfplumber")
    assert_same(ref, read_pdf_bytes(pdfs["fixture"].read_bytes(), source="x"))


# ---------------------------------------------------------------------------
# Fallbacks


def test_rotated_page_is_read_by_pdfplumber(tmp_path):
    p = _write(tmp_path / "rot.pdf", _rotated_page)
    with pdf_fast.FastDocument(p.read_bytes()) as doc:
        first, second = doc.pages
        assert first.chars and first.fallback is not None and "rotated" in first.fallback_reason
        assert second.chars and second.fallback is None
    ref, fast = _both(p)
    assert_same(ref, fast)
    assert [t.page for t in fast[1]] == [0, 1]


def test_text_pdfium_drops_is_read_by_pdfplumber(tmp_path):
    """A vertical CJK font without embedded CMap: PDFium's text page has none of its chars."""
    p = _write(tmp_path / "vertical.pdf", _vertical_font)
    with pdf_fast.FastDocument(p.read_bytes()) as doc:
        (page,) = doc.pages
        assert page.chars
        # without a system CJK font PDFium's text page drops the chars and the page falls back to
        # pdfplumber; with one (fonts-wqy-zenhei) PDFium reads them itself. Either way the result is the same.
        if page.fallback is not None:
            assert "text object" in page.fallback_reason
    ref, fast = _both(p)
    assert_same(ref, fast)
    assert "竖" in fast[0] and fast[1]


def test_mediabox_origin_off_zero(tmp_path, pdfs):
    data = pdfs["fixture"].read_bytes()
    box = b"/MediaBox [ 0 0 595.2756 841.8898 ]"
    assert box in data
    p = tmp_path / "offset.pdf"
    p.write_bytes(data.replace(box, b"/MediaBox [ 9 9 604.2756 850.8898 ]"))  # same length: xref intact
    ref, fast = _both(p)
    assert_same(ref, fast)
    assert fast[1]


def test_pdf_pdfium_cannot_open_reports_pdfplumber_error(tmp_path):
    p = tmp_path / "junk.pdf"
    p.write_bytes(b"%PDF-1.4\nthis is not a PDF body\n%%EOF\n")
    messages = []
    for engine in ("pdfplumber", "pdfium"):
        with pytest.raises(CorruptFileError) as e:
            read_pdf_bytes(p.read_bytes(), source=str(p), engine=engine)
        messages.append(str(e.value))
    assert messages[0] == messages[1] and str(p) in messages[1]


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"%PDF-1.7\n"], ids=["empty", "whitespace", "header-only"])
def test_fast_engine_refuses_non_pdfs(data):
    for fn in (read_pdf_bytes, read_pdf_flat_bytes):
        with pytest.raises(CorruptFileError):
            fn(data, source="x.pdf", engine="pdfium")


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_fast_engine_truncated(pdfs, cut, tmp_path):
    data = pdfs["fixture"].read_bytes()
    for tail in (b"", b"\n%%EOF\n"):  # cut, and cut with a forged end marker
        with pytest.raises(CorruptFileError):
            read_pdf_bytes(data[: int(len(data) * cut)] + tail, source="cut.pdf", engine="pdfium")


def test_fast_engine_blank_and_encrypted(tmp_path):
    blank = fb.write_blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(EmptyDocumentError):
        read_pdf_bytes(blank.read_bytes(), source=str(blank), engine="pdfium")

    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "report")
    c.save()
    with pytest.raises(CorruptFileError) as e:
        read_pdf_bytes(locked.read_bytes(), source=str(locked), engine="pdfium")
    assert "encrypted" in str(e.value) and "PDFPasswordIncorrect" in str(e.value)


def test_threads_share_pdfium_safely(pdfs):
    expected = read_pdf_bytes(pdfs["styles"].read_bytes(), source="x", engine="pdfium")
    results: list = []
    errors: list = []

    def work():
        try:
            for _ in range(3):
                results.append(read_pdf_bytes(pdfs["styles"].read_bytes(), source="x", engine="pdfium"))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 12
    for r in results:
        assert_same(expected, r)


# ---------------------------------------------------------------------------
# Real reports (development set, never copied into the repository)


@pytest.mark.real
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
@pytest.mark.parametrize("path", sorted(REAL.glob("*/report.pdf")) if REAL.is_dir() else [], ids=lambda p: p.parent.name)
def test_real_reports_engines_agree(path):
    ref, fast = _both(path)
    assert_same(ref, fast)
    flat_ref, flat_fast = _both(path, flat=True)
    assert_same(flat_ref, flat_fast)
    assert read_pdf_text(path).text == flat_fast[0]
