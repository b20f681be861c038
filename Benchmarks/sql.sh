#!/usr/bin/env bash
# Issue 17, item 5: the draw's selection inside DuckDB and Spark (local mode), beside choucha's own
# streaming draw of the same directory, in the same run, on Rules/ (every task and round of the 2024
# plan) and a generated ROWS-row directory (Tests/Engines/gen.py: tags in every separator, padded
# cells, abnormal entities, 15 % of rows in no population).
#
# Usage: Benchmarks/sql.sh [ROWS]        (default 1000000)
#   ENGINES="duckdb spark"   the engines to time (spark is skipped above SPARK_MAX_ROWS, default 1000000;
#                            say ENGINES=duckdb to leave it out)
#   RUNS=3                   runs of each choucha step (the median is printed)
#   ENGINE_RUNS=RUNS         runs of the DuckDB query (Spark runs once: its JVM alone takes seconds)
#   THREADS=2                DuckDB threads and Spark's local[N]
#   SKIP_BUILD=1             use the release binary already built
#   CHOUCHA=PATH             time this binary instead (say which build it is when quoting figures)
#
# Steps, each timed:
#   1. choucha draw (CSV, streaming): the full draw, documents written (the reference);
#   2. choucha draw --commit: the commitment, whose content digest the query also computes;
#   3. choucha draw --sql ENGINE: printing the query;
#   4. the engine: load the directory (DuckDB: into a native table; Spark: read and cache), then the
#      query, its result written as CSV (the selection file);
#   5. choucha draw --selection: the draw finished from the engine's selection; its tasks are
#      compared with step 1's ("same as choucha draw"), and the selection's directory row with the
#      commitment's content digest and rows.
# The engines run in a venv (.build/engines-venv, Tests/Engines/requirements.txt), like the engines
# step of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${RUNS:-3}
threads=${THREADS:-2}
engines=${ENGINES:-duckdb spark}
spark_max=${SPARK_MAX_ROWS:-1000000}
seed='2024-03-01 公开摇号：3 1 4 1 5 9'
dir=Benchmarks/.generated-sql-$rows
mkdir -p "$dir"

if [ -n "${CHOUCHA:-}" ]; then
  choucha=$CHOUCHA
else
  [ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product choucha >/dev/null
  choucha=$(swift build -c release --product choucha --show-bin-path)/choucha
fi
venv=.build/engines-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check -r Tests/Engines/requirements.txt

# The directory, made once per size (the generator is deterministic).
if [ "$(cat "$dir/.rows" 2>/dev/null)" != "$rows" ]; then
  echo "generating $rows rows in $dir"
  python3 Tests/Engines/gen.py Rules/draws/draw-2024.json "$rows" "$dir/targets.csv"
  echo "$rows" > "$dir/.rows"
fi
inspectors=Examples/05-draw/inspectors.csv
echo "== $rows rows ($(du -m "$dir/targets.csv" | cut -f1) MB), Rules/, $(nproc) cores, $("$choucha" --version 2>/dev/null || echo "choucha ?")"

# median FILE: the median of the numbers in FILE, one per line.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# timed NAME COMMAND...: RUNS runs under /usr/bin/time; prints the median wall and user time and max RSS.
timed() {
  local name=$1 i
  shift
  : > "$dir/wall" && : > "$dir/user" && : > "$dir/rss"
  for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -f "%e %U %M" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || {
      echo "$name failed:" >&2; cat "$dir/stderr" >&2; exit 1; }
    read -r wall user rss < "$dir/time"
    echo "$wall" >> "$dir/wall"; echo "$user" >> "$dir/user"; echo "$rss" >> "$dir/rss"
  done
  printf '%-44s wall %6.2f s  user %6.2f s  max RSS %5d MB  (median of %d)\n' "$name" \
    "$(median "$dir/wall")" "$(median "$dir/user")" "$(($(median "$dir/rss") / 1024))" "$runs"
}

rm -rf "$dir/draw" "$dir/commit"
timed "choucha draw (CSV, streaming, full draw)" "$choucha" draw Rules --targets "$dir/targets.csv" \
  --inspectors "$inspectors" --seed "$seed" --out "$dir/draw" --replace
timed "choucha draw --commit (content digest)" "$choucha" draw Rules --targets "$dir/targets.csv" \
  --inspectors "$inspectors" --commit --out "$dir/commit" --replace

for engine in $engines; do
  if [ "$engine" = spark ] && [ "$rows" -gt "$spark_max" ]; then
    echo "spark: not run above $spark_max rows (SPARK_MAX_ROWS)"
    continue
  fi
  timed "choucha draw --sql $engine (the query)" "$choucha" draw Rules --sql "$engine" --seed "$seed"
  "$choucha" draw Rules --sql "$engine" --seed "$seed" > "$dir/query.$engine.sql" 2>/dev/null
  engine_runs=${ENGINE_RUNS:-$runs}
  [ "$engine" = spark ] && engine_runs=1
  for ((i = 1; i <= engine_runs; i++)); do
    "$py" Benchmarks/sql_engines.py "$engine" "$dir/query.$engine.sql" "$dir/targets.csv" "$dir/$engine.csv" \
      --threads "$threads"
  done
  # The selection checked and finished by choucha; its tasks must be the CSV draw's.
  rm -rf "$dir/selection-$engine"
  timed "choucha draw --selection ($engine's output)" "$choucha" draw Rules --selection "$dir/$engine.csv" \
    --inspectors "$inspectors" --seed "$seed" --out "$dir/selection-$engine" --replace
  "$py" - "$dir/draw/draw-2024.json" "$dir/selection-$engine/draw-2024.json" "$dir/commit/commitment-2024.json" \
    "$dir/$engine.csv" <<'PY'
import csv, json, sys
a, b, commitment = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:4])
assert a["tasks"] == b["tasks"], "the tasks finished from the selection differ from the CSV draw's"
row = next(csv.DictReader(open(sys.argv[4], encoding="utf-8", newline="")))
recorded = commitment["inputs"]["targets"]
assert (row["kind"], row["digest"], row["population"]) == ("directory", recorded["contentDigest"], str(recorded["rows"])), row
visits = sum(len(t["targets"]) for t in a["tasks"])
print(f"same as choucha draw: {len(a['tasks'])} tasks, {visits} targets; content digest {row['digest'][:12]}... as committed")
PY
done
