"""Reproduce the shipped default tagger: `python scripts/train_default.py` -> gainer/resources/model/.

Trains with configs/train.yaml (synthetic reports + the annotated seed reports; the seeds named in
`holdout`, 001 and 003 by default, are kept out for evaluation), on at most 2 CPU threads. Flags override
the config; see --help. The other fold of the held-out figures comes from the same script:

    python scripts/train_default.py --holdout 000 002 004 --output build/fold-B --threads 1
    python scripts/heldout_spans.py --fold gainer/resources/model 001 003 --fold build/fold-B 000 002 004 --card gainer/resources/model
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gainer.errors import GainerError  # noqa: E402
from gainer.model.config import DEFAULT_TRAIN_CONFIG, load_train_config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default=str(DEFAULT_TRAIN_CONFIG), help="training config (default: configs/train.yaml)")
    ap.add_argument("--output", help="model directory (default: the config's output_dir, gainer/resources/model)")
    ap.add_argument("--holdout", nargs="*", help="seed report names to hold out for evaluation (default: the config's, 001 003; a bare --holdout holds none out)")
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--max-steps", type=int)
    ap.add_argument("--synthetic-n", type=int)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--threads", type=int, help="torch threads (default: the config's, 2)")
    ap.add_argument("--base", help="start from this checkpoint (e.g. the output of pretraining)")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    ap.add_argument("--rescore", action="store_true", help="do not train: score the model in --output (default: the config's) again with this gainer's inference and update its card")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    overrides = {
        "output_dir": args.output,
        "holdout": args.holdout,
        "epochs": args.epochs,
        "synthetic_n": args.synthetic_n,
        "seed": args.seed,
        "threads": args.threads,
    }
    if args.max_steps is not None:
        overrides["max_steps"] = args.max_steps
    if args.base is not None:
        overrides["model.base"] = args.base
    try:
        config = load_train_config(args.config, {k: v for k, v in overrides.items() if v is not None})
        from gainer.model.train import rescore, train

        if args.rescore:
            row = rescore(config.output_dir, config)
            print(_summary(row))
            return 0

        bar = None
        if not args.quiet:
            from tqdm import tqdm

            def progress(p):
                nonlocal bar
                if p.stage == "train":
                    if bar is None:
                        bar = tqdm(total=p.total, unit="step", dynamic_ncols=True)
                    bar.update(1)
                    bar.set_postfix(epoch=p.epoch, loss=f"{p.loss:.4f}")
                elif p.stage == "eval" and p.metrics is not None and bar is not None:
                    bar.write(_summary(p.metrics))
        else:
            progress = None
        t0 = time.perf_counter()
        result = train(config, progress=progress)
        if bar is not None:
            bar.close()
    except GainerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in result.output_dir.iterdir() if p.is_file())
    print(f"model: {result.output_dir} ({size / 1e6:.1f} MB, {result.n_parameters:,} parameters)")
    print(f"trained {result.steps} steps in {time.perf_counter() - t0:.0f} s on {config.threads} thread(s)")
    print(_summary(result.final))
    return 0


def _summary(row: dict) -> str:
    parts = [f"epoch {row['epoch']}: loss {row['train_loss']}"]
    for name in ("heldout", "synthetic"):
        s = row.get(name)
        if s:
            parts.append(f"{name} F1 METRIC {s['METRIC']['f1']:.3f} VALUE {s['VALUE']['f1']:.3f} (P {s['micro']['precision']:.3f} R {s['micro']['recall']:.3f})")
    return "; ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
