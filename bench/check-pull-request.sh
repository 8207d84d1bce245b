#!/usr/bin/env bash
# Whole-process benchmark of `meshgov check --base` (a pull request) and `meshgov diff` on a synthetic mesh
# of N products and N contracts committed to a real git repository. One pull request rewords a contract,
# another changes a property's type in a contract other products consume. The policy and file caches are
# warmed first by a plain check (as the template's workflow keeps them with actions/cache).
# Usage: bench/check-pull-request.sh N    (figures go to docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish src/MeshGovernance.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/meshgov" -v quiet -nologo > /dev/null
dotnet build bench/MeshGenerator -c Release -v quiet -nologo > /dev/null
dotnet bench/MeshGenerator/bin/Release/net10.0/MeshGenerator.dll "$n" "$work/mesh"

git_() { git -C "$work/mesh" -c user.name=bench -c user.email=bench@example.com "$@"; }
git_ init --quiet --initial-branch=main
git_ add --all
git_ commit --quiet -m "mesh"
meshgov=(dotnet "$work/meshgov/meshgov.dll")

# The first contract is consumed by later products of other domains.
contracts=("$work"/mesh/domains/*/contracts/*.odcs.yaml)
contract=${contracts[0]#"$work/mesh/"}
echo "pull requests change $contract"

timed() {
  local label=$1; shift
  local status=0
  /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@" > "$work/out.txt" 2>> "$work/time.txt" || status=$?
  tail -1 "$work/time.txt"
  echo "$label: exit $status"
}

timed "warm-up check (cold caches)" "${meshgov[@]}" check --repo "$work/mesh" --cache-dir "$work/cache" --format json

git_ switch --quiet -c reword
sed -i '0,/description: Table 0 of the synthetic contract./s//description: Table 0 of the synthetic contract, reworded./' "$work/mesh/$contract"
git_ commit --quiet -am "reword"
for run in 1 2 3; do
  timed "pull request, wording only, run $run" "${meshgov[@]}" check --repo "$work/mesh" --base main --cache-dir "$work/cache" --format json
done

git_ switch --quiet main
git_ switch --quiet -c retype
sed -i '0,/physicalType: varchar(36)/s//physicalType: uuid/' "$work/mesh/$contract"
git_ commit --quiet -am "retype"
for run in 1 2 3; do
  timed "pull request, breaking change with consumers, run $run" "${meshgov[@]}" check --repo "$work/mesh" --base main --cache-dir "$work/cache" --format json
done
grep -o '"id": "breaking-change-consumers"' "$work/out.txt" | head -1 || true

for run in 1 2 3; do
  timed "diff, run $run" "${meshgov[@]}" diff --repo "$work/mesh" --base main
done
head -3 "$work/out.txt"
