"""How long the staff app makes one client wait after wrong passwords: a guesser gets a few
free tries, then waits 1 s, 2 s, 4 s... up to a quarter hour between tries, while everybody
else signs in as before. Counted per client (fitjp/staff/clients.py names them), never for
the whole server, so nobody can lock the staff out by guessing. Pure: the clock is given."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Hashable


@dataclass
class _Client:
    failures: int  # wrong passwords since the client was last forgiven or forgotten
    last: float  # when the last of them was given
    until: float  # no try before this time


class SignInThrottle:
    """After `free` wrong passwords from one client, that client waits `first` seconds before
    its next try, twice as long after each further wrong one, at most `longest`. A client that
    gives no wrong password for `window` seconds once its wait is over is forgotten, and so is
    the right password's client; at most `max_clients` are remembered (the least recently
    wrong is forgotten first), so the memory stays bounded whatever a guesser sends."""

    def __init__(self, free: int = 3, first: float = 1.0, longest: float = 900.0, window: float = 900.0,
                 max_clients: int = 10_000, clock: Callable[[], float] = time.monotonic):
        if free < 0 or first <= 0 or longest < first or window <= 0 or max_clients < 1:
            raise ValueError("free >= 0, 0 < first <= longest, window > 0 and max_clients >= 1 are expected")
        self.free, self.first, self.longest, self.window = free, first, longest, window
        self.max_clients, self.clock = max_clients, clock
        self._clients: OrderedDict[Hashable, _Client] = OrderedDict()  # least recently wrong first
        self._lock = threading.Lock()  # sessions run in threads of one process

    def delay(self, failures: int) -> float:
        """The wait after the `failures`-th wrong password in a row: 0 while free, then doubling."""
        if failures < self.free:
            return 0.0
        return min(self.longest, self.first * 2.0 ** min(failures - self.free, 64))

    def wait_seconds(self, client: Hashable) -> float:
        """0 when `client` may try a password now; otherwise the seconds until it may."""
        with self._lock:
            now = self.clock()
            self._forget_idle(now)
            known = self._clients.get(client)
            return max(0.0, known.until - now) if known else 0.0

    def failed(self, client: Hashable) -> float:
        """A wrong password from `client`: the seconds it now waits before its next try."""
        with self._lock:
            now = self.clock()
            self._forget_idle(now)
            known = self._clients.pop(client, None)
            failures = known.failures + 1 if known and not self._idle(known, now) else 1
            self._clients[client] = _Client(failures, now, now + self.delay(failures))  # now the most recent
            while len(self._clients) > self.max_clients:
                self._clients.popitem(last=False)
            return self.delay(failures)

    def succeeded(self, client: Hashable) -> None:
        """The right password: the client's earlier mistakes are forgiven."""
        with self._lock:
            self._clients.pop(client, None)

    def __len__(self) -> int:
        """How many clients are remembered."""
        with self._lock:
            self._forget_idle(self.clock())
            return len(self._clients)

    def _idle(self, known: _Client, now: float) -> bool:
        return now - max(known.last, known.until) >= self.window

    def _forget_idle(self, now: float) -> None:
        """Forget idle clients, from the least recently wrong on, up to the first that is not
        idle. One still waiting out a long delay may keep idle ones behind it a while longer
        (failed() checks the client it counts on its own; max_clients bounds the table)."""
        while self._clients:
            oldest = next(iter(self._clients.values()))
            if not self._idle(oldest, now):
                return
            self._clients.popitem(last=False)
