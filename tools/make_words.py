#!/usr/bin/env python3
"""Write thaidocs/thai/data/words_th.txt from pythainlp's Thai word list.

Run it when pythainlp's list changes (a test compares the two). The list is sorted, one word a
line, in Windows-874 (TIS-620 with a few punctuation marks): one byte a Thai letter, a third of
its UTF-8 size, and decoded faster than a compressed copy is inflated. The same list always
gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from pythainlp.corpus import thai_words

from thaidocs.thai.dictionary import WORDS_ENCODING, WORDS_FILE

TARGET = Path(__file__).resolve().parent.parent / "thaidocs" / "thai" / "data" / WORDS_FILE


def main() -> None:
    text = "\n".join(sorted(thai_words()))
    TARGET.write_bytes(text.encode(WORDS_ENCODING))
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
