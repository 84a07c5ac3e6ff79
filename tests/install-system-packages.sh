#!/usr/bin/env bash
# Debian packages some tests need (triple-store servers, renderers). Installs
# only what is missing, and only as root; elsewhere those tests skip with a reason.
set -euo pipefail

# package:command pairs, one per line: the package is installed when the command is missing.
PACKAGES=(
    virtuoso-opensource:virtuoso-t
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

# Virtuoso: the package asks for a dba password and starts a server on all
# interfaces. Pre-seed a random password (the tests run their own server on a
# fresh database, bound to 127.0.0.1) and keep the package's server from starting
# with a policy-rc.d guard, removed again afterwards if we created it.
if [[ " ${needed[*]} " == *" virtuoso-opensource "* ]]; then
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf 'virtuoso-opensource-7 virtuoso-opensource-7/%s password %s\n' \
        dba-password "$password" dba-password-again "$password" | debconf-set-selections
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\n# aikg tests: no service starts during package installation.\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
fi

apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
