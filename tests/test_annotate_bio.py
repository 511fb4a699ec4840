"""Tests of gainer.annotate.bio: character IOB2 tags <-> spans."""
from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gainer.annotate import bio
from gainer.annotate.bio import spans_to_tags, tag_set, tags_to_spans
from gainer.errors import AnnotationError
from gainer.types import TAG_LABELS, Span

TEXT = "全年受理申请3件，未发生行政复议。"


def test_doctests() -> None:
    assert doctest.testmod(bio).failed == 0


def test_spans_to_tags_basic() -> None:
    spans = [Span.from_text(TEXT, 4, 6, "METRIC"), Span.from_text(TEXT, 6, 8, "VALUE")]
    tags = spans_to_tags(len(TEXT), spans)
    assert len(tags) == len(TEXT)
    assert tags[3:9] == ["O", "B-METRIC", "I-METRIC", "B-VALUE", "I-VALUE", "O"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_and_whitespace_texts(text: str) -> None:
    assert spans_to_tags(len(text), []) == ["O"] * len(text)
    assert tags_to_spans(text, ["O"] * len(text)) == []


def test_adjacent_spans_of_one_label_stay_apart() -> None:
    spans = [Span.from_text(TEXT, 4, 6, "VALUE"), Span.from_text(TEXT, 6, 8, "VALUE")]
    tags = spans_to_tags(len(TEXT), spans)
    assert [s.key() for s in tags_to_spans(TEXT, tags)] == [s.key() for s in spans]


@pytest.mark.parametrize(
    "spans, match",
    [
        ([Span(0, 4, "METRIC"), Span(2, 6, "VALUE")], "overlap"),
        ([Span(0, 4, "METRIC"), Span(0, 4, "VALUE")], "overlap"),
        ([Span(0, 40, "METRIC")], "outside the text"),
        ([Span(3, 3, "METRIC")], "empty"),
        ([Span(0, 2, "")], "label"),
        ([Span(0, 2, "B-METRIC")], "label"),
    ],
)
def test_spans_to_tags_refuses_bad_spans(spans: list[Span], match: str) -> None:
    with pytest.raises(AnnotationError, match=match):
        spans_to_tags(len(TEXT), spans)


@pytest.mark.parametrize("n", [-1, 2.5, None, True])
def test_spans_to_tags_refuses_bad_length(n: object) -> None:
    with pytest.raises(AnnotationError):
        spans_to_tags(n, [])  # type: ignore[arg-type]


def test_orphan_i_starts_a_span_by_default() -> None:
    tags = ["O", "I-METRIC", "I-METRIC", "I-VALUE", "O"]
    spans = tags_to_spans("复议申请3", tags)
    assert [(s.label, s.start, s.end, s.text) for s in spans] == [("METRIC", 1, 3, "议申"), ("VALUE", 3, 4, "请")]


def test_orphan_i_dropped_on_request() -> None:
    tags = ["O", "I-METRIC", "I-METRIC", "B-VALUE", "I-VALUE", "I-METRIC"]
    spans = tags_to_spans("复议申请3件", tags, orphan="drop")
    assert [s.key() for s in spans] == [("VALUE", 3, 5)]


def test_label_change_inside_a_run_starts_a_new_span() -> None:
    spans = tags_to_spans("行政复议", ["B-METRIC", "I-METRIC", "I-VALUE", "I-VALUE"])
    assert [s.key() for s in spans] == [("METRIC", 0, 2), ("VALUE", 2, 4)]


def test_span_text_is_sliced_from_the_text() -> None:
    text = "收费 0 元"
    spans = tags_to_spans(text, ["B-METRIC", "I-METRIC", "O", "B-VALUE", "I-VALUE", "I-VALUE"])
    assert spans[1].text == "0 元"
    assert all(s.matches(text) for s in spans)


def test_scores_are_averaged_per_span() -> None:
    spans = tags_to_spans("3件", ["B-VALUE", "I-VALUE"], scores=[0.5, 1.0])
    assert spans[0].score == pytest.approx(0.75)


@pytest.mark.parametrize(
    "tags, scores, match",
    [
        (["O"], None, "one tag per character"),
        (["O", "O", "X"], None, "not IOB2"),
        (["O", "O", "B-"], None, "not IOB2"),
        (["O", "O", "O"], [0.1], "scores"),
    ],
)
def test_tags_to_spans_refuses_bad_input(tags: list[str], scores: list[float] | None, match: str) -> None:
    with pytest.raises(AnnotationError, match=match):
        tags_to_spans("abc", tags, scores)


def test_tags_to_spans_refuses_non_text() -> None:
    with pytest.raises(AnnotationError):
        tags_to_spans(b"abc", ["O"] * 3)  # type: ignore[arg-type]
    with pytest.raises(AnnotationError, match="orphan"):
        tags_to_spans("a", ["O"], orphan="keep")  # type: ignore[arg-type]


def test_tag_set() -> None:
    assert tag_set(TAG_LABELS) == ["O", "B-METRIC", "I-METRIC", "B-VALUE", "I-VALUE"]


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(alphabet="公开申请行政复议0123456789件条 \n，。", min_size=0, max_size=60))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=12))))
    spans: list[Span] = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        if b > a and draw(st.booleans()):
            spans.append(Span.from_text(text, a, b, draw(st.sampled_from(TAG_LABELS))))
    return text, spans


@settings(max_examples=200, deadline=None)
@given(text_and_spans())
def test_round_trip_spans_tags_spans(data: tuple[str, list[Span]]) -> None:
    text, spans = data
    tags = spans_to_tags(len(text), spans)
    back = tags_to_spans(text, tags)
    assert back == spans


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["O", "B-METRIC", "I-METRIC", "B-VALUE", "I-VALUE"]), max_size=40))
def test_round_trip_tags_spans_tags(tags: list[str]) -> None:
    # decoding then encoding gives the tags back, with every orphan I- read as the B- that starts its span
    text = "x" * len(tags)
    normal = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        normal.append(t)
        prev = t
    assert spans_to_tags(len(text), tags_to_spans(text, tags)) == normal
