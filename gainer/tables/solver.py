"""Tables whose cells ran together (scraped text): split the digit runs by the template's arithmetic.

A crawler that saves a web page as text joins every text node with nothing between them, so a row of
table 三 reads ``一、本年新收政府信息公开申请数量801000081`` (80, 1, 0, 0, 0, 0, 81) and table 四 is one
run of fifteen digits. This module reads such text as a constraint problem, a chain of small steps:

1. ``find_regions``: the character ranges of tables 二, 三 and 四 (headings, first row labels);
2. ``tokenise``: the number runs of a range, grouped between label texts (whitespace between two
   runs is a cell boundary that must be kept; a lone ``-`` between them is a blank cell; page
   numbers, dates and list ordinals such as the ``2`` of ``…00000002.其他法律…`` are not figures);
3. ``align``: groups matched to the template's rows in order by dynamic programming, scored by
   the printed labels (before the figures, or after them) and by whether the group can be split
   into that many rows at all (a group may hold several rows whose labels were lost);
4. ``row_splits``: every split of a group's digits into the rows' cells that satisfies each row's
   own rule (总计 = the sum of the other cells: for each place a row may end and each total the digits
   before it print, the parts by dynamic programming over the sums they can reach, none above the
   total); a number never starts with 0 unless it is 0; figures printed apart stay whole where
   possible, and damaged rows (a lost 总计, a stray figure, blanks that left no mark) have readings too;
5. ``choose``: one split per group, the combination that breaks fewest of the schema's rules
   across rows (column balances, outcome totals), then the evidence of the report's prose, then
   the plausibility rules of ``configs/table_solver.yaml``.

A split that is the only one the rules allow is read (``source: table``, a note says the cells
were split). Where several satisfy every rule equally, the chosen one is ``table-inferred`` with a
lower confidence and a note naming the alternatives: a guessed split is never presented as read.
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from ..checks import check_rule
from ..errors import ConfigError
from ..schema import CONFIG_DIR, Rule, Schema
from ..types import Document, FieldValue, Span
from .labels import normalise_label
from .national import ACTIVE_2019, ACTIVE_2021, APPLICANT_COLS, REVIEW_BLOCKS, REVIEW_COLS, ROWS_2021, ROWS_SINGLE_OTHER, Parsed

DEFAULT_SOLVER_CONFIG = CONFIG_DIR / "table_solver.yaml"
_OPS = {"<=": lambda a, b: a <= b, "<": lambda a, b: a < b, "==": lambda a, b: a == b, ">=": lambda a, b: a >= b}


@dataclass(frozen=True)
class SolverConfig:
    """``configs/table_solver.yaml``: plausibility rules, confidences and search limits."""

    plausible: tuple[tuple[str, str, str], ...]
    conf_unique: float = 0.95
    conf_inferred: float = 0.6
    conf_blank: float = 0.85
    conf_order: float = 0.9
    signed: tuple[str, ...] = ("change",)
    max_digits: int = 9
    max_total_digits: int = 6
    max_combinations: int = 4096
    path: str = ""


def _bad(path: str, key: str, what: str) -> ConfigError:
    return ConfigError(f"key {key!r}: {what}", source=path, hint="fix the key as configs/table_solver.yaml documents it")


def parse_solver_config(data: object, path: str) -> SolverConfig:
    """Validate a loaded ``table_solver.yaml`` mapping into a :class:`SolverConfig`."""
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping at the top level", source=path, hint="see configs/table_solver.yaml")
    unknown = set(data) - {"plausible", "confidence", "signed_columns", "max_digits", "max_total_digits", "max_combinations"}
    if unknown:
        raise _bad(path, sorted(unknown)[0], "unknown key")
    rules = []
    for k, r in enumerate(data.get("plausible") or []):
        if not (isinstance(r, list) and len(r) == 3 and all(isinstance(x, str) for x in r) and r[1] in _OPS):
            raise _bad(path, f"plausible[{k}]", f"expected [field, op, field or -field] with op one of {', '.join(_OPS)}, got {r!r}")
        rules.append((r[0], r[1], r[2]))
    conf = data.get("confidence") or {}
    if not isinstance(conf, dict):
        raise _bad(path, "confidence", "expected a mapping")
    names = {"split_unique": "conf_unique", "split_inferred": "conf_inferred", "blank_cells": "conf_blank", "order_only": "conf_order"}
    kw: dict[str, float | int] = {}
    for key, v in conf.items():
        if key not in names:
            raise _bad(path, f"confidence.{key}", "unknown key")
        if not isinstance(v, (int, float)) or not 0 < v <= 1:
            raise _bad(path, f"confidence.{key}", f"expected a number in (0, 1], got {v!r}")
        kw[names[key]] = float(v)
    signed = data.get("signed_columns", ["change"])
    if not (isinstance(signed, list) and all(isinstance(x, str) for x in signed)):
        raise _bad(path, "signed_columns", f"expected a list of column names, got {signed!r}")
    kw["signed"] = tuple(signed)  # type: ignore[assignment]
    for key in ("max_digits", "max_total_digits", "max_combinations"):
        if key in data:
            v = data[key]
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise _bad(path, key, f"expected a positive integer, got {v!r}")
            kw[key] = v
    return SolverConfig(tuple(rules), path=path, **kw)  # type: ignore[arg-type]


def load_solver_config(path: str | Path | None = None) -> SolverConfig:
    """Load and validate the solver config (the default one is cached)."""
    if path is None:
        return _default_config()
    return _load_config(Path(path))


def _load_config(p: Path) -> SolverConfig:
    if not p.is_file():
        raise ConfigError("solver config not found", source=str(p), hint="pass the path of configs/table_solver.yaml")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ConfigError(f"not valid YAML: {e}", source=str(p)) from e
    return parse_solver_config(data, str(p))


@functools.lru_cache(maxsize=1)
def _default_config() -> SolverConfig:
    return _load_config(DEFAULT_SOLVER_CONFIG)


# ---------------------------------------------------------------------------
# Step 1: regions

def _loose(pattern: str) -> re.Pattern[str]:
    """A pattern of literal Chinese words that also matches them with whitespace between the
    characters (text nodes joined with spaces: "收到和处理政府信息 公开申请情况")."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if "\u4e00" <= ch <= "\u9fff" and i + 1 < len(pattern) and "\u4e00" <= pattern[i + 1] <= "\u9fff":
            out.append(ch + r"\s*")
        else:
            out.append(ch)
        i += 1
    return re.compile("".join(out))


