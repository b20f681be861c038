#!/usr/bin/env python3
"""An independent model of what `choucha draw --selection FILE` does with an engine's output, and
a comparison with choucha's own draw document (Tests/Engines/run.sh; from the issue 17 research).

usage: check_selection.py SELECTION.csv DRAW.json   (exit 0 when every task is identical)

Checks each candidate's digest against SHA-256(seedHash + task|code) and its key against the
digest; orders candidates by the full ticket (key, fraction text, id); applies max-visits skips in
plan order, the abnormal stratum, a count's whole population and a mixed task's top-up; reports a
stratum whose margin ran out (it would need the widened second query).
"""
import csv, hashlib, json, sys
from collections import defaultdict

HEADER = ["kind", "task", "stratum", "position", "code", "class", "ticket_key", "digest", "population",
          "sample_size", "candidate_limit", "sufficient_limit", "name", "industry", "tags"]

def fraction(digest_hex):
    return "0." + "".join(reversed("{:064d}".format(int(digest_hex, 16))))

def main():
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == HEADER, f"the selection's header is {header}"
    sel, doc = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
    seed_hash, m = doc["seedHash"], doc["maxVisits"]
    strata = defaultdict(dict)          # task -> stratum -> row
    cands = defaultdict(list)           # (task, stratum) -> [(ticket, id, code, class)]
    content = None
    bad = 0
    with open(sel, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "directory":
                content = (r["digest"], int(r["population"]))
            elif r["kind"] == "stratum":
                strata[r["task"]][r["stratum"]] = r
            else:
                x = r["task"] + "|" + r["code"]
                h = hashlib.sha256((seed_hash + x).encode()).hexdigest()
                t = fraction(r["digest"])
                if h != r["digest"] or t[2:21] != r["ticket_key"]:
                    bad += 1
                cands[(r["task"], r["stratum"])].append((t, x, r["code"], r["class"], r["name"]))
    assert bad == 0, f"{bad} candidates with a wrong digest or key"
    visits = defaultdict(int)
    ok, ran_out, total_skips, margin_used, slack = True, [], 0, [], []
    for task in doc["tasks"]:
        tid, st = task["id"], strata[task["id"]]
        selected, skipped, size_of = [], [], {}
        def take(stratum, need, exclude=()):
            got = 0
            lst = sorted(cands[(tid, stratum)])
            used = 0
            for c in lst:
                if got >= need: break
                if c[2] in exclude: continue
                used += 1
                if m is not None and visits[c[2]] >= m:
                    skipped.append(c); continue
                selected.append(c); got += 1
            row = st[stratum]
            if row.get("sufficient_limit") and int(row["candidate_limit"]) < int(row["sufficient_limit"]):
                lim = int(row["candidate_limit"])
                slack.append((round((used - need) / max(1, lim - need), 3), used - need, lim - need, need, tid, stratum))
            if got < need and int(row["candidate_limit"]) < int(row["population"]):
                ran_out.append((tid, stratum))
            return got, used
        has_ratios = bool(task["ratios"])
        if not has_ratios:
            take("*", int(st["*"]["sample_size"]))
        else:
            for c in doc["classes"]:
                n = int(st[c]["sample_size"]); size_of[c] = n
                if n:
                    got, used = take(c, n); margin_used.append((used - n, n))
            if "异常" in st and int(st["异常"]["sample_size"]):
                n = int(st["异常"]["sample_size"]); got, used = take("异常", n); margin_used.append((used - n, n))
            if task.get("count") is not None and len(selected) < task["count"]:
                before = len(selected)
                taken = {c[2] for c in selected} | {c[2] for c in skipped}
                take("*", task["count"] - len(selected), exclude=taken)
                for c in selected[before:]: size_of[c[3]] = size_of.get(c[3], 0) + 1
        selected.sort(); skipped.sort()
        for c in selected: visits[c[2]] += 1
        total_skips += len(skipped)
        # Compare with the document.
        pops = {c: int(st[c]["population"]) for c in doc["classes"]}
        if not has_ratios:
            size_of = {c: sum(1 for s in selected if s[3] == c) for c in doc["classes"]}
        mine = ([(s[0], s[2], s[4]) for s in selected], [s[2] for s in skipped], pops, size_of)
        theirs = ([(t["ticket"], t["code"], t["name"]) for t in task["targets"]], [s["code"] for s in task["skipped"]],
                  task["population"], task["sampleSize"])
        if "abnormalPopulation" in task:
            mine += (int(st["异常"]["population"]), int(st["异常"]["sample_size"]))
            theirs += (task["abnormalPopulation"], task["abnormalSampleSize"])
        if mine != theirs:
            ok = False
            print("DIFFERENT", tid, [a == b for a, b in zip(mine, theirs)])
    n_cands = sum(len(v) for v in cands.values())
    print(f"tasks {len(doc['tasks'])}, candidates {n_cands}, skips {total_skips}, content digest {content},"
          f" margin ran out in {len(ran_out)} strata {ran_out[:5]}")
    if margin_used:
        print("largest (extra candidates looked at, sample size):", sorted(margin_used, key=lambda u: u[0] - u[1] / 4)[-3:])
    if slack: print(f"strata on the expected margin (below the sufficient limit): {len(slack)}; largest share of the margin used"
                     " (share, extra candidates used, margin, sample size, task, stratum):", sorted(slack)[-3:])
    print("IDENTICAL" if ok and not ran_out else ("IDENTICAL (but widening needed)" if ok else "NOT IDENTICAL"))
    sys.exit(0 if ok and not ran_out else 1)

main()
