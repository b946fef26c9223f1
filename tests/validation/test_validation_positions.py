"""JSON path -> line and column."""

from __future__ import annotations

import json

from croissant_tools.jsonld import key_path
from croissant_tools.validation.positions import Positions, parent_path

TEXT = """{
  "name": "x",
  "odd key": {"it's": [10, {"deep": "é\\"]"}]},
  "list": [
    {"@id": "a"},

    {"@id": "b"}
  ]
}"""


def test_members_and_items_are_located() -> None:
    positions = Positions(TEXT)
    assert positions.line_column("$") == (1, 1)
    assert positions.line_column("$.name") == (2, 3)
    assert positions.line_column("$.list[1]") == (7, 5)
    assert positions.line_column("$.list[1]['@id']") == (7, 6)
    odd = f"$['odd key']{key_path('it' + chr(39) + 's')}[1].deep"
    assert positions.line_column(odd) == (3, 29)


def test_unknown_paths_fall_back_to_the_nearest_ancestor() -> None:
    positions = Positions(TEXT)
    assert positions.line_column("$.list[1].missing") == (7, 5)
    assert positions.line_column("$.nothing[3]") == (1, 1)


def test_every_path_of_a_document_is_located_at_its_key() -> None:
    data = {"a": [1, {"b": {"c d": [None, True]}}], "e": "f"}
    text = json.dumps(data, indent=1)
    positions = Positions(text)
    for path, key in [("$.a", '"a"'), ("$.e", '"e"'), ("$.a[1].b", '"b"')]:
        line, column = positions.line_column(path)  # type: ignore[misc]
        assert text.splitlines()[line - 1][column - 1 :].startswith(key)


def test_parent_path() -> None:
    assert parent_path("$.a[0].b") == "$.a[0]"
    assert parent_path("$.a[0]") == "$.a"
    assert parent_path("$['x]y']") == "$"
    assert parent_path("$.a['it\\'s']") == "$.a"
    assert parent_path("$") == ""
