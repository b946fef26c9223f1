"""JAX adapter: static shapes, padding with a validity mask, one share per process."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import needs
from tests.loading.conftest import csv_dataset, fixture_path

pytestmark = pytest.mark.jax


@pytest.fixture(scope="module")
def jax() -> object:
    return needs("jax")


def test_static_shapes_padding_and_mask(jax: object, tmp_path: Path) -> None:
    from croissant_tools.jax import VALID, iter_numpy_batches

    text = "n,x\n" + "".join(f"{i},{i / 4}\n" for i in range(10))
    path = csv_dataset(tmp_path, text, {"n": "sc:Integer", "x": "sc:Float"})
    batches = list(iter_numpy_batches(path, "rs", batch_size=4))
    assert [b["rs/n"].shape for b in batches] == [(4,), (4,), (4,)]
    assert batches[-1][VALID].tolist() == [True, True, False, False]
    assert batches[-1]["rs/n"].tolist() == [8, 9, 0, 0]
    device = jax.device_put({k: v for k, v in batches[0].items()})  # type: ignore[attr-defined]
    assert np.asarray(device["rs/x"]).tolist() == [0.0, 0.25, 0.5, 0.75]
    dropped = list(iter_numpy_batches(path, "rs", batch_size=4, drop_remainder=True))
    assert len(dropped) == 2


def test_processes_read_disjoint_shares(jax: object, tmp_path: Path) -> None:
    from croissant_tools.jax import VALID, iter_numpy_batches

    text = "n\n" + "".join(f"{i}\n" for i in range(1000))
    path = csv_dataset(tmp_path, text, {"n": "sc:Integer"})
    seen: Counter[int] = Counter()
    counts = []
    for index in range(3):
        batches = list(
            iter_numpy_batches(path, "rs", batch_size=32, process_index=index, process_count=3)
        )
        counts.append(len(batches))
        for batch in batches:
            seen.update(batch["rs/n"][batch[VALID]].tolist())
    assert seen == Counter(range(1000))
    assert max(counts) - min(counts) <= 1


def test_list_fields_need_a_static_shape(jax: object) -> None:
    from croissant_tools.errors import UsageError
    from croissant_tools.jax import iter_numpy_batches

    path = fixture_path("parquet_basic")
    with pytest.raises(UsageError, match="unknown size"):
        next(iter_numpy_batches(path, "items", batch_size=2, columns=["items/tags"]))
    batch = next(
        iter_numpy_batches(
            path, "items", batch_size=4, columns=["items/tags"], shapes={"items/tags": (3,)}
        )
    )
    assert batch["items/tags"].tolist() == [[1, 2, 0], [3, 0, 0], [0, 0, 0], [4, 5, 6]]
    assert batch["items/tags"].dtype == np.int64
