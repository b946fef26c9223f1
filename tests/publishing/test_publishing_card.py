"""The dataset card: Hub YAML header (licence ids, configs, splits) and Markdown escaping."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from croissant_tools.model import build
from croissant_tools.publishing.card import md_code, md_fenced, md_text, render_card
from croissant_tools.publishing.checks import ValidationSummary, summarise
from croissant_tools.publishing.facts import describe
from croissant_tools.publishing.hub import MAX_CONFIGS, assign_splits, card_header
from croissant_tools.publishing.licenses import read_license, spdx_id
from tests.publishing.conftest import dataset, field, many_files


def split_card(text: str) -> tuple[dict[str, Any], str]:
    """The card's YAML header (parsed) and its Markdown body."""
    assert text.startswith("---\n")
    header, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(header), body


@pytest.mark.parametrize(
    ("value", "spdx", "hub"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0", "cc-by-4.0"),
        ("https://creativecommons.org/licenses/by-nc-sa/4.0", "CC-BY-NC-SA-4.0", "cc-by-nc-sa-4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0", "cc0-1.0"),
        ("https://spdx.org/licenses/Apache-2.0.html", "Apache-2.0", "apache-2.0"),
        ("https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0", "apache-2.0"),
        ("https://opensource.org/licenses/MIT", "MIT", "mit"),
        ("https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0", "gpl-3.0"),
        ("https://opendatacommons.org/licenses/odbl/1-0/", "ODbL-1.0", "odbl"),
        ("cc-by-sa-4.0", "CC-BY-SA-4.0", "cc-by-sa-4.0"),
        ("GPL-3.0-or-later", "GPL-3.0", "gpl-3.0"),
        ("https://spdx.org/licenses/Beerware.html", "Beerware", None),
        ("https://example.org/our-license", None, None),
        ("All rights reserved", None, None),
    ],
)  # fmt: skip
def test_licence_urls_map_to_spdx_and_hub_ids(value, spdx, hub):
    found = read_license(value)
    assert (found.spdx, found.hub_id) == (spdx, hub)
    assert spdx_id(value) == spdx


def test_licence_objects_are_read():
    found = read_license(
        {
            "@type": "sc:CreativeWork",
            "name": "CC BY 4.0",
            "url": "https://creativecommons.org/licenses/by/4.0/",
        }
    )
    assert found.label == "CC BY 4.0" and found.hub_id == "cc-by-4.0"
    assert read_license({"@id": "https://spdx.org/licenses/MIT"}).hub_id == "mit"


def header_of(doc: dict[str, Any]) -> dict[str, Any]:
    return card_header(describe(build(doc)))


def test_header_has_hub_fields_in_order():
    header = header_of(dataset(keywords=["code", "python"], inLanguage=["en", "fr-CA", "English"]))
    assert list(header) == ["language", "license", "pretty_name", "tags", "configs"]
    assert header["language"] == ["en", "fr-CA"]  # "English" is not a language tag
    assert header["license"] == "mit" and header["pretty_name"] == "small-table"
    assert header["tags"] == ["croissant", "code", "python"]
    assert header["configs"] == [
        {"config_name": "default", "data_files": [{"split": "train", "path": "table.csv"}]}
    ]


def test_unknown_licence_becomes_other_with_name_and_link():
    header = header_of(dataset(license="https://example.org/terms"))
    assert header["license"] == "other"
    assert header["license_name"] == "https://example.org/terms"
    assert header["license_link"] == "https://example.org/terms"
    assert "license" not in header_of({k: v for k, v in dataset().items() if k != "license"})


def files_doc(urls: list[str]) -> dict[str, Any]:
    """One record set with a field per file, so the record set reads all of ``urls``."""
    distribution = [
        {
            "@type": "cr:FileObject",
            "@id": u,
            "name": u,
            "contentUrl": u,
            "encodingFormat": "text/csv",
            "sha256": "0" * 64,
        }
        for u in urls
    ]
    fields = [
        {
            **field("rows", f"c{i}"),
            "source": {"fileObject": {"@id": u}, "extract": {"column": "text"}},
        }
        for i, u in enumerate(urls)
    ]
    record_set = {"@type": "cr:RecordSet", "@id": "rows", "name": "rows", "field": fields}
    return dataset(distribution=distribution, recordSet=[record_set])


def test_configs_split_files_by_path_tokens():
    header = header_of(
        files_doc(["data/train-00.csv", "data/train-01.csv", "data/valid.csv", "data/test.csv"])
    )
    (config,) = header["configs"]
    assert config["data_files"] == [
        {"split": "train", "path": ["data/train-00.csv", "data/train-01.csv"]},
        {"split": "validation", "path": "data/valid.csv"},
        {"split": "test", "path": "data/test.csv"},
    ]


