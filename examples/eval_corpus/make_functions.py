"""Derive ``functions.jsonl`` (one function or method per record) from ``src/``.

Run from the repository root: ``.venv/bin/python examples/eval_corpus/make_functions.py``.
This is the project's held-out second evaluation corpus (see CREDITS.md). Functions of
3-200 lines are kept; exact duplicates (after whitespace normalisation) keep only their
lowest id, so the evaluation starts from a corpus without planted duplicates.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pruning.corpus import ReadReport, read_corpus, unique_functions, write_jsonl

HERE = Path(__file__).resolve().parent


def main() -> None:
    """Build the JSONL next to this script and print counts per language."""
    report = ReadReport()
    files = read_corpus(HERE / "src", report)
    functions, dropped = unique_functions(files)
    write_jsonl(functions, HERE / "functions.jsonl")
    counts = Counter(f.language for f in functions)
    print(f"{len(files)} files -> {len(functions)} functions ({dropped} exact duplicates)")
    print(", ".join(f"{lang}: {n}" for lang, n in counts.most_common()))
    if report.skipped:
        print(f"skipped files: {dict(report.skipped)}")


if __name__ == "__main__":
    main()
