"""What prose calls each stats.* figure: metric phrases, the context they need, and unit families."""
from __future__ import annotations

import re

# (field id, metric pattern, context the sentence or the heading above it must show, context that
# rules it out). Order matters only among patterns matching the same text: the longest match wins.
# Training held for something other than disclosure work (消防安全培训班, 职业技能培训人员)
_OTHER_TRAINING = r"(?:安全|消防|技能|就业|创业|职业|计生|普法|党员|党务|应急|防汛|禁毒|反诈)[^，。；、]{0,4}(?:培训|参训)"
_PUBLISHED = r"(?:主动)?(?:公开|发布|推送)(?:了)?(?:政府)?信息"
# after a channel's name the object may be left out (通过政府网站公开1320条)
_CHANNEL_PUBLISHED = r"(?:主动)?(?:公开|发布|推送)(?:了)?(?:政府)?(?:信息)?"
_BARE_TRAINING = r"(?:政府信息公开|政务公开|信息公开|专题|业务)?培训"
_REQUESTS = r"(?:政府信息公开|信息公开|依申请公开)(?:的)?申请"
_SESSIONS = r"[0-9０-９零〇一二两三四五六七八九十百]+\s*(?:余|多)?\s*(?:次|期|场|批)"
METRICS: list[tuple[str, str, str | None, str | None]] = [
    # 政府信息 published, or 信息 published 主动 / 公开各类; a bare 发布信息 is too loose (a department's page)
    ("stats.active.total", r"(?:主动)?(?:公开|发布)(?:了)?(?:各类|各项)?(?:公开)?政府信息|主动(?:公开|发布)(?:了)?(?:各类|各项)?信息|公开(?:了)?(?:各类|各项)信息", None, r"申请|未予|而未|情况"),
    ("stats.active.normative_documents", r"(?:行政)?规范性文件", None, r"制发|制定|出台|印发|废止|清理|备案|审查|现行有效"),
    ("stats.active.normative_documents_issued", r"(?:制发|制定|出台|印发)(?:了)?(?:行政)?规范性文件", None, None),
    ("stats.active.key_areas", r"重点领域(?:公开)?(?:政府)?信息", None, None),
    ("stats.active.via_gazette", r"刊登|刊发|刊载", r"公报", None),
    ("stats.active.via_gazette", r"(?:政府)?公报(?:公开|刊登|刊发|刊载)(?:了)?(?:政府)?(?:信息|文件)?", None, None),
    ("stats.active.via_website", r"(?:政府|门户)?网站" + _CHANNEL_PUBLISHED, None, None),
    ("stats.active.via_weibo", r"(?:政务)?微博" + _CHANNEL_PUBLISHED, None, None),
    ("stats.active.via_wechat", r"(?:政务)?微信(?:公众号)?" + _CHANNEL_PUBLISHED, None, None),
    ("stats.active.via_other", r"其他(?:方式|渠道|途径|形式)" + _CHANNEL_PUBLISHED, None, None),
    ("stats.response.hot_topics", r"回应(?:公众|社会)?(?:关注|关切)?(?:的)?热点(?:或重大舆情)?(?:信息|问题)?", None, None),
    ("stats.response.hot_topics", r"回应(?:公众|社会)?(?:关注|关切)(?:的)?(?:热点)?(?:或重大舆情)?(?:信息|问题)?", None, None),
    ("stats.response.press_conferences", r"新闻发布会", None, r"主要负责"),
    ("stats.response.online_interviews", r"在线访谈", None, r"主要负责"),
    ("stats.response.press_conferences_by_heads", r"主要负责(?:同志|人)(?:参加|出席)(?:了)?(?:新闻发布会)?", r"发布会", r"访谈"),
    ("stats.response.online_interviews_by_heads", r"主要负责(?:同志|人)(?:参加|出席|做客)?(?:了)?在线访谈", None, None),
    ("stats.response.policy_interpretations", r"(?:政策)?解读(?:类)?(?:信息|稿件|材料|文章)?", None, None),
    ("stats.requests.received", r"(?:受理|收到|接收|接到)(?:了)?(?:各类)?(?:政府信息公开|依申请(?:信息)?公开|信息公开|公开)(?:申请)?", None, None),
    ("stats.requests.received", r"(?:收到|受理)(?:了)?申请", None, r"复议|诉讼"),
    ("stats.requests.received", r"(?:要求)?(?:政府信息)?公开(?:政府信息)?(?:的)?申请", None, r"复议|诉讼"),
    # "未收到公众关于政府信息公开的申请": the bare noun, where the sentence says what was received
    ("stats.requests.received", r"申请", r"(?:收到|接到|受理)[^。；]*公开|(?:无|没有)依申请", r"复议|诉讼|咨询|查阅"),
    ("stats.requests.in_person", r"(?:当面|现场)申请", None, None),
    ("stats.requests.by_fax", r"传真申请", None, None),
    ("stats.requests.online", r"(?:网络|网上|在线)申请", None, None),
    ("stats.requests.by_letter", r"(?:信函|邮寄)申请", None, None),
    ("stats.requests.closed", r"(?:共|已)?办结(?:了)?" + _REQUESTS, None, r"复议|诉讼|案件"),
    ("stats.requests.closed", r"(?:已)?(?:办结|共办理|已办理|办理)(?=\s*(?:[0-9０-９]|[零〇一二两三四五六七八九十百]+\s*(?:余|多)?\s*[件个条项]))", None, r"复议|诉讼|案件"),
    ("stats.requests.answered", r"(?:已)?答复(?=\s*[0-9０-９])", None, r"复议|诉讼|咨询"),
    ("stats.requests.granted", r"(?:同意|予以|全部)公开(?:答复)?", r"申请|答复|办结|办理", r"部分"),
    ("stats.requests.already_public", r"(?:属于)?已(?:经)?主动公开(?:范围)?", r"申请|答复|办结|办理", None),
    ("stats.requests.closed_on_time", r"按(?:时|期)(?:办结|答复)", None, None),
    ("stats.requests.closed_late", r"延期(?:办结|答复)", None, None),
    ("stats.requests.denied_state_secret", r"涉及国家秘密", None, None),
    ("stats.requests.denied_commercial_secret", r"涉及商业秘密", None, None),
    ("stats.requests.denied_privacy", r"涉及个人隐私", None, None),
    ("stats.requests.denied_security_stability", r"危及(?:国家安全|公共安全|经济安全|社会稳定)(?:[、和]?(?:国家安全|公共安全|经济安全|社会稳定))*", None, None),
    ("stats.requests.denied_not_government_information", r"(?:不是|非)《条例》所指(?:的)?政府信息", None, None),
    ("stats.requests.denied_other_law", r"法律法规规定的其他情形", None, None),
    ("stats.requests.partially_granted", r"(?:同意)?部分公开(?:答复)?", r"申请|答复|办结|办理", None),
    ("stats.requests.denied", r"不(?:同意|予)公开(?:答复)?", r"申请|答复|办结|办理", None),
    ("stats.requests.not_this_agency", r"(?:不属于本|非本)(?:行政)?(?:机关|单位|部门)(?:公开|掌握|职责)?(?:范围)?(?:的)?(?:政府信息)?", None, None),
    ("stats.requests.not_exist", r"(?:所?申请)?(?:的)?(?:政府)?信息不存在", None, None),
    ("stats.requests.correction_requested", r"告知(?:申请人)?(?:作出)?更改(?:、)?补充|申请内容不明确", None, None),
    ("stats.requests.other_channel", r"告知(?:申请人)?通过其他途径(?:办理)?", None, None),
    ("stats.review.total", r"(?:政府信息公开)?行政复议(?:申请|案件|数量)?", None, r"诉讼"),
    ("stats.litigation.total", r"(?:政府信息公开)?行政诉讼(?:案件|数量|数)?", None, r"复议"),
    ("@block.upheld", r"(?:结果)?维持(?:具体行政行为|原)?", None, None),
    ("@block.corrected", r"(?:被(?:依法)?)?(?:行政)?(?:复议|诉讼)?(?:依法)?纠错|(?:结果)?纠正|败诉", None, None),
    ("@block.other", r"其他(?:结果|情形)", None, None),
    ("stats.complaints.total", r"举报投诉|举报|投诉", r"信息公开|政务公开", r"热线|12345|民心|诉求"),
    ("stats.fees.amount", r"(?:信息)?(?:处理费|收费|费用)", r"收取|收费|处理费", r"行政事业性|减免"),
    ("stats.organization.staff", r"(?:从事)?政府信息公开工作(?:的)?人员", None, None),
    # "安排2名工作人员负责政府信息公开工作"
    ("stats.organization.staff", r"(?:正式|专门)?(?:工作)?人员", r"负责[^。；]*(?:信息公开|政务公开)|(?:信息公开|政务公开)[^。；]*负责", r"培训|参训|领导|经办"),
    ("stats.organization.staff_full_time", r"专职(?:工作)?人员", None, None),
    ("stats.organization.staff_part_time", r"兼职(?:工作)?(?:人员|信息员)", None, None),
    # "工作人员5名，其中专职2名，兼职3名"
    ("stats.organization.staff_full_time", r"专职", r"人员", None),
    ("stats.organization.staff_part_time", r"兼职", r"人员", None),
    ("stats.organization.reading_points", r"(?:政府信息公开)?(?:查阅点|查阅场所)", None, None),
    ("stats.organization.dedicated_bodies", r"(?:政府信息公开(?:工作)?)?专门机构", None, None),
    # the disclosure budget is named as such (专项经费, 政府信息公开工作经费), not any 经费 of the section
    ("stats.organization.budget", r"(?:政府信息公开|信息公开|政务公开)(?:工作)?(?:专项)?(?:工作)?经费|专项(?:工作)?经费", r"信息公开|政务公开", None),
    ("stats.training.meetings", r"(?:政府信息公开|政务公开)?(?:工作)?(?:会议|专题会议|推进会)", r"^(?=.*召开)(?=.*(?:信息公开|政务公开|公开工作))|监督保障|组织领导|保障措施", None),
    ("stats.training.courses", r"(?:政府信息公开|政务公开|信息公开|专题|业务)?培训(?:班|会)", None, _OTHER_TRAINING),
    # a bare 培训 counts courses only with its count of sessions right after it (培训7次) or right before it
    # (举办了6场培训; LEFT_METRICS), not in 培训覆盖50个单位
    ("stats.training.courses", _BARE_TRAINING + r"(?=\s*" + _SESSIONS + r")", None, _OTHER_TRAINING),
    ("stats.training.trainees", r"(?:培训|参训)(?:人员|人数|干部(?:职工)?|工作人员)", None, _OTHER_TRAINING),
    # "28名干部职工参加了培训"
    ("stats.training.trainees", r"干部职工|干部", r"参加[^。；]{0,8}培训|参训", None),
    # a channel word right before it makes a channel's count (电话咨询); channels joined by 或 count the total
    ("stats.consultations.total", r"(?:政府信息公开|信息公开)?咨询", None, r"(?<![或和及、])(?:现场|电话|网上|网络|当面|来访|上门)(?:政府信息公开|信息公开|群众)?咨询$"),
    # "上门或电话咨询1611人次": channels joined by 或/和 count the total
    ("stats.consultations.total", r"(?:上门|现场|当面|来访|电话|网上|网络|信函)(?:或|和|及|、)(?:上门|现场|当面|来访|电话|网上|网络|信函)咨询", None, None),
    ("stats.consultations.on_site", r"(?:现场|当面|来访|上门)咨询", None, None),
    ("stats.consultations.by_phone", r"电话咨询|咨询电话|电话(?:接听|答复)", None, None),
    ("stats.consultations.online", r"(?:网上|网络)咨询", None, None),
]
# Patterns whose context is the clause's own lead-in before the metric, not its sentence; such a match
# wins over an equally long one without context.
LEFT_METRICS: list[tuple[str, str, str, str | None]] = [
    # "“某某发布”微信公众号全年推送信息97条": the channel is named before the metric
    ("stats.active.via_wechat", _PUBLISHED, r"微信|公众号", None),
    ("stats.active.via_weibo", _PUBLISHED, r"微博", None),
    # "全年共办结|政府信息公开申请|10件": the verb before the metric says what was counted
    ("stats.requests.closed", _REQUESTS, r"办结(?:了)?$", r"复议|诉讼|案件"),
    # "举办了6场|培训"
    ("stats.training.courses", _BARE_TRAINING, _SESSIONS + r"\s*$", _OTHER_TRAINING),
]
# indices (into METRICS and COMPILED) of the LEFT_METRICS patterns
NEED_IN_LEFT = frozenset(range(len(METRICS), len(METRICS) + len(LEFT_METRICS)))
METRICS = METRICS + LEFT_METRICS
COMPILED = [(fid, re.compile(p), re.compile(c) if c else None, re.compile(x) if x else None) for fid, p, c, x in METRICS]
ANY_METRIC = re.compile("|".join(f"(?:{p})" for _, p, _, _ in METRICS))

