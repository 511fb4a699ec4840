"""Step 1 of the table parser: turn a Document into a stream of lines of label, number and blank items.

Grid tables (HTML, DOCX, PDF) contribute one line per grid row with column positions; everything
else (plain text, Markdown pipes, PDF page text) contributes one line per text line, split at
pipes and tabs. Offsets always index ``Document.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..numbers import parse_number
from ..types import Document, Span

ItemKind = Literal["num", "blank", "label"]


# A number standing as a value: digits with optional decimals or thousands separators and an
# attached sign. Ordinals ("1." / "1、" before text), dates, document numbers and percentages are
# excluded by the context checks in ``_numbers_in``.
_NUM_RE = re.compile(r"(?<![0-9０-９.．,，])([-－−]?)([0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?)(?![0-9０-９])")
_AFTER_NOT_VALUE = re.compile(r"\s*(?:年|月|日|号|时|〕|\]|】|%|％|‰|周岁|岁)")
_ORDINAL_AFTER = re.compile(r"[.．、]\s*(?=\D)")
_BEFORE_NOT_VALUE = ("第", "〔", "[", "【", "No", "NO")
_BLANK_CELL = re.compile(r"^\s*(?:[-－—–/／]+|无|空)?\s*$")
_PAGE_LINE = re.compile(r"^\s*(?:[-－—–]+\s*[0-9０-９]+\s*[-－—–]+|第\s*[0-9０-９]+\s*页.*|[0-9０-９]+\s*/\s*[0-9０-９]+)\s*$")
_PAREN = re.compile(r"[（(][^（）()]{0,40}[）)]")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def to_number(s: str) -> int | float:
    """Value of a numeric token as printed in a table cell (ASCII or full-width, separators, sign)."""
    if s.isascii() and s.isdigit():
        return int(s)  # the common case, without the general parser
    parsed = parse_number(s, group_spaces=False)
    if parsed is None or parsed.value is None:
        raise ValueError(f"not a number: {s!r}")
    return parsed.value


@dataclass(frozen=True)
class Item:
    kind: ItemKind
    span: Span
    value: int | float | None = None
    col: int | None = None  # grid column, when the line is a grid row

    @property
    def text(self) -> str:
        return self.span.text


@dataclass
class Line:
    start: int
    end: int
    items: list[Item] = field(default_factory=list)
    grid: bool = False
    ncols: int = 0
    table: int | None = None

    @property
    def label(self) -> str:
        return "".join(i.text for i in self.items if i.kind == "label")

    @property
    def numbers(self) -> list[Item]:
        return [i for i in self.items if i.kind == "num"]

    def run(self) -> list[Item]:
        """The trailing numbers and blanks of the line: its values, after its label."""
        out: list[Item] = []
        for it in reversed(self.items):
            if it.kind == "label":
                break
            out.append(it)
        out.reverse()
        # A leading blank before the first label-less number is layout, not a value.
        return out

    def label_items(self) -> list[Item]:
        return [i for i in self.items if i.kind == "label"]

    def __repr__(self) -> str:  # compact form for --debug dumps
        parts = []
        for i in self.items:
            if i.kind == "num":
                parts.append(str(i.value))
            elif i.kind == "blank":
                parts.append("∅")
            else:
                parts.append(repr(i.text))
        return f"Line({self.start}{' grid' if self.grid else ''}: {' '.join(parts)})"


def _numbers_in(text: str, base: int, doc_text: str, *, skip_parens: bool) -> list[tuple[int, int, int | float]]:
    """Numbers in one cell of text as (start, end, value), offsets into the document."""
    masked = text
    if skip_parens:
        masked = _PAREN.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for m in _NUM_RE.finditer(masked):
        s, e = m.start(), m.end()
        if _AFTER_NOT_VALUE.match(masked, e):
            continue
        if _ORDINAL_AFTER.match(masked, e) and not m.group(1):
            # "1.属于国家秘密" / "2、重复申请": a list ordinal, not a value
            continue
        before = masked[max(0, s - 2) : s]
        if any(before.endswith(b) for b in _BEFORE_NOT_VALUE):
            continue
        sign = m.group(1)
        if sign and s > 0 and not masked[s - 1].isspace() and masked[s - 1] not in "|\t：:":
            s += len(sign)  # a dash glued to text is punctuation, not a sign
            sign = ""
        try:
            val = to_number((sign or "") + m.group(2))
        except ValueError:
            continue
        out.append((base + s, base + e, val))
    return out


def _items_for_cell(doc_text: str, start: int, end: int, col: int | None, *, whole_cell: bool) -> list[Item]:
    """Split one cell (or one text segment) into label/number/blank items."""
    raw = doc_text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    s, e = start + lead, end - trail
    if s >= e:
        return [Item("blank", Span.from_text(doc_text, s, s), None, col)] if whole_cell else []
    text = doc_text[s:e]
    if whole_cell and _BLANK_CELL.match(text):
        return [Item("blank", Span.from_text(doc_text, s, e), None, col)]
    nums = _numbers_in(text, s, doc_text, skip_parens=True)
    items: list[Item] = []
    pos = s
    for ns, ne, val in nums:
        if doc_text[pos:ns].strip():
            ls = pos + (len(doc_text[pos:ns]) - len(doc_text[pos:ns].lstrip()))
            le = ns - (len(doc_text[pos:ns]) - len(doc_text[pos:ns].rstrip()))
            items.append(Item("label", Span.from_text(doc_text, ls, le), None, col))
        items.append(Item("num", Span.from_text(doc_text, ns, ne), val, col))
        pos = ne
    if doc_text[pos:e].strip():
        ls = pos + (len(doc_text[pos:e]) - len(doc_text[pos:e].lstrip()))
        items.append(Item("label", Span.from_text(doc_text, ls, e), None, col))
    return items


def _text_line(doc_text: str, start: int, end: int) -> Line | None:
    raw = doc_text[start:end]
    if not raw.strip() or _PAGE_LINE.match(raw) or _MD_SEPARATOR.match(raw):
        return None
    line = Line(start, end)
    if "|" in raw or "\t" in raw:
        sep = "|" if "|" in raw else "\t"
        pos = start
        pieces = raw.split(sep)
        for k, piece in enumerate(pieces):
            ps, pe = pos, pos + len(piece)
            pos = pe + 1
            if sep == "|" and (k == 0 or k == len(pieces) - 1) and not piece.strip():
                continue  # outer pipes of a Markdown row
            line.items.extend(_items_for_cell(doc_text, ps, pe, None, whole_cell=True))
    else:
        line.items.extend(_items_for_cell(doc_text, start, end, None, whole_cell=False))
    return line if line.items else None


def _grid_lines(doc: Document, t_index: int) -> list[Line]:
    table = doc.tables[t_index]
    out: list[Line] = []
    ncols = table.n_cols
    for cells in table.rows():
        if not cells:
            continue
        line = Line(cells[0].span.start, cells[-1].span.end, grid=True, ncols=ncols, table=t_index)
        for c in cells:
            line.items.extend(_items_for_cell(doc.text, c.span.start, c.span.end, c.col + c.colspan - 1, whole_cell=True))
        if any(i.kind != "blank" for i in line.items):
            out.append(line)
    return out


GRID_SOURCES = ("html", "docx", "pdf")


def build_lines(doc: Document) -> list[Line]:
    """The document as a list of lines in reading order (grid rows replace their rendered text)."""
    text = doc.text
    grids = sorted(
        (i for i, t in enumerate(doc.tables) if t.source in GRID_SOURCES and t.cells),
        key=lambda i: doc.tables[i].start,
    )
    lines: list[Line] = []
    pos = 0
    n = len(text)
    gi = 0
    while pos < n:
        if gi < len(grids) and doc.tables[grids[gi]].start <= pos:
            t = doc.tables[grids[gi]]
            lines.extend(_grid_lines(doc, grids[gi]))
            pos = max(pos, t.end)
            gi += 1
            continue
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if gi < len(grids) and doc.tables[grids[gi]].start < end:
            end = doc.tables[grids[gi]].start
        line = _text_line(text, pos, end)
        if line is not None:
            lines.append(line)
        pos = end + 1 if (nl >= 0 and end == nl) else end
    return merge_cell_lines(lines)


def _single_number(line: Line) -> bool:
    return not line.grid and len(line.items) == 1 and line.items[0].kind == "num"


def merge_cell_lines(lines: list[Line]) -> list[Line]:
    """Join runs of lines holding one number each (a table copied one cell per line) into one row."""
    out: list[Line] = []
    for line in lines:
        if out and _single_number(line) and (_single_number(out[-1]) or getattr(out[-1], "_merged", False)):
            prev = out[-1]
            merged = Line(prev.start, line.end, prev.items + line.items)
            merged._merged = True  # type: ignore[attr-defined]
            out[-1] = merged
        else:
            out.append(line)
    return out
