"""Where a Thai line may break: safe word boundaries, the document's own names and terms, and
the rules of Thai typography.

A typist never splits a word, so a boundary between two Thai words is a free break only where
every minimal segmentation of the text agrees on it. newmm alone is ambiguous: "แนวทางในการ"
is both แนว|ทางใน|การ and แนวทาง|ใน|การ, so only the break before การ is safe. The other
boundaries newmm finds lie inside a possible word: a ``Break.WORD``, taken only to cut a unit
longer than its line. The dictionary is pythainlp's word list plus a small lexicon of
government compounds and civil-service levels (``lexicon/terms.txt``).

On top of that:

- a person's name (one of the document's names, a document word that starts with a title,
  or a name in running text recognised by its title: นาย, นางสาว, ดร., ...) stays whole,
  title, given name and surname on one line: a boundary inside is a ``Break.NAME``, for a
  name longer than a line only;
- the document's other words (agency, positions, terms) are kept whole by preference: a
  dictionary boundary inside one is a ``Break.TERM``, which the line breaker takes only at a
  high price;
- never a break inside a number token (๑๔๕,๗๕๐.๕๐, ๐๙.๐๐, ๓๐/๑๐/๒๕๖๗, phone groups
  ๐ ๓๒๔๒ ๕๔๙๒, document numbers ศธ ๐๔๒๔๗/๑๒๓), between a word that introduces a number
  and the number (พ.ศ. ๒๕๖๗, ข้อ ๑, มาตรา ๓๗, โทร. ๐ ...: ``lexicon/before_numbers.txt`` and
  any abbreviation ending in "."), nor between a short number and its unit (๑๒๐ บาท:
  ``lexicon/units.txt``); an amount in words (สี่หมื่นสองพันบาทถ้วน) is one word;
- a line never starts with a following vowel, ๆ, ฯ, a mark or closing punctuation, and never
  ends with a leading vowel (เ แ โ ใ ไ) or opening punctuation;
- U+200B ZERO WIDTH SPACE is a break opportunity and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import IntEnum
from functools import cache, lru_cache
from itertools import accumulate, compress
from pathlib import Path
from typing import TYPE_CHECKING

from thaidocs.caching import Memo, bounded_cache
from thaidocs.cores import spare_core
from thaidocs.thai.dictionary import (
    TCC_ATOMS,
    Dictionary,
    native,
    newmm_cuts,
    newmm_segment,
    skip_end,
    tcc_boundaries,
    thai_dictionary,
)
from thaidocs.thai.names import NAME_TITLES

if TYPE_CHECKING:
    from thaidocs.thai import _speedups

ZWSP = "\u200b"
#: following vowels and signs that belong to the preceding syllable
_NO_START = frozenset("ะาำๅๆฯ" + ")]}»”’,.:;!?%")
#: leading vowels are written before the consonant they follow in speech
_NO_END = frozenset("เแโใไ" + "([{«“‘")
#: breakable white space (no-break spaces excluded); U+200B counts as zero-width glue
_SPACE = re.compile("[^\\S\u00a0\u2007\u202f]+")
_ZWSPS = re.compile(f"{ZWSP}+")
#: a run of Thai letters, vowels and marks
THAI_LETTERS = re.compile("[\u0e01-\u0e4e]+")
#: a dotted abbreviation (พ.ศ., ค.ศ., ต.ค.): written against a run of Thai letters, it starts a
#: word of its own (ปีงบประมาณพ.ศ. ๒๕๖๘ is ปีงบประมาณ and พ.ศ.)
_ABBREVIATION = re.compile("[\u0e01-\u0e2e]\\.[\u0e01-\u0e2e]{1,2}\\.")
_DIGIT = r"[0-9\u0e50-\u0e59]"
_ANY_DIGIT = re.compile(_DIGIT)
#: a number token after its first digit: digits joined by , . : / - (amounts, times, dates,
#: document numbers)
_NUMBER_TAIL = rf"{_DIGIT}*(?:[,.:/\-]{_DIGIT}+)*"
#: a telephone number written in groups (๐ ๓๒๔๒ ๕๔๙๒: it starts with a zero, and no group is
#: part of an amount, a date or a time), a document number (ศธ ๐๔๒๔๗/๑๒๓, ที่ ศธ ๐๔๐๐๑/ว ๑๒๓):
#: breaking inside either is never allowed
_GLUED_NUMBERS = re.compile(
    rf"(?<![{_DIGIT[1:-1]},.:/\-])[0\u0e50]{_DIGIT}*(?: {_DIGIT}+)+(?!{_DIGIT}|[,.:/\-]{_DIGIT})"
    rf"|(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e]{{2}} {_DIGIT}[{_DIGIT[1:-1]}.]*/(?:ว ?)?{_DIGIT}+"
)
#: "ที่" before a document number stays with it (ที่ ศธ ๐๔๒๔๗/๑๒๓)
_DOCUMENT_LABEL = re.compile(rf"ที่ +(?=[\u0e01-\u0e2e]{{2}} {_DIGIT})")
#: a slash between words, where a line may break after it
_SLASH = re.compile(r"(?<=[^\W\d]|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])/(?=[^\W\d])")
#: a short number and the white space after it, before a possible unit word; the number
#: is not part of a word or a longer number (looked back at from its first digit: a search
#: for a pattern that starts with a digit skips quickly to the next one, a look back does not)
_SHORT_NUMBER = re.compile(
    rf"{_DIGIT}(?<![\w.,]{_DIGIT}){_NUMBER_TAIL}[ \u00a0]*(?=[\u0e01-\u0e4e])"
)
#: spaces before a number, where a word before them may introduce it (พ.ศ., ข้อ)
_BEFORE_NUMBER = re.compile(rf" +(?={_DIGIT})")
_NUMBER_WORDS = "ศูนย์|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่|เอ็ด|ร้อย|พัน|หมื่น|แสน|ล้าน"
#: an amount in words (สี่หมื่นสองพันบาทถ้วน, หนึ่งร้อยบาทห้าสิบสตางค์): one word
_BAHT_TEXT = re.compile(
    rf"(?:{_NUMBER_WORDS})+บาท(?:ถ้วน|(?:{_NUMBER_WORDS})+สตางค์)?|(?:{_NUMBER_WORDS})+สตางค์"
)
#: the longest number that keeps its unit on its line (๑๒๐ บาท, not a whole amount)
_SHORT = 12
#: the longest a given name or a surname can be and still be taken for one
_NAME_MAX = 30


@cache
def lexicon(name: str) -> tuple[str, ...]:
    """The entries of ``lexicon/<name>.txt`` shipped with the package, in file order."""
    text = (Path(__file__).parent / "lexicon" / f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(entry for entry in entries if entry)


#: the character classes below are asked of every character of new text: each is answered
#: once per character (a document uses a few hundred)
_per_character = lru_cache(maxsize=2048)


@_per_character
def is_glue(char: str) -> bool:
    """White space a line may break after (dropped at the end of a line)."""
    return char == ZWSP or (char.isspace() and char not in "\u00a0\u2007\u202f")


def glue_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of glue: white space, or U+200B ZERO WIDTH SPACE.

    Two searches, the second only in text that has U+200B: one pattern with both as
    alternatives takes twice as long over a paragraph.
    """
    spans = [match.span() for match in _SPACE.finditer(text)]
    if ZWSP in text:
        spans += [match.span() for match in _ZWSPS.finditer(text)]
    return spans


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me")


