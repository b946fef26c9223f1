"""Name and control-flow lint signals: Python (ast) and brace languages (tree-sitter scopes)."""

import ast

import pytest

from pruning.signals.lint_python import python_counts
from pruning.signals.scopes import SCOPE_COUNTS, scope_counts
from pruning.signals.structural import structural_signals


def _py(text):
    return python_counts(ast.parse(text))


def test_python_unreachable_statements():
    assert _py("def f(x):\n    return x\n    x += 1\n    g(x)\n")["unreachable_statements"] == 2
    text = "def f(xs):\n    for x in xs:\n        if x:\n            break\n    return 1\n"
    assert _py(text)["unreachable_statements"] == 0


def test_python_unused_parameters_ignore_self_stubs_and_underscores():
    assert _py("def f(self, a, b, _c):\n    return a\n")["unused_parameters"] == 1
    assert _py("def f(a, b):\n    '''doc'''\n    ...\n")["unused_parameters"] == 0
    assert _py("def f(a):\n    raise NotImplementedError\n")["unused_parameters"] == 0
    assert _py("def f(a, b):\n    '''only a docstring'''\n")["unused_parameters"] == 2
    assert _py("def f(a, *args, **kw):\n    return g(*args, **kw)\n")["unused_parameters"] == 1


def test_python_dead_stores_need_no_later_read_outside_loops():
    dead = "def f(a):\n    b = a + 1\n    c = 2\n    return b\n"
    assert _py(dead)["unused_assignments"] == 1  # c
    swapped = "def f(a):\n    b = g(c)\n    c = a * 2\n    return b\n"
    assert _py(swapped)["unused_assignments"] == 1  # the last c is never read
    loop = "def f(xs):\n    t = 0\n    for x in xs:\n        last = x\n    return t\n"
    assert _py(loop)["unused_assignments"] == 0
    closure = "def f():\n    n = 0\n    def g():\n        return n\n    n = 1\n    return g\n"
    assert _py(closure)["unused_assignments"] == 0
    assert _py("def f():\n    global n\n    n = 1\n")["unused_assignments"] == 0
    assert _py("def f(a):\n    _, b = a\n    return b\n")["unused_assignments"] == 0


def test_python_missing_returns_from_annotations():
    assert _py("def f(a) -> int:\n    g(a)\n")["missing_returns"] == 1
    assert _py("def f(a) -> int:\n    '''doc'''\n")["missing_returns"] == 1
    assert _py("def f(a) -> int:\n    return a\n")["missing_returns"] == 0
    assert _py("def f(a) -> None:\n    g(a)\n")["missing_returns"] == 0
    assert _py("def f(a) -> 't.NoReturn':\n    g(a)\n")["missing_returns"] == 0
    assert _py("def f(a) -> int:\n    raise ValueError(a)\n")["missing_returns"] == 0
    assert _py("def f(a) -> int:\n    ...\n")["missing_returns"] == 0
    assert _py("def f(a) -> Iterator[int]:\n    yield a\n")["missing_returns"] == 0
    nested = "def f(a):\n    def g():\n        return 1\n    g()\n"
    assert _py(nested)["missing_returns"] == 0  # the inner return is not f's


SIBLINGS = """void f(String s) {
    if (a) {
        String origin = s;
        g(origin);
    } else {
        h(origin);
        String origin = s;
    }
}"""


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("java", SIBLINGS, 1),
        ("java", SIBLINGS.replace("        h(origin);\n        String origin = s;", ""), 0),
        ("go", "func f() int {\n\ty := x + 1\n\tx := 2\n\treturn y\n}\n", 1),
        ("go", "func f(x int) int {\n\tif x > 0 {\n\t\ty := x\n\t\tx := y\n\t}\n\treturn x\n}", 0),
        ("c", "int f(int a) { int y = b + a; int b = 2; return y; }", 1),
        ("c", "int f(int a) { for (int i = 0; i < a; i++) { a += i; } return a; }", 0),
        ("javascript", "function f(a) { let y = z + a; const z = 1; return y; }", 1),
        ("javascript", "function f({a, b}) { const [x] = a; return x + b; }", 0),
    ],
)
def test_brace_use_before_declaration_is_scope_aware(language, text, expected):
    assert scope_counts(text, language)["use_before_def"] == expected


def test_brace_unused_parameters_unreachable_and_dead_stores():
    java = "int f(int a, int b) { int t = a; t = 3; return a; g(); }"
    counts = scope_counts(java, "java")
    assert counts["unused_parameters"] == 1  # b
    assert counts["unreachable_statements"] == 1  # g() after return
    assert counts["unused_assignments"] == 1  # t = 3 is never read
    loop = "int f(int n) { int s = 0; for (int i = 0; i < n; i++) { s = s + i; } return s; }"
    assert not any(scope_counts(loop, "java").values())
    method = "foo(a) { return this.a; }"  # a class member, parsed inside a class body
    assert scope_counts(method, "javascript")["unused_parameters"] == 1


