#!/usr/bin/env python3
"""usage: variant.py RULES OUT: a copy of RULES with `最多检查 1` and abnormal strata (异常) on four
items, one of them in a joint task: rounds, abnormal strata and heavy max-visits skips for the
engines (Tests/Engines/run.sh). Each edit: the first `old` after its item's heading, which must
be there once."""
import shutil, sys
rules, out = sys.argv[1:3]
shutil.copytree(rules, out)
edits = {
    "items/scjg.choucha": [("事项 SCJG-SP-01 ", "比例 { A 3%  B 4%  C 5%  D 6% }", "比例 { A 3%  B 4%  C 5%  D 6%  异常 40% }"),
                           ("事项 SCJG-SP-04 ", "比例 { A 30%  B 50%  C 80%  D 100% }", "比例 { A 30%  B 50%  C 80%  D 100%  异常 100% }")],
    "items/xfjy.choucha": [("事项 XFJY-01 ", "比例 { A 3%  B 5%  C 10%  D 20% }", "比例 { A 3%  B 5%  C 10%  D 20%  异常 30% }"),
                           ("事项 XFJY-02 ", "比例 { A 5%  B 10%  C 20%  D 30% }", "比例 { A 5%  B 10%  C 20%  D 30%  异常 60% }")],
    "plan-2024.choucha": [("计划 2024 ", "最多检查 2", "最多检查 1")],
}
for name, triples in edits.items():
    path = f"{out}/{name}"
    text = open(path, encoding="utf-8").read()
    for anchor, old, new in triples:
        assert text.count(anchor) == 1, f"{name}: {anchor!r} appears {text.count(anchor)} times"
        at = text.index(old, text.index(anchor))
        text = text[:at] + new + text[at + len(old):]
    open(path, "w", encoding="utf-8").write(text)
