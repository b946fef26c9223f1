"""Options: our flags in a PipelineOptions subclass, Beam's passed through, bad ones refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from croissant_tools.errors import UsageError
from pipelines.options import DASK_RUNNER, PruneOptions, check_flags, resolve


def _spec(*flags: str):  # type: ignore[no-untyped-def]
    return resolve(PipelineOptions(["--input", "in.jsonl", "-o", "out", *flags]))


def test_dash_and_underscore_spellings_and_config_mapping() -> None:
    spec = _spec(
        "--text-field",
        "code",
        "--id_field",
        "key",
        "--prune-fraction",
        "0.3",
        "--num_clusters",
        "7",
        "--dedup",
        "near, exact",
        "--seed",
        "5",
        "--scorer",
        "scip",
        "--alpha",
        "0.5",
    )
    assert (spec.fields.text, spec.fields.id) == ("code", "key")
    config = spec.config
    assert config.prune_fraction == config.scip.prune_fraction == 0.3
    assert config.cluster.k == 7 and config.scip.alpha == 0.5 and config.scorer == "scip"
    assert config.dedup.kinds == ("near", "exact")
    assert config.seed == config.cluster.seed == config.dedup.seed == config.probe.seed == 5


def test_beam_options_pass_through_and_dask_alias() -> None:
    spec = _spec("--runner", "DaskRunner", "--dask_client_address", "tcp://127.0.0.1:1")
    assert spec.runner == DASK_RUNNER
    assert spec.beam_options.view_as(StandardOptions).runner == DASK_RUNNER
    assert spec.beam_options.view_as(PruneOptions).output == "out"


def test_fake_model_is_a_test_option() -> None:
    spec = _spec("--model", "fake")
    assert spec.fake_model and spec.config.embed.model is None
    assert _spec("--model", "/models/x").config.embed.model == "/models/x"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--prune-fraction", "1.5"], "prune_fraction"),
        (["--dedup", "fuzzy"], "unknown kind 'fuzzy'"),
        (["--num-clusters", "0"], "cluster.k"),
        (["--max-record-bytes", "0"], "--max-record-bytes"),
        (["--license", "not a licence"], "neither an SPDX identifier nor a URL"),
    ],
)
def test_bad_values_fail_before_any_work(flags: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message) as info:
        _spec(*flags)
    assert info.value.exit_code == 2


def test_missing_input_or_output_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no output"):
        resolve(PipelineOptions(["--input", "x"]))
    with pytest.raises(UsageError, match="no input"):
        resolve(PipelineOptions(["-o", "x"]))


def test_unknown_flags_are_refused_with_a_suggestion() -> None:
    check_flags(["--runner", "DirectRunner", "--direct_num_workers", "2", "--setup_file", "x"])
    with pytest.raises(UsageError, match=r"--direct_num_workrs.*did you mean --direct_num_workers"):
        check_flags(["--direct_num_workrs", "2"])


def test_config_file_then_flags(tmp_path: Path) -> None:
    from pruning.config import PruningConfig

    base = PruningConfig(scorer="length", prune_fraction=0.1).to_dict()
    path = tmp_path / "summary.json"
    path.write_text(json.dumps({"config": base}))  # a summary.json of an earlier run works
    spec = _spec("--config", str(path), "--prune-fraction", "0.4")
    assert spec.config.scorer == "length" and spec.config.prune_fraction == 0.4
    path.write_text("{not json")
    with pytest.raises(Exception, match="configuration file") as info:
        _spec("--config", str(path))
    assert info.value.exit_code == 2  # type: ignore[attr-defined]