_H_ACTIVE = _loose(r"主动公开政府信息(?:的)?情况")
_H_REQUESTS = _loose(r"收到和处理政府信息公开申请(?:的)?情况")
# the first row of table 三: its full label, else its short forms
_ROW_NEW = (_loose(r"本年新收政府信息公开申请数量"), _loose(r"本年新收政府信息公开申请|本年新收"))
_H_REVIEW = _loose(r"行政复议.{0,3}行政诉讼(?:的)?情况|行政复议\s*行政诉讼\s*(?:结果|未经)")
_REVIEW_HEAD = _loose(r"结果维持|未经复议直接起诉|复议后起诉")
_H_AFTER = _loose(r"存在的?主要问题|主要问题及|改进情况|其他需要报告|[五六]\s*[、.．]")
_ARTICLE = _loose(r"第二十条\s*第")
_DIGIT = re.compile(r"[0-9０-９]")
_HEAD_NUMBER = re.compile(r"[一二三四五六七八九十]\s*[、.．]\s*$")


@dataclass(frozen=True)
class Regions:
    """Character ranges ``[start, end)`` of tables 二, 三 and 四 in the document text."""

    active: tuple[int, int] | None
    requests: tuple[int, int] | None
    review: tuple[int, int] | None


def find_regions(text: str) -> Regions:
    """Where the national tables lie in ``text``, found by headings and first row labels, not lines."""
    anchor = None
    for pattern in _ROW_NEW:
        for m in pattern.finditer(text):
            if _DIGIT.search(text, m.end(), min(len(text), m.end() + 60)) or _DIGIT.search(text, max(0, m.start() - 40), m.start()):
                anchor = m.start()
                break
        if anchor is not None:
            break
    requests = review = active = None
    req_start = None
    if anchor is not None:
        heads = [m.start() for m in _H_REQUESTS.finditer(text, max(0, anchor - 1500), anchor)]
        req_start = heads[-1] if heads else max(0, anchor - 400)
        if heads:  # the heading's own numbering ("三、") belongs to the region
            num = _HEAD_NUMBER.search(text, max(0, req_start - 6), req_start)
            req_start = num.start() if num else req_start
    rev_start = None
    for m in _H_REVIEW.finditer(text, anchor if anchor is not None else 0):
        if _REVIEW_HEAD.search(text, m.start(), min(len(text), m.start() + 400)):
            rev_start = m.start()
            break
    if rev_start is not None:
        stop = _H_AFTER.search(text, rev_start + 10, min(len(text), rev_start + 3000))
        review = (rev_start, stop.start() if stop else min(len(text), rev_start + 1500))
    if req_start is not None:
        end = rev_start if rev_start is not None and rev_start > req_start else min(len(text), req_start + 6000)
        requests = (req_start, end)
    act_end = req_start if req_start is not None else (rev_start if rev_start is not None else len(text))
    marks = [m.start() for m in _ARTICLE.finditer(text, max(0, act_end - 3000), act_end)]
    if marks:
        heads = [m.start() for m in _H_ACTIVE.finditer(text, max(0, marks[0] - 300), marks[0])]
        active = (heads[-1] if heads else marks[0], act_end)
    return Regions(active, requests, review)


# ---------------------------------------------------------------------------
# Step 2: number runs grouped between labels

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－−", "0123456789.--")
# digits with a decimal part, a sign, or thousands separators (447,228: a comma before exactly three digits)
_RUN = re.compile(r"[-－−]?[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?")
# a page number ("-3-", "— 4 —"), even between two rows' figures (a table over a page break: "…31-3-10…")
# (not inside a longer run of dashes: "—————202—" is blank cells and a figure)
_PAGE_NO = re.compile(r"(?<![-－—–])[-－—–]{1,2}\s*[0-9０-９]{1,3}\s*[-－—–]{1,2}(?![-－—–])")
# a date, a percentage, a document number: not a cell (a long run before 年 is cells before a
# label's 年 that a PDF's vertical heading "本年度办理结果" interleaved)
_NOT_AFTER = re.compile(r"\s*(?:月|日|号|时|〕|\]|】|%|％|‰|周岁|岁)")
_YEAR_AFTER = re.compile(r"年")
_ORDINAL_AFTER = re.compile(r"[.．、]\s*(?![0-9０-９])")
_NOT_BEFORE = ("第", "〔", "[", "【", "(", "（", "No", "NO")
# what may stand between two runs of one group: whitespace, pipes, and marks of blank cells ("-", "——",
# "/", "无"); a mark set apart by whitespace is one blank cell, dashes glued to the figures (joined
# text: "26——————26") only a boundary, since how many cells they stood for is lost
_GAP = re.compile(r"^[\s|｜]*(?:(?:[-－—–/／]+|无)[\s|｜]*)*$")
_BLANK_MARK = re.compile(r"(?<![^\s|｜])(?:[-－—–/／]+|无)(?![^\s|｜])")


@dataclass
class Group:
    """A run of figures between two label texts; ``chars`` holds its digits with cell boundaries.

    ``chars`` is ASCII (``0-9``, ``.``, ``-``, and ``x`` for a printed blank cell such as ``-``);
    ``offs[i]`` is the document offset of ``chars[i]``; ``cuts`` are positions in ``chars`` where
    the text put whitespace, so a cell boundary must fall there.
    """

    chars: str
    offs: list[int]
    cuts: frozenset[int]
    label_before: str
    label_after: str = ""
    tokens: list[tuple[int, int]] = field(default_factory=list)  # document ranges of the printed runs
    glued: frozenset[int] = frozenset()  # cuts where two runs touch with nothing between ("12-3": a sign)

    @property
    def start(self) -> int:
        return self.offs[0]

    @property
    def end(self) -> int:
        return self.offs[-1] + 1


