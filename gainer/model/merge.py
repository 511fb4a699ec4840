"""Pure post-processing of tagger scores: merge overlapping windows by character, decode per-char probabilities into spans.

Nothing here imports torch: the functions take plain sequences or numpy arrays, so they are tested on
hand-written score arrays (tests/test_model_merge.py).
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Callable, Iterable, Sequence

import numpy as np

from ..types import Span
from .labels import LABELS, OUTSIDE, split_tag

Offsets = Sequence[tuple[int, int]]


def merge_windows(
    n_chars: int,
    windows: Iterable[tuple[Offsets, Sequence[Sequence[float]]]],
    *,
    labels: Sequence[str] = LABELS,
) -> np.ndarray:
    """Per-character label probabilities from the scores of overlapping token windows.

    Each window is ``(char_offsets, probs)``: one ``(start, end)`` character interval and one row of
    label probabilities per token. A character covered by several windows gets the mean of their rows.
    A token covering several characters (a word piece such as ``2017``) gives its row to its first
    character and, with each ``B-X`` probability moved onto ``I-X``, to the characters after it.
    Tokens with an empty interval (``[CLS]``, ``[SEP]``, padding) are skipped. Characters that no token
    covers (whitespace) get a row of NaN.

    >>> p = merge_windows(3, [([(0, 1), (1, 2)], [[1.0, 0.0], [0.5, 0.5]]),
    ...                       ([(1, 2)], [[0.0, 1.0]])], labels=("O", "B-X"))
    >>> p.round(2).tolist()
    [[1.0, 0.0], [0.25, 0.75], [nan, nan]]
    """
    n_labels = len(labels)
    if n_chars < 0:
        raise ValueError(f"n_chars must be >= 0, got {n_chars}")
    total = np.zeros((n_chars, n_labels), dtype=np.float64)
    count = np.zeros(n_chars, dtype=np.float64)
    inside = _inside_map(labels)
    for offsets, probs in windows:
        p = np.asarray(probs, dtype=np.float64)
        if p.ndim != 2 or p.shape[1] != n_labels or len(offsets) != p.shape[0]:
            raise ValueError(
                f"a window has {len(offsets)} offsets and scores of shape {p.shape}; "
                f"expected one row of {n_labels} label scores per offset"
            )
        if not len(offsets):
            continue
        off = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
        starts, ends = off[:, 0], off[:, 1]
        keep = ends > starts
        if np.any(starts[keep] < 0) or np.any(ends[keep] > n_chars):
            raise ValueError(f"a window has character offsets outside [0, {n_chars})")
        single = keep & (ends - starts == 1)
        # the common case (one token per character) in one vectorised step
        np.add.at(total, starts[single], p[single])
        np.add.at(count, starts[single], 1.0)
        for i in np.nonzero(keep & ~single)[0]:
            s, e = int(starts[i]), int(ends[i])
            total[s] += p[i]
            count[s] += 1.0
            if e - s > 1:
                total[s + 1 : e] += p[i] @ inside
                count[s + 1 : e] += 1.0
    with np.errstate(invalid="ignore", divide="ignore"):
        out = total / count[:, None]
    out[count == 0] = np.nan
    return out


def _inside_map(labels: Sequence[str]) -> np.ndarray:
    """A matrix that moves each ``B-X`` column onto ``I-X`` (identity elsewhere)."""
    index = {label: i for i, label in enumerate(labels)}
    m = np.eye(len(labels))
    for i, label in enumerate(labels):
        prefix, kind = split_tag(label)
        if prefix == "B" and f"I-{kind}" in index:
            m[i, i] = 0.0
            m[i, index[f"I-{kind}"]] = 1.0
    return m


def decode_spans(
    text: str,
    probs: np.ndarray | Sequence[Sequence[float]],
    *,
    labels: Sequence[str] = LABELS,
    new_span_at: float = 0.95,
) -> list[Span]:
    """Spans of the original ``text`` from per-character label probabilities (rows aligned with ``text``).

    Each character takes its most probable **kind**: ``O`` or a label ``X`` with probability
    ``P(B-X) + P(I-X)``. A run of characters of one kind is one span, except that a character whose
    ``P(B-X)`` is at least ``new_span_at`` (0.95) starts a new span inside the run (two spans of one label
    side by side). Deciding the kind first and the boundary second keeps a span whole where the model
    is sure a character is part of a figure but unsure whether it is the figure's first character
    (``B-VALUE`` 0.56 / ``I-VALUE`` 0.43 on the second digit of 443): the strict argmax of the tags
    would split 443 into 4 and 43. Characters with a NaN row (whitespace: no token) are skipped: they
    stay inside a span when the span continues after them, so ``"1 234"`` can be one span, but never
    start or end one. ``score`` is the mean kind probability of the span's characters. Spans are built
    with ``Span.from_text`` so ``span.text == text[span.start:span.end]``.

    >>> p = [[.1, .8, .1], [.2, .1, .7], [.9, .05, .05], [.1, .1, .8]]
    >>> [(s.start, s.end, s.label, s.text) for s in decode_spans("ab c", p, labels=("O", "B-X", "I-X"))]
    [(0, 2, 'X', 'ab'), (3, 4, 'X', 'c')]
    """
    p = np.asarray(probs, dtype=np.float64)
    if p.ndim != 2 or p.shape[0] != len(text) or (p.shape[0] and p.shape[1] != len(labels)):
        raise ValueError(f"expected scores of shape ({len(text)}, {len(labels)}), got {p.shape}")
    kinds = [""]  # "" is O
    b_col: dict[str, int] = {}
    cols: dict[str, list[int]] = {"": []}
    for j, label in enumerate(labels):
        prefix, k = split_tag(label)
        if prefix in ("B", "I"):
            if k not in cols:
                kinds.append(k)
                cols[k] = []
            cols[k].append(j)
            if prefix == "B":
                b_col[k] = j
        else:
            cols[""].append(j)
    spans: list[Span] = []
    kind = ""  # label of the open span, "" when none
    start = last = 0
    scores: list[float] = []

    def close() -> None:
        spans.append(Span.from_text(text, start, last + 1, kind, float(np.mean(scores))))

    # per-character kind probabilities, best kind and "starts a new span" flags, computed on whole arrays
    kp = np.stack([p[:, cols[k]].sum(axis=1) for k in kinds], axis=1) if p.shape[0] else np.zeros((0, len(kinds)))
    skip = np.isnan(p).any(axis=1).tolist()  # whitespace: decided by what follows
    best = np.argmax(np.nan_to_num(kp, nan=-1.0), axis=1)
    best_p = kp[np.arange(len(best)), best].tolist()
    restart = np.zeros(len(best), dtype=bool)
    for k, j in b_col.items():
        restart |= (best == kinds.index(k)) & (np.nan_to_num(p[:, j], nan=0.0) >= new_span_at)
    best_l, restart_l = best.tolist(), restart.tolist()
    for i in range(len(best_l)):
        if skip[i]:
            continue
        k = kinds[best_l[i]]
        if k and k == kind and not restart_l[i]:
            last = i
            scores.append(best_p[i])
            continue
        if kind:
            close()
            kind = ""
        if k:
            kind, start, last = k, i, i
            scores = [best_p[i]]
    if kind:
        close()
    return spans


_DIGITS = frozenset("0123456789０１２３４５６７８９")
_CN_ORDINAL = frozenset("一二三四五六七八九十")
_NUMERAL_CHARS = _DIGITS | _CN_ORDINAL | frozenset("零〇两百千万亿")
_ONE_CHAR_VALUES = (_NUMERAL_CHARS - {"亿"}) | frozenset("未无")
# the guide's statements of zero: the negation word alone is the VALUE (未收到…, 没有发生…, 无收费, 零投诉)
_ZERO_VALUES = frozenset(("未", "无", "没有", "没", "零"))


def drop_fragments(spans: Iterable[Span]) -> list[Span]:
    """Spans the label scheme cannot produce, removed: a METRIC of one character (the shortest phrase
    naming a counted thing has two or more), a VALUE of one character that is not a digit, a Chinese
    numeral or a zero word (未/无). A small model leaves such fragments around real spans.

    >>> [s.text for s in drop_fragments([Span(0, 1, "METRIC", "任"), Span(1, 2, "VALUE", "5"), Span(2, 3, "VALUE", "条")])]
    ['5']
    """
    out = []
    for s in spans:
        core = s.text.strip()
        if len(core) < 2 and (s.label == "METRIC" or core not in _ONE_CHAR_VALUES):
            continue
        out.append(s)
    return out


_VALUE_BREAK = re.compile(r"[，,；;。、：:！？!?]")


def _thousands_separator(text: str, pos: int) -> bool:
    """The comma at ``pos`` separates thousands (1,083件, ２０７,１８０人次, 5\n,182份 across a line break)."""
    if text[pos] not in ",，":
        return False
    before = text[max(0, pos - 12) : pos].rstrip()
    after = "".join(text[pos + 1 : pos + 12].split())
    return before[-1:] in _DIGITS and len(after) >= 3 and all(c in _DIGITS for c in after[:3]) and after[3:4] not in _DIGITS


def split_values(text: str, spans: Iterable[Span]) -> list[Span]:
    """Each VALUE span that runs across punctuation (``904户,1448``) cut there into its pieces, each
    stripped of whitespace: one figure is one VALUE and a printed figure never holds a comma, a
    semicolon, a 、 or a colon but a thousands separator (1,083件 stays whole; no other in the annotated
    seeds' VALUEs or generated ones). A small model joins two figures that a half-width comma separates.
    Pieces keep the span's score; :func:`drop_fragments`, :func:`snap_values` and :func:`drop_non_counts`
    then tidy them. METRIC spans pass through (a METRIC may hold a 、: 公示、人事信息).

    >>> t = "低保户904户,1448人"
    >>> [s.text for s in split_values(t, [Span.from_text(t, 3, 12, "VALUE", .8)])]
    ['904户', '1448']
    """
    out: list[Span] = []
    for s in spans:
        breaks = [m for m in _VALUE_BREAK.finditer(text, s.start, s.end) if not _thousands_separator(text, m.start())] if s.label == "VALUE" else []
        if not breaks:
            out.append(s)
            continue
        pos = s.start
        for m in [*breaks, None]:
            a, b = pos, (m.start() if m else s.end)
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Span.from_text(text, a, b, s.label, s.score))
            pos = m.end() if m else s.end
    return out


def snap_values(text: str, spans: Iterable[Span]) -> list[Span]:
    """Each VALUE span widened to the whole printed figure it is part of (:func:`gainer.numbers.find_numbers`):
    its unit, scale and approximation marks (``18`` of ``18卷`` -> ``18卷``, ``10课`` -> ``10课时``,
    ``200条`` of ``近200条`` -> ``近200条``), as the guide marks a VALUE. A span is widened only where
    exactly one figure overlaps it and the wider span overlaps no other span. Characters before the
    figure are dropped (``件75`` -> ``75``, ``，1448人`` -> ``1448人``); after it, nothing is cut
    (``225 条`` stays whole), and an approximation word that a line break cut off the figure stays
    (``将近\n130场次``).

    >>> t = "移交档案18卷，学习10课时"
    >>> [s.text for s in snap_values(t, [Span.from_text(t, 3, 6, "VALUE"), Span.from_text(t, 10, 13, "VALUE")])]
    ['18卷', '10课时']
    """
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    if not any(s.label == "VALUE" for s in spans):
        return spans
    from ..numbers import APPROX_BEFORE, find_numbers

    figures = find_numbers(text, chinese=True)
    starts = [m.start for m in figures]
    out: list[Span] = []
    for i, s in enumerate(spans):
        if s.label == "VALUE":
            lo = bisect.bisect_left(starts, s.start) - 1
            near = [m for m in figures[max(lo, 0) : bisect.bisect_left(starts, s.end)] if m.start < s.end and s.start < m.end]
            if len(near) == 1:
                # widen to the figure; characters before it (a stray 件 or comma) are dropped, unless they
                # hold a digit or numeral that the figure search missed (十\n六条 across a line break) or
                # are an approximation word a line break cut off the figure (将近\n130场次)
                lead = text[s.start : near[0].start]
                keep = any(c in _NUMERAL_CHARS for c in lead) or "".join(lead.split()) in APPROX_BEFORE
                start = min(s.start, near[0].start) if keep else near[0].start
                end = max(s.end, near[0].end)
                others = spans[:i] + spans[i + 1 :]
                if (start, end) != (s.start, s.end) and not any(o.start < end and start < o.end for o in others):
                    s = Span.from_text(text, start, end, s.label, s.score)
        out.append(s)
    return out


def snap_metrics(text: str, spans: Iterable[Span], words: Sequence[tuple[int, int]]) -> list[Span]:
    """Each METRIC boundary that falls inside a word moved to that word's edge: outward when at least
    half of the word is inside the span (``具[体经办人员`` -> ``具体经办人员``, ``405[0人员`` -> ``4050人员``),
    inward otherwise (``共出[动防汛…`` of the word 共出动 -> ``防汛…``). ``words`` are ``[start, end)`` word spans covering
    ``text`` in order (:func:`gainer.model.words.word_spans`). A small character model often starts or ends
    a phrase one character off; the guide's METRICs are whole words. A move that would overlap another
    span or leave fewer than two characters is not made; VALUE spans pass through.

    >>> t = "共出动防汛抢险人员80人"
    >>> w = [(0, 3), (3, 5), (5, 7), (7, 9), (9, 11), (11, 12)]
    >>> [s.text for s in snap_metrics(t, [Span.from_text(t, 2, 9, "METRIC"), Span.from_text(t, 9, 12, "VALUE")], w)]
    ['防汛抢险人员', '80人']
    >>> [s.text for s in snap_metrics(t, [Span.from_text(t, 4, 8, "METRIC")], w)]
    ['防汛抢险人员']
    """
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    starts = [w[0] for w in words]

    def word_at(pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(starts, pos) - 1
        return words[k] if k >= 0 and words[k][0] <= pos < words[k][1] else None

    out: list[Span] = []
    for i, s in enumerate(spans):
        if s.label == "METRIC":
            a, b = s.start, s.end
            w = word_at(a)
            if w and w[0] < a < w[1]:
                a = w[0] if 2 * (min(w[1], b) - a) >= w[1] - w[0] else min(w[1], b)
            w = word_at(b - 1)
            if w and w[0] < b < w[1]:
                b = w[1] if 2 * (b - max(w[0], a)) >= w[1] - w[0] else max(w[0], a)
            others = spans[:i] + spans[i + 1 :]
            if (a, b) != (s.start, s.end) and b - a >= 2 and not any(o.start < b and a < o.end for o in others):
                s = Span.from_text(text, a, b, s.label, s.score)
        out.append(s)
    return out


_PAIRS = {"“": "”", "‘": "’", "\"": "\"", "'": "'", "《": "》", "〈": "〉", "（": "）", "(": ")", "【": "】", "[": "]", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def trim_metric_punct(text: str, spans: Iterable[Span]) -> list[Span]:
    """METRIC spans without punctuation or whitespace at their edges: a quote or bracket whose partner is
    not inside the span is cut off (``同意部分公开”`` -> ``同意部分公开``), a pair that encloses the whole
    span too (``“同意部分公开”`` -> ``同意部分公开``: the guide marks the words, not the quotes), other
    edge punctuation always (``，报送信息`` -> ``报送信息``). A pair inside the span stays
    (``“双随机、一公开”信息``). A span left with fewer than two characters is dropped; VALUE spans pass through.

    >>> t = "“同意部分公开”的1件，“双随机、一公开”信息3条"
    >>> [s.text for s in trim_metric_punct(t, [Span.from_text(t, 0, 8, "METRIC"), Span.from_text(t, 12, 23, "METRIC")])]
    ['同意部分公开', '“双随机、一公开”信息']
    """
    out: list[Span] = []
    for s in spans:
        if s.label != "METRIC":
            out.append(s)
            continue
        a, b = s.start, s.end
        while b - a >= 2:
            first, last = text[a], text[b - 1]
            if first in _PAIRS and last == _PAIRS[first] and _balanced(text[a + 1 : b - 1]):
                a, b = a + 1, b - 1
            elif _is_punct(first) and not (first in _PAIRS and _PAIRS[first] in text[a + 1 : b]):
                a += 1
            elif _is_punct(last) and not (last in _CLOSERS and _CLOSERS[last] in text[a : b - 1]):
                b -= 1
            else:
                break
        if b - a < 2:
            continue
        out.append(s if (a, b) == (s.start, s.end) else Span.from_text(text, a, b, s.label, s.score))
    return out


# verbs that only say a thing was done (the guide's 发放宣传单 -> 宣传单): never inside a METRIC of the
# annotated seeds or of generated reports
_LIGHT_VERBS = re.compile(r"进行|开展|组织|举办|召开|发放")


def trim_light_verbs(text: str, spans: Iterable[Span]) -> list[Span]:
    """Each METRIC cut after the last light verb inside it (进行, 开展, 组织, 举办, 召开, 发放) where at
    least two characters follow: ``专家进行安全生产讲座`` -> ``安全生产讲座``, ``组织开展宣传活动`` ->
    ``宣传活动``. The guide keeps a verb only where it tells the count apart (报送政务信息, 免收…费用); these
    never do. VALUE spans pass through.

    >>> t = "邀请专家进行安全生产讲座1次"
    >>> [s.text for s in trim_light_verbs(t, [Span.from_text(t, 2, 12, "METRIC"), Span.from_text(t, 12, 14, "VALUE")])]
    ['安全生产讲座', '1次']
    """
    out: list[Span] = []
    for s in spans:
        if s.label == "METRIC":
            cut = [m.end() for m in _LIGHT_VERBS.finditer(text, s.start, s.end) if s.end - m.end() >= 2]
            if cut:
                a = cut[-1]
                while a < s.end and text[a].isspace():
                    a += 1
                if s.end - a >= 2:
                    s = Span.from_text(text, a, s.end, s.label, s.score)
        out.append(s)
    return out


def absorb_stray_values(text: str, spans: Iterable[Span]) -> list[Span]:
    """VALUE pieces inside a name given back to the METRIC they touch: a VALUE span with neither a
    numeral nor a zero word (a unit-like character the model took for a figure's unit: the ``人`` of
    流入|人|口, the ``件`` of 案|件, the ``条`` of 条|幅) that touches a METRIC span with no gap is joined
    to it (to both where it sits between two); a zero word (未/无/没有/零) only where METRIC spans touch
    it on both sides (双|无|家庭人员: a statement of zero stands before or after its METRIC, never inside
    it). No VALUE of the guide is either: a VALUE holds a figure or is a zero word standing outside its
    METRIC. Only these pieces join: two METRIC spans side by side are left to the later steps. The joined
    span's score is the length-weighted mean.

    >>> t = "流入人口61人，交办的4件案件"
    >>> sp = [(0, 2, "METRIC"), (2, 3, "VALUE"), (3, 4, "METRIC"), (4, 7, "VALUE"), (11, 13, "VALUE"), (13, 14, "METRIC"), (14, 15, "VALUE")]
    >>> [(s.text, s.label) for s in absorb_stray_values(t, [Span.from_text(t, a, b, lab) for a, b, lab in sp])]
    [('流入人口', 'METRIC'), ('61人', 'VALUE'), ('4件', 'VALUE'), ('案件', 'METRIC')]
    """
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s = spans[i]
        if s.label == "VALUE":
            core = "".join(s.text.split())
            before = bool(out) and out[-1].label == "METRIC" and out[-1].end == s.start
            after = i + 1 < len(spans) and spans[i + 1].label == "METRIC" and spans[i + 1].start == s.end
            stray = bool(core) and not any(c in _NUMERAL_CHARS for c in core)
            if stray and (before and after or (core not in _ZERO_VALUES and (before or after))):
                parts = ([out.pop()] if before else []) + [s] + ([spans[i + 1]] if after else [])
                out.append(_joined_metric(text, parts))
                i += 2 if after else 1
                continue
        out.append(s)
        i += 1
    return out


def _joined_metric(text: str, parts: Sequence[Span]) -> Span:
    """One METRIC from the first part's start to the last one's end; its score is the parts' length-weighted mean."""
    length = sum(p.end - p.start for p in parts)
    score = sum(p.score * (p.end - p.start) for p in parts) / length if all(p.score is not None for p in parts) else None
    return Span.from_text(text, parts[0].start, parts[-1].end, "METRIC", score)


_COORDINATORS = frozenset(("、", "及", "和", "与"))


def join_coordinated_metrics(text: str, spans: Iterable[Span]) -> list[Span]:
    """METRICs joined by ``、`` (or 及/和/与) and counted by the one figure right after the last of them
    made one METRIC, as the guide marks things counted by one figure (公示、人事信息23条 -> ``公示、人事信息``;
    安全大检查、大排查4次). Only where the figure follows the last METRIC directly (whitespace aside) and no
    other figure follows it after a 、: a list with a figure each (政府网站、政务微博、政务微信分别发布信息120条、
    30条、45条, 行政复议、行政诉讼各0件) keeps its names apart. VALUE spans pass through.

    >>> t = "工作动态52条，公示、人事信息23条"
    >>> sp = [(0, 4, "METRIC"), (4, 7, "VALUE"), (8, 10, "METRIC"), (11, 15, "METRIC"), (15, 18, "VALUE")]
    >>> [s.text for s in join_coordinated_metrics(t, [Span.from_text(t, a, b, lab) for a, b, lab in sp])]
    ['工作动态', '52条', '公示、人事信息', '23条']
    """
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s = spans[i]
        j = i
        # extend over METRIC (、|及|和|与) METRIC ...
        while (
            spans[j].label == "METRIC"
            and j + 1 < len(spans)
            and spans[j + 1].label == "METRIC"
            and "".join(text[spans[j].end : spans[j + 1].start].split()) in _COORDINATORS
        ):
            j += 1
        if j > i and j + 1 < len(spans) and spans[j + 1].label == "VALUE" and not text[spans[j].end : spans[j + 1].start].strip():
            v = spans[j + 1]
            nxt = spans[j + 2] if j + 2 < len(spans) else None
            listed = nxt is not None and nxt.label == "VALUE" and "".join(text[v.end : nxt.start].split()) in ("、", ",", "，")
            if not listed:
                out.append(_joined_metric(text, spans[i : j + 1]))
                i = j + 1
                continue
        out.append(s)
        i += 1
    return out


def join_adjacent_metrics(text: str, spans: Iterable[Span]) -> list[Span]:
    """Two METRIC spans with nothing but whitespace between them joined into one: a METRIC is one
    continuous phrase, and the guide never marks two side by side (none in the five annotated seeds or
    in generated reports); a small model sometimes restarts a phrase in its middle (``4050人员`` +
    ``政策补贴``). The joined span's score is the length-weighted mean. VALUE spans pass through.

    >>> t = "办理4050人员政策补贴162人"
    >>> [s.text for s in join_adjacent_metrics(t, [Span.from_text(t, 2, 8, "METRIC", .9), Span.from_text(t, 8, 12, "METRIC", .6), Span.from_text(t, 12, 16, "VALUE")])]
    ['4050人员政策补贴', '162人']
    """
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        prev = out[-1] if out else None
        if prev is not None and prev.label == s.label == "METRIC" and prev.end <= s.start and not text[prev.end : s.start].strip():
            out[-1] = _joined_metric(text, [prev, s])
            continue
        out.append(s)
    return out


def _is_punct(c: str) -> bool:
    return c.isspace() or unicodedata.category(c).startswith("P")


def _balanced(inner: str) -> bool:
    """No closer in ``inner`` before its opener (so stripping the outer pair keeps the inner ones whole)."""
    depth = 0
    for c in inner:
        if c in _PAIRS and _PAIRS[c] != c:
            depth += 1
        elif c in _CLOSERS and _CLOSERS[c] != c:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


_CLAUSE_BREAK = re.compile(r"[。；;！？!?，,]")


def _clause_index(text: str) -> tuple[list[int], Callable[[int], int]]:
    """The clause starts of ``text`` (a clause ends after ，。；！？ and their half-width forms; line breaks and
    colons do not end one) and a function giving the number of the clause a position is in."""
    bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)] + [len(text) + 1]
    return bounds, lambda pos: bisect.bisect_right(bounds, pos) - 1


# the guide's running totals to date (not counts of the year): 现已累计…, 累计…已达…, 历年累计
_RUNNING_TOTAL = re.compile(r"现已累计|累计已达|历年累计|以来累计|至今累计|截[至止]目前")
_DATE_UNIT_AFTER = frozenset("年月日号岁")
_DATE_PART = re.compile(r"^[0-9０-９]+\s*[年月日号岁]$")
_PAGE_COUNTER_BEFORE = re.compile(r"(?:浏览|阅读|点击)(?:次数|量|数)?\s*[:：]\s*$")


def drop_non_counts(text: str, spans: Iterable[Span]) -> list[Span]:
    """VALUE spans that cannot be a count of the year, removed (the guide's "what not to mark"):

    - a span that cuts through a run of digits (``20`` of ``2017``): part of a longer number;
    - a year, a date part or an age: digits directly followed by 年/月/日/号/岁 (``2017年``, ``6月``, ``60岁``);
    - a web page's counter (``浏览：28135次``);
    - a list number: a Chinese numeral (一..十) followed by ``、`` or ``是``, or between brackets (``（三）``).
    - no figure at all: neither a numeral nor a zero word (``多次``, ``若干``, ``数个``);
    - a Chinese numeral alone, with no unit and no digit (the ``五`` of 五保, the ``两`` of 两会): the
      guide's VALUE carries its unit (``两件``, ``七项``); only the zero word ``零`` stands alone;
    - a percentage (``19.7%``, ``百分之八十``): a rate or a share, never a count;
    - a running total to date: a figure after 现已累计, 累计已达, 历年累计, 以来累计, 至今累计 or 截至目前 in
      its clause (the year's own total, 全年累计…, stays).

    METRIC spans pass through untouched.

    >>> t = "会办件已于2017年6月20日前答复；十、其他；收到申请3件"
    >>> sp = [Span.from_text(t, 5, 7, "VALUE"), Span.from_text(t, 10, 12, "VALUE"), Span.from_text(t, 19, 20, "VALUE"), Span.from_text(t, 28, 30, "VALUE")]
    >>> [s.text for s in drop_non_counts(t, sp)]
    ['3件']
    """
    spans = list(spans)
    if not any(s.label == "VALUE" for s in spans):
        return spans
    bounds, clause = _clause_index(text)
    return [s for s in spans if not (s.label == "VALUE" and _not_a_count(text, s, bounds[clause(s.start)]))]


def _not_a_count(text: str, s: Span, clause_start: int) -> bool:
    core = text[s.start : s.end]
    before = text[s.start - 1 : s.start]
    after = text[s.end : s.end + 1]
    if (core[:1] in _DIGITS and before in _DIGITS) or (core[-1:] in _DIGITS and after in _DIGITS):
        return True
    if (core[-1:] in _DIGITS and after in _DATE_UNIT_AFTER) or _DATE_PART.match(core):
        return True
    if _PAGE_COUNTER_BEFORE.search(text[max(0, s.start - 8) : s.start]):
        return True
    if core and all(c in _CN_ORDINAL for c in core):
        if after in ("、", "是") or (before in ("（", "(") and after in ("）", ")")):
            return True
    squeezed = "".join(core.split())
    if not any(c in _NUMERAL_CHARS for c in core) and squeezed not in _ZERO_VALUES:
        return True
    if squeezed.endswith(("%", "％")) or squeezed.startswith("百分之") or text[s.end : s.end + 3].lstrip()[:1] in ("%", "％"):
        return True
    if _RUNNING_TOTAL.search(text, clause_start, s.start):
        return True
    if squeezed and squeezed not in _ZERO_VALUES and all(c in _NUMERAL_CHARS and c not in _DIGITS for c in squeezed):
        return True
    return False




def drop_orphan_metrics(text: str, spans: Iterable[Span]) -> list[Span]:
    """METRIC spans that share no clause with a VALUE span, removed: a METRIC names what a figure counts,
    so one with no figure in its clause (between ，。；！？; line breaks, blank lines included, are PDF
    layout and page breaks, not punctuation, and a colon joins a name to its figure: 当面咨询：6次) is a
    false alarm. In the five annotated seed reports 157 of 160 METRICs have a VALUE in their clause, and
    every METRIC of generated reports does.

    >>> t = "主动公开政府信息。公开信息5条"
    >>> [s.text for s in drop_orphan_metrics(t, [Span.from_text(t, 0, 8, "METRIC"), Span.from_text(t, 9, 13, "METRIC"), Span.from_text(t, 13, 15, "VALUE")])]
    ['公开信息', '5条']
    """
    spans = list(spans)
    _, clause = _clause_index(text)

    with_value = {clause(s.start) for s in spans if s.label == "VALUE"} | {clause(max(s.start, s.end - 1)) for s in spans if s.label == "VALUE"}
    return [s for s in spans if s.label != "METRIC" or clause(s.start) in with_value or clause(max(s.start, s.end - 1)) in with_value]


# what may stand between two METRICs of one list (未发生行政复议、行政诉讼以及针对本单位的申诉案)
_LIST_JOINERS = ("、", "和", "及", "与", "或", "以及", "并")


def drop_shadowed_metrics(text: str, spans: Iterable[Span]) -> list[Span]:
    """METRIC spans cut off from every figure of their clause by another METRIC removed. Going from a
    METRIC towards a figure of its clause, in either direction, the first span met must be a VALUE or a
    METRIC of the same list: the gap between the two begins with 、/和/及/与/或/以及/并 (行政复议案、
    行政诉讼案和有关的申诉案) or holds 分别 (政府网站、政务微博分别发布信息120条、30条). A METRIC names
    what its figure counts and stands next to it, so a second name between them (1名[工作人员]专人负责
    [信息]公开工作) leaves the far one without a figure. A statement of zero reaches past other names
    (该行政复议件未被复议审查机关纠错: ``纠错`` keeps its ``未``): 未 governs the rest of its clause.
    Clauses as in :func:`drop_orphan_metrics`. Applied to the gold spans of the annotated seeds and of
    generated reports it removes nothing that :func:`drop_orphan_metrics` keeps. VALUE spans pass through.

    >>> t = "明确1名工作人员专人负责信息公开工作；未发生行政复议、行政诉讼和申诉"
    >>> sp = [(2, 4, "VALUE"), (4, 8, "METRIC"), (12, 14, "METRIC"), (19, 20, "VALUE"), (22, 26, "METRIC"), (27, 31, "METRIC"), (32, 34, "METRIC")]
    >>> [s.text for s in drop_shadowed_metrics(t, [Span.from_text(t, a, b, lab) for a, b, lab in sp])]
    ['1名', '工作人员', '未', '行政复议', '行政诉讼', '申诉']
    """
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    _, clause = _clause_index(text)

    def listed(a: Span, b: Span) -> bool:
        gap = "".join(text[a.end : b.start].split())
        return gap.startswith(_LIST_JOINERS) or "分别" in gap

    def reaches_value(i: int, step: int) -> bool:
        home = clause(spans[i].start)
        j, blocked = i + step, False
        while 0 <= j < len(spans) and clause(spans[j].start if step > 0 else max(spans[j].start, spans[j].end - 1)) == home:
            if spans[j].label == "VALUE":
                return not blocked or "".join(spans[j].text.split()) in _ZERO_VALUES
            near, far = (spans[j - 1], spans[j]) if step > 0 else (spans[j], spans[j + 1])
            blocked = blocked or not listed(near, far)
            j += step
        return False

    return [s for i, s in enumerate(spans) if s.label != "METRIC" or reaches_value(i, 1) or reaches_value(i, -1)]


def clean_spans(text: str, spans: Iterable[Span], words: Sequence[tuple[int, int]] | None = None) -> list[Span]:
    """Decoded spans cleaned by what the label scheme allows: the steps above in the order the tagger
    applies them (:meth:`gainer.model.infer.Tagger.tag`). ``words`` are the word boundaries for
    :func:`snap_metrics` (default :func:`gainer.model.words.word_spans`, which needs jieba). Snapping can
    close the gap the model left inside one phrase (``城乡`` and ``民`` become ``城乡居民``, next to
    ``最低生活``), so adjacent METRICs are joined again after it; and moving a boundary inward to a word's
    edge can leave punctuation at it (``大检查、[大]排查`` -> ``大检查、``), so edges are trimmed again first.

    >>> t = "城乡居民最低生活保障对象120人"
    >>> words = [(0, 4), (4, 8), (8, 12), (12, 15), (15, 16)]
    >>> pieces = [(0, 2, "METRIC"), (3, 4, "METRIC"), (5, 7, "METRIC"), (8, 12, "METRIC"), (12, 16, "VALUE")]
    >>> [s.text for s in clean_spans(t, [Span.from_text(t, a, b, lab, .9) for a, b, lab in pieces], words)]
    ['城乡居民最低生活保障对象', '120人']
    """
    spans = drop_fragments(absorb_stray_values(text, split_values(text, spans)))
    spans = join_adjacent_metrics(text, trim_metric_punct(text, spans))
    spans = drop_non_counts(text, snap_values(text, spans))
    if any(s.label == "METRIC" for s in spans):
        if words is None:
            from .words import word_spans

            words = word_spans(text)
        spans = trim_light_verbs(text, join_adjacent_metrics(text, trim_metric_punct(text, snap_metrics(text, spans, words))))
    return drop_shadowed_metrics(text, drop_orphan_metrics(text, join_coordinated_metrics(text, spans)))


def spans_to_char_tags(n_chars: int, spans: Iterable[Span]) -> list[str]:
    """Character-level IOB2 tags of non-overlapping spans (the inverse of :func:`decode_spans` on hard tags).

    >>> spans_to_char_tags(4, [Span(1, 3, "X")])
    ['O', 'B-X', 'I-X', 'O']
    """
    tags = [OUTSIDE] * n_chars
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if s.end > n_chars:
            raise ValueError(f"span [{s.start}, {s.end}) outside text of length {n_chars}")
        if s.start == s.end:
            continue
        if any(t != OUTSIDE for t in tags[s.start : s.end]):
            raise ValueError(f"span [{s.start}, {s.end}) {s.label} overlaps another span")
        tags[s.start] = f"B-{s.label}"
        for j in range(s.start + 1, s.end):
            tags[j] = f"I-{s.label}"
    return tags
