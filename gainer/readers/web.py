"""HTML pages: decode, strip site chrome, find the report's content container, render blocks as lines and tables as Tables."""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..errors import CorruptFileError, EmptyDocumentError
from ._layout import RawCell, TextBuilder, collapse_ws
from .encoding import decode_bytes

# Parsed with lxml.html directly (the parser BeautifulSoup would delegate to): building a soup
# costs ~40 ms on a 100 kB county page, which alone is most of the 50 ms budget per report.

_JUNK_TAGS = {
    "script", "style", "noscript", "head", "template", "iframe", "frame", "frameset", "object",
    "embed", "svg", "canvas", "video", "audio", "map", "input", "select", "option", "button",
    "textarea", "title", "meta", "link",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3",
    "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "address", "center",
    "form", "fieldset", "figure", "figcaption", "hr", "body", "html", "caption", "details",
    "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "legend",
}  # fmt: skip

# Chrome recognised by tag or by a word in id/class. Strong chrome goes even if it mentions the
# report (a menu item "政府信息公开年报"); weak chrome goes only if it does not (an article header
# holding the report title stays).
_STRONG_TAGS = {"nav", "aside", "footer"}
_WEAK_TAGS = {"header", "marquee"}
_STRONG_WORDS = re.compile(
    r"nav|menu|breadcrumb|crumb|copyright|share|toolbar|login|search|sidebar|footer|friendlink|"
    r"qrcode|erweima|position|location|dqwz|导航|页脚|版权|分享|当前位置|登录|搜索"
)
_WEAK_WORDS = re.compile(r"header|bottom|banner|counter|visit|gotop|backtop|fontsize|print|close|logo|页眉|打印|关闭")
_WEAK_TOKENS = {"top", "head", "foot", "side", "ad", "ads", "link", "links", "tool", "tools", "count", "hits", "views", "pv", "tel", "icp"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_TOKENS = re.compile(r"[a-z0-9]+|[^\x00-\x7f]+")

# Terms of an information-disclosure report; their density locates the content container.
_REPORT_TERMS = re.compile(
    r"政府信息公开|信息公开|主动公开|依申请|申请|行政复议|行政诉讼|年度报告|本年|予以公开|不予公开|"
    r"规范性文件|行政许可|行政处罚|行政强制|收费|答复|办理"
)

# Chrome that has no telling id/class: visit counters and site registration lines. Anchored so
# that report prose about website statistics ("网站全年访问量…") is kept.
_CHROME_LINE = re.compile(
    r"^[【\[]?(访问量|访问次数|浏览次数|浏览量|点击数|点击量|点击率|阅读次数|阅读数|阅读量)[】\]]?\s*[:：]"
    r"|ICP备|ICP证|公网安备|网站标识码"
)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([-\w.:]+)""", re.I)


def sniff_charset(data: bytes) -> str | None:
    """The charset declared in a page's first 4 kB (meta tag or XML declaration), if any."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _attr_words(el: etree._Element) -> str:
    s = f"{el.get('id') or ''} {el.get('class') or ''}"
    return s if s != " " else ""


def _chrome_strength(el: etree._Element) -> int:
    """2 strong chrome, 1 weak chrome, 0 content."""
    tag = el.tag
    if tag in _STRONG_TAGS:
        return 2
    words = _attr_words(el)
    if words:
        low = words.lower()
        if _STRONG_WORDS.search(low):
            return 2
        if _WEAK_WORDS.search(low):
            return 1
        if any(t in _WEAK_TOKENS for t in _TOKENS.findall(_CAMEL.sub(r"\1 \2", words).lower())):
            return 1
    return 1 if tag in _WEAK_TAGS else 0


def _measure(root: etree._Element) -> tuple[dict, dict]:
    """Report-term hits and non-space character counts of every element's subtree."""
    hits: dict = {}
    chars: dict = {}
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    for el in order:
        own = el.text or ""
        for child in el:
            if child.tail:
                own += child.tail
        hits[el] = len(_REPORT_TERMS.findall(own)) if own else 0
        chars[el] = len(own) - own.count(" ") - own.count("\n") - own.count("\t") if own else 0
    for el in reversed(order):
        parent = el.getparent()
        if parent is not None and parent in hits:
            hits[parent] += hits[el]
            chars[parent] += chars[el]
    return hits, chars


def _drop(el: etree._Element) -> None:
    el.drop_tree()  # keeps the element's tail text in place


def _prune(root: etree._Element) -> None:
    junk = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            if el.tag is etree.Comment or el.tag is etree.ProcessingInstruction:
                junk.append(el)
            continue
        if el.tag in _JUNK_TAGS:
            junk.append(el)
        else:
            style = el.get("style")
            if style and _HIDDEN.search(style.lower()):
                junk.append(el)
    for el in junk:
        if el.getparent() is not None:
            _drop(el)

    hits, _ = _measure(root)
    total = hits.get(root, 0)
    chrome = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        strength = _chrome_strength(el)
        if not strength:
            continue
        h = hits.get(el, 0)
        if total and h * 2 >= total:
            continue  # a wrapper holding most of the report is not chrome whatever it is called
        if strength == 2 or h == 0:
            chrome.append(el)
    for el in chrome:
        if el.getparent() is not None:
            _drop(el)


def _is_layout_table(table: etree._Element) -> bool:
    """A table that wraps other tables, or has at most one cell per row, lays out a page."""
    if table.find(".//table") is not None:
        return True
    return all(len(_row_cells(tr)) <= 1 for tr in _table_rows(table))


def _table_rows(table: etree._Element) -> list[etree._Element]:
    return table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    return [c for c in tr if c.tag in ("td", "th")]


def _content_root(body: etree._Element) -> etree._Element:
    """The smallest container holding most of the report, widened to its title and metadata.

    Descend while one child holds >= 80 % of the report-term hits and every data table that
    mentions report terms (never into a data table itself); then climb while the parent adds at
    most 25 % more text, stopping at article/main and at layout-table cells.
    """
    hits, chars = _measure(body)
    total = hits.get(body, 0)
    if not total:
        found = body.xpath(".//main|.//article|.//*[@role='main']")
        return found[0] if found else body
    holds: dict = {}  # element -> number of report tables inside it
    report_tables = [t for t in body.iter("table") if hits.get(t, 0) >= 2 and not _is_layout_table(t)]
    for t in report_tables:
        for el in t.iterancestors():
            holds[el] = holds.get(el, 0) + 1
    node = body
    while True:
        nxt = None
        for child in node:
            if (
                isinstance(child.tag, str)
                and hits.get(child, 0) * 5 >= total * 4
                and holds.get(child, 0) + (child in report_tables) == len(report_tables)
            ):
                nxt = child
                break
        if nxt is None or (nxt.tag in ("table", "tbody", "thead", "tr", "td", "th") and not _in_layout(nxt)):
            break
        node = nxt
    while node is not body and node.tag not in ("article", "main") and node.get("role") != "main":
        parent = node.getparent()
        if parent is None or parent is body or parent.tag in ("html", "tr", "tbody", "thead", "tfoot", "table"):
            break  # a layout-table cell boundary separates content from the page's other cells
        if chars.get(parent, 0) * 4 > chars.get(node, 0) * 5:
            break
        node = parent
    return node


def _in_layout(el: etree._Element) -> bool:
    table = el if el.tag == "table" else next(el.iterancestors("table"), None)
    return table is not None and _is_layout_table(table)


class _Renderer:
    """Walks the content tree: block elements end lines, tables become Tables."""

    def __init__(self) -> None:
        self.out = TextBuilder()
        self._buf: list[str] = []

    def flush(self) -> None:
        if self._buf:
            line = collapse_ws("".join(self._buf))
            self._buf = []
            if line and not _CHROME_LINE.search(line):
                self.out.add_line(line)

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "pre":
            self.flush()
            for line in el.text_content().split("\n"):
                self.out.add_line(line.replace("\t", " ").strip())
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        if el.text:
            self._buf.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self._buf.append(child.tail)
        if block:
            self.flush()

    def table(self, table: etree._Element) -> None:
        rows = _table_rows(table)
        if _is_layout_table(table):
            for child in table:
                self.walk(child)  # caption / rows / cells are all block tags here
            return
        for cap in table.findall("caption"):
            self.walk(cap)
        cells: list[RawCell] = []
        taken: dict[tuple[int, int], bool] = {}
        n_rows = len(rows)
        for r, tr in enumerate(rows):
            col = 0
            for td in _row_cells(tr):
                while (r, col) in taken:
                    col += 1
                rs = _span(td.get("rowspan"), n_rows - r)
                cs = _span(td.get("colspan"), 1000)
                cells.append(RawCell(r, col, _cell_text(td), rs, cs))
                for i in range(r, r + rs):
                    for k in range(col, col + cs):
                        taken[(i, k)] = True
                col += cs
        self.out.add_table(cells, "html")


def _span(value: str | None, limit: int) -> int:
    """A rowspan/colspan attribute as a positive count (0, junk and overflow are clamped)."""
    m = re.match(r"\s*(\d+)", value or "")
    n = int(m.group(1)) if m else 1
    return max(1, min(n, max(1, limit)))


def _cell_text(td: etree._Element) -> str:
    parts: list[str] = []

    def visit(el: etree._Element) -> None:
        if isinstance(el.tag, str):
            if el.tag == "br" or el.tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
            for child in el:
                visit(child)
                if child.tail:
                    parts.append(child.tail)
            if el.tag in _BLOCK_TAGS:
                parts.append("\n")

    if td.text:
        parts.append(td.text)
    for child in td:
        visit(child)
        if child.tail:
            parts.append(child.tail)
    return collapse_ws("".join(parts))


def parse_html(text: str, *, source: str) -> tuple[str, tuple]:
    """Render an HTML string: returns (document text, tables)."""
    text = _XML_DECL.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise EmptyDocumentError(
            f"expected an HTML page with report text but it has no parsable content ({e})",
            source=source,
            hint="check that the page was saved completely",
        ) from None
    except etree.LxmlError as e:
        raise CorruptFileError(
            f"expected an HTML page but it could not be parsed ({e})",
            source=source,
            hint="save the page again from the browser",
        ) from None
    _prune(root)
    body = root.find("body")
    if body is None:
        body = root
    r = _Renderer()
    r.walk(_content_root(body))
    r.flush()
    out_text, tables, _ = r.out.build()
    if not out_text.strip():
        raise EmptyDocumentError(
            "expected report text but the page has none once scripts and navigation are removed",
            source=source,
            hint="save the report page itself (not a frame or index page), or pass its PDF",
        )
    return out_text, tables


def read_html_bytes(data: bytes, *, source: str) -> tuple[str, tuple, str]:
    """Decode and render page bytes: (text, tables, codec)."""
    text, codec = decode_bytes(data, source=source, declared=sniff_charset(data))
    out, tables = parse_html(text, source=source)
    return out, tables, codec

