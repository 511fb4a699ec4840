"""The tagger's label set: character-level IOB2 tags over gainer's span labels (METRIC, VALUE)."""
from __future__ import annotations

from ..types import TAG_LABELS

OUTSIDE = "O"
LABELS: tuple[str, ...] = (OUTSIDE,) + tuple(f"{p}-{t}" for t in TAG_LABELS for p in ("B", "I"))
LABEL2ID: dict[str, int] = {label: i for i, label in enumerate(LABELS)}
REQUIRED_LABELS: frozenset[str] = frozenset(LABELS[1:])


def split_tag(tag: str) -> tuple[str, str]:
    """``"B-VALUE" -> ("B", "VALUE")``; ``"O" -> ("O", "")``.

    >>> split_tag("I-METRIC")
    ('I', 'METRIC')
    """
    if tag == OUTSIDE or "-" not in tag:
        return OUTSIDE, ""
    prefix, _, kind = tag.partition("-")
    return prefix, kind
