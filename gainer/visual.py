"""One self-contained HTML page for checking an extraction by eye: ``render_html(extraction) -> str``.

The page shows the report's text with every tagged span (METRIC/VALUE) and every field's evidence
highlighted, each evidence range anchored as ``#ev-<field id>``, next to the record as tables
(fields, other metrics, checks, warnings). It uses inline CSS and a few lines of inline JS only,
loads nothing from anywhere (a Content-Security-Policy forbids it), and needs no torch: it reads
``Extraction.record``, ``.document`` and ``.spans``. The output is deterministic.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Iterable

from . import __version__

__all__ = ["render_html", "segments"]

_STATUS_LABEL = {"passed": "passed", "failed": "failed", "not_applicable": "not applicable"}


def _e(s: Any) -> str:
    """Escape for HTML text and (double-quoted) attribute values."""
    return html.escape("" if s is None else str(s), quote=True)


def _cls(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", label or "span") or "span"


def _fid(fid: str) -> str:
    """A field id, escaped, with break opportunities after its dots."""
    return ".<wbr>".join(_e(p) for p in fid.split("."))


def _num(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return str(v).lower()
    return str(v)


# ---------------------------------------------------------------------------
# Highlighted text


@dataclass
class _Range:
    start: int
    end: int
    classes: tuple[str, ...]
    title: str
    fields: tuple[str, ...] = ()  # field ids whose evidence this is
    anchor: str | None = None  # an id placed where the range starts


def segments(n: int, ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int, list[int]]]:
    """Cut ``[0, n)`` at every range boundary into non-overlapping pieces; each piece lists the
    indexes of the ranges covering it (in input order). Ranges are clamped to ``[0, n]``;
    zero-length ranges cover nothing."""
    rs = [(max(0, min(s, n)), max(0, min(e, n))) for s, e in ranges]
    cuts = sorted({0, n} | {s for s, _ in rs} | {e for _, e in rs})
    starts: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(rs):
        if e > s:
            starts.setdefault(s, []).append(i)
    active: set[int] = set()
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active.update(starts.get(a, ()))
        active = {i for i in active if rs[i][1] > a}
        out.append((a, b, sorted(active)))
    return out


def _text_ranges(ex, failed_fields: set[str]) -> list[_Range]:
    rec, text = ex.record, ex.document.text
    n = len(text)
    out: list[_Range] = []
    for sp in sorted(ex.spans or [], key=lambda s: (s.start, s.end, s.label)):
        score = f" {sp.score:.2f}" if getattr(sp, "score", None) is not None else ""
        out.append(_Range(sp.start, sp.end, ("tag", "tag-" + _cls(sp.label)), f"{sp.label or 'span'}{score} [{sp.start}:{sp.end}]"))
    for i, m in enumerate(rec.other_metrics):
        ev = m.evidence
        out.append(_Range(ev.start, ev.end, ("om",), f"other metric: {m.text} = {_num(m.value)} {m.unit}".rstrip(), anchor=f"om-{i}"))
    for fid in sorted(rec.fields):
        fv = rec.fields[fid]
        ev = fv.evidence
        s, e = max(0, min(ev.start, n)), max(0, min(ev.end, n))
        classes = ["ev", "src-" + _cls(fv.source)]
        if fid in failed_fields:
            classes.append("bad")
        approx = " (approximate)" if fv.approximate else ""
        title = f"{fid} = {_num(fv.value)} {fv.unit}{approx} · {fv.source} {fv.confidence:.2f}"
        out.append(_Range(s, e, tuple(classes), title, (fid,), anchor=f"ev-{fid}"))
    return out


def _render_text(ex, failed_fields: set[str]) -> str:
    text = ex.document.text
    ranges = _text_ranges(ex, failed_fields)
    anchors: dict[int, list[_Range]] = {}
    n = len(text)
    for r in ranges:
        if r.anchor:
            anchors.setdefault(max(0, min(r.start, n)), []).append(r)
    parts: list[str] = []

    def put_anchors(pos: int) -> None:
        for r in anchors.pop(pos, ()):
            empty = " empty" if r.end <= r.start else ""
            parts.append(f'<span class="anchor{empty}" id="{_e(r.anchor)}" title="{_e(r.title)}"></span>')

    for a, b, idx in segments(n, [(r.start, r.end) for r in ranges]):
        put_anchors(a)
        chunk = _e(text[a:b])
        if not idx:
            parts.append(chunk)
            continue
        cover = [ranges[i] for i in idx]
        classes = sorted({c for r in cover for c in r.classes})
        fids = [f for r in cover for f in r.fields]
        title = "\n".join(r.title for r in cover)
        attrs = f'class="seg {" ".join(classes)}" title="{_e(title)}" data-start="{a}" data-end="{b}"'
        if fids:
            parts.append(f'<a {attrs} data-fields="{_e(" ".join(fids))}" href="#f-{_e(fids[0])}">{chunk}</a>')
        else:
            parts.append(f"<span {attrs}>{chunk}</span>")
    for pos in sorted(anchors):  # anchors past the end of the text (clamped) or on an empty text
        put_anchors(pos)
    return "".join(parts)


# ---------------------------------------------------------------------------
# Record tables


def _schema_info():
    try:
        from .schema import load_schema

        schema = load_schema()
        return {f.id: f for f in schema.fields}, {r.id: r for r in schema.rules}, [f.id for f in schema.fields]
    except Exception:  # the page is still useful without labels
        return {}, {}, []


def _field_order(fids: Iterable[str], order: list[str]) -> list[str]:
    pos = {f: i for i, f in enumerate(order)}
    return sorted(fids, key=lambda f: (pos.get(f, len(pos)), f))


def _fields_table(rec, defs, order, failed_fields: set[str]) -> str:
    if not rec.fields:
        return '<p class="none">No fields.</p>'
    rows = []
    for fid in _field_order(rec.fields, order):
        fv = rec.fields[fid]
        d = defs.get(fid)
        label = d.label if d is not None else ""
        ev = fv.evidence
        evtext = ev.text if ev.text else "(empty)"
        note = f'<div class="note">{_e(fv.note)}</div>' if fv.note else ""
        bad = ' class="bad"' if fid in failed_fields else ""
        rows.append(
            f'<tr id="f-{_e(fid)}"{bad}><td class="fid">{_fid(fid)}</td><td>{_e(label)}</td>'
            f'<td class="num">{_e(_num(fv.value))}</td><td>{_e(fv.unit)}</td>'
            f'<td><span class="srcbadge src-{_e(_cls(fv.source))}">{_e(fv.source)}</span></td>'
            f'<td class="num">{fv.confidence:.2f}</td><td>{"yes" if fv.approximate else ""}</td>'
            f'<td><a class="evlink" href="#ev-{_e(fid)}">{_e(evtext)}</a> <span class="off">[{ev.start}:{ev.end}]</span>{note}</td></tr>'
        )
    head = "<tr><th>field</th><th>label</th><th>value</th><th>unit</th><th>source</th><th title='confidence'>conf.</th><th title='approximate (余/多/近)'>≈</th><th>evidence</th></tr>"
    return f'<table class="fields"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _others_table(rec) -> str:
    if not rec.other_metrics:
        return '<p class="none">None.</p>'
    rows = []
    for i, m in enumerate(rec.other_metrics):
        ev = m.evidence
        rows.append(
            f'<tr><td>{_e(m.text)}</td><td class="num">{_e(_num(m.value))}</td><td>{_e(m.unit)}</td>'
            f'<td class="num">{m.confidence:.2f}</td><td>{"yes" if m.approximate else ""}</td>'
            f'<td><a class="evlink" href="#om-{i}">{_e(ev.text or "(empty)")}</a> <span class="off">[{ev.start}:{ev.end}]</span></td></tr>'
        )
    head = "<tr><th>metric</th><th>value</th><th>unit</th><th title='confidence'>conf.</th><th title='approximate (余/多/近)'>≈</th><th>evidence</th></tr>"
    return f'<table class="others"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _checks_table(rec, rules) -> str:
    if not rec.checks:
        return '<p class="none">No checks.</p>'
    order = {"failed": 0, "passed": 1, "not_applicable": 2}
    rows = []
    for c in sorted(rec.checks, key=lambda c: order.get(c.status, 3)):  # stable: failed first
        rule = rules.get(c.rule)
        rtext = f'<div class="note">{_e(rule.text)}</div>' if rule is not None else ""
        vals = []
        for k, v in c.values.items():
            ref = f'<a href="#ev-{_e(k)}">{_e(k)}</a>' if k in rec.fields else _e(k)
            vals.append(f"{ref}&nbsp;=&nbsp;{_e(_num(v))}")
        st = _cls(c.status)
        rows.append(
            f'<tr class="st-{st}"><td class="fid">{_fid(c.rule)}{rtext}</td>'
            f'<td><span class="status st-{st}">{_e(_STATUS_LABEL.get(c.status, c.status))}</span></td>'
            f'<td class="vals">{", ".join(vals)}</td><td class="num">{_e(_num(c.expected))}</td>'
            f'<td class="num">{_e(_num(c.actual))}</td><td>{_e(c.message)}</td></tr>'
        )
    head = "<tr><th>rule</th><th>status</th><th>numbers</th><th>expected</th><th>actual</th><th>message</th></tr>"
    return f'<table class="checks"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


# ---------------------------------------------------------------------------
# The page

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;color:#1d2430;background:#f4f5f7}
header{padding:12px 18px;background:#1f3a5f;color:#fff}
header h1{margin:0 0 6px;font-size:18px}
header dl{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0}
header dt{opacity:.7}header dd{margin:0 0 0 4px;font-weight:600}
header .kv{display:flex}
.summary{padding:8px 18px;background:#fff;border-bottom:1px solid #d8dce3;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center}
.legend span.seg{padding:0 4px}
.banner{padding:6px 18px;font-weight:600}
.banner.fail{background:#fde2e1;color:#8a1c12}.banner.ok{background:#e2f5e6;color:#1d6b31}
.layout{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:12px;padding:12px}
.panel{background:#fff;border:1px solid #d8dce3;border-radius:6px;padding:10px 12px;position:sticky;top:0;max-height:100vh;overflow:auto}
@media (max-width:900px){.layout{grid-template-columns:1fr}.panel{position:static;max-height:none}}
h2{font-size:15px;margin:14px 0 6px}h2:first-child{margin-top:0}
pre.doc{white-space:pre-wrap;word-break:break-all;font:13px/1.6 ui-monospace,"Noto Sans Mono CJK SC","Noto Sans CJK SC","WenQuanYi Zen Hei Mono",monospace;margin:0}
.seg{border-radius:2px;color:inherit;text-decoration:none}
.tag-VALUE{background:#fff1b8}
.tag-METRIC{background:#dcebff}
.om{box-shadow:inset 0 -2px 0 #9a6fd6}
.ev{background:#c9efd1;outline:1px solid #5cb270}
.ev.tag-VALUE,.ev.tag-METRIC{background:#b5e6c0}
.ev.src-table-inferred{background:#e8e0f7;outline-style:dashed}
.ev.bad{background:#ffd0cc;outline-color:#d0463b}
.seg.hit,.anchor.hit+.seg{outline:2px solid #e07b00;background:#ffe0b0}
.anchor{scroll-margin-top:25vh}
tbody tr{scroll-margin-top:40px}
.anchor.empty::before{content:"\\25C6";color:#7a5cc0;font-size:10px}
table{border-collapse:collapse;width:100%;font-size:12.5px}
th,td{border:1px solid #e1e4ea;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#eef1f5;position:sticky;top:-10px}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.fid{font-family:ui-monospace,monospace;font-size:11.5px;overflow-wrap:break-word;min-width:7.5em}
table.fields td:nth-child(2){min-width:9em}
tr:target td{background:#ffe0b0}
tr.bad td{background:#fff0ee}
.note{color:#6b7280;font-size:11px}
.off{color:#9aa1ad;font-size:11px;white-space:nowrap}
.evlink{color:#1a56b0}
.srcbadge{font-size:11px;padding:0 4px;border-radius:3px;background:#eef1f5;white-space:nowrap}
.srcbadge.src-table{background:#c9efd1}.srcbadge.src-table-inferred{background:#e8e0f7}
.srcbadge.src-prose-model{background:#dcebff}.srcbadge.src-prose-rules{background:#fff1b8}
.status{font-weight:600;padding:0 5px;border-radius:3px;white-space:nowrap}
.status.st-passed{background:#d4f3dc;color:#1d6b31}.status.st-failed{background:#fdd;color:#a11}
.status.st-not_applicable{background:#eceef2;color:#5b6270}
tr.st-failed td{background:#fff3f2}
ul.warnings li{color:#8a4b00}
.none{color:#6b7280}
"""

