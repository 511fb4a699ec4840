"""Window merging and span decoding of the tagger: pure functions on hand-written scores (no torch)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gainer.model.labels import LABELS
from gainer.model.merge import decode_spans, merge_windows, spans_to_char_tags
from gainer.types import Span

O, BM, IM, BV, IV = (np.eye(5)[i].tolist() for i in range(5))
NAN = [math.nan] * 5


def row(**p: float) -> list[float]:
    """A score row from label shorthands: row(O=.2, BV=.8)."""
    names = {"O": 0, "BM": 1, "IM": 2, "BV": 3, "IV": 4}
    r = [0.0] * 5
    for k, v in p.items():
        r[names[k]] = v
    return r


def span_of(text: str, sub: str, label: str = "VALUE", score: float | None = None, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``sub`` in ``text`` as a span."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return Span.from_text(text, i, i + len(sub), label, score)


# ---------------------------------------------------------------------------
# merge_windows


def test_merge_single_window_is_identity():
    probs = [O, BM, IM]
    out = merge_windows(3, [([(0, 1), (1, 2), (2, 3)], probs)])
    assert out.tolist() == probs


def test_merge_averages_overlapping_windows():
    w1 = ([(0, 1), (1, 2), (2, 3)], [O, row(O=0.6, BV=0.4), row(IV=1.0)])
    w2 = ([(1, 2), (2, 3), (3, 4)], [row(O=0.2, BV=0.8), row(IV=0.5, O=0.5), O])
    out = merge_windows(4, [w1, w2])
    assert out[0].tolist() == O
    assert np.allclose(out[1], row(O=0.4, BV=0.6))
    assert np.allclose(out[2], row(IV=0.75, O=0.25))
    assert out[3].tolist() == O


def test_merge_three_windows_on_one_char():
    ws = [([(0, 1)], [row(BM=1.0)]), ([(0, 1)], [row(O=1.0)]), ([(0, 1)], [row(BM=1.0)])]
    assert np.allclose(merge_windows(1, ws)[0], row(BM=2 / 3, O=1 / 3))


def test_uncovered_chars_are_nan():
    out = merge_windows(4, [([(0, 1), (3, 4)], [O, BV])])
    assert np.isnan(out[1]).all() and np.isnan(out[2]).all()
    assert out[3].tolist() == BV


def test_special_tokens_with_empty_offsets_are_skipped():
    out = merge_windows(2, [([(0, 0), (0, 1), (1, 2), (0, 0)], [BV, O, BM, BV])])
    assert out.tolist() == [O, BM]


def test_multichar_token_moves_b_onto_i_after_its_first_char():
    out = merge_windows(4, [([(0, 4)], [row(BV=0.9, O=0.1)])])
    assert np.allclose(out[0], row(BV=0.9, O=0.1))
    for i in (1, 2, 3):
        assert np.allclose(out[i], row(IV=0.9, O=0.1))


def test_merge_no_windows_and_zero_chars():
    assert merge_windows(0, []).shape == (0, len(LABELS))
    assert np.isnan(merge_windows(2, [])).all()


@pytest.mark.parametrize(
    "window",
    [
        ([(0, 1)], [O, O]),  # more rows than offsets
        ([(0, 1)], [[1.0, 0.0]]),  # wrong number of labels
        ([(0, 9)], [O]),  # offsets past the text
    ],
)
def test_merge_rejects_malformed_windows(window):
    with pytest.raises(ValueError):
        merge_windows(3, [window])


# ---------------------------------------------------------------------------
# decoding


def test_decode_hand_written_scores():
    text = "公开225条"
    probs = [row(BM=0.9, O=0.1), row(IM=0.8, O=0.2), row(BV=0.7, O=0.3), row(IV=0.9, O=0.1), row(IV=0.6, O=0.4), row(IV=0.5, O=0.4, IM=0.1)]
    spans = decode_spans(text, probs)
    assert [(s.start, s.end, s.label, s.text) for s in spans] == [(0, 2, "METRIC", "公开"), (2, 6, "VALUE", "225条")]
    assert spans[0].score == pytest.approx(0.85)
    assert spans[1].score == pytest.approx((0.7 + 0.9 + 0.6 + 0.5) / 4)


def test_decode_lenient_start_on_orphan_i():
    spans = decode_spans("ab", [O, IV])
    assert [(s.start, s.end, s.label) for s in spans] == [(1, 2, "VALUE")]


def test_decode_label_change_splits_spans():
    spans = decode_spans("abcd", [BM, IM, IV, IV])
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 2, "METRIC"), (2, 4, "VALUE")]


def test_decode_b_after_b_starts_a_new_span():
    spans = decode_spans("ab", [BV, BV])
    assert [(s.start, s.end) for s in spans] == [(0, 1), (1, 2)]


def test_whitespace_inside_a_span_is_kept_but_never_at_its_edges():
    text = " 1 234 件 "
    probs = [NAN, BV, NAN, IV, IV, IV, NAN, O, NAN]
    spans = decode_spans(text, probs)
    assert [(s.start, s.end, s.text) for s in spans] == [(1, 6, "1 234")]
    # a span that ends before whitespace followed by O ends on its last token
    spans = decode_spans("12 件", [BV, IV, NAN, O])
    assert [s.text for s in spans] == ["12"]


def test_decode_empty_and_all_whitespace():
    assert decode_spans("", np.zeros((0, 5))) == []
    assert decode_spans("  \n", [NAN, NAN, NAN]) == []


def test_decode_rejects_misaligned_scores():
    with pytest.raises(ValueError):
        decode_spans("abc", [O, O])


def test_spans_always_slice_the_original_text():
    text = "全年收到申请１２件，办结率100%。"
    probs = [O] * len(text)
    probs[6], probs[7], probs[8] = BV, IV, IV
    (span,) = decode_spans(text, probs)
    assert span.text == text[span.start : span.end] == "１２件"


# ---------------------------------------------------------------------------
# round trip with hypothesis: hard tags -> spans -> tags

labels_st = st.sampled_from(["METRIC", "VALUE"])


@st.composite
def text_and_spans(draw):
    n = draw(st.integers(0, 40))
    cuts = sorted(draw(st.sets(st.integers(0, n), max_size=10)))
    spans = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        if b > a:
            spans.append(Span(a, b, draw(labels_st)))
    text = "".join(draw(st.lists(st.sampled_from("年公开条件12345，。"), min_size=n, max_size=n)))
    return text, spans


@given(text_and_spans())
def test_hard_tags_decode_back_to_the_same_spans(case):
    text, spans = case
    tags = spans_to_char_tags(len(text), spans)
    probs = [np.eye(5)[LABELS.index(t)] for t in tags] if text else np.zeros((0, 5))
    decoded = decode_spans(text, probs)
    assert [s.key() for s in decoded] == [s.key() for s in sorted(spans, key=lambda s: s.start)]
    assert all(s.text == text[s.start : s.end] and s.score == 1.0 for s in decoded)


@given(st.integers(1, 60), st.integers(1, 12), st.data())
def test_merged_windows_equal_the_single_window_when_scores_agree(n, max_len, data):
    from gainer.model.tokenizer import windows

    stride = data.draw(st.integers(0, max_len - 1))
    rng = np.random.default_rng(n * 100 + max_len)
    full = rng.dirichlet(np.ones(5), size=n)
    offsets = [(i, i + 1) for i in range(n)]
    ws = [(offsets[s:e], full[s:e]) for s, e in windows(n, max_len, stride)]
    assert np.allclose(merge_windows(n, ws), full)


def test_decode_keeps_a_figure_whole_when_b_and_i_are_close():
    # the model is sure these are VALUE characters, unsure which is first: one span, not "4" + "43条"
    text = "信息443条，"
    probs = [IM, IM, row(BV=0.3, IV=0.68, O=0.02), row(BV=0.56, IV=0.43, O=0.01), row(BV=0.4, IV=0.58, O=0.02), IV, O]
    (metric, value) = decode_spans(text, probs)
    assert (metric.label, metric.text) == ("METRIC", "信息")
    assert (value.label, value.text) == ("VALUE", "443条")
    assert 0.98 <= value.score <= 1.0


def test_decode_confident_b_splits_a_run_of_one_label():
    text = "ab"
    assert [s.text for s in decode_spans(text, [BV, row(BV=0.85, IV=0.15)], new_span_at=0.8)] == ["a", "b"]
    assert [s.text for s in decode_spans(text, [BV, row(BV=0.85, IV=0.15)], new_span_at=0.9)] == ["ab"]


def test_drop_fragments_keeps_what_the_scheme_allows():
    from gainer.model.merge import drop_fragments
    from gainer.types import Span

    text = "任未5条信息三件"
    spans = [Span.from_text(text, 0, 1, "METRIC"), Span.from_text(text, 1, 2, "VALUE"), Span.from_text(text, 2, 3, "VALUE"),
             Span.from_text(text, 3, 4, "VALUE"), Span.from_text(text, 4, 6, "METRIC"), Span.from_text(text, 6, 8, "VALUE")]
    assert [s.text for s in drop_fragments(spans)] == ["未", "5", "信息", "三件"]
    assert drop_fragments([]) == []


def test_drop_orphan_metrics_keeps_metrics_with_a_figure_in_their_clause():
    from gainer.model.merge import drop_orphan_metrics
    from gainer.types import Span

    def spans(text, *subs):
        out = []
        for sub, label in subs:
            i = text.index(sub)
            out.append(Span.from_text(text, i, i + len(sub), label))
        return out

    text = "加强主动公开政府信息工作，全年公开政府\n信息225条；未发生行政复议。\n\n政务公开\n"
    got = drop_orphan_metrics(text, spans(text, ("主动公开政府信息", "METRIC"), ("公开政府\n信息", "METRIC"), ("225条", "VALUE"),
                                          ("未", "VALUE"), ("行政复议", "METRIC"), ("政务公开", "METRIC")))
    # the first clause has no figure; a single line break does not end a clause; a blank line does
    assert [s.text for s in got] == ["公开政府\n信息", "225条", "未", "行政复议"]
    assert drop_orphan_metrics("", []) == []


def test_drop_non_counts_removes_dates_number_pieces_and_list_numbers():
    from gainer.model.merge import drop_non_counts

    text = "（三）主办件已于2017年6月20日前办结，一是收到申请3件、1 2条；十、其他，第二十三次"

    def at(sub, label="VALUE", nth=0):
        return span_of(text, sub, label, nth=nth)

    dropped = [at("三"), at("20"), at("2017年"), at("6月"), at("20日"), at("17", nth=0), at("一"), at("十")]
    kept = [at("3件"), at("2条"), at("二十三次"), at("主办件", "METRIC"), at("2017年", "METRIC")]
    got = drop_non_counts(text, dropped + kept)
    assert [s.text for s in got] == [s.text for s in kept]
    assert drop_non_counts("", []) == []


def test_split_values_cuts_a_value_at_punctuation_and_leaves_metrics_alone():
    from gainer.model.merge import clean_spans, split_values

    text = "低保户904户,1448人；发放 12份 、 3本，公示、人事信息23条，访问1,083次，２０７,１８０人次，5\n,182份"

    def at(sub, label="VALUE"):
        return span_of(text, sub, label, 0.7)

    got = split_values(text, [at("904户,1448"), at("12份 、 3本，"), at("公示、人事信息", "METRIC"), at("23条"), at("1,083次，"), at("２０７,１８０人次"), at("5\n,182份")])
    assert [(s.text, s.label) for s in got] == [("904户", "VALUE"), ("1448", "VALUE"), ("12份", "VALUE"), ("3本", "VALUE"), ("公示、人事信息", "METRIC"), ("23条", "VALUE"), ("1,083次", "VALUE"), ("２０７,１８０人次", "VALUE"), ("5\n,182份", "VALUE")]
    assert all(text[s.start : s.end] == s.text and s.score == 0.7 for s in got)
    # a piece that is punctuation only leaves nothing; the cleaning then widens 1448 to its unit
    assert [s.text for s in split_values(text, [at("904户,")])] == ["904户"]
    assert [s.text for s in clean_spans(text, [at("904户,1448")], words=[])] == ["904户", "1448人"]
    assert split_values("", []) == []


def test_trim_light_verbs_cuts_a_metric_after_its_last_light_verb():
    from gainer.model.merge import trim_light_verbs

    text = "邀请专家进行安全生产讲座1次，组织开展 宣传活动3场，举办班2期，报送政务信息5条，召开会3次"

    def at(sub, label="METRIC"):
        return span_of(text, sub, label, 0.8)

    spans = [at("专家进行安全生产讲座"), at("1次", "VALUE"), at("组织开展 宣传活动"), at("举办班"), at("报送政务信息"), at("召开会")]
    got = trim_light_verbs(text, spans)
    # fewer than two characters after the verb: left alone (举办班, 召开会); no light verb: untouched
    assert [s.text for s in got] == ["安全生产讲座", "1次", "宣传活动", "举办班", "报送政务信息", "召开会"]
    assert all(text[s.start : s.end] == s.text and s.score == 0.8 for s in got)
    assert trim_light_verbs("", []) == []


def test_drop_non_counts_removes_a_bare_chinese_numeral_but_not_zero_or_a_figure_with_its_unit():
    from gainer.model.merge import drop_non_counts

    text = "对农村五保供养对象免收费用，“两会”期间零投诉，办理两件，七项制度，共 5"

    def at(sub):
        return span_of(text, sub)

    got = drop_non_counts(text, [at("五"), at("两"), at("零"), at("两件"), at("七项"), at("5")])
    assert [s.text for s in got] == ["零", "两件", "七项", "5"]


def test_drop_non_counts_removes_percentages_and_running_totals_but_not_the_years_total():
    from gainer.model.merge import drop_non_counts

    text = ("增幅19.7%，占百分之八十，办结率100 ％；现已累计印发36万份，全年累计公开信息225条，"
            "累计已达1200件，历年累计受理40件，截至目前共收到申请56件。办理申请3件")

    def at(sub):
        return span_of(text, sub)

    spans = [at("19.7%"), at("百分之八十"), at("100"), at("36万份"), at("225条"), at("1200件"), at("40件"), at("56件"), at("3件")]
    # 100 is followed by its ％ after a space: still a share
    assert [s.text for s in drop_non_counts(text, spans)] == ["225条", "3件"]
    # the running-total words reach only to the end of their clause
    t2 = "现已累计印发36万份。全年公开信息225条"
    assert [s.text for s in drop_non_counts(t2, [span_of(t2, "225条")])] == ["225条"]


def test_snap_values_widens_a_figure_to_its_unit_and_marks_only():
    from gainer.model.merge import snap_values
    from gainer.types import Span

    text = "移交档案18卷，学习10课时，发放近200份，受理申请3件申请，咨询225 条，13期36万份"

    def at(sub, label="VALUE"):
        return span_of(text, sub, label)

    got = snap_values(text, [at("18"), at("10课"), at("200份"), at("3"), at("申请", "METRIC"), at("225 条"), at("13期36")])
    assert [(s.text, s.label) for s in got] == [
        ("18卷", "VALUE"), ("10课时", "VALUE"), ("近200份", "VALUE"),
        ("申请", "METRIC"),  # the first 申请: untouched
        ("3件", "VALUE"),
        ("225 条", "VALUE"),  # never shrinks to the unit-less 225
        ("13期36", "VALUE"),  # two figures overlap it: left alone
    ]
    # a wider span that would overlap a neighbour is not taken
    t2 = "案件7件数"
    blocked = snap_values(t2, [Span.from_text(t2, 2, 3, "VALUE"), Span.from_text(t2, 3, 5, "METRIC")])
    assert [s.text for s in blocked] == ["7", "件数"]
    assert snap_values("", []) == []


def test_span_cleaning_keeps_every_gold_span():
    """The cleaning steps only remove or widen what the annotation guide never marks: applied to the
    gold spans of the annotated seeds and of generated reports they change nothing."""
    from pathlib import Path

    from gainer.annotate.labelstudio_json import load_tasks
    from gainer.annotate.synth import generate
    from gainer.model.merge import (
        absorb_stray_values,
        drop_fragments,
        drop_non_counts,
        drop_orphan_metrics,
        drop_shadowed_metrics,
        join_adjacent_metrics,
        join_coordinated_metrics,
        snap_values,
        split_values,
        trim_metric_punct,
    )

    seeds, _ = load_tasks(Path(__file__).resolve().parent.parent / "annotations" / "seeds")
    assert len(seeds) == 5
    for d in seeds + generate(60, seed=11, noise=0.5):
        gold = sorted(d.spans, key=lambda s: (s.start, s.end))
        cleaned = drop_fragments(absorb_stray_values(d.text, split_values(d.text, gold)))
        cleaned = drop_non_counts(d.text, snap_values(d.text, join_adjacent_metrics(d.text, trim_metric_punct(d.text, cleaned))))
        cleaned = join_coordinated_metrics(d.text, cleaned)
        assert [(s.start, s.end, s.label) for s in cleaned] == [(s.start, s.end, s.label) for s in gold], d.id
        # a METRIC cut off from its figure by another name is one with no figure in its clause at all
        orphans = set(gold) - set(drop_orphan_metrics(d.text, gold))
        assert set(gold) - set(drop_shadowed_metrics(d.text, gold)) <= orphans, d.id


def test_clean_spans_runs_the_steps_in_order_and_joins_again_after_snapping():
    """城乡 | 民 | 低生 | 保障对象: a one-character piece is dropped, snapping widens the others to their words,
    and the pieces, now side by side, become one METRIC; a METRIC with no figure in its clause goes."""
    from gainer.model.merge import clean_spans

    t = "城乡居民最低生活保障对象120人。“工作动态”；办理"
    words = [(0, 4), (4, 8), (8, 12), (12, 15), (15, 16), (16, 17), (17, 18), (18, 22), (22, 23), (23, 24), (24, 26)]
    pieces = [(0, 2, "METRIC"), (3, 4, "METRIC"), (5, 7, "METRIC"), (8, 12, "METRIC"), (12, 15, "VALUE"), (17, 23, "METRIC")]
    out = clean_spans(t, [Span.from_text(t, a, b, lab, 0.9) for a, b, lab in pieces], words)
    assert [(s.text, s.label) for s in out] == [("城乡居民最低生活保障对象", "METRIC"), ("120人", "VALUE")]
    assert all(t[s.start : s.end] == s.text for s in out)
    assert clean_spans("", [], []) == []


def test_clean_spans_trims_punctuation_that_snapping_leaves_at_a_metric_edge():
    """进行安全生产大检查、大 | 排 | 查: the lone 查 is dropped, snapping moves the end back out of 大排查 to
    the 、 before it, and that edge 、 must go too (a METRIC never ends in punctuation)."""
    from gainer.model.merge import clean_spans

    t = "集中进行安全生产大检查、大排查4次。"
    words = [(0, 2), (2, 4), (4, 6), (6, 8), (8, 9), (9, 11), (11, 12), (12, 15), (15, 16), (16, 17), (17, 18)]
    pieces = [(2, 13, "METRIC"), (14, 15, "METRIC"), (15, 17, "VALUE")]
    out = clean_spans(t, [Span.from_text(t, a, b, lab, 0.9) for a, b, lab in pieces], words)
    assert [(s.text, s.label) for s in out] == [("安全生产大检查", "METRIC"), ("4次", "VALUE")]


def test_clean_spans_keeps_gold_spans_but_metrics_without_a_figure_in_their_clause():
    """The whole cleaning, with jieba's words, on the seeds' gold spans and on generated ones: nothing else
    is added; the seeds' 3 gold METRICs with no VALUE in their clause go (drop_orphan_metrics), and a METRIC
    that jieba's words move (化解[矛盾纠纷]) is lost in its gold form."""
    from pathlib import Path

    pytest.importorskip("jieba")
    from gainer.annotate.labelstudio_json import load_tasks
    from gainer.annotate.synth import generate
    from gainer.model.merge import clean_spans

    seeds, _ = load_tasks(Path(__file__).resolve().parent.parent / "annotations" / "seeds")
    lost = 0
    for d in seeds + generate(40, seed=13, noise=0.5):
        gold = sorted(d.spans, key=lambda s: (s.start, s.end))
        kept = {(s.start, s.end, s.label) for s in clean_spans(d.text, gold)}
        missing = [s for s in gold if (s.start, s.end, s.label) not in kept]
        assert all(s.label == "METRIC" for s in missing), d.id
        moved = kept - {(s.start, s.end, s.label) for s in gold}  # a METRIC's boundary moved to a word edge
        assert all(lab == "METRIC" and any(m.start < b and a < m.end for m in missing) for a, b, lab in moved), d.id
        lost += len(missing)
    assert lost <= 5


