"""Render a report the way a crawler stores it: its text pieces joined with nothing, with spaces, or one cell a line.

Three forms of the scraped text that collections of these reports hold:

- ``joined``: every text piece (HTML text node, PDF page text, table cell, text line) concatenated
  with nothing between them and all whitespace removed, so table cells run together
  (``一、本年新收政府信息公开申请数量801000081``);
- ``spaced``: the same pieces joined with single spaces;
- ``cell-lines``: one piece a line (each table cell on its own line).

Used to develop and test the parser on text in these forms (``scripts/flatten.py``).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import InputError

FORMS = ("joined", "spaced", "cell-lines")

_WS = re.compile(r"\s+")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"[|\t]| {2,}|(?<=[0-9]) (?=[0-9])")
_SKIP_TAGS = ("script", "style", "noscript", "template", "head", "title")


def _html_pieces(path: Path) -> list[str]:
    """Text nodes of the page in document order; with the text of each table cell as one piece."""
    import lxml.html

    from .encoding import decode_bytes
    from .web import sniff_charset

    data = path.read_bytes()
    text, _ = decode_bytes(data, source=str(path), declared=sniff_charset(data))
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    root = lxml.html.document_fromstring(text)
    body = root.find("body")
    if body is None:
        body = root
    pieces: list[str] = []

    def visit(el) -> None:
        if not isinstance(el.tag, str) or el.tag.lower() in _SKIP_TAGS:
            return
        if el.tag.lower() in ("td", "th"):
            pieces.append(" ".join(t for t in (s.strip() for s in el.itertext()) if t))
            return
        if el.text:
            pieces.append(el.text)
        for child in el:
            visit(child)
            if child.tail:
                pieces.append(child.tail)

    visit(body)
    return pieces


def _document_pieces(path: Path) -> list[str]:
    """Lines of the document as gainer reads it, each split into its cells (tabs, pipes, wide gaps)."""
    from . import read_document

    pieces: list[str] = []
    for line in read_document(path).text.split("\n"):
        if _MD_SEPARATOR.match(line) and "-" in line:
            continue
        pieces.extend(_CELL_SPLIT.split(line))
    return pieces


def flatten(path: str | os.PathLike[str], form: str = "joined") -> str:
    """The text a crawler would have saved for the report at ``path``, in ``form`` (see module doc)."""
    if form not in FORMS:
        raise InputError(f"unknown form {form!r}; expected one of {', '.join(FORMS)}", source=str(path), hint="pass --form joined, spaced or cell-lines")
    p = Path(path)
    if p.suffix.lower() in (".html", ".htm", ".shtml", ".xhtml"):
        if not p.is_file():
            raise InputError("file not found", source=str(path), hint="check the path")
        pieces = _html_pieces(p)
    elif p.suffix.lower() == ".pdf" and form != "cell-lines":
        from . import read_pdf_text

        pieces = read_pdf_text(p).text.split("\n")  # a PDF's joined and spaced forms are its page text
    else:
        pieces = _document_pieces(p)
    if form == "cell-lines":
        lines = (_WS.sub(" ", x).strip() for x in pieces)
        return "\n".join(x for x in lines if x) + "\n"
    if form == "joined":
        return "".join(_WS.sub("", x) for x in pieces) + "\n"
    words = (_WS.sub(" ", x).strip() for x in pieces)
    return " ".join(w for w in words if w) + "\n"
