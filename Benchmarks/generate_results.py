#!/usr/bin/env python3
"""A rule repository with a large results table, for `Benchmarks/results.sh`.

    python3 Benchmarks/generate_results.py OUTDIR [--rows 100000] [--departments 20] [--seed 1]

Writes OUTDIR/rules.choucha (departments, laws, one inspection power and one item per department,
a joint 一业一查 per pair of departments, the 2024 plan and calendar, `引入 结果`) and
OUTDIR/results/2024.csv: ROWS results over the plan's tasks, each row a distinct (task,
entity, department) inside its task's window, in the forms exports write (ISO, 2024/5/3,
2024年5月3日, Excel serials), with categories, actions and dates of publication and closing on
time. The repository checks clean (exit 0). Python 3 standard library only; the output is byte
for byte the same for the same arguments.
"""
import argparse
import datetime
import os
import random

CATEGORIES = [
    ("未发现问题", False), ("未发现问题", False), ("未发现问题", False), ("正常", False),
    ("未按规定公示应当公示的信息", True), ("发现问题已责令改正", True), ("发现问题待后续处理", True),
    ("通过登记的住所(经营场所)无法联系", True), ("未发现开展本次抽查涉及的经营活动", False), ("注销", False),
]
ACTIONS = {
    "未按规定公示应当公示的信息": "责令改正；列入经营异常名录",
    "发现问题已责令改正": "责令改正",
    "发现问题待后续处理": "立案查处",
    "通过登记的住所(经营场所)无法联系": "列入经营异常名录",
}


def excel_serial(day):
    return (day - datetime.date(1899, 12, 30)).days


def write_date(day, rng):
    form = rng.randrange(4)
    if form == 0:
        return day.isoformat()
    if form == 1:
        return f"{day.year}/{day.month}/{day.day}"
    if form == 2:
        return f"{day.year}年{day.month}月{day.day}日"
    return str(excel_serial(day))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "results"), exist_ok=True)

    departments = [f"D{n:02d}" for n in range(1, args.departments + 1)]
    lines = ['法规 L1 "中华人民共和国某某法" { 施行 2015-10-01 }']
    for d in departments:
        lines.append(f'部门 {d} "某区第{d[1:]}局" {{ 类型 本级 }}')
        lines.append(f'权责 JC-{d} "{d} 的监督检查" {{ 类型 行政检查; 部门 {d}; 依据 L1 "第十条" }}')
        lines.append(
            f'事项 {d}-1 "{d} 单独抽查事项" {{ 部门 {d}; 权责 JC-{d}; 依据 L1 "第十条"; 类别 一般; '
            f'对象 {d}-对象; 方式 实地检查; 比例 5%; 频次 1 }}')
    # Joint tasks: departments in pairs, each pair on one object type.
    bundles = []
    for n in range(0, len(departments) - 1, 2):
        a, b = departments[n], departments[n + 1]
        for d in (a, b):
            lines.append(
                f'事项 {d}-2 "{d} 联合抽查事项" {{ 部门 {d}; 权责 JC-{d}; 依据 L1 "第十条"; 类别 一般; '
                f'对象 联查对象-{a}; 方式 实地检查; 比例 5%; 频次 2 }}')
        code = f"B{n // 2 + 1:02d}"
        bundles.append((code, [a, b]))
        lines.append(f'一业一查 {code} "联合抽查 {code}" {{ 牵头 {a}; 行业 行业{code}; 事项 {a}-2, {b}-2; 期间 2024-04-01 .. 2024-09-30 }}')
    lines.append('计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30; 公示时限 20 工作日; 处置时限 20 工作日 }')
    lines.append('日历 2024 { 节假日 2024-01-01, 2024-02-10 .. 2024-02-17, 2024-04-04 .. 2024-04-06, '
                 '2024-05-01 .. 2024-05-05, 2024-06-10, 2024-09-15 .. 2024-09-17, 2024-10-01 .. 2024-10-07; '
                 '补班 2024-02-04, 2024-02-18, 2024-04-07, 2024-04-28, 2024-05-11, 2024-09-14, 2024-09-29, 2024-10-12 }')
    lines.append('引入 结果 "results/2024.csv"')
    with open(os.path.join(args.out, "rules.choucha"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    # Tasks: (id, departments, first day, last day).
    tasks = [(f"2024-S-{d}-1", [d], datetime.date(2024, 3, 1), datetime.date(2024, 11, 30)) for d in departments]
    for code, pair in bundles:
        tasks.append((f"2024-J-{code}@1", pair, datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)))
        tasks.append((f"2024-J-{code}@2", pair, datetime.date(2024, 7, 1), datetime.date(2024, 9, 30)))
    heading = "任务编号,统一社会信用代码,企业名称,检查部门,检查日期,检查结果,问题描述,公示日期,后续处置,办结日期"
    out = [heading]
    entity = 0
    while len(out) <= args.rows:
        task, owners, first, last = tasks[entity % len(tasks)]
        entity += 1
        code = f"91130102MA{entity:08d}"
        span = (last - first).days
        for d in owners:
            if len(out) > args.rows:
                break
            inspected = first + datetime.timedelta(days=rng.randrange(span + 1))
            category, problem = CATEGORIES[rng.randrange(len(CATEGORIES))]
            published = inspected + datetime.timedelta(days=rng.randrange(1, 10))
            actions = ACTIONS.get(category, "") if problem else ""
            closed = write_date(inspected + datetime.timedelta(days=rng.randrange(1, 20)), rng) if problem else ""
            description = "未公示年度报告" if problem else ""
            out.append(",".join([
                task, code, f"某区某某经营部{entity}", d, write_date(inspected, rng), category, description,
                write_date(published, rng), actions, closed,
            ]))
    with open(os.path.join(args.out, "results", "2024.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(out) + "\r\n")
    print(f"{args.out}: {len(departments)} departments, {len(tasks)} tasks, {len(out) - 1} result rows")


if __name__ == "__main__":
    main()
