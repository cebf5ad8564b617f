"""Reading input: files and dicts to a validated model, with every problem in one error."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from thaidocs.errors import InputError, Problem
from thaidocs.model.bounds import MAX_DEPTH, MAX_DIGITS, MAX_INPUT_BYTES, raw_problems
from thaidocs.model.convert import Conversion, convert
from thaidocs.model.document import DOCUMENT_TYPES, Document
from thaidocs.model.files import FileRefused, read_regular
from thaidocs.model.yaml_input import InputShapeError, load_yaml

#: what the public functions take as a document: a model, a mapping, or a file's path
DocumentSource = Document | Mapping[str, Any] | str | Path

_SUFFIXES = (".yaml", ".yml", ".json", ".toml")


def load(path: str | Path, *, root: str | Path | None = None) -> Document:
    """Read a YAML, JSON or TOML file into its document model; paths inside resolve next to it.

    With ``root``, every file the document refers to (signatures, emblem, fonts) must lie
    inside that folder; any other is refused.
    """
    path = Path(path)
    return from_dict(read_data(path), base_dir=path.resolve().parent, source=str(path), root=root)


def read_data(path: str | Path) -> Any:
    """The data of a YAML, JSON or TOML file before validation (a merge template is one)."""
    path = Path(path)
    source = str(path)
    if path.suffix.lower() not in _SUFFIXES:
        raise InputError(
            [Problem("", f"unknown file type {path.suffix!r}", "use .yaml, .yml, .json or .toml")],
            source,
        )
    try:
        raw = read_regular(path, MAX_INPUT_BYTES)
    except FileRefused as exc:
        raise InputError([Problem("", str(exc))], source) from None
    return _parse(raw, path.suffix.lower(), source)


def as_document(source: DocumentSource, *, root: str | Path | None = None) -> Document:
    """A model as it is, a mapping validated, or a file path loaded."""
    if isinstance(source, str | Path):
        return load(source, root=root)
    if isinstance(source, Mapping):
        return from_dict(source, root=root)
    return source


def _json_int(text: str) -> int | Decimal:
    """A JSON integer; one too long to be a plain number is kept for the bounds to refuse."""
    return int(text) if len(text) <= MAX_DIGITS else Decimal(text)


def _json_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse(raw: bytes, suffix: str, source: str) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(f"line {line}", "the file is not UTF-8 text", "save it as UTF-8")], source
        ) from None
    try:
        if suffix == ".json":
            return json.loads(text, parse_int=_json_int, parse_constant=_json_constant)
        if suffix == ".toml":
            import tomllib  # only for a TOML file: most inputs are YAML

            return tomllib.loads(text)
        return load_yaml(text)
    except RecursionError:
        problem = Problem("", f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
    except json.JSONDecodeError as exc:
        problem = Problem(f"line {exc.lineno}", f"JSON syntax: {exc.msg} (column {exc.colno})")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc)
        column = f" (column {mark.column + 1})" if mark is not None else ""
        kind = "YAML" if isinstance(exc, InputShapeError) else "YAML syntax"
        problem = Problem(where, f"{kind}: {what}{column}")
    except ValueError as exc:  # TOML syntax, a number too long to read, a JSON NaN
        toml = sys.modules.get("tomllib")  # a TOML error comes only once it is imported
        if toml is not None and isinstance(exc, toml.TOMLDecodeError):
            toml_line = getattr(exc, "lineno", None)
            where = f"line {toml_line}" if toml_line else ""
            problem = Problem(where, f"TOML syntax: {exc}")
        else:
            problem = Problem("", f"a value cannot be read: {exc}")
    raise InputError([problem], source)


def from_dict(
    data: Mapping[str, Any],
    *,
    base_dir: str | Path | None = None,
    source: str | None = None,
    root: str | Path | None = None,
) -> Document:
    """Validate a mapping as a document; relative paths resolve against ``base_dir``.

    With ``root``, every file the document refers to must lie inside that folder.
    """
    if not isinstance(data, Mapping):
        raise InputError(
            [Problem("", f"the document must be a mapping of keys, not {type(data).__name__}")],
            source,
        )
    out_of_bounds = raw_problems(data)
    if out_of_bounds:
        raise InputError(out_of_bounds, source)
    kind = data.get("type")
    cls = DOCUMENT_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        message = "required" if kind is None else f"unknown document type {kind!r}"
        raise InputError([Problem("type", message, "one of " + ", ".join(DOCUMENT_TYPES))], source)
    conversion = Conversion(
        Path(base_dir) if base_dir is not None else None, Path(root) if root is not None else None
    )
    try:
        document: Document = convert(cls, data, conversion)
    except InputError as exc:
        raise InputError(exc.problems, source) from None
    return document


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the input format (editors use it to complete YAML files)."""
    from thaidocs.model.schema import document_schema

    return document_schema(DOCUMENT_TYPES)
