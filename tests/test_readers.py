"""Tests for gainer.readers: every format, every encoding, every refusal, and the cell-span invariant."""
from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fixtures_build as fb
from gainer.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncodingError,
    InputError,
    UnsupportedFormatError,
)
from gainer.readers import read_document, read_pdf_text, read_text
from gainer.readers._layout import collapse_ws
from gainer.readers.plain import find_pipe_tables
from gainer.types import Document

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"


def assert_consistent(doc: Document) -> None:
    """The invariants every reader guarantees."""
    text = doc.text
    assert text and text.strip()
    assert "\r" not in text and "\ufeff" not in text
    assert "\n\n\n" not in text
    for t in doc.tables:
        assert 0 <= t.start <= t.end <= len(text)
        for c in t.cells:
            assert text[c.span.start : c.span.end] == c.span.text, (c, t.source)
            assert t.start <= c.span.start <= c.span.end <= t.end
            assert c.rowspan >= 1 and c.colspan >= 1
            assert c.text == c.text.strip()
        # no two cells start at the same grid position
        assert len({(c.row, c.col) for c in t.cells}) == len(t.cells)
    for a, b in doc.pages:
        assert 0 <= a <= b <= len(text)


def table_rows(doc: Document, i: int = 0) -> list[list[str]]:
    return [[c.text for c in row] for row in doc.tables[i].rows()]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    return p


EXPECTED_MD_ROWS = [fb.ACTIVE_HEADER, *fb.ACTIVE_ROWS, ["行政许可", "", "3"]]

# ---------------------------------------------------------------------------
# Text and Markdown: encodings


@pytest.mark.parametrize(
    "codec, prefix, expected_codec",
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("gbk", b"", "gb18030"),
        ("gb18030", b"", "gb18030"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),  # no BOM: found from the NUL pattern
        ("utf-16-be", b"", "utf-16-be"),
    ],
)
@pytest.mark.parametrize("ext", [".txt", ".md"])
def test_text_encodings(tmp_path, codec, prefix, expected_codec, ext):
    src = fb.markdown_report()
    p = write(tmp_path, "report" + ext, prefix + src.encode(codec))
    doc = read_document(p)
    assert doc.encoding == expected_codec
    assert doc.format == ext[1:]
    assert doc.text == src.strip("\n")
    assert doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    assert doc.path == str(p)
    assert table_rows(doc) == EXPECTED_MD_ROWS
    assert_consistent(doc)


def test_newlines_trailing_spaces_and_blank_lines(tmp_path):
    raw = "\n\n第一行  \r\n第二行\t\r\r\r\r第三行\u2028第四行\n\n\n\n  \n\n"
    doc = read_document(write(tmp_path, "a.txt", raw))
    assert doc.text == "第一行\n第二行\n\n第三行\n第四行"
    assert doc.tables == ()


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode("utf-8"), "  \n".encode("utf-16")])
@pytest.mark.parametrize("ext", [".txt", ".md", ".html"])
def test_empty_and_whitespace_files(tmp_path, data, ext):
    p = write(tmp_path, "empty" + ext, data)
    with pytest.raises(EmptyDocumentError) as e:
        read_document(p)
    assert str(p) in str(e.value) and e.value.hint


@pytest.mark.parametrize(
    "junk",
    [
        random.Random(7).randbytes(3000),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes(range(1, 32)) * 40,  # no NUL, all control characters
        "正常的开头".encode() + b"\x00\x01\x02\x03" * 50,
    ],
)
@pytest.mark.parametrize("ext", [".txt", ".md"])
def test_binary_content_is_refused(tmp_path, junk, ext):
    p = write(tmp_path, "junk" + ext, junk)
    with pytest.raises(EncodingError) as e:
        read_document(p)
    assert str(p) in str(e.value) and "binary" in str(e.value)


