"""The rule-based parser of the fixed-format statistics tables: a chain of small inspectable steps.

lines (build_lines) -> sections (find_sections) -> runs aligned to template rows (align) -> values.
"""
from __future__ import annotations

from ..schema import Schema, load_schema
from ..types import Document
from .legacy import find_table_start, parse_legacy
from .lines import Line, build_lines
from .national import Parsed, find_sections, parse_active, parse_requests, parse_review
from .template import TemplateGuess, detect_template

__all__ = ["parse_tables", "Parsed", "build_lines", "find_sections", "detect_template", "TemplateGuess", "Line"]


def parse_tables(doc: Document, template: str, schema: Schema | None = None, lines: list[Line] | None = None) -> Parsed:
    """Read every fixed-format table of ``doc`` laid out per ``template`` into field values."""
    schema = schema or load_schema()
    lines = lines if lines is not None else build_lines(doc)
    out = Parsed()
    if template in ("2021", "2019"):
        sec = find_sections(lines)
        out.debug.append(f"sections: 二={sec.active} 三={sec.requests} 四={sec.review} of {len(lines)} lines")
        if sec.active:
            out.merge(parse_active(doc, lines, sec.active, template, schema))
        if sec.requests:
            out.merge(parse_requests(doc, lines, sec.requests, template, schema))
        else:
            out.warnings.append("table 三 (收到和处理政府信息公开申请情况) not found")
        if sec.review:
            out.merge(parse_review(doc, lines, sec.review))
        else:
            out.warnings.append("table 四 (行政复议、行政诉讼情况) not found")
    # Legacy 统计表 appear in pre-2019 reports, but a later report may attach one too.
    if template in ("legacy", "unknown") or find_table_start(lines) is not None:
        out.merge(parse_legacy(doc, lines, schema))
    return out
