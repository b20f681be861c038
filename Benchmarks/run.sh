#!/usr/bin/env bash
# Benchmark `choucha <subcommand>` on a synthetic rule repository.
#
#   Benchmarks/run.sh                 # same as `Benchmarks/run.sh check`
#   Benchmarks/run.sh check
#   Benchmarks/run.sh build [extra choucha args...]
#
# Environment:
#   RUNS=5          number of timed runs
#   CORE=0          CPU core to pin to (taskset -c); CORE= (empty) disables pinning
#   GEN_DIR=...     where to generate the repository (default Benchmarks/.generated)
#   GEN_ARGS="..."  extra arguments for generate.py, e.g. "--items 20000 --authorities 100000"
#   SKIP_BUILD=1    do not run `swift build` (use the existing release binary)
#   CHOUCHA=path    use this binary instead of the release build
set -euo pipefail

SUB=${1:-check}
shift || true
RUNS=${RUNS:-5}
CORE=${CORE-0}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
GEN_DIR=${GEN_DIR:-$HERE/.generated}
cd "$ROOT"

# 1. build -------------------------------------------------------------------
if [[ -n "${CHOUCHA:-}" ]]; then
    BIN=$CHOUCHA
else
    if [[ -z "${SKIP_BUILD:-}" ]]; then
        echo "== swift build -c release --product choucha" >&2
        swift build -c release --product choucha >&2
    fi
    BIN="$(swift build -c release --product choucha --show-bin-path)/choucha"
fi
[[ -x "$BIN" ]] || { echo "error: no choucha binary at $BIN" >&2; exit 1; }

# 2. generate ----------------------------------------------------------------
echo "== generating into $GEN_DIR ${GEN_ARGS:-}" >&2
rm -rf "$GEN_DIR"
# shellcheck disable=SC2086
python3 "$HERE/generate.py" "$GEN_DIR" ${GEN_ARGS:-} >&2
LINES=$(find "$GEN_DIR" -name '*.choucha' -print0 | xargs -0 cat | wc -l)
FILES=$(find "$GEN_DIR" -name '*.choucha' | wc -l)
BYTES=$(find "$GEN_DIR" -name '*.choucha' -print0 | xargs -0 cat | wc -c)

# 3. measure -----------------------------------------------------------------
PIN=()
if [[ -n "$CORE" ]]; then
    if command -v taskset >/dev/null 2>&1; then
        PIN=(taskset -c "$CORE")
    else
        echo "warning: taskset not found, running unpinned" >&2
    fi
fi
CMD=("$BIN" "$SUB" "$GEN_DIR" "$@")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# One untimed run: shows the exit status and the first lines of output, and warms the page cache.
set +e
"${PIN[@]}" "${CMD[@]}" >"$TMP/out" 2>&1
STATUS=$?
set -e
echo "== ${CMD[*]} -> exit $STATUS, $(wc -l <"$TMP/out") output lines" >&2
head -n 10 "$TMP/out" >&2
if [[ $STATUS -ge 2 ]]; then
    # 2 = command-line or file-system problem (e.g. an unknown subcommand): nothing to time.
    echo "error: choucha exited with status $STATUS; not timing it" >&2
    exit "$STATUS"
elif [[ $STATUS -ne 0 ]]; then
    echo "warning: choucha exited with status $STATUS; timings below include a non-clean run" >&2
fi

if [[ ! -x /usr/bin/time ]]; then
    echo "error: /usr/bin/time (GNU time) is required for max RSS" >&2
    exit 1
fi

# GNU time -v for every run: max RSS (and a coarse wall clock).
# GNU time reports wall clock in centiseconds only, so the wall time is also taken with date +%N.
for ((i = 1; i <= RUNS; i++)); do
    T0=$(date +%s%N)
    /usr/bin/time -v -o "$TMP/time.$i" "${PIN[@]}" "${CMD[@]}" >/dev/null 2>&1 || true
    T1=$(date +%s%N)
    echo $(( (T1 - T0) / 1000 )) >"$TMP/ns.$i"
done

HYPERFINE_JSON=""
if command -v hyperfine >/dev/null 2>&1; then
    printf -v QCMD '%q ' "${PIN[@]}" "${CMD[@]}"
    hyperfine --runs "$RUNS" --warmup 1 --ignore-failure --style basic \
        --export-json "$TMP/hyperfine.json" "$QCMD" >&2
    HYPERFINE_JSON="$TMP/hyperfine.json"
fi

python3 - "$TMP" "$RUNS" "$LINES" "$FILES" "$BYTES" "$SUB" "$HYPERFINE_JSON" "${PIN[*]:-unpinned}" <<'PY'
import json, re, statistics, sys
tmp, runs, lines, files, nbytes, sub, hf, pin = sys.argv[1:9]
runs, lines, files, nbytes = int(runs), int(lines), int(files), int(nbytes)

walls, rss = [], []
for i in range(1, runs + 1):
    txt = open("%s/time.%d" % (tmp, i)).read()
    walls.append(int(open("%s/ns.%d" % (tmp, i)).read()) / 1e6)  # microseconds -> seconds
    rss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", txt).group(1)))
source = "date +%N around /usr/bin/time -v"
median = statistics.median(walls)
if hf:
    r = json.load(open(hf))["results"][0]
    median = r["median"]
    walls = r["times"]
    source = "hyperfine"
print("subcommand      : %s" % sub)
print("repository      : %d files, %d lines, %.1f MB" % (files, lines, nbytes / 1e6))
print("runs            : %d (%s, %s)" % (len(walls), source, pin))
print("wall times (s)  : %s" % " ".join("%.3f" % w for w in walls))
print("median wall (s) : %.3f" % median)
print("lines / second  : %.0f" % (lines / median if median > 0 else float("inf")))
print("max RSS (MB)    : %.1f" % (max(rss) / 1024.0))
PY
