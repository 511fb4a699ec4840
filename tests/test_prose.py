"""Prose figures: the rules tagger, the mapper onto stats.* fields, and the prose regions."""
from __future__ import annotations

import pytest

from gainer.prose import map_spans, prose_regions, table_ranges
from gainer.prose.rules_tagger import joined_view, tag
from gainer.schema import load_schema
from gainer.types import Document

SCHEMA = load_schema()


def fields_of(text: str, year: int | None = 2017):
    spans = tag(text)
    fields, others, notes = map_spans(text, spans, year=year, schema=SCHEMA)
    for fv in fields.values():
        assert text[fv.evidence.start : fv.evidence.end] == fv.evidence.text
    return {k: v.value for k, v in fields.items()}, fields, others, notes


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年主动公开政府信息225条，其中，规范性文件6条。", {"stats.active.total": 225, "stats.active.normative_documents": 6}),
        ("本年度共受理依申请公开3件，均按时答复。", {"stats.requests.received": 3}),
        ("全年未收到行政复议申请。", {"stats.review.total": 0}),
        ("今年有2件涉及本机关的行政复议。", {"stats.review.total": 2}),
        ("召开新闻发布会4场，发布政策解读稿件12篇。", {"stats.response.press_conferences": 4, "stats.response.policy_interpretations": 12}),
        ("收取信息处理费共计0.5万元。", {"stats.fees.amount": 5000}),
        ("全年未收取任何费用。", {"stats.fees.amount": 0}),
        ("接待群众咨询6800余人次。", {"stats.consultations.total": 6800}),
        ("行政复议5件，其中结果维持3件，结果纠正1件，其他结果1件；行政诉讼2件，其中结果维持2件。",
         {"stats.review.total": 5, "stats.review.upheld": 3, "stats.review.corrected": 1, "stats.review.other": 1, "stats.litigation.total": 2, "stats.litigation.upheld": 2}),
        ("未发生被行政复议纠错或行政诉讼败诉的情况。", {"stats.review.corrected": 0, "stats.litigation.corrected": 0}),
        ("编辑公报12期，刊登规章、文件等88件。", {"stats.active.via_gazette": 88}),
        ("门户网站主动公开政府信\n息1200条。", {"stats.active.total": 1200, "stats.active.via_website": 1200}),
        # one zero word governs a list
        ("本年度未发生涉及政府信息公开的举报投诉、行政复议和行政诉讼。",
         {"stats.complaints.total": 0, "stats.review.total": 0, "stats.litigation.total": 0}),
        # a line that says only 无 under its heading
        ("四、因政府信息公开申请提起行政复议、行政诉讼的情况\n无。\n五、存在的问题", {"stats.review.total": 0, "stats.litigation.total": 0}),
        # the bare noun 申请 where the sentence says it was not received
        ("全年没有收到群众要求公开政府信息的申请。", {"stats.requests.received": 0}),
        # channels joined by 或 count the total; 咨询电话 is the phone channel, 次 fits a 人次 field
        ("接受来访或电话咨询300余人次，其中接听咨询电话180次，当面咨询120人次。",
         {"stats.consultations.total": 300, "stats.consultations.by_phone": 180, "stats.consultations.on_site": 120}),
        ("安排3名工作人员负责政府信息公开日常工作。", {"stats.organization.staff": 3}),
    ],
)
def test_statements_map_to_fields(text, expected):
    values, *_ = fields_of(text)
    assert values == expected


def test_approximate_and_evidence():
    values, fields, _, _ = fields_of("全年主动公开政府信息近300条。")
    assert values == {"stats.active.total": 300}
    assert fields["stats.active.total"].approximate
    assert "300" in fields["stats.active.total"].evidence.text


@pytest.mark.parametrize(
    "text",
    [
        "上年主动公开政府信息200条。",  # last year's figure
        "截至目前累计主动公开政府信息9000条。",  # cumulative to date
        "2015年主动公开政府信息150条。",  # another year
        "办结率达到100%。",  # a percentage
        "制作政府公报6期。",  # issues are not items
        "联系电话0123-4567890，地址某某路42号。",
    ],
)
def test_figures_that_must_not_land(text):
    values, *_ = fields_of(text, year=2017)
    assert values == {}


@pytest.mark.parametrize(
    "text",
    [
        "今年召开环保专题会议10次。",  # meetings, but not on disclosure work
        "未出现应主动公开政府信息而未予公开的情况。",  # a compliance statement, not a count of zero
        "接到12345热线投诉75件。",  # citizens' complaints, not disclosure complaints
    ],
)
def test_other_counts_stay_out_of_fields(text):
    values, *_ = fields_of(text)
    assert not values


