"""The Thai word list and newmm's maximal matching, ready in milliseconds.

The words are pythainlp's ``words_th.txt`` (CC0-1.0, the PyThaiNLP project), stored sorted
and compressed in ``data/words_th.txt.gz`` by ``tools/make_words.py``, so a process does not
import pythainlp (about 70 ms) nor build a set of 62,000 words (about 70 ms) to break a line.

``newmm_segment`` and ``tcc_boundaries`` follow pythainlp 5's ``tokenize.newmm`` and
``tokenize.tcc_p`` (Apache-2.0, the PyThaiNLP project) step for step, and the tests hold them
to the same answers. The one change is the dictionary lookup: the words starting at a
position are found in the sorted list by bisection, stopping as soon as no word begins with
the text read so far, instead of slicing the text up to the longest word (81 characters) at
every position.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from heapq import heappop, heappush
from importlib.resources import files
from typing import Protocol

# Thai character clusters (TCC): the places inside Thai text where a word may end.
_TCC = (
    "เc็ck เcctาะk เccีtยะk เccีtย(?=[เ-ไก-ฮ]|$)k เcc็ck เcิc์ck เcิtck เcีtยะ?k "
    "เcืtอะ?k เc[ิีุู]tย(?=[เ-ไก-ฮ]|$)k เctา?ะ?k cัtวะk c[ัื]tc[ุิะ]?k c[ิุู]์ "
    "c[ะ-ู]tk cรรc์ c็ ct[ะาำ]?k ck แc็c แcc์ แctะ แcc็c แccc์ โctะ [เ-ไ]ct ก็ อึ หึ"
)
_PAT_TCC = re.compile(
    "|".join(
        _TCC.replace("k", "(cc?[dิ]?[์])?")
        .replace("c", "[ก-ฮ]")
        .replace("t", "[่-๋]?")
        .replace("d", "ูุ")
        .split()
    )
)
_PAT_NONTHAI = re.compile(r"[-a-zA-Z]+|\d+([,\.]\d+)*|[ \t]+|\r?\n|[^\u0E00-\u0E7F \t\r\n]+")
_PAT_THAI_TWOCHARS = re.compile("[ก-ฮ]{,2}$")
_MAX_GRAPH_SIZE = 50


class Words(Protocol):
    """What maximal matching asks of a word list."""

    def ends(self, text: str, start: int = 0) -> list[int]:
        """Where the words that start at ``start`` end, shortest first."""
        ...


class Dictionary:
    """A sorted word list that answers which words start at a position of a text."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted(set(words))

    @classmethod
    def _sorted(cls, words: list[str]) -> Dictionary:
        """From a list already sorted and without duplicates (the shipped file)."""
        dictionary = cls(())
        dictionary._words = words
        return dictionary

    def __contains__(self, word: object) -> bool:
        words = self._words
        i = bisect_left(words, word) if isinstance(word, str) else len(words)
        return i < len(words) and words[i] == word

    def __len__(self) -> int:
        return len(self._words)

    def with_words(self, extra: Iterable[str]) -> Dictionary:
        """This list and ``extra`` (a short list: each word is inserted in order)."""
        words = list(self._words)
        for word in extra:
            if word and word not in self:
                insort(words, word)
        return Dictionary._sorted(words)

    def ends(self, text: str, start: int = 0) -> list[int]:
        """Where the words that start at ``start`` end, shortest first."""
        words = self._words
        count = len(words)
        found = []
        low = 0
        for end in range(start + 1, len(text) + 1):
            prefix = text[start:end]
            # ``low`` is the first word not below the shorter prefix; when it also begins
            # with this one it is the first word not below this one: no search needed
            if low == count or not words[low].startswith(prefix):
                low = bisect_left(words, prefix, low)
                if low == count or not words[low].startswith(prefix):
                    break
            if words[low] == prefix:
                found.append(end)
        return found

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that start at ``start``, shortest first (pythainlp's Trie interface)."""
        return [text[start:end] for end in self.ends(text, start)]


@cache
def thai_dictionary() -> Dictionary:
    """pythainlp's Thai word list, from the compact copy shipped with thaidocs."""
    data = files("thaidocs.thai").joinpath("data", "words_th.txt.gz").read_bytes()
    return Dictionary._sorted(gzip.decompress(data).decode("utf-8").split("\n"))


def tcc_boundaries(text: str) -> bytearray:
    """``1`` at each offset of ``text`` where a Thai character cluster ends, else ``0``."""
    boundaries = bytearray(len(text) + 1)
    position = 0
    length = len(text)
    while position < length:
        match = _PAT_TCC.match(text, position)
        position = max(match.end(), position + 1) if match else position + 1
        boundaries[position] = 1
    return boundaries


def newmm_segment(text: str, dictionary: Words) -> list[str]:
    """``text`` divided into words by maximal matching, as pythainlp's newmm divides it."""
    if not text:
        return []
    return list(_onecut(text, dictionary))


def _onecut(text: str, dictionary: Words) -> Iterator[str]:
    graph: defaultdict[int, list[int]] = defaultdict(list)
    graph_size = 0
    valid = tcc_boundaries(text)
    length = len(text)
    queue = [0]
    end = 0
    while queue[0] < length:
        begin = heappop(queue)
        for stop in dictionary.ends(text, begin):
            if valid[stop]:
                graph[begin].append(stop)
                graph_size += 1
                if stop not in queue:
                    heappush(queue, stop)
                if graph_size > _MAX_GRAPH_SIZE:
                    break
        if len(queue) == 1:  # one candidate: no longer ambiguous
            path = _shortest_path(graph, end, queue[0])
            graph_size = 0
            graph.clear()
            for position in path[1:]:
                yield text[end:position]
                end = position
        elif not queue:  # no dictionary word here
            end = _skip_end(text, begin, valid, dictionary)
            graph_size = 0
            graph.clear()
            yield text[begin:end]
            heappush(queue, end)


def _shortest_path(graph: defaultdict[int, list[int]], start: int, goal: int) -> list[int]:
    """The first path from ``start`` to ``goal`` a breadth-first search finds."""
    visited = {start}
    paths = [[start]]
    while paths:
        path = paths.pop(0)
        for position in graph[path[-1]]:
            if position == goal:
                return [*path, position]
            if position not in visited:
                visited.add(position)
                paths.append([*path, position])
    raise ValueError(f"no path from {start} to {goal}")


def _skip_end(text: str, begin: int, valid: bytearray, dictionary: Words) -> int:
    """The end of a piece the dictionary does not know, starting at ``begin``."""
    match = _PAT_NONTHAI.match(text, begin)
    if match:
        return match.end()
    for position in range(begin + 1, len(text)):
        if valid[position]:
            if any(
                valid[stop] and not _PAT_THAI_TWOCHARS.match(text[position:stop])
                for stop in dictionary.ends(text, position)
            ):
                return position
            if _PAT_NONTHAI.match(text, position):
                return position
    return len(text)
