"""Consistency checks (勾稽关系): evaluate the schema's rules on a record's values and report, never fix.

Each :class:`~gainer.schema.Rule` says ``sum(left) == sum(right)``; for a total rule ``left`` is the
printed total and ``right`` its parts. ``expected`` is the left sum, ``actual`` the right sum. A
report whose own arithmetic is wrong gets a failed check; the printed values are kept as printed.
"""
from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

from .errors import InputError
from .schema import Rule, Schema, load_schema
from .types import Check

Number = int | float

__all__ = ["run_checks", "check_rule", "summarise", "numbers_close"]

# relative tolerance for float sums (万元 amounts with two decimals add up with binary noise)
REL_TOL = 1e-6


def numbers_close(a: Number, b: Number, rel_tol: float = REL_TOL) -> bool:
    """Equal up to ``rel_tol`` relative to the larger magnitude (at least 1): ints compare exactly.

    >>> numbers_close(0.1 + 0.2, 0.3)
    True
    >>> numbers_close(11, 10)
    False
    """
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    return abs(a - b) <= rel_tol * max(1.0, abs(a), abs(b))


def _value(fid: str, v: Any) -> Number | None:
    """A plain number from a value or a FieldValue-like object; None for a blank."""
    if v is not None and not isinstance(v, (int, float)) and hasattr(v, "value"):
        v = v.value
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise InputError(f"field {fid!r} has the value {v!r}; expected a number or None", source="<values>", hint="pass numbers (or FieldValue objects), with None for a blank cell")
    if isinstance(v, float) and not math.isfinite(v):
        raise InputError(f"field {fid!r} has the value {v!r}; expected a finite number", source="<values>")
    return v


def _sum(xs: Iterable[Number]) -> Number:
    xs = list(xs)
    if all(isinstance(x, int) for x in xs):
        return sum(xs)
    s = math.fsum(xs)
    return round(s, 9)


def _fmt(x: Number | None) -> str:
    if x is None:
        return "·"
    if isinstance(x, float):
        if x.is_integer():
            return str(int(x))
        return f"{x:.6f}".rstrip("0").rstrip(".")
    return str(x)


def _short(fid: str, common: str) -> str:
    return fid[len(common) :] if common and fid.startswith(common) else fid


def check_rule(rule: Rule, values: Mapping[str, Any]) -> Check:
    """Evaluate one rule on ``values`` (field id -> number, None or absent for no value).

    ``missing="zero"``: an absent field counts 0, but the rule is not applicable unless each
    side has at least one value. ``missing="not_applicable"``: every field needs a value.

    >>> from gainer.schema import Rule
    >>> r = Rule("review.total", "", ("review.total",), ("review.upheld", "review.corrected", "review.other", "review.pending"))
    >>> c = check_rule(r, {"review.total": 0, "review.upheld": 10, "review.corrected": 1, "review.other": 0, "review.pending": 0})
    >>> c.status, c.expected, c.actual
    ('failed', 0, 11)
    >>> c.message
    'review.total: 10+1+0+0 = 11 ≠ 0 printed'
    """
    vals = {f: _value(f, values.get(f)) for f in rule.fields}
    present_left = [f for f in rule.left if vals[f] is not None]
    present_right = [f for f in rule.right if vals[f] is not None]
    if rule.missing == "not_applicable":
        absent = [f for f in rule.fields if vals[f] is None]
        if absent:
            more = f" and {len(absent) - 3} more" if len(absent) > 3 else ""
            return Check(rule.id, "not_applicable", f"{rule.id}: not applicable: no value for {', '.join(absent[:3])}{more}", vals)
    elif not present_left or not present_right:
        if len(rule.left) == 1:
            side = rule.left[0] if not present_left else "any of its parts"
        else:
            side = " or ".join(rule.left if not present_left else rule.right)
        return Check(rule.id, "not_applicable", f"{rule.id}: not applicable: no value for {side}", vals)
    left = _sum(vals[f] or 0 for f in rule.left)
    right = _sum(vals[f] or 0 for f in rule.right)
    ok = numbers_close(left, right)
    n_blank = sum(1 for f in rule.fields if vals[f] is None)
    blank_note = f" ({n_blank} without a value counted as 0)" if n_blank else ""
    if len(rule.left) == 1:
        terms = "+".join(_fmt(vals[f]) for f in present_right)
        if ok:
            msg = f"{rule.id}: {terms} = {_fmt(right)} as printed{blank_note}"
        else:
            msg = f"{rule.id}: {terms} = {_fmt(right)} ≠ {_fmt(left)} printed{blank_note}"
    else:
        lterms = " + ".join(f"{_short(f, _common_prefix(rule.left))} {_fmt(vals[f])}" for f in present_left)
        rterms = " + ".join(f"{_short(f, _common_prefix(rule.right))} {_fmt(vals[f])}" for f in present_right)
        rel = "=" if ok else "≠"
        msg = f"{rule.id}: {lterms} = {_fmt(left)} {rel} {rterms} = {_fmt(right)}{blank_note}"
    return Check(rule.id, "passed" if ok else "failed", msg, vals, left, right)


def _common_prefix(ids: tuple[str, ...]) -> str:
    """The shared leading dotted segments (``requests.``) so messages stay short."""
    if len(ids) < 2:
        return ""
    parts = [i.split(".") for i in ids]
    n = 0
    while all(len(p) > n + 1 and p[n] == parts[0][n] for p in parts):
        n += 1
    return ".".join(parts[0][:n]) + "." if n else ""


def run_checks(values: Mapping[str, Any], schema: Schema | None = None, template: str | None = None) -> list[Check]:
    """Run every rule of ``schema`` (default: the shipped one) on ``values``.

    ``values`` maps field ids to numbers (``None`` or absent for no value; FieldValue objects are
    read through their ``.value``). With a known ``template`` ("2021", "2019", "legacy"), a rule
    none of whose fields belongs to that template and none of whose fields has a value is left
    out instead of being reported as not applicable; rules on fields that do have values are
    always run, whatever the template, so that a 2019-style row in a 2021 report is still checked.

    >>> checks = run_checks({"review.total": 3, "review.upheld": 2, "review.corrected": 1})
    >>> [c.status for c in checks if c.rule == "review.total"]
    ['passed']
    """
    if not isinstance(values, Mapping):
        raise InputError(f"expected a mapping of field ids to numbers, got {type(values).__name__}", source="<values>", hint="pass record.values()")
    schema = schema or load_schema()
    known = template if template in ("2021", "2019", "legacy") else None
    out: list[Check] = []
    for rule in schema.rules:
        if known is not None and not any(values.get(f) is not None for f in rule.fields):
            in_template = any(f in schema and known in schema.get(f).templates for f in rule.fields)
            if not in_template:
                continue
        out.append(check_rule(rule, values))
    return out


def summarise(checks: Iterable[Check]) -> dict[str, Any]:
    """Counts of passed / failed / not applicable checks, and the ids of the failed rules.

    >>> from gainer.types import Check
    >>> summarise([Check("a", "passed", ""), Check("b", "failed", ""), Check("c", "not_applicable", "")])
    {'total': 3, 'passed': 1, 'failed': 1, 'not_applicable': 1, 'failed_rules': ['b']}
    """
    checks = list(checks)
    counts = {"total": len(checks), "passed": 0, "failed": 0, "not_applicable": 0}
    failed: list[str] = []
    for c in checks:
        counts[c.status] = counts.get(c.status, 0) + 1
        if c.status == "failed":
            failed.append(c.rule)
    return {**counts, "failed_rules": failed}
