"""Measure how often each held-out corruption kind applies to real functions, and its speed.

Usage (from the repository root)::

    .venv/bin/python -m tests.heldout.measure_applicability [--limit N] [--seed S]

Reads ``examples/code_corpus/functions.jsonl`` (keys ``text`` and ``language``) and prints,
per language and kind, the share of functions for which :func:`corrupt` returned a result
and the time per 1,000 calls.  It also cross-checks the JavaScript results with Node.js
(``vm.compileFunction``, what ``node --check`` does) and the Java results with a
parse-only ``javac`` run, when those tools are installed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .corruptions import FAMILIES, LANGUAGES, corrupt

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "code_corpus" / "functions.jsonl"

_NODE_CHECK = """
const vm = require('vm'); const fs = require('fs');
const params = ['exports', 'require', 'module', '__filename', '__dirname'];
const out = JSON.parse(fs.readFileSync(0, 'utf8')).map((src) => {
  try { vm.compileFunction(src, params); return true; } catch (e) { return false; }
});
process.stdout.write(JSON.stringify(out));
"""


def _node_verdicts(sources: list[str]) -> list[bool]:
    proc = subprocess.run(
        ["node", "-e", _NODE_CHECK],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        check=True,
    )
    return [bool(v) for v in json.loads(proc.stdout)]


def _javac_verdicts(sources: list[str]) -> list[bool]:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, source in enumerate(sources):
            path = Path(tmp) / f"R{i}.java"
            path.write_text(source, encoding="utf-8")
            files.append(str(path))
        stop = ["-XDshould-stop.ifNoError=PARSE", "-XDshould-stop.ifError=PARSE"]
        proc = subprocess.run(
            ["javac", *stop, "-Xmaxerrs", "1000000", "-encoding", "UTF-8", "-d", tmp, *files],
            capture_output=True,
            text=True,
        )
    failing = {int(m) for m in re.findall(r"R(\d+)\.java:\d+: error", proc.stderr)}
    return [i not in failing for i in range(len(sources))]


def _wrap(language: str, text: str, index: int, wrapped: bool) -> str:
    if language == "java":
        return f"class R{index} {{\n{text}\n}}\n"
    return f"class _X {{\n{text}\n}}" if wrapped else text


def _cross_check(language: str, pairs: list[tuple[str, str, str]]) -> str:
    """Agreement of an external checker with the contract, as a printable line."""
    if language == "python" or not pairs:
        return ""
    tool = "node" if language == "javascript" else "javac"
    if shutil.which(tool) is None:
        return f"  ({tool} not installed: no cross-check)"
    check = _node_verdicts if language == "javascript" else _javac_verdicts
    plain = check([_wrap(language, t, i, False) for i, (_, t, _) in enumerate(pairs)])
    wrapped = check([_wrap(language, t, i, True) for i, (_, t, _) in enumerate(pairs)])
    use_wrap = [not p and w for p, w in zip(plain, wrapped)]
    results = check([_wrap(language, r, i, use_wrap[i]) for i, (_, _, r) in enumerate(pairs)])
    usable = [i for i in range(len(pairs)) if plain[i] or wrapped[i]]
    agree = [i for i in usable if results[i] == (FAMILIES[pairs[i][0]] == "content")]
    for i in sorted(set(usable) - set(agree))[:5]:
        print(f"    disagreement ({pairs[i][0]}):\n" + pairs[i][2][:400])
    return f"  {tool} agrees with the contract on {len(agree)}/{len(usable)} results"


def measure(limit: int | None, seed: int) -> None:
    """Print the applicability and timing table."""
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    for language in LANGUAGES:
        texts = [r["text"] for r in rows if r["language"] == language][:limit]
        print(f"\n{language}: {len(texts)} functions")
        print(f"  {'kind':22} {'family':8} {'applies':>8} {'s per 1000 calls':>17}")
        pairs: list[tuple[str, str, str]] = []
        for kind, family in FAMILIES.items():
            start = time.perf_counter()
            results = [corrupt(text, language, kind, seed) for text in texts]
            elapsed = time.perf_counter() - start
            hits = sum(r is not None for r in results)
            per_1000 = 1000 * elapsed / max(1, len(texts))
            share = hits / max(1, len(texts))
            print(f"  {kind:22} {family:8} {share:8.1%} {per_1000:17.2f}")
            pairs += [(kind, t, r) for t, r in zip(texts, results) if r is not None]
        line = _cross_check(language, pairs)
        if line:
            print(line)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="functions per language")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    measure(args.limit, args.seed)


if __name__ == "__main__":
    main()
