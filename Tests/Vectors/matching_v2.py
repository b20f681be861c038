"""An independent reimplementation of the draw's matching, version 2, from the README alone.

Usage: matching_v2.py CHOUCHA_BINARY OUTPUT_FOLDER

Written from the public specification (README, "双随机抽取", v2 rules 6 and 7), sharing no code with
choucha: for a few seeds it has the choucha binary draw Rules/ with Examples/05-draw, reads the
drawn targets of every task from the document (their selection is checked against
consistent_sampler by regenerate.py), re-runs the matching here and compares every assignment
with the document's, and the document's summary with one computed here. It writes Tests/Fixtures/vectors/matching-v2.txt (which the Swift tests
read) and exits 1 on any difference. Python's standard library only: the ticket is computed here
with hashlib as the README defines it.
"""

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

choucha, out = sys.argv[1], sys.argv[2]
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEEDS = ["2024-03-01 公开摇号：3 1 4 1 5 9", "matching v2", "第二次摇号 2 7 1 8"]

# README: a cell is trimmed of spaces, tabs, line breaks and U+3000 at both ends; a list cell
# (标签, 专长, 回避) is split at 、，,；;/ space and U+3000, empty parts dropped.
TRIM = " \t\r\n\u3000"
LIST = re.compile("[、，,；;/ \u3000]+")


def cell(row, name):
    return (row.get(name) or "").strip(TRIM)


def listed(row, name):
    return [part for part in LIST.split(cell(row, name)) if part]


def ticket(seed_hash, id):
    """README rule 2: SHA-256(seedHash + id), as a decimal, zero-padded to 64 digits, reversed, after '0.'."""
    number = int.from_bytes(hashlib.sha256((seed_hash + id).encode("utf-8")).digest(), "big")
    return "0." + str(number).zfill(64)[::-1]


def read_inspectors(path, departments):
    by_name = {d["name"]: d["code"] for d in departments}
    codes = {d["code"] for d in departments}
    people = []
    with open(path, encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        header = [heading.strip(TRIM) for heading in next(reader)]
        for values in reader:
            if not any(value.strip(TRIM) for value in values):
                continue
            row = dict(zip(header, values))
            department = cell(row, "部门")
            people.append({
                "name": cell(row, "姓名"),
                "department": department if department in codes else by_name[department],
                "certificate": cell(row, "执法证号") or None,
                "specialties": set(listed(row, "专长")),
                "recusals": set(listed(row, "回避")),
            })
    return people


def match(document, people):
    """README v2 rule 6: tasks in plan order, targets in ticket order, departments in the task's
    order; candidates certified, with every required specialty, not recusing the target; the
    inspectors-per-visit candidates of smallest (load so far in the draw, ticket, id bytes)."""
    seed_hash = hashlib.sha256(document["seed"].encode("utf-8")).hexdigest()
    per_visit = document["inspectorsPerVisit"]
    load = [0] * len(people)
    visits = []
    for task in document["tasks"]:
        for target in task["targets"]:
            code = target["code"]
            chosen = []
            for department in task["departments"]:
                required = set(task["requires"].get(department, []))
                candidates = []
                for index, person in enumerate(people):
                    if person["department"] != department or person["certificate"] is None:
                        continue
                    if not required <= person["specialties"] or code in person["recusals"]:
                        continue
                    id = f"{task['id']}|{code}|{person['certificate']}"
                    candidates.append((load[index], ticket(seed_hash, id).encode(), id.encode(), index))
                candidates.sort()
                if len(candidates) < per_visit:
                    raise SystemExit(f"{task['id']} {code} {department}: {len(candidates)} candidates (E0701)")
                for entry in candidates[:per_visit]:
                    load[entry[3]] += 1
                    chosen.append((department, people[entry[3]]["certificate"]))
            visits.append((task["id"], code, chosen))
    return visits


def percent(part, whole):
    """README: a share as published, one decimal at most, rounded half up; None with nothing to count."""
    if whole == 0:
        return None
    tenths = (part * 2000 + whole) // (whole * 2)
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}%"


