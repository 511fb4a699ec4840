"""Steps 3-5 of the table parser: the 2019 and 2021 national tables (二 主动公开, 三 申请, 四 复议诉讼).

The tables have a fixed row order. Rows are found as runs of numbers; each run is aligned to a
template row by dynamic programming, using printed labels where they survive and the row order
where they do not (PDF and web extraction move labels above or below their numbers, split them
over lines or drop them). Values placed by order alone carry a note saying so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..schema import Schema
from ..types import Document, FieldValue, Span
from .labels import Prepared, best_match, normalise_label, prepare
from .lines import Item, Line

APPLICANT_COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]
_BASE_ROWS = [
    "new",
    "carried_over",
    "granted",
    "partially_granted",
    "withheld.state_secret",
    "withheld.prohibited_by_law",
    "withheld.security_stability",
    "withheld.third_party_rights",
    "withheld.internal_affairs",
    "withheld.process_information",
    "withheld.enforcement_files",
    "withheld.administrative_inquiry",
    "unavailable.not_held",
    "unavailable.needs_creation",
    "unavailable.still_unclear",
    "not_processed.petition",
    "not_processed.repeated",
    "not_processed.publications",
    "not_processed.excessive",
    "not_processed.confirmation",
]
ROWS_2021 = _BASE_ROWS + ["other_handling.no_correction", "other_handling.unpaid_fee", "other_handling.other", "total", "carried_forward"]
ROWS_SINGLE_OTHER = _BASE_ROWS + ["other_handling", "total", "carried_forward"]

ACTIVE_2021 = [
    ("active.regulations", ["made", "repealed", "in_force"]),
    ("active.normative_documents", ["made", "repealed", "in_force"]),
    ("active.licensing", ["decisions"]),
    ("active.penalty", ["decisions"]),
    ("active.coercion", ["decisions"]),
    ("active.fees", ["amount"]),
]
ACTIVE_2019 = [
    ("active.regulations", ["new_made", "new_published", "total_published"]),
    ("active.normative_documents", ["new_made", "new_published", "total_published"]),
    ("active.licensing", ["prev_items", "change", "decisions"]),
    ("active.other_services", ["prev_items", "change", "decisions"]),
    ("active.penalty", ["prev_items", "change", "decisions"]),
    ("active.coercion", ["prev_items", "change", "decisions"]),
    ("active.fees", ["prev_items", "change"]),
    ("active.procurement", ["projects", "amount"]),
]
REVIEW_BLOCKS = ["review", "litigation.direct", "litigation.after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]

CONF_LABELLED = 0.99
CONF_NEIGHBOUR = 0.95
CONF_ORDER = 0.9
CONF_INFERRED = 0.8


@dataclass
class Parsed:
    """What one parsing step found: field values plus the warnings and a debug trace."""

    fields: dict[str, FieldValue] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    debug: list[str] = field(default_factory=list)

    def put(self, fid: str, fv: FieldValue) -> None:
        if fid not in self.fields:
            self.fields[fid] = fv

    def merge(self, other: "Parsed") -> None:
        for k, v in other.fields.items():
            self.put(k, v)
        self.warnings += other.warnings
        self.debug += other.debug


# ---------------------------------------------------------------------------
# Sections

_H_ACTIVE = re.compile(r"主动公开政府信息(?:的)?情况")
_H_REQUESTS = re.compile(r"收到和处理政府信息公开申请(?:的)?情况")
_H_REVIEW = re.compile(r"行政复议.{0,3}行政诉讼")
_H_AFTER = re.compile(r"(?:存在的?主要问题|主要问题及|改进情况|其他需要报告)")
_ROW_NEW = re.compile(r"本年新收|新收政府信息公开申请")
_ACTIVE_MARK = re.compile(r"第二十条\s*第")
_SENTENCE_PUNCT = re.compile(r"[，。；,;]")


def _heading_like(line: Line) -> bool:
    """A short line without figures or a sentence's commas: not a wrapped piece of prose such as the
    introduction's "…行政复议及行政诉讼，主要问题和改进措施，…等六部分"."""
    return not line.numbers and len(line.label) <= 40 and not _SENTENCE_PUNCT.search(line.label)


@dataclass
class Sections:
    active: tuple[int, int] | None
    requests: tuple[int, int] | None
    review: tuple[int, int] | None


