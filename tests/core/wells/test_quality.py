"""Latest GB/T 14848 class per well, written into monitoring_wells through gwplugin:updatewellquality."""

from __future__ import annotations

import sqlite3
import uuid

from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.processing.provider import register_provider


def _db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    ids = {c: str(uuid.uuid4()) for c in ("A", "B", "C")}
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for k, (code, u) in enumerate(ids.items()):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["well_code"], f["county_code"] = u, code, "419901"
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + 50 * k} 3850000)"))
        lyr.CreateFeature(f)
    ds = None
    con = sqlite3.connect(path)

    def sample(well, date, results):
        su = str(uuid.uuid4())
        con.execute(
            "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on) VALUES (?,?,?,?,?)",
            (su, "419901", ids[well], f"{well}{date}", date),
        )
        for p, text, num, nd, dl in results:
            con.execute(
                "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, value_num, "
                "unit, below_detection, detection_limit) VALUES (?,?,?,?,?,?,?,?,?)",
                (str(uuid.uuid4()), "419901", su, p, text, num, None, nd, dl),
            )

    # GB/T 14848-2017 Table 1: nitrate (as N) class III ≤ 20, IV ≤ 30 mg/L; Cr(VI) class III ≤ 0.05, IV ≤ 0.10 mg/L
    sample("A", "2022-03-01", [("硝酸盐", "35", 35.0, 0, None)])  # older: class V
    sample("A", "2024-03-01", [("硝酸盐", "25", 25.0, 0, None), ("铬（六价）", "0.004L", None, 1, 0.004)])  # IV
    sample("B", "2024-05-01", [("铬（六价）", "0.08", 0.08, 0, None), ("硝酸盐", "1.5", 1.5, 0, None)])  # IV by Cr6+
    con.commit()
    con.close()
    return path, ids


def test_updatewellquality(tmp_path, qgis_processing, validate):
    import processing

    register_provider()
    path, ids = _db(tmp_path)
    res = processing.run("gwplugin:updatewellquality", {"DATABASE": path})
    assert res["WELLS"] == 2
    con = sqlite3.connect(path)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT well_code, latest_class, latest_sampled_on, latest_governing FROM monitoring_wells"
        )
    }
    assert rows["A"] == (4, "2024-03-01", "硝酸盐")
    assert rows["B"] == (4, "2024-05-01", "铬（六价）")
    assert rows["C"] == (None, None, None)
    con.close()
    assert validate(path) == []
