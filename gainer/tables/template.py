"""Template detection (2021, 2019 or legacy) and the report's year and issuing body."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_CITE_2021 = re.compile(r"2021\s*[〕\]）)】]\s*30\s*号")
_CITE_2019 = re.compile(r"2019\s*[〕\]）)】]\s*60\s*号")
_LAYOUT_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "属于行政查询事项", "属于行政执法案卷", "本年收费金额")
_LAYOUT_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量")
_LEGACY = ("统计指标", "政府信息公开情况统计表", "主动公开政府信息数", "不同意公开答复数", "申请答复数", "第三十二条")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?\s*[^\n。]{0,40}?(?:政府信息公开|政务公开)[^\n。]{0,12}?(?:年度)?(?:工作)?报告")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_ORG_BEFORE = re.compile(r"^\s*[#\s]*([\u4e00-\u9fff（）()·]{2,40}?)\s*(?:(?:19|20)\d{2})\s*年")
_ORG_AFTER = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?\s*([\u4e00-\u9fff（）()·]{2,40}?)\s*(?:政府信息公开|政务公开)")


@dataclass(frozen=True)
class TemplateGuess:
    template: str  # "2021", "2019", "legacy" or "unknown"
    reason: str
    year: int | None
    org: str | None


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def detect_year(text: str) -> int | None:
    head = text[:600]
    m = _TITLE_YEAR.search(head) or _TITLE_YEAR.search(_compact(head))
    if m:
        return int(m.group(1))
    years = [int(y) for y in _YEAR.findall(text[:3000]) if 2000 <= int(y) <= 2100]
    if not years:
        return None
    return Counter(years).most_common(1)[0][0]


_ORG_LINE = re.compile(r"^[\u4e00-\u9fff（）()·]{2,40}(?:政府|局|委|委员会|办公室|办公厅|厅|街道|街道办事处|镇|乡|中心|院|署|会|所|处|部|办)$")


_TITLE_ORG = re.compile(
    r"(?:^|[\t ])([\u4e00-\u9fff（）()·]{2,40}?)\s*(?:19|20)\d{2}\s*年度?\s*(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告\s*$", re.M
)


def detect_org(text: str) -> str | None:
    m = _TITLE_ORG.search(text[:2500])
    if m and m.group(1) not in ("本", "全", "我"):
        return m.group(1)
    head = [l.strip().lstrip("#").strip() for l in text[:600].splitlines()]
    head = [l for l in head if l][:6]
    for k, line in enumerate(head[:-1]):
        if _ORG_LINE.match(line) and re.match(r"^(?:19|20)\d{2}\s*年", head[k + 1]):
            return line
    for line in head:
        m = _ORG_AFTER.search(line)
        if m and m.group(1) not in ("本", "全", "我"):
            return m.group(1)
        m = _ORG_BEFORE.match(line)
        if m:
            return m.group(1)
    return None


def detect_template(text: str) -> TemplateGuess:
    """Guess the template from cited letters, table column labels and the report year."""
    flat = _compact(text)
    year = detect_year(text)
    org = detect_org(text)
    if _CITE_2021.search(flat):
        return TemplateGuess("2021", "cites 国办公开办函〔2021〕30号", year, org)
    if _CITE_2019.search(flat):
        return TemplateGuess("2019", "cites 国办公开办函〔2019〕60号", year, org)
    n21 = sum(1 for k in _LAYOUT_2021 if k in flat)
    n19 = sum(1 for k in _LAYOUT_2019 if k in flat)
    if n21 >= 2 and n21 >= n19:
        return TemplateGuess("2021", f"2021 table layout ({n21} of its column/row labels)", year, org)
    if n19 >= 2:
        return TemplateGuess("2019", f"2019 table layout ({n19} of its column/row labels)", year, org)
    nleg = sum(1 for k in _LEGACY if k in flat)
    if year is not None and year <= 2018:
        return TemplateGuess("legacy", f"report year {year} (before the 2019 template)", year, org)
    if nleg >= 2:
        return TemplateGuess("legacy", "legacy 统计表 labels", year, org)
    if year is not None and year >= 2021:
        return TemplateGuess("2021", f"report year {year} (no table labels found)", year, org)
    if year is not None and year >= 2019:
        return TemplateGuess("2019", f"report year {year} (no table labels found)", year, org)
    return TemplateGuess("unknown", "no template letter, table labels or year found", year, org)