def test_last_resort_detection(tmp_path):
    text = "Annual report 2099: the café received naïve requests – 17 in total.\n" * 3
    doc = read_document(write(tmp_path, "latin.txt", text.encode("cp1252")))
    assert doc.encoding not in ("utf-8", "gb18030") and "Annual report 2099" in doc.text


def test_bad_utf16_after_bom_is_an_encoding_error(tmp_path):
    p = write(tmp_path, "bad.txt", b"\xff\xfe" + "报告".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(EncodingError):
        read_document(p)


# ---------------------------------------------------------------------------
# Markdown pipe tables


def test_pipe_tables_structure():
    text = "\n".join(
        [
            "标题",
            "| a | b |",
            "|:---|---:|",
            "| 1 |  |",
            "|---|---|",  # a separator mid-table is skipped, the table goes on
            "| 2 | 3 | 4 |",
            "",
            "|x|y",  # missing closing pipe: the trailing text is a cell
            "正文 | 不是表格 |",
            "| 单 |",
        ]
    )
    tables = find_pipe_tables(text)
    assert len(tables) == 3
    t0 = tables[0]
    assert [[c.text for c in r] for r in t0.rows()] == [["a", "b"], ["1", ""], ["2", "3", "4"]]
    empty = t0.rows()[1][1]
    assert empty.span.start == empty.span.end and text[empty.span.start - 1] == "|"
    assert text[t0.start : t0.end].startswith("| a |") and text[t0.start : t0.end].endswith("| 4 |")
    assert [[c.text for c in r] for r in tables[1].rows()] == [["x", "y"]]
    assert [[c.text for c in r] for r in tables[2].rows()] == [["单"]]
    assert all(t.source == "markdown" for t in tables)


def test_only_separator_lines_make_no_table():
    assert find_pipe_tables("|---|---|\n|:-:|") == ()


def test_escaped_pipe_stays_in_cell():
    (t,) = find_pipe_tables(r"| a \| b | c |")
    assert [c.text for c in t.cells] == [r"a \| b", "c"]


_cell_text = st.text(alphabet=st.sampled_from(list("本年制发件数0123456789 -:.（）\\\t")), max_size=8)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(_cell_text, min_size=1, max_size=6), min_size=1, max_size=6),
    before=st.text(alphabet=st.sampled_from(list("报告正文 \n")), max_size=20),
    closing=st.booleans(),
)
def test_pipe_table_spans_property(rows, before, closing):
    body = "\n".join("|" + "|".join(r) + ("|" if closing else "") for r in rows)
    doc = read_text(before + "\n" + body + "\n结束")
    assert_consistent(doc)
    for t in doc.tables:
        for c in t.cells:
            assert "|" not in c.text.replace("\\|", "")


# ---------------------------------------------------------------------------
# read_text


def test_read_text_parses_tables_and_hashes_input():
    src = "\ufeff" + fb.markdown_report().replace("\n", "\r\n")
    doc = read_text(src, name="memo")
    assert doc.format == "text" and doc.path == "memo" and doc.encoding is None
    assert doc.sha256 == hashlib.sha256(src.encode("utf-8")).hexdigest()
    assert table_rows(doc) == EXPECTED_MD_ROWS
    assert_consistent(doc)


@pytest.mark.parametrize("bad, error", [("", EmptyDocumentError), (" \n\t ", EmptyDocumentError), ("报告\x00\x00\x00", EncodingError), (b"bytes", InputError)])
def test_read_text_refusals(bad, error):
    with pytest.raises(error) as e:
        read_text(bad, name="memo")
    assert "memo" in str(e.value)


# ---------------------------------------------------------------------------
# Dispatch and file errors


def test_missing_file(tmp_path):
    p = tmp_path / "nope.pdf"
    with pytest.raises(InputError) as e:
        read_document(p)
    assert str(p) in str(e.value) and "does not exist" in str(e.value)


