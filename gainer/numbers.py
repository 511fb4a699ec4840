"""Number normalisation: read printed figures (Arabic, full-width, Chinese numerals, 万/亿, 余/近, blanks) and convert units.

Three entry points:

* :func:`parse_number` reads one string that should be one value (a table cell, a figure the
  tagger found) into a :class:`ParsedNumber`, or ``None`` when it is not a number.
* :func:`find_numbers` scans a longer string for numeric tokens with ``[start, end)`` offsets into
  that same string (normalising full-width digits never shifts an offset).
* :func:`to_unit` converts between units that differ only by a 千/万/亿 scale (万元 -> 元).

Invariant of a parse: ``value`` is expressed in ``unit`` as printed. ``0.5万元`` is 0.5 in 万元;
``1.2万条`` is 1.2 in 万条; a 万/亿 with no unit word after it is applied to the value, so ``1.2万``
is 12000 with no unit. Use :meth:`ParsedNumber.in_unit` to get a value in a field's unit.
"""
from __future__ import annotations

import functools

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


from .errors import InputError

Number = int | float

__all__ = [
    "ParsedNumber",
    "NumberMatch",
    "parse_number",
    "parse_zero_statement",
    "find_numbers",
    "to_unit",
    "split_unit",
    "normalise_digits",
]

# One-to-one character map: full-width digits and punctuation to ASCII. Every key and value is a
# single code point, so a translated string has the same length and offsets stay valid.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋％−﹣\u3000",
    "0123456789.,-+%-- ",
)

_SCALES: dict[str, int] = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4, "千": 10**3}

# Unit words that may follow a figure. Longest first so that 人次 wins over 人 and 个工作日 over 个.
_UNIT_WORDS = (
    "个工作日", "个百分点", "工作日", "百分点", "平方米", "人次", "件次", "条次", "户次", "家次", "场次",
    "车次", "课时", "小时", "分钟", "吨", "张",
    "元", "件", "条", "次", "个", "人", "名", "位", "篇", "项", "份", "期", "场", "家", "批",
    "起", "宗", "部", "本", "册", "台", "户", "页", "处", "所", "天", "卷", "盒", "块", "对", "套", "辆", "幅",
    "公里", "亩", "株", "棵",
    "%", "‰",
)
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNIT_WORDS, key=len, reverse=True))
_SCALE_RE = "万亿|千万|百万|亿|万|千"

_APPROX_BEFORE = ("大约", "将近", "接近", "超过", "约", "近", "超", "逾")
APPROX_BEFORE = _APPROX_BEFORE  # words before a figure that make it approximate (约30件)
_APPROX_AFTER_NUMBER = ("余", "多")
_APPROX_TRAILING = ("左右", "以上", "上下")
# 近 after 最 is 最近 (recently), not "nearly"
_APPROX_BEFORE_RE = "|".join("(?<!最)近" if w == "近" else w for w in _APPROX_BEFORE)

_INCREASE = ("增加", "增长", "上升", "提高", "增")
_DECREASE = ("减少", "下降", "降低", "减")
_SIGN_WORD_RE = "|".join(_INCREASE + _DECREASE)

_CN_DIGITS = "零〇一二两三四五六七八九"
_SCALE_ALONE = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_CN_CHARS = _CN_DIGITS + "十百千万亿"

# What a table cell prints for "no value".
_BLANK_RE = re.compile(r"^(?:[-—–―~～/\\／＼_]+|无|空|n/?a|NA|N/A|null|None)$", re.IGNORECASE)
_THIN_SPACES = "\u2009\u202f\u00a0"

# Statements of absence used as a value: 未收到 / 没有 / 无收费 / 零投诉 / 暂无. "无法" (cannot) and
# "未能" (failed to) are not statements that something is zero.
_ZERO_RE = re.compile(
    r"^(?:全年|本年度?|当年|年内|均|皆|都|暂|尚|从|一直|并|亦|也)?"
    r"(?:未(?!能)|无(?!法)|没有|暂无|零(?=[^" + _CN_CHARS + r"点]))"
)
_HAS_NUMERAL_RE = re.compile(r"[0-9０-９" + _CN_DIGITS[1:] + r"十百千]")
_TRAILING_PUNCT = "。；;，,、：:！!"  # not "." : "1." is an ordinal, not a value


