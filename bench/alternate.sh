#!/usr/bin/env bash
# Runs commands in turn, round after round, so that a noisy machine slows each of them alike, and prints the
# minimum, median and maximum wall time of each. Used for before/after figures in docs/performance.md.
# Usage: bench/alternate.sh ROUNDS LABEL "COMMAND" [LABEL "COMMAND" ...]
# Example: bench/alternate.sh 15 before "dotnet /tmp/a/meshgov.dll check --repo M" after "dotnet /tmp/b/meshgov.dll check --repo M"
set -euo pipefail
if [ $# -lt 3 ] || [ $(( ($# - 1) % 2 )) -ne 0 ]; then
  echo "usage: $0 ROUNDS LABEL \"COMMAND\" [LABEL \"COMMAND\" ...]" >&2
  exit 2
fi
rounds=$1
shift
labels=()
commands=()
while [ $# -gt 0 ]; do
  labels+=("$1")
  commands+=("$2")
  shift 2
done
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for _ in $(seq "$rounds"); do
  for i in "${!labels[@]}"; do
    start=$(date +%s%N)
    bash -c "${commands[$i]}" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    echo "$i $(( (end - start) / 1000000 ))" >> "$times"
  done
done
for i in "${!labels[@]}"; do
  awk -v i="$i" '$1 == i { print $2 }' "$times" | sort -n | awk -v label="${labels[$i]}" '
    { ms[NR] = $1 }
    END { printf "%s: min %.3f s, median %.3f s, max %.3f s (%d runs)\n", label, ms[1] / 1000, ms[int((NR + 1) / 2)] / 1000, ms[NR] / 1000, NR }'
done
