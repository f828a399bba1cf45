"""What a first visit transfers: open a page in headless Chromium (no cache, every non-local
request blocked) and add up the bytes each response put on the wire, compressed as sent.

    python -m loadtest.first_load http://127.0.0.1:8080/map   # through nginx
    python -m loadtest.first_load http://127.0.0.1:PORT/map   # one Streamlit process, direct
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))
from harness import BROWSER_ARGS, CHROMIUM, SETTLED  # noqa: E402  (the journey harness's browser)


def first_load_bytes(url: str) -> tuple[int, int]:
    """(bytes transferred, responses) until the page has settled."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    sizes: list[int] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            (origin, "data:", "blob:")) else route.abort())
        page = context.new_page()

        def count(response):
            try:
                measured = response.request.sizes()
                sizes.append(measured["responseBodySize"] + measured["responseHeadersSize"])
            except Exception:
                pass  # a response that never completed transferred nothing worth counting

        page.on("requestfinished", lambda request: count(request.response()) if request.response() else None)
        page.goto(url)
        page.wait_for_selector("h1", timeout=60_000)
        page.wait_for_function(SETTLED, timeout=60_000)
        browser.close()
    return sum(sizes), len(sizes)


if __name__ == "__main__":
    total, count = first_load_bytes(sys.argv[1])
    print(f"{sys.argv[1]}: {total / 1e6:.2f} MB in {count} responses")
