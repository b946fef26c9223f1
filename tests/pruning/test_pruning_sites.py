"""Site-level bug detectors, misspelt names and hard evidence, on hand-written mistakes.

The detectors are trained on real, clean code (the bundled corpus and the language-id
development set); the buggy/clean pairs below were written by hand, as a person would make
the mistake, not by any synthetic corruption of the project.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pruning.languages import tokenize
from pruning.scores.evidence import TIER_GAP, ranked, tiers
from pruning.signals.corpus import CorpusModel, train_corpus_model
from pruning.signals.identifiers import legitimate_pair, one_edit, train_names
from pruning.signals.sites import extract_sites, left_head, right_head, subword
from pruning.signals.structural import FEATURE_NAMES, feature_vector, structural_signals

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model() -> CorpusModel:
    records = []
    for path in (
        ROOT / "examples" / "code_corpus" / "functions.jsonl",
        ROOT / "tests" / "fixtures" / "langid" / "functions.jsonl",
    ):
        records += [json.loads(line) for line in path.read_text().splitlines()]
    return train_corpus_model([r["text"] for r in records], [r["language"] for r in records])


def site_kinds(text: str, language: str) -> Counter[str]:
    return Counter(s.kind for s in extract_sites(tokenize(text, language), language))


def test_sites_are_operators_literals_and_argument_pairs() -> None:
    code = (
        "def f(items, n):\n    if n < len(items) and items[0] != None:\n"
        "        return max(n - 1, 0)\n    return g(items, n)\n"
    )
    kinds = site_kinds(code, "python")
    # max(n - 1, 0) has a compound argument: only g(items, n) gives an argument pair
    assert kinds == Counter({"cmp": 2, "bool": 1, "arith": 1, "num": 3, "args": 1})


def test_type_arguments_are_not_comparisons() -> None:
    java = (
        "List<String> names(Map<String, Integer> m) {\n    return new ArrayList<>(m.keySet());\n}\n"
    )
    assert site_kinds(java, "java")["cmp"] == 0
    ts = "function f(xs: Array<number>): number {\n  return xs.length > 2 ? 1 : 0;\n}\n"
    assert site_kinds(ts, "typescript")["cmp"] == 1


def test_operand_heads() -> None:
    tokens = tokenize("if self.size <= len(items[i]) - 1:\n    pass\n", "python")
    op = next(i for i, t in enumerate(tokens) if t.text == "<=")
    assert left_head(tokens, op) == "size"
    assert right_head(tokens, op) == "len("
    assert subword("maxLength") == "length" and subword("num_items") == "items"


PAIRS = [
    (
        "python",
        "def get(items, index):\n    if index < len(items):\n        return items[index]\n"
        "    return None\n",
        "def get(items, index):\n    if index <= len(items):\n        return items[index]\n"
        "    return None\n",
        ("cmp", 2, "<="),
    ),
    (
        "python",
        "def last(items):\n    return items[len(items) - 1]\n",
        "def last(items):\n    return items[len(items) - 2]\n",
        ("num", 2, "2"),
    ),
    (
        "java",
        "public int total(int[] values) {\n    int sum = 0;\n"
        "    for (int i = 0; i < values.length; i++) {\n        sum += values[i];\n    }\n"
        "    return sum;\n}\n",
        "public int total(int[] values) {\n    int sum = 0;\n"
        "    for (int i = 0; i <= values.length; i++) {\n        sum += values[i];\n    }\n"
        "    return sum;\n}\n",
        ("cmp", 3, "<="),
    ),
    (
        "javascript",
        "function sum(list) {\n  let total = 0;\n  for (let i = 0; i < list.length; i++) {\n"
        "    total += list[i];\n  }\n  return total;\n}\n",
        "function sum(list) {\n  let total = 0;\n  for (let i = 0; i <= list.length; i++) {\n"
        "    total += list[i];\n  }\n  return total;\n}\n",
        ("cmp", 3, "<="),
    ),
]


@pytest.mark.parametrize(("language", "clean", "buggy", "expected"), PAIRS)
def test_hand_written_mistakes_are_the_most_suspicious_site(
    model: CorpusModel,
    language: str,
    clean: str,
    buggy: str,
    expected: tuple[str, int, str],
) -> None:
    kind, line, written = expected
    clean_features, _ = model.sites.findings(clean, language, None)
    buggy_features, finding = model.sites.findings(buggy, language, None)
    assert finding is not None
    assert (finding.kind, finding.line, finding.written) in {
        (kind, line, written),
        ("aug" if kind == "arith" else kind, line, written),
    }, finding
    assert buggy_features.max() > clean_features.max()
    assert f"line {line}:" in finding.describe() and written in finding.describe()


def test_swapped_arguments_are_suspicious(model: CorpusModel) -> None:
    clean = "def check(value):\n    if isinstance(value, str):\n        return value\n"
    buggy = "def check(value):\n    if isinstance(str, value):\n        return value\n"
    clean_features, _ = model.sites.findings(clean, "python", None)
    buggy_features, finding = model.sites.findings(buggy, "python", None)
    assert finding is not None and finding.kind == "args", finding
    assert buggy_features[-1] > clean_features[-1]


@pytest.mark.parametrize(
    ("language", "clean", "buggy", "typo"),
    [
        (
            "python",
            "def describe(self):\n    return self.name + ': ' + str(self.value)\n",
            "def describe(self):\n    return self.name + ': ' + str(self.vaule)\n",
            "vaule",
        ),
        (
            "java",
            "public void reset() {\n    this.counter = 0;\n    listeners.clear();\n}\n",
            "public void reset() {\n    this.counter = 0;\n    listeners.claer();\n}\n",
            "claer",
        ),
        (
            "javascript",
            "function size(options) {\n  const total = options.length;\n  return total;\n}\n",
            "function size(options) {\n  const total = options.lenght;\n  return total;\n}\n",
            "lenght",
        ),
    ],
)
def test_misspelt_names_are_found_with_their_neighbour(
    model: CorpusModel, language: str, clean: str, buggy: str, typo: str
) -> None:
    assert model.misspelling(clean, language, None) is None
    found = model.misspelling(buggy, language, None)
    assert found is not None and found.name == typo, found
    assert "used nowhere else" in found.describe()


def test_legitimate_name_pairs_are_not_typos() -> None:
    assert one_edit("value", "valeu") and not legitimate_pair("value", "valeu")
    assert legitimate_pair("item", "items") and legitimate_pair("_func", "func")
    assert legitimate_pair("x1", "x2") and legitimate_pair("Value", "value")
    assert not one_edit("value", "values2")


def test_names_leave_their_own_text_out() -> None:
    names = train_names([["alpha", "beta"], ["alpha", "gamma", "gamma"]])
    alone = train_names([["alpha", "beta"]])
    own = Counter(["alpha", "gamma", "gamma"])
    assert names.name_bits("alpha", own) == pytest.approx(alone.name_bits("alpha"))
    assert names.name_bits("gamma", own) == pytest.approx(alone.name_bits("gamma"))
    assert names.name_bits("gamma") < names.name_bits("never_seen")


def test_site_model_leaves_a_training_text_out(model: CorpusModel) -> None:
    text = "def odd(n):\n    return n % 2 == 1\n"
    alone = train_corpus_model([text, "def g(x):\n    return x\n"], ["python", "python"])
    without = train_corpus_model(["def g(x):\n    return x\n"], ["python"])
    assert np.allclose(
        alone.sites.findings(text, "python", "auto")[0],
        without.sites.findings(text, "python", None)[0],
    )


def _row(text: str, language: str) -> np.ndarray:
    return feature_vector(structural_signals(text, language))


@settings(max_examples=60, deadline=None)
@given(
    logits=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=4, max_size=4),
    cut=st.integers(1, 20),
)
def test_any_unparsable_record_outranks_any_parseable_one(logits: list[float], cut: int) -> None:
    """Property: whatever the learned log-odds, tier 2 > tier 1 > tier 0 in the ranking."""
    code = "def f(a, b):\n    if a < b:\n        return a\n    return b\n"
    broken = code[: 10 + cut % (len(code) - 12)] + "(\n"
    rows = np.vstack([_row(code, "python"), _row(broken, "python")])
    tier = tiers(rows)
    assert list(tier) == [0, 2]
    scores = ranked(np.asarray(logits[:2]), tier)
    assert scores[1] > scores[0]
    mixed = ranked(np.asarray(logits), np.array([0, 1, 2, 0]))
    assert mixed[2] > mixed[1] > max(mixed[0], mixed[3])
    assert mixed[2] - mixed[1] >= TIER_GAP / 100


def test_certain_checks_are_tier_one() -> None:
    used_early = "def f(items):\n    total += 1\n    total = 0\n    return total\n"
    row = _row(used_early, "python")
    assert row[FEATURE_NAMES.index("log_use_before_def")] > 0
    assert tiers(row[None, :])[0] == 1
    assert tiers(row[None, :], checks=())[0] == 0  # demoted for this corpus


def test_a_check_common_in_one_language_is_demoted_for_it_alone() -> None:
    """A certain check that fires on more than 2% of one language's sample stops being hard
    evidence for that language (e.g. a grammar the check misreads), not for the others."""
    from pruning.scores.evidence import qualifying_checks

    used_early = _row("def f(items):\n    total += 1\n    total = 0\n    return total\n", "python")
    clean = _row("def f(a):\n    return a\n", "python")
    rows = np.vstack([clean] * 200 + [used_early] * 3 + [clean] * 60)
    languages = ["python"] * 200 + ["typescript"] * 63
    checks, rates, demoted = qualifying_checks(rows, languages)
    assert "log_use_before_def" in checks and rates["log_use_before_def"] < 0.02
    assert demoted == (("typescript", ("log_use_before_def",)),)
    both = np.vstack([used_early, used_early])
    assert list(tiers(both, checks, ["python", "typescript"], demoted)) == [1, 0]
