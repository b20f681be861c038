#!/usr/bin/env python3
"""Generate a synthetic Choucha rule repository for benchmarking.

Usage:
    python3 Benchmarks/generate.py OUTDIR [--items 10000] [--authorities 50000]
        [--departments 30] [--bundles 200] [--files 200] [--laws 200] [--seed 1]

The output is deterministic for a given set of arguments (stdlib `random` seeded
with --seed, no dependence on hash order or the clock).  The repository is built
to check clean (no errors, no warnings):

* every item cites an inspection authority of its own department (E0201/E0202);
* every inspection authority is either used by exactly one item or is exempt
  (W0205);
* every basis cites a law in force for the whole plan window (E0203);
* object types are unique to a department (`D07-食品经营者`), except the one
  object type shared by the items of a bundle (`餐饮-经营主体-B017`), and each
  item is in at most one bundle (W0404, E0405);
* each bundle has items of >= 2 departments and is led by one of them (E0401,
  W0402), and its window lies inside the plan window (E0403);
* class ratio maps list A..D exactly, non-decreasing with risk (E0303, W0302).

Keywords are a mix of English and Chinese: each declaration picks one language,
and about 15% of declarations mix languages field by field.
"""

import argparse
import os
import random
import sys

# --------------------------------------------------------------------------
# Vocabulary

DEPARTMENTS = [
    ("市场监督管理局", "local"), ("生态环境分局", "vertical"), ("应急管理局", "local"),
    ("卫生健康局", "local"), ("交通运输局", "local"), ("住房和城乡建设局", "local"),
    ("农业农村局", "local"), ("文化广电和旅游局", "local"), ("教育局", "local"),
    ("人力资源和社会保障局", "local"), ("自然资源和规划分局", "vertical"), ("水务局", "local"),
    ("商务局", "local"), ("城市管理综合行政执法局", "local"), ("消防救援大队", "vertical"),
    ("税务局", "vertical"), ("公安分局", "local"), ("民政局", "local"),
    ("医疗保障局", "local"), ("林业局", "local"), ("粮食和物资储备局", "local"),
    ("烟草专卖局", "vertical"), ("气象局", "vertical"), ("统计局", "local"),
    ("体育局", "local"), ("民族宗教事务局", "local"), ("发展和改革局", "local"),
    ("工业和信息化局", "local"), ("司法局", "local"), ("审计局", "local"),
]

