"""Every refusal is a test: paths, symlinks, archives, checksums, cache confusion, delegation."""

from __future__ import annotations

import io
import os
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest

import croissant_tools as ct
from croissant_tools.archives import ExtractLimits, extract
from croissant_tools.errors import (
    EXIT_DATA,
    EXIT_REFUSED,
    EXIT_USAGE,
    DataError,
    InputError,
    SecurityError,
)
from croissant_tools.loading import InvalidDocumentError, LoadOptions
from tests.loading.conftest import col, fld, fo, fs, make_dataset, prop, rset


def _csv_dataset(folder: Path, url: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rs = rset("rs", [fld("rs", "a", "sc:Text", col("f", "a"))])
    return make_dataset(folder, [fo("f", url)], [rs], checksums=False)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("../outside.csv", "leaves the dataset folder"),
        ("sub/../../outside.csv", "leaves the dataset folder"),
        ("/etc/passwd", "absolute path"),
        ("file:///etc/passwd", "file:// URL"),
    ],
)
def test_local_paths_outside_the_root_are_refused(tmp_path: Path, url: str, reason: str) -> None:
    (tmp_path / "outside.csv").write_text("a\nsecret\n")
    path = _csv_dataset(tmp_path / "ds", url)
    with pytest.raises(SecurityError, match=reason) as info:
        ct.load(path, "rs", strict=False)  # the loader's own guard, validation switched off
    assert info.value.exit_code == EXIT_REFUSED
    with pytest.raises(InvalidDocumentError, match="contentUrl"):
        ct.load(path, "rs")  # and the validator reports it first by default


def test_symlinked_file_object_leaving_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("a\nsecret\n")
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "data.csv").symlink_to(tmp_path / "secret.csv")
    path = _csv_dataset(folder, "data.csv")
    with pytest.raises(SecurityError, match="symlink"):
        ct.load(path, "rs")


def test_symlink_inside_a_file_set_leaving_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret")
    folder = tmp_path / "ds"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "ok.txt").write_text("fine")
    (folder / "docs" / "evil.txt").symlink_to(tmp_path / "secret.txt")
    rs = rset("rs", [fld("rs", "t", "sc:Text", prop("docs", "content"))])
    path = make_dataset(folder, [fs("docs", "docs/*.txt")], [rs])
    with pytest.raises(SecurityError, match=r"evil\.txt"):
        ct.load(path, "rs")


def test_symlink_loop_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "loop.csv").symlink_to(folder / "loop2.csv")
    (folder / "loop2.csv").symlink_to(folder / "loop.csv")
    path = _csv_dataset(folder, "loop.csv")
    with pytest.raises(InputError, match="symlink") as caught:
        ct.load(path, "rs")
    assert caught.value.exit_code == EXIT_USAGE and "loop.csv" in str(caught.value)
    report = ct.validate(path, check_files=True)
    assert "CR501" in report.codes() or "CR507" in report.codes()


def test_symlink_inside_the_root_is_followed(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "real.csv").write_text("a\nx\n")
    (folder / "link.csv").symlink_to(folder / "real.csv")
    path = _csv_dataset(folder, "link.csv")
    assert list(ct.load(path, "rs")) == [{"rs/a": "x"}]


def test_checksum_mismatch_is_a_data_error_and_can_be_waived(tmp_path: Path) -> None:
    path = _csv_dataset(tmp_path, "data.csv")
    (tmp_path / "data.csv").write_text("a\nx\n")
    doc = path.read_text().replace('"contentUrl"', '"sha256": "' + "0" * 64 + '", "contentUrl"')
    path.write_text(doc)
    with pytest.raises(DataError, match="sha256 mismatch") as info:
        ct.load(path, "rs")
    assert info.value.exit_code == EXIT_DATA
    assert list(ct.load(path, "rs", verify_checksums=False)) == [{"rs/a": "x"}]


# --- archives --------------------------------------------------------------------------
def _zip(members: dict[str, bytes], symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def _tar(members: list[tarfile.TarInfo], data: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for info in members:
            payload = data.get(info.name)
            if payload is not None:
                info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload) if payload is not None else None)
    return buffer.getvalue()


def _extract(tmp_path: Path, raw: bytes, **limits: int) -> Path:
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    archive = work / "archive.bin"
    archive.write_bytes(raw)
    target = work / "out"
    target.mkdir()
    extract(archive, target, limits=ExtractLimits(**limits))
    return target


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/abs/evil.txt", "..\\evil"])
def test_zip_members_escaping_the_target_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(SecurityError):
        _extract(tmp_path, _zip({"ok.txt": b"ok", name: b"evil"}))
    assert not (tmp_path / "evil.txt").exists()


def test_zip_symlink_members_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SecurityError, match="symlink"):
        _extract(tmp_path, _zip({"ok.txt": b"ok"}, symlink="link"))


def test_tar_traversal_member_is_refused(tmp_path: Path) -> None:
    raw = _tar([tarfile.TarInfo("../../evil.txt")], {"../../evil.txt": b"evil"})
    with pytest.raises(SecurityError):
        _extract(tmp_path, raw)
    assert not list(tmp_path.rglob("evil.txt"))


def test_tar_link_out_of_the_target_is_refused(tmp_path: Path) -> None:
    link = tarfile.TarInfo("link")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc"
    with pytest.raises(SecurityError, match="unsafe archive member"):
        _extract(tmp_path, _tar([link], {}))
    hard = tarfile.TarInfo("hard")
    hard.type, hard.linkname = tarfile.LNKTYPE, "../../etc/passwd"
    with pytest.raises(SecurityError):
        _extract(tmp_path, _tar([hard], {}))


