"""Downloads against a local HTTP server on 127.0.0.1 (loopback only; no real network).

Two host names reach the server — ``127.0.0.1`` and ``localhost`` — so redirects between
"hosts", allow-lists and per-host credentials can be tested without leaving the machine.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

import croissant_tools as ct
from croissant_tools.errors import DataError, SecurityError
from croissant_tools.loading import Credential
from tests.loading.conftest import col, fld, fo, make_dataset, rset

BODY = b"a,b\n1,x\n2,y\n"
SHA = hashlib.sha256(BODY).hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str, str | None]]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        host = self.headers.get("Host", "").split(":")[0]
        type(self).seen.append((host, self.path, self.headers.get("Authorization")))
        port = self.server.server_address[1]
        if self.path == "/data.csv":
            self._send(BODY)
        elif self.path == "/to-localhost":
            self._redirect(f"http://localhost:{port}/data.csv")
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/data.csv")
        elif self.path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY) + 100))
            self.end_headers()
            self.wfile.write(BODY)
            self.wfile.flush()
            self.close_connection = True
        else:
            self.send_error(404)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server() -> Iterator[tuple[int, list[tuple[str, str, str | None]]]]:
    _Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], _Handler.seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def _remote_dataset(folder: Path, url: str, sha256: str | None = SHA) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    extra = {"sha256": sha256} if sha256 else {}
    rs = rset(
        "rs",
        [fld("rs", "a", "sc:Integer", col("f", "a")), fld("rs", "b", "sc:Text", col("f", "b"))],
    )
    return make_dataset(folder, [fo("f", url, **extra)], [rs], checksums=False)


def test_remote_files_need_allow_network(tmp_path: Path, server: Any) -> None:
    port, seen = server
    path = _remote_dataset(tmp_path, f"http://127.0.0.1:{port}/data.csv")
    with pytest.raises(SecurityError, match="network access is off"):
        ct.load(path, "rs")
    assert seen == []
    assert list(ct.load(path, "rs", allow_network=True)) == [
        {"rs/a": 1, "rs/b": "x"},
        {"rs/a": 2, "rs/b": "y"},
    ]


def test_downloads_are_cached_by_content_hash(
    tmp_path: Path, server: Any, isolated_cache: Path
) -> None:
    port, seen = server
    path = _remote_dataset(tmp_path, f"http://127.0.0.1:{port}/data.csv")
    for _ in range(2):
        list(ct.load(path, "rs", allow_network=True))
    assert len(seen) == 1
    assert (isolated_cache / "files" / SHA[:2] / SHA).read_bytes() == BODY


def test_host_allow_list(tmp_path: Path, server: Any) -> None:
    port, seen = server
    path = _remote_dataset(tmp_path, f"http://127.0.0.1:{port}/data.csv")
    with pytest.raises(SecurityError, match="allow-list"):
        ct.load(path, "rs", allow_network=True, allowed_hosts=["example.org"])
    assert seen == []
    redirected = _remote_dataset(tmp_path / "r", f"http://127.0.0.1:{port}/to-localhost")
    with pytest.raises(SecurityError, match="'localhost' is not on the allow-list"):
        ct.load(redirected, "rs", allow_network=True, allowed_hosts=["127.0.0.1"])


def test_credentials_go_only_to_their_host(tmp_path: Path, server: Any) -> None:
    port, seen = server
    path = _remote_dataset(tmp_path, f"http://127.0.0.1:{port}/to-localhost")
    secret = {"127.0.0.1": Credential(token="s3cret")}
    assert len(list(ct.load(path, "rs", allow_network=True, credentials=secret))) == 2
    assert seen[0] == ("127.0.0.1", "/to-localhost", "Bearer s3cret")
    assert seen[1] == ("localhost", "/data.csv", None)


def test_redirect_to_another_scheme_is_refused(tmp_path: Path, server: Any) -> None:
    port, _ = server
    path = _remote_dataset(tmp_path, f"http://127.0.0.1:{port}/to-ftp")
    with pytest.raises(SecurityError, match="only http"):
        ct.load(path, "rs", allow_network=True)


def test_checksum_mismatch_leaves_nothing_in_the_cache(
    tmp_path: Path, server: Any, isolated_cache: Path
) -> None:
    port, _ = server
    path = _remote_dataset(tmp_path, f"http://127.0.0.1:{port}/data.csv", sha256="f" * 64)
    with pytest.raises(DataError, match="sha256 mismatch"):
        ct.load(path, "rs", allow_network=True)
    assert not (isolated_cache / "files").exists()
    assert list((isolated_cache / "tmp").iterdir()) == []


def test_interrupted_download_is_not_kept(
    tmp_path: Path, server: Any, isolated_cache: Path
) -> None:
    port, _ = server
    path = _remote_dataset(tmp_path, f"http://127.0.0.1:{port}/truncated")
    with pytest.raises(DataError, match="interrupted"):
        ct.load(path, "rs", allow_network=True)
    assert not (isolated_cache / "files").exists()
    assert list((isolated_cache / "tmp").iterdir()) == []


def test_unverifiable_download_is_refused_unless_checks_are_off(
    tmp_path: Path, server: Any
) -> None:
    port, _ = server
    path = _remote_dataset(tmp_path, f"http://127.0.0.1:{port}/data.csv", sha256=None)
    with pytest.raises(SecurityError, match="cannot be verified"):
        ct.load(path, "rs", allow_network=True, strict=False)
    rows = list(ct.load(path, "rs", allow_network=True, strict=False, verify_checksums=False))
    assert len(rows) == 2


def test_credentials_never_appear_in_repr() -> None:
    assert "s3cret" not in repr(Credential(username="u", password="s3cret"))
    assert "s3cret" not in repr(Credential(token="s3cret"))
