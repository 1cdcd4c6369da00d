#!/usr/bin/env python3
"""Compares verdicts a SQL engine computed with `icpc sql` against `icpc
eval` on the same leads, for engines and versions the project does not
test. Export the query's result as JSON Lines (one object per row, lists
as arrays) or CSV (lists as DuckDB, PostgreSQL or JSON write them, or
`;`-separated), then:

    python3 tests/sql/compare.py RULES LEADS SQL_OUTPUT --as-of YYYY-MM-DD

Every lead on which the two disagree is printed with both outcomes; the
last line is `N agree, M disagree` and the exit code is 1 on any
disagreement. Leads are matched by `id` (without an `id`, by line number).
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys


def score_names(rules):
    with open(rules, encoding="utf-8") as file:
        return [m[1] for m in (re.match(r"\s*score\s+([A-Za-z_]\w*)", line) for line in file) if m]


def as_list(value):
    if isinstance(value, list):
        return value
    if value in (None, ""):
        return []
    text = str(value)
    if text.startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError:  # DuckDB's CSV: [a, b]
            inner = text[1:-1]
            return inner.split(", ") if inner else []
    if text.startswith("{"):  # PostgreSQL's CSV: {a,"b c"}
        inner = text[1:-1]
        return next(csv.reader([inner], escapechar="\\")) if inner else []
    return text.split(";")


def as_bool(value):
    return value if isinstance(value, bool) else str(value).lower() in ("true", "t", "1")


def as_int(value):
    return int(float(value)) if isinstance(value, str) else int(value)


def rows(path):
    with open(path, encoding="utf-8", newline="") as file:
        if path.endswith(".csv"):
            return list(csv.DictReader(file))
        return [json.loads(line) for line in file if line.strip()]


def outcome(scores, values, tier):
    return {
        "scores": [as_int(values[name]) for name in scores],
        "tier": tier or None,
        "disqualified": as_bool(values["disqualified"]),
        "matched": as_list(values["matched"]),
        "reasons": as_list(values["reasons"]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules")
    parser.add_argument("leads")
    parser.add_argument("sql_output")
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--icpc", default="icpc")
    args = parser.parse_args()
    scores = score_names(args.rules)
    done = subprocess.run(
        [args.icpc, "eval", args.rules, args.leads, "--as-of", args.as_of],
        capture_output=True, text=True,
    )
    if done.returncode not in (0, 1):
        sys.exit(done.stderr)
    expected = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    got = {str(row["id"]): row for row in rows(args.sql_output)}
    agree = disagree = 0
    for record in expected:
        want = outcome(scores, {**record["scores"], **record}, record["tier"])
        row = got.pop(str(record["id"]), None)
        have = outcome(scores, row, row["tier"]) if row is not None else None
        if want == have:
            agree += 1
        else:
            disagree += 1
            print(f"lead {record['id']}:\n  icpc eval: {json.dumps(want)}\n  sql:       {json.dumps(have)}")
    for extra in got:
        disagree += 1
        print(f"lead {extra}: in the SQL output only")
    print(f"{agree} agree, {disagree} disagree")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
