#!/usr/bin/env bash
# Installs what the tests need on a fresh machine (the pinned Python packages, Debian's
# chromium for the browser tests, a Japanese font for their screenshots and nginx for the
# serving tests), then runs every test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
   || ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 \
   || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  as_root apt-get update -qq
  # nginx (and its brotli_static module): deploy/serve.sh and tests/test_deploy.py serve through it.
  # poppler-utils: tests/browser/test_print.py renders printed PDFs to images (pdftoppm).
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk nginx-light poppler-utils \
    libnginx-mod-http-brotli-static >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
python3 -m pip install --quiet --disable-pip-version-check --no-deps pyIATI==0.4.1  # the IATI 2.03 XSD and codelists, for tests/test_iati.py
python3 -m pytest -q -p no:cacheprovider "$@"