def test_snap_metrics_moves_boundaries_to_word_edges():
    from gainer.model.merge import snap_metrics

    text = "共出动防汛抢险人员80人，突击抽查8次"
    words = [(0, 3), (3, 5), (5, 7), (7, 9), (9, 11), (11, 12), (12, 13), (13, 15), (15, 17), (17, 18), (18, 19)]

    def sp(a, b, label="METRIC"):
        return Span.from_text(text, a, b, label)

    got = snap_metrics(text, [sp(2, 9), sp(9, 12, "VALUE"), sp(14, 17)], words)
    assert [s.text for s in got] == ["防汛抢险人员", "80人", "突击抽查"]  # 1 of 3 chars of 共出动: in; 1 of 2 of 突击: out
    # a move that would overlap a neighbour, or leave one character, is not made; VALUEs never move
    assert [s.text for s in snap_metrics(text, [sp(1, 4), sp(4, 6)], words)] == ["出动防", "汛抢"]
    assert [s.text for s in snap_metrics(text, [sp(10, 11, "VALUE")], words)] == ["0"]
    assert snap_metrics("", [], []) == []


def test_snap_metrics_keeps_gold_metrics_on_word_edges():
    """Annotated METRICs are whole words: jieba's boundaries move none of the seeds' 160 and almost none
    of the generated ones (jieba reads a few verb-object pairs as one word: 化解矛盾 of 化解矛盾纠纷, whose
    METRIC is 矛盾纠纷)."""
    from pathlib import Path

    pytest.importorskip("jieba")
    from gainer.annotate.labelstudio_json import load_tasks
    from gainer.annotate.synth import generate
    from gainer.model.merge import snap_metrics
    from gainer.model.words import word_spans

    def moved(docs):
        n = 0
        for d in docs:
            gold = sorted(d.spans, key=lambda s: (s.start, s.end))
            n += sum((a.start, a.end) != (b.start, b.end) for a, b in zip(gold, snap_metrics(d.text, gold, word_spans(d.text))))
        return n

    seeds, _ = load_tasks(Path(__file__).resolve().parent.parent / "annotations" / "seeds")
    assert moved(seeds) == 0
    assert moved(generate(40, seed=13, noise=0.5)) <= 2


