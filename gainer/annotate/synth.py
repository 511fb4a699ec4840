"""Synthetic labelled reports: 政府信息公开工作年度报告 of all three eras with exact METRIC/VALUE spans.

``generate(n, seed=..., eras=..., noise=...)`` returns ``n`` :class:`~gainer.types.AnnotatedText` built
from sentence templates (``gainer.annotate.synth_data``), random organisations and years, and figures
that agree with each other (channels add up to the requests received, 其中 lists add up to at most
their total). Document ``i`` of a seed is always the same text, whatever ``n`` is (each document has
its own ``random.Random`` seeded from ``(seed, i)``; the global ``random`` is never used), and the
eras take turns (``eras[i % len(eras)]``).

What is labelled (the label scheme of gainer's tagger):

* METRIC: the shortest phrase naming what is counted (主动公开政府信息, 规范性文件, 行政复议, 培训班);
  VALUE: the figure with its unit and approximation marks (225条, 6800余人次, 1.2万条, 二十三次,
  近200条) or a statement of zero (the 未 of 未收到行政复议申请, 没有, 无, 零).
* Only counts of the report year are labelled, schema fields and other counted things alike
  (报送政务信息60条 is labelled; its ``meta`` figure has ``field: None``). 全年累计主动公开…225条 is
  the year's own total and is labelled, so is 累计发放低保金…元 in a list of the year's work; running
  totals named as such (截至…累计, 历年累计, 现已累计…, 累计…已达…) are not.
* Never labelled (recorded in ``meta["distractors"]`` as ``[start, end, kind]``): dates and years,
  phone numbers, postcodes, addresses, document numbers (〔2017〕24号), percentages and rates
  (结案率100%, 同比增长12%), cumulative totals (现已累计公开…3.2万条), last year's figures and changes
  (上年度为180条, 较上年增加25条), next year's plans (计划举办培训班2期), law articles (第三十二条),
  ordinals, page footers, web-page chrome and, with ``with_tables=True``, the table blocks (tables
  are read by gainer's rule-based table parser, not by the tagger). Their METRIC-like words stay
  unlabelled too, so the tagger learns to skip them.

Noise (``noise`` in [0, 1] is the chance that each kind is switched on for a document; 0 gives clean
text, the content distractors stay): PDF-style hard line breaks every ~30-40 characters, even inside
words and inside spans (a span may then contain a newline), page footers (— 3 —) between lines,
spaces between digits and units (225 条) and around figures, full-width digits, half-width
punctuation, OCR slips outside VALUE spans (沭->沐, 0->O, 1->l, 日->曰, ...), spaced-out titles and
web-page chrome. Noise is applied while the text is built, so every span's offsets are exact:
``doc.text[s.start:s.end] == s.text`` always holds.

``meta`` of each document: ``era``, ``year``, ``org``, ``fields`` (schema ``stats.*`` id -> the value
stated, in the field's unit: 1.2万条 -> 12000, 6800余人次 -> 6800), ``approximate`` (field ids whose
value was stated with 余/多/近/约...), ``figures`` (one per labelled VALUE and field: ``field`` or
None, ``name`` for non-schema figures, ``value``, ``unit`` as printed, ``approximate``, ``metric``
offsets list, ``value_span`` offsets), ``distractors``, ``noise`` (the kinds switched on),
``seed``, ``index``, ``synthetic: True``.

Template language (``synth_data.TEMPLATES``): literal text with tokens in braces.
``{m:F}`` a METRIC phrase of field F (``{m:F|a,b}`` one of the given phrases); ``{v:F}`` the VALUE of
F (``{v!:F}`` only when it is not zero, ``{v:F+G}`` one VALUE shared by fields of equal value,
``{v:F/名}`` a given unit); ``{z:F+G|未,没有}`` a zero statement (only when all are zero);
``{om:K}``/``{ov:K}`` METRIC/VALUE of a non-schema count ``synth_data.OTHER[K]``, ``{oz:K|未,无}`` a zero
statement of one that is always zero (泄密事件: ``synth_data.TEMPLATES_INCIDENTS``); ``{list:K}`` an
optional 其中 breakdown, ``{items:K}`` a breakdown without lead-in; other tokens are unlabelled
text (``{Y}`` year, ``{self}`` 我局, ``{cum:F}``, ``{prev:F}``, ``{pct}``, ``{docno}``...).
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import AnnotationError
from ..types import AnnotatedText, Span
from . import synth_data as D

__all__ = ["ERAS", "YEARS", "generate", "generate_one", "write_corpus", "check_templates"]

ERAS = ("legacy", "2019", "2021")
YEARS = {"legacy": (2008, 2018), "2019": (2019, 2020), "2021": (2021, 2024)}
PREFIX = "stats."

_FULLWIDTH_DIGITS = str.maketrans("0123456789%", "０１２３４５６７８９％")
_HALFWIDTH_PUNCT = str.maketrans("，：；（）！？", ",:;()!?")
_OCR = {"沭": "沐", "0": "O", "1": "l", "己": "已", "已": "己", "日": "曰", "人": "入", "未": "末", "土": "士", "干": "千", "市": "巿", "侯": "候"}
_MEASURE_UNITS = ("次", "件", "期", "场", "批", "个", "名", "人", "处", "份", "篇", "起", "条")


# ---------------------------------------------------------------------------
# values


@dataclass(frozen=True)
class _Val:
    """A figure: its true count, the number the text states, and how it is approximated."""

    true: int
    stated: int
    marker: str = ""  # "", or one of 余 多 近 约 逾 超过 将近 左右

    @property
    def approx(self) -> bool:
        return bool(self.marker)


def _loguniform(rng: random.Random, lo: float, hi: float) -> int:
    return int(round(math.exp(rng.uniform(math.log(lo), math.log(hi)))))


def _partition(rng: random.Random, total: int, k: int, weights: Sequence[float] | None = None) -> list[int]:
    """``k`` non-negative ints summing to ``total`` (random, by weights)."""
    if k <= 0:
        return []
    w = [rng.random() * (weights[i] if weights else 1.0) + 1e-9 for i in range(k)]
    s = sum(w)
    parts = [int(total * x / s) for x in w]
    for i in rng.sample(range(k), k):
        if sum(parts) >= total:
            break
        parts[i] += 1
    while sum(parts) < total:
        parts[rng.randrange(k)] += 1
    return parts


def _approximate(rng: random.Random, v: int) -> _Val:
    """State ``v`` as an approximate figure: 6843 -> 6800余 / 近6900 / 约6800."""
    digits = len(str(v))
    step = 10 ** max(digits - 2, 1)
    down, up = (v // step) * step, -(-v // step) * step
    marker = rng.choice(("余", "余", "多", "近", "约", "逾", "超过", "将近", "左右"))
    if marker in ("近", "将近"):
        stated = up if up > v else up + step
    elif marker in ("约", "左右"):
        stated = down if v - down <= up - v else up
    else:
        stated = down if down > 0 else step
        if stated > v:
            return _Val(v, v)
    return _Val(v, stated, marker)


def _values(rng: random.Random, scale: float) -> dict[str, _Val]:
    """Consistent figures of one report (field names without ``stats.``)."""
    r = rng
    out: dict[str, int] = {}
    total = max(8, _loguniform(r, 15, 2500 * scale))
    out["active.total"] = total
    out["active.normative_documents"] = r.randint(0, max(1, min(40, total // 4)))
    out["active.normative_documents_issued"] = out["active.normative_documents"] if r.random() < 0.6 else r.randint(0, 30)
    out["active.key_areas"] = r.randint(1, total)
    out["active.via_website"] = r.randint(max(1, total // 2), total + total // 3)
    out["active.via_weibo"] = r.randint(0, total)
    out["active.via_wechat"] = r.randint(0, total)
    out["active.via_gazette"] = r.randint(1, 60)
    out["response.policy_interpretations"] = r.randint(0, 60)
    out["response.hot_topics"] = r.randint(0, 40)
    out["response.press_conferences"] = r.randint(0, 12)
    out["response.online_interviews"] = r.randint(0, 10)
    rec = 0 if r.random() < 0.35 else _loguniform(r, 1, 120 * scale)
    out["requests.received"] = rec
    for k, v in zip(("in_person", "online", "by_letter", "by_fax"), _partition(r, rec, 4, (3, 4, 2, 0.3))):
        out[f"requests.{k}"] = v
    pending = r.randint(0, min(2, rec)) if r.random() < 0.2 else 0
    answered = rec - pending
    out["requests.answered"] = answered
    out["requests.closed"] = answered
    late = r.randint(0, min(3, answered)) if r.random() < 0.3 else 0
    out["requests.closed_late"] = late
    out["requests.closed_on_time"] = answered - late
    outcome_keys = ("granted", "partially_granted", "denied", "not_this_agency", "not_exist", "already_public", "other_channel")
    for k, v in zip(outcome_keys, _partition(r, answered, len(outcome_keys), (6, 1.5, 1, 1.5, 1.2, 1.5, 0.5))):
        out[f"requests.{k}"] = v
    denied_keys = ("state_secret", "commercial_secret", "privacy", "not_government_information", "other_law")
    for k, v in zip(denied_keys, _partition(r, out["requests.denied"], len(denied_keys), (1, 1, 2, 2, 1))):
        out[f"requests.denied_{k}"] = v
    rev = 0 if r.random() < 0.8 else r.randint(1, 8)
    out["review.total"] = rev
    for k, v in zip(("upheld", "corrected", "other"), _partition(r, rev, 3, (5, 1, 1))):
        out[f"review.{k}"] = v
    lit = 0 if r.random() < 0.85 else r.randint(1, 6)
    out["litigation.total"] = lit
    out["litigation.corrected"] = r.randint(0, lit) if lit else 0
    out["litigation.upheld"] = r.randint(0, lit - out["litigation.corrected"]) if lit else 0
    out["complaints.total"] = 0 if r.random() < 0.8 else r.randint(1, 10)
    if r.random() < 0.85:
        out["fees.amount"] = 0
    else:
        out["fees.amount"] = r.randint(5, 600) if r.random() < 0.7 else r.randint(10, 300) * 100
    full, part = r.randint(0, 3), r.randint(1, 20)
    out["organization.staff_full_time"] = full
    out["organization.staff_part_time"] = part
    out["organization.staff"] = full + part
    out["organization.reading_points"] = r.randint(1, 30)
    out["organization.dedicated_bodies"] = r.randint(1, 3)
    out["organization.budget"] = r.choice((0, r.randint(1, 50) * 1000, r.randint(20, 900) * 100))
    out["response.press_conferences_by_heads"] = r.randint(0, out["response.press_conferences"])
    out["training.meetings"] = r.randint(1, 12)
    out["training.courses"] = r.randint(1, 10)
    out["training.trainees"] = r.randint(15, 80) * out["training.courses"]
    cons = 0 if r.random() < 0.1 else _loguniform(r, 10, 15000 * scale)
    out["consultations.total"] = cons
    for k, v in zip(("on_site", "by_phone", "online"), _partition(r, cons, 3, (3, 3, 2))):
        out[f"consultations.{k}"] = v
    vals = {k: _Val(v, v) for k, v in out.items()}
    for k in ("active.total", "active.via_website", "training.trainees", "consultations.total"):
        if out[k] >= 60 and r.random() < 0.2:
            vals[k] = _approximate(r, out[k])
    return vals


# ---------------------------------------------------------------------------
# noise and text assembly


@dataclass
class _Noise:
    wrap: bool = False
    width: float = 36.0
    footers: bool = False
    page_lines: int = 30
    spaced: bool = False
    fullwidth: str = ""  # "", "all", "some"
    halfpunct: bool = False
    ocr: float = 0.0
    title_spaces: bool = False
    chrome: bool = False
    indent: str = ""
    par_sep: str = "\n"

    @classmethod
    def draw(cls, rng: random.Random, level: float) -> "_Noise":
        on = lambda scale: rng.random() < min(1.0, level * scale)  # noqa: E731
        nz = cls()
        nz.wrap = on(1.3)
        nz.width = rng.uniform(28, 42)
        nz.footers = nz.wrap and rng.random() < 0.8
        nz.page_lines = rng.randint(22, 36)
        nz.spaced = on(0.8)
        nz.fullwidth = ("all" if rng.random() < 0.5 else "some") if on(0.4) else ""
        nz.halfpunct = on(0.5)
        nz.ocr = rng.uniform(0.01, 0.05) if on(0.7) else 0.0
        nz.title_spaces = on(0.5)
        nz.chrome = on(0.5)
        nz.indent = rng.choice(("", "", "　　", "    "))
        nz.par_sep = rng.choice(("\n", "\n", "\n\n"))
        return nz

    def kinds(self) -> list[str]:
        out = []
        for k in ("wrap", "footers", "spaced", "halfpunct", "title_spaces", "chrome"):
            if getattr(self, k):
                out.append(k)
        if self.fullwidth:
            out.append(f"fullwidth-{self.fullwidth}")
        if self.ocr:
            out.append("ocr")
        return out


class _Builder:
    """Appends text with noise, keeping exact offsets of labelled spans and distractors."""

    def __init__(self, rng: random.Random, nz: _Noise):
        self.rng = rng
        self.nz = nz
        self.buf: list[str] = []
        self.n = 0
        self.col = 0.0
        self.lines = 0
        self.page = 1
        self.spans: list[tuple[int, int, str]] = []
        self.distractors: list[list[Any]] = []
        self.nowrap = False

    def _put(self, s: str) -> None:
        self.buf.append(s)
        self.n += len(s)

    def _newline_done(self, in_span: bool = False) -> None:
        self.col = 0.0
        self.lines += 1
        # a page ends at a line end outside any span; inside one it ends at the next such line end
        if self.nz.footers and self.lines >= self.nz.page_lines and not in_span:
            self.lines = 0
            self.page += 1
            footer = self.rng.choice(D.PAGE_FOOTERS).format(p=self.page - 1, t=self.page + self.rng.randint(1, 6))
            start = self.n
            self._put(footer)
            self.distractors.append([start, self.n, "footer"])
            self._put("\n")

    def _wrap_due(self) -> bool:
        return self.nz.wrap and not self.nowrap and self.col >= self.nz.width

    def _break(self, in_span: bool) -> None:
        x = self.rng.random()
        self._put("\n" if in_span or x < 0.85 else (" \n" if x < 0.9 else "\n\n"))
        self._newline_done(in_span)

    def emit(self, s: str, label: str | None = None, *, fullwidth: bool | None = None) -> tuple[int, int]:
        """Append ``s`` (labelled ``label`` when given); returns its ``[start, end)`` in the final text."""
        nz = self.nz
        if fullwidth is None:
            fullwidth = nz.fullwidth == "all" or (nz.fullwidth == "some" and self.rng.random() < 0.3)
        if fullwidth:
            s = s.translate(_FULLWIDTH_DIGITS)
        if nz.halfpunct:
            s = s.translate(_HALFWIDTH_PUNCT)
        if label and s and self._wrap_due():
            self._break(False)  # a break due before a span goes outside it
        start = self.n
        rate = nz.ocr if label is None else (nz.ocr / 3 if label == "METRIC" else 0.0)
        for c in s:
            if c == "\n":
                self._put(c)
                self._newline_done()
                continue
            if rate and c in _OCR and self.rng.random() < rate * 4:
                c = _OCR[c]
            if self._wrap_due():
                self._break(label is not None and self.n > start)
            self._put(c)
            self.col += 1.0 if ord(c) > 0x2000 else 0.55
        if label:
            self.spans.append((start, self.n, label))
        return start, self.n

    def distractor(self, s: str, kind: str) -> tuple[int, int]:
        s_, e_ = self.emit(s)
        if e_ > s_:
            self.distractors.append([s_, e_, kind])
        return s_, e_

    def text(self) -> str:
        return "".join(self.buf)


# ---------------------------------------------------------------------------
# template parsing

_TOKEN = re.compile(r"\{([a-zA-Z][a-zA-Z0-9!]*)(?::([^{}]*))?\}")


@lru_cache(maxsize=None)
def _parse(template: str) -> tuple[tuple[str, str], ...]:
    """Literal pieces as ``("", text)`` and tokens as ``(kind, arg)``."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _TOKEN.finditer(template):
        if m.start() > pos:
            out.append(("", template[pos : m.start()]))
        out.append((m.group(1), m.group(2) or ""))
        pos = m.end()
    if pos < len(template):
        out.append(("", template[pos:]))
    return tuple(out)


