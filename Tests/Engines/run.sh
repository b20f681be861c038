#!/usr/bin/env bash
# Issue 17: the selection query of `choucha draw --sql ENGINE` run by the engines themselves, DuckDB
# (PyPI), PostgreSQL (Debian's package, started in a temporary directory on a Unix socket) and Spark
# SQL in local mode (PyPI pyspark, with the JDK), each result checked against `choucha draw`:
#   - check_selection.py: every candidate's digest and key, then the skips, strata, counts and
#     top-ups applied in plan order (an independent model of `--selection`) give tasks identical to
#     the draw document's; no stratum's margin ran out;
#   - the directory row: the seed hash, the content digest (v2, README rule 8) and rows of `draw
#     --commit`, and the specification's fingerprint (SHA-256 of the commitment without its inputs);
#     the verify query's summary gives the same content digest;
#   - the three engines' selection files are the same rows;
#   - `choucha draw --selection` (when the binary has it) gives the same tasks as the CSV draw.
# Cases: Examples/05-draw's directory with Rules/; a generated 200,000-row directory with Rules/
# (最多检查 2, rounds, a count task, a ratios + count task) and with a variant (最多检查 1, abnormal
# strata in four tasks); a plan whose industry and object type hold ', \', --, ; (quoting).
# Run from anywhere; CHOUCHA: the binary (default: swift build's). ENGINES_ROWS: the generated
# directory's rows (default 200000). Installs what it needs (python3-venv, postgresql, a JDK) with
# apt-get when missing, and fails if it cannot: no engine is skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
rows=${ENGINES_ROWS:-200000}
seed='2024-03-01 公开摇号：3 1 4 1 5 9'

install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing $*"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@" >/dev/null
}
command -v java >/dev/null || install openjdk-17-jre-headless
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ]; then
  install postgresql
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
command -v java >/dev/null && [ -x "$pgbin/initdb" ] || { echo "java or PostgreSQL missing: cannot run the engines" >&2; exit 1; }

. Tests/Vectors/venv.sh   # python3 with venv; $choucha
venv=.build/engines-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
py="$venv/bin/python"
start=$(date +%s)
"$py" -m pip install --quiet --disable-pip-version-check -r Tests/Engines/requirements.txt
echo "engines installed in $(($(date +%s) - start)) s"

