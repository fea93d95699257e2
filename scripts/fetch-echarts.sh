#!/usr/bin/env bash
# Replaces the committed ECharts build that the reports package embeds
# (reports/assets/echarts.min.js, with its licence and notice beside it), so
# the HTML reports carry the charting library inline and never ask a CDN
# for it. Building peerstat does not need this script: the build is in git.
# Run it (`make echarts`) only to change the version, after pinning the new
# one in package.json and package-lock.json (npm ci installs exactly the
# locked version); then set echartsVersion in reports/assets.go to match,
# as TestEChartsMatchesLock checks. Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(node -p 'require("./package-lock.json").packages["node_modules/echarts"].version')
have=$(node -p 'try { require("./node_modules/echarts/package.json").version } catch (e) { "" }' 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

src=node_modules/echarts
dst=reports/assets
mkdir -p "$dst"
cp "$src/dist/echarts.min.js" "$dst/echarts.min.js"
cp "$src/LICENSE" "$dst/ECHARTS-LICENSE"
cp "$src/NOTICE" "$dst/ECHARTS-NOTICE"
echo "echarts $want -> $dst/echarts.min.js" >&2