def test_directory(tmp_path):
    d = tmp_path / "dir.txt"
    d.mkdir()
    with pytest.raises(InputError) as e:
        read_document(d)
    assert "directory" in str(e.value)


@pytest.mark.parametrize("name", ["report.xyz", "report", "report.doc"])
def test_unsupported_extension(tmp_path, name):
    p = write(tmp_path, name, "报告")
    with pytest.raises(UnsupportedFormatError) as e:
        read_document(p)
    msg = str(e.value)
    assert str(p) in msg and ".pdf" in msg and ".docx" in msg and ".html" in msg


def test_unknown_format_override(tmp_path):
    with pytest.raises(UnsupportedFormatError):
        read_document(write(tmp_path, "a.txt", "报告"), format="rtf")


def test_extension_is_case_insensitive_and_format_overrides(tmp_path):
    html = fb.html_report()
    assert read_document(write(tmp_path, "A.HTML", html)).format == "html"
    assert read_document(write(tmp_path, "B.TXT", "报告")).format == "txt"
    doc = read_document(write(tmp_path, "page.txt", html), format="html")
    assert doc.format == "html" and "<td>" not in doc.text
    assert read_document(write(tmp_path, "c.txt", "| a | b |"), format="markdown").format == "md"


def test_files_that_are_not_what_they_say(tmp_path):
    with pytest.raises(CorruptFileError):
        read_document(write(tmp_path, "x.pdf", "<html>404 not found</html>"))
    with pytest.raises(CorruptFileError) as e:
        read_document(write(tmp_path, "x.docx", "这不是压缩包"))
    assert ".doc" in str(e.value)


# ---------------------------------------------------------------------------
# HTML


def test_html_reader(tmp_path):
    page = fb.html_report()
    assert all(n in page for n in fb.CHROME_NUMBERS)  # the fixture does carry them
    p = write(tmp_path, "report.html", page)
    doc = read_document(p)
    assert doc.format == "html" and doc.encoding == "utf-8"
    for n in fb.CHROME_NUMBERS:
        assert n not in doc.text
    for bad in ("12345", "color:red", "首页", "分享到", "当前位置"):
        assert bad not in doc.text
    assert doc.text.splitlines()[0] == fb.TITLE
    assert fb.PROSE[2] in doc.text.splitlines() and fb.CLOSING in doc.text
    (t,) = doc.tables
    assert t.source == "html"
    assert table_rows(doc) == [
        fb.ACTIVE_HEADER,
        *fb.ACTIVE_ROWS,
        ["行政许可", "本年处理决定数量", ""],  # &nbsp; stripped, <br> between CJK joined, <o:p> empty
        ["5", "6", "7"],
    ]
    grid = t.grid()
    assert grid[4][0] is grid[3][0] and grid[3][1] is grid[3][2]  # rowspan and colspan honoured
    assert [c.col for c in t.rows()[4]] == [1, 2, 3]
    # each row is one line of tab-separated cells
    line = doc.text[t.rows()[1][0].span.start :].split("\n", 1)[0]
    assert line == "\t".join(fb.ACTIVE_ROWS[0])
    assert_consistent(doc)


@pytest.mark.parametrize("declared, codec", [("gb2312", "gbk"), ("GBK", "gbk"), ("gb18030", "gb18030")])
def test_html_gbk_page(tmp_path, declared, codec):
    p = write(tmp_path, "gbk.htm", fb.html_report(declared).encode(codec))
    doc = read_document(p)
    assert doc.encoding == "gb18030"
    assert fb.TITLE in doc.text and table_rows(doc)[0] == fb.ACTIVE_HEADER


def test_html_undeclared_gbk_and_utf16(tmp_path):
    page = fb.html_report("").replace("charset=", "")
    assert read_document(write(tmp_path, "a.html", page.encode("gbk"))).encoding == "gb18030"
    assert fb.TITLE in read_document(write(tmp_path, "b.html", page.encode("utf-16"))).text