def tokenise(text: str, start: int, end: int) -> list[Group]:
    """The number runs of ``text[start:end]`` grouped between labels, each with the label before it."""
    region = text[start:end]
    masked = _PAGE_NO.sub(lambda m: "¶" * len(m.group(0)), region)
    runs: list[tuple[int, int, str, list[int]]] = []  # region-relative start, end, ascii text, offsets of its characters
    for m in _RUN.finditer(masked):
        s, e = m.start(), m.end()
        raw = m.group(0)
        if s > 0 and raw[0].isdigit() and masked[s - 1] in "0123456789０１２３４５６７８９":
            continue
        if raw[0] in "-－−" and s > 0 and not masked[s - 1].isspace() and not masked[s - 1].isdigit():
            s, raw = s + 1, raw[1:]  # a dash glued to a label is punctuation
        if _NOT_AFTER.match(masked, e) or masked[max(0, s - 2) : s].endswith(_NOT_BEFORE):
            continue
        if _YEAR_AFTER.match(masked, e) and (len(raw) <= 2 or (len(raw) == 4 and raw[:2] in ("19", "20"))):
            continue
        if _ORDINAL_AFTER.match(masked, e) and e < len(masked) and "." not in raw[-1:]:
            # the list number of the next label ("1.属于国家秘密"), glued to this row's digits
            e, raw = e - 1, raw[:-1]
            if not raw or raw == "-":
                continue
        offs = [start + s + k for k, ch in enumerate(masked[s:e]) if ch not in ",，"]
        runs.append((s, e, raw.translate(_FULLWIDTH).replace(",", "").replace("，", ""), offs))
    groups: list[Group] = []
    prev_end = 0
    cur: Group | None = None
    for s, e, raw, offs in runs:
        gap = masked[prev_end:s]
        if cur is not None and _GAP.match(gap):
            # searched in place, not in the slice, so a dash glued to the figures is not taken as set apart
            blanks = [b.start() for b in _BLANK_MARK.finditer(masked, prev_end, s) if b.end() < s]
            for b in blanks:
                cur.cuts = cur.cuts | {len(cur.chars)}
                cur.chars += "x"
                cur.offs.append(start + b)  # the blank cell's evidence is its mark
            cur.cuts = cur.cuts | {len(cur.chars)}
            if not gap:
                cur.glued = cur.glued | {len(cur.chars)}
        else:
            if cur is not None:
                cur.label_after = _label(gap)
                groups.append(cur)
            cur = Group("", [], frozenset(), _label(gap))
        cur.chars += raw
        cur.offs.extend(offs)
        cur.tokens.append((start + s, start + e))
        prev_end = e
    if cur is not None:
        cur.label_after = _label(masked[prev_end:])
        groups.append(cur)
    return groups


def _label(gap: str) -> str:
    return normalise_label(gap.replace("¶", ""))


# ---------------------------------------------------------------------------
# Rows of the template


@dataclass(frozen=True)
class RowSpec:
    """One template row: its key, field ids in column order, label aliases, and whether 总计 sums it."""

    key: str
    fields: tuple[str, ...]
    aliases: tuple[str, ...]
    sums: bool

    @property
    def shape(self) -> tuple[int, bool]:
        return (len(self.fields), self.sums)


def _row_sums(fields: tuple[str, ...], schema: Schema) -> bool:
    total, parts = fields[-1], set(fields[:-1])
    return any(r.left == (total,) and set(r.right) == parts for r in schema.rules)


def template_rows(table: str, template: str, schema: Schema) -> list[list[RowSpec]]:
    """The row layouts to try for a table (``active``, ``requests``, ``review``) of a template."""
    aliases = schema.table_rows.get(table, {}).get("rows", {})
    if table == "requests":
        layouts = [ROWS_SINGLE_OTHER] if template == "2019" else [ROWS_2021, ROWS_SINGLE_OTHER]
        out = []
        for rows in layouts:
            specs = []
            for r in rows:
                f = tuple(f"requests.{r}.{c}" for c in APPLICANT_COLS)
                specs.append(RowSpec(r, f, tuple(aliases.get(r, [])), _row_sums(f, schema)))
            out.append(specs)
        return out
    if table == "review":
        specs = []
        for b in REVIEW_BLOCKS:
            f = tuple(f"{b}.{c}" for c in REVIEW_COLS)
            specs.append(RowSpec(b, f, (), _row_sums(f, schema)))
        return [specs]
    layout = ACTIVE_2019 if template == "2019" else ACTIVE_2021
    specs = []
    for key, cols in layout:
        f = tuple(f"{key}.{c}" for c in cols)
        specs.append(RowSpec(key, f, tuple(aliases.get(key, [])), False))
    return [specs]


def _norm_aliases(rows: list[RowSpec]) -> list[tuple[int, str]]:
    out = []
    for k, r in enumerate(rows):
        for a in r.aliases:
            n = normalise_label(a)
            if n:
                out.append((k, n))
    return out


FUZZY_MIN = 85.0  # rapidfuzz partial ratio for a garbled label ("其他法律行政止公开" scores 85.7)


def label_row(label: str, aliases: list[tuple[int, str]], *, at_end: bool = True) -> tuple[int | None, float]:
    """The row a label names and how strongly: 3 its alias ends the label, 2 a garbled form of a
    long alias ends it, 1.5 the alias lies further in, 0 none.

    With ``at_end`` the alias nearest the end of the label wins (a label run holds the headings
    before it); otherwise the one nearest the start (a label printed after its figures)."""
    best: tuple[int | None, float, float] = (None, 0.0, -1e9)
    for k, a in aliases:
        if len(a) < 2:
            continue
        pos = label.rfind(a) if at_end else label.find(a)
        if pos < 0:
            continue
        if len(a) == 2 and (pos + 2 != len(label) if at_end else pos != 0):
            continue  # a two-character alias (总计, 其他) names a row only right beside the figures
        dist = (len(label) - pos - len(a)) if at_end else pos
        strength = 3.0 if dist <= 8 else (1.5 if dist <= 30 else 0.0)
        if strength == 0:
            continue
        rank = strength * 100 - dist + len(a) / 100
        if rank > best[2]:
            best = (k, strength, rank)
    if best[1] >= 3.0 or not label:
        return best[0], best[1]
    for k, a in aliases:
        if len(a) < 5:
            continue
        window = label[-(len(a) + 8) :] if at_end else label[: len(a) + 8]
        m = fuzz.partial_ratio_alignment(a, window, score_cutoff=FUZZY_MIN)
        if m is None:
            continue
        dist = (len(window) - m.dest_end) if at_end else m.dest_start
        matched = window[m.dest_start : m.dest_end]
        if dist > 8 or sum(1 for c in a[:3] if c in matched) < 2:
            continue  # not near the figures, or only the words aliases share (…政府信息公开申请)
        rank = 200 - dist + m.score / 1000
        if rank > best[2]:
            best = (k, 2.0, rank)
    return best[0], best[1]


