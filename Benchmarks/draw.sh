#!/usr/bin/env bash
# Times `choucha draw` on one stratified task (ratios 1-5 % by class) over an N-row target directory
# (default 1,000,000), beside the same target selection in plain Python (hashlib), with Rivest's
# consistent_sampler, and in DuckDB SQL, each checked against the draw's own output.
#
# Usage: Benchmarks/draw.sh [ROWS]
#   INSPECTORS=400  officers in the task's department (each drawn target ranks all of them)
#   NATIVE=1        build with -target-cpu native (AVX2/AVX-512 for the eight-lane SHA-256)
#   CORES=1         pin choucha to one core (default: both)
#   SKIP_BUILD=1    use the binary already built
#   SKIP_OTHERS=1   time choucha only
#   CHOUCHA_NO_SHA_NI=1  the portable SHA-256 rounds even on a CPU with SHA-NI
#   CS_MAX_ROWS=1000000  skip consistent_sampler above this many rows (it is pure Python)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
inspectors=${INSPECTORS:-400}
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
# The directories are made once per size (the generator is deterministic).
if [ "$(cat "$dir/.rows" 2>/dev/null)" != "$rows" ]; then
python3 - "$dir" "$rows" <<'PY'
import random, sys
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
with open(f"{out}/targets.csv", "w", encoding="utf-8", newline="") as f:
    f.write("统一社会信用代码,名称,行业,标签,信用风险分类\r\n")
    for i in range(n):
        f.write(f"91130102MA{i:08d},某食品店{i},食品销售,食品经营者,{rng.choice('AABBBCCD')}\r\n")
PY
echo "$rows" > "$dir/.rows"
fi
python3 - "$dir" "$inspectors" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
with open(f"{out}/inspectors.csv", "w", encoding="utf-8", newline="") as f:
    f.write("工号,姓名,部门,执法证号,专长,回避\r\n")
    for i in range(n):
        f.write(f"E{i},人员{i},SCJG,1301020{i:05d},,\r\n")
PY
flags=()
scratch=.build
if [ "${NATIVE:-0}" = 1 ]; then flags=(-Xswiftc -target-cpu -Xswiftc native); scratch=.build-native; fi
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product choucha --scratch-path "$scratch" "${flags[@]}" >/dev/null
binary=$(swift build -c release --product choucha --scratch-path "$scratch" "${flags[@]}" --show-bin-path)/choucha
pin=()
[ "${CORES:-2}" = 1 ] && pin=(taskset -c 0)
echo "== choucha draw, $rows rows, $inspectors inspectors, ${CORES:-2} core(s)$([ "${NATIVE:-0}" = 1 ] && echo ', -target-cpu native')"
# CHOUCHA_TIMINGS=1: the phases on standard error (the pass's split between the cores among them).
CHOUCHA_TIMINGS=1 /usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" "${pin[@]}" "$binary" draw "$dir/rules.choucha" \
  --targets "$dir/targets.csv" --inspectors "$dir/inspectors.csv" --seed bench --out "$dir/out" | tail -1
[ "${SKIP_OTHERS:-0}" = 1 ] && exit 0

echo "== the same target selection in plain Python (hashlib), no inspector matching"
/usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" python3 - "$dir" <<'PY'
import hashlib, json, sys
seed_hash = hashlib.sha256(b"bench").hexdigest()
by = {}
with open(sys.argv[1] + "/targets.csv", encoding="utf-8") as f:
    next(f)
    for line in f:
        r = line.rstrip("\r\n").split(",")
        x = "2024-S-SP-01|" + r[0]
        h = int(hashlib.sha256((seed_hash + x).encode()).hexdigest(), 16)
        by.setdefault(r[4].strip(), []).append(("0." + "".join(reversed("{:064d}".format(h))), x, r[0]))
