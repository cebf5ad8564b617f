"""Text caches stay within their byte budget, however much new text a process renders."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import weakref
from functools import partial
from typing import Any

import pytest
from conftest import require_built
from hypothesis import given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs import caching
from thaidocs.caching import BoundedCache, LeastRecentlyUsed, cache_bytes, size_of


@pytest.fixture
def small_budget() -> object:
    before = caching.cache_limit()
    thaidocs.set_cache_limit(4096)
    yield
    thaidocs.set_cache_limit(before)


def test_least_recently_used_entries_go_first(small_budget: object) -> None:
    calls: list[str] = []

    def double(text: str) -> str:
        calls.append(text)
        return text * 2

    cache = BoundedCache(double, share=0.5)
    entry = size_of("x" * 20) + size_of(("x" * 10,))
    keep = 2048 // entry  # how many such entries fit in half of 4096 bytes
    words = [f"{i:010d}" for i in range(keep + 5)]
    for word in words[:keep]:
        cache(word)
    cache(words[0])  # used again: now the most recent
    for word in words[keep:]:
        cache(word)
    assert cache.bytes <= 2048
    calls.clear()
    cache(words[0])
    cache(words[1])
    assert calls == [words[1]]  # the first survived, the second was the oldest and went


def test_a_value_larger_than_the_budget_is_returned_but_not_kept(small_budget: object) -> None:
    cache = BoundedCache(lambda n: "ก" * n, share=0.1)
    assert cache(5000) == "ก" * 5000
    assert len(cache) == 0 and cache.bytes == 0


def _cost(value: int) -> int:
    return 40 * (value % 9)


# what a process does to a store: call it, look a key up, change its budget, empty it
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["call", "get", "named"]), st.integers(0, 15)),
        st.tuples(st.just("budget"), st.integers(0, 1500)),
        st.tuples(st.just("clear"), st.just(0)),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(OPERATIONS, st.integers(0, 1500))
def test_the_c_store_keeps_and_evicts_as_the_python_store(
    operations: list[tuple[str, int]], budget: int
) -> None:
    """The same values returned, keys kept in the same order, the same bytes, after every
    step; costs are the value's and, for a call, its arguments' (a value may exceed the
    budget alone, a lower budget evicts, a value made for a named argument has its own key)."""

    def triple(n: int, step: int = 1) -> int:
        return n * 3 + step

    kinds: list[Any] = [LeastRecentlyUsed, require_built(caching.native).LeastRecentlyUsed]
    stores = [store(budget, _cost, triple) for store in kinds]
    for operation, n in operations:
        results = []
        for store in stores:
            if operation == "call":
                results.append(store(n))
            elif operation == "named":
                results.append(store(n, step=2))
            elif operation == "get":
                results.append(store.get(("k", n), partial(int, n * 5)))
            elif operation == "budget":
                store.budget = n
            else:
                store.clear()
        assert results[:1] == results[1:]
        python, c = stores
        assert python.keys_by_use() == c.keys_by_use()
        assert (python.bytes, len(python)) == (c.bytes, len(c))
        assert python.bytes <= python.budget


@pytest.fixture(params=["python", "c"])
def kind(request: pytest.FixtureRequest) -> Any:
    """Each store: the Python, and its C twin."""
    if request.param == "python":
        return LeastRecentlyUsed
    return require_built(caching.native).LeastRecentlyUsed


def test_a_store_refuses_a_negative_cost_and_a_call_without_a_function(kind: Any) -> None:
    store = kind(100, lambda value: -1, lambda: 0)
    with pytest.raises(ValueError, match="bytes, 0 or more"):
        store()
    with pytest.raises(TypeError, match="memoises no function"):
        kind(100, len)()
    assert len(store) == 0 and store.bytes == 0


def test_asking_whether_a_key_is_kept_leaves_the_order_of_use(kind: Any) -> None:
    store = kind(10_000, _cost, lambda n: n * 3)
    for n in (1, 2, 3):
        store(n)
    before = store.keys_by_use()
    assert (1,) in store and (4,) not in store and 1 not in store
    assert store.keys_by_use() == before == [(1,), (2,), (3,)]


def test_a_store_stays_whole_under_threads(kind: Any) -> None:
    """Eight threads calling one store at once, over more keys than its budget holds: every
    value right, and the keys, their count and their bytes agree at the end."""
    store = kind(2000, _cost, lambda n: n * 3)
    wrong: list[int] = []

    def work(seed: int) -> None:
        for i in range(3000):
            n = (i * 7 + seed) % 101
            if store(n) != n * 3:
                wrong.append(n)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(8)]
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(before)
    assert not wrong
    keys = store.keys_by_use()
    assert len(keys) == len(set(keys)) == len(store)
    costs = sum(_cost(n * 3) + sys.getsizeof(key) + sys.getsizeof(n) for key in keys for n in key)
    assert store.bytes == costs <= 2000


def test_a_store_in_a_cycle_is_collected(kind: Any) -> None:
    """A value that refers back to its store (through the memoised function's closure): the
    cycle collector frees both."""

    class Value:
        store: Any = None

    store = kind(10_000, lambda value: 100)
    value = store.get("k", Value)
    value.store = store
    gone = weakref.ref(value)
    del store, value
    gc.collect()
    assert gone() is None


def test_lowering_the_limit_trims_and_clear_empties() -> None:
    before = caching.cache_limit()
    thaidocs.to_pdf("samples/memo.yaml")
    assert cache_bytes() > 0
    try:
        thaidocs.set_cache_limit(10_000)
        assert cache_bytes() <= 10_000
    finally:
        thaidocs.set_cache_limit(before)
    thaidocs.clear_caches()
    assert cache_bytes() == 0
    with pytest.raises(ValueError, match="bytes"):
        thaidocs.set_cache_limit(-1)


# 2,000 documents of new, random Thai text: resident memory must level off near the budget.
_SOAK = textwrap.dedent(
    """
    import random, resource, sys
    import thaidocs
    from thaidocs.caching import cache_bytes, cache_limit
    from pythainlp.corpus import thai_words

    words = sorted(w for w in thai_words() if 2 <= len(w) <= 12 and " " not in w)
    rng = random.Random(7)

    def paragraph():
        return "".join(rng.choice(words) for _ in range(rng.randint(15, 30)))

    def document(i):
        return {
            "type": "announcement",
            "agency": "สำนักงาน" + rng.choice(words),
            "subject": paragraph()[:60],
            "date": "2024-10-30",
            "body": [paragraph()],
            "signers": [{"name": "นายสมชาย ใจดี", "position": "ผู้อำนวยการ"}],
        }

    def rss_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    for i in range(200):
        thaidocs.to_pdf(document(i))
    warm = rss_mb()
    for i in range(200, 2000):
        thaidocs.to_pdf(document(i))
    print(warm, rss_mb(), cache_bytes(), cache_limit())
    """
)


def test_two_thousand_documents_of_new_text_stay_under_a_memory_ceiling() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SOAK],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "THAIDOCS_CACHE_MB": "8"},
    )
    warm, peak, held, limit = (float(x) for x in done.stdout.split())
    assert limit == 8 * 1024 * 1024
    assert held <= limit
    # the ceiling: the process after 200 documents, plus the cache budget, plus slack for
    # the allocator; a cache bounded by entries instead of bytes grows far past it
    assert peak < warm + 8 + 30, (warm, peak)