REAL_LAWS = [
    ("食品安全法", "中华人民共和国食品安全法"), ("产品质量法", "中华人民共和国产品质量法"),
    ("药品管理法", "中华人民共和国药品管理法"), ("特种设备安全法", "中华人民共和国特种设备安全法"),
    ("计量法", "中华人民共和国计量法"), ("标准化法", "中华人民共和国标准化法"),
    ("广告法", "中华人民共和国广告法"), ("反不正当竞争法", "中华人民共和国反不正当竞争法"),
    ("价格法", "中华人民共和国价格法"), ("消费者权益保护法", "中华人民共和国消费者权益保护法"),
    ("电子商务法", "中华人民共和国电子商务法"), ("商标法", "中华人民共和国商标法"),
    ("专利法", "中华人民共和国专利法"), ("环境保护法", "中华人民共和国环境保护法"),
    ("大气污染防治法", "中华人民共和国大气污染防治法"), ("水污染防治法", "中华人民共和国水污染防治法"),
    ("固体废物污染环境防治法", "中华人民共和国固体废物污染环境防治法"),
    ("噪声污染防治法", "中华人民共和国噪声污染防治法"), ("安全生产法", "中华人民共和国安全生产法"),
    ("消防法", "中华人民共和国消防法"), ("道路交通安全法", "中华人民共和国道路交通安全法"),
    ("道路运输条例", "中华人民共和国道路运输条例"), ("建筑法", "中华人民共和国建筑法"),
    ("城乡规划法", "中华人民共和国城乡规划法"), ("土地管理法", "中华人民共和国土地管理法"),
    ("森林法", "中华人民共和国森林法"), ("农产品质量安全法", "中华人民共和国农产品质量安全法"),
    ("种子法", "中华人民共和国种子法"), ("动物防疫法", "中华人民共和国动物防疫法"),
    ("畜牧法", "中华人民共和国畜牧法"), ("教育法", "中华人民共和国教育法"),
    ("民办教育促进法", "中华人民共和国民办教育促进法"), ("劳动法", "中华人民共和国劳动法"),
    ("劳动合同法", "中华人民共和国劳动合同法"), ("社会保险法", "中华人民共和国社会保险法"),
    ("职业病防治法", "中华人民共和国职业病防治法"), ("传染病防治法", "中华人民共和国传染病防治法"),
    ("基本医疗卫生与健康促进法", "中华人民共和国基本医疗卫生与健康促进法"),
    ("医师法", "中华人民共和国医师法"), ("水法", "中华人民共和国水法"),
    ("防洪法", "中华人民共和国防洪法"), ("旅游法", "中华人民共和国旅游法"),
    ("文物保护法", "中华人民共和国文物保护法"), ("体育法", "中华人民共和国体育法"),
    ("统计法", "中华人民共和国统计法"), ("烟草专卖法", "中华人民共和国烟草专卖法"),
    ("气象法", "中华人民共和国气象法"), ("税收征收管理法", "中华人民共和国税收征收管理法"),
    ("审计法", "中华人民共和国审计法"), ("节约能源法", "中华人民共和国节约能源法"),
    ("行政处罚法", "中华人民共和国行政处罚法"), ("行政许可法", "中华人民共和国行政许可法"),
    ("个人信息保护法", "中华人民共和国个人信息保护法"), ("网络安全法", "中华人民共和国网络安全法"),
    ("优化营商环境条例", "优化营商环境条例"), ("市场主体登记管理条例", "中华人民共和国市场主体登记管理条例"),
    ("医疗器械监督管理条例", "医疗器械监督管理条例"), ("化妆品监督管理条例", "化妆品监督管理条例"),
    ("危险化学品安全管理条例", "危险化学品安全管理条例"), ("城镇燃气管理条例", "城镇燃气管理条例"),
]

OBJECT_TYPES = [
    "食品经营者", "食品生产者", "药品零售企业", "医疗器械经营企业", "特种设备使用单位",
    "计量器具使用单位", "广告经营者", "网络交易平台", "生产经营单位", "排污单位",
    "建筑施工企业", "道路运输企业", "公共场所经营者", "医疗机构", "民办学校",
    "用人单位", "旅行社", "文化娱乐场所", "农资经营者", "养殖场户",
    "加油站", "燃气经营企业", "物业服务企业", "个体工商户", "社会组织",
]

INDUSTRIES = [
    "餐饮", "药品零售", "加油站", "建筑工地", "旅馆", "网吧", "学校食堂", "养老机构",
    "医疗美容", "危化品经营", "娱乐场所", "游泳场所", "电动自行车销售", "眼镜店",
    "美容美发", "农贸市场", "汽车维修", "印刷", "寄递物流", "燃气经营",
]

TOPICS = [
    "许可证照是否在有效期内", "经营场所卫生状况", "进货查验和记录制度落实情况",
    "从业人员健康证明", "安全管理制度建立和执行情况", "应急预案制定与演练情况",
    "计量器具检定情况", "产品标签标识", "广告发布内容", "价格公示情况",
    "污染防治设施运行情况", "台账记录", "特种作业人员持证上岗情况", "隐患排查治理情况",
    "信息公示情况", "网络交易信息公示", "消防设施器材配置", "劳动合同签订情况",
]

SPECIALTIES = ["食品安全", "特种设备", "计量", "药品", "消防", "环保", "安全生产", "价格",
               "广告", "网络交易", "建筑", "交通", "卫生", "劳动保障"]

PERMIT_VERBS = ["许可", "备案", "登记", "核准"]
PENALTY_VERBS = ["违反规定的处罚", "未按规定办理的处罚", "拒不改正的处罚", "逾期未整改的处罚"]
OTHER_VERBS = ["行政奖励", "行政确认", "行政裁决", "行政给付", "信息公开"]

EN = "en"
ZH = "zh"

