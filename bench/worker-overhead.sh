#!/usr/bin/env bash
# What running policies in a worker process costs: the same commands with two builds of meshgov, alternating
# run by run, on the example mesh (warm; it has policies of its own, so it starts a worker) and on a synthetic
# mesh of N products and N contracts: with the built-in pack only (cold, warm; no worker is needed) and with
# one policy of its own (warm; the worker is handed the whole mesh).
# Usage: bench/worker-overhead.sh BEFORE/meshgov.dll AFTER/meshgov.dll [N] [RUNS]   (figures go to docs/performance.md)
# Publish each build with: dotnet publish src/MeshGovernance.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o DIR
set -euo pipefail
cd "$(dirname "$0")/.."
before="$1"
after="$2"
n="${3:-1000}"
runs="${4:-5}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build bench/MeshGenerator -c Release -v quiet -nologo > /dev/null
dotnet bench/MeshGenerator/bin/Release/net10.0/MeshGenerator.dll "$n" "$work/mesh" > /dev/null
cp -r "$work/mesh" "$work/mesh-with-policy"
mkdir -p "$work/mesh-with-policy/governance/policies"
cat > "$work/mesh-with-policy/governance/policies/products-have-a-purpose.csx" <<'POLICY'
// ---
// id: products-have-a-purpose
// title: Every product says what it is for
// enforcement: advisory
// category: documentation
// rationale: A benchmark policy of the mesh's own, so that the check starts a worker.
// scope: products
// ---
foreach (var product in Mesh.Products.Where(p => string.IsNullOrWhiteSpace(p.Purpose)))
    Fail(product, $"Product '{product.Id}' does not say what it is for.");
POLICY

run() { # label dll repo cache
  /usr/bin/time -f "$1: %e s wall, %M KB peak RSS of meshgov" \
    dotnet "$2" check --repo "$3" --cache-dir "$4" --format json --output "$work/report.json" --today 2026-12-06 > /dev/null || true
}

for scenario in template mesh mesh-with-policy; do
  repo=mesh-repo-template
  [ "$scenario" != template ] && repo="$work/$scenario"
  for build in before after; do
    dll=$before; [ "$build" = after ] && dll=$after
    rm -rf "$work/cache-$scenario-$build"
    run "$build $scenario cold" "$dll" "$repo" "$work/cache-$scenario-$build"
  done
  for i in $(seq "$runs"); do
    for build in before after; do
      dll=$before; [ "$build" = after ] && dll=$after
      run "$build $scenario warm" "$dll" "$repo" "$work/cache-$scenario-$build"
    done
  done
done
