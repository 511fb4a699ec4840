"""The rule-based table parser on reports built in every layout real extraction produces."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gainer.tables import build_lines, detect_template, parse_tables
from gainer.tables.legacy import _split_run_together
from gainer.tables.labels import match_strength, normalise_label
from gainer.tables.national import ROWS_2021, Run, align
from gainer.types import Document

from report_builder import build_html, build_legacy, build_text, make_values


def _parse(text: str, template: str | None = None):
    doc = Document.from_text(text)
    tmpl = template or detect_template(text).template
    return parse_tables(doc, tmpl), doc


def _assert_values(parsed, values, doc, skip=()):
    got = {k: v.value for k, v in parsed.fields.items()}
    wrong = {k: (got.get(k), v) for k, v in values.items() if k not in skip and got.get(k) != v}
    assert not wrong, f"{len(wrong)} wrong values, e.g. {list(wrong.items())[:5]}\n" + "\n".join(parsed.debug)
    extra = set(got) - set(values)
    assert not extra, f"unexpected fields {sorted(extra)[:5]}"
    for fid, fv in parsed.fields.items():
        assert doc.text[fv.evidence.start : fv.evidence.end] == fv.evidence.text, fid


@pytest.mark.parametrize("layout", ["markdown", "flat", "scrambled", "cells"])
@pytest.mark.parametrize("seed", range(6))
def test_2021_tables_in_every_layout(layout, seed):
    values = make_values(seed)
    parsed, doc = _parse(build_text(values, layout=layout, seed=seed))
    _assert_values(parsed, values, doc)


@pytest.mark.parametrize("seed", range(4))
def test_single_row_other_handling_layout(seed):
    values = make_values(seed, single_other=True)
    parsed, doc = _parse(build_text(values, layout="scrambled", single_other=True, seed=seed), "2021")
    _assert_values(parsed, values, doc)


def test_html_grid_with_blank_cells_keeps_blanks_as_no_value(tmp_path):
    from gainer.readers import read_document

    values = make_values(3)
    page = tmp_path / "report.html"
    page.write_text(build_html(values, blank_org_cells=True), encoding="utf-8")
    doc = read_document(page)
    parsed = parse_tables(doc, detect_template(doc.text).template)
    got = {k: v.value for k, v in parsed.fields.items()}
    for k, v in values.items():
        if k.startswith("requests.") and not k.endswith((".natural_person", ".total")):
            assert k not in got, k  # a blank cell is no value
        else:
            assert got.get(k) == v, k
    assert "123456" not in doc.text and "0123-4567890" not in doc.text


def test_lost_total_cell_is_inferred_and_says_so():
    values = make_values(1)
    text = build_text(values, layout="markdown")
    row = values["requests.carried_forward.total"]
    lines = text.splitlines()
    k = next(i for i, l in enumerate(lines) if l.startswith("| 四、结转下年度继续办理"))
    cells = lines[k].split("|")
    cells[-2] = "  "
    lines[k] = "|".join(cells)
    parsed, _ = _parse("\n".join(lines))
    fv = parsed.fields["requests.carried_forward.total"]
    assert fv.value == row and fv.source == "table-inferred" and "sum" in fv.note


def test_source_arithmetic_error_is_kept_not_fixed():
    values = make_values(2, review_error=True)
    parsed, _ = _parse(build_text(values, layout="flat"))
    assert parsed.fields["review.total"].value == 0


def test_rows_placed_by_order_say_so():
    values = make_values(5)
    parsed, _ = _parse(build_text(values, layout="scrambled", seed=5))
    notes = [fv.note for fv in parsed.fields.values() if fv.note]
    assert any("order" in n for n in notes)


def test_2019_active_table():
    text = (
        "2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 1 1 12\n规范性文件 5 5 40\n"
        "第二十条第（五）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可 120 -3 4500\n"
        "其他对外管理服务事项 10 2 30\n第二十条第（八）项\n信息内容 上一年项目数量 本年增/减\n行政事业性收费 8 0\n"
        "第二十条第（九）项\n信息内容 采购项目数量 采购总金额\n政府集中采购 12 345.6\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    parsed, _ = _parse(text)
    got = {k: v.value for k, v in parsed.fields.items()}
    assert detect_template(text).template == "2019"
    assert got["active.regulations.new_made"] == 1 and got["active.normative_documents.total_published"] == 40
    assert got["active.licensing.change"] == -3 and got["active.licensing.decisions"] == 4500
    assert got["active.other_services.prev_items"] == 10
    assert got["active.fees.prev_items"] == 8 and got["active.fees.change"] == 0
    assert got["active.procurement.amount"] == 345.6


@pytest.mark.parametrize("layout", ["stacked", "inline", "cumulative"])
@pytest.mark.parametrize("seed", range(4))
def test_legacy_statistics_table(layout, seed):
    b = build_legacy(seed, layout=layout)
    parsed, doc = _parse(b.text)
    assert detect_template(b.text).template == "legacy"
    _assert_values(parsed, b.values, doc)


def test_legacy_blank_value_is_no_value():
    b = build_legacy(1, layout="stacked", blank_fee=True)
    parsed, _ = _parse(b.text)
    assert "stats.fees.amount" not in parsed.fields
    assert "stats.organization.staff" in parsed.fields


def test_run_together_split():
    assert _split_run_together("212210037") == (2122, 10037)
    assert _split_run_together("023") == (0, 23)
    assert _split_run_together("9") is None


@pytest.mark.parametrize("text", ["", "   \n\t \n", "这不是年度报告。今天天气很好，气温25度。", "| a | b |\n|---|---|\n| 1 | 2 |"])
def test_non_reports_give_no_table_values(text):
    parsed, _ = _parse(text, "2021")
    assert not [k for k in parsed.fields if k.startswith("requests.")]


def test_template_detection():
    assert detect_template("关于印发国办公开办函〔2021〕30号").template == "2021"
    assert detect_template("依据国办公开办函〔2019〕60号的要求").template == "2019"
    g = detect_template("某某街道2017年政府信息公开年度报告\n正文")
    assert (g.template, g.year, g.org) == ("legacy", 2017, "某某街道")
    g = detect_template("某某县人民政府\n2024 年政府信息公开工作年度报告\n")
    assert (g.template, g.year, g.org) == ("2021", 2024, "某某县人民政府")
    assert detect_template("").template == "unknown"


def test_label_matching_tolerates_misprints():
    assert normalise_label("（三）1.属于国家秘密") == "属于国家秘密"
    assert match_strength(normalise_label("2.其他法律行政止公开"), "其他法律行政法规禁止公开") >= 1
    assert match_strength("其他", "其他处理") == 0


def test_align_prefers_labels_over_order():
    rows = ROWS_2021[:4]
    runs = [Run(0, [], ("carried_over", 3.0), (None, 0), (None, 0))]
    _, pairs = align(runs, rows)
    assert pairs == [(0, 1)]


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_offsets_index_the_text(seed):
    text = build_text(make_values(seed), layout="scrambled", seed=seed)
    doc = Document.from_text(text)
    for line in build_lines(doc):
        for it in line.items:
            assert text[it.span.start : it.span.end] == it.span.text
