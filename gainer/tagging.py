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
def _load(path: str | None) -> Any:
    from .model.io import load_model

    return load_model(path)


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
