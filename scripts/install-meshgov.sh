#!/usr/bin/env bash
# Installs a released meshgov for the runner's platform; the composite action (action.yml) runs it.
#
#   install-meshgov.sh             download, verify, install, add to GITHUB_PATH, print `meshgov --version`
#   install-meshgov.sh --resolve   only work out the version, platform and install folder (outputs below)
#
# Release layout: <base>/v<version>/SHA256SUMS and <base>/v<version>/meshgov-<version>-<rid>.tar.gz
# (.zip on Windows) holding the single-file `meshgov` (`meshgov.exe`) at the archive's root.
#
# Environment (inputs are passed only this way, never pasted into the script):
#   MESHGOV_VERSION            the release to install, X.Y.Z or X.Y.Z-pre (a leading v is ignored); empty: the
#                              release the action itself is used at (MESHGOV_ACTION_REF)
#   MESHGOV_ACTION_REF         the action's ref, `github.action_ref` (vX.Y.Z[-pre] for a release tag)
#   MESHGOV_ACTION_REPOSITORY  the action's owner/name, `github.action_repository`
#   MESHGOV_RELEASES_URL       overrides the releases' base URL, by default
#                              ${GITHUB_SERVER_URL}/${MESHGOV_ACTION_REPOSITORY}/releases/download
#                              (a mirror, or a test server; plain http is accepted)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, RUNNER_TOOL_CACHE, GITHUB_PATH, GITHUB_OUTPUT: set by the runner
#
# The archive is installed only if its SHA-256 is the one in the release's SHA256SUMS; nothing is extracted or
# run before that. It is kept, with the executable, in $RUNNER_TOOL_CACHE/meshgov/<version>/<rid>/ (which the
# action also saves with actions/cache); a later run checks both against a fresh SHA256SUMS before using them
# and downloads again if they do not match.
#
# Outputs (GITHUB_OUTPUT): version, rid, dir (the install folder).
set -euo pipefail

# `github.action_ref` and `github.action_repository` are empty in a composite action's run: scripts; the action
# passes them through env:, but the runner's own variables are the fallback.
action_ref="${MESHGOV_ACTION_REF:-${GITHUB_ACTION_REF:-}}"
action_repository="${MESHGOV_ACTION_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-}}"
supported="Linux X64, Linux ARM64, macOS ARM64, Windows X64"

fail() {
  echo "::error title=meshgov install::$*"
  exit 1
}

# --- what to install -------------------------------------------------------------------------------------------

semver='^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$'
version="${MESHGOV_VERSION:-}"
version="${version#v}"
if [ -z "$version" ]; then
  if [[ "$action_ref" =~ ^v([0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)$ ]]; then
    version="${BASH_REMATCH[1]}"
  elif [ -z "$action_ref" ]; then
    fail "the action's ref is unknown (is it used from a local path?); set \`version: X.Y.Z\`, or \`build-from-source: true\`."
  else
    fail "the action is used at $action_ref, which is not a release tag; set \`version: X.Y.Z\` (the release in the comment beside the SHA)."
  fi
fi
[[ "$version" =~ $semver ]] || fail "version '$version' is not a meshgov release version (X.Y.Z or X.Y.Z-pre, e.g. 0.1.0 or 1.2.0-rc.1)."

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) rid=linux-x64 ;;
  Linux/ARM64) rid=linux-arm64 ;;
  macOS/ARM64) rid=osx-arm64 ;;
  Windows/X64) rid=win-x64 ;;
  *) fail "meshgov is not released for ${RUNNER_OS:-an unknown OS} ${RUNNER_ARCH:-on an unknown architecture}; the releases are for $supported. Use \`build-from-source: true\` on this runner." ;;
esac

if [ "$rid" = win-x64 ]; then
  asset="meshgov-$version-$rid.zip"
  exe=meshgov.exe
else
  asset="meshgov-$version-$rid.tar.gz"
  exe=meshgov
fi

tool_cache="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:?RUNNER_TEMP is not set}}"
dir="$tool_cache/meshgov/$version/$rid"

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "version=$version"
    echo "rid=$rid"
    echo "dir=$dir"
  } >>"$GITHUB_OUTPUT"
fi
if [ "${1:-}" = "--resolve" ]; then
  echo "meshgov $version for $rid, installed in $dir"
  exit 0
fi

base="${MESHGOV_RELEASES_URL:-}"
if [ -z "$base" ]; then
  [ -n "$action_repository" ] || fail "cannot tell where meshgov is released: the action's repository is unknown. Set MESHGOV_RELEASES_URL, or \`build-from-source: true\`."
  base="${GITHUB_SERVER_URL:-https://github.com}/$action_repository/releases/download"
fi
# Plain http only to this machine (a test server): elsewhere anyone on the way could replace the archive and its
# SHA256SUMS together.
case "$base" in
  https://*) ;;
  http://127.0.0.1[:/]* | http://localhost[:/]* | http://\[::1\][:/]*) ;;
  *) fail "the releases' URL '$base' is not https; meshgov is downloaded only over https (plain http only from 127.0.0.1 or localhost)." ;;
esac
release="${base%/}/v$version"

# --- tools -----------------------------------------------------------------------------------------------------

if command -v sha256sum >/dev/null 2>&1; then
  sha256_tool=(sha256sum)
