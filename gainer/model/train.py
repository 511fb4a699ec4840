"""Train the METRIC/VALUE token classifier: data -> vocabulary -> BERT -> epochs with held-out evaluation -> model directory.

``train(config)`` is the whole run; the CLI's ``train`` command and ``scripts/train_default.py`` are thin
wrappers over it. Progress goes to an optional callback and to ``logging``; nothing is printed.
"""
from __future__ import annotations

import json
import logging
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .. import __version__
from ..errors import ConfigError, ModelError
from ..types import AnnotatedText
from .config import TrainConfig
from .data import IGNORE_INDEX, DataSplit, Example, build_split, make_examples
from .infer import Tagger
from .io import _check_weights, save_model, schema_version
from .labels import LABEL2ID, LABELS
from .scoring import span_scores
from .tokenizer import CharTokenizer, HFTokenizer, Tokenizer, load_tokenizer
from .vocab import build_vocab
from ._deps import quiet_transformers, require_torch, require_transformers

log = logging.getLogger(__name__)


def new_bert_config(mc: Any, tokenizer: Tokenizer, **extra: Any) -> Any:
    """A ``transformers.BertConfig`` of the model settings ``mc`` for a randomly initialised model."""
    transformers = require_transformers()
    return transformers.BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=mc.hidden_size,
        num_hidden_layers=mc.num_layers,
        num_attention_heads=mc.num_heads,
        intermediate_size=mc.intermediate_size,
        max_position_embeddings=mc.max_len,
        hidden_dropout_prob=mc.dropout,
        attention_probs_dropout_prob=mc.attention_dropout,
        pad_token_id=tokenizer.pad_id,
        **extra,
    )



@dataclass
class TrainProgress:
    """What a progress callback receives: the stage (``data``, ``train``, ``eval``, ``save``) and where it is."""

    stage: str
    step: int = 0
    total: int = 0
    epoch: int = 0
    loss: float | None = None
    metrics: dict[str, Any] | None = None


@dataclass
class TrainResult:
    """The outcome of :func:`train`: where the model went and how it scored each epoch."""

    output_dir: Path
    metrics: list[dict[str, Any]]
    seconds: float
    steps: int
    n_parameters: int
    size_bytes: int
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def final(self) -> dict[str, Any]:
        """The metrics after the last epoch."""
        return self.metrics[-1] if self.metrics else {}


Progress = Callable[[TrainProgress], None]


def seed_everything(seed: int) -> None:
    torch = require_torch()
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def build_model(config: TrainConfig, train_texts: Sequence[str]) -> tuple[Any, Tokenizer, int]:
    """A fresh (or ``base``-initialised) BertForTokenClassification, its tokenizer and the usable ``max_len``."""
    transformers = require_transformers()
    mc = config.model
    id2label = dict(enumerate(LABELS))
    if mc.base is None:
        tokenizer: Tokenizer = CharTokenizer(build_vocab(train_texts, min_freq=mc.vocab_min_freq))
        bert_config = new_bert_config(mc, tokenizer, num_labels=len(LABELS), id2label=id2label, label2id=dict(LABEL2ID))
        return transformers.BertForTokenClassification(bert_config), tokenizer, mc.max_len
    base = str(mc.base)
    local = Path(base).is_dir()
    if local:
        _check_weights(Path(base))
        tokenizer = load_tokenizer(base)
    else:
        tokenizer = HFTokenizer.from_pretrained(base)
    torch = require_torch()
    try:
        with quiet_transformers():
            model = transformers.AutoModelForTokenClassification.from_pretrained(
                base,
                num_labels=len(LABELS),
                id2label=id2label,
                label2id=dict(LABEL2ID),
                ignore_mismatched_sizes=True,
                use_safetensors=True,
                dtype=torch.float32,
                local_files_only=local,
            )
    except Exception as e:
        raise ModelError(
            f"cannot start from the base checkpoint: {type(e).__name__}: {str(e)[:300]}",
            source=base,
            hint="model.base must be a local checkpoint directory with safetensors weights (e.g. made by `gainer pretrain`), or a hub name reachable from here",
        ) from e
    positions = int(getattr(model.config, "max_position_embeddings", mc.max_len))
    max_len = min(mc.max_len, positions)
    if max_len < mc.max_len:
        log.warning("%s: the base model has %d positions; windows use max_len %d", base, positions, max_len)
    if mc.stride >= max_len - 2:
        raise ConfigError(f"model.stride {mc.stride} is not below the window length {max_len - 2}", source=config.source, hint="lower model.stride")
    return model, tokenizer, max_len


