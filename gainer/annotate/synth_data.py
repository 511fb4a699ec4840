"""Word lists and sentence templates of the synthetic report generator (see gainer.annotate.synth for the template language).

Everything here was written for gainer; no text is copied from real reports. Field names in templates
are schema ids without the ``stats.`` prefix.
"""
from __future__ import annotations

# ---------------------------------------------------------------------------
# organisations and places

PROVINCES = (
    "江苏省", "山东省", "四川省", "辽宁省", "河南省", "湖北省", "浙江省", "广东省", "河北省", "安徽省",
    "福建省", "湖南省", "江西省", "陕西省", "山西省", "云南省", "贵州省", "吉林省", "甘肃省", "黑龙江省",
)
CITIES = (
    "宿迁市", "临沂市", "遂宁市", "抚顺市", "淄博市", "南通市", "绵阳市", "鞍山市", "洛阳市", "宜昌市",
    "绍兴市", "佛山市", "保定市", "芜湖市", "泉州市", "岳阳市", "赣州市", "宝鸡市", "大同市", "曲靖市",
    "遵义市", "徐州市", "德州市", "南充市", "锦州市", "开封市", "襄阳市", "嘉兴市", "江门市", "邯郸市",
    "蚌埠市", "漳州市", "常德市", "九江市", "汉中市", "长治市", "玉溪市", "六盘水市", "吉林市", "天水市",
)
COUNTIES = (
    "沭阳县", "临沭县", "泗洪县", "兰陵县", "郯城县", "船山区", "安居区", "望花区", "顺城区", "张店区",
    "临淄区", "海安市", "如东县", "涪城区", "铁东区", "西工区", "夷陵区", "柯桥区", "南海区", "竞秀区",
    "镜湖区", "晋江市", "岳阳县", "章贡区", "渭滨区", "平城区", "麒麟区", "汇川区", "铜山区", "陵城区",
    "顺庆区", "凌河区", "龙亭区", "襄州区", "秀洲区", "蓬江区", "丛台区", "龙子湖区", "芗城区", "武陵区",
    "高新技术产业开发区", "经济技术开发区",
)
TOWNS = (
    "南津路街道办事处", "科苑街道办事处", "中苑街道办事处", "搭连街道办事处", "东关街道办事处", "城北街道办事处",
    "新华街道办事处", "胜利街道办事处", "和平街道办事处", "文昌街道办事处", "城关镇人民政府", "新河镇人民政府",
    "马厂湖镇人民政府", "青伊湖镇人民政府", "桃园乡人民政府", "双河镇人民政府", "柳林镇人民政府", "高桥镇人民政府",
    "石门乡人民政府", "三合镇人民政府",
)
BUREAUS = (
    "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
    "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
    "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
    "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "林业局", "信访局", "行政审批局", "民族宗教事务局",
    "人民政府办公室", "档案局", "粮食和物资储备局", "地方金融监督管理局",
)
# before the 2018 institutional reform the names differed; legacy reports use these as well
BUREAUS_LEGACY = (
    "环境保护局", "国土资源局", "规划局", "卫生和计划生育委员会", "食品药品监督管理局", "安全生产监督管理局",
    "工商行政管理局", "质量技术监督局", "农业委员会", "文化广电新闻出版局", "物价局", "人口和计划生育局",
)
PROVINCE_BUREAUS = (
    "教育厅", "民政厅", "司法厅", "财政厅", "人力资源和社会保障厅", "自然资源厅", "生态环境厅", "住房和城乡建设厅",
    "交通运输厅", "水利厅", "农业农村厅", "商务厅", "卫生健康委员会", "审计厅", "统计局", "人民政府办公厅",
)

WECHAT_NAMES = ("{place}发布", "幸福{place}", "美丽{place}", "{place}政务", "{place}在线", "智慧{place}")
DOC_TITLES = (
    "政府信息公开工作实施方案", "政务公开工作要点", "政府信息公开保密审查办法", "政府信息主动公开目录",
    "依申请公开工作规程", "政务新媒体管理办法", "政府信息公开考核办法", "政策解读工作实施细则",
    "政府信息发布协调制度", "政务公开标准化规范化工作方案",
)
DOC_PREFIXES = ("政办发", "政发", "办发", "政办", "发", "字")
STREETS = ("人民路", "解放路", "建设路", "中山路", "文化路", "新华路", "南津路", "府前街", "滨河路", "光明大道")
CONGRESS = {2008: "十七大", 2013: "十八大", 2018: "十九大", 2023: "二十大"}

# ---------------------------------------------------------------------------
# metric phrases (labelled METRIC) and units per field

METRICS: dict[str, tuple[str, ...]] = {
    "active.total": ("主动公开政府信息", "主动公开信息", "公开政府信息", "主动公开各类政府信息", "主动公开各类信息",
                     "发布政府信息", "主动发布政府信息", "公开各类信息"),
    "active.normative_documents": ("规范性文件", "行政规范性文件"),
    "active.normative_documents_issued": ("制发规范性文件", "制定规范性文件", "出台规范性文件", "印发规范性文件"),
    "active.key_areas": ("重点领域信息", "重点领域政府信息", "重点领域公开政府信息"),
    "active.via_website": ("政府网站公开信息", "门户网站发布信息", "政府网站发布信息", "网站发布信息", "门户网站公开政府信息"),
    "active.via_weibo": ("政务微博发布信息", "微博发布信息", "政务微博公开信息"),
    "active.via_wechat": ("政务微信发布信息", "微信公众号推送信息", "政务微信公开信息", "微信发布信息"),
    "active.via_gazette": ("政府公报刊登文件", "政府公报公开信息", "政府公报刊发文件"),
    "response.policy_interpretations": ("政策解读", "政策解读稿件", "解读稿件", "政策解读材料", "解读文章"),
    "response.hot_topics": ("回应社会关切", "回应公众关注热点", "回应热点问题", "回应公众关注热点或重大舆情"),
    "response.press_conferences": ("新闻发布会",),
    "response.online_interviews": ("在线访谈",),
    "requests.received": ("政府信息公开申请", "依申请公开", "信息公开申请", "依申请公开政府信息", "政府信息公开申请件"),
    "requests.in_person": ("当面申请", "现场申请"),
    "requests.online": ("网上申请", "网络申请", "在线申请"),
    "requests.by_letter": ("信函申请", "邮寄申请"),
    "requests.by_fax": ("传真申请",),
    "requests.closed": ("办结", "已办结"),
    "requests.answered": ("答复", "已答复"),
    "requests.granted": ("同意公开", "予以公开", "全部公开"),
    "requests.partially_granted": ("部分公开", "同意部分公开"),
    "requests.denied": ("不予公开", "不同意公开"),
    "requests.not_this_agency": ("不属于本机关公开", "不属于本行政机关公开", "非本机关政府信息"),
    "requests.not_exist": ("申请信息不存在", "信息不存在"),
    "requests.already_public": ("属于已主动公开范围", "已主动公开"),
    "requests.other_channel": ("告知通过其他途径办理",),
    "requests.closed_on_time": ("按时办结", "按期办结"),
    "requests.closed_late": ("延期办结", "延期答复"),
    "requests.denied_state_secret": ("涉及国家秘密",),
    "requests.denied_commercial_secret": ("涉及商业秘密",),
    "requests.denied_privacy": ("涉及个人隐私",),
    "requests.denied_not_government_information": ("不是《条例》所指政府信息",),
    "requests.denied_other_law": ("法律法规规定的其他情形",),
    "response.press_conferences_by_heads": ("主要负责同志参加新闻发布会", "主要负责同志出席"),
    "litigation.upheld": ("驳回原告诉讼请求", "维持具体行政行为"),
    "organization.dedicated_bodies": ("政府信息公开工作专门机构", "专门机构"),
    "organization.budget": ("政府信息公开专项经费", "专项工作经费"),
    "review.total": ("行政复议",),
    "review.upheld": ("维持具体行政行为", "维持原行政行为"),
    "review.corrected": ("被依法纠错", "纠错"),
    "review.other": ("其他情形",),
    "litigation.total": ("行政诉讼",),
    "litigation.corrected": ("败诉", "被依法纠错"),
    "complaints.total": ("举报投诉", "投诉举报", "举报"),
    "fees.amount": ("费用", "信息处理费", "收费", "相关费用"),
    "organization.staff": ("工作人员", "信息公开工作人员", "从事政府信息公开工作人员"),
    "organization.staff_full_time": ("专职人员", "专职工作人员"),
    "organization.staff_part_time": ("兼职人员", "兼职工作人员"),
    "organization.reading_points": ("查阅点", "政府信息公开查阅点", "查阅场所"),
    "training.meetings": ("工作会议", "专题会议", "政务公开工作会议", "工作推进会", "政务公开专题会议"),
    "training.courses": ("培训班", "专题培训", "业务培训", "培训", "政务公开培训班"),
    "training.trainees": ("培训人员", "参训人员", "参训人数", "培训干部职工"),
    "consultations.total": ("政府信息公开咨询", "咨询", "群众咨询", "信息公开咨询"),
    "consultations.on_site": ("现场咨询", "当面咨询"),
    "consultations.by_phone": ("电话咨询",),
    "consultations.online": ("网上咨询", "网络咨询"),
}