elif command -v shasum >/dev/null 2>&1; then
  sha256_tool=(shasum -a 256)
else
  fail "neither sha256sum nor shasum is on the PATH; the download cannot be verified."
fi

sha256_of() {
  "${sha256_tool[@]}" "$1" | awk '{ sub(/^\\/, "", $1); print tolower($1) }'
}

work="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/meshgov-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Downloads $1 to $2. Redirects only to https (GitHub sends release assets to its storage over https); the
# first URL may be plain http for a mirror or a test server. Prints the HTTP status; curl's message is in
# $work/curl-error.
download() {
  curl --fail --silent --show-error --location --retry 3 --retry-delay 2 \
    --proto '=http,https' --proto-redir '=https' --connect-timeout 20 --max-time 300 \
    --output "$2" --write-out '%{http_code}' "$1" 2>"$work/curl-error"
}

curl_error() {
  tr '\n' ' ' <"$work/curl-error" | sed 's/ *$//'
}

extract() {
  mkdir -p "$2"
  case "$1" in
    *.zip)
      if command -v unzip >/dev/null 2>&1; then
        unzip -q -o "$1" -d "$2"
      elif command -v 7z >/dev/null 2>&1; then
        7z x -y -bd -o"$2" "$1" >/dev/null
      else
        fail "neither unzip nor 7z is on the PATH to extract $asset."
      fi
      ;;
    *) tar -xzf "$1" -C "$2" ;;
  esac
}

# --- the release's checksums -----------------------------------------------------------------------------------

sums_url="$release/SHA256SUMS"
status=0
http_code="$(download "$sums_url" "$work/SHA256SUMS")" || status=$?
if [ "$status" -ne 0 ]; then
  if [ "$http_code" = 404 ]; then
    fail "meshgov $version is not released at $sums_url: $(curl_error). Check \`version:\` against the repository's releases."
  fi
  fail "could not download $sums_url: $(curl_error)"
fi

# sha256sum writes "<hash>  <name>", or "<hash> *<name>" for a file read in binary mode.
expected="$(tr -d '\r' <"$work/SHA256SUMS" | awk -v name="$asset" '$2 == name || $2 == "*" name { print tolower($1); exit }')"
[ -n "$expected" ] || fail "the SHA256SUMS of meshgov $version has no entry for $asset; nothing was installed."
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || fail "the SHA256SUMS of meshgov $version has no valid SHA-256 for $asset; nothing was installed."

# --- the tool cache ----------------------------------------------------------------------------------------------

# A cached install is used only if its archive still has the released checksum and its executable is still
# the one in that archive.
cached=false
if [ -f "$dir/$asset" ] && [ -f "$dir/$exe" ]; then
  # The folder goes on the PATH: anything else in it (a planted `git`) would run in later steps.
  others="$(find "$dir" -mindepth 1 -maxdepth 1 ! -name "$asset" ! -name "$exe" | head -n 1)"
  if [ -z "$others" ] \
    && [ "$(sha256_of "$dir/$asset")" = "$expected" ] \
    && extract "$dir/$asset" "$work/cached" \
    && [ -f "$work/cached/$exe" ] \
    && [ "$(sha256_of "$work/cached/$exe")" = "$(sha256_of "$dir/$exe")" ]; then
    cached=true
    echo "meshgov $version ($rid) is in the tool cache and matches the release's SHA256SUMS: $dir"
  else
    echo "::warning title=meshgov install::the cached meshgov $version in $dir does not match the release's SHA256SUMS or holds other files; discarding it and downloading again."
  fi
fi

# --- download, verify, install -----------------------------------------------------------------------------------

if [ "$cached" = false ]; then
  asset_url="$release/$asset"
  echo "Downloading $asset_url"
  status=0
  http_code="$(download "$asset_url" "$work/$asset")" || status=$?
  if [ "$status" -ne 0 ]; then
    fail "could not download $asset_url (HTTP $http_code): $(curl_error)"
  fi
  actual="$(sha256_of "$work/$asset")"
  if [ "$actual" != "$expected" ]; then
    fail "checksum mismatch for $asset_url: SHA256SUMS says $expected, the download is $actual. Nothing was installed."
  fi

  extract "$work/$asset" "$work/extracted" || fail "could not extract $asset."
  [ -f "$work/extracted/$exe" ] || fail "$asset does not hold $exe at its root."

  # Assembled beside the final folder, then moved into place, so a failed run leaves no half install.
  parent="$(dirname "$dir")"
  mkdir -p "$parent"
  staging="$(mktemp -d "$parent/.$rid.XXXXXX")"
  mv "$work/extracted/$exe" "$staging/$exe"
  mv "$work/$asset" "$staging/$asset"
  chmod 755 "$staging/$exe"
  rm -rf "$dir"
  mv "$staging" "$dir"
  echo "meshgov $version ($rid) installed in $dir"
fi

chmod 755 "$dir/$exe"
path_entry="$dir"
if [ "$rid" = win-x64 ] && command -v cygpath >/dev/null 2>&1; then
  path_entry="$(cygpath -w "$dir")"
fi
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$path_entry" >>"$GITHUB_PATH"
fi

"$dir/$exe" --version || fail "the installed $dir/$exe does not run."
