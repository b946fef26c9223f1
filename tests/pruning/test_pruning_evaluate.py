import json
import random

import numpy as np
import pytest

from croissant_tools.cli import main
from pruning.corpus import read_corpus
from pruning.embed import FakeEncoder
from pruning.evaluation.data import inject_corruptions, plant_duplicates, rename_identifiers
from pruning.evaluation.evaluate import EvalSettings, evaluate, held_out_kind_split
from pruning.evaluation.metrics import auroc, dedup_scores, precision_recall
from pruning.types import DuplicateGroup

CORPUS = "examples/code_corpus/functions.jsonl"


def test_metrics():
    assert auroc(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9])) == 1.0
    assert np.isnan(auroc(np.array([0, 0]), np.array([1.0, 2.0])))
    assert precision_recall(np.array([1, 0, 1, 0]), np.array([True, True, False, False])) == (
        0.5,
        0.5,
    )


def test_dedup_scores_count_planted_and_ignore_preexisting():
    truth = {"a~d": ("a", "exact"), "b~d": ("b", "renamed")}
    groups = [
        DuplicateGroup("near", "a", ("a", "a~d"), "lowest-id"),
        DuplicateGroup("near", "x", ("x", "y"), "lowest-id"),  # pre-existing: not counted
        DuplicateGroup("near", "p", ("p", "q"), "lowest-id"),  # false positive
    ]
    pre = [DuplicateGroup("near", "x", ("x", "y"), "lowest-id")]
    m = dedup_scores(groups, truth, pre)
    assert m["recall_exact"] == 1.0 and m["recall_renamed"] == 0.0 and m["recall"] == 0.5
    assert m["precision"] == 0.5


def test_injection_balances_kinds_and_planting_labels():
    records = read_corpus(CORPUS)[:300]
    kinds = ["drop-closing-bracket", "flip-comparison", "truncate"]
    injected = inject_corruptions(records, 0.2, kinds, seed=0)
    used = [k for k in injected.kind.values() if k]
    assert len(used) == 60 and set(used) == set(kinds)
    # balancing: the two kinds that apply almost everywhere alternate
    assert abs(used.count("truncate") - used.count("drop-closing-bracket")) <= 2
    changed = [r for r, o in zip(injected.records, records) if r.text != o.text]
    assert len(changed) == 60
    copies, truth = plant_duplicates(records, 30, seed=0)
    assert len(copies) == 30 and {t for _, t in truth.values()} == {
        "exact",
        "whitespace-comment",
        "renamed",
    }


def test_rename_identifiers_is_consistent():
    text = (
        "def f(items):\n    total = 0\n    for item in items:\n"
        "        total += item.size\n    return total\n"
    )
    out = rename_identifiers(text, "python", random.Random(0))
    assert out != text and ".size" in out
    compile(out, "<x>", "exec")


def test_held_out_kind_split_covers_each_family():
    train, test = held_out_kind_split(0)
    assert not set(train) & set(test) and len(train) + len(test) == 13


@pytest.mark.slow
def test_evaluate_end_to_end_with_fake_encoder():
    records = read_corpus(CORPUS)
    settings = EvalSettings(max_records=500, probe_sample=200, duplicates=60, seed=1)
    result = evaluate(records, FakeEncoder(dim=64).encode, settings)
    rows = {(r["split"], r["method"], r["scope"]): r for r in result.rows}
    combined = rows[("held-out records", "combined", "syntax")]["auroc"]
    assert combined > rows[("held-out records", "length", "syntax")]["auroc"] + 0.2
    assert any(s.startswith("held-out kinds") for s, _, _ in rows)
    assert result.dedup["exact"]["recall_exact"] == 1.0
    assert result.dedup["exact+near"]["recall"] > 0.9
    assert result.info["corrupted"] == round(0.15 * 250)


def test_cli_writes_outputs_and_reports_bad_options(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        [
            "eval-pruning",
            CORPUS,
            "-o",
            str(out),
            "--encoder",
            "fake",
            "--max-records",
            "200",
            "--probe-sample",
            "100",
            "--duplicates",
            "20",
            "--methods",
            "scip,length,naturalness,combined",
            "--ngram-order",
            "0",
        ]
    )
    assert code == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert {r["method"] for r in metrics["rows"]} == {"scip", "length", "combined"}
    assert metrics["info"]["methods_without_scores"] == ["naturalness"]  # no language model
    assert (out / "auroc.png").stat().st_size > 1000 and "AUROC" in (out / "table.md").read_text()
    assert "dedup" in capsys.readouterr().err
    assert main(["eval-pruning", CORPUS, "-o", str(out), "--methods", "magic"]) == 2
    assert main(["eval-pruning", CORPUS, "-o", str(out), "--rate", "0.9"]) == 2
    assert main(["eval-pruning", CORPUS, "-o", str(out), "--ngram-order", "9"]) == 2
    assert main(["eval-pruning", str(tmp_path / "nope"), "-o", str(out)]) == 2


@pytest.mark.model
def test_evaluate_with_real_minilm_on_a_small_corpus(minilm_path):
    from pruning.config import EmbedConfig
    from pruning.embed import Encoder

    records = read_corpus(CORPUS)
    encoder = Encoder(EmbedConfig(model=minilm_path, device="cpu"))
    settings = EvalSettings(
        max_records=160,
        probe_sample=80,
        duplicates=12,
        seed=2,
        rate=0.25,
        methods=("scip", "length", "combined"),
    )
    result = evaluate(records, encoder.encode, settings)
    rows = {(r["split"], r["method"], r["scope"]): r["auroc"] for r in result.rows}
    assert rows[("held-out records", "combined", "syntax")] > 0.8
    assert result.dedup["exact+near"]["recall"] >= 0.9


def test_cli_splits_a_directory_into_functions_and_refuses_a_file_as_output(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(30):
        body = "\n".join(
            f"def f{i}_{j}(xs, n={j}):\n    total = 0\n    for x in xs:\n"
            f"        if x > n:\n            total += x * {i}\n    return total - {j}\n"
            for j in range(3)
        )
        (src / f"m{i}.py").write_text(body)
    out = tmp_path / "out"
    args = ["eval-pruning", str(src), "-o", str(out), "--encoder", "fake", "--unit", "function"]
    assert main([*args, "--probe-sample", "40", "--duplicates", "6", "--methods", "length"]) == 0
    assert "read 90 records" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["eval-pruning", str(src), "-o", str(tmp_path / "file"), "--encoder", "fake"]) == 2
