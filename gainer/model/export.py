"""Export a tagger checkpoint to ONNX: ``model.onnx`` beside its weights, with the parity measured.

``export_onnx(DIR)`` loads the token classifier on torch, writes ``DIR/model.onnx`` (dynamic batch and
sequence axes, torch's TorchScript exporter), runs the same windows of generated reports (a seed
training never uses) through both back-ends, and records the exporter, opset and the largest
absolute logit difference in ``gainer_model.json`` and the model card. ``gainer train`` calls it
after saving; ``gainer export DIR`` runs it on any checkpoint ``load_model`` accepts.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ._deps import require_torch

OPSET = 17
PARITY_SEED = 4242  # generated reports for the parity windows: training uses seeds 0-999 of its own config
PARITY_LIMIT = 1e-3  # a larger logit difference means the graph is not the model: refuse it
CARD_HEADING = "## ONNX"


def _windows(tokenizer: Any, max_len: int, n_reports: int = 4, per_report: int = 4) -> list[list[int]]:
    from ..annotate.synth import generate_one

    seqs: list[list[int]] = []
    for i in range(n_reports):
        text = generate_one(PARITY_SEED, i, ("2021", "2019", "legacy", "2021")[i % 4]).text
        ids = tokenizer.encode(text).ids
        step = max(1, (len(ids) - (max_len - 2)) // max(1, per_report - 1))
        for k in range(per_report):
            s = min(k * step, max(0, len(ids) - (max_len - 2)))
            seqs.append(ids[s : s + max_len - 2 - 7 * k])  # varied lengths: the padding is exercised too
    return [s for s in seqs if s]


def _batch(tokenizer: Any, seqs: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(s) for s in seqs) + 2
    ids = np.full((len(seqs), width), tokenizer.pad_id, dtype=np.int64)
    mask = np.zeros((len(seqs), width), dtype=np.int64)
    for r, s in enumerate(seqs):
        row = [tokenizer.cls_id, *s, tokenizer.sep_id]
        ids[r, : len(row)] = row
        mask[r, : len(row)] = 1
    return ids, mask


def _fuse(path: Path, config: dict[str, Any]) -> str | None:
    """Fuse a BERT graph in place with ONNX Runtime's transformer optimizer (attention, layer norms,
    GELU); returns what was done, or None where the model is not a BERT or fusion fails."""
    if config.get("model_type") != "bert":
        return None
    try:
        from onnxruntime.transformers.optimizer import optimize_model

        opt = optimize_model(str(path), model_type="bert", num_heads=int(config["num_attention_heads"]), hidden_size=int(config["hidden_size"]))
        fused = {k: v for k, v in opt.get_fused_operator_statistics().items() if v}
        opt.save_model_to_file(str(path))
    except Exception:  # an optimizer that cannot handle the graph leaves the plain export, which is correct
        return None
    return "onnxruntime.transformers BERT fusion: " + ", ".join(f"{k} {v}" for k, v in sorted(fused.items()))


def quantise_int8(path: Path) -> str:
    """Quantise the weights of the ONNX graph at ``path`` to int8 in place (dynamic quantisation)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = path.with_name(path.name + ".int8")
    quantize_dynamic(str(path), str(out), weight_type=QuantType.QInt8, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    os.replace(out, path)
    return "dynamic int8 weights (onnxruntime.quantization.quantize_dynamic)"


def export_onnx(directory: str | os.PathLike, *, opset: int = OPSET, int8: bool = False) -> dict[str, Any]:
    """Write ``model.onnx`` into the checkpoint directory and return what was recorded about it.

    The graph is exported with eager attention (which ONNX Runtime can fuse) and, for a BERT, fused by
    ONNX Runtime's transformer optimizer. ``int8`` also quantises its weights dynamically: smaller
    and faster, but no longer the same logits (the parity figure says by how much), so the default
    model ships float32 (see docs/model.md)."""
    torch = require_torch()
    from .io import META_FILE, _check_config, _check_weights, load_token_classifier, read_meta
    from .ort import ONNX_FILE, require_onnxruntime
    from .tokenizer import HFTokenizer, load_tokenizer

    d = Path(directory)
    if not d.is_dir():
        raise ModelError("model directory not found", source=str(d), hint="pass the directory `gainer train` wrote (or a Hugging Face token-classification checkpoint)")
    ours = (d / META_FILE).is_file()
    meta = read_meta(d) if ours else {}
    _check_weights(d)
    config = _check_config(d)
    tokenizer = load_tokenizer(d) if ours else HFTokenizer.from_pretrained(str(d))
    max_len = int(meta.get("max_len", min(int(config.get("max_position_embeddings", 512)), 512)))
    model = load_token_classifier(d).eval()
    try:
        model.set_attn_implementation("eager")  # plain MatMul/Softmax attention, which the optimizer fuses
    except Exception:  # older or custom models: export what they have
        pass
    seqs = _windows(tokenizer, max_len)
    ids, mask = _batch(tokenizer, seqs[:2])
    tmp = d / (ONNX_FILE + ".tmp")
    import warnings

    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's deprecation notices are not the user's business
        axes = {"batch": 0, "seq": 1}
        torch.onnx.export(
            model,
            (torch.from_numpy(ids), torch.from_numpy(mask)),
            str(tmp),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={n: {v: k for k, v in axes.items()} for n in ("input_ids", "attention_mask", "logits")},
            opset_version=opset,
            dynamo=False,
        )
    ort = require_onnxruntime()
    fused = _fuse(tmp, config)
    quantised = quantise_int8(tmp) if int8 else None
    sess = ort.InferenceSession(str(tmp), providers=["CPUExecutionProvider"])
    worst = 0.0
    n_windows = 0
    for b in range(0, len(seqs), 8):
        chunk = seqs[b : b + 8]
        ids, mask = _batch(tokenizer, chunk)
        with torch.no_grad():
            ref = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).logits.float().numpy()
        (got,) = sess.run(None, {"input_ids": ids, "attention_mask": mask})
        valid = mask.astype(bool)
        worst = max(worst, float(np.abs(got - ref)[valid].max()))
        n_windows += len(chunk)
    if worst > PARITY_LIMIT and not int8:
        tmp.unlink(missing_ok=True)
        raise ModelError(
            f"the exported graph differs from the model by {worst:.2e} in the logits (more than {PARITY_LIMIT})",
            source=str(d),
            hint="report this with the torch and onnxruntime versions; the model still runs through torch",
        )
    os.replace(tmp, d / ONNX_FILE)
    info = {
        "file": ONNX_FILE,
        "exporter": f"torch.onnx.export (TorchScript, torch {torch.__version__})",
        "opset": opset,
        "optimized": fused,
        "quantized": quantised,
        "onnxruntime": ort.__version__,
        "parity_max_abs_logit_diff": float(f"{worst:.3g}"),
        "parity_windows": n_windows,
        "parity_source": f"generated reports, seed {PARITY_SEED}",
        "size_bytes": (d / ONNX_FILE).stat().st_size,
    }
    if ours:
        meta["onnx"] = info
        (d / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    card = d / "README.md"
    if card.is_file():
        card.write_text(with_onnx_section(card.read_text(encoding="utf-8"), info), encoding="utf-8")
    return info


def with_onnx_section(card: str, info: dict[str, Any]) -> str:
    """The model card with its ONNX section written (replacing an earlier one)."""
    section = (
        f"{CARD_HEADING}\n\n"
        f"`{info['file']}` ({info['size_bytes'] / 2**20:.1f} MB), exported by {info['exporter']}, opset {info['opset']}, "
        f"dynamic batch and sequence axes; {info.get('optimized') or 'not fused'}; {info.get('quantized') or 'float32 weights'}. Parity with torch on {info['parity_windows']} windows of {info['parity_source']}: "
        f"largest absolute logit difference {info['parity_max_abs_logit_diff']:.2g} (onnxruntime {info['onnxruntime']}). "
        "`predict` runs this graph on ONNX Runtime; torch is needed only to train and export.\n"
    )
    pattern = re.compile(rf"^{re.escape(CARD_HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(card):
        return pattern.sub(section + "\n", card).rstrip("\n") + "\n"
    return card.rstrip("\n") + "\n\n" + section
