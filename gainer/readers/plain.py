"""Plain text and Markdown: normalise lines, and turn Markdown pipe tables into Tables with exact cell offsets."""
from __future__ import annotations

import re

from ..types import Cell, Span, Table
from ._layout import TextBuilder

_SEPARATOR_CELL = re.compile(r"\s*:?-+:?\s*")


def normalise_text(text: str) -> str:
    """Newlines to "\\n", trailing whitespace off each line, at most one blank line in a row."""
    b = TextBuilder()
    b.add_text(text)
    return b.build()[0]


def _pipe_positions(line: str) -> list[int]:
    """Offsets of the unescaped ``|`` characters in ``line``."""
    out = []
    i = line.find("|")
    while i != -1:
        if i == 0 or line[i - 1] != "\\":
            out.append(i)
        i = line.find("|", i + 1)
    return out


def _segments(line: str) -> list[tuple[int, int]] | None:
    """Cell segments (start, end) of a pipe-table line, or None if it is not one.

    A pipe line starts with ``|`` (after indentation) and has at least two pipes. Text after the
    last pipe is a cell only when it is not blank (a missing closing pipe).
    """
    stripped = line.lstrip()
    if not stripped.startswith("|"):
        return None
    pipes = _pipe_positions(line)
    if len(pipes) < 2:
        return None
    segs = [(pipes[k] + 1, pipes[k + 1]) for k in range(len(pipes) - 1)]
    if line[pipes[-1] + 1 :].strip():
        segs.append((pipes[-1] + 1, len(line)))
    return segs


def _is_separator(line: str, segs: list[tuple[int, int]]) -> bool:
    return all(_SEPARATOR_CELL.fullmatch(line[s:e]) for s, e in segs)


def find_pipe_tables(text: str) -> tuple[Table, ...]:
    """Markdown pipe tables in ``text``: consecutive pipe lines form one table.

    Separator lines (``|---|:--:|``) are not rows, wherever they occur; a blank or other line
    ends the table. Rows keep their own cell counts. Empty cells are zero-length spans just
    after their opening pipe.

    >>> (t,) = find_pipe_tables("| 规章 | 3 |\\n|---|---|\\n| 文件 |  | 9 |")
    >>> [[c.text for c in row] for row in t.rows()]
    [['规章', '3'], ['文件', '', '9']]
    """
    tables: list[Table] = []
    cells: list[Cell] = []
    row = 0
    t_start = t_end = -1
    pos = 0

    def close() -> None:
        nonlocal cells, row, t_start
        if cells:
            tables.append(Table(tuple(cells), t_start, t_end, "markdown"))
        cells, row, t_start = [], 0, -1

    for line in text.split("\n"):
        segs = _segments(line) if "|" in line else None
        if segs is None:
            close()
        else:
            if t_start < 0:
                t_start = pos
            t_end = pos + len(line)
            if not _is_separator(line, segs):
                for col, (s, e) in enumerate(segs):
                    seg = line[s:e]
                    inner = seg.strip()
                    if inner:
                        a = s + (len(seg) - len(seg.lstrip()))
                        b = a + len(inner)
                    else:
                        a = b = s
                    cells.append(Cell(row, col, Span.from_text(text, pos + a, pos + b)))
                row += 1
        pos += len(line) + 1
    close()
    return tuple(tables)
