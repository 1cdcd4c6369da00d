#!/usr/bin/env python3
"""`icpc sql` on DuckDB against the hand-written ../shared/bench/rules.sql.

Loads the leads (JSON Lines) once into an in-memory DuckDB table `leads`
with the schema's column types, then times, in one process and
alternating, the statement `icpc sql bench/reference.icp --dialect duckdb`
writes and the hand-written rules.sql, each materialized into a table
(`CREATE TABLE ... AS`) so both compute every output column. Prints the
best of `--repeat` runs of each and their ratio (target: at most 1.2).

usage: python3 bench/sql_duckdb.py --icpc target/release/icpc --leads LEADS.jsonl
       --reference-sql ../shared/bench/rules.sql [--threads 1] [--repeat 5]
"""
import argparse
import subprocess
import time

import duckdb

COLUMNS = ("{id: 'VARCHAR', email: 'VARCHAR', industry: 'VARCHAR', employees: 'BIGINT', "
           "revenue: 'DOUBLE', country: 'VARCHAR', title: 'VARCHAR', department: 'VARCHAR', "
           "tech: 'VARCHAR[]', funding_stage: 'VARCHAR', last_activity: 'DATE', "
           "web_visits_30d: 'BIGINT', email_opens_30d: 'BIGINT', is_customer: 'BOOLEAN'}")


def best(connection, sql, repeat):
    times = []
    for _ in range(repeat):
        connection.execute("DROP TABLE IF EXISTS out")
        started = time.perf_counter()
        connection.execute("CREATE TABLE out AS " + sql)
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--icpc", required=True)
    parser.add_argument("--rules", default="bench/reference.icp")
    parser.add_argument("--leads", required=True)
    parser.add_argument("--reference-sql", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    generated = subprocess.run(
        [args.icpc, "sql", args.rules, "--dialect", "duckdb", "--as-of", "2025-06-30"],
        check=True, capture_output=True, text=True,
    ).stdout.strip().rstrip(";")
    with open(args.reference_sql, encoding="utf-8") as file:
        reference = file.read().strip().rstrip(";")
    connection = duckdb.connect(config={"threads": args.threads})
    connection.execute(
        "CREATE TABLE leads AS SELECT * FROM read_json(?, format='newline_delimited', columns=%s)"
        % COLUMNS, [args.leads])
    rows = connection.execute("SELECT count(*) FROM leads").fetchone()[0]
    ours, theirs = 0.0, 0.0
    for _ in range(2):  # alternate, so neither gets a warmer cache
        theirs = best(connection, reference, args.repeat)
        ours = best(connection, generated, args.repeat)
    print(f"duckdb {duckdb.__version__}, {rows} leads, {args.threads} thread(s), best of {args.repeat}")
    print(f"  hand-written rules.sql: {theirs:.3f} s")
    print(f"  icpc sql:               {ours:.3f} s")
    print(f"  icpc sql / rules.sql:   {ours / theirs:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    main()
