""" "Load it" snippets for the page and the card: croissant-tools, mlcroissant, HF ``datasets``.

Each snippet names a real record set (the first one that reads files) and, when it is
split, a real split, so it runs as shown. Paths are the ones given to ``publish``
(relative to the folder it was run in): the Croissant file, and the folder of the dataset
card for ``datasets.load_dataset``, which reads the card's ``configs``.
"""

from __future__ import annotations

from dataclasses import dataclass

from croissant_tools.publishing.facts import DatasetFacts, resources_of
from croissant_tools.publishing.hub import ALL_ROWS, Configs


@dataclass(frozen=True)
class Snippet:
    """One way to load the data: a title, the language for highlighting, the code."""

    title: str
    language: str
    code: str


def _record_set(facts: DatasetFacts) -> tuple[str, str | None]:
    """(record set name, a split name or None) to show."""
    for record_set in facts.metadata.record_sets:
        if record_set.is_split or record_set.data is not None or not resources_of(record_set):
            continue
        name = record_set.name or record_set.id or ""
        for info in facts.splits:
            if info.names and any(source is record_set for source, _ in info.partitions):
                first = next((n for n in info.names if info.kinds.get(n) == "train"), None)
                return name, first or info.names[0]
        return name, None
    return "", None


def _q(text: str) -> str:
    """A Python string literal (repr keeps quotes and escapes right)."""
    return repr(text)


def snippets(
    facts: DatasetFacts,
    *,
    croissant: str = "croissant.json",
    card_folder: str | None = None,
    found: Configs | None = None,
) -> list[Snippet]:
    """The snippets for this dataset (none when no record set reads files)."""
    name, split = _record_set(facts)
    if not name:
        return []
    split_arg = f", split={_q(split)}" if split else ""
    split_flag = f" --split {split}" if split and " " not in split else ""
    out = [
        Snippet(
            "croissant-tools (command line)",
            "console",
            f"croissant-tools records {croissant} --record-set {_shell(name)}{split_flag} "
            "--limit 5",
        ),
        Snippet(
            "croissant-tools (Python)",
            "python",
            "import croissant_tools as ct\n\n"
            f"reader = ct.load({_q(croissant)}, {_q(name)}{split_arg})\n"
            "print(reader.head(5))\n"
            "ds = reader.to_hf_dataset()  # or reader.iter_batches(), to_pandas(), ...",
        ),
        Snippet(
            "mlcroissant",
            "python",
            "import mlcroissant as mlc\n\n"
            f"dataset = mlc.Dataset({_q(croissant)})\n"
            f"for record in dataset.records({_q(name)}):\n"
            "    print(record)\n"
            "    break",
        ),
    ]
    hf = _hf_snippet(card_folder, found)
    if hf is not None:
        out.append(hf)
    return out


def _hf_snippet(card_folder: str | None, found: Configs | None) -> Snippet | None:
    if card_folder is None or found is None or not found.configs:
        return None
    config = found.configs[0]
    config_name = str(config["config_name"])
    lines = [
        "from datasets import load_dataset\n",
        f"ds = load_dataset({_q(card_folder)}, {_q(config_name)})  # reads the card's configs",
    ]
    column = found.column_splits.get(config_name)
    if column is not None:
        field, names = column
        lines.append(f"# one split, {ALL_ROWS!r}: each row names its split in {field!r}")
        for split in names[:3]:
            lines.append(
                f"{_ident(split)} = ds[{ALL_ROWS!r}].filter(lambda row: row[{_q(field)}] == "
                f"{_q(split)})"
            )
    else:
        first = config["data_files"][0]["split"]
        lines.append(f"print(ds[{_q(str(first))}][0])")
    return Snippet("Hugging Face datasets", "python", "\n".join(lines))


def _ident(text: str) -> str:
    name = "".join(c if c.isalnum() else "_" for c in text).strip("_") or "split"
    return name if name.isidentifier() and not name[0].isdigit() else f"split_{name}"


def _shell(text: str) -> str:
    import shlex

    return shlex.quote(text)
