"""Fixtures for the pipeline tests: a two-process Dask cluster, shared by the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import needs


@pytest.fixture(scope="session")
def dask_address() -> Iterator[str]:
    """Scheduler address of a ``distributed.LocalCluster`` with two single-thread processes."""
    distributed = needs("distributed")
    needs("apache_beam.runners.dask.dask_runner")
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        memory_limit="3GiB",
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()
