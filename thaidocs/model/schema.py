"""The JSON Schema of the input format, read off the model's annotations.

Editors use it to complete and check YAML files; it says what conversion accepts, so a field
with a ``Schema`` (a date that may be Thai text, one line or a list of lines) shows its wider
input form rather than its type.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import msgspec

from thaidocs.model.convert import Choose, Record, Schema, input_fields

_LEAVES: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    Decimal: {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[+-]?\d*\.?\d+$"}]},
    Path: {"type": "string", "format": "path"},
    dt.date: {"type": "string", "format": "date"},
    dt.time: {"type": "string", "format": "time"},
}
#: a ``Meta`` bound and its schema keyword, for text, lists and numbers
_LENGTHS = {"min_length": ("minLength", "minItems"), "max_length": ("maxLength", "maxItems")}
_NUMBERS = {"gt": "exclusiveMinimum", "ge": "minimum", "lt": "exclusiveMaximum", "le": "maximum"}


def document_schema(types_by_name: Mapping[str, type[Record]]) -> dict[str, Any]:
    """One schema for every document type, told apart by its ``type`` key."""
    defs: dict[str, Any] = {}
    for cls in types_by_name.values():
        _ref(cls, defs)
    for cls in types_by_name.values():  # a file must say its type, though objects need not
        defs[cls.__name__]["required"].insert(0, "type")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "thaidocs document",
        "oneOf": [{"$ref": f"#/$defs/{cls.__name__}"} for cls in types_by_name.values()],
        "discriminator": {
            "propertyName": "type",
            "mapping": {name: f"#/$defs/{cls.__name__}" for name, cls in types_by_name.items()},
        },
        "$defs": dict(sorted(defs.items())),
    }


def _ref(cls: type[Record], defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # a class that holds itself (a clause's clauses) refers to this
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in input_fields(cls):
            prop = {"title": f.name.replace("_", " ").title(), **_schema(f.type, defs)}
            if f.default is not msgspec.NODEFAULT:
                prop["default"] = f.default if not isinstance(f.default, tuple) else list(f.default)
            elif f.default_factory is msgspec.NODEFAULT:
                required.append(f.name)
            properties[f.name] = prop
        schema: dict[str, Any] = {"type": "object", "title": name}
        if cls.__doc__ and "__doc__" in vars(cls):
            schema["description"] = cls.__doc__.strip()
        schema |= {"properties": properties, "required": required, "additionalProperties": False}
        defs[name] = schema
    return {"$ref": f"#/$defs/{name}"}


def _schema(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _annotated(annotation, defs)
    if annotation is Any:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _ref(annotation, defs)
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema(arg, defs) for arg in typing.get_args(annotation)]}
    if annotation is type(None):
        return {"type": "null"}
    if origin is Literal:
        choices = list(typing.get_args(annotation))
        kind = {"type": "string"} if all(isinstance(c, str) for c in choices) else {}
        return {"const": choices[0], **kind} if len(choices) == 1 else {"enum": choices, **kind}
    args = typing.get_args(annotation)
    if origin is list or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        return {"type": "array", "items": _schema(args[0], defs)}
    if origin is tuple:
        items = [_schema(arg, defs) for arg in args]
        return {"type": "array", "prefixItems": items, "minItems": len(args), "maxItems": len(args)}
    if origin is dict:
        values = _schema(args[1], defs)
        schema = {"type": "object", "additionalProperties": values or True}
        keys = _schema(args[0], defs)
        return schema | ({"propertyNames": keys} if "enum" in keys else {})
    return dict(_LEAVES[annotation])


def _annotated(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    metadata = annotation.__metadata__
    for meta in metadata:
        if isinstance(meta, Schema):
            return dict(meta.schema)
        if isinstance(meta, Choose):
            return {"oneOf": [_schema(m, defs) for m in meta.members.values()]}
    schema = _schema(annotation.__origin__, defs)
    for meta in metadata:
        if isinstance(meta, msgspec.Meta):
            schema |= _bounds(meta, schema)
    return schema


def _bounds(meta: msgspec.Meta, schema: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (text, items) in _LENGTHS.items():
        bound = getattr(meta, name)
        if bound is not None:
            out[items if schema.get("type") == "array" else text] = bound
    for name, keyword in _NUMBERS.items():
        bound = getattr(meta, name)
        if bound is not None:
            out[keyword] = bound
    if meta.pattern is not None:
        out["pattern"] = meta.pattern
    return out
