#!/usr/bin/env bash
# Counts the instructions `choucha check` (or another subcommand) executes on the synthetic
# repository, with valgrind's callgrind: unlike wall time, the count is the same on every run
# of the same binary, whatever else the machine is doing. Usage: Benchmarks/instructions.sh [check|build]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 0; }
subcommand=${1:-check}
gen=${GEN_DIR:-Benchmarks/.generated}
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product choucha >/dev/null
[ -d "$gen" ] || python3 Benchmarks/generate.py "$gen" >/dev/null
binary=$(swift build -c release --product choucha --show-bin-path)/choucha
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" "$binary" "$subcommand" "$gen" >/dev/null 2>&1 || true
total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
lines=$(find "$gen" -name '*.choucha' -print0 | xargs -0 cat | wc -l)
rm -f "$out"
echo "instructions    : $total"
echo "lines           : $lines"
echo "per line        : $((total / lines))"
