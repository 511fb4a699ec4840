"""Save and load tagger checkpoints: gainer's own directory format, plain Hugging Face token classifiers, hub names.

Only safetensors weights are ever loaded: a directory holding pickled weights alone
(``pytorch_model.bin``) is refused, since unpickling runs code from the file.

gainer's format is a directory with ``model.safetensors``, ``config.json`` (a BertForTokenClassification),
``vocab.txt``, ``tokenizer_config.json``, ``gainer_model.json`` (label map, schema and gainer versions,
training config, metrics) and a model card ``README.md``.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import ModelError
from .labels import LABELS, REQUIRED_LABELS
from .tokenizer import HFTokenizer, Tokenizer, load_tokenizer
from ._deps import quiet_transformers, require_torch, require_transformers

if TYPE_CHECKING:
    from .infer import Tagger, TaggerBase

log = logging.getLogger(__name__)

FORMAT = "gainer-tagger"
FORMAT_VERSION = 1
META_FILE = "gainer_model.json"
WEIGHTS_FILE = "model.safetensors"
SHARDED_INDEX = "model.safetensors.index.json"
PICKLED_FILES = ("pytorch_model.bin", "pytorch_model.bin.index.json", "model.pt", "model.pth", "model.ckpt", "tf_model.h5", "flax_model.msgpack")
RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "model"


def default_model_path() -> Path:
    """Where the shipped default model lives: ``gainer/resources/model``."""
    return RESOURCE_DIR


def schema_version() -> int:
    from ..schema import load_schema

    return load_schema().version


BACKENDS = ("auto", "onnx", "torch")


def load_model(
    path_or_name: str | os.PathLike | None = None, *, threads: int | None = None, batch_size: int = 16, device: str = "cpu", backend: str = "auto"
) -> "TaggerBase":
    """A tagger (:class:`~gainer.model.infer.TaggerBase`) from a checkpoint directory or a hub name.

    ``None`` loads the shipped default model. A directory is read as gainer's format when it holds
    ``gainer_model.json``, else as a plain Hugging Face token-classification checkpoint with safetensors
    weights and a fast tokenizer. Anything else is tried as a hub name through transformers'
    ``from_pretrained`` (which works only where the hub or its cache can be reached).

    ``backend``: ``auto`` runs ONNX Runtime where the directory holds ``model.onnx`` (no torch is
    imported) and torch otherwise; ``onnx`` and ``torch`` insist on one.
    """
    if backend not in BACKENDS:
        raise ModelError(f"unknown backend {backend!r}; expected one of {', '.join(BACKENDS)}", source="<model>", hint="leave it out for auto")
    if path_or_name is None:
        path = default_model_path()
        if not (path / META_FILE).is_file():
            raise ModelError(
                "the shipped default model is missing",
                source=str(path),
                hint="rebuild it with `python scripts/train_default.py`, pass a model directory, or read prose with rules only (--no-model)",
            )
        return _load_dir(path, threads=threads, batch_size=batch_size, device=device, backend=backend)
    if not isinstance(path_or_name, (str, os.PathLike)):
        raise ModelError(f"got {type(path_or_name).__name__}; expected a model directory or a hub name", source="<model>")
    raw = os.fspath(path_or_name)
    if not raw.strip():
        raise ModelError("empty model name", source="<model>", hint="pass a model directory or a hub name, or leave it out for the shipped model")
    path = Path(raw).expanduser()
    if path.is_dir():
        return _load_dir(path, threads=threads, batch_size=batch_size, device=device, backend=backend)
    if path.exists():
        if path.name in PICKLED_FILES or path.suffix in (".bin", ".pt", ".pth", ".ckpt", ".pkl"):
            raise _pickled(path)
        raise ModelError(
            "is a file; expected a model directory",
            source=str(path),
            hint=f"pass the directory holding {WEIGHTS_FILE}, config.json and the vocabulary",
        )
    if _looks_like_path(raw):
        raise ModelError("model directory not found", source=raw, hint="check the path, or leave the model out to use the shipped one")
    if backend == "onnx":
        raise ModelError("a hub name loads through torch only", source=raw, hint="download the checkpoint, run `gainer export DIR`, and pass the directory")
    return _load_hub(raw, threads=threads, batch_size=batch_size, device=device)


def _looks_like_path(raw: str) -> bool:
    return raw.startswith((".", "/", "~", "\\")) or raw.count("/") > 1 or os.sep in raw.replace("/", "") or raw.endswith(("/", os.sep))


def _pickled(path: Path) -> ModelError:
    return ModelError(
        "holds only pickled weights (pytorch_model.bin or similar); gainer loads safetensors only, since unpickling can run code",
        source=str(path),
        hint="convert the checkpoint once where you trust it: model.save_pretrained(dir, safe_serialization=True), "
        "or load it with from_pretrained(..., use_safetensors=True) after adding model.safetensors",
    )


def _check_weights(d: Path) -> None:
    if (d / WEIGHTS_FILE).is_file() or (d / SHARDED_INDEX).is_file():
        return
    if any((d / f).exists() for f in PICKLED_FILES):
        raise _pickled(d)
    raise ModelError(f"no {WEIGHTS_FILE} in the model directory", source=str(d), hint="a model directory needs safetensors weights; retrain or re-export it")


def _read_json(p: Path, what: str) -> dict[str, Any]:
    if not p.is_file():
        raise ModelError(f"no {p.name} ({what})", source=str(p.parent), hint="the model directory is incomplete; retrain or re-export it")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, OSError) as e:
        raise ModelError(f"{p.name} is not valid JSON: {e}", source=str(p), hint="the model directory is damaged; retrain or re-export it") from e
    if not isinstance(data, dict):
        raise ModelError(f"{p.name} is not a JSON object", source=str(p), hint="the model directory is damaged")
    return data


def _check_config(d: Path) -> dict[str, Any]:
    """The checkpoint's config.json, refused unless it is a token classifier with METRIC/VALUE labels."""
    config = _read_json(d / "config.json", "the model's transformers config")
    archs = config.get("architectures") or []
    if not any(str(a).endswith("ForTokenClassification") for a in archs):
        raise ModelError(
            f"is not a token-classification checkpoint (architectures: {archs or 'none'})",
            source=str(d),
            hint="pass a checkpoint made by `gainer train`; a masked-LM checkpoint (e.g. from `gainer pretrain`) is a starting point for training (model.base), not a tagger",
        )
    labels = set(str(v) for v in (config.get("id2label") or {}).values())
    if not REQUIRED_LABELS <= labels:
        raise ModelError(
            f"the label map {sorted(labels)} lacks {sorted(REQUIRED_LABELS - labels)}",
            source=str(d),
            hint="this token classifier was trained for other tags; train one for METRIC/VALUE with `gainer train`",
        )
    return config


