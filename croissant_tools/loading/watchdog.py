"""Wall-clock deadlines for ``urllib`` fetches.

A socket timeout bounds one read, not a fetch: a server that sends a byte just before
each timeout holds a reader forever. :class:`Watchdog` is started with a fetch's deadline
and shuts down every socket the fetch opened when it passes (connection, TLS handshake,
headers and body alike); :func:`opener` builds a ``urllib`` opener whose connections
register their sockets with it and that does not follow redirects (each hop is checked by
the caller).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.request
from typing import Any


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # surface 3xx as HTTPError so each hop is checked here


class Watchdog:
    """Shuts down every socket of one fetch when its wall-clock deadline passes, which
    ends any blocked connect, TLS handshake, header or body read at once."""

    def __init__(self, deadline: float | None):
        self.deadline = deadline
        self.started = time.monotonic()
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        if deadline is not None:
            self._timer = threading.Timer(deadline, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def remaining(self, cap: float) -> float:
        """Seconds left before the deadline, at most ``cap`` (and at least a little)."""
        if self.deadline is None:
            return cap
        return max(0.05, min(cap, self.deadline - (time.monotonic() - self.started)))

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it has passed)."""
        with self._lock:
            self._sockets.append(sock)
            fired = self.fired
        if fired:
            self._shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        """Stop the timer (the fetch is over)."""
        if self._timer is not None:
            self._timer.cancel()


def _watched(http_class: Any, watchdog: Watchdog) -> Any:
    """``http_class`` whose sockets the watchdog can shut down."""

    class Watched(http_class):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)

            def create(*a: Any, **k: Any) -> socket.socket:
                sock = socket.create_connection(*a, **k)
                watchdog.watch(sock)
                return sock

            self._create_connection = create

    return Watched


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, watchdog: Watchdog):
        super().__init__()
        self.watchdog = watchdog

    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
        return super().do_open(_watched(http_class, self.watchdog), req, **kwargs)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: Watchdog):
        super().__init__()
        self.watchdog = watchdog

    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
        return super().do_open(_watched(http_class, self.watchdog), req, **kwargs)


def opener(watchdog: Watchdog) -> urllib.request.OpenerDirector:
    """An opener for one fetch: sockets watched by ``watchdog``, redirects not followed."""
    return urllib.request.build_opener(
        _NoRedirect(), _WatchedHTTP(watchdog), _WatchedHTTPS(watchdog)
    )
