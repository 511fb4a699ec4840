"""Windowed inference: text -> tokens -> overlapping windows -> batched forward -> per-char probabilities -> spans.

Only the forward pass touches torch; merging windows and decoding spans are the pure functions of
:mod:`gainer.model.merge`. Spans are slices of the original text, never decoded token text.
"""
from __future__ import annotations

import contextlib
import logging
from typing import Any, Iterator, Sequence

import numpy as np

from ..errors import InputError, ModelError
from ..types import Span
from .labels import LABEL2ID, LABELS, OUTSIDE
from .merge import clean_spans, decode_spans, merge_windows
from .tokenizer import Tokenizer, windows
from ._deps import default_threads, require_torch

log = logging.getLogger(__name__)


def label_projection(model_labels: Sequence[str], *, source: str = "<model>") -> np.ndarray:
    """A (model labels x gainer labels) 0/1 matrix; labels gainer does not use count as ``O``.

    A model whose labels lack any of B-/I-METRIC and B-/I-VALUE cannot tag spans: ModelError.
    """
    missing = [label for label in LABELS[1:] if label not in model_labels]
    if missing:
        raise ModelError(
            f"the model's label map {list(model_labels)} lacks {missing}",
            source=source,
            hint="use a token classifier trained for gainer's METRIC/VALUE tags (IOB2), e.g. one made by `gainer train`",
        )
    m = np.zeros((len(model_labels), len(LABELS)), dtype=np.float32)
    for i, label in enumerate(model_labels):
        m[i, LABEL2ID.get(label, LABEL2ID[OUTSIDE])] = 1.0
    return m


