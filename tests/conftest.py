"""Shared fixtures. pytest-qgis starts one QgsApplication (offscreen) for the whole run and keeps it alive."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
for p in (str(ROOT), "/usr/share/qgis/python/plugins"):
    if p not in sys.path:
        sys.path.insert(0, p)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def validate_gpkg(path) -> list:
    """Run GDAL's GeoPackage validator; return its error messages (empty list = valid)."""
    from osgeo_utils.samples import validate_gpkg as v

    try:
        v.check(str(path), abort_at_first_error=False, warning_as_error=False)
    except v.GPKGCheckException as exc:
        return [str(exc)]
    return []


@pytest.fixture
def validate():
    return validate_gpkg


# ------------------------------------------------------------------------------------------------------------------
# Markers (registered in pyproject.toml), set from where a test lives and what it uses, so that e.g.
# `pytest -m "not pg and not slow"` runs the quick part: qgis (a QgsApplication), gui (widgets, docks, the
# plugin in a fake iface), pg (a PostgreSQL server the tests start), slow (builds the demo city, runs qgis_process
# or the sync soak).
# ------------------------------------------------------------------------------------------------------------------
QGIS_FIXTURES = {"qgis_app", "qgis_iface", "qgis_processing", "qgis_new_project", "qgis_canvas", "qgis_parent"}
SLOW_PLACES = (("core", "demo"), ("soak",), ("processing", "test_qgis_process.py"))


def markers_for(path: Path, fixtures: set) -> set:
    """The markers of a test in ``path`` (relative to tests/) that uses ``fixtures`` (their whole closure)."""
    parts = path.parts
    marks = set()
    if parts[0] == "gui" or "qtbot" in fixtures:
        marks.add("gui")
    if marks or parts[0] == "processing" or fixtures & QGIS_FIXTURES:
        marks.add("qgis")
    if "pg_server" in fixtures:
        marks.add("pg")
    if any(parts[: len(place)] == place for place in SLOW_PLACES):
        marks.add("slow")
    return marks


def pytest_collection_modifyitems(config, items):
    tests_dir = Path(__file__).resolve().parent
    for item in items:
        try:
            rel = Path(str(item.fspath)).resolve().relative_to(tests_dir)
        except ValueError:
            continue
        for name in sorted(markers_for(rel, set(getattr(item, "fixturenames", ())))):
            item.add_marker(name)


# ------------------------------------------------------------------------------------------------------------------
# Exit without Python's interpreter teardown. After the session (and pytest-qgis's exitQgis) has finished and the
# summary is printed, destroying the remaining Qt/QGIS wrappers in arbitrary order can segfault, which would turn a
# green run into a failed `make test`. The exit status is pytest's own. Set GW_NO_HARD_EXIT=1 to debug teardown.
# ------------------------------------------------------------------------------------------------------------------
_SESSION = {"status": 0}


def pytest_sessionfinish(session, exitstatus):
    _SESSION["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    if os.environ.get("GW_NO_HARD_EXIT") != "1":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_SESSION["status"])
