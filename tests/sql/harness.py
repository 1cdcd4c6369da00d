#!/usr/bin/env python3
"""Runs the SQL that `icpc sql` writes on real engines and compares every
row with `icpc eval` on the same leads.

For each case (a rule file, its leads, an as-of date) and each engine, the
leads are loaded twice: as typed columns (from the JSON Lines file, each
value converted the way `icpc eval` reads it, NULL when eval would count it
missing) and as text columns (a CSV written from the same leads, which
`icpc eval` then reads too, and `icpc sql --text-columns`). Each engine
starts once for all cases. Prints every disagreeing lead with both outcomes
and `N passed, M failed`; exits 1 on any failure.

Spark runs in local mode (`local[2]`, one session for all cases) with the
Java on the machine, in ANSI mode (Spark 4's default, which raises where
Spark 3 would give NULL) and with a JVM in the Turkish locale, whose
`lower()` turns `I` into `ı`: the SQL must not depend on either.

Usage: harness.py --icpc target/debug/icpc --engine duckdb [--engine postgres]
       [--engine spark] [--postgres-dsn DSN]
       [--case RULES.icp:LEADS.jsonl:YYYY-MM-DD ...] [--only PATH-PART] [--timings]
"""

import argparse
import csv
import datetime
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# The shipped examples with their leads, and the edge cases beside this file.
EXAMPLES = [
    ("examples/quickstart.icp", "examples/quickstart.jsonl"),
    ("examples/acme-sales.icp", "examples/acme-leads.jsonl"),
    ("examples/acme-marketing.icp", "examples/acme-leads.jsonl"),
    ("examples/enterprise-finserv.icp", "examples/enterprise-finserv.jsonl"),
    ("examples/healthcare-saas.icp", "examples/healthcare-saas.jsonl"),
    ("examples/hubspot-personas.icp", "examples/hubspot-personas.jsonl"),
    ("examples/negative-icp.icp", "examples/negative-icp.jsonl"),
    ("examples/tech-midmarket.icp", "examples/tech-midmarket.jsonl"),
    ("examples/hubspot-lead-scoring.icp", "examples/hubspot-lead-scoring.jsonl"),
    ("examples/negative-icp-lists.icp", "examples/negative-icp-lists.jsonl"),
]
AS_OF = "2025-06-30"

NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\Z")
DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})([Tt ]|\Z)")
COLUMN = re.compile(r'^\s*(?:"((?:[^"]|"")*)"|`((?:[^`]|``)*)`) (.+?),?$')


def icpc(args, binary):
    done = subprocess.run([binary] + args, capture_output=True, text=True, cwd=ROOT)
    return done


def columns(rules, binary, engine):
    """(name, type) of the input table, from `icpc sql --table-ddl`."""
    done = icpc(["sql", rules, "--dialect", engine, "--table-ddl"], binary)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    out = []
    for line in done.stdout.splitlines()[1:-1]:
        match = COLUMN.match(line)
        if match.group(1) is not None:
            out.append((match.group(1).replace('""', '"'), match.group(3)))
        else:
            out.append((match.group(2).replace("``", "`"), match.group(3)))
    return out


def number_text(text):
    if not NUMBER.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def date_text(text):
    match = DATE.match(text)
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def typed(value, sql_type):
    """A JSON value as `icpc eval` reads it for the column's type; None when
    eval would count it missing. Lists keep NULL items: SQL must reject them."""
    kind = sql_type.upper()
    if value is None:
        return None
    if kind.endswith("[]") or kind.startswith("ARRAY<"):
        if isinstance(value, list) and all(item is None or isinstance(item, str) for item in value):
            return value
        return None
    if kind == "BOOLEAN":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return None
    if kind in ("BIGINT", "DOUBLE", "DOUBLE PRECISION"):
        if isinstance(value, bool):
            return None
        if isinstance(value, str):
            value = number_text(value)
            if value is None:
                return None
        if not isinstance(value, (int, float)):
            return None
        if kind == "BIGINT":
            if float(value) != math.floor(float(value)):
                return None
            value = int(value)
            return value if -(2**63) <= value < 2**63 else None
        return float(value)
    if kind == "DATE":
        return date_text(value) if isinstance(value, str) else None
    return value if isinstance(value, str) else None


