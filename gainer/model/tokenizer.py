"""Character tokenisation with exact character offsets, and the overlapping windows long reports are cut into.

gainer's own models use :class:`CharTokenizer`: every non-whitespace character is one token (digits too,
so offsets are exact and no number is split differently in training and inference); whitespace is skipped
but offsets keep pointing into the original text. Checkpoints from elsewhere (a local Hugging Face
directory) use their own fast tokenizer through :class:`HFTokenizer`, which reads offsets from
``return_offsets_mapping``. Both return an :class:`Encoding` without special tokens.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, Sequence

from ..errors import ModelError
from .vocab import CLS, MASK, PAD, SEP, UNK, is_token_char, load_vocab, save_vocab

TOKENIZER_CONFIG = "tokenizer_config.json"


@dataclass(frozen=True)
class Encoding:
    """Token ids of a text and the half-open character interval of each token in that text."""

    ids: list[int]
    offsets: list[tuple[int, int]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


class Tokenizer(Protocol):
    cls_id: int
    sep_id: int
    pad_id: int
    mask_id: int | None
    vocab_size: int

    def encode(self, text: str) -> Encoding: ...

    def save(self, directory: str | Path) -> None: ...


class CharTokenizer:
    """One token per non-whitespace character; unknown characters become ``[UNK]``.

    A character missing from the vocabulary is looked up once more in its NFKC form when that is a
    single character (full-width ``Ａ`` -> ``A``), so the offsets never change.

    >>> tok = CharTokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "共", "1", "2"])
    >>> enc = tok.encode("共 12件")
    >>> enc.ids, enc.offsets
    ([5, 6, 7, 1], [(0, 1), (2, 3), (3, 4), (4, 5)])
    """

    kind = "char"

    def __init__(self, tokens: Sequence[str]):
        self.tokens = list(tokens)
        self.vocab = {t: i for i, t in enumerate(self.tokens)}
        if len(self.vocab) != len(self.tokens):
            raise ModelError("the vocabulary holds duplicate tokens", hint="rebuild vocab.txt")
        missing = [t for t in (PAD, UNK, CLS, SEP) if t not in self.vocab]
        if missing:
            raise ModelError(f"the vocabulary lacks the special tokens {missing}", hint="expected a BERT vocab.txt with [PAD] [UNK] [CLS] [SEP]")
        self.pad_id = self.vocab[PAD]
        self.unk_id = self.vocab[UNK]
        self.cls_id = self.vocab[CLS]
        self.sep_id = self.vocab[SEP]
        self.mask_id = self.vocab.get(MASK)
        self._cache: dict[str, int] = {}

    @classmethod
    def from_file(cls, path: str | Path) -> "CharTokenizer":
        """From a ``vocab.txt`` or a directory holding one."""
        return cls(load_vocab(path))

    @property
    def vocab_size(self) -> int:
        return len(self.tokens)

    def token_id(self, ch: str) -> int:
        i = self._cache.get(ch)
        if i is None:
            i = self.vocab.get(ch)
            if i is None:
                alt = unicodedata.normalize("NFKC", ch)
                i = self.vocab.get(alt, self.unk_id) if len(alt) == 1 else self.unk_id
            self._cache[ch] = i
        return i

    def encode(self, text: str) -> Encoding:
        ids: list[int] = []
        offsets: list[tuple[int, int]] = []
        token_id = self.token_id
        for i, ch in enumerate(text):
            if is_token_char(ch):
                ids.append(token_id(ch))
                offsets.append((i, i + 1))
        return Encoding(ids, offsets)

    def save(self, directory: str | Path) -> None:
        """Write ``vocab.txt`` and a ``tokenizer_config.json`` that transformers can also read."""
        save_vocab(self.tokens, directory)
        config = {
            "tokenizer_class": "BertTokenizer",
            "do_lower_case": False,
            "tokenize_chinese_chars": True,
            "strip_accents": False,
            "unk_token": UNK,
            "sep_token": SEP,
            "pad_token": PAD,
            "cls_token": CLS,
            "mask_token": MASK,
            "gainer_tokenizer": self.kind,
        }
        (Path(directory) / TOKENIZER_CONFIG).write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class HFTokenizer:
    """A transformers fast tokenizer (from a local checkpoint directory) behind the :class:`Encoding` interface."""

    kind = "hf"

    def __init__(self, hf_tokenizer: Any, source: str = "<tokenizer>"):
        if not getattr(hf_tokenizer, "is_fast", False):
            raise ModelError(
                "the checkpoint's tokenizer is not a fast tokenizer, so it gives no character offsets",
                source=source,
                hint="add a tokenizer.json (or a vocab.txt for a BERT tokenizer) to the checkpoint directory",
            )
        self.hf = hf_tokenizer
        self.source = source
        ids = {name: getattr(hf_tokenizer, f"{name}_token_id", None) for name in ("cls", "sep", "pad", "mask", "unk")}
        if ids["cls"] is None or ids["sep"] is None:
            raise ModelError("the checkpoint's tokenizer has no [CLS]/[SEP] tokens", source=source, hint="use a BERT-style checkpoint")
        self.cls_id, self.sep_id = ids["cls"], ids["sep"]
        self.pad_id = ids["pad"] if ids["pad"] is not None else 0
        self.mask_id = ids["mask"]
        self.unk_id = ids["unk"]

    @classmethod
    def from_pretrained(cls, path_or_name: str) -> "HFTokenizer":
        from transformers import AutoTokenizer

        try:
            tok = AutoTokenizer.from_pretrained(path_or_name, use_fast=True)
        except Exception as e:  # transformers raises OSError, ValueError, ... depending on what is missing
            raise ModelError(f"cannot load a tokenizer: {e}", source=str(path_or_name), hint="the checkpoint needs tokenizer.json or vocab.txt") from e
        return cls(tok, str(path_or_name))

    @property
    def vocab_size(self) -> int:
        return len(self.hf)

    def encode(self, text: str) -> Encoding:
        enc = self.hf(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False, verbose=False)
        ids = list(enc["input_ids"])
        offsets = [tuple(o) for o in enc["offset_mapping"]]
        # some tokenizers include leading spaces in an offset: trim them so spans never start on whitespace
        trimmed = []
        for s, e in offsets:
            while s < e and not is_token_char(text[s]):
                s += 1
            while e > s and not is_token_char(text[e - 1]):
                e -= 1
            trimmed.append((s, e))
        return Encoding(ids, trimmed)

    def save(self, directory: str | Path) -> None:
        self.hf.save_pretrained(str(directory))


def windows(n_tokens: int, max_len: int, stride: int) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of at most ``max_len`` tokens that cover ``range(n_tokens)``.

    Consecutive windows share ``stride`` tokens (``stride`` is the overlap, as in transformers'
    tokenizers); the last window is moved left to end at ``n_tokens`` so every window but a lone one
    is full. ``max_len`` counts content tokens: the caller adds ``[CLS]``/``[SEP]``.

    >>> windows(10, 4, 1)
    [(0, 4), (3, 7), (6, 10)]
    >>> windows(11, 4, 1)
    [(0, 4), (3, 7), (6, 10), (7, 11)]
    >>> windows(3, 4, 1), windows(0, 4, 1)
    ([(0, 3)], [])
    """
    if max_len < 1:
        raise ValueError(f"max_len must be >= 1, got {max_len}")
    if not 0 <= stride < max_len:
        raise ValueError(f"stride (the overlap) must be in [0, max_len), got {stride} with max_len {max_len}")
    if n_tokens <= 0:
        return []
    if n_tokens <= max_len:
        return [(0, n_tokens)]
    step = max_len - stride
    out = []
    start = 0
    while start + max_len < n_tokens:
        out.append((start, start + max_len))
        start += step
    out.append((n_tokens - max_len, n_tokens))
    return out


def tokenizer_kind(directory: str | Path) -> str:
    """``"char"`` when a checkpoint directory uses gainer's :class:`CharTokenizer`, else ``"hf"``."""
    d = Path(directory)
    for meta_name in ("gainer_model.json", "gainer_pretrain.json"):
        p = d / meta_name
        if p.is_file():
            try:
                kind = json.loads(p.read_text(encoding="utf-8")).get("tokenizer", "char")
            except (ValueError, OSError, AttributeError):
                kind = "char"
            return "hf" if kind == "hf" else "char"
    cfg = d / TOKENIZER_CONFIG
    if cfg.is_file():
        try:
            if json.loads(cfg.read_text(encoding="utf-8")).get("gainer_tokenizer") == "char":
                return "char"
        except (ValueError, OSError, AttributeError):
            pass
    return "hf"


def load_tokenizer(directory: str | Path) -> Tokenizer:
    """The tokenizer of a checkpoint directory: gainer's own, or the directory's fast HF tokenizer."""
    if tokenizer_kind(directory) == "char":
        return CharTokenizer.from_file(directory)
    return HFTokenizer.from_pretrained(str(directory))
