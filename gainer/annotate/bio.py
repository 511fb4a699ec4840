"""Character-level IOB2 tags <-> spans: one tag per character of the text, ``B-X`` / ``I-X`` / ``O``.

The decoding is strict about labels: an ``I-X`` continues a span only when the character before it is
``B-X`` or ``I-X`` of the same label. An ``I-X`` after ``O`` or after a tag of another label is an
orphan; by default (``orphan="start"``) it starts a new span, as ``B-X`` would, so no tagged character
is lost. ``orphan="drop"`` discards orphan runs instead, which is what seqeval's strict IOB2 mode
counts (use it to compare with span scores computed by seqeval).

>>> spans_to_tags(6, [Span(0, 2, "METRIC", "复议"), Span(2, 4, "VALUE", "3件")])
['B-METRIC', 'I-METRIC', 'B-VALUE', 'I-VALUE', 'O', 'O']
>>> [s.key() for s in tags_to_spans("复议3件。", ["B-METRIC", "I-METRIC", "B-VALUE", "I-VALUE", "O"])]
[('METRIC', 0, 2), ('VALUE', 2, 4)]
>>> [s.text for s in tags_to_spans("复议3件", ["O", "I-METRIC", "I-VALUE", "I-VALUE"])]
['议', '3件']
"""
from __future__ import annotations

from typing import Iterable, Literal, Sequence

from ..errors import AnnotationError
from ..types import Span

OUTSIDE = "O"

__all__ = ["OUTSIDE", "spans_to_tags", "tags_to_spans", "tag_set"]


def tag_set(labels: Iterable[str]) -> list[str]:
    """All tags of a label set, ``O`` first, then ``B-X``, ``I-X`` per label in the given order.

    >>> tag_set(["METRIC", "VALUE"])
    ['O', 'B-METRIC', 'I-METRIC', 'B-VALUE', 'I-VALUE']
    """
    out = [OUTSIDE]
    for label in labels:
        out += [f"B-{label}", f"I-{label}"]
    return out


def spans_to_tags(text_len: int, spans: Iterable[Span], *, source: str = "<spans>") -> list[str]:
    """One IOB2 tag per character of a text of length ``text_len``.

    Spans must be non-empty, inside the text, labelled, and must not overlap (two spans over the same
    character cannot both be tagged): any of these raises :class:`AnnotationError`.
    """
    if isinstance(text_len, bool) or not isinstance(text_len, int) or text_len < 0:
        raise AnnotationError(f"expected a text length >= 0, got {text_len!r}", source=source, hint="pass len(text)")
    tags = [OUTSIDE] * text_len
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    prev: Span | None = None
    for s in ordered:
        if not s.label or "-" in s.label:
            raise AnnotationError(
                f"span [{s.start}, {s.end}) {s.text!r} has the label {s.label!r}; expected a non-empty label without '-'",
                source=source,
                hint="label every span, e.g. METRIC or VALUE",
            )
        if s.end <= s.start:
            raise AnnotationError(f"span [{s.start}, {s.end}) {s.label} is empty", source=source, hint="drop empty spans before tagging")
        if s.end > text_len:
            raise AnnotationError(
                f"span [{s.start}, {s.end}) {s.label} ends outside the text of length {text_len}",
                source=source,
                hint="the spans belong to another text, or the text was changed after annotation",
            )
        if prev is not None and s.start < prev.end:
            raise AnnotationError(
                f"spans [{prev.start}, {prev.end}) {prev.label} {prev.text!r} and [{s.start}, {s.end}) {s.label} {s.text!r} overlap; "
                "character tags need non-overlapping spans",
                source=source,
                hint="remove one of the two spans (load_tasks(..., strict=False) drops overlaps)",
            )
        tags[s.start] = f"B-{s.label}"
        for i in range(s.start + 1, s.end):
            tags[i] = f"I-{s.label}"
        prev = s
    return tags


def _split(tag: object, i: int, source: str) -> tuple[str, str]:
    if tag == OUTSIDE:
        return OUTSIDE, ""
    if isinstance(tag, str) and len(tag) > 2 and tag[1] == "-" and tag[0] in "BI":
        return tag[0], tag[2:]
    raise AnnotationError(
        f"tag {tag!r} at character {i} is not IOB2; expected 'O', 'B-<label>' or 'I-<label>'",
        source=source,
        hint="convert other schemes (BIOES, IO) to IOB2 first",
    )


def tags_to_spans(
    text: str,
    tags: Sequence[str],
    scores: Sequence[float] | None = None,
    *,
    orphan: Literal["start", "drop"] = "start",
    source: str = "<tags>",
) -> list[Span]:
    """The spans of one IOB2 tag per character of ``text``; ``span.text`` is sliced from ``text``.

    ``scores`` (one per character) gives each span the mean score of its characters. See the module
    docstring for how an ``I-`` tag without a matching ``B-`` (an orphan) is read.
    """
    if not isinstance(text, str):
        raise AnnotationError(f"expected the text as a string, got {type(text).__name__}", source=source, hint="pass the document text")
    if len(tags) != len(text):
        raise AnnotationError(
            f"{len(tags)} tags for a text of {len(text)} characters; expected one tag per character",
            source=source,
            hint="tag the same text the spans index, character by character",
        )
    if scores is not None and len(scores) != len(text):
        raise AnnotationError(f"{len(scores)} scores for a text of {len(text)} characters; expected one per character", source=source, hint="pass one score per tag")
    if orphan not in ("start", "drop"):
        raise AnnotationError(f"orphan={orphan!r}; expected 'start' or 'drop'", source=source, hint="see gainer.annotate.bio")
    out: list[Span] = []
    start = -1
    label = ""
    dropping = ""  # the label of an orphan run being dropped

    def close(end: int) -> None:
        score = None
        if scores is not None:
            score = float(sum(scores[start:end]) / (end - start))
        out.append(Span.from_text(text, start, end, label, score))

    for i, tag in enumerate(tags):
        kind, lab = _split(tag, i, source)
        if kind == "I" and start >= 0 and lab == label:
            continue
        if kind == "I" and dropping and lab == dropping:
            continue
        if start >= 0:
            close(i)
            start, label = -1, ""
        dropping = ""
        if kind == "B" or (kind == "I" and orphan == "start"):
            start, label = i, lab
        elif kind == "I":
            dropping = lab
    if start >= 0:
        close(len(tags))
    return out
