"""Tests for gainer.checks: the schema's consistency rules on hand-made value dicts."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gainer.checks import check_rule, numbers_close, run_checks, summarise
from gainer.errors import InputError
from gainer.schema import Rule, load_schema
from gainer.types import Check, FieldValue, Span

COLS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")
REVIEW = ("review.upheld", "review.corrected", "review.other", "review.pending")


def by_rule(checks: list[Check]) -> dict[str, Check]:
    return {c.rule: c for c in checks}


@pytest.fixture(scope="module")
def schema():
    return load_schema()


# ---------------------------------------------------------------------------
# pass / fail / not applicable


def test_total_rule_passes(schema) -> None:
    vals = {"review.total": 11, "review.upheld": 10, "review.corrected": 1, "review.other": 0, "review.pending": 0}
    c = by_rule(run_checks(vals, schema))["review.total"]
    assert c.status == "passed"
    assert (c.expected, c.actual) == (11, 11)
    assert c.values == vals


def test_total_rule_fails_and_keeps_printed_values(schema) -> None:
    vals = {"review.total": 0, "review.upheld": 10, "review.corrected": 1, "review.other": 0, "review.pending": 0}
    before = dict(vals)
    c = by_rule(run_checks(vals, schema))["review.total"]
    assert c.status == "failed"
    assert c.expected == 0 and c.actual == 11
    assert c.message == "review.total: 10+1+0+0 = 11 ≠ 0 printed"
    assert vals == before  # reported, never fixed


def test_rule_not_applicable_without_total(schema) -> None:
    c = by_rule(run_checks({"review.upheld": 3}, schema))["review.total"]
    assert c.status == "not_applicable"
    assert "review.total" in c.message
    assert c.expected is None and c.actual is None


def test_rule_not_applicable_without_parts(schema) -> None:
    c = by_rule(run_checks({"review.total": 3}, schema))["review.total"]
    assert c.status == "not_applicable"


def test_empty_values_all_not_applicable(schema) -> None:
    checks = run_checks({}, schema)
    assert len(checks) == len(schema.rules)
    assert {c.status for c in checks} == {"not_applicable"}


# ---------------------------------------------------------------------------
# blanks


def test_absent_parts_count_zero(schema) -> None:
    c = by_rule(run_checks({"review.total": 10, "review.upheld": 10}, schema))["review.total"]
    assert c.status == "passed"
    assert c.values["review.corrected"] is None
    assert "counted as 0" in c.message


def test_blank_none_counts_zero_but_is_not_present(schema) -> None:
    vals = {"review.total": 4, "review.upheld": 4, "review.corrected": None, "review.other": None, "review.pending": None}
    assert by_rule(run_checks(vals, schema))["review.total"].status == "passed"
    # a blank total is no total: the rule cannot be judged
    vals2 = {"review.total": None, "review.upheld": 4}
    assert by_rule(run_checks(vals2, schema))["review.total"].status == "not_applicable"


def test_missing_not_applicable_needs_every_field(schema) -> None:
    base = {"stats.review.total": 5, "stats.review.upheld": 3, "stats.review.corrected": 1, "stats.review.other": 1}
    assert by_rule(run_checks(base, schema))["stats.review.total"].status == "passed"
    partial = dict(base)
    del partial["stats.review.other"]
    c = by_rule(run_checks(partial, schema))["stats.review.total"]
    assert c.status == "not_applicable"
    assert "stats.review.other" in c.message
    wrong = dict(base, **{"stats.review.total": 6})
    assert by_rule(run_checks(wrong, schema))["stats.review.total"].status == "failed"


def test_stats_zero_statement_values_pass(schema) -> None:
    vals = {"stats.litigation.total": 0, "stats.litigation.upheld": 0, "stats.litigation.corrected": 0, "stats.litigation.other": 0}
    assert by_rule(run_checks(vals, schema))["stats.litigation.total"].status == "passed"


# ---------------------------------------------------------------------------
# floats


def test_float_tolerance() -> None:
    r = Rule("fees", "", ("active.fees.amount",), ("a", "b", "c"))
    c = check_rule(r, {"active.fees.amount": 0.6, "a": 0.1, "b": 0.2, "c": 0.3})
    assert c.status == "passed"
    assert c.actual == 0.6
    c2 = check_rule(r, {"active.fees.amount": 7730.28, "a": 7000.0, "b": 730.27, "c": 0.0})
    assert c2.status == "failed"
    assert "7730.28" in c2.message and "7730.27" in c2.message


@pytest.mark.parametrize(
    "a, b, close",
    [(1, 1, True), (1, 2, False), (0.1 + 0.2, 0.3, True), (1e9, 1e9 + 1, True), (1e9, 1e9 + 1e4, False), (0.0, 1e-7, True), (0.0, 1e-5, False), (5500, 5500.0, True)],
)
def test_numbers_close(a, b, close) -> None:
    assert numbers_close(a, b) is close


# ---------------------------------------------------------------------------
# two-sided rules and the 2019 / 2021 other_handling variants


def _col(row: str, col: str) -> str:
    return f"requests.{row}.{col}"


def test_column_balance(schema) -> None:
    vals = {_col("new", "total"): 20, _col("carried_over", "total"): 2, _col("total", "total"): 21, _col("carried_forward", "total"): 1}
    c = by_rule(run_checks(vals, schema))["requests.column_balance[total]"]
    assert c.status == "passed"
    assert (c.expected, c.actual) == (22, 22)
    vals[_col("carried_forward", "total")] = 0
    c = by_rule(run_checks(vals, schema))["requests.column_balance[total]"]
    assert c.status == "failed"
    assert "22" in c.message and "21" in c.message and "≠" in c.message


def _outcome_base() -> dict[str, int]:
    return {_col("granted", "total"): 10, _col("partially_granted", "total"): 2, _col("unavailable.not_held", "total"): 1}


def test_outcome_2019_other_handling_row(schema) -> None:
    vals = _outcome_base() | {_col("other_handling", "total"): 3, _col("total", "total"): 16}
    c = by_rule(run_checks(vals, schema, template="2019"))["requests.outcome_total[total]"]
    assert c.status == "passed", c.message
    assert c.values[_col("other_handling.no_correction", "total")] is None


def test_outcome_2021_other_handling_subrows(schema) -> None:
    vals = _outcome_base() | {
        _col("other_handling.no_correction", "total"): 1,
        _col("other_handling.unpaid_fee", "total"): 0,
        _col("other_handling.other", "total"): 2,
        _col("total", "total"): 16,
    }
    c = by_rule(run_checks(vals, schema, template="2021"))["requests.outcome_total[total]"]
    assert c.status == "passed", c.message
    assert c.values[_col("other_handling", "total")] is None


def test_outcome_2019_row_in_2021_report_is_still_checked(schema) -> None:
    # a 2021 report that prints （六） as one row: the 2019 id carries it
    vals = _outcome_base() | {_col("other_handling", "total"): 3, _col("total", "total"): 15}
    checks = by_rule(run_checks(vals, schema, template="2021"))
    assert checks["requests.outcome_total[total]"].status == "failed"
    assert "requests.row_total[other_handling]" in checks  # has a value: not left out


def test_template_leaves_out_rules_that_cannot_apply(schema) -> None:
    ids_2021 = set(by_rule(run_checks({}, schema, template="2021")))
    assert "requests.row_total[other_handling]" not in ids_2021
    assert "requests.row_total[other_handling.other]" in ids_2021
    ids_2019 = set(by_rule(run_checks({}, schema, template="2019")))
    assert "requests.row_total[other_handling.other]" not in ids_2019
    assert "requests.row_total[other_handling]" in ids_2019
    legacy = by_rule(run_checks({}, schema, template="legacy"))
    assert all(r.startswith("stats.") for r in legacy)
    assert len(run_checks({}, schema, template="unknown")) == len(schema.rules)


def test_row_total_every_column(schema) -> None:
    vals = {_col("new", c): 1 for c in COLS[:-1]} | {_col("new", "total"): 6}
    assert by_rule(run_checks(vals, schema))["requests.row_total[new]"].status == "passed"


# ---------------------------------------------------------------------------
# inputs


def test_field_values_are_read_through_value(schema) -> None:
    ev = Span(0, 0)
    vals = {"review.total": FieldValue(2, "件", ev, "table"), "review.upheld": FieldValue(2, "件", ev, "table")}
    assert by_rule(run_checks(vals, schema))["review.total"].status == "passed"


@pytest.mark.parametrize("bad", ["3", True, float("nan"), [3]])
def test_bad_values_raise(schema, bad) -> None:
    with pytest.raises(InputError, match="review.total"):
        run_checks({"review.total": bad, "review.upheld": 1}, schema)


def test_values_must_be_mapping(schema) -> None:
    with pytest.raises(InputError, match="mapping"):
        run_checks([("review.total", 1)], schema)  # type: ignore[arg-type]


def test_checks_serialise(schema) -> None:
    vals = {"review.total": 0, "review.upheld": 10, "review.corrected": 1}
    for c in run_checks(vals, schema):
        d = c.to_dict()
        json.dumps(d, ensure_ascii=False)
        assert Check.from_dict(d) == c


def test_default_schema_is_used() -> None:
    assert len(run_checks({})) == len(load_schema().rules)


# ---------------------------------------------------------------------------
# summarise


def test_summarise(schema) -> None:
    vals = {"review.total": 0, "review.upheld": 10, "litigation.direct.total": 1, "litigation.direct.upheld": 1}
    s = summarise(run_checks(vals, schema))
    assert s["failed"] == 1 and s["passed"] == 1
    assert s["failed_rules"] == ["review.total"]
    assert s["total"] == s["passed"] + s["failed"] + s["not_applicable"] == len(schema.rules)
    assert summarise([]) == {"total": 0, "passed": 0, "failed": 0, "not_applicable": 0, "failed_rules": []}


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=4, max_size=4), st.integers(min_value=-3, max_value=3))
@settings(max_examples=100, deadline=None)
def test_total_rule_property(parts: list[int], delta: int) -> None:
    vals = dict(zip(REVIEW, parts)) | {"review.total": sum(parts) + delta}
    r = Rule("review.total", "", ("review.total",), REVIEW)
    c = check_rule(r, vals)
    assert c.status == ("passed" if delta == 0 else "failed")
    assert c.actual == sum(parts) and c.expected == sum(parts) + delta


# ---------------------------------------------------------------------------
# the real gold files (read by path; skipped when absent)

# rules that shared/real/README.md says fail in each source; every other report passes them all
REAL_FAILURES = {
    "huaian-hongze-2023": {"review.total", "litigation.after_review.total"},
    "huaian-city-2024": {"stats.review.total", "stats.litigation.total"},
}


@pytest.mark.real
def test_real_gold_values_fail_only_the_documented_rules(real_dir) -> None:
    from gainer.evaluate import find_gold, load_gold

    for name, path in find_gold(real_dir).items():
        gold = load_gold(path)
        failed = set(summarise(run_checks(gold.fields, template=gold.template))["failed_rules"])
        assert failed == REAL_FAILURES.get(name, set()), name
