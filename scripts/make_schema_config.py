"""Regenerate configs/schema.yaml from the standard field list plus gainer's alias and rule tables.

Usage: python scripts/make_schema_config.py ../shared/schema/standard-fields.yaml > configs/schema.yaml
The aliases and rules below are gainer's own knowledge of how reports print each field.
"""
from __future__ import annotations

import sys

import yaml

# Row keys of table 三 in template order, with the labels reports print for them.
REQUEST_ROWS = {
    "new": ["本年新收政府信息公开申请数量", "本年新收", "新收政府信息公开申请"],
    "carried_over": ["上年结转政府信息公开申请数量", "上年结转"],
    "granted": ["予以公开"],
    "partially_granted": ["部分公开"],
    "withheld.state_secret": ["属于国家秘密", "国家秘密"],
    "withheld.prohibited_by_law": ["其他法律行政法规禁止公开", "法律行政法规禁止公开", "禁止公开"],
    "withheld.security_stability": ["危及“三安全一稳定”", "三安全一稳定", "危及三安全一稳定"],
    "withheld.third_party_rights": ["保护第三方合法权益", "第三方合法权益"],
    "withheld.internal_affairs": ["属于三类内部事务信息", "内部事务信息", "内部事务"],
    "withheld.process_information": ["属于四类过程性信息", "过程性信息"],
    "withheld.enforcement_files": ["属于行政执法案卷", "行政执法案卷"],
    "withheld.administrative_inquiry": ["属于行政查询事项", "行政查询事项"],
    "unavailable.not_held": ["本机关不掌握相关政府信息", "不掌握相关政府信息", "不掌握"],
    "unavailable.needs_creation": ["没有现成信息需要另行制作", "另行制作"],
    "unavailable.still_unclear": ["补正后申请内容仍不明确", "仍不明确"],
    "not_processed.petition": ["信访举报投诉类申请", "信访举报投诉"],
    "not_processed.repeated": ["重复申请"],
    "not_processed.publications": ["要求提供公开出版物", "公开出版物"],
    "not_processed.excessive": ["无正当理由大量反复申请", "大量反复申请"],
    "not_processed.confirmation": ["要求行政机关确认或重新出具已获取信息", "确认或重新出具"],
    "other_handling": ["其他处理"],
    "other_handling.no_correction": ["申请人无正当理由逾期不补正", "逾期不补正"],
    "other_handling.unpaid_fee": ["申请人逾期未按收费通知要求缴纳费用", "未按收费通知要求缴纳费用", "缴纳费用"],
    "other_handling.other": ["其他"],
    "total": ["总计"],
    "carried_forward": ["结转下年度继续办理", "结转下年度"],
}
REQUEST_COLS = {
    "natural_person": ["自然人"],
    "commercial": ["商业企业"],
    "research": ["科研机构"],
    "social_welfare": ["社会公益组织"],
    "legal_services": ["法律服务机构"],
    "other_org": ["其他"],
    "total": ["总计"],
}

ACTIVE_ALIASES = {
    "active.regulations": ["规章"],
    "active.normative_documents": ["行政规范性文件", "规范性文件"],
    "active.licensing": ["行政许可"],
    "active.other_services": ["其他对外管理服务事项"],
    "active.penalty": ["行政处罚"],
    "active.coercion": ["行政强制"],
    "active.fees": ["行政事业性收费"],
    "active.procurement": ["政府集中采购"],
}
ACTIVE_COLUMNS = {
    "made": ["本年制发件数"],
    "repealed": ["本年废止件数"],
    "in_force": ["现行有效件数"],
    "new_made": ["本年新制作数量"],
    "new_published": ["本年新公开数量"],
    "total_published": ["对外公开总数量"],
    "prev_items": ["上一年项目数量"],
    "change": ["本年增/减", "本年增减"],
    "decisions": ["本年处理决定数量", "处理决定数量"],
    "amount": ["本年收费金额", "采购总金额"],
    "projects": ["采购项目数量"],
}
REVIEW_COLUMNS = {"upheld": ["结果维持"], "corrected": ["结果纠正"], "other": ["其他结果"], "pending": ["尚未审结"], "total": ["总计"]}