# ---------------------------------------------------------------------------
# Step 4: splits


# a cell: 0, a number not starting with 0 (signed only where not zero), or a blank cell ("x", or a lone
# "-" between figures, which may equally be the sign of the next one)
_PIECE = re.compile(r"0(?:\.[0-9]+)?|-?[1-9][0-9]*(?:\.[0-9]+)?|-0\.[0-9]+|x|-")

Piece = tuple[int, int]  # positions in Group.chars


def _value(chars: str, piece: Piece) -> int | float | None:
    t = chars[piece[0] : piece[1]]
    if t in ("x", "-"):
        return None
    return float(t) if "." in t else int(t)


class _Splitter:
    """Enumerates the splits of one group's digits into consecutive rows.

    A summed row is solved by dynamic programming over (position, pieces so far) with the set of
    sums reachable there; the total must then be the digits that follow. Rows are cached by their
    start, so a group read as several rows costs little more than one. A step budget bounds the
    work on long runs whatever they hold."""

    BUDGET = 200_000

    def __init__(self, g: Group, max_digits: int, max_total_digits: int | None = None):
        self.g = g
        self.max_total_digits = max_total_digits or max_digits
        self.s = g.chars
        self.n = len(g.chars)
        self.max_len = max_digits + 4  # sign, point and decimals
        self.max_digits = max_digits
        # next_cut[i]: the first mandatory boundary after position i (a piece may not cross it)
        nxt = [self.n] * (self.n + 1)
        cut = self.n
        for i in range(self.n, -1, -1):
            nxt[i] = cut
            if i in g.cuts and i > 0:
                cut = i
        self.next_cut = nxt
        self._pieces: dict[int, list[tuple[int, int | float | None]]] = {}
        self._rows: dict[tuple, list[list[Piece]]] = {}
        self.steps = 0

    def pieces_from(self, i: int) -> list[tuple[int, int | float | None]]:
        """(end, value) of every piece that can start at ``i``."""
        got = self._pieces.get(i)
        if got is None:
            got = []
            limit = min(self.next_cut[i] if self.next_cut[i] > i else self.n, i + self.max_len)
            for j in range(i + 1, limit + 1):
                if _PIECE.fullmatch(self.s, i, j):
                    t = self.s[i:j]
                    if t != "x" and len(t.lstrip("-").split(".")[0]) > self.max_digits:
                        break
                    got.append((j, _value(self.s, (i, j))))
            self._pieces[i] = got
        return got

    def row(self, i: int, width: int, sums: bool, strict: bool, last: bool) -> list[list[Piece]]:
        """Piece lists for one row starting at ``i`` (ending the group when ``last``)."""
        key = (i, width, sums and strict, last)
        if key not in self._rows:
            self._rows[key] = self._summed(i, width, last) if sums and strict else self._plain(i, width, last)
        return self._rows[key]

    def _plain(self, i: int, width: int, last: bool) -> list[list[Piece]]:
        out: list[list[Piece]] = []
        acc: list[Piece] = []

        def rec(pos: int, k: int) -> None:
            self.steps += 1
            if self.steps > self.BUDGET or len(out) >= 300:
                return
            if k == width:
                if not last or pos == self.n:
                    out.append(list(acc))
                return
            for j, _ in self.pieces_from(pos):
                if self.n - j < width - k - 1:
                    break
                acc.append((pos, j))
                rec(j, k + 1)
                acc.pop()

        rec(i, 0)
        return out

    def _summed(self, i: int, width: int, last: bool) -> list[list[Piece]]:
        """Rows from ``i`` whose last cell is the sum of the others: for each place the row may
        end (the group's end when ``last``) and each total the digits before it can print, the
        parts are found by dynamic programming over reachable sums, none above the total."""
        if last:
            ends = [self.n]
        else:
            ends = list(range(i + width, min(self.n, i + width * self.max_total_digits) + 1))
        result: list[list[Piece]] = []
        for e in ends:
            if self.steps > self.BUDGET or len(result) >= 300:
                break
            for t in range(1, min(self.max_total_digits, e - i - (width - 1)) + 1):
                start = e - t
                if self.next_cut[start] < e or not _PIECE.fullmatch(self.s, start, e) or self.s[start] == "x":
                    continue
                total = _value(self.s, (start, e))
                if total is None or total < 0:
                    continue
                if e - i > width * t:
                    continue  # a part longer than the total
                for parts in self._parts(i, start, width - 1, total, t):
                    result.append(parts + [(start, e)])
        return result

    def _parts(self, i: int, e: int, count: int, target: int | float, longest: int) -> list[list[Piece]]:
        """Every split of ``s[i:e]`` into ``count`` pieces that add up to ``target``."""
        exact = isinstance(target, int)
        layer: dict[int, dict[int | float, list[tuple[int, int | float]]]] = {i: {0: []}}
        layers = [layer]
        for k in range(count):
            nxt: dict[int, dict[int | float, list[tuple[int, int | float]]]] = {}
            left = count - k - 1  # pieces still to place after this one
            for pos, sums in layer.items():
                for j, v in self.pieces_from(pos):
                    if j > e - left or j - pos > longest + 3:
                        break
                    if left == 0 and j != e:
                        continue
                    val = v or 0
                    if val > target + 1e-9:
                        continue
                    row = None
                    for total in sums:
                        new_total = total + val
                        if new_total > target + 1e-9:
                            continue
                        self.steps += 1
                        if row is None:
                            row = nxt.setdefault(j, {})
                        row.setdefault(new_total, []).append((pos, total))
            if not nxt or self.steps > self.BUDGET:
                return []
            layer = nxt
            layers.append(layer)
        finals = [t for t in layer.get(e, {}) if (t == target if exact and isinstance(t, int) else math.isclose(t, target, abs_tol=1e-6))]
        out: list[list[Piece]] = []

        def back(k: int, pos: int, total: int | float, acc: list[Piece]) -> None:
            if len(out) >= 300:
                return
            if k == 0:
                out.append(list(reversed(acc)))
                return
            for prev, prev_total in layers[k][pos][total]:
                acc.append((prev, pos))
                back(k - 1, prev, prev_total, acc)
                acc.pop()

        for total in finals:
            back(count, e, total, [])
        return out

    def chains(self, shapes: tuple[tuple[int, bool], ...], strict: bool, limit: int) -> list[list[list[Piece]]]:
        out: list[list[list[Piece]]] = []
        acc: list[list[Piece]] = []

        def rec(pos: int, r: int) -> None:
            if len(out) >= limit or self.steps > self.BUDGET:
                return
            if r == len(shapes):
                if pos == self.n:
                    out.append(list(acc))
                return
            width, sums = shapes[r]
            for pieces in self.row(pos, width, sums, strict, last=r == len(shapes) - 1):
                acc.append(pieces)
                rec(pieces[-1][1], r + 1)
                acc.pop()
                if len(out) >= limit:
                    return

        rec(0, 0)
        return out


