"""TensorFlow adapter (few, quick tests: importing TensorFlow is slow)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tests.conftest import needs
from tests.loading.conftest import fixture_path

pytestmark = pytest.mark.tf


@pytest.fixture(scope="module")
def tf() -> object:
    return needs("tensorflow")


def test_signature_and_values_from_croissant_types(tf: object) -> None:
    import croissant_tools as ct
    from croissant_tools.tf import output_signature, to_tf_dataset

    reader = ct.load(
        fixture_path("parquet_basic"),
        "items",
        columns=["items/id", "items/label", "items/tags", "items/seen"],
    )
    signature = output_signature(reader.schema)
    assert signature["items/id"].dtype.name == "int64" and signature["items/id"].shape == ()
    assert signature["items/label"].dtype.name == "string"
    assert signature["items/tags"].shape.as_list() == [None]
    assert signature["items/seen"].dtype.name == "int64"
    shaped = pa.schema(
        [
            pa.field(
                "m", pa.list_(pa.list_(pa.float32())), metadata={b"croissant:arrayShape": b"-1,3"}
            )
        ]
    )
    assert output_signature(shaped)["m"].shape.as_list() == [None, 3]
    records = list(to_tf_dataset(reader).as_numpy_iterator())
    assert [r["items/id"] for r in records] == [10, 11, 12, 13]
    assert records[0]["items/label"] == b"alpha"
    assert records[3]["items/tags"].tolist() == [4, 5, 6]
    assert records[0]["items/seen"] == 1_700_000_000_000_000


def test_images_decoded_and_batched_with_partitions(tf: object) -> None:
    from croissant_tools.loading import Partition
    from croissant_tools.tf import to_tf_dataset

    path = fixture_path("images")
    parts = [
        to_tf_dataset(path, "images", decode_images=True, partition=Partition(i, 2))
        for i in range(2)
    ]
    labels = []
    for dataset in parts:
        for batch in dataset.batch(2).as_numpy_iterator():
            assert batch["images/image"].shape[1:] == (4, 4, 3)
            labels += batch["images/label"].tolist()
    assert sorted(labels) == [b"cat", b"cat", b"dog", b"dog"]
