"""The Locust user: a viewer who opens a page, then changes filters with a think time.

Each run is reported to Locust as one request ("open <page>" or "rerun <page>"), with its
time and the bytes received; a failed run is a failure. A dropped connection (a process
killed, a restart) is a failure too, and the viewer reconnects and carries on, as the
browser's frontend does.
"""

from __future__ import annotations

import random
import time
import uuid
from urllib.parse import urlencode

from locust import User, between, task

from loadtest.protocol import Session

PAGES = ("", "funding", "map", "objectives", "country", "activities", "sources")
REGIONS = ("africa", "arab", "asia_pacific", "latin_america_caribbean", "europe_central_asia", "global")
FUNDS = ("asia_pacific", "africa_ldcs", "global")
COUNTRIES = ("KEN", "BGD", "THA", "BRA", "CIV", "VNM", "ETH", "PHL")
FIRST_YEAR, LAST_YEAR = 1987, 2025


def random_filters(rng: random.Random, page: str) -> str:
    """A query string as a viewer's sidebar would write it: a year range, maybe a region, a
    fund or a currency; a country for the country page."""
    params = {"from": rng.randint(FIRST_YEAR, 2020)}
    if rng.random() < 0.5:
        params["to"] = rng.randint(params["from"], LAST_YEAR)
    if rng.random() < 0.5:
        params["region"] = rng.choice(REGIONS)
    if rng.random() < 0.3:
        params["fund"] = rng.choice(FUNDS)
    if rng.random() < 0.3:
        params["currency"] = rng.choice(("JPY", "USD"))
    if page == "country":
        params["country"] = rng.choice(COUNTRIES)
    return urlencode(params)


class StreamlitViewer(User):
    abstract = True  # __main__ makes the concrete class with the think time asked for
    wait_time = between(2, 10)
    page_change = 0.2  # a share of the changes moves to another page

    def on_start(self) -> None:
        self.rng = random.Random()
        self.session: Session | None = None
        self.viewer_id = uuid.uuid4().hex  # one viewer, through all its sessions (--viewers-json)
        self.affinity = ""  # the affinity cookie of its current session
        self.page = self.rng.choice(PAGES)

    def on_stop(self) -> None:
        if self.session:
            self.session.close()

    def _ws_url(self) -> str:
        return self.host.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"

    @task
    def change_filters(self) -> None:
        if self.session is None:
            self._run("open", self.page)  # a new session: the first view of the page
            return
        if self.rng.random() < self.page_change:
            self.page = self.rng.choice(PAGES)
        self._run("rerun", self.page)

    def _run(self, kind: str, page: str) -> None:
        name = f"{kind} /{page}"
        started = time.perf_counter()
        try:
            if self.session is None:
                # A new affinity per session, as a new browser gets from nginx's first answer.
                self.affinity = uuid.uuid4().hex
                self.session = Session.connect(self._ws_url(), self.affinity)
            result = self.session.run(page, random_filters(self.rng, page))
        except Exception as error:  # RunFailed, a dropped socket, a refused upgrade: what a viewer would notice
            self._drop()
            self.environment.events.request.fire(
                request_type="ws", name=name, response_time=(time.perf_counter() - started) * 1000,
                response_length=0, exception=error, context=self._context())
            return
        self.environment.events.request.fire(
            request_type="ws", name=name, response_time=result.seconds * 1000,
            response_length=result.received_bytes, exception=None, context=self._context())

    def _context(self) -> dict:
        """Who ran it, for a report per viewer: the viewer and its session's affinity cookie."""
        return {"viewer": self.viewer_id, "affinity": self.affinity}

    def _drop(self) -> None:
        """Forget the session: the next task reconnects (to a live process) and opens anew."""
        if self.session:
            self.session.close()
        self.session = None