class TaggerBase:
    """Tags METRIC and VALUE spans with a token classifier: windows, merging and decoding.

    The back-ends differ only in :meth:`_run` (one padded batch of ids -> logits): :class:`Tagger`
    runs torch, :class:`gainer.model.ort.OnnxTagger` runs ONNX Runtime. ``max_len`` counts every
    position of a window (``[CLS]`` and ``[SEP]`` included), ``stride`` the tokens consecutive windows
    share. ``threads`` defaults to ``GAINER_THREADS`` or ``min(2, cores)``.
    """

    backend = "none"

    def __init__(
        self,
        tokenizer: Tokenizer,
        *,
        model_labels: Sequence[str],
        max_positions: int,
        max_len: int,
        stride: int,
        batch_size: int = 16,
        threads: int | None = None,
        meta: dict[str, Any] | None = None,
        source: str = "<model>",
    ):
        self.tokenizer = tokenizer
        self.source = source
        self.meta = dict(meta or {})
        if max_len > max_positions:
            log.info("%s: max_len %d exceeds the model's %d positions; using %d", source, max_len, max_positions, max_positions)
            max_len = max_positions
        if max_len < 3 or not 0 <= stride < max_len - 2:
            raise ModelError(f"window settings max_len={max_len} stride={stride} are invalid", source=source, hint="need max_len >= 3 and 0 <= stride < max_len - 2")
        self.max_len = max_len
        self.stride = stride
        self.batch_size = batch_size
        self.threads = threads or default_threads()
        self.model_labels = list(model_labels)
        self._project = label_projection(self.model_labels, source=source)

    @property
    def labels(self) -> tuple[str, ...]:
        """The columns of :meth:`char_probs`: gainer's IOB2 tags."""
        return LABELS

    def tag(self, text: str) -> list[Span]:
        """Spans of ``text`` labelled METRIC or VALUE, each with a confidence ``score``."""
        return self.tag_batch([text])[0]

    def tag_batch(self, texts: Sequence[str]) -> list[list[Span]]:
        """:meth:`tag` for several texts, their windows run through the model in shared batches."""
        return [self._clean(t, decode_spans(t, p)) for t, p in zip(texts, self.char_probs_batch(texts))]

    @staticmethod
    def _clean(text: str, spans: list[Span]) -> list[Span]:
        """The decoded spans cleaned by what the label scheme allows (``gainer.model.merge.clean_spans``)."""
        return clean_spans(text, spans)  # jieba's words only where there are METRICs to snap

    def char_probs(self, text: str) -> np.ndarray:
        """Per-character probabilities of :attr:`labels` (NaN rows where no token covers a character)."""
        return self.char_probs_batch([text])[0]

    def char_probs_batch(self, texts: Sequence[str]) -> list[np.ndarray]:
        if isinstance(texts, str):
            raise InputError("got one string; expected a list of texts", source=self.source, hint="use tag(text) for a single text")
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise InputError(f"text #{i} is {type(t).__name__}; expected str", source=self.source, hint="decode bytes to text first")
        encodings = [self.tokenizer.encode(t) for t in texts]
        content = self.max_len - 2
        jobs: list[tuple[int, int, int]] = []  # (text index, token start, token end)
        for k, enc in enumerate(encodings):
            jobs.extend((k, s, e) for s, e in windows(len(enc.ids), content, self.stride))
        per_text: list[list[tuple[list[tuple[int, int]], np.ndarray]]] = [[] for _ in texts]
        if jobs:
            for (k, s, e), probs in zip(jobs, self._forward([encodings[k].ids[s:e] for k, s, e in jobs])):
                per_text[k].append((encodings[k].offsets[s:e], probs))
        return [merge_windows(len(t), w) for t, w in zip(texts, per_text)]

    def _forward(self, seqs: list[list[int]]) -> list[np.ndarray]:
        """Label probabilities (projected onto gainer's labels) for each id sequence, in input order."""
        tok = self.tokenizer
        order = sorted(range(len(seqs)), key=lambda i: -len(seqs[i]))  # similar lengths share a batch
        out: list[np.ndarray] = [np.empty(0)] * len(seqs)
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            width = max(len(seqs[i]) for i in idx) + 2
            ids = np.full((len(idx), width), tok.pad_id, dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                row = [tok.cls_id, *seqs[i], tok.sep_id]
                ids[r, : len(row)] = row
                mask[r, : len(row)] = 1
            probs = softmax(self._run(ids, mask))
            for r, i in enumerate(idx):
                out[i] = probs[r, 1 : 1 + len(seqs[i])] @ self._project
        return out

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Logits (batch x positions x model labels) for one padded batch."""
        raise NotImplementedError


def softmax(logits: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in float32, stable for large logits.

    >>> softmax(np.array([[0.0, 0.0]])).tolist()
    [[0.5, 0.5]]
    """
    x = logits.astype(np.float32, copy=False)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


class Tagger(TaggerBase):
    """The tagger on torch: a transformers ``*ForTokenClassification`` model in memory.

    Build one with :func:`gainer.model.load_model` (which prefers ONNX Runtime where the model
    directory has ``model.onnx``), or directly from a model, as training does. torch's thread
    count is set to ``threads`` while a call runs and restored after.
    """

    backend = "torch"

    def __init__(
        self,
        model: Any,
        tokenizer: Tokenizer,
        *,
        max_len: int,
        stride: int,
        batch_size: int = 16,
        threads: int | None = None,
        meta: dict[str, Any] | None = None,
        source: str = "<model>",
    ):
        self.torch = require_torch()
        self.model = model
        positions = getattr(getattr(model, "config", None), "max_position_embeddings", max_len)
        id2label = getattr(model.config, "id2label", None) or {}
        labels = [str(id2label.get(i, id2label.get(str(i), OUTSIDE))) for i in range(len(id2label))]
        super().__init__(
            tokenizer, model_labels=labels, max_positions=positions, max_len=max_len, stride=stride, batch_size=batch_size, threads=threads, meta=meta, source=source
        )
        self.model.eval()

    def _forward(self, seqs: list[list[int]]) -> list[np.ndarray]:
        was_training = self.model.training
        self.model.eval()  # no dropout while tagging, even when called from a training loop
        try:
            with _num_threads(self.torch, self.threads), self.torch.inference_mode():
                return super()._forward(seqs)
        finally:
            if was_training:
                self.model.train()

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        torch = self.torch
        device = next(self.model.parameters()).device
        logits = self.model(input_ids=torch.from_numpy(ids).to(device), attention_mask=torch.from_numpy(mask).to(device)).logits
        return logits.float().cpu().numpy()


@contextlib.contextmanager
def _num_threads(torch: Any, n: int) -> Iterator[None]:
    before = torch.get_num_threads()
    if n != before:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if n != before:
            torch.set_num_threads(before)
