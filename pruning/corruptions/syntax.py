"""Syntax corruptions: the result should no longer compile (or, for names, no longer resolve)."""

from __future__ import annotations

import ast
import itertools
import random
import re

from pruning.corruptions.base import code_tokens, line_of, register, replace

_CLOSERS = {")", "]", "}"}
_QUALIFIERS = {".", "->", "::"}


@register("drop-closing-bracket", "syntax", "delete one closing ), ] or }")
def drop_closing_bracket(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Delete one closing bracket."""
    closers = [
        t for t in code_tokens(text, language) if t.kind == "operator" and t.text in _CLOSERS
    ]
    if not closers:
        return "no closing bracket"
    tok = rng.choice(closers)
    return replace(text, tok.start, tok.end, ""), f"deleted {tok.text!r} on line {tok.line + 1}"


@register("unbalance-quote", "syntax", "delete the closing quote of a string literal")
def unbalance_quote(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Delete the last character (the closing quote) of one string literal."""
    strings = [
        t
        for t in code_tokens(text, language)
        if t.kind == "string" and len(t.text) >= 2 and t.text[-1] in "\"'`"
    ]
    if not strings:
        return "no string literal"
    tok = rng.choice(strings)
    new = replace(text, tok.end - 1, tok.end, "")
    return new, f"removed closing quote of string on line {tok.line + 1}"


def _typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    options = [
        name[:i] + name[i + 1 :],  # drop a character
        name[:i] + name[i] + name[i:],  # double a character
    ]
    if i + 1 < len(name) and name[i] != name[i + 1]:
        options.append(name[:i] + name[i + 1] + name[i] + name[i + 2 :])  # swap two
    return rng.choice([o for o in options if o and (o[0].isalpha() or o[0] == "_")] or [name + "_"])


@register("undefined-name", "syntax", "misspell one later use of a variable so it is undefined")
def undefined_name(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Misspell one non-first occurrence of an identifier used at least twice."""
    tokens = code_tokens(text, language)
    seen: dict[str, int] = {}
    uses = []
    for prev, tok in zip([None, *tokens], tokens):
        if tok.kind != "identifier" or len(tok.text) < 2:
            continue
        if prev is not None and prev.text in _QUALIFIERS:
            continue
        seen[tok.text] = seen.get(tok.text, 0) + 1
        if seen[tok.text] > 1:
            uses.append(tok)
    if not uses:
        return "no variable used twice"
    names = {t.text for t in tokens if t.kind == "identifier"}
    tok = rng.choice(uses)
    for _ in range(10):
        new_name = _typo(tok.text, rng)
        if new_name not in names and new_name != tok.text:
            break
    else:
        return "could not find an unused misspelling"
    new = replace(text, tok.start, tok.end, new_name)
    return new, f"renamed one use of {tok.text!r} to {new_name!r} on line {tok.line + 1}"


def _is_doc(node: ast.AST) -> bool:
    """A bare string statement (a docstring)."""
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def _python_statement_lines(text: str) -> list[int]:
    """0-based lines that start a statement, other than the first statement of the record."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    lines = {n.lineno - 1 for n in ast.walk(tree) if isinstance(n, ast.stmt) and not _is_doc(n)}
    first = min(lines, default=0)
    return sorted(line for line in lines if line != first)


def _python_later_statements(text: str) -> list[int]:
    """0-based first lines of statements that are not the first of their block."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    out: set[int] = set()
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list):
                out.update(stmt.lineno - 1 for stmt in body[1:] if isinstance(stmt, ast.stmt))
    return sorted(out)


@register("damage-indentation", "syntax", "shift one statement line by 1-3 spaces")
def damage_indentation(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Add or remove 1-3 spaces of indentation on one statement line.

    Python: only added, and only to a statement that is not the first of its block, so the
    result always fails with "unexpected indent".
    """
    lines = text.split("\n")
    if language == "python":
        candidates = _python_later_statements(text)
    else:
        candidates = [i for i, line in enumerate(lines) if i > 0 and line.strip()]
    if not candidates:
        return "no line to re-indent"
    index = rng.choice(candidates)
    line = lines[index]
    indent = len(line) - len(line.lstrip(" \t"))
    shift = rng.choice([1, 2, 3])
    if indent >= shift and language != "python" and rng.random() < 0.5:
        lines[index] = line[shift:] if line[:shift].strip() == "" else line
        what = f"removed {shift} space(s) of indentation"
    else:
        lines[index] = " " * shift + line
        what = f"added {shift} space(s) of indentation"
    if lines[index] == line:
        lines[index] = " " * shift + line
        what = f"added {shift} space(s) of indentation"
    return "\n".join(lines), f"{what} on line {index + 1}"


@register("truncate", "syntax", "cut the text after an operator between 30% and 90%")
def truncate(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Cut everything after an operator or opening bracket between 30% and 90% of the text."""
    stripped = text.rstrip()
    tokens = [t for t in code_tokens(stripped, language) if t.kind != "comment"]
    cut_points = [
        t.end
        for t in tokens
        if 0.3 * len(stripped) <= t.end <= 0.9 * len(stripped)
        and t.kind == "operator"
        and t.text not in (")", "]", "}", ";")
    ]
    if not cut_points:
        return "too short to truncate"
    cut = rng.choice(cut_points)
    return text[
        :cut
    ] + "\n", f"truncated after line {line_of(text, cut)} ({cut} of {len(text)} chars)"


_SIMPLE_STATEMENT = re.compile(r"^\s*[^\s{}].*;\s*$")


_ASSIGNED = re.compile(r"([A-Za-z_]\w*)\s*(?::=|=(?!=)|\+=|-=|\*=|/=)")
_WORD = re.compile(r"[A-Za-z_]\w*")


def _swappable_pairs(text: str, language: str) -> list[tuple[int, int]]:
    """Adjacent one-line statements where the second reads a name the first assigns."""
    lines = text.split("\n")
    if language == "python":
        return _python_swappable(text)
    out = []
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        same_indent = len(a) - len(a.lstrip()) == len(b) - len(b.lstrip())
        simple = bool(_SIMPLE_STATEMENT.match(a) and _SIMPLE_STATEMENT.match(b))
        if language in ("go", "rust") and not simple:
            simple = bool(a.strip() and b.strip()) and not (set("{}") & set(a + b))
            simple = simple and not a.rstrip().endswith(",") and not b.rstrip().endswith(",")
        assigned = set(_ASSIGNED.findall(a.split("//")[0]))
        depends = bool(assigned & set(_WORD.findall(b.split("//")[0])))
        if same_indent and simple and depends and a.strip() != b.strip():
            out.append((i, i + 1))
    return out


def _python_swappable(text: str) -> list[tuple[int, int]]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    lines = text.split("\n")
    out = []
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for a, b in itertools.pairwise(body):
                single = a.lineno == a.end_lineno and b.lineno == b.end_lineno
                single = single and not (_is_doc(a) or _is_doc(b))
                differ = lines[a.lineno - 1].strip() != lines[b.lineno - 1].strip()
                if single and b.lineno == a.lineno + 1 and differ and _reads_written(a, b):
                    out.append((a.lineno - 1, b.lineno - 1))
    return sorted(out)


def _reads_written(first: ast.stmt, second: ast.stmt) -> bool:
    """Whether ``second`` reads a name that ``first`` assigns (so the order matters)."""
    written = {
        n.id for n in ast.walk(first) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    return any(
        isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in written
        for n in ast.walk(second)
    )


@register(
    "shuffle-statements",
    "syntax",
    "swap two adjacent one-line statements, the second using the first",
)
def shuffle_statements(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Swap two adjacent single-line statements of one block where the second reads a name
    the first assigns: a reordering that changes behaviour (swapping independent statements
    would not corrupt anything)."""
    pairs = _swappable_pairs(text, language)
    if not pairs:
        return "no adjacent one-line statements"
    i, j = rng.choice(pairs)
    lines = text.split("\n")
    indent_i = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    indent_j = lines[j][: len(lines[j]) - len(lines[j].lstrip())]
    lines[i], lines[j] = indent_i + lines[j].lstrip(), indent_j + lines[i].lstrip()
    return "\n".join(lines), f"swapped the statements on lines {i + 1} and {j + 1}"


@register("delete-line", "syntax", "delete one non-blank code line other than the first")
def delete_line(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Delete one line that holds code (not blank, not only a comment, not the first line)."""
    lines = text.split("\n")
    if language == "python":
        candidates = _python_statement_lines(text)
    else:
        candidates = [
            i
            for i, line in enumerate(lines)
            if i > 0
            and line.strip()
            and not line.strip().startswith(("//", "/*", "*"))
            and line.strip() not in ("}", "};", ")", "]")
        ]
    if not candidates:
        return "no code line to delete"
    index = rng.choice(candidates)
    removed = lines.pop(index)
    return "\n".join(lines), f"deleted line {index + 1}: {removed.strip()[:60]!r}"
