"""PyTorch: every record exactly once across DataLoader workers and distributed ranks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.loading.conftest import col, csv_dataset, fixture_path, fld, fs, make_dataset, rset

torch = pytest.importorskip("torch")
from torch.utils.data import DataLoader  # noqa: E402

from croissant_tools.torch import CroissantIterableDataset, CroissantMapDataset  # noqa: E402

ROWS = 2400


@pytest.fixture(scope="module")
def parquet_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two Parquet files, 1,200 rows each in row groups of 200: 12 units."""
    folder = tmp_path_factory.mktemp("torch")
    (folder / "parts").mkdir()
    for part in range(2):
        values = list(range(part * 1200, part * 1200 + 1200))
        table = pa.table({"n": values, "x": [v / 2 for v in values]})
        pq.write_table(table, folder / "parts" / f"{part}.parquet", row_group_size=200)
    files = fs("parts", "parts/*.parquet", "application/x-parquet")
    fields = [
        fld("rs", "n", "sc:Integer", col("parts", "n", "fileSet")),
        fld("rs", "x", "sc:Float", col("parts", "x", "fileSet")),
    ]
    return make_dataset(folder, [files], [rset("rs", fields)])


@pytest.fixture(scope="module")
def one_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A single CSV file: one unit, fewer than the consumers (rows are interleaved)."""
    folder = tmp_path_factory.mktemp("torch_csv")
    text = "n\n" + "".join(f"{i}\n" for i in range(ROWS))
    return csv_dataset(folder, text, {"n": "sc:Integer"})


def _drain(dataset: CroissantIterableDataset, workers: int) -> list[int]:
    loader = DataLoader(dataset, batch_size=None, num_workers=workers)
    return [int(record["rs/n"]) for record in loader]


@pytest.mark.parametrize("workers", [0, 2, 4])
@pytest.mark.parametrize("source", ["parquet_set", "one_csv"])
def test_exactly_once_across_workers_and_two_ranks(
    workers: int, source: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(source)
    seen: Counter[int] = Counter()
    per_rank = []
    for rank in range(2):
        dataset = CroissantIterableDataset(path, "rs", rank=rank, world_size=2)
        got = _drain(dataset, workers)
        per_rank.append(len(got))
        seen.update(got)
    assert seen == Counter(range(ROWS))
    assert all(count > 0 for count in per_rank)


def test_rank_and_world_size_from_the_environment(
    parquet_set: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: Counter[int] = Counter()
    for rank in range(3):
        monkeypatch.setenv("RANK", str(rank))
        monkeypatch.setenv("WORLD_SIZE", "3")
        seen.update(_drain(CroissantIterableDataset(parquet_set, "rs"), 0))
    assert seen == Counter(range(ROWS))


def test_shuffle_is_seeded_and_changes_with_the_epoch(parquet_set: Path) -> None:
    dataset = CroissantIterableDataset(parquet_set, "rs", shuffle_buffer=500, seed=7)
    first = _drain(dataset, 0)
    again = _drain(dataset, 0)
    dataset.set_epoch(1)
    other = _drain(dataset, 0)
    assert first == again
    assert first != other
    assert first != sorted(first)
    assert sorted(first) == sorted(other) == list(range(ROWS))


def test_shuffled_batches_with_workers_are_still_exactly_once(parquet_set: Path) -> None:
    dataset = CroissantIterableDataset(parquet_set, "rs", shuffle_buffer=64, seed=1, batch_size=100)
    loader = DataLoader(dataset, batch_size=None, num_workers=2)
    seen: Counter[int] = Counter()
    for batch in loader:
        assert batch["rs/n"].dtype == torch.int64 and batch["rs/x"].dtype == torch.float64
        seen.update(batch["rs/n"].tolist())
    assert seen == Counter(range(ROWS))


def test_default_collate_of_records(parquet_set: Path) -> None:
    loader = DataLoader(CroissantIterableDataset(parquet_set, "rs"), batch_size=32)
    first = next(iter(loader))
    assert first["rs/n"].tolist() == list(range(32))
    assert first["rs/x"].dtype == torch.float64


def test_map_dataset_by_row_group(parquet_set: Path) -> None:
    dataset = CroissantMapDataset(parquet_set, "rs")
    assert dataset.by_unit and len(dataset) == ROWS
    assert (
        dataset[0]["rs/n"] == 0
        and dataset[1999]["rs/n"] == 1999
        and dataset[-1]["rs/n"] == ROWS - 1
    )
    with pytest.raises(IndexError):
        dataset[ROWS]
    loader = DataLoader(dataset, batch_size=100, shuffle=True, num_workers=2)
    assert sorted(n for batch in loader for n in batch["rs/n"].tolist()) == list(range(ROWS))


def test_map_dataset_over_csv_and_images(one_csv: Path) -> None:
    dataset = CroissantMapDataset(one_csv, "rs")
    assert not dataset.by_unit and len(dataset) == ROWS and dataset[123]["rs/n"] == 123
    images = CroissantMapDataset(fixture_path("images"), "images", images="pil")
    assert images.by_unit and len(images) == 4
    assert images[3]["images/image"].size == (4, 4) and images[3]["images/label"] == "dog"
