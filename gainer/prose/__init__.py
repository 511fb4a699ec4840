"""Figures stated in prose: tag METRIC/VALUE spans (model or rules), map them onto stats.* fields."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..schema import Schema
from ..types import Document, FieldValue, OtherMetric, Span
from .mapper import map_spans
from .sections import prose_regions, table_ranges

__all__ = ["ProseResult", "read_prose", "tag_prose", "tag_text_prose", "map_spans", "prose_regions", "table_ranges"]


@dataclass
class ProseResult:
    fields: dict[str, FieldValue] = field(default_factory=dict)
    other_metrics: list[OtherMetric] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def tag_regions(tag, text: str, regions: list[tuple[int, int]]) -> list[Span]:
    """Tag each prose region on its own and shift the spans back to document offsets."""
    out: list[Span] = []
    for lo, hi in regions:
        chunk = text[lo:hi]
        if not chunk.strip():
            continue
        for s in tag(chunk):
            out.append(Span.from_text(text, s.start + lo, s.end + lo, s.label, s.score))
    return out


def tag_prose(tag, doc: Document, template: str, lines=None) -> tuple[list[Span], list[tuple[int, int]]]:
    """Tag the prose of ``doc`` (everything but its fixed-format tables): (spans, prose regions)."""
    regions = prose_regions(len(doc.text), table_ranges(doc, template, lines))
    return tag_regions(tag, doc.text, regions), regions


def tag_text_prose(tag, text: str) -> list[Span]:
    """Spans of a bare ``text`` as extraction tags them: its prose only, the fixed-format tables left to
    the table parser (and unmarked in annotations too). Offsets index ``text`` as given (it is not
    re-read, which would normalise whitespace)."""
    from ..tables.template import detect_template

    return tag_prose(tag, Document.from_text(text), detect_template(text).template)[0]


def read_prose(doc: Document, *, template: str, year: int | None, schema: Schema, use_model: bool = True, model: Any = None, lines=None) -> ProseResult:
    from ..tagging import get_tagger

    tag, source = get_tagger(use_model=use_model, model=model)
    spans, regions = tag_prose(tag, doc, template, lines)
    fields, others, notes = map_spans(doc.text, spans, year=year, schema=schema, regions=regions, source=source)
    return ProseResult(fields, others, spans, [])
