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
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlparse

from croissant_tools import __version__
from croissant_tools.cache import Cache
from croissant_tools.errors import DataError, InputError, SecurityError
from croissant_tools.loading.checksums import digest_matches
from croissant_tools.loading.options import Credential, NetworkPolicy

_CHUNK = 1024 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # surface 3xx as HTTPError so each hop is checked here


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect())


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


def _open(url: str, policy: NetworkPolicy, where: str) -> http.client.HTTPResponse:
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
            response = _opener().open(request, timeout=policy.timeout)
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
            reason = getattr(exc, "reason", exc)
            raise InputError(f"download failed: {reason}", where=where) from None
        return response
    raise InputError(f"more than {policy.max_redirects} redirects", where=where)


def fetch(
    url: str,
    *,
    policy: NetworkPolicy,
    cache: Cache,
    sha256: str | None = None,
    md5: str | None = None,
    verify: bool = True,
    where: str | None = None,
) -> Path:
    """Download ``url`` into the cache (or reuse the verified copy); return its local path."""
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
    response = _open(url, policy, location)
    with response, cache.staging_file() as (staged, handle):
        content_sha = _stream(response, handle, policy, location, md5 if verify else None, sha256)
        if verify and sha256 and not digest_matches(content_sha, sha256):
            raise DataError(
                f"sha256 mismatch: expected {sha256}, downloaded {content_sha}", where=location
            )
        handle.close()
        return cache.commit_file(staged, content_sha)


def _stream(
    response: http.client.HTTPResponse,
    handle: BinaryIO,
    policy: NetworkPolicy,
    where: str,
    md5: str | None,
    sha256: str | None,
) -> str:
    hasher = hashlib.sha256()
    md5_hasher = hashlib.md5() if md5 else None
    declared = response.headers.get("Content-Length")
    total = int(declared) if declared and declared.isdigit() else None
    received = 0
    bar = _bar(total, where)
    try:
        while True:
            try:
                chunk = response.read(_CHUNK)
            except (http.client.IncompleteRead, OSError) as exc:
                raise DataError(f"download interrupted: {exc}", where=where) from None
            if not chunk:
                break
            received += len(chunk)
            if received > policy.max_bytes:
                raise DataError(f"download is over {policy.max_bytes:,} bytes", where=where)
            hasher.update(chunk)
            if md5_hasher is not None:
                md5_hasher.update(chunk)
            handle.write(chunk)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    if total is not None and received != total:
        raise DataError(f"download interrupted: got {received:,} of {total:,} bytes", where=where)
    if md5 and md5_hasher is not None and not digest_matches(md5_hasher.hexdigest(), md5):
        actual = md5_hasher.hexdigest()
        raise DataError(f"md5 mismatch: expected {md5}, downloaded {actual}", where=where)
    return hasher.hexdigest()


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
