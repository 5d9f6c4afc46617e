"""The markers tests/conftest.py gives a test from where it lives and the fixtures it uses (pyproject.toml lists
them): `pytest -m "not pg and not slow"` must select the quick tests and nothing that starts PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import markers_for


def test_markers_follow_place_and_fixtures():
    assert markers_for(Path("core/wells/test_labvalues.py"), {"tmp_path"}) == set()
    assert markers_for(Path("core/data/test_qgis_project.py"), {"qgis_app"}) == {"qgis"}
    assert markers_for(Path("gui/sync/test_sync_dock.py"), {"qtbot", "pg_server"}) == {"gui", "qgis", "pg"}
    assert markers_for(Path("processing/test_qgis_process.py"), set()) == {"qgis", "slow"}
    assert markers_for(Path("core/demo/test_demo.py"), {"qgis_app"}) == {"qgis", "slow"}


def test_every_pg_test_is_marked(request):
    # collected items of this run carry the marker when they use the PostgreSQL fixture
    for item in request.session.items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            assert item.get_closest_marker("pg") is not None, item.nodeid
