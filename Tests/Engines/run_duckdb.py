#!/usr/bin/env python3
"""usage: run_duckdb.py QUERY.sql TARGETS.csv OUT.csv: the directory as view `targets` (every
column text, as a CSV loaded into the engine gives it), the query's result written as CSV with a
header: the selection file. DuckDB with 2 threads."""
import duckdb, sys, time
query, targets, out = sys.argv[1:4]
con = duckdb.connect()
con.execute("SET threads TO 2")
start = time.time()
literal = lambda text: "'" + text.replace("'", "''") + "'"
con.execute(f"CREATE VIEW targets AS SELECT * FROM read_csv({literal(targets)}, header = true, all_varchar = true, "
            "delim = ',', quote = '\"', escape = '\"')")
loaded = time.time()
con.execute(f"COPY ({open(query, encoding='utf-8').read()}) TO {literal(out)} (HEADER, DELIMITER ',')")
print(f"duckdb 2 threads: query {time.time() - loaded:.1f} s", file=sys.stderr)
