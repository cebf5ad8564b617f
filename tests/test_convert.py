"""Input data to model objects: every value checked, every problem named, objects made directly
checked the same way."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from conftest import SAMPLE_DIR as SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

import thaidocs
from thaidocs import InputError, LayoutSpec, Signer
from thaidocs.model.convert import to_data

_BASES = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in SAMPLES.glob("*.yaml")
}
#: any value YAML or JSON can give: scalars of every kind, lists and mappings of them
_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``data`` a value sits, as keys and indexes from the top."""
    found = [at] if at else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*at, index))
    return found


@settings(max_examples=300, deadline=None)
@given(base=st.sampled_from(sorted(_BASES)), pick=st.integers(0, 10**6), value=_VALUES)
def test_any_value_anywhere_gives_a_model_or_an_input_error_naming_its_field(
    base: str, pick: int, value: Any
) -> None:
    data = copy.deepcopy(_BASES[base])
    places = _paths(data)
    *parent_keys, last = places[pick % len(places)]
    parent = data
    for key in parent_keys:
        parent = parent[key]
    parent[last] = value
    try:
        thaidocs.from_dict(data, base_dir=SAMPLES)
    except InputError as exc:
        assert exc.problems
        assert all(p.path and p.message for p in exc.problems), exc.problems


_SPEC_FIELDS = sorted(f.name for f in msgspec.structs.fields(LayoutSpec))


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(_SPEC_FIELDS), value=_VALUES | st.integers() | st.decimals())
def test_any_value_in_a_layout_spec_made_directly_is_taken_or_refused_by_name(
    name: str, value: Any
) -> None:
    try:
        LayoutSpec(**{name: value})
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert {p.path for p in exc.problems} <= {name, ""} | {
            p.path for p in exc.problems if p.path.startswith(f"{name}[")
        }


def test_a_signer_made_directly_is_checked_and_its_text_normalised() -> None:
    signer = Signer(name="  นายสมชาย ใจดี ", position="ผู้อำนวยการ")  # type: ignore[arg-type]
    assert signer.name == "นายสมชาย ใจดี"
    assert signer.position == ["ผู้อำนวยการ"]
    with pytest.raises(InputError) as caught:
        Signer(name="", position=[], acting="รักษาราชการแทน")
    assert [p.path for p in caught.value.problems] == ["name", "position", "acting_for"]


def test_a_document_made_directly_takes_made_parts_and_refuses_wrong_ones() -> None:
    signer = Signer(name="นายสมชาย ใจดี", position=["อธิบดี"])
    doc = thaidocs.Announcement(
        agency="กรมการปกครอง",
        subject="ทดสอบ",
        date="๓๐ ตุลาคม ๒๕๖๗",  # type: ignore[arg-type]
        signers=[signer],
    )
    assert doc.date == dt.date(2024, 10, 30) and doc.signers[0] is signer
    with pytest.raises(InputError, match="signers"):
        replace(doc, signers=[])


def test_objects_are_frozen() -> None:
    signer = Signer(name="นายสมชาย ใจดี", position=["อธิบดี"])
    with pytest.raises(AttributeError):
        signer.name = "นายอื่น"  # type: ignore[misc]


def test_a_layout_spec_made_directly_is_checked_across_its_fields() -> None:
    assert LayoutSpec(date_line_indent=4).date_line_indent == 4.0
    with pytest.raises(InputError, match="text width"):
        LayoutSpec(margin_left=15, margin_right=5)
    with pytest.raises(InputError) as caught:
        LayoutSpec(body_size="large", mark_color="red")  # type: ignore[arg-type]
    assert [p.path for p in caught.value.problems] == ["body_size", "mark_color"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"pdfa": "1b"}, "options.pdfa: '3u' or '2u' or true or false is expected, not '1b'"),
        ({"digits": "roman"}, "options.digits: 'thai' or 'arabic' is expected, not 'roman'"),
        ({"font": 5}, "options.font: text is expected, not 5"),
        ({"catchword": "maybe"}, "options.catchword: true or false is expected, not 'maybe'"),
    ],
)
def test_an_error_says_what_was_expected_and_what_came(
    options: dict[str, Any], message: str
) -> None:
    data = copy.deepcopy(_BASES["announcement"])
    data["options"] = options
    with pytest.raises(InputError) as caught:
        thaidocs.from_dict(data, base_dir=SAMPLES)
    assert [str(p) for p in caught.value.problems] == [message]


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"subject": True}, "subject"),
        ({"date": False}, "date"),
        ({"signers": [{"name": "นายสมชาย ใจดี", "position": True}]}, "signers[0].position"),
        ({"options": {"digits": True}}, "options.digits"),
        ({"options": {"emblem": True}}, "options.emblem"),
    ],
)
def test_a_yes_or_no_where_none_is_meant_says_how_yaml_read_it(
    changes: dict[str, Any], path: str
) -> None:
    data = {**copy.deepcopy(_BASES["announcement"]), **changes}
    with pytest.raises(InputError) as caught:
        thaidocs.from_dict(data, base_dir=SAMPLES)
    (problem,) = caught.value.problems
    assert problem.path == path
    assert "YAML reads yes, no, on and off as true/false" in problem.message


def test_a_rule_across_fields_is_said_beside_another_field_s_problem_at_any_depth() -> None:
    minutes = copy.deepcopy(_BASES["minutes"])
    minutes["recorder"] = {"position": "เลขานุการ", "acting": "รักษาราชการแทน"}
    with pytest.raises(InputError) as caught:
        thaidocs.from_dict(minutes, base_dir=SAMPLES)
    assert [str(p) for p in caught.value.problems] == [
        "recorder.name: required",
        "recorder.acting_for: required with acting (รักษาราชการแทน)",
    ]


def test_numbers_may_be_written_in_thai_digits() -> None:
    data = copy.deepcopy(_BASES["order"])
    data["number"] = "๑๒"
    order = thaidocs.from_dict(data, base_dir=SAMPLES)
    assert isinstance(order, thaidocs.Order) and order.number == 12


def test_a_pickled_document_comes_back_equal_without_its_files_read_again(
    tmp_path: Path,
) -> None:
    emblem = tmp_path / "emblem.png"
    emblem.write_bytes((SAMPLES.parent / "docs" / "previews" / "memo.png").read_bytes())
    data = copy.deepcopy(_BASES["plan"])
    data["options"] = {"emblem": str(emblem)}
    doc = thaidocs.from_dict(data, base_dir=SAMPLES)
    pickled = pickle.dumps(doc)
    emblem.unlink()  # checked when the document was made, not again in a worker
    assert pickle.loads(pickled) == doc


@pytest.mark.parametrize("name", sorted(_BASES))
def test_every_sample_converts_to_data_and_back_to_an_equal_document(name: str) -> None:
    doc = thaidocs.load(SAMPLES / f"{name}.yaml")
    again = thaidocs.from_dict({"type": doc.type, **to_data(doc)}, base_dir=Path("/"))
    assert again == doc
    lean = thaidocs.from_dict({"type": doc.type, **to_data(doc, omit_defaults=True)})
    assert lean == doc
