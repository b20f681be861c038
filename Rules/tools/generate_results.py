#!/usr/bin/env python3
"""虚构的 2024 年度检查结果表 · A made-up results table for Rules/ (2024).

usage: python3 Rules/tools/generate_results.py BUILD_DIR DRAW_JSON CALENDAR OUT_CSV [--salt 2024]

  BUILD_DIR  `choucha build Rules` 的输出目录，读取 tasks-2024.json（各任务、轮次的期间和公示期限、各部门的事项）
             和 checklists.json（各事项的检查要点）
  DRAW_JSON  已公布的抽取结果（Rules/draws/draw-2024.json）：每个任务轮次抽中的企业
  CALENDAR   节假日日历（Rules/calendar.choucha）：日期只取工作日，期限按工作日计算
  OUT_CSV    写出的结果表（Rules/results/2024-results.csv）

每次抽中的检查，任务的每个部门各写一行：检查日期在该轮次的期间内（联合抽查各部门同一天），
公示日期在公示期限（tasks-2024.json 的 publishBy）之前，发现问题的行有后续处置，办结日期在
检查日期后 20 个工作日内（plan-2024.choucha 的 处置时限），所有日期不晚于 2024-12-31。
结论大多为“未发现问题”，少数发现问题并责令改正、列入经营异常名录、立案查处。部门在该任务的事项有检查要点时，
发现问题的行在“不合格要点”列写一个不合格的要点编码，问题描述写作“不符合：”加该要点的问句（照录，不改写）。
企业、问题描述均为虚构，只用来演示和测试 `choucha check --as-of`。

Every drawn visit gets one row per department of its task, all on time, dates on working days of
the official calendar. The choices come from SHA-256 of (salt, task, entity, department), so the
same inputs give the same bytes on any Python 3. Standard library only.
"""
import argparse, csv, datetime, hashlib, io, json, os, re

AS_OF = datetime.date(2024, 12, 31)
FOLLOW_UP_WORKDAYS = 20  # plan-2024.choucha: 处置时限 20 工作日

# (category, share in ‰, actions, needs a closing date)
OUTCOMES = [
    ("未发现问题", 810, [], False),
    ("发现问题已责令改正", 110, ["责令改正"], True),
    ("发现问题待后续处理", 35, ["立案查处"], True),
    ("未按规定公示应当公示的信息", 25, ["责令改正", "列入经营异常名录"], True),
    ("通过登记的住所（经营场所）无法联系", 20, ["列入经营异常名录"], True),
]
# A visit that finds no such business finds it for every department (‰ of visits).
NO_ACTIVITY = ("未发现开展本次抽查涉及的经营活动", 30, [], False)
# Found only by the market regulator, which keeps the register and the annual reports.
SCJG_ONLY = {"未按规定公示应当公示的信息", "通过登记的住所（经营场所）无法联系"}
# Problems by department (made up, in the words of published results).
PROBLEMS = {
    "SCJG": ["未在经营场所醒目位置悬挂营业执照", "部分商品未明码标价", "进货查验记录不全", "计量器具未按期检定", "从业人员健康证明过期"],
    "XFJY": ["疏散通道堆放杂物", "灭火器压力不足", "安全出口指示标志损坏", "消防设施未定期维护保养"],
    "SHWJ": ["未按期办理纳税申报", "发票领用存记录不全"],
    "SWJ": ["预付卡业务未按规定备案", "单用途预付卡发卡信息未按期报送"],
    "JYJ": ["收费项目未公示", "教师资格证明材料不全"],
    "WJJ": ["公共场所卫生检测报告过期", "医疗废物交接登记不全", "从业人员未取得健康证明"],
    "WLJ": ["营业日志记录不全", "未按规定张贴未成年人禁入标志"],
    "ZJJ": ["危大工程专项方案未按规定论证", "建筑材料进场检验记录缺失", "临时用电未按规定设置"],
    "YJJ": ["安全生产责任制未落实到岗", "危险化学品出入库记录不全"],
    "STHJ": ["危险废物台账不全", "环保设施运行记录缺失"],
    "RSJ": ["农民工工资未按月足额支付", "未按规定开设工资专用账户", "劳动合同签订不规范"],
    "JTJ": ["车辆技术档案不全", "驾驶员从业资格证明过期"],
    "GAFJ": ["旅客住宿登记不全", "治安保卫制度未上墙", "营业日志未按规定保存"],
    "FGJ": ["项目建设进度未按规定报送", "政府投资项目档案资料不全"],
    "NYJ": ["农药经营台账不全", "过期农药未及时清理"],
}


