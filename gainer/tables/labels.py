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


def match_strength(label: str, alias: str) -> float:
    """How well a normalised printed label names an alias: 3 exact, 2 contains, 1 fuzzy, 0 none."""
    a = _NOISE.sub("", alias)
    if not label or not a:
        return 0.0
    if label == a:
        return 3.0
    if len(a) >= 3 and a in label:
        # a long label that merely mentions the alias among much else is weaker
        return 2.0 if len(label) <= 2 * len(a) + 6 else 1.0
    if len(a) >= 5 and len(label) >= 4:
        common = set(a) & set(label)
        if len(common) / len(set(a)) >= 0.8 and len(common) / len(set(label)) >= 0.6:
            return 1.0
    return 0.0


def best_match(label: str, table: dict[str, list[str]]) -> tuple[str | None, float]:
    """The row key whose aliases best match ``label`` (already normalised) and the strength."""
    best, score = None, 0.0
    for key, aliases in table.items():
        for a in aliases:
            s = match_strength(label, a)
            # prefer the longer alias on ties: "行政规范性文件" over "规范性文件"
            if s > score or (s == score and s > 0 and best is not None and len(a) > _longest(table[best], label)):
                best, score = key, s
    return best, score


def _longest(aliases: list[str], label: str) -> int:
    return max((len(a) for a in aliases if a in label), default=0)
