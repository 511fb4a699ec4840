"""Shared reader plumbing: whitespace rules, CJK-aware line joining, and the builder that renders lines and tables into one text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Cell, Span, Table

# ---------------------------------------------------------------------------
# Characters


def is_cjk(ch: str) -> bool:
    """True for Han characters, CJK punctuation and full-width forms (where no space separates words)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 < o <= 0x303F  # CJK punctuation, not U+3000 itself (a space)
        or 0xFF00 <= o <= 0xFFEF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
    )


# ASCII whitespace plus no-break space; U+3000 is printed text in Chinese reports and is kept.
_WS_RUN = re.compile(r"[ \t\n\r\f\v\xa0]+")


def collapse_ws(s: str) -> str:
    """Collapse whitespace runs to one space, and drop line breaks between two CJK characters.

    A line break between Chinese characters is a wrap, not a word boundary (pdfplumber cell lines,
    Word HTML source lines, multi-paragraph cells), so joining without a space keeps words whole.

    >>> collapse_ws(" 本年\\n 新收\\t申请 ")
    '本年新收 申请'
    >>> collapse_ws("12\\n34")
    '12 34'
    """

    def repl(m: re.Match[str]) -> str:
        a, b = m.start(), m.end()
        if "\n" in m.group() and 0 < a and b < len(s) and is_cjk(s[a - 1]) and is_cjk(s[b]):
            return ""
        return " "

    return _WS_RUN.sub(repl, s).strip()


# Every line break convention becomes "\n" (the text all offsets index), including the
# separators that str.splitlines() would break on so that downstream splitting cannot disagree.
_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def normalise_newlines(s: str) -> str:
    return _NEWLINES.sub("\n", s)


# ---------------------------------------------------------------------------
# Building the document text


@dataclass
class RawCell:
    """A table cell before it has an offset: grid position, spans and its (single-line) text."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _PendingTable:
    first_line: int
    n_lines: int
    placements: list[tuple[RawCell, int, int]]  # cell, line index, column offset in that line
    source: str
    page: int | None


class TextBuilder:
    """Accumulates prose lines and tables, then renders one text with exact cell offsets.

    Prose lines lose trailing whitespace and runs of blank lines become one blank line; table rows
    are structural (cells joined by tabs) and are never altered, so every cell offset stays exact.
    """

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._tables: list[_PendingTable] = []
        self._protected_until = 0  # lines before this index belong to tables

    @property
    def n_lines(self) -> int:
        return len(self._lines)

    def add_line(self, line: str) -> None:
        line = line.rstrip()
        if not line and (not self._lines or (self._lines[-1] == "" and len(self._lines) > self._protected_until)):
            return
        self._lines.append(line)

    def add_text(self, text: str) -> None:
        for line in normalise_newlines(text).split("\n"):
            self.add_line(line)

    def add_table(self, cells: list[RawCell], source: str, page: int | None = None) -> bool:
        """Render ``cells`` as one line per grid row (cells in column order, tab-separated).

        Rows in which no cell starts (all covered by row spans) produce no line. Returns False
        (adding nothing) when there are no cells.
        """
        if not cells:
            return False
        by_row: dict[int, list[RawCell]] = {}
        for c in cells:
            by_row.setdefault(c.row, []).append(c)
        first = len(self._lines)
        placements: list[tuple[RawCell, int, int]] = []
        for r in sorted(by_row):
            parts: list[str] = []
            offset = 0
            for c in sorted(by_row[r], key=lambda c: c.col):
                # Cell text is one line by contract; guard so a stray break cannot corrupt rows.
                if "\t" in c.text or "\n" in c.text:
                    c.text = collapse_ws(c.text)
                placements.append((c, len(self._lines), offset))
                parts.append(c.text)
                offset += len(c.text) + 1
            self._lines.append("\t".join(parts))
        self._tables.append(_PendingTable(first, len(self._lines) - first, placements, source, page))
        self._protected_until = len(self._lines)
        return True

    def build(self) -> tuple[str, tuple[Table, ...], list[int]]:
        """Return (text, tables, line start offsets)."""
        while len(self._lines) > self._protected_until and self._lines[-1] == "":
            self._lines.pop()
        starts: list[int] = []
        pos = 0
        for line in self._lines:
            starts.append(pos)
            pos += len(line) + 1
        text = "\n".join(self._lines)
        tables: list[Table] = []
        for t in self._tables:
            out: list[Cell] = []
            for c, li, off in t.placements:
                s = starts[li] + off
                out.append(Cell(c.row, c.col, Span.from_text(text, s, s + len(c.text)), c.rowspan, c.colspan))
            last = t.first_line + t.n_lines - 1
            tables.append(
                Table(tuple(out), starts[t.first_line], starts[last] + len(self._lines[last]), t.source, t.page)
            )
        return text, tuple(tables), starts

    def line_span(self, starts: list[int], first: int, end: int) -> tuple[int, int]:
        """(start, end) offsets covering lines ``[first, end)`` of the built text (call after build)."""
        n = len(self._lines)
        end = min(end, n)
        if end <= first:
            pos = starts[first] if first < n else (starts[-1] + len(self._lines[-1]) if n else 0)
            return (pos, pos)
        return (starts[first], starts[end - 1] + len(self._lines[end - 1]))
