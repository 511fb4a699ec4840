"""Tests for gainer.numbers: parse_number, parse_zero_statement, to_unit, find_numbers."""
from __future__ import annotations

import cn2an
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gainer.errors import InputError
from gainer.numbers import NumberMatch, ParsedNumber, find_numbers, normalise_digits, parse_number, parse_zero_statement, split_unit, to_unit

FW = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


def to_fullwidth(s: str) -> str:
    return s.translate(FW)


# ---------------------------------------------------------------------------
# parse_number: values


@pytest.mark.parametrize(
    "text, value",
    [
        ("0", 0),
        ("7", 7),
        ("007", 7),
        ("1234", 1234),
        ("１２３４", 1234),
        ("1,234", 1234),
        ("1，234", 1234),
        ("1,234,567", 1234567),
        ("1 234", 1234),
        ("1\u2009234", 1234),
        ("7730.28", 7730.28),
        ("７７３０．２８", 7730.28),
        (".5", 0.5),
        ("5.00", 5),
        ("  42  ", 42),
        ("\u300042\u3000", 42),
        ("3件。", 3),
        ("-3", -3),
        ("－3", -3),
        ("−3", -3),
        ("- 3", -3),
        ("+2", 2),
        ("＋2", 2),
        ("减少3", -3),
        ("减少3件", -3),
        ("下降2", -2),
        ("增加2", 2),
        ("增长5", 5),
        ("负三", -3),
        ("二十三", 23),
        ("一百零五", 105),
        ("两千", 2000),
        ("两", 2),
        ("十", 10),
        ("零", 0),
        ("〇", 0),
        ("一千零一十", 1010),
        ("二〇二三", 2023),
        ("十二万三千四百五十六", 123456),
        ("一万零五", 10005),
        ("三千二百万", 32000000),
        ("一亿二千万", 120000000),
        ("五十五点五", 55.5),
        ("1.2万", 12000),
        ("3亿", 300000000),
        ("2.5亿", 250000000),
        ("3千", 3000),
        ("30 万", 300000),
    ],
)
def test_parse_number_values(text: str, value: int | float) -> None:
    p = parse_number(text)
    assert p is not None
    assert p.value == value
    assert type(p.value) is type(value)
    assert not p.blank
    assert p.negative == (value < 0)


@pytest.mark.parametrize(
    "text, value, unit, multiplier",
    [
        ("5件", 5, "件", 1),
        ("6800余人次", 6800, "人次", 1),
        ("0.5万元", 0.5, "万元", 10**4),
        ("50余万元", 50, "万元", 10**4),
        ("1.2万条", 1.2, "万条", 10**4),
        ("1.2万余条", 1.2, "万条", 10**4),
        ("3亿元", 3, "亿元", 10**8),
        ("三千二百万元", 3200, "万元", 10**4),
        ("一亿二千万元", 120000000, "元", 1),
        ("近300个", 300, "个", 1),
        ("3个工作日", 3, "个工作日", 1),
        ("12.5%", 12.5, "%", 1),
        ("12.5％", 12.5, "%", 1),
        ("100%", 100, "%", 1),
        ("下降0.5%", -0.5, "%", 1),
        ("20个百分点", 20, "个百分点", 1),
        ("7730.28万元", 7730.28, "万元", 1 * 10**4),
        ("96家次", 96, "家次", 1),
        ("1200平方米", 1200, "平方米", 1),
        ("2,496车次", 2496, "车次", 1),
        ("400余张", 400, "张", 1),
        ("10课时", 10, "课时", 1),
        ("35吨", 35, "吨", 1),
    ],
)
def test_parse_number_units(text: str, value, unit: str, multiplier: int) -> None:
    p = parse_number(text)
    assert p is not None
    assert (p.value, p.unit, p.multiplier) == (value, unit, multiplier)


@pytest.mark.parametrize(
    "text, value",
    [
        ("6800余人次", 6800),
        ("300多件", 300),
        ("近300个", 300),
        ("将近300个", 300),
        ("约2000条", 2000),
        ("大约2000条", 2000),
        ("2000条左右", 2000),
        ("2000左右", 2000),
        ("超1000件", 1000),
        ("超过1000件", 1000),
        ("逾500人次", 500),
        ("1000以上", 1000),
        ("逾百", 100),
        ("近千人次", 1000),
        ("3万多条", 3),
        ("约减少3", -3),
        ("减少约3", -3),
    ],
)
def test_parse_number_approximate(text: str, value: int) -> None:
    p = parse_number(text)
    assert p is not None and p.approximate and p.value == value


