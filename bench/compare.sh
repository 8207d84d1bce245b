#!/usr/bin/env bash
# Side-by-side benchmark on one generated mesh of N products and N contracts (bench/MeshGenerator), in one go:
#   the parse floor (bench/ParseFloor: every file read and run through YamlDotNet's parser, nothing else),
#   meshgov validate --no-cache, meshgov check with an empty cache and warm, pull-request checks touching 1, 10 and
#   100 contracts (warm, the mesh committed to a real git repository), and Spectral with the official ODCS and ODPS
#   JSON Schemas as its ruleset (no cross-file rules). Prints each as a time, a peak RSS, a ratio to the floor and
#   how many times faster than Spectral.
# Usage: bench/compare.sh N            (figures go to docs/performance.md)
# Environment: RUNS (warm repetitions, default 3; the median is shown), SPECTRAL=0 to leave Spectral out (at 10,000
#   products it runs for tens of minutes), CORPUS (default ../shared/corpus, where the official schemas are).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
runs="${RUNS:-3}"
corpus="${CORPUS:-$(cd .. && pwd)/shared/corpus}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building (ReadyToRun publish of meshgov and of the parse floor) and generating the mesh..." >&2
dotnet publish src/MeshGovernance.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/meshgov" -v quiet -nologo > /dev/null
dotnet publish bench/ParseFloor -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/floor" -v quiet -nologo > /dev/null
dotnet build bench/MeshGenerator -c Release -v quiet -nologo > /dev/null
dotnet bench/MeshGenerator/bin/Release/net10.0/MeshGenerator.dll "$n" "$work/mesh" >&2
meshgov=(dotnet "$work/meshgov/meshgov.dll")

declare -A seconds rss
order=()

# timed LABEL COMMAND...: runs the command once, keeps its wall time and peak RSS; a failing command stops the script
# unless its exit code is 1 (findings).
timed() {
  local label=$1; shift
  local status=0
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2> "$work/err.txt" || status=$?
  if [[ $status -gt 1 ]]; then
    echo "$label: exit $status" >&2; cat "$work/err.txt" >&2; tail -5 "$work/out.txt" >&2
    exit 1
  fi
  read -r wall kb < <(tail -1 "$work/time.txt")
  echo "$label: ${wall} s, $((kb / 1024)) MiB (exit $status)" >&2
  samples["$label"]+="$wall "
  peaks["$label"]+="$kb "
}

declare -A samples peaks
# record LABEL: the median of the label's samples (the lower middle one for an even count) and the largest peak RSS
# go into the table.
record() {
  local label=$1
  seconds["$label"]=$(tr ' ' '\n' <<< "${samples[$label]}" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  rss["$label"]=$(tr ' ' '\n' <<< "${peaks[$label]}" | grep . | sort -g | tail -1)
  order+=("$label")
}

repeat() {
  local label=$1 count=$2; shift 2
  for _ in $(seq "$count"); do timed "$label" "$@"; done
  record "$label"
}

repeat "parse floor" "$runs" dotnet "$work/floor/ParseFloor.dll" "$work/mesh"
repeat "validate --no-cache" 1 "${meshgov[@]}" validate --repo "$work/mesh" --no-cache
timed "check, empty cache" "${meshgov[@]}" check --repo "$work/mesh" --cache-dir "$work/cache" --format json
record "check, empty cache"
repeat "check, warm" "$runs" "${meshgov[@]}" check --repo "$work/mesh" --cache-dir "$work/cache" --format json

git_() { git -C "$work/mesh" -c user.name=bench -c user.email=bench@example.com "$@"; }
git_ init --quiet --initial-branch=main
git_ add --all
git_ commit --quiet -m "mesh"
mapfile -t contracts < <(cd "$work/mesh" && ls domains/*/contracts/*.odcs.yaml | sort)
for k in 1 10 100; do
  [[ $k -le ${#contracts[@]} ]] || continue
  git_ switch --quiet -C "change-$k" main
  for contract in "${contracts[@]:0:$k}"; do
    sed -i '0,/description: Table 0 of the synthetic contract./s//description: Table 0 of the synthetic contract, reworded./' "$work/mesh/$contract"
  done
  git_ commit --quiet -am "reword $k contracts"
  repeat "pull request, $k contract(s) changed" "$runs" "${meshgov[@]}" check --repo "$work/mesh" --base main --cache-dir "$work/cache" --format json
done
git_ switch --quiet main

if [[ "${SPECTRAL:-1}" != 0 ]]; then
  (cd bench/spectral && npm ci --no-audit --no-fund --silent)
  for kind in odcs odps; do
    schema=$([[ $kind == odcs ]] && echo "$corpus/odcs/odcs-json-schema-v3.1.0.json" || echo "$corpus/odps/odps-json-schema-v1.0.0.json")
    {
      printf 'rules:\n  %s-schema:\n    given: "$"\n    severity: error\n    then:\n      function: schema\n      functionOptions:\n        schema: ' "$kind"
      tr -d '\n' < "$schema"
      printf '\n'
    } > "$work/$kind.spectral.yaml"
  done
  spectral=bench/spectral/node_modules/.bin/spectral
  # Both kinds are always linted (a finding in one must not skip the other); the worse exit code is returned.
  lint_all() {
    local contracts=0 products=0
    "$spectral" lint "$work/mesh/domains/*/contracts/*.odcs.yaml" --ruleset "$work/odcs.spectral.yaml" --fail-severity error --quiet || contracts=$?
    "$spectral" lint "$work/mesh/domains/*/products/*.odps.yaml" --ruleset "$work/odps.spectral.yaml" --fail-severity error --quiet || products=$?
    return $(( contracts > products ? contracts : products ))
  }
  export -f lint_all; export spectral work
  repeat "Spectral, official schemas" 1 bash -c lint_all
fi

floor=${seconds["parse floor"]}
spectral_seconds=${seconds["Spectral, official schemas"]:-}
files=$(find "$work/mesh" -path "$work/mesh/.git" -prune -o -type f -name '*.y*ml' -print | wc -l)
mib=$(find "$work/mesh" -path "$work/mesh/.git" -prune -o -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1048576}')
echo
echo "$n products + $n contracts: $files files, $mib MiB; $(nproc) cores; median of $runs runs where repeated"
echo
echo "| work | wall | peak RSS | × parse floor | Spectral ÷ this |"
echo "|---|---|---|---|---|"
for label in "${order[@]}"; do
  s=${seconds[$label]}
  ratio=$(awk -v a="$s" -v b="$floor" 'BEGIN {printf "%.1f", a / b}')
  versus=$([[ -n $spectral_seconds ]] && awk -v a="$spectral_seconds" -v b="$s" 'BEGIN {printf "%.0f×", a / b}' || echo "n/a")
  echo "| $label | $s s | $((${rss[$label]} / 1024)) MiB | $ratio | $versus |"
done
