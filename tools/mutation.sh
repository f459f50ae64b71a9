#!/usr/bin/env bash
# Mutation testing (issue 24): does the suite fail when the code is wrong?
# mutmut (PyPI) changes one thing at a time in a module (a comparison, a
# number, a string, an operator) and runs the tests that cover that module;
# a mutant the tests do not notice "survives". Slow (minutes per module), so
# it runs outside the normal suite, like the benchmarks.
#
#   tools/mutation.sh                    every module below
#   tools/mutation.sh xlsrc/parsing.py   one module (or several)
#
# Each module runs in its own copy of the working tree under $MUTATION_DIR
# (default: a new temporary folder), with only the test files listed for it.
# The score is killed / (mutants − equivalent ones listed in
# tests/mutation/EQUIVALENT.md); the script prints each survivor's diff and
# exits 1 when a module scores under $MUTATION_MIN (default 90) percent.
# MUTATION_JOBS: mutants run at a time (default 1: the machine is shared).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${VENV:-$root/.venv}
mutmut="$venv/bin/mutmut"
[ -x "$mutmut" ] || (cd "$root" && "$venv/bin/pip" install -q -e ".[test,mutation]")

# module → the test files that cover it (the only ones mutmut runs for it)
declare -A TESTS=(
  [xlsrc/awards/numwords.py]="tests/test_numwords.py tests/test_decision_money.py"
  [xlsrc/awards/money.py]="tests/test_money.py tests/test_decision_money.py"
  [xlsrc/parsing.py]="tests/test_parsing.py tests/test_parsing_edges.py tests/test_parsers.py tests/test_vocabulary_spellings.py"
  [xlsrc/completion.py]="tests/test_boundaries.py tests/test_completion.py tests/test_completion_totals.py"
  [xlsrc/access/limits.py]="tests/test_boundaries.py tests/test_limits.py"  # not the hostile-file tests: slow
  [xlsrc/report/sandbox.py]="tests/test_boundaries.py tests/test_sandbox.py"  # not the .docx ones: slow
  [xlsrc/review/rules.py]="tests/test_review_rules_exact.py tests/test_review_rules.py tests/test_review_law.py"
  [xlsrc/review/standards.py]="tests/test_review_edges.py tests/test_review_rules_exact.py tests/test_review_rules.py tests/test_review_law.py"
  [xlsrc/consolidate/master.py]="tests/test_consolidate_edges.py tests/test_consolidate.py"
  [xlsrc/consolidate/units.py]="tests/test_consolidate.py tests/test_consolidate_tables.py tests/test_consolidate_edges.py"
  [xlsrc/consolidate/discover.py]="tests/test_consolidate.py tests/test_output_not_input.py tests/test_consolidate_edges.py"
  [xlsrc/consolidate/sources.py]="tests/test_master_sources.py"
  [xlsrc/consolidate/extract.py]="tests/test_extract_exact.py"  # each reading exactly, in 3 s; the consolidation tests: slow
  [xlsrc/consolidate/decision_annex.py]="tests/test_decision_annex.py"
)
ORDER=(xlsrc/awards/numwords.py xlsrc/awards/money.py xlsrc/parsing.py xlsrc/completion.py xlsrc/access/limits.py
       xlsrc/report/sandbox.py xlsrc/review/rules.py xlsrc/review/standards.py xlsrc/consolidate/master.py
       xlsrc/consolidate/units.py xlsrc/consolidate/discover.py xlsrc/consolidate/sources.py
       xlsrc/consolidate/extract.py xlsrc/consolidate/decision_annex.py)
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=("${ORDER[@]}")

work=${MUTATION_DIR:-$(mktemp -d -t thidua-mutation.XXXXXX)}
equivalent="$root/tests/mutation/EQUIVALENT.md"
status=0
printf '%-32s %8s %8s %6s %6s\n' "module" "killed" "mutants" "equiv" "score"
for module in "${modules[@]}"; do
  tests=${TESTS[$module]:-}
  [ -n "$tests" ] || { echo "no tests listed for $module in tools/mutation.sh" >&2; exit 2; }
  dir="$work/$(echo "$module" | tr '/.' '__')"
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$root" && git ls-files -co --exclude-standard -z | grep -zv '^mutants/' | xargs -0 cp --parents -t "$dir")
  selection=""
  plugin=""  # consolidation reads its files in worker processes, where mutmut sees no test reach a function
  case $module in xlsrc/consolidate/*) plugin='"-p", "tests.mutation.in_process", ' ;; esac
  for t in $tests; do [ -f "$dir/$t" ] && selection+="\"$t\", "; done
  cat >> "$dir/pyproject.toml" <<EOF

[tool.mutmut]
source_paths = ["xlsrc/"]
only_mutate = ["$module"]
pytest_add_cli_args_test_selection = [${selection%, }]
pytest_add_cli_args = [$plugin"-p", "no:randomly", "-p", "no:cacheprovider", "-p", "no:xdist", "-q"]
also_copy = ["workbook/", "templates/", "README.md", "docs/", "benchmarks/", ".ci/"]
EOF
  (cd "$dir" && "$mutmut" run --max-children "${MUTATION_JOBS:-1}" >"$dir/mutmut.log" 2>&1) || true
  results=$(cd "$dir" && "$mutmut" results --all true 2>/dev/null | sed 's/^ *//')
  total=$(grep -c ': ' <<<"$results" || true)
  killed=$(grep -cE ': (killed|timeout|segfault)$' <<<"$results" || true)
  survivors=$(grep -vE ': (killed|timeout|segfault)$' <<<"$results" | grep ': ' | cut -d: -f1 || true)
  equiv=0
  missed=()
  for m in $survivors; do
    if grep -q "^| $m |" "$equivalent"; then equiv=$((equiv + 1)); else missed+=("$m"); fi
  done
  considered=$((total - equiv))
  score=$(( considered > 0 ? 100 * killed / considered : 0 ))
  printf '%-32s %8s %8s %6s %5s%%\n' "$module" "$killed" "$total" "$equiv" "$score"
  for m in "${missed[@]}"; do
    echo "  survived: $m"
    (cd "$dir" && "$mutmut" show "$m" 2>/dev/null | grep -E '^[-+][^-+]' | sed 's/^/      /') || true
  done
  [ "$score" -ge "${MUTATION_MIN:-90}" ] || status=1
done
echo "(work folder: $work)"
exit $status
