"""Build synthetic 2019/2021-template and legacy reports with known values, in several layouts.

The prose and numbers are invented here; nothing is copied from real reports. Used by the table
parser tests to check every layout real extraction produces: structured pipes and HTML grids,
flattened text, numbers printed above their labels, labels split over lines, misprinted labels.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from gainer.tables.national import APPLICANT_COLS, REVIEW_BLOCKS, REVIEW_COLS, ROWS_2021, ROWS_SINGLE_OTHER

ROW_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld.state_secret": "1.属于国家秘密",
    "withheld.prohibited_by_law": "2.其他法律行政法规禁止公开",
    "withheld.security_stability": "3.危及“三安全一稳定”",
    "withheld.third_party_rights": "4.保护第三方合法权益",
    "withheld.internal_affairs": "5.属于三类内部事务信息",
    "withheld.process_information": "6.属于四类过程性信息",
    "withheld.enforcement_files": "7.属于行政执法案卷",
    "withheld.administrative_inquiry": "8.属于行政查询事项",
    "unavailable.not_held": "1.本机关不掌握相关政府信息",
    "unavailable.needs_creation": "2.没有现成信息需要另行制作",
    "unavailable.still_unclear": "3.补正后申请内容仍不明确",
    "not_processed.petition": "1.信访举报投诉类申请",
    "not_processed.repeated": "2.重复申请",
    "not_processed.publications": "3.要求提供公开出版物",
    "not_processed.excessive": "4.无正当理由大量反复申请",
    "not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other_handling": "（六）其他处理",
    "other_handling.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_handling.unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_handling.other": "3.其他",
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
OUTCOME_ROWS = [r for r in ROWS_2021 if r not in ("new", "carried_over", "total", "carried_forward")]


@dataclass
class Built:
    text: str
    values: dict[str, int | float] = field(default_factory=dict)


def make_values(seed: int, *, single_other: bool = False, review_error: bool = False) -> dict[str, int | float]:
    """A consistent set of table values (every 勾稽关系 holds unless an error is asked for)."""
    rnd = random.Random(seed)
    rows = ROWS_SINGLE_OTHER if single_other else ROWS_2021
    outcome = [r for r in rows if r not in ("new", "carried_over", "total", "carried_forward")]
    v: dict[str, int | float] = {}
    per_row: dict[str, list[int]] = {}
    for r in outcome:
        per_row[r] = [rnd.choice([0, 0, 0, rnd.randint(1, 40)]) if k == 0 else rnd.choice([0, 0, 0, 0, rnd.randint(1, 5)]) for k in range(6)]
    total = [sum(per_row[r][k] for r in outcome) for k in range(6)]
    carried_forward = [rnd.randint(0, 3) if k == 0 else 0 for k in range(6)]
    carried_over = [min(rnd.randint(0, 5) if k == 0 else 0, total[k] + carried_forward[k]) for k in range(6)]
    new = [total[k] + carried_forward[k] - carried_over[k] for k in range(6)]
    per_row.update(new=new, carried_over=carried_over, total=total, carried_forward=carried_forward)
    for r in rows:
        cells = per_row[r]
        for col, x in zip(APPLICANT_COLS, cells + [sum(cells)]):
            v[f"requests.{r}.{col}"] = x
    for b in REVIEW_BLOCKS:
        parts = [rnd.randint(0, 6) for _ in range(4)]
        for col, x in zip(REVIEW_COLS, parts + [sum(parts)]):
            v[f"{b}.{col}"] = x
    if review_error:
        v["review.total"] = 0
    v.update(
        {
            "active.regulations.made": rnd.randint(0, 3),
            "active.regulations.repealed": rnd.randint(0, 2),
            "active.regulations.in_force": rnd.randint(3, 30),
            "active.normative_documents.made": rnd.randint(0, 20),
            "active.normative_documents.repealed": rnd.randint(0, 9),
            "active.normative_documents.in_force": rnd.randint(10, 99),
            "active.licensing.decisions": rnd.randint(0, 90000),
            "active.penalty.decisions": rnd.randint(0, 9000),
            "active.coercion.decisions": rnd.randint(0, 500),
            "active.fees.amount": round(rnd.uniform(0, 9000), 2),
        }
    )
    return v


PROSE_HEAD = (
    "示例区人民政府\n{year}年政府信息公开工作年度报告\n"
    "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》编制，"
    "数据统计期限自{year}年1月1日起至{year}年12月31日止。\n"
    "一、总体情况\n全年坚持公开为常态，联系电话0123-45678900。\n"
)
PROSE_TAIL = "五、政府信息公开工作存在的主要问题及改进情况\n一是继续加强培训。\n六、其他需要报告的事项\n无。\n"


def _fmt(x: int | float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _active_lines(v: dict, sep: str) -> list[str]:
    j = sep.join
    return [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        j(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        j(["规章", _fmt(v["active.regulations.made"]), _fmt(v["active.regulations.repealed"]), _fmt(v["active.regulations.in_force"])]),
        j(["行政规范性文件", _fmt(v["active.normative_documents.made"]), _fmt(v["active.normative_documents.repealed"]), _fmt(v["active.normative_documents.in_force"])]),
        "第二十条第（五）项",
        j(["信息内容", "本年处理决定数量"]),
        j(["行政许可", _fmt(v["active.licensing.decisions"])]),
        "第二十条第（六）项",
        j(["信息内容", "本年处理决定数量"]),
        j(["行政处罚", _fmt(v["active.penalty.decisions"])]),
        j(["行政强制", _fmt(v["active.coercion.decisions"])]),
        "第二十条第（八）项",
        j(["信息内容", "本年收费金额（单位：万元）"]),
        j(["行政事业性收费", _fmt(v["active.fees.amount"])]),
    ]


def _row_values(v: dict, row: str) -> list[str]:
    return [_fmt(v[f"requests.{row}.{c}"]) for c in APPLICANT_COLS]


def _review_values(v: dict) -> list[str]:
    return [_fmt(v[f"{b}.{c}"]) for b in REVIEW_BLOCKS for c in REVIEW_COLS]


def build_text(v: dict, *, year: int = 2023, layout: str = "flat", single_other: bool = False, seed: int = 0) -> str:
    """Render a report as text. Layouts:

    - ``markdown``: pipe tables;
    - ``cells``: one table cell per line, as a web page's text comes out when copied;
    - ``flat``: space-separated cells, label and numbers on one line (pdfplumber page text);
    - ``scrambled``: flat, plus numbers printed on the line above their label, labels split over
      lines, group labels one character per line, a misprinted label, lost headers, page footers.
    """
    if layout == "cells":
        # a web page's text copied out: every table cell on a line of its own
        md = build_text(v, year=year, layout="markdown", single_other=single_other, seed=seed)
        out_lines = []
        for line in md.split("\n"):
            if line.startswith("|---"):
                continue
            out_lines += [c.strip() for c in line.split("|") if c.strip()] if line.startswith("|") else [line]
        return "\n".join(out_lines)
    rnd = random.Random(seed)
    rows = ROWS_SINGLE_OTHER if single_other else ROWS_2021
    sep = " | " if layout == "markdown" else " "
    out = [PROSE_HEAD.format(year=year)]

    def row_line(cells: list[str]) -> str:
        return ("| " + " | ".join(cells) + " |") if layout == "markdown" else " ".join(cells)

    act = _active_lines(v, sep)
    if layout == "markdown":
        act = [a if a.startswith(("二、", "第二十条")) else "| " + a + " |" for a in act]
    out += act
    out.append("三、收到和处理政府信息公开申请情况")
    if layout != "scrambled":
        out.append(row_line(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]))
        out.append(row_line(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]))
        if layout == "markdown":
            out.append("|---|---|---|---|---|---|---|---|")
    else:
        out += ["申请人情况", "自然人 社会 法律 总计", "商业 科研", "公益 服务 其他"]
    groups = {"withheld.state_secret": "（三）不予公开", "unavailable.not_held": "（四）无法提供", "not_processed.petition": "（五）不予处理", "other_handling.no_correction": "（六）其他处理"}
    for k, row in enumerate(rows):
        label = ROW_LABELS[row]
        vals = _row_values(v, row)
        if layout == "scrambled":
            if row == "withheld.prohibited_by_law":
                label = "2.其他法律行政止公开"  # a misprint real tables carry
            if row in groups and rnd.random() < 0.7:
                g = groups[row]
                out += [g[:3], g[3:]]  # group label split over two lines
            mode = rnd.choice(["same", "same", "above", "split", "nolabel"]) if row not in ("new", "total") else "same"
            if row == "granted" and k > 0:
                out += ["三", "、", "本", "年"]  # group label set one character per line
            if mode == "same":
                out.append(" ".join([label] + vals))
            elif mode == "above":
                out += [" ".join(vals), label]
            elif mode == "split" and len(label) > 6:
                cut = len(label) // 2
                out += [label[:cut], " ".join(vals), label[cut:]]
            else:
                out.append(" ".join(vals))  # the label was lost entirely
            if rnd.random() < 0.08:
                out.append(f"- {rnd.randint(2, 9)} -")
        else:
            if row in groups and layout == "flat":
                out.append(groups[row])
            out.append(row_line([label] + vals))
    out.append("四、政府信息公开行政复议、行政诉讼情况")
    out.append(row_line(["行政复议", "行政诉讼"]))
    out.append(row_line(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3))
    if layout == "markdown":
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    out.append(row_line(_review_values(v)))
    out.append(PROSE_TAIL)
    return "\n".join(out) + "\n"


def build_html(v: dict, *, year: int = 2023, blank_org_cells: bool = False) -> str:
    """The same report as a web page with real tables, site navigation and a footer with numbers."""

    def tr(cells: list[str], head: bool = False) -> str:
        tag = "th" if head else "td"
        return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"

    rows_html = [tr(["", "申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"], head=True)]
    for row in ROWS_2021:
        vals = _row_values(v, row)
        if blank_org_cells:
            vals = [vals[0], "", "", "", "", "", vals[6]]
        rows_html.append(tr(["", ROW_LABELS[row]] + vals))
    act = "".join(tr(l.split("\t")) for l in _active_lines(v, "\t")[2:5])
    act2 = "".join(tr(l.split("\t")) for l in _active_lines(v, "\t")[6:])
    review = tr(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3, head=True) + tr(_review_values(v))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>
<div class="nav"><a href="/">首页</a> 访问量 123456 <a href="#">政务公开</a></div>
<div class="article"><h1>示例局{year}年政府信息公开工作年度报告</h1>
<p>本报告依据《中华人民共和国政府信息公开工作年度报告格式》编制。</p>
<h2>二、主动公开政府信息情况</h2><p>第二十条第（一）项</p><table border="1">{act}</table>
<p>第二十条第（五）项</p><table border="1">{act2}</table>
<h2>三、收到和处理政府信息公开申请情况</h2><table border="1">{''.join(rows_html)}</table>
<h2>四、政府信息公开行政复议、行政诉讼情况</h2><table border="1">{review}</table>
<h2>五、政府信息公开工作存在的主要问题及改进情况</h2><p>继续改进。</p></div>
<div class="footer">联系电话：0123-4567890 网站标识码 3213000001 备案号 2021000123</div>
</body></html>"""