def summary(document, people, visits):
    """README v2 rule 7: the summary, overall and per department of the tasks."""
    seen, jointly, risk = {}, {}, {}
    for task in document["tasks"]:
        for target in task["targets"]:
            seen.setdefault(target["code"], set()).update(task["departments"])
            if len(task["departments"]) > 1:
                jointly.setdefault(target["code"], set()).update(task["departments"])
            risk[target["code"]] = target["class"]
    load = {}
    for _, _, chosen in visits:
        for _, certificate in chosen:
            load[certificate] = load.get(certificate, 0) + 1
    in_tasks = {d for task in document["tasks"] for d in task["departments"]}
    # README v2: coverage = distinct entities drawn ÷ the plan's enterprise-base, else the directory's rows.
    base = document["enterpriseBase"] if document.get("enterpriseBase") is not None else document["inputs"]["targets"]["rows"]

    def part(department):
        codes = [c for c in seen if department is None or department in seen[c]]
        multi = [c for c in codes if len(seen[c]) > 1]
        if department is None:
            joint = [c for c in multi if len(jointly.get(c, ())) > 1]
        else:
            joint = [c for c in multi if department in jointly.get(c, ())]
        classes = {k: sum(1 for c in codes if risk[c] == k) for k in document["classes"]}
        officers = [load.get(p["certificate"], 0) for p in people if p["certificate"] is not None
                    and (p["department"] == department if department else p["department"] in in_tasks)]
        return {
            "entities": len(codes), "coverage": percent(len(codes), base),
            "multiDepartmentEntities": len(multi), "jointEntities": len(joint),
            "jointShare": percent(len(joint), len(multi)), "classes": classes,
            "classShares": {k: percent(v, len(codes)) for k, v in classes.items()},
            "loadMin": min(officers) if officers else None, "loadMax": max(officers) if officers else None,
        }

    result = {"coverageBase": base, **part(None)}
    order = [d["code"] for d in document["departments"]]
    result["departments"] = [{"code": d, **part(d)} for d in order if d in in_tasks]
    return result


lines = []
mismatches = []
for seed in SEEDS:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [choucha, "draw", "Rules", "--targets", "Examples/05-draw/targets.csv", "--inspectors",
             "Examples/05-draw/inspectors.csv", "--seed", seed, "--out", folder],
            cwd=root, check=True, stdout=subprocess.DEVNULL)
        document = json.load(open(os.path.join(folder, "draw-2024.json"), encoding="utf-8"))
    if document["algorithm"] != "consistent-sampler-sha256-v2":
        sys.exit(f"the binary drew with {document['algorithm']}, not v2")
    people = read_inspectors(os.path.join(root, "Examples/05-draw/inspectors.csv"), document["departments"])
    ours = match(document, people)
    theirs = [
        (task["id"], target["code"], [(i["department"], i["certificate"]) for i in target["inspectors"]])
        for task in document["tasks"] for target in task["targets"]
    ]
    if len(ours) != len(theirs):
        mismatches.append(f"{seed}: {len(theirs)} visits in the document, {len(ours)} here")
    for mine, recorded in zip(ours, theirs):
        if mine != recorded:
            mismatches.append(f"{seed} {mine[0]} {mine[1]}: choucha {recorded[2]}, this script {mine[2]}")
    expected = summary(document, people, ours)
    if expected != document["summary"]:
        mismatches.append(f"{seed}: summary differs:\n  choucha {document['summary']}\n  here    {expected}")
    for task, code, chosen in ours:
        lines.append("\t".join([json.dumps(seed, ensure_ascii=False), task, code, " ".join(f"{d}:{c}" for d, c in chosen)]))

with open(os.path.join(out, "matching-v2.txt"), "w", encoding="utf-8", newline="\n") as file:
    for line in [
        "Matching v2 of the draw of Rules/ with Examples/05-draw, re-run by Tests/Vectors/matching_v2.py, an",
        "independent reimplementation of the README's specification (双随机抽取, v2 rule 6; no code shared).",
        "Fields (tab-separated): seed (JSON string), task, credit code, the inspectors in the order chosen",
        "as department:certificate. Written by Tests/Vectors/matching-v2.sh, which also compares them with",
        "the draw the choucha binary makes.",
    ]:
        file.write("# " + line + "\n")
    for line in lines:
        file.write(line + "\n")
if mismatches:
    print("\n".join(mismatches[:20]), file=sys.stderr)
    sys.exit(f"{len(mismatches)} assignment(s) differ from the specification")
print(f"matching v2: {len(lines)} visits over {len(SEEDS)} seeds, every assignment and summary as the specification says")
