"""Import torch and transformers on demand, turning their absence into MissingDependencyError."""
from __future__ import annotations

import contextlib
import os
from typing import Any, Iterator

from ..errors import MissingDependencyError

_HINT = "install torch for this (pip install torch==2.13.0 && pip install 'gainer[model]'); a checkpoint with model.onnx (`gainer export DIR` where torch is installed) needs no torch; or read the prose with the rules only: --no-model (Python: use_model=False)"


def require_torch() -> Any:
    """The torch module, or MissingDependencyError saying how to install it."""
    try:
        import torch
    except ImportError as e:
        raise MissingDependencyError(f"the BERT tagger needs torch, which is not installed ({e})", source="gainer.model", hint=_HINT) from e
    return torch


def require_transformers() -> Any:
    """The transformers module (after torch), or MissingDependencyError."""
    require_torch()
    try:
        import transformers
    except ImportError as e:
        raise MissingDependencyError(f"the BERT tagger needs transformers, which is not installed ({e})", source="gainer.model", hint=_HINT) from e
    return transformers


def require_onnxruntime() -> Any:
    """The onnxruntime module (part of gainer's base install), or MissingDependencyError."""
    try:
        import onnxruntime
    except ImportError as e:
        raise MissingDependencyError(
            f"ONNX inference needs onnxruntime, which is not installed ({e})",
            source="gainer.model",
            hint="pip install onnxruntime==1.32.0 (it comes with gainer's base install), or read the prose with the rules only: --no-model",
        ) from e
    return onnxruntime


def require_jieba() -> Any:
    """The jieba module (word boundaries for METRIC spans), or MissingDependencyError."""
    try:
        import jieba
    except ImportError as e:
        raise MissingDependencyError(f"the BERT tagger needs jieba for word boundaries, which is not installed ({e})", source="gainer.model", hint=_HINT) from e
    return jieba


def default_threads() -> int:
    """Threads for torch: ``GAINER_THREADS`` when set, else ``min(2, cores)``."""
    env = os.environ.get("GAINER_THREADS", "").strip()
    if env:
        try:
            n = int(env)
        except ValueError:
            n = 0
        if n >= 1:
            return n
    return max(1, min(2, os.cpu_count() or 1))


@contextlib.contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' progress bars and warnings while a checkpoint loads, then restore them."""
    transformers = require_transformers()
    tl = transformers.utils.logging
    verbosity = tl.get_verbosity()
    bars = tl.is_progress_bar_enabled()
    tl.set_verbosity_error()
    if bars:
        tl.disable_progress_bar()
    try:
        yield
    finally:
        tl.set_verbosity(verbosity)
        if bars:
            tl.enable_progress_bar()