@dataclass
class Option:
    """One way to read a group as consecutive rows: values per row (None for a blank cell)."""

    rows: list[list[int | float | None]]
    pieces: list[list[Piece | None]]
    strict: bool  # every row's own rule holds
    # how a damaged row was read: "blank" (two figures, 自然人 = 总计, the cells between blank), "total"
    # (总计 lost, computed), "stray" (a figure too many), "placed" (figures fewer than cells, kept whole)
    repair: str = ""


def row_splits(g: Group, shapes: tuple[tuple[int, bool], ...], cfg: SolverConfig) -> list[Option]:
    """Every split of ``g`` into rows of ``shapes`` (width, sums) that satisfies each row's rule;
    failing that, splits that break it (a report's own arithmetic error), at most a few hundred."""
    sp = _Splitter(g, cfg.max_digits, cfg.max_total_digits)
    chains = sp.chains(shapes, strict=True, limit=500)
    opts = [Option([[_value(g.chars, p) for p in row] for row in ch], [list(row) for row in ch], True) for ch in chains]
    if not opts and len(shapes) == 1 and shapes[0][1]:
        opts = _repairs(g, shapes[0][0])
    if not opts and (len(shapes) == 1 or all(w <= 5 for w, _ in shapes)) and len(g.chars) <= 4 * sum(w for w, _ in shapes):
        # a report whose own totals do not add up: the splits that break the rule (one row, or
        # table 四's short blocks; several wide rows that fit no rule are not worth the search)
        chains = sp.chains(shapes, strict=False, limit=300)
        opts = [Option([[_value(g.chars, p) for p in row] for row in ch], [list(row) for row in ch], False) for ch in chains]
    if not opts and len(shapes) == 1 and shapes[0][1] and shapes[0][0] > 2:
        # a row printed with its middle cells blank: 自然人 and 总计 only, equal
        width = shapes[0][0]
        for ch in sp.chains(((2, False),), strict=False, limit=50):
            a, b = (_value(g.chars, p) for p in ch[0])
            if a is not None and a == b:
                pieces: list[Piece | None] = [ch[0][0]] + [None] * (width - 2) + [ch[0][1]]
                opts.append(Option([[a] + [None] * (width - 2) + [b]], [pieces], True, repair="blank"))
    if len(shapes) == 1 and not shapes[0][1]:
        opts += _blank_placements(g, shapes[0][0])
    return opts


def _blank_placements(g: Group, width: int) -> list[Option]:
    """A row without a sum whose figures were printed apart but are fewer than its columns (a blank
    cell left no mark: "规章 22 235"): every placement of the printed figures, whole, among the columns."""
    pieces = _token_pieces(g)
    if not 2 <= len(pieces) < width or "x" in g.chars:
        return []  # one run of digits says nothing about where cells were: it is split instead
    vals = [_value(g.chars, p) for p in pieces]
    if any(v is None for v in vals) or not all(_PIECE.fullmatch(g.chars, a, b) for a, b in pieces):
        return []
    out = []
    for cols in itertools.combinations(range(width), len(pieces)):
        row: list[int | float | None] = [None] * width
        where: list[Piece | None] = [None] * width
        for c, v, p in zip(cols, vals, pieces):
            row[c], where[c] = v, p
        out.append(Option([row], [where], True, repair="placed"))
    return out


def _repairs(g: Group, width: int) -> list[Option]:
    """A summed row whose cells were printed apart (one figure per cell) but damaged in extraction:
    its 总计 lost (``width - 1`` figures: the total is their sum) or a stray figure before it
    (``width + 1`` figures whose last ``width`` add up)."""
    if "x" in g.chars:
        return []
    pieces = _token_pieces(g)
    if len(pieces) == 1 and g.chars.isdigit() and len(g.chars) in (width - 1, width + 1):
        pieces = [(i, i + 1) for i in range(len(g.chars))]  # run together, but one digit a cell
    vals = [_value(g.chars, p) for p in pieces]
    if any(v is None or isinstance(v, float) for v in vals):
        return []
    if len(pieces) == width - 1:
        return [Option([vals + [sum(vals)]], [list(pieces) + [None]], True, repair="total")]  # type: ignore[operator]
    if len(pieces) == width + 1 and sum(vals[1:-1]) == vals[-1]:  # type: ignore[arg-type]
        return [Option([vals[1:]], [list(pieces[1:])], True, repair="stray")]
    return []


def _bounds(g: Group) -> frozenset[int]:
    """Where the group's figures were printed apart (whitespace, pipes, blank marks)."""
    return frozenset({0, len(g.chars)} | (set(g.cuts) - set(g.glued)))


def _token_pieces(g: Group) -> list[Piece]:
    """The figures of a group as printed apart, as pieces of ``chars``."""
    bounds = sorted(_bounds(g))
    return [(a, b) for a, b in zip(bounds, bounds[1:])]


