#!/usr/bin/env bash
# Exercises .pre-commit-hooks.yaml with the real pre-commit tool, pinned, in
# a throwaway repository, as a user would set it up from docs/ci.md: a
# clean file passes, a badly laid out file fails and is rewritten, a file
# with errors fails. The hooks build icpc from this repository's HEAD
# (commit your changes first), in their own cargo target directory under
# target/ (a shared one can hand out a stale binary), kept between runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${ICPC_CI_DIR:-$root/target/ci-pre-commit}
pre_commit_version=4.7.0
rm -rf "$work/repo"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/pre-commit" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet "pre-commit==$pre_commit_version"
fi
export PRE_COMMIT_HOME=$work/cache
export CARGO_TARGET_DIR=$work/target
rev=$(git -C "$root" rev-parse HEAD)

mkdir "$work/repo" && cd "$work/repo"
git init --quiet --initial-branch=main
git config user.email ci@example.com && git config user.name CI
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: icpc-check
      - id: icpc-fmt
      - id: icpc-test
YAML
good='score fit\n\nrule saas: industry == SaaS => fit +30\n\ntier A: fit >= 30\ntier B: otherwise\n\nexample "saas": {industry: SaaS} => tier A\n'
printf "$good" > good.icp
git add . && git commit --quiet -m setup
"$work/venv/bin/pre-commit" install --install-hooks > /dev/null

fails() { if "$@"; then echo "expected a failure: $*" >&2; exit 1; fi; }

echo "== a clean file passes"
git commit --quiet -m "clean" --allow-empty
"$work/venv/bin/pre-commit" run --all-files

echo "== a badly laid out file fails and is rewritten"
printf 'score fit\nrule saas:   industry == SaaS   => fit +30\ntier A: fit >= 30\nexample "saas": {industry: SaaS} => tier A\n' > messy.icp
git add messy.icp
fails git commit --quiet -m messy
grep -q '^rule saas: industry == SaaS => fit +30$' messy.icp
git add messy.icp && git commit --quiet -m "messy, formatted"

echo "== a failing example fails"
sed -i 's/=> tier A$/=> tier B/' good.icp
git add good.icp
fails git commit --quiet -m "wrong example"
git reset --quiet --hard HEAD

echo "== a file with errors fails"
printf 'score fit\nrule broken: employees >= => fit +1\n' > broken.icp
git add broken.icp
fails git commit --quiet -m broken
echo "pre-commit hooks: ok"