@dataclass(frozen=True)
class ParsedNumber:
    """A printed figure, read.

    ``value`` is in ``unit`` as printed (``None`` for a blank). ``multiplier`` is the 千/万/亿 scale
    that appeared in the text, whether it was applied to the value (``1.2万`` -> 12000) or kept in
    the unit (``1.2万条`` -> 1.2 万条). ``negative`` is true when the value is below zero (a minus
    sign, 负, or a 减少/下降 word).
    """

    value: Number | None
    unit: str | None = None
    approximate: bool = False
    zero_statement: bool = False
    blank: bool = False
    negative: bool = False
    multiplier: int = 1

    def in_unit(self, target: str | None) -> Number | None:
        """The value in ``target`` (a field's unit); a unit-less figure is taken as already in it.

        >>> parse_number("0.5万元").in_unit("元")
        5000
        >>> parse_number("1.2万").in_unit("条")
        12000
        >>> parse_number("-").in_unit("件") is None
        True
        """
        if self.value is None:
            return None
        if not self.unit or not target:
            return self.value
        return to_unit(self.value, self.unit, target)

    @property
    def base_unit(self) -> str | None:
        """The unit without its 千/万/亿 scale: 条 for 万条, None when no unit was printed.

        >>> parse_number("3亿元").base_unit
        '元'
        """
        if not self.unit:
            return None
        return split_unit(self.unit)[1] or None


@dataclass(frozen=True)
class NumberMatch:
    """A numeric token found by :func:`find_numbers`.

    ``[start, end)`` covers the whole token (approximation markers, sign, digits, scale, unit);
    ``[num_start, num_end)`` covers only the sign and digits. Both index the scanned string, and
    ``text == scanned[start:end]``.
    """

    start: int
    end: int
    text: str
    number: ParsedNumber
    num_start: int
    num_end: int

    @property
    def value(self) -> Number | None:
        return self.number.value

    @property
    def unit(self) -> str | None:
        return self.number.unit

    @property
    def approximate(self) -> bool:
        return self.number.approximate


# ---------------------------------------------------------------------------
# helpers


def normalise_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII, one character for one (offsets unchanged).

    >>> normalise_digits("１，２３４．５")
    '1,234.5'
    """
    return text.translate(_FULLWIDTH)


def _to_number(d: Decimal) -> Number:
    """An exact int when the decimal is integral, else a float rounded to 9 places."""
    if d == d.to_integral_value():
        return int(d)
    return float(round(d, 9))


def split_unit(unit: str | None) -> tuple[int, str]:
    """A unit as (scale, base unit): 万元 -> (10000, '元'); '万' -> (10000, ''); None -> (1, '').

    >>> split_unit("万元")
    (10000, '元')
    >>> split_unit("件")
    (1, '件')
    >>> split_unit("％")
    (1, '%')
    """
    if not unit:
        return 1, ""
    u = normalise_digits(unit.strip())
    for prefix in sorted(_SCALES, key=len, reverse=True):
        if u.startswith(prefix):
            rest = u[len(prefix) :]
            # 千克 / 万能 would be words, not scaled units; the scale must prefix a known unit or stand alone
            if rest == "" or rest in _UNIT_WORDS:
                return _SCALES[prefix], rest
    return 1, u


def to_unit(value: Number, from_unit: str | None, to_unit: str | None) -> Number:
    """Convert ``value`` between units that differ only by a 千/万/亿 scale.

    Ints stay ints when the result is exact; floats are rounded to 9 decimal places so that
    binary noise (4068.2079999...) does not leak. The same unit passes the value through
    unchanged. Units with different base units raise ``ValueError``.

    >>> to_unit(1.2, "万条", "条")
    12000
    >>> to_unit(12345, "元", "万元")
    1.2345
    >>> to_unit(2.5, "亿元", "万元")
    25000
    >>> to_unit(0.40682079999999996, "万元", "元")
    4068.208
    >>> to_unit(7, "件", "件")
    7
    >>> to_unit(3, "%", "件")
    Traceback (most recent call last):
    ...
    ValueError: cannot convert % to 件: the units measure different things
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected an int or float value to convert, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"cannot convert the value {value!r}: not a finite number")
    if (from_unit or "") == (to_unit or ""):
        return value
    fs, fb = split_unit(from_unit)
    ts, tb = split_unit(to_unit)
    if fb != tb:
        raise ValueError(f"cannot convert {from_unit or 'a unit-less number'} to {to_unit or 'a unit-less number'}: the units measure different things")
    if fs == ts:
        return value
    try:
        d = Decimal(repr(value)) * Decimal(fs) / Decimal(ts)
    except InvalidOperation:
        raise ValueError(f"cannot convert the value {value!r}: not a finite number") from None
    return _to_number(d)


