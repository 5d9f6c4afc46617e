"""Site ledger import (issue 19 item 1): construction-land sites through the same ledger import as the other ledgers —
headers recognised, codes from their Chinese words (不超标 is not exceeding), the county from coordinates or from the
county column, no boundary invented for a new site, an existing site's boundary kept, a re-import updating instead of
duplicating, a bad land class refusing the whole file; and through gwplugin:importledger (TABLE 6)."""

from __future__ import annotations

import sqlite3

import pytest
from osgeo import ogr

from gw_plugin.core.data import tabular
from gw_plugin.core.sources import ledgers

from .test_ledgers import _csv, db  # noqa: F401  (the fixture: a city with counties 419901 东县 and 419902 西县)

HEAD = ["地块编号", "地块名称", "地块状态", "规划用地类别", "土壤超筛选值", "地下水超标", "特征污染物", "占地面积", "县区",
        "经度", "纬度"]  # fmt: skip
ROWS = [
    ["DK-1", "原化工厂地块", "关闭搬迁地块", "1", "超标", "不超标", "苯、三氯乙烯", "12000", "", "113.95", "34.7"],
    ["DK-2", "电镀厂地块", "在产企业用地", "2", "不超标", "未调查", "六价铬", "", "西县", "", ""],
]


def _sites(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT site_code, name_zh, county_code, site_status, planned_land_class, soil_exceedance, "
                "gw_exceedance, area_m2, geom IS NULL FROM sites"
            )
        }
    finally:
        con.close()


def _import(path, csv_path, accept=False):
    table = tabular.read_table(csv_path)
    mapping = ledgers.guess(table, "sites")
    rep = ledgers.validate(table, path, mapping)
    return mapping, rep, (ledgers.write(rep, path, accept) if not rep.bad_rows or accept else None)


def test_site_ledger_round_trip(db, tmp_path):  # noqa: F811
    assert "sites" in ledgers.TARGETS and ledgers.TARGETS[-1] == "sites"  # appended: the algorithm's order is kept
    mapping, rep, _ = _import(db, _csv(tmp_path, [HEAD, *ROWS]))
    assert set(mapping.columns) >= {"site_code", "name_zh", "site_status", "planned_land_class", "soil_exceedance",
                                    "gw_exceedance", "characteristic_pollutants", "area_m2", "county", "lon", "lat"}  # fmt: skip
    assert rep.inserted == 2 and not rep.bad_rows
    # a new site has no boundary: the report says so for each
    assert sum(i.code == "no_boundary" for i in rep.issues) == 2
    got = _sites(db)
    # 113.95°E 34.7°N is about x = 495 400 in EPSG:4547: 东县 (x 480 000-500 000); the county column places DK-2
    assert got["DK-1"][1] == "419901"
    assert got["DK-1"][2:] == ("closed", 1, "exceeding", "not_exceeding", 12000.0, 1)
    assert got["DK-2"] == ("电镀厂地块", "419902", "operating", 2, "not_exceeding", "unknown", None, 1)

    # the boundary is drawn afterwards; an updated ledger changes the status and keeps the boundary
    ds = ogr.Open(db, 1)
    lyr = ds.GetLayerByName("sites")
    lyr.SetAttributeFilter("site_code = 'DK-2'")
    f = lyr.GetNextFeature()
    f.SetGeometry(ogr.CreateGeometryFromWkt("MULTIPOLYGON (((501000 3830000, 501200 3830000, 501200 3830150, "
                                            "501000 3830000)))"))  # fmt: skip
    lyr.SetFeature(f)
    f = lyr = ds = None
    rows = [ROWS[0], ["DK-2", "电镀厂地块", "再开发利用", "1", "超标", "未调查", "六价铬", "", "西县", "", ""]]
    _, rep, _ = _import(db, _csv(tmp_path, [HEAD, *rows], "updated.csv"))
    assert (rep.inserted, rep.updated, rep.unchanged) == (0, 1, 1)
    changes = next(r.changes for r in rep.rows if r.values["site_code"] == "DK-2")
    assert changes == {"site_status": ("operating", "redeveloping"), "planned_land_class": (2, 1),
                       "soil_exceedance": ("not_exceeding", "exceeding")}  # fmt: skip
    got = _sites(db)
    assert len(got) == 2
    assert got["DK-2"][2:] == ("redeveloping", 1, "exceeding", "unknown", None, 0)  # the boundary is kept


def test_bad_site_ledger_writes_nothing(db, tmp_path):  # noqa: F811
    rows = [ROWS[0], ["DK-3", "某地块", "关闭搬迁地块", "3", "超标", "", "", "", "西县", "", ""],
            ["DK-4", "无县区地块", "", "", "", "", "", "", "", "", ""]]  # fmt: skip
    _, rep, _ = _import(db, _csv(tmp_path, [HEAD, *rows]))
    codes = {(i.row, i.code) for i in rep.issues if i.severity == "error"}
    assert codes == {(3, "out_of_range"), (4, "no_location")}
    with pytest.raises(ledgers.LedgerRefusedError):
        ledgers.write(rep, db)
    assert _sites(db) == {}


def test_site_ledger_through_the_algorithm(db, tmp_path, qgis_processing):  # noqa: F811
    import processing

    from gw_plugin.processing.provider import register_provider

    register_provider()
    path = _csv(tmp_path, [HEAD, *ROWS])
    res = processing.run("gwplugin:importledger", {"INPUT": path, "DATABASE": db, "TABLE": 6})
    assert (res["INSERTED"], res["ERRORS"]) == (2, 0)
    res = processing.run("gwplugin:importledger", {"INPUT": path, "DATABASE": db, "TABLE": 6})
    assert (res["INSERTED"], res["UPDATED"]) == (0, 0)
    assert set(_sites(db)) == {"DK-1", "DK-2"}
