"""``python -m gainer evaluate``: extract (or load) records, score them against gold, print and save."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import InputError
from .evaluate import evaluate_dir, find_gold, load_gold, seqeval_scores, span_scores
from .prose import tag_text_prose
from .readers import SUPPORTED_EXTENSIONS


def _report_for(name: str, gold_path: Path, reports_dir: Path | None) -> Path | None:
    """The report file a gold file describes: beside it (<name>/report.*), in --reports, or its source path."""
    cands = []
    if gold_path.name == "gold.json":
        cands += sorted(gold_path.parent.glob("report.*"))
    if reports_dir is not None:
        cands += sorted(p for p in reports_dir.glob(f"{name}.*") if p.suffix.lower() in SUPPORTED_EXTENSIONS)
    src = (load_gold(gold_path).source or {}).get("path")
    if src:
        for base in (gold_path.parent, Path.cwd(), Path.cwd().parent):
            p = base / src
            if p.is_file():
                cands.append(p)
    return next((c for c in cands if c.is_file() and c.suffix.lower() in SUPPORTED_EXTENSIONS), None)


def score_spans(annotations, use_model: bool, model, backstop: bool = True) -> dict:
    """Tag the annotated texts and score the spans: seqeval strict IOB2 per label, and exact span sets."""
    from .annotate.bio import spans_to_tags
    from .annotate.labelstudio_json import load_tasks
    from .tagging import get_tagger

    paths = [annotations] if isinstance(annotations, (str, Path)) else list(annotations)
    docs = [d for p in paths for d in load_tasks(p, strict=True)[0]]
    if not docs:
        raise InputError("no annotated texts found", source=", ".join(map(str, paths)), hint="pass a Label Studio JSON export or a folder of them")
    tag, _ = get_tagger(use_model=use_model, model=model)
    preds = [tag_text_prose(tag, d.text, backstop=use_model and backstop) for d in docs]
    gold_tags = [spans_to_tags(len(d.text), d.spans) for d in docs]
    pred_tags = [spans_to_tags(len(d.text), p) for d, p in zip(docs, preds)]
    return {"seqeval": seqeval_scores(gold_tags, pred_tags), "spans": span_scores([list(d.spans) for d in docs], preds), "texts": len(docs)}


def run_evaluate(args: argparse.Namespace) -> int:
    from .api import extract_many

    gold_paths = find_gold(args.gold)
    records: dict[str, object] = {}
    if args.pred:
        pred_dir = Path(args.pred)
        if not pred_dir.is_dir():
            raise InputError("not a directory of saved records", source=str(pred_dir), hint="write them with `predict DIR --out DIR/`")
        for p in sorted(pred_dir.glob("*.json")):
            records[p.stem] = json.loads(p.read_text(encoding="utf-8"))
    else:
        if args.paths:
            files = [Path(p) for p in args.paths]
        else:
            reports_dir = Path(args.reports) if getattr(args, "reports", None) else None
            files = []
            for name, gp in gold_paths.items():
                f = _report_for(name, gp, reports_dir)
                if f is None:
                    print(f"gainer: no report file found for gold {gp}; it is scored as empty", file=sys.stderr)
                else:
                    files.append(f)
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="report", file=sys.stderr, disable=None)

        def progress(item) -> None:
            bar.update(1)
            if item.error:
                bar.write(f"gainer: skipped {item.path}: {item.error}", file=sys.stderr)

        items = extract_many(files, use_model=not args.no_model, model=args.model, progress=progress, backstop=not args.model_only)
        bar.close()
        for item in items:
            if item.record is not None:
                key = item.path.parent.name if item.path.stem == "report" else item.path.stem
                records[key] = item.record
    report = evaluate_dir(records, args.gold)
    print(report.to_table(mismatches=args.mismatches))
    out = report.to_dict()
    if args.spans:
        spans = score_spans(args.spans, not args.no_model, args.model, backstop=not args.model_only)
        out["span_scores"] = spans
        print()
        print(f"span scores on {spans['texts']} annotated texts (seqeval, strict IOB2):")
        for label, s in sorted(spans["seqeval"].get("labels", spans["seqeval"]).items()):
            if isinstance(s, dict) and "f1" in s:
                print(f"  {label:<10} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  support {s.get('support', '')}")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