@pytest.mark.parametrize("text", ["5", "5件", "1.2万", "二十三", "-3", "12%"])
def test_parse_number_exact_is_not_approximate(text: str) -> None:
    p = parse_number(text)
    assert p is not None and not p.approximate and not p.zero_statement


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "-", "--", "—", "——", "–", "/", "／", "\\", "无", "空", "N/A", "n/a", "NA"])
def test_parse_number_blank(text: str) -> None:
    p = parse_number(text)
    assert p == ParsedNumber(None, blank=True)
    assert p.in_unit("件") is None


@pytest.mark.parametrize("text", ["未收到", "未发生", "全年未发生行政复议", "没有", "暂无", "无收费", "零收费", "均未"])
def test_parse_number_zero_statement(text: str) -> None:
    p = parse_number(text)
    assert p is not None
    assert p.value == 0 and p.zero_statement and not p.blank
    assert parse_zero_statement(text)


@pytest.mark.parametrize(
    "text",
    ["零", "0", "无法提供", "未能按时答复", "未按时答复3件", "未收到一件以上", "予以公开", "", "   ", "3件"],
)
def test_not_zero_statement(text: str) -> None:
    assert not parse_zero_statement(text)


@pytest.mark.parametrize(
    "text",
    [
        "予以公开",
        "一是",
        "万",
        "百",
        "亿",
        "abc",
        "1e5",
        "nan",
        "inf",
        "3-5",
        "12,34",
        "1 2345",
        "3件申请",
        "减少-3",
        "3万%",
        "1.",
        "1.2.3",
        "2023年",
        "第3",
        "无法",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_space_groups_can_be_refused() -> None:
    assert parse_number("1 234", group_spaces=False) is None
    assert parse_number("1\u2009234", group_spaces=False).value == 1234  # a thin space is always a separator


@pytest.mark.parametrize("bad", [None, 3, b"3", ["3"]])
def test_parse_number_wrong_type(bad) -> None:
    with pytest.raises(InputError, match="expected a string"):
        parse_number(bad)


def test_parsed_number_is_frozen() -> None:
    p = parse_number("3")
    with pytest.raises(Exception):
        p.value = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    "text, target, value",
    [
        ("0.5万元", "元", 5000),
        ("0.5万元", "万元", 0.5),
        ("3200元", "万元", 0.32),
        ("1.2万条", "条", 12000),
        ("1.2万", "条", 12000),
        ("5", "件", 5),
        ("6800余人次", "人次", 6800),
    ],
)
def test_in_unit(text: str, target: str, value) -> None:
    assert parse_number(text).in_unit(target) == value


def test_in_unit_incompatible() -> None:
    with pytest.raises(ValueError, match="different things"):
        parse_number("12%").in_unit("件")


# ---------------------------------------------------------------------------
# to_unit


@pytest.mark.parametrize(
    "value, src, dst, out",
    [
        (1.2, "万元", "元", 12000),
        (0.5, "万元", "元", 5000),
        (12000, "元", "万元", 1.2),
        (12345, "元", "万元", 1.2345),
        (1.2, "万条", "条", 12000),
        (2.5, "亿元", "万元", 25000),
        (3, "亿元", "元", 300000000),
        (3, "千元", "元", 3000),
        (7730.28, "万元", "元", 77302800),
        (0.40682079999999996, "万元", "元", 4068.208),
        (1, "万", None, 10000),
        (1, "万", "", 10000),
        (5, "件", "件", 5),
        (5.0, "件", "件", 5.0),
        (12.5, "%", "％", 12.5),
        (7, None, None, 7),
    ],
)
def test_to_unit(value, src, dst, out) -> None:
    got = to_unit(value, src, dst)
    assert got == out
    assert type(got) is type(out)


@pytest.mark.parametrize("src, dst", [("%", "件"), ("万元", "条"), ("元", "人次"), ("件", None), ("人次", "次")])
def test_to_unit_incompatible(src, dst) -> None:
    with pytest.raises(ValueError):
        to_unit(3, src, dst)


@pytest.mark.parametrize("bad", ["3", None, True, float("nan")])
def test_to_unit_bad_value(bad) -> None:
    with pytest.raises(ValueError):
        to_unit(bad, "万元", "元")


def test_split_unit() -> None:
    assert split_unit("万元") == (10**4, "元")
    assert split_unit("亿元") == (10**8, "元")
    assert split_unit("万") == (10**4, "")
    assert split_unit(None) == (1, "")
    assert split_unit("万能") == (1, "万能")  # not a scaled unit


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["元", "条", "件", "人次"]))
@settings(max_examples=100, deadline=None)
def test_to_unit_round_trip(n: int, base: str) -> None:
    there = to_unit(n, base, "万" + base)
    assert to_unit(there, "万" + base, base) == n


# ---------------------------------------------------------------------------
# property round trips