def find_sections(lines: list[Line]) -> Sections:
    """Line ranges of table sections 二, 三 and 四 (half-open, indexes into ``lines``)."""
    n = len(lines)
    first_new = next((i for i, l in enumerate(lines) if _ROW_NEW.search(l.label) and l.numbers), None)
    if first_new is None:
        first_new = next((i for i, l in enumerate(lines) if _ROW_NEW.search(l.label) and i + 1 < n and lines[i + 1].numbers), None)
    req_start = None
    if first_new is not None:
        heads = [i for i in range(max(0, first_new - 40), first_new) if _H_REQUESTS.search(lines[i].label) and _heading_like(lines[i])]
        req_start = heads[-1] if heads else max(0, first_new - 2)
    review_start = None
    search_from = req_start if req_start is not None else 0
    for i in range(search_from + 1, n):
        l = lines[i]
        if _H_REVIEW.search(l.label) and _heading_like(l) and not l.label.startswith(("行政复议 ", "行政复议|")) or (
            l.label.startswith(("四、", "四.", "四．", "三、政府信息公开行政复议")) and "复议" in l.label
        ):
            review_start = i
            break
    review = None
    if review_start is not None:
        end = next((i for i in range(review_start + 1, n) if _H_AFTER.search(lines[i].label) and _heading_like(lines[i])), min(n, review_start + 40))
        review = (review_start, end)
    requests = None
    if req_start is not None:
        requests = (req_start, review_start if review_start is not None else min(n, req_start + 120))
    active = None
    act_end = req_start if req_start is not None else (review_start if review_start is not None else n)
    marks = [i for i in range(act_end) if _ACTIVE_MARK.search(lines[i].label)]
    if marks:
        heads = [i for i in range(max(0, marks[0] - 10), marks[0] + 1) if _H_ACTIVE.search(lines[i].label) and _heading_like(lines[i])]
        active = (heads[-1] if heads else marks[0], act_end)
    return Sections(active, requests, review)


# ---------------------------------------------------------------------------
# Table 三: applications received and handled


@dataclass
class Run:
    line: int
    items: list[Item]
    own: tuple[str | None, float]
    before: tuple[str | None, float]
    after: tuple[str | None, float]
    nums: list[Item] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.nums = [i for i in self.items if i.kind == "num"]


def _row_aliases(schema: Schema, rows: list[str]) -> Prepared:
    table = schema.table_rows.get("requests", {}).get("rows", {})
    return prepare({r: list(table.get(r, [])) for r in rows})


def _match(label: str, aliases: Prepared) -> tuple[str | None, float]:
    norm = normalise_label(label)
    if not norm:
        return None, 0.0
    return best_match(norm, aliases)


def _runs(lines: list[Line], lo: int, hi: int, aliases: Prepared) -> list[Run]:
    runs = []
    for i in range(lo, hi):
        run = lines[i].run()
        if not any(it.kind == "num" for it in run):
            continue
        own = _match(lines[i].label, aliases)
        before = _match(lines[i - 1].label, aliases) if i - 1 >= lo and not lines[i - 1].numbers else (None, 0.0)
        after = _match(lines[i + 1].label, aliases) if i + 1 < hi and not lines[i + 1].numbers else (None, 0.0)
        if len(run) >= 14 and len(run) % 7 == 0 and all(it.kind == "num" for it in run):
            # several unlabelled rows copied one cell per line ran together: cut them into rows
            for k in range(0, len(run), 7):
                runs.append(Run(i, run[k : k + 7], own if k == 0 else (None, 0.0), before if k == 0 else (None, 0.0), (None, 0.0)))
            continue
        runs.append(Run(i, run, own, before, after))
    return runs


def _assign_score(run: Run, row: str) -> float:
    s = 1.0
    key, strength = run.own
    if key is not None and strength > 0:
        s += 2.0 * strength if key == row else (-2.0 * strength if strength >= 2 else -0.5)
    for key2, st2 in (run.before, run.after):
        if key2 == row and st2 >= 1:
            s += 0.75 * st2
    k = len(run.nums)
    if 5 <= k <= 8:
        s += 1.0
    elif k == 1:
        s -= 1.5
    return s


def _skip_run_cost(run: Run) -> float:
    if len(run.nums) == 1 and run.own[0] is None:
        return -0.3
    return -2.0 - run.own[1]


SKIP_ROW = -1.0