# printed units per field (the first is the schema unit); all are unit words gainer.numbers reads
UNITS: dict[str, tuple[str, ...]] = {
    "active.total": ("条", "条", "条", "件", "篇"),
    "active.normative_documents": ("件", "件", "条", "份", "个"),
    "active.normative_documents_issued": ("件", "件", "份", "个"),
    "active.key_areas": ("条", "条", "件"),
    "active.via_website": ("条", "条", "篇"),
    "active.via_weibo": ("条",),
    "active.via_wechat": ("条", "条", "篇", "期"),
    "active.via_gazette": ("件", "份", "条"),
    "response.policy_interpretations": ("篇", "篇", "条", "期"),
    "response.hot_topics": ("次", "次", "条", "起"),
    "response.press_conferences": ("次", "场"),
    "response.online_interviews": ("次", "期", "场"),
    "requests": ("件", "件", "件", "条", "个"),
    "review": ("件", "件", "起"),
    "litigation": ("件", "件", "起"),
    "complaints.total": ("件", "起", "次"),
    "fees.amount": ("元",),
    "organization.staff": ("人", "名"),
    "organization.staff_full_time": ("人", "名"),
    "organization.staff_part_time": ("人", "名"),
    "organization.reading_points": ("个", "处"),
    "organization.dedicated_bodies": ("个",),
    "organization.budget": ("元",),
    "response.press_conferences_by_heads": ("次", "场"),
    "training.meetings": ("次", "次", "场"),
    "training.courses": ("次", "期", "场", "批"),
    "training.trainees": ("人次", "人次", "人", "名"),
    "consultations": ("人次", "人次", "次", "件"),
}

# counted things outside the schema: labelled (they are counts of the report year), field None
OTHER: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[int, int]]] = {
    "info_reports": (("政务信息", "工作信息", "信息稿件"), ("条", "篇"), (10, 400)),
    "service_people": (("办事群众", "来访群众"), ("人次",), (300, 20000)),
    "hotline": (("12345热线", "12345热线工单", "市长热线", "便民热线"), ("件",), (20, 3000)),
    "materials": (("宣传资料", "宣传册", "明白纸", "宣传折页"), ("份", "册"), (100, 12000)),
    "boards": (("公开栏", "宣传栏", "公示栏"), ("期", "次"), (2, 60)),
    "npc": (("人大代表建议", "人大建议", "市人大代表建议", "区人大代表建议", "县人大代表建议"), ("件",), (1, 80)),
    "cppcc": (("政协委员提案", "政协提案", "市政协提案", "区政协提案", "县政协委员提案"), ("件",), (1, 80)),
    "visits": (("网站访问量", "网站浏览量"), ("人次", "次"), (5000, 900000)),
    "graphics": (("图解", "图文解读", "视频解读", "动漫解读"), ("篇", "期", "个"), (1, 40)),
    "budget_pub": (("部门预决算", "预决算信息", "三公经费信息"), ("个", "条"), (1, 40)),
    "columns": (("专题专栏", "专栏"), ("个",), (1, 12)),
    "appeals": (("群众诉求", "民心网案件", "信访件"), ("件",), (3, 500)),
    "cleanup": (("清理规范性文件", "废止规范性文件"), ("件",), (1, 40)),
    "catalog": (("公开目录", "公开事项"), ("项", "个"), (10, 300)),
    "categories.news": (("工作动态", "政务动态", "业务动态"), ("条",), (5, 400)),
    "categories.notices": (("通知公告", "公示公告"), ("条",), (2, 120)),
    "categories.personnel": (("人事信息", "人事任免信息"), ("条",), (0, 40)),
    "categories.finance": (("财政信息", "财政资金信息"), ("条",), (0, 40)),
    "categories.plans": (("计划总结", "规划计划"), ("条",), (0, 30)),
    "categories.overview": (("机构概况", "概况信息"), ("条",), (0, 15)),
    "categories.policies": (("政策法规", "政策文件", "法规文件"), ("条",), (0, 80)),
    "categories.enforcement": (("行政执法信息", "“双随机、一公开”信息"), ("条",), (0, 200)),
    # the year's general work (township and street-office reports count it too): varied units
    "work.inspections": (("安全检查", "专项检查", "督导检查", "安全生产大检查", "隐患排查"), ("次", "家次", "场次"), (2, 400)),
    "work.hazards": (("安全隐患", "问题隐患"), ("处", "个", "项"), (3, 600)),
    "work.households": (("低保户", "困难家庭", "帮扶对象", "特困供养人员", "救助对象"), ("户", "人", "名"), (5, 3000)),
    "work.funds": (("救助资金", "补助资金", "低保金", "专项资金"), ("元",), (500, 900000)),
    "work.meetings": (("专题会议", "工作例会", "调度会", "推进会"), ("次", "场"), (1, 40)),
    "work.flyers": (("宣传单", "宣传手册", "告知书", "宣传品"), ("张", "份", "册"), (50, 20000)),
    "work.hours": (("集中学习", "业务学习", "专题讲座"), ("课时", "小时", "次"), (2, 80)),
    "work.projects": (("重点项目", "民生实事项目", "招商项目"), ("个", "项"), (1, 60)),
    "work.firms": (("企业", "沿街商户", "经营单位", "出租房屋"), ("家", "户", "处"), (5, 900)),
    "work.jobs": (("新增就业岗位", "就业困难人员", "职业技能培训人员"), ("个", "人", "人次"), (5, 2000)),
    "work.events": (("文体活动", "志愿服务活动", "宣传活动"), ("场", "次", "期"), (2, 120)),
    "work.area": (("绿化面积", "整治面积", "拆除违建"), ("平方米",), (20, 50000)),
    "work.garbage": (("清理垃圾", "清运垃圾"), ("吨", "车次"), (5, 3000)),
    # things a report says did not happen (zero statements: the 未/无/没有 is the VALUE)
    "incidents.leaks": (("泄密事件", "失泄密事件", "泄密", "失泄密问题"), ("起",), (0, 0)),
    "incidents.omissions": (("应公开而未公开的情况", "应主动公开而未公开的信息", "不予公开的信息被公开的情况"), ("起",), (0, 0)),
    "incidents.safety": (("安全事故", "重大安全事故", "安全生产事故", "群体性事件"), ("起",), (0, 0)),
    "incidents.petitions": (("越级上访", "集体上访", "进京上访"), ("起", "批次"), (0, 0)),
    "incidents.appeals": (("申诉案", "申诉", "申诉案件"), ("件",), (0, 0)),
    # information of the key areas (重点领域), published as a breakdown: 公开环境保护信息12条, 教育信息数10条
    "keyareas.budget": (("财政预决算信息", "财政信息", "预决算信息"), ("条", "件"), (0, 60)),
    "keyareas.environment": (("环境保护信息", "环保信息", "生态环境信息"), ("条", "件"), (0, 80)),
    "keyareas.relief": (("社会救助信息", "社会救助和社会福利信息", "民政信息"), ("条", "件"), (0, 80)),
    "keyareas.education": (("教育信息", "教育领域信息"), ("条", "件"), (0, 60)),
    "keyareas.health": (("卫生领域信息", "医疗卫生信息", "卫生健康信息"), ("条", "件"), (0, 60)),
    "keyareas.food": (("食品药品安全信息", "食品安全信息"), ("条", "件"), (0, 60)),
    "keyareas.safety": (("安全生产信息", "安全生产领域信息", "安全生产监管信息", "行政执法信息"), ("条", "件"), (0, 80)),
    "keyareas.land": (("征地拆迁信息", "征收补偿信息", "土地征收信息"), ("条", "件"), (0, 40)),
    "keyareas.housing": (("保障性住房信息", "保障性安居工程信息"), ("条", "件"), (0, 40)),
    "keyareas.poverty": (("扶贫信息", "精准扶贫信息", "脱贫攻坚信息"), ("条", "件"), (0, 60)),
    "keyareas.jobs": (("就业创业信息", "就业信息"), ("条", "件"), (0, 60)),
    "keyareas.resources": (("公共资源配置信息", "公共资源交易信息", "重大建设项目信息"), ("条", "件"), (0, 80)),
}
ACTIVE_CATEGORIES = tuple(k for k in OTHER if k.startswith("categories."))
KEY_AREA_ITEMS = tuple(k for k in OTHER if k.startswith("keyareas."))
# a category's name as printed may carry a suffix (计划总结信息, 规划计划类信息): part of the METRIC
CATEGORY_SUFFIXES = ("信息", "信息", "类信息", "类")
# words between an information item and its figure, outside the METRIC (环保信息数4条, 执法信息情况12条)
INFO_CONNECTORS = ("数", "数", "情况", "数量", "数量为", "共")

