#!/usr/bin/env bash
# Whole-process benchmark of the GitHub Action's path on a new runner: the install step (scripts/install-meshgov.sh)
# downloads the linux-x64 release from a server on 127.0.0.1, verifies it against SHA256SUMS and extracts it,
# then meshgov checks the template with an empty policy cache, writing the reports the action writes.
# Cold = empty tool cache and empty policy cache; "cached install" = the same with the tool cache kept.
# Also: `meshgov --version` of the single-file binary, and the sizes of the package and each binary.
#
# Usage: bench/action-install.sh [RELEASE_DIR]   (a folder made by build/publish-binaries.sh; built when absent)
# Needs python3 for the loopback file server. Figures go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

release=${1:-}
if [ -z "$release" ]; then
  release="$work/release"
  bash build/publish-binaries.sh "$release" linux-x64 > /dev/null
fi
archive=$(find "$release" -maxdepth 1 -name 'meshgov-*-linux-x64.tar.gz' | head -n 1)
if [ -z "$archive" ]; then
  echo "error: no meshgov-*-linux-x64.tar.gz in $release" >&2
  exit 2
fi
version=$(basename "$archive")
version=${version#meshgov-}
version=${version%-linux-x64.tar.gz}

# The release as GitHub lays it out: <base>/v<version>/<asset>.
mkdir -p "$work/site/v$version"
cp "$archive" "$release/SHA256SUMS" "$work/site/v$version/"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then break; fi
  sleep 0.1
done

mesh="$work/mesh"
cp -r mesh-repo-template "$mesh"

run() { # $1 label, $2 tool cache to use
  local runner="$work/runner-$1"
  rm -rf "$runner" && mkdir -p "$runner/temp" "$runner/cache"
  : > "$runner/path" && : > "$runner/output"
  local start end
  start=$(date +%s.%N)
  env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY NO_PROXY=127.0.0.1 \
    RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$runner/temp" RUNNER_TOOL_CACHE="$2" \
    GITHUB_PATH="$runner/path" GITHUB_OUTPUT="$runner/output" \
    MESHGOV_VERSION="$version" MESHGOV_RELEASES_URL="http://127.0.0.1:$port" \
    bash "$root/scripts/install-meshgov.sh" > "$runner/install.log" 2>&1
  local installed
  installed=$(date +%s.%N)
  local status=0
  (cd "$mesh" && PATH="$(cat "$runner/path"):$PATH" MESHGOV_CACHE_DIR="$runner/cache" \
    meshgov check --repo . --check-name meshgov --format json --output "$runner/report.json" \
      --format sarif --output "$runner/meshgov.sarif" --format text > "$runner/check.log" 2>&1) || status=$?
  end=$(date +%s.%N)
  awk -v label="$1" -v s="$start" -v i="$installed" -v e="$end" -v code="$status" \
    'BEGIN { printf "%s: install %.2f s, check %.2f s (exit %d), total %.2f s\n", label, i - s, e - i, code, e - s }'
}

tools="$work/toolcache"
for i in 1 2 3; do
  rm -rf "$tools"
  run "cold $i" "$tools"
done
for i in 1 2; do
  run "cached install $i" "$tools"
done

binary="$tools/meshgov/$version/linux-x64/meshgov"
for i in 1 2 3 4 5; do
  /usr/bin/time -f "meshgov --version: %e s wall, %M KB peak RSS" "$binary" --version > /dev/null
done

echo "sizes:"
find "$release" -maxdepth 1 -type f -printf '%f %s\n' | sort | awk '{ printf "  %-48s %6.1f MB\n", $1, $2 / 1048576 }'
printf '  %-48s %6.1f MB\n' "meshgov (linux-x64, extracted)" "$(stat -c %s "$binary" | awk '{ print $1 / 1048576 }')"
