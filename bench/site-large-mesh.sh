#!/usr/bin/env bash
# Whole-process benchmark of `meshgov site` on the example mesh and on a synthetic mesh of N products and N
# contracts (bench/MeshGenerator), with warm caches (a first run fills them), and the size of the search index.
# "Over the previous site" rebuilds into the folder the run before wrote (only changed files are written); "into an
# empty folder" is what a CI job with a restored cache does.
# Usage: bench/site-large-mesh.sh N    (figures go to docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish src/MeshGovernance.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/meshgov" -v quiet -nologo > /dev/null
dotnet build bench/MeshGenerator -c Release -v quiet -nologo > /dev/null
dotnet bench/MeshGenerator/bin/Release/net10.0/MeshGenerator.dll "$n" "$work/mesh"
meshgov=(dotnet "$work/meshgov/meshgov.dll")

site() {
  local label=$1 repo=$2 out=$3
  /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "${meshgov[@]}" site --repo "$repo" --out "$out" --cache-dir "$work/cache" --history 0 2>&1 | tail -2
  local index="$out/search-index.js"
  echo "$label: search index $(stat -c %s "$index") bytes, $(gzip -9 -c "$index" | wc -c) gzipped; site $(du -sh "$out" | cut -f1), $(find "$out" -name '*.html' | wc -l) pages"
}

site "template, cold caches" mesh-repo-template "$work/site-template"
site "template, warm" mesh-repo-template "$work/site-template"
site "template, warm" mesh-repo-template "$work/site-template"
site "$n + $n, cold caches" "$work/mesh" "$work/site-large"
site "$n + $n, warm, over the previous site" "$work/mesh" "$work/site-large"
site "$n + $n, warm, over the previous site" "$work/mesh" "$work/site-large"
site "$n + $n, warm, into an empty folder" "$work/mesh" "$work/site-empty"
