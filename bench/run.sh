#!/usr/bin/env bash
# The `icpc eval` benchmark: builds release, generates N leads (JSON Lines and
# CSV) with the project's own seeded generator, and measures in one run:
#   icpc eval on bench/reference.icp (the 13-rule reference workload) at
#   --jobs 1 and 2, a parse-only baseline (read records, no scoring, no output),
#   CSV input, `--explain` (full and compact) written to a file, a generated 300-rule file shaped
#   like a real one (gen_leads --rules: shared lets, four scores, in lists,
#   ranges, regexes over twenty fields, disqualifiers) against the reference,
#   `icpc check` on a generated 10,000-rule file, the hand-written Rust limit
#   for the reference rules (../shared/bench/limits, built in its own target
#   directory), and DuckDB (../shared/bench/rules_duckdb.py + rules.sql) when
#   installed, and `icpc test` of the 300-rule file with 500 examples (leads
#   turned into examples by bench/examples_of.rs) with --coverage --mutants
#   against `icpc check` of the same file (target: under 2 s); `icpc diff --leads` on the same leads (both versions scored in
#   one pass) against one eval, and `icpc diff` of two 300-rule files; a
#   second 300-rule file from another seed (held-out-like), `icpc check` and
#   `icpc plan` of a 50,000-rule file and eval of a numeric `in` list of
#   100,000 values (the passes near-linear), and the largest peak memory. Prints seconds, MB/s, records/s and peak memory of each run,
#   then every ratio of the performance table (issue 12) from this one run;
#   last, what would it take per lead (median and worst, and their ratio to
#   scoring the lead) and the score-space lints (benches/whatif.rs, issue 11).
#
# With --baseline BIN (another build of icpc, say of main before a change),
# CSV and JSON Lines eval at --jobs 1 and 2 are measured with it too, and
# the after/before ratios printed from the same run.
#
# usage: bench/run.sh [--n RECORDS] [--seed S] [--dir WORKDIR] [--baseline BIN]
#   ICPC_RUSTFLAGS="-C target-cpu=x86-64-v3" bench/run.sh   # try a CPU-specific build
set -euo pipefail
cd "$(dirname "$0")/.."

records=1000000 seed=1 dir=target/bench baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --n) records=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--n RECORDS] [--seed S] [--dir WORKDIR] [--baseline BIN]" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"
as_of=2025-06-30
shared=""
for candidate in ../shared/bench ../../shared/bench; do
  if [ -f "$candidate/rules_duckdb.py" ]; then shared=$candidate; break; fi
done

echo "== build (release${ICPC_RUSTFLAGS:+, RUSTFLAGS=$ICPC_RUSTFLAGS})"
RUSTFLAGS="${ICPC_RUSTFLAGS:-}" cargo build --release --quiet --bin icpc --example gen_leads --example examples_of
icpc=target/release/icpc
gen=target/release/examples/gen_leads

jsonl=$dir/leads-$records-$seed.jsonl
csv=$dir/leads-$records-$seed.csv
rules300=$dir/rules300.icp
[ -s "$jsonl" ] || "$gen" --n "$records" --seed "$seed" > "$jsonl"
[ -s "$csv" ] || "$gen" --n "$records" --seed "$seed" --format csv > "$csv"
rules10k=$dir/rules10k.icp
rules50k=$dir/rules50k.icp
heldout300=$dir/heldout300.icp
in100k=$dir/in100k.icp
"$gen" --rules 300 --seed "$seed" > "$rules300"
# A second 300-rule file from another seed: other lets, lists and
# constants, standing in for a held-out file the plan was not tuned on.
"$gen" --rules 300 --seed "$((seed + 1000))" > "$heldout300"
"$gen" --rules 10000 --seed "$seed" > "$rules10k"
"$gen" --rules 50000 --seed "$seed" > "$rules50k"
# A numeric `in` list of 100,000 values (issue 12 item 5: one hashed set).
{ printf 'schema {\n  employees: int\n}\nscore fit\nrule listed: employees in ['
  seq -s ', ' 0 3 299997; printf '] => fit +1\n'; } > "$in100k"
