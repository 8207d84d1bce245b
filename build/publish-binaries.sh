#!/usr/bin/env bash
# Publishes meshgov as self-contained, single-file, ReadyToRun binaries and writes SHA256SUMS beside them.
#
#   bash build/publish-binaries.sh OUT_DIR [RID ...]
#
# RIDs default to every platform released: linux-x64 linux-arm64 osx-arm64 win-x64. Each becomes
# OUT_DIR/meshgov-<version>-<rid>.tar.gz (win-x64: .zip) holding the single executable at the archive root;
# OUT_DIR/SHA256SUMS lists every archive in sha256sum's format. The version comes from the git tag (MinVer).
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: bash build/publish-binaries.sh OUT_DIR [RID ...]" >&2
  exit 2
fi
out=$1
shift
rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 linux-arm64 osx-arm64 win-x64)
fi

root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/src/MeshGovernance.Cli"
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$(dotnet msbuild "$project" -nologo -t:MinVer -getProperty:MinVerVersion)
if [ -z "$version" ]; then
  echo "error: the version could not be read from the build (MinVer)." >&2
  exit 1
fi
echo "meshgov $version"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

for rid in "${rids[@]}"; do
  case "$rid" in
    linux-x64 | linux-arm64 | osx-arm64 | win-x64) ;;
    *) echo "error: RID '$rid' is not one meshgov is released for (linux-x64, linux-arm64, osx-arm64, win-x64)." >&2; exit 2 ;;
  esac
  publish="$staging/$rid"
  # Compression in the bundle would cost start-up time on every run; the archive compresses instead.
  dotnet publish "$project" --configuration Release --runtime "$rid" --self-contained true --output "$publish" --nologo \
    -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:IncludeNativeLibrariesForSelfExtract=true
  executable=meshgov
  if [ "$rid" = win-x64 ]; then executable=meshgov.exe; fi
  if [ ! -f "$publish/$executable" ]; then
    echo "error: dotnet publish for $rid produced no $executable." >&2
    exit 1
  fi
  # Everything the single file needs is inside it; the rest of the publish folder is not shipped.
  archive="meshgov-$version-$rid"
  rm -f "$out/$archive.tar.gz" "$out/$archive.zip"
  if [ "$rid" = win-x64 ]; then
    (cd "$publish" && zip -q -X "$out/$archive.zip" "$executable")
  else
    chmod 755 "$publish/$executable"
    # Reproducible archives: fixed owner, order and time (the commit's), no gzip timestamp.
    mtime=$(git -C "$root" log -1 --format=%cI 2>/dev/null || echo "2026-01-01T00:00:00Z")
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -C "$publish" -cf - "$executable" \
      | gzip -n -9 > "$out/$archive.tar.gz"
  fi
  echo "  $rid: $(du -h "$publish/$executable" | cut -f1) binary"
done

# Every archive of this version in the folder, so that separate runs for separate RIDs add up.
cd "$out"
shopt -s nullglob
archives=(meshgov-"$version"-*.tar.gz meshgov-"$version"-*.zip)
sha256sum "${archives[@]}" > SHA256SUMS
cat SHA256SUMS
