"""Warm a freshly started Streamlit process: open every page once in each language, so the
first viewers after a start find the connection made, the modules loaded and the default
views built, instead of all paying for them at once (deploy/serve.sh runs this for each
process it starts; deploy/LOAD.md measures the difference).

    python -m loadtest.warm [--wait] http://127.0.0.1:PORT

--wait: first wait (up to a minute) for the process to answer its health check.
"""

from __future__ import annotations

import sys
import time
import urllib.request

from fitjp.i18n import LANGUAGES
from loadtest.protocol import Session

PAGES = {"": "", "story": "", "funding": "", "map": "", "objectives": "", "country": "country=KEN",
         "brief": "country=KEN", "activities": "", "sources": "", "compare": "country=KEN,TZA,UGA"}


def warm(base_url: str) -> int:
    """Every page in every language, in one session; the runs made."""
    session = Session.connect(base_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream", "warm")
    runs = 0
    try:
        for lang in LANGUAGES:
            for page, query in PAGES.items():
                session.run(page, "&".join(filter(None, [query, f"lang={lang}"])))
                runs += 1
    finally:
        session.close()
    return runs


def wait_healthy(base_url: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base_url.rstrip("/") + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def main(argv: list[str]) -> int:
    wait = "--wait" in argv
    urls = [arg for arg in argv if arg != "--wait"]
    if len(urls) != 1 or not urls[0].startswith("http://127.0.0.1:"):  # loopback only
        print("usage: python -m loadtest.warm [--wait] http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    if wait and not wait_healthy(urls[0]):
        print(f"not warmed: {urls[0]} did not answer its health check", file=sys.stderr)
        return 1
    started = time.monotonic()
    runs = warm(urls[0])
    print(f"warmed {urls[0]}: {runs} runs in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
