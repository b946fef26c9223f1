"""Every atomic writer gives its file the mode a plain ``open(path, "w")`` would (issue 12).

``tempfile.mkstemp`` creates files readable by their owner only; before the rename each
writer applies ``0666`` minus the umask (or keeps the mode of the file it replaces), so a
published site can be served and a generated ``croissant.json`` read by a group.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from croissant_tools import atomic
from croissant_tools.cli import main
from tests.conftest import REPO_ROOT, needs

EXAMPLES = REPO_ROOT / "examples"
CREATOR = ["--license", "MIT", "--url", "https://example.org/d", "--creator", "Ann"]


@pytest.fixture(params=[0o022, 0o002, 0o077])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under this umask, restoring the previous one afterwards."""
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def expected(mask: int) -> int:
    return 0o666 & ~mask


def test_current_umask_is_read_without_changing_it(umask: int) -> None:
    assert atomic.current_umask() == umask
    assert atomic.current_umask() == umask


def test_helper_new_and_replaced_files(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "sub" / "out.txt"
    atomic.write_text(target, "one\n")
    assert mode(target) == expected(umask)
    target.chmod(0o640)
    atomic.write_text(target, "two\n")
    assert target.read_text() == "two\n"
    assert mode(target) == 0o640  # a plain write keeps the mode of the file it replaces
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]  # no temporary left


def test_helper_leaves_the_old_file_when_the_block_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic.replacing(target) as handle:
        handle.write(b"half")
        raise RuntimeError("stop")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def _table(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "rows.csv").write_text("id,name\n1,Ann\n2,Bob\n", encoding="utf-8")
    return folder


def test_generate_writes_a_normal_croissant_json(tmp_path: Path, umask: int) -> None:
    folder = _table(tmp_path)
    assert main(["generate", str(folder), "--quiet", *CREATOR]) == 0
    assert mode(folder / "croissant.json") == expected(umask)


def test_records_output_files(tmp_path: Path, umask: int) -> None:
    folder = _table(tmp_path)
    assert main(["generate", str(folder), "--quiet", *CREATOR]) == 0
    for fmt in ("jsonl", "parquet", "csv"):
        out = tmp_path / f"rows.{fmt}"
        code = main(["records", str(folder / "croissant.json"), "--format", fmt, "-o", str(out)])
        assert code == 0
        assert mode(out) == expected(umask), fmt


def test_publish_site_is_servable(tmp_path: Path, umask: int) -> None:
    folder = _table(tmp_path)
    assert main(["generate", str(folder), "--quiet", *CREATOR]) == 0
    site = tmp_path / "site"
    assert main(["publish", str(folder / "croissant.json"), "-o", str(site)]) == 0
    assert mode(site / "index.html") == expected(umask)
    assert mode(site / "README.md") == expected(umask)
    if not umask & 0o004:
        assert mode(site / "index.html") & stat.S_IROTH  # what a web server needs


def test_hugging_face_parquet_export(tmp_path: Path, umask: int) -> None:
    needs("datasets")
    folder = tmp_path / "cancer"
    shutil.copytree(EXAMPLES / "cancer_hf" / "hf", folder / "hf")
    assert main(["generate", str(folder / "hf"), "-o", str(folder / "croissant.json"), "--quiet",
                 *CREATOR]) == 0  # fmt: skip
    exported = sorted((folder / "parquet").glob("*.parquet"))
    assert exported
    assert {mode(p) for p in exported} == {expected(umask)}
    assert mode(folder / "croissant.json") == expected(umask)


def test_cache_entries(tmp_path: Path, umask: int) -> None:
    from croissant_tools.cache import Cache

    cache = Cache(tmp_path / "cache")
    with cache.staging_file() as (staged, handle):
        handle.write(b"payload")
        handle.flush()
        final = cache.commit_file(staged, "ab" * 32)
    assert mode(final) == expected(umask)
    with cache.staging_dir() as staged_dir:
        (staged_dir / "member.txt").write_text("x")
        folder = cache.commit_dir(staged_dir, "cd" * 32)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~umask


def test_pipeline_storage_writer(tmp_path: Path, umask: int) -> None:
    needs("apache_beam")
    from pipelines import storage

    path = tmp_path / "out" / "summary.json"
    path.parent.mkdir()
    storage.write_json(str(path), {"a": 1})
    assert mode(path) == expected(umask)


def test_upgrade_output(tmp_path: Path, umask: int) -> None:
    source = REPO_ROOT / "tests" / "fixtures" / "croissant" / "valid" / "penguins-1.0"
    shutil.copytree(source, tmp_path / "penguins")
    out = tmp_path / "penguins" / "croissant-1.1.json"
    assert (
        main(["upgrade", str(tmp_path / "penguins" / "metadata.json"), "-o", str(out), "-q"]) == 0
    )
    assert mode(out) == expected(umask)
