#!/usr/bin/env bash
# Puts the pinned ECharts build where the reports package embeds it
# (reports/assets/echarts.min.js, git-ignored), so the HTML reports carry the
# charting library inline and never ask a CDN for it.
#
# The version is pinned in package.json and package-lock.json (npm ci installs
# exactly the locked version). Run from anywhere; needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(node -p 'require("./package.json").dependencies.echarts')
have=$(node -p 'try { require("./node_modules/echarts/package.json").version } catch (e) { "" }' 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

src=node_modules/echarts/dist/echarts.min.js
dst=reports/assets/echarts.min.js
mkdir -p "$(dirname "$dst")"
cp "$src" "$dst"
echo "echarts $want -> $dst" >&2
