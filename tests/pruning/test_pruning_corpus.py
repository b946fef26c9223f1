import json
import os

import pytest

from pruning.corpus import ReadReport, read_corpus, split_functions, write_jsonl
from pruning.errors import InputError
from pruning.types import CodeRecord

PY = """import os


def first(xs):
    for x in xs:
        return x
    return None


class A:
    def method(self, y):
        z = y + 1
        return z * 2
"""
JAVA = """class A {
  int f(int x) {
    int y = x + 1;
    return y;
  }
}
"""


def test_directory_reading_skips_and_counts_bad_files(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(PY)
    (tmp_path / "B.java").write_text(JAVA)
    (tmp_path / "notes.txt").write_text("not code")
    (tmp_path / "bad.py").write_bytes(b"x = '\xff\xfe'\n")
    (tmp_path / "bin.c").write_bytes(b"int\x00main")
    (tmp_path / "big.go").write_text("package a\n" + "// x\n" * 400)
    outside = tmp_path.parent / "outside.py"
    outside.write_text("secret = 1\n")
    os.symlink(outside, tmp_path / "link.py")
    report = ReadReport()
    records = read_corpus(tmp_path, report, max_bytes=1000)
    assert [r.id for r in records] == ["B.java", "pkg/a.py"]
    assert records[1].language == "python" and records[1].path == "pkg/a.py"
    assert report.skipped == {"not UTF-8": 1, "binary": 1, "too large": 1, "symlink": 1}
    assert all("secret" not in r.text for r in records)


def test_jsonl_reading_and_errors(tmp_path):
    good = tmp_path / "c.jsonl"
    good.write_text(
        json.dumps({"text": "x = 1", "path": "a.py", "repo": "r"})
        + "\n\n"
        + json.dumps({"id": "k", "text": "int x;", "language": "c"})
        + "\n"
    )
    records = read_corpus(good)
    assert [(r.id, r.language) for r in records] == [("1", "python"), ("k", "c")]
    assert records[0].extra == {"repo": "r"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{oops\n')
    with pytest.raises(InputError, match=r"bad.jsonl:2: malformed JSON"):
        read_corpus(bad)
    bad.write_bytes(b'{"text": "ok"}\n{"text": "\xff"}\n')
    with pytest.raises(InputError, match=r"bad.jsonl:2: not UTF-8"):
        read_corpus(bad)
    bad.write_text('{"id": 1}\n')
    with pytest.raises(InputError, match="missing string field 'text'"):
        read_corpus(bad)
    bad.write_text('{"id": 1, "text": 123}\n')
    with pytest.raises(InputError, match="field 'text' must be a string, not int"):
        read_corpus(bad)
    bad.write_text('{"id": 1, "text": "a"}\n{"id": 1, "text": "b"}\n')
    with pytest.raises(InputError, match="duplicate record ids"):
        read_corpus(bad)
    with pytest.raises(InputError, match="not found"):
        read_corpus(tmp_path / "missing")
    (tmp_path / "x.csv").write_text("a,b\n")
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path / "x.csv")
    assert info.value.exit_code == 2


def test_split_functions_python_and_java(tmp_path):
    funcs = split_functions(CodeRecord("a.py", PY, "python", "a.py"))
    assert [f.id for f in funcs] == ["a.py#L4", "a.py#L11"]
    assert funcs[1].text.startswith("def method(self, y):")  # dedented
    assert funcs[1].extra["end_line"] == 13
    java = split_functions(CodeRecord("A.java", JAVA, "java"))
    assert len(java) == 1 and java[0].text.startswith("int f(int x)")
    assert split_functions(CodeRecord("x", "whatever", "cobol")) == []


def test_write_jsonl_round_trip(tmp_path):
    records = [CodeRecord("a", "x = 'é'", "python", "a.py", {"k": 1})]
    write_jsonl(records, tmp_path / "o.jsonl")
    assert read_corpus(tmp_path / "o.jsonl") == records