def cell(value):
    """A JSON value as a CSV cell (lists joined with `;`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join("" if item is None else str(item) for item in value)
    return str(value)


def lookup(record, name):
    """A field of a record; dotted names reach into nested objects."""
    if name in record:
        return record[name]
    value = record
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def with_line_id(row, cols, line):
    """A lead without an id is known by its line number, as eval knows it."""
    names = [name for name, _ in cols]
    position = names.index("id")
    if row[position] in (None, ""):
        row = row[:position] + (str(line),) + row[position + 1 :]
    return row


def csv_safe(value):
    return "\n" not in cell(value) and "\r" not in cell(value)


def outcome_of_eval(record, scores):
    return {
        "scores": [record["scores"][name] for name in scores],
        "tier": record["tier"],
        "disqualified": record["disqualified"],
        "matched": list(record["matched"]),
        "reasons": list(record["reasons"]),
        "segments": list(record.get("segments", [])),
    }


def outcome_of_row(row, scores):
    return {
        "scores": [row[name] for name in scores],
        "tier": row["tier"],
        "disqualified": bool(row["disqualified"]),
        "matched": list(row["matched"]),
        "reasons": list(row["reasons"]),
        "segments": list(row.get("segments") or []),
    }


def score_names(rules):
    names = []
    with open(os.path.join(ROOT, rules), encoding="utf-8") as file:
        for line in file:
            match = re.match(r"\s*score\s+([A-Za-z_][A-Za-z0-9_]*)", line)
            if match:
                names.append(match[1])
    return names


def chunks(table, rows, mark, size=200):
    """Multi-row INSERT statements with their parameters: one round trip
    per `size` rows (row-by-row inserts dominate the run otherwise)."""
    for start in range(0, len(rows), size):
        part = rows[start : start + size]
        one = "(" + ", ".join(mark for _ in part[0]) + ")"
        values = [value for row in part for value in row]
        yield f'INSERT INTO "{table}" VALUES ' + ", ".join(one for _ in part), values


class DuckDb:
    name = "duckdb"

    def __init__(self, _args):
        import duckdb

        self.connection = duckdb.connect()

    def load(self, table, ddl, rows):
        self.connection.execute(f'DROP TABLE IF EXISTS "{table}"')
        self.connection.execute(ddl)
        for statement, values in chunks(table, rows, "?"):
            self.connection.execute(statement, values)

    def query(self, sql):
        cursor = self.connection.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


class Postgres:
    name = "postgres"

    def __init__(self, args):
        import psycopg

        self.connection = psycopg.connect(args.postgres_dsn, autocommit=True)

    def load(self, table, ddl, rows):
        with self.connection.cursor() as cursor:
            cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
            cursor.execute(ddl)
            for statement, values in chunks(table, rows, "%s"):
                cursor.execute(statement, values)

    def query(self, sql):
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]


class Spark:
    name = "spark"

    def __init__(self, _args):
        from pyspark.sql import SparkSession

        # The driver's JVM starts with the session: its options go here.
        # Beside the Turkish locale, SPARK_JVM_OPTIONS for a short run.
        os.environ["PYSPARK_SUBMIT_ARGS"] = (
            f"--driver-java-options '-Duser.language=tr -Duser.country=TR {SPARK_JVM_OPTIONS}' pyspark-shell"
        )
        self.session = (
            SparkSession.builder.master("local[2]")
            .appName("icpc-sql-harness")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.ansi.enabled", "true")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        self.session.sparkContext.setLogLevel("ERROR")
        if self.session.sql("SELECT lower('IÀ')").first()[0] != "\u0131à":
            raise RuntimeError("the JVM is not in the Turkish locale the harness asks for")

    def load(self, table, ddl, rows):
        from pyspark.sql import types

        kinds = {
            "STRING": types.StringType(),
            "BIGINT": types.LongType(),
            "DOUBLE": types.DoubleType(),
            "BOOLEAN": types.BooleanType(),
            "DATE": types.DateType(),
            "ARRAY<STRING>": types.ArrayType(types.StringType()),
        }
        fields = []
        for line in ddl.splitlines()[1:-1]:
            match = COLUMN.match(line)
            fields.append(types.StructField(match.group(2).replace("``", "`"), kinds[match.group(3)]))
        frame = self.session.createDataFrame(rows, types.StructType(fields), verifySchema=False)
        frame.createOrReplaceTempView(table)

    def query(self, sql):
        return [row.asDict(recursive=True) for row in self.session.sql(sql).collect()]

    def cpu_seconds(self):
        """User and system CPU time of the JVM so far (Linux)."""
        pid = self.session.sparkContext._gateway.proc.pid
        with open(f"/proc/{pid}/stat", encoding="ascii") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


ENGINES = {"duckdb": DuckDb, "postgres": Postgres, "spark": Spark}

# JVM options of Spark's driver for short runs (the harness, docs.py): the
# cases are small, so the optimizing compiler (C2, whose threads compete
# with the queries on a small machine) costs more than it saves; C1 alone
# and the serial collector instead.
SPARK_JVM_OPTIONS = os.environ.get(
    "ICPC_SPARK_JVM_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
)


def run_case(engine, binary, number, rules, leads, as_of, text_columns, report):
    """Compares one case on one engine; (passed, failed) lead counts."""
    table = f"leads_{number}_{'text' if text_columns else 'typed'}"
    mode = ["--text-columns"] if text_columns else []
    records = []
    with open(os.path.join(ROOT, leads), encoding="utf-8") as file:
        for line in file:
            if line.strip():
                records.append(json.loads(line))
    cols = columns(rules, binary, engine.name)
    with tempfile.TemporaryDirectory() as scratch:
        if text_columns:
            records = [r for r in records if all(csv_safe(lookup(r, name)) for name, _ in cols)]
            input_path = os.path.join(scratch, "leads.csv")
            with open(input_path, "w", encoding="utf-8", newline="") as file:
                writer = csv.writer(file, lineterminator="\n")
                writer.writerow([name for name, _ in cols])
                for record in records:
                    writer.writerow([cell(lookup(record, name)) for name, _ in cols])
            rows = [tuple(cell(lookup(r, name)) for name, _ in cols) for r in records]
            rows = [with_line_id(row, cols, index + 2) for index, row in enumerate(rows)]
        else:
            input_path = os.path.join(ROOT, leads)
            rows = [tuple(typed(lookup(r, name), ty) for name, ty in cols) for r in records]
            rows = [with_line_id(row, cols, index + 1) for index, row in enumerate(rows)]
        evaluated = icpc(["eval", rules, input_path, "--as-of", as_of], binary)
        if evaluated.returncode not in (0, 1):
            raise RuntimeError(f"icpc eval {rules}: {evaluated.stderr}")
    expected = [json.loads(line) for line in evaluated.stdout.splitlines() if line.strip()]
    ddl = icpc(["sql", rules, "--dialect", engine.name, "--table", table, "--table-ddl"] + mode, binary)
    engine.load(table, ddl.stdout, rows)
    sql = icpc(["sql", rules, "--dialect", engine.name, "--table", table, "--as-of", as_of] + mode, binary)
    if sql.returncode != 0:
        report(f"FAIL {engine.name} {rules}: icpc sql failed\n{sql.stderr}")
        return 0, len(records)
    got = engine.query(sql.stdout)
    scores = score_names(rules)
    passed = failed = 0
    if len(got) != len(expected):
        report(f"FAIL {engine.name} {rules}: {len(got)} rows, eval gave {len(expected)}")
        return 0, len(expected)
    by_id = {str(row["id"]): row for row in got}
    for index, record in enumerate(expected):
        row = by_id.get(str(record["id"]))
        want = outcome_of_eval(record, scores)
        have = outcome_of_row(row, scores) if row is not None else None
        if want == have:
            passed += 1
        else:
            failed += 1
            lead = records[index] if index < len(records) else None
            report(
                f"FAIL {engine.name} {'text' if text_columns else 'typed'} {rules} lead {record['id']}\n"
                f"  lead: {json.dumps(lead, ensure_ascii=False)}\n"
                f"  eval: {json.dumps(want, ensure_ascii=False)}\n"
                f"  sql:  {json.dumps(have, ensure_ascii=False, default=str)}"
            )
    return passed, failed


def engines_of(rules):
    """The engines a case runs on: all, or those its `# engines:` line names
    (a case of constructs some engine rejects with a diagnostic)."""
    with open(os.path.join(ROOT, rules), encoding="utf-8") as file:
        for line in file:
            if line.startswith("# engines:"):
                return line.split(":", 1)[1].split()
            if not line.startswith("#"):
                break
    return sorted(ENGINES)


def cases(extra):
    out = [(rules, leads, AS_OF) for rules, leads in EXAMPLES]
    here = os.path.join(ROOT, "tests", "sql", "cases")
    for name in sorted(os.listdir(here)):
        if name.endswith(".icp"):
            stem = name[: -len(".icp")]
            out.append((f"tests/sql/cases/{name}", f"tests/sql/cases/{stem}.jsonl", AS_OF))
    for case in extra:
        rules, leads, as_of = case.split(":")
        out.append((rules, leads, as_of))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--icpc", default=os.path.join(ROOT, "target", "debug", "icpc"))
    parser.add_argument("--engine", action="append", choices=sorted(ENGINES), required=True)
    parser.add_argument("--postgres-dsn", default=os.environ.get("ICPC_POSTGRES_DSN", ""))
    parser.add_argument("--case", action="append", default=[])
    parser.add_argument("--timings", action="store_true", help="print each case's seconds to stderr")
    parser.add_argument("--only", default="", help="run only the cases whose rule file's path contains this")
    args = parser.parse_args()
    binary = os.path.abspath(args.icpc)
    passed = failed = 0
    for name in args.engine:
        engine = ENGINES[name](args)
        for number, (rules, leads, as_of) in enumerate(cases(args.case)):
            if name not in engines_of(rules) or args.only not in rules:
                continue
            for text_columns in (False, True):
                started = time.perf_counter()
                good, bad = run_case(engine, binary, number, rules, leads, as_of, text_columns, print)
                if args.timings:
                    mode = "text" if text_columns else "typed"
                    seconds = time.perf_counter() - started
                    print(f"{name} {mode} {rules}: {seconds:.1f} s", file=sys.stderr)
                passed += good
                failed += bad
        if args.timings and hasattr(engine, "cpu_seconds"):
            print(f"{name}: the JVM used {engine.cpu_seconds():.1f} s of CPU", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
