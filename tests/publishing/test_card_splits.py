"""Dataset cards whose configs load with ``datasets.load_dataset`` and give the right splits.

For every layout the generator knows (split folders, split file names, a split column,
a Hugging Face ``DatasetDict``, Hive partitions), the data is generated, published with
its card in the data folder and in another folder (paths then lead there with ``../``),
and each config is loaded from local files with ``datasets.load_dataset``: the split
sizes must equal those of the source (issue 12).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from croissant_tools.cli import main
from tests.conftest import REPO_ROOT, needs

EXAMPLES = REPO_ROOT / "examples"
FLAGS = ["--license", "CC-BY-4.0", "--url", "https://example.org/d", "--creator", "Zoë"]
FLAGS += ["--description", "Test data.", "-q"]


def generate(data: Path) -> Path:
    assert main(["generate", str(data), *FLAGS]) == 0
    return data / "croissant.json"


def publish(croissant: Path, card: Path) -> dict[str, Any]:
    out = card.parent.parent / "site"
    assert main(["publish", str(croissant), "-o", str(out), "--card", str(card), "-q"]) == 0
    text = card.read_text(encoding="utf-8")
    header: dict[str, Any] = yaml.safe_load(text.split("---\n")[1])
    return header


def load(card_dir: Path, config: str, cache: Path) -> dict[str, int]:
    """Split sizes of one config, as ``datasets`` loads it from the card's folder."""
    datasets = needs("datasets")
    loaded = datasets.load_dataset(str(card_dir), config, cache_dir=str(cache))
    return {name: len(split) for name, split in loaded.items()}


@pytest.fixture(params=["in-data-folder", "elsewhere"])
def card_in(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The card's folder: the data folder itself, or a sibling folder (../data/... paths)."""
    return tmp_path / ("data" if request.param == "in-data-folder" else "card")


def test_image_folder_train_and_test(tmp_path: Path, card_in: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "digits_images", data)
    for name in ("croissant.json", "README.md"):  # the card goes where the README was
        (data / name).unlink()
    header = publish(generate(data), card_in / "README.md")
    (config,) = header["configs"]
    paths = {f["split"]: f["path"] for f in config["data_files"]}
    prefix = "" if card_in == data else "../data/"
    assert paths == {"train": f"{prefix}train/*/*.png", "test": f"{prefix}test/*/*.png"}
    expected = {s: len(list((data / s).rglob("*.png"))) for s in ("train", "test")}
    assert load(card_in, "default", tmp_path / "cache") == expected == {"train": 60, "test": 60}


def test_split_file_names(tmp_path: Path, card_in: Path) -> None:
    data = tmp_path / "data"
    (data / "tables").mkdir(parents=True)
    rows = {"train": 7, "validation": 2, "test": 3}
    for split, count in rows.items():
        lines = ["id,name,born"] + [f"{i},Zoë {i},2024-01-0{1 + i % 9}" for i in range(count)]
        (data / "tables" / f"{split}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    header = publish(generate(data), card_in / "README.md")
    (config,) = header["configs"]
    assert load(card_in, config["config_name"], tmp_path / "cache") == rows


def test_split_column(tmp_path: Path, card_in: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    splits = ["train"] * 6 + ["test"] * 3 + ["validation"] * 2
    lines = ["id,text,score,split"]
    for i, split in enumerate(splits):
        score = "" if i % 4 == 0 else str(i / 2)
        lines.append(f'{i},"héllo, {i} 李",{score},{split}')
    (data / "reviews.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    header = publish(generate(data), card_in / "README.md")
    (config,) = header["configs"]
    assert [f["split"] for f in config["data_files"]] == ["full"]
    datasets = needs("datasets")
    loaded = datasets.load_dataset(str(card_in), "default", cache_dir=str(tmp_path / "cache"))
    assert len(loaded["full"]) == len(splits)
    assert Counter(loaded["full"]["split"]) == Counter(splits)
    card = (card_in / "README.md").read_text(encoding="utf-8")
    assert "`split`" in card and "filter" in card  # the card says how to get each split


def test_hugging_face_dataset_dict(tmp_path: Path, card_in: Path) -> None:
    datasets = needs("datasets")
    data = tmp_path / "data"
    data.mkdir()
    source = datasets.load_from_disk(str(EXAMPLES / "cancer_hf" / "hf"))
    source.save_to_disk(str(data / "hf"))
    assert main(["generate", str(data / "hf"), "-o", str(data / "croissant.json"), *FLAGS]) == 0
    header = publish(data / "croissant.json", card_in / "README.md")
    assert [c["config_name"] for c in header["configs"]] == ["default"]
    loaded = datasets.load_dataset(str(card_in), "default", cache_dir=str(tmp_path / "cache"))
    assert {k: len(v) for k, v in loaded.items()} == {k: len(v) for k, v in source.items()}
    assert loaded["train"].features["diagnosis"].names == ["malignant", "benign"]


def test_hive_partitions_are_one_train_split(tmp_path: Path, card_in: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "wine_parquet", data)
    for name in ("croissant.json", "README.md"):
        (data / name).unlink()
    header = publish(generate(data), card_in / "README.md")
    (config,) = header["configs"]
    import pyarrow.parquet as pq

    total = sum(pq.read_metadata(p).num_rows for p in data.rglob("*.parquet"))
    assert load(card_in, config["config_name"], tmp_path / "cache") == {"train": total}


def test_a_dict_without_a_folder_gets_no_wrong_splits(tmp_path: Path) -> None:
    """Without the data folder the files of each split are unknown: no config, a note."""
    import json

    from croissant_tools.publishing import publish_site

    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "digits_images", data)
    doc = json.loads((data / "croissant.json").read_text())
    result = publish_site(doc, tmp_path / "site")
    assert result.configs.configs == []
    assert any("data folder" in note for note in result.configs.notes)


def test_image_folder_with_a_broken_file_and_unicode_labels(tmp_path: Path) -> None:
    """The generator lists members literally (a glob would take the broken file): each
    split lists its own files, none that does not exist."""
    from PIL import Image

    data = tmp_path / "data"
    for split, count in (("train", 5), ("test", 2)):
        for label in ("猫", "dog"):
            folder = data / split / label
            folder.mkdir(parents=True)
            for i in range(count):
                Image.new("RGB", (8, 6), (i * 40, 90, 200)).save(folder / f"{i}.png")
    (data / "train" / "dog" / "broken.png").write_bytes(b"not a png")
    header = publish(generate(data), data / "README.md")
    files = {f["split"]: f["path"] for f in header["configs"][0]["data_files"]}
    assert files["test"] == ["test/dog/0.png", "test/dog/1.png", "test/猫/0.png", "test/猫/1.png"]
    assert load(data, "default", tmp_path / "cache") == {"train": 10, "test": 4}
