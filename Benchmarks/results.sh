#!/usr/bin/env bash
# Benchmark `choucha check` of a repository with a large results table (issue 15: 100,000 rows
# under a second).
#
#   Benchmarks/results.sh                # release build, 100,000 rows
#   CONFIG=debug Benchmarks/results.sh   # the debug build (what was measured when release builds
#                                        # were not allowed on the shared machine)
#
# Environment:
#   ROWS=100000     result rows (Benchmarks/generate_results.py --rows)
#   RUNS=5          timed runs
#   CORE=0          CPU core to pin to (taskset -c); CORE= (empty) disables pinning
#   CONFIG=release  release or debug
#   GEN_DIR=...     where to generate (default Benchmarks/.generated-results, git-ignored)
#   SKIP_BUILD=1    use the existing binary; CHOUCHA=path uses that binary
set -euo pipefail

ROWS=${ROWS:-100000}
RUNS=${RUNS:-5}
CORE=${CORE-0}
CONFIG=${CONFIG:-release}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
GEN_DIR=${GEN_DIR:-$HERE/.generated-results}
cd "$ROOT"

if [[ -n "${CHOUCHA:-}" ]]; then
    BIN=$CHOUCHA
else
    if [[ -z "${SKIP_BUILD:-}" ]]; then
        echo "== swift build -c $CONFIG --product choucha" >&2
        swift build -c "$CONFIG" --product choucha >&2
    fi
    BIN="$(swift build -c "$CONFIG" --product choucha --show-bin-path)/choucha"
fi
[[ -x "$BIN" ]] || { echo "error: no choucha binary at $BIN" >&2; exit 1; }

echo "== generating $ROWS rows into $GEN_DIR" >&2
rm -rf "$GEN_DIR"
python3 "$HERE/generate_results.py" "$GEN_DIR" --rows "$ROWS" >&2
BYTES=$(wc -c <"$GEN_DIR/results/2024.csv")

PIN=()
if [[ -n "$CORE" ]] && command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "$CORE"); fi
CMD=("$BIN" check "$GEN_DIR")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# One untimed run: it must check clean (the generated results are all valid and on time).
set +e
"${PIN[@]}" "${CMD[@]}" >"$TMP/out" 2>&1
STATUS=$?
set -e
echo "== ${CMD[*]} -> exit $STATUS" >&2
head -n 10 "$TMP/out" >&2
[[ $STATUS -eq 0 ]] || { echo "error: the generated repository does not check clean" >&2; exit 1; }

for ((i = 1; i <= RUNS; i++)); do
    T0=$(date +%s%N)
    /usr/bin/time -v -o "$TMP/time.$i" "${PIN[@]}" "${CMD[@]}" >/dev/null 2>&1
    T1=$(date +%s%N)
    echo $(( (T1 - T0) / 1000 )) >"$TMP/us.$i"
done

python3 - "$TMP" "$RUNS" "$ROWS" "$BYTES" "$CONFIG" "${PIN[*]:-unpinned}" <<'PY'
import re, statistics, sys
tmp, runs, rows, nbytes, config, pin = sys.argv[1:7]
runs, rows, nbytes = int(runs), int(rows), int(nbytes)
walls = [int(open("%s/us.%d" % (tmp, i)).read()) / 1e6 for i in range(1, runs + 1)]
rss = [int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open("%s/time.%d" % (tmp, i)).read()).group(1))
       for i in range(1, runs + 1)]
median = statistics.median(walls)
print("build           : %s" % config)
print("results table   : %d rows, %.1f MB" % (rows, nbytes / 1e6))
print("runs            : %d (%s)" % (runs, pin))
print("wall times (s)  : %s" % " ".join("%.3f" % w for w in walls))
print("median wall (s) : %.3f" % median)
print("rows / second   : %.0f" % (rows / median))
print("max RSS (MB)    : %.1f" % (max(rss) / 1024.0))
PY
