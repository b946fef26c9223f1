import pytest

from pruning.languages import LANGUAGES, language_for_path, parse_check, tokenize

GOOD = {
    "python": "def f(x):\n    return x + 1\n",
    "javascript": "function f(x) { return x + 1; }",
    "typescript": "function f(x: number): number { return x + 1; }",
    "java": "class A { int f(int x) { return x + 1; } }",
    "c": "int f(int x) { return x + 1; }",
    "cpp": "int f(int x) { return x + 1; }",
    "go": "package a\nfunc f(x int) int { return x + 1 }\n",
    "rust": "fn f(x: i32) -> i32 { x + 1 }",
}


@pytest.mark.parametrize("language", sorted(GOOD))
def test_parse_check_accepts_valid_and_rejects_missing_brace(language):
    assert parse_check(GOOD[language], language) == (True, None)
    broken = (
        GOOD[language].replace("(x", "x", 1)
        if language == "python"
        else GOOD[language].rstrip()[:-1]
    )
    ok, message = parse_check(broken, language)
    assert ok is False and message


def test_python_indentation_error_is_reported():
    ok, message = parse_check("def f():\n  x = 1\n    return x\n", "python")
    assert ok is False and "Indentation" in message


def test_unknown_language_is_not_judged():
    assert parse_check("whatever", "cobol") == (None, None)


def test_language_for_path():
    assert language_for_path("a/b/C.JAVA") == "java"
    assert language_for_path("x.hpp") == "cpp"
    assert language_for_path("README") == "unknown"
    assert set(LANGUAGES) >= {"python", "javascript", "java", "c", "cpp", "go"}


def test_tokenize_offsets_are_character_offsets_with_unicode():
    text = 's = "é"  # ç\nt = s'
    tokens = tokenize(text, "python")
    for token in tokens:
        assert text[token.start : token.end] == token.text
    kinds = [t.kind for t in tokens]
    assert kinds.count("identifier") == 3 and "comment" in kinds and "string" in kinds


@pytest.mark.parametrize("language", ["javascript", "typescript"])
def test_a_method_cut_from_an_object_literal_parses(language):
    # `{ get(target, key) { ... }, ... }`: the cut method ends with the literal's comma
    method = "get(target, key) {\n  return Reflect.get(target, key);\n},"
    assert parse_check(method, language) == (True, None)
    assert parse_check("get(target, key) {\n  return target[key;\n},", language)[0] is False
