"""The public functions answer arguments of the wrong type with a UsageError naming the
argument, never a TypeError from deep inside, and never take a string apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import croissant_tools as ct
from croissant_tools import arguments
from croissant_tools.errors import UsageError

VALID = Path(__file__).parent / "fixtures" / "croissant" / "valid" / "kaggle-1.0" / "metadata.json"


def test_one_string_is_one_item_not_its_characters() -> None:
    assert arguments.strings("CR2*", "ignore") == ("CR2*",)
    assert arguments.strings(["a", "b"], "x") == ("a", "b")
    with pytest.raises(UsageError, match="x must hold only strings; it holds int"):
        arguments.strings(["a", 1], "x")
    with pytest.raises(UsageError, match="x must be a string or a list of strings, not int"):
        arguments.strings(5, "x")


def test_validate_ignore_accepts_one_pattern_as_a_string() -> None:
    everything = ct.validate(VALID, profile="neurips")
    assert "CR410" in everything.codes()  # the Kaggle shape lacks the NeurIPS RAI fields
    ignored = ct.validate(VALID, profile="neurips", ignore="CR41*")
    assert not [c for c in ignored.codes() if c.startswith("CR41")]
    assert ignored.ignored == len([c for c in everything.codes() if c.startswith("CR41")])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"check_records": "5"}, "check_records must be an integer, not str"),
        ({"check_records": True}, "check_records must be an integer, not bool"),
        ({"ignore": 5}, "ignore must be a string or a list of strings, not int"),
        ({"max_bytes": "x"}, "max_bytes must be an integer, not str"),
        ({"record_timeout": 0}, "record_timeout must be positive, not 0"),
        ({"root": 5}, "root must be a path, not int"),
    ],
)
def test_validate_names_the_wrong_argument(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        ct.validate(VALID, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"columns": 5}, "columns must be a string or a list of strings, not int"),
        ({"root": 5}, "root must be a path, not int"),
        ({"cache_dir": 5}, "cache_dir must be a path, not int"),
        ({"allowed_hosts": 5}, "allowed_hosts must be a string or a list of strings"),
        ({"credentials": 5}, "credentials must be a mapping, not int"),
        ({"options": 5}, "options must be a LoadOptions, not int"),
        ({"split": 5}, "split must be a string, not int"),
        ({"no_such_option": 1}, "load\\(\\) got an unknown argument 'no_such_option'"),
    ],
)
def test_load_names_the_wrong_argument(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        ct.load(VALID, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"keywords": 5}, "keywords must be a string or a list of strings, not int"),
        ({"include": [1]}, "include must hold only strings; it holds int"),
        ({"name": 5}, "name must be a string, not int"),
        ({"output": 5}, "output must be a path, not int"),
    ],
)
def test_generate_names_the_wrong_argument(
    tmp_path: Path, kwargs: dict[str, Any], message: str
) -> None:
    (tmp_path / "a.csv").write_text("x,y\n1,2\n")
    with pytest.raises(UsageError, match=message):
        ct.generate(tmp_path, **kwargs)


def test_generate_takes_one_keyword_string_as_one_keyword(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x,y\n1,2\n")
    doc = ct.generate(tmp_path, name="t", keywords="tables", creators="Ada Lovelace")
    assert doc["name"] == "t"
    assert doc["keywords"] == ["tables"]
    assert doc["creator"] == {"@type": "sc:Person", "name": "Ada Lovelace"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"out_dir": 5}, "out_dir must be a path, not int"),
        ({"out_dir": None}, "out_dir must be a path, not None"),
        ({"title": 5}, "title must be a string, not int"),
    ],
)
def test_publish_names_the_wrong_argument(
    tmp_path: Path, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        ct.publish(VALID, **{"out_dir": tmp_path / "site", **kwargs})


def test_load_with_a_root_that_does_not_exist_says_so(tmp_path: Path) -> None:
    from croissant_tools.errors import InputError

    with pytest.raises(InputError, match="root\\) is not a directory") as caught:
        ct.load(VALID, root=tmp_path / "nowhere")
    assert caught.value.where == str(tmp_path / "nowhere")