@_per_character
def starts_cluster(char: str) -> bool:
    """Whether ``char`` starts a grapheme cluster: a base with its marks (and sara am) is one."""
    return not (char == "\u0e33" or _is_mark(char))


def cluster_starts(text: str) -> list[int]:
    """Offsets where a grapheme cluster starts."""
    return [i for i, c in enumerate(text) if i == 0 or starts_cluster(c)]


@_per_character
def may_start_line(char: str) -> bool:
    return char not in _NO_START and not _is_mark(char)


def may_end_line(char: str) -> bool:
    return char not in _NO_END


def _breaks_bytes(breaks: tuple[tuple[int, ...], tuple[int, ...]]) -> int:
    """About the bytes of two tuples of offsets."""
    return 150 + 36 * (len(breaks[0]) + len(breaks[1]))


@bounded_cache(share=0.22, sizeof=_breaks_bytes)
def _run_breaks(run: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Word boundaries inside a run of Thai letters: (safe, inside a possible word).

    Safe: on every segmentation of the run into the fewest words (the dictionary's words,
    ending where a Thai character cluster may end, and newmm's own tokens for what the
    dictionary does not know). Every other boundary newmm finds is inside a word of some
    such segmentation. The C search (``_speedups``) gives the same answers, where it is built,
    and may have found them already (``breaks_ahead``).
    """
    pending = _ahead.pop(run, None)
    if pending is not None:
        found = pending[0].result(pending[1])
        if found is not None:
            return found
    valid = tcc_boundaries(run)
    if native is not None:
        return native.run_breaks(*_dictionary().native_lists(), run, valid, skip_end)
    return run_breaks(run, valid, _dictionary())


#: runs of text to come, each with the search finding its breaks beside the main thread and
#: its place there (see ``breaks_ahead``)
_ahead: dict[str, tuple[_speedups.Ahead, int]] = {}
#: the hashes of the texts whose runs were handed to the search ahead, or found known then
#: (a hash that two texts share only leaves the runs of one to be found as they come)
_scanned: Memo[int, bool] = Memo(share=0.005, entry_bytes=100)


@contextmanager
def breaks_ahead(texts: Iterable[str]) -> Iterator[None]:
    """While a document is laid out, the breaks of the Thai runs of its ``texts`` (its
    paragraphs, in reading order) not known yet are found by a worker thread of C beside it,
    where the search is built and the process has a second core: ``_run_breaks`` takes each
    as the layout comes to it, which then mostly finds it ready."""
    runs: list[str] = []
    clusters = TCC_ATOMS
    if native is not None and clusters is not None and spare_core():
        seen = set(_ahead)
        scanned = _scanned.entries
        for text in texts:
            if hash(text) in scanned:
                continue  # its runs were looked at before (a batch repeats most paragraphs)
            _scanned.keep(hash(text), True)
            for start, end in _thai_runs(text):
                run = text[start:end]
                if run not in seen and (run,) not in _run_breaks:
                    seen.add(run)
                    runs.append(run)
        if runs:
            job = native.Ahead(*_dictionary().native_lists(), clusters, runs)
            _ahead.update((run, (job, index)) for index, run in enumerate(runs))
    try:
        yield
    finally:
        for run in runs:  # what the layout did not come to
            if _ahead.get(run, (None,))[0] is job:
                del _ahead[run]


def run_breaks(
    run: str, valid: bytearray, dictionary: Dictionary
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """``_run_breaks`` in Python, given the run's cluster ends: its specification, and what
    runs without the C search."""
    table = dictionary.scan(run, valid)
    cuts = newmm_cuts(run, valid, table)
    if len(cuts) < 2:
        return (), ()
    n = len(run)
    own = dict(zip([0, *cuts], cuts, strict=False))  # newmm's token from each of its cuts
    cuts.pop()
    # a word ends where a cluster ends or at newmm's cut: only there can a path be
    nodes = sorted({0, *compress(range(n), valid), *cuts})
    # fewest words from the start to each position, then from each position to the end
    unreached = n + 1
    first = [unreached] * (n + 1)
    first[0] = 0
    edges: dict[int, list[int]] = {}
    for i in nodes:
        if first[i] == unreached:
            continue
        reach = table[i]
        token = own.get(i)
        if token is not None and token not in reach:
            reach = [*reach, token]
        if reach:
            edges[i] = reach
        step = first[i] + 1
        for j in reach:
            if step < first[j]:
                first[j] = step
    rest = [unreached] * (n + 1)
    rest[n] = 0
    for i in reversed(edges):
        rest[i] = min([rest[j] for j in edges[i]]) + 1
    total = first[n]
    # how many words of a fewest-words segmentation hold each position strictly inside
    covered = [0] * (n + 1)
    for i, reach in edges.items():
        if first[i] + rest[i] == total:
            for j in reach:
                if j - i > 1 and first[i] + 1 + rest[j] == total:
                    covered[i + 1] += 1
                    covered[j] -= 1
    inside = list(accumulate(covered))
    safe = [p for p in nodes if p and not inside[p] and first[p] + rest[p] == total]
    chosen = set(safe)
    return tuple(safe), tuple(p for p in cuts if p not in chosen)


@cache
def _dictionary() -> Dictionary:
    return thai_dictionary().with_words(lexicon("terms"))


def word_joints(text: str) -> list[int]:
    """Offsets inside ``text`` where newmm divides it once ``text`` itself is no word: where
    a word longer than a line is best cut (คณะ|กรรมการ)."""
    offsets = []
    position = 0
    for token in newmm_segment(text, _Without(_dictionary(), text))[:-1]:
        position += len(token)
        offsets.append(position)
    return offsets


class _Without:
    """A word list less one word."""

    def __init__(self, words: Dictionary, word: str) -> None:
        self._words = words
        self._word = word

    def cluster_ends(self, text: str, valid: bytearray) -> list[list[int]]:
        table = self._words.cluster_ends(text, valid)
        word = self._word
        return [
            [end for end in ends if text[start:end] != word] for start, ends in enumerate(table)
        ]


def _thai_runs(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of Thai letters from ``start``: the unit words are looked up
    in. A run ends before an abbreviation written against it, whose first letter can only be
    the last letter of a run (its dot is none)."""
    for match in THAI_LETTERS.finditer(text, start):
        first, end = match.span()
        if end - first > 1 and text.startswith(".", end) and _ABBREVIATION.match(text, end - 1):
            yield first, end - 1
            yield end - 1, end
        else:
            yield first, end


def _is_thai_letter(char: str) -> bool:
    """A letter, vowel or mark of Thai script (what a run of ``_thai_runs`` is made of)."""
    return "\u0e01" <= char <= "\u0e4e"


def _is_alnum(char: str) -> bool:
    return char.isalnum() and not _is_thai_letter(char)


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9" or "\u0e50" <= char <= "\u0e59"


class Break(IntEnum):
    """How freely a line may end at an offset; higher is more reluctant."""

    NONE = 0
    #: at white space, or at a word boundary every segmentation agrees on
    FREE = 1
    #: between the dictionary words of one of the document's terms
    TERM = 2
    #: inside a word of some segmentation: only to cut a unit longer than its line
    WORD = 3
    #: inside a person's name: only for a name longer than its line
    NAME = 4
    #: between grapheme clusters, for a word longer than its line (the line breaker's own)
    CLUSTER = 5


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
        #: the document's words and names, longest first
        self._words = tuple(sorted(_pieces(terms) | self._names, key=lambda p: (-len(p), p)))
        self._pattern: re.Pattern[str] | None = None

    def context(self, text: str) -> Hashable:
        """All of this segmenter's own setup that bears on ``opportunities(text)``: the
        document's words and names found in ``text``, and the titles. Two segmenters give the
        same opportunities for ``text`` where its context is the same, so a result may be
        shared between documents."""
        found = tuple(
            (start, end, text[start:end] in self._names) for start, end in self.words_in(text)
        )
        return found, None if self._titles is None else self._titles.pattern

    def words_in(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the document's words and names in ``text``, left to right, not
        overlapping, the longest where several start at one offset: what a regular expression
        of them as alternatives finds (the C twin finds the same without compiling one for
        each document)."""
        if not self._words:
            return []
        if native is not None:
            return native.find_words(self._words, text)
        if self._pattern is None:
            self._pattern = re.compile("|".join(map(re.escape, self._words)))
        return [match.span() for match in self._pattern.finditer(text)]

    def breaks(self, text: str) -> list[int]:
        """Offsets ``i`` (0 < i < len) where a line may freely end before ``text[i]``."""
        return [i for i, level in self.opportunities(text).items() if level == Break.FREE]

    def opportunities(self, text: str) -> dict[int, Break]:
        """Every offset ``i`` (0 < i < len) where a line may end before ``text[i]``, in order,
        with how freely it may.

        White space ends up at the end of a line, where it is dropped.
        """
        candidates = self._candidates(text)
        for i in _glued(text):
            candidates.pop(i, None)
        self._raise_levels(text, candidates)
        result = {}
        for i in sorted(candidates):
            if not may_start_line(text[i]):
                continue
            j = i - 1
            while j > 0 and is_glue(text[j]):
                j -= 1
            if may_end_line(text[j]):
                result[i] = candidates[i]
        return result

    def _candidates(self, text: str) -> dict[int, Break]:
        found: dict[int, Break] = {}
        n = len(text)
        free, word = Break.FREE, Break.WORD
        for start, end in _thai_runs(text):
            safe, inside = _run_breaks(text[start:end])
            found.update(dict.fromkeys([start + offset for offset in inside], word))
            found.update(dict.fromkeys([start + offset for offset in safe], free))
            if start > 0 and (_is_alnum(text[start - 1]) or _is_thai_letter(text[start - 1])):
                found[start] = free  # after a Latin word, or before an abbreviation
            if end < n and _is_alnum(text[end]) and not _is_digit(text[end]):
                found[end] = free  # ข้อ๑, ปี๒๕๖๗: a number stays with the word before
        for _, end in glue_spans(text):
            if 0 < end < n:
                found[end] = free
        if "/" in text:  # most text has none: the search costs more than this test
            for slash in _SLASH.finditer(text):
                found[slash.end()] = free  # ตัวชี้วัด/|ค่าเป้าหมาย, never ๑๒๓/|๒๕๖๗
        return found

    def _raise_levels(self, text: str, candidates: dict[int, Break]) -> None:
        """Raise the candidates inside the document's words, names and amounts in words."""
        words: dict[int, int] = {}
        spans: list[tuple[int, int, Break]] = []
        for start, end in self.words_in(text):
            words[start] = end
            level = Break.NAME if text[start:end] in self._names else Break.TERM
            spans.append((start, end, level))
        if "บาท" in text or "สตางค์" in text:  # what an amount in words ends with
            for match in _BAHT_TEXT.finditer(text):
                spans.append((match.start(), match.end(), Break.WORD))
        if self._titles is not None:
            for match in self._titles.finditer(text):
                for start, end in _name(text, match.start(), match.end(), candidates, words):
                    spans.append((start, end, Break.NAME))
        for start, end, level in spans:
            for i in range(start + 1, end):
                if candidates.get(i, level) < level:
                    candidates[i] = level

    def _is_name(self, word: str) -> bool:
        """Whether ``word`` starts with a title that announces a name, as in running text."""
        match = self._titles.match(word) if self._titles is not None else None
        return match is not None and bool(_name(word, 0, match.end(), self._candidates(word), {}))


def _glued(text: str) -> list[int]:
    """Offsets where a line must never end: inside number tokens, after a word that introduces
    a number, and between a short number and the unit after it."""
    glued: list[int] = []
    if _ANY_DIGIT.search(text) is None:
        return glued  # each rule is about a number
    if "/" in text or "0" in text or "\u0e50" in text:  # each glued number has one
        for match in _GLUED_NUMBERS.finditer(text):
            glued.extend(range(match.start() + 1, match.end()))
    glued.extend(match.end() for match in _DOCUMENT_LABEL.finditer(text))
    before = _before_numbers()
    for match in _BEFORE_NUMBER.finditer(text):
        start = match.start()
        if start and (text.endswith(before, 0, start) or text[start - 1] == "."):
            glued.append(match.end())
    units = _units()
    for match in _SHORT_NUMBER.finditer(text):
        if len(match.group().rstrip()) <= _SHORT and text.startswith(units, match.end()):
            unit = next(u for u in units if text.startswith(u, match.end()))
            after = match.end() + len(unit)
            if (
                after == len(text)
                or not _is_thai_letter(text[after])
                # a longer word that starts with the unit still goes with the number (๘๐
                # คนในพื้นที่), unless it introduces a number itself (๒๕๖๘ วันที่ ๓๐)
                or not text.startswith(before, match.end())
                or _word_ends(text, match.end(), after)
            ):
                glued.append(match.end())
    return glued


def _word_ends(text: str, start: int, end: int) -> bool:
    """Whether a word of the Thai run at ``start`` ends at ``end`` (บาท in บาทถ้วน is no unit
    of ถ้วน; คน in คนละ is no unit)."""
    run = next(_thai_runs(text, start), None)
    if run is None or run[0] != start:
        return False
    safe, inside = _run_breaks(text[start : run[1]])
    return end - start in safe or end - start in inside


@cache
def _before_numbers() -> tuple[str, ...]:
    return tuple(sorted(lexicon("before_numbers"), key=len, reverse=True))


@cache
def _units() -> tuple[str, ...]:
    return tuple(sorted(lexicon("units"), key=len, reverse=True))


def _pieces(words: Iterable[str]) -> set[str]:
    """The space-separated parts of ``words`` (the breaker segments between spaces anyway)."""
    return {piece for word in words for piece in word.split() if len(piece) > 1}


def _name(
    text: str, start: int, end: int, candidates: dict[int, Break], words: dict[int, int]
) -> list[tuple[int, int]]:
    """The span of "title + given name" and the surname after it, if this is a name.

    A name ends at white space, or where one of the document's words that starts it ends.
    """
    n = len(text)
    # "ศ." in "พ.ศ." is the end of an abbreviation, not a title
    word_start = (
        start == 0
        or start in candidates
        or not (text[start - 1].isalnum() or text[start - 1] == ".")
        or _after_a_word(text, start, candidates)
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
    surname = given_end
    while surname < n and text[surname] == " ":
        surname += 1
    surname_end = words.get(surname) or _chunk_end(text, surname)
    if surname > given_end and 0 < surname_end - surname <= _NAME_MAX:
        return [(start, surname_end)]
    return [(start, given_end)]


def _after_a_word(text: str, start: int, candidates: dict[int, Break]) -> bool:
    """Whether the Thai letters just before ``start`` end a dictionary word that starts at
    the run's start or at a break: a title written against it starts a word of its own on
    one reading (บาท|นาย in บาทนายวันศักดิ์, which newmm reads บา|ทนาย)."""
    run = start
    while run > 0 and _is_thai_letter(text[run - 1]):
        run -= 1
    starts = [run, *(b for b in candidates if run < b < start)]
    return any(text[b:start] in _dictionary() for b in starts)


def _chunk_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and not is_glue(text[end]):
        end += 1
    return end