# ---------------------------------------------------------------------------
# sentence templates (see gainer.annotate.synth for the token language)

TEMPLATES: dict[str, tuple[str, ...]] = {
    "active": (
        "{Y}年，{self}{m:active.total}{v:active.total}{list:active}。",
        "全年共{m:active.total}{v:active.total}{list:active}。",
        "{Y}年度{self}共计{m:active.total}{v:active.total}，{cum:active.total}。",
        "本年度新增{m:active.total}{v:active.total}，{prev:active.total}。",
        "{self}通过{site}等渠道{m:active.total}{v:active.total}{list:active}，{growth}。",
        "截至{enddate}，{self}本年度{m:active.total}{v:active.total}{list:active}。",
        "{Y}年{self}{m:active.total}数量为{v:active.total}{list:active}。",
        "{self}坚持“以公开为常态、不公开为例外”，全年{m:active.total}{v:active.total}，{prev:active.total}。",
        "全年累计{m:active.total}{v:active.total}{list:active}。",
        "在主动公开方面，{self}全年{m:active.total}{v:active.total}{list:active}，内容涵盖机构职能、政策法规、工作动态等。",
        "{Y}年，{self}{m:active.total}共{v:active.total}，{cum:active.total}，公开信息的及时性和准确性进一步提高。",
        "一年来，{self}{m:active.total}{v:active.total}，{delta:active.total}{list:active}。",
        "（{ord}）主动公开情况。{Y}年{self}{m:active.total}{v:active.total}{list:active}。",
        "全年{self}{m:active.total}达{v:active.total}{list:active}。",
    ),
    "active_items": (
        "按信息类别分，{items:active}。",
        "从公开内容看，{items:active}。",
    ),
    "normative": (
        "{Y}年，{self}{m:active.normative_documents_issued}{v:active.normative_documents_issued}，均按规定及时向社会公开。",
        "全年公开{m:active.normative_documents}{v:active.normative_documents}，公开率达{rate}。",
        "对{Y}年出台的{v!:active.normative_documents}{m:active.normative_documents}，{self}均同步进行了政策解读。",
        "本年度{self}{m:active.normative_documents_issued}{v:active.normative_documents_issued}，{om:cleanup}{ov:cleanup}。",
        "{self}严格落实规范性文件“三统一”制度，全年{m:active.normative_documents_issued}{v:active.normative_documents_issued}，经合法性审查后全部公开。",
        "全年{om:cleanup}{ov:cleanup}，并在{site}公布了现行有效的规范性文件目录。",
    ),
    "key_areas": (
        "在重点领域方面，全年公开{m:active.key_areas}{v:active.key_areas}，涉及财政预决算、环境保护、食品药品安全等领域。",
        "围绕群众关注的热点难点问题，{self}公开{m:active.key_areas|重点领域信息,重点领域政府信息}{v:active.key_areas}。",
        "{Y}年，{self}突出重点，公开{m:active.key_areas}{v:active.key_areas}，其中{om:budget_pub}{ov:budget_pub}。",
        "在重点领域信息公开方面，{items:keyareas}。",
        "{Y}年，{self}{items:keyareas}。",
        "全年公开{m:active.key_areas}{v:active.key_areas}{list:keyareas}。",
        "（{ord}）重点领域信息公开。{items:keyareas}。",
    ),
    "platforms": (
        "{self}{items:platform}。",
        "全年通过{m:active.via_website}{v:active.via_website}，通过{m:active.via_wechat}{v:active.via_wechat}。",
        "{self}充分发挥政务新媒体作用，“{wx}”微信公众号全年{m:active.via_wechat|推送信息,发布信息}{v:active.via_wechat}，{m:active.via_weibo}{v:active.via_weibo}。",
        "{site}全年{m:active.via_website}{v:active.via_website}，{om:visits}{ov:visits}。",
        "依托{site}，全年{m:active.via_website}{v:active.via_website}，开设{om:columns}{ov:columns}。",
        "在{m:active.via_gazette}{v:active.via_gazette}，方便公众查阅。",
        "{self}在便民服务中心设立{m:organization.reading_points}{v:organization.reading_points}，配备电脑、触摸屏等设施，方便群众查阅。",
        "全年更新{om:boards}{ov:boards}，发放{om:materials}{ov:materials}。",
        "{self}共设置{m:organization.reading_points}{v:organization.reading_points}，并在各村（社区）设立公开栏。",
    ),
    "response": (
        "全年发布{m:response.policy_interpretations}{v!:response.policy_interpretations}，{om:graphics}{ov:graphics}。",
        "围绕重要政策文件，{self}采取图文、视频等多种形式开展{m:response.policy_interpretations}{v:response.policy_interpretations}。",
        "{Y}年共{m:response.hot_topics}{v:response.hot_topics}，召开{m:response.press_conferences}{v:response.press_conferences}。",
        "全年召开{v!:response.press_conferences}{m:response.press_conferences}，{self}主要负责同志出席并回答记者提问。",
        "全年召开{m:response.press_conferences}{v!:response.press_conferences}，其中{m:response.press_conferences_by_heads}{v:response.press_conferences_by_heads}。",
        "{self}负责同志参加{site}{m:response.online_interviews}{v!:response.online_interviews}，与网民在线交流。",
        "及时{m:response.hot_topics}{v!:response.hot_topics}，办复率达{rate}。",
        "全年共{m:response.hot_topics}{v!:response.hot_topics}，有效引导了社会舆论。",
        "本年度{self}发布{v!:response.policy_interpretations}{m:response.policy_interpretations}，解读率{rate}。",
        "{Y}年，{self}共开展{m:response.policy_interpretations}{v:response.policy_interpretations}，较{PY}年{delta:response.policy_interpretations}。",
        "{self}坚持政策性文件与解读方案、解读材料同步起草、同步审签、同步发布，全年发布{m:response.policy_interpretations}{v:response.policy_interpretations}。",
    ),
    "requests": (
        "{Y}年，{self}共受理{m:requests.received}{v:requests.received}{list:channels}{list:outcomes}。",
        "全年{z:requests.received|未}收到{m:requests.received|政府信息公开申请,信息公开申请}。",
        "本年度{self}{z:requests.received|没有}收到公民、法人或其他组织提出的{m:requests.received|政府信息公开申请,信息公开申请}。",
        "{Y}年{self}共收到{m:requests.received}{v!:requests.received}{list:channels}，均已在法定期限内办结。",
        "全年共收到{v!:requests.received}{m:requests.received|政府信息公开申请,信息公开申请}{list:outcomes}。",
        "{self}全年受理{m:requests.received}{v!:requests.received}，{m:requests.answered}{v:requests.answered}，按时办结率{rate}。",
        "受理{m:requests.received}{v:requests.received}，{prev:requests.received}。",
        "{Y}年度，{self}共受理{m:requests.received}{v:requests.received}{list:outcomes}。",
        "本年度{self}{m:requests.received}受理量为{z:requests.received|零}。",
        "截至{enddate}，{self}{z:requests.received|未}受理{m:requests.received|政府信息公开申请,信息公开申请}。",
        "{Y}年{self}{z:requests.received|无}{m:requests.received|依申请公开,政府信息公开申请}事项。",
        "本年度{self}收到{m:requests.received}{v!:requests.received}，已{m:requests.closed}{v:requests.closed}，答复率{rate}。",
        "{self}{Y}年共受理{m:requests.received}{v:requests.received}，与{PY}年相比{delta:requests.received}。",
        "全年{self}{z:requests.received|未}接到{m:requests.received|政府信息公开申请,信息公开申请}，{z:complaints.total|未}收到有关政府信息公开的{m:complaints.total}。",
        "全年共受理{m:requests.received}{v:requests.received}。从申请方式看，{items:channels}。从答复情况看，{items:outcomes}。",
        "全年受理的{m:requests.received}{v!:requests.received}均已办结，其中{m:requests.closed_on_time}{v:requests.closed_on_time}，{m:requests.closed_late}{v:requests.closed_late}。",
        "{Y}年共受理{m:requests.received}{v!:requests.received}，{m:requests.denied}{v!:requests.denied}，其中{items:denied}。",
    ),
    "request_items": (
        "从申请方式看，{items:channels}。",
        "按申请渠道分，{items:channels}。",
        "从办理结果看，{items:outcomes}。",
        "在已答复的申请中，{items:outcomes}。",
        "对{m:requests.denied}{v!:requests.denied}的申请，均依法说明了理由，其中{items:denied}。",
    ),
    "consult": (
        "全年接受{m:consultations.total}{v:consultations.total}{list:consult}。",
        "{self}接待群众{m:consultations.total}{v:consultations.total}，其中{items:consult}。",
        "各科室接受社会公众上门或电话{m:consultations.total}{v!:consultations.total}{list:consult}，咨询内容主要集中在低保、医保、就业等方面。",
        "受理{m:consultations.total}{v!:consultations.total}，解答率{rate}。",
        "{Y}年共接待{v!:consultations.total}{m:consultations.total|群众咨询,咨询}，均当场或限期予以答复。",
        "{items:consult}，均得到了及时答复。",
        "全年{self}答复{m:consultations.total}{v:consultations.total}，较上年{delta:consultations.total}。",
    ),
    "fees": (
        "{Y}年，{self}在依申请公开工作中{z:fees.amount|未}收取任何{m:fees.amount|费用}。",
        "全年{m:fees.amount}{v:fees.amount}。",
        "{Y}年度，{self}{z:fees.amount|没有}收取{m:fees.amount|信息处理费}，也不存在减免情况。",
        "本年度依申请公开信息收取的{m:fees.amount|费用}为{v:fees.amount}。",
        "{self}{z:fees.amount|无}{m:fees.amount|收费}及减免情况。",
        "{Y}年{self}政府信息公开{z:fees.amount|没有}{m:fees.amount|收费}。",
        "{self}对依申请公开的政府信息{z:fees.amount|未}收取检索、复制、邮寄等{m:fees.amount|费用}。",
        "全年按规定收取检索、复制、邮寄等{m:fees.amount|费用}共计{v!:fees.amount}，无减免情况。",
        "本机关{Y}年{z:fees.amount|未}收取{m:fees.amount|信息处理费}。",
    ),
    "review": (
        "{Y}年，{self}{z:review.total+litigation.total|未}发生因政府信息公开引起的{m:review.total}和{m:litigation.total}。",
        "本年度{self}{z:review.total+litigation.total|没有}因政府信息公开申请被提起{m:review.total}、{m:litigation.total}的情况。",
        "{Y}年，{self}{z:review.total|未}收到{m:review.total}申请。",
        "因政府信息公开申请提起的{m:review.total}、{m:litigation.total}均为{v:review.total+litigation.total}。",
        "全年发生{m:review.total}{v:review.total}{list:review}，{m:litigation.total}{v:litigation.total}。",
        "{self}{z:review.total+litigation.total+complaints.total|无}{m:review.total}、{m:litigation.total}及{m:complaints.total}情况。",
        "全年实现政府信息公开{m:review.total}、{m:litigation.total}“{z:review.total+litigation.total|零}”发生。",
        "{Y}年度共发生政府信息公开{m:review.total|行政复议案件}{v:review.total}{list:review}。",
        "{Y}年{self}因政府信息公开被申请{m:review.total}{v:review.total}，被提起{m:litigation.total}{v:litigation.total}。",
        "全年发生{v!:review.total}{m:review.total|行政复议案件}，经复议{items:review}。",
        "{Y}年，{self}收到{m:complaints.total}{v!:complaints.total}，均已调查处理并反馈。",
        "全年{z:complaints.total|未}收到有关政府信息公开的{m:complaints.total}。",
        "本年度{m:litigation.total}{v:litigation.total}，其中{m:litigation.corrected}{v:litigation.corrected}。",
        "因政府信息公开被提起{m:litigation.total}{v!:litigation.total}，其中法院判决{m:litigation.upheld}{v:litigation.upheld}，{m:litigation.corrected}{v:litigation.corrected}。",
        "{self}{Y}年{z:review.total|未}发生{m:review.total}，{z:litigation.total|未}发生{m:litigation.total}。",
        "{Y}年，{self}{z:review.total+litigation.total+other:incidents.appeals|未}发生针对本单位政府信息公开的{m:review.total|行政复议案,行政复议申请}、{m:litigation.total|行政诉讼案}以及{om:incidents.appeals}。",
        "本年度{self}{z:review.total+litigation.total+other:incidents.appeals|没有,未}接到有关政府信息公开事务的{m:review.total|行政复议案,行政复议案件}、{m:litigation.total|行政诉讼案,行政诉讼案件}和有关的{om:incidents.appeals}。",
    ),
    "training": (
        "{Y}年，{self}召开{m:training.meetings}{v:training.meetings}，研究部署政务公开工作。",
        "{self}举办{m:training.courses}{v:training.courses}，{m:training.trainees}{v:training.trainees}。",
        "组织开展{m:training.courses}{v:training.courses}，{m:training.trainees}达{v:training.trainees}。",
        "于{months}举办了{v!:training.courses}{m:training.courses}，{v!:training.trainees/名}{m:training.trainees|干部职工,干部}参加了培训。",
        "全年共召开{m:training.meetings}{v:training.meetings}，举办{m:training.courses}{v:training.courses}，{m:training.trainees}{v:training.trainees}。",
        "为提升工作人员业务能力，{self}举办{v!:training.courses}{m:training.courses}，{m:training.trainees}{v:training.trainees}。",
        "全年召开{v!:training.meetings}{m:training.meetings}，及时传达学习上级有关文件精神。",
        "{self}选派业务骨干参加上级组织的{m:training.courses}{v:training.courses}，学习交流先进经验。",
    ),
    "organization": (
        "{self}确定{m:organization.staff_full_time}{v:organization.staff_full_time}、{m:organization.staff_part_time}{v:organization.staff_part_time}负责政府信息公开日常工作。",
        "安排{v!:organization.staff/名}{m:organization.staff|工作人员,正式工作人员}具体负责政府信息公开日常工作。",
        "目前，{self}共有{m:organization.staff}{v:organization.staff}，其中{m:organization.staff_full_time}{v:organization.staff_full_time}。",
        "{self}设立{m:organization.dedicated_bodies}{v!:organization.dedicated_bodies}，落实{m:organization.budget}{v!:organization.budget}。",
        "全年安排{m:organization.budget}{v:organization.budget}，保障了政府信息公开工作的正常开展。",
        "各科室明确{v!:organization.staff_part_time/名}{m:organization.staff_part_time|兼职信息员}，负责本科室信息的收集和报送。",
    ),
    "other": (
        "全年向上级报送{om:info_reports}{ov:info_reports}。",
        "全年接待{om:service_people}{ov:service_people}，群众满意率达{rate}。",
        "办理{om:hotline}{ov:hotline}，按期办结率{rate}。",
        "全年发放{om:materials}{ov:materials}，进一步扩大了政务公开的知晓面。",
        "办理{om:npc}{ov:npc}、{om:cppcc}{ov:cppcc}，办复率{rate}。",
        "{Y}年共承办{om:npc}{ov:npc}，{om:cppcc}{ov:cppcc}，均按时办结并公开办理结果。",
        "全年办理{om:appeals}{ov:appeals}，结案率{rate}。",
        "梳理{om:catalog}{ov:catalog}，逐项明确公开主体、公开时限和公开方式。",
        "公开{om:budget_pub}{ov:budget_pub}，接受社会监督。",
        "{self}每周推送原创信息{range}，通过公众平台与居民互动沟通。",
    ),
    # the year's general work, as township and street-office reports state it beside disclosure
    "work": (
        "全年共开展{om:work.inspections}{ov:work.inspections}，排查整改{om:work.hazards}{ov:work.hazards}。",
        "{Y}年，{self}先后召开{om:work.meetings}{ov:work.meetings}，研究部署重点工作。",
        "全年为{ov:work.households}{om:work.households}发放{om:work.funds}{ov:work.funds}。",
        "累计走访{om:work.firms}{ov:work.firms}，发放{om:work.flyers}{ov:work.flyers}。",
        "组织{om:work.hours}{ov:work.hours}，参学人员覆盖全体机关干部。",
        "推进{om:work.projects}{ov:work.projects}，完成年度目标任务。",
        "全年提供{om:work.jobs}{ov:work.jobs}，较上年有所增加。",
        "组织开展{om:work.events}{ov:work.events}，丰富了居民文化生活。",
        "全年完成{om:work.area}{ov:work.area}，辖区环境明显改善。",
        "{self}现有{om:work.households}{ov:work.households}，均已纳入动态管理。",
        "开展{om:work.inspections}{ov:work.inspections}，发现{om:work.hazards}{ov:work.hazards}并全部整改到位。",
        "全年{om:work.garbage}{ov:work.garbage}，完成{om:work.area}{ov:work.area}。",
        "全年发放{om:work.flyers}{ov:work.flyers}，举办{om:work.events}{ov:work.events}。",
    ),
    "plans": (
        "{NY}年，{self}计划{plan}，进一步提升工作人员业务水平。",
        "下一步，{self}将{plan}，持续提高政务公开质量。",
        "力争{NY}年{plan2}。",
        "{NY}年{self}将组织开展政务公开专题培训，{plan}。",
    ),
    "distractor": (
        "{self}于{date}印发了《{doctitle}》（{docno}），进一步规范了工作流程。",
        "根据《条例》{art}规定，{self}认真编制并发布本年度报告。",
        "按照{docorg}《关于做好{Y}年政务公开工作的通知》（{docno}）要求，{self}对公开目录进行了全面梳理。",
        "{self}按时办结率达{rate}，群众满意率{rate}。",
        "与{PY}年相比，信息公开数量{growth}。",
        "深入学习贯彻党的{congress}精神，把政务公开作为全年重点工作来抓。",
        "全面推行“一网通办”和“最多跑一次”改革，落实首问负责制、一次性告知制、限时办结制。",
        "{self}在{date}召开的全体会议上专题部署了政务公开工作。",
        "{Y}年{months}，{self}对门户网站进行了改版升级。",
        "招商引资完成全年任务的{pct}，同比增长{pct}。",
    ),
}

