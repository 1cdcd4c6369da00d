#!/usr/bin/env python3
"""Runs every ```sh block of docs/sql.md, in order, in one scratch
directory (with `examples/` in it and `icpc` on the PATH), as a new user
would; ```sh,postgres blocks too when ICPC_POSTGRES_DSN is set, ```sh,spark
blocks with --spark (PySpark's `spark-submit` and `spark-sql` on the PATH). Fails on
the first block that exits non-zero, printing it and its output.

usage: docs.py [--icpc target/debug/icpc] [--page docs/sql.md] [--spark]
"""
import argparse
import os
import subprocess
import sys
import tempfile

from harness import SPARK_JVM_OPTIONS

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def blocks(markdown):
    out, info, lines = [], None, []
    for line in markdown.splitlines():
        if info is None and line.startswith("```sh"):
            info, lines = line[3:].strip(), []
        elif info is not None and line.startswith("```"):
            out.append((info, "\n".join(lines) + "\n"))
            info = None
        elif info is not None:
            lines.append(line)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--icpc", default=os.path.join(ROOT, "target", "debug", "icpc"))
    parser.add_argument("--page", default=os.path.join(ROOT, "docs", "sql.md"))
    parser.add_argument("--spark", action="store_true")
    args = parser.parse_args()
    with open(args.page, encoding="utf-8") as file:
        found = blocks(file.read())
    postgres = bool(os.environ.get("ICPC_POSTGRES_DSN"))
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(args.icpc)) + os.pathsep + env["PATH"]
    env["ICPC_ROOT"] = ROOT
    ran = 0
    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryDirectory() as conf:
        os.symlink(os.path.join(ROOT, "examples"), os.path.join(scratch, "examples"))
        if args.spark:
            # Settings for a short local run, outside the commands the page
            # shows: no web UI, the harness's JVM options.
            with open(os.path.join(conf, "spark-defaults.conf"), "w", encoding="utf-8") as file:
                file.write("spark.ui.enabled false\nspark.ui.showConsoleProgress false\n")
            env["SPARK_CONF_DIR"] = conf
            env["SPARK_SUBMIT_OPTS"] = SPARK_JVM_OPTIONS
        for info, script in found:
            if info == "sh,postgres" and not postgres:
                continue
            if info == "sh,spark" and not args.spark:
                continue
            done = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", script],
                cwd=scratch, env=env, capture_output=True, text=True,
            )
            ran += 1
            if done.returncode != 0:
                print(f"FAIL {os.path.relpath(args.page, ROOT)}: this block exited {done.returncode}:")
                print(script)
                print(done.stdout)
                print(done.stderr)
                return 1
    print(f"{ran} blocks of {os.path.relpath(args.page, ROOT)} ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