def pick(key, modulus):
    """A number in 0 ..< modulus from SHA-256 of the key."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % modulus


class Calendar:
    """Working days from a calendar rule file: holidays and adjusted workdays, as `choucha` reads them."""

    def __init__(self, path):
        self.holidays, self.workdays = set(), set()
        text = open(path, encoding="utf-8").read()
        for kind, rest in re.findall(r"^\s*(holidays|workdays|节假日|调休上班)\s+(.*)$", text, re.M):
            target = self.holidays if kind in ("holidays", "节假日") else self.workdays
            for part in rest.split(","):
                ends = [datetime.date.fromisoformat(d.strip()) for d in part.split("..")]
                day = ends[0]
                while day <= ends[-1]:
                    target.add(day)
                    day += datetime.timedelta(days=1)

    def working(self, day):
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add(self, day, n):
        """The n-th working day after day."""
        while n > 0:
            day += datetime.timedelta(days=1)
            if self.working(day):
                n -= 1
        return day

    def on_or_before(self, day):
        while not self.working(day):
            day -= datetime.timedelta(days=1)
        return day

    def days(self, first, last):
        day, out = first, []
        while day <= last:
            if self.working(day):
                out.append(day)
            day += datetime.timedelta(days=1)
        return out


def main():
    parser = argparse.ArgumentParser()
    for name in ("build", "draw", "calendar", "out"):
        parser.add_argument(name)
    parser.add_argument("--salt", default="2024")
    args = parser.parse_args()
    calendar = Calendar(args.calendar)
    tasks = json.load(open(os.path.join(args.build, "tasks-2024.json"), encoding="utf-8"))["tasks"]
    checklists = os.path.join(args.build, "checklists.json")
    points = {}  # item code -> [(point code, text)]
    if os.path.exists(checklists):
        for item in json.load(open(checklists, encoding="utf-8"))["items"]:
            points[item["code"]] = [(point["code"], point["text"]) for point in item["points"]]
    task_points = {}  # (task id, department) -> [(point code, text)], in item then point order
    for task in tasks:
        for department in task["departments"]:
            listed = [p for item in department["items"] for p in points.get(item["code"], [])]
            task_points[(task["id"], department["code"])] = listed
    rounds = {}  # round id -> (window start, end, publishBy)
    for task in tasks:
        for part in task.get("rounds") or [{"id": task["id"], "window": task["window"], "deadlines": task["deadlines"]}]:
            rounds[part["id"]] = tuple(
                datetime.date.fromisoformat(v)
                for v in (part["window"]["start"], part["window"]["end"], part["deadlines"]["publishBy"]))
    draw = json.load(open(args.draw, encoding="utf-8"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["任务编号", "统一社会信用代码", "企业名称", "检查部门", "检查日期", "检查结果", "问题描述", "公示日期", "后续处置", "办结日期", "不合格要点"])
    counts = {}
    for task in draw["tasks"]:
        start, end, publish_by = rounds[task["id"]]
        days = calendar.days(start, end)
        for target in task["targets"]:
            visit = f"{args.salt}|{task['id']}|{target['code']}"
            inspected = days[pick(visit + "|day", len(days))]  # joint: every department the same day
            published_visit = calendar.add(inspected, 3 + pick(visit + "|publish", 12))  # published together
            no_activity = pick(visit + "|activity", 1000) < NO_ACTIVITY[1]
            for department in task["departments"]:
                key = f"{visit}|{department}"
                draw_outcome, total = pick(key + "|outcome", 1000), 0
                for category, share, actions, closes in OUTCOMES:
                    total += share
                    if draw_outcome < total:
                        break
                if no_activity:
                    category, _, actions, closes = NO_ACTIVITY
                if department != "SCJG" and category in SCJG_ONLY:
                    category, _, actions, closes = OUTCOMES[1]  # those two are the registry's own findings
                problem, failed = "", ""
                # A task id names its round after "@"; its items are the task's.
                listed = task_points.get((task["id"].split("@")[0], department), [])
                if actions and listed and category not in SCJG_ONLY:
                    failed, question = listed[pick(key + "|point", len(listed))]
                    problem = "不符合：" + question  # the point's question as asked, not rewritten
                elif actions:
                    problems = PROBLEMS.get(department, ["检查发现问题"])
                    problem = problems[pick(key + "|problem", len(problems))]
                    if category == "未按规定公示应当公示的信息":
                        problem = "未按时公示2023年度年度报告"
                    elif category.startswith("通过登记的住所"):
                        problem = "现场核查无法联系，登记住所无经营迹象"
                published = min(published_visit, publish_by, AS_OF)
                published = calendar.on_or_before(published)
                closed = ""
                if closes:
                    due = calendar.add(inspected, FOLLOW_UP_WORKDAYS)
                    done = calendar.add(inspected, 2 + pick(key + "|close", FOLLOW_UP_WORKDAYS - 4))
                    closed = min(done, due, calendar.on_or_before(AS_OF)).isoformat()
                writer.writerow([task["id"], target["code"], target["name"], department, inspected.isoformat(), category,
                                 problem, published.isoformat(), "、".join(actions), closed, failed])
                counts[category] = counts.get(category, 0) + 1
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    for category, _, _, _ in OUTCOMES + [NO_ACTIVITY]:
        print(f"{category}: {counts.get(category, 0)}")
    print(f"{sum(counts.values())} rows -> {args.out}")


if __name__ == "__main__":
    main()
