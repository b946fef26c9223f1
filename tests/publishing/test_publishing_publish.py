"""``publish`` and ``croissant-tools publish``: outputs, validation gate, bad input, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import croissant_tools as ct
from croissant_tools import errors
from croissant_tools.cli import main
from croissant_tools.publishing import PublishRefused, publish_site
from tests.publishing.conftest import CORPUS, dataset, write


def embedded(page: Path) -> object:
    text = page.read_text(encoding="utf-8")
    found = re.search(
        r'<script type="application/ld\+json" id="croissant-jsonld">(.*?)</script>', text, re.S
    )
    assert found is not None
    return json.loads(found.group(1))


def test_publish_writes_page_and_card_with_the_document_embedded(tmp_path, corpus):
    page = ct.publish(CORPUS, tmp_path / "site")
    assert page == tmp_path / "site" / "index.html"
    assert embedded(page) == corpus
    text = page.read_text(encoding="utf-8")
    for name in ("tiny-code-corpus", "repos.csv", "source files", "embedding", "Data biases"):
        assert name in text
    assert "valid, 0 warnings" in text and "Validation was not run" not in text
    card = (tmp_path / "site" / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "pretty_name: tiny-code-corpus" in card


def test_publish_accepts_a_dict_a_title_and_another_card_path(tmp_path):
    page = ct.publish(dataset(), tmp_path / "out", title="My <title>", card=tmp_path / "card.md")
    assert "<title>My &lt;title&gt;</title>" in page.read_text(encoding="utf-8")
    assert "pretty_name: My <title>" in (tmp_path / "card.md").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "README.md").exists()
    ct.publish(dataset(), tmp_path / "nocard", write_card=False)
    assert sorted(p.name for p in (tmp_path / "nocard").iterdir()) == ["index.html"]


def test_validation_errors_refuse_publishing_unless_forced(tmp_path):
    untyped = {"@type": "cr:Field", "@id": "rows/x", "name": "x"}  # no dataType: an error
    doc = dataset(
        recordSet=[{"@type": "cr:RecordSet", "@id": "rows", "name": "rows", "field": [untyped]}]
    )
    del doc["name"]
    source = write(tmp_path / "bad.json", doc)
    with pytest.raises(PublishRefused) as caught:
        ct.publish(source, tmp_path / "site")
    message = str(caught.value)
    assert caught.value.exit_code == errors.EXIT_INVALID
    assert "refusing to publish" in message and "--force" in message
    codes = {f.code for f in caught.value.summary.errors}
    assert len(codes) >= 2 and all(code in message for code in codes)
    assert "line " in message  # validated by path: issues are located
    assert not (tmp_path / "site").exists()

    result = publish_site(source, tmp_path / "site", force=True)
    text = result.page.read_text(encoding="utf-8")
    assert "Published with" in text and 'class="banner error"' in text
    assert all(code in text for code in codes)
    assert "Untitled dataset" in text


def test_no_validate_publishes_and_says_so(tmp_path):
    doc = dataset()
    del doc["license"]
    page = ct.publish(doc, tmp_path, validate=False)
    text = page.read_text(encoding="utf-8")
    assert "not validated" in text and "no licence stated" in text


def test_only_files_written_by_publish_are_replaced(tmp_path):
    ct.publish(dataset(), tmp_path)
    ct.publish(dataset(name="again"), tmp_path)  # our own files: replaced
    assert "again" in (tmp_path / "index.html").read_text(encoding="utf-8")
    (tmp_path / "README.md").write_text("# my hand-written readme\n", encoding="utf-8")
    with pytest.raises(errors.UsageError, match="not written by croissant-tools"):
        ct.publish(dataset(), tmp_path)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# my hand-written readme\n"
    ct.publish(dataset(), tmp_path, overwrite=True)
    assert "croissant" in (tmp_path / "README.md").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary files


@pytest.mark.parametrize(
    ("content", "kind", "match"),
    [
        (b"[1, 2, 3]", errors.InputError, "top level is an array"),
        (b'"just a string"', errors.InputError, "top level is str"),
        (b"{not json", errors.InputError, "invalid JSON"),
        (b"", errors.InputError, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", errors.InputError, "binary"),
        (b'{"name": "caf\xe9"}', errors.InputError, "not valid UTF-8"),
        (b'{"@type": "sc:Dataset", "name": NaN}', PublishRefused, "CR012"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path, content, kind, match):
    source = tmp_path / "in.json"
    source.write_bytes(content)
    with pytest.raises(kind, match=match):
        ct.publish(source, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_nan_cannot_be_embedded_even_when_forced(tmp_path):
    source = tmp_path / "nan.json"
    source.write_text(json.dumps(dataset(version=float("nan"))), encoding="utf-8")
    with pytest.raises(errors.InputError, match="NaN"):
        ct.publish(source, tmp_path / "site", force=True)


def test_missing_file_directory_and_url(tmp_path):
    with pytest.raises(errors.InputError, match="file not found"):
        ct.publish(tmp_path / "nope.json", tmp_path / "site")
    with pytest.raises(errors.InputError, match="not a regular file"):
        ct.publish(tmp_path, tmp_path / "site")
    with pytest.raises(errors.SecurityError, match="network access"):
        ct.publish("https://example.org/croissant.json", tmp_path / "site")
    (tmp_path / "file").write_text("x")
    with pytest.raises(errors.UsageError, match="existing file"):
        ct.publish(dataset(), tmp_path / "file")


def test_cli_publishes_and_reports(tmp_path, capsys):
    code = main(
        [
            "publish",
            str(CORPUS),
            "-o",
            str(tmp_path / "site"),
            "--card",
            str(tmp_path / "README.md"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert (
        f"wrote {tmp_path / 'site' / 'index.html'}" in out
        and f"wrote {tmp_path / 'README.md'}" in out
    )
    assert "3 files, 3 record sets, 12 fields; validation: valid (core profile)" in err


def test_cli_exit_codes(tmp_path, capsys):
    bad = write(tmp_path / "bad.json", {k: v for k, v in dataset().items() if k != "name"})
    assert main(["publish", str(bad), "-o", str(tmp_path / "a")]) == errors.EXIT_INVALID
    err = capsys.readouterr().err
    assert "refusing to publish" in err and "Traceback" not in err
    assert main(["publish", str(bad), "-o", str(tmp_path / "a"), "--force"]) == 0
    assert "published with 1 validation error(s)" in capsys.readouterr().err
    assert main(["publish", str(tmp_path / "missing.json")]) == errors.EXIT_USAGE
    assert main(["publish", "https://example.org/x.json"]) == errors.EXIT_REFUSED
    assert main(["publish", str(bad), "--card", "x", "--no-card"]) == errors.EXIT_USAGE
    assert main(["publish", str(bad), "--profile", "nope"]) == errors.EXIT_USAGE
    err = capsys.readouterr().err
    assert "Traceback" not in err and "file not found" in err


@pytest.mark.parametrize("source", [123, None, ["a"]])
def test_publish_with_a_source_of_the_wrong_type_is_a_usage_error(
    tmp_path: Path, source: object
) -> None:
    from croissant_tools.errors import UsageError
    from croissant_tools.publishing import publish

    with pytest.raises(UsageError, match="source must be"):
        publish(source, tmp_path / "site")  # type: ignore[arg-type]
