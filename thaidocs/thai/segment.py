"""Where a Thai line may break: dictionary words, the document's own names, and the rules
of Thai typography.

pythainlp's newmm finds word boundaries inside runs of Thai letters. On top of it:

- a person's name (one of the document's names, a document word that starts with a title,
  or a name in running text recognised by its title: นาย, นางสาว, ดร., ...) keeps the title
  with the given name, and the surname, whole: a boundary inside is a ``Break.NAME``, for a
  name longer than a line only;
- the document's other words (agency, positions, terms) are kept whole by preference: a
  dictionary boundary inside one is a ``Break.TERM``, which the line breaker takes only where
  keeping the term whole would leave a line badly stretched, so a term the dictionary does not
  know still never breaks inside a word;
- a line never starts with a following vowel, ๆ, ฯ, a mark or closing punctuation, and never
  ends with a leading vowel (เ แ โ ใ ไ) or opening punctuation;
- U+200B ZERO WIDTH SPACE is a break opportunity and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import IntEnum
from functools import cache
from typing import TYPE_CHECKING, cast

from pythainlp.corpus import thai_words
from pythainlp.tokenize import newmm

from thaidocs.caching import bounded_cache
from thaidocs.thai.names import NAME_TITLES

if TYPE_CHECKING:
    from pythainlp.util import Trie

ZWSP = "\u200b"
#: following vowels and signs that belong to the preceding syllable
_NO_START = frozenset("ะาำๅๆฯ" + ")]}»”’,.:;!?%")
#: leading vowels are written before the consonant they follow in speech
_NO_END = frozenset("เแโใไ" + "([{«“‘")
#: breakable white space (no-break spaces excluded); U+200B counts as zero-width glue
GLUE = re.compile(f"[^\\S\u00a0\u2007\u202f]+|{ZWSP}+")
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
#: a number written in groups (a telephone number: ๐ ๓๒๔๒ ๕๔๙๒), and an abbreviation before
#: a number (โทร. ๐ ๓๒๔๒, พ.ศ. ๒๕๖๘), are each read as one term
_DIGIT_GROUPS = re.compile(r"(?<!\S)[\u0e01-\u0e4e.]*[\u0e01-\u0e4e]\. \d+(?: \d+)*|\d+(?: \d+)+")
#: the longest a given name or a surname can be and still be taken for one
_NAME_MAX = 30


def is_glue(char: str) -> bool:
    """White space a line may break after (dropped at the end of a line)."""
    return char == ZWSP or (char.isspace() and char not in "\u00a0\u2007\u202f")


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me")


def cluster_starts(text: str) -> list[int]:
    """Offsets where a grapheme cluster starts: a base with its marks (and sara am) is one."""
    return [i for i, c in enumerate(text) if i == 0 or not (_is_mark(c) or c == "\u0e33")]


def may_start_line(char: str) -> bool:
    return char not in _NO_START and not _is_mark(char)


def may_end_line(char: str) -> bool:
    return char not in _NO_END


@bounded_cache(share=0.25)
def _dictionary_breaks(run: str) -> tuple[int, ...]:
    """Word boundaries newmm finds inside a run of Thai letters (offsets within the run)."""
    return tuple(_newmm_breaks(run, _dictionary()))


def _newmm_breaks(text: str, words: WordSet | _Without) -> list[int]:
    """Offsets inside ``text`` between the words newmm divides it into."""
    offsets = []
    position = 0
    for token in newmm.segment(text, custom_dict=cast("Trie", words))[:-1]:
        position += len(token)
        offsets.append(position)
    return offsets


class WordSet:
    """pythainlp's word list, answering newmm's one question (which words start at a position)
    by set lookups.

    Same answers as pythainlp's Trie, but ready at once instead of after ~0.4 s: the Trie's
    pure-Python construction was most of a command's start-up time. newmm asks only
    ``prefixes``, so it takes this in the Trie's place.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = frozenset(filter(None, map(str.strip, words)))
        self._longest = max(map(len, self._words), default=0)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        words = self._words
        stop = min(len(text), start + self._longest)
        return [text[start:end] for end in range(start + 1, stop + 1) if text[start:end] in words]


@cache
def _dictionary() -> WordSet:
    return WordSet(thai_words())


def word_joints(text: str) -> list[int]:
    """Offsets inside ``text`` where newmm divides it once ``text`` itself is no word: where
    a word longer than a line is best cut (คณะ|กรรมการ)."""
    return _newmm_breaks(text, _Without(_dictionary(), text))


class _Without:
    """A word list less one word."""

    def __init__(self, words: WordSet, word: str) -> None:
        self._words = words
        self._word = word

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        return [w for w in self._words.prefixes(text, start) if w != self._word]


def _is_alnum(char: str) -> bool:
    return char.isalnum() and not "\u0e01" <= char <= "\u0e4e"


class Break(IntEnum):
    """How freely a line may end at an offset; higher is more reluctant."""

    NONE = 0
    #: between words
    FREE = 1
    #: between the dictionary words of one of the document's terms, or the groups of a number
    TERM = 2
    #: between the dictionary words of a person's name
    NAME = 3


