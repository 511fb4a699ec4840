"""The scraped-text table solver (gainer/tables/solver.py) on reports built here, in the three crawler forms."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gainer
from gainer.errors import ConfigError
from gainer.readers import read_text
from gainer.readers.flatten import flatten
from gainer.tables import detect_template, parse_tables
from gainer.tables.lines import to_number
from gainer.tables.solver import (
    Group,
    find_regions,
    label_row,
    load_solver_config,
    parse_solver_config,
    row_splits,
    solve_tables,
    template_rows,
    tokenise,
)
from gainer.schema import load_schema
from gainer.types import Document
from report_builder import ROW_LABELS, build_html, build_text, make_values

TABLE_PREFIXES = ("active.", "requests.", "review.", "litigation.")
CFG = load_solver_config()


def _table_values(values: dict) -> dict:
    return {k: v for k, v in values.items() if k.startswith(TABLE_PREFIXES)}


def _scraped(tmp_path, values: dict, form: str, source: str = "md", edit=None) -> str:
    """The report built from ``values`` as a crawler would have saved it in ``form``."""
    if source == "md":
        text = build_text(values, layout="markdown")
        if edit:
            text = edit(text)
        path = tmp_path / "report.md"
        path.write_text(text, encoding="utf-8")
    else:
        path = tmp_path / "report.html"
        path.write_text(build_html(values), encoding="utf-8")
    return flatten(path, form)


def _parse(text: str):
    doc = read_text(text)
    return parse_tables(doc, detect_template(doc.text).template), doc


def _assert_read(parsed, doc, values: dict, *, min_share: float = 1.0) -> None:
    """Every table value read: as printed, or (where several splits fit) flagged as inferred."""
    expected = _table_values(values)
    right = 0
    for fid, want in expected.items():
        got = parsed.fields.get(fid)
        assert got is not None, fid
        assert doc.text[got.evidence.start : got.evidence.end] == got.evidence.text, fid
        if got.source == "table-inferred":
            assert got.confidence <= CFG.conf_inferred or "总计 cell lost" in (got.note or ""), fid
            assert got.note, fid
        else:
            assert got.value == want, (fid, got.value, want, got.note)
            assert to_number(got.evidence.text) == got.value, fid  # the evidence is exactly the cell's digits
        right += got.value == want
    assert right >= min_share * len(expected), (right, len(expected))


@pytest.mark.parametrize("form", ["joined", "spaced", "cell-lines"])
@pytest.mark.parametrize("source", ["md", "html"])
@pytest.mark.parametrize("seed", range(3))
def test_scraped_forms_read_every_table_cell(tmp_path, form, source, seed):
    values = make_values(seed)
    parsed, doc = _parse(_scraped(tmp_path, values, form, source))
    # table 二's three unrelated columns may split several ways when run together: flagged, not guessed
    _assert_read(parsed, doc, values, min_share=0.97 if form == "joined" else 1.0)
    if form == "joined":
        assert "\n" not in doc.text.strip() and " " not in doc.text


def test_joined_requests_and_review_are_read_as_printed(tmp_path):
    values = make_values(4)
    parsed, doc = _parse(_scraped(tmp_path, values, "joined"))
    for fid, want in _table_values(values).items():
        if fid.startswith(("requests.", "review.", "litigation.")):
            fv = parsed.fields[fid]
            assert (fv.value, fv.source) == (want, "table"), fid
            assert "cells run together" in fv.note and fv.confidence == CFG.conf_unique


def test_all_zero_tables(tmp_path):
    values = {k: (0.0 if isinstance(v, float) else 0) for k, v in make_values(1).items()}
    parsed, doc = _parse(_scraped(tmp_path, values, "joined"))
    _assert_read(parsed, doc, values)
    assert all(parsed.fields[f].source == "table" for f in _table_values(values))


def _with_rows(values: dict, rows: dict[str, list[int]]) -> dict:
    """``values`` with table 三 replaced: the given rows, every other outcome row zero, balances kept."""
    from gainer.tables.national import APPLICANT_COLS, ROWS_2021

    out = dict(values)
    outcome = [r for r in ROWS_2021 if r not in ("new", "carried_over", "total", "carried_forward")]
    cells = {r: rows.get(r, [0] * 6) for r in outcome}
    cells["total"] = [sum(cells[r][k] for r in outcome) for k in range(6)]
    cells["carried_over"] = [0] * 6
    cells["carried_forward"] = [0] * 6
    cells["new"] = list(cells["total"])
    for r, parts in cells.items():
        for col, x in zip(APPLICANT_COLS, parts + [sum(parts)]):
            out[f"requests.{r}.{col}"] = x
    return out


def test_totals_with_more_digits_than_their_parts(tmp_path):
    values = _with_rows(make_values(2), {"granted": [95, 4, 1, 0, 0, 0], "not_processed.repeated": [9, 1, 0, 0, 0, 0]})
    text = _scraped(tmp_path, values, "joined")
    assert "9541000100" in text and "91000010" in text
    parsed, doc = _parse(text)
    _assert_read(parsed, doc, values, min_share=0.97)
    assert [parsed.fields[f"requests.granted.{c}"].value for c in ("natural_person", "commercial", "research", "total")] == [95, 4, 1, 100]


def test_a_row_missing_from_the_text(tmp_path):
    values = make_values(5)
    label = ROW_LABELS["withheld.third_party_rights"]
    drop = lambda text: "\n".join(l for l in text.split("\n") if label not in l)  # noqa: E731
    parsed, doc = _parse(_scraped(tmp_path, values, "joined", edit=drop))
    missing = {k for k in values if k.startswith("requests.withheld.third_party_rights.")}
    assert not missing & set(parsed.fields)
    _assert_read(parsed, doc, {k: v for k, v in values.items() if k not in missing}, min_share=0.97)
    assert any("withheld.third_party_rights" in w for w in parsed.warnings)


def test_two_tables_back_to_back_without_the_heading_between(tmp_path):
    values = make_values(6)
    no_heading = lambda text: text.replace("四、政府信息公开行政复议、行政诉讼情况\n", "")  # noqa: E731
    text = _scraped(tmp_path, values, "joined", edit=no_heading)
    assert "继续办理" in text and "行政复议、行政诉讼情况" not in text
    parsed, doc = _parse(text)
    _assert_read(parsed, doc, values, min_share=0.97)


def test_genuinely_ambiguous_split_is_flagged_with_its_alternatives(tmp_path):
    values = make_values(0)
    values.update({"active.regulations.made": 1, "active.regulations.repealed": 2, "active.regulations.in_force": 15})
    text = _scraped(tmp_path, values, "joined")
    assert "规章1215" in text
    parsed, _ = _parse(text)
    fv = parsed.fields["active.regulations.in_force"]
    assert fv.value == 15 and fv.source == "table-inferred" and fv.confidence == CFG.conf_inferred
    assert "1|2|15" in fv.note and "1|21|5" in fv.note and "12|1|5" in fv.note and "plausibility" in fv.note


def test_prose_evidence_outranks_plausibility(tmp_path):
    values = make_values(0)
    values.update({"active.regulations.made": 12, "active.regulations.repealed": 1, "active.regulations.in_force": 5})
    add = lambda text: text.replace("一、总体情况\n", "一、总体情况\n全年制定规章12件。\n")  # noqa: E731
    parsed, _ = _parse(_scraped(tmp_path, values, "joined", edit=add))
    fv = parsed.fields["active.regulations.made"]
    assert fv.value == 12 and fv.source == "table-inferred" and "prose" in fv.note


def test_review_blocks_read_by_their_totals_then_plausibility():
    text = "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计" + "12100130000031004" + "五、存在的主要问题"
    out = solve_tables(Document.from_text(text), "2021", load_schema())["review"]
    got = [out.fields[f"review.{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")]
    # 1|2|10|0|13 adds up too; most reviews end upheld (configs/table_solver.yaml)
    assert got == [12, 1, 0, 0, 13]
    assert out.fields["review.upheld"].source == "table-inferred" and "1|2|10|0|13" in out.fields["review.upheld"].note
    assert [out.fields[f"litigation.after_review.{c}"].value for c in ("upheld", "total")] == [3, 4]


TABLE2_2019 = (
    "示例局2019年政府信息公开工作年度报告（国办公开办函〔2019〕60号）一、总体情况全年公开信息。"
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件5535"
    "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可12-3340其他对外管理服务事项000"
    "第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚201150行政强制000"
    "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费20"
    "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购415.5三、收到和处理政府信息公开申请情况"
)


def test_2019_table_two_rows_including_procurement():
    parsed, _ = _parse(TABLE2_2019)
    got = {k: (v.value, v.source) for k, v in parsed.fields.items()}
    assert got["active.regulations.total_published"] == (0, "table")
    # 5|5|35 over 5|53|5 and 55|3|5: what is newly published cannot exceed all published
    assert got["active.normative_documents.total_published"] == (35, "table-inferred")
    # a decrease never exceeds last year's count, and only 本年增/减 is signed
    assert [got[f"active.licensing.{c}"][0] for c in ("prev_items", "change", "decisions")] == [12, -3, 340]
    assert got["active.fees.prev_items"] == (2, "table") and got["active.fees.change"] == (0, "table")
    assert got["active.procurement.projects"][1] == "table-inferred" and "active.procurement.amount" in got
    note = parsed.fields["active.procurement.amount"].note
    assert "4|15.5" in note and "41|5.5" in note


def test_figures_printed_apart_stay_whole_when_a_blank_left_no_mark():
    text = "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 22 235 行政规范性文件 34 189 第二十条第（五）项 行政许可 7 三、收到和处理政府信息公开申请情况"
    out = solve_tables(Document.from_text(text), "2021", load_schema())["active"]
    got = {k: v.value for k, v in out.fields.items()}
    assert (got["active.regulations.made"], got["active.regulations.in_force"]) == (22, 235)
    assert (got["active.normative_documents.made"], got["active.normative_documents.in_force"]) == (34, 189)
    assert "active.regulations.repealed" not in got  # the blank stays blank
    fv = out.fields["active.regulations.in_force"]
    # 22|·|235 over the splits that cut a printed figure, over ·|22|235 (a row starts with a figure)
    # and 22|235|· (本年制发 ≤ 现行有效)
    assert fv.source == "table-inferred" and "(22 235): read as 22|·|235" in fv.note and "starts with a figure" in fv.note


def test_single_row_other_handling_in_joined_text(tmp_path):
    values = make_values(2, single_other=True)
    path = tmp_path / "report.md"
    path.write_text(build_text(values, layout="markdown", single_other=True), encoding="utf-8")
    parsed, doc = _parse(flatten(path, "joined"))
    _assert_read(parsed, doc, values, min_share=0.97)
    assert "requests.other_handling.total" in parsed.fields and "requests.other_handling.other.total" not in parsed.fields


def test_scrambled_pdf_text_run_together():
    """Figures above their labels, labels split or lost, a misprint, page footers: then every
    space and line break removed. Most values are read; rows lost with their labels are the limit."""
    right = total = 0
    for seed in range(6):
        values = make_values(seed)
        text = "".join(build_text(values, layout="scrambled", seed=seed).split())
        parsed, doc = _parse(text)
        expected = _table_values(values)
        total += len(expected)
        right += sum(1 for k, v in expected.items() if k in parsed.fields and parsed.fields[k].value == v)
    assert right / total >= 0.93, right / total


def test_report_on_one_line_of_fifty_thousand_characters(tmp_path):
    values = make_values(7)
    text = _scraped(tmp_path, values, "joined").strip()
    filler = "本机关持续深化政务公开，2023年共召开专题会议3次，开展培训5期。"
    pad = filler * ((50_000 - len(text)) // (2 * len(filler)) + 1)
    big = pad + text + pad
    assert len(big) >= 50_000 and "\n" not in big
    record = gainer.extract(big, use_model=False)
    for fid, want in _table_values(values).items():
        fv = record.fields[fid]
        assert fv.value == want or fv.source == "table-inferred", fid
        assert big[fv.evidence.start : fv.evidence.end] == fv.evidence.text


def test_truncated_scraped_text_reads_what_is_there(tmp_path):
    values = make_values(8)
    text = _scraped(tmp_path, values, "joined")
    cut = text[: text.index(ROW_LABELS["unavailable.not_held"])]
    parsed, _ = _parse(cut)
    for fid, fv in parsed.fields.items():
        if fid.startswith("requests."):
            assert fv.value == values[fid], fid
    assert "requests.new.total" in parsed.fields and "requests.total.total" not in parsed.fields


@pytest.mark.parametrize("text", ["", "   \n\t", "没有任何表格的一段文字。", "本年新收政府信息公开申请数量"])
def test_no_table_no_crash(text):
    regions = find_regions(text)
    out = solve_tables(Document.from_text(text), "2021", load_schema(), regions=regions)
    assert all(not p.fields for p in out.values())


# ---------------------------------------------------------------------------
# Steps


def _chars(text: str) -> list[str]:
    return [g.chars for g in tokenise(text, 0, len(text))]


def test_tokenise_groups_figures_between_labels():
    assert _chars("规章000行政规范性文件5230第二十条第（五）项") == ["000", "5230"]


def test_tokenise_strips_the_ordinal_of_the_next_label():
    assert _chars("1.属于国家秘密00000002.其他法律行政法规禁止公开0000000") == ["0000000", "0000000"]


def test_tokenise_drops_page_numbers_dates_and_article_numbers():
    assert _chars("本机关不掌握7461200101769-4-法提供2023年第3条") == ["7461200101769"]
    assert _chars("2024年共收到12件") == ["12"]


def test_tokenise_keeps_cell_boundaries_and_blank_cells():
    (g,) = tokenise("自然人 5 - 0 | 5 其他", 0, len("自然人 5 - 0 | 5 其他"))
    assert g.chars == "5x05" and g.cuts == frozenset({1, 2, 3})
    assert [g.offs[0], g.offs[-1]] == [4, 12]


def test_tokenise_thousands_separators_and_dashes_glued_to_figures():
    text = "行政许可447,228第二十条一、本年新收数量26——————26二、"
    groups = tokenise(text, 0, len(text))
    assert [g.chars for g in groups] == ["447228", "2626"]
    assert [text[o] for o in groups[0].offs] == list("447228")  # offsets skip the comma
    assert groups[1].cuts == frozenset({2})  # a boundary, not a count of blank cells


def test_joined_web_page_with_blank_cells_as_dashes(tmp_path):
    """Only natural persons asked (as at many bodies): the organisation cells print "—" and vanish
    into the run; each row is read as 自然人 = 总计 with the cells between blank."""
    values = _with_rows(make_values(3), {"granted": [21, 0, 0, 0, 0, 0], "unavailable.not_held": [4, 0, 0, 0, 0, 0], "other_handling.other": [105, 0, 0, 0, 0, 0]})
    page = tmp_path / "report.html"
    page.write_text(build_html(values, blank_org_cells=True).replace("<td></td>", "<td>—</td>"), encoding="utf-8")
    text = flatten(page, "joined")
    assert "21—————21" in text
    parsed, _ = _parse(text)
    from gainer.tables.national import ROWS_2021

    for row in ROWS_2021:
        fv = parsed.fields[f"requests.{row}.total"]
        assert fv.value == values[f"requests.{row}.total"] and fv.source == "table", row
        assert parsed.fields[f"requests.{row}.natural_person"].value == values[f"requests.{row}.natural_person"], row
        assert f"requests.{row}.commercial" not in parsed.fields, row  # a blank cell is no value


def _group(chars: str, cuts=()) -> Group:
    return Group(chars, list(range(len(chars))), frozenset(cuts), "")


def test_row_splits_finds_the_one_split_that_adds_up():
    (opt,) = row_splits(_group("801000081"), ((7, True),), CFG)
    assert opt.rows == [[80, 1, 0, 0, 0, 0, 81]] and opt.strict


def test_row_splits_never_starts_a_number_with_zero():
    opts = row_splits(_group("0100001"), ((7, True),), CFG)
    assert [o.rows for o in opts] == [[[0, 1, 0, 0, 0, 0, 1]]]


def test_row_splits_reads_a_row_whose_totals_fail_as_breaking_the_rule():
    opts = row_splits(_group("101005", cuts={2, 3, 4, 5}), ((5, True),), CFG)
    assert opts and not opts[0].strict and opts[0].rows == [[10, 1, 0, 0, 5]]


def test_row_splits_blank_middle_cells():
    (opt,) = row_splits(_group("2626"), ((7, True),), CFG)
    assert opt.repair == "blank" and opt.rows == [[26, None, None, None, None, None, 26]]


def test_row_splits_keeps_decimals_whole():
    (opt,) = row_splits(_group("96171.6"), ((1, False),), CFG)
    assert opt.rows == [[96171.6]]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.just(0), st.integers(0, 300)), min_size=6, max_size=6), min_size=1, max_size=2))
def test_row_splits_round_trip(rows):
    """Rows joined digit to digit always split back into a reading that contains the truth."""
    full = [parts + [sum(parts)] for parts in rows]
    chars = "".join(str(x) for row in full for x in row)
    opts = row_splits(_group(chars), tuple((7, True) for _ in full), CFG)
    # the search keeps at most a few hundred readings (runs of ones admit thousands)
    assert full in [o.rows for o in opts] or len(opts) >= 300


def test_label_row_prefers_the_alias_nearest_the_figures_and_tolerates_misprints():
    rows = template_rows("requests", "2021", load_schema())[0]
    from gainer.tables.solver import _norm_aliases

    aliases = _norm_aliases(rows)
    key = lambda label: rows[label_row(label, aliases)[0]].key  # noqa: E731
    assert key("三本年度办理结果（三）不予公开1.属于国家秘密") == "withheld.state_secret"
    assert key("1.属于国家秘密三、2.其他法律行政止公开") == "withheld.prohibited_by_law"
    assert label_row("申请人逾期不补正行政机关不再处理其政府信息公开申请", aliases)[0] is not None
    assert rows[label_row("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", aliases)[0]].key == "other_handling.no_correction"


def test_regions_skip_the_introduction_that_names_the_sections(tmp_path):
    values = make_values(3)
    intro = lambda t: t.replace("一、总体情况\n", "一、总体情况\n本报告包括主动公开政府信息情况、收到和处理政府信息公开申请情况、行政复议行政诉讼情况。\n")  # noqa: E731
    text = _scraped(tmp_path, values, "joined", edit=intro)
    regions = find_regions(text)
    assert text[regions.requests[0] :].startswith("三、收到和处理政府信息公开申请情况")
    assert regions.active[1] == regions.requests[0] and regions.review[0] > regions.requests[0]


# ---------------------------------------------------------------------------
# Config


def test_default_config_loads():
    assert CFG.plausible and 0 < CFG.conf_inferred < CFG.conf_unique <= 1


@pytest.mark.parametrize(
    "data, key",
    [
        ({"plausible": [["a", "~", "b"]]}, "plausible[0]"),
        ({"confidence": {"split_unique": 2}}, "confidence.split_unique"),
        ({"confidence": {"guess": 0.5}}, "confidence.guess"),
        ({"max_digits": 0}, "max_digits"),
        ({"signed_columns": "change"}, "signed_columns"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_config_names_file_and_key(data, key):
    with pytest.raises(ConfigError) as e:
        parse_solver_config(data, "configs/table_solver.yaml")
    assert "configs/table_solver.yaml" in str(e.value) and key in str(e.value)


def test_missing_or_broken_config_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_solver_config(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("plausible: [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_solver_config(bad)
    assert re.search(r"E2\d\d", str(ConfigError("x")))
