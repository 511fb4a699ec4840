"""Tests of gainer.annotate.synth: reproducible synthetic reports with exact, well-chosen labels."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gainer.annotate.labelstudio_json import RESERVED_META, load_tasks
from gainer.annotate.synth_data import LEGACY_HEADINGS
from gainer.annotate.synth import ERAS, YEARS, check_templates, generate, generate_one, write_corpus
from gainer.errors import AnnotationError
from gainer.numbers import parse_number
from gainer.types import AnnotatedText

ZERO_WORDS = ("未", "无", "没有", "零")


@pytest.fixture(scope="module")
def noisy() -> list[AnnotatedText]:
    return generate(240, seed=11, noise=0.6)


@pytest.fixture(scope="module")
def clean() -> list[AnnotatedText]:
    return generate(90, seed=12, noise=0.0)


def test_templates_are_well_formed() -> None:
    assert check_templates() == []


def test_same_seed_same_reports() -> None:
    a, b = generate(6, seed=3), generate(6, seed=3)
    assert a == b
    assert [d.meta for d in a] == [d.meta for d in b]


def test_different_seed_different_reports() -> None:
    a, b = generate(6, seed=3), generate(6, seed=4)
    assert all(x.text != y.text for x, y in zip(a, b))


def test_report_i_does_not_depend_on_n() -> None:
    assert generate(3, seed=5) == generate(7, seed=5)[:3]
    assert generate_one(5, 2, ERAS[2]) == generate(3, seed=5)[2]


def test_global_random_is_untouched() -> None:
    random.seed(123)
    expected = random.random()
    random.seed(123)
    generate(3, seed=1)
    assert random.random() == expected


def test_eras_take_turns_and_years_fit() -> None:
    docs = generate(9, seed=2, noise=0.0)
    assert [d.meta["era"] for d in docs] == list(ERAS) * 3
    for d in docs:
        lo, hi = YEARS[d.meta["era"]]
        assert lo <= d.meta["year"] <= hi
        assert f"{d.meta['year']}年" in d.text and d.meta["org"] in d.text
    only = generate(4, seed=2, eras=("2019",))
    assert {d.meta["era"] for d in only} == {"2019"}
    assert generate(2, seed=2, eras="legacy")[0].meta["era"] == "legacy"


def test_era_structure(clean: list[AnnotatedText]) -> None:
    for d in clean:
        if d.meta["era"] == "legacy":
            for options in LEGACY_HEADINGS[:6]:
                assert any(h in d.text for h in options), options
            assert "国办公开办函" not in d.text
        else:
            assert "一、总体情况" in d.text and "三、收到和处理政府信息公开申请情况" in d.text
            assert ("国办公开办函〔2019〕60号" in d.text) == (d.meta["era"] == "2019")


@pytest.mark.parametrize("which", ["noisy", "clean"])
def test_span_invariant(which: str, request: pytest.FixtureRequest) -> None:
    docs = request.getfixturevalue(which)
    for d in docs:
        ordered = sorted(d.spans, key=lambda s: s.start)
        for s in ordered:
            assert d.text[s.start : s.end] == s.text, (d.id, s)
            assert s.text and s.text.strip() == s.text, (d.id, s)
            assert s.label in ("METRIC", "VALUE")
        for a, b in zip(ordered, ordered[1:]):
            assert a.end <= b.start, (d.id, a, b)


def test_every_report_has_metric_and_value(noisy: list[AnnotatedText]) -> None:
    for d in noisy:
        labels = [s.label for s in d.spans]
        assert labels.count("METRIC") >= 2 and labels.count("VALUE") >= 2, d.id


def test_every_value_is_a_figure_with_a_metric(noisy: list[AnnotatedText]) -> None:
    for d in noisy:
        values = {(s.start, s.end) for s in d.spans if s.label == "VALUE"}
        metrics = {(s.start, s.end) for s in d.spans if s.label == "METRIC"}
        figs = d.meta["figures"]
        assert {tuple(f["value_span"]) for f in figs} == values
        for f in figs:
            assert f["metric"] and all(tuple(m) in metrics for m in f["metric"])


def test_values_read_back_to_the_recorded_figures(noisy: list[AnnotatedText]) -> None:
    from gainer.schema import load_schema

    ids = {f.id for f in load_schema().fields}
    for d in noisy:
        for f in d.meta["figures"]:
            if f["field"]:
                assert f["field"] in ids
                assert d.meta["fields"][f["field"]] == f["value"]
                assert (f["field"] in d.meta["approximate"]) == f["approximate"] or not f["approximate"]
            s, e = f["value_span"]
            text = re.sub(r"\s", "", d.text[s:e])  # line breaks inside a figure come from the PDF-style wrap
            if text in ZERO_WORDS:
                assert f["value"] == 0
                continue
            p = parse_number(text)
            assert p is not None, text
            assert p.in_unit(p.base_unit) == f["value"], (text, f)
            assert p.approximate == f["approximate"], (text, f)


def test_figures_are_consistent() -> None:
    for d in generate(150, seed=21, noise=0.0):
        f = d.meta["fields"]
        ch = [f.get(f"stats.requests.{k}") for k in ("in_person", "online", "by_letter", "by_fax")]
        if "stats.requests.received" in f and None not in ch:
            assert sum(ch) == f["stats.requests.received"]
        parts = [f.get(f"stats.review.{k}") for k in ("upheld", "corrected", "other")]
        if "stats.review.total" in f and None not in parts:
            assert sum(parts) == f["stats.review.total"]
        if "stats.active.normative_documents" in f and "stats.active.total" in f and "stats.active.total" not in d.meta["approximate"]:
            assert f["stats.active.normative_documents"] <= f["stats.active.total"]


def test_zero_statements_and_variety(noisy: list[AnnotatedText]) -> None:
    values = [s.text for d in noisy for s in d.spans if s.label == "VALUE"]
    assert {"未", "没有", "无", "零"} <= set(values)
    joined = "".join(values)
    assert re.search(r"[一二三四五六七八九十两]+[件条次期场人个名篇]", joined)  # Chinese numerals
    assert any("万" in v for v in values) and any(v[-1] in "余多" or "余" in v or "多" in v for v in values)
    assert any(v.startswith(("近", "约", "逾", "超过", "将近")) for v in values)
    assert any(re.search(r"\d [件条次人]", v) for v in values)  # a space between digits and unit
    assert any(re.search(r"[０-９]", v) for v in values)  # full-width digits
    metrics = {s.text for d in noisy for s in d.spans if s.label == "METRIC"}
    assert len(metrics) > 80
    # a value before its metric (举办2期培训班)
    assert any(
        f["value_span"][1] <= min(m[0] for m in f["metric"]) for d in noisy for f in d.meta["figures"]
    )
    # one value shared by two metrics (未发生行政复议和行政诉讼)
    shared = [f["value_span"] for d in noisy for f in d.meta["figures"]]
    assert len(shared) > len({tuple(x) for x in shared})
    assert sum(1 for d in noisy for f in d.meta["figures"] if f["field"] is None) > 50



def test_zero_statements_of_things_that_did_not_happen(noisy: list[AnnotatedText]) -> None:
    """未发生泄密事件: the zero word is a VALUE of a non-schema figure 0, the thing its METRIC."""
    zeros = [
        (d, f) for d in noisy for f in d.meta["figures"] if f["field"] is None and (f["name"] or "").startswith("incidents.")
    ]
    assert len(zeros) > 10
    for d, f in zeros:
        v0, v1 = f["value_span"]
        assert re.sub(r"\s", "", d.text[v0:v1]) in ZERO_WORDS and f["value"] == 0
        names = [re.sub(r"\s", "", d.text[a:b]) for a, b in f["metric"]]
        assert names and all(any(w in t for w in ("泄密", "事", "公开", "访", "申诉")) for t in names), names


def test_one_zero_word_covers_schema_counts_and_things_that_did_not_happen(noisy: list[AnnotatedText]) -> None:
    """没有接到…行政复议案、行政诉讼案和有关的申诉案: one VALUE, zero for two schema fields and the 申诉案."""
    shared = 0
    for d in noisy:
        by_span: dict[tuple[int, int], list[dict]] = {}
        for f in d.meta["figures"]:
            by_span.setdefault(tuple(f["value_span"]), []).append(f)
        for figs in by_span.values():
            names = {f["name"] for f in figs}
            if "incidents.appeals" in names:
                assert {f["field"] for f in figs} >= {"stats.review.total", "stats.litigation.total"}
                assert all(f["value"] == 0 for f in figs)
                (a, b), = [tuple(f["metric"][0]) for f in figs if f["name"] == "incidents.appeals"]
                assert re.sub(r"\s", "", d.text[a:b]).startswith("申诉")
                shared += 1
    assert shared >= 3


def test_category_names_keep_their_suffix_and_connectors_stay_outside(noisy: list[AnnotatedText]) -> None:
    """计划总结信息2条, 规划计划类信息4条: the suffix is in the METRIC; 环保信息数4条: 数 is not."""
    info = [
        (d, d.text[a:b]) for d in noisy for f in d.meta["figures"] if (f["name"] or "").startswith(("categories.", "keyareas."))
        for a, b in f["metric"]
    ]
    assert len({f["name"] for d in noisy for f in d.meta["figures"] if (f["name"] or "").startswith("keyareas.")}) >= 8
    assert sum(t.endswith("类信息") for _, t in info) > 3 and sum(t.endswith("类") for _, t in info) > 3
    assert not any(t.endswith(("数", "情况", "数量")) for _, t in info)
    connected = [
        d.text[b : b + 2] for d in noisy for f in d.meta["figures"] if (f["name"] or "").startswith(("categories.", "keyareas."))
        for a, b in f["metric"] if d.text[b : b + 1] in ("数", "情")
    ]
    assert len(connected) > 10


def test_quoted_names_keep_their_quotes_outside_the_metric(noisy: list[AnnotatedText]) -> None:
    """“同意部分公开”的1件: the METRIC is the name inside the quotes."""
    quoted = [(d, s) for d in noisy for s in d.spans if s.label == "METRIC" and d.text[s.start - 1 : s.start] == "“"]
    assert len(quoted) > 20
    assert all(s.text[0] != "“" and not s.text.endswith("”") for _, s in quoted)
    assert any(d.text[s.end : s.end + 2] == "”的" for d, s in quoted)


def test_fee_metrics_leave_the_verb_out(noisy: list[AnnotatedText]) -> None:
    """未收取任何费用: the guide's shorter METRIC (费用), the verb outside."""
    fees = [d.text[a:b] for d in noisy for f in d.meta["figures"] if f["field"] == "stats.fees.amount" for a, b in f["metric"]]
    assert fees and not any(t.startswith("收取") for t in fees)


