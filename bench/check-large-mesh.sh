#!/usr/bin/env bash
# Whole-process benchmark of `meshgov check` with the full policy pack on a synthetic mesh of N products
# and N contracts (bench/MeshGenerator: 20-60 properties per contract, consumer edges across domains).
# Runs once with an empty cache (the policies are compiled, every file validated), then twice warm.
# Usage: bench/check-large-mesh.sh N    (figures go to docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Published ReadyToRun, as CI should install it: precompiled code spares each short run the JIT.
dotnet publish src/MeshGovernance.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/meshgov" -v quiet -nologo > /dev/null
dotnet build bench/MeshGenerator -c Release -v quiet -nologo > /dev/null
dotnet bench/MeshGenerator/bin/Release/net10.0/MeshGenerator.dll "$n" "$work/mesh"

run() {
  local status=0
  /usr/bin/time -f "$1: %e s wall, %U s user, %M KB peak RSS" \
    dotnet "$work/meshgov/meshgov.dll" check --repo "$work/mesh" --cache-dir "$work/cache" --stats --format json --output "$work/report.json" || status=$?
  echo "$1: exit $status, $(grep -c '"id"' "$work/report.json") ids in the report (findings and policies)"
}

run cold
run warm
run warm
