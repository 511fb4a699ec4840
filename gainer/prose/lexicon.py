"""What prose calls each stats.* figure: metric phrases, the context they need, and unit families."""
from __future__ import annotations

import re

# (field id, metric pattern, context the clause/sentence must show, context that rules it out)
# Order matters only among patterns matching the same text: the longest match wins.
METRICS: list[tuple[str, str, str | None, str | None]] = [
    ("stats.active.total", r"(?:主动)?(?:公开|发布)(?:了)?(?:各类|各项)?(?:公开)?政府信息", None, r"申请|未予|而未|情况"),
    ("stats.active.normative_documents", r"(?:行政)?规范性文件", None, r"制发|废止|清理|备案|审查|现行有效"),
    ("stats.active.normative_documents_issued", r"制发(?:行政)?规范性文件", None, None),
    ("stats.active.key_areas", r"重点领域(?:公开)?(?:政府)?信息", None, None),
    ("stats.active.via_gazette", r"刊登|刊发|刊载", r"公报", None),
    ("stats.active.via_weibo", r"政务微博(?:公开|发布)(?:政府)?信息", None, None),
    ("stats.active.via_wechat", r"政务微信(?:公开|发布)(?:政府)?信息", None, None),
    ("stats.response.hot_topics", r"回应(?:公众|社会)?(?:关注|关切)?(?:的)?热点(?:或重大舆情)?(?:信息|问题)?", None, None),
    ("stats.response.press_conferences", r"新闻发布会", None, r"主要负责"),
    ("stats.response.online_interviews", r"在线访谈", None, r"主要负责"),
    ("stats.response.policy_interpretations", r"(?:政策)?解读(?:类)?(?:信息|稿件|材料|文章)?", None, None),
    ("stats.requests.received", r"(?:受理|收到|接收|接到)(?:了)?(?:各类)?(?:政府信息公开|依申请(?:信息)?公开|信息公开|公开)(?:申请)?", None, None),
    ("stats.requests.received", r"(?:收到|受理)(?:了)?申请", None, r"复议|诉讼"),
    ("stats.requests.received", r"(?:要求)?(?:政府信息)?公开(?:政府信息)?(?:的)?申请", None, r"复议|诉讼"),
    # "未收到公众关于政府信息公开的申请": the bare noun, where the sentence says what was received
    ("stats.requests.received", r"申请", r"(?:收到|接到|受理)[^。；]*公开", r"复议|诉讼|咨询|查阅"),
    ("stats.requests.in_person", r"当面申请", None, None),
    ("stats.requests.by_fax", r"传真申请", None, None),
    ("stats.requests.online", r"(?:网络|网上)申请", None, None),
    ("stats.requests.by_letter", r"信函申请", None, None),
    ("stats.requests.closed", r"(?:办结|共办理|已办理|办理)(?=\s*[0-9０-９])", None, r"复议|诉讼|案件"),
    ("stats.requests.answered", r"(?:已)?答复(?=\s*[0-9０-９])", None, r"复议|诉讼"),
    ("stats.requests.granted", r"(?:同意|予以)公开(?:答复)?", r"申请|答复|办结|办理", r"部分"),
    ("stats.requests.partially_granted", r"(?:同意)?部分公开(?:答复)?", r"申请|答复|办结|办理", None),
    ("stats.requests.denied", r"不(?:同意|予)公开(?:答复)?", r"申请|答复|办结|办理", None),
    ("stats.requests.not_this_agency", r"不属于本(?:行政)?机关(?:公开)?", None, None),
    ("stats.requests.not_exist", r"申请(?:的)?信息不存在", None, None),
    ("stats.review.total", r"(?:政府信息公开)?行政复议(?:申请|案件|数量)?", None, r"诉讼"),
    ("stats.litigation.total", r"(?:政府信息公开)?行政诉讼(?:案件|数量|数)?", None, r"复议"),
    ("@block.upheld", r"(?:结果)?维持(?:具体行政行为|原)?", None, None),
    ("@block.corrected", r"(?:被(?:依法)?)?纠错|(?:结果)?纠正|败诉", None, None),
    ("@block.other", r"其他(?:结果|情形)", None, None),
    ("stats.complaints.total", r"举报投诉|举报|投诉", r"信息公开|政务公开", r"热线|12345|民心|诉求"),
    ("stats.fees.amount", r"(?:信息)?(?:处理费|收费|费用)", r"收取|收费|处理费", r"行政事业性|减免"),
    ("stats.organization.staff", r"(?:从事)?政府信息公开工作(?:的)?人员", None, None),
    # "安排2名工作人员负责政府信息公开工作"
    ("stats.organization.staff", r"(?:正式|专门)?(?:工作)?人员", r"负责[^。；]*(?:信息公开|政务公开)|(?:信息公开|政务公开)[^。；]*负责", r"培训|参训|领导|经办"),
    ("stats.organization.staff_full_time", r"专职(?:工作)?人员", None, None),
    ("stats.organization.staff_part_time", r"兼职(?:工作)?人员", None, None),
    ("stats.organization.reading_points", r"查阅点|查阅场所", None, None),
    ("stats.training.meetings", r"(?:政府信息公开|政务公开)?(?:工作)?(?:会议|专题会议)", r"^(?=.*召开)(?=.*(?:信息公开|政务公开|公开工作))", None),
    ("stats.training.courses", r"培训(?:班|会)", None, None),
    ("stats.training.trainees", r"培训(?:人员|干部|工作人员)", None, None),
    ("stats.consultations.total", r"(?:政府信息公开)?咨询", None, r"现场|电话|网上|网络|当面|来访|上门"),
    # "上门或电话咨询1611人次": channels joined by 或/和 count the total
    ("stats.consultations.total", r"(?:上门|现场|当面|来访|电话|网上|网络|信函)(?:或|和|及|、)(?:上门|现场|当面|来访|电话|网上|网络|信函)咨询", None, None),
    ("stats.consultations.on_site", r"(?:现场|当面|来访|上门)咨询", None, None),
    ("stats.consultations.by_phone", r"电话咨询|咨询电话|电话(?:接听|答复)", None, None),
    ("stats.consultations.online", r"(?:网上|网络)咨询", None, None),
]
COMPILED = [(fid, re.compile(p), re.compile(c) if c else None, re.compile(x) if x else None) for fid, p, c, x in METRICS]
ANY_METRIC = re.compile("|".join(f"(?:{p})" for _, p, _, _ in METRICS))

# Printed units grouped by what they count; a figure lands only in a field of the same family.
UNIT_FAMILY = {
    "件": "item", "条": "item", "篇": "item", "个": "item", "项": "item", "份": "item", "批": "item",
    "次": "event", "场": "event", "期": "issue",
    "人": "person", "人次": "person", "名": "person", "位": "person",
    "元": "money", "万元": "money",
}
FIELD_FAMILY = {"件": "item", "条": "item", "篇": "item", "个": "item", "项": "item", "次": "event", "人": "person", "人次": "person", "元": "money", "万元": "money"}


def compatible(printed_unit: str | None, field_unit: str) -> bool:
    """Whether a printed unit can measure a field: 件/条/篇/个 are interchangeable counts of items,
    次/场 of events, and a conference counted in 次 is an item count too; a 人次 field takes 次;
    期 (issues) fits nothing."""
    if not printed_unit:
        return True
    fam = UNIT_FAMILY.get(printed_unit)
    want = FIELD_FAMILY.get(field_unit)
    if fam is None or want is None:
        return False
    if fam == want:
        return True
    if field_unit == "人次" and printed_unit == "次":  # 接听咨询电话926次: visits counted as times
        return True
    return {fam, want} == {"item", "event"}
