"""What a load may do: network policy, archive limits, cache, checksums (frozen, picklable).

The defaults are the safe ones: no network, checksums verified, archives extracted with
size and ratio caps, validation errors refused. Options travel with a
:class:`~croissant_tools.loading.RecordSetReader` to DataLoader workers and Beam workers,
so they are plain frozen dataclasses; credentials never appear in ``repr``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from croissant_tools.archives import ExtractLimits

CACHE_ENV = "CROISSANT_TOOLS_CACHE"


@dataclass(frozen=True)
class Credential:
    """Credentials for one host: HTTP basic auth (``username``/``password``) or a bearer token."""

    username: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def header(self) -> str:
        """The ``Authorization`` header value."""
        if self.token is not None:
            return f"Bearer {self.token}"
        import base64

        raw = f"{self.username or ''}:{self.password or ''}".encode()
        return "Basic " + base64.b64encode(raw).decode("ascii")


@dataclass(frozen=True)
class NetworkPolicy:
    """Whether and where a load may download files.

    ``allowed_hosts`` (when given) lists host names that may be contacted; an entry
    ``*.example.org`` also allows its sub-domains. ``credentials`` maps a host name to the
    :class:`Credential` sent to that host only (never to another host, including after a
    redirect). One fetch (every redirect hop, headers and body) is bounded by:
    ``timeout`` seconds for any one network operation, ``deadline`` seconds of wall-clock
    time in all (``None``: no deadline), at least ``min_rate`` bytes a second over every
    ``timeout``-long stretch (0: no minimum; a server dripping a byte now and then is cut
    off), and ``max_bytes`` (a file declaring its ``contentSize`` is cut off just past it).
    """

    allow: bool = False
    allowed_hosts: tuple[str, ...] | None = None
    credentials: Mapping[str, Credential] = field(default_factory=dict, repr=False)
    timeout: float = 60.0
    max_bytes: int = 16 * 1024**3
    max_redirects: int = 5
    deadline: float | None = 6 * 3600.0
    min_rate: float = 1024.0

    def host_allowed(self, host: str) -> bool:
        """Whether ``host`` is on the allow-list (any host when there is no list)."""
        if self.allowed_hosts is None:
            return True
        host = host.lower().rstrip(".")
        for entry in self.allowed_hosts:
            entry = entry.lower().rstrip(".")
            if host == entry or (entry.startswith("*.") and host.endswith(entry[1:])):
                return True
        return False


def default_cache_dir() -> Path:
    """``$CROISSANT_TOOLS_CACHE``, else ``$XDG_CACHE_HOME/croissant-tools`` or ``~/.cache/...``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "croissant-tools"


@dataclass(frozen=True)
class LoadOptions:
    """Everything about *how* to load, apart from what to load.

    ``strict`` refuses documents with validation errors; ``delegate`` lets record sets the
    native reader cannot handle go to mlcroissant (after the same safety checks);
    ``max_json_bytes`` caps JSON files that must be parsed whole (``jsonPath`` extracts)
    and any one line read from a text or JSON Lines file; ``max_document_bytes`` the
    Croissant document itself. ``lossy`` lets casts that lose information happen (a
    date-time read as ``sc:Date`` keeps its date, ``2.5`` read as ``sc:Integer`` becomes
    ``2``), each counted and logged; without it they are errors.
    """

    network: NetworkPolicy = field(default_factory=NetworkPolicy)
    verify_checksums: bool = True
    cache_dir: Path | None = None
    limits: ExtractLimits = field(default_factory=ExtractLimits)
    strict: bool = True
    delegate: bool = True
    max_json_bytes: int = 1024**3
    lossy: bool = False
    max_document_bytes: int = 50 * 1024**2

    @property
    def cache_root(self) -> Path:
        """The cache folder in use."""
        return self.cache_dir if self.cache_dir is not None else default_cache_dir()