def test_snap_values_drops_what_comes_before_the_figure_and_non_counts_drop_ages_and_page_counters():
    from gainer.model.merge import drop_non_counts, snap_values

    text = "办理投诉件75，低保户9户，1448人；60岁以上老人；浏览：28135次；刊发文件十\n六条；检查将近\n130场次"

    def at(sub):
        return span_of(text, sub)

    got = snap_values(text, [at("件75"), at("，1448人"), at("十\n六条"), at("将近\n130场次")])
    assert [s.text for s in got] == ["75", "1448人", "十\n六条", "将近\n130场次"]  # a numeral or approximation word before the figure is kept
    assert [s.text for s in drop_non_counts(text, [at("9户"), at("60"), at("60岁"), at("28135次")])] == ["9户"]
    # a VALUE with no figure in it (多次, 若干) is not a count; the zero words are
    t2 = "多次召开会议，若干人参加，未收到申请，没 有发生诉讼，零投诉，1O件"
    def at2(sub):
        i = t2.index(sub)
        return Span.from_text(t2, i, i + len(sub), "VALUE")
    got = drop_non_counts(t2, [at2("多次"), at2("若干"), at2("未"), at2("没 有"), at2("零"), at2("1O件")])
    assert [s.text for s in got] == ["未", "没 有", "零", "1O件"]