def test_unmapped_metrics_go_to_other_metrics():
    values, _, others, _ = fields_of("全年报送政务信息60条，处理热线工单310件。")
    assert values == {}
    assert [o.value for o in others] == [60, 310]


def test_empty_and_whitespace():
    assert tag("") == [] and tag("  \n\t") == []
    assert fields_of("   ")[0] == {}


def test_joined_view_maps_offsets():
    text = "主动公开政府信\n息12条\n\n下一段"
    view, index = joined_view(text)
    assert view == "主动公开政府信息12条\n\n下一段"
    for k, ch in enumerate(view):
        assert text[index[k]] == ch


def test_table_sections_are_not_prose():
    from report_builder import build_text, make_values

    text = build_text(make_values(1), layout="flat", year=2023)
    doc = Document.from_text(text)
    regions = prose_regions(len(text), table_ranges(doc, "2021"))
    prose = "".join(text[a:b] for a, b in regions)
    assert "本年新收" not in prose and "总体情况" in prose


class _OneSpanModel:
    """A stand-in tagger that only ever finds the figure 225条 and its metric."""

    def tag(self, text):
        from gainer.types import Span

        out = []
        i = text.find("主动公开政府信息225条")
        if i >= 0:
            out = [Span.from_text(text, i, i + 8, "METRIC", 0.9), Span.from_text(text, i + 8, i + 12, "VALUE", 0.9)]
        return out


def test_rules_back_the_model_up_and_each_field_names_its_tagger():
    from gainer.api import Options, extract_full

    text = "2017年，全年主动公开政府信息225条。全年未收到行政复议申请。"
    rec = extract_full(text, Options(model=_OneSpanModel())).record
    assert rec.fields["stats.active.total"].source == "prose-model"
    assert rec.fields["stats.review.total"].source == "prose-rules"
    alone = extract_full(text, Options(model=_OneSpanModel(), backstop=False)).record
    assert set(alone.fields) == {"stats.active.total"}


def test_with_backstop_adds_only_non_overlapping_rule_spans():
    from gainer.prose import with_backstop
    from gainer.types import Span

    text = "主动公开政府信息225条，未收到申请"
    model = [Span.from_text(text, 0, 8, "METRIC"), Span.from_text(text, 8, 12, "VALUE")]
    rules = [Span.from_text(text, 2, 8, "METRIC"), Span.from_text(text, 13, 14, "VALUE")]
    spans, from_rules = with_backstop(model, rules)
    assert [s.text for s in spans] == ["主动公开政府信息", "225条", "未"]
    assert from_rules == {(13, 14, "VALUE")}