def test_things_counted_by_one_figure_are_one_metric_and_monthly_rates_are_unlabelled(noisy: list[AnnotatedText]) -> None:
    """发放宣传单及宣传手册2000份: one METRIC, one VALUE; 月发放低保金3.2万元: a distractor, never labelled."""
    joint = [
        re.sub(r"\s", "", d.text[a:b]) for d in noisy for f in d.meta["figures"] if (f["name"] or "").startswith("work:")
        for a, b in f["metric"] if re.search("[、及和]", f["name"])
    ]
    assert len(joint) > 10 and all(len(re.split("[、及和]", t)) >= 2 for t in joint)
    rates = [d.text[s0:e0] for d in noisy for s0, e0, kind in d.meta["distractors"] if kind == "rate" and "月" in d.text[s0:e0]]
    assert len(rates) > 5 and all("元" in t for t in rates)


def test_year_totals_after_lei_ji_are_labelled_and_running_totals_are_not(clean: list[AnnotatedText], noisy: list[AnnotatedText]) -> None:
    """累计发放低保金…元 in a list of the year's work is the year's total (labelled); a cumulative distractor
    always names itself a running total (现已累计, 历年, 截至, 以来, 已达), as the annotation guide says."""
    import gainer.annotate.synth_data as D

    paid = [
        f for d in noisy for f in d.meta["figures"]
        if (f["name"] or "").startswith("work:") and "累计发放" in re.sub(r"\s", "", d.text[f["metric"][0][0] - 8 : f["value_span"][0]])
    ]
    assert len(paid) > 3 and all(f["unit"] in ("元", "人", "人次", "户") for f in paid)
    cums = [d.text[s0:e0] for d in clean for s0, e0, kind in d.meta["distractors"] if kind == "cumulative"]  # no OCR slips
    assert cums and all(re.search("现已|历年|截至|以来|已达", c) for c in cums)
    assert all(re.search("现已|历年|截至|以来|已达", c) for c in D.CUMULATIVE)