# zero statements of things that did not happen (non-schema counts, ``{oz:K}`` + ``{om:K}``)
TEMPLATES_INCIDENTS = (
    "{self}严格落实信息发布保密审查制度，全年{oz:incidents.leaks|未}发生{om:incidents.leaks}。",
    "坚持“先审查、后公开”，有力保障了政府信息公开{oz:incidents.leaks|无}{om:incidents.leaks}发生。",
    "全年政府信息公开工作{oz:incidents.leaks|未}发生{om:incidents.leaks}情况。",
    "{Y}年{self}{oz:incidents.leaks|没有}出现{om:incidents.leaks}。",
    "{self}{oz:incidents.omissions|未}出现{om:incidents.omissions}。",
    "{Y}年度{oz:incidents.omissions|没有}发生{om:incidents.omissions}，也{oz:incidents.leaks|未}发生{om:incidents.leaks}。",
    "全年辖区{oz:incidents.safety|未}发生{om:incidents.safety}，{oz:incidents.petitions|无}{om:incidents.petitions}。",
    "{self}{oz:incidents.safety|无}{om:incidents.safety}发生，社会大局和谐稳定。",
)

# templates of the 2021+ format's section 六 and the 2019+ 总体情况 subsections
TEMPLATES_2021_OTHER = (
    "本年度{self}{z:fees.amount|未}收取{m:fees.amount|信息处理费}。",
    "{Y}年，{self}依据《政府信息公开信息处理费管理办法》{z:fees.amount|未}收取{m:fees.amount|信息处理费}。",
    "本年度{self}收取{m:fees.amount|信息处理费}{v:fees.amount}。",
    "{Y}年度{self}{z:fees.amount|无}{m:fees.amount|信息处理费}收取情况。",
)

