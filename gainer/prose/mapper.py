"""Map tagged METRIC/VALUE spans onto stats.* schema fields, with evidence and confidence.

Each VALUE is paired with the METRIC of its clause (before it, else after it: "有1件…行政复议"),
a zero statement (未/无/没有) with every METRIC after it in its clause. The METRIC text, with the
clause and sentence around it, picks the field (lexicon patterns and their context). Figures for
other years, cumulative-to-date totals, percentages and unit mismatches never land in a field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..numbers import parse_number, to_unit
from ..schema import Schema
from ..types import FieldValue, OtherMetric, Span
from .lexicon import COMPILED, compatible

_SENT_END = re.compile(r"[。；;！？!?]|\n\s*\n")
_CLAUSE_END = re.compile(r"[。；;！？!?，,：:]|\n\s*\n")
_LIST_SEP = re.compile(r"[、]")
_OTHER_TIME = re.compile(r"上年|上一年|去年|同比|较上年|环比|截至|截止|至今|以来|历年|目前")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_WEB = re.compile(r"网站|门户|网页|网上")
_BLOCK = re.compile(r"复议|诉讼")
_ZERO_WORDS = ("未", "无", "没有")
_LEFT_ITEM = re.compile(r"[、和及与]")
_NEGATED = re.compile(r"\s*(?:而|却)?(?:未予|未|不予|没有)")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+\s*[、.．])")


def _alone_on_line(text: str, v: Span) -> bool:
    """A zero word that is its line's whole content (bar punctuation): "无。"."""
    a = text.rfind("\n", 0, v.start) + 1
    b = text.find("\n", v.end)
    b = len(text) if b < 0 else b
    return (text[a : v.start] + text[v.end : b]).strip(" \t\u3000。.；;") == ""


def _heading_zero(text: str, v: Span, lo: int, schema: Schema) -> list[tuple[str, Span]]:
    """The total fields named by the heading just above a lone zero word, with the heading as evidence."""
    end = text.rfind("\n", lo, v.start)
    while end > lo:
        start = text.rfind("\n", lo, end) + 1
        line = text[start:end]
        if line.strip():
            break
        end = start - 1
    else:
        return []
    if not _HEADING.match(line):
        return []
    out: list[tuple[str, Span]] = []
    pos = start
    for piece in re.split(r"([、和及与])", line):
        if piece and piece not in "、和及与":
            fid, _ = classify(piece, line, line, "")
            if fid and fid in schema and fid.endswith((".total", ".amount", ".received")) and fid not in {f for f, _ in out}:
                s = pos + len(piece) - len(piece.lstrip())
                out.append((fid, Span.from_text(text, s, pos + len(piece.rstrip()))))
        pos += len(piece)
    return out


@dataclass
class _Ctx:
    clause: tuple[int, int]
    sentence: tuple[int, int]


def _bounds(text: str, pos: int, rx: re.Pattern, lo: int, hi: int) -> tuple[int, int]:
    start = lo
    for m in rx.finditer(text, lo, pos):
        start = m.end()
    m = rx.search(text, pos, hi)
    return start, (m.start() if m else hi)


def _clause(text: str, v: Span, lo: int, hi: int, *, zero: bool = False) -> tuple[int, int]:
    s, e = _bounds(text, v.start, _CLAUSE_END, lo, hi)
    if zero:  # "未发生行政复议、行政诉讼": a zero governs the whole list after it
        return s, e
    # "X、Y、Z等 N件": the enumeration belongs to one figure; otherwise 、 separates list items
    before = text[s : v.start].rstrip()
    if not before.endswith("等"):
        for m in _LIST_SEP.finditer(text, s, v.start):
            s = m.end()
    m = _LIST_SEP.search(text, v.end, e)
    if m:
        e = m.start()
    return s, e


_WS = re.compile(r"\s+")


def classify(metric: str, clause: str, sentence: str, left: str, after: str = "") -> tuple[str | None, float]:
    """The field a metric phrase names, given its clause and sentence; and how sure that is.

    ``after`` is the text following the metric (some patterns need the figure right after the verb)."""
    metric, clause, sentence, left, after = (_WS.sub("", x) for x in (metric, clause, sentence, left, after))
    best: tuple[str | None, float, int] = (None, 0.0, 0)
    for fid, rx, need, forbid in COMPILED:
        m = rx.match(metric + after)
        if m is not None and m.end() != len(metric):
            m = None
        strength = 1.0
        if m is None:
            m = rx.search(metric)
            if m is None:
                continue
            strength = 0.8
        if need is not None and not need.search(sentence):
            continue
        if forbid is not None and forbid.search(left + metric):
            continue
        length = m.end() - m.start()
        if (strength, length) > (best[1], best[2]):
            best = (fid, strength, length)
    return best[0], best[1]


def _resolve_block(fid: str, text: str, sent_lo: int, metric_start: int) -> str | None:
    if not fid.startswith("@block."):
        return fid
    kw = None
    for m in _BLOCK.finditer(text, sent_lo, metric_start + 4):
        kw = m.group(0)
    if kw is None:
        return None
    return f"stats.{'review' if kw == '复议' else 'litigation'}.{fid.split('.')[1]}"