# ---------------------------------------------------------------------------
# the mapping onto fields: wordings, units, list forms, headings (sentences written for these tests)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the 2008 regulation's outcomes and the request channels as reports word them
        ("对办结的申请，同意公开3件，属于已主动公开范围2件，非本机关掌握1件，信息不存在1件，申请内容不明确1件，告知通过其他途径办理1件。",
         {"stats.requests.granted": 3, "stats.requests.already_public": 2, "stats.requests.not_this_agency": 1,
          "stats.requests.not_exist": 1, "stats.requests.correction_requested": 1, "stats.requests.other_channel": 1}),
        ("已答复的申请中，“非本单位掌握”的2件。", {"stats.requests.not_this_agency": 2}),
        ("办理的申请中全部公开4件，按期办结5件，涉及个人隐私1件。",
         {"stats.requests.granted": 4, "stats.requests.closed_on_time": 5, "stats.requests.denied_privacy": 1}),
        ("本年度收到申请6件，其中现场申请3件，在线申请2件，邮寄申请1件。",
         {"stats.requests.received": 6, "stats.requests.in_person": 3, "stats.requests.online": 2, "stats.requests.by_letter": 1}),
        # a channel named before the metric; the website, the gazette and interviews counted in issues
        ("本机关微信公众号全年推送信息120条，政务微博发布信息30条。", {"stats.active.via_wechat": 120, "stats.active.via_weibo": 30}),
        ("在政府公报公开信息14件，在线访谈3期，回应社会关切12次。",
         {"stats.active.via_gazette": 14, "stats.response.online_interviews": 3, "stats.response.hot_topics": 12}),
        ("全年出台规范性文件4件，主要负责同志参加新闻发布会2场。",
         {"stats.active.normative_documents_issued": 4, "stats.response.press_conferences_by_heads": 2}),
        # 起, 处, 期 and 件 where the field counts cases, places, courses and visits
        ("本年度发生行政复议案件2起。", {"stats.review.total": 2}),
        ("在服务大厅设立查阅点3处。", {"stats.organization.reading_points": 3}),
        ("举办政务公开培训班2期，60名干部职工参加了培训。", {"stats.training.courses": 2, "stats.training.trainees": 60}),
        ("全年接待现场咨询45件。", {"stats.consultations.on_site": 45}),
        ("各科室接受上门或电话政府信息公开咨询1500余人次。", {"stats.consultations.total": 1500}),
        # a bare 培训 with its count of sessions after it or before it
        ("全年组织专题培训7次。", {"stats.training.courses": 7}),
        ("本年度收到申请22件，已办结二十一件。", {"stats.requests.received": 22, "stats.requests.closed": 21}),
        ("于9月举办了6场培训。", {"stats.training.courses": 6}),
        # "A：N件" pairs across the colon; "分别" pairs in order; "均为" gives each item the figure
        ("其中，当面申请：5件；网上申请：2件。", {"stats.requests.in_person": 5, "stats.requests.online": 2}),
        ("当面申请、网上申请和信函申请分别为4件、6件和1件。",
         {"stats.requests.in_person": 4, "stats.requests.online": 6, "stats.requests.by_letter": 1}),
        ("因政府信息公开申请提起的行政复议、行政诉讼均为0起。", {"stats.review.total": 0, "stats.litigation.total": 0}),
        # a list cut into sentences by ； still belongs to the review block named before it
        ("全年发生行政复议案件3件，经复议（一）维持原行政行为2件；（二）被依法纠错1件。",
         {"stats.review.total": 3, "stats.review.upheld": 2, "stats.review.corrected": 1}),
        # a heading on its own line ends the clause, and can give the figure its context
        ("四、收费及减免情况\n本机关全年未收取信息处理费。", {"stats.fees.amount": 0}),
        ("四、政府信息公开收费情况\n全年相关费用0元。", {"stats.fees.amount": 0}),
        ("（二）依申请公开\n本年度本机关无依申请公开事项。", {"stats.requests.received": 0}),
    ],
)
def test_report_wordings_map_to_fields(text, expected):
    values, *_ = fields_of(text)
    assert values == expected


@pytest.mark.parametrize(
    "text",
    [
        "举办消防安全培训班3期，职业技能培训人员120人。",  # training on other subjects
        "政务公开培训覆盖全区50个单位。",  # 培训 without a count of sessions
        "为群众办理二胎生育指标11个。",  # 办理 before a numeral that is part of a name
        "（五）政务公开保障\n投入网络安全建设经费12万元。",  # 经费 of something else in a disclosure section
        "全年相关费用0元。",  # no heading or sentence says these are disclosure fees
        "当面申请、网上申请分别为4件、6件和1件。",  # a list with more figures than metrics is not paired
    ],
)
def test_wordings_that_must_not_land(text):
    values, *_ = fields_of(text)
    assert "stats.training.courses" not in values and "stats.training.trainees" not in values
    assert "stats.fees.amount" not in values
    assert "stats.requests.by_letter" not in values and values.get("stats.requests.in_person") != 4
    assert "stats.requests.closed" not in values
    assert "stats.organization.budget" not in values


def _spans(text, *parts):
    from gainer.types import Span

    out, pos = [], 0
    for label, frag in parts:
        i = text.index(frag, pos)
        out.append(Span.from_text(text, i, i + len(frag), label))
        pos = i + len(frag)
    return out


def test_a_zero_word_after_its_list_and_a_figure_broken_by_a_line():
    text = "全年实现政府信息公开行政复议、行政诉讼“零”发生。及时回应社会关切3\n1次。"
    spans = _spans(text, ("METRIC", "行政复议"), ("METRIC", "行政诉讼"), ("VALUE", "零"), ("METRIC", "回应社会关切"), ("VALUE", "3\n1次"))
    fields, _, _ = map_spans(text, spans, year=2017, schema=SCHEMA)
    assert {k: v.value for k, v in fields.items()} == {"stats.review.total": 0, "stats.litigation.total": 0, "stats.response.hot_topics": 31}
    assert fields["stats.response.hot_topics"].evidence.text == "回应社会关切3\n1次"