# keyword table: English -> Chinese
KW = {
    "department": "部门", "law": "法规", "authority": "权责", "item": "事项",
    "bundle": "一业一查", "plan": "计划", "calendar": "日历",
    "kind": "类型", "effective": "施行", "repealed": "废止", "basis": "依据",
    "exempt": "豁免", "category": "类别", "objects": "对象", "methods": "方式",
    "content": "内容", "ratio": "比例", "count": "数量", "frequency": "频次",
    "requires": "专长", "lead": "牵头", "industry": "行业", "items": "事项",
    "window": "期间", "jurisdiction": "辖区", "classes": "分类",
    "publish-within": "公示时限", "report-within": "报告时限",
    "min-coverage": "最低覆盖率", "max-visits": "最多检查",
    "holidays": "节假日", "workdays": "补班",
    # values
    "local": "本级", "vertical": "垂直",
    "inspection": "行政检查", "permit": "行政许可", "penalty": "行政处罚", "other": "其他",
    "general": "一般", "key": "重点",
    "onsite": "实地检查", "document": "书面检查", "online": "网络监测",
    "workdays-unit": "工作日", "days-unit": "日",
}
EN_UNIT = {"workdays-unit": "workdays", "days-unit": "days"}

ZH_DIGITS = "零一二三四五六七八九"


def zh_number(n):
    """1..999 in Chinese numerals (as used in article numbers)."""
    assert 0 < n < 1000
    out = ""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    if h:
        out += ZH_DIGITS[h] + "百"
        if t == 0 and u:
            out += "零"
    if t:
        if t == 1 and not h:
            out += "十"
        else:
            out += ZH_DIGITS[t] + "十"
    if u:
        out += ZH_DIGITS[u]
    return out


# --------------------------------------------------------------------------
# Model

class Lang:
    """Keyword chooser for one declaration: English, Chinese, or mixed."""

    def __init__(self, rng, mode):
        self.rng = rng
        self.mode = mode  # "en", "zh", "mix"

    def _pick(self):
        if self.mode == "mix":
            return self.rng.choice((EN, ZH))
        return self.mode

    def kw(self, word):
        if self._pick() == ZH:
            return KW[word]
        return EN_UNIT.get(word, word)


def pick_lang(rng):
    r = rng.random()
    if r < 0.15:
        return Lang(rng, "mix")
    return Lang(rng, EN if r < 0.575 else ZH)