def test_work_items_come_figure_first_verb_less_and_as_indicators_in_yuan(clean: list[AnnotatedText]) -> None:
    """举办了3期培训班 (VALUE before its METRIC), 板报10块 (no verb), 完成财政收入3200万元 (recorded in 元)."""
    work = [(d, f) for d in clean for f in d.meta["figures"] if (f["name"] or "").startswith("work:")]
    import gainer.annotate.synth_data as D

    helped = {"work:" + w for w, _ in D.WORK_WHO}  # 帮助12户困难家庭: people helped, their own pattern
    first = [(d, f) for d, f in work if f["value_span"][1] <= f["metric"][0][0] and f["name"] not in helped]
    assert len(first) > 8
    # figure first: only a measure word that can stand before its thing
    assert all(not re.search(r"(人次|户|元)\s*$", d.text[f["value_span"][0] : f["value_span"][1]]) for d, f in first)
    bare = [f for d, f in work if re.search(r"[，；]\s*$", d.text[max(0, f["metric"][0][0] - 2) : f["metric"][0][0]]) and f["value_span"][0] >= f["metric"][0][1]]
    assert bare  # 板报10块 right after the comma, no verb

    indicators = [f for _, f in work if f["name"].removeprefix("work:") in {t[0] for t in D.WORK_TARGETS}]
    assert indicators and all(f["unit"] in ("元", "个", "项", "户", "家", "人", "人次", "亩", "套", "名", "株") for f in indicators)
    assert any(f["unit"] == "元" and f["value"] >= 10**4 for f in indicators)


