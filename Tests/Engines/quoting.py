#!/usr/bin/env python3
"""usage: quoting.py RULES_OUT TARGETS_OUT.csv INSPECTORS_OUT.csv: a plan whose industry and object type hold ', \\',
--, ; and \\ (as SelectionQueryTests.rules), and a directory of 60 entities in them: the engines'
selection must equal choucha's draw, so no value changed the query (Tests/Engines/run.sh)."""
import csv, os, sys
rules_out, targets_out, inspectors_out = sys.argv[1:4]
industry = "餐饮'业 -- x\\' OR 1=1; --"
obj = "标签'; DROP TABLE targets; --\\"
source = lambda v: v.replace("\\", "\\\\").replace('"', '\\"')
os.makedirs(rules_out)
open(f"{rules_out}/rules.choucha", "w", encoding="utf-8").write(f"""部门 SCJG "区市场监督管理局" {{ 类型 本级 }}
部门 XFJY "区消防救援大队" {{ 类型 垂直 }}
法规 食品安全法 "中华人民共和国食品安全法" {{ 施行 2015-10-01 }}
法规 消防法 "中华人民共和国消防法" {{ 施行 1998-09-01 }}
权责 130102-JC-001 "对食品经营者的监督检查" {{ 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }}
权责 130102-JC-002 "对公众聚集场所消防安全的监督检查" {{ 类型 行政检查; 部门 XFJY; 依据 消防法 "第五十三条" }}
计划 2024 "2024年抽查工作计划" {{ 期间 2024-03-01 .. 2024-11-30; 最多检查 1 }}
事项 SP-01 "食品经营者检查" {{
  部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
  类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 频次 1
  比例 {{ A 30%  B 50%  C 10%  D 20%  异常 30% }}
}}
事项 SP-02 "食品经营者复查" {{
  部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
  类别 重点; 对象 餐饮服务经营者; 方式 实地检查; 频次 1
  比例 {{ A 30%  B 50%  C 10%  D 20% }}
}}
事项 XF-01 "消防安全检查" {{
  部门 XFJY; 权责 130102-JC-002; 依据 消防法 "第五十三条"
  类别 一般; 对象 "{source(obj)}"; 方式 实地检查; 频次 2
  比例 {{ A 30%  B 50%  C 10%  D 20% }}
}}
一业一查 餐饮 "餐饮行业“一业一查”" {{ 牵头 SCJG; 行业 "{source(industry)}"; 事项 SP-01, SP-02 }}
日历 2024 {{ 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }}
""")
with open(targets_out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["统一社会信用代码", "名称", "行业", "标签", "信用风险分类", "经营异常"])
    for n in range(1, 61):
        w.writerow([f"91130102MC{n:08d}", f"主体{n}", industry if n % 3 else "其他", obj if n % 2 else "",
                    "ABCD"[n % 4], "是" if n % 7 == 0 else "否"])
with open(inspectors_out, "w", encoding="utf-8", newline="") as f:
    f.write("工号,姓名,部门,执法证号,专长,回避\n")
    for n in range(1, 5):
        f.write(f"S{n},市场{n},SCJG,SC{n},,\nX{n},消防{n},XFJY,XF{n},,\n")