def parse_zero_statement(text: str) -> bool:
    """True when ``text`` states that something did not happen: 未收到, 没有, 无收费, 零投诉, 暂无.

    A phrase with a figure in it is not a zero statement, nor are 无法 (cannot) and 未能
    (failed to). A bare 零 is the numeral zero, not a statement.

    >>> parse_zero_statement("未收到")
    True
    >>> parse_zero_statement("全年未发生行政复议")
    True
    >>> parse_zero_statement("零")
    False
    >>> parse_zero_statement("未按时答复3件")
    False
    >>> parse_zero_statement("无法提供")
    False
    """
    if not isinstance(text, str):
        return False
    t = text.strip()
    if not t or _HAS_NUMERAL_RE.search(t):
        return False
    return bool(_ZERO_RE.match(t))


# ---------------------------------------------------------------------------
# parse_number

_ARABIC = r"\d+(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:[" + _THIN_SPACES + r"]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_ARABIC_SPACED = r"\d{1,3}(?: \d{3})+(?!\d)(?:\.\d+)?"
_CN_RUN = r"负?[" + _CN_CHARS + r"](?:[" + _CN_CHARS + r"]|点(?=[" + _CN_DIGITS + r"]))*"

_PARSE_RE = re.compile(
    r"^(?P<pre>(?:" + _APPROX_BEFORE_RE + r")?)"
    r"(?P<word>(?:" + _SIGN_WORD_RE + r")?)"
    r"(?P<pre2>(?:" + _APPROX_BEFORE_RE + r")?)"
    r"(?P<sign>[-+]?)\s*"
    r"(?:(?P<num>" + _ARABIC_SPACED + "|" + _ARABIC + r")|(?P<cn>" + _CN_RUN + r"))"
    r"(?P<suf1>[余多]?)"
    r"\s*(?P<scale>(?:" + _SCALE_RE + r")?)"
    r"(?P<suf2>[余多]?)"
    r"\s*(?P<unit>(?:" + _UNIT_RE + r")?)"
    r"(?P<post>(?:左右|以上|上下)?)$"
)


def _digits_decimal(num: str) -> Decimal:
    return Decimal(re.sub(r"[,\s" + _THIN_SPACES + r"]", "", num))


def _split_cn_scale(run: str) -> tuple[str, str]:
    """Split a trailing 万/亿 off a Chinese numeral when nothing before it is a scale as large.

    三千二百万 -> (三千二百, 万); 一亿二千万 stays whole (its 万 is inside the 亿 group).
    """
    for scale, bigger in (("亿", "亿"), ("万", "万亿")):
        if run.endswith(scale) and len(run) > len(scale):
            head = run[: -len(scale)]
            if not any(ch in head for ch in bigger):
                return head, scale
    return run, ""


@functools.lru_cache(maxsize=1)
def _cn2an():
    """cn2an's converter, imported on first use: importing cn2an compiles its patterns (0.2 s)."""
    import cn2an

    return cn2an.cn2an