# ---------------------------------------------------------------------------
# distractor phrases (never labelled)

# each names the running total as such (现已, 已达, 截至, 历年, 以来: the guide's rule); a bare 累计 in a
# list of the year's work (累计发放低保金…元, 全年累计…) is the year's own total and is labelled
CUMULATIVE = (
    "现已累计公开政府信息{n}",
    "历年累计主动公开政府信息{n}",
    "截至{Y}年底，累计公开各类信息{n}",
    "自《条例》实施以来累计公开{n}",
    "平台累计发布信息已达{n}",
    "系统累计主动公开政府信息已达{n}",
    "截至目前，累计发布{n}",
)
PREVIOUS = (
    "上年度为{n}",
    "{PY}年为{n}",
    "上年同期为{n}",
    "{PY}年同期{n}",
    "比上年增加{d}",
    "较上年减少{d}",
    "同比增长{pct}",
)
DELTA = ("同比增加{d}", "比上年增加{d}", "较上年减少{d}", "增长{pct}", "同比下降{pct}", "较上年增加{d}")
GROWTH = ("同比增长{pct}", "较上年增长{pct}", "比上年提高{pct}", "同比上升{pct}", "环比增长{pct}")
PLANS = (
    "举办培训班{n}", "组织专题培训{n}", "召开工作会议{n}", "新增公开目录{n}", "更新公开栏{n}",
)
PLANS2 = (
    "主动公开政府信息数量达到{n}以上", "政务微博、微信发布信息{n}以上", "依申请公开按时办结率达到{pct}",
)
ARTICLES = ("第三十二条", "第五十条", "第二十条", "第十九条", "第二十一条", "第三十一条", "第四十九条")
RATES = ("100%", "100%", "98.5%", "99%", "96.3%", "97%", "100％")
PAGE_FOOTERS = ("— {p} —", "- {p} -", "—{p}—", "第{p}页", "第 {p} 页 共 {t} 页", "·{p}·", "{p}", "－{p}－")