def align(runs: list[Run], rows: list[str]) -> tuple[float, list[tuple[int, int]]]:
    """Monotonic alignment of runs to template rows maximising label and order evidence."""
    m, n = len(runs), len(rows)
    skip = [_skip_run_cost(r) for r in runs]
    gain = [[_assign_score(r, row) for row in rows] for r in runs]
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    back: list[list[tuple[int, int, bool] | None]] = [[None] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(m + 1):
        for j in range(n + 1):
            cur = best[i][j]
            if cur == neg:
                continue
            if i < m and j < n:
                v = cur + gain[i][j]
                if v > best[i + 1][j + 1]:
                    best[i + 1][j + 1] = v
                    back[i + 1][j + 1] = (i, j, True)
            if i < m:
                v = cur + skip[i]
                if v > best[i + 1][j]:
                    best[i + 1][j] = v
                    back[i + 1][j] = (i, j, False)
            if j < n:
                v = cur + SKIP_ROW
                if v > best[i][j + 1]:
                    best[i][j + 1] = v
                    back[i][j + 1] = (i, j, False)
    pairs = []
    i, j = m, n
    while (i, j) != (0, 0):
        b = back[i][j]
        assert b is not None
        pi, pj, assigned = b
        if assigned:
            pairs.append((pi, pj))
        i, j = pi, pj
    pairs.reverse()
    return best[m][n], pairs


def _slots(line: Line, run: list[Item], width: int) -> tuple[list[Item | None], str | None]:
    """Map a run's items onto ``width`` value columns; returns the slots and a note if guessed."""
    if line.grid and line.ncols >= width + 1 and all(it.col is not None for it in run):
        first = line.ncols - width
        slots: list[Item | None] = [None] * width
        for it in run:
            k = (it.col or 0) - first
            if 0 <= k < width:
                slots[k] = it if it.kind == "num" else None
        if any(s is not None for s in slots):
            return slots, None
    items = list(run)
    while len(items) > width and items and items[-1].kind == "blank":
        items.pop()
    while len(items) > width and items and items[0].kind == "blank":
        items.pop(0)
    if len(items) == width:
        return [it if it.kind == "num" else None for it in items], None
    nums = [it for it in items if it.kind == "num"]
    if len(nums) > width:
        return list(nums[-width:]), f"{len(nums)} numbers in one row; the last {width} were used"
    if len(nums) == width:
        return list(nums), None
    return _short_row(nums, width)


def _short_row(nums: list[Item], width: int) -> tuple[list[Item | None], str | None]:
    slots: list[Item | None] = [None] * width
    k = len(nums)
    vals = [it.value or 0 for it in nums]
    if width == 7 and k == 6:
        if abs(sum(vals[:5]) - vals[5]) < 1e-9 and vals[5] != 0:
            # the total survived and one applicant cell was lost: keep what is certain
            slots[0], slots[6] = nums[0], nums[5]
            return slots, "one cell of this row was lost in extraction; only 自然人 and 总计 kept"
        return list(nums) + [None], None
    if width == 7 and k == 2 and vals[0] == vals[1]:
        slots[0], slots[6] = nums[0], nums[1]
        return slots, "blank 法人或其他组织 cells assumed (自然人 equals 总计)"
    if k == 1:
        return slots, "a single number where a row of values was expected"
    return slots, f"{k} numbers where {width} were expected"


def parse_requests(doc: Document, lines: list[Line], span: tuple[int, int], template: str, schema: Schema) -> Parsed:
    out = Parsed()
    variants = [("single", ROWS_SINGLE_OTHER)] if template == "2019" else [("2021", ROWS_2021), ("single", ROWS_SINGLE_OTHER)]
    results = []
    for name, rows in variants:
        aliases = _row_aliases(schema, rows)
        runs = _runs(lines, span[0], span[1], aliases)
        score, pairs = align(runs, rows)
        results.append((score + (0.5 if name == "2021" and template == "2021" else 0.0), name, rows, runs, pairs))
    results.sort(key=lambda r: -r[0])
    score, name, rows, runs, pairs = results[0]
    out.debug.append(f"table 三: {len(runs)} runs, layout {name} ({len(rows)} rows), alignment score {score:.1f}")
    placed = {rows[j] for _, j in pairs}
    missing = [r for r in rows if r not in placed]
    if missing:
        out.warnings.append(f"table 三: no values found for rows {', '.join(missing)}")
    used = {i for i, _ in pairs}
    for i, run in enumerate(runs):
        if i not in used:
            out.debug.append(f"table 三: run on line {run.line} left unplaced: {[it.value for it in run.nums]}")
    for i, j in pairs:
        run, row = runs[i], rows[j]
        line = lines[run.line]
        slots, note = _slots(line, run.items, 7)
        if run.own[0] == row and run.own[1] >= 1:
            conf, how = CONF_LABELLED, None
        elif row in (run.before[0], run.after[0]):
            conf, how = CONF_NEIGHBOUR, "label printed on the adjacent line"
        else:
            conf, how = CONF_ORDER, "row placed by the template's row order (its label is missing or garbled)"
        notes = "; ".join(x for x in (how, note) if x) or None
        out.debug.append(f"table 三: {row} <- line {run.line} {[s.value if s else None for s in slots]}{' (' + notes + ')' if notes else ''}")
        for col, it in zip(APPLICANT_COLS, slots):
            if it is None:
                continue
            out.put(f"requests.{row}.{col}", FieldValue(it.value, "件", it.span, "table", conf, False, notes))
        if slots[6] is None and any(s is not None for s in slots[:6]) and note is None:
            present = [s for s in slots[:6] if s is not None]
            total = sum(s.value or 0 for s in present)
            ev = Span.from_text(doc.text, present[0].span.start, present[-1].span.end)
            out.put(
                f"requests.{row}.total",
                FieldValue(total, "件", ev, "table-inferred", CONF_INFERRED, False, "总计 cell blank or lost: computed as the sum of the row (rule requests.row_total)"),
            )
    return out


# ---------------------------------------------------------------------------
# Table 四: administrative review and litigation


def parse_review(doc: Document, lines: list[Line], span: tuple[int, int]) -> Parsed:
    out = Parsed()
    seq: list[Item] = []
    for i in range(span[0], span[1]):
        seq.extend(lines[i].run())
    nums = [it for it in seq if it.kind == "num"]
    cells = list(seq)
    while cells and cells[0].kind == "blank":
        cells.pop(0)
    while cells and cells[-1].kind == "blank":
        cells.pop()
    if len(cells) == 15:
        chosen: list[Item | None] = [it if it.kind == "num" else None for it in cells]
    elif len(nums) == 15:
        chosen = list(nums)
    else:
        out.warnings.append(f"table 四: found {len(nums)} numbers where 15 (3 blocks × 5) were expected; left out")
        return out
    for b, block in enumerate(REVIEW_BLOCKS):
        for c, col in enumerate(REVIEW_COLS):
            it = chosen[5 * b + c]
            if it is not None:
                out.put(f"{block}.{col}", FieldValue(it.value, "件", it.span, "table", CONF_LABELLED if len(cells) == 15 else CONF_NEIGHBOUR))
    out.debug.append(f"table 四: {[it.value if it else None for it in chosen]}")
    return out


# ---------------------------------------------------------------------------
# Table 二: proactive disclosure


def parse_active(doc: Document, lines: list[Line], span: tuple[int, int], template: str, schema: Schema) -> Parsed:
    out = Parsed()
    layout = ACTIVE_2019 if template == "2019" else ACTIVE_2021
    aliases = prepare({k: list(schema.table_rows.get("active", {}).get("rows", {}).get(k, [])) for k, _ in layout})
    cols = dict(layout)
    units = {f.id: f.unit for f in schema.fields}
    claimed: set[int] = set()
    lo, hi = span
    for i in range(lo, hi):
        line = lines[i]
        norm = normalise_label(line.label)
        if not norm or len(norm) > 14:
            continue
        key, strength = best_match(norm, aliases)
        if key is None or strength < 2:
            continue
        run = [it for it in line.run() if it.kind in ("num", "blank")]
        src_line = i
        if not any(it.kind == "num" for it in run):
            for j in (i + 1, i - 1):
                if lo <= j < hi and j not in claimed and not normalise_label(lines[j].label) and lines[j].numbers:
                    run, src_line = lines[j].run(), j
                    break
        nums = [it for it in run if it.kind == "num"]
        if not nums:
            continue
        claimed.add(src_line)
        names = cols[key]
        note = None if src_line == i else "values printed on the adjacent line"
        if len(run) == len(names):
            pairs = list(zip(names, run))
        elif len(nums) == len(names):
            pairs = list(zip(names, nums))
        elif names[:1] == ["made"] and len(nums) == 2:
            pairs = [("made", nums[0]), ("in_force", nums[1])]
            note = "two values for three columns: read as 本年制发 and 现行有效; 本年废止 left out"
        elif len(names) == 1:
            pairs = [(names[0], nums[-1])]
        else:
            out.warnings.append(f"table 二: row {key} has {len(nums)} values for {len(names)} columns; left out")
            continue
        for col, it in pairs:
            if it.kind != "num":
                continue
            fid = f"{key}.{col}"
            if fid in schema:
                out.put(fid, FieldValue(it.value, units[fid], it.span, "table", CONF_LABELLED if note is None else CONF_NEIGHBOUR, False, note))
        out.debug.append(f"table 二: {key} <- line {src_line} {[it.value for it in nums]}")
    return out
