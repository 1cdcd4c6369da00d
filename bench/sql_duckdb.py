#!/usr/bin/env python3
"""`icpc sql` on DuckDB against the hand-written ../shared/bench/rules.sql.

Loads the leads (JSON Lines) once into an in-memory DuckDB table `leads`
with the schema's column types, then times, in one process and
alternating, the statement `icpc sql bench/reference.icp --dialect duckdb`
writes and the hand-written rules.sql, each materialized into a table
(`CREATE TABLE ... AS`) so both compute every output column. Prints the
best of `--repeat` runs of each and their ratio (target: at most 1.2), in
wall-clock time and in the process's CPU time (steadier on a shared
machine; DuckDB runs on the calling thread with one thread), and the
same for the generated statement without the `matched` and `reasons`
arrays, which the hand-written query does not compute.

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
    """(wall, cpu) seconds, each the best of `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        connection.execute("DROP TABLE IF EXISTS out")
        wall, cpu = time.perf_counter(), time.process_time()
        connection.execute("CREATE TABLE out AS " + sql)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


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
    scores = [line.split()[1] for line in open(args.rules, encoding="utf-8")
              if line.startswith("score ")]
    without_arrays = "SELECT id, %s, tier, disqualified FROM (%s)" % (
        ", ".join('"%s"' % name for name in scores), generated)
    ours = theirs = bare = (0.0, 0.0)
    for _ in range(2):  # alternate, so neither gets a warmer cache
        theirs = best(connection, reference, args.repeat)
        ours = best(connection, generated, args.repeat)
        bare = best(connection, without_arrays, args.repeat)
    print(f"duckdb {duckdb.__version__}, {rows} leads, {args.threads} thread(s), best of {args.repeat}, wall / cpu")
    print(f"  hand-written rules.sql:      {theirs[0]:.3f} s / {theirs[1]:.3f} s")
    print(f"  icpc sql:                    {ours[0]:.3f} s / {ours[1]:.3f} s")
    print(f"  icpc sql without the arrays: {bare[0]:.3f} s / {bare[1]:.3f} s")
    print(f"  icpc sql / rules.sql:        {ours[0] / theirs[0]:.2f}x / {ours[1] / theirs[1]:.2f}x (target <= 1.2x)")
    print(f"  without arrays / rules.sql:  {bare[0] / theirs[0]:.2f}x / {bare[1] / theirs[1]:.2f}x")


if __name__ == "__main__":
    main()
