#!/usr/bin/env bash
# The Windows binary's test (`make test` runs it after `make release`): runs
# dist/peerstat-*-windows-amd64.exe under Wine on sample_data and requires
# its metrics.csv to be byte for byte the Linux binary's, with the same
# output files. The data and output folders are given as Windows paths with
# backslashes and spaces ("Z:\...\sample data"), as a director types them,
# and then peerstat.exe runs with no arguments in that folder, as from a
# double-click.
#
# Wine 8.0 (Debian 12) lacks bcryptprimitives.dll, from which Go's runtime
# (1.22 on) takes random numbers on Windows 10 and later: without it
# peerstat.exe stops at start-up with "fatal error: bcryptprimitives.dll
# not found" before running any of peerstat. The test then gives the fresh
# Wine prefix a stand-in built from scripts/wine/bcryptprimitives.c (its
# ProcessPrng calls RtlGenRandom, which Wine has); it is never shipped,
# and a Wine that has the DLL keeps its own. Any other failure fails the
# test with Wine's output: it is never skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "wine-test: FAIL: $*" >&2; exit 1; }
linux=$(ls "$PWD"/dist/peerstat-*-linux-amd64 2>/dev/null | head -1)
windows=$(ls "$PWD"/dist/peerstat-*-windows-amd64.exe 2>/dev/null | head -1)
[ -n "$linux" ] && [ -n "$windows" ] || fail "no release binaries in dist/: run make release first"
command -v wine >/dev/null 2>&1 || fail "wine is not installed (apt-get install wine wine64, or scripts/test-deps.sh)"

work=$(mktemp -d /tmp/peerstat-wine.XXXXXX)
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
winpath() { printf 'Z:%s' "${1//\//\\}"; }
# wine with a time limit: a hang fails the test with a sentence instead of
# running into CI's limit.
wine_run() {
  local status=0
  timeout 900 wine "$@" || status=$?
  [ "$status" -ne 124 ] || echo "wine-test: wine $* ran 15 minutes without finishing" >&2
  return "$status"
}

echo "wine-test: $(wine --version), a fresh prefix" >&2
# One persistent wineserver for the whole test (the trap ends it): by
# default it exits a few seconds after its last client, and a wine started
# just then lost its connection ("wine client error:0: recvmsg: Connection
# reset by peer") and failed the step through no fault of peerstat's.
mkdir -p "$WINEPREFIX" && wineserver -p
timeout 300 wineboot --init >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; fail "wineboot --init failed (or ran 5 minutes)"; }
system32="$WINEPREFIX/drive_c/windows/system32"
[ -d "$system32" ] || fail "the Wine prefix has no $system32"
if [ ! -e "$system32/bcryptprimitives.dll" ]; then
  echo "wine-test: this Wine has no bcryptprimitives.dll (Go's runtime needs ProcessPrng from it): adding the stand-in from scripts/wine/bcryptprimitives.c" >&2
  x86_64-w64-mingw32-gcc -O2 -shared -o "$system32/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c -ladvapi32 ||
    fail "could not build the stand-in bcryptprimitives.dll (needs gcc-mingw-w64-x86-64)"
fi

mkdir -p "$work/sample data"
cp -R sample_data/. "$work/sample data/"

"$linux" --version >"$work/linux.version"
if ! wine_run "$windows" --version </dev/null >"$work/windows.version" 2>"$work/windows.stderr"; then
  cat "$work/windows.stderr" >&2
  fail "peerstat.exe --version did not run under Wine (its output is above)"
fi
tr -d '\r' <"$work/windows.version" | diff "$work/linux.version" - >&2 || fail "--version differs between the Linux and the Windows binary"
cat "$work/linux.version" >&2

"$linux" run --data "$work/sample data" --out "$work/out linux" >/dev/null 2>"$work/linux.stderr" ||
  { cat "$work/linux.stderr" >&2; fail "the Linux binary failed on sample_data"; }
data=$(winpath "$work/sample data")
out=$(winpath "$work/out windows")
echo "wine-test: peerstat.exe run --data \"$data\" --out \"$out\"" >&2
if ! wine_run "$windows" run --data "$data" --out "$out" </dev/null >"$work/windows.stdout" 2>"$work/windows.stderr"; then
  cat "$work/windows.stderr" >&2
  fail "peerstat.exe run failed under Wine (its output is above)"
fi

(cd "$work/out linux" && ls) >"$work/linux.files"
(cd "$work/out windows" && ls) >"$work/windows.files"
diff "$work/linux.files" "$work/windows.files" >&2 || fail "the two binaries wrote different files"
grep -qF "$out\\metrics.csv" "$work/windows.stdout" || fail "peerstat.exe did not print its output paths the Windows way: $(cat "$work/windows.stdout")"
cmp "$work/out linux/metrics.csv" "$work/out windows/metrics.csv" ||
  { diff "$work/out linux/metrics.csv" "$work/out windows/metrics.csv" | head -20 >&2; fail "metrics.csv differs between the Linux and the Windows binary"; }
# A double-click: no arguments, started without a terminal, in the folder
# of exports; it writes ./peerstat-out there. (Wine started without a
# terminal gives peerstat no console, which peerstat reads the same way.)
echo "wine-test: peerstat.exe with no arguments in \"$data\"" >&2
if ! (cd "$work/sample data" && wine_run "$windows" </dev/null >"$work/click.stdout" 2>"$work/click.stderr"); then
  cat "$work/click.stderr" >&2
  fail "peerstat.exe with no arguments failed under Wine (its output is above)"
fi
[ -f "$work/sample data/peerstat-out/metrics.csv" ] ||
  fail "peerstat.exe with no arguments wrote no peerstat-out\\metrics.csv in the folder it ran in; it printed: $(head -5 "$work/click.stdout")"
cmp "$work/out linux/metrics.csv" "$work/sample data/peerstat-out/metrics.csv" ||
  fail "metrics.csv from peerstat.exe with no arguments differs from the Linux binary's"

echo "wine-test: ok: metrics.csv identical ($(wc -l <"$work/out linux/metrics.csv") lines) from the Linux binary, peerstat.exe with Windows paths and peerstat.exe with no arguments, and the same $(wc -l <"$work/linux.files") files" >&2
