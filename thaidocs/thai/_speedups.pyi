from collections.abc import Callable

class WordList:
    def __init__(self, words: list[str]) -> None: ...

class Ahead:
    def __init__(
        self,
        words: WordList,
        added: WordList,
        clusters: tuple[tuple[tuple[int, int, int], ...], ...],
        runs: list[str],
    ) -> None: ...
    def result(self, index: int) -> tuple[tuple[int, ...], tuple[int, ...]] | None: ...

def cluster_ends(
    words: WordList, added: WordList, text: str, valid: bytes | bytearray
) -> list[list[int]]: ...
def run_breaks(
    words: WordList,
    added: WordList,
    run: str,
    valid: bytearray,
    skip_end: Callable[[str, int, bytearray, list[list[int]]], int],
) -> tuple[tuple[int, ...], tuple[int, ...]]: ...
def find_words(words: tuple[str, ...], text: str) -> list[tuple[int, int]]: ...
def cluster_boundaries(
    pattern: tuple[tuple[tuple[int, int, int], ...], ...], text: str
) -> bytearray: ...
