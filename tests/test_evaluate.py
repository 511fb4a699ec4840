"""Tests for gainer.evaluate: gold loading, field scoring, directory reports and span scoring."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gainer.errors import AnnotationError, GainerError, InputError
from gainer.evaluate import (
    Counts,
    Gold,
    Mismatch,
    Report,
    evaluate_dir,
    find_gold,
    load_gold,
    score_record,
    seqeval_scores,
    span_scores,
    values_equal,
)
from gainer.types import FieldValue, Record, SourceInfo, Span

SCOPE = ["active.*", "requests.*", "review.*", "litigation.*", "stats.*"]


def gold_dict(**over) -> dict:
    """A small made-up gold object in the shared/real format."""
    d = {
        "source": {"repo": "example/repo", "path": "r.pdf", "formats": ["pdf"]},
        "org": "青禾县人民政府",
        "year": 2099,
        "template": "2021",
        "scope": SCOPE,
        "fields": {
            "active.fees.amount": 7730.28,
            "active.licensing.decisions": 5500,
            "requests.new.total": 21,
            "requests.other_handling.total": 2,
            "review.total": 0,
            "review.upheld": 10,
            "litigation.direct.total": 1,
            "stats.active.total": 1136,
            "stats.requests.received": 21,
        },
        "approximate": ["stats.active.total"],
        "ambiguous": ["requests.other_handling.other.total", "stats.active.via_website"],
        "notes": ["made up for tests"],
    }
    d.update(over)
    return d


def make_gold(**over) -> Gold:
    return Gold.from_dict(gold_dict(**over), name="qinghe-2099")


def write_json(path: Path, obj) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# Counts and conventions


@pytest.mark.parametrize(
    "tp, fp, fn, p, r, f",
    [
        (0, 0, 0, 1.0, 1.0, 1.0),  # nothing to predict, nothing predicted
        (0, 0, 5, 0.0, 0.0, 0.0),  # nothing predicted
        (0, 3, 0, 0.0, 0.0, 0.0),  # nothing to predict, something predicted
        (5, 0, 0, 1.0, 1.0, 1.0),
        (8, 2, 0, 0.8, 1.0, 16 / 18),
        (1, 1, 1, 0.5, 0.5, 0.5),
    ],
)
def test_counts(tp, fp, fn, p, r, f) -> None:
    c = Counts(tp, fp, fn)
    assert c.precision == pytest.approx(p)
    assert c.recall == pytest.approx(r)
    assert c.f1 == pytest.approx(f)
    assert (Counts(1, 2, 3) + c).tp == tp + 1


@pytest.mark.parametrize("a, b, eq", [(7730.28, 7730.28, True), (5500, 5500.0, True), (0.1 + 0.2, 0.3, True), (5500, 5501, False), (0, 1e-3, False), (7730.28, 7730.29, False)])
def test_values_equal(a, b, eq) -> None:
    assert values_equal(a, b) is eq


# ---------------------------------------------------------------------------
# score_record


def test_perfect_prediction() -> None:
    g = make_gold()
    s = score_record(dict(g.fields), g)
    assert (s.tp, s.fp, s.fn) == (9, 0, 0)
    assert s.f1 == 1.0 and s.mismatches == []


def test_wrong_value_counts_as_fp_and_fn() -> None:
    g = make_gold()
    pred = dict(g.fields) | {"review.total": 11}
    s = score_record(pred, g)
    assert (s.tp, s.fp, s.fn) == (8, 1, 1)
    assert s.mismatches == [Mismatch("review.total", 11, 0)]
    assert s.mismatches[0].kind == "wrong"


def test_missed_and_spurious() -> None:
    g = make_gold()
    pred = {k: v for k, v in g.fields.items() if k != "stats.active.total"} | {"review.corrected": 0}
    s = score_record(pred, g)
    assert (s.tp, s.fp, s.fn) == (8, 1, 1)
    kinds = {m.id: m.kind for m in s.mismatches}
    assert kinds == {"stats.active.total": "missed", "review.corrected": "spurious"}


def test_numeric_equality_int_float() -> None:
    g = make_gold()
    pred = dict(g.fields) | {"active.licensing.decisions": 5500.0, "active.fees.amount": 7730.280000001}
    assert score_record(pred, g).fp == 0


def test_out_of_scope_and_ambiguous_ignored() -> None:
    g = make_gold(scope=["review.*", "stats.*"])
    pred = dict(g.fields) | {
        "active.fees.amount": 1,  # out of scope, wrong: ignored
        "requests.other_handling.other.total": 99,  # ambiguous: ignored
        "stats.active.via_website": 5,  # ambiguous: ignored
    }
    s = score_record(pred, g)
    assert (s.tp, s.fp, s.fn) == (4, 0, 0)
    assert s.ignored == 5 + 2  # the gold's own active/requests/litigation ids plus two ambiguous
    # gold values outside the scope are not counted as misses either
    assert score_record({}, g).fn == 4


def test_blank_predictions_are_no_prediction() -> None:
    g = make_gold()
    pred = dict(g.fields) | {"review.pending": None}
    assert score_record(pred, g).fp == 0


def test_groups_breakdown() -> None:
    g = make_gold()
    pred = dict(g.fields) | {"review.total": 11, "stats.requests.received": 20}
    del pred["active.fees.amount"]
    s = score_record(pred, g)
    assert set(s.groups) >= {"tables", "active", "requests", "review", "litigation", "stats"}
    assert (s.groups["active"].tp, s.groups["active"].fn) == (1, 1)
    assert (s.groups["review"].tp, s.groups["review"].fp, s.groups["review"].fn) == (1, 1, 1)
    assert (s.groups["stats"].tp, s.groups["stats"].fp, s.groups["stats"].fn) == (1, 1, 1)
    t = s.groups["tables"]
    parts = [s.groups[x] for x in ("active", "requests", "review", "litigation")]
    assert (t.tp, t.fp, t.fn) == (sum(c.tp for c in parts), sum(c.fp for c in parts), sum(c.fn for c in parts))
    assert s.overall.tp == t.tp + s.groups["stats"].tp


def test_empty_gold_and_empty_prediction_scores_one() -> None:
    g = Gold(fields={}, scope=("stats.*",))
    s = score_record({}, g)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_score_record_accepts_records() -> None:
    g = make_gold()
    ev = Span(0, 0)
    rec = Record("0", 1, SourceInfo(None, "", "text"), fields={k: FieldValue(v, "件", ev, "table") for k, v in g.fields.items()})
    assert score_record(rec, g).tp == 9
    assert score_record(rec.to_dict(), g).tp == 9
    assert score_record(rec.fields, g).tp == 9


@pytest.mark.parametrize("bad", [["review.total"], "review.total=1", 3])
def test_score_record_bad_prediction(bad) -> None:
    with pytest.raises(InputError):
        score_record(bad, make_gold())


def test_score_record_bad_value() -> None:
    with pytest.raises(InputError, match="review.total"):
        score_record({"review.total": "11"}, make_gold())


# ---------------------------------------------------------------------------
# load_gold / find_gold


def test_load_gold(tmp_path: Path) -> None:
    p = write_json(tmp_path / "qinghe-2099" / "gold.json", gold_dict())
    g = load_gold(p)
    assert g.name == "qinghe-2099"
    assert g.fields["active.fees.amount"] == 7730.28
    assert g.scope == tuple(SCOPE)
    assert "stats.active.via_website" in g.ambiguous
    assert g.approximate == frozenset({"stats.active.total"})
    assert g.year == 2099 and g.template == "2021"
    assert g.in_scope("review.total") and not g.in_scope("stats.active.via_website") and not g.in_scope("other.x")


def test_load_gold_defaults(tmp_path: Path) -> None:
    g = load_gold(write_json(tmp_path / "a.json", {"fields": {"review.total": 1}}))
    assert g.name == "a" and g.scope == ("*",) and g.ambiguous == frozenset()


@pytest.mark.parametrize(
    "content, match",
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ("   ", "not valid JSON"),
        ('{"fields": {"a": 1}', "not valid JSON"),  # truncated
        ("[1, 2]", "JSON object"),
        ('{"scope": ["*"]}', "lacks the key 'fields'"),
        ('{"fields": [1]}', "must map"),
        ('{"fields": {"a": "3"}}', "expected a number"),
        ('{"fields": {"a": null}}', "expected a number"),
        ('{"fields": {"a": true}}', "expected a number"),
        ('{"fields": {}, "scope": [1]}', "'scope' must be a list"),
    ],
)
def test_load_gold_invalid(tmp_path: Path, content: str, match: str) -> None:
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=match) as e:
        load_gold(p)
    assert str(p) in str(e.value)


def test_load_gold_wrong_encoding(tmp_path: Path) -> None:
    p = tmp_path / "gbk.json"
    p.write_bytes(json.dumps({"fields": {}, "org": "青禾县"}, ensure_ascii=False).encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        load_gold(p)


def test_load_gold_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_gold(tmp_path / "nope.json")


def test_find_gold_layouts(tmp_path: Path) -> None:
    write_json(tmp_path / "b-report" / "gold.json", gold_dict())
    write_json(tmp_path / "a-report.json", gold_dict())
    (tmp_path / "c-report").mkdir()  # a folder with no gold.json is not a gold file
    found = find_gold(tmp_path)
    assert list(found) == ["a-report", "b-report"]
    assert found["b-report"].name == "gold.json"
    assert find_gold(found["b-report"]) == {"b-report": found["b-report"]}


def test_find_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        find_gold(tmp_path / "missing")
    with pytest.raises(InputError, match="no gold files"):
        find_gold(tmp_path)
    write_json(tmp_path / "x" / "gold.json", gold_dict())
    write_json(tmp_path / "x.json", gold_dict())
    with pytest.raises(InputError, match="two gold files"):
        find_gold(tmp_path)


# ---------------------------------------------------------------------------
# evaluate_dir / Report


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    write_json(tmp_path / "qinghe-2099" / "gold.json", gold_dict())
    write_json(tmp_path / "shuiyue-2098.json", gold_dict(fields={"review.total": 4, "review.upheld": 4, "stats.review.total": 4}))
    return tmp_path


def test_evaluate_dir_micro(gold_dir: Path) -> None:
    g1 = load_gold(gold_dir / "qinghe-2099" / "gold.json")
    records = {
        "qinghe-2099": dict(g1.fields) | {"review.total": 11},
        "shuiyue-2098": {"review.total": 4, "review.upheld": 3},
        "extra": {"review.total": 1},
    }
    r = evaluate_dir(records, gold_dir)
    assert isinstance(r, Report)
    assert list(r.reports) == ["qinghe-2099", "shuiyue-2098"]
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (8 + 1, 1 + 1, 1 + 2)
    assert r.groups["review"].fp == 2
    assert r.unmatched == ["extra"] and r.missing == []
    d = r.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["reports"]["qinghe-2099"]["mismatches"] == [{"id": "review.total", "predicted": 11, "gold": 0, "kind": "wrong"}]
    assert set(d["groups"]) == {"tables", "active", "requests", "review", "litigation", "stats"}


def test_evaluate_dir_missing_record(gold_dir: Path) -> None:
    r = evaluate_dir({"qinghe-2099": {}}, gold_dir)
    assert r.missing == ["shuiyue-2098"]
    assert r.reports["shuiyue-2098"].fn == 3
    r2 = evaluate_dir({"qinghe-2099": {}}, gold_dir, only_matched=True)
    assert r2.skipped == ["shuiyue-2098"] and list(r2.reports) == ["qinghe-2099"]


def test_evaluate_dir_matches_paths(gold_dir: Path) -> None:
    records = {"some/where/qinghe-2099/report.pdf": {"review.total": 0}, "out/shuiyue-2098.json": {"review.total": 4}}
    r = evaluate_dir(records, gold_dir)
    assert r.unmatched == [] and r.missing == []
    assert r.reports["qinghe-2099"].tp == 1 and r.reports["shuiyue-2098"].tp == 1


def test_evaluate_dir_two_records_for_one_gold(gold_dir: Path) -> None:
    with pytest.raises(InputError, match="two records"):
        evaluate_dir({"qinghe-2099": {}, "x/qinghe-2099/report.pdf": {}}, gold_dir)


def test_evaluate_dir_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate_dir({}, tmp_path / "nope")
    with pytest.raises(InputError):
        evaluate_dir({}, tmp_path)
    write_json(tmp_path / "bad.json", {"nofields": 1})
    with pytest.raises(InputError, match="fields"):
        evaluate_dir({}, tmp_path)
    with pytest.raises(InputError):
        evaluate_dir([], tmp_path)  # type: ignore[arg-type]


def test_report_to_table(gold_dir: Path) -> None:
    r = evaluate_dir({"qinghe-2099": {"review.total": 11}}, gold_dir)
    t = r.to_table()
    assert isinstance(t, str)
    for word in ("qinghe-2099", "shuiyue-2098 (no record)", "all (micro)", "tables", "stats", "litigation", "F1"):
        assert word in t
    assert "review.total" not in t
    t2 = r.to_table(mismatches=20)
    assert "wrong    review.total: predicted 11, gold 0" in t2
    assert "missed   stats.active.total: predicted -, gold 1136" in t2
    assert "more" in r.to_table(mismatches=2)


def test_errors_are_gainer_errors(tmp_path: Path) -> None:
    with pytest.raises(GainerError) as e:
        find_gold(tmp_path)
    assert e.value.code == "E100"


# ---------------------------------------------------------------------------
# span scoring


def test_span_scores_basic() -> None:
    gold = [[Span(0, 2, "METRIC"), Span(3, 5, "VALUE")], [Span(1, 4, "VALUE")]]
    pred = [[Span(0, 2, "METRIC"), Span(3, 6, "VALUE")], [Span(1, 4, "VALUE"), Span(5, 6, "METRIC")]]
    r = span_scores(gold, pred)
    assert r["overall"]["tp"] == 2 and r["overall"]["fp"] == 2 and r["overall"]["fn"] == 1
    assert r["labels"]["METRIC"]["support"] == 1 and r["labels"]["METRIC"]["precision"] == 0.5
    assert r["labels"]["VALUE"]["recall"] == 0.5


def test_span_scores_triples_and_empty() -> None:
    assert span_scores([], [])["overall"]["f1"] == 1.0
    assert span_scores([[]], [[]])["overall"]["f1"] == 1.0
    r = span_scores([[("VALUE", 0, 1)]], [[]])
    assert r["overall"]["recall"] == 0.0 and r["overall"]["precision"] == 0.0


def test_span_scores_errors() -> None:
    with pytest.raises(InputError, match="1 gold documents and 2"):
        span_scores([[]], [[], []])
    with pytest.raises(InputError, match="Span"):
        span_scores([["VALUE"]], [[]])


def test_seqeval_strict() -> None:
    gold = [["B-VALUE", "I-VALUE", "O", "B-METRIC"]]
    r = seqeval_scores(gold, gold)
    assert r["overall"]["f1"] == 1.0 and r["overall"]["support"] == 2
    # strict: a predicted entity that starts with I- is not an entity (lenient mode would count it)
    pred = [["I-VALUE", "I-VALUE", "O", "B-METRIC"]]
    r = seqeval_scores(gold, pred)
    assert r["labels"]["VALUE"]["recall"] == 0.0
    assert r["labels"]["VALUE"]["predicted"] == 0
    assert r["overall"]["precision"] == 1.0 and r["overall"]["recall"] == 0.5


def test_seqeval_empty_and_all_outside() -> None:
    assert seqeval_scores([], [])["overall"]["f1"] == 1.0
    assert seqeval_scores([["O", "O"]], [["O", "O"]])["overall"]["f1"] == 1.0
    r = seqeval_scores([["O", "O"]], [["B-VALUE", "O"]])
    assert r["overall"]["precision"] == 0.0 and r["labels"]["VALUE"]["support"] == 0


@pytest.mark.parametrize(
    "gold, pred, err",
    [
        ([["O"]], [["O"], ["O"]], InputError),
        ([["O", "O"]], [["O"]], InputError),
        ([["E-VALUE"]], [["O"]], AnnotationError),
        ([["O"]], [["VALUE"]], AnnotationError),
        ([["O", "I-VALUE"]], [["O", "O"]], AnnotationError),  # ill-formed gold
        ([["B-METRIC", "I-VALUE"]], [["O", "O"]], AnnotationError),
    ],
)
def test_seqeval_errors(gold, pred, err) -> None:
    with pytest.raises(err):
        seqeval_scores(gold, pred)


def spans_to_iob2(spans: list[Span], length: int) -> list[str]:
    """Character IOB2 tags for non-overlapping spans (local helper: the tests' reference)."""
    tags = ["O"] * length
    for s in spans:
        tags[s.start] = f"B-{s.label}"
        for i in range(s.start + 1, s.end):
            tags[i] = f"I-{s.label}"
    return tags


@st.composite
def span_docs(draw, length: int = 30):
    """Non-overlapping, non-empty spans in a text of ``length`` characters."""
    cuts = sorted(draw(st.sets(st.integers(0, length), max_size=12)))
    spans = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        if b > a:
            spans.append(Span(a, b, draw(st.sampled_from(["METRIC", "VALUE"]))))
    return spans


@given(st.lists(st.tuples(span_docs(), span_docs()), min_size=0, max_size=5))
@settings(max_examples=150, deadline=None)
def test_span_scores_agree_with_seqeval(docs) -> None:
    gold = [g for g, _ in docs]
    pred = [p for _, p in docs]
    a = span_scores(gold, pred)
    b = seqeval_scores([spans_to_iob2(g, 30) for g in gold], [spans_to_iob2(p, 30) for p in pred])
    for key in ("precision", "recall", "f1"):
        assert a["overall"][key] == pytest.approx(b["overall"][key]), key
    assert a["overall"]["support"] == b["overall"]["support"]
    assert set(a["labels"]) == set(b["labels"])
    for lab in a["labels"]:
        for key in ("precision", "recall", "f1", "support"):
            assert a["labels"][lab][key] == pytest.approx(b["labels"][lab][key]), (lab, key)
        assert a["labels"][lab]["tp"] + a["labels"][lab]["fp"] == b["labels"][lab]["predicted"]


# ---------------------------------------------------------------------------
# the real gold files (read by path; skipped when absent)


@pytest.mark.real
def test_real_gold_files_load_and_self_score(real_dir: Path) -> None:
    paths = find_gold(real_dir)
    assert len(paths) >= 1
    for name, p in paths.items():
        g = load_gold(p)
        assert g.fields and g.scope
        s = score_record(g.fields, g)
        in_scope = [k for k in g.fields if g.in_scope(k)]
        assert (s.tp, s.fp, s.fn) == (len(in_scope), 0, 0), name
    r = evaluate_dir({n: load_gold(p).fields for n, p in paths.items()}, real_dir)
    assert r.overall.f1 == 1.0
    assert "all (micro)" in r.to_table()
