"""Continued masked-LM pretraining on a folder of unlabelled reports, giving a checkpoint ``train`` can start from.

``pretrain(corpus_dir, config)`` reads every report under ``corpus_dir`` (.txt and .md directly, the
other formats through ``gainer.readers.read_document``), trains a BertForMaskedLM with the shape of
``config.model`` (or continues ``config.model.base``) and saves it to ``config.pretrain.output_dir``.
Point ``model.base`` of a training config at that directory to fine-tune the tagger from it.
"""
from __future__ import annotations

import json
import logging
import math
import random
import time
from pathlib import Path
from typing import Any, Callable

from .. import __version__
from ..errors import EmptyDocumentError, InputError, ModelError
from .config import TrainConfig
from .io import _check_weights
from .tokenizer import CharTokenizer, HFTokenizer, Tokenizer, load_tokenizer, windows
from .train import TrainProgress, _optimizer, new_bert_config, seed_everything
from .vocab import build_vocab
from ._deps import quiet_transformers, require_torch, require_transformers

log = logging.getLogger(__name__)

PRETRAIN_META = "gainer_pretrain.json"
_PLAIN = (".txt", ".md", ".markdown")


def read_corpus(corpus_dir: str | Path) -> list[tuple[str, str]]:
    """``(path, text)`` of every readable report under ``corpus_dir`` (recursively, sorted by path).

    Files that a reader refuses (empty, binary, corrupt) are skipped and logged.
    """
    root = Path(corpus_dir)
    if not root.is_dir():
        raise InputError("corpus directory not found", source=str(root), hint="pass a folder of unlabelled reports (.txt, .md, .html, .docx, .pdf)")
    try:
        from ..readers import SUPPORTED_EXTENSIONS, read_document
    except ImportError:  # readers unavailable: plain text only
        SUPPORTED_EXTENSIONS, read_document = {e: "txt" for e in _PLAIN}, None
    out: list[tuple[str, str]] = []
    for p in sorted(root.rglob("*")):
        ext = p.suffix.lower()
        if not p.is_file() or ext not in SUPPORTED_EXTENSIONS:
            continue
        try:
            if read_document is not None:
                text = read_document(p).text
            else:
                text = p.read_text(encoding="utf-8")
        except (InputError, UnicodeDecodeError, OSError) as e:
            log.warning("%s: skipped (%s)", p, e)
            continue
        if text.strip():
            out.append((str(p), text))
    if not out:
        raise EmptyDocumentError("no readable reports in the corpus directory", source=str(root), hint="add .txt/.md/.html/.docx/.pdf reports")
    return out


def _mask(batch_ids: Any, special: Any, tokenizer: Tokenizer, probability: float, generator: Any) -> tuple[Any, Any]:
    """BERT masking: ``probability`` of the real tokens become targets; 80% [MASK], 10% random, 10% kept."""
    torch = require_torch()
    labels = batch_ids.clone()
    chance = torch.full(labels.shape, probability)
    chance[special] = 0.0
    picked = torch.bernoulli(chance, generator=generator).bool()
    labels[~picked] = -100
    inputs = batch_ids.clone()
    to_mask = torch.bernoulli(torch.full(labels.shape, 0.8), generator=generator).bool() & picked
    inputs[to_mask] = tokenizer.mask_id
    to_random = torch.bernoulli(torch.full(labels.shape, 0.5), generator=generator).bool() & picked & ~to_mask
    low = 5 if isinstance(tokenizer, CharTokenizer) else 0  # never draw a special token
    inputs[to_random] = torch.randint(low, tokenizer.vocab_size, labels.shape, generator=generator)[to_random]
    return inputs, labels