def _batches(examples: Sequence[Example], batch_size: int, rng: random.Random) -> list[list[Example]]:
    order = list(range(len(examples)))
    rng.shuffle(order)
    return [[examples[i] for i in order[b : b + batch_size]] for b in range(0, len(order), batch_size)]


def _collate(batch: Sequence[Example], pad_id: int) -> dict[str, Any]:
    torch = require_torch()
    width = max(len(ex.ids) for ex in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE_INDEX, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for r, ex in enumerate(batch):
        n = len(ex.ids)
        ids[r, :n] = torch.tensor(ex.ids)
        labels[r, :n] = torch.tensor(ex.labels)
        mask[r, :n] = 1
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def _optimizer(model: Any, config: TrainConfig, total_steps: int) -> tuple[Any, Any]:
    torch = require_torch()
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "LayerNorm" in name or "bias" in name else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": config.weight_decay}, {"params": no_decay, "weight_decay": 0.0}], lr=config.lr)
    warmup = max(1, int(total_steps * config.warmup_ratio))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return opt, torch.optim.lr_scheduler.LambdaLR(opt, schedule)


def evaluate(tagger: Tagger, docs: Sequence[AnnotatedText]) -> dict[str, Any] | None:
    """Strict IOB2 span scores of ``tagger`` on annotated reports (None when there are none).

    Reports are tagged as extraction tags them: their prose only (``gainer.prose.tag_text_prose``),
    since annotations leave the fixed-format tables unmarked."""
    if not docs:
        return None
    from ..prose import tag_text_prose

    return span_scores(docs, [tag_text_prose(tagger.tag, d.text) for d in docs])


def train(config: TrainConfig, *, data: DataSplit | None = None, progress: Progress | None = None, output_dir: str | Path | None = None) -> TrainResult:
    """Train a tagger as ``config`` says and save it to ``output_dir`` (default ``config.output_dir``).

    ``data`` replaces the configured annotations and synthetic reports (tests pass small in-memory
    corpora). Evaluation runs after every epoch on the held-out reports; the model saved is the one
    after the last epoch (held-out scores never pick a checkpoint).
    """
    torch = require_torch()
    require_transformers()
    out = Path(output_dir if output_dir is not None else config.output_dir)
    report = progress or (lambda p: None)
    threads_before = torch.get_num_threads()
    torch.set_num_threads(config.threads)
    try:
        return _train(config, data, report, out)
    finally:
        torch.set_num_threads(threads_before)


def _train(config: TrainConfig, data: DataSplit | None, report: Progress, out: Path) -> TrainResult:
    torch = require_torch()
    t0 = time.perf_counter()
    seed_everything(config.seed)
    report(TrainProgress("data"))
    split = data if data is not None else build_split(config)
    if not split.train:
        raise ConfigError("no training reports", source=config.source, hint="add annotations or set synthetic_n > 0")
    model, tokenizer, max_len = build_model(config, [d.text for d in split.train])
    stride = min(config.model.stride, max_len - 3)
    examples = make_examples(split.train, tokenizer, max_len=max_len, stride=stride)
    if not examples:
        raise ConfigError("the training reports hold no text", source=config.source, hint="check the annotation files and the synthetic generator")
    steps_per_epoch = math.ceil(len(examples) / config.batch_size)
    total = steps_per_epoch * config.epochs
    if config.max_steps is not None:
        total = min(total, config.max_steps)
    epochs = math.ceil(total / steps_per_epoch)
    log.info("training on %d windows from %d reports: %d epochs, %d steps", len(examples), len(split.train), epochs, total)
    optimizer, scheduler = _optimizer(model, config, total)
    rng = random.Random(config.seed)
    tagger = Tagger(model, tokenizer, max_len=max_len, stride=stride, batch_size=config.eval_batch_size, threads=config.threads, source="<training>")
    metrics: list[dict[str, Any]] = []
    step = 0
    for epoch in range(1, epochs + 1):
        model.train()
        losses: list[float] = []
        for batch in _batches(examples, config.batch_size, rng):
            if step >= total:
                break
            loss = model(**_collate(batch, tokenizer.pad_id)).loss
            if not torch.isfinite(loss):
                raise ModelError(f"the training loss became {loss.item()} at step {step}", source=config.source, hint="lower lr or raise warmup_ratio")
            loss.backward()
            if config.grad_clip > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            losses.append(float(loss.item()))
            report(TrainProgress("train", step, total, epoch, losses[-1]))
        report(TrainProgress("eval", step, total, epoch))
        row = {
            "epoch": epoch,
            "step": step,
            "train_loss": round(float(np.mean(losses)), 5) if losses else None,
            "seconds": round(time.perf_counter() - t0, 1),
            "heldout": evaluate(tagger, split.heldout),
            "synthetic": evaluate(tagger, split.synthetic_eval),
        }
        model.train()
        metrics.append(row)
        log.info("epoch %d: %s", epoch, json.dumps(row, ensure_ascii=False))
        report(TrainProgress("eval", step, total, epoch, row["train_loss"], row))
    seconds = time.perf_counter() - t0
    model.eval()
    report(TrainProgress("save", step, total, epochs))
    n_params = sum(p.numel() for p in model.parameters())
    meta = {
        "max_len": max_len,
        "stride": stride,
        "vocab_size": tokenizer.vocab_size,
        "n_parameters": n_params,
        "train_config": config.to_dict(),
        "data": split.describe(),
        "metrics": metrics,
        "training_seconds": round(seconds, 1),
        "training_steps": step,
        "training_windows": len(examples),
    }
    save_model(model, tokenizer, out, meta, model_card(config, meta))
    from .export import export_onnx

    export_onnx(out)  # model.onnx beside the weights: predict runs it without torch
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    return TrainResult(out, metrics, seconds, step, n_params, size, split.describe())


def rescore(model_dir: str | Path, config: TrainConfig) -> dict[str, Any]:
    """Score a trained model again on its config's held-out and synthetic evaluation reports with this
    gainer's inference (decoding, prose regions), and record the result as the last epoch's scores in
    its ``gainer_model.json`` and model card (noting the rescoring). For when decoding changed after
    training; the weights are untouched. Returns the new scores."""
    from .io import load_model, read_meta

    d = Path(model_dir)
    meta = read_meta(d)
    tagger = load_model(d, threads=config.threads)
    split = build_split(config)
    row = dict(meta["metrics"][-1]) if meta.get("metrics") else {"epoch": None, "step": meta.get("training_steps"), "train_loss": None}
    row["heldout"] = evaluate(tagger, split.heldout)
    row["synthetic"] = evaluate(tagger, split.synthetic_eval)
    row["rescored_with"] = f"gainer {__version__}"
    meta["metrics"] = list(meta.get("metrics") or [])[:-1] + [row]
    _rewrite_meta_and_card(d, meta, config)
    return row


def record_cross_validation(model_dir: str | Path, cv: dict[str, Any]) -> None:
    """Store the cross-validated held-out scores of the recipe that trained ``model_dir`` in its
    ``gainer_model.json`` (``cross_validation``) and model card. ``cv`` holds ``folds`` (a list of
    ``{"model", "reports", "scores"}``), ``pooled`` (scores per label, as
    :func:`gainer.model.scoring.span_scores` returns them) and ``command`` (how they were measured).
    The shipped model's card holds them: its own held-out seeds and the other fold's, each scored by a
    model that never saw it (``scripts/heldout_spans.py --card``); for a model trained on every annotated
    report they are the only held-out figures there are."""
    from .config import train_config_from_dict
    from .io import META_FILE, read_meta

    missing = [k for k in ("folds", "pooled", "command") if k not in cv]
    if missing:
        raise ModelError(f"cross-validation record lacks {', '.join(missing)}", source=str(model_dir), hint="pass folds, pooled and command")
    d = Path(model_dir)
    meta = read_meta(d)
    meta["cross_validation"] = cv
    _rewrite_meta_and_card(d, meta, train_config_from_dict(meta["train_config"], source=str(d / META_FILE)))


def _rewrite_meta_and_card(d: Path, meta: dict[str, Any], config: TrainConfig) -> None:
    """``gainer_model.json`` and the model card of ``d`` written again from ``meta`` (weights untouched)."""
    from .io import META_FILE

    (d / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (d / "README.md").write_text(model_card(config, meta), encoding="utf-8")


def _prf(scores: dict[str, Any], label: str) -> str:
    x = scores[label]
    return f"{x['precision']:.3f} / {x['recall']:.3f} / **{x['f1']:.3f}** (n {x['support']})"


def _fmt(scores: dict[str, Any] | None, label: str, key: str = "f1") -> str:
    if not scores:
        return "-"
    return f"{scores[label][key]:.3f}"


def model_card(config: TrainConfig, meta: dict[str, Any]) -> str:
    """The ``README.md`` written next to the weights."""
    mc = config.model
    data = meta["data"]
    last = meta["metrics"][-1] if meta["metrics"] else {}
    shape = (
        f"from the checkpoint `{mc.base}`"
        if mc.base
        else f"BERT, randomly initialised: {mc.num_layers} layers, hidden {mc.hidden_size}, {mc.num_heads} heads, intermediate {mc.intermediate_size}"
    )
    lines = [
        "# gainer METRIC/VALUE tagger",
        "",
        "A character-level BERT token classifier that tags METRIC (what is counted) and VALUE (the printed figure)",
        "spans in the prose of 政府信息公开工作年度报告, for gainer's prose reader. Made by `gainer train`.",
        "",
        f"- gainer {__version__}, schema version {schema_version()}; labels {', '.join(LABELS)} (IOB2, one tag per character)",
        f"- model: {shape}; {meta['n_parameters']:,} parameters; windows of {meta['max_len']} positions sharing {meta['stride']} tokens",
        f"- vocabulary: {meta['vocab_size']} tokens (special tokens, base characters, schema label characters, training-text characters seen >= {mc.vocab_min_freq} times)",
        f"- training data: {data['train_reports']} reports ({config.synthetic_n} synthetic, seed {config.seed}; annotated: {', '.join(data['train_annotated']) or 'none'})",
        f"- held out (never trained on): {', '.join(data['heldout_annotated']) or 'none'}; plus {data['synthetic_eval_reports']} synthetic reports of another seed",
        f"- {meta['training_steps']} steps, {config.epochs} epochs max, batch {config.batch_size}, lr {config.lr}, {meta['training_seconds']:.0f} s on {config.threads} CPU thread(s)",
        "",
        "## Scores (seqeval strict IOB2, span F1 after each epoch)",
        "",
        "| epoch | train loss | held-out METRIC | held-out VALUE | synthetic METRIC | synthetic VALUE |",
        "|---|---|---|---|---|---|",
    ]
    for row in meta["metrics"]:
        lines.append(
            f"| {row['epoch']} | {row['train_loss']} | {_fmt(row['heldout'], 'METRIC')} | {_fmt(row['heldout'], 'VALUE')} "
            f"| {_fmt(row['synthetic'], 'METRIC')} | {_fmt(row['synthetic'], 'VALUE')} |"
        )
    if last.get("heldout"):
        h = last["heldout"]
        lines += [
            "",
            "Held-out reports after the last epoch:",
            "",
            "| label | precision | recall | F1 | support |",
            "|---|---|---|---|---|",
        ]
        for label in ("METRIC", "VALUE", "micro"):
            lines.append(f"| {label} | {h[label]['precision']:.3f} | {h[label]['recall']:.3f} | {h[label]['f1']:.3f} | {h[label]['support']} |")
    cv = meta.get("cross_validation")
    if cv:
        lines += [
            "",
            "## Cross-validated held-out scores of this recipe",
            "",
            "Each annotated report scored by a model of the same recipe that never trained on it",
            f"(`{cv['command']}`), seqeval strict IOB2, prose only:",
            "",
            "| model | scored on | METRIC P / R / F1 | VALUE P / R / F1 |",
            "|---|---|---|---|",
        ]
        for fold in cv["folds"]:
            lines.append(f"| `{fold['model']}` | {', '.join(fold['reports'])} | {_prf(fold['scores'], 'METRIC')} | {_prf(fold['scores'], 'VALUE')} |")
        lines.append(f"| pooled | all | {_prf(cv['pooled'], 'METRIC')} | {_prf(cv['pooled'], 'VALUE')} |")
    if last.get("rescored_with"):
        lines += [
            "",
            "The last row's scores were recomputed after training with the inference of "
            f"{last['rescored_with']} (`python scripts/train_default.py --rescore`); the earlier rows are as measured "
            "during training. The weights are those trained.",
        ]
    lines += [
        "",
        "## Use and limits",
        "",
        "Load with `gainer.model.load_model(path)`; `Tagger.tag(text)` returns `Span`s with a confidence.",
        "Trained mostly on synthetic reports; the held-out and cross-validated scores above are on few real reports,",
        "so expect lower scores on layouts and phrasings the generator does not produce. Weights are safetensors only.",
        "",
    ]
    return "\n".join(lines)
