"""Which parts of a report are prose: everything but the fixed-format tables the table parser reads."""
from __future__ import annotations

from ..types import Document
from ..tables import build_lines, find_sections
from ..tables.legacy import find_table_start
from ..tables.solver import find_regions

# a line this long is not a line of a table but scraped text with no line breaks
FLAT_LINE = 1000


def _trim_prose_tail(lines, lo: int, hi: int) -> tuple[int, int]:
    """End a table section at its last row of figures when sentences follow it: a section whose next
    heading was not recognised ("（一）主要问题" after table 四) runs on into the prose."""
    last = max((i for i in range(lo, hi) if lines[i].numbers and "。" not in lines[i].label), default=None)
    if last is not None and any("。" in lines[i].label for i in range(last + 1, hi)):
        return lo, last + 1
    return lo, hi


def _without_prose_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """A reader's table range without the sentences at its edges: a PDF table found on a page can take in
    the paragraphs above it ("（三）政府信息管理情况。…"), whose lines have no cell breaks and hold a
    sentence's punctuation; they are prose."""
    def prose_line(a: int, b: int) -> bool:
        line = text[a:b]
        return "\t" not in line and "|" not in line and any(c in line for c in "。，；")

    while start < end:
        nl = text.find("\n", start, end)
        stop = end if nl < 0 else nl
        if not prose_line(start, stop):
            break
        start = stop + 1
    while end > start:
        nl = text.rfind("\n", start, end - 1)
        begin = start if nl < 0 else nl + 1
        if not prose_line(begin, end):
            break
        end = begin
    return start, end


def table_ranges(doc: Document, template: str, lines=None) -> list[tuple[int, int]]:
    """Character ranges holding tables: grid tables, template sections 二-四, the legacy 统计表."""
    lines = lines if lines is not None else build_lines(doc)
    out = [_without_prose_lines(doc.text, t.start, t.end) for t in doc.tables if t.source in ("html", "docx", "pdf", "markdown")]
    out = [(a, b) for a, b in out if b > a]
    if template in ("2021", "2019"):
        sec = find_sections(lines)
        regions = None
        for name, rng in (("active", sec.active), ("requests", sec.requests), ("review", sec.review)):
            if rng and rng[1] > rng[0]:
                lo, hi = _trim_prose_tail(lines, *rng)
                if any(lines[i].end - lines[i].start > FLAT_LINE for i in range(lo, hi)):
                    # scraped text: the section's lines hold the prose around the table too
                    regions = regions or find_regions(doc.text)
                    if getattr(regions, name):
                        out.append(getattr(regions, name))
                    continue
                out.append((lines[lo].start, lines[hi - 1].end))
    start = find_table_start(lines)
    if start is not None and lines[start].end - lines[start].start <= FLAT_LINE:
        out.append((lines[start].start, len(doc.text)))
    return sorted(out)


def prose_regions(text_len: int, tables: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The complement of the table ranges within ``[0, text_len)``."""
    out = []
    pos = 0
    for s, e in sorted(tables):
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < text_len:
        out.append((pos, text_len))
    return out
