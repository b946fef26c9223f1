"""What the machine refuses is a clear error before or while a run starts, never exit 70."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from croissant_tools.cli import main as cli
from tests.pipelines.conftest import FUNCTIONS, prune_args


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "functions.jsonl"
    path.write_text("".join(FUNCTIONS.read_text(encoding="utf-8").splitlines(True)[:12]))
    return path


def test_an_output_that_cannot_be_created_is_refused_before_the_run(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["prune", *prune_args(small, Path("/proc/no-such-dir/out"))]) == 2
    err = capsys.readouterr().err
    assert "/proc/no-such-dir/out: cannot create the output directory" in err


def test_a_runner_that_must_download_is_a_clear_error_offline(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Prism fetches its binary from GitHub when it starts; tests have no network
    args = prune_args(small, tmp_path / "out", "--runner", "PrismRunner")
    assert cli(["prune", *args]) == 3
    err = capsys.readouterr().err
    assert "the PrismRunner could not reach the network" in err
    assert "use DirectRunner or DaskRunner offline" in err


def test_no_beam_import_noise_on_the_terminal(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.prune", str(tmp_path / "missing.jsonl"), "-o", "x"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert "input not found" in done.stderr
    assert "apitools" not in done.stderr


def test_the_direct_runner_never_tries_prism(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beam's own DirectRunner first tries Prism, which downloads a binary from GitHub
    from apache_beam.runners.portability import prism_runner

    started: list[str] = []
    real_init = prism_runner.PrismRunner.__init__

    def spy(self: object, *args: object, **kwargs: object) -> None:
        started.append("PrismRunner")
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(prism_runner.PrismRunner, "__init__", spy)
    out = tmp_path / "out"
    assert cli(["prune", *prune_args(small, out, "--runner", "DirectRunner")]) == 0
    assert started == []
    assert (out / "summary.json").is_file()
