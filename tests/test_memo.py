"""The cache every session shares (fitjp/ui/memo.py): bounded, aged, and never keeping a failure."""

from __future__ import annotations

import pytest

from fitjp.ui import memo
from fitjp.ui.memo import SharedCache


def test_a_kept_value_is_built_once_and_the_least_recently_used_goes_first():
    cache, built = SharedCache(max_entries=2, ttl=60), []
    build = lambda key: lambda: built.append(key) or key.upper()
    assert [cache.get(("a",), build("a")), cache.get(("b",), build("b")), cache.get(("a",), build("a"))] == ["A", "B", "A"]
    cache.get(("c",), build("c"))  # "b" was used least recently
    cache.get(("a",), build("a"))
    cache.get(("b",), build("b"))
    assert built == ["a", "b", "c", "b"] and len(cache) == 2


def test_a_value_older_than_its_ttl_is_built_again(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    cache, built = SharedCache(max_entries=8, ttl=10), []
    cache.get(("k",), lambda: built.append(1))
    now[0] += 9
    cache.get(("k",), lambda: built.append(2))
    now[0] += 2
    cache.get(("k",), lambda: built.append(3))
    assert built == [1, 3]


def test_a_build_that_fails_keeps_nothing():
    cache = SharedCache(max_entries=8, ttl=60)
    with pytest.raises(ZeroDivisionError):
        cache.get(("k",), lambda: 1 / 0)
    assert len(cache) == 0 and cache.get(("k",), lambda: "built") == "built"