# ---------------------------------------------------------------------------
# Step 3: alignment


@dataclass
class Assignment:
    group: int
    row: int  # first row index
    options: list[Option]
    by_order: bool
    bounds: frozenset[int] = frozenset()  # where the group's printed figures start and end


SKIP_ROW = -1.0
MAX_ROWS_PER_GROUP = 4


def align(groups: list[Group], rows: list[RowSpec], cfg: SolverConfig, cache: dict | None = None) -> tuple[float, list[Assignment]]:
    """Assign groups to consecutive template rows in order, maximising label and arithmetic evidence.

    ``cache`` (group, row shapes) -> splits may be shared between layouts of the same table."""
    aliases = _norm_aliases(rows)
    m, n = len(groups), len(rows)
    lab_before = [label_row(g.label_before, aliases) for g in groups]
    lab_after = [label_row(g.label_after, aliases, at_end=False) for g in groups]
    cache = {} if cache is None else cache

    shape_of = {(j, q): tuple(r.shape for r in rows[j : j + q]) for j in range(n) for q in range(1, MAX_ROWS_PER_GROUP + 1)}

    def options(k: int, j: int, q: int) -> list[Option]:
        shapes = shape_of[(j, q)]
        key = (k, shapes)
        if key not in cache:
            need = sum(w for w, _ in shapes)
            have = len(groups[k].chars)
            fewest = min(need, 2) if q == 1 and shapes[0][1] else need  # a row of blanks shows 2 figures
            if have < fewest or have > need * (cfg.max_digits + 4):
                cache[key] = []
            else:
                cache[key] = row_splits(groups[k], shapes, cfg)
        return cache[key]

    any_signed = any(f.rsplit(".", 1)[1] in cfg.signed for r in rows for f in r.fields)

    def signs_ok(o: Option, j: int) -> bool:
        return not any_signed or all(v is None or v >= 0 or f.rsplit(".", 1)[1] in cfg.signed for r, row in enumerate(o.rows) for f, v in zip(rows[j + r].fields, row))

    def gain(k: int, j: int, q: int) -> tuple[float, list[Option], bool]:
        opts = [o for o in options(k, j, q) if signs_ok(o, j)]
        if not opts:
            return float("-inf"), opts, True
        score = 1.0 * q
        if any(o.strict and not o.repair for o in opts):
            score += 0.5 * sum(1 for r in rows[j : j + q] if r.sums) + 0.3 * q
        elif all(o.repair for o in opts):
            score -= 0.3
        else:
            score -= 1.5 * sum(1 for r in rows[j : j + q] if r.sums)
        key, strength = lab_before[k]
        by_order = bool(rows[j].aliases)  # table 四's blocks have no row labels to miss
        if key == j:
            score += strength
            by_order = False
        elif key is not None and key == j + q - 1:
            # labels of several rows, then their figures: the label nearest the figures is the last row's
            score += 0.8 * strength
        elif key is not None and j < key < j + q:
            score += 0.3 * strength  # the label of a middle row of the group (a scrambled layout)
        elif key is not None:
            score -= 0.5 * strength
        akey, astrength = lab_after[k]
        if akey == j + q - 1:
            # a label printed after its figures (a PDF that set the figures above a tall label);
            # a label between two runs may name either, the alignment decides which
            score += 0.8 * astrength
            by_order = False
        score -= 0.4 * (q - 1)
        return score, opts, by_order

    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    back: list[list[tuple | None]] = [[None] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for k in range(m + 1):
        for j in range(n + 1):
            cur = best[k][j]
            if cur == neg:
                continue
            if k < m:
                skip = -0.2 - (0.5 * lab_before[k][1] if lab_before[k][0] is not None else 0.0)
                if cur + skip > best[k + 1][j]:
                    best[k + 1][j] = cur + skip
                    back[k + 1][j] = (k, j, None)
            if j < n and cur + SKIP_ROW > best[k][j + 1]:
                best[k][j + 1] = cur + SKIP_ROW
                back[k][j + 1] = (k, j, None)
            if k < m:
                for q in range(1, min(MAX_ROWS_PER_GROUP, n - j) + 1):
                    sc, opts, by_order = gain(k, j, q)
                    if sc == neg:
                        continue
                    if cur + sc > best[k + 1][j + q]:
                        best[k + 1][j + q] = cur + sc
                        back[k + 1][j + q] = (k, j, Assignment(k, j, opts, by_order, _bounds(groups[k])))
    out: list[Assignment] = []
    k, j = m, n
    while (k, j) != (0, 0):
        b = back[k][j]
        assert b is not None
        pk, pj, a = b
        if a is not None:
            out.append(a)
        k, j = pk, pj
    out.reverse()
    return best[m][n], out + _out_of_order(groups, rows, out, lab_before, options)


def _out_of_order(groups: list[Group], rows: list[RowSpec], placed: list[Assignment], lab_before, options) -> list[Assignment]:
    """Groups left over whose label names a row left empty: a layout that moved rows (Markdown
    conversions print a table's first rows after the rest)."""
    used_groups = {a.group for a in placed}
    used_rows = {a.row + q for a in placed for q in range(len(a.options[0].rows))}
    extra = []
    for k, g in enumerate(groups):
        key, strength = lab_before[k]
        if k in used_groups or key is None or strength < 3 or key in used_rows:
            continue
        opts = options(k, key, 1)
        if opts:
            extra.append(Assignment(k, key, opts, False, _bounds(g)))
            used_rows.add(key)
    return extra


class ProseEvidence:
    """The report's text outside its tables: is a row's figure stated there (``规章22件``)?"""

    def __init__(self, text: str, regions: Regions):
        spans = sorted(r for r in (regions.active, regions.requests, regions.review) if r)
        parts, pos = [], 0
        for s, e in spans:
            if s > pos:
                parts.append(text[pos:s])
            pos = max(pos, e)
        parts.append(text[pos:])
        self.text = "\n".join(parts).translate(_FULLWIDTH)
        self._cache: dict[tuple[str, str], bool] = {}

    def stated(self, aliases: tuple[str, ...], value: int | float) -> bool:
        """A row alias followed closely by the figure, in one clause."""
        v = _fmt(value)
        for a in aliases:
            key = (a, v)
            if key not in self._cache:
                gap = 12 if len(a) >= 3 else 2  # a short alias (规章) only right before its figure
                pat = re.escape(a) + r"[^。；;，,0-9]{0,%d}?(?<![0-9.])" % gap + re.escape(v) + r"(?![0-9])"
                self._cache[key] = re.search(pat, self.text) is not None
            if self._cache[key]:
                return True
        return False


NO_EVIDENCE = ProseEvidence("", Regions(None, None, None))


# ---------------------------------------------------------------------------
# Step 5: one split per group


def _table_rules(schema: Schema, fields: set[str]) -> list[Rule]:
    """The schema's rules about this table: all their fields of its kind (``requests.``), some of
    them in its layout (a rule may also name the other template's rows, which count as blank)."""
    prefixes = tuple({f.split(".", 1)[0] + "." for f in fields})
    return [r for r in schema.rules if all(f.startswith(prefixes) for f in r.fields) and fields.intersection(r.fields)]


@dataclass
class Choice:
    picks: list[int]  # option index per assignment
    alternatives: list[list[int]]  # per assignment: the other option indexes that fit the rules as well
    reasons: list[str]


def _values(assigns: list[Assignment], rows: list[RowSpec], picks: list[int]) -> dict[str, int | float | None]:
    vals: dict[str, int | float | None] = {}
    for a, p in zip(assigns, picks):
        opt = a.options[p]
        for q, rv in enumerate(opt.rows):
            for fid, v in zip(rows[a.row + q].fields, rv):
                if v is not None:
                    vals[fid] = v
    return vals


def _rule_cost(rules: list[Rule], vals: dict[str, int | float | None]) -> tuple[int, float]:
    failed, dev = 0, 0.0
    for r in rules:
        c = check_rule(r, vals)
        if c.status == "failed":
            failed += 1
            dev += abs((c.expected or 0) - (c.actual or 0))
    return failed, dev


def _plausible(cfg: SolverConfig, vals: dict[str, int | float | None]) -> int:
    ok = 0
    for a, op, b in cfg.plausible:
        va = vals.get(a)
        vb = vals.get(b[1:]) if b.startswith("-") else vals.get(b)
        if vb is not None and b.startswith("-"):
            vb = -vb
        if va is not None and vb is not None and _OPS[op](va, vb):
            ok += 1
    return ok


# what decided between splits that fit the rules equally, by the position in choose()'s key
_REASONS = {
    2: "the same figures are stated in the report's prose",
    3: "keeping each printed figure whole",
    4: "plausibility (configs/table_solver.yaml)",
    5: "a row that starts with a figure",
    6: "the most even split (no rule or statement decides)",
    7: "the most even split (no rule or statement decides)",
}


def _cut_tokens(a: Assignment, opt: int) -> int:
    """How many of the option's pieces lie inside a printed figure rather than being one."""
    return sum(1 for row in a.options[opt].pieces for p in row if p is not None and (p[0] not in a.bounds or p[1] not in a.bounds))


def _leading_blanks(o: Option) -> int:
    return sum(next((k for k, v in enumerate(row) if v is not None), len(row)) for row in o.rows)


def choose(assigns: list[Assignment], rows: list[RowSpec], schema: Schema, cfg: SolverConfig, prose: ProseEvidence = NO_EVIDENCE) -> Choice:
    """The option of each assignment: fewest broken rules, then prose evidence, then plausibility."""
    fields = {f for r in rows for f in r.fields}
    rules = _table_rules(schema, fields)
    picks = [0] * len(assigns)
    varying = [k for k, a in enumerate(assigns) if len(a.options) > 1]
    reasons = [""] * len(assigns)
    if not varying:
        return Choice(picks, [[] for _ in assigns], reasons)

    def evidence(k: int, opt: int) -> int:
        a = assigns[k]
        o = a.options[opt]
        stated = {(q, v) for q, row in enumerate(o.rows) for v in row if v is not None and prose.stated(rows[a.row + q].aliases, v)}
        return len(stated)

    def key(combo: tuple[int, ...]) -> tuple:
        p = list(picks)
        for k, o in zip(varying, combo):
            p[k] = o
        vals = _values(assigns, rows, p)
        failed, dev = _rule_cost(rules, vals)
        ev = sum(evidence(k, o) for k, o in zip(varying, combo))
        # then fewer printed figures cut apart (whitespace the text kept is a cell boundary more
        # often than a blank is lost), plausibility, rows that start with a figure, and last the most
        # even split (the smallest largest figure, then the smallest sum)
        nums = [v for v in vals.values() if v is not None]
        cut = sum(_cut_tokens(assigns[k], o) for k, o in zip(varying, combo))
        lead = sum(_leading_blanks(assigns[k].options[o]) for k, o in zip(varying, combo))
        return (failed, round(dev, 6), -ev, cut, -_plausible(cfg, vals), lead, max(nums, default=0), sum(nums))

    sizes = [len(assigns[k].options) for k in varying]
    if math.prod(sizes) <= cfg.max_combinations:
        scored = [(key(c), c) for c in itertools.product(*(range(s) for s in sizes))]
    else:
        # too many to compare: improve one group at a time from the first options
        combo = [0] * len(varying)
        for _ in range(3):
            for i in range(len(varying)):
                trials = []
                for o in range(sizes[i]):
                    c = list(combo)
                    c[i] = o
                    trials.append((key(tuple(c)), o))
                combo[i] = min(trials)[1]
        base = tuple(combo)
        scored = [(key(base), base)]
        for i in range(len(varying)):
            for o in range(sizes[i]):
                if o != base[i]:
                    c = list(base)
                    c[i] = o
                    scored.append((key(tuple(c)), tuple(c)))
    scored.sort(key=lambda t: t[0])
    best_key, best = scored[0]
    for k, o in zip(varying, best):
        picks[k] = o
    alternatives: list[list[int]] = [[] for _ in assigns]
    ties = [c for kk, c in scored if kk[:2] == best_key[:2] and c != best]
    for i, k in enumerate(varying):
        alts = sorted({c[i] for c in ties if c[i] != best[i]})
        alternatives[k] = alts
        if alts:
            runner = min(kk for kk, c in scored if kk[:2] == best_key[:2] and c[i] != best[i])
            first = next((n for n in range(2, len(best_key)) if runner[n] != best_key[n]), None)
            reasons[k] = _REASONS.get(first, "the first of equally consistent splits")
    return Choice(picks, alternatives, reasons)


# ---------------------------------------------------------------------------
# Putting it together


def _fmt(v: int | float | None) -> str:
    return "·" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))


