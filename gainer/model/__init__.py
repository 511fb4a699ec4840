"""The BERT token classifier that tags METRIC and VALUE spans in report prose.

Importing this package does not import torch: the vocabulary, tokenizer, config, window merging and
decoding are pure Python (+ numpy). Loading, training and pretraining import torch and transformers
when used and raise :class:`gainer.errors.MissingDependencyError` when they are absent.

API: ``load_model(path_or_name=None) -> Tagger``; ``Tagger.tag(text) -> list[Span]``;
``gainer.model.train.train(config) -> TrainResult``; ``gainer.model.pretrain.pretrain(corpus_dir, config) -> Path``;
``load_train_config(path=None, overrides=None) -> TrainConfig``. (``train`` and ``pretrain`` are imported
from their modules: a package attribute would be shadowed by the submodule of the same name.)
"""
from __future__ import annotations

from typing import Any

from .labels import LABELS

__all__ = [
    "LABELS",
    "Tagger",
    "TrainConfig",
    "TrainResult",
    "default_model_path",
    "load_model",
    "load_train_config",
]

_LAZY = {
    "Tagger": ("infer", "Tagger"),
    "TrainResult": ("train", "TrainResult"),
    "TrainConfig": ("config", "TrainConfig"),
    "load_model": ("io", "load_model"),
    "default_model_path": ("io", "default_model_path"),
    "load_train_config": ("config", "load_train_config"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