class Segmenter:
    """Line-break opportunities for one document's text.

    ``words``: the document's names and terms; an entry that starts with a title and is read
    as a name there (นายสุรชัย พงษ์ไพบูลย์, not นายอำเภอเมือง) is a name. ``names``: more
    person names.
    """

    def __init__(
        self,
        words: Iterable[str] = (),
        name_titles: Sequence[str] = NAME_TITLES,
        *,
        names: Iterable[str] = (),
    ):
        titles = sorted(set(name_titles), key=lambda t: (-len(t), t))
        self._titles = re.compile("|".join(map(re.escape, titles))) if titles else None
        terms = list(words)
        people = [*names, *(word for word in terms if self._is_name(word))]
        self._names = _pieces(people)
        pieces = sorted(_pieces(terms) | self._names, key=lambda p: (-len(p), p))
        self._words = re.compile("|".join(map(re.escape, pieces))) if pieces else None

    def breaks(self, text: str) -> list[int]:
        """Offsets ``i`` (0 < i < len) where a line may freely end before ``text[i]``."""
        return [i for i, level in self.opportunities(text).items() if level == Break.FREE]

    def opportunities(self, text: str) -> dict[int, Break]:
        """Every offset ``i`` (0 < i < len) where a line may end before ``text[i]``, in order,
        with how freely it may.

        White space ends up at the end of a line, where it is dropped.
        """
        candidates = self._candidates(text)
        levels = self._levels(text, candidates)
        result = {}
        for i in sorted(candidates):
            if not may_start_line(text[i]):
                continue
            j = i - 1
            while j > 0 and is_glue(text[j]):
                j -= 1
            if may_end_line(text[j]):
                result[i] = levels.get(i, Break.FREE)
        return result

    def _candidates(self, text: str) -> set[int]:
        found: set[int] = set()
        n = len(text)
        for glue in GLUE.finditer(text):
            if 0 < glue.end() < n:
                found.add(glue.end())
        for run in _THAI_RUN.finditer(text):
            start, end = run.span()
            found.update(start + offset for offset in _dictionary_breaks(run.group()))
            if start > 0 and _is_alnum(text[start - 1]):
                found.add(start)
            if end < n and _is_alnum(text[end]):
                found.add(end)
        return found

    def _levels(self, text: str, candidates: set[int]) -> dict[int, Break]:
        """The candidates inside the document's words and inside names, with their level."""
        words: dict[int, int] = {}
        spans: list[tuple[int, int, Break]] = []
        if self._words is not None:
            for match in self._words.finditer(text):
                words[match.start()] = match.end()
                level = Break.NAME if match.group() in self._names else Break.TERM
                spans.append((match.start(), match.end(), level))
        for match in _DIGIT_GROUPS.finditer(text):
            spans.append((match.start(), match.end(), Break.TERM))
        if self._titles is not None:
            for match in self._titles.finditer(text):
                for start, end in _name(text, match.start(), match.end(), candidates, words):
                    spans.append((start, end, Break.NAME))
        levels: dict[int, Break] = {}
        for start, end, level in spans:
            for i in range(start + 1, end):
                if i in candidates and levels.get(i, Break.NONE) < level:
                    levels[i] = level
        return levels

    def _is_name(self, word: str) -> bool:
        """Whether ``word`` starts with a title that announces a name, as in running text."""
        match = self._titles.match(word) if self._titles is not None else None
        return match is not None and bool(_name(word, 0, match.end(), self._candidates(word), {}))


def _pieces(words: Iterable[str]) -> set[str]:
    """The space-separated parts of ``words`` (the breaker segments between spaces anyway)."""
    return {piece for word in words for piece in word.split() if len(piece) > 1}


def _name(
    text: str, start: int, end: int, candidates: set[int], words: dict[int, int]
) -> list[tuple[int, int]]:
    """Spans of "title + given name" and of the surname after it, if this is a name.

    A name ends at white space, or where one of the document's words that starts it ends.
    """
    n = len(text)
    # "ศ." in "พ.ศ." is the end of an abbreviation, not a title
    word_start = (
        start == 0
        or start in candidates
        or not (text[start - 1].isalnum() or text[start - 1] == ".")
    )
    if not word_start or end >= n:
        return []
    given = end
    while given < n and text[given] == " ":
        given += 1
    if given < n and not text[given].isalpha():
        return []  # a name starts with a letter: "ศ. ๒๕๖๘" is no name
    if given == end and end not in candidates and text[end - 1] != ".":
        return []  # the title is the start of a longer word (นายก, นางฟ้า)
    given_end = words.get(start) or words.get(given) or _chunk_end(text, given)
    if not 0 < given_end - given <= _NAME_MAX:
        return []
    spans = [(start, given_end)]
    surname = given_end
    while surname < n and text[surname] == " ":
        surname += 1
    surname_end = words.get(surname) or _chunk_end(text, surname)
    if surname > given_end and 0 < surname_end - surname <= _NAME_MAX:
        spans.append((surname, surname_end))
    return spans


def _chunk_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and not is_glue(text[end]):
        end += 1
    return end
