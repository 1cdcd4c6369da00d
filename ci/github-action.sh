#!/usr/bin/env bash
# The script of the icpc GitHub Action (action.yml): checks the rule files
# (annotations on the changed lines), runs `icpc test` on the rule files that
# have examples, diffs every rule file against the pull
# request's base revision, writes the markdown to the job summary and, when
# a token is given, posts it as one pull-request comment that later runs
# update. Inputs come as INPUT_* variables (what GitHub sets from `with:`),
# the rest from the environment GitHub gives every job.
#
#   INPUT_RULES  rule files or globs, space separated (default: every
#                tracked *.icp file)
#   INPUT_LEADS  leads to score with both versions (optional)
#   INPUT_BASE   the base revision (default: the pull request's base sha
#                from $GITHUB_EVENT_PATH, else HEAD~1)
#   INPUT_TOKEN  a token allowed to comment (optional)
#   INPUT_AS_OF  the as-of date for the diff (optional)
set -uo pipefail
cd "${GITHUB_WORKSPACE:-.}"
icpc=${ICPC:-icpc}
marker='<!-- icpc-diff -->'

event_field() {
  [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ] || return 0
  python3 -c 'import json,sys
event = json.load(open(sys.argv[1]))
value = event
for key in sys.argv[2].split("."):
    value = value.get(key) if isinstance(value, dict) else None
print("" if value is None else value)' "$GITHUB_EVENT_PATH" "$1"
}

base=${INPUT_BASE:-$(event_field pull_request.base.sha)}
base=${base:-HEAD~1}
if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
  git fetch --quiet --depth=1 origin "$base" 2>/dev/null || true
fi

if [ -n "${INPUT_RULES:-}" ]; then
  read -r -a files <<< "$INPUT_RULES"
else
  mapfile -t files < <(git ls-files '*.icp')
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "icpc: no .icp files to check"
  exit 0
fi

status=0
echo "::group::icpc check"
"$icpc" check --format github "${files[@]}" || status=1
echo "::endgroup::"

mapfile -t tested < <(grep -lE '^[[:space:]]*example[[:space:]]' "${files[@]}" 2>/dev/null)
if [ ${#tested[@]} -gt 0 ] && "$icpc" test --help >/dev/null 2>&1; then
  echo "::group::icpc test"
  "$icpc" test "${tested[@]}" || status=1
  echo "::endgroup::"
fi

report=$(mktemp)
{
  echo "$marker"
  for file in "${files[@]}"; do
    [ -f "$file" ] || continue
    if ! git cat-file -e "$base:$file" 2>/dev/null; then
      echo "**icpc diff**: \`$file\` is new (not in \`$base\`)."
      echo
      continue
    fi
    args=(diff "$base:$file" "$file" --format markdown)
    [ -n "${INPUT_LEADS:-}" ] && args+=(--leads "$INPUT_LEADS")
    [ -n "${INPUT_AS_OF:-}" ] && args+=(--as-of "$INPUT_AS_OF")
    "$icpc" "${args[@]}" || status=1
    echo
  done
} > "$report"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$report" >> "$GITHUB_STEP_SUMMARY"
fi

number=$(event_field pull_request.number)
if [ -n "${INPUT_TOKEN:-}" ] && [ -n "$number" ]; then
  api=${GITHUB_API_URL:-https://api.github.com}/repos/$GITHUB_REPOSITORY/issues
  auth=(-H "Authorization: Bearer $INPUT_TOKEN" -H "Accept: application/vnd.github+json")
  existing=$(curl -fsS "${auth[@]}" "$api/$number/comments?per_page=100" | python3 -c 'import json,sys
marker = sys.argv[1]
for comment in json.load(sys.stdin):
    if marker in (comment.get("body") or ""):
        print(comment["id"]); break' "$marker")
  body=$(python3 -c 'import json,sys; print(json.dumps({"body": open(sys.argv[1]).read()}))' "$report")
  if [ -n "$existing" ]; then
    curl -fsS -X PATCH "${auth[@]}" "$api/comments/$existing" -d "$body" > /dev/null || status=1
  else
    curl -fsS -X POST "${auth[@]}" "$api/$number/comments" -d "$body" > /dev/null || status=1
  fi
fi
rm -f "$report"
exit $status
