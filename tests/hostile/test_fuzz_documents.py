"""Promise: no Croissant document, however hostile, makes a command fail with an internal
error (exit 70), open a file outside its dataset folder, or reach the network.

Hypothesis mutates the loader's fixture datasets (real data next to each document): it
replaces values, inserts keys and duplicates nodes, drawing from a pool of what attacks
look like (paths out of the folder and ``file://`` URLs to canary files, remote and file
``@context`` values and ``@import``, a loopback URL that records any request, lone
surrogates, deep nesting, huge numbers, catastrophic regexes) as well as arbitrary JSON.
Each document then goes through ``validate --check-files --check-records 1``, ``info``,
``records --no-strict`` and ``publish --force`` in this process, with an audit hook on
``open`` and ``socket.connect``.

Bounded in the default run (:data:`EXAMPLES` documents, under a minute); set
``CROISSANT_TOOLS_FUZZ=full`` for 5,000 documents (about an hour on two cores).
``CROISSANT_TOOLS_FUZZ_REPORT=path.json`` writes the counts.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from croissant_tools.cli import main as cli
from croissant_tools.errors import EXIT_INTERNAL
from tests.hostile.conftest import REPO_ROOT, Server, Touches, recording, send

pytestmark = pytest.mark.slow

FULL = os.environ.get("CROISSANT_TOOLS_FUZZ") == "full"
EXAMPLES = 5000 if FULL else 12
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "loading"
DATASETS = sorted(p.parent.name for p in FIXTURES.glob("*/metadata.json"))
#: What the Python runtime and its libraries read about the machine (time zones, MIME types,
#: entropy, the CPU quota a thread pool sizes itself by): not the input's.
SYSTEM_DATA = ("/proc/", "/dev/null", "/dev/urandom", "/etc/mime.types", "/etc/localtime",
               "/usr/share/zoneinfo/", "/etc/ssl/", "/usr/lib/ssl/",
               "/sys/fs/cgroup/", "/sys/devices/system/cpu/")  # fmt: skip
COUNTS = {"documents": 0, "commands": 0, "exit_70": 0, "outside_opens": 0, "connects": 0}


@pytest.fixture(scope="module")
def arena(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Copies of the fixture datasets, canary files outside them, and scratch folders."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "datasets").mkdir()
    for name in DATASETS:
        shutil.copytree(FIXTURES / name, root / "datasets" / name)
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_text("a,b\nsecret,1\n")
    (outside / "secret-context.jsonld").write_text('{"@context": {"name": "http://e/n"}}')
    (outside / "secret-folder").mkdir()
    (outside / "secret-folder" / "s.txt").write_text("secret")
    yield {"root": root, "outside": outside}
    _report()


def _report() -> None:
    target = os.environ.get("CROISSANT_TOOLS_FUZZ_REPORT")
    print(f"\nfuzzed documents: {json.dumps(COUNTS)}")
    if target:
        Path(target).write_text(json.dumps(COUNTS, indent=2) + "\n")


def _pool(outside: Path, url: str) -> list[Any]:
    secret = outside / "secret.csv"
    return [
        "../outside/secret.csv",
        "../../outside/secret.csv",
        str(secret),
        secret.as_uri(),
        (outside / "secret-folder").as_uri(),
        "file:///dev/zero",
        "/dev/zero",
        url,
        "https://example.org/data.csv",
        "../outside/secret-context.jsonld",
        "\ud800",
        "x\udfffy",
        "(" * 300 + "a" + ")" * 300,
        "(a+)+$",
        "a" * 5000,
        "",
        "**",
        "../**",
        "*",
        "%2e%2e/outside/secret.csv",
        "data/../../outside/secret.csv",
        "C:\\Windows\\win.ini",
        "javascript:alert(1)",
        "0" * 64,
        None,
        True,
        -1,
        10**40,
        1.5e308,
        [],
        {},
        {"@id": "no-such-node"},
        {"@context": url},
        {"@import": url},
        {"@value": "\ud800"},
        {"@list": [url]},
        _nested(300),
    ]


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


KEYS = ["@context", "@import", "@id", "@type", "contentUrl", "containedIn", "includes",
        "excludes", "source", "field", "fileSet", "fileObject", "recordSet", "regex",
        "jsonPath", "column", "fileProperty", "references", "sha256", "contentSize",
        "encodingFormat", "dataType", "isArray", "arrayShape", "data", "transform",
        "\ud800", "name"]  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = [prefix]
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, item in items:
        found.extend(_paths(item, (*prefix, key)))
    return found


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _mutate(data: st.DataObject, doc: dict[str, Any], pool: list[Any]) -> None:
    value = copy.deepcopy(data.draw(st.one_of(st.sampled_from(pool), json_values), label="value"))
    paths = _paths(doc)
    how = data.draw(st.sampled_from(["replace", "insert", "delete", "duplicate"]), label="how")
    if how == "replace":
        path = data.draw(st.sampled_from([p for p in paths if p]), label="path")
        _at(doc, path[:-1])[path[-1]] = value
    elif how == "insert":
        objects = [p for p in paths if isinstance(_at(doc, p), dict)]
        target = _at(doc, data.draw(st.sampled_from(objects), label="object"))
        target[data.draw(st.sampled_from(KEYS) | st.text(max_size=6), label="key")] = value
    elif how == "delete":
        members = [p for p in paths if p and isinstance(p[-1], str)]
        if members:
            path = data.draw(st.sampled_from(members), label="member")
            del _at(doc, path[:-1])[path[-1]]
    else:
        lists = [p for p in paths if isinstance(_at(doc, p), list) and _at(doc, p)]
        if lists:
            items = _at(doc, data.draw(st.sampled_from(lists), label="list"))
            items.append(copy.deepcopy(data.draw(st.sampled_from(items), label="item")))


def _run(args: list[str]) -> tuple[int, str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli(args)
    return code, err.getvalue()


def _allowed(arena: dict[str, Path], folder: Path, scratch: Path) -> list[str]:
    roots = [folder, scratch, Path(os.environ["CROISSANT_TOOLS_CACHE"]), REPO_ROOT]
    prefixes = {sys.prefix, sys.base_prefix, *(p for p in sys.path if p.startswith("/"))}
    # the loader's private folder for mlcroissant (archives presented as extracted)
    private = str(Path(tempfile.gettempdir(), "croissant-tools-mlc-").resolve())
    return [str(r.resolve()) for r in roots] + [p for p in prefixes if p != "/"] + [private]


def _outside(touches: Touches, allowed: list[str]) -> list[str]:
    found = []
    for name in touches.opened:
        full = os.path.realpath(name)
        if full.startswith(SYSTEM_DATA):
            continue
        inside = (full == a or full.startswith(a if a.endswith("-") else a + "/") for a in allowed)
        if not any(inside):
            found.append(full)
    return found


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_no_document_makes_a_command_crash_read_outside_or_connect(
    data: st.DataObject, arena: dict[str, Path], server: Server
) -> None:
    server.routes["/data.csv"] = send(b"a,b\n1,2\n")
    name = data.draw(st.sampled_from(DATASETS), label="dataset")
    folder = arena["root"] / "datasets" / name
    doc = json.loads((folder / "metadata.json").read_text())
    pool = _pool(arena["outside"], server.url("/data.csv"))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        _mutate(data, doc, pool)
    path = folder / "fuzz.json"
    path.write_text(json.dumps(doc))
    scratch = Path(tempfile.mkdtemp(dir=arena["root"]))
    commands = [
        ["validate", str(path), "--check-files", "--check-records", "1", "--record-timeout", "20"],
        ["info", str(path), "--json"],
        ["records", str(path), "--no-strict", "--limit", "3", "-o", str(scratch / "out.jsonl")],
        ["publish", str(path), "--force", "--overwrite", "-o", str(scratch / "site")],
    ]
    failures = []
    with recording() as touches:
        for args in commands:
            code, err = _run(args)
            COUNTS["commands"] += 1
            if code == EXIT_INTERNAL or "Traceback" in err:
                COUNTS["exit_70"] += 1
                failures.append((args[0], code, err[-1500:]))
    COUNTS["documents"] += 1
    outside = _outside(touches, _allowed(arena, folder, scratch))
    COUNTS["outside_opens"] += len(outside)
    COUNTS["connects"] += len(touches.connected) + len(server.seen)
    shutil.rmtree(scratch, ignore_errors=True)
    assert not failures, failures
    assert not outside, outside
    assert not touches.connected and not server.seen, (touches.connected, server.seen)
