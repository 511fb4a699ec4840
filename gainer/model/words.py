"""Word boundaries of Chinese text for :func:`gainer.model.merge.snap_metrics`: jieba's dictionary
segmentation (``HMM=False``: only dictionary words, so unknown strings fall apart into single
characters and never move a boundary). No torch needed."""
from __future__ import annotations

import logging
import os
import threading
from array import array
from pathlib import Path
from typing import Any

from ._deps import require_jieba

log = logging.getLogger(__name__)
_LOCK = threading.Lock()
_TOKENIZER: Any = None
_MAGIC = b"gainer-jieba-words 1\n"


def cache_dir() -> Path:
    """Where the compact word list lives: ``$GAINER_CACHE_DIR``, else ``$XDG_CACHE_HOME/gainer``, else ``~/.cache/gainer``."""
    env = os.environ.get("GAINER_CACHE_DIR") or ""
    if env.strip():
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gainer"


def _cache_path(jieba: Any) -> Path:
    dict_file = Path(jieba.__file__).resolve().parent / "dict.txt"
    try:
        stamp = f"{dict_file.stat().st_size}-{int(dict_file.stat().st_mtime)}"
    except OSError:
        stamp = "nodict"
    return cache_dir() / f"jieba-{jieba.__version__}-{stamp}.words"


def _read_cache(path: Path) -> tuple[dict[str, int], int] | None:
    """jieba's prefix dictionary from gainer's compact cache: words, then their counts as int32.

    jieba's own cache is a marshal dump that takes about a second to load; this takes a quarter."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    try:
        head_end = data.index(b"\n", len(_MAGIC))
        n, total, n_bytes = (int(x) for x in data[len(_MAGIC) : head_end].split())
        words = data[head_end + 1 : head_end + 1 + n_bytes].decode("utf-8").split("\n")
        counts = array("i")
        counts.frombytes(data[head_end + 1 + n_bytes :])
    except (ValueError, UnicodeDecodeError):
        return None
    if len(words) != n or len(counts) != n:
        return None
    return dict(zip(words, counts.tolist())), total


def _write_cache(path: Path, freq: dict[str, int], total: int) -> None:
    words = list(freq)
    blob = "\n".join(words).encode("utf-8")
    counts = array("i", (freq[w] for w in words))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(_MAGIC + f"{len(words)} {total} {len(blob)}\n".encode() + blob + counts.tobytes())
        os.replace(tmp, path)
    except OSError as e:  # a read-only home: the next run builds the dictionary again, nothing worse
        log.debug("cannot write the word cache %s: %s", path, e)


def _tokenizer() -> Any:
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            jieba = require_jieba()
            jieba.setLogLevel(logging.WARNING)  # jieba logs "Building prefix dict..." to stderr otherwise
            tk = jieba.Tokenizer()
            path = _cache_path(jieba)
            cached = _read_cache(path)
            if cached is not None:
                tk.FREQ, tk.total = cached
                tk.initialized = True
            else:
                tk.initialize()
                _write_cache(path, tk.FREQ, tk.total)
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
