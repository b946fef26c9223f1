"""Build the example datasets under ``examples/`` and describe each with ``croissant.json``.

    python examples/make_examples.py            # data + croissant.json for every example
    python examples/make_examples.py --metadata # only regenerate the croissant.json files

Data sources (all bundled with scikit-learn, BSD-3-Clause, so nothing is downloaded):

* ``iris_tables``  - R. A. Fisher (1936), Iris flower data set, via UCI / scikit-learn:
  two related CSV tables (flowers and species, joined on ``species_id``).
* ``wine_parquet`` - Forina et al., Wine recognition data (UCI), via scikit-learn:
  Parquet partitioned Hive-style by ``cultivar=…``.
* ``digits_images`` - Alpaydin & Kaynak, Optical Recognition of Handwritten Digits (UCI),
  via scikit-learn: 8x8 PNGs in an ImageFolder layout ``split/label/n.png``.
* ``cancer_hf`` - Wolberg et al., Breast Cancer Wisconsin (Diagnostic) (UCI), via
  scikit-learn: a Hugging Face ``DatasetDict`` saved with ``save_to_disk``.
* ``review_texts`` - synthetic product reviews written from templates for this project
  (no real people or products): JSON Lines.

``code_corpus`` (permissively licensed source files, credited in its CREDITS.md) is built
by ``examples/code_corpus/`` itself; it is only described here, and its croissant.json
lives as a golden file in ``tests/fixtures/generation/code_corpus/``.

Everything is deterministic: running the script twice gives identical files.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CREATOR = "croissant-tools examples,,https://github.com/mlcommons/croissant"
DATE = "2024-06-01"
CREDITS: dict[str, str] = {
    "iris_tables": "R. A. Fisher (1936), *The use of multiple measurements in taxonomic "
    "problems*; Iris data from the UCI Machine Learning Repository (CC BY 4.0), as bundled "
    "with scikit-learn.",
    "wine_parquet": "M. Forina et al., PARVUS; Wine recognition data from the UCI Machine "
    "Learning Repository (CC BY 4.0), as bundled with scikit-learn.",
    "digits_images": "E. Alpaydin and C. Kaynak (1998), Optical Recognition of Handwritten "
    "Digits, UCI Machine Learning Repository (CC BY 4.0), as bundled with scikit-learn.",
    "cancer_hf": "W. Wolberg, O. Mangasarian, N. Street and W. Street (1993), Breast Cancer "
    "Wisconsin (Diagnostic), UCI Machine Learning Repository (CC BY 4.0), as bundled with "
    "scikit-learn.",
    "review_texts": "Synthetic: written from templates by the croissant-tools developers "
    "(CC0 1.0). No real people or products.",
}
EXAMPLES: dict[str, dict[str, Any]] = {
    "iris_tables": {
        "name": "iris-tables",
        "description": "Fisher's Iris measurements (150 flowers) and a species table, "
        "joined on species_id.",
        "license": "CC-BY-4.0",
        "url": "https://archive.ics.uci.edu/dataset/53/iris",
    },
    "wine_parquet": {
        "name": "wine-parquet",
        "description": "Chemical analysis of 178 Italian wines, partitioned by cultivar.",
        "license": "CC-BY-4.0",
        "url": "https://archive.ics.uci.edu/dataset/109/wine",
    },
    "digits_images": {
        "name": "digits-images",
        "description": "120 handwritten digits (8x8 grey PNGs) in train/test ImageFolders.",
        "license": "CC-BY-4.0",
        "url": "https://archive.ics.uci.edu/dataset/80",
    },
    "cancer_hf": {
        "name": "cancer-hf",
        "description": "Five features of the Breast Cancer Wisconsin (Diagnostic) data with "
        "the diagnosis, as a Hugging Face DatasetDict (train/test).",
        "license": "CC-BY-4.0",
        "url": "https://archive.ics.uci.edu/dataset/17",
    },
    "review_texts": {
        "name": "review-texts",
        "description": "Synthetic short product reviews with a star rating (JSON Lines).",
        "license": "CC0-1.0",
        "url": "https://example.org/review-texts",
        "rai": "rai.yaml",
    },
}
#: Examples built elsewhere and only described here: their croissant.json is a golden
#: copy in tests/fixtures/generation/ (not written into the example's folder).
DESCRIBED: dict[str, dict[str, Any]] = {
    "code_corpus": {
        "name": "code-corpus",
        "description": "Source files of 17 permissively licensed projects (Python, "
        "JavaScript, Java, C, Go) and the functions cut from them; see CREDITS.md.",
        "license": ["MIT", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "ISC"],
        "url": "https://example.org/code-corpus",
    },
}


def iris(target: Path) -> None:
    """Two CSV tables: flowers (one row per flower) and species (one row per species)."""
    from sklearn.datasets import load_iris

    data = load_iris(as_frame=True)
    frame = data.frame.rename(
        columns={
            "sepal length (cm)": "sepal_length_cm",
            "sepal width (cm)": "sepal_width_cm",
            "petal length (cm)": "petal_length_cm",
            "petal width (cm)": "petal_width_cm",
            "target": "species_id",
        }
    )
    frame.insert(0, "flower_id", range(1, len(frame) + 1))
    frame.to_csv(target / "flowers.csv", index=False)
    species = [
        (0, "setosa", "Iris setosa"),
        (1, "versicolor", "Iris versicolor"),
        (2, "virginica", "Iris virginica"),
    ]
    lines = ["species_id,name,latin_name"] + [f"{i},{n},{latin}" for i, n, latin in species]
    (target / "species.csv").write_text("\n".join(lines) + "\n")


def wine(target: Path) -> None:
    """Parquet files under ``cultivar=<n>/``, four columns each."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from sklearn.datasets import load_wine

    frame = load_wine(as_frame=True).frame
    for cultivar in sorted(frame["target"].unique()):
        part = frame[frame["target"] == cultivar]
        table = pa.table(
            {
                "alcohol": pa.array(part["alcohol"], pa.float32()),
                "malic_acid": pa.array(part["malic_acid"], pa.float32()),
                "color_intensity": pa.array(part["color_intensity"], pa.float64()),
                "proline": pa.array(part["proline"].astype(int), pa.int32()),
            }
        )
        folder = target / f"cultivar={int(cultivar) + 1}"
        folder.mkdir(parents=True)
        pq.write_table(table, folder / "part-0.parquet")


