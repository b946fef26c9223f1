"""The nesting limit of documents.read_document, exactly at its boundary."""

from __future__ import annotations

from typing import Any

import pytest

from croissant_tools.documents import MAX_DEPTH, DocumentError, read_document


def _nested(depth: int, leaf: Any) -> Any:
    """A value whose deepest value sits at ``depth`` (the top level is depth 1)."""
    value = leaf
    for _ in range(depth - 2):
        value = [value]
    return {"a": value} if depth > 1 else value


@pytest.mark.parametrize("leaf", [1, "x", None, [], {}])
def test_values_at_the_limit_are_read_and_one_deeper_are_refused(leaf: Any) -> None:
    read_document(_nested(MAX_DEPTH, leaf))
    with pytest.raises(DocumentError, match=f"nested more than {MAX_DEPTH} levels deep"):
        read_document(_nested(MAX_DEPTH + 1, leaf))
