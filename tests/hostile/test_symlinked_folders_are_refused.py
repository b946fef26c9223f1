"""Promise: nothing is read outside the dataset folder, and nothing is skipped silently.

A FileSet reached through a *symlinked folder* that leaves the dataset folder is refused
(exit 4) exactly like a symlinked file that leaves it — it used to give exit 0 with zero
records. A symlinked folder inside the dataset folder is followed, like a symlinked file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import croissant_tools as ct
from croissant_tools.cli import main as cli
from croissant_tools.errors import EXIT_REFUSED, SecurityError
from tests.loading.conftest import fld, fs, make_dataset, prop, rset


def _dataset(folder: Path, includes: str) -> Path:
    rs = rset("rs", [fld("rs", "t", "sc:Text", prop("docs", "content"))])
    return make_dataset(folder, [fs("docs", includes)], [rs])


@pytest.mark.parametrize("includes", ["docs/*.txt", "*.txt", "docs/**"])
def test_a_symlinked_folder_leaving_the_dataset_is_refused(tmp_path: Path, includes: str) -> None:
    secret = tmp_path / "elsewhere"
    secret.mkdir()
    (secret / "secret.txt").write_text("secret")
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "docs").symlink_to(secret, target_is_directory=True)
    path = _dataset(folder, includes)
    with pytest.raises(SecurityError, match="docs"):
        list(ct.load(path, "rs"))
    assert cli(["records", str(path), "-r", "rs"]) == EXIT_REFUSED


def test_a_symlinked_folder_the_file_set_does_not_read_is_no_concern(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "venv.txt").write_text("not data")
    folder = tmp_path / "ds"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "a.txt").write_text("data")
    (folder / ".venv").symlink_to(elsewhere, target_is_directory=True)
    assert [r["rs/t"] for r in ct.load(_dataset(folder, "docs/*.txt"), "rs")] == ["data"]


def test_a_symlinked_folder_inside_the_dataset_is_followed(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    (folder / "real").mkdir(parents=True)
    (folder / "real" / "a.txt").write_text("inside")
    (folder / "docs").symlink_to(folder / "real", target_is_directory=True)
    assert [r["rs/t"] for r in ct.load(_dataset(folder, "docs/*.txt"), "rs")] == ["inside"]


def test_a_symlink_loop_between_folders_ends(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "a.txt").write_text("one")
    (folder / "docs" / "again").symlink_to(folder / "docs", target_is_directory=True)
    values = [r["rs/t"] for r in ct.load(_dataset(folder, "docs/*.txt"), "rs")]
    assert "one" in values