def test_go_undeclared_names_skip_calls_packages_and_builtins():
    deleted = "func f(goflag int) {\n\tf.AddFlag(newflag)\n}\n"
    assert scope_counts(deleted, "go")["unbound_names"] == 1  # newflag; f is a qualifier
    clean = "func f(a []int) int {\n\tn := len(a)\n\tfmt.Println(n, nil)\n\treturn T{A: n}.A\n}\n"
    assert scope_counts(clean, "go")["unbound_names"] == 0
    assert scope_counts("x", "cobol") == dict.fromkeys(SCOPE_COUNTS, 0)


def test_structural_signals_carry_the_new_counts():
    s = structural_signals("def f(a, b):\n    return a\n    print(b)\n", "python")
    assert s.unreachable_statements == 1 and s.unused_parameters == 0
    odd = "void f() {\n     g();\n}\n"  # one statement, indented by five columns
    assert structural_signals(odd, "java").indent_errors == 1
    assert structural_signals(odd.replace("     g", "    g"), "java").indent_errors == 0
    annotated = "@Override\n public void f() {\n    g();\n}\n"
    assert structural_signals(annotated, "java").indent_errors == 1


def test_documented_returns_and_constant_statements():
    assert (
        _py("def f(self):\n    '''Return the buffer.'''\n    self.b.get()\n")["missing_returns"]
        == 1
    )
    sectioned = "def f(a):\n    '''Compute.\n\n    Returns:\n        int\n    '''\n    g(a)\n"
    assert _py(sectioned)["missing_returns"] == 1
    assert (
        _py("def f(a):\n    '''Returns nothing; logs.'''\n    return a\n")["missing_returns"] == 0
    )
    assert (
        _py("def f(a):\n    '''Compute the returned value.'''\n    g(a)\n")["missing_returns"] == 0
    )
    assert _py("def f(a):\n    if a:\n        1.0\n    return 2\n")["pointless_statements"] == 1
    assert _py("def f(a):\n    '''doc'''\n    ...\n")["pointless_statements"] == 0


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("java", 'String f(int a) {\n  if (a > 0) {\n    return "x";\n  }\n  g(a);\n}', 1),
        ("java", 'String f(int a) {\n  if (a > 0) {\n    return "x";\n  }\n  return g(a);\n}', 0),
        ("java", "int f(int a) {\n  if (a > 0) return 1;\n  else return 2;\n}", 0),
        ("java", "int f(int a) {\n  if (a > 0) return 1;\n}", 1),
        ("java", "int f(int a) {\n  while (true) {\n    if (a) return 1;\n  }\n}", 0),
        ("go", "func f(a int) int {\n\tif a > 0 {\n\t\treturn 1\n\t}\n\tpanic(a)\n}", 0),
        ("go", "func f(a int) int {\n\tif a > 0 {\n\t\treturn 1\n\t}\n\tg(a)\n}", 1),
        ("c", "int f(int a) {\n  if (a) { return 1; } else { g(); }\n}", 1),
        ("c", "void f(int a) {\n  if (a) { return; }\n  g();\n}", 0),
    ],
)
def test_brace_functions_that_fall_off_their_end(language, text, expected):
    assert structural_signals(text, language).missing_returns == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("java", "void f() {\n  if (a == null) {\n    a.add(1);\n    a = new A();\n  }\n}", 1),
        ("java", "void f() {\n  if (a == null) {\n    a = new A();\n    a.add(1);\n  }\n}", 0),
        ("java", "void f() {\n  if (a == null || b) {\n    a.add(1);\n  }\n}", 0),
        ("java", "void f() {\n  if (a != null) {\n    a.add(1);\n  }\n}", 0),
        ("go", "func f() {\n\tif x == nil && y {\n\t\tx.Go()\n\t}\n\tx.Stop()\n}", 1),
        ("go", "func f() {\n\tif x == nil {\n\t\treturn\n\t}\n\tx.Go()\n}", 0),
        ("c", "int f(int *p) { if (p == NULL) return p->x; return 0; }", 1),
        ("python", "def f(x):\n    if x is None:\n        return x.y\n    return 0\n", 1),
        ("python", "def f(x):\n    if x is None and y:\n        x = 3\n    return x.y\n", 0),
        ("python", "def f(x):\n    if x is not None:\n        return x.y\n", 0),
    ],
)
def test_null_dereferences_inside_the_null_branch(language, text, expected):
    assert structural_signals(text, language).null_dereferences == expected
