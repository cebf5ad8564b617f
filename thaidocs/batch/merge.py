"""Mail merge: one template document filled from each record, validated like any input.

Placeholders are Jinja2 (`{{ field }}`, filters, `{% if %}`), run in Jinja2's sandbox with
strict undefined names: a template cannot reach Python internals, and a field the record lacks
is an error naming the row and the field instead of an empty gap in an official letter.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thaidocs.batch.records import Record, normalise, read_records
from thaidocs.errors import InputError, Problem
from thaidocs.model import Document, from_dict
from thaidocs.model.load import read_data

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

Template = str | Path | Mapping[str, Any]
Records = str | Path | Iterable[Mapping[str, Any] | Record]

#: a string that is one expression and nothing else; its value may be a list, a date, …
_WHOLE = re.compile(r"^\s*\{\{-?(?P<expr>(?:(?!\{\{|\}\}|\{%|%\}).)*?)-?\}\}\s*$", re.S)
_MARKS = ("{{", "{%", "{#")


class RecordError(InputError):
    """A record that gave no document: its row (1 = the first data row) and every problem."""

    def __init__(self, row: int, problems: list[Problem]) -> None:
        self.row = row
        super().__init__(problems, f"row {row}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.row, self.problems))


@dataclass(frozen=True)
class Origin:
    """Where a merged document came from: its row and the record's fields."""

    row: int
    fields: Mapping[str, Any]


# id(document) -> its origin, for as long as the document lives (models are not hashable).
_ORIGINS: dict[int, Origin] = {}


def origin(doc: object) -> Origin | None:
    """The row and record a document was merged from, or None for any other document."""
    return _ORIGINS.get(id(doc))


@dataclass(frozen=True)
class _Slot:
    """A templated string of the template: where it is, the fields it reads, how to fill it."""

    path: str
    names: frozenset[str]
    fill: Callable[[Mapping[str, Any]], Any]


def merge(
    template: Template, records: Records, *, root: str | Path | None = None
) -> Iterator[Document | RecordError]:
    """One document per record, in order; a record that fails gives a RecordError instead.

    ``template`` is a document (a .yaml/.json/.toml path or a dict) whose strings may hold
    ``{{ field }}`` placeholders, in lists too; a string that is only ``{{ field }}`` takes the
    field's value as it is, so a field holding a list fills a whole block list, and one that
    is empty leaves the key out. ``records`` is a .csv, .xlsx or .jsonl path or any iterable
    of mappings. The template is checked at once: a syntax error raises InputError. With
    ``root``, files the documents refer to must lie inside that folder (as for `load`).
    """
    if isinstance(template, Mapping):
        data, base_dir, source = template, Path.cwd(), "template"
    else:
        path = Path(template)
        data, base_dir, source = read_data(path), path.resolve().parent, str(path)
        if not isinstance(data, Mapping):
            raise InputError([Problem("", "the template must be a mapping of keys")], source)
    env = _environment()
    problems: list[Problem] = []
    compiled = _compile(data, "", env, problems)
    if problems:
        raise InputError(problems, source)
    return _merged(compiled, read_records(records), base_dir, root)


def _merged(
    compiled: Any, records: Iterator[Record], base_dir: Path, root: str | Path | None
) -> Iterator[Document | RecordError]:
    for record in records:
        if record.problem is not None:
            yield RecordError(record.row, [record.problem])
            continue
        problems: list[Problem] = []
        used: dict[str, frozenset[str]] = {}
        data = _fill(compiled, record.fields, problems, used)
        if problems:
            yield RecordError(record.row, problems)
            continue
        try:
            doc = from_dict(data, base_dir=base_dir, root=root)
        except InputError as exc:
            yield RecordError(record.row, [_from_fields(p, used) for p in exc.problems])
            continue
        key = id(doc)
        _ORIGINS[key] = Origin(record.row, record.fields)
        weakref.finalize(doc, _ORIGINS.pop, key, None)
        yield doc


def _environment() -> SandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from thaidocs.thai import baht_text, format_number, to_thai_digits

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.filters.update(
        thai_date=_thai_date, thai_digits=to_thai_digits, number=format_number, baht_text=baht_text
    )
    return env


def _thai_date(value: Any, style: Any = "full") -> str:
    """A date (or date text, ISO or Thai) as official documents write it."""
    import datetime as dt

    from thaidocs.thai import format_date, parse_date

    day = value if isinstance(value, dt.date) else parse_date(str(value))
    return format_date(day, style)


def _compile(node: Any, path: str, env: SandboxedEnvironment, problems: list[Problem]) -> Any:
    if isinstance(node, Mapping):
        return {
            key: _compile(value, f"{path}.{key}" if path else str(key), env, problems)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_compile(value, f"{path}[{i}]", env, problems) for i, value in enumerate(node)]
    if isinstance(node, str) and any(mark in node for mark in _MARKS):
        try:
            return _slot(node, path, env)
        except Exception as exc:  # jinja2's TemplateSyntaxError, with its line and message
            problems.append(Problem(path, f"template: {exc}"))
    return node


def _slot(text: str, path: str, env: SandboxedEnvironment) -> _Slot:
    from jinja2 import meta

    names = meta.find_undeclared_variables(env.parse(text)) - set(env.globals)
    whole = _WHOLE.match(text)
    if whole:
        expression = env.compile_expression(whole["expr"], undefined_to_none=False)
        return _Slot(path, frozenset(names), lambda fields: _native(expression(**fields)))
    compiled = env.from_string(text)
    return _Slot(path, frozenset(names), compiled.render)


def _native(value: Any) -> Any:
    """An expression's value for the model; an undefined one raises its own message."""
    from jinja2 import Undefined

    if isinstance(value, Undefined):
        str(value)  # StrictUndefined raises UndefinedError saying what is undefined
    return normalise(value)


_DROP = object()


def _fill(
    node: Any, fields: Mapping[str, Any], problems: list[Problem], used: dict[str, frozenset[str]]
) -> Any:
    """The template with this record's values; an empty value drops its key or list item."""
    if isinstance(node, dict):
        filled = {key: _fill(value, fields, problems, used) for key, value in node.items()}
        return {key: value for key, value in filled.items() if value is not _DROP}
    if isinstance(node, list):
        items = [_fill(value, fields, problems, used) for value in node]
        return [item for item in items if item is not _DROP]
    if not isinstance(node, _Slot):
        return node
    missing = sorted(node.names - fields.keys())
    for name in missing:
        problems.append(Problem(node.path, f"the record has no field {name!r}"))
    if missing:
        return _DROP
    used[node.path] = node.names
    try:
        value = node.fill(fields)
    except Exception as exc:  # a filter's ValueError, a sandbox refusal, an undefined attribute
        problems.append(Problem(node.path, f"template: {exc}"))
        return _DROP
    if value is None or (isinstance(value, str) and not value.strip()):
        return _DROP
    return value


def _from_fields(problem: Problem, used: Mapping[str, frozenset[str]]) -> Problem:
    """The model's problem, naming the record fields its value came from."""
    path = problem.path
    for slot_path, names in used.items():
        if names and (path == slot_path or path.startswith((f"{slot_path}.", f"{slot_path}["))):
            fields = ", ".join(repr(name) for name in sorted(names))
            return Problem(path, f"{problem.message} (from the record's {fields})", problem.hint)
    return problem
