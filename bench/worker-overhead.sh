#!/usr/bin/env bash
# What running policies in a worker process costs: the same commands with two builds of meshgov, one after
# the other, on the example mesh (warm) and on a synthetic mesh of N products and N contracts (cold, warm).
# Usage: bench/worker-overhead.sh BEFORE/meshgov.dll AFTER/meshgov.dll [N]   (figures go to docs/performance.md)
# Publish each build with: dotnet publish src/MeshGovernance.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o DIR
set -euo pipefail
cd "$(dirname "$0")/.."
before="$1"
after="$2"
n="${3:-1000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build bench/MeshGenerator -c Release -v quiet -nologo > /dev/null
dotnet bench/MeshGenerator/bin/Release/net10.0/MeshGenerator.dll "$n" "$work/mesh" > /dev/null

run() { # label dll repo cache
  /usr/bin/time -f "$1: %e s wall, %M KB peak RSS (parent)" \
    dotnet "$2" check --repo "$3" --cache-dir "$4" --format json --output "$work/report.json" --today 2026-12-06 || true
}

for build in before after; do
  dll=$before; [ "$build" = after ] && dll=$after
  run "$build template prime" "$dll" mesh-repo-template "$work/cache-t-$build" 2>/dev/null || true
  for i in 1 2 3 4 5; do run "$build template warm" "$dll" mesh-repo-template "$work/cache-t-$build"; done
done
for build in before after; do
  dll=$before; [ "$build" = after ] && dll=$after
  run "$build $n+$n cold" "$dll" "$work/mesh" "$work/cache-m-$build"
  for i in 1 2 3; do run "$build $n+$n warm" "$dll" "$work/mesh" "$work/cache-m-$build"; done
done
