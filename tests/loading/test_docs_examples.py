"""Every Python example of docs/loading.md runs, literally as written, on an ordinary
table: integers and text with empty cells, dates, unicode text, images of several sizes,
a train/test split. ``...`` bodies run as written (they do nothing)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, needs
from tests.loading.conftest import col, fld, fo, fs, make_dataset, prop, rset

DOC = REPO_ROOT / "docs" / "loading.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.S)
#: the signature listing of load() is not code to run
EXAMPLES = [b for b in BLOCKS if not b.lstrip().startswith("ct.load(source")]


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (width, height, 50)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def ordinary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "ratings.csv").write_text(
        "user_id,rating,day,comment,split\n"
        "1,4.5,2024-01-02,très bien,train\n"
        ",3.0,2024-01-03,,train\n"
        "3,,2024-02-29,日本語のコメント,test\n"
        "4,5.0,,ok,train\n"
    )
    images = tmp_path / "img"
    for index, (w, h) in enumerate([(4, 3), (7, 5), (2, 9)]):
        split = "test" if index == 2 else "train"
        (images / split).mkdir(parents=True, exist_ok=True)
        (images / split / f"{index}.png").write_bytes(_png(w, h))
    split_ref = {"references": {"field": {"@id": "splits/name"}}}
    splits = rset(
        "splits",
        [fld("splits", "name", "sc:Text"), fld("splits", "url", ["sc:URL", "cr:Split"])],
        dataType="cr:Split",
        key={"@id": "splits/name"},
        data=[
            {"splits/name": "train", "splits/url": "cr:TrainingSplit"},
            {"splits/name": "test", "splits/url": "cr:TestSplit"},
        ],
    )
    ratings = rset(
        "ratings",
        [
            fld("ratings", "user_id", "sc:Integer", col("csv", "user_id")),
            fld("ratings", "rating", "sc:Float", col("csv", "rating")),
            fld("ratings", "day", "sc:Date", col("csv", "day")),
            fld("ratings", "comment", "sc:Text", col("csv", "comment")),
            fld("ratings", "split", "sc:Text", col("csv", "split"), **split_ref),
        ],
    )
    regex = {"transform": {"regex": "^img/(train|test)/.*$"}}
    image_set = rset(
        "images",
        [
            fld("images", "image", "sc:ImageObject", prop("pngs", "content")),
            fld("images", "split", "sc:Text", prop("pngs", "fullpath", **regex), **split_ref),
        ],
    )
    dist = [fo("csv", "ratings.csv"), fs("pngs", "img/*/*.png", "image/png")]
    make_dataset(tmp_path, dist, [splits, ratings, image_set])
    (tmp_path / "metadata.json").rename(tmp_path / "croissant.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_loading_md_examples_run_as_written(ordinary: Path) -> None:
    """All examples in order, in one namespace (later ones use ``reader`` from the first),
    as a reader of the page would run them."""
    for module in ("torch", "tensorflow", "jax", "apache_beam", "datasets"):
        needs(module)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    exec("import jax\nimport tensorflow as tf", namespace)  # the examples' own context
    for index, code in enumerate(EXAMPLES):
        exec(compile(code, f"docs/loading.md example {index}", "exec"), namespace)
    assert len(EXAMPLES) >= 5


def test_collate_handles_nulls_and_dates(ordinary: Path) -> None:
    torch = needs("torch")
    from torch.utils.data import DataLoader

    from croissant_tools.torch import CroissantIterableDataset, collate

    ds = CroissantIterableDataset("croissant.json", "ratings", split="train")
    batch = next(iter(DataLoader(ds, batch_size=8, collate_fn=collate)))
    assert batch["ratings/user_id"].dtype == torch.int64
    assert batch["ratings/user_id"].tolist() == [1, 0, 4]
    assert batch["_mask"]["ratings/user_id"].tolist() == [True, False, True]
    assert batch["ratings/day"].tolist()[0] == 19724  # 2024-01-02, days since 1970-01-01
    assert batch["ratings/comment"] == ["très bien", None, "ok"]
    fast = CroissantIterableDataset("croissant.json", "ratings", batch_size=8)
    whole = next(iter(fast))
    assert whole["ratings/user_id"].dtype == torch.int64
    assert whole["_mask"]["ratings/user_id"].tolist() == [True, False, True, True]
