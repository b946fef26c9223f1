"""The structure diagram's edges never cross a box (issue 12): the geometry, checked.

Every edge path of the diagram (Bezier curves and lines in SVG path syntax) is sampled
densely and no sample may fall inside any box, its own start and end boxes included
(an edge touches them only at their border, where it starts or where its arrow ends).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from croissant_tools.model import build
from croissant_tools.publishing.diagram import COL_GAP, geometry
from croissant_tools.publishing.facts import describe
from tests.conftest import REPO_ROOT
from tests.publishing.conftest import dataset, field

Point = tuple[float, float]
GOLDEN = sorted((REPO_ROOT / "tests" / "fixtures" / "generation").glob("*/croissant.json"))


def sample(path: str, steps: int = 60) -> list[Point]:
    """Points along an SVG path made of M, C and L commands (absolute coordinates)."""
    tokens = re.findall(r"[MCL]|-?\d+(?:\.\d+)?", path)
    points: list[Point] = []
    current: Point = (0.0, 0.0)
    index = 0
    while index < len(tokens):
        command = tokens[index]
        index += 1
        numbers = []
        while index < len(tokens) and tokens[index] not in "MCL":
            numbers.append(float(tokens[index]))
            index += 1
        pairs = list(zip(numbers[::2], numbers[1::2]))
        if command == "M":
            current = pairs[0]
            points.append(current)
        elif command == "L":
            end = pairs[0]
            points += [_lerp(current, end, t / steps) for t in range(1, steps + 1)]
            current = end
        else:  # C: one or more cubic segments
            for offset in range(0, len(pairs), 3):
                c1, c2, end = pairs[offset : offset + 3]
                points += [_cubic(current, c1, c2, end, t / steps) for t in range(1, steps + 1)]
                current = end
    return points


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    u = 1 - t
    weights = (u**3, 3 * u * u * t, 3 * u * t * t, t**3)
    return (
        sum(w * p[0] for w, p in zip(weights, (p0, p1, p2, p3))),
        sum(w * p[1] for w, p in zip(weights, (p0, p1, p2, p3))),
    )


def crossings(doc: dict[str, Any]) -> list[str]:
    """Every (edge, box) pair where the edge enters the box's interior."""
    shape = geometry(describe(build(doc)))
    found = []
    for start, end, path in shape.edges:
        points = sample(path)
        for key, (x, y, w, h) in shape.boxes.items():
            inside = [p for p in points if x + 1 < p[0] < x + w - 1 and y + 1 < p[1] < y + h - 1]
            if inside:
                found.append(f"{start} -> {end} crosses {key} at {inside[0]}")
    return found


@pytest.mark.parametrize("path", GOLDEN, ids=[p.parent.name for p in GOLDEN])
def test_generated_examples(path: Path) -> None:
    assert crossings(json.loads(path.read_text())) == []


def _lookup(uid: str) -> dict[str, Any]:
    return {
        "@type": "cr:RecordSet",
        "@id": uid,
        "name": uid,
        "key": {"@id": f"{uid}/id"},
        "field": [{"@type": "cr:Field", "@id": f"{uid}/id", "name": "id", "dataType": "sc:Text"}],
        "data": [{f"{uid}/id": "a"}],
    }


def many_joins() -> dict[str, Any]:
    """Twenty tables read from files, each referencing a lookup table listed at the end."""
    doc = dataset()
    doc["distribution"] = [
        {
            "@type": "cr:FileObject",
            "@id": f"t{i}.csv",
            "name": f"t{i}.csv",
            "contentUrl": f"t{i}.csv",
            "encodingFormat": "text/csv",
        }
        for i in range(20)
    ]
    tables = []
    for i in range(20):
        item = field(f"t{i}", "code", references={"field": {"@id": "codes/id"}})
        item["source"]["fileObject"]["@id"] = f"t{i}.csv"
        tables.append({"@type": "cr:RecordSet", "@id": f"t{i}", "name": f"t{i}", "field": [item]})
    doc["recordSet"] = [*tables, _lookup("codes")]
    return doc


def archive_and_derived() -> dict[str, Any]:
    """Files inside a zip next to a top-level file, and a record set derived from another."""
    doc = dataset()
    doc["distribution"] = [
        {"@type": "cr:FileObject", "@id": "a.zip", "name": "a.zip", "contentUrl": "a.zip",
         "encodingFormat": "application/zip"},
        {"@type": "cr:FileObject", "@id": "in.csv", "name": "in.csv", "contentUrl": "in.csv",
         "containedIn": {"@id": "a.zip"}, "encodingFormat": "text/csv"},
        {"@type": "cr:FileObject", "@id": "top.csv", "name": "top.csv", "contentUrl": "top.csv",
         "encodingFormat": "text/csv"},
    ]  # fmt: skip
    inner = field("inner", "x")
    inner["source"]["fileObject"]["@id"] = "in.csv"
    top = field("top", "x", references={"field": {"@id": "inner/x"}})
    top["source"]["fileObject"]["@id"] = "top.csv"
    derived = {
        "@type": "cr:Field",
        "@id": "derived/x",
        "name": "x",
        "dataType": "sc:Text",
        "source": {"field": {"@id": "top/x"}},
    }
    doc["recordSet"] = [
        {"@type": "cr:RecordSet", "@id": "inner", "name": "inner", "field": [inner]},
        {"@type": "cr:RecordSet", "@id": "top", "name": "top", "field": [top]},
        {"@type": "cr:RecordSet", "@id": "derived", "name": "derived", "field": [derived]},
        _lookup("unused"),
    ]
    return doc


@pytest.mark.parametrize("build_doc", [many_joins, archive_and_derived])
def test_hard_layouts(build_doc: Any) -> None:
    doc = build_doc()
    assert crossings(copy.deepcopy(doc)) == []


def test_same_column_edges_stay_in_the_gap() -> None:
    shape = geometry(describe(build(many_joins())))
    same = [e for e in shape.edges if shape.boxes[e[0]][0] == shape.boxes[e[1]][0]]
    assert len(same) == 20  # every table -> codes
    for start, end, path in same:
        x_right = shape.boxes[start][0] + shape.boxes[start][2]
        assert max(p[0] for p in sample(path)) < x_right + COL_GAP - 4, (start, end)


def test_the_checker_sees_a_crossing() -> None:
    """The sampler itself: a straight line through a box is reported."""
    points = sample("M0,0 L100,100")
    assert any(40 < x < 60 and 40 < y < 60 for x, y in points)