# ---------------------------------------------------------------------------
# headings

# ---------------------------------------------------------------------------
# the year's general work as long lists of counts (township and street-office reports): built by
# gainer.annotate.synth._Report.work_list from a topic, a thing counted and a verb. The METRIC is the
# whole noun phrase after the verb (topic + thing: 消防安全宣传单), the verb stays outside unless it is
# what tells the count apart (WORK_VO: 走访困难群众).

WORK_TOPICS = (
    "安全生产", "消防安全", "食品安全", "防汛", "燃气安全", "交通安全", "森林防火", "计生", "健康教育",
    "环境卫生", "禁毒", "防范电信诈骗", "普法", "垃圾分类", "文明城市创建", "扫黑除恶", "征兵", "双拥",
    "民族团结", "老年人权益保障", "人口普查", "医保政策", "社会救助", "就业创业", "国家安全", "反邪教",
)
# a thing any topic can qualify: (thing, units, verbs, (lo, hi))
WORK_THINGS = (
    ("宣传单", ("份", "张"), ("发放", "印发", "散发"), (100, 30000)),
    ("宣传手册", ("册", "份", "本"), ("发放", "印制"), (50, 10000)),
    ("宣传资料", ("份",), ("发放", "分发"), (100, 20000)),
    ("宣传展板", ("块",), ("制作", "设置"), (2, 60)),
    ("展板", ("块",), ("制作", "摆放"), (2, 60)),
    ("宣传横幅", ("条", "幅"), ("悬挂",), (2, 200)),
    ("板报", ("块", "期"), ("出", "更新"), (2, 80)),
    ("宣传片", ("场", "次"), ("播放", "观看"), (1, 50)),
    ("专题会议", ("次", "场"), ("召开",), (1, 40)),
    ("工作推进会", ("次", "场"), ("召开",), (1, 30)),
    ("知识讲座", ("次", "场", "期"), ("举办", "开展", "组织"), (1, 40)),
    ("培训班", ("期", "场"), ("举办",), (1, 30)),
    ("应急演练", ("次", "场"), ("组织", "开展"), (1, 30)),
    ("专项检查", ("次", "家次"), ("开展",), (1, 300)),
    ("大检查", ("次",), ("开展", "组织"), (1, 50)),
    ("专项整治活动", ("次", "场"), ("开展",), (1, 40)),
    ("宣传活动", ("场", "次"), ("开展", "组织"), (1, 100)),
    ("志愿服务活动", ("场", "次"), ("开展", "组织"), (1, 200)),
    ("入户宣传", ("户", "户次"), ("开展",), (20, 5000)),
    ("咨询台", ("个", "处"), ("设立", "设置"), (1, 30)),
)
# things of one topic only, named in full: (thing, units, verbs, (lo, hi))
WORK_NAMED = (
    ("防汛抢险人员", ("人", "名", "人次"), ("出动", "组织"), (10, 500)),
    ("撤离通知书", ("份", "张"), ("张贴", "送达"), (10, 2000)),
    ("执法人员", ("人次", "名"), ("出动",), (10, 2000)),
    ("巡查车辆", ("车次", "辆"), ("出动",), (2, 500)),
    ("创业带头人", ("人", "名"), ("培育", "扶持"), (1, 80)),
    ("再就业", ("人", "名"), ("完成", "实现"), (5, 800)),
    ("就业失业登记证", ("本", "人", "张"), ("办理", "发放"), (10, 900)),
    ("城乡居民养老保险", ("人",), ("办理", "新增参保"), (10, 3000)),
    ("低保户", ("户",), ("新增", "核查"), (1, 400)),
    ("临时救助", ("人次", "户"), ("实施", "办理"), (1, 500)),
    ("免费义诊", ("次", "场"), ("开展", "组织"), (1, 60)),
    ("健康体检", ("人次", "人"), ("组织",), (50, 5000)),
    ("流动人口", ("人", "名"), ("登记", "新登记"), (10, 5000)),
    ("新出生婴儿", ("人", "名"), ("登记",), (10, 900)),
    ("独生子女父母光荣证", ("本", "个"), ("办理", "发放"), (1, 300)),
    ("生育服务证", ("本", "个"), ("办理",), (1, 300)),
    ("违章建筑", ("处", "平方米"), ("拆除", "查处"), (1, 300)),
    ("卫生死角", ("处",), ("清理", "整治"), (5, 800)),
    ("建筑垃圾", ("吨", "车次"), ("清运", "清理"), (5, 5000)),
    ("占道经营", ("起", "处"), ("查处", "劝导"), (5, 2000)),
    ("矛盾纠纷", ("件", "起"), ("调处", "化解", "排查"), (5, 600)),
    ("信访案件", ("件", "起"), ("办结", "受理"), (1, 300)),
    ("入党积极分子", ("名", "人"), ("发展", "培养"), (1, 40)),
    ("主题党日活动", ("次", "场"), ("开展", "组织"), (2, 40)),
    ("志愿者", ("名", "人", "人次"), ("招募", "组织"), (10, 3000)),
    ("孕前优生检查", ("对", "人"), ("组织", "完成"), (2, 300)),
    ("用工洽谈会", ("场", "次"), ("举办", "组织"), (1, 20)),
)
# counts whose verb belongs to what is counted: (phrase, units, (lo, hi))
WORK_VO = (
    ("走访困难群众", ("户", "人次"), (5, 900)),
    ("走访辖区企业", ("家", "家次"), (5, 900)),
    ("走访经营单位", ("家", "户"), (5, 900)),
    ("接待来访群众", ("人次", "批"), (5, 3000)),
    ("接待办事群众", ("人次",), (50, 20000)),
    ("为群众办理事项", ("件", "项"), (50, 20000)),
    ("调解邻里纠纷", ("件", "起"), (2, 300)),
    ("排查安全隐患", ("处", "项"), (2, 600)),
    ("整改安全隐患", ("处", "项"), (2, 600)),
    ("审核退休人员", ("人", "名"), (10, 9000)),
    ("采集就业信息", ("条",), (10, 900)),
    ("提供就业岗位", ("个",), (10, 900)),
    ("移交档案", ("卷", "件"), (5, 900)),
    ("整理档案", ("卷", "盒"), (5, 900)),
    ("报送政务信息", ("条", "篇"), (5, 300)),
    ("慰问困难党员", ("人", "名"), (2, 200)),
    ("清理小广告", ("处", "张"), (20, 9000)),
    ("办理居住证", ("张", "个"), (5, 3000)),
    ("受理低保申请", ("件", "户"), (2, 400)),
    ("培训社区干部", ("人次", "名"), (10, 900)),
    ("签订安全生产责任书", ("份",), (10, 900)),
    ("更新公开栏", ("期", "次"), (2, 60)),
)
# money and head counts that a list states as "<what> <verb> <figure>": (phrase, units, (lo, hi))
WORK_PAID = (
    ("残疾人两项补贴", ("元", "人次", "人"), (20, 900000)),
    ("高龄津贴", ("元", "人"), (20, 900000)),
    ("低保金", ("元",), (5000, 9000000)),
    ("临时救助金", ("元",), (1000, 500000)),
    ("困难群众慰问金", ("元",), (1000, 500000)),
    ("独生子女奖励扶助金", ("元", "人")  , (20, 500000)),
    ("失业保险金", ("元", "人"), (20, 900000)),
    ("优抚金", ("元",), (1000, 900000)),
    ("取暖补贴", ("元", "户"), (20, 900000)),
    ("4050人员社保补贴", ("人", "元"), (10, 900000)),
)
WORK_PAY_VERBS = ("发放", "兑现", "落实", "发放到位", "审核发放", "累计发放", "全年累计发放")
# the same paid out, verb first (累计发放低保金…元): the year's total, unlike a monthly rate (WORK_RATES)
WORK_PAY_BEFORE = ("发放", "累计发放", "全年发放", "审核发放", "兑现", "全年累计发放", "共发放")
# monthly rates beside a list of the year's work: not counts of the year, never labelled ({w}: a WORK_PAID name)
WORK_RATES = ("月发放{w}{n}元", "每月发放{w}{n}元", "每人每月{n}元", "月人均补助{n}元", "按每人每月{n}元标准发放{w}", "月均发放{w}{n}元")
# two things counted by one figure are one METRIC (发放宣传单及宣传手册2000余份, 开展安全大检查、大排查4次)
WORK_JOINERS = ("、", "及", "和", "及", "、")
# the year's economic and task indicators of a township or district report, stated as
# "<verb> <indicator> <figure>" or "<indicator> <verb> <figure>": (indicator, units, (lo, hi))
WORK_TARGETS = (
    ("财政收入", ("万元",), (100, 90000)),
    ("一般公共预算收入", ("万元", "亿元"), (1, 9000)),
    ("税收收入", ("万元",), (100, 90000)),
    ("社会消费品零售总额", ("亿元", "万元"), (1, 900)),
    ("规模以上工业总产值", ("亿元", "万元"), (1, 900)),
    ("到位资金", ("万元", "亿元"), (5, 90000)),
    ("项目建设投资", ("万元", "亿元"), (5, 90000)),
    ("签约项目", ("个", "项"), (1, 60)),
    ("新开工项目", ("个", "项"), (1, 60)),
    ("新增市场主体", ("户", "家"), (10, 3000)),
    ("新增规上企业", ("家", "个"), (1, 30)),
    ("城镇新增就业", ("人",), (50, 9000)),
    ("农村劳动力转移就业", ("人", "人次"), (50, 9000)),
    ("土地征收", ("亩",), (5, 3000)),
    ("棚户区改造", ("户", "套"), (10, 3000)),
    ("植树造林", ("亩", "株"), (10, 90000)),
    ("农村危房改造", ("户",), (2, 300)),
    ("义务兵征集", ("名", "人"), (2, 80)),
)
WORK_TARGET_VERBS = ("完成", "实现", "完成", "累计完成", "全年完成")
WORK_TARGET_BETWEEN = ("完成", "实现", "达到", "达", "累计完成")
# who a report counts at the year's end ("现有<who><figure>"; the guide marks a year-end headcount)
WORK_STOCK = (
    ("特困供养人员", ("人", "名")), ("残疾人", ("人", "名")), ("80岁以上老人", ("人", "名")), ("空巢老人", ("人", "名")),
    ("留守儿童", ("名", "人")), ("退役军人", ("人", "名")), ("重点优抚对象", ("人", "名")), ("育龄妇女", ("人", "名")),
    ("常住人口", ("人",)), ("户籍人口", ("人", "户")), ("外来务工人员", ("人", "名")), ("网格员", ("名", "人")),
    ("社区工作者", ("名", "人")), ("精准扶贫对象", ("户", "人")), ("城市低保对象", ("户", "人")), ("农村五保对象", ("人", "户")),
)
WORK_STOCK_LEADS = ("现有", "辖区现有", "辖区内共有", "全街共有", "截至年底，共有", "登记在册", "现有在册")
# people helped, stated value first: "帮助<figure><who>…"
WORK_WHO = (
    ("困难家庭", ("户",)), ("失业人员", ("人", "名")), ("残疾人", ("人", "名")), ("高龄老人", ("人", "名")),
    ("留守儿童", ("名", "人")), ("辖区企业", ("家",)), ("低保对象", ("户", "人")),
    ("高校毕业生", ("名", "人")), ("就业困难人员", ("名", "人")), ("下岗职工", ("名", "人")), ("返乡农民工", ("名", "人")),
)
WORK_HELP = ("帮助{v}{m}解决了实际困难", "为{v}{m}办理了相关手续", "解决了{v}{m}的住房难问题", "救助{v}{m}",
             "慰问{v}{m}", "帮扶{v}{m}", "帮助{v}{m}实现就业", "为{v}{m}申请了救助")
