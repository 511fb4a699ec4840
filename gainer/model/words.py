"""Word boundaries of Chinese text for :func:`gainer.model.merge.snap_metrics`: jieba's dictionary
segmentation (``HMM=False``: only dictionary words, so unknown strings fall apart into single
characters and never move a boundary). No torch needed."""
from __future__ import annotations

import logging
import threading
from typing import Any

from ._deps import require_jieba

_LOCK = threading.Lock()
_TOKENIZER: Any = None


def _tokenizer() -> Any:
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            jieba = require_jieba()
            jieba.setLogLevel(logging.WARNING)  # jieba logs "Building prefix dict..." to stderr otherwise
            tk = jieba.Tokenizer()
            tk.initialize()
            _TOKENIZER = tk
    return _TOKENIZER


def word_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every word of ``text`` in order; together they cover ``text`` exactly.

    >>> word_spans("出动防汛抢险人员")
    [(0, 2), (2, 4), (4, 6), (6, 8)]
    """
    out: list[tuple[int, int]] = []
    i = 0
    for w in _tokenizer().cut(text, HMM=False):
        out.append((i, i + len(w)))
        i += len(w)
    return out