def test_trim_metric_punct_cuts_quotes_and_punctuation_off_metric_edges():
    from gainer.model.merge import trim_metric_punct

    t = "“同意部分公开”的1件；“非本单位掌握的1件，（行政复议）2件，“双随机、一公开”信息3条，《条例》规定事项4项"
    def m(sub: str, start: int = 0) -> Span:
        i = t.index(sub, start)
        return Span.from_text(t, i, i + len(sub), "METRIC", 0.7)

    spans = [
        m("“同意部分公开”"),            # a pair around the whole span: both go
        m("；“非本单位掌握"),            # edge punctuation and an unpaired opener go
        m("（行政复议）"),               # brackets around the whole span go
        m("“双随机、一公开”信息"),       # a pair inside the span stays
        m("《条例》规定事项"),            # so does a book-title pair
        m("件，（"),                    # one character left: dropped
        Span.from_text(t, t.index("1件"), t.index("1件") + 2, "VALUE"),  # VALUEs pass through
    ]
    out = trim_metric_punct(t, spans)
    assert [(s.text, s.label) for s in out] == [
        ("同意部分公开", "METRIC"), ("非本单位掌握", "METRIC"), ("行政复议", "METRIC"),
        ("“双随机、一公开”信息", "METRIC"), ("《条例》规定事项", "METRIC"), ("1件", "VALUE"),
    ]
    assert all(t[s.start : s.end] == s.text for s in out)
    assert out[0].score == 0.7
    assert trim_metric_punct("", []) == []
    # a closer before its opener inside the span keeps the outer pair (stripping it would unbalance them)
    t2 = "“甲”与“乙”"
    assert [s.text for s in trim_metric_punct(t2, [Span.from_text(t2, 0, len(t2), "METRIC")])] == ["“甲”与“乙”"]