def digits(target: Path) -> None:
    """ImageFolder: ``train/<digit>/<n>.png`` and ``test/<digit>/<n>.png`` (8x8, grey)."""
    import numpy as np
    from PIL import Image
    from sklearn.datasets import load_digits

    data = load_digits()
    for split, start in (("train", 0), ("test", 1000)):
        for label in range(10):
            indices = np.flatnonzero(data.target[start:] == label)[:6] + start
            folder = target / split / str(label)
            folder.mkdir(parents=True)
            for index in indices:
                pixels = (data.images[index] * 255 / 16).astype("uint8")
                Image.fromarray(pixels, mode="L").save(folder / f"{index:04d}.png", optimize=True)


def cancer(target: Path) -> None:
    """A ``DatasetDict`` (train 80 rows / test 20 rows) saved with ``save_to_disk``."""
    import datasets
    from sklearn.datasets import load_breast_cancer

    frame = load_breast_cancer(as_frame=True).frame.head(100)
    columns = ["mean radius", "mean texture", "mean area", "mean smoothness", "worst area"]
    records = {c.replace(" ", "_"): frame[c].astype("float32").tolist() for c in columns}
    records["diagnosis"] = frame["target"].astype(int).tolist()
    records["id"] = list(range(1, len(frame) + 1))
    features = datasets.Features(
        {
            **{c.replace(" ", "_"): datasets.Value("float32") for c in columns},
            "diagnosis": datasets.ClassLabel(names=["malignant", "benign"]),
            "id": datasets.Value("int32"),
        }
    )
    full = datasets.Dataset.from_dict(records, features=features)
    split = datasets.DatasetDict(
        {"train": full.select(range(80)), "test": full.select(range(80, 100))}
    )
    split.save_to_disk(str(target / "hf"))


def reviews(target: Path) -> None:
    """Synthetic JSON Lines reviews from templates (deterministic)."""
    products = ["kettle", "backpack", "desk lamp", "headphones", "water bottle", "notebook"]
    verdicts = {
        1: "broke after a week and support never answered",
        2: "works, but feels cheap and the colour is off",
        3: "does the job; nothing special for the price",
        4: "solid build and quick delivery, one minor scratch",
        5: "excellent quality, exactly as described, would buy again",
    }
    with (target / "reviews.jsonl").open("w") as handle:
        for index in range(30):
            stars = index % 5 + 1
            product = products[index % len(products)]
            row = {
                "review_id": f"r{index + 1:03d}",
                "product": product,
                "stars": stars,
                "text": f"The {product} {verdicts[stars]}.",
                "helpful_votes": (index * 7) % 11,
            }
            handle.write(json.dumps(row) + "\n")
    (target / "rai.yaml").write_text(
        "dataCollection: Written from templates by the croissant-tools developers.\n"
        "dataCollectionType: Synthetic data\n"
        "dataBiases: Templates cover six products and five fixed sentiments only.\n"
        "dataLimitations: Not representative of real reviews; for tests and demos.\n"
        "dataUseCases: Exercising text pipelines and Croissant tooling.\n"
        "personalSensitiveInformation: None; no real people are described.\n"
        "hasSyntheticData: true\n"
    )


BUILDERS = {
    "iris_tables": iris,
    "wine_parquet": wine,
    "digits_images": digits,
    "cancer_hf": cancer,
    "review_texts": reviews,
}


def describe_example(name: str, folder: Path | None = None) -> str:
    """The croissant.json text for one example (as committed), describing ``folder``.

    ``folder`` defaults to ``examples/<name>``; a copy elsewhere gives the same text.
    """
    from croissant_tools.generation import describe, dumps

    options = dict(EXAMPLES.get(name) or DESCRIBED[name])
    folder = folder or HERE / name
    rai = options.pop("rai", None)
    source = folder / "hf" if name == "cancer_hf" else folder
    generated = describe(
        source,
        output=folder / "croissant.json",
        creators=[CREATOR],
        date_published=DATE,
        version="1.0.0",
        rai=folder / rai if rai else None,
        exclude=["rai.yaml"],
        **options,
    )
    return dumps(generated.document)


def main() -> None:
    """Build the data (unless ``--metadata``) and write each example's croissant.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--metadata", action="store_true", help="only rewrite croissant.json")
    parser.add_argument("names", nargs="*", default=sorted(EXAMPLES))
    args = parser.parse_args()
    for name in args.names:
        folder = HERE / name
        if not args.metadata:
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            BUILDERS[name](folder)
            (folder / "README.md").write_text(
                f"# {EXAMPLES[name]['name']}\n\n{EXAMPLES[name]['description']}\n\n"
                f"Source: {CREDITS[name]}\n\nBuilt by `python examples/make_examples.py`.\n"
            )
        (folder / "croissant.json").write_text(describe_example(name))
        print(f"wrote {folder / 'croissant.json'}")


if __name__ == "__main__":
    main()