def test_check_templates_flags_a_zero_statement_of_a_count_that_is_never_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    import gainer.annotate.synth_data as D

    monkeypatch.setattr(D, "TEMPLATES_INCIDENTS", ("全年{oz:hotline|未}收到{om:hotline}。", "{oz:incidents.leaks}没有METRIC。"))
    problems = check_templates()
    assert any("never zero" in p and "hotline" in p for p in problems)
    assert any("without its METRIC" in p for p in problems)


def test_check_templates_flags_a_shared_zero_of_something_that_can_happen(monkeypatch: pytest.MonkeyPatch) -> None:
    import gainer.annotate.synth_data as D

    monkeypatch.setattr(
        D,
        "TEMPLATES_INCIDENTS",
        (
            "{z:review.total+other:hotline|未}发生{m:review.total}和{om:hotline}。",
            "{z:review.total+other:incidents.appeals|未}发生{m:review.total}。",
            "{z:review.total+other:nothing|未}发生{m:review.total}。",
        ),
    )
    problems = check_templates()
    assert any("not always zero" in p and "hotline" in p for p in problems)
    assert any("without its METRIC" in p and "incidents.appeals" in p for p in problems)
    assert any("unknown other metric 'nothing'" in p for p in problems)

DISTRACTOR_PATTERNS = {
    "phone": r"\d{3,4}[-－—]?\d{7,8}",
    "docno": r"[〔\[（【]\d{4}[〕\]）】]\d+号",
    "percent": r"\d+(?:\.\d+)?(?:%|％|个百分点)",
    "date": r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日",
    "cumulative": r"(?<!全年)累计[^，。；]*?\d[\d.]*万?[条件篇]",  # 全年累计 is the year's own total: labelled
    "previous": r"(?:上年度为|上年同期为|比上年增加|较上年减少|较上年增加|同比增加)\d+[条件篇次人]",
    "plan": r"计划[^，。]*?\d+[次期场]",
    "footer": r"— \d+ —",
    "article": r"第[一二三四五六七八九十]+条",
}