# Prose and legacy-table aliases of the stats.* fields (the schema label comes first).
STATS_ALIASES = {
    "stats.active.total": ["主动公开政府信息", "主动公开信息", "公开政府信息"],
    "stats.active.normative_documents": ["主动公开规范性文件", "规范性文件"],
    "stats.active.normative_documents_issued": ["制发规范性文件"],
    "stats.active.key_areas": ["重点领域公开政府信息"],
    "stats.active.via_gazette": ["政府公报公开政府信息", "政府公报", "公报"],
    "stats.active.via_website": ["政府网站公开政府信息", "政府网站", "门户网站"],
    "stats.active.via_weibo": ["政务微博公开政府信息", "政务微博", "微博"],
    "stats.active.via_wechat": ["政务微信公开政府信息", "政务微信", "微信"],
    "stats.active.via_other": ["其他方式公开政府信息"],
    "stats.response.hot_topics": ["回应公众关注热点或重大舆情", "回应公众关注热点", "回应社会关切"],
    "stats.response.press_conferences": ["参加或举办新闻发布会", "新闻发布会"],
    "stats.response.press_conferences_by_heads": ["主要负责同志参加新闻发布会"],
    "stats.response.online_interviews": ["政府网站在线访谈", "在线访谈"],
    "stats.response.online_interviews_by_heads": ["主要负责同志参加政府网站在线访谈"],
    "stats.response.policy_interpretations": ["政策解读稿件发布", "政策解读", "解读"],
    "stats.response.via_weibo_wechat": ["微博微信回应事件"],
    "stats.response.via_other": ["其他方式回应事件"],
    "stats.requests.received": ["收到申请", "受理政府信息公开申请", "收到政府信息公开申请", "依申请公开"],
    "stats.requests.in_person": ["当面申请"],
    "stats.requests.by_fax": ["传真申请"],
    "stats.requests.online": ["网络申请", "网上申请"],
    "stats.requests.by_letter": ["信函申请"],
    "stats.requests.closed": ["申请办结", "办结"],
    "stats.requests.closed_on_time": ["按时办结"],
    "stats.requests.closed_late": ["延期办结"],
    "stats.requests.answered": ["申请答复", "答复"],
    "stats.requests.already_public": ["属于已主动公开范围"],
    "stats.requests.granted": ["同意公开答复", "同意公开", "予以公开"],
    "stats.requests.partially_granted": ["同意部分公开答复", "部分公开"],
    "stats.requests.denied": ["不同意公开答复", "不同意公开", "不予公开"],
    "stats.requests.denied_state_secret": ["涉及国家秘密"],
    "stats.requests.denied_commercial_secret": ["涉及商业秘密"],
    "stats.requests.denied_privacy": ["涉及个人隐私"],
    "stats.requests.denied_security_stability": ["危及国家安全、公共安全、经济安全和社会稳定"],
    "stats.requests.denied_not_government_information": ["不是《条例》所指政府信息"],
    "stats.requests.denied_other_law": ["法律法规规定的其他情形"],
    "stats.requests.not_this_agency": ["不属于本行政机关公开", "不属于本机关公开"],
    "stats.requests.not_exist": ["申请信息不存在"],
    "stats.requests.correction_requested": ["告知作出更改补充"],
    "stats.requests.other_channel": ["告知通过其他途径办理"],
    "stats.review.total": ["行政复议"],
    "stats.review.upheld": ["维持具体行政行为"],
    "stats.review.corrected": ["被依法纠错", "纠错"],
    "stats.review.other": ["其他情形"],
    "stats.litigation.total": ["行政诉讼"],
    "stats.litigation.upheld": ["维持具体行政行为或者驳回原告诉讼请求", "驳回原告诉讼请求"],
    "stats.litigation.corrected": ["被依法纠错", "败诉"],
    "stats.litigation.other": ["其他情形"],
    "stats.complaints.total": ["举报投诉"],
    "stats.fees.amount": ["依申请公开信息收取的费用", "信息处理费", "收取费用"],
    "stats.organization.dedicated_bodies": ["政府信息公开工作专门机构"],
    "stats.organization.reading_points": ["设置政府信息公开查阅点", "查阅点"],
    "stats.organization.staff": ["从事政府信息公开工作人员"],
    "stats.organization.staff_full_time": ["专职人员"],
    "stats.organization.staff_part_time": ["兼职人员"],
    "stats.organization.budget": ["政府信息公开专项经费"],
    "stats.training.meetings": ["召开政府信息公开工作会议或专题会议", "工作会议"],
    "stats.training.courses": ["举办各类培训班", "培训班"],
    "stats.training.trainees": ["接受培训人员", "培训人员"],
    "stats.consultations.total": ["政府信息公开咨询", "咨询"],
    "stats.consultations.on_site": ["现场咨询"],
    "stats.consultations.by_phone": ["电话咨询"],
    "stats.consultations.online": ["网上咨询"],
}

APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"]
COLS = APPLICANTS + ["total"]
WITHHELD = [k for k in REQUEST_ROWS if k.startswith("withheld.")]
UNAVAILABLE = [k for k in REQUEST_ROWS if k.startswith("unavailable.")]
NOT_PROCESSED = [k for k in REQUEST_ROWS if k.startswith("not_processed.")]
OTHER_2021 = ["other_handling.no_correction", "other_handling.unpaid_fee", "other_handling.other"]


