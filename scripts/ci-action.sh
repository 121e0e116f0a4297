#!/usr/bin/env bash
# The one script behind action.yml (a composite GitHub Action): install the suite, run it from the caller's
# workspace, append summary.md to the job summary, name the report directory as a step output, and exit with
# the suite's exit code (0 conformant, 1 not conformant or unexpected results, 2 usage, 3 unreachable/broken).
# Inputs arrive as INPUT_* environment variables (action.yml maps them), so the same script runs locally:
#   INPUT_PROFILE=codec GITHUB_STEP_SUMMARY=/tmp/s.md GITHUB_OUTPUT=/tmp/o.txt scripts/ci-action.sh
set -uo pipefail

suite="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workspace="${GITHUB_WORKSPACE:-$PWD}"
out="${INPUT_OUTPUT_DIR:-reports}"
case "$out" in /*) ;; *) out="$workspace/$out" ;; esac

say() { printf 'ilp-conformance action: %s\n' "$*" >&2; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; fi; }
summary() { if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >> "$GITHUB_STEP_SUMMARY"; else cat > /dev/null; fi; }

# Install: the suite's own locked dependencies, once per checkout of the action.
if [ ! -d "$suite/node_modules/@cucumber/cucumber" ]; then
  say "installing the suite's dependencies (npm ci in $suite)"
  if ! (cd "$suite" && npm ci --no-audit --no-fund >&2); then
    printf '### ilp-conformance\n\nThe suite could not be installed (npm ci failed); see the step log.\n' | summary
    output exit-code 3
    exit 3
  fi
fi

args=(run --out "$out")
[ -n "${INPUT_TARGET:-}" ] && args+=(--target "$INPUT_TARGET")
[ -n "${INPUT_LEDGER:-}" ] && args+=(--ledger "$INPUT_LEDGER")
[ -n "${INPUT_PROFILE:-}" ] && args+=(--profile "$INPUT_PROFILE")
[ -n "${INPUT_TOPOLOGY:-}" ] && args+=(--topology "$INPUT_TOPOLOGY")
[ -n "${INPUT_KNOWN_FAILURES:-}" ] && args+=(--expect "$INPUT_KNOWN_FAILURES")
[ -n "${INPUT_FORMAT:-}" ] && args+=(--format "$INPUT_FORMAT")
# Extra arguments, split on whitespace (e.g. "--parallel 2 --requirement PKT-001").
read -r -a extra <<< "${INPUT_ARGS:-}"
args+=("${extra[@]}")
if [ -n "${INPUT_CAPABILITIES:-}" ]; then export ILP_CONNECTOR_CAPABILITIES="$INPUT_CAPABILITIES"; fi

latest() { if [ -L "$out/latest" ]; then readlink "$out/latest"; elif [ -f "$out/latest" ]; then cat "$out/latest"; fi; }
before="$(latest)"
# The run would append summary.md itself when GITHUB_STEP_SUMMARY is set; this script does it once, below.
(cd "$workspace" && env -u GITHUB_STEP_SUMMARY node "$suite/bin/ilp-conformance.js" "${args[@]}")
code=$?
output exit-code "$code"

run_id="$(latest)"
if [ -z "$run_id" ] || [ "$run_id" = "$before" ] || [ ! -f "$out/$run_id/conformance.json" ]; then
  say "the suite exited $code without writing a report"
  printf '### ilp-conformance\n\nThe suite exited %s without writing a report (exit 2: a usage or configuration error); see the step log.\n' "$code" | summary
  exit "$code"
fi
report_dir="$out/$run_id"
output report-dir "$report_dir"
output verdict "$(node -e 'process.stdout.write(require(process.argv[1]).verdict.result)' "$report_dir/conformance.json")"
if [ -f "$report_dir/summary.md" ]; then summary < "$report_dir/summary.md"; fi
say "report in $report_dir (exit $code)"
exit "$code"