def test_the_verb_before_a_metric_can_say_what_was_counted():
    # the model marks the shortest phrase (政府信息公开申请) and leaves 办结 outside it
    text = "全年共办结政府信息公开申请10件，共收到政府信息公开申请12件。"
    spans = _spans(text, ("METRIC", "政府信息公开申请"), ("VALUE", "10件"), ("METRIC", "政府信息公开申请"), ("VALUE", "12件"))
    fields, _, _ = map_spans(text, spans, year=2017, schema=SCHEMA)
    assert {k: v.value for k, v in fields.items()} == {"stats.requests.closed": 10, "stats.requests.received": 12}


def test_a_website_total_is_the_total_only_when_the_report_states_none():
    text = "门户网站主动公开政府信息80条。全年主动公开政府信息200条。"
    values, *_ = fields_of(text)
    assert values == {"stats.active.via_website": 80, "stats.active.total": 200}


def test_a_wrapped_introduction_is_not_taken_for_a_table_heading():
    # the introduction of a 2021-template report, wrapped by PDF extraction so that one line names 行政复议
    # and 行政诉讼; prose follows, and the report has no tables at all
    text = (
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\n"
        "行政复议及行政诉讼，存在的主要问题及改进情况等部分组成。\n"
        "一、总体情况\n（一）依申请公开\n本年度收到政府信息公开申请7件，全部按时答复。\n"
    )
    assert table_ranges(Document.from_text(text), "2021") == []
    values, *_ = fields_of(text)
    assert values == {"stats.requests.received": 7}


def test_a_table_section_ends_at_its_last_row_when_sentences_follow():
    # table 四 whose next heading is not one the section finder knows: the sentences after it are prose
    text = (
        "本机关依法办理政府信息公开申请。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n"
        "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n（一）主要问题\n本年度培训覆盖面不够，全年仅举办政务公开培训班1期。\n"
    )
    doc = Document.from_text(text)
    regions = prose_regions(len(text), table_ranges(doc, "2021"))
    prose = "".join(text[a:b] for a, b in regions)
    assert "培训班1期" in prose and "结果维持" not in prose


def test_a_list_tagged_as_one_phrase_under_a_zero_word_gives_each_item_zero():
    text = "全年未发生被行政复议纠错或\n行政诉讼败诉情形。受理行政复议和行政诉讼3件。"
    spans = _spans(text, ("VALUE", "未"), ("METRIC", "被行政复议纠错或\n行政诉讼败诉情形"), ("METRIC", "行政复议和行政诉讼"), ("VALUE", "3件"))
    fields, others, _ = map_spans(text, spans, year=2017, schema=SCHEMA)
    assert {k: v.value for k, v in fields.items()} == {"stats.review.corrected": 0, "stats.litigation.corrected": 0}
    assert fields["stats.review.corrected"].evidence.text == "未发生被行政复议纠错"
    # a figure is not shared out between the items of one phrase: it stays an unmapped count
    assert [(o.text, o.value) for o in others] == [("行政复议和行政诉讼", 3)]


def test_respectively_reads_the_shared_words_after_each_item():
    # the annotation guide's channel list: each channel is a METRIC and 发布信息 is shared by all three
    text = "通过政府网站、政务微博、政务微信分别发布信息120条、30条、45条。"
    spans = _spans(text, ("METRIC", "政府网站"), ("METRIC", "政务微博"), ("METRIC", "政务微信"), ("VALUE", "120条"), ("VALUE", "30条"), ("VALUE", "45条"))
    fields, _, _ = map_spans(text, spans, year=2017, schema=SCHEMA)
    assert {k: v.value for k, v in fields.items()} == {"stats.active.via_website": 120, "stats.active.via_weibo": 30, "stats.active.via_wechat": 45}
    assert fields["stats.active.via_weibo"].evidence.text == "政务微博、政务微信分别发布信息120条、30条"


def test_respectively_pairs_only_the_run_of_items_before_it_and_reads_across_a_page_break():
    text = "共受理依申请公开5件（其中全部公开、部分公开分别为3件、2件）。其中，告知作出更改补充：\n\n— 2 —\n1件。"
    spans = _spans(text, ("METRIC", "依申请公开"), ("VALUE", "5件"), ("METRIC", "全部公开"), ("METRIC", "部分公开"),
                   ("VALUE", "3件"), ("VALUE", "2件"), ("METRIC", "告知作出更改补充"), ("VALUE", "1件"))
    fields, _, _ = map_spans(text, spans, year=2017, schema=SCHEMA)
    assert {k: v.value for k, v in fields.items()} == {
        "stats.requests.received": 5, "stats.requests.granted": 3, "stats.requests.partially_granted": 2, "stats.requests.correction_requested": 1}
    # the evidence is the original text, page footer included
    assert fields["stats.requests.correction_requested"].evidence.text == "告知作出更改补充：\n\n— 2 —\n1件"