def _split_text(opt: Option) -> str:
    return " / ".join("|".join(_fmt(v) for v in row) for row in opt.rows)


def solve_table(doc: Document, region: tuple[int, int], table: str, template: str, schema: Schema, cfg: SolverConfig | None = None, prose: ProseEvidence = NO_EVIDENCE) -> Parsed:
    """Read one national table (``active``, ``requests`` or ``review``) from ``doc.text[region]``."""
    cfg = cfg or load_solver_config()
    out = Parsed()
    groups = tokenise(doc.text, *region)
    name = {"active": "二", "requests": "三", "review": "四"}[table]
    if not groups:
        out.warnings.append(f"table {name}: no figures found in the scraped text")
        return out
    layouts = template_rows(table, template, schema)
    results = []
    cache: dict = {}
    for i, rows in enumerate(layouts):
        score, assigns = align(groups, rows, cfg, cache)
        results.append((score + (0.5 if i == 0 and len(layouts) > 1 and template == "2021" else 0.0), i, rows, assigns))
    results.sort(key=lambda r: (-r[0], r[1]))
    score, _, rows, assigns = results[0]
    out.debug.append(f"table {name} (solver): {len(groups)} figure runs, {len(assigns)} placed, layout of {len(rows)} rows, score {score:.1f}")
    choice = choose(assigns, rows, schema, cfg, prose)
    units = {f.id: f.unit for f in schema.fields}
    for a, pick, alts, reason in zip(assigns, choice.picks, choice.alternatives, choice.reasons):
        g = groups[a.group]
        opt = a.options[pick]
        printed = len(g.tokens) == sum(len(r) for r in opt.rows) and not opt.repair
        notes: list[str] = []
        if alts:
            conf, source = cfg.conf_inferred, "table-inferred"
            others = "; ".join(_split_text(a.options[o]) for o in alts[:4]) + (" …" if len(alts) > 4 else "")
            what = f"{len(_token_pieces(g))} figures printed apart for {sum(len(r) for r in opt.rows)} cells" if opt.repair == "placed" else "cells run together in the text"
            shown = " ".join(g.chars[a:b] for a, b in _token_pieces(g)) if opt.repair == "placed" else g.chars
            notes.append(f"{what} ({shown}): read as {_split_text(opt)} by {reason}; other readings that fit the template's arithmetic as well: {others}")
        elif opt.repair == "blank":
            conf, source = cfg.conf_blank, "table"
            notes.append(f"{g.chars}: two figures for {len(opt.rows[0])} columns, read as 自然人 = 总计 with the columns between blank")
        elif opt.repair == "placed":
            conf, source = cfg.conf_blank, "table"
            notes.append(f"{len(_token_pieces(g))} figures printed apart for {len(opt.rows[0])} columns: the cells without one read as blank ({_split_text(opt)})")
        elif opt.repair == "stray":
            conf, source = cfg.conf_blank, "table"
            notes.append(f"one figure more than the row has cells ({g.chars}): the first left out, the rest add up")
        elif printed:
            conf, source = 0.99, "table"
        else:
            conf, source = cfg.conf_unique, "table"
            if not opt.strict:
                how = "the split that breaks the template's arithmetic least (the report's own totals do not add up)"
            elif any(rows[a.row + q].sums for q in range(len(opt.rows))):
                how = "the only split that satisfies the rows' totals"
            else:
                how = "the only split of its digits into these cells"
            notes.append(f"cells run together in the text ({g.chars}): read as {_split_text(opt)}, {how}")
        if a.by_order:
            conf = min(conf, cfg.conf_order)
            notes.append("row placed by the template's row order (its label is missing or garbled)")
        note = "; ".join(notes) or None
        out.debug.append(f"table {name} (solver): {', '.join(r.key for r in rows[a.row : a.row + len(opt.rows)])} <- {g.chars!r} = {_split_text(opt)}{' (' + note + ')' if note else ''}")
        for q, (rv, rp) in enumerate(zip(opt.rows, opt.pieces)):
            for fid, v, p in zip(rows[a.row + q].fields, rv, rp):
                if v is None or p is None or fid not in units:
                    continue
                ev = Span.from_text(doc.text, g.offs[p[0]], g.offs[p[1] - 1] + 1)
                out.put(fid, FieldValue(v, units[fid], ev, source, conf, False, note))
            if opt.repair == "total":
                fid, v = rows[a.row + q].fields[-1], rv[-1]
                ev = Span.from_text(doc.text, g.start, g.end)
                out.put(fid, FieldValue(v, units[fid], ev, "table-inferred", cfg.conf_blank, False, "总计 cell lost in extraction: computed as the sum of the row's other cells"))
    placed = {rows[a.row + q].key for a, p in zip(assigns, choice.picks) for q in range(len(a.options[p].rows))}
    missing = [r.key for r in rows if r not in () and r.key not in placed]
    if missing and table != "active":
        out.warnings.append(f"table {name}: no values found for rows {', '.join(missing)}")
    return out


TABLE_PREFIXES = {"active": ("active.",), "requests": ("requests.",), "review": ("review.", "litigation.")}


def solve_tables(doc: Document, template: str, schema: Schema, cfg: SolverConfig | None = None, regions: Regions | None = None) -> dict[str, Parsed]:
    """Every national table of ``doc`` read by the solver, keyed ``active``, ``requests``, ``review``."""
    cfg = cfg or load_solver_config()
    regions = regions or find_regions(doc.text)
    prose = ProseEvidence(doc.text, regions)
    out: dict[str, Parsed] = {}
    for table in ("active", "requests", "review"):
        region = getattr(regions, table)
        if region is not None:
            out[table] = solve_table(doc, region, table, template, schema, cfg, prose)
    return out
