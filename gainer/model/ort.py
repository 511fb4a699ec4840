"""The tagger on ONNX Runtime: the same windows, merging and decoding as on torch, without torch.

A model directory that holds ``model.onnx`` (written by ``gainer train`` and ``gainer export``) is
tagged here. One ``InferenceSession`` per model file and thread count lives for the whole process,
so a batch of reports (and each ``--jobs`` worker) loads the graph once.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ._deps import require_onnxruntime
from .infer import TaggerBase
from .labels import OUTSIDE
from .tokenizer import Tokenizer

ONNX_FILE = "model.onnx"
INPUTS = ("input_ids", "attention_mask")

_SESSIONS: dict[tuple[str, int, float], Any] = {}
_LOCK = threading.Lock()


def onnxruntime_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


__all__ = ["ONNX_FILE", "OnnxTagger", "onnxruntime_available", "require_onnxruntime", "session"]


def session(path: Path, threads: int) -> Any:
    """The process's ONNX Runtime session for ``path`` with ``threads`` intra-op threads."""
    ort = require_onnxruntime()
    try:
        stamp = path.stat().st_mtime
    except OSError as e:
        raise ModelError(f"cannot read {path.name}: {e}", source=str(path.parent), hint="restore the model directory") from e
    key = (str(path.resolve()), threads, stamp)
    with _LOCK:
        got = _SESSIONS.get(key)
        if got is None:
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            opts.log_severity_level = 3
            try:
                got = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
            except Exception as e:  # onnxruntime raises its own Fail/InvalidGraph/... types
                raise ModelError(f"{path.name} is not a loadable ONNX graph: {str(e)[:300]}", source=str(path.parent), hint="re-export it with `gainer export DIR`") from e
            names = [i.name for i in got.get_inputs()]
            if list(names[:2]) != list(INPUTS) or len(names) != 2:
                raise ModelError(f"{path.name} takes the inputs {names}; expected {list(INPUTS)}", source=str(path.parent), hint="re-export it with `gainer export DIR`")
            _SESSIONS[key] = got
        return got


class OnnxTagger(TaggerBase):
    """The tagger of a model directory's ``model.onnx``; labels and positions from its config.json."""

    backend = "onnx"

    def __init__(
        self,
        directory: Path,
        tokenizer: Tokenizer,
        config: dict[str, Any],
        *,
        max_len: int,
        stride: int,
        batch_size: int = 16,
        threads: int | None = None,
        meta: dict[str, Any] | None = None,
        onnx_file: str = ONNX_FILE,
    ):
        id2label = config.get("id2label") or {}
        labels = [str(id2label.get(str(i), id2label.get(i, OUTSIDE))) for i in range(len(id2label))]
        positions = int(config.get("max_position_embeddings", max_len))
        super().__init__(
            tokenizer, model_labels=labels, max_positions=positions, max_len=max_len, stride=stride, batch_size=batch_size, threads=threads, meta=meta, source=str(directory)
        )
        self.path = Path(directory) / onnx_file
        self.session = session(self.path, self.threads)

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        (logits,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(logits, dtype=np.float32)