def test_html_layout_table_is_recursed_not_emitted(tmp_path):
    inner = fb.html_report(chrome=False)
    body = inner[inner.index("<body>") + 6 : inner.index("</body>")]
    page = (
        "<html><body><table width='100%'><tr><td class='leftmenu'>栏目 导航 菜单</td>"
        f"<td>{body}</td></tr><tr><td colspan='2'>访问量：8765432</td></tr></table></body></html>"
    )
    doc = read_document(write(tmp_path, "layout.html", page))
    assert len(doc.tables) == 1 and table_rows(doc)[0] == fb.ACTIVE_HEADER
    assert "8765432" not in doc.text and "栏目" not in doc.text
    assert_consistent(doc)


def test_html_tables_kept_when_prose_holds_most_terms(tmp_path):
    prose = "".join(f"<p>{p}</p>" for p in fb.PROSE * 6)
    page = (
        f"<html><body><div class='top'>热线 0999-66663333</div><div>{prose}</div>"
        "<table><tr><td>信息内容</td><td>本年申请</td></tr><tr><td>规章</td><td>4</td></tr></table>"
        "</body></html>"
    )
    doc = read_document(write(tmp_path, "flat.html", page))
    assert table_rows(doc) == [["信息内容", "本年申请"], ["规章", "4"]]
    assert "0999-66663333" not in doc.text


def test_html_counter_and_registration_lines_dropped(tmp_path):
    page = (
        f"<html><body><div><h1>{fb.TITLE}</h1><p>{fb.PROSE[1]}</p><p>网站全年访问量12万次。</p>"
        "<p>浏览次数：<span>8765432</span></p><p>主办单位 青ICP备20990001号</p></div></body></html>"
    )
    doc = read_document(write(tmp_path, "counter.html", page))
    assert doc.text == "\n".join([fb.TITLE, fb.PROSE[1], "网站全年访问量12万次。"])


def test_html_single_column_table_is_text(tmp_path):
    page = "<html><body><table><tr><td>第一段</td></tr><tr><td>第二段<br>第三段</td></tr></table></body></html>"
    doc = read_document(write(tmp_path, "one.html", page))
    assert doc.tables == () and doc.text == "第一段\n第二段\n第三段"


def test_html_without_report_terms_keeps_body(tmp_path):
    doc = read_document(write(tmp_path, "plain.html", "<p>Hello <b>world</b></p><div>第二行</div>"))
    assert doc.text == "Hello world\n第二行"


def test_html_whitespace_rules():
    assert collapse_ws(" 本年\n  新收 ") == "本年新收"
    assert collapse_ws("本年  新收") == "本年 新收"
    assert collapse_ws("12\n34") == "12 34"
    assert collapse_ws("a\xa0\tb") == "a b"


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>只有标题</title><script>var x=1;</script></head><body></body></html>",
        "<html><body><nav>导航 首页</nav><footer>版权所有 123</footer></body></html>",
        "<!-- 注释 -->",
    ],
)
def test_html_without_content_is_empty(tmp_path, page):
    with pytest.raises(EmptyDocumentError):
        read_document(write(tmp_path, "e.html", page))


# ---------------------------------------------------------------------------
# DOCX


def test_docx_reader(tmp_path):
    p = fb.write_docx(tmp_path / "report.docx")
    doc = read_document(p)
    assert doc.format == "docx" and doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    lines = doc.text.split("\n")
    assert lines[0] == fb.TITLE and lines[-1] == fb.CLOSING and lines[-2] == ""
    (t,) = doc.tables
    assert t.source == "docx"
    # body order: the table sits between the section heading and the closing paragraph
    assert doc.text.index(fb.SECTION2) < t.start < t.end < doc.text.index(fb.CLOSING)
    rows = table_rows(doc)
    assert rows[:3] == [fb.ACTIVE_HEADER, *fb.ACTIVE_ROWS]
    assert rows[3] == ["行政许可", "本年处理决定数量", ""]
    assert rows[4] == ["5", "", "9"]
    merged = t.rows()[3]
    assert (merged[0].rowspan, merged[0].colspan) == (2, 1) and (merged[1].rowspan, merged[1].colspan) == (1, 2)
    assert doc.text.count("本年处理决定数量") == 1  # merged cells are not repeated
    assert_consistent(doc)