_LABELLED = ("m", "v", "v!", "z", "om", "ov", "oz", "list", "items")
_LIST_KINDS = ("active", "channels", "outcomes", "consult", "review", "platform", "denied", "keyareas")
_PLAIN_KINDS = (
    "Y", "PY", "NY", "enddate", "startdate", "date", "signdate", "months", "pct", "rate", "growth", "prev", "delta", "cum",
    "plan", "plan2", "phone", "zip", "addr", "docno", "art", "range", "congress", "ord", "parts", "self", "org", "site",
    "wx", "doctitle", "docorg", "upper", "adv", "verb", "obj", "purpose",
)


def check_templates() -> list[str]:
    """Problems of the template tables in ``synth_data`` (unknown tokens or fields, a VALUE without its METRIC)."""
    problems: list[str] = []
    groups: list[tuple[str, Sequence[str], bool]] = [(f"TEMPLATES[{k!r}]", v, True) for k, v in D.TEMPLATES.items()]
    groups.append(("TEMPLATES_2021_OTHER", D.TEMPLATES_2021_OTHER, True))
    groups.append(("TEMPLATES_INCIDENTS", D.TEMPLATES_INCIDENTS, True))
    groups += [(f"FILLER[{k!r}]", v, False) for k, v in D.FILLER.items()]
    for where, templates, labelled in groups:
        for t in templates:
            toks = _parse(t)
            metric_fields = {_choice_arg(a)[0] for k, a in toks if k == "m"} | {"other:" + a for k, a in toks if k == "om"}
            for kind, arg in toks:
                if kind == "":
                    continue
                if kind not in _LABELLED and kind not in _PLAIN_KINDS:
                    problems.append(f"{where}: unknown token {{{kind}}} in {t!r}")
                elif kind in _LABELLED and not labelled:
                    problems.append(f"{where}: filler has a labelled token {{{kind}}} in {t!r}")
                elif kind in ("m", "v", "v!", "z"):
                    head = _choice_arg(arg)[0]
                    fields = _value_arg(head)[0] if kind != "m" else [head]
                    for f in fields:
                        if kind == "z" and f.startswith("other:") and f != fields[0]:
                            key = f[len("other:"):]
                            if key not in D.OTHER:
                                problems.append(f"{where}: unknown other metric {key!r} in {t!r}")
                            elif D.OTHER[key][2] != (0, 0):
                                problems.append(f"{where}: zero statement of {key}, which is not always zero, in {t!r}")
                            elif f not in metric_fields:
                                problems.append(f"{where}: VALUE of {f} without its METRIC in {t!r}")
                        elif f not in D.METRICS:
                            problems.append(f"{where}: unknown field {f!r} in {t!r}")
                        elif kind != "m" and f not in metric_fields:
                            problems.append(f"{where}: VALUE of {f} without its METRIC in {t!r}")
                elif kind in ("om", "ov", "oz"):
                    key = _choice_arg(arg)[0] if kind == "oz" else arg
                    if key not in D.OTHER:
                        problems.append(f"{where}: unknown other metric {key!r} in {t!r}")
                    elif kind == "oz" and D.OTHER[key][2][0] != 0:
                        problems.append(f"{where}: zero statement of {key}, which is never zero, in {t!r}")
                    elif kind in ("ov", "oz") and "other:" + key not in metric_fields:
                        problems.append(f"{where}: VALUE of {arg} without its METRIC in {t!r}")
                elif kind in ("list", "items") and arg not in _LIST_KINDS:
                    problems.append(f"{where}: unknown list {arg!r} in {t!r}")
    return problems