def _cn_value(run: str) -> Decimal | None:
    if not any(ch in _CN_DIGITS or ch == "十" for ch in run):
        return None  # 万 / 百 / 亿 alone are not figures
    try:
        v = _cn2an()(run, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(int(v))


def parse_number(text: str, *, group_spaces: bool = True) -> ParsedNumber | None:
    """Read one printed value. ``None`` when ``text`` is not a figure.

    Handles ASCII and full-width digits, thousands separators (``1,234``, ``1，234``, thin spaces,
    and with ``group_spaces`` a plain space between 3-digit groups: ``1 234``), decimals, signs
    (``-3``, ``－3``, ``+2``, ``减少3``, ``增加2``, ``负三``), Chinese numerals, 千/万/亿 scales,
    approximation markers (余/多/近/约/左右/超/逾), units, percentages (unit ``%``), blanks
    (``''``, ``-``, ``—``, ``/``, ``无``: ``blank=True``, value ``None``) and statements of absence
    (``未收到``: value 0, ``zero_statement=True``).

    >>> parse_number("１，２３４")
    ParsedNumber(value=1234, unit=None, approximate=False, zero_statement=False, blank=False, negative=False, multiplier=1)
    >>> parse_number("6800余人次").value, parse_number("6800余人次").unit, parse_number("6800余人次").approximate
    (6800, '人次', True)
    >>> parse_number("1.2万").value
    12000
    >>> parse_number("0.5万元").value, parse_number("0.5万元").unit
    (0.5, '万元')
    >>> parse_number("三千二百万").value
    32000000
    >>> parse_number("减少3").value
    -3
    >>> parse_number("—").blank
    True
    >>> parse_number("未收到").zero_statement
    True
    >>> parse_number("12.5%").unit
    '%'
    >>> parse_number("予以公开") is None
    True
    """
    if not isinstance(text, str):
        raise InputError(f"expected a string to read as a number, got {type(text).__name__}", source="<number>", hint="pass the cell or token text")
    t = normalise_digits(text).strip().strip(_THIN_SPACES).strip()
    if not t or _BLANK_RE.match(t):
        return ParsedNumber(None, blank=True)
    if parse_zero_statement(t):
        return ParsedNumber(0, zero_statement=True)
    t = t.rstrip(_TRAILING_PUNCT).strip()
    m = _PARSE_RE.match(t)
    if not m:
        return None
    if m.group("num") and " " in m.group("num") and not group_spaces:
        return None
    if m.group("word") and m.group("sign"):
        return None  # 减少-3: contradictory
    approximate = bool(m.group("pre") or m.group("pre2") or m.group("suf1") or m.group("suf2") or m.group("post"))
    scale = m.group("scale")
    if m.group("num") is not None:
        d = _digits_decimal(m.group("num"))
    else:
        run = m.group("cn")
        neg_cn = run.startswith("负")
        run = run.lstrip("负")
        if not scale and not m.group("suf1"):
            run, scale = _split_cn_scale(run)
        if run in _SCALE_ALONE and approximate:
            cv = Decimal(_SCALE_ALONE[run])  # 逾百 / 近千: a round figure with a marker
        else:
            cv = _cn_value(run)
        if cv is None:
            return None
        d = -cv if neg_cn else cv
    unit = m.group("unit") or None
    multiplier = _SCALES.get(scale, 1)
    if scale and unit in ("%", "‰", "个百分点", "百分点"):
        return None  # 3万% is not a figure
    if scale and unit:
        unit = scale + unit  # 万元 / 万条: the scale belongs to the unit and the value stays as printed
    elif scale:
        d = d * multiplier
    if m.group("sign") == "-" or m.group("word") in _DECREASE:
        d = -d
    value = _to_number(d)
    return ParsedNumber(value, unit, approximate, False, False, value < 0, multiplier)


# ---------------------------------------------------------------------------
# find_numbers

_FIND_ARABIC = r"\d+(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:[" + _THIN_SPACES + r"]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_TAIL = (
    r"(?P<suf1>[余多]?)"
    r"(?P<scale>(?:" + _SCALE_RE + r")?)"
    r"(?P<suf2>[余多]?)"
    r"(?P<unit>(?:" + _UNIT_RE + r")?)"
    r"(?P<post>(?:左右|以上|上下)?)"
)
_FIND_RE = re.compile(
    r"(?P<pre>(?:" + _APPROX_BEFORE_RE + r")?)"
    r"(?P<sign>[-+]?)"
    r"(?<![\d.])(?P<num>" + _FIND_ARABIC + r")(?![\d])" + _TAIL
)
_FIND_SPACED_RE = re.compile(
    r"(?P<pre>(?:" + _APPROX_BEFORE_RE + r")?)"
    r"(?P<sign>[-+]?)"
    r"(?<![\d.])(?P<num>" + _ARABIC_SPACED + "|" + _FIND_ARABIC + r")(?![\d])" + _TAIL
)
# A Chinese numeral is taken only with a unit after it (二十三件), never after 第 (第一次).
_FIND_CN_RE = re.compile(
    r"(?P<pre>(?:" + _APPROX_BEFORE_RE + r")?)"
    r"(?<!第)(?P<num>[" + _CN_CHARS + r"](?:[" + _CN_CHARS + r"]|点(?=[" + _CN_DIGITS + r"]))*)"
    r"(?P<suf1>[余多]?)(?P<scale>(?:" + _SCALE_RE + r")?)(?P<suf2>[余多]?)"
    r"(?P<unit>(?:" + _UNIT_RE + r"))"
    r"(?P<post>(?:左右|以上|上下)?)"
)
_SIGN_CONTEXT = " \t\n\r|:：(（[【,，;；、=" + "\u3000"


