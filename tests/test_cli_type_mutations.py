"""Every node of real Croissant documents replaced by values of the wrong type: no command
may answer with an internal error (exit 70), an escaped exception or a traceback.

A reduced, deterministic form of the sweep that found the bugs fixed in the commits that
added ``croissant_tools.arguments`` and ``documents.require_object`` (about 23,000 runs
over every example, every node and ten values): here each node of two examples gets two of
the wrong values, chosen in turn, through the four commands that read a document.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from croissant_tools import cli

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WRONG = [123, None, [], {}, "../../etc/passwd", True, {"@id": "nowhere"}, -1.5, "", [{}]]
NodePath = tuple[str | int, ...]


def _paths(node: Any, prefix: NodePath = ()) -> Iterator[NodePath]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            if prefix or key != "@context":
                yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _mutations(doc: dict[str, Any]) -> Iterator[tuple[NodePath, Any, dict[str, Any]]]:
    for number, path in enumerate(p for p in _paths(doc) if p):
        for value in (WRONG[(2 * number) % len(WRONG)], WRONG[(2 * number + 1) % len(WRONG)]):
            mutated = copy.deepcopy(doc)
            target: Any = mutated
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
            yield path, value, mutated


def _commands(doc_path: Path, site: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", str(doc_path), "--check-files", "--check-records", "3"],
        "info": ["info", str(doc_path)],
        "records": ["records", str(doc_path), "--no-strict", "-q", "--limit", "3"],
        "publish": ["publish", str(doc_path), "-o", str(site), "--force", "--overwrite"],
    }


@pytest.mark.parametrize("example", ["review_texts", "iris_tables"])
def test_wrong_types_anywhere_are_never_an_internal_error(example: str, tmp_path: Path) -> None:
    work = tmp_path / example
    shutil.copytree(EXAMPLES / example, work)
    doc_path = work / "croissant.json"
    base = json.loads(doc_path.read_text())
    failures: list[str] = []
    runs = 0
    for path, value, mutated in _mutations(base):
        doc_path.write_text(json.dumps(mutated))
        for name, argv in _commands(doc_path, tmp_path / "site").items():
            out, err = io.TextIOWrapper(io.BytesIO()), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code: Any = cli.main(argv)
                except BaseException as exc:  # the point of the test
                    code = f"escaped {type(exc).__name__}: {exc}"
            runs += 1
            text = err.getvalue()
            if code not in (0, 1, 2, 3, 4) or "Traceback" in text:
                failures.append(f"{name} {list(path)} = {value!r}: {code} {text[-300:]}")
    assert runs > 300
    assert not failures, f"{len(failures)} of {runs} runs failed:\n" + "\n".join(failures[:10])