def _value_arg(arg: str) -> tuple[list[str], str | None]:
    head, _, unit = arg.partition("/")
    return head.split("+"), (unit or None)


def _choice_arg(arg: str) -> tuple[str, list[str]]:
    head, _, alts = arg.partition("|")
    return head, [a for a in alts.split(",") if a] if alts else []


def _units(f: str) -> tuple[str, ...]:
    if f in D.UNITS:
        return D.UNITS[f]
    return D.UNITS.get(f.split(".")[0], ("件",))


# ---------------------------------------------------------------------------
# one report


@dataclass
class _Report:
    rng: random.Random
    era: str
    year: int
    org: str
    self_names: tuple[str, ...]
    short: str
    place: str
    upper: str
    site: str
    vals: dict[str, _Val]
    b: _Builder
    with_tables: bool
    figures: list[dict[str, Any]] = field(default_factory=list)
    other_vals: dict[str, _Val] = field(default_factory=dict)
    other_units: dict[str, str] = field(default_factory=dict)

    # -- rendering helpers --------------------------------------------------

    def number_text(self, v: _Val, unit: str) -> str:
        """The printed figure: markers, digits (or 万, commas, Chinese numerals), optional space, unit."""
        r = self.rng
        n = v.stated
        num: str
        scale_unit = unit
        if unit == "元" and n >= 1000 and n % 100 == 0 and r.random() < 0.3:
            num, scale_unit = _dec(Decimal(n) / 10000), "万元"
        elif n >= 10000 and n % 1000 == 0 and r.random() < 0.6:
            num = _dec(Decimal(n) / 10000) + "万"
        elif n == 0:
            num = "零" if r.random() < 0.08 else "0"
        elif n <= 99 and r.random() < 0.12 and v.marker not in ("左右",):
            num = "两" if n == 2 and unit in _MEASURE_UNITS and r.random() < 0.6 else _cn(n)
        elif 100 <= n <= 990 and n % 10 == 0 and r.random() < 0.04 and not v.marker:
            num = _cn(n)
        elif n >= 1000 and r.random() < 0.15:
            num = f"{n:,}"
        else:
            num = str(n)
        pre, suf, post = "", "", ""
        if v.marker in ("余", "多"):
            suf = v.marker
        elif v.marker == "左右":
            post = "左右"
        elif v.marker:
            pre = v.marker
        sp = " " if self.b.nz.spaced and r.random() < 0.5 else ""
        if scale_unit == "万元":
            return f"{pre}{num}{suf}{sp}万元{post}"
        return f"{pre}{num}{suf}{sp}{unit}{post}"

    def emit_value(self, text: str) -> tuple[int, int]:
        if self.b.nz.spaced and self.rng.random() < 0.3:
            self.b.emit(" ")
        span = self.b.emit(text, "VALUE")
        if self.b.nz.spaced and self.rng.random() < 0.3:
            self.b.emit(" ")
        return span

    def record(self, fld: str | None, v: _Val, unit: str, metric: list[tuple[int, int]], span: tuple[int, int], name: str | None = None) -> None:
        self.figures.append(
            {
                "field": PREFIX + fld if fld else None,
                "name": name,
                "value": v.stated,
                "unit": unit,
                "approximate": v.approx,
                "metric": [list(m) for m in metric],
                "value_span": list(span),
            }
        )

    def other(self, key: str) -> _Val:
        if key not in self.other_vals:
            lo, hi = D.OTHER[key][2]
            n = _loguniform(self.rng, max(lo, 1), hi) if hi > 0 and (lo > 0 or self.rng.random() < 0.8) else 0
            n = max(lo, min(hi, n))
            v = _Val(n, n)
            if n >= 100 and self.rng.random() < 0.25:
                v = _approximate(self.rng, n)
            self.other_vals[key] = v
            self.other_units[key] = self.rng.choice(D.OTHER[key][1])
        return self.other_vals[key]

    # -- distractors ----------------------------------------------------------

    def pct(self) -> str:
        r = self.rng
        x = r.choice((f"{r.randint(1, 99)}%", f"{r.uniform(0.5, 60):.1f}%", f"{r.uniform(0.1, 9.9):.1f}个百分点", f"{r.randint(1, 40)}％"))
        return x

    def rough(self, fld: str) -> tuple[int, str]:
        v = self.vals.get(fld)
        base = v.true if v else self.rng.randint(5, 200)
        n = max(0, int(base * self.rng.uniform(0.6, 1.4)) + self.rng.randint(0, 3))
        return n, _units(fld)[0]

    def plain(self, kind: str, arg: str) -> tuple[str, str | None]:
        """(text, distractor kind or None) of an unlabelled token."""
        r, y = self.rng, self.year
        if kind == "Y":
            return f"{y}", "date"
        if kind == "PY":
            return f"{y - 1}", "date"
        if kind == "NY":
            return f"{y + 1}", "date"
        if kind == "enddate":
            return f"{y}年12月31日", "date"
        if kind == "startdate":
            return f"{y}年1月1日", "date"
        if kind == "date":
            return f"{y}年{r.randint(1, 12)}月{r.randint(1, 28)}日", "date"
        if kind == "signdate":
            return f"{y + 1}年{r.randint(1, 3)}月{r.randint(1, 28)}日", "date"
        if kind == "months":
            a = r.randint(1, 10)
            return f"{a}月、{r.randint(a + 1, 12)}月", "date"
        if kind in ("pct",):
            return self.pct(), "percent"
        if kind == "rate":
            return r.choice(D.RATES), "percent"
        if kind == "growth":
            return r.choice(D.GROWTH).format(pct=self.pct()), "growth"
        if kind in ("prev", "delta", "cum"):
            n, unit = self.rough(arg)
            if kind == "cum":
                v = self.vals.get(arg)
                n = (v.true if v else n) * r.randint(3, 12) + r.randint(0, 99)
                num = _dec(Decimal(n // 1000) / 10) + "万" if n >= 10000 and r.random() < 0.5 else str(n)
                return r.choice(D.CUMULATIVE).format(n=f"{num}{unit}", Y=y), "cumulative"
            d = abs(n - (self.vals[arg].true if arg in self.vals else n)) or r.randint(1, 9)
            pool = D.PREVIOUS if kind == "prev" else D.DELTA
            return r.choice(pool).format(n=f"{n}{unit}", d=f"{d}{unit}", pct=self.pct(), PY=y - 1), "previous"
        if kind == "plan":
            return r.choice(D.PLANS).format(n=f"{r.randint(2, 6)}{r.choice(('次', '期', '场'))}"), "plan"
        if kind == "plan2":
            return r.choice(D.PLANS2).format(n=f"{r.randint(2, 40) * 50}条", pct="100%"), "plan"
        if kind == "phone":
            area = r.choice(("0527", "0539", "0825", "0413", "0533", "0513", "0816", "0412", "0379", "0717", "010", "028", "024"))
            sep = r.choice(("-", "－", "—", ""))
            return f"{area}{sep}{r.randint(2000000, 8999999) if len(area) == 4 else r.randint(20000000, 89999999)}", "phone"
        if kind == "zip":
            return f"{r.randint(100000, 850000)}", "postcode"
        if kind == "addr":
            return f"{self.place}{r.choice(D.STREETS)}{r.randint(1, 399)}号", "address"
        if kind == "docno":
            yr = y if r.random() < 0.7 else y - 1
            br = r.choice(("〔〕", "〔〕", "[]", "（）", "【】"))
            prefix = r.choice(D.DOC_PREFIXES)
            return f"{self.short[:2]}{prefix}{br[0]}{yr}{br[1]}{r.randint(1, 120)}号", "docno"
        if kind == "art":
            return r.choice(D.ARTICLES), "article"
        if kind == "range":
            a = r.randint(1, 5)
            return f"{a}-{a + r.randint(1, 3)}篇", "rate"
        if kind == "congress":
            best = max(k for k in D.CONGRESS if k <= y)
            return D.CONGRESS[best], "ordinal"
        if kind == "ord":
            return r.choice(("一", "二", "三")), "ordinal"
        if kind == "parts":
            return r.choice(("六个部分", "6个部分", "七个部分", "六部分")), "other"
        # words without figures
        if kind == "self":
            return r.choice(self.self_names), None
        if kind == "org":
            return self.org, None
        if kind == "site":
            return self.site, None
        if kind == "wx":
            return r.choice(D.WECHAT_NAMES).format(place=self.place.rstrip("市县区")), None
        if kind == "doctitle":
            return self.short + r.choice(D.DOC_TITLES), None
        if kind == "docorg":
            return r.choice((self.upper + "办公室", "上级政务公开办公室", self.upper)), None
        if kind == "upper":
            return self.upper, None
        if kind == "adv":
            return r.choice(D.ADVERBS), None
        if kind == "verb":
            return r.choice(D.VERBS), None
        if kind == "obj":
            return r.choice(D.OBJECTS), None
        if kind == "purpose":
            return r.choice(D.PURPOSES), None
        raise AnnotationError(f"unknown template token {{{kind}}}", source="gainer.annotate.synth_data", hint="fix the template")

    # -- lists ----------------------------------------------------------------

    def list_items(self, kind: str) -> list[tuple[str | None, str, _Val, str]]:
        """(field or None, other key or None-as-'', value, unit) of a breakdown; empty when it has nothing to break down."""
        r, vals = self.rng, self.vals
        items: list[tuple[str | None, str, _Val, str]] = []
        if kind == "keyareas":
            keys = r.sample(D.KEY_AREA_ITEMS, r.randint(2, 6))
            return [(None, k, self.other(k), self.other_units[k]) for k in keys]
        if kind == "active":
            total = vals["active.total"].true
            norm = vals["active.normative_documents"]
            k = r.randint(2, 5)
            cats = r.sample(D.ACTIVE_CATEGORIES, k)
            rest = max(0, total - norm.true)
            parts = _partition(r, rest if r.random() < 0.6 else r.randint(0, rest), k)
            for c, p in zip(cats, parts):
                if c not in self.other_vals:
                    self.other_vals[c] = _Val(p, p)
                    self.other_units[c] = "条"
                items.append((None, c, self.other_vals[c], self.other_units[c]))
            items.insert(0 if r.random() < 0.6 else r.randint(0, len(items)), ("active.normative_documents", "", norm, r.choice(_units("active.normative_documents"))))
            return items
        groups = {
            "channels": ("requests.received", ("requests.in_person", "requests.online", "requests.by_letter", "requests.by_fax")),
            "outcomes": ("requests.answered", ("requests.granted", "requests.partially_granted", "requests.denied", "requests.not_this_agency",
                                               "requests.not_exist", "requests.already_public", "requests.other_channel")),
            "consult": ("consultations.total", ("consultations.on_site", "consultations.by_phone", "consultations.online")),
            "review": ("review.total", ("review.upheld", "review.corrected", "review.other")),
            "denied": ("requests.denied", ("requests.denied_state_secret", "requests.denied_commercial_secret", "requests.denied_privacy",
                                           "requests.denied_not_government_information", "requests.denied_other_law")),
            "platform": ("", ("active.via_website", "active.via_weibo", "active.via_wechat", "active.via_gazette")),
        }
        parent, subs = groups[kind]
        if parent and vals[parent].true == 0:
            return []
        if kind == "platform":
            chosen = r.sample(subs[:3], r.randint(2, 3)) + (["active.via_gazette"] if r.random() < 0.2 else [])
        elif r.random() < 0.5:
            chosen = list(subs)
            if r.random() < 0.5:
                chosen = [f for f in chosen if vals[f].true > 0] or chosen[:1]
        else:
            chosen = [f for f in subs if vals[f].true > 0] or list(subs[:2])
        unit = r.choice(_units(parent or subs[0]))
        return [(f, "", vals[f], unit if kind != "platform" else r.choice(_units(f))) for f in chosen]

    def render_items(self, kind: str, items: list[tuple[str | None, str, _Val, str]]) -> None:
        r, b = self.rng, self.b

        def metric_text(f: str | None, key: str) -> str:
            if f:
                return r.choice(D.METRICS[f])
            name = r.choice(D.OTHER[key][0])
            if key.startswith("categories.") and not name.endswith(("信息", "”")) and r.random() < 0.4:
                name += r.choice(D.CATEGORY_SUFFIXES)  # 计划总结信息, 规划计划类信息: the suffix is in the METRIC
            return name

        def info(key: str) -> bool:
            return key.startswith(("categories.", "keyareas."))

        def one(f: str | None, key: str, v: _Val, unit: str, value_first: bool = False, pre: str = "", quoted: bool = False) -> None:
            if pre:
                b.emit(pre)
            if value_first:
                vs = self.emit_value(self.number_text(v, unit))
                ms = b.emit(metric_text(f, key), "METRIC")
            elif quoted:
                name = metric_text(f, key)
                q = "“" not in name  # a name with quotes of its own is not quoted again
                if q:
                    b.emit("“")
                ms = b.emit(name, "METRIC")
                b.emit(r.choice(("”的", "”的", "”", "”类")) if q else "的")
                vs = self.emit_value(self.number_text(v, unit))
            else:
                if info(key) and not pre and r.random() < 0.35:
                    b.emit("公开")
                name = metric_text(f, key)
                ms = b.emit(name, "METRIC")
                if r.random() < 0.2:
                    b.emit(r.choice(("有", "的有", "共", "为", "达", "的")))
                elif info(key) and name.endswith("信息") and r.random() < 0.35:
                    b.emit(r.choice(D.INFO_CONNECTORS))
                vs = self.emit_value(self.number_text(v, unit))
            self.record(f, v, unit, [ms], vs, name=key or None)

        n = len(items)
        styles = ["pairs", "pairs", "colon", "numbered", "respectively", "pct"]
        if kind == "platform":
            styles = ["via", "via", "pairs"]
        if kind == "keyareas":
            styles = ["pairs", "pairs", "pairs", "colon", "respectively", "pct"]
        if kind in ("active", "consult"):
            styles.append("value_first")
        if kind in ("outcomes", "denied", "channels", "review", "active"):
            styles.append("quoted")
        style = r.choice(styles) if n >= 2 else "pairs"
        if style == "respectively":
            metrics: list[tuple[int, int]] = []
            for i, (f, key, v, unit) in enumerate(items):
                if i:
                    b.emit("和" if i == n - 1 and r.random() < 0.6 else "、")
                metrics.append(b.emit(metric_text(f, key), "METRIC"))
            b.emit(r.choice(("分别为", "分别是", "分别")))
            for i, (f, key, v, unit) in enumerate(items):
                if i:
                    b.emit("和" if i == n - 1 and r.random() < 0.6 else "、")
                vs = self.emit_value(self.number_text(v, unit))
                self.record(f, v, unit, [metrics[i]], vs, name=key or None)
            return
        sep = r.choice(("，", "、", "；")) if style in ("pairs", "value_first", "quoted") else "；"
        if style == "via":
            sep = "，"
        for i, (f, key, v, unit) in enumerate(items):
            if i:
                if sep == "、" and i == n - 1 and r.random() < 0.4:
                    b.emit(r.choice(("和", "及")))
                else:
                    b.emit(sep)
            if style == "numbered":
                b.distractor(r.choice(("（{}）", "{}是", "{}、")).format(_cn(i + 1)) if r.random() < 0.7 else f"{i + 1}.", "ordinal")
            if style == "colon":
                b.emit(metric_text(f, key), "METRIC")
                ms = (b.spans[-1][0], b.spans[-1][1])
                b.emit("：")
                vs = self.emit_value(self.number_text(v, unit))
                self.record(f, v, unit, [ms], vs, name=key or None)
            elif style == "via":
                one(f, key, v, unit, pre="通过")
            elif style == "value_first":
                one(f, key, v, unit, value_first=True)
            elif style == "quoted":
                one(f, key, v, unit, quoted=True)
                if self.rng.random() < 0.6:
                    b.emit(r.choice(("，占总数的", "，占", "，占比")))
                    b.distractor(f"{r.uniform(0.1, 80):.0f}%", "percent")
            else:
                one(f, key, v, unit)
                if style == "pct" and self.rng.random() < 0.7:
                    b.emit("，占")
                    b.distractor(f"{r.uniform(0.1, 80):.1f}%", "percent")

    def render_list(self, kind: str, lead: bool) -> None:
        items = self.list_items(kind)
        if not items:
            return
        if lead:
            if self.rng.random() < 0.35:
                return
            opener, closer = self.rng.choice((("，其中", ""), ("，其中：", ""), ("，其中，", ""), ("（其中", "）"), ("。其中，", ""), ("，包括", "")))
            self.b.emit(opener)
            self.render_items(kind, items)
            if closer:
                self.b.emit(closer)
            return
        self.render_items(kind, items)

    # -- templates ------------------------------------------------------------

    def usable(self, template: str) -> bool:
        for kind, arg in _parse(template):
            if kind in ("v", "v!", "z"):
                fields, _ = _value_arg(_choice_arg(arg)[0] if kind == "z" else arg)
                got = [self.vals[f].stated for f in fields if not f.startswith("other:")]
                if len(set(got)) != 1:
                    return False
                if kind == "z" and got[0] != 0:
                    return False
                if kind == "v!" and got[0] == 0:
                    return False
            elif kind == "items":
                parent = {"channels": "requests.received", "outcomes": "requests.answered", "consult": "consultations.total",
                          "review": "review.total", "active": "active.total", "denied": "requests.denied"}.get(arg)
                if parent and self.vals[parent].true == 0:
                    return False
        return True

    def sentence(self, template: str) -> None:
        b, r = self.b, self.rng
        metrics: dict[str, list[tuple[int, int]]] = {}
        values: list[tuple[list[str], _Val, str, tuple[int, int], str | None]] = []
        for kind, arg in _parse(template):
            if kind == "":
                b.emit(arg)
            elif kind == "m":
                f, alts = _choice_arg(arg)
                metrics.setdefault(f, []).append(b.emit(r.choice(alts or D.METRICS[f]), "METRIC"))
            elif kind in ("v", "v!"):
                fields, unit = _value_arg(arg)
                v = self.vals[fields[0]]
                unit = unit or r.choice(_units(fields[0]))
                values.append((fields, v, unit, self.emit_value(self.number_text(v, unit)), None))
            elif kind == "z":
                head, words = _choice_arg(arg)
                fields, _ = _value_arg(head)
                for f in fields[1:]:
                    if f.startswith("other:"):
                        self.other(f[len("other:"):])
                values.append((fields, self.vals[fields[0]], "", b.emit(r.choice(words or ["未"]), "VALUE"), None))
            elif kind == "om":
                self.other(arg)
                metrics.setdefault("other:" + arg, []).append(b.emit(r.choice(D.OTHER[arg][0]), "METRIC"))
            elif kind == "ov":
                v = self.other(arg)
                unit = self.other_units[arg]
                values.append((["other:" + arg], v, unit, self.emit_value(self.number_text(v, unit)), arg))
            elif kind == "oz":
                key, words = _choice_arg(arg)
                values.append((["other:" + key], self.other(key), "", b.emit(r.choice(words or ["未"]), "VALUE"), key))
            elif kind in ("list", "items"):
                self.render_list(arg, lead=kind == "list")
            else:
                text, dkind = self.plain(kind, arg)
                if dkind:
                    if self.b.nz.spaced and dkind == "date" and r.random() < 0.3:
                        text = f" {text} "
                    b.distractor(text, dkind)
                else:
                    b.emit(text)
        for fields, v, unit, span, name in values:
            for f in fields:
                is_other = f.startswith("other:")
                self.record(None if is_other else f, v, unit, metrics.get(f, []), span, name=f[len("other:"):] if is_other else name)

    def work_list(self, ordinal: int | None = None) -> None:
        """One sentence listing 2-6 counts of the year's general work (synth_data.WORK_*): a topic lead
        (``三是抓好安全生产工作。``), then items such as 发放消防安全宣传单1200份, 走访困难群众35户,
        高龄津贴发放8.6万元, 累计发放低保金58万元 (the year's total), 完成财政收入3200万元 (an indicator),
        现有残疾人142人 (a year-end headcount), 帮助12户困难家庭…, two things counted by one figure as one METRIC
        (发放宣传单及宣传手册2000份), separated by ，/；, now and then with a rate or a monthly figure after
        an item (结案率100%, 月发放低保金3.2万元: never labelled)."""
        r, b = self.rng, self.b
        topic = r.choice(D.WORK_TOPICS)
        if ordinal is not None:
            b.emit(_cn(ordinal))
            self.sentence(r.choice(D.WORK_TOPIC_LEADS).replace("{t}", topic))
        self.sentence(r.choice(D.WORK_LEADS))
        n = r.randint(2, 6)
        for i in range(n):
            if i:
                b.emit(r.choice(("，", "，", "，", "；", "，并", "，同时")))
            kind = r.choices(("thing", "named", "vo", "paid", "help", "joint", "target", "stock"), weights=(4, 3, 3, 1.5, 1, 1.5, 1.5, 1))[0]
            if kind == "joint" and not self._joint_work_item():
                kind = "thing"
            if kind == "thing":
                thing, units, verbs, rng_ = r.choice(D.WORK_THINGS)
                name = thing if r.random() < 0.25 else (topic if r.random() < 0.6 else r.choice(D.WORK_TOPICS)) + thing
                self._work_item(self._work_verb(verbs), name, units, rng_, first=r.random() < 0.3)
            elif kind == "named":
                name, units, verbs, rng_ = r.choice(D.WORK_NAMED)
                self._work_item(self._work_verb(verbs), name, units, rng_, first=r.random() < 0.3)
            elif kind == "vo":
                name, units, rng_ = r.choice(D.WORK_VO)
                self._work_item("", name, units, rng_)
            elif kind == "paid":
                name, units, rng_ = r.choice(D.WORK_PAID)
                if r.random() < 0.5:
                    self._work_item("", name, units, rng_, between=r.choice(D.WORK_PAY_VERBS))
                else:
                    self._work_item(r.choice(D.WORK_PAY_BEFORE), name, units, rng_)
            elif kind == "target":
                name, units, rng_ = r.choice(D.WORK_TARGETS)
                if r.random() < 0.5:
                    self._work_item(r.choice(D.WORK_TARGET_VERBS), name, units, rng_)
                else:
                    self._work_item("", name, units, rng_, between=r.choice(D.WORK_TARGET_BETWEEN))
            elif kind == "stock":
                who, units = r.choice(D.WORK_STOCK)
                self._work_item(r.choice(D.WORK_STOCK_LEADS), who, units, (5, 5000), between=r.choice(("", "", "共", "共计")))
            elif kind == "help":
                who, units = r.choice(D.WORK_WHO)
                self._work_item("", who, units, (1, 300), pattern=r.choice(D.WORK_HELP))
            if r.random() < 0.1:
                b.emit("，")
                self.sentence(r.choice(D.WORK_TAILS))
            elif r.random() < 0.08:
                b.emit("，")
                w = r.choice(D.WORK_PAID)[0]
                b.distractor(r.choice(D.WORK_RATES).format(w=w, n=r.choice((r.randint(100, 2000), r.randint(10000, 900000)))), "rate")
        b.emit("。")

    def _joint_work_item(self) -> bool:
        """Two things done the same way and counted alike as one item of :meth:`work_list`, one METRIC
        (发放宣传单及宣传手册2000份); False where the drawn thing has no such mate."""
        r = self.rng
        one, u1, v1, rng_ = r.choice(D.WORK_THINGS)
        mates = [t for t in D.WORK_THINGS if t[0] != one and set(t[1]) & set(u1) and set(t[2]) & set(v1)]
        if not mates:
            return False
        two, u2, v2, _ = r.choice(mates)
        units, verbs = tuple(u for u in u1 if u in u2), [v for v in v1 if v in v2]
        self._work_item(r.choice(verbs), one + r.choice(D.WORK_JOINERS) + two, units, rng_)
        return True

    def _work_verb(self, verbs: Sequence[str]) -> str:
        """The verb before a work item, now and then none (a bare list: 板报10块，条幅4条)."""
        return "" if self.rng.random() < 0.12 else self.rng.choice(verbs)

    def _work_item(self, verb: str, name: str, units: Sequence[str], rng_: tuple[int, int], *, between: str = "", pattern: str = "", first: bool = False) -> None:
        """Emit one counted item of :meth:`work_list` and record its figure (``field`` None); ``first``
        puts the figure before the thing where a verb leads (举办了5期知识讲座, 开办3个培训班)."""
        r, b = self.rng, self.b
        # a measure word can stand before its thing (3期培训班, 120名执法人员); 人/人次/户 and the like cannot
        fronted = [u for u in units if u not in ("人", "人次", "户", "户次", "家次", "车次", "平方米", "吨", "元", "处")]
        if first and verb and not between and not pattern and fronted:
            pattern = verb + r.choice(("了", "了", "")) + "{v}{m}"
            verb, units = "", fronted
        unit = r.choice(units)
        lo, hi = rng_
        if unit == "元":
            lo, hi = max(lo, 500), max(hi, 5000)
        n = _loguniform(r, max(lo, 1), hi)
        v = _approximate(r, n) if n >= 100 and r.random() < 0.25 else _Val(n, n)
        scale = {"万元": 10**4, "亿元": 10**8}.get(unit)
        # an indicator in 万元/亿元 (完成财政收入3200万元) is printed as drawn and recorded in 元; any other
        # figure is drawn by number_text where it is emitted (after the noise before it, as always)
        scaled = self._scaled_text(v, unit) if scale else ""
        recorded, rec_unit = (_Val(v.true * scale, v.stated * scale, v.marker), "元") if scale else (v, unit)
        if pattern:
            head, tail = pattern.split("{v}{m}")
            b.emit(head)
            vs = self.emit_value(scaled or self.number_text(v, unit))
            ms = b.emit(name, "METRIC")
            b.emit(tail)
        else:
            b.emit(verb)
            ms = b.emit(name, "METRIC")
            b.emit(between)
            vs = self.emit_value(scaled or self.number_text(v, unit))
        self.record(None, recorded, rec_unit, [ms], vs, name="work:" + name)

    @staticmethod
    def _scaled_text(v: _Val, unit: str) -> str:
        """A figure in 万元/亿元 as drawn, with its approximation marks (近3200万元, 1.5亿元左右 style)."""
        before = v.marker if v.marker not in ("余", "多", "左右") else ""
        after = v.marker if v.marker in ("余", "多") else ""
        return f"{before}{v.stated}{after}{unit}{'左右' if v.marker == '左右' else ''}"

    def pick(self, group: str | Sequence[str], k: int = 1) -> None:
        pool = list(D.TEMPLATES[group]) if isinstance(group, str) else list(group)
        ok = [t for t in pool if self.usable(t)]
        for t in self.rng.sample(ok, min(k, len(ok))):
            self.sentence(t)

    def filler(self, group: str, k: int = 1) -> None:
        for t in self.rng.sample(D.FILLER[group], min(k, len(D.FILLER[group]))):
            self.sentence(t)

    # -- layout ---------------------------------------------------------------

    def par(self) -> None:
        self.b.emit(self.b.nz.par_sep)
        if self.b.nz.indent:
            self.b.emit(self.b.nz.indent)

    def heading(self, text: str) -> None:
        self.b.emit("\n")
        self.b.emit(text)
        self.par()

    def title(self) -> None:
        r, b = self.rng, self.b
        if b.nz.chrome:
            b.emit(self.org + "\n")
            b.emit("来源：" + self.short + "　发布时间：")
            b.distractor(f"{self.year + 1}-{r.randint(1, 3):02d}-{r.randint(1, 28):02d}", "date")
            b.emit("　浏览次数：")
            b.distractor(str(r.randint(50, 40000)), "chrome")
            b.emit("\n【字体：大 中 小】【打印】【关闭】\n")
        if r.random() < 0.1:
            b.emit("[bookmark: _GoBack]")
        kind = r.choice(("年度报告", "年度报告", "工作报告", "关于"))
        head = self.org
        yr = str(self.year)
        if kind == "关于":
            tail = ("关于", "年政府信息公开工作情况的报告")
        elif kind == "工作报告":
            tail = ("", "年度政府信息公开工作报告")
        else:
            tail = ("", "年政府信息公开工作年度报告")
        spaced = b.nz.title_spaces
        b.emit(head + ("\n" if r.random() < 0.4 else "") + tail[0])
        if spaced:
            b.emit(" ")
        b.distractor(yr, "date")
        b.emit((" " if spaced else "") + (" ".join(tail[1]) if spaced and r.random() < 0.3 else tail[1]))
        self.par()

    def intro(self) -> None:
        r = self.rng
        if self.era == "legacy":
            parts = [
                "本报告是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）{art}规定，由{org}编制的{Y}年度政府信息公开工作年度报告。",
                "全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请行政复议、提起行政诉讼的情况，存在的主要问题和改进措施{parts}。",
                "本报告中所列数据的统计期限自{startdate}起至{enddate}止。",
                "本报告的电子版可在{site}下载。",
                "如对本报告有任何疑问，请与{org}办公室联系（地址：{addr}；邮编：{zip}；联系电话：{phone}）。",
            ]
        else:
            num = "〔2019〕60号" if self.era == "2019" else "〔2021〕30号"
            parts = [
                "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函" + num + "）要求编制。",
                "全文分总体情况，主动公开，依申请公开的收到与处理，行政复议及行政诉讼，主要问题和改进措施，其他事项等{parts}。",
                "本报告所列数据的统计期限自{startdate}起至{enddate}止。",
                "本报告电子版可在{site}查阅或下载。",
                "如对本报告有疑问，请与{org}联系（联系电话：{phone}）。",
            ]
        keep = [p for i, p in enumerate(parts) if i == 0 or r.random() < 0.7]
        for p in keep:
            if "国办公开办函" in p:
                s = p.index("国办公开办函")
                self.sentence(p[:s])
                self.b.distractor(p[s : s + len("国办公开办函") + len(num)], "docno")
                self.sentence(p[s + len("国办公开办函") + len(num) :])
            else:
                self.sentence(p)
        self.par()

    def table_block(self, rows: list[str]) -> None:
        b = self.b
        b.nowrap = True
        b.emit("\n")
        for row in rows:
            b.distractor(row, "table")
            b.emit("\n")
        b.nowrap = False

    def legacy_table(self) -> None:
        v = self.vals
        rows = [("主动公开政府信息数", "条", "active.total"), ("其中：主动公开规范性文件数", "条", "active.normative_documents"),
                ("收到申请数", "件", "requests.received"), ("当面申请数", "件", "requests.in_person"), ("网络申请数", "件", "requests.online"),
                ("行政复议数量", "件", "review.total"), ("行政诉讼数量", "件", "litigation.total"), ("依申请公开信息收取的费用", "万元", "fees.amount"),
                ("举办各类培训班数", "次", "training.courses"), ("政府信息公开咨询", "人次", "consultations.total")]
        keep = [x for x in rows if self.rng.random() < 0.7]
        lines = ["政府信息公开情况统计表", "统计指标 单位 统计数"]
        for label, unit, f in keep:
            n = v[f].true
            shown = _dec(Decimal(n) / 10000) if unit == "万元" else str(n)
            lines.append(f"{label} {unit} {shown}")
        self.table_block(lines)

    def new_table(self, which: int) -> None:
        r, v = self.rng, self.vals
        if which == 2:
            lines = ["信息内容 本年制发件数 本年废止件数 现行有效件数",
                     f"规章 0 0 {r.randint(0, 5)}",
                     f"行政规范性文件 {v['active.normative_documents_issued'].true} {r.randint(0, 5)} {r.randint(5, 80)}",
                     "信息内容 本年处理决定数量",
                     f"行政许可 {r.randint(0, 3000)}"]
        elif which == 3:
            rec = v["requests.received"].true
            lines = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 自然人 法人或其他组织 总计",
                     f"一、本年新收政府信息公开申请数量 {rec} 0 0 0 0 0 {rec}",
                     "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
                     f"（一）予以公开 {v['requests.granted'].true} 0 0 0 0 0 {v['requests.granted'].true}",
                     "四、结转下年度继续办理 0 0 0 0 0 0 0"]
        else:
            cells = [v["review.upheld"].true, v["review.corrected"].true, v["review.other"].true, 0, v["review.total"].true]
            lines = ["行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计",
                     " ".join(str(c) for c in cells + [0] * 10)]
        self.table_block(lines)

    def signature(self) -> None:
        self.b.emit("\n")
        self.b.emit(self.org + ("\n" if self.rng.random() < 0.8 else "　"))
        self.b.distractor(self.plain("signdate", "")[0], "date")
        self.b.emit("\n")

    # -- eras -----------------------------------------------------------------

    def legacy(self) -> None:
        r = self.rng
        H = [r.choice(h) for h in D.LEGACY_HEADINGS]
        self.heading(H[0])
        self.filler("intro", r.randint(1, 2))
        if r.random() < 0.4:
            self.pick("organization")
        if r.random() < 0.3:
            self.pick("training")
        if r.random() < 0.3:
            self.pick("distractor")
        self.heading(H[1])
        self.pick("active")
        if r.random() < 0.2:
            self.pick("active_items")
        self.filler("active", r.randint(0, 2))
        if r.random() < 0.5:
            self.pick("normative")
        if r.random() < 0.3:
            self.pick("key_areas")
        self.par()
        self.pick("platforms", r.randint(1, 2))
        self.pick("response", r.randint(0, 2))
        if r.random() < 0.5:
            self.pick("distractor")
        if r.random() < 0.4:
            self.pick("other")
        if r.random() < 0.5:
            self.pick("work", r.randint(1, 3))
        if r.random() < 0.5:
            first = r.randint(1, 3) if r.random() < 0.5 else None
            for k in range(r.randint(1, 3)):
                self.work_list(None if first is None else first + k)
        self.heading(H[2])
        self.pick("requests")
        if r.random() < 0.2:
            self.pick("request_items")
        self.filler("requests", r.randint(0, 1))
        if r.random() < 0.6:
            self.pick("consult")
        self.heading(H[3])
        self.pick("fees")
        self.filler("fees", r.randint(0, 1))
        self.heading(H[4])
        self.pick("review", r.randint(1, 2))
        self.filler("review", r.randint(0, 1))
        if r.random() < 0.35:
            self.pick(D.TEMPLATES_INCIDENTS, r.randint(1, 2))
        self.heading(H[5])
        self.filler("problems", r.randint(1, 3))
        self.par()
        self.filler("improve", r.randint(1, 3))
        if r.random() < 0.6:
            self.pick("plans")
        if r.random() < 0.5:
            self.heading(H[6])
            self.pick("training")
            if r.random() < 0.5:
                self.pick("other")
            self.filler("other", 1)
        if self.with_tables and r.random() < 0.7:
            self.legacy_table()

    def modern(self) -> None:
        r = self.rng
        H = [r.choice(h) for h in D.NEW_HEADINGS]
        subs = D.SUBHEADINGS_2019 if r.random() < 0.5 else D.SUBHEADINGS_2019_ALT
        self.heading(H[0])
        self.filler("intro", r.randint(1, 2))
        self.heading(subs[0])
        self.pick("active")
        if r.random() < 0.5:
            self.pick("normative")
        self.pick("response", r.randint(1, 2))
        if r.random() < 0.3:
            self.pick("platforms")
        self.heading(subs[1])
        self.pick("requests")
        if r.random() < 0.4:
            self.pick("consult")
        self.filler("requests", r.randint(0, 1))
        self.heading(subs[2])
        self.filler("management", r.randint(1, 2))
        if r.random() < 0.3:
            self.pick(D.TEMPLATES_INCIDENTS)
        if r.random() < 0.3:
            self.pick("normative")
        self.heading(subs[3])
        self.filler("platform", r.randint(1, 2))
        self.pick("platforms", r.randint(1, 2))
        self.heading(subs[4])
        self.filler("oversight", r.randint(1, 2))
        self.pick("training")
        if r.random() < 0.3:
            self.pick("review")
        if r.random() < 0.3:
            self.pick("distractor")
        for i in (1, 2, 3):
            self.heading(H[i])
            if self.with_tables:
                self.new_table(i + 1)
            elif r.random() < 0.3:
                self.b.emit(r.choice(("（详见下表）", "具体情况见下表。", "详见附表。")))
        self.heading(H[4])
        self.filler("problems", r.randint(1, 2))
        self.filler("improve", r.randint(1, 2))
        if r.random() < 0.5:
            self.pick("plans")
        self.heading(H[5])
        if self.era == "2021" and r.random() < 0.8:
            self.pick(D.TEMPLATES_2021_OTHER)
        elif r.random() < 0.3:
            self.pick("fees")
        if r.random() < 0.5:
            self.pick("other")
        if r.random() < 0.25:
            self.pick("work", r.randint(1, 2))
        if r.random() < 0.2:
            self.work_list()
        self.filler("other", 1)


def _dec(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


def _cn(n: int) -> str:
    import cn2an

    return str(cn2an.an2cn(n))


# ---------------------------------------------------------------------------
# organisations


def _org(rng: random.Random, era: str) -> tuple[str, tuple[str, ...], str, str, str, float]:
    """(full name, ways it calls itself, short name, place, upper authority, size scale)."""
    r = rng
    kind = r.choice(("city_bureau", "county_bureau", "town", "county_gov", "province_bureau", "city_office"))
    city, county = r.choice(D.CITIES), r.choice(D.COUNTIES)
    bureaus = D.BUREAUS + (D.BUREAUS_LEGACY if era == "legacy" else ())
    if kind == "city_bureau":
        b = r.choice(bureaus)
        return city + b, _self_names(b), b, city, city + "人民政府", 1.0
    if kind == "county_bureau":
        b = r.choice(bureaus)
        return (r.choice((city, "")) + county + b), _self_names(b), county + b, county, county + "人民政府", 0.6
    if kind == "town":
        t = r.choice(D.TOWNS)
        short = t.replace("办事处", "").replace("人民政府", "")
        selves = ("我街道", "街道办事处", "本街道", "我处") if "街道" in t else ("我镇", "镇政府", "本镇") if "镇" in t else ("我乡", "乡政府")
        return (r.choice((city, "")) + county + t), selves + ("本机关",), short, county, county + "人民政府", 0.3
    if kind == "county_gov":
        return city + county + "人民政府", ("我" + county[-1], county + "政府", "本级政府"), county + "政府", county, city + "人民政府", 2.0
    if kind == "province_bureau":
        p = r.choice(D.PROVINCES)
        b = r.choice(D.PROVINCE_BUREAUS)
        return p + b, _self_names(b), b, p, p + "人民政府", 1.5
    return city + "人民政府办公室", ("我办", "市政府办公室", "本机关"), "市政府办公室", city, city + "人民政府", 2.0


def _self_names(bureau: str) -> tuple[str, ...]:
    if bureau.endswith("委员会"):
        return ("我委", "本机关", "我单位")
    if bureau.endswith("厅"):
        return ("我厅", "本机关", "我单位")
    if bureau.endswith("办公室"):
        return ("我办", "本机关")
    return ("我局", "本机关", "我单位", "我局")


# ---------------------------------------------------------------------------
# public API


def generate_one(seed: int, index: int, era: str, *, noise: float = 0.3, with_tables: bool = False) -> AnnotatedText:
    """Document ``index`` of ``seed`` in ``era`` (what :func:`generate` returns at that position)."""
    rng = random.Random(f"gainer-synth:{seed}:{index}")
    nz = _Noise.draw(rng, noise)
    lo, hi = YEARS[era]
    year = rng.randint(lo, hi)
    org, selves, short, place, upper, scale = _org(rng, era)
    site = rng.choice((f"{upper}门户网站", f"{org}门户网站", f"{place}政府信息公开网", "政府信息公开专栏", f"{upper}网站（{_domain(rng)}）"))
    rep = _Report(rng, era, year, org, selves, short, place, upper, site, _values(rng, scale), _Builder(rng, nz), with_tables)
    rep.title()
    rep.intro()
    if era == "legacy":
        rep.legacy()
    else:
        rep.modern()
    rep.signature()
    text = rep.b.text()
    spans = tuple(Span.from_text(text, s, e, lab) for s, e, lab in rep.b.spans)
    fields: dict[str, Any] = {}
    approx: set[str] = set()
    for fig in rep.figures:
        if fig["field"]:
            fields[fig["field"]] = fig["value"]
            if fig["approximate"]:
                approx.add(fig["field"])
    meta = {
        "era": era,
        "year": year,
        "org": org,
        "fields": dict(sorted(fields.items())),
        "approximate": sorted(approx),
        "figures": rep.figures,
        "distractors": rep.b.distractors,
        "noise": nz.kinds(),
        "with_tables": with_tables,
        "seed": seed,
        "index": index,
        "synthetic": True,
    }
    return AnnotatedText(f"synth-{era}-s{seed}-{index:05d}", text, spans, meta)


def _domain(rng: random.Random) -> str:
    return "www." + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 8))) + ".gov.cn"


