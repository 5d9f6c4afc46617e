"""A short soak in the normal suite: the sync killed once at every named kill point and its connection dropped once
at every drop point (after a commit before the reply included), each followed by settling all three files (one a
copy, two editor roles) and the full set of checks of tests/soak/soak_sync.py: shared features edited by every file
meet in conflicts under every policy (delete against edit included), a refused change is kept as rejected, and no
edit is lost (the long run, five hits a point, is `make soak`). Well uuids come from the seed, so a seed repeats its
run's choices."""

from __future__ import annotations

from tests.pg import PgCluster
from tests.soak import soak_sync


def test_short_soak():
    if not PgCluster().available():
        import pytest

        pytest.skip("PostgreSQL binaries not installed")
    res = soak_sync.run(kills=1, drops=1, time_limit=600, seed=4)
    assert set(res["kills"]) == set(soak_sync.KILL_POINTS) and min(res["kills"].values()) >= 1, res
    assert set(res["drops"]) == set(soak_sync.DROP_POINTS) and min(res["drops"].values()) >= 1, res
    assert res["checks"] >= len(soak_sync.KILL_POINTS) + len(soak_sync.DROP_POINTS)
    assert soak_sync.every_policy_met_conflicts(res), res["conflicts"]
    assert res["edits"]["writes"] > res["edits"]["replaced_knowingly"] > 0 and res["edits"]["deletes"] > 0, res
    assert res["pushes_checked"] >= res["checks"] and res["rejected"] > 0, res
