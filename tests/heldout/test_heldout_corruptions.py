"""Tests of the held-out corruption set (``tests/heldout/corruptions.py``).

The contract is checked with checkers written here (``compile`` for Python, a tree-sitter
parse for JavaScript/Java) and cross-checked against ``node`` and a parse-only ``javac``
when those tools are installed.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import tokenize
import warnings
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from .corruptions import FAMILIES, LANGUAGES, corrupt

KINDS = tuple(FAMILIES)
SEEDS = range(8)

PY_FUNCTION = '''def summarize(records, threshold=3, label="n<5 (x)"):
    """Count records; a docstring with < ( [ 1 + and == x."""
    total = 0
    seen = []
    for index in range(1, len(records)):
        value = records[index] * 2  # note: value < 10 (approx) + 1
        if value > threshold and index != 0:
            total += value - 1
            seen.append(value)
        elif value <= 0 or value == threshold:
            print("skip [", index, label)
        else:
            total = total / 2
    report(total, seen, "done: x == 1")
    return total
'''

PY_METHOD = """    def advance(self, steps):
        # move forward; count = count + 1 (not code) [x] < 2
        position = self.position
        while position < self.limit and steps > 0:
            position += 1
            steps -= 1
            self.trace.append((position, "step (1)"))
        self.position = position
        self.notify(position, steps)
        return steps == 0
"""

JS_FUNCTION = """function summarize(records, threshold, label) {
  // Count records: value < 10 (approx) + 1
  let total = 0;
  const seen = [];
  for (let index = 1; index < records.length; index++) {
    const value = records[index] * 2;
    if (value > threshold && index !== 0) {
      total += value - 1;
      seen.push(value);
    } else if (value <= 0 || value === threshold) {
      console.log("skip [", index, label, `t${index + 1}`);
    } else {
      total = total / 2;
    }
  }
  report(total, seen, "done: x == 1");
  return total;
}
"""

JS_METHOD = """  advance(steps) {
    /* move forward; count = count + 1 (not code) [x] < 2 */
    let position = this.position;
    while (position < this.limit && steps > 0) {
      position += 1;
      steps -= 1;
      this.trace.push([position, "step (1)"]);
    }
    this.position = position;
    this.notify(position, steps);
    return steps === 0;
  }
"""

JAVA_FUNCTION = """public int summarize(int[] records, int threshold, String label) {
    // Count records: value < 10 (approx) + 1
    int total = 0;
    List<Integer> seen = new ArrayList<>();
    for (int index = 1; index < records.length; index++) {
        int value = records[index] * 2;
        if (value > threshold && index != 0) {
            total += value - 1;
            seen.add(value);
        } else if (value <= 0 || value == threshold) {
            System.out.println("skip [" + index + label);
        } else {
            total = total / 2;
        }
    }
    report(total, seen, "done: x == 1");
    return total;
}
"""

JAVA_METHOD = """    /** Advance; steps < 0 (never) + 1. */
    public boolean advance(int steps) {
        int position = this.position;
        while (position < this.limit && steps > 0) {
            position += 1;
            steps -= 1;
            trace.add(new Step(position, "step (1)"));
        }
        this.position = position;
        notify(position, steps);
        return steps == 0;
    }
"""

FUNCTIONS: dict[str, tuple[str, ...]] = {
    "python": (PY_FUNCTION, PY_METHOD),
    "javascript": (JS_FUNCTION, JS_METHOD),
    "java": (JAVA_FUNCTION, JAVA_METHOD),
}

# Functions to which the kind cannot apply (operators, numbers, brackets only in strings
# and comments, a single variable, no multi-argument call, ...).
NOT_APPLICABLE: list[tuple[str, str, str]] = [
    ("python", "flip-comparison", 'def f(a):\n    return a + "<"  # a < b\n'),
    ("javascript", "flip-comparison", 'function f(a) {\n  return a + "<"; // a < b\n}\n'),
    ("java", "flip-comparison", 'int f(int a) {\n    return a + "<".length(); // a < b\n}\n'),
    ("python", "off-by-one", 'def f(a):\n    return a + "1"  # 2\n'),
    ("javascript", "off-by-one", 'function f(a) {\n  return a + "1"; // 2\n}\n'),
    ("java", "off-by-one", 'String f(String a) {\n    return a + "1"; // 2\n}\n'),
    ("python", "swap-arguments", "def f(a):\n    return g(a)  # g(a, b)\n"),
    ("javascript", "swap-arguments", "function f(a) {\n  return g(a); // g(a, b)\n}\n"),
    ("java", "swap-arguments", "int f(int a) {\n    return g(a); // g(a, b)\n}\n"),
    ("python", "wrong-variable", "def f(a):\n    return a + 1\n"),
    ("javascript", "wrong-variable", "function f(a) {\n  return a + 1;\n}\n"),
    ("java", "wrong-variable", "int f(int a) {\n    return a + 1;\n}\n"),
    ("python", "wrong-operator", 'def f(a):\n    return g(a, "+")  # a + b\n'),
    ("javascript", "wrong-operator", 'function f(a) {\n  return g(a, "+"); // a + b\n}\n'),
    ("java", "wrong-operator", 'int f(int a) {\n    return g(a, "+"); // a + b\n}\n'),
    ("python", "drop-statement", "def f(a):\n    return a\n"),
    ("javascript", "drop-statement", "function f(a) {\n  return a;\n}\n"),
    ("java", "drop-statement", "int f(int a) {\n    return a;\n}\n"),
    ("python", "misspell-identifier", "def f(a):\n    return a\n"),
    ("javascript", "misspell-identifier", "function f(a) {\n  return a;\n}\n"),
    ("java", "misspell-identifier", "int f(int a) {\n    return a;\n}\n"),
    ("python", "lose-indentation", "def f(a): return a\n"),
    ("javascript", "lose-indentation", "function f(a) { return a; }\n"),
    ("java", "lose-indentation", "int f(int a) { return a; }\n"),
    ("python", "shuffle-lines", "def f(a): return a\n"),
    ("javascript", "shuffle-lines", "function f(a) { return a; }\n"),
    ("java", "shuffle-lines", "int f(int a) { return a; }\n"),
    ("javascript", "missing-separator", "function f(a) {\n  return a\n}\n"),
]

BROKEN: dict[str, str] = {
    "python": "def f(a):\n    return (a\n",
    "javascript": "function f(a) {\n  return (a;\n}\n",
    "java": "int f(int a) {\n    return (a;\n}\n",
}

# --------------------------------------------------------------------------- checkers

_TS_WRAP = ("class _X {\n", "\n}")
_TS_LITERALS = {
    "javascript": {"string", "template_string", "regex", "comment"},
    "java": {"string_literal", "character_literal", "line_comment", "block_comment"},
}


@cache
def _ts_parser(language: str):  # type: ignore[no-untyped-def]
    import tree_sitter

    if language == "javascript":
        import tree_sitter_javascript as grammar
    else:
        import tree_sitter_java as grammar
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


def _ts_ok(language: str, source: str) -> bool:
    tree = _ts_parser(language).parse(source.encode("utf-8"))
    return not tree.root_node.has_error


def _wrapping(language: str, original: str) -> tuple[str, str]:
    """The wrapper under which the original compiles (checked here, not in the module)."""
    if language == "python":
        return ("", "") if _compiles(language, original, ("", "")) else ("if True:\n", "")
    plain = ("", "") if language == "javascript" else _TS_WRAP
    other = _TS_WRAP if language == "javascript" else ("", "")
    return plain if _compiles(language, original, plain) else other


def _compiles(language: str, text: str, wrap: tuple[str, str]) -> bool:
    source = wrap[0] + text + wrap[1]
    if language != "python":
        return _ts_ok(language, source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "<t>", "exec", dont_inherit=True)
        except SyntaxError:
            return False
    return True


def _literals(language: str, text: str) -> list[tuple[int, int]]:
    """Spans of string literals and comments in a text that compiles."""
    if language == "python":
        source = text if _compiles("python", text, ("", "")) else "if True:\n" + text
        shift = len(source) - len(text)
        starts = [0] + [m.end() for m in re.finditer("\n", source)]
        spans = []
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in (tokenize.STRING, tokenize.COMMENT):
                start = starts[tok.start[0] - 1] + tok.start[1] - shift
                spans.append((start, starts[tok.end[0] - 1] + tok.end[1] - shift))
        return spans
    wrap = _wrapping(language, text)
    tree = _ts_parser(language).parse((wrap[0] + text + wrap[1]).encode("utf-8"))
    spans, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in _TS_LITERALS[language]:
            spans.append((node.start_byte - len(wrap[0]), node.end_byte - len(wrap[0])))
        else:
            stack.extend(node.children)
    return spans  # the test functions are ASCII, so bytes == characters


def _results() -> Iterator[tuple[str, str, int, str, str | None]]:
    for language, texts in FUNCTIONS.items():
        for text in texts:
            for kind in KINDS:
                for seed in SEEDS:
                    yield language, kind, seed, text, corrupt(text, language, kind, seed)


@cache
def _all_results() -> tuple[tuple[str, str, int, str, str | None], ...]:
    return tuple(_results())


# --------------------------------------------------------------------------- tests


def test_api() -> None:
    assert LANGUAGES == ("python", "javascript", "java")
    assert set(FAMILIES.values()) == {"syntax", "content"}
    syntax = {k for k, f in FAMILIES.items() if f == "syntax"}
    assert syntax == {
        "drop-bracket",
        "lose-indentation",
        "shuffle-lines",
        "truncate-body",
        "missing-separator",
    }
    assert len(FAMILIES) == 12
    with pytest.raises(ValueError):
        corrupt(PY_FUNCTION, "cobol", "drop-bracket", 0)
    with pytest.raises(ValueError):
        corrupt(PY_FUNCTION, "python", "no-such-kind", 0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_originals_compile(language: str) -> None:
    for text in FUNCTIONS[language]:
        assert _compiles(language, text, _wrapping(language, text))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_contract(language: str, kind: str) -> None:
    """Results differ, meet the family contract, and every function gets one."""
    for text in FUNCTIONS[language]:
        wrap = _wrapping(language, text)
        results = [
            r for lang, k, _, t, r in _all_results() if (lang, k, t) == (language, kind, text)
        ]
        assert any(r is not None for r in results), (language, kind, text)
        for result in filter(None, results):
            assert result != text
            assert _compiles(language, result, wrap) == (FAMILIES[kind] == "content"), result


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_deterministic_and_seed_dependent(language: str, kind: str) -> None:
    text = FUNCTIONS[language][0]
    by_seed = [corrupt(text, language, kind, seed) for seed in range(16)]
    assert by_seed == [corrupt(text, language, kind, seed) for seed in range(16)]
    assert len({r for r in by_seed if r is not None}) >= 2, (language, kind)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_strings_and_comments_untouched(language: str, kind: str) -> None:
    for text in FUNCTIONS[language]:
        spans = _literals(language, text)
        literals = Counter({text[s:e]: text.count(text[s:e]) for s, e in spans})
        for seed in range(16):
            result = corrupt(text, language, kind, seed)
            if result is None:
                continue
            if kind == "truncate-body":
                assert text.startswith(result)
                assert not any(s < len(result) < e for s, e in spans), result
                continue
            found = Counter({lit: result.count(lit) for lit in literals})
            if kind == "drop-statement":
                assert all(found[lit] <= n for lit, n in literals.items()), result
                assert _kept_lines(text, result)
            else:
                assert found == literals, (kind, result)


def _kept_lines(text: str, result: str) -> bool:
    """Whether ``result`` is ``text`` minus some whole lines."""
    lines, kept = text.splitlines(), result.splitlines()
    it = iter(lines)
    return all(any(line == other for other in it) for line in kept)


@pytest.mark.parametrize(("language", "kind", "text"), NOT_APPLICABLE)
def test_not_applicable(language: str, kind: str, text: str) -> None:
    assert _compiles(language, text, _wrapping(language, text))
    assert all(corrupt(text, language, kind, seed) is None for seed in range(6))


@pytest.mark.parametrize("language", LANGUAGES)
def test_original_must_compile(language: str) -> None:
    for kind in KINDS:
        assert corrupt(BROKEN[language], language, kind, 0) is None


def test_python_specifics() -> None:
    missing = {corrupt(PY_FUNCTION, "python", "missing-separator", s) for s in range(16)}
    for result in filter(None, missing):
        changed = [a for a, b in zip(PY_FUNCTION.splitlines(), result.splitlines()) if a != b]
        assert len(changed) == 1 and changed[0].rstrip().endswith(":")
    flips = {corrupt("def f(a, b):\n    return a is not b\n", "python", "flip-comparison", 0)}
    assert flips == {"def f(a, b):\n    return a is b\n"}


def _code_words(language: str, text: str) -> set[str]:
    """Words of ``text`` outside string literals and comments."""
    for start, end in _literals(language, text):
        text = text[:start] + " " * (end - start) + text[end:]
    return set(re.findall(r"[A-Za-z_]\w*", text))


def _one_typo_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter dropped, doubled, swapped or replaced."""
    if len(a) == len(b) + 1:
        return any(a[:i] + a[i + 1 :] == b for i in range(len(a)))
    if len(b) == len(a) + 1:
        return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))
    diff = [i for i in range(len(a)) if len(a) == len(b) and a[i] != b[i]]
    swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
    return len(diff) == 1 or (swapped and a[diff[1]] == b[diff[0]])