work=$(mktemp -d /tmp/choucha-engines.XXXXXX)
chmod 755 "$work"
# PostgreSQL as its own user when run as root (initdb refuses root), else as this user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir "$work/pg"
[ "$(id -u)" -ne 0 ] || chown postgres "$work/pg"
stop() {
  as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
as_pg "$pgbin/initdb" -D "$work/pg/data" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-k $work/pg -c listen_addresses='' -c max_parallel_workers_per_gather=1" start >/dev/null
psql() { as_pg "$pgbin/psql" -h "$work/pg" -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

# run_postgres QUERY TARGETS OUT: the directory as table targets (its headings as text columns).
run_postgres() {
  local columns t0
  columns=$(head -n 1 "$2" | "$py" -c "import sys, csv; print(', '.join('\"' + h.lstrip('\ufeff').replace('\"', '\"\"') + '\" text' for h in next(csv.reader(sys.stdin))))")
  psql -c "SET client_min_messages TO warning; DROP TABLE IF EXISTS targets; CREATE UNLOGGED TABLE targets ($columns);"
  psql -c "\\copy targets FROM '$2' WITH (FORMAT csv, HEADER true)"
  { echo "COPY ("; cat "$1"; echo ") TO STDOUT WITH (FORMAT csv, HEADER true);"; } > "$1.copy"
  t0=$(date +%s)
  psql -f "$1.copy" > "$3"
  echo "postgres: query $(($(date +%s) - t0)) s" >&2
}

# The directory row: seed hash, algorithm, content digest and rows as `draw --commit` records
# them, and the fingerprint: SHA-256 of the commitment without its inputs.
check_directory_row() {
  "$py" - "$1" "$2" "$seed" <<'PY'
import csv, hashlib, json, sys
selection, commitment, seed = sys.argv[1:4]
row = next(r for r in csv.DictReader(open(selection, encoding="utf-8", newline="")) if r["kind"] == "directory")
text = open(commitment, encoding="utf-8").read()
recorded = json.loads(text)
cut = text[:text.index('  "inputs": {')] + text[text.index('  "tasks": ['):]
want = {"task": hashlib.sha256(seed.encode()).hexdigest(), "stratum": recorded["contentDigest"],
        "code": hashlib.sha256(cut.encode()).hexdigest(), "class": recorded["algorithm"],
        "digest": recorded["inputs"]["targets"]["contentDigest"], "population": str(recorded["inputs"]["targets"]["rows"])}
wrong = {k: (row[k], v) for k, v in want.items() if row[k] != v}
assert not wrong, f"{selection}: the directory row differs (found, wanted): {wrong}"
# New queries and commitments use the bucketed digest (README rule 8, v2).
assert row["stratum"] == "sha256-bucketed-row-sha256-v2", f"{selection}: the content digest's method is {row['stratum']}"
PY
}

# run_case NAME RULES TARGETS [INSPECTORS]: the reference draw, its commitment, the three engines, the checks.
run_case() {
  local name=$1 rules=$2 targets=$3 inspectors=${4:-Examples/05-draw/inspectors.csv} dir="$work/$1" engine t0
  mkdir -p "$dir"
  echo "== $name: $(($(wc -l < "$targets") - 1)) rows, rules $rules"
  t0=$(date +%s)
  "$choucha" draw "$rules" --targets "$targets" --inspectors "$inspectors" --seed "$seed" --out "$dir/draw" >/dev/null
  echo "choucha draw (CSV): $(($(date +%s) - t0)) s"
  "$choucha" draw "$rules" --targets "$targets" --inspectors "$inspectors" --commit --out "$dir/commit" >/dev/null
  "$py" - "$dir/draw/draw-2024.json" "$dir/tampered.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
tasks = doc["tasks"]
t0 = next(t for t in tasks if any(t["population"][c] > 0 for c in doc["classes"]))
first = next(c for c in doc["classes"] if t0["population"][c] > 0)
t0["population"][first] += 1
ratios = [t for t in tasks if t is not t0 and t["ratios"] and t.get("count") is None]
if ratios:
    ratios[0]["sampleSize"][doc["classes"][0]] += 1
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
  for engine in duckdb postgres spark; do
    # (The rules' warnings, on stderr, kept in sql.log: the query is on stdout.)
    "$choucha" draw "$rules" --sql "$engine" --seed "$seed" > "$dir/query.$engine.sql" 2>"$dir/sql.log"
    "$choucha" verify "$dir/draw/draw-2024.json" --sql "$engine" > "$dir/verify.$engine.sql"
    # A tampered document (a class's population and another task's sample size changed, the
    # figures verify --sql re-checks): the engines must report both.
    "$choucha" verify "$dir/tampered.json" --sql "$engine" > "$dir/tampered.$engine.sql"
  done
  "$py" Tests/Engines/run_duckdb.py "$dir/query.duckdb.sql" "$targets" "$dir/duckdb.csv"
  "$py" Tests/Engines/run_duckdb.py "$dir/verify.duckdb.sql" "$targets" "$dir/verify.duckdb.csv"
  "$py" Tests/Engines/run_duckdb.py "$dir/tampered.duckdb.sql" "$targets" "$dir/tampered.duckdb.csv"
  run_postgres "$dir/query.postgres.sql" "$targets" "$dir/postgres.csv"
  run_postgres "$dir/verify.postgres.sql" "$targets" "$dir/verify.postgres.csv"
  run_postgres "$dir/tampered.postgres.sql" "$targets" "$dir/tampered.postgres.csv"
  spark_jobs+=("$dir/query.spark.sql" "$targets" "$dir/spark.csv" "$dir/verify.spark.sql" "$targets" "$dir/verify.spark.csv"
    "$dir/tampered.spark.sql" "$targets" "$dir/tampered.spark.csv")
  cases+=("$name|$rules|$targets|$inspectors")
}

check_case() {
  local name=$1 rules=$2 targets=$3 inspectors=$4 dir="$work/$1" engine
  echo "== $name"
  for engine in duckdb postgres spark; do
    tr -d '\r' < "$dir/$engine.csv" > "$dir/$engine.lf.csv"
    check_directory_row "$dir/$engine.lf.csv" "$dir/commit/commitment-2024.json"
    echo -n "$engine: "
    "$py" Tests/Engines/check_selection.py "$dir/$engine.lf.csv" "$dir/draw/draw-2024.json" | tail -n 1
  done
  for engine in duckdb postgres spark; do
    # verify --sql: the summary row alone, no finding.
    "$py" - "$dir/verify.$engine.csv" "$dir/draw/draw-2024.json" "$dir/commit/commitment-2024.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
published = sum(len(t["targets"]) + len(t["skipped"]) for t in doc["tasks"])
assert len(rows) == 1 and rows[0]["finding"] == "summary", f"{sys.argv[1]}: findings {rows[1:4]}"
assert rows[0]["position"] == str(published) and rows[0]["published_in_stratum"] == "0", rows[0]
# The summary's content digest (column code) is draw --commit's.
committed = json.load(open(sys.argv[3], encoding="utf-8"))["inputs"]["targets"]["contentDigest"]
assert rows[0]["code"] == committed, f"{sys.argv[1]}: content digest {rows[0]['code']}, draw --commit {committed}"
PY
  done
  echo "verify --sql: every published entity's ticket and rank, every stratum's population and sample size agree in the three engines"
  for engine in duckdb postgres spark; do
    # The tampered document: its changed population (and sample size) reported, nothing else.
    "$py" - "$dir/tampered.$engine.csv" "$dir/tampered.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
tasks = doc["tasks"]
t0 = next(t for t in tasks if any(t["population"][c] > 0 for c in doc["classes"]))
first = next(c for c in doc["classes"] if t0["population"][c] > 0)
want = {("population-differs", t0["id"], first, str(t0["population"][first]), str(t0["population"][first] - 1))}
ratios = [t for t in tasks if t is not t0 and t["ratios"] and t.get("count") is None]
if ratios:
    c = doc["classes"][0]
    want.add(("sample-size-differs", ratios[0]["id"], c, str(ratios[0]["sampleSize"][c]), str(ratios[0]["sampleSize"][c] - 1)))
# (The first task's sample size of that class may differ too, when its population decides it.)
found = {(r["finding"], r["task"], r["stratum"], r["published_key"], r["engine_key"]) for r in rows[1:]}
extra = {f for f in found - want if not (f[0] == "sample-size-differs" and f[1] == t0["id"] and f[2] == first)}
assert want <= found and not extra, f"{sys.argv[1]}: wanted {want}, found {found}"
assert rows[0]["finding"] == "summary" and rows[0]["published_in_stratum"] == str(len(found)), rows[0]
PY
  done
  echo "verify --sql: a tampered population and sample size reported by the three engines"
  cmp "$dir/duckdb.lf.csv" "$dir/postgres.lf.csv"
  cmp "$dir/duckdb.lf.csv" "$dir/spark.lf.csv"
  echo "the three selection files are byte-identical (line ends aside): $(grep -c '^candidate,' "$dir/duckdb.lf.csv") candidates"
  if "$choucha" draw --help 2>&1 | grep -q -- '--selection'; then
    for engine in duckdb postgres spark; do
      "$choucha" draw "$rules" --selection "$dir/$engine.lf.csv" --inspectors "$inspectors" \
        --seed "$seed" --out "$dir/selection-$engine" >/dev/null
      "$py" - "$dir/draw/draw-2024.json" "$dir/selection-$engine/draw-2024.json" <<'PY'
import json, sys
a, b = (json.load(open(p, encoding="utf-8"))["tasks"] for p in sys.argv[1:3])
# The selection carries each candidate's 名称: the targets' names are the CSV draw's, none empty.
assert all(t["name"] != "" for task in b for t in task["targets"]), "a target without its name in a draw made from a selection"
assert a == b, "draw --selection's tasks differ from the CSV draw's"
PY
      echo "$engine: choucha draw --selection: tasks identical to the CSV draw's, names included"
    done
  else
    echo "NOTE: this choucha has no draw --selection yet: the engines' selections were checked by check_selection.py only"
  fi
}

spark_jobs=()
cases=()
run_case examples Rules Examples/05-draw/targets.csv
"$py" Tests/Engines/gen.py Rules/draws/draw-2024.json "$rows" "$work/generated.csv"
run_case generated Rules "$work/generated.csv"
"$py" Tests/Engines/variant.py Rules "$work/rules-variant"
run_case generated-variant "$work/rules-variant" "$work/generated.csv"
# Quoting: an industry and an object type that try to leave their literals (', \', --, ;).
"$py" Tests/Engines/quoting.py "$work/rules-quoting" "$work/quoting.csv" "$work/quoting-inspectors.csv"
run_case quoting "$work/rules-quoting" "$work/quoting.csv" "$work/quoting-inspectors.csv"
t0=$(date +%s)
"$py" Tests/Engines/run_spark.py "${spark_jobs[@]}" 2>&1 | grep -a '^spark'
echo "spark, all cases: $(($(date +%s) - t0)) s"
for c in "${cases[@]}"; do
  IFS='|' read -r name rules targets inspectors <<< "$c"
  check_case "$name" "$rules" "$targets" "$inspectors"
done
echo "engines: every selection equals choucha draw's"
