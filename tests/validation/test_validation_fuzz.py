"""Property-based tests: mutated valid documents never make the validator raise, and
every mutation that removes or breaks a required property is reported as an error."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from croissant_tools.validation import ValidationReport, validate
from tests.validation.golden import cases

DOCUMENTS = [
    json.loads((case.folder / "metadata.json").read_text())
    for case in cases("valid")
    if not case.spec.get("options", {}).get("profile")
]
REQUIRED = ["@context", "@type", "conformsTo", "name", "description", "license", "url",
            "creator", "datePublished", "distribution"]  # fmt: skip
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a member or item of a JSON value."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found.extend(paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*prefix, index))
            found.extend(paths(item, (*prefix, index)))
    return found


def parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


def check(report: ValidationReport) -> None:
    assert isinstance(report, ValidationReport)
    for issue in report.issues:
        assert issue.message and issue.code.startswith("CR") and issue.path.startswith("$")


@SETTINGS
@given(st.data())
def test_replacing_any_value_never_raises(data: st.DataObject) -> None:
    document = copy.deepcopy(data.draw(st.sampled_from(DOCUMENTS)))
    path = data.draw(st.sampled_from(paths(document)))
    parent_of(document, path)[path[-1]] = data.draw(json_values)
    check(validate(document))


@SETTINGS
@given(st.data())
def test_deleting_any_member_never_raises(data: st.DataObject) -> None:
    document = copy.deepcopy(data.draw(st.sampled_from(DOCUMENTS)))
    members = [p for p in paths(document) if isinstance(p[-1], str)]
    path = data.draw(st.sampled_from(members))
    del parent_of(document, path)[path[-1]]
    check(validate(document))


@SETTINGS
@given(st.data())
def test_inserting_junk_keys_never_raises(data: st.DataObject) -> None:
    document = copy.deepcopy(data.draw(st.sampled_from(DOCUMENTS)))
    objects = [()] + [p for p in paths(document) if isinstance(_at(document, p), dict)]
    target = _at(document, data.draw(st.sampled_from(objects)))
    target[data.draw(st.text(max_size=12))] = data.draw(json_values)
    check(validate(document))


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


@SETTINGS
@given(st.data())
def test_breaking_a_required_dataset_property_is_an_error(data: st.DataObject) -> None:
    document = copy.deepcopy(data.draw(st.sampled_from(DOCUMENTS)))
    key = data.draw(st.sampled_from(REQUIRED))
    how = data.draw(st.sampled_from(["delete", "empty", "null", "number"]))
    if how == "delete":
        del document[key]
    else:
        document[key] = {"empty": "" if key != "distribution" else [], "null": None}.get(how, 7)
    report = validate(document)
    assert report.errors, (key, how)


@SETTINGS
@given(st.data())
def test_breaking_a_required_file_property_is_an_error(data: st.DataObject) -> None:
    document = copy.deepcopy(data.draw(st.sampled_from(DOCUMENTS)))
    files = [r for r in document["distribution"] if r.get("@type") == "cr:FileObject"]
    resource = data.draw(st.sampled_from(files))
    key = data.draw(st.sampled_from(["@type", "encodingFormat", "contentUrl", "@id"]))
    if key == "contentUrl":
        resource.pop("containedIn", None)
    resource.pop(key, None)
    assert validate(document).errors, key


@SETTINGS
@given(st.data())
def test_breaking_a_field_is_an_error(data: st.DataObject) -> None:
    document = copy.deepcopy(data.draw(st.sampled_from(DOCUMENTS)))
    record_sets = [rs for rs in document.get("recordSet", []) if "data" not in rs]
    if not record_sets:
        return
    fields = [f for rs in record_sets for f in rs.get("field", []) if "source" in f]
    if not fields:
        return
    field = data.draw(st.sampled_from(fields))
    how = data.draw(st.sampled_from(["no-source", "no-type", "bad-ref", "no-id"]))
    if how == "no-source":
        del field["source"]
    elif how == "no-type":
        field.pop("dataType", None)
    elif how == "bad-ref":
        field["source"] = {"fileObject": {"@id": "no-such-file"}}
    else:
        field.pop("@id", None)
    assert validate(document).errors, how
