"""Downloads, only when allowed: http(s) only, host allow-list, per-host credentials.

mlcroissant fetches any URL it meets, sends basic-auth credentials from the environment
to every host and keeps interrupted downloads. Here a download happens only with
``NetworkPolicy(allow=True)``; redirects are followed by hand so that every hop is
checked against the scheme and the allow-list, and credentials are attached only to
requests for the host they were given for. The body is streamed into the cache's
staging area while being hashed, checked against the declared ``sha256``/``md5`` and
moved to its content address only when complete and verified.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

from croissant_tools import __version__
from croissant_tools.cache import Cache
from croissant_tools.errors import DataError, InputError, SecurityError
from croissant_tools.loading.checksums import digest_matches
from croissant_tools.loading.options import Credential, NetworkPolicy
from croissant_tools.loading.watchdog import Watchdog, opener

_CHUNK = 1024 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def check_url(url: str, policy: NetworkPolicy, *, where: str) -> str:
    """Refuse ``url`` unless the policy allows fetching it; return its host."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        raise SecurityError(
            f"refusing to fetch {url!r}: only http(s) URLs are downloaded", where=where
        )
    if not policy.allow:
        raise SecurityError(
            f"{url!r} is remote and network access is off",
            where=where,
            hint="pass allow_network=True (--allow-network) to download it",
        )
    if parsed.username or parsed.password:
        raise SecurityError(
            f"refusing {url!r}: credentials inside URLs are not sent",
            where=where,
            hint="pass credentials={host: Credential(...)} instead",
        )
    host = (parsed.hostname or "").lower()
    if not host:
        raise InputError(f"URL {url!r} has no host", where=where)
    if not policy.host_allowed(host):
        raise SecurityError(
            f"host {host!r} is not on the allow-list ({', '.join(policy.allowed_hosts or ())})",
            where=where,
        )
    return host