def pretrain(
    corpus_dir: str | Path,
    config: TrainConfig,
    *,
    output_dir: str | Path | None = None,
    progress: Callable[[TrainProgress], None] | None = None,
) -> Path:
    """Masked-LM pretraining on the reports under ``corpus_dir``; returns the checkpoint directory."""
    torch = require_torch()
    transformers = require_transformers()
    report = progress or (lambda p: None)
    pc = config.pretrain
    mc = config.model
    out = Path(output_dir if output_dir is not None else pc.output_dir)
    before = torch.get_num_threads()
    torch.set_num_threads(config.threads)
    try:
        t0 = time.perf_counter()
        seed_everything(config.seed)
        report(TrainProgress("data"))
        corpus = read_corpus(corpus_dir)
        texts = [t for _, t in corpus]
        if mc.base is None:
            tokenizer: Tokenizer = CharTokenizer(build_vocab(texts, min_freq=mc.vocab_min_freq))
            bert_config = new_bert_config(mc, tokenizer)
            model = transformers.BertForMaskedLM(bert_config)
            max_len = mc.max_len
        else:
            model, tokenizer = _load_base(str(mc.base))
            max_len = min(mc.max_len, int(model.config.max_position_embeddings))
        if tokenizer.mask_id is None:
            raise ModelError("the tokenizer has no [MASK] token", source=str(mc.base), hint="masked-LM pretraining needs a BERT vocabulary with [MASK]")
        seqs: list[list[int]] = []
        for text in texts:
            ids = tokenizer.encode(text).ids
            for s, e in windows(len(ids), max_len - 2, 0):
                seqs.append([tokenizer.cls_id, *ids[s:e], tokenizer.sep_id])
        steps_per_epoch = math.ceil(len(seqs) / pc.batch_size)
        total = steps_per_epoch * pc.epochs if pc.max_steps is None else min(steps_per_epoch * pc.epochs, pc.max_steps)
        optimizer, scheduler = _optimizer(model, config.replace(lr=pc.lr), total)
        rng = random.Random(config.seed)
        gen = torch.Generator().manual_seed(config.seed)
        model.train()
        step = 0
        losses_per_epoch: list[float] = []
        for epoch in range(1, math.ceil(total / steps_per_epoch) + 1):
            order = list(range(len(seqs)))
            rng.shuffle(order)
            losses = []
            for b in range(0, len(order), pc.batch_size):
                if step >= total:
                    break
                batch = [seqs[i] for i in order[b : b + pc.batch_size]]
                width = max(map(len, batch))
                ids = torch.full((len(batch), width), tokenizer.pad_id, dtype=torch.long)
                attn = torch.zeros((len(batch), width), dtype=torch.long)
                for r, row in enumerate(batch):
                    ids[r, : len(row)] = torch.tensor(row)
                    attn[r, : len(row)] = 1
                special = (attn == 0) | (ids == tokenizer.cls_id) | (ids == tokenizer.sep_id)
                inputs, labels = _mask(ids, special, tokenizer, pc.mlm_probability, gen)
                loss = model(input_ids=inputs, attention_mask=attn, labels=labels).loss
                if not torch.isfinite(loss):
                    continue  # a batch where nothing was masked
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip or 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                losses.append(float(loss.item()))
                report(TrainProgress("pretrain", step, total, epoch, losses[-1]))
            losses_per_epoch.append(round(sum(losses) / max(1, len(losses)), 5))
            log.info("pretrain epoch %d: mlm loss %.4f", epoch, losses_per_epoch[-1])
        model.eval()
        report(TrainProgress("save", step, total))
        out.mkdir(parents=True, exist_ok=True)
        with quiet_transformers():
            model.save_pretrained(str(out), safe_serialization=True)
        tokenizer.save(out)
        meta = {
            "format": "gainer-pretrain",
            "gainer_version": __version__,
            "tokenizer": getattr(tokenizer, "kind", "hf"),
            "max_len": max_len,
            "corpus": {"dir": str(corpus_dir), "files": len(corpus), "chars": sum(map(len, texts)), "windows": len(seqs)},
            "mlm_loss_per_epoch": losses_per_epoch,
            "steps": step,
            "seconds": round(time.perf_counter() - t0, 1),
            "config": config.to_dict(),
        }
        (out / PRETRAIN_META).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return out
    finally:
        torch.set_num_threads(before)


def _load_base(base: str) -> tuple[Any, Tokenizer]:
    transformers = require_transformers()
    torch = require_torch()
    local = Path(base).is_dir()
    if local:
        _check_weights(Path(base))
    try:
        with quiet_transformers():
            model = transformers.AutoModelForMaskedLM.from_pretrained(base, use_safetensors=True, dtype=torch.float32, local_files_only=local)
    except Exception as e:
        raise ModelError(
            f"cannot continue pretraining from this checkpoint: {type(e).__name__}: {str(e)[:300]}",
            source=base,
            hint="model.base must be a BERT checkpoint directory with safetensors weights, or a reachable hub name",
        ) from e
    tokenizer = load_tokenizer(base) if local else HFTokenizer.from_pretrained(base)
    return model, tokenizer