LEGACY_ROWS = [
    ("一、主动公开情况", None, None),
    ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "stats.active.total"),
    ("其中：主动公开规范性文件数", "条", "stats.active.normative_documents"),
    ("制发规范性文件总数", "件", "stats.active.normative_documents_issued"),
    ("（二）重点领域公开政府信息数", "条", "stats.active.key_areas"),
    ("其中：主动公开财政预算决算信息数", "条", None),
    ("1.政府公报公开政府信息数", "条", "stats.active.via_gazette"),
    ("2.政府网站公开政府信息数", "条", "stats.active.via_website"),
    ("三、依申请公开情况", None, None),
    ("（一）收到申请数", "件", "stats.requests.received"),
    ("1.当面申请数", "件", "stats.requests.in_person"),
    ("2.传真申请数", "件", "stats.requests.by_fax"),
    ("3.网络申请数", "件", "stats.requests.online"),
    ("4.信函申请数", "件", "stats.requests.by_letter"),
    ("四、行政复议数量", "件", "stats.review.total"),
    ("（一）维持具体行政行为数", "件", "stats.review.upheld"),
    ("（二）被依法纠错数", "件", "stats.review.corrected"),
    ("（三）其他情形数", "件", "stats.review.other"),
    ("五、行政诉讼数量", "件", "stats.litigation.total"),
    ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "stats.litigation.upheld"),
    ("（二）被依法纠错数", "件", "stats.litigation.corrected"),
    ("（三）其他情形数", "件", "stats.litigation.other"),
    ("七、依申请公开信息收取的费用", "元", "stats.fees.amount"),
    ("（三）从事政府信息公开工作人员数", "人", "stats.organization.staff"),
    ("（一）召开政府信息公开工作会议或专题会议数", "次", "stats.training.meetings"),
    ("（三）接受培训人员数", "人次", "stats.training.trainees"),
]


