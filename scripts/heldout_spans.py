"""Held-out span scores of the annotated seeds, each scored by a model that never trained on it.

    python scripts/heldout_spans.py --fold gainer/resources/model 001 003 --fold build/fold-B 000 002 004 [--card gainer/resources/model]

Each ``--fold MODEL NAME...`` names a model and the annotated reports (under --annotations, default
annotations/seeds; a name is a prefix of a task id) it never saw. Prints seqeval strict IOB2 precision,
recall and F1 for METRIC and VALUE per fold and pooled over all folds, for the model alone, the lexicon
rules, and the model with the rules backstop (what extraction runs), on the reports' prose (the
fixed-format tables are left to the table parser and unmarked in the annotations). --json writes the
figures as JSON. --card MODEL_DIR records the model-alone figures (per fold and pooled) as the held-out
scores of the recipe in that model's gainer_model.json and model card (the shipped model's card holds
them: its own fold, and the other fold's model, trained the same way on the other seeds).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gainer.errors import GainerError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fold", nargs="+", action="append", required=True, metavar=("MODEL", "NAME"), help="a model and the reports it never trained on")
    ap.add_argument("--annotations", default=str(ROOT / "annotations" / "seeds"), help="Label Studio JSON file or folder (default: annotations/seeds)")
    ap.add_argument("--json", help="write the scores here")
    ap.add_argument("--card", metavar="MODEL_DIR", help="record the model-alone scores as the cross-validated figures in this model's card")
    args = ap.parse_args(argv)
    try:
        from gainer.annotate.labelstudio_json import load_tasks
        from gainer.model.io import load_model
        from gainer.model.scoring import span_scores
        from gainer.prose import tag_text_prose, with_backstop
        from gainer.prose.rules_tagger import tag as rules_tag

        docs, _ = load_tasks(args.annotations)
        folds: list[tuple[str, list]] = []
        for spec in args.fold:
            if len(spec) < 2:
                raise SystemExit(f"--fold {spec[0]}: name the reports the model never trained on after the model")
            chosen = [d for d in docs if any(d.id.startswith(n) for n in spec[1:])]
            missing = [n for n in spec[1:] if not any(d.id.startswith(n) for d in docs)]
            if missing:
                raise SystemExit(f"--fold {spec[0]}: no annotated report named {', '.join(missing)} in {args.annotations}")
            folds.append((spec[0], chosen))
        out: dict[str, dict] = {}
        cv_folds: list[dict] = []
        pooled: dict[str, tuple[list, list]] = {m: ([], []) for m in ("model", "rules", "model+rules")}
        for model_path, chosen in folds:
            tagger = load_model(model_path)
            model = [tag_text_prose(tagger.tag, d.text) for d in chosen]
            rules = [tag_text_prose(rules_tag, d.text) for d in chosen]
            preds = {"model": model, "rules": rules, "model+rules": [with_backstop(m, r)[0] for m, r in zip(model, rules)]}
            names = " ".join(d.id[:3] for d in chosen)
            for mode, p in preds.items():
                out[f"{model_path} on {names}: {mode}"] = span_scores(chosen, p)
                pooled[mode][0].extend(chosen)
                pooled[mode][1].extend(p)
            cv_folds.append({"model": model_path, "reports": names.split(), "scores": out[f"{model_path} on {names}: model"]})
        for mode, (g, p) in pooled.items():
            out[f"pooled: {mode}"] = span_scores(g, p)
        if args.card:
            from gainer.model.train import record_cross_validation

            folds_cmd = " ".join("--fold " + " ".join(spec) for spec in args.fold)
            record_cross_validation(args.card, {"folds": cv_folds, "pooled": out["pooled: model"], "command": f"python scripts/heldout_spans.py {folds_cmd}"})
    except GainerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for name, s in out.items():
        cells = "  ".join(f"{k} P {s[k]['precision']:.3f} R {s[k]['recall']:.3f} F1 {s[k]['f1']:.3f} (n {s[k]['support']})" for k in ("METRIC", "VALUE"))
        print(f"{name}\n    {cells}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
