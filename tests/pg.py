"""The PostgreSQL/PostGIS server of the tests: ``pg_server`` is a session-scoped pytest fixture (import it into a
test module: ``from tests.pg import pg_server``) around scripts/localpg.py's throw-away cluster."""

from __future__ import annotations

import pytest

from scripts.localpg import PG_BIN, SUPERUSER, SYSTEM_USER, PgCluster  # noqa: F401 (re-exported)


@pytest.fixture(scope="session")
def pg_server():
    cluster = PgCluster()
    if not cluster.available():
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql-15-postgis-3)")
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
