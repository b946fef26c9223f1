"""Licence identifiers: SPDX ids from licence URLs, and the Hugging Face Hub's licence ids.

Croissant recommends an SPDX URL (``https://spdx.org/licenses/CC-BY-4.0.html``) but
documents in the wild use Creative Commons, opensource.org, gnu.org or apache.org URLs, a
bare SPDX id, or a ``CreativeWork`` object. :func:`read_license` recognises the common
forms; :attr:`License.hub_id` is the lower-case id a Hugging Face dataset card expects
(``cc-by-4.0``), or ``None`` when the licence is not on the Hub's list (the card then
says ``license: other`` with ``license_name``/``license_link``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: SPDX ids (canonical case) that also appear on the Hub's licence list, keyed by lower case.
_SPDX = {
    spdx.lower(): spdx
    for spdx in (
        "Apache-2.0", "MIT", "AFL-3.0", "Artistic-2.0", "BSL-1.0", "BSD-2-Clause", "BSD-3-Clause",
        "BSD-3-Clause-Clear", "CC0-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0", "CC-BY-4.0",
        "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0",
        "CC-BY-ND-4.0", "CC-BY-NC-ND-3.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-2.0",
        "CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", "CDLA-Sharing-1.0", "CDLA-Permissive-1.0",
        "CDLA-Permissive-2.0", "WTFPL", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2",
        "AGPL-3.0", "GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "ISC", "LPPL-1.3c", "MS-PL",
        "MPL-2.0", "ODC-By-1.0", "ODbL-1.0", "OSL-3.0", "PostgreSQL", "OFL-1.1", "NCSA",
        "Unlicense", "Zlib", "PDDL-1.0", "GFDL-1.3", "Etalab-2.0",
    )
}  # fmt: skip
#: SPDX id (lower case) -> Hub id, where they differ.
_HUB_ALIASES = {"odc-by-1.0": "odc-by", "odbl-1.0": "odbl", "pddl-1.0": "pddl", "gfdl-1.3": "gfdl"}
_SPDX_SUFFIXES = re.compile(r"-(only|or-later)$")

_URL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"spdx\.org/licenses/([A-Za-z0-9.+-]+?)(?:\.html|\.json)?/?$"), "{0}"),
    (re.compile(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)"), "CC-{0}-{1}"),
    (re.compile(r"creativecommons\.org/publicdomain/zero/1\.0"), "CC0-1.0"),
    (re.compile(r"opensource\.org/licen[cs]es?/([A-Za-z0-9.+-]+?)(?:\.php|\.html)?/?$"), "{0}"),
    (re.compile(r"choosealicense\.com/licenses/([a-z0-9.+-]+)/?$"), "{0}"),
    (re.compile(r"apache\.org/licenses/LICENSE-2\.0"), "Apache-2.0"),
    (re.compile(r"gnu\.org/licenses/(a?gpl|lgpl|fdl)-?(\d\.\d)"), "{0}-{1}"),
    (re.compile(r"opendatacommons\.org/licenses/by/?"), "ODC-By-1.0"),
    (re.compile(r"opendatacommons\.org/licenses/odbl/?"), "ODbL-1.0"),
    (re.compile(r"opendatacommons\.org/licenses/pddl/?"), "PDDL-1.0"),
    (re.compile(r"mozilla\.org/(?:en-US/)?MPL/2\.0"), "MPL-2.0"),
)


@dataclass(frozen=True)
class License:
    """A licence as the document states it, with the identifiers derived from it."""

    label: str
    url: str | None = None
    spdx: str | None = None

    @property
    def hub_id(self) -> str | None:
        """The Hugging Face Hub licence id (``cc-by-4.0``), or ``None`` if not on its list."""
        if self.spdx is None:
            return None
        key = _SPDX_SUFFIXES.sub("", self.spdx.lower())
        if key in _HUB_ALIASES:
            return _HUB_ALIASES[key]
        return key if key in _SPDX else None


def spdx_id(text: str) -> str | None:
    """The SPDX id named by a licence URL or by a bare id (any case), if recognisable."""
    candidate = text.strip()
    known = _SPDX.get(_SPDX_SUFFIXES.sub("", candidate.lower()))
    if known is not None and "/" not in candidate:
        return known
    for pattern, template in _URL_PATTERNS:
        match = pattern.search(candidate)
        if match:
            raw = template.format(*match.groups())
            if raw.startswith("fdl"):
                raw = "g" + raw
            return _SPDX.get(raw.lower(), raw.upper() if template.startswith("CC-") else raw)
    return None


def read_license(value: Any) -> License:
    """A :class:`License` from a ``license`` value: URL, SPDX id, ``{"@id"}`` or CreativeWork."""
    if isinstance(value, dict):
        url = next(
            (value[k] for k in ("url", "@id", "sc:url") if isinstance(value.get(k), str)), None
        )
        name = next((value[k] for k in ("name", "sc:name") if isinstance(value.get(k), str)), None)
        label = name or url or "unnamed licence"
        return License(
            label=label, url=url if url and "://" in url else None, spdx=spdx_id(url or name or "")
        )
    text = str(value).strip()
    url = text if re.match(r"^https?://", text) else None
    return License(label=text, url=url, spdx=spdx_id(text))