def map_spans(
    text: str,
    spans: list[Span],
    *,
    year: int | None,
    schema: Schema,
    regions: list[tuple[int, int]] | None = None,
    source: Any = "prose-rules",
) -> tuple[dict[str, FieldValue], list[OtherMetric], list[str]]:
    """Fields, unmapped metrics, and notes on rejected figures, from one report's prose spans.

    ``source`` is the FieldValue source, or a function from a VALUE span to it."""
    regions = regions if regions is not None else [(0, len(text))]
    values = sorted((s for s in spans if s.label == "VALUE"), key=lambda s: s.start)
    metrics = sorted((s for s in spans if s.label == "METRIC"), key=lambda s: s.start)
    fields: dict[str, FieldValue] = {}
    others: list[OtherMetric] = []
    notes: list[str] = []

    def region_of(pos: int) -> tuple[int, int] | None:
        for lo, hi in regions:
            if lo <= pos < hi:
                return lo, hi
        return None

    src_of = source if callable(source) else (lambda _v: source)

    def put(fid: str, value, unit: str, ev: Span, conf: float, approx: bool, src: str, note: str | None = None) -> None:
        old = fields.get(fid)
        if old is None or conf > old.confidence + 0.15:
            fields[fid] = FieldValue(value, unit, ev, src, conf, approx, note)

    for v in values:
        src = src_of(v)
        reg = region_of(v.start)
        if reg is None:
            continue
        lo, hi = reg
        zero = v.text in _ZERO_WORDS
        c_lo, c_hi = _clause(text, v, lo, hi, zero=zero)
        s_lo, s_hi = _bounds(text, v.start, _SENT_END, lo, hi)
        clause_ms = [m for m in metrics if c_lo <= m.start and m.end <= c_hi]
        if zero:
            targets = [m for m in clause_ms if m.start >= v.end] or [m for m in metrics if v.end <= m.start < s_hi][:1]
            # "未被行政复议纠错": a metric directly followed by another only qualifies it
            targets = [m for k, m in enumerate(targets) if not (k + 1 < len(targets) and targets[k + 1].start - m.end == 0)]
            parsed_value, unit, approx = 0, None, False
        else:
            p = parse_number(v.text)
            if p is None or p.value is None:
                continue
            before = [m for m in clause_ms if m.end <= v.start]
            after = [m for m in clause_ms if m.start >= v.end]
            # "刊登规章、文件等 243件": the verb before an enumeration governs the figure
            governs = text[c_lo : v.start].rstrip().endswith("等")
            targets = (before[:1] if governs else before[-1:]) or after[:1]
            parsed_value, unit, approx = p.value, p.unit, p.approximate
        lead = text[c_lo : v.start]
        reason = None
        if _OTHER_TIME.search(lead):
            reason = "another period (上年/累计至/截至…)"
        else:
            for ym in _YEAR.finditer(text, s_lo, v.start):
                if year is not None and int(ym.group(1)) != year:
                    reason = f"the year {ym.group(1)}, not the report year"
        if not targets and zero and reason is None and _alone_on_line(text, v):
            # "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无": the heading names what is zero
            placed = _heading_zero(text, v, lo, schema)
            for fid, ev in placed:
                put(fid, 0, schema.unit(fid), ev, round(0.6 * (v.score or 0.7), 4), False, src, "zero statement under its heading")
            continue
        if not targets:
            if not zero and reason is None:
                label = text[c_lo : v.start].strip(" \n\t，,、：:其中共计有为")
                ev = Span.from_text(text, v.start, v.end)
                if label:
                    others.append(OtherMetric(label[-20:], parsed_value, unit or "", ev, 0.5 * (v.score or 0.7), approx))
            continue
        placed_any = False
        for m in targets:
            if zero and _NEGATED.match(text, m.end):
                continue  # "未出现应主动公开政府信息而未予公开的情况": an incident, not a count
            left = _LEFT_ITEM.split(text[c_lo : m.start])[-1]  # the list item's own lead-in
            fid, strength = classify(m.text, text[c_lo:c_hi], text[s_lo:s_hi], left, text[m.end : m.end + 8])
            fid = _resolve_block(fid, text, s_lo, m.start) if fid else None
            ev = Span.from_text(text, min(m.start, v.start), max(m.end, v.end))
            if fid is None or fid not in schema:
                if not zero and reason is None:
                    others.append(OtherMetric(m.text, parsed_value, unit or "", ev, (m.score or 0.7) * (v.score or 0.7), approx))
                continue
            if reason is not None:
                notes.append(f"{fid}: {ev.text!r} left out: {reason}")
                continue
            field_unit = schema.unit(fid)
            val = parsed_value
            if unit and not compatible(unit, field_unit):
                others.append(OtherMetric(m.text, parsed_value, unit, ev, 0.5, approx))
                continue
            if unit in ("元", "万元") and field_unit in ("元", "万元") and unit != field_unit:
                val = to_unit(val, unit, field_unit)
            conf = round((m.score or 0.7) * (v.score or 0.7) ** 0.5 * strength, 4)
            put(fid, val, field_unit, ev, conf, approx, src, "zero statement" if zero else None)
            placed_any = True
            if fid == "stats.active.total" and _WEB.search(text[s_lo : m.start]):
                # a count of what the website published: the report's only proactive total, by convention
                put("stats.active.via_website", val, field_unit, ev, conf * 0.9, approx, src)
        if not placed_any and zero:
            continue
    return fields, others, notes