WORK_LEADS = ("全年", "全年共", "{Y}年，{self}", "{self}", "街道、社区共", "本年度", "一年来，", "同时，", "{Y}年度共", "")
WORK_TOPIC_LEADS = ("是抓好{t}工作。", "是扎实推进{t}工作，", "是落实{t}各项措施。", "是强化{t}宣传，")
WORK_TAILS = ("结案率{pct}", "完成全年任务的{pct}", "同比增长{pct}", "办结率{pct}", "覆盖率达{pct}")

LEGACY_HEADINGS = (
    ("一、概述", "一、基本情况", "一、概况", "一、总体情况"),
    ("二、主动公开政府信息情况", "二、主动公开政府信息的情况", "二、政府信息主动公开情况"),
    ("三、依申请公开政府信息情况", "三、政府信息依申请公开情况", "三、依申请公开政府信息和不予公开政府信息的情况"),
    ("四、政府信息公开的收费及减免情况", "四、政府信息公开收费及减免情况", "四、收费及减免情况"),
    ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、行政复议和行政诉讼情况", "五、因政府信息公开申请提起行政复议、行政诉讼的情况"),
    ("六、存在的主要问题和改进措施", "六、政府信息公开工作存在的主要问题及改进措施", "六、存在的问题和改进措施"),
    ("七、其他需要报告的事项", "七、需要说明的其他事项"),
)
NEW_HEADINGS = (
    ("一、总体情况",),
    ("二、主动公开政府信息情况",),
    ("三、收到和处理政府信息公开申请情况",),
    ("四、政府信息公开行政复议、行政诉讼情况",),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题及改进措施"),
    ("六、其他需要报告的事项",),
)
SUBHEADINGS_2019 = ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障")
SUBHEADINGS_2019_ALT = ("（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）政府信息公开平台建设情况", "（五）监督保障情况")

