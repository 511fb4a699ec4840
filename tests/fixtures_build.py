"""Build reader test fixtures (text in several encodings, HTML with site chrome, .docx, .pdf) from made-up report content."""
from __future__ import annotations

from pathlib import Path

# All content below is invented for tests: an imaginary 青禾县 office and made-up figures.
TITLE = "青禾县农业农村局2099年政府信息公开工作年度报告"
PROSE = [
    "一、总体情况",
    "2099年，本局坚持以公开为常态、不公开为例外，认真做好政府信息公开工作。",
    "全年主动公开政府信息312条，受理政府信息公开申请17件。",
]
SECTION2 = "二、主动公开政府信息情况"
ACTIVE_HEADER = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
ACTIVE_ROWS = [
    ["规章", "0", "0", "0"],
    ["行政规范性文件", "7", "2", "41"],
]
CLOSING = "六、其他需要报告的事项：本年度未收取信息处理费。"

# Numbers that live only in site chrome: none may leak into a document's text.
CHROME_NUMBERS = ["0999-66663333", "青ICP备20990001号", "8765432", "2099-13-45"]


def markdown_report() -> str:
    """A small report with one pipe table (separator, an empty cell, a ragged row)."""
    lines = [TITLE, "", *PROSE, "", SECTION2, "| " + " | ".join(ACTIVE_HEADER) + " |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in ACTIVE_ROWS]
    lines += ["| 行政许可 |  | 3 |", "", CLOSING, ""]
    return "\n".join(lines)


def html_report(charset: str = "utf-8", *, chrome: bool = True) -> str:
    """A saved county page: header, menu, breadcrumb and footer chrome around the report."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ACTIVE_ROWS
    )
    head = "".join(f"<th>{c}</th>" for c in ACTIVE_HEADER)
    prose = "".join(f"<p>{p}</p>" for p in PROSE)
    top = (
        '<div class="header-top">热线电话：0999-66663333</div>'
        '<div class="mainNav"><ul><li><a href="/">首页</a></li><li><a href="/gk">政府信息公开</a></li></ul></div>'
        '<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>'
        if chrome
        else ""
    )
    bottom = (
        '<div id="footer"><p>主办：青禾县人民政府 青ICP备20990001号</p><p>网站标识码 8765432</p></div>'
        '<div class="share">分享到：微信 微博</div><div style="display:none">2099-13-45</div>'
        if chrome
        else ""
    )
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{TITLE}</title><style>.x{{color:red}}</style><script>var n = 12345;</script></head><body>"
        f'{top}<div class="content"><h1>{TITLE}</h1>{prose}<h2>{SECTION2}</h2>'
        f'<table border="1"><tr>{head}</tr>{rows}'
        '<tr><td rowspan="2">行政许可&nbsp;</td><td colspan="2">本年处理<br>决定数量</td><td><o:p> </o:p></td></tr>'
        "<tr><td>5</td><td>6</td><td>7</td></tr></table>"
        f"<p>{CLOSING}</p></div>{bottom}</body></html>"
    )


def write_docx(path: Path) -> Path:
    """A .docx with prose, a data table with a horizontal and a vertical merge, and prose after it."""
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    for p in PROSE:
        d.add_paragraph(p)
    d.add_paragraph(SECTION2)
    t = d.add_table(rows=5, cols=4)
    for r, row in enumerate([ACTIVE_HEADER, *ACTIVE_ROWS]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    a = t.cell(3, 0).merge(t.cell(4, 0))  # vertical merge
    a.text = "行政许可"
    b = t.cell(3, 1).merge(t.cell(3, 2))  # horizontal merge
    b.text = "本年处理决定数量"
    t.cell(4, 1).text = "5"
    t.cell(4, 3).text = "9"
    d.add_paragraph("")
    d.add_paragraph("")
    d.add_paragraph(CLOSING)
    d.save(str(path))
    return path


def write_pdf(path: Path, *, pages: int = 2) -> Path:
    """A PDF (CJK CID font) with prose, a ruled table with a merged cell, and a second page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=11, leading=16)
    data = [ACTIVE_HEADER, *ACTIVE_ROWS, ["行政许可", "本年处理决定数量", "", ""], ["", "5", "", "9"]]
    table = Table(data, colWidths=[120, 100, 100, 100])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
                ("SPAN", (1, 3), (2, 3)),
                ("SPAN", (0, 3), (0, 4)),
            ]
        )
    )
    story = [Paragraph(TITLE, style), Spacer(1, 8)]
    story += [Paragraph(p, style) for p in PROSE]
    story += [Paragraph(SECTION2, style), Spacer(1, 6), table, Spacer(1, 10), Paragraph(CLOSING, style)]
    for i in range(1, pages):
        story += [PageBreak(), Paragraph(f"第{i + 1}页：五、存在的主要问题及改进情况", style)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def write_blank_pdf(path: Path) -> Path:
    """A PDF page with only a drawn rectangle: no text layer, like a scan."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    return path
