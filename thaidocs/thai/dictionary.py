"""The Thai word list and newmm's maximal matching, ready in milliseconds.

The words are pythainlp's ``words_th.txt`` (CC0-1.0, the PyThaiNLP project), stored sorted
in ``data/words_th.txt`` by ``tools/make_words.py``, so a process does not import pythainlp
(about 70 ms) nor build a set of 62,000 words (about 70 ms) to break a line. The file has one
byte a letter (Windows-874: TIS-620, Thai's own single-byte code, with a few punctuation
marks): a third of its UTF-8 size, and decoded in a millisecond, where inflating a compressed
copy takes several.

``newmm_segment`` and ``tcc_boundaries`` follow pythainlp 5's ``tokenize.newmm`` and
``tokenize.tcc_p`` (Apache-2.0, the PyThaiNLP project) step for step, and the tests hold them
to the same answers. The one change is the dictionary lookup: the words starting at a
position are found in the sorted list by bisection, stopping as soon as no word begins with
the text read so far, instead of slicing the text up to the longest word (81 characters) at
every position, and what each prefix met is (a word, the start of a longer one, or neither) is
remembered, since Thai text repeats its words. Maximal matching only ever takes a word that
ends where a character cluster ends, so the text is read a cluster at a time, and the words
at every offset are looked up in one pass for both newmm and the line breaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from heapq import heappop, heappush
from itertools import accumulate, compress
from pathlib import Path
from typing import Protocol

from thaidocs.caching import Memo

try:
    from thaidocs.thai import _speedups
except ImportError:  # not built: the Python here gives the same answers
    _speedups = None  # type: ignore[assignment]

#: the C search of ``_speedups.c``, or None where it is not built
native = _speedups

#: the shipped word list: sorted, a word a line, in Thai's single-byte code
WORDS_FILE = "words_th.txt"
WORDS_ENCODING = "cp874"

# Thai character clusters (TCC): the places inside Thai text where a word may end.
_TCC = (
    "เc็ck เcctาะk เccีtยะk เccีtย(?=[เ-ไก-ฮ]|$)k เcc็ck เcิc์ck เcิtck เcีtยะ?k "
    "เcืtอะ?k เc[ิีุู]tย(?=[เ-ไก-ฮ]|$)k เctา?ะ?k cัtวะk c[ัื]tc[ุิะ]?k c[ิุู]์ "
    "c[ะ-ู]tk cรรc์ c็ ct[ะาำ]?k ck แc็c แcc์ แctะ แcc็c แccc์ โctะ [เ-ไ]ct ก็ อึ หึ"
)
_TCC_PATTERN = "|".join(
    _TCC.replace("k", "(?:cc?[dิ]?[์])?")
    .replace("c", "[ก-ฮ]")
    .replace("t", "[่-๋]?")
    .replace("d", "ูุ")
    .split()
)
#: a cluster, or a character that is none: where each ends is where a word may end
_PAT_CLUSTER = re.compile(f"{_TCC_PATTERN}|.", re.DOTALL)
#: the atoms of the cluster pattern's alternatives, as the C search runs them
#: (each ``(kind, low, high)``: a character set as a bit mask over the Thai block)
_ATOM_REQUIRED, _ATOM_OPTIONAL, _ATOM_AHEAD, _ATOM_GROUP = range(4)
_THAI_BLOCK = 0x0E00


def _tcc_atoms(pattern: str) -> tuple[tuple[tuple[int, int, int], ...], ...] | None:
    """The alternatives of ``pattern`` as atoms, or None where it uses more of the regular
    expression language than the C search runs: a character or a class, perhaps optional; a
    lookahead of a class or the end (``(?=[...]|$)``); an optional group, last."""
    alternatives = []
    depth = start = 0
    pieces = []
    for k, char in enumerate(pattern):  # the alternatives: at a "|" outside parentheses
        depth += (char == "(") - (char == ")")
        if char == "|" and not depth:
            pieces.append(pattern[start:k])
            start = k + 1
    for alternative in [*pieces, pattern[start:]]:
        atoms = _sequence(alternative)
        if atoms is None or not atoms or atoms[0][0] != _ATOM_REQUIRED:
            return None
        alternatives.append(tuple(atoms))
    return tuple(alternatives)


def _sequence(text: str) -> list[tuple[int, int, int]] | None:
    atoms: list[tuple[int, int, int]] = []
    i = 0
    while i < len(text):
        if text.startswith("(?=", i):
            close = text.find("|$)", i)
            mask = _mask(text[i + 3 : close]) if close > 0 else None
            if mask is None:
                return None
            atoms.append((_ATOM_AHEAD, *mask))
            i = close + 3
            continue
        if text.startswith("(?:", i):
            close = text.find(")?", i)
            inner = _sequence(text[i + 3 : close]) if close > 0 else None
            if inner is None or close + 2 != len(text):  # an optional group, last
                return None
            atoms.append((_ATOM_GROUP, len(inner), 0))
            atoms += inner
            return atoms
        end = text.find("]", i) + 1 if text[i] == "[" else i + 1
        mask = _mask(text[i:end]) if end > i else None
        if mask is None:
            return None
        optional = text.startswith("?", end)
        atoms.append((_ATOM_OPTIONAL if optional else _ATOM_REQUIRED, *mask))
        i = end + optional
    return atoms


def _mask(item: str) -> tuple[int, int] | None:
    """A character or a class (``[...]`` of characters and ranges) in the Thai block, as the
    low and high 64 bits of a mask over it; None for anything else (the language's own
    characters, ``^ \\ - ] ( ?`` and the rest, are all outside the block)."""
    if item.startswith("[") and item.endswith("]") and len(item) > 2:
        body = item[1:-1]
    elif len(item) == 1:
        body = item
    else:
        return None
    bits = 0
    k = 0
    while k < len(body):
        first = last = body[k]
        if k + 2 < len(body) and body[k + 1] == "-":
            last = body[k + 2]
            k += 3
        else:
            k += 1
        low, high = ord(first) - _THAI_BLOCK, ord(last) - _THAI_BLOCK
        if not 0 <= low <= high < 128:
            return None
        for code in range(low, high + 1):
            bits |= 1 << code
    return bits & (2**64 - 1), bits >> 64


#: the cluster pattern as the C search reads it, None where it cannot (see ``_tcc_atoms``)
TCC_ATOMS = _tcc_atoms(_TCC_PATTERN)
_PAT_NONTHAI = re.compile(r"[-a-zA-Z]+|\d+([,\.]\d+)*|[ \t]+|\r?\n|[^\u0E00-\u0E7F \t\r\n]+")
_PAT_THAI_TWOCHARS = re.compile("[ก-ฮ]{,2}$")
_MAX_GRAPH_SIZE = 50


class Words(Protocol):
    """What maximal matching asks of a word list."""

    def cluster_ends(self, text: str, valid: bytearray) -> list[list[int]]:
        """For each offset of ``text``, where the words that start there end, shortest first,
        counting only ends where ``valid`` is 1 (a character cluster ends)."""
        ...


#: what a prefix of a text is to the word list: ``_WORD``, ``_LONGER`` (a longer word starts
#: with it), both, or neither (0: no word starts with it)
_WORD = 2
_LONGER = 1
#: about the bytes a remembered prefix holds: a short string, a dict slot and its share of the
#: table
_PREFIX_BYTES = 160


class Dictionary:
    """A sorted word list that answers which words start at a position of a text."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted(set(words))
        #: what each prefix of the words added with ``with_words`` (none of them in
        #: ``_words``) is to them: kept beside the list, since a list of 62,000 words with a
        #: few more is a copy, and a copy touches every word (some 2 ms of a first document)
        self._added: dict[str, int] = {}
        #: the words added with ``with_words``, sorted
        self._extra: list[str] = []
        #: both lists as the C search reads them, made when it first does
        self._lists: tuple[_speedups.WordList, _speedups.WordList] | None = None
        #: what each prefix met in the text so far is (``_WORD``, ``_LONGER``)
        self._prefixes: Memo[str, int] = Memo(share=0.03, entry_bytes=_PREFIX_BYTES)

    @classmethod
    def _sorted(cls, words: list[str]) -> Dictionary:
        """From a list already sorted and without duplicates (the shipped file)."""
        dictionary = cls(())
        dictionary._words = words
        return dictionary

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        kind = self._prefixes.entries.get(word)
        return bool((self._learn(word) if kind is None else kind) & _WORD)

    def __len__(self) -> int:
        return len(self._words) + len(self._extra)

    def with_words(self, extra: Iterable[str]) -> Dictionary:
        """This list and ``extra``."""
        words = self._words
        new = [word for word in extra if word and not _kind_in(words, word) & _WORD]
        dictionary = Dictionary._sorted(words)
        dictionary._extra = sorted({*self._extra, *new})
        dictionary._added = _prefix_kinds(dictionary._extra)
        return dictionary

    def native_lists(self) -> tuple[_speedups.WordList, _speedups.WordList]:
        """The word list and the words added to it, as the C search reads them."""
        if self._lists is None:
            self._lists = (native.WordList(self._words), native.WordList(self._extra))
        return self._lists

    def ends(self, text: str, start: int = 0) -> list[int]:
        """Where the words that start at ``start`` end, shortest first."""
        return self._read(text, start, range(start + 1, len(text) + 1))

    def cluster_ends(self, text: str, valid: bytearray) -> list[list[int]]:
        """For each offset of ``text``, where the words that start there end, shortest first,
        counting only ends where ``valid`` is 1 (a character cluster ends; never at offset 0).

        The C search (``_speedups``) gives the same table, where it is built.
        """
        if native is not None:
            return native.cluster_ends(*self.native_lists(), text, valid)
        return self.scan(text, valid)

    def scan(self, text: str, valid: bytearray) -> list[list[int]]:
        """``cluster_ends`` in Python: its specification, and what runs without the C search."""
        stops = list(compress(range(1, len(text) + 1), valid[1:]))
        table: list[list[int]] = [[] for _ in text]
        for k, start in enumerate([0, *stops][:-1]):
            table[start] = self._read(text, start, stops[k:])
        return table

    def _read(self, text: str, start: int, stops: Iterable[int]) -> list[int]:
        """Which of ``stops`` end a word that starts at ``start``: the text is read a stop at a
        time until no word continues what was read. Thai text repeats its words, so what each
        prefix is comes from a memo; the sorted list is searched for a prefix not met before.
        """
        known = self._prefixes.entries
        found = []
        for end in stops:
            prefix = text[start:end]
            kind = known.get(prefix)
            if kind is None:
                kind = self._learn(prefix)
            if kind & _WORD:
                found.append(end)
            if not kind & _LONGER:
                break
        return found

    def _learn(self, prefix: str) -> int:
        """What ``prefix`` is, ``_WORD`` and/or ``_LONGER`` (a longer word starts with it) or 0,
        remembered."""
        kind = _kind_in(self._words, prefix) | self._added.get(prefix, 0)
        return self._prefixes.keep(prefix, kind)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that start at ``start``, shortest first (pythainlp's Trie interface)."""
        return [text[start:end] for end in self.ends(text, start)]


def _kind_in(words: list[str], prefix: str) -> int:
    """What ``prefix`` is to the sorted ``words``: ``_WORD`` and/or ``_LONGER``, or 0."""
    i = bisect_left(words, prefix)
    found = words[i] if i < len(words) else ""
    if not found.startswith(prefix):
        return 0
    if found != prefix:
        return _LONGER
    following = words[i + 1] if i + 1 < len(words) else ""
    return _WORD | _LONGER if following.startswith(prefix) else _WORD


def _prefix_kinds(words: Iterable[str]) -> dict[str, int]:
    """What each prefix of ``words`` is to them: ``_WORD`` and/or ``_LONGER``."""
    kinds: dict[str, int] = {}
    for word in words:
        for end in range(1, len(word)):
            kinds[word[:end]] = kinds.get(word[:end], 0) | _LONGER
        kinds[word] = kinds.get(word, 0) | _WORD
    return kinds


@cache
def thai_dictionary() -> Dictionary:
    """pythainlp's Thai word list, from the compact copy shipped with thaidocs."""
    # read beside this module: importlib.resources would import its own readers for it
    data = (Path(__file__).parent / "data" / WORDS_FILE).read_bytes()
    return Dictionary._sorted(data.decode(WORDS_ENCODING).split("\n"))


def tcc_boundaries(text: str) -> bytearray:
    """``1`` at each offset of ``text`` where a Thai character cluster ends, else ``0``. The
    C twin (``_speedups.cluster_boundaries``) runs the same pattern, read by ``_tcc_atoms``."""
    if native is not None and TCC_ATOMS is not None:
        return native.cluster_boundaries(TCC_ATOMS, text)
    boundaries = bytearray(len(text) + 1)
    # every character is in one cluster (the pattern's last alternative is any character),
    # so the clusters follow one another and each ends where the lengths before it add up to
    for end in accumulate(map(len, _PAT_CLUSTER.findall(text))):
        boundaries[end] = 1
    return boundaries


def newmm_segment(text: str, dictionary: Words) -> list[str]:
    """``text`` divided into words by maximal matching, as pythainlp's newmm divides it."""
    valid = tcc_boundaries(text)
    cuts = newmm_cuts(text, valid, dictionary.cluster_ends(text, valid))
    return [text[start:end] for start, end in zip([0, *cuts], cuts, strict=False)]


def newmm_cuts(text: str, valid: bytearray, table: list[list[int]]) -> list[int]:
    """Where newmm's words of ``text`` end, given its cluster ends (``tcc_boundaries``) and
    the words at each offset (``Words.cluster_ends``)."""
    graph: defaultdict[int, list[int]] = defaultdict(list)
    graph_size = 0
    length = len(text)
    cuts: list[int] = []
    queue = [0]
    end = 0
    while queue[0] < length:
        begin = heappop(queue)
        for stop in table[begin]:
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
            cuts += path[1:]
            end = path[-1]
        elif not queue:  # no dictionary word here
            end = skip_end(text, begin, valid, table)
            graph_size = 0
            graph.clear()
            cuts.append(end)
            heappush(queue, end)
    return cuts


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


def skip_end(text: str, begin: int, valid: bytearray, table: list[list[int]]) -> int:
    """The end of a piece the dictionary does not know, starting at ``begin``."""
    match = _PAT_NONTHAI.match(text, begin)
    if match:
        return match.end()
    for position in range(begin + 1, len(text)):
        if valid[position]:
            if any(not _PAT_THAI_TWOCHARS.match(text[position:stop]) for stop in table[position]):
                return position
            if _PAT_NONTHAI.match(text, position):
                return position
    return len(text)