def test_join_adjacent_metrics_joins_only_metrics_with_nothing_but_whitespace_between():
    from gainer.model.merge import join_adjacent_metrics

    t = "办理4050人员政策补贴162人，应届\n毕业生23名，现场咨询、电话咨询"
    def at(sub: str, label: str = "METRIC", score: float = 0.8) -> Span:
        return span_of(t, sub, label, score)

    spans = [at("4050人员", score=0.9), at("政策补贴", score=0.6), at("162人", "VALUE"), at("应届"), at("毕业生"),
             at("23名", "VALUE"), at("现场咨询"), at("电话咨询")]
    out = join_adjacent_metrics(t, list(reversed(spans)))  # order of the input does not matter
    assert [(s.text, s.label) for s in out] == [
        ("4050人员政策补贴", "METRIC"), ("162人", "VALUE"), ("应届\n毕业生", "METRIC"), ("23名", "VALUE"),
        ("现场咨询", "METRIC"), ("电话咨询", "METRIC"),  # a 、 between: two METRICs
    ]
    assert out[0].score == pytest.approx((0.9 * 6 + 0.6 * 4) / 10)
    assert all(t[s.start : s.end] == s.text for s in out)
    # a VALUE between two METRICs, or two adjacent VALUEs, are never joined
    t2 = "培训班2期3期"
    v = [Span.from_text(t2, 0, 3, "METRIC"), Span.from_text(t2, 3, 5, "VALUE"), Span.from_text(t2, 5, 7, "VALUE")]
    assert join_adjacent_metrics(t2, v) == v
    assert join_adjacent_metrics("", []) == []