def test_docx_truncated(tmp_path):
    data = fb.write_docx(tmp_path / "full.docx").read_bytes()
    p = write(tmp_path, "half.docx", data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as e:
        read_document(p)
    assert str(p) in str(e.value) and e.value.hint


# ---------------------------------------------------------------------------
# PDF


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory) -> Path:
    return fb.write_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf")


def test_pdf_reader(pdf_path):
    doc = read_document(pdf_path)
    assert doc.format == "pdf" and doc.encoding is None
    assert doc.sha256 == hashlib.sha256(pdf_path.read_bytes()).hexdigest()
    assert len(doc.pages) == 2
    (t,) = doc.tables
    assert t.source == "pdf" and t.page == 0
    assert table_rows(doc) == [fb.ACTIVE_HEADER, *fb.ACTIVE_ROWS, ["行政许可", "本年处理决定数量", ""], ["5", "", "9"]]
    merged = t.rows()[3]
    assert (merged[0].rowspan, merged[1].colspan) == (2, 2)
    # text around the table in reading order, table text only once
    assert doc.text.index(fb.SECTION2) < t.start and doc.text.index(fb.CLOSING) > t.end
    assert doc.text.count("行政规范性文件") == 1
    a, b = doc.pages[0]
    assert a == 0 and a <= t.start < t.end <= b
    assert doc.text[doc.pages[1][0] : doc.pages[1][1]].startswith("第2页")
    assert_consistent(doc)


def test_pdf_flattened_text(pdf_path):
    doc = read_pdf_text(pdf_path)
    assert doc.tables == () and len(doc.pages) == 2
    assert "行政规范性文件 7 2 41" in doc.text
    assert_consistent(doc)


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_pdf_truncated(tmp_path, pdf_path, cut):
    data = pdf_path.read_bytes()
    p = write(tmp_path, "cut.pdf", data[: int(len(data) * cut)])
    for reader in (read_document, read_pdf_text):
        with pytest.raises(CorruptFileError) as e:
            reader(p)
        assert str(p) in str(e.value)


def test_pdf_without_text_layer(tmp_path):
    p = fb.write_blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(EmptyDocumentError) as e:
        read_document(p)
    assert "OCR" in str(e.value)


def test_pdf_encrypted(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    p = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(p), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "report")
    c.save()
    with pytest.raises(CorruptFileError) as e:
        read_document(p)
    assert "password" in str(e.value).lower() or "encrypt" in str(e.value).lower()


@pytest.mark.parametrize("ext", [".pdf", ".docx"])
def test_binary_formats_empty(tmp_path, ext):
    with pytest.raises(EmptyDocumentError):
        read_document(write(tmp_path, "e" + ext, b""))


# ---------------------------------------------------------------------------
# Real reports (development set, never copied into the repository)


@pytest.mark.real
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
@pytest.mark.parametrize("path", sorted(REAL.glob("*/report.*")) if REAL.is_dir() else [], ids=lambda p: p.parent.name)
def test_real_reports(path):
    doc = read_document(path)
    assert_consistent(doc)
    assert doc.tables, "every real report carries the national tables"
    big = max(doc.tables, key=lambda t: len(t.cells))
    assert big.n_cols >= 8  # the request-handling table (申请人情况 columns)
    if doc.format == "pdf":
        assert len(doc.pages) >= 4 and all(t.page is not None for t in doc.tables)
        flat = read_pdf_text(path)
        assert_consistent(flat)
        assert not flat.tables
