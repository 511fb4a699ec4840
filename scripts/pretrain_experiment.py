"""Does continued masked-LM pretraining help the tagger? Train the same tagger twice, from scratch and
from a checkpoint pretrained on unlabelled reports, and score both on the held-out seeds.

    python scripts/pretrain_experiment.py --corpus ../shared/real --corpus ../shared/seeds --out build/pretrain-exp

The pretraining corpus is every report under each --corpus folder, except the held-out seeds, plus
--synthetic-texts generated reports used as unlabelled text (so the pretrained vocabulary covers
what fine-tuning sees). Both taggers use configs/train.yaml with the same overrides (smaller, so the
experiment runs in minutes: --synthetic-n, --epochs); only `model.base` differs. Scores: seqeval
strict IOB2 on the prose of the held-out seeds (as `gainer evaluate --spans`). Writes
<out>/results.json and prints a table.
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gainer.errors import GainerError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", default=[], help="folder of unlabelled reports (repeatable)")
    ap.add_argument("--config", default=str(ROOT / "configs" / "train.yaml"))
    ap.add_argument("--out", default=str(ROOT / "build" / "pretrain-exp"))
    ap.add_argument("--synthetic-texts", type=int, default=300, help="generated reports added to the corpus as plain text")
    ap.add_argument("--synthetic-n", type=int, default=300, help="labelled synthetic reports for fine-tuning (both runs)")
    ap.add_argument("--epochs", type=int, default=3, help="fine-tuning epochs (both runs)")
    ap.add_argument("--pretrain-epochs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    try:
        return run(args)
    except GainerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    from gainer.annotate.synth import generate
    from gainer.evaluate_cli import score_spans
    from gainer.model.config import load_train_config
    from gainer.model.data import load_annotations, matches
    from gainer.model.pretrain import pretrain
    from gainer.model.train import train
    from gainer.readers import SUPPORTED_EXTENSIONS

    out = Path(args.out)
    base_cfg = load_train_config(args.config)
    holdout = list(base_cfg.holdout)
    if not holdout:
        raise SystemExit("the config names no held-out reports to score on")
    corpus = out / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    n_files = 0
    for folder in args.corpus:
        for p in sorted(Path(folder).rglob("*")):
            if not p.is_file() or p.suffix.lower() not in SUPPORTED_EXTENSIONS:
                continue
            if any(p.stem.startswith(h) for h in holdout):
                continue  # never pretrain on what is scored
            n_files += 1
            (corpus / f"r{n_files:04d}{p.suffix.lower()}").symlink_to(p.resolve())
    for i, d in enumerate(generate(args.synthetic_texts, seed=base_cfg.seed + 777)):
        (corpus / f"s{i:04d}.txt").write_text(d.text, encoding="utf-8")
    overrides = {"synthetic_n": args.synthetic_n, "epochs": args.epochs, "threads": args.threads, "pretrain.epochs": args.pretrain_epochs}
    results: dict = {"holdout": holdout, "corpus_reports": n_files, "corpus_synthetic": args.synthetic_texts, "overrides": overrides}

    t0 = time.perf_counter()
    pt_dir = pretrain(corpus, load_train_config(args.config, overrides), output_dir=out / "pretrained")
    results["pretrain_seconds"] = round(time.perf_counter() - t0)

    held_dirs = [str(d) for d in base_cfg.annotation_dirs]
    gold = [d for d in load_annotations(held_dirs) if any(matches(d, h) for h in holdout)]
    tmp = out / "heldout.json"
    from gainer.annotate.labelstudio_json import save_tasks

    save_tasks(tmp, gold)
    for name, extra in (("scratch", {}), ("pretrained", {"model.base": str(pt_dir)})):
        t0 = time.perf_counter()
        r = train(load_train_config(args.config, {**overrides, **extra}), output_dir=out / name)
        s = score_spans(str(tmp), True, str(r.output_dir))["seqeval"]
        labels = s.get("labels", s)
        results[name] = {"seconds": round(time.perf_counter() - t0), **{k: labels[k] for k in ("METRIC", "VALUE") if k in labels}}
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"held-out {', '.join(holdout)}; corpus {n_files} reports + {args.synthetic_texts} synthetic; pretraining {results['pretrain_seconds']} s")
    for name in ("scratch", "pretrained"):
        r = results[name]
        print(f"  {name:<11} METRIC F1 {r['METRIC']['f1']:.3f}  VALUE F1 {r['VALUE']['f1']:.3f}  ({r['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
