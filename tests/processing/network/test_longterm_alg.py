"""gwplugin:longtermlist through Processing on the GeoPackage of tests/core/network/test_longterm.py, the XLSX read
back; a year window; a database without flagged wells is one clear error."""

from __future__ import annotations

import openpyxl
import pytest

from gw_plugin.processing.provider import register_provider
from tests.core.network.test_longterm import db  # noqa: F401  (the fixture)
from tests.core.wells.test_aquifer_layers import make_wells_db


def test_workbook_written_and_read_back(db, tmp_path, qgis_processing):  # noqa: F811
    import processing

    register_provider()
    path, _ = db
    out = str(tmp_path / "list.xlsx")
    res = processing.run("gwplugin:longtermlist", {"DATABASE": path, "CITY": "示范市", "OUTPUT": out})
    assert res["OUTPUT"] == out and res["WELLS"] == 4 and res["ASSESSMENT_ROWS"] == 3 and res["FAILED"] == 1
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["浅层潜水", "深层承压水", "国家考核点位"]
    assert wb["浅层潜水"]["A1"].value.startswith("示范市")
    assert [c.value for c in wb["深层承压水"][4]][1] == "W04"
    res = processing.run(
        "gwplugin:longtermlist",
        {"DATABASE": path, "YEAR_FROM": 2024, "YEAR_TO": 2024, "OUTPUT": str(tmp_path / "y2024")},
    )
    assert res["OUTPUT"].endswith("y2024.xlsx") and res["ASSESSMENT_ROWS"] == 2 and res["FAILED"] == 0
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(res["OUTPUT"])["国家考核点位"].iter_rows(min_row=4)]
    assert [(r[1], r[6]) for r in rows] == [("W01", 2024), ("W04", 2024)]


def test_nothing_flagged_is_a_clear_error(tmp_path, qgis_processing):
    import processing
    from qgis.core import QgsProcessingException

    register_provider()
    path = str(tmp_path / "none.gpkg")
    make_wells_db(path, wells=[("W01", "410102", "national_project", "phreatic", "active", 0, 2, 35.0, "井")])
    with pytest.raises(QgsProcessingException, match="nothing to list"):
        processing.run("gwplugin:longtermlist", {"DATABASE": path, "OUTPUT": str(tmp_path / "x.xlsx")})
