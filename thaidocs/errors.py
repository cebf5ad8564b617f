"""Errors a user can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One invalid field: where it is, what is wrong, and what would be right."""

    path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.path or "(document)"
        return f"{where}: {self.message}" + (f" — {self.hint}" if self.hint else "")


class InputError(ValueError):
    """Invalid input: lists every problem found, each with its field path."""

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        head = f"{source}: " if source else ""
        count = len(problems)
        lines = [f"{head}{count} problem{'s' if count != 1 else ''} in the input:"]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


class SigningError(Exception):
    """Signing or verifying cannot go on: a key that does not open, an expired certificate,
    no empty field. The message says what to do; it never holds a password."""
