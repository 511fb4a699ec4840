"""The crawler's text forms of a report (gainer/readers/flatten.py, scripts/flatten.py)."""
from __future__ import annotations

import pytest

from gainer.errors import InputError
from gainer.readers.flatten import FORMS, flatten
from fixtures_build import CHROME_NUMBERS, html_report, markdown_report, write_docx, write_pdf


@pytest.fixture
def html_file(tmp_path):
    p = tmp_path / "report.html"
    p.write_text(html_report(), encoding="utf-8")
    return p


def test_joined_runs_every_cell_into_the_next(html_file):
    text = flatten(html_file, "joined")
    assert text.endswith("\n") and text.count("\n") == 1
    body = text.rstrip("\n")
    assert not any(c.isspace() for c in body)
    assert "行政规范性文件7241" in body  # 7 | 2 | 41 with nothing between


def test_joined_keeps_the_page_chrome_a_crawler_keeps(html_file):
    # a crawler saves the whole page: the chrome's text stays (the reader, not the form, drops it)
    body = flatten(html_file, "joined")
    assert any(n.replace("-", "") in body.replace("-", "") for n in CHROME_NUMBERS)


def test_spaced_separates_pieces_by_single_spaces(html_file):
    body = flatten(html_file, "spaced").rstrip("\n")
    assert "  " not in body and "\n" not in body
    assert "行政规范性文件 7 2 41" in body


def test_cell_lines_puts_each_cell_on_its_own_line(html_file):
    lines = flatten(html_file, "cell-lines").splitlines()
    i = lines.index("行政规范性文件")
    assert lines[i + 1 : i + 4] == ["7", "2", "41"]
    assert all(line == line.strip() and line for line in lines)


@pytest.mark.parametrize("form", FORMS)
def test_markdown_docx_pdf_in_every_form(tmp_path, form):
    md = tmp_path / "report.md"
    md.write_text(markdown_report(), encoding="utf-8")
    docx = write_docx(tmp_path / "report.docx")
    pdf = write_pdf(tmp_path / "report.pdf")
    for path in (md, docx, pdf):
        text = flatten(path, form)
        assert "行政规范性文件" in text and "|" not in text, path
        if form == "joined":
            assert "行政规范性文件7241" in text, path
        elif form == "cell-lines":
            assert "41" in text.splitlines(), path


def test_unknown_form_and_missing_file(tmp_path, html_file):
    with pytest.raises(InputError, match="unknown form"):
        flatten(html_file, "tabbed")
    with pytest.raises(InputError):
        flatten(tmp_path / "nope.html", "joined")
    with pytest.raises(InputError):
        flatten(tmp_path / "nope.pdf", "joined")


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xff\xfe\x00\x00garbage\x00\x01"])
def test_empty_or_binary_input_is_refused(tmp_path, content):
    p = tmp_path / "report.txt"
    p.write_bytes(content)
    with pytest.raises(InputError):
        flatten(p, "joined")


def test_script_writes_the_form_and_refuses_bad_input(tmp_path, html_file, load_script, capsys):
    script = load_script("flatten")
    out = tmp_path / "out.txt"
    assert script.main([str(html_file), "--form", "spaced", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == flatten(html_file, "spaced")
    assert script.main([str(tmp_path / "missing.html")]) == 2
    assert "missing.html" in capsys.readouterr().err
