"""JSON-LD forms a valid document may use (language maps, language-tagged values, term
definitions without ``@id``) are read as JSON-LD reads them; wrong types inside them are
still reported where they are; messages that used to mislead say what is wrong."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from croissant_tools import model, validate
from croissant_tools.validation.report import ValidationReport

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "croissant"
MULTILINGUAL = FIXTURES / "valid" / "multilingual-1.1" / "metadata.json"


def doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MULTILINGUAL.read_text())
    return data


def codes(report: ValidationReport) -> list[tuple[str, str]]:
    return [(i.code, i.path) for i in report.issues]


def test_language_maps_are_one_name_per_language() -> None:
    report = validate(MULTILINGUAL, check_files=True)
    assert report.valid and not report.warnings, codes(report)
    metadata = model.build(doc())
    assert metadata.name == "penguins-mini"
    assert metadata.description == "Palmer penguins."


def test_the_default_language_of_the_context_is_preferred() -> None:
    data = doc()
    data["@context"]["@language"] = "de"
    assert model.build(data).name == "Pinguine"
    data["@context"].pop("@language")
    assert model.build(data).name == data["name"]["en"]


@pytest.mark.parametrize(
    ("name", "description", "expected"),
    [
        (True, None, ("CR111", "$.name")),
        (None, {"en": "ok", "de": -1.5}, ("CR111", "$.description.de")),
        ({"en": "ok", "de": ["a", 3]}, None, ("CR111", "$.name.de[1]")),
    ],
)
def test_wrong_types_inside_language_forms_are_located(
    name: Any, description: Any, expected: tuple[str, str]
) -> None:
    data = doc()
    if name is not None:
        data["name"] = name
    if description is not None:
        data["description"] = description
    assert expected in codes(validate(data))


def test_language_tagged_values_in_several_languages_are_one_value() -> None:
    data = doc()
    context = data["@context"]
    context.pop("name")
    data["name"] = [
        {"@value": "Penguins", "@language": "en"},
        {"@value": "Pinguine", "@language": "de"},
    ]
    report = validate(data)
    assert report.valid, codes(report)
    assert model.build(data).name == "Penguins"
    data["name"] = ["Penguins", "Pinguine"]  # two untagged names: really two values
    assert ("CR114", "$.name") in codes(validate(data))


def test_id_with_whitespace_is_rejected_as_mlcroissant_does() -> None:
    data = copy.deepcopy(doc())
    data["recordSet"][-1]["@id"] = "the penguins"
    issues = [i for i in validate(data).issues if i.code == "CR215"]
    assert issues and "whitespace" in issues[0].message
    assert issues[0].hint == "write 'the_penguins'"


def test_trailing_comma_is_named_at_the_comma(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{\n  "name": "x",\n  "url": "y",\n}\n')
    issue = validate(path).issues[0]
    assert issue.code == "CR006" and "trailing comma" in issue.message
    assert (issue.line, issue.column) == (3, 13)


def test_split_rows_keyed_by_name_are_not_duplicates() -> None:
    data = doc()
    splits = next(rs for rs in data["recordSet"] if rs.get("dataType") == "cr:Split")
    first = splits["field"][0]
    for row in splits["data"]:
        row[first["@id"].rsplit("/", 1)[-1]] = row.pop(first["@id"])
    assert "CR327" not in [c for c, _ in codes(validate(data))]


def test_the_hint_of_an_unloadable_type_agrees_with_the_warning() -> None:
    data = doc()
    field = data["recordSet"][-1]["field"][0]
    field["dataType"] = "sc:Double"
    hints = {i.code: i.hint for i in validate(data).issues if i.code in ("CR214", "CR307")}
    assert hints == {"CR214": "did you mean 'sc:Float'?", "CR307": "did you mean 'sc:Float'?"}
