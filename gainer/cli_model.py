"""CLI commands that need the model stack: train, pretrain and the Label Studio loop."""
from __future__ import annotations

import argparse
import json
import sys

EXIT_OK = 0


def _progress(disable: bool):
    """A tqdm-backed progress callback for training: one bar per stage."""
    from tqdm import tqdm

    state: dict = {"bar": None, "stage": None}

    def cb(p) -> None:
        if disable:
            return
        if p.stage != state["stage"] or state["bar"] is None:
            if state["bar"] is not None:
                state["bar"].close()
            state["bar"] = tqdm(total=p.total or None, desc=p.stage, unit="step", file=sys.stderr, disable=None)
            state["stage"] = p.stage
        bar = state["bar"]
        if p.total and bar.total != p.total:
            bar.total = p.total
        bar.n = p.step
        post = {}
        if p.loss is not None:
            post["loss"] = f"{p.loss:.4f}"
        if p.metrics:
            for k in ("METRIC_f1", "VALUE_f1", "f1"):
                if k in p.metrics and isinstance(p.metrics[k], (int, float)):
                    post[k] = f"{p.metrics[k]:.3f}"
        if post:
            bar.set_postfix(post)
        bar.refresh()

    return cb


def _overrides(args: argparse.Namespace) -> dict:
    o: dict = {}
    for key in ("epochs", "max_steps", "seed", "output_dir", "synthetic_n", "threads"):
        v = getattr(args, key, None)
        if v is not None:
            o[key] = v
    if getattr(args, "annotations", None):
        o["annotation_dirs"] = list(args.annotations)
    if getattr(args, "holdout", None):
        o["holdout"] = list(args.holdout)
    if getattr(args, "base", None):
        o["model"] = {"base": args.base}
    if getattr(args, "allow_invalid", False):
        o["allow_invalid"] = True
    return o


def cmd_train(args: argparse.Namespace) -> int:
    from .model.config import load_train_config
    from .model.train import train

    config = load_train_config(args.config, _overrides(args))
    result = train(config, progress=_progress(args.quiet))
    summary = {
        "output_dir": str(result.output_dir),
        "seconds": round(result.seconds, 1),
        "steps": result.steps,
        "parameters": result.n_parameters,
        "size_mb": round(result.size_bytes / 2**20, 2),
        "final_metrics": result.final,
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK


def cmd_pretrain(args: argparse.Namespace) -> int:
    from .model.config import load_train_config
    from .model.pretrain import pretrain

    config = load_train_config(args.config, _overrides(args))
    out = pretrain(args.corpus, config, output_dir=args.output_dir, progress=_progress(args.quiet))
    print(f"masked-LM checkpoint written to {out}; fine-tune from it with `python -m gainer train --base {out}`")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .model.export import export_onnx

    info = export_onnx(args.model_dir, opset=args.opset, int8=args.int8)
    print(json.dumps({"model_dir": str(args.model_dir), **info}, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_labelstudio(args: argparse.Namespace) -> int:
    from . import labelstudio as ls

    client = ls.connect(args.url)
    if args.ls_command == "push":
        tagger = None
        if not args.no_model:
            from .model.io import load_model

            tagger = load_model(args.model)
        r = ls.push(args.paths, args.project, tagger=tagger, model_version=args.model_version, client=client)
        print(f"project {r.project_title!r} ({'created' if r.created else 'reused'}): {r.imported} tasks imported, {len(r.skipped)} already there; {r.project_url}")
        return EXIT_OK
    r = ls.pull(args.project, args.out, client=client, strict=not args.allow_invalid, incremental=not args.all)
    where = r.path if r.path is not None else "(nothing new to write)"
    print(f"project {r.project_title!r}: {r.n_tasks} annotated tasks, {r.n_spans} spans -> {where}")
    return EXIT_OK


def add_parsers(sub) -> None:
    tr = sub.add_parser("train", help="train the METRIC/VALUE tagger on annotations plus generated reports")
    tr.add_argument("--config", default=None, help="training config (default configs/train.yaml)")
    tr.add_argument("--annotations", nargs="+", help="annotation folders (Label Studio JSON); replaces the config's list")
    tr.add_argument("--holdout", nargs="+", help="annotated documents to hold out for evaluation (by doc_id or file stem)")
    tr.add_argument("--base", help="start from this checkpoint (a local directory or a hub name)")
    tr.add_argument("--output-dir", dest="output_dir")
    tr.add_argument("--epochs", type=int)
    tr.add_argument("--max-steps", dest="max_steps", type=int)
    tr.add_argument("--seed", type=int)
    tr.add_argument("--threads", type=int)
    tr.add_argument("--allow-invalid", action="store_true", help="train even when annotations fail validation (bad spans dropped)")
    tr.add_argument("--quiet", action="store_true")
    tr.set_defaults(func=cmd_train)

    pt = sub.add_parser("pretrain", help="continued masked-LM pretraining on a folder of unlabelled reports")
    pt.add_argument("--corpus", required=True, help="folder of reports (.txt, .md, .html, .docx, .pdf)")
    pt.add_argument("--config", default=None)
    pt.add_argument("--output-dir", dest="output_dir")
    pt.add_argument("--max-steps", dest="max_steps", type=int)
    pt.add_argument("--seed", type=int)
    pt.add_argument("--quiet", action="store_true")
    pt.set_defaults(func=cmd_pretrain)

    ex = sub.add_parser("export", help="write model.onnx beside a checkpoint's weights (predict then runs it on ONNX Runtime, without torch)")
    ex.add_argument("model_dir", help="a model directory written by `gainer train`, or a Hugging Face token-classification checkpoint")
    ex.add_argument("--opset", type=int, default=17, help="ONNX opset (default 17)")
    ex.add_argument("--int8", action="store_true", help="quantise the weights to int8 (smaller, faster, slightly different logits)")
    ex.set_defaults(func=cmd_export)

    ls = sub.add_parser("labelstudio", help="push reports to Label Studio and pull the labels back")
    lss = ls.add_subparsers(dest="ls_command", required=True)
    push = lss.add_parser("push", help="import reports as tasks with the model's spans as predictions")
    push.add_argument("paths", nargs="+")
    push.add_argument("--project", required=True)
    push.add_argument("--model", help="model used for the predictions (default: the shipped model)")
    push.add_argument("--no-model", action="store_true", help="import without predictions")
    push.add_argument("--model-version")
    push.add_argument("--url", help="server URL (default $LABEL_STUDIO_URL); the key is read from $LABEL_STUDIO_API_KEY only")
    push.set_defaults(func=cmd_labelstudio)
    pull = lss.add_parser("pull", help="export the JSON annotations, validate them and save them for training")
    pull.add_argument("--project", required=True)
    pull.add_argument("--out", required=True, help="folder under annotations/ where training picks them up")
    pull.add_argument("--all", action="store_true", help="write every annotated task, not only new or changed ones")
    pull.add_argument("--allow-invalid", action="store_true", help="leave out invalid tasks instead of refusing the pull")
    pull.add_argument("--url")
    pull.set_defaults(func=cmd_labelstudio)
