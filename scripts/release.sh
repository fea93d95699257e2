#!/usr/bin/env bash
# Builds peerstat's release binaries into dist/ (`make release`):
#   peerstat-VERSION-linux-amd64
#   peerstat-VERSION-windows-amd64.exe
#   SHA256SUMS
# VERSION is $VERSION, else `git describe` (a tag such as v1.2.0, or a
# commit), else "dev"; `peerstat --version` prints it with DuckDB's.
#
# The Windows binary is cross-compiled with Debian's mingw-w64 (package
# g++-mingw-w64-x86-64-posix; scripts/test-deps.sh installs it) against
# duckdb-go's prebuilt Windows library, taken from the Go module cache
# (github.com/duckdb/duckdb-go-bindings/lib/windows-amd64). That library is
# built for the Universal C Runtime (UCRT) by a newer MinGW GCC, while
# Debian's toolchain targets msvcrt, so the link swaps msvcrt for the UCRT
# (a copy of the compiler's specs with -lmsvcrt replaced by -lucrt) and
# builds with the tag mingw_msvcrt, which adds the three symbols the two
# runtimes name differently (internal/ucrtshim). The result needs only
# DLLs every Windows 10 and 11 has.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
ldflags="-s -w -X main.version=$version"
mingw=x86_64-w64-mingw32
if ! command -v "$mingw-g++-posix" >/dev/null 2>&1; then
  echo "release: the Windows build needs Debian's mingw-w64 (apt-get install g++-mingw-w64-x86-64-posix, or scripts/test-deps.sh)" >&2
  exit 1
fi

rm -rf dist
mkdir -p dist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mingw-gcc-posix" -dumpspecs | sed 's/-lmsvcrt\b/-lucrt/g' >"$work/ucrt.specs"
grep -q -- '-lucrt' "$work/ucrt.specs" || { echo "release: $mingw-gcc-posix's specs name no -lmsvcrt to replace" >&2; exit 1; }

linux=peerstat-$version-linux-amd64
windows=peerstat-$version-windows-amd64.exe
echo "release: dist/$linux" >&2
CGO_ENABLED=1 GOOS=linux GOARCH=amd64 \
  go build -trimpath -ldflags "$ldflags" -o "dist/$linux" ./cmd/peerstat
echo "release: dist/$windows" >&2
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$mingw-gcc-posix" CXX="$mingw-g++-posix" \
  CGO_LDFLAGS="-specs=$work/ucrt.specs" \
  go build -tags mingw_msvcrt -trimpath -ldflags "$ldflags" -o "dist/$windows" ./cmd/peerstat
(cd dist && sha256sum "$linux" "$windows" >SHA256SUMS)
cat dist/SHA256SUMS