@pytest.mark.parametrize("language", LANGUAGES)
def test_misspelling_is_a_typo_into_a_new_name(language: str) -> None:
    for text in FUNCTIONS[language]:
        names = _code_words(language, text)
        for seed in range(16):
            result = corrupt(text, language, "misspell-identifier", seed)
            assert result is not None
            new = _code_words(language, result) - names
            assert len(new) == 1, result
            (typo,) = new
            assert any(_one_typo_apart(name, typo) for name in names), typo


def test_wrong_variable_uses_existing_local() -> None:
    for seed in range(16):
        result = corrupt(JAVA_FUNCTION, "java", "wrong-variable", seed)
        assert result is not None
        old = [a for a in JAVA_FUNCTION.splitlines() if a not in result.splitlines()]
        new = [b for b in result.splitlines() if b not in JAVA_FUNCTION.splitlines()]
        assert len(old) == len(new) == 1
        words = set(re.findall(r"\w+", new[0])) - set(re.findall(r"\w+", old[0]))
        assert words <= {"total", "index", "value", "records", "threshold", "label", "seen"}


def test_javascript_method_is_wrapped() -> None:
    assert not _ts_ok("javascript", JS_METHOD)
    result = corrupt(JS_METHOD, "javascript", "drop-statement", 0)
    assert result is not None and result.startswith("  advance(steps) {")


