"""Map tagged METRIC/VALUE spans onto stats.* schema fields, with evidence and confidence.

Each VALUE is paired with the METRIC of its clause (before it, else after it: "有1件…行政复议"),
a zero statement (未/无/没有) with every METRIC after it in its clause. The METRIC text, with the
clause and sentence around it, picks the field (lexicon patterns and their context). Figures for
other years, cumulative-to-date totals, percentages and unit mismatches never land in a field.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..numbers import parse_number, to_unit
from ..schema import Schema
from ..types import FieldValue, OtherMetric, Span
from .lexicon import COMPILED, NEED_IN_LEFT, compatible

# a heading on a line of its own ("四、收费及减免情况"), which PDF and web text end with a bare line break
_HEADING_MARK = r"(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+\s*[、.．])"
_HEADING_LINE = r"(?m:^[ \t\u3000]*" + _HEADING_MARK + r"[^\n。；;，,！？!?]{0,40}\n)"
_HEADING_LINE_RE = re.compile(_HEADING_LINE)
_PERIOD_END = re.compile(r"[。！？!?]|\n\s*\n|" + _HEADING_LINE)
_SENT_END = re.compile(r"[。；;！？!?]|\n\s*\n|" + _HEADING_LINE)
_CLAUSE_END = re.compile(r"[。；;！？!?，,：:]|\n\s*\n|" + _HEADING_LINE)
_LIST_SEP = re.compile(r"[、]")
_OTHER_TIME = re.compile(r"上年|上一年|去年|同比|较上年|环比|截至|截止|至今|以来|历年|目前")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_WEB = re.compile(r"网站|门户|网页|网上")
_PROACTIVE = re.compile(r"主动公开")
_CONTINUES = re.compile(r"\s*其中")
_SPLIT_GAP = re.compile(r"[^\s，,。；;：:、（）()0-9０-９]{0,3}")
_BLOCK = re.compile(r"复议|诉讼")
_ZERO_WORDS = ("未", "无", "没有", "零")
_LEFT_ITEM = re.compile(r"[、和及与]")
_NEGATED = re.compile(r"\s*(?:而|却)?(?:未予|未|不予|没有)")
_HEADING = re.compile(r"^\s*" + _HEADING_MARK)


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


@functools.lru_cache(maxsize=16)
def _boundaries(text: str, rx: re.Pattern) -> tuple[list[int], list[int]]:
    """Starts and ends of every match of ``rx`` in ``text`` (one scan per text and pattern)."""
    found = [(m.start(), m.end()) for m in rx.finditer(text)]
    return [a for a, _ in found], [b for _, b in found]


def _bounds(text: str, pos: int, rx: re.Pattern, lo: int, hi: int) -> tuple[int, int]:
    """The stretch around ``pos`` between two matches of ``rx`` (a clause, a sentence), within [lo, hi)."""
    starts, ends = _boundaries(text, rx)
    k = bisect.bisect_right(ends, pos) - 1
    start = ends[k] if k >= 0 and starts[k] >= lo else lo
    j = bisect.bisect_left(starts, pos)
    end = starts[j] if j < len(starts) and ends[j] <= hi else hi
    return start, end


def _clause(text: str, v: Span, lo: int, hi: int, *, zero: bool = False) -> tuple[int, int]:
    s, e = _bounds(text, v.start, _CLAUSE_END, lo, hi)
    head = text[:s].rstrip(" \t\u3000")
    if not text[s : v.start].strip() and head.endswith(("：", ":")):
        # "当面申请：6件": a colon between the metric and its figure does not end the clause
        s = _bounds(text, len(head) - 1, _CLAUSE_END, lo, hi)[0]
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
# a page footer between two lines of one sentence, as PDF text keeps it ("…告知作出更改补充：\n\n— 1 —\n2件")
_PAGE_BREAK = re.compile(
    r"[ \t\u3000]*\n[ \t\u3000]*\n?[ \t\u3000]*(?:[—–\-－·]\s*\d{1,3}\s*[—–\-－·]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)"
    r"[ \t\u3000]*\n(?:[ \t\u3000]*\n)?"
)


def _mask_page_breaks(text: str) -> str:
    """``text`` with each page footer and the line breaks around it blanked to spaces (same offsets),
    so that a sentence cut by a page break stays one clause; the text itself when it has none."""
    if not _PAGE_BREAK.search(text):
        return text

    def blank(m: re.Match) -> str:
        g = m.group(0)
        k = g.index("\n")  # one line break stays: a heading line before the footer is still a line
        return " " * k + "\n" + " " * (len(g) - k - 1)

    return _PAGE_BREAK.sub(blank, text)


_BREAKS = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
# what may stand between a list of metrics and the one figure (均为0起) or zero word (“零”发生) they share
_ALL_OF = re.compile(r"\s*(?:均|都|皆)(?:为|是|有)?\s*")
_ZERO_AFTER = re.compile(r"[\s“”\"'‘’]*(?:(?:均|都)(?:为|是)?)?[\s“”\"'‘’]*")


def _list_before(text: str, metrics: list[Span], v: Span, lo: int, gap: re.Pattern) -> list[Span]:
    """The metrics listed right before ``v`` (joined by 、/和/及) when only ``gap`` separates the last of
    them from it: the items that share one figure or zero word; [] otherwise."""
    ms = [m for m in metrics if lo <= m.start and m.end <= v.start]
    if not ms or not gap.fullmatch(text, ms[-1].end, v.start):
        return []
    out = _listed_run(text, ms, last=True)
    return out if len(out) > 1 or gap is _ZERO_AFTER else []


def _listed_run(text: str, spans: list[Span], *, last: bool) -> list[Span]:
    """The run of ``spans`` joined by 、/和/及 only that ends with the last of them (``last``) or starts
    with the first."""
    if not spans:
        return []
    if last:
        k = len(spans) - 1
        while k > 0 and _LIST_JOIN.match(text[spans[k - 1].end : spans[k].start]):
            k -= 1
        return spans[k:]
    j = 1
    while j < len(spans) and _LIST_JOIN.match(text[spans[j - 1].end : spans[j].start]):
        j += 1
    return spans[:j]


_ITEM_JOIN = re.compile(r"\s*(?:或|和|及|与|、)\s*")


def _zero_items(m: Span) -> list[Span]:
    """The items of one METRIC that a zero word governs, where the tagger took a list for one phrase:
    the parts between 或/和/及/与/、 when every part names a field on its own; else the METRIC itself."""
    cuts = [(x.start(), x.end()) for x in _ITEM_JOIN.finditer(m.text)]
    if not cuts:
        return [m]
    bounds = [0] + [p for c in cuts for p in c] + [len(m.text)]
    parts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    if any(b - a < 2 or classify(m.text[a:b], "", "", "")[0] is None for a, b in parts):
        return [m]
    return [Span(m.start + a, m.start + b, m.label, m.text[a:b], m.score) for a, b in parts]


_SHARED = re.compile(r"[^\s，,。；;：:、0-9０-９]{0,8}")
_RESPECTIVELY = re.compile(r"分别(?:为|是|有|达)?")
_LIST_JOIN = re.compile(r"^[\s、，,和及与以及]*$")


def _respectively(text: str, metrics: list[Span], values: list[Span], lo: int, hi: int) -> dict[tuple[int, int], tuple[Span, str]]:
    """Figures of a list stated "respectively": "当面申请、网上申请和信函申请分别3件、20件和1件" pairs
    the metrics and the figures in order. Keys are (start, end) of the VALUE spans, values the METRIC
    and the words every item shares ("通过政府网站、政务微博分别发布信息120条、30条": 发布信息, read
    after each channel). A list is paired only when it names as many metrics as it gives figures,
    each list joined by 、/和/及 only."""
    pairs: dict[tuple[int, int], tuple[Span, str]] = {}
    for r in _RESPECTIVELY.finditer(text, lo, hi):
        c_lo, c_hi = _bounds(text, r.start(), _CLAUSE_END, lo, hi)
        ms = [m for m in metrics if c_lo <= m.start and m.end <= r.start()]
        vs = [v for v in values if r.end() <= v.start and v.end <= c_hi]
        if not ms or not vs or not _LIST_JOIN.match(text[ms[-1].end : r.start()]):
            continue
        shared = text[r.end() : vs[0].start].strip()
        if not _SHARED.fullmatch(shared):
            continue
        # the run of metrics joined by 、/和/及 that ends at 分别, and the run of figures after it
        ms, vs = _listed_run(text, ms, last=True), _listed_run(text, vs, last=False)
        if len(ms) >= 2 and len(ms) == len(vs):
            pairs.update({(v.start, v.end): (m, shared) for m, v in zip(ms, vs)})
    return pairs


def classify(metric: str, clause: str, sentence: str, left: str, after: str = "", heading: str = "") -> tuple[str | None, float]:
    """The field a metric phrase names, given its clause and sentence; and how sure that is.

    ``after`` is the text following the metric (some patterns need the figure right after the verb);
    ``heading`` the section heading above the sentence, which can supply a pattern's context
    ("四、收费及减免情况" over "全年相关费用0元")."""
    metric, clause, sentence, left, after, heading = (_WS.sub("", x) for x in (metric, clause, sentence, left, after, heading))
    best: tuple[str | None, float, float] = (None, 0.0, 0)
    for i, (fid, rx, need, forbid) in enumerate(COMPILED):
        m = rx.match(metric + after)
        strength = 1.0
        if m is not None and m.end() != len(metric):
            # "政府信息公开|的申请": a head noun the tagger left just outside the metric still names it
            tail = (metric + after)[len(metric) : m.end()]
            m = m if 0 < len(tail) <= 3 and tail.endswith("申请") else None
            strength = 0.9
        if m is None:
            m = rx.search(metric)
            if m is None:
                continue
            strength = 0.8
        bonus = 0.0
        if need is not None:
            if i in NEED_IN_LEFT:
                if not need.search(left):
                    continue
                bonus = 0.5
            elif not need.search(sentence) and not need.search(heading):
                continue
        if forbid is not None and forbid.search(left + metric):
            continue
        length = m.end() - m.start() + bonus
        if (strength, length) > (best[1], best[2]):
            best = (fid, strength, length)
    return best[0], best[1]


def _resolve_block(fid: str, text: str, sent_lo: int, metric_end: int) -> str | None:
    """The review or litigation field of a 维持/纠错/其他 figure: the block named last before the end of
    its metric (inside it too: 被行政复议纠错)."""
    if not fid.startswith("@block."):
        return fid
    kw = None
    for m in _BLOCK.finditer(text, sent_lo, metric_end):
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
    original, text = text, _mask_page_breaks(text)  # clauses run on across a page break; evidence is the original
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

    heading_starts, heading_ends = _boundaries(text, _HEADING_LINE_RE)
    paired: dict[tuple[int, int], tuple[Span, str]] = {}
    for lo, hi in regions:
        paired.update(_respectively(text, metrics, values, lo, hi))

    for v in values:
        src = src_of(v)
        reg = region_of(v.start)
        if reg is None:
            continue
        lo, hi = reg
        zero = v.text in _ZERO_WORDS
        c_lo, c_hi = _clause(text, v, lo, hi, zero=zero)
        s_lo, s_hi = _bounds(text, v.start, _SENT_END, lo, hi)
        # "…受理申请12件。其中同意公开8件…": a 其中 sentence goes on with the one before it (for the
        # context a wording needs; the period checks stay within the sentence)
        ctx_lo = _bounds(text, s_lo - 1, _SENT_END, lo, hi)[0] if s_lo > lo and _CONTINUES.match(text, s_lo) else s_lo
        clause_ms = [m for m in metrics if c_lo <= m.start and m.end <= c_hi]
        shared = ""
        if zero:
            targets = (
                [m for m in clause_ms if m.start >= v.end]
                or _list_before(text, metrics, v, c_lo, _ZERO_AFTER)
                # "申请受理量为零": 零 may close its clause like a figure
                or ([m for m in clause_ms if m.end <= v.start][-1:] if v.text == "零" else [])
                or [m for m in metrics if v.end <= m.start < s_hi][:1]
            )
            # "未被行政复议纠错": a metric directly followed by another only qualifies it
            targets = [m for k, m in enumerate(targets) if not (k + 1 < len(targets) and targets[k + 1].start - m.end == 0)]
            # "未发生被行政复议纠错或行政诉讼败诉情形" tagged as one phrase: each of its items is zero
            targets = [part for m in targets for part in _zero_items(m)]
            parsed_value, unit, approx = 0, None, False
        else:
            # a PDF line break inside the figure ("3\n1条") is not a separator: the VALUE is one figure
            p = parse_number(v.text) or parse_number(_BREAKS.sub("", v.text))
            if p is None or p.value is None:
                continue
            before = [m for m in clause_ms if m.end <= v.start]
            after = [m for m in clause_ms if m.start >= v.end]
            # "刊登规章、文件等 243件": the verb before an enumeration governs the figure
            governs = text[c_lo : v.start].rstrip().endswith("等")
            targets = (before[:1] if governs else before[-1:]) or after[:1]
            # "咨询电话|接听|答复|926次": a name the tagger cut in two around a verb is read whole when its
            # last piece names no field on its own
            if len(before) >= 2 and not governs and targets == before[-1:]:
                a, b = before[-2], before[-1]
                if _SPLIT_GAP.fullmatch(text, a.end, b.start) and classify(b.text, "", text[s_lo:s_hi], "")[0] is None:
                    targets = [Span(a.start, b.end, "METRIC", text[a.start : b.end], min(a.score or 0.7, b.score or 0.7))]
            # "行政复议、行政诉讼均为0起": one figure for each item of the list before it
            targets = _list_before(text, metrics, v, _bounds(text, v.start, _CLAUSE_END, lo, hi)[0], _ALL_OF) or targets
            if (v.start, v.end) in paired:
                pm, shared = paired[(v.start, v.end)]
                targets = [pm]
                c_lo = min(c_lo, pm.start)
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
                ev = Span.from_text(original, v.start, v.end)
                if label:
                    others.append(OtherMetric(label[-20:], parsed_value, unit or "", ev, 0.5 * (v.score or 0.7), approx))
            continue
        placed_any = False
        for m in targets:
            if zero and _NEGATED.match(text, m.end):
                continue  # "未出现应主动公开政府信息而未予公开的情况": an incident, not a count
            left = _LEFT_ITEM.split(text[c_lo : m.start])[-1]  # the list item's own lead-in
            k = bisect.bisect_right(heading_starts, m.start) - 1
            heading = text[heading_starts[k] : heading_ends[k]] if k >= 0 else ""
            fid, strength = classify(m.text + shared, text[c_lo:c_hi], text[ctx_lo:s_hi], left, "" if shared else text[m.end : m.end + 8], heading)
            # the review/litigation block a 维持/纠错 figure belongs to is named earlier in its period,
            # which a list may cut into sentences ("…行政复议案件6件，经复议（一）维持…2件；（二）纠错3件")
            fid = _resolve_block(fid, text, _bounds(text, m.start, _PERIOD_END, lo, hi)[0], m.end) if fid else None
            ev = Span.from_text(original, min(m.start, v.start), max(m.end, v.end))
            if fid is None or fid not in schema:
                if not zero and reason is None:
                    others.append(OtherMetric(m.text, parsed_value, unit or "", ev, (m.score or 0.7) * (v.score or 0.7), approx))
                continue
            if reason is not None:
                notes.append(f"{fid}: {ev.text!r} left out: {reason}")
                continue
            field_unit = schema.unit(fid)
            val = parsed_value
            if unit and not compatible(unit, field_unit, fid):
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
            elif fid == "stats.active.via_website" and _PROACTIVE.search(m.text):
                # "门户网站主动公开政府信息1200条": the total too, unless the report states one of its own
                put("stats.active.total", val, field_unit, ev, conf * 0.5, approx, src)
        if not placed_any and zero:
            continue
    return fields, others, notes
