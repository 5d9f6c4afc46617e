"""gwplugin:hiddendangers on a real project GeoPackage: the status of each soil key supervised unit as of a date and
the rectification ledger, read back with OGR."""

from __future__ import annotations

import uuid

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import hidden_dangers as HD


@pytest.fixture
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    ids = {}
    for code, listed in (("E1", "2023-03-01"), ("E2", "2024-08-01")):
        ids[code] = str(uuid.uuid4())
        con.execute(
            "INSERT INTO pollution_sources (uuid, county_code, source_code, name_zh, category) VALUES (?,?,?,?,?)",
            (ids[code], "419901", code, f"企业{code}", "chemical"),
        )
        con.execute(
            "INSERT INTO roster_entries (uuid, county_code, source_uuid, roster, status, decided_on) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), "419901", ids[code], "soil_key_supervised", "accepted", listed),
        )
    con.execute(
        "INSERT INTO demolitions (uuid, county_code, source_uuid, facility, started_on) VALUES (?, ?, ?, ?, ?)",
        (str(uuid.uuid4()), "419901", ids["E2"], "储罐", "2025-01-01"),
    )
    con.close()
    inv = HD.record_investigation(path, ids["E1"], "initial", "2023-06-01", "2023-09-01")
    HD.add_danger(path, inv, "管线跑冒滴漏", "2023-08-01", "major", "2024-03-01")
    return path


def rows(path):
    ds = ogr.Open(path)  # keep the data source alive while its layer is read
    lyr = ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    return [{n: f.GetField(n) for n in names} for f in lyr]


def test_units_and_ledger(db, tmp_path, provider):
    import processing

    out, ledger = str(tmp_path / "units.gpkg"), str(tmp_path / "ledger.gpkg")
    res = processing.run(
        "gwplugin:hiddendangers", {"DATABASE": db, "AS_OF": "2025-09-01", "OUTPUT": out, "LEDGER": ledger}
    )
    assert (res["UNITS"], res["OVERDUE"]) == (2, 1)
    units = {r["source_code"]: r for r in rows(out)}
    assert units["E1"]["status"] == "on_time" and units["E1"]["deadline"] == "2024-03-01"
    assert units["E1"]["overdue_dangers"] == 1
    assert units["E1"]["resample_reason"] == "存在未整改的重大隐患" and units["E2"]["resample_reason"] is None
    assert units["E2"]["demolition_problems"] == "储罐: 已开工但土壤污染防治工作方案未备案"
    assert units["E1"]["demolition_problems"] is None
    assert units["E2"]["status"] == "overdue" and units["E2"]["deadline"] == "2025-08-01"
    (danger,) = rows(ledger)
    assert danger["state"] == "overdue" and danger["source_code"] == "E1"


def test_bad_date_is_one_sentence(db, tmp_path, provider):
    import processing

    with pytest.raises(QgsProcessingException, match="not a date"):
        processing.run("gwplugin:hiddendangers", {"DATABASE": db, "AS_OF": "June", "OUTPUT": str(tmp_path / "o.gpkg")})