def test_absorb_stray_values_gives_unit_like_pieces_inside_a_name_back_to_the_metric():
    from gainer.model.merge import absorb_stray_values, clean_spans

    t = "流入人口61人，交办的4件案件，条幅4条，双无家庭人员939人，未收到申请，无 收费"

    def at(sub, label="VALUE", score=0.8, nth=0):
        return span_of(t, sub, label, score, nth)

    spans = [at("流入", "METRIC", 0.9), at("人", nth=0), at("口", "METRIC", 0.6), at("61人"), at("4件"), at("案", "METRIC"),
             at("件", nth=1), at("条", nth=0), at("幅", "METRIC"), at("4条"), at("双", "METRIC"), at("无", nth=0),
             at("家庭人员", "METRIC"), at("939人"), at("未"), at("申请", "METRIC"), at("无", nth=1), at("收费", "METRIC")]
    out = absorb_stray_values(t, list(reversed(spans)))  # order of the input does not matter
    assert [(s.text, s.label) for s in out] == [
        ("流入人口", "METRIC"), ("61人", "VALUE"), ("4件", "VALUE"), ("案件", "METRIC"), ("条幅", "METRIC"),
        ("4条", "VALUE"), ("双无家庭人员", "METRIC"), ("939人", "VALUE"),
        ("未", "VALUE"), ("申请", "METRIC"),  # a zero word before its METRIC stays
        ("无", "VALUE"), ("收费", "METRIC"),  # also with whitespace between
    ]
    assert out[0].score == pytest.approx((0.9 * 2 + 0.8 * 1 + 0.6 * 1) / 4)
    assert all(t[s.start : s.end] == s.text for s in out)
    # a stray piece touching no METRIC is left to drop_fragments; a figure is never absorbed
    lone = [at("人", nth=0)]
    assert absorb_stray_values(t, lone) == lone
    fig = [at("流入", "METRIC"), at("人口61人")]
    assert absorb_stray_values(t, fig) == fig
    # through the whole cleaning, 流入|人|口 ends as one METRIC where before 口 was dropped as a fragment
    got = clean_spans(t, [at("流入", "METRIC"), at("人", nth=0), at("口", "METRIC"), at("61人")], words=[])
    assert [(s.text, s.label) for s in got] == [("流入人口", "METRIC"), ("61人", "VALUE")]
    assert absorb_stray_values("", []) == []