def test_tar_device_member_is_refused(tmp_path: Path) -> None:
    device = tarfile.TarInfo("dev")
    device.type = tarfile.CHRTYPE
    with pytest.raises(SecurityError):
        _extract(tmp_path, _tar([device], {}))


def test_compression_bomb_is_refused_by_ratio(tmp_path: Path) -> None:
    raw = _zip({"zeros.bin": b"\0" * 5_000_000})
    assert len(raw) < 20_000
    with pytest.raises(SecurityError, match="times its size"):
        _extract(tmp_path, raw, ratio_floor_bytes=1_000_000)


def test_total_size_and_member_caps(tmp_path: Path) -> None:
    raw = _zip({f"f{i}.txt": b"x" * 1000 for i in range(5)})
    with pytest.raises(SecurityError, match="more than 3 members"):
        _extract(tmp_path, raw, max_members=3)
    with pytest.raises(SecurityError, match="expands to more than"):
        _extract(tmp_path, raw, max_total_bytes=2500)


def _archive_dataset(folder: Path, members: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bundle.zip").write_bytes(_zip(members))
    files = fs("texts", "*.txt", containedIn={"@id": "bundle"})
    rs = rset("rs", [fld("rs", "t", "sc:Text", prop("texts", "content"))])
    return make_dataset(folder, [fo("bundle", "bundle.zip", "application/zip"), files], [rs])


def test_unsafe_archive_in_a_dataset_is_refused_and_leaves_no_cache_entry(
    tmp_path: Path, isolated_cache: Path
) -> None:
    path = _archive_dataset(tmp_path / "ds", {"a.txt": b"fine", "../evil.txt": b"evil"})
    with pytest.raises(SecurityError):
        ct.load(path, "rs")
    assert not (isolated_cache / "extracted").exists() or not any(
        (isolated_cache / "extracted").iterdir()
    )
    leftovers = (
        list((isolated_cache / "tmp").iterdir()) if (isolated_cache / "tmp").exists() else []
    )
    assert leftovers == []


def test_archives_are_cached_by_content_not_by_url(tmp_path: Path, isolated_cache: Path) -> None:
    first = _archive_dataset(tmp_path / "one", {"a.txt": b"from dataset one"})
    second = _archive_dataset(tmp_path / "two", {"a.txt": b"from dataset two"})
    assert [r["rs/t"] for r in ct.load(first, "rs")] == ["from dataset one"]
    assert [r["rs/t"] for r in ct.load(second, "rs")] == ["from dataset two"]
    assert len(list((isolated_cache / "extracted").iterdir())) == 2


def test_archive_limits_come_from_load_options(tmp_path: Path) -> None:
    path = _archive_dataset(tmp_path / "ds", {f"{i}.txt": b"x" for i in range(4)})
    options = LoadOptions(limits=ExtractLimits(max_members=2))
    with pytest.raises(SecurityError, match="more than 2 members"):
        ct.load(path, "rs", options=options)


# --- delegation -----------------------------------------------------------------------
def _arff_dataset(folder: Path, url: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    arff = "@relation t\n@attribute a numeric\n@data\n1\n2\n"
    (folder / "t.arff").write_text(arff)
    (folder.parent / "outside.arff").write_text(arff)
    fmt = "https://ml.cms.waikato.ac.nz/weka/arff.html"
    rs = rset("rs", [fld("rs", "a", "sc:Float", col("f", "a"))])
    return make_dataset(folder, [fo("f", url, fmt)], [rs])


def test_delegation_reads_formats_the_native_reader_lacks(tmp_path: Path) -> None:
    pytest.importorskip("scipy")
    reader = ct.load(_arff_dataset(tmp_path / "ds", "t.arff"), "rs")
    assert reader.delegated
    assert list(reader) == [{"rs/a": 1.0}, {"rs/a": 2.0}]


def test_delegated_checksums_are_checked_unless_switched_off(tmp_path: Path) -> None:
    pytest.importorskip("scipy")
    path = _arff_dataset(tmp_path / "ds", "t.arff")
    (tmp_path / "ds" / "t.arff").write_text("@relation t\n@attribute a numeric\n@data\n3\n")
    with pytest.raises(DataError):
        list(ct.load(path, "rs"))
    reader = ct.load(path, "rs", verify_checksums=False)
    assert reader.delegated
    assert list(reader) == [{"rs/a": 3.0}]


@pytest.mark.parametrize("url", ["../outside.arff", "http://example.org/t.arff"])
def test_delegation_is_refused_for_unsafe_or_remote_files(tmp_path: Path, url: str) -> None:
    path = _arff_dataset(tmp_path / "ds", url)
    with pytest.raises(SecurityError):
        ct.load(path, "rs", strict=False)


def test_delegation_can_be_switched_off(tmp_path: Path) -> None:
    from croissant_tools.errors import UsageError

    with pytest.raises(UsageError, match="native reader cannot"):
        ct.load(_arff_dataset(tmp_path / "ds", "t.arff"), "rs", delegate=False)


def test_files_are_never_written_outside_the_cache(tmp_path: Path, isolated_cache: Path) -> None:
    path = _archive_dataset(tmp_path / "ds", {"a.txt": b"x"})
    before = set(os.listdir(tmp_path / "ds"))
    list(ct.load(path, "rs"))
    assert set(os.listdir(tmp_path / "ds")) == before
