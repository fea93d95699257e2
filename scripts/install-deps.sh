#!/usr/bin/env bash
# Installs what building and testing peerstat needs on a fresh Debian
# machine, skipping whatever is already there: Chromium (the HTML reports
# are tested in it), LibreOffice Calc (an independent reader of the
# workbooks), the pinned ECharts from the npm registry (inlined into every
# HTML report) and the Go modules.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: please install ${need_apt[*]} (apt-get install ${need_apt[*]}); the browser and spreadsheet tests need them" >&2
  else
    echo "install-deps: apt-get install ${need_apt[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  fi
fi

if [ ! -f node_modules/echarts/dist/echarts.min.js ]; then
  echo "install-deps: npm ci (echarts, pinned in package-lock.json)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p reports/assets
cp node_modules/echarts/dist/echarts.min.js reports/assets/echarts.min.js

go mod download
