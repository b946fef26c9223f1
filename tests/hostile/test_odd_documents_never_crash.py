"""Promise: no document makes a command fail with an internal error (exit 70).

Documents that are valid JSON but hostile in shape: a lone surrogate in a key or a value
(JSON allows ``"\\ud800"``; it is no Unicode text and cannot be printed or written as
UTF-8), ``@context`` terms defined through each other in a cycle, a regex of 5,000 nested
groups, and reference chains thousands of links long (field sources across record sets,
``containedIn``), and 200,000 unknown keys. Every command answers with a located message
and a documented exit code (in time linear in the document: a benchmark,
``tests/benchmarks/bench_hostile.py``, prints the ratios; no test asserts a time).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from croissant_tools.cli import main as cli
from croissant_tools.errors import EXIT_INTERNAL
from tests.validation.golden import cases

PENGUINS = next(c for c in cases("valid") if c.folder.name == "penguins-1.1")
BASE: dict[str, Any] = json.loads((PENGUINS.folder / "metadata.json").read_text())
CHAIN = 5000


def _surrogate_key(doc: dict[str, Any]) -> None:
    doc["\ud800"] = 1


def _surrogate_description(doc: dict[str, Any]) -> None:
    doc["description"] = "a description with a lone \ud800 surrogate"


def _context_cycle(doc: dict[str, Any]) -> None:
    doc["@context"]["a"] = "b:x"
    doc["@context"]["b"] = "a:y"
    doc["a:z"] = 1


def _nested_regex(doc: dict[str, Any]) -> None:
    field = doc["recordSet"][1]["field"][1]
    field["source"]["transform"] = {"regex": "(" * CHAIN + "a" + ")" * CHAIN}


def _record_set_chain(doc: dict[str, Any]) -> None:
    previous = "penguins/species"
    for i in range(CHAIN):
        source = {"field": {"@id": previous}}
        field = {"@type": "cr:Field", "@id": f"rs{i}/f", "source": source}
        if i == 0:
            field["dataType"] = "sc:Text"
        doc["recordSet"].append(
            {"@type": "cr:RecordSet", "@id": f"rs{i}", "name": f"rs{i}", "field": [field]}
        )
        previous = f"rs{i}/f"


def _contained_in_chain(doc: dict[str, Any]) -> None:
    for i in range(CHAIN):
        node = {
            "@type": "cr:FileObject",
            "@id": f"a{i}.zip",
            "name": f"a{i}",
            "contentUrl": f"a{i}.zip",
            "encodingFormat": "application/zip",
            "sha256": "0" * 64,
        }
        if i:
            node["containedIn"] = {"@id": f"a{i - 1}.zip"}
        doc["distribution"].append(node)
    doc["recordSet"][1]["field"][1]["source"] = {
        "fileObject": {"@id": f"a{CHAIN - 1}.zip"},
        "extract": {"column": "species"},
    }


def _unknown_keys(doc: dict[str, Any]) -> None:
    for i in range(200_000):
        doc[f"unknownProperty{i}"] = i


MUTATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "surrogate-key": _surrogate_key,
    "surrogate-description": _surrogate_description,
    "context-cycle": _context_cycle,
    "nested-regex": _nested_regex,
    "record-set-chain": _record_set_chain,
    "contained-in-chain": _contained_in_chain,
    "unknown-keys": _unknown_keys,
}
#: The record set each mutation is read through.
RECORD_SET = {"record-set-chain": f"rs{CHAIN - 1}"}


def _write(folder: Path, name: str) -> Path:
    doc = copy.deepcopy(BASE)
    MUTATIONS[name](doc)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    for item in (PENGUINS.folder / "data").iterdir():
        (folder / "data" / item.name).write_bytes(item.read_bytes())
    path = folder / "metadata.json"
    path.write_text(json.dumps(doc), encoding="utf-8", errors="surrogatepass")
    return path


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("odd")
    return {name: _write(root / name, name) for name in MUTATIONS}


COMMANDS: dict[str, Callable[[Path, Path, str], list[str]]] = {
    "validate": lambda p, out, rs: ["validate", str(p)],
    "validate-json": lambda p, out, rs: ["validate", str(p), "--format", "json"],
    "validate-sarif": lambda p, out, rs: ["validate", str(p), "--format", "sarif"],
    "validate-check-records": lambda p, out, rs: ["validate", str(p), "--check-records", "2"],
    "info": lambda p, out, rs: ["info", str(p)],
    "info-json": lambda p, out, rs: ["info", str(p), "--json"],
    "records": lambda p, out, rs: ["records", str(p), "-r", rs, "--no-strict", "-o", str(out)],
    "publish": lambda p, out, rs: ["publish", str(p), "-o", str(out)],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", MUTATIONS)
def test_no_command_fails_with_an_internal_error(
    documents: dict[str, Path],
    tmp_path: Path,
    name: str,
    command: str,
    capfd: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / ("out.jsonl" if command == "records" else "site")
    args = COMMANDS[command](documents[name], out, RECORD_SET.get(name, "penguins"))
    code = cli(args)  # time linear in the document: tests/benchmarks/bench_hostile.py
    captured = capfd.readouterr()
    assert code != EXIT_INTERNAL, captured.err[-2000:]
    assert "internal error" not in captured.err and "Traceback" not in captured.err


def test_the_validator_names_what_is_wrong(documents: dict[str, Path]) -> None:
    import croissant_tools as ct

    regex = ct.validate(documents["nested-regex"])
    assert any(i.code == "CR314" and "nested" in i.message for i in regex.errors)
    chain = ct.validate(documents["record-set-chain"])
    assert any(i.code == "CR333" and "more than 32" in i.message for i in chain.errors)
    contained = ct.validate(documents["contained-in-chain"])
    assert any(i.code == "CR333" and "more than 32" in i.message for i in contained.errors)
    cycle = ct.validate(documents["context-cycle"])
    assert any(i.code == "CR105" and "cycle" in i.message for i in cycle.errors)


def test_a_lone_surrogate_is_shown_escaped_not_lost(
    documents: dict[str, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    cli(["validate", str(documents["surrogate-key"]), "--format", "json"])
    out = capfd.readouterr().out
    assert "\\ud800" in out
    json.loads(out)
