"""A short soak in the normal suite: a few SIGKILLed syncs and dropped server connections, each followed by a
resumed sync and the full set of integrity checks of tests/soak/soak_sync.py (the long run is `make soak`)."""

from __future__ import annotations

from tests.pg import PgCluster
from tests.soak import soak_sync


def test_short_soak():
    if not PgCluster().available():
        import pytest

        pytest.skip("PostgreSQL binaries not installed")
    res = soak_sync.run(kills=5, drops=5, time_limit=240, seed=11)
    assert res["kills"] >= 5 and res["drops"] >= 5
    assert res["checks"] >= 10
