#!/usr/bin/env python3
"""Deterministic target and inspector directories for `choucha draw`.

usage: generate_directories.py BUILD_DIR OUT_DIR [--targets-per-type 40] [--inspectors-per-dept 6] [--seed 1]

Reads BUILD_DIR/plan-YYYY.json and tasks-YYYY.json (from `choucha build`) for the industries,
object types, departments and specialties, and writes OUT_DIR/targets.csv (统一社会信用代码, 名称,
行业, 标签, 信用风险分类, 经营异常) and OUT_DIR/inspectors.csv (工号, 姓名, 部门, 执法证号, 专长, 回避).
Standard library only; the same arguments give the same bytes.
"""
import argparse, csv, glob, json, os, random

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
CLASSES_WEIGHTS = {"A": 30, "B": 45, "C": 18, "D": 7, "E": 3}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build"); parser.add_argument("out")
    parser.add_argument("--targets-per-type", type=int, default=40)
    parser.add_argument("--inspectors-per-dept", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    plan = json.load(open(sorted(glob.glob(os.path.join(args.build, "plan-*.json")))[0], encoding="utf-8"))
    tasks = json.load(open(sorted(glob.glob(os.path.join(args.build, "tasks-*.json")))[0], encoding="utf-8"))
    classes = plan["classes"]
    weights = [CLASSES_WEIGHTS.get(c, 10) for c in classes]
    kinds = []  # (industry, tag)
    for task in plan["tasks"]:
        if task["kind"] == "joint":
            for industry in task["industries"]:
                kinds.append((industry, task["objects"][0] if task["objects"] else ""))
        else:
            for obj in task["objects"]:
                kinds.append((obj, ""))
    seen, unique = set(), []
    for k in kinds:
        if k not in seen:
            seen.add(k); unique.append(k)
    os.makedirs(args.out, exist_ok=True)
    codes = []
    with open(os.path.join(args.out, "targets.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["统一社会信用代码", "名称", "行业", "标签", "信用风险分类", "经营异常"])
        n = 0
        for industry, tag in unique:
            for i in range(args.targets_per_type):
                n += 1
                code = "91130102MA%08d" % n
                codes.append(code)
                w.writerow([code, "石家庄市长安区%s第%d户" % (industry, i + 1), industry, tag,
                            rng.choices(classes, weights)[0], "是" if rng.random() < 0.03 else ""])
    specialties = {}
    for task in tasks["tasks"]:
        for d in task["departments"]:
            specialties.setdefault(d["code"], set()).update(d["requires"])
    with open(os.path.join(args.out, "inspectors.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["工号", "姓名", "部门", "执法证号", "专长", "回避"])
        n = 0
        for dept in sorted(specialties):
            for i in range(args.inspectors_per_dept):
                n += 1
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
                cert = "" if i == args.inspectors_per_dept - 1 else "13010200%05d" % n
                recuse = rng.choice(codes) if rng.random() < 0.2 else ""
                w.writerow(["E%04d" % n, name, dept, cert, "、".join(sorted(specialties[dept])), recuse])

if __name__ == "__main__":
    main()
