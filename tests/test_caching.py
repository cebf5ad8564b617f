"""Text caches stay within their byte budget, however much new text a process renders."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import thaidocs
from thaidocs import caching
from thaidocs.caching import BoundedCache, cache_bytes, size_of


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
        env={**__import__("os").environ, "THAIDOCS_CACHE_MB": "8"},
    )
    warm, peak, held, limit = (float(x) for x in done.stdout.split())
    assert limit == 8 * 1024 * 1024
    assert held <= limit
    # the ceiling: the process after 200 documents, plus the cache budget, plus slack for
    # the allocator; a cache bounded by entries instead of bytes grows far past it
    assert peak < warm + 8 + 30, (warm, peak)
