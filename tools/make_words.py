#!/usr/bin/env python3
"""Write thaidocs/thai/data/words_th.txt.gz from pythainlp's Thai word list.

Run it when pythainlp's list changes (a test compares the two). The list is sorted, one word a
line, and compressed without a timestamp, so the same list always gives the same bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from pythainlp.corpus import thai_words

TARGET = Path(__file__).resolve().parent.parent / "thaidocs" / "thai" / "data" / "words_th.txt.gz"


def main() -> None:
    text = "\n".join(sorted(thai_words()))
    TARGET.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
