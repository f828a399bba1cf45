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
    first. Two sessions missing one key at once may both build it; either result is the same."""

    def __init__(self, max_entries: int, ttl: float) -> None:
        self.max_entries, self.ttl = max_entries, ttl
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, build):
        """The value kept under `key`, else what `build()` makes, kept (an exception keeps nothing)."""
        now = time.monotonic()
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and now - kept[1] < self.ttl:
                self._items.move_to_end(key)
                return kept[0]
        value = build()
        with self._lock:
            self._items[key] = (value, now)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