def find_numbers(text: str, *, chinese: bool = False, group_spaces: bool = False) -> list[NumberMatch]:
    """Every numeric token in ``text`` with its ``[start, end)`` offsets into ``text``.

    Digits are matched on a full-width-to-ASCII copy of the same length, so offsets index the
    original string. A run of digits is never split (``100200`` is one token: the table parser
    decides about run-together cells); whitespace never joins digits unless ``group_spaces`` is
    set (then ``1 234`` is one token). A ``-``/``+`` is a sign only at the start of the text or
    after a space, pipe, colon or bracket; a dash glued to a word or a digit (``2023-12``) is
    punctuation. 减少/增加 words are not read as signs here. With ``chinese=True`` Chinese numerals
    followed by a unit (二十三件) are found too. Tokens are not judged: dates (2023年),
    ordinals (1.) and percentages come back too, and callers filter them by unit and context.

    >>> [(m.start, m.end, m.value, m.unit) for m in find_numbers("受理１２件，约1,200条")]
    [(2, 5, 12, '件'), (6, 13, 1200, '条')]
    >>> m = find_numbers("共6800余人次")[0]
    >>> (m.text, m.value, m.approximate)
    ('6800余人次', 6800, True)
    >>> [m.value for m in find_numbers("收到二十三件", chinese=True)]
    [23]
    >>> [m.value for m in find_numbers("| -3 | 2023-12 |")]
    [-3, 2023, 12]
    """
    if not isinstance(text, str):
        raise InputError(f"expected a string to scan for numbers, got {type(text).__name__}", source="<text>", hint="pass the document or cell text")
    norm = normalise_digits(text)
    out: list[NumberMatch] = []
    rx = _FIND_SPACED_RE if group_spaces else _FIND_RE
    for m in rx.finditer(norm):
        nm = _match_to_number(text, norm, m)
        if nm is not None:
            out.append(nm)
    if chinese:
        taken = [(n.start, n.end) for n in out]
        for m in _FIND_CN_RE.finditer(norm):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            nm = _match_to_number(text, norm, m, chinese=True)
            if nm is not None:
                out.append(nm)
        out.sort(key=lambda n: n.start)
    return out


def _match_to_number(text: str, norm: str, m: re.Match, chinese: bool = False) -> NumberMatch | None:
    pre = m.group("pre")
    sign = "" if chinese else m.group("sign")
    num_start = m.start("num")
    if sign:
        s = m.start("sign")
        if pre or (s > 0 and norm[s - 1] not in _SIGN_CONTEXT):
            # a dash glued to text or a digit (2023-12, 约-3) is punctuation, not a sign
            sign, pre = "", ""
        else:
            num_start = s
    start = m.start("pre") if pre else num_start
    tail = m.group("suf1") + m.group("scale") + m.group("suf2") + m.group("unit") + m.group("post")
    parsed = parse_number(pre + sign + m.group("num") + tail, group_spaces=True)
    end = m.end()
    if parsed is None or parsed.value is None:
        # an odd tail that parse_number rejects (3万%): keep the bare number
        parsed = parse_number(sign + m.group("num"), group_spaces=True)
        if parsed is None or parsed.value is None:
            return None
        start, end = num_start, m.end("num")
    return NumberMatch(start, end, text[start:end], parsed, num_start, m.end("num"))
