"""Fixtures shared by the generation tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def extract_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mlcroissant caches extractions by contentUrl: give each test its own cache."""
    from mlcroissant._src.operation_graph.operations import extract

    folder = tmp_path_factory.mktemp("mlcroissant-extract")
    monkeypatch.setattr(extract, "EXTRACT_PATH", extract.epath.Path(folder))
