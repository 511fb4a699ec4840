"""The legacy 政府信息公开情况统计表 (2008-2018): label, unit and value(s) per row, in any layout.

Rows may print label, unit and value on one line or on three, with this-year and cumulative
columns, and with cells run together ("…数条212210037" is 2122 this year, 10037 cumulative).
"""
from __future__ import annotations

import re

from ..numbers import to_unit
from ..schema import Schema
from ..types import Document, FieldValue, Span
from .labels import best_match, normalise_label, prepare
from .lines import Item, Line
from .national import CONF_INFERRED, CONF_LABELLED, CONF_NEIGHBOUR, Parsed

UNITS = ("人次", "万元", "条", "件", "次", "篇", "个", "人", "元", "项", "期", "场")
_UNIT_TAIL = re.compile(r"(?:单位[:：]?)?(" + "|".join(UNITS) + r")$")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_START = re.compile(r"统计表|统计指标")
_YEAR_COLS = re.compile(r"本年|本期|当年")
_CUM_COLS = re.compile(r"累计|总数|合计")


def _norm(label: str) -> str:
    t = _PAREN.sub("", label)
    t = normalise_label(t)
    t = re.sub(r"^其中", "", t)
    return t


def _alias_table(schema: Schema):
    table: dict[str, list[str]] = {}
    for f in schema.select("stats."):
        names = [_norm(f.label)] + [a for a in f.aliases if len(a) >= 4]
        table[f.id] = [n for n in names if n]
    return prepare(table)


def _split_run_together(digits: str) -> tuple[int, int] | None:
    """Split "212210037" into (this year, cumulative) = (2122, 10037): cumulative >= this year,
    no leading zero, and the two as close in length as possible."""
    best = None
    for k in range(1, len(digits)):
        a, b = digits[:k], digits[k:]
        if (len(b) > 1 and b[0] == "0") or (len(a) > 1 and a[0] == "0"):
            continue
        ia, ib = int(a), int(b)
        if ib < ia:
            continue
        key = (abs(len(b) - len(a)), len(a) > len(b))
        if best is None or key < best[0]:
            best = (key, (ia, ib))
    return best[1] if best else None


def find_table_start(lines: list[Line]) -> int | None:
    """The line that opens a 统计表: a short heading naming it, or the 统计指标 header row."""
    for i, l in enumerate(lines):
        norm = normalise_label(l.label)
        if l.numbers or not norm:
            continue
        if "统计指标" in norm or ("统计表" in norm and len(norm) <= 30 and any("统计指标" in x.label or "单位" in x.label for x in lines[i + 1 : i + 10])):
            return i
    return None


def parse_legacy(doc: Document, lines: list[Line], schema: Schema) -> Parsed:
    out = Parsed()
    start = find_table_start(lines)
    if start is None:
        return out
    table = _alias_table(schema)
    units = {f.id: f.unit for f in schema.fields}
    two_cols = False
    for l in lines[start : start + 8]:
        if _YEAR_COLS.search(l.label) and _CUM_COLS.search(l.label):
            two_cols = True
    out.debug.append(f"统计表 from line {start}; columns: {'this year + cumulative' if two_cols else 'one value'}")
    current: str | None = None
    cur_unit: str | None = None
    block = None
    got = 0
    for i in range(start + 1, len(lines)):
        line = lines[i]
        label = line.label
        stripped = label
        m = _UNIT_TAIL.search(_norm(stripped)) if stripped else None
        unit_here = m.group(1) if m else None
        norm = _norm(stripped)
        if unit_here and norm.endswith(unit_here):
            norm = norm[: -len(unit_here)]
        run = [it for it in line.run() if it.kind == "num"]
        if norm:
            key, strength = best_match(norm, table)
            if key is not None and strength >= 2:
                if key in ("stats.review.total", "stats.litigation.total"):
                    block = key.split(".")[1]
                elif block and key.startswith(("stats.review.", "stats.litigation.")):
                    alt = f"stats.{block}.{key.split('.')[-1]}"
                    key = alt if alt in units else key
                current, cur_unit = key, unit_here
            elif norm in UNITS:
                cur_unit = norm
                if not run:
                    continue
            else:
                current = None
                continue
        if not run or current is None:
            continue
        values: list[tuple[int | float, Item, str | None]] = []
        if two_cols and len(run) == 1 and isinstance(run[0].value, int) and len(run[0].text) >= 2:
            split = _split_run_together(run[0].text)
            if split is not None:
                values.append((split[0], run[0], f"cells run together: {run[0].text} read as {split[0]} this year and {split[1]} cumulative"))
        if not values:
            values.append((run[0].value, run[0], None))
        val, item, note = values[0]
        fid = current
        unit = units[fid]
        if cur_unit and cur_unit != unit:
            try:
                val = to_unit(val, cur_unit, unit)
            except ValueError:
                out.warnings.append(f"统计表: {fid} printed in {cur_unit}, expected {unit}; value kept as printed")
        conf = CONF_INFERRED if note else (CONF_LABELLED if run and line.label else CONF_NEIGHBOUR)
        span = item.span if not note else Span.from_text(doc.text, item.span.start, item.span.end)
        out.put(fid, FieldValue(val, unit, span, "table-inferred" if note else "table", conf, False, note))
        got += 1
        current = None
    out.debug.append(f"统计表: {got} values")
    return out
