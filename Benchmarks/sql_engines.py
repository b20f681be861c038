#!/usr/bin/env python3
"""Times the selection query of `choucha draw --sql ENGINE` inside an engine (Benchmarks/sql.sh).

usage: sql_engines.py duckdb QUERY.sql TARGETS.csv OUT.csv [--threads 2]
       sql_engines.py spark  QUERY.sql TARGETS.csv OUT.csv [--threads 2]

DuckDB: the directory is first loaded into a native table (every column text), as a directory
held in the database is; the load and the query are timed apart, the query with its result
written as CSV (the selection file). Spark, local mode: the directory is read from CSV, cached
and counted (the "load"), then the query runs on the cached view and its rows are collected and
written as CSV. Each prints one line: `ENGINE load X s, query Y s, rows N`.
"""
import csv, sys, time


def duckdb_run(query, targets, out, threads):
    import duckdb
    con = duckdb.connect()
    con.execute(f"SET threads TO {threads}")
    literal = lambda text: "'" + text.replace("'", "''") + "'"
    start = time.perf_counter()
    con.execute(f"CREATE TABLE targets AS SELECT * FROM read_csv({literal(targets)}, header = true, "
                "all_varchar = true, delim = ',', quote = '\"', escape = '\"')")
    loaded = time.perf_counter()
    con.execute(f"COPY ({open(query, encoding='utf-8').read()}) TO {literal(out)} (HEADER, DELIMITER ',')")
    done = time.perf_counter()
    rows = sum(1 for _ in open(out, encoding="utf-8")) - 1
    print(f"duckdb {duckdb.__version__} ({threads} threads): load {loaded - start:.2f} s, "
          f"query {done - loaded:.2f} s, rows {rows}")


def spark_run(query, targets, out, threads):
    from pyspark.sql import SparkSession
    start = time.perf_counter()
    spark = (SparkSession.builder.master(f"local[{threads}]").appName("choucha-benchmark")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", str(4 * threads)).config("spark.driver.memory", "6g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter()
    frame = spark.read.options(header=True, multiLine=True, escape='"', encoding="UTF-8").csv(targets)
    frame.cache().createOrReplaceTempView("targets")
    frame.count()
    loaded = time.perf_counter()
    rows = spark.sql(open(query, encoding="utf-8").read()).collect()
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if rows:
            w.writerow(rows[0].__fields__)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    done = time.perf_counter()
    print(f"spark {spark.version} local[{threads}]: start {started - start:.2f} s, "
          f"load {loaded - started:.2f} s, query {done - loaded:.2f} s, rows {len(rows)}")
    spark.stop()


def main():
    if len(sys.argv) not in (5, 7) or sys.argv[1] not in ("duckdb", "spark"):
        sys.exit(__doc__)
    engine, query, targets, out = sys.argv[1:5]
    threads = int(sys.argv[6]) if len(sys.argv) == 7 and sys.argv[5] == "--threads" else 2
    (duckdb_run if engine == "duckdb" else spark_run)(query, targets, out, threads)


if __name__ == "__main__":
    main()