_JS = """
(function(){
  function mark(){
    var old=document.querySelectorAll('.hit');
    for(var i=0;i<old.length;i++){old[i].classList.remove('hit');}
    var h=decodeURIComponent(location.hash.slice(1));
    if(h.indexOf('ev-')!==0){return;}
    var fid=h.slice(3),segs=document.querySelectorAll('pre.doc [data-fields]');
    for(var j=0;j<segs.length;j++){
      if((' '+segs[j].getAttribute('data-fields')+' ').indexOf(' '+fid+' ')>=0){segs[j].classList.add('hit');}
    }
    var a=document.getElementById(h);if(a){a.classList.add('hit');}
  }
  window.addEventListener('hashchange',mark);mark();
})();
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"


def render_html(ex) -> str:
    """Render an ``Extraction`` (record, document, spans) as one self-contained HTML5 page."""
    rec, doc = ex.record, ex.document
    defs, rules, order = _schema_info()
    failed = [c for c in rec.checks if c.status == "failed"]
    failed_fields = {k for c in failed for k in c.values if k in rec.fields}
    n_pass = sum(1 for c in rec.checks if c.status == "passed")
    n_na = len(rec.checks) - n_pass - len(failed)
    by_source: dict[str, int] = {}
    for fv in rec.fields.values():
        by_source[fv.source] = by_source.get(fv.source, 0) + 1
    spans = list(ex.spans or [])
    by_label: dict[str, int] = {}
    for sp in spans:
        by_label[sp.label or "span"] = by_label.get(sp.label or "span", 0) + 1

    path = rec.source.path or doc.path or "<text>"
    sha = (rec.source.sha256 or doc.sha256 or "")[:12]
    meta = [
        ("source", path),
        ("format", rec.source.format or doc.format),
        ("sha256", sha or "–"),
        ("org", rec.org or "–"),
        ("year", rec.year if rec.year is not None else "–"),
        ("template", rec.template),
        ("gainer", rec.gainer_version or __version__),
        ("schema", rec.schema_version),
        ("characters", len(doc.text)),
    ]
    meta_html = "".join(f'<div class="kv"><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>' for k, v in meta)
    src_counts = ", ".join(f"{_e(k)} {v}" for k, v in sorted(by_source.items())) or "none"
    span_counts = ", ".join(f"{_e(k)} {v}" for k, v in sorted(by_label.items())) or "none"
    summary = (
        f"<span><b>{len(rec.fields)}</b> fields ({src_counts})</span>"
        f"<span><b>{len(rec.other_metrics)}</b> other metrics</span>"
        f"<span><b>{len(spans)}</b> tagged spans ({span_counts})</span>"
        f"<span>checks: <b>{n_pass}</b> passed, <b>{len(failed)}</b> failed, <b>{n_na}</b> not applicable</span>"
        f"<span><b>{len(rec.warnings)}</b> warnings</span>"
        '<span class="legend">'
        '<span class="seg ev src-table">evidence</span> '
        '<span class="seg ev src-table-inferred">inferred</span> '
        '<span class="seg ev bad">in a failed check</span> '
        '<span class="seg tag-METRIC">METRIC</span> '
        '<span class="seg tag-VALUE">VALUE</span> '
        '<span class="seg om">other metric</span></span>'
    )
    if failed:
        banner = f'<div class="banner fail">{len(failed)} check(s) failed: ' + "; ".join(_e(c.rule) for c in failed) + "</div>"
    elif rec.checks:
        banner = '<div class="banner ok">No check failed.</div>'
    else:
        banner = ""
    warnings = "".join(f"<li>{_e(w)}</li>" for w in rec.warnings)
    warnings_html = f'<ul class="warnings">{warnings}</ul>' if warnings else '<p class="none">None.</p>'
    text_html = _render_text(ex, failed_fields) if doc.text else ""
    doc_block = f'<pre class="doc">{text_html}</pre>' if doc.text else '<pre class="doc"></pre><p class="none">The document has no text.</p>'
    title = f"gainer: {path}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="gainer {_e(__version__)}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{_e(rec.org or "Report")} {_e(rec.year if rec.year is not None else "")}</h1><dl>{meta_html}</dl></header>\n'
        f'<div class="summary">{summary}</div>\n{banner}\n'
        '<div class="layout">\n'
        f'<section class="panel text-panel"><h2>Report text</h2>{doc_block}</section>\n'
        '<section class="panel record-panel">'
        f'<h2>Fields</h2>{_fields_table(rec, defs, order, failed_fields)}'
        f"<h2>Checks</h2>{_checks_table(rec, rules)}"
        f"<h2>Other metrics</h2>{_others_table(rec)}"
        f"<h2>Warnings</h2>{warnings_html}"
        "</section>\n</div>\n"
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )
