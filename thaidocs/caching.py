"""Memo caches bounded by memory, not by entry count.

Thai documents repeat their words, so the text engine memoises segmentation, shaping and
drawing per distinct piece of text. A bound on entries says nothing about memory when a batch
keeps bringing new text (a shaped paragraph is a thousand times a shaped word), so every cache
here evicts its least recently used entries once the bytes it holds pass its share of one
budget for the process. ``set_cache_limit`` changes the budget; ``clear_caches`` empties every
cache (benchmarks measure new text that way).
"""

from __future__ import annotations

import os
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import fields, is_dataclass
from functools import update_wrapper
from importlib import import_module
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, Protocol, TypeVar

from msgspec import Struct

try:  # the C twin of LeastRecentlyUsed, imported by name: the package imports this module
    # for its own names, and a static import of the package's module would close that cycle
    native: Any = import_module("thaidocs._speedups")
except ImportError:  # not built: the Python of this module behaves the same
    native = None

P = ParamSpec("P")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: the default budget for all caches together: 64 MB, or THAIDOCS_CACHE_MB
DEFAULT_LIMIT = 64 * 1024 * 1024


def _default_limit() -> int:
    text = os.environ.get("THAIDOCS_CACHE_MB", "")
    try:
        megabytes = float(text)
    except ValueError:
        return DEFAULT_LIMIT
    return max(0, int(megabytes * 1024 * 1024))


class _Cache(Protocol):
    @property
    def bytes(self) -> int: ...

    def cache_clear(self) -> None: ...

    def _trim(self) -> None: ...


_limit = _default_limit()
#: every cache alive (a cache made and dropped, as in a test, leaves the budget with it)
_caches: weakref.WeakSet[_Cache] = weakref.WeakSet()


def size_of(value: object) -> int:
    """Bytes ``value`` holds, counting what its tuples, strings and dataclasses reach.

    Small integers and one-character strings are shared by the interpreter; counting them
    anyway makes the estimate a little high, which only makes a cache evict a little early.
    """
    total = sys.getsizeof(value)
    if isinstance(value, str | bytes | int | float | bool) or value is None:
        return total
    if isinstance(value, tuple | list | frozenset | set):
        return total + sum(size_of(item) for item in value)
    if isinstance(value, dict):
        return total + sum(size_of(k) + size_of(v) for k, v in value.items())
    if is_dataclass(value):
        return total + sum(size_of(getattr(value, field.name)) for field in fields(value))
    if isinstance(value, Struct):
        return total + sum(size_of(getattr(value, name)) for name in value.__struct_fields__)
    return total


#: what a store's look-up gives for a key it does not hold (a kept value may be None)
_MISSING: Any = object()


class LeastRecentlyUsed(Generic[K, V]):
    """Values kept in least-recently-used order while the bytes ``sizeof`` says they cost
    stay within ``budget``; called, the memo of ``function``, keyed by its arguments.

    The C twin (``_speedups.LeastRecentlyUsed``) behaves the same, where it is built.
    """

    def __init__(
        self, budget: int, sizeof: Callable[[V], int], function: Callable[..., V] | None = None
    ) -> None:
        self._sizeof = sizeof
        self._function = function
        #: the values, least recently used first; their bytes apart, in a plain dict: a pair
        #: for each entry would be one more object for the cycle collector to walk
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._costs: dict[K, int] = {}
        self._bytes = 0
        self._budget = budget
        self._lock = threading.Lock()

    @property
    def budget(self) -> int:
        """Bytes the values may cost together; lowering it evicts."""
        return self._budget

    @budget.setter
    def budget(self, budget: int) -> None:
        with self._lock:
            self._budget = budget
            self._evict()

    @property
    def bytes(self) -> int:
        """Bytes the values kept cost together."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is kept (its place in the order of use stays as it is)."""
        return key in self._entries

    def keys_by_use(self) -> list[K]:
        """The keys kept, the least recently used first."""
        return list(self._entries)

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, or else ``make()``'s, kept from now on."""
        found = self._find(key)
        if found is not _MISSING:
            return found
        value = make()
        self._keep(key, value, _cost(self._sizeof, value))
        return value

    def __call__(self, *args: Any, **kwargs: Any) -> V:
        if self._function is None:
            raise TypeError("this store memoises no function")
        key: Any = (args, tuple(kwargs.items())) if kwargs else args
        found = self._find(key)
        if found is not _MISSING:
            return found
        value = self._function(*args, **kwargs)
        cost = _cost(self._sizeof, value) + sys.getsizeof(args) + sum(map(sys.getsizeof, args))
        self._keep(key, value, cost)
        return value

    def clear(self) -> None:
        """Keep nothing."""
        with self._lock:
            self._entries.clear()
            self._costs.clear()
            self._bytes = 0

    def _find(self, key: K) -> V:
        """The value for ``key``, now the most recently used, or ``_MISSING``. Without the
        lock: each step is one call into the ordered dict, which the interpreter runs whole;
        only storing and evicting hold the lock."""
        entries = self._entries
        found: V = entries.get(key, _MISSING)
        if found is not _MISSING:
            try:  # noqa: SIM105 (contextlib.suppress would cost more than the look-up)
                entries.move_to_end(key)
            except KeyError:  # evicted by another thread since
                pass
        return found

    def _keep(self, key: K, value: V, cost: int) -> None:
        """Keep ``value`` unless it alone passes the budget or ``key`` is kept already (by
        another thread meanwhile, or by the function itself)."""
        with self._lock:
            if cost <= self._budget and key not in self._costs:
                self._entries[key] = value
                self._costs[key] = cost
                self._bytes += cost
                self._evict()

    def _evict(self) -> None:
        """Drop the least recently used entries until the budget holds (lock held)."""
        while self._bytes > self._budget:
            key, _ = self._entries.popitem(last=False)
            self._bytes -= self._costs.pop(key)


