#!/usr/bin/env python3
"""usage: run_spark.py QUERY.sql TARGETS.csv OUT.csv [QUERY2.sql TARGETS2.csv OUT2.csv ...]: Spark
SQL in local mode (2 cores), one JVM for every triple: the directory read as CSV (header, every
column a string, multiLine for quoted line breaks) as view `targets`, the query's result collected
in its order and written as CSV with a header (NULL as the empty cell): the selection file."""
import csv, sys, time
from pyspark.sql import SparkSession
start = time.time()
spark = (SparkSession.builder.master("local[2]").appName("choucha-selection")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "8").config("spark.driver.memory", "2g").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
print(f"spark local[2]: started in {time.time() - start:.1f} s", file=sys.stderr)
args = sys.argv[1:]
for query, targets, out in zip(args[0::3], args[1::3], args[2::3]):
    start = time.time()
    frame = spark.read.options(header=True, multiLine=True, escape='"', encoding="UTF-8").csv(targets)
    frame.createOrReplaceTempView("targets")
    rows = spark.sql(open(query, encoding="utf-8").read()).collect()
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if rows: w.writerow(rows[0].__fields__)
        for r in rows: w.writerow(["" if v is None else v for v in r])
    print(f"spark local[2]: {out}: query {time.time() - start:.1f} s", file=sys.stderr)
spark.stop()
