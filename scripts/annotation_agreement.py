"""Agreement between two annotations of the same reports (seqeval strict IOB2, as the tagger is scored).

    python scripts/annotation_agreement.py [--first annotations/seeds] [--second annotations/agreement] [--show]

Both are Label Studio JSON files or folders; tasks are matched by id (their texts must be equal). Only the
labels the second annotation uses are compared (annotations/agreement holds a second pass over the seeds'
METRICs, made from docs/annotation-guide.md without looking at the first). Prints precision, recall and F1
of the second against the first per report and pooled; --show lists the spans they disagree on. The figure
says how far the guide itself fixes a span's edges, the ceiling a tagger can be held to (docs/model.md).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gainer.errors import AnnotationError, GainerError  # noqa: E402


def agreement(first_path: str | Path, second_path: str | Path) -> dict:
    """``{"reports": {id: scores}, "pooled": scores, "labels": [...], "diffs": [(id, "first"|"second", text, start, end)]}``."""
    from gainer.annotate.labelstudio_json import load_tasks
    from gainer.model.scoring import span_scores
    from gainer.types import AnnotatedText

    first, _ = load_tasks(first_path)
    second, _ = load_tasks(second_path)
    by_id = {d.id: d for d in first}
    labels = sorted({s.label for d in second for s in d.spans})
    if not second or not labels:
        raise AnnotationError("the second annotation holds no labelled spans", source=str(second_path), hint="pass a Label Studio export with at least one labelled task")
    gold, pred, reports, diffs = [], [], {}, []
    for d in second:
        f = by_id.get(d.id)
        if f is None:
            raise AnnotationError(f"task {d.id} is not in the first annotation", source=str(second_path), hint=f"annotate the same tasks as {first_path}")
        if f.text != d.text:
            raise AnnotationError(f"task {d.id} has another text than in the first annotation", source=str(second_path), hint="both passes must label the same text")
        g = AnnotatedText(f.id, f.text, [s for s in f.spans if s.label in labels], f.meta)
        p = [s for s in d.spans if s.label in labels]
        gold.append(g)
        pred.append(p)
        reports[d.id] = span_scores([g], [p])
        gs, ps = {(s.start, s.end, s.label) for s in g.spans}, {(s.start, s.end, s.label) for s in p}
        diffs.extend((d.id, "first" if k in gs else "second", f.text[k[0] : k[1]], k[0], k[1]) for k in sorted(gs ^ ps))
    return {"reports": reports, "pooled": span_scores(gold, pred), "labels": labels, "diffs": diffs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--first", default=str(ROOT / "annotations" / "seeds"), help="the annotation taken as reference (default: annotations/seeds)")
    ap.add_argument("--second", default=str(ROOT / "annotations" / "agreement"), help="the other annotation (default: annotations/agreement)")
    ap.add_argument("--show", action="store_true", help="list the spans the two disagree on")
    args = ap.parse_args(argv)
    try:
        r = agreement(args.first, args.second)
    except GainerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for rid, s in [*r["reports"].items(), ("pooled", r["pooled"])]:
        print(rid, "  ".join(f"{lab} P {s[lab]['precision']:.3f} R {s[lab]['recall']:.3f} F1 {s[lab]['f1']:.3f} (n {s[lab]['support']})" for lab in r["labels"]))
    if args.show:
        for rid, side, text, s, e in r["diffs"]:
            print(f"  {rid[:12]} only in {side}: {text!r} [{s}:{e}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
