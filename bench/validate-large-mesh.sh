#!/usr/bin/env bash
# Whole-process benchmark of `meshgov validate`: wall time and peak memory on the example mesh and on
# a mesh made of COPIES copies of its domains (ids renamed, so references stay valid).
# Usage: bench/validate-large-mesh.sh [COPIES]   (default 50). Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/MeshGovernance.Cli --configuration Release --nologo -v quiet > /dev/null
meshgov=(dotnet src/MeshGovernance.Cli/bin/Release/net10.0/meshgov.dll)

large="$work/large"
mkdir -p "$large/domains"
cp -r mesh-repo-template/mesh.yaml mesh-repo-template/teams "$large/"
domains=$(ls mesh-repo-template/domains | paste -sd'|')
for k in $(seq 1 "$copies"); do
  for d in mesh-repo-template/domains/*/; do
    name=$(basename "$d")
    cp -r "$d" "$large/domains/$name-$k"
  done
  # Rename domain ids wherever ids, domains and contract references name them.
  find "$large/domains" -path "*-$k/*" -name '*.yaml' -print0 | xargs -0 sed -i -E \
    "/^\s*-?\s*(id|domain|contractId):/ s/\b($domains)\b/\1-$k/g"
done
files=$(find "$large" -name '*.yaml' | wc -l)
bytes=$(du -sb "$large" | cut -f1)

measure() {
  local label=$1 repo=$2
  for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "${meshgov[@]}" validate --repo "$repo" > "$work/out" || {
      echo "validate failed on $label:"; tail -5 "$work/out"; exit 1; }
    read -r seconds kib < "$work/time"
    echo "$label run $run: ${seconds}s, peak RSS $((kib / 1024)) MiB, $(tail -1 "$work/out")"
  done
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; large mesh: $files files, $((bytes / 1024)) KiB"
measure "template" mesh-repo-template
measure "template x$copies" "$large"