def test_join_coordinated_metrics_makes_things_counted_by_one_figure_one_metric():
    from gainer.model.merge import join_coordinated_metrics

    t = "工作动态52条，公示、人事信息23条；开展大检查及大排查、 专项检查4次；现场咨询、电话咨询12次、30次；行政复议、行政诉讼各0件；政府网站、政务微博分别发布信息5条、6条；现场咨询、电话咨询"

    def at(sub, label="METRIC", score=0.8, nth=0):
        return span_of(t, sub, label, score, nth)

    spans = [at("工作动态"), at("52条", "VALUE"), at("公示", score=0.5), at("人事信息", score=1.0), at("23条", "VALUE"),
             at("大检查"), at("大排查"), at("专项检查"), at("4次", "VALUE"),
             at("现场咨询"), at("电话咨询"), at("12次", "VALUE"), at("30次", "VALUE"),
             at("行政复议"), at("行政诉讼"), at("0件", "VALUE"), at("政府网站"), at("政务微博"), at("信息", nth=1), at("5条", "VALUE"), at("6条", "VALUE"),
             at("现场咨询", nth=1), at("电话咨询", nth=1)]
    out = join_coordinated_metrics(t, spans)
    assert [s.text for s in out] == [
        "工作动态", "52条", "公示、人事信息", "23条", "大检查及大排查、 专项检查", "4次",
        "现场咨询", "电话咨询", "12次", "30次",  # a figure each: a list, kept apart
        "行政复议", "行政诉讼", "0件",  # 各 between: not directly before the figure
        "政府网站", "政务微博", "信息", "5条", "6条",  # 分别发布 is no coordinator
        "现场咨询", "电话咨询",  # no figure after them
    ]
    assert out[2].score == pytest.approx((0.5 * 2 + 1.0 * 4) / 6)
    assert all(t[s.start : s.end] == s.text for s in out)
    assert join_coordinated_metrics("", []) == []


