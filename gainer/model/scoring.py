"""Span scores of the tagger on annotated reports: seqeval in strict IOB2 mode over character tags."""
from __future__ import annotations

from typing import Any, Sequence

from ..types import AnnotatedText, Span, TAG_LABELS
from .merge import spans_to_char_tags


def span_scores(gold: Sequence[AnnotatedText], predicted: Sequence[Sequence[Span]]) -> dict[str, Any]:
    """Precision, recall, F1 and support per label (METRIC, VALUE) and micro-averaged.

    Both sides are turned into character IOB2 tags and scored with seqeval's strict mode, so a span
    counts only when its label, start and end all match.
    """
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold reports but {len(predicted)} predictions")
    y_true = [spans_to_char_tags(len(d.text), d.spans) for d in gold]
    y_pred = [spans_to_char_tags(len(d.text), p) for d, p in zip(gold, predicted)]
    report = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    out: dict[str, Any] = {}
    for label in (*TAG_LABELS, "micro avg"):
        r = report.get(label, {"precision": 0.0, "recall": 0.0, "f1-score": 0.0, "support": 0})
        out[label.replace(" avg", "")] = {
            "precision": round(float(r["precision"]), 4),
            "recall": round(float(r["recall"]), 4),
            "f1": round(float(r["f1-score"]), 4),
            "support": int(r["support"]),
        }
    return out
