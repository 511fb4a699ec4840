"""Step 2 of the table parser: match printed row labels to template rows, tolerating misprints."""
from __future__ import annotations

import re

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9０-９]+\s*[.．、])")
_NOISE = re.compile(r"[\s|｜“”\"'‘’：:，,。；;、（）()《》<>#*\-—_]+")


def normalise_label(text: str) -> str:
    """Label text without spaces, punctuation and leading numbering ("（三）", "1.", "二、")."""
    t = text.strip()
    for _ in range(3):
        t2 = _NUMBERING.sub("", t.strip())
        if t2 == t:
            break
        t = t2
    return _NOISE.sub("", t)


Prepared = list[tuple[str, str, frozenset]]


def prepare(table: dict[str, list[str]]) -> Prepared:
    """Normalise a row-key -> aliases table once, for repeated matching."""
    out = []
    for key, aliases in table.items():
        for a in aliases:
            n = _NOISE.sub("", a)
            if n:
                out.append((key, n, frozenset(n)))
    return out


def match_strength(label: str, alias: str, alias_chars: frozenset | None = None) -> float:
    """How well a normalised printed label names an alias: 3 exact, 2 contains, 1 fuzzy, 0 none."""
    a = alias if alias_chars is not None else _NOISE.sub("", alias)
    if not label or not a:
        return 0.0
    if label == a:
        return 3.0
    if len(a) >= 3 and a in label:
        # a long label that merely mentions the alias among much else is weaker
        return 2.0 if len(label) <= 2 * len(a) + 6 else 1.0
    if len(a) >= 5 and len(label) >= 4:
        achars = alias_chars if alias_chars is not None else frozenset(a)
        common = achars.intersection(label)
        if len(common) >= 0.8 * len(achars) and len(common) >= 0.6 * len(set(label)):
            return 1.0
    return 0.0


def best_match(label: str, table: dict[str, list[str]] | Prepared) -> tuple[str | None, float]:
    """The row key whose aliases best match ``label`` (already normalised) and the strength.

    On equal strength the longer alias wins ("行政规范性文件" over "规范性文件")."""
    prepared = prepare(table) if isinstance(table, dict) else table
    best, score = None, 0.0
    for key, alias, chars in prepared:
        s = match_strength(label, alias, chars)
        if s > 0:
            s += len(alias) / 1000.0
        if s > score:
            best, score = key, s
    return best, (float(int(score)) if best is not None else 0.0)
