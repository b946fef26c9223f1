import re

import pytest

from pruning.corruptions import REGISTRY, Corrupted, NotApplicable, corrupt, corrupt_any, kinds
from pruning.errors import ConfigError
from pruning.languages import parse_check

PY = '''def clamp(values, low, high):
    """Clamp every value into [low, high]."""
    result = []
    label = "clamped"
    count = len(values)
    half = count // 2
    for value in values[:half]:
        if value < low and high > 0:
            result.append(low)
        elif value > high:
            result.append(high - 1)
        else:
            result.append(value)
    total = len(result) - 2
    return result
'''
JS = """function clamp(values, low, high) {
  const result = [];
  const label = "clamped";
  for (let i = 0; i < values.length; i++) {
    if (values[i] < low && high > 0) {
      result.push(low);
    } else {
      const d = high - low;
      result.push(d);
    }
  }
  return result;
}"""
JAVA = """class A {
  int clamp(int v, int low, int high) {
    String label = "clamped";
    int d = high - low;
    int e = d % 3;
    if (v < low || high > 0) {
      return low;
    }
    return v + d + e;
  }
}"""
C = """int clamp(int v, int low, int high) {
    const char *label = "clamped";
    int d = high - low;
    int e = d % 3;
    if (v < low && high > 0) {
        return low;
    }
    return v + d + e;
}"""
GO = """func clamp(v int, low int, high int) int {
	label := "clamped"
	d := high - low
	e := d % 3
	if v < low && high > 0 {
		return low
	}
	return v + d + e + len(label)
}"""
SOURCES = {"python": PY, "javascript": JS, "java": JAVA, "c": C, "go": GO}
ALWAYS_BREAKS = {"drop-closing-bracket", "unbalance-quote", "truncate"}


def test_registry_has_every_issue_kind_in_the_right_family():
    assert set(kinds("syntax")) == {
        "drop-closing-bracket",
        "unbalance-quote",
        "undefined-name",
        "damage-indentation",
        "truncate",
        "shuffle-statements",
        "delete-line",
    }
    assert set(kinds("content")) == {
        "flip-comparison",
        "off-by-one",
        "swap-operands",
        "swap-and-or",
        "remove-return",
        "negate-condition",
    }
    assert all(REGISTRY[k].summary for k in kinds())


@pytest.mark.parametrize("language", sorted(SOURCES))
@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_every_kind_applies_deterministically_and_changes_the_text(language, kind):
    src = SOURCES[language]
    result = corrupt(src, language, kind, seed=3)
    assert isinstance(result, Corrupted), result
    assert result.text != src and "line" in result.description
    assert corrupt(src, language, kind, seed=3) == result
    if kind in ALWAYS_BREAKS:
        assert parse_check(result.text, language)[0] is False
    if REGISTRY[kind].family == "content":
        assert parse_check(result.text, language)[0] is True


@pytest.mark.parametrize("kind", kinds("syntax"))
def test_python_syntax_kinds_break_parsing_or_names(kind):
    for seed in range(5):
        result = corrupt(PY, "python", kind, seed)
        assert isinstance(result, Corrupted)
        parses = parse_check(result.text, "python")[0]
        if kind in ("drop-closing-bracket", "unbalance-quote", "truncate", "damage-indentation"):
            assert parses is False, result.description
        elif kind == "undefined-name":
            new = result.description.split("to ")[1].split(" ")[0].strip("'")
            assert re.search(rf"\b{new}\b", result.text)
            assert not re.search(rf"\b{new}\b", PY)


def test_content_kinds_make_the_stated_change():
    assert "value >= low" in corrupt(PY, "python", "flip-comparison", 0).text or any(
        op in corrupt(PY, "python", "flip-comparison", 0).description for op in ("<=", "!=", ">")
    )
    swapped = corrupt(PY, "python", "swap-operands", 0)
    assert isinstance(swapped, Corrupted)
    assert "1 - high" in swapped.text or "2 - len(result)" in swapped.text
    assert "return result" not in corrupt(PY, "python", "remove-return", 0).text
    assert "not (" in corrupt(PY, "python", "negate-condition", 0).text
    assert " or " in corrupt(PY, "python", "swap-and-or", 0).text
    assert "||" in corrupt(C, "c", "swap-and-or", 0).text
    assert "!(" in corrupt(GO, "go", "negate-condition", 0).text


def test_off_by_one_changes_one_literal_by_one():
    result = corrupt(C, "c", "off-by-one", 1)
    assert isinstance(result, Corrupted)
    old, new = result.description.split(" on ")[0].split(" -> ")
    assert abs(int(old) - int(new)) == 1


def test_java_generics_are_not_flipped():
    src = "class A { boolean f(List<String> xs) { return xs.size() < 3; } }"
    for seed in range(6):
        result = corrupt(src, "java", "flip-comparison", seed)
        assert isinstance(result, Corrupted) and "List<String>" in result.text


def test_not_applicable_and_unknown_kinds():
    assert isinstance(corrupt("x = 1\n", "python", "swap-and-or"), NotApplicable)
    assert corrupt("x = 1\n", "python", "remove-return").reason == "no return with a value"
    with pytest.raises(ConfigError):
        corrupt(PY, "python", "scramble")


def test_corrupt_any_respects_allowed_kinds_and_seed():
    first = corrupt_any(PY, "python", seed=1, allowed=["flip-comparison", "swap-and-or"])
    assert isinstance(first, Corrupted) and first.kind in ("flip-comparison", "swap-and-or")
    assert corrupt_any(PY, "python", seed=1, allowed=["flip-comparison", "swap-and-or"]) == first
    assert isinstance(corrupt_any("", "python", seed=0), NotApplicable)


def test_python_shuffle_and_delete_change_what_they_say():
    from pruning.signals.structural import structural_signals

    for seed in range(4):
        swapped = corrupt(PY, "python", "shuffle-statements", seed)
        assert isinstance(swapped, Corrupted)
        i, j = (int(n) - 1 for n in re.findall(r"\d+", swapped.description))
        old, new = PY.split("\n"), swapped.text.split("\n")
        assert new[i].strip() == old[j].strip() and new[j].strip() == old[i].strip()
        assert structural_signals(swapped.text, "python").use_before_def >= 1
        deleted = corrupt(PY, "python", "delete-line", seed)
        assert isinstance(deleted, Corrupted)
        number = int(re.search(r"line (\d+)", deleted.description).group(1))
        assert deleted.text.split("\n") == old[: number - 1] + old[number:]
