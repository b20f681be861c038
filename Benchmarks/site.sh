#!/usr/bin/env bash
# Benchmark `choucha site` of a repository with 10,000 items (issue 16: above 300 items the item
# list is split into a page per department; measure page size and render time).
#
#   Benchmarks/site.sh                # release build, 10,000 items
#   CONFIG=debug Benchmarks/site.sh   # the debug build (what was measured when release builds
#                                     # were not allowed on the shared machine)
#
# Environment:
#   ITEMS=10000     items (Benchmarks/generate.py --items), in 30 departments
#   RUNS=3          timed runs
#   CORE=0          CPU core to pin to (taskset -c); CORE= (empty) disables pinning
#   CONFIG=release  release or debug
#   GEN_DIR=...     where to generate (default Benchmarks/.generated-site, git-ignored)
#   SKIP_BUILD=1    use the existing binary; CHOUCHA=path uses that binary
set -euo pipefail

ITEMS=${ITEMS:-10000}
RUNS=${RUNS:-3}
CORE=${CORE-0}
CONFIG=${CONFIG:-release}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
GEN_DIR=${GEN_DIR:-$HERE/.generated-site}
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

echo "== generating $ITEMS items into $GEN_DIR/rules" >&2
rm -rf "$GEN_DIR"
python3 "$HERE/generate.py" "$GEN_DIR/rules" --items "$ITEMS" >&2

PIN=()
if [[ -n "$CORE" ]] && command -v taskset >/dev/null 2>&1; then PIN=(taskset -c "$CORE"); fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Each run into a fresh directory (a second run into the same one would also compare and replace).
for ((i = 1; i <= RUNS; i++)); do
    OUT="$GEN_DIR/site-$i"
    T0=$(date +%s%N)
    /usr/bin/time -v -o "$TMP/time.$i" "${PIN[@]}" "$BIN" site "$GEN_DIR/rules" --out "$OUT" >"$TMP/out.$i" 2>&1 \
        || { cat "$TMP/out.$i" >&2; echo "error: choucha site failed" >&2; exit 1; }
    T1=$(date +%s%N)
    echo $(( (T1 - T0) / 1000 )) >"$TMP/us.$i"
done
head -n 3 "$TMP/out.1" >&2

python3 - "$TMP" "$RUNS" "$ITEMS" "$CONFIG" "${PIN[*]:-unpinned}" "$GEN_DIR/site-1" <<'PY'
import os, re, statistics, sys
tmp, runs, items, config, pin, site = sys.argv[1:7]
runs, items = int(runs), int(items)
walls = [int(open("%s/us.%d" % (tmp, i)).read()) / 1e6 for i in range(1, runs + 1)]
rss = [int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open("%s/time.%d" % (tmp, i)).read()).group(1))
       for i in range(1, runs + 1)]
sizes = {}
for folder, _, names in os.walk(site):
    for name in names:
        path = os.path.join(folder, name)
        sizes[os.path.relpath(path, site)] = os.path.getsize(path)
pages = {k: v for k, v in sizes.items() if k.endswith(".html")}
departments = sorted(v for k, v in pages.items() if k.startswith("departments/"))
largest = max(pages, key=pages.get)
items_page = open(os.path.join(site, "items.html"), encoding="utf-8").read()
print("build             : %s" % config)
print("items             : %d (split: %s)" % (items, "yes, items.html links %d department pages" % len(departments)
                                             if "<table" not in items_page else "no, one page"))
print("files             : %d (%d pages), %.1f MB" % (len(sizes), len(pages), sum(sizes.values()) / 1e6))
print("items.html        : %.1f KB" % (sizes["items.html"] / 1e3))
print("department pages  : %d, %.1f / %.1f / %.1f KB (min / median / max)" % (
    len(departments), departments[0] / 1e3, statistics.median(departments) / 1e3, departments[-1] / 1e3))
print("largest page      : %s, %.1f KB" % (largest, pages[largest] / 1e3))
print("runs              : %d (%s)" % (runs, pin))
print("wall times (s)    : %s" % " ".join("%.2f" % w for w in walls))
print("median wall (s)   : %.2f" % statistics.median(walls))
print("max RSS (MB)      : %.1f" % (max(rss) / 1024.0))
PY
