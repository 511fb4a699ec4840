"""Word .docx: paragraphs and tables in body order, merged cells emitted once with their row/column spans."""
from __future__ import annotations

import io

from ..errors import CorruptFileError
from ._layout import RawCell, TextBuilder, collapse_ws

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    _W + n for n in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")
)
_T, _TAB, _BR, _CR, _NB_HYPHEN = (_W + n for n in ("t", "tab", "br", "cr", "noBreakHyphen"))
_VAL = _W + "val"


def _container_children(el):
    """Block-level children, looking through content controls and custom XML wrappers."""
    for child in el:
        tag = child.tag
        if tag in (SDT, CUSTOM_XML):
            inner = child.find(SDT_CONTENT) if tag == SDT else child
            if inner is not None:
                yield from _container_children(inner)
        else:
            yield child


def paragraph_text(p) -> str:
    """Run text of one paragraph (tabs and breaks kept), excluding text boxes anchored in it."""
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR, _NB_HYPHEN):
        anc = el.getparent()
        while anc is not None and anc.tag != P:
            anc = anc.getparent()
        if anc is not p:
            continue
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        else:  # line, page or column break
            parts.append("\n")
    return "".join(parts)


def _int_prop(parent, path: str, default: int) -> int:
    el = parent.find(path)
    if el is None:
        return default
    try:
        return max(0, int(el.get(_VAL, default)))
    except ValueError:
        return default


def _rows(tbl):
    return [tr for tr in _container_children(tbl) if tr.tag == TR]


def _cells(tr):
    return [tc for tc in _container_children(tr) if tc.tag == TC]


def _is_layout_table(tbl) -> bool:
    if tbl.find(f".//{TC}//{TBL}") is not None:
        return True
    return all(len(_cells(tr)) <= 1 for tr in _rows(tbl))


def _cell_text(tc) -> str:
    return collapse_ws("\n".join(paragraph_text(p) for p in tc.iter(P)))


def _table_cells(tbl) -> list[RawCell]:
    cells: list[RawCell] = []
    open_above: dict[int, RawCell] = {}  # grid column -> cell a vertical merge may continue
    for r, tr in enumerate(_rows(tbl)):
        col = _int_prop(tr, f"{_W}trPr/{_W}gridBefore", 0)
        for tc in _cells(tr):
            span = max(1, _int_prop(tc, f"{_W}tcPr/{_W}gridSpan", 1))
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            above = open_above.get(col)
            if vmerge is not None and vmerge.get(_VAL, "continue") == "continue" and above is not None:
                above.rowspan = r - above.row + 1
            else:
                cell = RawCell(r, col, _cell_text(tc), 1, span)
                cells.append(cell)
                for k in range(col, col + span):
                    open_above.pop(k, None)
                open_above[col] = cell
            col += span
    return cells


class _Renderer:
    def __init__(self) -> None:
        self.out = TextBuilder()

    def blocks(self, container) -> None:
        for el in _container_children(container):
            if el.tag == P:
                self.out.add_text(paragraph_text(el))
            elif el.tag == TBL:
                self.table(el)

    def table(self, tbl) -> None:
        if _is_layout_table(tbl):
            for tr in _rows(tbl):
                for tc in _cells(tr):
                    self.blocks(tc)
            return
        self.out.add_table(_table_cells(tbl), "docx")


def read_docx_bytes(data: bytes, *, source: str) -> tuple[str, tuple]:
    """Render a .docx: (text, tables)."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as e:  # zipfile, XML and package errors all mean the same to the user
        raise CorruptFileError(
            f"expected a Word .docx file but it cannot be opened ({type(e).__name__}: {e})",
            source=source,
            hint="check the file is complete; a legacy .doc must first be saved as .docx",
        ) from None
    r = _Renderer()
    r.blocks(body)
    text, tables, _ = r.out.build()
    return text, tables
