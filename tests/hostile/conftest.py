"""Shared tools of the hostile suite: a loopback HTTP server that can misbehave, a record of
every file the process opens and every connection it makes, and small dataset builders.

Every test here is a promise of the README kept under attack; see ``README.md`` next to
this file for the list. Nothing leaves the machine: the server listens on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.loading.conftest import col, fld, fo, make_dataset, rset

REPO_ROOT = Path(__file__).resolve().parents[2]
ARFF = "@relation t\n@attribute a numeric\n@data\n1\n2\n"
ARFF_FORMAT = "https://ml.cms.waikato.ac.nz/weka/arff.html"


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own download/extraction cache."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CROISSANT_TOOLS_CACHE", str(cache))
    return cache


def arff_dataset(folder: Path, **document: Any) -> Path:
    """A dataset whose one record set is read by mlcroissant (ARFF); ``document`` entries
    are merged into the top level of the JSON-LD (a nested ``@context``, say)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.arff").write_text(ARFF)
    rs = rset("rs", [fld("rs", "a", "sc:Float", col("f", "a"))])
    path = make_dataset(folder, [fo("f", "t.arff", ARFF_FORMAT)], [rs])
    if document:
        data = json.loads(path.read_text())
        data.update(document)
        path.write_text(json.dumps(data, indent=1))
    return path


# --- what the process touches ------------------------------------------------------------
@dataclass
class Touches:
    """Files opened and addresses connected to while :func:`watch` was active."""

    opened: list[str] = field(default_factory=list)
    connected: list[Any] = field(default_factory=list)

    def opened_outside(self, *folders: Path) -> list[str]:
        """Opened paths that lie in none of ``folders`` (Python's own files excluded)."""
        allowed = [str(Path(f).resolve()) for f in folders]
        ignored = (sys.prefix, sys.base_prefix, "/proc/", "/sys/", "/dev/null", "/dev/urandom")
        out = []
        for name in self.opened:
            full = os.path.realpath(name)
            if full.startswith(ignored) or any(full.startswith(a) for a in allowed):
                continue
            out.append(full)
        return out


_ACTIVE: list[Touches] = []
_HOOKED = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _ACTIVE:
        return
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        name = os.fsdecode(args[0])
        for touches in _ACTIVE:
            touches.opened.append(name)
    elif event == "socket.connect":
        for touches in _ACTIVE:
            touches.connected.append(args[1])


@contextlib.contextmanager
def recording() -> Iterator[Touches]:
    """Record what the process opens and connects to inside the ``with`` block."""
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(_audit)
        _HOOKED = True
    touches = Touches()
    _ACTIVE.append(touches)
    try:
        yield touches
    finally:
        _ACTIVE.remove(touches)


@pytest.fixture
def watch() -> Iterator[Callable[[], Touches]]:
    """``with watch() as touches``-style recorder (an audit hook on open and connect).

    Audit hooks cannot be removed, so one hook is installed per process and does nothing
    while no recorder is active.
    """
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(_audit)
        _HOOKED = True
    started: list[Touches] = []

    def start() -> Touches:
        touches = Touches()
        _ACTIVE.append(touches)
        started.append(touches)
        return touches

    try:
        yield start
    finally:
        for touches in started:
            _ACTIVE.remove(touches)


# --- a loopback server that misbehaves on request -----------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Callable[[Any], None]]] = {}
    seen: ClassVar[list[str]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        type(self).seen.append(self.path)
        route = type(self).routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.send_error(404)
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)


def send(body: bytes, content_type: str = "application/json") -> Callable[[Any], None]:
    """A route answering ``body``."""

    def route(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def redirect(location: Callable[[int], str]) -> Callable[[Any], None]:
    """A route redirecting to ``location(port)``."""

    def route(handler: Any) -> None:
        handler.send_response(302)
        handler.send_header("Location", location(handler.server.server_address[1]))
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def drip(every: float = 1.0, total: int = 10_000) -> Callable[[Any], None]:
    """A route that sends one byte every ``every`` seconds (a slow-loris body)."""

    def route(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        for _ in range(total):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(every)

    return route


def endless(chunk: int = 1 << 16) -> Callable[[Any], None]:
    """A route whose body never ends (no Content-Length, closed only by the client)."""

    def route(handler: Any) -> None:
        handler.send_response(200)
        handler.end_headers()
        block = b"0" * chunk
        while True:
            handler.wfile.write(block)

    return route


@dataclass
class Server:
    """The running server: its port, the paths requested, and its routes (editable)."""

    port: int
    seen: list[str]
    routes: dict[str, Callable[[Any], None]]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def server() -> Iterator[Server]:
    """A threading HTTP server on 127.0.0.1 with no routes yet."""
    _Handler.routes = {}
    _Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Server(httpd.server_address[1], _Handler.seen, _Handler.routes)
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
