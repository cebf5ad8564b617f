"""Every text field of a document, with the path input errors use for it.

The walk follows the model's own fields rather than a list kept here, so a field added to the
model is proofread without a change in this package. Fixed vocabularies (document type,
salutation, acting phrase, level) and options are not prose and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from thaidocs.model.convert import Record, input_fields

#: what a field holds, which decides the checks that apply to it
Kind = Literal["prose", "name", "position", "label", "number", "contact"]

_KINDS: dict[str, Kind] = {
    "agency": "name",
    "unit": "name",
    "owner_unit": "name",
    "owner": "name",
    "holder": "name",
    "initials": "name",
    "session": "number",
    "name": "name",
    "to": "name",
    "position": "position",
    "acting_for": "position",
    "role": "label",
    "closing": "label",
    "participation_labels": "label",
    "number": "number",
    "phone": "contact",
    "fax": "contact",
    "email": "contact",
}
_SKIPPED = frozenset({"type", "salutation", "acting", "level", "urgency", "secrecy", "options"})
#: walked after the header fields, in this order, so findings read top to bottom
_LATE = ("body", "sections", "activities", "signers")


@dataclass(frozen=True)
class TextField:
    """One piece of input text to proofread, with the path of the field it came from."""

    path: str
    text: str
    kind: Kind


def text_fields(model: Record) -> Iterator[TextField]:
    """The model's text fields in reading order: header, body, tables, signers."""
    yield from _walk_model(model, "")


def _field_order(name: str) -> int:
    return _LATE.index(name) + 1 if name in _LATE else 0


def _walk_model(model: Record, prefix: str) -> Iterator[TextField]:
    names = sorted((f.name for f in input_fields(type(model))), key=_field_order)
    for name in names:
        if name in _SKIPPED:
            continue
        path = f"{prefix}.{name}" if prefix else name
        yield from _walk_value(getattr(model, name, None), path, _KINDS.get(name, "prose"))


def _walk_value(value: object, path: str, kind: Kind) -> Iterator[TextField]:
    if isinstance(value, str):
        yield TextField(path, value, kind)
    elif isinstance(value, Record):
        yield from _walk_model(value, path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk_value(item, f"{path}[{index}]", kind)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_value(item, f"{path}.{key}", kind)
