"""Pick the prose tagger: the shipped BERT model (default), another checkpoint, or the rules.

Loading is lazy and cached per checkpoint so batches load a model once per process; torch is
imported only when a model is asked for.
"""
from __future__ import annotations

import functools
import os
from typing import Any, Callable

from .types import Span

Tag = Callable[[str], list[Span]]


@functools.lru_cache(maxsize=4)
def _load(path: str | None, backend: str = "auto") -> Any:
    from .model.io import load_model

    return load_model(path, backend=backend)


def load_cached(path: str | None, backend: str = "auto") -> Any:
    """The tagger of ``path`` (None: the shipped model), loaded once per process and back-end."""
    return _load(path, backend)


def reload_spec(model: Any) -> tuple[str, str] | None:
    """``(directory, backend)`` from which another process can load the same tagger, or None for a
    tagger that lives only in memory (one built during training, a test double)."""
    source = getattr(model, "source", None)
    backend = getattr(model, "backend", None)
    if isinstance(source, str) and backend in ("onnx", "torch") and os.path.isdir(source):
        return source, backend
    return None


def get_tagger(use_model: bool = True, model: Any = None) -> tuple[Tag, str]:
    """``(tag, source)``: a function from text to METRIC/VALUE spans, and the FieldValue source name.

    ``model`` may be a loaded tagger (anything with ``.tag(text)``), a checkpoint path or hub
    name, or None for the model shipped in the package.
    """
    if not use_model:
        from .prose.rules_tagger import tag

        return tag, "prose-rules"
    if model is not None and hasattr(model, "tag"):
        return model.tag, "prose-model"
    path = os.fspath(model) if model is not None else None
    return _load(path).tag, "prose-model"