def build_legacy(seed: int, *, layout: str = "stacked", blank_fee: bool = False) -> Built:
    """A pre-2019 report with a 统计表. Layouts: ``stacked`` (label, unit and value on separate
    lines), ``inline`` (one line each), ``cumulative`` (this year + cumulative columns, some cells
    run together with no separator)."""
    rnd = random.Random(seed)
    v: dict[str, int | float] = {}
    lines = ["示例县民政局2016年政府信息公开年度报告", "一、概述", "本年度工作平稳推进。", "政府信息公开情况统计表", "（2016年度）"]
    if layout == "cumulative":
        lines.append("统计指标 单位 本年数 累计数")
    else:
        lines.append("统计指标 单位 统计数")
    in_person, fax, online, letter = (rnd.randint(0, 9) for _ in range(4))
    up, cor, oth = (rnd.randint(0, 3) for _ in range(3))
    lup, lcor, loth = (rnd.randint(0, 2) for _ in range(3))
    fixed = {
        "stats.requests.received": in_person + fax + online + letter,
        "stats.requests.in_person": in_person,
        "stats.requests.by_fax": fax,
        "stats.requests.online": online,
        "stats.requests.by_letter": letter,
        "stats.review.total": up + cor + oth,
        "stats.review.upheld": up,
        "stats.review.corrected": cor,
        "stats.review.other": oth,
        "stats.litigation.total": lup + lcor + loth,
        "stats.litigation.upheld": lup,
        "stats.litigation.corrected": lcor,
        "stats.litigation.other": loth,
    }
    for label, unit, fid in LEGACY_ROWS:
        if unit is None:
            lines.append(label)
            continue
        val = fixed.get(fid) if fid else None
        if val is None:
            val = rnd.randint(0, 3000) if fid != "stats.fees.amount" else 0
        if fid == "stats.fees.amount" and blank_fee:
            lines += [label, unit, ""] if layout == "stacked" else [f"{label} {unit}"]
            continue
        if fid:
            v[fid] = val
        if layout == "stacked":
            lines += ["", "\t" + label, unit, str(val)]
        elif layout == "inline":
            lines.append(f"{label} {unit} {val}")
        else:
            cum = val + rnd.randint(val + 1, 9 * val + 20) if val else rnd.randint(10, 99)
            cum = max(cum, 10 ** (len(str(val))))  # cumulative at least one digit longer
            if rnd.random() < 0.5:
                lines.append(f"{label}{unit}{val}{cum}")  # cells run together
            else:
                lines.append(f"{label} {unit} {val} {cum}")
    lines.append("填报单位：示例县民政局")
    return Built("\n".join(lines) + "\n", v)
