#!/usr/bin/env python3
"""Deterministic target directory for testing the SQL selection against `choucha draw`.

usage: gen.py DRAW_JSON ROWS OUT.csv [--seed 1]   (Tests/Engines/run.sh; from the issue 17 research)

Takes industries and object types from a draw document's task definitions (draw-YYYY.json) and
writes ROWS rows with: several tags per row, joined by the separators the draw splits at
(、，,；;/ space U+3000); cells padded with spaces, tabs and U+3000 (the draw trims them);
classes A-D; 经营异常 in every accepted spelling (是 Y y 1 true / 否 N n 0 false empty) on ~8 %
of rows; ~15 % of rows in no task's population ("其他"). Standard library only.
"""
import csv, json, random, sys

def main():
    draw, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--seed" else 1
    rng = random.Random(seed)
    doc = json.load(open(draw, encoding="utf-8"))
    industries, objects = [], []
    for t in doc["tasks"]:
        for i in t["industries"]:
            if i not in industries: industries.append(i)
        for o in t["objects"]:
            if o not in objects: objects.append(o)
    classes = doc["classes"]
    weights = [30, 45, 18, 7][: len(classes)] + [5] * max(0, len(classes) - 4)
    seps = ["、", "，", ",", "；", ";", "/", " ", "\u3000", "、 ", " ,"]
    pads = ["", "", "", "", " ", "\t", "\u3000", "  "]
    yes, no = ["是", "Y", "y", "1", "true"], ["否", "N", "n", "0", "false", ""]
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["统一社会信用代码", "名称", "行业", "标签", "信用风险分类", "经营异常"])
        for n in range(1, rows + 1):
            r = rng.random()
            if r < 0.15:
                industry = "其他"
            elif r < 0.55:
                industry = rng.choice(industries)
            else:
                industry = rng.choice(objects)  # a single task's object as 行业
            k = rng.choice([0, 0, 1, 1, 1, 2, 3])
            tags = rng.sample(objects, k) if k else []
            if rng.random() < 0.05: tags.append("无关标签")
            tag_cell = ""
            for i, t in enumerate(tags):
                tag_cell += (rng.choice(seps) if i else "") + t
            code = "91130102MB%08d" % n
            cls = rng.choices(classes, weights)[0]
            abn = rng.choice(yes) if rng.random() < 0.08 else rng.choice(no)
            p = lambda s: rng.choice(pads) + s + rng.choice(pads)
            w.writerow([p(code), p("某市场主体%d" % n), p(industry), p(tag_cell), p(cls), p(abn)])

main()