class Gen:
    def __init__(self, args):
        self.a = args
        self.rng = random.Random(args.seed)

    # ---- small formatting helpers --------------------------------------
    def q(self, s):
        if self.rng.random() < 0.5:
            return '"%s"' % s
        return "\u201c%s\u201d" % s

    def sep(self):
        return self.rng.choice((", ", ",", "，", "、", ", "))

    def join(self, xs):
        s = self.sep()
        return s.join(xs)

    def article(self):
        n = self.rng.randint(1, 140)
        s = "第%s条" % zh_number(n)
        if self.rng.random() < 0.3:
            s += "第%s款" % zh_number(self.rng.randint(1, 4))
        return s

    def basis_list(self, lang, laws):
        parts = ["%s %s" % (law, self.q(self.article())) for law in laws]
        return "%s %s" % (lang.kw("basis"), self.join(parts))

    # ---- build the model -------------------------------------------------
    def build(self):
        a = self.a
        rng = self.rng
        D = a.departments
        if D < 2:
            sys.exit("need at least 2 departments")
        if a.authorities < a.items:
            sys.exit("--authorities must be >= --items (one inspection authority per item)")

        # departments
        self.depts = []
        for d in range(D):
            code = "D%02d" % (d + 1)
            name, kind = DEPARTMENTS[d % len(DEPARTMENTS)]
            if d >= len(DEPARTMENTS):
                name = "%s（%d）" % (name, d // len(DEPARTMENTS) + 1)
            self.depts.append((code, "石家庄市长安区" + name, kind))

        # laws: in force for the whole of 2024; a few repealed ones that nobody cites
        self.laws = []
        for i in range(a.laws):
            if i < len(REAL_LAWS):
                lid, title = REAL_LAWS[i]
            elif i % 2 == 0:
                lid = "Reg-%04d-%03d" % (rng.randint(2005, 2022), i)
                title = "河北省%s管理规定（第%d号）" % (rng.choice(OBJECT_TYPES), i)
            else:
                lid = "规章-%03d" % i
                title = "%s监督管理办法（第%d号令）" % (rng.choice(INDUSTRIES), i)
            eff = "%04d-%02d-%02d" % (rng.randint(1995, 2023), rng.randint(1, 12), rng.randint(1, 28))
            self.laws.append((lid, title, eff, None))
        self.cited_laws = [l[0] for l in self.laws]
        for i in range(3):
            lid = "已废止规章-%d" % (i + 1)
            self.laws.append((lid, "旧%s管理办法" % INDUSTRIES[i], "2001-03-01",
                              "20%02d-12-31" % (10 + i)))

        # each department leans on a subset of the laws
        self.dept_laws = []
        for d in range(D):
            k = min(len(self.cited_laws), 12)
            self.dept_laws.append(rng.sample(self.cited_laws, k))

        # items: item i belongs to department i % D, cites inspection authority i
        N = a.items
        self.item_dept = [i % D for i in range(N)]
        per_dept_counter = [0] * D
        self.item_local = []
        for i in range(N):
            d = self.item_dept[i]
            per_dept_counter[d] += 1
            self.item_local.append(per_dept_counter[d])

        # bundles: pick unused items from 2-4 departments
        self.item_bundle = [None] * N
        items_by_dept = [[] for _ in range(D)]
        for i in range(N):
            items_by_dept[self.item_dept[i]].append(i)
        for lst in items_by_dept:
            rng.shuffle(lst)
        cursor = [0] * D
        self.bundles = []
        for b in range(a.bundles):
            nd = rng.randint(2, min(4, D))
            ds = rng.sample(range(D), nd)
            members = []
            for d in ds:
                for _ in range(rng.randint(1, 2)):
                    if cursor[d] < len(items_by_dept[d]):
                        members.append(items_by_dept[d][cursor[d]])
                        cursor[d] += 1
            if len({self.item_dept[i] for i in members}) < 2:
                continue  # ran out of free items
            members.sort()
            lead = self.item_dept[rng.choice(members)]
            inds = rng.sample(INDUSTRIES, rng.choice((1, 1, 2)))
            obj = "%s-经营主体-B%03d" % (inds[0], b + 1)
            m0 = rng.randint(1, 10)
            m1 = min(12, m0 + rng.randint(0, 2))
            for i in members:
                self.item_bundle[i] = len(self.bundles)
            self.bundles.append({
                "id": "YYYC-2024-%03d" % (b + 1),
                "name": "%s行业一业一查（第%d批）" % (inds[0], b + 1),
                "lead": lead, "industries": inds, "items": members, "object": obj,
                "window": (m0, m1),
            })

    # ---- emitters ----------------------------------------------------------
    def item_id(self, i):
        return "SX-%s-%04d" % (self.depts[self.item_dept[i]][0], self.item_local[i])

    def emit_department(self, d):
        code, name, kind = self.depts[d]
        L = pick_lang(self.rng)
        return "%s %s %s { %s %s }\n" % (L.kw("department"), code, self.q(name),
                                          L.kw("kind"), L.kw(kind))

    def emit_law(self, law):
        lid, title, eff, rep = law
        L = pick_lang(self.rng)
        body = "%s %s" % (L.kw("effective"), eff)
        if rep:
            body += "  %s %s" % (L.kw("repealed"), rep)
        if self.rng.random() < 0.7:
            return "%s %s %s { %s }\n" % (L.kw("law"), lid, self.q(title), body)
        return "%s %s %s {\n  %s\n}\n" % (L.kw("law"), lid, self.q(title), body.replace("  ", "\n  "))

    def emit_authority(self, aid, name, kind, d, exempt=None):
        rng = self.rng
        L = pick_lang(rng)
        laws = rng.sample(self.dept_laws[d], rng.choice((1, 1, 2)))
        fields = ["%s %s" % (L.kw("kind"), L.kw(kind)),
                  "%s %s" % (L.kw("department"), self.depts[d][0]),
                  self.basis_list(L, laws)]
        if exempt:
            fields.append("%s %s" % (L.kw("exempt"), self.q(exempt)))
        head = "%s %s %s {" % (L.kw("authority"), aid, self.q(name))
        if rng.random() < 0.4:
            return "%s %s }\n" % (head, "; ".join(fields))
        return head + "\n" + "".join("  %s\n" % f for f in fields) + "}\n"

    def emit_item(self, i, auth_id):
        rng = self.rng
        d = self.item_dept[i]
        code = self.depts[d][0]
        L = pick_lang(rng)
        objs = ["%s-%s" % (code, o) for o in rng.sample(OBJECT_TYPES, rng.choice((1, 1, 2, 3)))]
        b = self.item_bundle[i]
        if b is not None:
            objs.append(self.bundles[b]["object"])
        topic = rng.choice(TOPICS)
        name = "对%s%s的检查" % (objs[0].split("-", 1)[1], topic)
        laws = rng.sample(self.dept_laws[d], rng.choice((1, 1, 2)))
        methods = rng.sample(("onsite", "document", "online"), rng.choice((1, 1, 2, 3)))
        lines = [
            "%s %s" % (L.kw("department"), code),
            "%s %s" % (L.kw("authority"), auth_id),
            self.basis_list(L, laws),
        ]
        cat = "%s %s" % (L.kw("category"), L.kw("key" if rng.random() < 0.25 else "general"))
        objl = "%s %s" % (L.kw("objects"), self.join(objs))
        if rng.random() < 0.3:
            lines.append("%s; %s" % (cat, objl))
        else:
            lines += [cat, objl]
        lines.append("%s %s" % (L.kw("methods"), self.join(L.kw(m) for m in methods)))
        lines.append("%s %s" % (L.kw("content"), self.q("检查%s，核查%s" % (topic, rng.choice(TOPICS)))))
        if rng.random() < 0.5:
            ratio = "%s 5%%" % L.kw("ratio")
        else:
            ratio = "%s { A 3%%  B 5%%  C 10%%  D 20%% }" % L.kw("ratio")
        freq = "%s %d" % (L.kw("frequency"), 1 if rng.random() < 0.85 else 2)
        if rng.random() < 0.3:
            lines.append("%s; %s" % (ratio, freq))
        else:
            lines += [ratio, freq]
        if rng.random() < 0.2:
            lines.append("%s %s" % (L.kw("requires"), self.join(rng.sample(SPECIALTIES, rng.randint(1, 2)))))
        if rng.random() < 0.05:
            lines.insert(0, "# %s" % rng.choice(TOPICS))
        return "%s %s %s {\n%s}\n" % (L.kw("item"), self.item_id(i), self.q(name),
                                       "".join("  %s\n" % l for l in lines))

    def emit_bundle(self, bi):
        rng = self.rng
        bd = self.bundles[bi]
        L = pick_lang(rng)
        m0, m1 = bd["window"]
        last = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m1 - 1]
        lines = [
            "%s %s" % (L.kw("lead"), self.depts[bd["lead"]][0]),
            "%s %s" % (L.kw("industry"), self.join(bd["industries"])),
            "%s %s" % (L.kw("items"), self.join(self.item_id(i) for i in bd["items"])),
            "%s 2024-%02d-01 .. 2024-%02d-%02d" % (L.kw("window"), m0, m1, last),
        ]
        if rng.random() < 0.3:
            lines.append("%s 5%%  %s 1" % (L.kw("ratio"), L.kw("frequency")))
        return "%s %s %s {\n%s}\n" % (L.kw("bundle"), bd["id"], self.q(bd["name"]),
                                       "".join("  %s\n" % l for l in lines))

    def emit_plan(self):
        L = pick_lang(self.rng)
        lines = [
            "%s %s" % (L.kw("jurisdiction"), self.q("石家庄市长安区")),
            "%s 2024-01-01 .. 2024-12-31" % L.kw("window"),
            "%s %s" % (L.kw("classes"), self.join(["A", "B", "C", "D"])),
            "%s 20 %s" % (L.kw("publish-within"), L.kw("workdays-unit")),
            "%s 10 %s" % (L.kw("report-within"), L.kw("days-unit")),
            "%s 5%%" % L.kw("min-coverage"),
            "%s 2" % L.kw("max-visits"),
        ]
        return "# 年度抽查工作计划\n%s 2024 %s {\n%s}\n" % (
            L.kw("plan"), self.q("长安区2024年度部门联合双随机抽查工作计划"),
            "".join("  %s\n" % l for l in lines))

    def emit_calendar(self):
        L = pick_lang(self.rng)
        holidays = ["2024-01-01", "2024-02-10 .. 2024-02-17", "2024-04-04 .. 2024-04-06",
                    "2024-05-01 .. 2024-05-05", "2024-06-10", "2024-09-15 .. 2024-09-17",
                    "2024-10-01 .. 2024-10-07"]
        workdays = ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                    "2024-09-14", "2024-09-29", "2024-10-12"]
        return "# 国务院办公厅关于2024年部分节假日安排的通知\n%s 2024 {\n  %s %s\n  %s %s\n}\n" % (
            L.kw("calendar"), L.kw("holidays"), self.join(holidays),
            L.kw("workdays"), self.join(workdays))

    # ---- files -----------------------------------------------------------
    def generate(self, outdir):
        a = self.a
        rng = self.rng
        D = a.departments
        self.build()

        files = {}  # relative path -> list of chunks

        def put(path, text):
            files.setdefault(path, []).append(text)

        n_bundle_files = min(4, max(1, len(self.bundles))) if self.bundles else 0
        fixed = 4 + n_bundle_files
        if a.files >= fixed + 1:
            base = {"departments": "base/departments.choucha", "laws": "base/laws.choucha",
                    "plan": "base/plan-2024.choucha", "calendar": "base/calendar-2024.choucha"}
            bundle_files = ["bundles/一业一查-%02d.choucha" % (k + 1) for k in range(n_bundle_files)]
            n_shards = a.files - fixed
        else:
            base = dict.fromkeys(("departments", "laws", "plan", "calendar"), "base.choucha")
            bundle_files = ["base.choucha"]
            n_shards = max(1, a.files - 1)

        # shard files per department: shard k belongs to department k % D
        dept_shards = [[] for _ in range(D)]
        for k in range(n_shards):
            d = k % D
            dept_shards[d].append((d, len(dept_shards[d]) + 1))
        shard_path = {}
        for d in range(D):
            if not dept_shards[d]:
                dept_shards[d] = [dept_shards[d % n_shards][0]] if n_shards < D else []
        for d in range(D):
            for (od, n) in dept_shards[d]:
                code, name, _ = self.depts[od]
                shard_path[(od, n)] = "%s-%s/part-%02d.choucha" % (code, name.replace("石家庄市长安区", ""), n)

        if a.files == 1:
            for k in shard_path:
                shard_path[k] = "base.choucha"

        def dept_file(d, local, total):
            shards = dept_shards[d]
            idx = min(len(shards) - 1, (local * len(shards)) // max(1, total))
            return shard_path[shards[idx]]

        put(base["departments"], "# 部门\n")
        for d in range(D):
            put(base["departments"], self.emit_department(d))
        put(base["laws"], "# 法律法规规章\n")
        for law in self.laws:
            put(base["laws"], self.emit_law(law))
        put(base["plan"], self.emit_plan())
        put(base["calendar"], self.emit_calendar())

        # authorities, grouped per department, then items
        N = a.items
        extra = a.authorities - N
        auth_dept_items = [[] for _ in range(D)]   # (sort key, text) per department
        insp_counter = [0] * D
        other_counter = {}
        item_auth = [None] * N
        for i in range(N):
            d = self.item_dept[i]
            insp_counter[d] += 1
            item_auth[i] = "JC-%s-%05d" % (self.depts[d][0], insp_counter[d])
        # the rest: permits/penalties/other, ~5% exempt inspection powers
        extra_auths = []
        for j in range(extra):
            d = rng.randrange(D)
            r = rng.random()
            if r < 0.05:
                kind = "inspection"
            elif r < 0.40:
                kind = "permit"
            elif r < 0.85:
                kind = "penalty"
            else:
                kind = "other"
            extra_auths.append((d, kind))

        # count per department to spread over its shard files
        n_per_dept = [0] * D
        for i in range(N):
            n_per_dept[self.item_dept[i]] += 1
        for (d, _) in extra_auths:
            n_per_dept[d] += 1
        local = [0] * D

        prefix = {"inspection": "JC", "permit": "XK", "penalty": "CF", "other": "QT"}
        # interleave the extra authorities with the inspection authority + item pairs,
        # in department-local order so each shard file is a contiguous slice.
        dept_extra = [[] for _ in range(D)]
        dept_items = [[] for _ in range(D)]
        for (d, kind) in extra_auths:
            dept_extra[d].append(("auth", kind))
        for i in range(N):
            dept_items[self.item_dept[i]].append(("item", i))
        per_dept_entries = []
        for d in range(D):
            # merge the two lists evenly (stable, deterministic)
            keyed = [((k + 0.5) / len(dept_extra[d]), 0, e) for k, e in enumerate(dept_extra[d])]
            keyed += [((k + 0.5) / len(dept_items[d]), 1, e) for k, e in enumerate(dept_items[d])]
            keyed.sort(key=lambda t: (t[0], t[1]))
            per_dept_entries.append([e for (_, _, e) in keyed])

        for d in range(D):
            code = self.depts[d][0]
            total = len(per_dept_entries[d])
            for (tag, x) in per_dept_entries[d]:
                path = dept_file(d, local[d], total)
                local[d] += 1
                if tag == "auth":
                    kind = x
                    if kind == "inspection":
                        insp_counter[d] += 1
                        aid = "JC-%s-%05d" % (code, insp_counter[d])
                        obj = rng.choice(OBJECT_TYPES)
                        text = self.emit_authority(
                            aid, "对%s的监督检查" % obj, kind, d,
                            exempt=rng.choice(("已纳入信用风险分类的重点监管", "由上级部门统一组织实施",
                                               "仅依投诉举报启动", "不适宜随机抽查")))
                    else:
                        key = (d, kind)
                        other_counter[key] = other_counter.get(key, 0) + 1
                        aid = "%s-%s-%05d" % (prefix[kind], code, other_counter[key])
                        obj = rng.choice(OBJECT_TYPES)
                        verb = rng.choice({"permit": PERMIT_VERBS, "penalty": PENALTY_VERBS,
                                           "other": OTHER_VERBS}[kind])
                        text = self.emit_authority(aid, "%s%s" % (obj, verb), kind, d)
                    put(path, text)
                else:
                    i = x
                    obj = rng.choice(OBJECT_TYPES)
                    put(path, self.emit_authority(item_auth[i], "对%s的行政检查" % obj, "inspection", d))
                    put(path, self.emit_item(i, item_auth[i]))

        for bi in range(len(self.bundles)):
            put(bundle_files[bi * len(bundle_files) // len(self.bundles)], self.emit_bundle(bi))

        # write
        total_lines = 0
        total_bytes = 0
        for rel in sorted(files):
            text = "".join(files[rel])
            p = os.path.join(outdir, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            data = text.encode("utf-8")
            with open(p, "wb") as f:
                f.write(data)
            total_lines += text.count("\n")
            total_bytes += len(data)
        return len(files), total_lines, total_bytes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--authorities", type=int, default=50000)
    ap.add_argument("--departments", type=int, default=30)
    ap.add_argument("--bundles", type=int, default=200)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--laws", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--clean", action="store_true",
                    help="delete existing *.choucha files under OUTDIR first")
    args = ap.parse_args()
    if args.files < 1 or args.items < 1:
        sys.exit("--files and --items must be >= 1")

    existing = []
    if os.path.isdir(args.outdir):
        for root, _, names in os.walk(args.outdir):
            existing += [os.path.join(root, n) for n in names if n.endswith(".choucha")]
    if existing:
        if not args.clean:
            sys.exit("%s already holds %d .choucha files; pass --clean to replace them"
                     % (args.outdir, len(existing)))
        for p in existing:
            os.remove(p)

    nfiles, lines, nbytes = Gen(args).generate(args.outdir)
    print("wrote %d files, %d lines, %d bytes to %s" % (nfiles, lines, nbytes, args.outdir))
    print("total lines: %d" % lines)


if __name__ == "__main__":
    main()
