#!/usr/bin/env bash
# Times `choucha draw` on one stratified task over an N-row target directory (default 1,000,000),
# beside the same target selection in plain Python (hashlib). Usage: Benchmarks/draw.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
dir=${GEN_DIR:-Benchmarks/.generated-draw}
mkdir -p "$dir"
cat > "$dir/rules.choucha" <<'RULES'
部门 SCJG "区市场监督管理局" { 类型 本级 }
法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
事项 SP-01 "食品经营者检查" { 部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"; 类别 重点; 对象 食品经营者; 方式 实地检查; 比例 { A 1%  B 2%  C 3%  D 5% }; 频次 1 }
计划 2024 "2024年计划" { 期间 2024-03-01 .. 2024-11-30 }
日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }
RULES
python3 - "$dir" "$rows" <<'PY'
import random, sys
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
with open(f"{out}/targets.csv", "w", encoding="utf-8", newline="") as f:
    f.write("统一社会信用代码,名称,行业,标签,信用风险分类\r\n")
    for i in range(n):
        f.write(f"91130102MA{i:08d},某食品店{i},食品销售,食品经营者,{rng.choice('AABBBCCD')}\r\n")
with open(f"{out}/inspectors.csv", "w", encoding="utf-8", newline="") as f:
    f.write("工号,姓名,部门,执法证号,专长,回避\r\n")
    for i in range(400):
        f.write(f"E{i},人员{i},SCJG,1301020{i:05d},,\r\n")
PY
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product choucha >/dev/null
binary=$(swift build -c release --product choucha --show-bin-path)/choucha
echo "== choucha draw, $rows rows, one core"
/usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" taskset -c 0 "$binary" draw "$dir/rules.choucha" \
  --targets "$dir/targets.csv" --inspectors "$dir/inspectors.csv" --seed bench --out "$dir/out" | tail -1
echo "== the same target selection in plain Python (hashlib), no inspector matching"
/usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" python3 - "$dir" <<'PY'
import hashlib, sys
rows = [l.split(",") for l in open(sys.argv[1] + "/targets.csv", encoding="utf-8").read().split("\n")[1:] if l]
seed_hash = hashlib.sha256(b"bench").hexdigest()
by = {}
for r in rows:
    x = "2024-S-SP-01|" + r[0]
    h = int(hashlib.sha256((seed_hash + x).encode()).hexdigest(), 16)
    by.setdefault(r[4].strip(), []).append(("0." + "".join(reversed("{:064d}".format(h))), x))
ratios = {"A": 1, "B": 2, "C": 3, "D": 5}
print("selected", sum(-(-len(l) * ratios[c] // 100) for c, l in by.items() if not l.sort()))
PY
