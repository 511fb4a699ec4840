"""Figures stated in prose: tag METRIC/VALUE spans (model or rules), map them onto stats.* fields."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..schema import Schema
from ..types import Document, FieldValue, OtherMetric, Span
from .mapper import map_spans
from .sections import prose_regions, table_ranges

__all__ = ["ProseResult", "read_prose", "tag_prose", "tag_text_prose", "tag_with_backstop", "with_backstop", "map_spans", "prose_regions", "table_ranges"]


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


def with_backstop(model_spans: list[Span], rule_spans: list[Span]) -> tuple[list[Span], set[tuple[int, int, str]]]:
    """The model's spans plus the rules' spans that overlap none of them (the lexicon backs the model up
    where it found nothing), and the keys ``(start, end, label)`` of the spans that came from the rules."""
    extra = [s for s in rule_spans if not any(s.overlaps(m) for m in model_spans)]
    spans = sorted(list(model_spans) + extra, key=lambda s: (s.start, s.end))
    return spans, {(s.start, s.end, s.label) for s in extra}


def tag_with_backstop(tag, doc: Document, template: str, lines=None) -> tuple[list[Span], list[tuple[int, int]], set[tuple[int, int, str]]]:
    """:func:`tag_prose` with ``tag`` (the model), then the lexicon rules over the same prose regions
    filling in where it found nothing: (spans, regions, keys of the spans the rules added)."""
    from .rules_tagger import tag as rules_tag

    spans, regions = tag_prose(tag, doc, template, lines)
    spans, from_rules = with_backstop(spans, tag_regions(rules_tag, doc.text, regions))
    return spans, regions, from_rules


def tag_text_prose(tag, text: str, *, backstop: bool = False) -> list[Span]:
    """Spans of a bare ``text`` as extraction tags them: its prose only, the fixed-format tables left to
    the table parser (and unmarked in annotations too); with ``backstop`` the rules fill in after ``tag``.
    Offsets index ``text`` as given (it is not re-read, which would normalise whitespace)."""
    from ..tables.template import detect_template

    doc, template = Document.from_text(text), detect_template(text).template
    if backstop:
        return tag_with_backstop(tag, doc, template)[0]
    return tag_prose(tag, doc, template)[0]


def read_prose(
    doc: Document, *, template: str, year: int | None, schema: Schema, use_model: bool = True, model: Any = None, lines=None, backstop: bool = True
) -> ProseResult:
    """Tag the prose and map the spans onto fields. With the model and ``backstop`` (the default), the
    lexicon rules add what they find where the model found nothing; each field's ``source`` names the
    tagger behind its figure (``prose-model`` or ``prose-rules``)."""
    from ..tagging import get_tagger

    tag, source = get_tagger(use_model=use_model, model=model)
    if use_model and backstop:
        spans, regions, from_rules = tag_with_backstop(tag, doc, template, lines)
        source = lambda v: "prose-rules" if (v.start, v.end, v.label) in from_rules else "prose-model"  # noqa: E731
    else:
        spans, regions = tag_prose(tag, doc, template, lines)
    fields, others, notes = map_spans(doc.text, spans, year=year, schema=schema, regions=regions, source=source)
    return ProseResult(fields, others, spans, [])
