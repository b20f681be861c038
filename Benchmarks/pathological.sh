#!/usr/bin/env bash
# Times the release `choucha` on pathological inputs: the one-line typos and hostile files of
# issue 10 item 4 (each of which once took seconds to minutes), and the long-line inputs of
# Tests/ChouchaCoreTests/BadInputTests.swift. The tests assert what the output says and that the
# work is linear; how fast is measured here.
#
#   Benchmarks/pathological.sh              # all cases
#   Benchmarks/pathological.sh workdays     # the cases whose name contains "workdays"
#
# Each case runs RUNS times under `timeout $TIMEOUT /usr/bin/time -f '%e s %M KB'`; the table
# gives the median wall time, the largest max RSS and the last exit status (124: cut off by the
# timeout, so the time is a lower bound).
#
# Environment: RUNS=1, TIMEOUT=300, SKIP_BUILD=1, CHOUCHA=/path/to/binary,
# GEN_DIR=Benchmarks/.generated/pathological (git-ignored; regenerated each time).
set -euo pipefail
RUNS=${RUNS:-1}
TIMEOUT=${TIMEOUT:-300}
FILTER=${1:-}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
GEN_DIR=${GEN_DIR:-Benchmarks/.generated/pathological}

if [[ -n "${CHOUCHA:-}" ]]; then
    BIN=$CHOUCHA
else
    [[ -n "${SKIP_BUILD:-}" ]] || swift build -c release --product choucha >&2
    BIN="$(swift build -c release --product choucha --show-bin-path)/choucha"
fi

rm -rf "$GEN_DIR"
mkdir -p "$GEN_DIR"
python3 - "$GEN_DIR" <<'PY'
import os, sys
out = sys.argv[1]
prelude = """部门 SCJG "区市场监督管理局" { 类型 本级 }
法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30 }
日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }
""".encode()
item = """事项 SP-01 "食品经营者检查" {
  部门 SCJG; 权责 130102-JC-001; 依据 食品安全法 "第一百一十条"
  类别 一般; 对象 餐饮服务经营者; 方式 实地检查; 比例 5%; 频次 1
}
""".encode()

def repo(name, body, base=prelude):
    os.makedirs(os.path.join(out, name))
    open(os.path.join(out, name, "a.choucha"), "wb").write(base)
    open(os.path.join(out, name, "b.choucha"), "wb").write(body)

# Issue 10 item 4.
for days in (999999999, 10000000):
    repo("workdays-%d" % days, item, prelude.replace(
        "期间 2024-03-01 .. 2024-11-30".encode(),
        ("期间 2024-03-01 .. 2024-11-30; 公示时限 %d 工作日" % days).encode()))
# 8,000 inspection powers, and 1,000 items citing codes with one character slipped (JC → JX).
authorities = "".join(
    '权责 130102-JC-%04d "对第%d类经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }\n' % (i, i)
    for i in range(8000))
items = "".join(
    '事项 SP-%04d "检查%d" { 部门 SCJG; 权责 130102-JX-%04d; 依据 食品安全法 "第一百一十条"; 类别 一般; '
    '对象 餐饮服务经营者; 方式 实地检查; 比例 5%%; 频次 1 }\n' % (i, i, i * 8)
    for i in range(1000))
repo("undefined-refs-1000-of-8000", (authorities + items).encode())
# One bundle naming 64,000 undefined items on one line.
repo("names-64000-on-one-line", item + (
    '一业一查 餐饮 "餐饮" { 牵头 SCJG; 行业 餐饮服务; 事项 ' + ", ".join("SP-N%05d" % i for i in range(64000)) + " }\n").encode())
# A junk line: one wrong declaration repeated 20,000 times.
repo("junk-line-20000", ('部门 A "名" { 类型 本机 } ' * 20000 + "\n").encode())
# An items sheet whose heading row has a 1 MB cell.
open(os.path.join(out, "heading-cell-1mb.csv"), "wb").write(
    ("事项名称,检查对象," + "检" * 350_000 + ",抽查比例\n食品检查,餐饮服务经营者,x,5%\n").encode())

# Draw: 3,000 departments, each with an item of the plan, and 20,000 inspectors whose
# department codes are all misspelt (BM → BX): each row's "did you mean" looks among the
# departments' 6,000 codes and names.
repo("departments-3000", "".join(
    '部门 BM%04d "第%d号测试部门" { 类型 本级 }\n'
    '权责 130102-JC-9%04d "第%d号部门的监督检查" { 类型 行政检查; 部门 BM%04d; 依据 食品安全法 "第一百一十条" }\n'
    '事项 BM%04d-01 "检查%d" { 部门 BM%04d; 权责 130102-JC-9%04d; 依据 食品安全法 "第一百一十条"; 类别 一般; '
    '对象 第%d类对象; 方式 实地检查; 比例 5%%; 频次 1 }\n' % ((i,) * 10)
    for i in range(3000)).encode(), prelude.replace("期间 2024-03-01 .. 2024-11-30".encode(),
    "期间 2024-03-01 .. 2024-11-30; 分类 A、B、C、D".encode()))
