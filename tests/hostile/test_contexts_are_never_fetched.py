"""Promise: a document is never a way to make a reader fetch something.

A remote or file ``@context`` anywhere in a document — on a node, in a list, behind
``@import``, inside a term definition (a scoped context) — is a validation error located
where it is written, and no reader dereferences it: not our loader, not mlcroissant, not
rdflib under mlcroissant (given a document loader that refuses every fetch).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import croissant_tools as ct
from croissant_tools.cli import main as cli
from croissant_tools.errors import EXIT_INVALID, EXIT_REFUSED, SecurityError
from tests.conftest import needs
from tests.hostile.conftest import Server, Touches, arff_dataset, send

CONTEXT = json.dumps({"@context": {"name": "http://example.org/evil-name"}}).encode()


def _placements(url: str) -> dict[str, tuple[Callable[[dict[str, Any]], None], str]]:
    """How to put ``url`` into a document, and the JSON path the error must name."""

    def node(doc: dict[str, Any]) -> None:
        doc["recordSet"][0]["@context"] = url

    def node_list(doc: dict[str, Any]) -> None:
        doc["distribution"][0]["@context"] = [{"x": "http://example.org/x"}, url]

    def imported(doc: dict[str, Any]) -> None:
        doc["@context"]["@import"] = url

    def scoped(doc: dict[str, Any]) -> None:
        doc["@context"]["field"] = {"@id": "cr:field", "@context": url}

    def top_list(doc: dict[str, Any]) -> None:
        doc["@context"] = [url, doc["@context"]]

    def deep(doc: dict[str, Any]) -> None:
        doc["recordSet"][0]["field"][0]["source"]["@context"] = {"@import": url}

    return {
        "node": (node, "$.recordSet[0]['@context']"),
        "node-list": (node_list, "$.distribution[0]['@context'][1]"),
        "import": (imported, "$['@context']['@import']"),
        "scoped": (scoped, "$['@context'].field['@context']"),
        "top-list": (top_list, "$['@context'][0]"),
        "deep-import": (deep, "$.recordSet[0].field[0].source['@context']['@import']"),
    }


PLACEMENTS = list(_placements("u"))


def _urls(server: Server, outside: Path) -> dict[str, str]:
    server.routes["/ctx.jsonld"] = send(CONTEXT)
    return {
        "http": server.url("/ctx.jsonld"),
        "file": outside.as_uri(),
        "relative": "../secret-context.jsonld",
    }


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A context file outside the dataset folder (which is ``tmp_path / 'ds'``)."""
    path = tmp_path / "secret-context.jsonld"
    path.write_bytes(CONTEXT)
    return path


def _dataset(tmp_path: Path, url: str, placement: str) -> Path:
    path = arff_dataset(tmp_path / "ds")
    doc = json.loads(path.read_text())
    place, _ = _placements(url)[placement]
    place(doc)
    path.write_text(json.dumps(doc, indent=1))
    return path


def _nothing_fetched(server: Server, touches: Touches, outside: Path) -> None:
    assert server.seen == [], server.seen
    assert str(outside) not in [str(Path(p).resolve()) for p in touches.opened]


@pytest.mark.parametrize("kind", ["http", "file", "relative"])
@pytest.mark.parametrize("placement", PLACEMENTS)
def test_every_remote_or_file_context_is_a_located_validation_error(
    tmp_path: Path, server: Server, outside: Path, placement: str, kind: str, watch: Any
) -> None:
    url = _urls(server, outside)[kind]
    path = _dataset(tmp_path, url, placement)
    touches = watch()
    report = ct.validate(path)
    expected_path = _placements(url)[placement][1]
    found = [i for i in report.errors if i.code == "CR105" and i.path == expected_path]
    assert found, [(i.code, i.path, i.message) for i in report.issues]
    assert url in found[0].message
    assert cli(["validate", str(path)]) == EXIT_INVALID
    _nothing_fetched(server, touches, outside)


@pytest.mark.parametrize("kind", ["http", "file", "relative"])
@pytest.mark.parametrize("placement", PLACEMENTS)
def test_no_loader_dereferences_a_context_even_when_not_strict(
    tmp_path: Path, server: Server, outside: Path, placement: str, kind: str, watch: Any
) -> None:
    needs("mlcroissant")
    needs("scipy")  # mlcroissant reads ARFF with scipy
    url = _urls(server, outside)[kind]
    path = _dataset(tmp_path, url, placement)
    touches = watch()
    with pytest.raises(ct.CroissantToolsError):  # strict: the CR105 error refuses it
        ct.load(path, "rs")
    with pytest.raises(SecurityError, match="@context"):
        list(ct.load(path, "rs", strict=False))
    assert cli(["records", str(path), "-r", "rs", "--no-strict"]) == EXIT_REFUSED
    report = ct.validate(path, check_records=2, record_timeout=60)
    assert "CR105" in report.codes()
    _nothing_fetched(server, touches, outside)


def test_rdflib_under_our_guard_fetches_nothing(server: Server, outside: Path) -> None:
    rdflib = needs("rdflib")
    from croissant_tools.contexts import ContextFetchRefused, refuse_context_fetches

    server.routes["/ctx.jsonld"] = send(CONTEXT)
    for url in (server.url("/ctx.jsonld"), outside.as_uri()):
        for doc in (
            {"@context": url, "name": "x"},
            {"@context": {"@import": url}, "name": "x"},
            {"@context": {"p": {"@id": "http://e/p", "@context": url}}, "p": {"name": "x"}},
        ):
            with refuse_context_fetches(), pytest.raises(ContextFetchRefused):
                rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert server.seen == []


def test_the_guard_is_lifted_afterwards(server: Server) -> None:
    """Outside the guard rdflib behaves as before (our guard is no global switch)."""
    rdflib = needs("rdflib")
    from croissant_tools.contexts import refuse_context_fetches

    server.routes["/ctx.jsonld"] = send(CONTEXT)
    doc = {"@context": server.url("/ctx.jsonld"), "@id": "http://e/x", "name": "x"}
    with refuse_context_fetches():
        pass
    graph = rdflib.Graph().parse(data=json.dumps(copy.deepcopy(doc)), format="json-ld")
    assert len(graph) == 1 and server.seen == ["/ctx.jsonld"]
