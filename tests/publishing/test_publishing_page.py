"""The dataset page without a browser: facts read from the document, diagram, sections."""

from __future__ import annotations

import re
from typing import Any

from croissant_tools.model import build
from croissant_tools.publishing.checks import ValidationSummary, summarise
from croissant_tools.publishing.diagram import MAX_ROWS, structure_svg
from croissant_tools.publishing.facts import describe, human_size, plain, term_label
from croissant_tools.publishing.page import render_page
from croissant_tools.publishing.records import Anchors
from tests.publishing.conftest import dataset, field, many_files


def page_of(doc: dict[str, Any], summary: ValidationSummary | None = None) -> str:
    facts = describe(build(doc))
    return render_page(doc, facts, summary or ValidationSummary(ran=False))


def test_facts_of_the_corpus(corpus):
    facts = describe(build(corpus))
    assert facts.version == "1.2.0" and facts.cite_as.startswith("@misc{")
    assert [a.name for a in facts.creators] == ["Ada Example", "croissant-tools developers"]
    assert (
        facts.creators[0].affiliation == "Example Lab" and facts.creators[1].kind == "Organization"
    )
    assert facts.dates == {"published": "2025-03-01", "modified": "2025-06-15"}
    assert [e.term for e in facts.rai][:2] == [
        "rai:dataCollection",
        "rai:personalSensitiveInformation",
    ]
    assert [(j.field.name, j.target.name) for j in facts.joins] == [
        ("repo_id", "repos"),
        ("split", "splits"),
    ]
    (split,) = facts.splits
    assert split.names == ["train", "test"] and split.kinds == {"train": "train", "test": "test"}
    assert [(rs.name, f.name) for rs, f in split.partitions] == [("files", "split")]
    assert [key for key, _ in facts.extra] == ["isLiveDataset", "prov:wasDerivedFrom"]
    assert facts.field_count == 12


def test_rai_variant_spellings_and_comma_separated_keywords():
    doc = dataset(keywords="a, b ,, c")
    doc["@context"]["rai"] = "http://mlcommons.org/croissant/RAI/"
    doc["rai:useCases"] = "Testing."
    doc["rai:dataBiases"] = ["One.", "Two."]
    facts = describe(build(doc))
    assert facts.keywords == ["a", "b", "c"]
    biases, uses = facts.rai
    assert (biases.label, biases.values, biases.variant) == ("Data biases", ("One.", "Two."), False)
    assert (uses.term, uses.key, uses.variant) == ("rai:dataUseCases", "rai:useCases", True)
    assert "written as rai:useCases" in page_of(doc)


def test_plain_text_of_odd_values():
    assert plain({"@value": 3}) == "3"
    assert plain({"en": "hello", "fr": "bonjour"}) == "hello"
    assert plain({"@type": "sc:Person", "name": "Ada"}) == "Ada"
    assert plain([True, None, 1.5]) == "true, , 1.5"
    assert plain({"x": [1]}) == '{"x": [1]}'
    assert term_label("rai:dataCollectionMissingData") == "Data collection missing data"
    assert human_size("1234567 B") == "1.2 MB (1,234,567 bytes)" and human_size("2 GB") == "2 GB"


def test_anchors_are_generated_and_unique_even_for_duplicate_ids():
    doc = dataset()
    doc["recordSet"][0]["field"].append(field("rows", "id"))  # duplicate @id rows/id
    doc["recordSet"].append({"@type": "cr:RecordSet", "@id": 'a b"<c>', "name": "x", "field": []})
    text = page_of(doc)
    ids = re.findall(r' id="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "every id on the page is unique"
    assert all(re.fullmatch(r"[A-Za-z0-9-]+", i) for i in ids)
    anchors = Anchors.of(build(doc))
    assert anchors.record_sets == {"rows": "rs-0", 'a b"<c>': "rs-1", "x": "rs-1"}


def test_sub_fields_are_indented_under_their_parent(corpus):
    text = page_of(corpus)
    assert re.search(r'<tr id="rs-2-f-5" class="depth-1">.*?lines', text)
    assert "shape <code>384</code>" in text and "Float32[]" in text
    assert '<div><a href="#file-1" dir="auto">sources.zip</a></div>' in text  # contained in
    # inline data columns are named by field name, not by @id
    assert '<th scope="col">name</th><th scope="col">url</th>' in text


def test_diagram_folds_long_columns():
    facts = describe(build(many_files(100)))
    svg = structure_svg(facts, Anchors.of(facts.metadata).nodes)
    assert svg.count('<g class="node file">') == MAX_ROWS
    assert svg.count('<g class="node rs">') == MAX_ROWS
    assert (
        f"{100 - MAX_ROWS + 1} more files" in svg
        and f"{100 - MAX_ROWS + 1} more record sets" in svg
    )
    # one "reads from" edge per kept pair, plus one between the two folded boxes
    assert len(re.findall(r'<path d="M[^"]*" class="source"', svg)) == MAX_ROWS


def test_optional_sections_appear_only_when_there_is_something_to_show(corpus):
    bare = page_of(dataset())
    full = page_of(corpus)
    for section in ('id="citation-section"', 'id="splits"', 'id="rai"', 'id="more"'):
        assert section not in bare and section in full
    for section in ('id="files-section"', 'id="structure"', 'id="record-sets"', 'id="validation"'):
        assert section in bare and section in full


def test_validation_findings_are_listed_with_codes_paths_and_lines():
    issue = type("Issue", (), {"severity": "error", "code": "CR101", "path": "$.name",
                               "message": "<missing>", "hint": "add it", "line": 3})()  # fmt: skip
    text = page_of(dataset(), summarise([issue], "core"))
    assert "<code>CR101</code>" in text and "<code>$.name</code>" in text and "line 3" in text
    assert "&lt;missing&gt;" in text and 'class="banner error"' in text
    assert "1 errors" in text