# W0404: 3,000 departments, each with one item on the same object type and no bundle
# (per pair of departments: 4,498,500 warnings).
repo("w0404-3000-departments", "".join(
    '部门 BM%04d "第%d号测试部门" { 类型 本级 }\n'
    '权责 130102-JC-9%04d "第%d号部门的监督检查" { 类型 行政检查; 部门 BM%04d; 依据 食品安全法 "第一百一十条" }\n'
    '事项 BM%04d-01 "检查%d" { 部门 BM%04d; 权责 130102-JC-9%04d; 依据 食品安全法 "第一百一十条"; 类别 一般; '
    '对象 餐饮服务经营者; 方式 实地检查; 比例 5%%; 频次 1 }\n' % ((i,) * 9)
    for i in range(3000)).encode())
open(os.path.join(out, "inspectors-misspelt-20000.csv"), "wb").write(("工号,姓名,部门,执法证号,专长,回避\n" + "".join(
    "T%05d,测试%d,BX%04d,,,\n" % (i, i, i % 3000) for i in range(20000))).encode())

# BadInputTests: long lines.
cases = {
    "10mb-line-error-at-end": b" " * 10_000_000 + b"}",
    "10mb-word": "部们 ".encode() + b"a" * 10_000_000,
    "10mb-unterminated-string": '部门 A "'.encode() + b"x" * 10_000_000,
    "10mb-comment": b"# " + ("监管" * 1_666_666).encode() + '\n部门 A { 类型 本级 }\n'.encode(),
    "50-errors-on-1mb-line": "".join('部门 D%d "名" { 类型 本机 } ' % i + " " * 20_000 for i in range(50)).encode(),
    # Pasted characters (W0009): one 10 MB run, one 10 MB word, and 1.7 million separate runs.
    "10mb-zero-width-run": ("\u200b" * 3_500_000).encode(),
    "10mb-word-with-zero-width": "部门 A".encode() + ("a\u200b" * 2_500_000).encode() + ' "名" { 类型 本级 }\n'.encode(),
    "10mb-alternating-pasted": ("\u200b \u00a0 " * 1_700_000).encode(),
}
for name, body in cases.items():
    repo(name, body)
PY
# Hostile files for `draw` and `verify`.
head -c 64M /dev/zero >"$GEN_DIR/nul-64mb.csv"
truncate -s 1G "$GEN_DIR/sparse-1gb.json"

G=$GEN_DIR
D=Examples/05-draw
CASES=(
    "workdays-999999999|build $G/workdays-999999999 --out $G/out-1"
    "workdays-10000000|build $G/workdays-10000000 --out $G/out-2"
    "undefined-refs-1000-of-8000|check $G/undefined-refs-1000-of-8000"
    "names-64000-on-one-line|check $G/names-64000-on-one-line"
    "junk-line-20000|check $G/junk-line-20000"
    "heading-cell-1mb|import items $G/heading-cell-1mb.csv -o $G/heading-cell-1mb.choucha"
    "draw-targets-nul-64mb|draw Rules --targets $G/nul-64mb.csv --inspectors $D/inspectors.csv --seed x --out $G/out-draw"
    "draw-inspectors-misspelt-20000|draw $G/departments-3000 --targets $D/targets.csv --inspectors $G/inspectors-misspelt-20000.csv --seed x --out $G/out-draw-2"
    "w0404-3000-departments|check $G/w0404-3000-departments"
    "verify-sparse-1gb|verify $G/sparse-1gb.json --targets $D/targets.csv --inspectors $D/inspectors.csv"
    "10mb-line-error-at-end|check $G/10mb-line-error-at-end"
    "10mb-word|check $G/10mb-word"
    "10mb-unterminated-string|check $G/10mb-unterminated-string"
    "10mb-comment|check $G/10mb-comment"
    "50-errors-on-1mb-line|check $G/50-errors-on-1mb-line"
    "10mb-zero-width-run|check $G/10mb-zero-width-run"
    "10mb-word-with-zero-width|check $G/10mb-word-with-zero-width"
    "10mb-alternating-pasted|check $G/10mb-alternating-pasted"
)

printf '%-30s %10s %10s %6s  %s\n' case "median s" "max MB" exit command
for entry in "${CASES[@]}"; do
    name=${entry%%|*}
    args=${entry#*|}
    [[ -z "$FILTER" || "$name" == *"$FILTER"* ]] || continue
    walls=()
    rss=0
    for ((i = 1; i <= RUNS; i++)); do
        set +e
        # shellcheck disable=SC2086  # the arguments are split on purpose
        timeout "$TIMEOUT" /usr/bin/time -f '%e s %M KB' -o "$G/time" "$BIN" $args >/dev/null 2>&1
        status=$?
        set -e
        if [[ $status == 124 ]]; then
            walls+=("$TIMEOUT")
        else
            # GNU time puts "Command exited with non-zero status N" before the figures.
            read -r wall _ kb _ < <(tail -n1 "$G/time")
            walls+=("$wall")
            (( kb > rss )) && rss=$kb
        fi
    done
    median=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
    [[ $status == 124 ]] && median=">$median"
    printf '%-30s %10s %10s %6s  choucha %s\n' "$name" "$median" "$(( rss / 1024 ))" "$status" "$args"
done
