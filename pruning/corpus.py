"""Reading a code corpus (a directory of source files or JSONL) into :class:`CodeRecord`s.

Directory: every regular file under the root with a known source extension
(:data:`pruning.languages.EXTENSIONS`); symlinks are not followed, so nothing outside the
root is read. Files that are not UTF-8, contain NUL bytes or exceed ``max_bytes`` are
skipped and *counted* in the :class:`ReadReport` (never silently dropped); ids are the
POSIX paths relative to the root.

JSONL: one object per line with at least ``text``; ``id`` (default: the line number),
``language`` (default: from ``path``) and ``path`` are optional; other keys go to
``extra``. A malformed line raises :class:`pruning.errors.InputError` naming the line.

:func:`split_functions` cuts a file record into one record per top-level function or
method (Python via ``ast``, other languages via tree-sitter).
"""

from __future__ import annotations

import ast
import json
import textwrap
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pruning.errors import InputError
from pruning.languages import EXTENSIONS, _parser, has_parser, language_for_path
from pruning.types import CodeRecord

DEFAULT_MAX_BYTES = 1_000_000

_FUNCTION_NODES = {
    "javascript": {"function_declaration", "method_definition", "generator_function_declaration"},
    "typescript": {"function_declaration", "method_definition"},
    "tsx": {"function_declaration", "method_definition"},
    "java": {"method_declaration", "constructor_declaration"},
    "c": {"function_definition"},
    "cpp": {"function_definition"},
    "go": {"function_declaration", "method_declaration"},
    "rust": {"function_item"},
}


@dataclass
class ReadReport:
    """What reading a corpus did: records read and files skipped, by reason."""

    records: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def skip(self, reason: str, where: str) -> None:
        """Count one skipped input and remember the first example of each reason."""
        self.skipped[reason] += 1
        self.examples.setdefault(reason, where)


def read_corpus(
    path: str | Path, report: ReadReport | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[CodeRecord]:
    """All records of a directory or a ``.jsonl`` file (see the module docstring)."""
    root = Path(path)
    report = report if report is not None else ReadReport()
    if not root.exists():
        raise InputError("corpus not found", where=str(root))
    if root.is_dir():
        records = list(_read_directory(root, report, max_bytes))
    elif root.suffix in (".jsonl", ".ndjson"):
        records = list(_read_jsonl(root, report))
    else:
        raise InputError(
            "corpus must be a directory of source files or a .jsonl file", where=str(root)
        )
    ids = Counter(r.id for r in records)
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        raise InputError(f"duplicate record ids, e.g. {dupes[0]!r}", where=str(root))
    report.records = len(records)
    return records


def _read_directory(root: Path, report: ReadReport, max_bytes: int) -> Iterator[CodeRecord]:
    for file in sorted(root.rglob("*")):
        rel = file.relative_to(root).as_posix()
        if file.is_symlink():
            report.skip("symlink", rel)
            continue
        if not file.is_file() or file.suffix.lower() not in EXTENSIONS:
            continue
        size = file.stat().st_size
        if size > max_bytes:
            report.skip("too large", rel)
            continue
        try:
            data = file.read_bytes()
        except OSError:
            report.skip("unreadable", rel)
            continue
        if b"\x00" in data:
            report.skip("binary", rel)
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            report.skip("not UTF-8", rel)
            continue
        yield CodeRecord(rel, text, language_for_path(rel), rel)


def _read_jsonl(path: Path, report: ReadReport) -> Iterator[CodeRecord]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=str(path)) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 at byte {exc.start}", where=where) from exc
            except json.JSONDecodeError as exc:
                raise InputError(f"malformed JSON: {exc}", where=where) from exc
            yield _record_from_json(data, number, where)


def _record_from_json(data: Any, number: int, where: str) -> CodeRecord:
    if not isinstance(data, dict):
        raise InputError("each line must be a JSON object", where=where)
    if "text" not in data:
        raise InputError("missing string field 'text'", where=where)
    if not isinstance(data["text"], str):
        kind = "null" if data["text"] is None else type(data["text"]).__name__
        raise InputError(f"field 'text' must be a string, not {kind}", where=where)
    data = dict(data)
    data.setdefault("id", str(number))
    if not data.get("language"):
        data["language"] = language_for_path(str(data.get("path") or ""))
    return CodeRecord.from_dict(data)


def split_functions(
    record: CodeRecord, min_lines: int = 3, max_lines: int = 200
) -> list[CodeRecord]:
    """One record per outermost function/method of ``record`` (ids ``<id>#L<line>``).

    Python methods are dedented so each record parses on its own. Functions shorter than
    ``min_lines`` or longer than ``max_lines`` lines are left out.
    """
    if record.language == "python":
        spans = _python_function_spans(record.text)
    elif has_parser(record.language) and record.language in _FUNCTION_NODES:
        spans = _tree_sitter_function_spans(record.text, record.language)
    else:
        return []
    lines = record.text.splitlines()
    out = []
    for start, end in spans:
        if not min_lines <= end - start <= max_lines:
            continue
        body = textwrap.dedent("\n".join(lines[start:end])) + "\n"
        extra = {**record.extra, "start_line": start + 1, "end_line": end}
        out.append(
            CodeRecord(f"{record.id}#L{start + 1}", body, record.language, record.path, extra)
        )
    return out


def _python_function_spans(text: str) -> list[tuple[int, int]]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    spans: list[tuple[int, int]] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                spans.append((first - 1, child.end_lineno or child.lineno))
            elif isinstance(child, ast.ClassDef | ast.If | ast.Try):
                stack.append(child)
    return sorted(spans)


def _tree_sitter_function_spans(text: str, language: str) -> list[tuple[int, int]]:
    wanted = _FUNCTION_NODES[language]
    tree = _parser(language).parse(text.encode("utf-8", "surrogatepass"))
    spans = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in wanted and not node.has_error and _real_function(node, language):
            spans.append((node.start_point[0], node.end_point[0] + 1))
            continue
        stack.extend(node.children)
    return sorted(spans)


def _real_function(node: Any, language: str) -> bool:
    """C/C++: the declarator must declare a function (macro-heavy code fools the grammar)."""
    if language not in ("c", "cpp"):
        return True
    declarator = node.child_by_field_name("declarator")
    while declarator is not None and declarator.type in (
        "pointer_declarator",
        "reference_declarator",
    ):
        declarator = declarator.child_by_field_name("declarator")
    return declarator is not None and declarator.type == "function_declarator"


def unique_functions(
    files: list[CodeRecord], min_lines: int = 3, max_lines: int = 200
) -> tuple[list[CodeRecord], int]:
    """Every function of ``files`` (see :func:`split_functions`) with exact duplicates
    (after whitespace normalisation) left out, each group keeping its lowest id; and how
    many were left out. How the example corpora are cut from their source trees."""
    from pruning.dedup import exact_dedup

    functions = [f for record in files for f in split_functions(record, min_lines, max_lines)]
    dropped = {m for g in exact_dedup(functions) for m in g.removed}
    return [f for f in functions if f.id not in dropped], len(dropped)


def write_jsonl(records: list[CodeRecord], path: str | Path) -> None:
    """Write records as JSONL (the format :func:`read_corpus` reads back)."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
