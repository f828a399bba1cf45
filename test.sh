#!/usr/bin/env bash
# Installs what the tests need on a fresh machine (the pinned Python packages, Debian's
# chromium for the browser tests and a Japanese font for their screenshots), then runs
# every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
python3 -m pip install --quiet --disable-pip-version-check --no-deps pyIATI==0.4.1  # the IATI 2.03 XSD and codelists, for tests/test_iati.py
python3 -m pytest -q -p no:cacheprovider "$@"