# --------------------------------------------------------------------------- cross-checks

_NODE_CHECK = """
const vm = require('vm'); const fs = require('fs');
const params = ['exports', 'require', 'module', '__filename', '__dirname'];
const out = JSON.parse(fs.readFileSync(0, 'utf8')).map((src) => {
  try { vm.compileFunction(src, params); return true; } catch (e) { return false; }
});
process.stdout.write(JSON.stringify(out));
"""


def _tool(name: str) -> None:
    """Skip without ``name`` (a failure under CROISSANT_TOOLS_REQUIRE_EXTRAS=1, as in CI)."""
    if shutil.which(name) is None:
        message = f"{name} is not installed"
        if os.environ.get("CROISSANT_TOOLS_REQUIRE_EXTRAS") == "1":
            pytest.fail(message)
        pytest.skip(message)


def test_javascript_results_agree_with_node() -> None:
    """Node's CommonJS compile (what ``node --check`` does) agrees with the contract."""
    _tool("node")
    rows = [row for row in _all_results() if row[0] == "javascript" and row[4] is not None]
    wraps = [_wrapping("javascript", row[3]) for row in rows]
    sources = [w[0] + row[4] + w[1] for row, w in zip(rows, wraps)]  # type: ignore[operator]
    sources += [
        w[0] + t + w[1] for t in FUNCTIONS["javascript"] for w in [_wrapping("javascript", t)]
    ]
    proc = subprocess.run(
        ["node", "-e", _NODE_CHECK],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    verdicts = json.loads(proc.stdout)
    assert all(verdicts[len(rows) :]), "originals must pass node"
    wrong = [
        (row[1], row[4]) for row, ok in zip(rows, verdicts) if ok != (FAMILIES[row[1]] == "content")
    ]
    assert not wrong


def test_java_results_agree_with_javac_parser() -> None:
    """A parse-only ``javac`` run agrees with the contract (symbol errors are not checked)."""
    _tool("javac")
    rows = [row for row in _all_results() if row[0] == "java" and row[4] is not None]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, row in enumerate(rows):
            path = Path(tmp) / f"R{i}.java"
            path.write_text(f"class R{i} {{\n{row[4]}\n}}\n", encoding="utf-8")
            files.append(str(path))
        proc = subprocess.run(
            [
                "javac",
                "-XDshould-stop.ifNoError=PARSE",
                "-XDshould-stop.ifError=PARSE",
                "-Xmaxerrs",
                "100000",
                "-d",
                tmp,
                *files,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    failing = {int(m) for m in re.findall(r"R(\d+)\.java:\d+: error", proc.stderr)}
    wrong = [
        (row[1], row[4])
        for i, row in enumerate(rows)
        if (i not in failing) != (FAMILIES[row[1]] == "content")
    ]
    assert not wrong