def read_meta(d: Path) -> dict[str, Any]:
    """The ``gainer_model.json`` of a gainer model directory, validated."""
    meta = _read_json(d / META_FILE, "gainer's model metadata")
    if meta.get("format") != FORMAT:
        raise ModelError(f"{META_FILE} names the format {meta.get('format')!r}; expected {FORMAT!r}", source=str(d), hint="retrain the model with `gainer train`")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"model format version {meta.get('format_version')!r}; this gainer reads version {FORMAT_VERSION}",
            source=str(d),
            hint="retrain the model with this gainer (`gainer train`)",
        )
    current = schema_version()
    if meta.get("schema_version") != current:
        raise ModelError(
            f"made for schema version {meta.get('schema_version')!r}; this gainer uses schema version {current}",
            source=str(d),
            hint=f"retrain the model with `gainer train` (or `python scripts/train_default.py`), or use a model made for schema version {current}",
        )
    labels = meta.get("labels")
    if not isinstance(labels, list) or not REQUIRED_LABELS <= set(labels):
        raise ModelError(f"{META_FILE} has the labels {labels!r}; expected {list(LABELS)}", source=str(d), hint="retrain the model with `gainer train`")
    return meta


def _load_dir(d: Path, *, threads: int | None, batch_size: int, device: str, backend: str = "auto") -> "TaggerBase":
    from .ort import ONNX_FILE, OnnxTagger, onnxruntime_available

    ours = (d / META_FILE).is_file()
    meta = read_meta(d) if ours else {}
    config = _check_config(d)
    has_onnx = (d / ONNX_FILE).is_file()
    if backend == "onnx" and not has_onnx:
        raise ModelError(f"no {ONNX_FILE} in the model directory", source=str(d), hint=f"write it with `gainer export {d}` (needs torch), or use backend auto")
    use_onnx = backend == "onnx" or (backend == "auto" and has_onnx and device == "cpu" and onnxruntime_available())
    if not use_onnx:
        require_torch()  # before the tokenizer, so a torch-less install hears about torch, not transformers
        _check_weights(d)
    if ours:
        tokenizer: Tokenizer = load_tokenizer(d)
        max_len = int(meta.get("max_len", config.get("max_position_embeddings", 512)))
        stride = int(meta.get("stride", max_len // 8))
    else:
        tokenizer = HFTokenizer.from_pretrained(str(d))
        max_len = int(min(config.get("max_position_embeddings", 512), 512))
        stride = max_len // 8
    embeddings = int(config.get("vocab_size", tokenizer.vocab_size))
    if tokenizer.vocab_size > embeddings:
        raise ModelError(
            f"the vocabulary has {tokenizer.vocab_size} tokens but the model only {embeddings} embeddings",
            source=str(d),
            hint="vocab.txt does not belong to these weights; restore the directory as training wrote it",
        )
    if use_onnx:
        return OnnxTagger(d, tokenizer, config, max_len=max_len, stride=stride, batch_size=batch_size, threads=threads, meta=meta)
    if not has_onnx:
        log.warning("%s: no %s, so the tagger runs on torch; `gainer export %s` writes it for faster inference without torch", d, ONNX_FILE, d)
    model = load_token_classifier(d)
    from .infer import Tagger

    return Tagger(model.to(device), tokenizer, max_len=max_len, stride=stride, batch_size=batch_size, threads=threads, meta=meta, source=str(d))


def load_token_classifier(d: Path) -> Any:
    """The token classifier of a checkpoint directory, in float32.

    gainer's own directories are rebuilt from ``config.json`` and filled from ``model.safetensors``
    directly (exact keys, fp16 storage upcast); other directories go through transformers'
    ``from_pretrained`` with ``use_safetensors=True``.
    """
    transformers = require_transformers()
    torch = require_torch()
    if not (d / META_FILE).is_file():
        try:
            with quiet_transformers():
                model = transformers.AutoModelForTokenClassification.from_pretrained(str(d), use_safetensors=True, dtype=torch.float32, local_files_only=True)
        except Exception as e:  # safetensors, OSError, ValueError, RuntimeError: all mean the same to the user
            raise _bad_weights(d, e) from e
        return model.float()
    from safetensors.torch import load_file

    try:
        with quiet_transformers():
            config = transformers.AutoConfig.from_pretrained(str(d), local_files_only=True)
    except Exception as e:
        raise ModelError(f"config.json is not a valid transformers config: {_short(e)}", source=str(d), hint="restore the model directory as training wrote it") from e
    try:
        state = load_file(str(d / WEIGHTS_FILE))
    except Exception as e:
        raise _bad_weights(d, e) from e
    with quiet_transformers():
        model = transformers.AutoModelForTokenClassification.from_config(config)
    expected = model.state_dict()
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    wrong = [k for k in expected if k in state and tuple(state[k].shape) != tuple(expected[k].shape)]
    if missing or unexpected or wrong:
        detail = "; ".join(
            f"{what}: {', '.join(keys[:3])}{' ...' if len(keys) > 3 else ''}"
            for what, keys in (("missing", missing), ("unexpected", unexpected), ("wrong shape", wrong))
            if keys
        )
        raise ModelError(f"{WEIGHTS_FILE} does not match config.json ({detail})", source=str(d), hint="restore the model directory as training wrote it, or retrain")
    model.load_state_dict({k: v.to(torch.float32) for k, v in state.items()}, strict=True)
    return model.float()


def _bad_weights(d: Path, e: BaseException) -> ModelError:
    return ModelError(
        f"cannot load the weights: {type(e).__name__}: {_short(e)}",
        source=str(d),
        hint=f"{WEIGHTS_FILE} is damaged, truncated or does not match config.json; retrain the model or restore the directory",
    )


def _short(e: BaseException, n: int = 300) -> str:
    s = str(e).strip().replace("\n", " ")
    return s if len(s) <= n else s[: n - 3] + "..."


def _load_hub(name: str, *, threads: int | None, batch_size: int, device: str) -> "Tagger":
    transformers = require_transformers()
    torch = require_torch()
    try:
        with quiet_transformers():
            model = transformers.AutoModelForTokenClassification.from_pretrained(name, use_safetensors=True, dtype=torch.float32)
    except Exception as e:
        raise ModelError(
            f"not a local directory, and loading it from the Hugging Face hub failed: {type(e).__name__}: {_short(e)}",
            source=name,
            hint="check the directory path; a hub name needs network access (or the model in the local hub cache) and safetensors weights",
        ) from e
    archs = getattr(model.config, "architectures", None) or []
    if archs and not any(str(a).endswith("ForTokenClassification") for a in archs):
        raise ModelError(f"is not a token-classification checkpoint (architectures: {archs})", source=name, hint="use a token classifier trained for METRIC/VALUE tags")
    tokenizer = HFTokenizer.from_pretrained(name)
    max_len = int(min(getattr(model.config, "max_position_embeddings", 512), 512))
    from .infer import Tagger

    return Tagger(model.to(device).float(), tokenizer, max_len=max_len, stride=max_len // 8, batch_size=batch_size, threads=threads, source=name)


def save_model(model: Any, tokenizer: Tokenizer, directory: str | Path, meta: dict[str, Any], card: str) -> Path:
    """Write a gainer model directory (weights, config, vocabulary, metadata, model card); returns it.

    Only the files of the format are written or replaced, so pointing ``directory`` at a folder that
    holds other things never deletes them.
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    for stale in PICKLED_FILES + (SHARDED_INDEX,):
        if (d / stale).is_file():
            (d / stale).unlink()
    from safetensors.torch import save_file

    state = {k: v.detach().to("cpu").contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(d / WEIGHTS_FILE), metadata={"format": "pt"})
    model.config.architectures = [type(model).__name__]
    model.config.save_pretrained(str(d))
    tokenizer.save(d)
    full = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "gainer_version": __version__,
        "schema_version": schema_version(),
        "labels": list(LABELS),
        "tokenizer": getattr(tokenizer, "kind", "hf"),
        **meta,
    }
    (d / META_FILE).write_text(json.dumps(full, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (d / "README.md").write_text(card, encoding="utf-8")
    return d