"$icpc" check "$rules300" > /dev/null
limits=""
if [ -n "$shared" ] && [ -f "$shared/limits/Cargo.toml" ]; then
  echo "== build the hand-written limit ($shared/limits)"
  if CARGO_TARGET_DIR="$dir/limits-target" cargo build --release --quiet \
      --manifest-path "$shared/limits/Cargo.toml"; then
    limits=$dir/limits-target/release/limits
  fi
fi
echo "== data: $records leads, JSON Lines $(du -m "$jsonl" | cut -f1) MB, CSV $(du -m "$csv" | cut -f1) MB"

declare -A seconds
eval_peak_kib=0
# measure NAME INPUT COMMAND...: runs the command once to warm the page
# cache, then times it; prints MB/s of INPUT, records/s and peak memory.
measure() {
  local name=$1 input=$2; shift 2
  "$@" > /dev/null 2>&1 || true
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" > /dev/null 2> "$dir/stderr" || {
    echo "$name: failed"; tail -3 "$dir/stderr"; return 0; }
  read -r elapsed peak_kib < <(tail -1 "$dir/time")
  seconds[$name]=$elapsed
  case $name in "icpc eval"*) [ "$peak_kib" -gt "$eval_peak_kib" ] && eval_peak_kib=$peak_kib ;; esac
  awk -v name="$name" -v s="$elapsed" -v bytes="$(stat -c %s "$input")" -v n="$records" -v kib="$peak_kib" \
    'BEGIN { s = (s < 0.01 ? 0.01 : s); printf "%-34s %7.2f s %8.0f MB/s %10.0f rec/s %7.1f MiB peak\n", name, s, bytes / s / 1e6, n / s, kib / 1024 }'
}

ratio() { # ratio LABEL NUMERATOR DENOMINATOR: how many times faster the second is
  local a=${seconds[$2]:-} b=${seconds[$3]:-}
  if [ -n "$a" ] && [ -n "$b" ]; then
    awk -v label="$1" -v a="$a" -v b="$b" 'BEGIN { printf "%-46s %6.2fx\n", label, a / (b < 0.01 ? 0.01 : b) }'
  fi
}

eval_args=(eval --as-of "$as_of" --output "$dir/out")
echo "== runs (one warm-up each, then timed)"
for jobs in 1 2; do
  measure "icpc parse-only jsonl j$jobs" "$jsonl" "$icpc" "${eval_args[@]}" --parse-only --jobs "$jobs" bench/reference.icp "$jsonl"
  measure "icpc eval jsonl j$jobs" "$jsonl" "$icpc" "${eval_args[@]}" --jobs "$jobs" bench/reference.icp "$jsonl"
  measure "icpc eval 300 rules jsonl j$jobs" "$jsonl" "$icpc" "${eval_args[@]}" --jobs "$jobs" "$rules300" "$jsonl"
  measure "icpc eval held-out 300 jsonl j$jobs" "$jsonl" "$icpc" "${eval_args[@]}" --jobs "$jobs" "$heldout300" "$jsonl"
  measure "icpc eval --explain jsonl j$jobs" "$jsonl" "$icpc" "${eval_args[@]}" --explain --jobs "$jobs" bench/reference.icp "$jsonl"
  measure "icpc eval --explain=compact j$jobs" "$jsonl" "$icpc" "${eval_args[@]}" --explain=compact --jobs "$jobs" bench/reference.icp "$jsonl"
  measure "icpc parse-only csv j$jobs" "$csv" "$icpc" "${eval_args[@]}" --parse-only --jobs "$jobs" bench/reference.icp "$csv"
  measure "icpc eval csv j$jobs" "$csv" "$icpc" "${eval_args[@]}" --jobs "$jobs" bench/reference.icp "$csv"
  if [ -n "$baseline" ]; then
    measure "baseline eval csv j$jobs" "$csv" "$baseline" "${eval_args[@]}" --jobs "$jobs" bench/reference.icp "$csv"
    measure "baseline eval jsonl j$jobs" "$jsonl" "$baseline" "${eval_args[@]}" --jobs "$jobs" bench/reference.icp "$jsonl"
  fi
