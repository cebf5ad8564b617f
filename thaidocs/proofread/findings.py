"""One finding of the proofreader: what is wrong, where, and what would be right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """A problem in a document's prose.

    ``path`` names the field as input errors do (``body[2].clauses[1].clauses[3]``; empty for
    the document as a whole). ``span`` is the offending text as it stands in that field and
    ``start`` its offset there (None when the finding concerns the whole field), so that
    ``text[start:start + len(span)]`` is ``span``. ``suggestion`` replaces ``span`` where the
    right text is known for sure; None otherwise.
    """

    level: Level
    code: str
    message: str
    path: str
    span: str = ""
    suggestion: str | None = None
    start: int | None = None

    def __str__(self) -> str:
        where = self.path or "(document)"
        fix = f" → {self.suggestion!r}" if self.suggestion is not None else ""
        shown = f" {self.span!r}" if self.span else ""
        return f"{self.level} {self.code} {where}:{shown}{fix} — {self.message}"