def test_distractors_are_never_labelled(clean: list[AnnotatedText], noisy: list[AnnotatedText]) -> None:
    seen = dict.fromkeys(DISTRACTOR_PATTERNS, 0)
    for d in clean:
        for kind, pat in DISTRACTOR_PATTERNS.items():
            for m in re.finditer(pat, d.text):
                seen[kind] += 1
                for s in d.spans:
                    assert not (s.start < m.end() and m.start() < s.end), (kind, m.group(), s)
    assert all(n > 0 for k, n in seen.items() if k != "footer"), seen
    kinds = set()
    for d in noisy + clean:
        for s0, e0, kind in d.meta["distractors"]:
            kinds.add(kind)
            assert e0 > s0
            for s in d.spans:
                assert not (s.start < e0 and s0 < s.end), (kind, d.text[s0:e0], s)
    assert {"date", "phone", "docno", "percent", "cumulative", "previous", "plan", "footer", "growth"} <= kinds


def test_noise_zero_is_clean(clean: list[AnnotatedText]) -> None:
    for d in clean:
        assert d.meta["noise"] == []
        assert not re.search(r"[０-９]", d.text)
        assert all("\n" not in s.text and " " not in s.text for s in d.spans)


def test_noise_kinds_show_up(noisy: list[AnnotatedText]) -> None:
    kinds = {k for d in noisy for k in d.meta["noise"]}
    assert {"wrap", "footers", "spaced", "halfpunct", "ocr", "title_spaces", "chrome", "fullwidth-all", "fullwidth-some"} <= kinds
    assert any("\n" in s.text for d in noisy for s in d.spans)  # a line break inside a figure or metric
    wrapped = [d for d in noisy if "wrap" in d.meta["noise"]]
    assert wrapped and all(max(len(x) for x in d.text.split("\n")) < 120 for d in wrapped)


def test_with_tables_leaves_tables_unlabelled() -> None:
    docs = generate(6, seed=9, noise=0.0, with_tables=True)
    tables = [(d, s, e) for d in docs for s, e, k in d.meta["distractors"] if k == "table"]
    assert tables
    assert any("本年新收政府信息公开申请数量" in d.text for d in docs)
    for d, s0, e0 in tables:
        assert not any(s.start < e0 and s0 < s.end for s in d.spans)
    assert all(not d.meta["with_tables"] for d in generate(2, seed=9))


def test_n_zero_and_bad_arguments(tmp_path: Path) -> None:
    assert generate(0) == []
    for kwargs in ({"n": -1}, {"n": 2.0}, {"n": 2, "eras": ("2018",)}, {"n": 2, "eras": ()}, {"n": 2, "noise": 1.5},
                   {"n": 2, "noise": -0.1}, {"n": 2, "seed": "x"}):
        with pytest.raises(AnnotationError):
            generate(**kwargs)  # type: ignore[arg-type]
    f = tmp_path / "file"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(AnnotationError, match="not a directory"):
        write_corpus(f, [])
    with pytest.raises(AnnotationError, match="per_file"):
        write_corpus(tmp_path / "d", [], per_file=0)


def test_write_corpus_loads_back(tmp_path: Path) -> None:
    docs = generate(7, seed=4, noise=0.5)
    paths = write_corpus(tmp_path / "corpus", docs, per_file=3)
    assert [p.name for p in paths] == ["synth-0000.json", "synth-0001.json", "synth-0002.json"]
    back, report = load_tasks(tmp_path / "corpus")
    assert report.ok and not report.problems
    assert back == docs
    for a, b in zip(back, docs):
        meta = {k: v for k, v in a.meta.items() if k not in RESERVED_META}
        assert meta["fields"] == b.meta["fields"] and meta["era"] == b.meta["era"]