done
# icpc diff (issue 14): the reference rules against a copy with a threshold
# and a list changed, --leads scoring both in one pass, against one eval;
# and without leads, two versions of the 300-rule file.
sed -e 's/>= 5_000_000/>= 2_000_000/; s/\[US, CA, GB, DE, NL, AU\]/[US, CA, GB, DE]/' bench/reference.icp > "$dir/reference-new.icp"
sed -e '0,/fit +[0-9]*/s//fit +99/' "$rules300" > "$dir/rules300-new.icp"
for jobs in 1 2; do
  measure "icpc diff --leads jsonl j$jobs" "$jsonl" "$icpc" diff --as-of "$as_of" --format json --jobs "$jobs" \
    bench/reference.icp "$dir/reference-new.icp" --leads "$jsonl"
done
measure "icpc diff 300 rules, no leads" "$rules300" "$icpc" diff --format json "$rules300" "$dir/rules300-new.icp"
if [ -n "$limits" ]; then
  for threads in 1 2; do
    measure "limit rules-sv jsonl t$threads" "$jsonl" sh -c "exec '$limits' rules-sv -t $threads '$jsonl' > '$dir/limit.out'"
  done
else
  echo "(hand-written limit skipped: needs ../shared/bench/limits)"
fi
measure_check() { # the whole `icpc check` command on the 10,000-rule file
  "$icpc" check "$rules10k" > /dev/null 2>&1 || true
  /usr/bin/time -f "%e %M" -o "$dir/time" "$icpc" check "$rules10k" > /dev/null 2>&1 || true
  read -r elapsed peak_kib < <(tail -1 "$dir/time")
  seconds[check10k]=$elapsed
  awk -v s="$elapsed" -v bytes="$(stat -c %s "$rules10k")" -v kib="$peak_kib" \
    'BEGIN { printf "%-34s %7.2f s %8.1f MB/s %10s       %7.1f MiB peak\n", "icpc check 10,000 rules", s, bytes / (s < 0.01 ? 0.01 : s) / 1e6, "", kib / 1024 }'
}
measure_check
# The passes near-linear (issue 12 item 5): a 50,000-rule file checked and
# planned, and a numeric list of 100,000 values scored on every lead.
measure_whole() { # measure_whole NAME COMMAND...: seconds and peak memory of one command
  local name=$1; shift
  "$@" > /dev/null 2>&1 || true
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" > /dev/null 2>&1 || true
  read -r elapsed peak_kib < <(tail -1 "$dir/time")
  seconds[$name]=$elapsed
  awk -v name="$name" -v s="$elapsed" -v kib="$peak_kib" \
    'BEGIN { printf "%-34s %7.2f s %38s %7.1f MiB peak\n", name, s, "", kib / 1024 }'
}
measure_whole "icpc check 50,000 rules" "$icpc" check "$rules50k"
measure_whole "icpc plan 50,000 rules" "$icpc" plan "$rules50k"
measure "icpc eval in-list of 100,000 j1" "$jsonl" "$icpc" "${eval_args[@]}" --jobs 1 "$in100k" "$jsonl"
tested300=$dir/rules300-examples.icp
"$gen" --n 500 --seed "$((seed + 1))" > "$dir/examples500.jsonl"
target/release/examples/examples_of "$rules300" "$dir/examples500.jsonl" --as-of "$as_of" > "$tested300"
measure_whole "icpc check 300 rules+500 examples" "$icpc" check "$tested300"
measure_whole "icpc test 300 rules, 500 examples" "$icpc" test "$tested300"
measure_whole "icpc test --coverage --mutants" "$icpc" test --coverage --mutants "$tested300"
echo "   ($("$icpc" test --coverage --mutants "$tested300" 2> /dev/null | grep -E '^(coverage|mutants) of' | sed 's/ of [^:]*:/:/' | paste -sd ';' -); target: under 2 s)"
if [ -n "$shared" ] && python3 -c "import duckdb" 2> /dev/null; then
  for threads in 1 2; do
    measure "duckdb jsonl t$threads" "$jsonl" python3 "$shared/rules_duckdb.py" --threads "$threads" "$jsonl" "$dir/duck.out"
    measure "duckdb csv t$threads" "$csv" python3 "$shared/rules_duckdb.py" --threads "$threads" --csv "$csv" "$dir/duck.out"
  done
  echo "== icpc sql on DuckDB vs the hand-written rules.sql (bench/sql_duckdb.py)"
  python3 bench/sql_duckdb.py --icpc "$icpc" --leads "$jsonl" --reference-sql "$shared/rules.sql"