def credential_for(policy: NetworkPolicy, url: str) -> Credential | None:
    """The credential registered for exactly this URL's host (``host`` or ``host:port``)."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    netloc = f"{host}:{parsed.port}" if parsed.port else host
    return policy.credentials.get(netloc) or policy.credentials.get(host)


def _open(
    url: str, policy: NetworkPolicy, where: str, watchdog: Watchdog
) -> http.client.HTTPResponse:
    current = url
    for _ in range(policy.max_redirects + 1):
        check_url(current, policy, where=where)
        request = urllib.request.Request(
            current, headers={"User-Agent": f"croissant-tools/{__version__}"}
        )
        credential = credential_for(policy, current)
        if credential is not None:
            request.add_unredirected_header("Authorization", credential.header())
        try:
            response = opener(watchdog).open(request, timeout=watchdog.remaining(policy.timeout))
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.code in _REDIRECTS else None
            exc.close()
            if location:
                current = urljoin(current, location)
                continue
            raise InputError(
                f"download failed: HTTP {exc.code} {exc.reason}", where=where
            ) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            _check_deadline(watchdog, where)
            reason = getattr(exc, "reason", exc)
            raise InputError(f"download failed: {reason}", where=where) from None
        return response
    raise InputError(f"more than {policy.max_redirects} redirects", where=where)


def _check_deadline(watchdog: Watchdog, where: str) -> None:
    if watchdog.fired:
        raise DataError(
            f"download took longer than its {watchdog.deadline:g}-second deadline", where=where
        )


def size_limit(content_size: str | None) -> int | None:
    """The most bytes a file declaring ``content_size`` may have (``None``: not declared).

    Exact for sizes in bytes; 5% over for sizes in kB/MB/GB (read as 1024-based), which
    are usually rounded.
    """
    match = _SIZE.match(content_size or "")
    if match is None:
        return None
    unit = (match.group(2) or "b").lower()[:1]
    if unit == "b":
        return int(float(match.group(1)))
    return int(float(match.group(1)) * _UNITS[unit] * 1.05) + 1


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(bytes?|[bB]|[kKmMgGtT]i?[bB]?)?\s*$")
_UNITS = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def fetch(
    url: str,
    *,
    policy: NetworkPolicy,
    cache: Cache,
    sha256: str | None = None,
    md5: str | None = None,
    verify: bool = True,
    where: str | None = None,
    max_bytes: int | None = None,
) -> Path:
    """Download ``url`` into the cache (or reuse the verified copy); return its local path.

    ``max_bytes`` (a file's declared size) lowers ``policy.max_bytes`` for this download.
    """
    location = where or url
    check_url(url, policy, where=location)
    if sha256 and len(sha256) == 64:
        cached = cache.cached_file(sha256)
        if cached is not None:
            return cached
    if verify and not (sha256 or md5):
        raise SecurityError(
            "a download cannot be verified: the file declares no sha256 or md5",
            where=location,
            hint="add sha256 to the FileObject, or pass verify_checksums=False",
        )
    watchdog = Watchdog(policy.deadline)
    try:
        response = _open(url, policy, location, watchdog)
        with response, cache.staging_file() as (staged, handle):
            hashes = _Hashes(md5 if verify else None)
            limit = _Limit(policy.max_bytes, max_bytes)
            _stream(response, handle.write, hashes, limit, policy, watchdog, location)
            content_sha = hashes.check_md5(location)
            if verify and sha256 and not digest_matches(content_sha, sha256):
                raise DataError(
                    f"sha256 mismatch: expected {sha256}, downloaded {content_sha}",
                    where=location,
                )
            handle.close()
            return cache.commit_file(staged, content_sha)
    finally:
        watchdog.cancel()


def fetch_bytes(url: str, *, policy: NetworkPolicy, max_bytes: int, where: str) -> bytes:
    """The body of ``url`` in memory (a metadata document): the same checks, redirects,
    deadline and minimum rate as :func:`fetch`, and a :class:`DocumentTooLarge` past
    ``max_bytes``."""
    check_url(url, policy, where=where)
    watchdog = Watchdog(policy.deadline)
    chunks: list[bytes] = []
    try:
        response = _open(url, policy, where, watchdog)
        with response:
            limit = _Limit(max_bytes, None, document=True)
            _stream(response, chunks.append, _Hashes(None), limit, policy, watchdog, where)
    finally:
        watchdog.cancel()
    return b"".join(chunks)


class DocumentTooLarge(InputError):
    """A fetched metadata document is over its size cap (exit 2)."""


class _Limit:
    """The byte cap of one download, and the error past it."""

    def __init__(self, policy_max: int, declared: int | None, *, document: bool = False):
        self.declared = declared is not None and declared < policy_max
        self.bytes = min(policy_max, declared) if declared is not None else policy_max
        self.document = document

    def check(self, received: int, where: str) -> None:
        if received <= self.bytes:
            return
        if self.document:
            raise DocumentTooLarge(f"response is over {self.bytes:,} bytes", where=where)
        if self.declared:
            message = f"download is larger than its contentSize ({self.bytes:,} bytes)"
            raise DataError(message, where=where)
        raise DataError(
            f"download is over {self.bytes:,} bytes",
            where=where,
            hint="raise NetworkPolicy.max_bytes if the file is really that large",
        )


class _Hashes:
    def __init__(self, md5: str | None):
        self.sha256 = hashlib.sha256()
        self.md5 = md5
        self._md5 = hashlib.md5() if md5 else None

    def update(self, chunk: bytes) -> None:
        self.sha256.update(chunk)
        if self._md5 is not None:
            self._md5.update(chunk)

    def check_md5(self, where: str) -> str:
        """The sha256 of what was read, after checking the declared md5 (if any)."""
        if (
            self.md5
            and self._md5 is not None
            and not digest_matches(self._md5.hexdigest(), self.md5)
        ):
            actual = self._md5.hexdigest()
            raise DataError(f"md5 mismatch: expected {self.md5}, downloaded {actual}", where=where)
        return self.sha256.hexdigest()


def _stream(
    response: http.client.HTTPResponse,
    write: Callable[[bytes], Any],
    hashes: _Hashes,
    limit: _Limit,
    policy: NetworkPolicy,
    watchdog: Watchdog,
    where: str,
) -> None:
    """Copy the body to ``write`` while hashing, under the cap, deadline and minimum rate."""
    declared = response.headers.get("Content-Length")
    total = int(declared) if declared and declared.isdigit() else None
    rate = _Rate(policy)
    received = 0
    bar = _bar(total, where)
    read = getattr(response, "read1", response.read)
    try:
        while True:
            try:
                chunk = read(_CHUNK)
            except (http.client.IncompleteRead, OSError, ValueError) as exc:
                _check_deadline(watchdog, where)
                raise DataError(f"download interrupted: {exc}", where=where) from None
            _check_deadline(watchdog, where)
            if not chunk:
                break
            received += len(chunk)
            limit.check(received, where)
            rate.check(received, where)
            hashes.update(chunk)
            write(chunk)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    if total is not None and received != total:
        raise DataError(f"download interrupted: got {received:,} of {total:,} bytes", where=where)


class _Rate:
    """At least ``policy.min_rate`` bytes a second over every ``policy.timeout`` seconds."""

    def __init__(self, policy: NetworkPolicy):
        self.window = max(policy.timeout, 1.0)
        self.minimum = policy.min_rate * self.window
        self.start = time.monotonic()
        self.at_start = 0

    def check(self, received: int, where: str) -> None:
        now = time.monotonic()
        if not self.minimum or now - self.start < self.window:
            return
        got = received - self.at_start
        if got < self.minimum:
            raise DataError(
                f"download is too slow: {got:,} bytes in the last {now - self.start:.0f} s "
                f"(at least {self.minimum / self.window:,.0f} bytes/s expected)",
                where=where,
            )
        self.start, self.at_start = now, received


def _bar(total: int | None, where: str) -> Any:
    if total is not None and total < 8 * _CHUNK:
        return None
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        desc=f"downloading {where}",
        file=sys.stderr,
        disable=None,
        leave=False,
    )