def _cost(sizeof: Callable[[V], int], value: V) -> int:
    cost = sizeof(value)
    if cost < 0:
        raise ValueError("a cache entry's cost is a number of bytes, 0 or more")
    return cost


if TYPE_CHECKING:
    _Store = LeastRecentlyUsed
else:
    _Store = LeastRecentlyUsed if native is None else native.LeastRecentlyUsed


class BoundedStore(_Store[K, V]):
    """Values made on demand and kept in least-recently-used order within ``share`` of the
    budget, for memos whose key is not simply the arguments of one function."""

    def __init__(
        self,
        share: float,
        sizeof: Callable[[V], int] | None = None,
        function: Callable[..., V] | None = None,
    ) -> None:
        super().__init__(int(_limit * share), sizeof or size_of, function)
        self._share = share
        _caches.add(self)

    def cache_clear(self) -> None:
        self.clear()

    def _trim(self) -> None:
        """Take this store's share of the budget as it is now."""
        self.budget = int(_limit * self._share)


class BoundedCache(BoundedStore[Hashable, V], Generic[P, V]):
    """A function memoised in least-recently-used order within ``share`` of the budget (the
    store's own call, in C where it is built: no Python runs for a look-up)."""

    #: the function memoised, as functools names it
    __wrapped__: Callable[P, V]

    def __init__(
        self, function: Callable[P, V], share: float, sizeof: Callable[[Any], int] | None = None
    ) -> None:
        super().__init__(share, sizeof, function)
        update_wrapper(self, function)

    if TYPE_CHECKING:

        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> V: ...


class bounded_cache:
    """Memoise a function of hashable arguments within ``share`` (0–1) of the cache budget.

    ``sizeof`` estimates an entry's bytes; the default, ``size_of``, walks the whole value,
    which for a hot cache costs more than a formula from the value's lengths.
    """

    def __init__(self, share: float, sizeof: Callable[[Any], int] | None = None) -> None:
        self._share = share
        self._sizeof = sizeof

    def __call__(self, function: Callable[P, V]) -> BoundedCache[P, V]:
        return BoundedCache(function, self._share, self._sizeof)


class Memo(Generic[K, V]):
    """A plain dict for look-ups too quick for ``BoundedCache``'s bookkeeping (one per Thai
    character cluster): callers read ``entries`` directly and ``keep`` what they computed.
    Every entry counts ``entry_bytes``; once they pass ``share`` of the budget, all go at once.
    """

    def __init__(self, share: float, entry_bytes: int) -> None:
        self.entries: dict[K, V] = {}
        self._share = share
        self._entry_bytes = entry_bytes
        self._capacity = 0
        self._trim()
        _caches.add(self)

    @property
    def bytes(self) -> int:
        return len(self.entries) * self._entry_bytes

    def keep(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` (emptying the memo first if it is full); returns it."""
        if len(self.entries) >= self._capacity:
            self.entries.clear()
            if not self._capacity:
                return value
        self.entries[key] = value
        return value

    def cache_clear(self) -> None:
        self.entries.clear()

    def _trim(self) -> None:
        """Take the budget as it is now: how many entries fit, and drop all if more are kept."""
        self._capacity = int(_limit * self._share) // self._entry_bytes
        if len(self.entries) > self._capacity:
            self.entries.clear()


def set_cache_limit(limit: int) -> None:
    """Bytes all text caches together may hold (default 64 MB, or ``THAIDOCS_CACHE_MB``)."""
    if limit < 0:
        raise ValueError("the cache limit is a number of bytes, 0 or more")
    global _limit
    _limit = limit
    for cache in _caches:
        cache._trim()


def cache_limit() -> int:
    """Bytes all text caches together may hold."""
    return _limit


def cache_bytes() -> int:
    """Bytes all text caches hold now."""
    return sum(cache.bytes for cache in _caches)


def clear_caches() -> None:
    """Empty every text cache (fonts and the dictionary stay loaded)."""
    for cache in _caches:
        cache.cache_clear()
