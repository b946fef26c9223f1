"""Promise: every fetch — a Croissant document given by URL, or a data file — obeys the
same rules: only when allowed, only from allowed hosts (every redirect hop checked), within
a wall-clock deadline, under a size cap, and leaving no partial file behind on any exit
(an error, Ctrl-C, or SIGTERM).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import croissant_tools as ct
from croissant_tools.cli import main as cli
from croissant_tools.documents import read_document
from croissant_tools.errors import EXIT_REFUSED, CroissantToolsError, SecurityError
from croissant_tools.loading import LoadOptions, NetworkPolicy
from tests.hostile.conftest import REPO_ROOT, Server, drip, endless, redirect, send
from tests.loading.conftest import col, fld, fo, make_dataset, rset

BODY = b"a,b\n1,x\n2,y\n"
SHA = hashlib.sha256(BODY).hexdigest()


def _document(folder: Path, data_url: str) -> bytes:
    rs = rset("rs", [fld("rs", "a", "sc:Integer", col("f", "a"))])
    folder.mkdir()
    path = make_dataset(folder, [fo("f", data_url, sha256=SHA)], [rs], checksums=False)
    return path.read_bytes()


# --- the document fetch obeys the allow-list, on every redirect hop ------------------------
def test_a_document_url_obeys_the_host_allow_list(server: Server, tmp_path: Path) -> None:
    server.routes["/croissant.json"] = send(_document(tmp_path / "d", server.url("/data.csv")))
    url = server.url("/croissant.json")
    code = cli(["records", url, "--allow-network", "--allowed-host", "example.org"])
    assert code == EXIT_REFUSED and server.seen == []
    with pytest.raises(SecurityError, match="allow-list"):
        ct.load(url, "rs", allow_network=True, allowed_hosts=["example.org"])
    assert server.seen == []


def test_a_document_redirect_to_another_host_is_checked(server: Server, tmp_path: Path) -> None:
    server.routes["/croissant.json"] = send(_document(tmp_path / "d", server.url("/data.csv")))
    server.routes["/moved"] = redirect(lambda port: f"http://localhost:{port}/croissant.json")
    with pytest.raises(SecurityError, match="'localhost' is not on the allow-list"):
        ct.load(server.url("/moved"), "rs", allow_network=True, allowed_hosts=["127.0.0.1"])
    assert server.seen == ["/moved"]
    server.routes["/to-file"] = redirect(lambda port: "file:///etc/passwd")
    with pytest.raises(SecurityError, match="only http"):
        read_document(server.url("/to-file"), allow_network=True)


# --- wall-clock deadlines and size caps -----------------------------------------------------
QUICK = NetworkPolicy(allow=True, timeout=1.0, deadline=3.0, min_rate=0)


def test_a_dripping_document_server_is_cut_off_at_the_deadline(server: Server) -> None:
    server.routes["/slow.json"] = drip(every=0.5)
    started = time.monotonic()
    with pytest.raises(CroissantToolsError, match=r"deadline|too slow"):
        read_document(server.url("/slow.json"), network=QUICK)
    assert time.monotonic() - started < 8


def test_a_slow_data_server_is_cut_off_by_the_minimum_rate(server: Server, tmp_path: Path) -> None:
    server.routes["/data.csv"] = drip(every=0.3)
    folder = tmp_path / "ds"
    folder.mkdir()
    rs = rset("rs", [fld("rs", "a", "sc:Integer", col("f", "a"))])
    path = make_dataset(folder, [fo("f", server.url("/data.csv"), sha256=SHA)], [rs])
    slow = NetworkPolicy(allow=True, timeout=2.0, min_rate=100)
    started = time.monotonic()
    with pytest.raises(CroissantToolsError, match="too slow"):
        list(ct.load(path, "rs", options=LoadOptions(network=slow)))
    assert time.monotonic() - started < 10
    _no_partial_files()


def test_an_endless_document_is_capped_by_max_bytes(server: Server) -> None:
    server.routes["/endless.json"] = endless()
    with pytest.raises(CroissantToolsError, match="over"):
        read_document(server.url("/endless.json"), allow_network=True, max_bytes=1 << 20)


def test_a_data_file_longer_than_its_content_size_is_cut_off(
    server: Server, tmp_path: Path
) -> None:
    server.routes["/data.csv"] = endless()
    folder = tmp_path / "ds"
    folder.mkdir()
    rs = rset("rs", [fld("rs", "a", "sc:Integer", col("f", "a"))])
    node = fo("f", server.url("/data.csv"), sha256=SHA, contentSize=f"{len(BODY)} B")
    path = make_dataset(folder, [node], [rs])
    with pytest.raises(CroissantToolsError, match="contentSize"):
        list(ct.load(path, "rs", allow_network=True))
    _no_partial_files()


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _no_partial_files() -> None:
    tmp = Path(os.environ["CROISSANT_TOOLS_CACHE"]) / "tmp"
    assert not tmp.exists() or list(tmp.iterdir()) == []


# --- no partial file survives SIGTERM or Ctrl-C ---------------------------------------------
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_download_leaves_no_partial_file(
    server: Server, tmp_path: Path, sig: signal.Signals
) -> None:
    server.routes["/data.csv"] = endless()
    folder = tmp_path / "ds"
    folder.mkdir()
    rs = rset("rs", [fld("rs", "a", "sc:Integer", col("f", "a"))])
    path = make_dataset(folder, [fo("f", server.url("/data.csv"), sha256=SHA)], [rs])
    cache = tmp_path / "cache"
    env = {**os.environ, "CROISSANT_TOOLS_CACHE": str(cache), "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "croissant_tools.cli", "records", str(path), "-r", "rs"]
    process = subprocess.Popen(
        [*command, "--allow-network"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # a test run started in the background (`cmd &` in a script) inherits SIGINT ignored,
        # and Python keeps an ignored SIGINT ignored: give the child Ctrl-C's usual meaning
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    partial: list[Path] = []
    while time.monotonic() < deadline and not partial:
        time.sleep(0.2)
        partial = [p for p in (cache / "tmp").glob("partial-*") if p.stat().st_size > 0]
    assert partial, "the download never started"
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()[-500:]
    assert b"Traceback" not in err
    assert list((cache / "tmp").iterdir()) == []