def test_configs_are_left_out_for_remote_or_archived_files(corpus):
    assert "configs" not in header_of(files_doc(["https://example.org/train.csv"]))
    assert "configs" not in header_of(files_doc(["../outside.csv"]))
    configs = header_of(corpus)["configs"]  # files inside sources.zip cannot be named
    assert [c["config_name"] for c in configs] == ["default"]
    assert configs[0]["data_files"] == [{"split": "train", "path": "data/repos.csv"}]


def test_one_config_per_record_set_up_to_a_limit():
    configs = header_of(many_files(3))["configs"]
    assert [c["config_name"] for c in configs] == ["rs0", "rs1", "rs2"]
    assert configs[0]["default"] is True and "default" not in configs[1]
    assert configs[2]["data_files"] == [{"split": "train", "path": "data/f2.csv"}]
    assert "configs" not in header_of(many_files(MAX_CONFIGS + 1))


def test_split_record_set_names_drive_the_assignment():
    splits = {"train": ("tr",), "validation": ("dev",)}
    assert assign_splits(["a/tr/x.csv", "a/dev/y.csv"], splits) == {
        "train": ["a/tr/x.csv"],
        "validation": ["a/dev/y.csv"],
    }
    # a path with no (or two) split names: nothing is guessed, all files are "train"
    assert assign_splits(["a/tr/x.csv", "b.csv"], splits) == {"train": ["a/tr/x.csv", "b.csv"]}
    assert assign_splits(["tr-dev.csv"], splits) == {"train": ["tr-dev.csv"]}


HOSTILE_NAME = "---\nlicense: mit\n...\n# x: 'y' \"z\" <script>alert(1)</script> | pipe"


def test_hostile_strings_round_trip_through_the_yaml_header():
    doc = dataset(
        name=HOSTILE_NAME,
        keywords=["a: b", "- c", "{d}", "&e *f", "!g", "%h", "@i", "`j`", "yes", "null"],
    )
    text = render_card(describe(build(doc)), ValidationSummary(ran=False))
    header, body = split_card(text)
    assert header["pretty_name"] == HOSTILE_NAME
    assert header["tags"][1:] == [
        "a: b",
        "- c",
        "{d}",
        "&e *f",
        "!g",
        "%h",
        "@i",
        "`j`",
        "yes",
        "null",
    ]
    assert "license" in header and header["license"] == "mit"  # from the document, not the name
    assert body.count("\n---\n") == 0


def test_markdown_escaping_shows_text_literally():
    assert md_text("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_text("# not a heading\n> no quote\n- no list\n1. no list\n===") == (
        "\\# not a heading\n\\> no quote\n\\- no list\n1\\. no list\n\\==="
    )
    assert md_text("version 1.2.0 and a-b") == "version 1.2.0 and a-b"  # no needless escapes
    assert md_text("[link](javascript:x) ![img](x) *b* _i_ `c` a|b &amp;") == (
        "\\[link\\](javascript:x) !\\[img\\](x) \\*b\\* \\_i\\_ \\`c\\` a\\|b &amp;amp;"
    )
    assert md_code("a`b|c") == "``a`b\\|c``" and md_code("`x`") == "`` `x` ``"
    assert md_fenced("x\n```\ny").startswith("````\n") and md_fenced("x\n```\ny").endswith("\n````")


HEADINGS = (
    "# tiny-code-corpus",
    "## Dataset details",
    "## Citation",
    "## Files",
    "## Record sets",
    "### files",
    "## Splits",
    "## Responsible AI",
    "### Data biases",
    "## Validation",
)


def test_card_body_has_every_part(corpus):
    findings = summarise(
        [
            type(
                "I",
                (),
                {
                    "severity": "warning",
                    "code": "CR401",
                    "path": "$",
                    "message": "no x|y",
                    "hint": None,
                },
            )()
        ],
        "recommended",
    )
    text = render_card(describe(build(corpus)), findings)
    header, body = split_card(text)
    assert header["license"] == "cc-by-4.0"
    for heading in HEADINGS:
        assert f"\n{heading}\n" in "\n" + body
    assert "```bibtex\n@misc{tiny_code_corpus," in body
    assert "| `embedding` | `Float32[]` |" in body
    assert "`train`, `test` (used by `files/split`)" in body
    assert "| warning | `CR401` | `$` | no x\\|y |" in body
    assert "valid (recommended profile): 0 errors, 1 warnings" in body


def test_card_of_a_bare_document_says_what_is_missing():
    doc = {"@context": {"@vocab": "https://schema.org/"}, "@type": "Dataset"}
    header, body = split_card(render_card(describe(build(doc)), ValidationSummary(ran=False)))
    assert header == {"tags": ["croissant"]}
    assert "# Untitled dataset" in body and "_No description._" in body
    assert "No files are listed." in body and "No record sets are declared." in body
    assert "not validated" in body and "None" not in body
