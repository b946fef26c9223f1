"""Every optional extra is imported only by the feature that needs it.

Each command runs in a subprocess whose import system refuses the optional packages (a
``sys.meta_path`` finder that raises ``ModuleNotFoundError`` and records the attempt), as
if the extra were not installed: the base commands and ``prune --model fake`` must still
succeed, and asking for a feature whose extra is missing must be exit 2 with a message
naming the extra, never exit 70.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "iris_tables"
#: what `pip install croissant-tools` does not bring
NOT_IN_BASE = (
    "torch",
    "tensorflow",
    "jax",
    "datasets",
    "pandas",
    "apache_beam",
    "mlcroissant",
    "rdflib",
    "scipy",
    "sentence_transformers",
    "transformers",
    "faiss",
    "sklearn",
    "tree_sitter",
    "rensa",
    "matplotlib",
    "dask",
    "distributed",
)
#: what `prune --model fake` must not need from the [pruning] extra and the others
NOT_FOR_FAKE_PRUNE = (
    "torch",
    "sentence_transformers",
    "transformers",
    "tensorflow",
    "jax",
    "datasets",
    "mlcroissant",
    "dask",
    "distributed",
)

RUNNER = textwrap.dedent(
    """
    import importlib.abc, json, sys
    blocked = set(sys.argv[1].split(","))
    log = sys.argv[2]
    attempts = []
    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            top = name.split(".")[0]
            if top in blocked:
                attempts.append(top)
                raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
            return None
    sys.meta_path.insert(0, Blocker())
    from croissant_tools.cli import main
    try:
        code = main(sys.argv[3:])
    finally:
        with open(log, "w") as f:
            json.dump(sorted(set(attempts)), f)
    sys.exit(code)
    """
)


def run_blocked(
    tmp_path: Path, blocked: tuple[str, ...], *args: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``croissant-tools ARGS`` with ``blocked`` modules missing; also the attempts."""
    log = tmp_path / "attempts.json"
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, ",".join(blocked), str(log), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    return done, json.loads(log.read_text()) if log.exists() else []


def tiny_corpus(path: Path) -> Path:
    """A JSON Lines corpus of 40 small functions (enough for the learned scorers)."""
    rows = [{"id": "a", "text": "def f(x):\n    return x + 1\n"}]
    rows += [
        {"id": f"r{i}", "text": f"def h{i}(a, b):\n    c = a * {i}\n    return c + b\n"}
        for i in range(40)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(EXAMPLE / "croissant.json")],
        ["info", str(EXAMPLE / "croissant.json")],
        ["records", str(EXAMPLE / "croissant.json"), "--record-set", "flowers", "--limit", "3"],
        ["publish", str(EXAMPLE / "croissant.json"), "-o", "site"],
        [
            *["generate", "data", "--license", "MIT", "--url", "https://example.org/x"],
            *["--creator", "Ada Lovelace", "-o", "data/croissant.json"],
        ],
    ],
    ids=["validate", "info", "records", "publish", "generate"],
)
def test_base_commands_need_no_extra(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.csv").write_text("id,name,when\n1,Zoë,2024-01-02\n2,,\n")
    done, attempts = run_blocked(tmp_path, NOT_IN_BASE, *args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert attempts == [], f"{args[0]} tried to import {attempts}"


def test_fake_prune_needs_no_model_or_framework(tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path / "in.jsonl")
    done, attempts = run_blocked(
        tmp_path,
        NOT_FOR_FAKE_PRUNE,
        *["prune", str(corpus), "-o", "out", "--model", "fake", "--progress", "none"],
    )
    assert done.returncode == 0, done.stderr
    # probes that tolerate absence: our Dask options registration, and Beam's RunInference,
    # which tries `import torch` for its own GPU-memory helpers
    assert set(attempts) <= {"dask", "torch"}, attempts
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["counts"]["input"] == 41


@pytest.mark.parametrize(
    ("blocked", "args", "extra"),
    [
        (("apache_beam",), ["prune", "in.jsonl", "-o", "out"], "pruning"),
        (("sentence_transformers",), ["prune", "in.jsonl", "-o", "out"], "pruning"),
        (
            ("distributed", "dask"),
            ["prune", "in.jsonl", "-o", "out", "--model", "fake", "--runner", "DaskRunner"],
            "dask",
        ),
        (("apache_beam",), ["demo", "-o", "out"], "pruning"),
        (("mlcroissant",), ["records", "arff.json", "--record-set", "rows"], "mlcroissant"),
    ],
    ids=["prune-without-beam", "prune-without-encoder", "dask-runner", "demo", "arff-records"],
)
def test_missing_extra_is_exit_2_naming_it(
    tmp_path: Path, blocked: tuple[str, ...], args: list[str], extra: str
) -> None:
    tiny_corpus(tmp_path / "in.jsonl")
    (tmp_path / "data.arff").write_text("@RELATION r\n@ATTRIBUTE a NUMERIC\n@DATA\n1\n2\n")
    (tmp_path / "arff.json").write_text(json.dumps(arff_document()))
    done, _ = run_blocked(tmp_path, blocked, *args)
    assert done.returncode == 2, done.stderr
    assert f"[{extra}]" in done.stderr
    assert f"pip install 'croissant-tools[{extra}]'" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.parametrize(
    ("module", "extra"),
    [
        ("croissant_tools.torch", "torch"),
        ("croissant_tools.tf", "tf"),
        ("croissant_tools.jax", "jax"),
        ("croissant_tools.beam", "beam"),
    ],
)
def test_framework_adapter_names_its_extra(module: str, extra: str) -> None:
    framework = {"torch": "torch", "tf": "tensorflow", "jax": "jax", "beam": "apache_beam"}[extra]
    code = textwrap.dedent(
        f"""
        import importlib.abc, sys
        class Blocker(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name.split(".")[0] == {framework!r}:
                    raise ModuleNotFoundError(name, name=name)
        sys.meta_path.insert(0, Blocker())
        try:
            import {module}
        except ImportError as exc:
            print(type(exc).__name__, getattr(exc, "exit_code", None), exc)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("MissingExtraError 2 "), out.stdout + out.stderr
    assert f"[{extra}]" in out.stdout


def arff_document() -> dict[str, object]:
    """A small Croissant 1.1 document whose record set is an ARFF file (read by mlcroissant)."""
    return {
        "@context": {
            "@language": "en",
            "@vocab": "https://schema.org/",
            "cr": "http://mlcommons.org/croissant/",
            "sc": "https://schema.org/",
            "dct": "http://purl.org/dc/terms/",
            "conformsTo": "dct:conformsTo",
            "recordSet": "cr:recordSet",
            "field": "cr:field",
            "fileObject": "cr:fileObject",
            "source": "cr:source",
            "extract": "cr:extract",
            "column": "cr:column",
            "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
        },
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.1",
        "name": "arff",
        "description": "An ARFF file.",
        "license": "https://spdx.org/licenses/MIT.html",
        "url": "https://example.org/arff",
        "creator": {"@type": "sc:Person", "name": "Ada"},
        "datePublished": "2024-01-01",
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": "data.arff",
                "name": "data.arff",
                "contentUrl": "data.arff",
                "encodingFormat": "https://ml.cms.waikato.ac.nz/weka/arff.html",
                "sha256": "0" * 64,
            }
        ],
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": "rows",
                "name": "rows",
                "field": [
                    {
                        "@type": "cr:Field",
                        "@id": "rows/a",
                        "name": "a",
                        "dataType": "sc:Float",
                        "source": {"fileObject": {"@id": "data.arff"}, "extract": {"column": "a"}},
                    }
                ],
            }
        ],
    }
