"""Input data to model objects and back, every problem named by its field path.

A model class is a frozen msgspec Struct (a class costs microseconds to define, not the
milliseconds of a dataclass or a pydantic model, which a command pays at every start). Its
fields' annotations say what each takes: the type; msgspec ``Meta`` bounds (``min_length``,
``max_length``, ``gt``, ``ge``, ``lt``, ``le``, ``pattern``); a ``Before`` step on the raw
value (a Thai date read, one line taken as a list of lines, a path resolved) or an ``After``
step on the checked one; ``Choose`` for a union told apart by the value's shape; ``Schema``
for the JSON Schema of a field whose input is wider than its type.

Conversion checks every field and keeps going past a bad one, so that one error lists every
problem of the input (conversion libraries stop at the first). A class's rules across fields
(``_rules``) run once its fields are valid; those it can read off the input as given
(``_input_rules``) are also said when another field is wrong.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union

import msgspec

from thaidocs.errors import InputError, Problem
from thaidocs.model.bounds import field_path

S = TypeVar("S", bound="Record")

#: what a check returns for a value whose problems it has added to the conversion
INVALID: Any = object()

#: true while conversion builds an object from values it has checked
_BUILDING: ContextVar[bool] = ContextVar("building", default=False)

YES_NO = (
    "ค่า yes/no (true/false) ใช้แทนตัวเลขหรือข้อความไม่ได้ (a yes/no value where a number or "
    "text is meant; YAML reads yes, no, on and off as true/false: quote them or write the "
    "number)"
)
_TRUE = frozenset({"true", "yes", "on", "1", "t", "y"})
_FALSE = frozenset({"false", "no", "off", "0", "f", "n"})


class Expected(ValueError):
    """A value of the wrong kind: what was expected (which a union's error joins) and what
    came instead."""

    def __init__(self, expected: str, value: Any) -> None:
        self.expected = expected
        super().__init__(f"{expected} is expected, not {_shown(value)}")


def _wrong(expected: str, value: Any) -> ValueError:
    """The error of a value of the wrong kind; a true/false where none is meant says how YAML
    made one (of yes, no, on or off)."""
    return ValueError(YES_NO) if isinstance(value, bool) else Expected(expected, value)


class Before:
    """A step on the raw value before its type is checked; a ValueError names the problem.
    With ``context``, the step also receives the conversion (its folder, root and class)."""

    __slots__ = ("context", "step")

    def __init__(self, step: Callable[..., Any], *, context: bool = False) -> None:
        self.step = step
        self.context = context


class After:
    """A step on the value once its type is checked (with the conversion, for nested checks)."""

    __slots__ = ("step",)

    def __init__(self, step: Callable[[Any, Conversion, tuple[str | int, ...]], Any]) -> None:
        self.step = step


class Choose:
    """A union whose member the value's shape chooses: ``kind(value)`` is a key of
    ``members``, or None for a value of no known form, which ``message`` then explains."""

    __slots__ = ("kind", "members", "message")

    def __init__(
        self, kind: Callable[[Any], str | None], members: dict[str, Any], message: str
    ) -> None:
        self.kind = kind
        self.members = members
        self.message = message


class Schema:
    """The JSON Schema of a field whose input is wider than its type: it replaces the one
    the type would give."""

    __slots__ = ("schema",)

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema


class Hidden:
    """A field that is no input key (it is only there to refuse a key with a reason)."""


class Conversion:
    """One conversion: where relative paths resolve, the folder files must lie in, the
    class whose fields are being checked, and every problem found so far."""

    __slots__ = ("base_dir", "owner", "problems", "root")

    def __init__(self, base_dir: Path | None = None, root: Path | None = None) -> None:
        self.base_dir = base_dir if base_dir is not None else Path.cwd()
        self.root = root
        self.owner: type[Record] | None = None
        self.problems: list[Problem] = []

    def add(self, path: tuple[str | int, ...], message: str, hint: str = "") -> None:
        self.problems.append(Problem(field_path(list(path)), message, hint))


Check = Callable[[Any, Conversion, tuple[str | int, ...]], Any]


class Record(msgspec.Struct, frozen=True, kw_only=True, weakref=True):
    """A model object: checked when made directly, and by :func:`convert` from input data."""

    #: whether text values lose their leading and trailing white space
    strip_text: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if _BUILDING.get():
            return
        conversion = Conversion()
        _check_fields(self, conversion, ())
        if conversion.problems:
            raise InputError(conversion.problems)

    def _rules(self) -> list[tuple[str, str]]:
        """Problems across fields, as (field, message); the field may be "" for the whole."""
        return self._input_rules(msgspec.structs.asdict(self))

    @classmethod
    def _input_rules(cls, data: Mapping[Any, Any]) -> list[tuple[str, str]]:
        """The rules across fields that read the input as given, whatever its values: said
        beside the problems of other fields, not only once those are mended."""
        return []

    def __reduce__(self) -> tuple[Any, ...]:
        """Unpickled (in a worker of ``render_many``) as it was, not checked again: it was
        checked when it was made, and its files then."""
        return (_remade, (type(self), msgspec.structs.asdict(self)))


def _remade(cls: type[S], values: dict[str, Any]) -> S:
    return made_valid(cls, **values)


def convert(cls: type[S], data: Any, conversion: Conversion) -> S:
    """``data`` as a ``cls``; every problem is added to ``conversion`` and raises at the end."""
    value = _struct_check(cls)(data, conversion, ())
    if conversion.problems or value is INVALID:
        raise InputError(conversion.problems)
    result: S = value
    return result


def nested(
    cls: type[Record], data: Any, conversion: Conversion, path: tuple[str | int, ...]
) -> bool:
    """Whether ``data`` makes a valid ``cls`` (problems added under ``path``): a field that
    holds another class's input as plain data, such as the layout spec's overrides."""
    return _run(_struct_check(cls), data, conversion, path) is not INVALID


def made_valid(cls: type[S], **values: Any) -> S:
    """An object from values known to be valid (the house defaults), not checked again."""
    token = _BUILDING.set(True)
    try:
        return cls(**values)
    finally:
        _BUILDING.reset(token)


def _check_fields(obj: Record, conversion: Conversion, path: tuple[str | int, ...]) -> None:
    """A directly made object's fields checked (and normalised) in place, then its rules."""
    values = _checked(type(obj), msgspec.structs.asdict(obj), conversion, path)
    if values is None:
        return
    for name, value in values.items():
        if value is not getattr(obj, name):
            msgspec.structs.force_setattr(obj, name, value)
    _apply_rules(obj, conversion, path)


def _checked(
    cls: type[Record], data: Mapping[Any, Any], conversion: Conversion, path: tuple[str | int, ...]
) -> dict[str, Any] | None:
    """``data``'s values checked as ``cls``'s fields, or None once a problem is added: each
    required field present, no unknown key."""
    plan = _plan(cls)
    owner, conversion.owner = conversion.owner, cls
    values: dict[str, Any] = {}
    ok = True
    for name, (check, required) in plan.items():
        if name in data:
            item = _run(check, data[name], conversion, (*path, name))
            if item is INVALID:
                ok = False
            else:
                values[name] = item
        elif required:
            conversion.add((*path, name), "required")
            ok = False
    for key in data:
        if not isinstance(key, str) or key not in plan:
            conversion.add((*path, str(key)), "unknown key", _did_you_mean(str(key), cls))
            ok = False
    conversion.owner = owner
    if ok:
        return values
    said = {p.path for p in conversion.problems}
    for field, message in cls._input_rules(data):
        where = (*path, field) if field else path
        if field_path(list(where)) not in said:
            conversion.add(where, message)
    return None


def _apply_rules(obj: Record, conversion: Conversion, path: tuple[str | int, ...]) -> bool:
    found = obj._rules()
    for field, message in found:
        conversion.add((*path, field) if field else path, message)
    return not found


def _run(check: Check, value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    try:
        return check(value, conversion, path)
    except ValueError as exc:
        conversion.add(path, str(exc))
        return INVALID


# --- classes -----------------------------------------------------------------------------

_PLANS: dict[type, dict[str, tuple[Check, bool]]] = {}


def _plan(cls: type[Record]) -> dict[str, tuple[Check, bool]]:
    """Each field's check and whether it is required, built on the class's first use."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = {
            f.name: (
                checker(f.type, strip=cls.strip_text),
                f.default is msgspec.NODEFAULT and f.default_factory is msgspec.NODEFAULT,
            )
            for f in msgspec.structs.fields(cls)
        }
        _PLANS[cls] = plan
    return plan


@cache
def input_fields(cls: type[Record]) -> tuple[msgspec.structs.FieldInfo, ...]:
    """The fields an input may give (not the hidden ones). Kept per class: msgspec resolves
    a class's annotations anew at each ``fields`` call (about 0.1 ms), and proofreading and
    ``to_json`` ask for every object's."""
    return tuple(
        f
        for f in msgspec.structs.fields(cls)
        if not any(isinstance(m, Hidden) for m in _metadata(f.type))
    )


def _metadata(annotation: Any) -> tuple[Any, ...]:
    return getattr(annotation, "__metadata__", ()) if _origin(annotation) is Annotated else ()


def _origin(annotation: Any) -> Any:
    return typing.get_origin(annotation)


def _struct_check(cls: type[Record]) -> Check:
    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise Expected("a mapping of keys", value)
        values = _checked(cls, value, conversion, path)
        if values is None:
            return INVALID
        obj = made_valid(cls, **values)
        return obj if _apply_rules(obj, conversion, path) else INVALID

    return check


def _did_you_mean(key: str, cls: type[Record]) -> str:
    import difflib  # only for this hint, not at every start

    close = difflib.get_close_matches(key, [f.name for f in input_fields(cls)], n=1)
    return f"did you mean {close[0]!r}?" if close else ""


# --- types -------------------------------------------------------------------------------

_CHECKERS: dict[tuple[Any, bool], Check] = {}


def checker(annotation: Any, *, strip: bool) -> Check:
    """The check of a value against ``annotation``; built once per annotation."""
    key = (annotation, strip)
    found = _CHECKERS.get(key)
    if found is None:
        found = _CHECKERS[key] = _build(annotation, strip)
    return found


def _build(annotation: Any, strip: bool) -> Check:
    origin = _origin(annotation)
    if origin is Annotated:
        return _annotated(annotation, strip)
    if annotation is Any:
        return _any
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _struct_check(annotation)
    if origin in (Union, types.UnionType):
        return _union(typing.get_args(annotation), strip)
    if origin is Literal:
        return _literal(typing.get_args(annotation))
    if origin is list:
        return _list(checker(typing.get_args(annotation)[0], strip=strip), list)
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) == 2 and args[1] is Ellipsis:
            return _list(checker(args[0], strip=strip), tuple)
        return _fixed([checker(arg, strip=strip) for arg in args])
    if origin is dict:
        key_type, value_type = typing.get_args(annotation)
        return _dict(checker(key_type, strip=strip), checker(value_type, strip=strip))
    if annotation is str:
        return _text_stripped if strip else _text
    leaf = _LEAVES.get(annotation)
    if leaf is None:
        raise TypeError(f"no check for fields of type {annotation!r}")
    return leaf


def _annotated(annotation: Any, strip: bool) -> Check:
    metadata = annotation.__metadata__
    choose = next((meta for meta in metadata if isinstance(meta, Choose)), None)
    # a union told apart by shape checks its chosen member alone, not the union
    if choose is not None:
        inner = _choose(choose, strip)
    else:
        inner = checker(annotation.__origin__, strip=strip)
    steps: list[Check] = []
    for meta in metadata:
        if isinstance(meta, Before):
            steps.insert(0, _before(meta))
        elif isinstance(meta, msgspec.Meta):
            inner = _bounded(inner, meta)
        elif isinstance(meta, After):
            inner = _after(inner, meta)
    for step in steps:
        inner = _then(step, inner)
    return inner


def _before(meta: Before) -> Check:
    step = meta.step
    if meta.context:
        return lambda value, conversion, path: step(value, conversion)
    return lambda value, conversion, path: step(value)


def _then(first: Check, then: Check) -> Check:
    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        return then(first(value, conversion, path), conversion, path)

    return check


def _after(inner: Check, meta: After) -> Check:
    step = meta.step

    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        value = inner(value, conversion, path)
        return value if value is INVALID else step(value, conversion, path)

    return check


def _bounded(inner: Check, meta: msgspec.Meta) -> Check:
    tests: list[Callable[[Any], str | None]] = []
    if meta.min_length is not None:
        tests.append(_min_length(meta.min_length))
    if meta.max_length is not None:
        tests.append(_max_length(meta.max_length))
    for name, holds, words in _COMPARISONS:
        bound = getattr(meta, name)
        if bound is not None:
            tests.append(_compare(bound, holds, words))
    if meta.pattern is not None:
        import re  # a pattern is rare: the layout spec's colours

        pattern = re.compile(meta.pattern)
        tests.append(
            lambda v: None if pattern.search(v) else f"{v!r} does not match {pattern.pattern}"
        )

    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        value = inner(value, conversion, path)
        if value is INVALID:
            return value
        for test in tests:
            message = test(value)
            if message:
                raise ValueError(message)
        return value

    return check


def _min_length(n: int) -> Callable[[Any], str | None]:
    def test(value: Any) -> str | None:
        if len(value) >= n:
            return None
        if isinstance(value, str):
            return "must not be empty" if n == 1 else f"at least {n} characters"
        return "at least one item is required" if n == 1 else f"at least {n} items are required"

    return test


def _max_length(n: int) -> Callable[[Any], str | None]:
    def test(value: Any) -> str | None:
        if len(value) <= n:
            return None
        return f"at most {n} {'characters' if isinstance(value, str) else 'items'}"

    return test


_COMPARISONS: tuple[tuple[str, Callable[[Any, Any], bool], str], ...] = (
    ("gt", lambda v, b: v > b, "greater than"),
    ("ge", lambda v, b: v >= b, "at least"),
    ("lt", lambda v, b: v < b, "less than"),
    ("le", lambda v, b: v <= b, "at most"),
)


def _compare(
    bound: Any, holds: Callable[[Any, Any], bool], words: str
) -> Callable[[Any], str | None]:
    return lambda v: None if holds(v, bound) else f"must be {words} {bound}"


def _choose(meta: Choose, strip: bool) -> Check:
    members = {tag: checker(member, strip=strip) for tag, member in meta.members.items()}

    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        tag = meta.kind(value)
        if tag is None:
            raise ValueError(meta.message)
        return members[tag](value, conversion, path)

    return check


def _union(members: tuple[Any, ...], strip: bool) -> Check:
    optional = type(None) in members
    checks = [checker(m, strip=strip) for m in members if m is not type(None)]
    if len(checks) == 1:
        (only,) = checks

        def check_optional(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
            return None if value is None else only(value, conversion, path)

        return check_optional

    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        if value is None and optional:
            return None
        failures: list[ValueError] = []
        for member in checks:
            trial = Conversion(conversion.base_dir, conversion.root)
            try:
                result = member(value, trial, path)
            except ValueError as exc:
                failures.append(exc)
                continue
            if result is not INVALID:
                return result
            failures += [ValueError(p.message) for p in trial.problems]
        expected = [f.expected for f in failures if isinstance(f, Expected)]
        if len(expected) == len(failures):
            raise Expected(" or ".join(expected), value)
        raise ValueError("; or ".join(dict.fromkeys(str(f) for f in failures)))

    return check


def _literal(choices: tuple[Any, ...]) -> Check:
    expected = " or ".join(repr(c) for c in choices)
    if len(choices) > 2:
        expected = ", ".join(repr(c) for c in choices[:-1]) + f" or {choices[-1]!r}"
    takes_bool = any(isinstance(c, bool) for c in choices)

    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        for choice in choices:
            if value == choice and type(value) is type(choice):
                return choice
        raise _wrong(expected, value) if not takes_bool else Expected(expected, value)

    return check


def _list(item: Check, kind: type[list[Any]] | type[tuple[Any, ...]]) -> Check:
    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        if not isinstance(value, list | tuple):
            raise _wrong("a list", value)
        out = [_run(item, v, conversion, (*path, i)) for i, v in enumerate(value)]
        if any(v is INVALID for v in out):
            return INVALID
        return out if kind is list else tuple(out)

    return check


def _fixed(items: list[Check]) -> Check:
    """A tuple of so many values, each of its own type."""

    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        if not isinstance(value, list | tuple) or len(value) != len(items):
            raise _wrong(f"a list of {len(items)} values", value)
        pairs = enumerate(zip(items, value, strict=True))
        out = tuple(_run(c, v, conversion, (*path, i)) for i, (c, v) in pairs)
        return INVALID if any(v is INVALID for v in out) else out

    return check


def _dict(key: Check, item: Check) -> Check:
    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        if not isinstance(value, Mapping):
            raise Expected("a mapping of keys", value)
        out = {}
        ok = True
        for k, v in value.items():
            name = _run(key, k, conversion, (*path, str(k), "[key]"))
            checked = _run(item, v, conversion, (*path, str(k)))
            if name is INVALID or checked is INVALID:
                ok = False
            else:
                out[name] = checked
        return out if ok else INVALID

    return check


def _any(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    return value


def _text(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    if isinstance(value, str):
        return value
    raise _wrong("text", value)


def _text_stripped(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    return _text(value, conversion, path).strip()


def _numbers(expected: str, make: Callable[[Any], Any]) -> Check:
    """A number read by ``make`` from a number or its text; finite, never a yes/no."""

    def check(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise _wrong(expected, value)
        try:
            number = make(value.strip() if isinstance(value, str) else value)
        except (ValueError, ArithmeticError):  # not a number, a fraction, too large a float
            raise Expected(expected, value) from None
        if not Decimal(number).is_finite():
            raise Expected("a finite number", value)
        return number

    return check


def _whole(value: str | int | float | Decimal) -> int:
    """An integer from text (any script's digits) or a number without a fraction."""
    if isinstance(value, str):
        return int(value)
    number = int(value)
    if number != value:
        raise ValueError(f"{value} has a fraction")
    return number


def _decimal(value: str | int | float | Decimal) -> Decimal:
    """A decimal as written: a float by its shortest text (1500.5, not its binary value)."""
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _bool(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str | int) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Expected("true or false", value)


def _path(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    if isinstance(value, Path):
        return value
    if isinstance(value, str) and value:
        return Path(value)
    raise _wrong("a file path", value)


def _date(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise _wrong("a date", value)


def _time(value: Any, conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    if isinstance(value, dt.time):
        return value
    raise _wrong("a time of day", value)


_LEAVES: dict[Any, Check] = {
    int: _numbers("a whole number", _whole),
    float: _numbers("a number", float),
    Decimal: _numbers("a number", _decimal),
    bool: _bool,
    Path: _path,
    dt.date: _date,
    dt.time: _time,
}


def _shown(value: Any) -> str:
    """A value as an error shows it: text quoted, a number as itself, a container by kind."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float | Decimal | dt.date | dt.time):
        text = repr(value) if isinstance(value, str) else str(value)
        return text if len(text) <= 40 else text[:37] + "…"
    return type(value).__name__


# --- back to data ------------------------------------------------------------------------


def to_data(obj: Any, *, omit_defaults: bool = False) -> Any:
    """A model object as JSON-ready data (dates and times in ISO form, paths and decimals as
    text); with ``omit_defaults``, fields at their default are left out, as an input would."""
    if isinstance(obj, Record):
        out = {}
        for f in input_fields(type(obj)):
            value = getattr(obj, f.name)
            if omit_defaults and _is_default(value, f):
                continue
            out[f.name] = to_data(value, omit_defaults=omit_defaults)
        return out
    if isinstance(obj, list | tuple):
        return [to_data(v, omit_defaults=omit_defaults) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v, omit_defaults=omit_defaults) for k, v in obj.items()}
    if isinstance(obj, dt.date | dt.time):
        return obj.isoformat()
    if isinstance(obj, Path | Decimal):
        return str(obj)
    return obj


def _is_default(value: Any, f: msgspec.structs.FieldInfo) -> bool:
    if f.default is not msgspec.NODEFAULT:
        return bool(value == f.default)
    if f.default_factory is not msgspec.NODEFAULT:
        return bool(value == _factory_default(f.default_factory))
    return False


@cache
def _factory_default(factory: Callable[[], Any]) -> Any:
    """What a default factory makes, made once to compare with (never handed out): the
    options' factory checks what it makes."""
    return factory()
