#!/usr/bin/env bash
# Times `choucha check` on the pathological inputs of Tests/ChouchaCoreTests/BadInputTests.swift.
# The tests assert what the output says (and a watchdog catches hangs); how fast is measured here.
#
#   Benchmarks/pathological.sh
#
# Environment: RUNS=3, SKIP_BUILD=1, CHOUCHA=/path/to/binary, GEN_DIR=Benchmarks/.pathological
set -euo pipefail
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
GEN_DIR=${GEN_DIR:-$HERE/.pathological}
cd "$ROOT"

if [[ -n "${CHOUCHA:-}" ]]; then
    BIN=$CHOUCHA
else
    [[ -n "${SKIP_BUILD:-}" ]] || swift build -c release --product choucha >&2
    BIN="$(swift build -c release --product choucha --show-bin-path)/choucha"
fi

rm -rf "$GEN_DIR"
python3 - "$GEN_DIR" <<'PY'
import os, sys
out = sys.argv[1]
prelude = """部门 SCJG "区市场监督管理局" { 类型 本级 }
法规 食品安全法 "中华人民共和国食品安全法" { 施行 2015-10-01 }
权责 130102-JC-001 "对食品经营者的监督检查" { 类型 行政检查; 部门 SCJG; 依据 食品安全法 "第一百一十条" }
计划 2024 "2024年抽查工作计划" { 期间 2024-03-01 .. 2024-11-30 }
日历 2024 { 节假日 2024-10-01 .. 2024-10-07; 补班 2024-09-29, 2024-10-12 }
""".encode()
cases = {
    "10mb-line-error-at-end": b" " * 10_000_000 + b"}",
    "10mb-word": "部们 ".encode() + b"a" * 10_000_000,
    "10mb-unterminated-string": '部门 A "'.encode() + b"x" * 10_000_000,
    "10mb-comment": b"# " + ("监管" * 1_666_666).encode() + '\n部门 A { 类型 本级 }\n'.encode(),
    "50-errors-on-1mb-line": "".join('部门 D%d "名" { 类型 本机 } ' % i + " " * 20_000 for i in range(50)).encode(),
}
for name, body in cases.items():
    os.makedirs(os.path.join(out, name))
    open(os.path.join(out, name, "a.choucha"), "wb").write(prelude)
    open(os.path.join(out, name, "b.choucha"), "wb").write(body)
PY

printf '%-28s %10s %10s %8s\n' case "median s" "max RSS MB" exit
for dir in "$GEN_DIR"/*/; do
    name=$(basename "$dir")
    walls=()
    rss=0
    for ((i = 1; i <= RUNS; i++)); do
        T0=$(date +%s%N)
        set +e
        /usr/bin/time -f '%M' -o "$GEN_DIR/rss" "$BIN" check "$dir" >/dev/null 2>&1
        status=$?
        set -e
        T1=$(date +%s%N)
        walls+=($(( (T1 - T0) / 1000000 )))
        r=$(tail -n1 "$GEN_DIR/rss"); (( r > rss )) && rss=$r
    done
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    printf '%-28s %10.3f %10.1f %8s\n' "$name" "$(echo "$median / 1000" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$status"
done
