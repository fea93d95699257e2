#!/usr/bin/env bash
# Installs what `make test` needs beyond building peerstat, on Debian,
# skipping whatever is already there:
#   chromium                  the HTML reports are tested in a real browser
#   libreoffice-calc-nogui    an independent reader of the workbooks
#   mingw-w64 g++ (posix)     cross-compiles peerstat.exe (scripts/release.sh)
#   wine, wine64              runs peerstat.exe (scripts/wine-test.sh)
#   python3-scipy             HiGHS, the adversary test's independent linear
#                             programs (cmd/peerstat/testdata/lp_attack.py)
# Running peerstat needs none of these; `make run` does not call this.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
command -v x86_64-w64-mingw32-g++-posix >/dev/null 2>&1 || need_apt+=(g++-mingw-w64-x86-64-posix)
command -v wine >/dev/null 2>&1 || need_apt+=(wine)
[ -x /usr/lib/wine/wine64 ] || need_apt+=(wine64)
/usr/bin/python3 -c 'import scipy.optimize' >/dev/null 2>&1 || need_apt+=(python3-scipy)
if [ ${#need_apt[@]} -gt 0 ]; then
  root=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! sudo -n true 2>/dev/null; then
      echo "test-deps: the tests need ${need_apt[*]}; install them (apt-get install ${need_apt[*]}) and run make test again" >&2
      exit 1
    fi
    root=(sudo -n)
  fi
  echo "test-deps: apt-get install ${need_apt[*]} (takes a few minutes the first time)" >&2
  "${root[@]}" apt-get update -qq
  "${root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

go mod download
