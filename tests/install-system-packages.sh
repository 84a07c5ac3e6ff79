#!/usr/bin/env bash
# Debian packages some tests need (triple-store servers, renderers). Installs
# only what is missing, and only as root; elsewhere those tests skip with a reason.
set -euo pipefail

# package:command pairs, one per line: the package is installed when the command is missing.
PACKAGES=(
    graphviz:dot        # aikg diagram --format svg|png, diagrams in aikg report
    chromium:chromium   # tests/test_report.py opens the report in headless Chromium
)

needed=()
for pair in "${PACKAGES[@]}"; do
    pkg=${pair%%:*}; cmd=${pair##*:}
    command -v "$cmd" >/dev/null 2>&1 || needed+=("$pkg")
done

if [ ${#needed[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "tests: not root; skipping apt-get install of ${needed[*]} (their tests will skip)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