def test_the_mapping_keeps_what_the_generator_labelled(tmp_path, load_script):
    # a guard on the whole mapping: generated reports of every era, handed over with their own spans
    mod = load_script("prose_fields_synth")
    res = mod.score(30, 2024, ("legacy", "2019", "2021"), "gold", None, None)
    assert res["correct"] > 300
    assert res["precision"] >= 0.97 and res["recall"] >= 0.93
    out = tmp_path / "s.json"
    assert mod.main(["--n", "2", "--eras", "legacy", "--json", str(out), "--show", "stats.requests.received"]) == 0
    import json

    assert json.loads(out.read_text(encoding="utf-8"))["n"] == 2
    with pytest.raises(SystemExit):
        mod.main(["--eras", "1990"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2015年，共主动公开政府信息1523条，其中通过政府网站公开1320条，通过政府公报公开43条，通过其他方式公开160条。",
         {"stats.active.total": 1523, "stats.active.via_website": 1320, "stats.active.via_gazette": 43, "stats.active.via_other": 160}),
        # a 其中 sentence takes its context (申请) from the sentence before; another year there does not drop it
        ("2015年受理申请12件，比2014年增加3件。其中同意公开8件，不予公开1件。",
         {"stats.requests.received": 12, "stats.requests.granted": 8, "stats.requests.denied": 1}),
        ("全年共办结政府信息公开申请10件。", {"stats.requests.closed": 10}),
        ("本年度政府信息公开工作经费为2.5万元。", {"stats.organization.budget": 25000}),
        ("本机关共有政府信息公开工作人员5名，其中专职2名，兼职3名。",
         {"stats.organization.staff": 5, "stats.organization.staff_full_time": 2, "stats.organization.staff_part_time": 3}),
    ],
)
def test_channels_without_their_object_and_sentences_that_go_on(text, expected):
    values, *_ = fields_of(text, year=2015)
    assert values == expected


def test_a_pdf_table_that_took_in_the_paragraph_above_it_leaves_that_paragraph_to_the_prose():
    from gainer.types import Table

    prose = "（五）监督保障。全年召开政务公开专题会议3次，\n举办政务公开培训班2期。\n"
    table = "二、主动公开政府信息情况\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t3\n"
    text = prose + table
    doc = Document(text=text, tables=(Table((), 0, len(text), "pdf"),))
    ranges = table_ranges(doc, "legacy")
    assert ranges == [(len(prose), len(text))]
    assert "培训班2期" in "".join(text[a:b] for a, b in prose_regions(len(text), ranges))


def test_a_name_cut_in_two_around_a_verb_is_read_whole():
    # the tagger marked 信息咨询电话 and 答复 apart; 答复 alone would be a count of answered requests
    text = "其中公开信息咨询电话接听答复926次，当面咨询752人次。"
    spans = _spans(text, ("METRIC", "信息咨询电话"), ("METRIC", "答复"), ("VALUE", "926次"), ("METRIC", "当面咨询"), ("VALUE", "752人次"))
    fields, _, _ = map_spans(text, spans, year=2018, schema=SCHEMA)
    assert {k: v.value for k, v in fields.items()} == {"stats.consultations.by_phone": 926, "stats.consultations.on_site": 752}
    assert fields["stats.consultations.by_phone"].evidence.text == "信息咨询电话接听答复926次"


def test_a_head_noun_left_just_outside_the_metric_still_names_it():
    text = "本报告年度未收到公众关于政府信息公开的申请。"
    spans = _spans(text, ("VALUE", "未"), ("METRIC", "政府信息公开"))
    fields, _, _ = map_spans(text, spans, year=2018, schema=SCHEMA)
    assert {k: v.value for k, v in fields.items()} == {"stats.requests.received": 0}
    # but not a head noun further away, nor another word
    for text, metric in (("未收到关于政府信息公开工作的申请。", "政府信息公开"), ("未发生政府信息公开的投诉。", "政府信息公开")):
        fields, _, _ = map_spans(text, _spans(text, ("VALUE", "未"), ("METRIC", metric)), year=2018, schema=SCHEMA)
        assert "stats.requests.received" not in fields