# Printed units grouped by what they count; a figure lands only in a field of the same family.
UNIT_FAMILY = {
    "件": "item", "条": "item", "篇": "item", "个": "item", "项": "item", "份": "item", "批": "item",
    "起": "item", "宗": "item", "处": "item", "件次": "item",
    "次": "event", "场": "event", "场次": "event", "期": "issue",
    "人": "person", "人次": "person", "名": "person", "位": "person",
    "元": "money", "万元": "money",
}
FIELD_FAMILY = {"件": "item", "条": "item", "篇": "item", "个": "item", "项": "item", "次": "event", "人": "person", "人次": "person", "元": "money", "万元": "money"}


_COUNTED_IN_ISSUES = {"stats.training.courses", "stats.response.online_interviews", "stats.active.via_wechat"}


def compatible(printed_unit: str | None, field_unit: str, field_id: str | None = None) -> bool:
    """Whether a printed unit can measure a field: 件/条/篇/个/起/处 are interchangeable counts of items,
    次/场 of events, and a conference counted in 次 is an item count too; a 人次 field takes 次;
    期 (issues) fits nothing but training courses, online interviews and WeChat posts; consultations are counted in 件 too
    (现场咨询120件)."""
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
    if fam == "issue":  # 培训班5期, 在线访谈6期, 微信公众号推送信息39期
        return field_id in _COUNTED_IN_ISSUES
    if fam == "item" and want == "person":
        return field_id is not None and field_id.startswith("stats.consultations.")
    return {fam, want} == {"item", "event"}
