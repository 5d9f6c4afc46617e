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