def generate(
    n: int,
    *,
    seed: int = 0,
    eras: Sequence[str] = ERAS,
    noise: float = 0.3,
    with_tables: bool = False,
) -> list[AnnotatedText]:
    """``n`` labelled synthetic reports, reproducible from ``seed`` (see the module docstring)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise AnnotationError(f"n={n!r}; expected a number of reports >= 0", source="gainer.annotate.synth", hint="pass e.g. generate(100)")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise AnnotationError(f"seed={seed!r}; expected an int", source="gainer.annotate.synth", hint="pass e.g. seed=0")
    if isinstance(eras, str):
        eras = (eras,)
    eras = tuple(eras)
    bad = [e for e in eras if e not in ERAS]
    if not eras or bad:
        raise AnnotationError(
            f"eras={eras!r}; expected a non-empty selection of {', '.join(ERAS)}",
            source="gainer.annotate.synth",
            hint="legacy = 2008-2018 reports, 2019 = 2019-2020, 2021 = 2021 and later",
        )
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or not 0.0 <= float(noise) <= 1.0:
        raise AnnotationError(f"noise={noise!r}; expected a number from 0 to 1", source="gainer.annotate.synth", hint="0 gives clean text, 0.3 is the default")
    return [generate_one(seed, i, eras[i % len(eras)], noise=float(noise), with_tables=with_tables) for i in range(n)]


def write_corpus(directory: str | Path, docs: Iterable[AnnotatedText], *, per_file: int = 500, prefix: str = "synth") -> list[Path]:
    """Write ``docs`` as Label Studio JSON task files ``<prefix>-0000.json``, ... (``per_file`` tasks each).

    The files load back with :func:`gainer.annotate.labelstudio_json.load_tasks` (the directory as a
    whole, too) and import into Label Studio with the spans as submitted annotations.
    """
    from .labelstudio_json import save_tasks

    if isinstance(per_file, bool) or not isinstance(per_file, int) or per_file < 1:
        raise AnnotationError(f"per_file={per_file!r}; expected an int >= 1", source=str(directory), hint="pass e.g. per_file=500")
    d = Path(directory)
    if d.exists() and not d.is_dir():
        raise AnnotationError("not a directory", source=str(d), hint="give a directory for the synthetic corpus")
    docs = list(docs)
    out: list[Path] = []
    for k in range(0, len(docs), per_file):
        out.append(save_tasks(d / f"{prefix}-{k // per_file:04d}.json", docs[k : k + per_file]))
    return out