# ---------------------------------------------------------------------------
# filler (no figures)

ADVERBS = ("进一步", "切实", "不断", "持续", "扎实", "全面", "认真", "积极", "着力")
VERBS = ("加强", "完善", "规范", "推进", "深化", "健全", "落实", "强化", "优化")
OBJECTS = (
    "政府信息公开工作机制", "信息发布审核制度", "公开目录编制工作", "政务公开标准化规范化建设", "政策解读工作",
    "依申请公开办理流程", "保密审查机制", "门户网站建设", "政务新媒体管理", "政府信息管理", "公开平台建设",
    "监督考核机制", "重点领域信息公开", "回应关切工作", "信息公开队伍建设", "基层政务公开工作",
)
PURPOSES = (
    "确保信息公开及时、准确、规范", "提高行政工作透明度", "切实保障人民群众的知情权、参与权、表达权和监督权",
    "推动政务公开工作再上新台阶", "增强政府公信力和执行力", "提升政务服务水平", "为群众提供更加便捷的信息服务",
    "营造公开透明的政务环境", "促进依法行政", "不断提高群众满意度",
)

FILLER = {
    "intro": (
        "{Y}年，{self}在{upper}的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，以公开促落实、以公开促规范、以公开促服务，扎实推进政府信息公开工作。",
        "{Y}年，{self}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，政府信息公开工作取得了新成效。",
        "{self}高度重视政府信息公开工作，把政府信息公开工作纳入年度工作重点，主要领导亲自抓，分管领导具体抓，形成了一级抓一级、层层抓落实的工作格局。",
        "{Y}年，{self}以建设法治政府、服务型政府为目标，紧紧围绕中心工作，不断拓展公开领域，创新公开方式，政府信息公开工作运行平稳。",
        "现将{self}{Y}年度政府信息公开工作情况报告如下。",
        "在具体工作中，{self}对政府信息公开工作高度重视，各职能科室认真贯彻落实政府信息公开工作的有关制度，对上网发布信息的采集、分类、整理、审批等工作制定了相应的流程。",
    ),
    "active": (
        "{self}充分利用门户网站、政务微博、微信公众号、公开栏等载体，及时准确公开政府信息。",
        "在公开内容上，重点公开机构职能、政策法规、规划计划、财政预决算、人事信息等群众普遍关心的内容。",
        "坚持“谁公开、谁审核、谁负责”和“先审查、后公开”的原则，确保公开信息不涉密、涉密信息不公开。",
        "对涉及群众切身利益的民政救助、医疗保障、就业创业等政策法规，及时通过多种渠道向社会公开。",
        "通过政务公开栏、电子显示屏、便民服务手册等形式，方便群众及时了解政策信息和工作动态。",
    ),
    "requests": (
        "{self}严格按照《条例》规定，规范依申请公开的受理、审查、处理、答复等各环节工作。",
        "对收到的申请，{self}均按照法定时限和程序进行了答复，没有出现超期答复的情况。",
        "{self}在办公场所设立了依申请公开受理点，公布了受理机构、受理时间和联系方式。",
        "进一步完善依申请公开工作规程，明确受理、审查、处理、答复、归档等环节的具体要求。",
    ),
    "fees": (
        "{self}严格执行国家有关收费规定，未设立任何收费项目。",
        "依申请公开政府信息按照国家有关规定执行，对符合减免条件的申请人依法予以减免。",
    ),
    "review": (
        "{self}积极做好依申请公开答复工作，依法保障申请人的合法权益。",
        "对可能引发行政争议的申请，{self}在答复前进行法律审核，有效防范了法律风险。",
    ),
    "problems": (
        "一是公开内容还不够全面，部分信息更新不够及时。",
        "二是政策解读的形式还比较单一，解读的针对性和实效性有待提高。",
        "三是工作人员业务水平有待进一步提升，信息公开队伍建设还需加强。",
        "信息公开的深度和广度还有待进一步拓展，主动公开的意识还需进一步增强。",
        "基层政务公开工作发展不平衡，部分科室对信息公开工作重视程度不够。",
        "政务新媒体的互动功能发挥不充分，回应群众关切还不够及时。",
    ),
    "improve": (
        "{adv}{verb}{obj}，{purpose}。",
        "针对以上问题，{self}将从以下几个方面加以改进：",
        "加大业务培训力度，提高工作人员的业务素质和工作能力。",
        "加强对信息公开工作的监督检查，将政府信息公开工作纳入年度绩效考核。",
        "拓宽公开渠道，充分发挥政务新媒体作用，增强信息发布的时效性。",
    ),
    "management": (
        "动态调整主动公开基本目录，及时更新政府信息公开指南。",
        "开展行政规范性文件清理工作，对不符合有关规定的文件予以废止或修改。",
        "建立健全政府信息公开属性源头认定机制，信息起草科室在拟制公文时明确公开属性。",
    ),
    "platform": (
        "{self}不断加强门户网站建设，优化栏目设置，提升网站的信息发布和互动交流功能。",
        "加强政务新媒体规范管理，建立健全信息发布审核机制。",
        "依托政务服务平台，推进政务服务事项“一网通办”。",
    ),
    "oversight": (
        "{self}将政府信息公开工作纳入年度目标考核，定期开展督查，及时通报整改。",
        "主动接受社会评议和群众监督，畅通意见反馈渠道。",
        "严格落实政务公开责任追究制度，全年未发生因信息公开不当引发的问题。",
    ),
    "other": (
        "无其他需要报告的事项。",
        "本报告中所列数据的统计期限自{startdate}起至{enddate}止。",
        "{self}无其他需要报告的事项。",
    ),
}