def test_drop_shadowed_metrics_drops_a_name_cut_off_from_its_figure_by_another():
    from gainer.model.merge import drop_shadowed_metrics

    t = ("明确1名工作人员专人负责信息公开工作；设立了1个专门的信息申请受理点；该行政复议件未被复议审查机关纠错；"
         "未发生行政复议案、行政诉讼案以及针对本单位的申诉案；政府网站、政务微博分别发布信息5条、6条；为257名老人办理了老年人保险")

    def at(sub, label="METRIC", nth=0):
        return span_of(t, sub, label, 0.8, nth)

    spans = [at("1名", "VALUE"), at("工作人员"), at("信息", nth=0), at("1个", "VALUE"), at("专门"), at("信息申请"),
             at("行政复议件"), at("未", "VALUE"), at("复议", nth=2), at("纠错"),
             at("未", "VALUE", nth=1), at("行政复议案"), at("行政诉讼案"), at("申诉案"),
             at("政府网站"), at("政务微博"), at("信息", nth=2), at("5条", "VALUE"), at("6条", "VALUE"),
             at("257名", "VALUE"), at("老人"), at("老年人保险")]
    out = drop_shadowed_metrics(t, spans)
    gone = [(s.text, s.start) for s in spans if s not in out]
    assert gone == [("信息", t.index("信息")), ("信息申请", t.index("信息申请")), ("老年人保险", t.index("老年人保险"))]
    assert drop_shadowed_metrics("", []) == []
