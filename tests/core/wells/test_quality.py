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


def _add(path, well_uuid, date, results, parallel_of=None):
    con = sqlite3.connect(path)
    su = str(uuid.uuid4())
    con.execute(
        "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on, parallel_of) VALUES (?,?,?,?,?,?)",
        (su, "419901", well_uuid, f"S{date}{su[:4]}", date, parallel_of),
    )
    for p, text, num, nd, dl, q in results:
        con.execute(
            "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, value_num, unit, "
            "below_detection, detection_limit, qualifier) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (str(uuid.uuid4()), "419901", su, p, text, num, None, nd, dl, q),
        )
    con.commit()
    con.close()
    return su


def test_current_class_rests_on_each_indicators_latest_value_in_the_window(tmp_path):
    from gw_plugin.core.wells import quality

    path, ids = _db(tmp_path)
    # B: the latest visit measured only pH (class I); the class IV Cr(VI) of two months before still governs
    _add(path, ids["B"], "2024-07-01", [("pH", "7.2", 7.2, 0, None, None)])
    # C: total coliforms ">100" is above 100 → V (GB/T 14848-2017 Table 1: IV ≤ 100 MPN/100mL); a parallel sample
    # with 300 does not enter; nitrate 35 (V) of 2022 is outside the one-year window of 2024-06-01
    s = _add(path, ids["C"], "2024-06-01", [("总大肠菌群", ">100", 100.0, 0, None, ">")])
    _add(path, ids["C"], "2024-06-01", [("硝酸盐", "35", 35.0, 0, None, None)], parallel_of=s)
    _add(path, ids["C"], "2022-01-01", [("硝酸盐", "35", 35.0, 0, None, None)])
    assert quality.update_current_class(path) == 3
    con = sqlite3.connect(path)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT well_code, latest_class, latest_sampled_on, latest_governing, latest_n_indicators "
            "FROM monitoring_wells"
        )
    }
    con.close()
    assert rows["B"] == (4, "2024-07-01", "铬（六价）", 3)
    assert rows["C"] == (5, "2024-06-01", "总大肠菌群", 1)
    # A window of three years takes 2022's nitrate in as well (its latest value in the window is 2022's 35 → V)
    assert quality.update_current_class(path, window_days=3 * 366) == 3
    con = sqlite3.connect(path)
    assert con.execute(
        "SELECT latest_class, latest_governing FROM monitoring_wells WHERE well_code = 'C'"
    ).fetchone() == (
        5,
        "总大肠菌群; 硝酸盐",
    )
    con.close()


def test_updatewellquality_window_parameter(tmp_path, qgis_processing):
    import processing

    register_provider()
    path, ids = _db(tmp_path)
    # A: nitrate 35 (V) on 2022-03-01, 25 (IV) on 2024-03-01; a window of 3 years still takes only the latest
    # nitrate (IV); B's class IV Cr(VI) stays; a window of 0 days keeps only each well's latest day
    _add(path, ids["A"], "2024-03-20", [("pH", "9.5", 9.5, 0, None, None)])  # pH > 9.0 → V (Table 1)
    res = processing.run("gwplugin:updatewellquality", {"DATABASE": path, "WINDOW_DAYS": 0})
    assert res["WELLS"] == 2
    con = sqlite3.connect(path)
    a = con.execute(
        "SELECT latest_class, latest_governing, latest_n_indicators FROM monitoring_wells WHERE well_code='A'"
    )
    assert a.fetchone() == (5, "pH", 1)
    con.close()
    processing.run("gwplugin:updatewellquality", {"DATABASE": path, "WINDOW_DAYS": 30})
    con = sqlite3.connect(path)
    a = con.execute(
        "SELECT latest_class, latest_governing, latest_n_indicators FROM monitoring_wells WHERE well_code='A'"
    )
    assert a.fetchone() == (5, "pH", 3)  # pH, nitrate 25 (IV) and Cr(VI) ND of 2024-03-01 within 30 days
    con.close()