else
  echo "(DuckDB skipped: needs ../shared/bench/rules_duckdb.py and 'pip install duckdb')"
fi

echo "== ratios (\"vs\": > 1 means icpc is faster; \"(cost)\": how many times longer)"
for jobs in 1 2; do
  ratio "icpc vs DuckDB, jsonl, $jobs thread(s)" "duckdb jsonl t$jobs" "icpc eval jsonl j$jobs"
  ratio "icpc vs DuckDB, csv, $jobs thread(s)" "duckdb csv t$jobs" "icpc eval csv j$jobs"
  ratio "eval / parse-only, jsonl, j$jobs" "icpc eval jsonl j$jobs" "icpc parse-only jsonl j$jobs"
  ratio "eval / parse-only, csv, j$jobs" "icpc eval csv j$jobs" "icpc parse-only csv j$jobs"
  ratio "icpc vs hand-written limit, jsonl, $jobs thread(s)" "limit rules-sv jsonl t$jobs" "icpc eval jsonl j$jobs"
  ratio "300 rules / 13 rules (cost), jsonl, j$jobs" "icpc eval 300 rules jsonl j$jobs" "icpc eval jsonl j$jobs"
  ratio "held-out 300 / 13 rules (cost), jsonl, j$jobs" "icpc eval held-out 300 jsonl j$jobs" "icpc eval jsonl j$jobs"
  ratio "--explain / plain eval (cost), jsonl, j$jobs" "icpc eval --explain jsonl j$jobs" "icpc eval jsonl j$jobs"
  ratio "--explain=compact / plain eval (cost), j$jobs" "icpc eval --explain=compact j$jobs" "icpc eval jsonl j$jobs"
done
for jobs in 1 2; do
  ratio "diff --leads / one eval (cost, target <= 2.2), j$jobs" "icpc diff --leads jsonl j$jobs" "icpc eval jsonl j$jobs"
done
ratio "2 threads vs 1, jsonl" "icpc eval jsonl j1" "icpc eval jsonl j2"
ratio "check 50,000 / 10,000 rules (cost, linear: 5)" "icpc check 50,000 rules" "check10k"
ratio "in-list of 100,000 / 13 rules (cost)" "icpc eval in-list of 100,000 j1" "icpc eval jsonl j1"
ratio "test --coverage --mutants / check (cost)" "icpc test --coverage --mutants" "icpc check 300 rules+500 examples"
ratio "test --coverage --mutants / plain test (cost)" "icpc test --coverage --mutants" "icpc test 300 rules, 500 examples"
ratio "2 threads vs 1, csv" "icpc eval csv j1" "icpc eval csv j2"
awk -v kib="$eval_peak_kib" 'BEGIN { printf "%-46s %6.1f MiB (target <= 32)\n", "largest peak memory of the icpc eval runs", kib / 1024 }'
for jobs in 1 2; do
  ratio "this build vs baseline, csv, j$jobs" "baseline eval csv j$jobs" "icpc eval csv j$jobs"
  ratio "this build vs baseline, jsonl, j$jobs" "baseline eval jsonl j$jobs" "icpc eval jsonl j$jobs"
done

echo "== what would it take and the score-space lints (cargo bench --bench whatif)"
cargo bench --quiet --bench whatif 2> /dev/null || echo "(whatif bench failed)"
