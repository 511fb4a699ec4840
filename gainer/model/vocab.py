"""Build, save and load the character vocabulary of gainer's own tagger (BERT ``vocab.txt`` format).

The vocabulary is built from training text (synthetic reports, annotated seed reports) plus a fixed
inventory that every model gets whatever its corpus: ASCII and full-width digits, letters and
punctuation, CJK punctuation, Chinese numerals and every character of the schema's labels.
Whitespace and control characters are never tokens (the tokenizer skips whitespace).
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from ..errors import ModelError

PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"
SPECIAL_TOKENS: tuple[str, ...] = (PAD, UNK, CLS, SEP, MASK)
VOCAB_FILE = "vocab.txt"

# Punctuation Chinese reports print that is outside the ASCII / full-width / CJK-symbol blocks.
_EXTRA_PUNCT = "“”‘’…—–·•●○■□▲△◆◇★☆※→←↑↓√×÷±≤≥≠≈％‰℃№§"
_CN_NUMERALS = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億余多近约逾超"


def is_token_char(ch: str) -> bool:
    """True for characters that become a token: not whitespace, not a control character.

    >>> [is_token_char(c) for c in "a 中\\n\\u3000\\x00"]
    [True, False, True, False, False, False]
    """
    return not ch.isspace() and unicodedata.category(ch) != "Cc"


def base_chars(schema: Any = None) -> list[str]:
    """The characters every vocabulary holds, in a fixed order."""
    chars: list[str] = []
    chars += [chr(c) for c in range(0x21, 0x7F)]  # ASCII printable
    chars += [chr(c) for c in range(0xFF01, 0xFF5F)]  # full-width forms of ASCII
    chars += [chr(c) for c in range(0x3001, 0x3040)]  # CJK symbols and punctuation (not U+3000 space)
    chars += list(_EXTRA_PUNCT) + list(_CN_NUMERALS)
    chars += schema_chars(schema)
    return _dedupe(c for c in chars if is_token_char(c))


def schema_chars(schema: Any = None) -> list[str]:
    """Every character of the schema's field labels, aliases and table row labels."""
    if schema is None:
        from ..schema import load_schema

        schema = load_schema()
    texts: list[str] = []
    for f in schema.fields:
        texts.append(f.label)
        texts.extend(f.aliases)
    texts.extend(_strings(schema.table_rows))
    return sorted({c for t in texts for c in t if is_token_char(c)})


def _strings(obj: Any) -> Iterable[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v)


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def build_vocab(texts: Iterable[str], *, min_freq: int = 2, schema: Any = None, extra: Iterable[str] = ()) -> list[str]:
    """Tokens of a vocabulary: the special tokens, the base characters, ``extra``, then every corpus
    character seen at least ``min_freq`` times (most frequent first, ties by code point).

    >>> v = build_vocab(["甲甲乙"], min_freq=2, schema=_NO_SCHEMA)
    >>> v[:5] == list(SPECIAL_TOKENS), "甲" in v, "乙" in v
    (True, True, False)
    """
    if min_freq < 1:
        raise ValueError(f"min_freq must be >= 1, got {min_freq}")
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(t)
    corpus = sorted((c for c, n in counts.items() if n >= min_freq and is_token_char(c)), key=lambda c: (-counts[c], c))
    return _dedupe([*SPECIAL_TOKENS, *base_chars(schema), *(c for c in extra if is_token_char(c)), *corpus])


class _NoSchema:  # for doctests: a schema with nothing in it
    fields: tuple = ()
    table_rows: dict = {}


_NO_SCHEMA = _NoSchema()


def save_vocab(tokens: list[str], directory: str | Path) -> Path:
    """Write ``vocab.txt`` (one token per line, BERT format) into ``directory``; returns its path."""
    bad = [t for t in tokens if not t or any(c.isspace() for c in t)]
    if bad:
        raise ValueError(f"tokens with whitespace cannot be written one per line: {bad[:3]!r}")
    if len(set(tokens)) != len(tokens):
        raise ValueError("the vocabulary holds duplicate tokens")
    path = Path(directory) / VOCAB_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(t + "\n" for t in tokens), encoding="utf-8")
    return path


def load_vocab(path: str | Path) -> list[str]:
    """Read a BERT ``vocab.txt`` (a file, or a directory holding one)."""
    p = Path(path)
    if p.is_dir():
        p = p / VOCAB_FILE
    if not p.is_file():
        raise ModelError("no vocabulary file", source=str(p), hint="a model directory needs the vocab.txt it was trained with")
    try:
        raw = p.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as e:
        raise ModelError(f"cannot read the vocabulary as UTF-8 text: {e}", source=str(p), hint="restore vocab.txt from the model's source") from e
    tokens = raw.split("\n")
    if tokens and tokens[-1] == "":
        tokens.pop()
    tokens = [t.rstrip("\r") for t in tokens]
    missing = [t for t in (PAD, UNK, CLS, SEP) if t not in tokens]
    if missing:
        raise ModelError(f"the vocabulary lacks the special tokens {missing}", source=str(p), hint="expected a BERT vocab.txt with [PAD] [UNK] [CLS] [SEP]")
    return tokens
