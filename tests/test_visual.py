"""The HTML page for checking a report by eye (gainer.visual): escaping, anchors and links,
overlapping highlights, no external resources, the CLI, and a headless Chromium screenshot."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from lxml import html as lhtml

from gainer.api import Extraction, Options, extract_full
from gainer.cli import main
from gainer.readers import read_document
from gainer.types import Document, FieldValue, OtherMetric, Record, SourceInfo, Span
from gainer.visual import render_html, segments

from report_builder import build_text, make_values

ROOT = Path(__file__).resolve().parents[1]
PROSE = "\n全年共办理网上咨询1,234件，同比增长12%，接待来访群众56人次。\n"
NASTY = '\n备注：<script>alert("x")</script> & <b>粗体</b> \'引号\' "双引号" &amp; </pre>\n'


def _extract(text: str) -> Extraction:
    return extract_full(text, Options(use_model=False))


def _doc_text(page: str) -> str:
    """The text of the highlighted report block, tags stripped by a real HTML parser."""
    pres = lhtml.document_fromstring(page).xpath('//pre[contains(@class, "doc")]')
    assert len(pres) == 1
    return pres[0].text_content()


def _external_refs(page: str) -> list[str]:
    """Everything in the page that would load or point outside it."""
    tree = lhtml.document_fromstring(page)
    bad = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("src", "href", "srcset", "action", "data", "poster", "background", "formaction", "xlink:href"):
            v = el.get(attr)
            if v is not None and not v.startswith("#"):
                bad.append(f"<{el.tag} {attr}={v!r}>")
        if el.tag in ("link", "iframe", "img", "object", "embed", "base", "video", "audio", "source"):
            bad.append(f"<{el.tag}>")
        if el.tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            bad.append("<meta refresh>")
    css = " ".join(s.text or "" for s in tree.iter("style")) + " ".join(el.get("style") or "" for el in tree.iter() if isinstance(el.tag, str))
    if re.search(r"@import|url\s*\(", css, re.I):
        bad.append("css import/url()")
    if re.search(r"(https?:)?//[a-z0-9]", page.split("<body", 1)[0].split("<style>", 1)[0], re.I):
        bad.append("url in head")
    return bad


@pytest.fixture(scope="module")
def ex() -> Extraction:
    return _extract(build_text(make_values(3), layout="flat") + PROSE + NASTY)


@pytest.fixture(scope="module")
def page(ex) -> str:
    return render_html(ex)


def test_page_is_html5_and_deterministic(ex, page):
    assert page.startswith("<!DOCTYPE html>")
    assert render_html(ex) == page
    tree = lhtml.document_fromstring(page)
    assert tree.find(".//title") is not None and tree.find(".//meta[@charset]") is not None
    header = tree.xpath("//header")[0].text_content()
    rec = ex.record
    for s in (rec.source.sha256[:12], rec.template, str(rec.year), rec.org, rec.gainer_version):
        assert s in header


def test_escaping(page):
    assert "<script>alert" not in page and "<b>粗体</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp;amp;" in page  # a literal "&amp;" in the report stays literal
    tree = lhtml.document_fromstring(page)
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and scripts[0].get("src") is None and "alert" not in (scripts[0].text or "")
    assert not tree.xpath("//pre//b")
    assert '<script>alert("x")</script>' in _doc_text(page)


def test_highlighted_text_equals_document_text(ex, page):
    assert _doc_text(page) == ex.document.text


def test_every_field_has_anchor_and_link(ex, page):
    tree = lhtml.document_fromstring(page)
    ids = set(tree.xpath("//@id"))
    links = set(tree.xpath("//table[contains(@class,'fields')]//a/@href"))
    assert len(ex.record.fields) > 100
    pre = tree.xpath('//pre[contains(@class, "doc")]')[0]
    assert not pre.xpath("./*/*")  # segments and anchors are flat children of the block
    offsets, carrying, pos = {}, {}, len(pre.text or "")
    for el in pre.iterchildren():  # in document order: the element, its text, then its tail
        if el.get("id"):
            offsets[el.get("id")] = pos
        for f in (el.get("data-fields") or "").split():
            carrying.setdefault(f, []).append(el)
        pos += len(el.text or "") + len(el.tail or "")
    assert pos == len(ex.document.text)
    for fid, fv in ex.record.fields.items():
        assert f"ev-{fid}" in ids and f"#ev-{fid}" in links and f"f-{fid}" in ids
        # the anchor sits where the evidence starts: the text before it is the text before the evidence
        assert offsets[f"ev-{fid}"] == fv.evidence.start
        # and the highlighted segments that carry this field cover exactly the evidence text
        segs = carrying.get(fid, [])
        assert "".join(el.text_content() for el in segs) == fv.evidence.text
        assert all(el.get("href") and el.get("title") for el in segs)
    assert len(ids) == len(tree.xpath("//@id"))  # ids unique


def test_tagged_spans_highlighted(ex, page):
    assert ex.spans, "the rules tagger should find the prose figures"
    tree = lhtml.document_fromstring(page)
    for sp in ex.spans:
        segs = [el for el in tree.xpath("//pre//*[@data-start]") if int(el.get("data-start")) >= sp.start and int(el.get("data-end")) <= sp.end]
        assert "".join(el.text_content() for el in segs) == sp.text
        assert all(f"tag-{sp.label}" in el.get("class").split() for el in segs)


def test_record_tables(ex, page):
    tree = lhtml.document_fromstring(page)
    rows = tree.xpath("//table[contains(@class,'checks')]/tbody/tr")
    assert len(rows) == len(ex.record.checks)
    statuses = {r.xpath(".//span[contains(@class,'status')]")[0].text for r in rows}
    assert "passed" in statuses
    fields = tree.xpath("//table[contains(@class,'fields')]/tbody/tr")
    assert len(fields) == len(ex.record.fields)
    row = tree.get_element_by_id("f-requests.new.total")
    cells = [c.text_content() for c in row.xpath("./td")]
    assert cells[0] == "requests.new.total" and cells[2] == str(make_values(3)["requests.new.total"]) and "table" in cells[4]
    assert cells[1]  # the schema's label
    assert len(tree.xpath("//table[contains(@class,'others')]/tbody/tr")) == len(ex.record.other_metrics) > 0


def test_failed_check_shown():
    ex = _extract(build_text(make_values(3, review_error=True), layout="flat"))
    failed = [c for c in ex.record.checks if c.status == "failed"]
    assert failed
    tree = lhtml.document_fromstring(render_html(ex))
    assert tree.xpath("//div[contains(@class,'banner') and contains(@class,'fail')]")
    bad_rows = tree.xpath("//table[contains(@class,'checks')]/tbody/tr[contains(@class,'st-failed')]")
    assert len(bad_rows) == len(failed)
    assert tree.xpath("//pre//*[contains(concat(' ',@class,' '),' bad ')]")


def test_no_external_resources(page):
    assert _external_refs(page) == []
    assert "Content-Security-Policy" in page
    # the checker itself catches what it should
    assert _external_refs('<html><head><link rel="stylesheet" href="https://x/y.css"></head><body><img src="a.png"></body></html>')
    assert _external_refs("<html><head><style>@import 'x.css';</style></head><body></body></html>")


def test_overlapping_ranges():
    text = "甲<乙>&丙丁戊己"
    doc = Document.from_text(text)
    n = len(text)
    fv = lambda s, e: FieldValue(1, "件", doc.span(s, e), "table")
    rec = Record("0", 1, SourceInfo(None, doc.sha256, "text"),
                 fields={"a.x": fv(0, 5), "a.y": fv(3, 8), "a.z": fv(3, 5), "a.w": fv(6, 6), "a.o": FieldValue(2, "件", Span(5, n + 5, "", ""), "table")},
                 other_metrics=[OtherMetric("m", 3, "件", doc.span(1, 7))])
    spans = [doc.span(2, 4, "VALUE", 0.9), doc.span(2, 6, "METRIC"), doc.span(4, 4, "VALUE")]
    page = render_html(Extraction(rec, doc, spans))
    assert _doc_text(page) == text
    tree = lhtml.document_fromstring(page)
    segs = tree.xpath("//pre//*[@data-start]")
    # non-overlapping, in order, each carrying every class that covers it
    assert [int(s.get("data-start")) for s in segs] == sorted(int(s.get("data-start")) for s in segs)
    for s in segs:
        a, b = int(s.get("data-start")), int(s.get("data-end"))
        assert s.text_content() == text[a:b]
        cls = set(s.get("class").split())
        assert ("tag-VALUE" in cls) == (a >= 2 and b <= 4)
        assert ("tag-METRIC" in cls) == (a >= 2 and b <= 6)
        assert ("om" in cls) == (a >= 1 and b <= 7)
        fids = set((s.get("data-fields") or "").split())
        assert fids == {f for f, (fs, fe) in {"a.x": (0, 5), "a.y": (3, 8), "a.z": (3, 5), "a.o": (5, n)}.items() if fs <= a and b <= fe}
    ids = set(tree.xpath("//@id"))
    assert {"ev-a.x", "ev-a.y", "ev-a.z", "ev-a.w", "ev-a.o", "om-0"} <= ids
    assert "empty" in tree.get_element_by_id("ev-a.w").get("class")
    assert segments(4, [(1, 3), (2, 4), (0, 0)]) == [(0, 1, []), (1, 2, [0]), (2, 3, [0, 1]), (3, 4, [1])]
    assert segments(0, []) == []


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_document(text):
    doc = Document.from_text(text)
    rec = Record("0", 1, SourceInfo(None, doc.sha256, "text"), warnings=["no figures found: <none>"])
    page = render_html(Extraction(rec, doc, []))
    assert _doc_text(page) == text
    assert "no figures found: &lt;none&gt;" in page
    assert _external_refs(page) == []


def test_cli_writes_html(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text(build_text(make_values(5), layout="flat") + PROSE + NASTY, encoding="utf-8")
    out = tmp_path / "sub" / "page.html"
    assert main(["predict", str(report), "--format", "html", "--out", str(out), "--no-model"]) == 0
    page = out.read_text(encoding="utf-8")
    assert _doc_text(page) == read_document(report).text
    assert _external_refs(page) == [] and "ev-requests.new.total" in page
    assert main(["predict", str(report), str(report), "--format", "html", "--no-model"]) == 2
    assert "exactly one" in capsys.readouterr().err


def test_cli_subprocess(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(build_text(make_values(1), layout="flat"), encoding="utf-8")
    out = tmp_path / "page.html"
    proc = subprocess.run([sys.executable, "-m", "gainer", "predict", str(report), "--format", "html", "--out", str(out), "--no-model"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ---------------------------------------------------------------------------
# A real browser


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def _png_pixels(data: bytes) -> tuple[int, int, set[bytes]]:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG: width, height and the set of distinct pixels
    on a sample of rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos : pos + 4]), data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    w, h, depth, ctype, _, _, interlace = ihdr
    assert depth == 8 and ctype in (2, 6) and interlace == 0, ihdr
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, colours, i = bytearray(stride), set(), 0
    for y in range(h):
        f, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        if y % 50 == 0:
            colours.update(bytes(line[x : x + 3]) for x in range(0, stride, bpp * 4))
    return w, h, colours


@pytest.mark.browser
def test_headless_chromium_screenshot(tmp_path, page):
    browser = _browser()
    if browser is None:
        pytest.skip("no chromium binary (chromium, chromium-browser, google-chrome) on PATH")
    assert _external_refs(page) == []
    html_path = tmp_path / "page.html"
    html_path.write_text(page, encoding="utf-8")
    png = tmp_path / "page.png"
    profile = tmp_path / "profile"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1200,2000",
           html_path.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0 and png.is_file(), proc.stderr[-2000:]
    data = png.read_bytes()
    assert len(data) > 20_000
    w, h, colours = _png_pixels(data)
    assert (w, h) == (1200, 2000)
    assert len(colours) > 20  # text, highlights and tables, not a blank page


def test_screenshot_script_without_browser(tmp_path, monkeypatch, capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import screenshot_html
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    monkeypatch.setattr(screenshot_html.shutil, "which", lambda name: None)
    assert screenshot_html.main([str(tmp_path / "r.txt"), "--out", str(tmp_path / "x.png")]) == 2
    assert "no Chromium found" in capsys.readouterr().err
