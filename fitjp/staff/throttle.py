"""How many wrong passwords the staff app takes before it pauses sign-in: a guesser gets a
handful of tries per quarter hour, not thousands. Counted per server process, across every
browser session, since a new session costs a guesser nothing."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable


class SignInThrottle:
    """At most `limit` wrong passwords in any `window` seconds; after that, sign-in waits
    until the oldest of them is `window` seconds old."""

    def __init__(self, limit: int = 5, window: float = 900.0, clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: deque[float] = deque()
        self._lock = threading.Lock()  # sessions run in threads of one process

    def wait_seconds(self) -> float:
        """0 when a password may be tried now; otherwise the seconds until one may."""
        with self._lock:
            now = self.clock()
            while self._failures and now - self._failures[0] >= self.window:
                self._failures.popleft()
            if len(self._failures) < self.limit:
                return 0.0
            return self.window - (now - self._failures[0])

    def failed(self) -> None:
        with self._lock:
            self._failures.append(self.clock())

    def succeeded(self) -> None:
        """The right password: earlier mistakes are forgiven."""
        with self._lock:
            self._failures.clear()
