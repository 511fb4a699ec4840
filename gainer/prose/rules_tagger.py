"""A rules-only METRIC/VALUE tagger: the ``--no-model`` path and the baseline the model is measured against."""
from __future__ import annotations

import re

from ..types import Span
from .lexicon import COMPILED

_CN = "零〇一二两三四五六七八九十百千"
UNITS = "人次|万元|件次|场次|件|条|篇|个|项|份|批|起|宗|处|次|场|期|人|名|位|元"
VALUE_RE = re.compile(
    r"(?<![0-9０-９.．第〔\[])"
    r"(?P<pre>近|约|超过|超|逾)?"
    r"(?P<num>[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?|[" + _CN + r"]{2,}|[" + _CN[2:] + r"](?=[件条篇次场项]))"
    r"\s*(?P<post>余|多)?\s*(?P<mult>万|亿)?\s*(?P<unit>" + UNITS + r")"
    r"(?![0-9０-９])"
)
ZERO_RE = re.compile(
    r"未(?=(?:发生|收到|收取|产生|出现|接到|有|被|涉及|受理))"
    r"|没有(?=(?:发生|收到|收取|收费|产生|出现|接到|涉及|受理|[^，。；]{0,12}(?:费用|申请)))"
    r"|无(?=(?:收费|(?:因|涉及)?[^，。；]{0,8}(?:申请|复议|诉讼|投诉|收取)))"
)
# a line saying only 无 (under its heading); matched on the text itself, where the line breaks are
LONE_ZERO_RE = re.compile(r"(?m:^[ \t\u3000]*(无|没有)(?=[ \t\u3000]*[。.]?[ \t\u3000]*$))")


def find_values(text: str) -> list[Span]:
    out = []
    for m in VALUE_RE.finditer(text):
        if m.group("pre") in (None, "") and m.group("num") in ("一", "两") and m.group("unit") in ("个",):
            continue
        start = m.start("pre") if m.group("pre") else m.start("num")
        after = text[m.end() : m.end() + 1]
        if after in ("%", "％"):
            continue
        out.append(Span.from_text(text, start, m.end(), "VALUE", 0.7))
    for m in ZERO_RE.finditer(text):
        out.append(Span.from_text(text, m.start(), m.end(), "VALUE", 0.7))
    return out


def find_metrics(text: str) -> list[Span]:
    """Every lexicon phrase, longest first where they overlap."""
    cands = []
    for _, rx, _, _ in COMPILED:
        for m in rx.finditer(text):
            if m.end() > m.start():
                cands.append((m.start(), m.end()))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    for s, e in cands:
        if all(e <= ts or s >= te for ts, te in taken):
            taken.append((s, e))
    return [Span.from_text(text, s, e, "METRIC", 0.7) for s, e in sorted(taken)]


_BREAK = re.compile(r"[ \t]*\n[ \t]*(?!\s*\n)")


def joined_view(text: str) -> tuple[str, list[int]]:
    """The text with single line breaks removed (PDF extraction breaks lines inside words), and
    for each character of the view its offset in ``text``."""
    parts, index = [], []
    pos = 0
    for m in _BREAK.finditer(text):
        if m.start() > 0 and text[m.start() - 1] == "\n":
            continue
        parts.append(text[pos : m.start()])
        index.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(parts), index


def tag(text: str) -> list[Span]:
    """METRIC and VALUE spans found by the lexicon and the number patterns, in text order.

    Matching runs on a view of the text without single line breaks; spans map back to offsets
    in ``text`` (so a span may contain the line break that split a word)."""
    if not text or not text.strip():
        return []
    view, index = joined_view(text)
    values = find_values(view)
    metrics = [m for m in find_metrics(view) if not any(m.overlaps(v) for v in values)]
    out = [Span.from_text(text, index[s.start], index[s.end - 1] + 1, s.label, s.score) for s in values + metrics]
    for m in LONE_ZERO_RE.finditer(text):
        if not any(o.start < m.end(1) and m.start(1) < o.end for o in out):
            out.append(Span.from_text(text, m.start(1), m.end(1), "VALUE", 0.7))
    return sorted(out, key=lambda s: (s.start, s.end))