ratios = {"A": 10000, "B": 20000, "C": 30000, "D": 50000}
selected = []
for c, l in by.items():
    l.sort()
    selected += l[: (ratios[c] * len(l) + 999999) // 1000000]
selected.sort()
draw = json.load(open(sys.argv[1] + "/out/draw-2024.json", encoding="utf-8"))
ours = [(t["ticket"], t["code"]) for t in draw["tasks"][0]["targets"]]
print("selected", len(selected), "same as choucha draw" if ours == [(t, c) for t, _, c in selected] else "DIFFERENT")
PY

if [ "$rows" -le "${CS_MAX_ROWS:-1000000}" ] && python3 -c "import consistent_sampler" 2>/dev/null; then
echo "== the same target selection with consistent_sampler (PyPI consistent-sampler)"
/usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" python3 - "$dir" <<'PY'
import json, sys
import consistent_sampler
by = {}
with open(sys.argv[1] + "/targets.csv", encoding="utf-8") as f:
    next(f)
    for line in f:
        r = line.rstrip("\r\n").split(",")
        by.setdefault(r[4].strip(), []).append("2024-S-SP-01|" + r[0])
ratios = {"A": 10000, "B": 20000, "C": 30000, "D": 50000}
selected = {}
for c, ids in by.items():
    k = (ratios[c] * len(ids) + 999999) // 1000000
    selected[c] = list(consistent_sampler.sampler(ids, seed="bench", take=k, output="id"))
draw = json.load(open(sys.argv[1] + "/out/draw-2024.json", encoding="utf-8"))
targets = draw["tasks"][0]["targets"]
# Per class, the same ids in the same (ticket) order.
ours = {c: ["2024-S-SP-01|" + t["code"] for t in targets if t["class"] == c] for c in selected}
print("selected", sum(map(len, selected.values())), "same as choucha draw" if ours == selected else "DIFFERENT")
PY
else
  echo "== consistent_sampler: skipped (not installed, or more than CS_MAX_ROWS rows)"
fi

if python3 -c "import duckdb" 2>/dev/null; then
echo "== the same target selection in DuckDB SQL (2 threads)"
/usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" python3 - "$dir" <<'PY'
import duckdb, hashlib, json, sys
folder = sys.argv[1]
seed_hash = hashlib.sha256(b"bench").hexdigest()
con = duckdb.connect()
con.execute("SET threads TO 2")
# The ticket's first 19 digits: the hash modulo 10^19 (Horner over four 64-bit chunks, in
# UHUGEINT), zero-padded and reversed. Ties on 19 digits (never seen) would be ordered by code.
M = "10000000000000000000::UHUGEINT"
expr = f"(('0x' || substr(h, 1, 16))::UBIGINT::UHUGEINT % {M})"
for i in range(1, 4):
    expr = f"(({expr} * 18446744073709551616::UHUGEINT + ('0x' || substr(h, {1 + 16 * i}, 16))::UBIGINT::UHUGEINT) % {M})"
query = f"""
WITH keyed AS (
  SELECT code, class, reverse(lpad({expr}::VARCHAR, 19, '0')) AS key
  FROM (SELECT "统一社会信用代码" AS code, trim("信用风险分类") AS class,
               sha256('{seed_hash}' || '2024-S-SP-01|' || "统一社会信用代码") AS h
        FROM read_csv('{folder}/targets.csv', header = true, all_varchar = true))
), ranked AS (
  SELECT code, class, key, row_number() OVER (PARTITION BY class ORDER BY key, code) AS position,
         count(*) OVER (PARTITION BY class) AS members
  FROM keyed
), ratios(class, per_million) AS (VALUES ('A', 10000), ('B', 20000), ('C', 30000), ('D', 50000))
SELECT code, key FROM ranked JOIN ratios USING (class)
WHERE position <= (per_million * members + 999999) // 1000000
ORDER BY key, code
"""
selected = con.execute(query).fetchall()
draw = json.load(open(folder + "/out/draw-2024.json", encoding="utf-8"))
ours = [(t["code"], t["ticket"][2:21]) for t in draw["tasks"][0]["targets"]]
print("selected", len(selected), "same as choucha draw" if ours == [tuple(s) for s in selected] else "DIFFERENT")
PY
else
  echo "== DuckDB: skipped (pip install duckdb)"
fi
