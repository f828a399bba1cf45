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


def test_sessions_missing_one_key_at_once_wait_for_one_build():
    import threading
    cache, builds, started, release = SharedCache(max_entries=8, ttl=60), [], threading.Event(), threading.Event()

    def slow_build():
        builds.append(1)
        started.set()
        release.wait(5)
        return "view"

    first = threading.Thread(target=lambda: results.append(cache.get(("k",), slow_build)))
    results: list = []
    first.start()
    started.wait(5)
    others = [threading.Thread(target=lambda: results.append(cache.get(("k",), slow_build))) for _ in range(5)]
    for thread in others:
        thread.start()
    release.set()
    for thread in [first, *others]:
        thread.join(5)
    assert results == ["view"] * 6 and builds == [1]


def test_when_the_first_build_fails_a_waiting_session_builds_it_itself():
    import threading
    cache, started, release = SharedCache(max_entries=8, ttl=60), threading.Event(), threading.Event()

    def failing():
        started.set()
        release.wait(5)
        raise ZeroDivisionError

    errors, results = [], []
    first = threading.Thread(target=lambda: errors.append(pytest.raises(ZeroDivisionError, cache.get, ("k",), failing)))
    first.start()
    started.wait(5)
    waiting = threading.Thread(target=lambda: results.append(cache.get(("k",), lambda: "built")))
    waiting.start()
    release.set()
    first.join(5)
    waiting.join(5)
    assert len(errors) == 1 and results == ["built"]
