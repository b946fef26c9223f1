"""Arrow type mapping, RAI keys, provenance, dataset-level options."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from croissant_tools.errors import InputError, UsageError
from croissant_tools.generation import describe, provenance
from croissant_tools.generation.arrow_schema import field_spec, key_candidates
from croissant_tools.generation.document import check_date, creator_node, license_url
from croissant_tools.generation.metadata import load_file
from croissant_tools.generation.rai import canonical_rai


@pytest.mark.parametrize(
    ("arrow_type", "typed", "expected"),
    [
        (pa.int8(), True, "cr:Int8"),
        (pa.int64(), True, "cr:Int64"),
        (pa.uint16(), True, "cr:UInt16"),
        (pa.int32(), False, "sc:Integer"),
        (pa.float16(), True, "cr:Float16"),
        (pa.float32(), True, "cr:Float32"),
        (pa.float64(), False, "sc:Float"),
        (pa.bool_(), True, "sc:Boolean"),
        (pa.string(), True, "sc:Text"),
        (pa.large_string(), True, "sc:Text"),
        (pa.binary(), True, "sc:Text"),
        (pa.date32(), True, "sc:Date"),
        (pa.timestamp("ms", tz="UTC"), True, "sc:DateTime"),
        (pa.time64("us"), True, "sc:Time"),
        (pa.decimal128(10, 2), True, "sc:Float"),
        (pa.dictionary(pa.int8(), pa.string()), True, "sc:Text"),
        (pa.null(), True, "sc:Text"),
    ],
)
def test_atomic_types(arrow_type: pa.DataType, typed: bool, expected: str) -> None:
    assert field_spec(pa.field("c", arrow_type), typed=typed).data_type == expected


def test_lists_structs_and_nullability() -> None:
    nested = field_spec(pa.field("m", pa.list_(pa.list_(pa.float32(), 3))), typed=True)
    assert (nested.is_array, nested.array_shape, nested.data_type) == (True, "-1,3", "cr:Float32")
    struct = field_spec(
        pa.field("s", pa.struct([("a", pa.int32()), ("b", pa.list_(pa.string()))]), False),
        typed=True,
    )
    assert struct.data_type is None and not struct.nullable
    assert [(c.name, c.data_type, c.is_array) for c in struct.sub_fields] == [
        ("a", "cr:Int32", False),
        ("b", "sc:Text", True),
    ]
    assert field_spec(pa.field("b", pa.binary()), typed=True).description == "binary"


def test_key_candidates_by_name_and_type() -> None:
    schema = pa.schema(
        [
            ("id", pa.int64()),
            ("user_id", pa.string()),
            ("rate", pa.float64()),
            ("idea", pa.string()),
        ]
    )
    assert key_candidates(schema) == ["id", "user_id"]


def test_rai_short_prefixed_and_iri_keys_in_canonical_order() -> None:
    warnings: list[str] = []
    terms = canonical_rai(
        {
            "dataLimitations": "small",
            "rai:dataBiases": ["a", "b"],
            "http://mlcommons.org/croissant/RAI/dataCollection": "crawled",
            "useCases": "tests",
        },
        warnings=warnings,
    )
    assert list(terms) == [
        "rai:dataCollection",
        "rai:dataBiases",
        "rai:dataLimitations",
        "rai:dataUseCases",
    ]
    assert "variant" in warnings[0] and "rai:dataUseCases" in warnings[0]


def test_rai_unknown_keys_get_suggestions_and_bad_values_fail() -> None:
    with pytest.raises(UsageError) as info:
        canonical_rai({"dataBias": "x", "dataLimitations": {"nested": 1}, "colour": "red"})
    message = str(info.value)
    assert "did you mean dataBiases" in message
    assert "dataLimitations: value must be" in message
    assert "'colour'" in message


def test_rai_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "rai.yaml"
    bad.write_text("dataBiases: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_file(bad)
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]")
    with pytest.raises(InputError, match="mapping"):
        load_file(listed)
    with pytest.raises(InputError, match="cannot read"):
        load_file(tmp_path / "missing.yaml")


def test_provenance_nodes() -> None:
    prov = provenance(
        derived_from=["../input/croissant.json", {"name": "corpus", "url": "https://x.org"}],
        generated_by={"name": "prune", "parameters": {"keep": 0.7}, "startedAtTime": "2024-01-01"},
        attributed_to="pipeline",
    )
    assert prov["prov:wasDerivedFrom"] == [
        {"@id": "../input/croissant.json"},
        {"@type": "sc:Dataset", "name": "corpus", "url": "https://x.org"},
    ]
    assert prov["prov:wasGeneratedBy"] == {
        "@type": "prov:Activity",
        "name": "prune",
        "prov:startedAtTime": "2024-01-01",
        "prov:value": '{"keep": 0.7}',
    }
    with pytest.raises(UsageError, match="unknown generated_by"):
        provenance(generated_by={"name": "x", "when": 1})


def test_provenance_and_rai_in_a_document(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id,v\n1,2\n")
    doc = describe(
        tmp_path,
        rai={"dataBiases": "none known"},
        provenance=provenance(derived_from="raw/", generated_by="clean"),
    ).document
    assert doc["conformsTo"][1] == "http://mlcommons.org/croissant/RAI/1.0"
    assert doc["prov:wasDerivedFrom"] == {"@id": "raw/"}
    assert list(doc).index("rai:dataBiases") < list(doc).index("distribution")


def test_dataset_level_options() -> None:
    assert license_url("Apache-2.0") == "https://spdx.org/licenses/Apache-2.0.html"
    assert license_url("https://example.org/l") == "https://example.org/l"
    with pytest.raises(UsageError):
        license_url("not a licence")
    assert creator_node("Ada Lovelace, https://ada.example , ada@example.org") == {
        "@type": "sc:Person",
        "name": "Ada Lovelace",
        "url": "https://ada.example",
        "email": "ada@example.org",
    }
    with pytest.raises(UsageError, match="neither an email"):
        creator_node("Ada,phone 123")
    assert check_date("2024-02-03") == "2024-02-03"
    with pytest.raises(UsageError):
        check_date("03/02/2024")