def rules() -> list[dict]:
    rows = list(REQUEST_ROWS)
    out: list[dict] = [
        {
            "id": "requests.row_total",
            "text": "requests.<row>.total = natural_person + commercial + research + social_welfare + legal_services + other_org",
            "for": {"row": rows},
            "total": "requests.{row}.total",
            "parts": [f"requests.{{row}}.{c}" for c in APPLICANTS],
            "missing": "zero",
        },
        {
            "id": "requests.column_balance",
            "text": "requests.new.<col> + requests.carried_over.<col> = requests.total.<col> + requests.carried_forward.<col>",
            "for": {"col": COLS},
            "total": None,
            "left": ["requests.new.{col}", "requests.carried_over.{col}"],
            "right": ["requests.total.{col}", "requests.carried_forward.{col}"],
            "missing": "zero",
        },
        {
            "id": "requests.outcome_total",
            "text": "requests.total.<col> = granted + partially_granted + withheld.* + unavailable.* + not_processed.* + other_handling.*",
            "for": {"col": COLS},
            "total": "requests.total.{col}",
            "parts": [f"requests.{r}.{{col}}" for r in ["granted", "partially_granted", *WITHHELD, *UNAVAILABLE, *NOT_PROCESSED, "other_handling", *OTHER_2021]],
            "missing": "zero",
        },
    ]
    for block in ["review", "litigation.direct", "litigation.after_review"]:
        out.append(
            {
                "id": f"{block}.total",
                "text": f"{block}.total = upheld + corrected + other + pending",
                "total": f"{block}.total",
                "parts": [f"{block}.{c}" for c in ["upheld", "corrected", "other", "pending"]],
                "missing": "zero",
            }
        )
    out += [
        {
            "id": "stats.requests.channels",
            "text": "stats.requests.received = in_person + by_fax + online + by_letter (when all four are stated)",
            "total": "stats.requests.received",
            "parts": [f"stats.requests.{c}" for c in ["in_person", "by_fax", "online", "by_letter"]],
            "missing": "not_applicable",
        },
        {
            "id": "stats.review.total",
            "text": "stats.review.total = upheld + corrected + other",
            "total": "stats.review.total",
            "parts": ["stats.review.upheld", "stats.review.corrected", "stats.review.other"],
            "missing": "not_applicable",
        },
        {
            "id": "stats.litigation.total",
            "text": "stats.litigation.total = upheld + corrected + other",
            "total": "stats.litigation.total",
            "parts": ["stats.litigation.upheld", "stats.litigation.corrected", "stats.litigation.other"],
            "missing": "not_applicable",
        },
        {
            "id": "stats.organization.staff",
            "text": "stats.organization.staff = staff_full_time + staff_part_time",
            "total": "stats.organization.staff",
            "parts": ["stats.organization.staff_full_time", "stats.organization.staff_part_time"],
            "missing": "not_applicable",
        },
    ]
    return out


def field_aliases(fid: str) -> list[str]:
    parts = fid.split(".")
    if parts[0] == "requests":
        row, col = ".".join(parts[1:-1]), parts[-1]
        return [f"{a}×{c}" for a in REQUEST_ROWS.get(row, [])[:1] for c in REQUEST_COLS[col][:1]]
    if parts[0] == "active":
        return ACTIVE_ALIASES.get(".".join(parts[:2]), [])[:2]
    if parts[0] in ("review", "litigation"):
        return REVIEW_COLUMNS.get(parts[-1], [])[:1]
    return STATS_ALIASES.get(fid, [])


def main(src: str) -> None:
    std = yaml.safe_load(open(src, encoding="utf-8"))
    fields = []
    for f in std["fields"]:
        fields.append(
            {
                "id": f["id"],
                "label": f["label"],
                "unit": f["unit"],
                "templates": list(f["templates"]),
                "section": f["section"],
                "aliases": field_aliases(f["id"]),
            }
        )
    out = {
        "version": std["version"],
        "templates": std["templates"],
        "value_rules": std["value_rules"],
        "table_rows": {
            "requests": {"rows": REQUEST_ROWS, "columns": REQUEST_COLS},
            "active": {"rows": ACTIVE_ALIASES, "columns": ACTIVE_COLUMNS},
            "review": {"columns": REVIEW_COLUMNS},
        },
        "rules": rules(),
        "fields": fields,
    }
    sys.stdout.write("# Generated by scripts/make_schema_config.py from shared/schema/standard-fields.yaml; edit that script.\n")
    sys.stdout.write(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=200))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/schema/standard-fields.yaml")
