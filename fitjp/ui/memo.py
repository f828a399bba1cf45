"""A bounded cache that every session shares, keyed by plain tuples.

Streamlit's st.cache_resource hashes every argument with its own hasher on each call (a
dataclass through pickle): for a page's dozen cached results that was a tenth of a rerun
whose every figure was already built. Keys here are tuples of text, numbers and frozen
dataclasses, which Python hashes at once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


class SharedCache:
    """At most `max_entries` values, each kept `ttl` seconds, the least recently used dropped
    first. Sessions missing one key at once wait for the first to build it: when a meeting's
    viewers open the same page in the same second, one builds each view, not every one."""

    def __init__(self, max_entries: int, ttl: float) -> None:
        self.max_entries, self.ttl = max_entries, ttl
        self._items: OrderedDict = OrderedDict()
        self._building: dict[tuple, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple, build):
        """The value kept under `key`, else what `build()` makes, kept (an exception keeps nothing)."""
        while True:
            with self._lock:
                kept = self._items.get(key)
                if kept is not None and time.monotonic() - kept[1] < self.ttl:
                    self._items.move_to_end(key)
                    return kept[0]
                building = self._building.get(key)
                if building is None:
                    self._building[key] = threading.Event()
                    break
            building.wait()  # then look again: kept, or (the build failed) build it here
        try:
            value = build()
            with self._lock:
                self._items[key] = (value, time.monotonic())
                self._items.move_to_end(key)
                while len(self._items) > self.max_entries:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._building.pop(key).set()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