@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
@settings(max_examples=300, deadline=None)
def test_chinese_numeral_round_trip(n: int) -> None:
    text = cn2an.an2cn(n)
    # cn2an writes a few numerals without their 零 (100001000 -> 一亿一千, read as 1.1亿 by people) that its
    # own strict reader refuses; only standard numerals make a round trip
    try:
        cn2an.cn2an(text, "strict")
    except ValueError:
        assume(False)
    p = parse_number(text)
    assert p is not None, text
    assert p.value == n, text
    assert p.negative == (n < 0)


def test_chinese_numeral_with_an_empty_wan_group_needs_its_zero():
    """亿 then an empty 万 group: the standard numeral writes 零 (一亿零一千 = 100001000); the found case of
    the round trip above, where cn2an leaves the 零 out."""
    assert parse_number("一亿零一千").value == 100001000
    assert parse_number("十亿零一千").value == 1000001000


@given(st.integers(min_value=-(10**12), max_value=10**12))
@settings(max_examples=200, deadline=None)
def test_fullwidth_round_trip(n: int) -> None:
    assert parse_number(to_fullwidth(str(n))).value == n
    assert parse_number(to_fullwidth(f"{n:,}")).value == n
    assert parse_number(f"{n:,}").value == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
@settings(max_examples=200, deadline=None)
def test_decimal_round_trip(whole: int, cents: int) -> None:
    text = f"{whole}.{cents:02d}"
    assert parse_number(to_fullwidth(text)).value == pytest.approx(float(text), abs=0)


# ---------------------------------------------------------------------------
# find_numbers


def _found(text: str, **kw) -> list[tuple[str, object, object]]:
    return [(m.text, m.value, m.unit) for m in find_numbers(text, **kw)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("   ", []),
        ("没有数字", []),
        ("受理申请12件", [("12件", 12, "件")]),
        ("受理申请１２件", [("１２件", 12, "件")]),
        ("共6800余人次，近300个", [("6800余人次", 6800, "人次"), ("近300个", 300, "个")]),
        ("收费0.5万元，发布1.2万条", [("0.5万元", 0.5, "万元"), ("1.2万条", 1.2, "万条")]),
        ("1,234,567元 12,34", [("1,234,567元", 1234567, "元"), ("12", 12, None), ("34", 34, None)]),
        ("| -3 | 2023-12 |", [("-3", -3, None), ("2023", 2023, None), ("12", 12, None)]),
        ("abc-3", [("3", 3, None)]),
        ("占比12.5%", [("12.5%", 12.5, "%")]),
        ("100200", [("100200", 100200, None)]),
        ("１２３４５", [("１２３４５", 12345, None)]),
        ("1.属于国家秘密", [("1", 1, None)]),
        ("最近3天", [("3天", 3, "天")]),
        ("办理1 234件", [("1", 1, None), ("234件", 234, "件")]),
        ("二十三件", []),
    ],
)
def test_find_numbers(text: str, expected) -> None:
    assert _found(text) == expected


def test_find_numbers_offsets_index_the_original() -> None:
    text = "本年度受理申请１，２３４件，较上年变化：－３件；约1.2万条，共6800余人次。"
    ms = find_numbers(text)
    assert ms, "expected matches"
    for m in ms:
        assert isinstance(m, NumberMatch)
        assert text[m.start : m.end] == m.text
        assert m.start <= m.num_start < m.num_end <= m.end
        assert parse_number(text[m.num_start : m.num_end]).value is not None
    assert [m.value for m in ms] == [1234, -3, 1.2, 6800]


def test_find_numbers_group_spaces() -> None:
    assert _found("办理1 234件", group_spaces=True) == [("1 234件", 1234, "件")]


def test_find_numbers_chinese() -> None:
    got = _found("收到二十三件，第一次会议，三千余万元，一是加强", chinese=True)
    assert got == [("二十三件", 23, "件"), ("三千余万元", 3000, "万元")]
    assert _found("12件和两件", chinese=True) == [("12件", 12, "件"), ("两件", 2, "件")]


def test_find_numbers_approximate_flag() -> None:
    ms = find_numbers("近300个和300个")
    assert [m.approximate for m in ms] == [True, False]


@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=8), st.booleans())
@settings(max_examples=100, deadline=None)
def test_find_numbers_property(nums: list[int], fullwidth: bool) -> None:
    parts = [to_fullwidth(str(n)) if fullwidth else str(n) for n in nums]
    text = "共" + "件，另有".join(parts) + "件。"
    ms = find_numbers(text)
    assert [m.value for m in ms] == nums
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_find_numbers_wrong_type() -> None:
    with pytest.raises(InputError):
        find_numbers(None)  # type: ignore[arg-type]


def test_normalise_digits_keeps_length() -> None:
    s = "１，２３４．５％－"
    assert len(normalise_digits(s)) == len(s)
    assert normalise_digits(s) == "1,234.5%-"
