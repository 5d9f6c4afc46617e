"""gwplugin:trend and gwplugin:nitraterisk on a real project GeoPackage."""

from __future__ import annotations

import sqlite3
import uuid

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsVectorLayer

from gw_plugin.core.data import gpkg
from gw_plugin.core.wells import health_risk as hr
from gw_plugin.processing.provider import register_provider


@pytest.fixture(scope="module")
def db(tmp_path_factory, qgis_processing):
    register_provider()
    path = str(tmp_path_factory.mktemp("trend") / "city.gpkg")
    gpkg.create_database(path)
    wells = {"rising": str(uuid.uuid4()), "flat": str(uuid.uuid4()), "few": str(uuid.uuid4())}
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for k, (code, u) in enumerate(wells.items()):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["well_code"], f["county_code"] = u, code, "419901"
        f["well_type"], f["aquifer_layer"], f["status"] = "status_survey", "phreatic", "active"
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + 1000 * k} 3850000)"))
        lyr.CreateFeature(f)
    ds = None
    con = sqlite3.connect(path)
    rng = np.random.default_rng(5)
    for code, u in wells.items():
        n = 3 if code == "few" else 20
        for q in range(n):
            year, quarter = 2020 + q // 4, q % 4
            su = str(uuid.uuid4())
            con.execute(
                "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on) VALUES (?,?,?,?,?)",
                (su, "419901", u, f"{code}-{q}", f"{year}-{3 * quarter + 2:02d}-15"),
            )
            if code == "rising":
                v = 10 + 2.0 * q / 4 + rng.normal(0, 0.2)
            else:
                v = 5 + rng.normal(0, 0.5)
            nd = code == "flat" and q == 0
            con.execute(
                "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, value_num, unit,"
                " below_detection, detection_limit) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    str(uuid.uuid4()),
                    "419901",
                    su,
                    "硝酸盐",
                    "0.2L" if nd else f"{v:.2f}",
                    None if nd else round(v, 2),
                    "mg/L",
                    1 if nd else 0,
                    0.2 if nd else None,
                ),
            )
    con.commit()
    con.close()
    return path, wells


def _features(path):
    layer = QgsVectorLayer(path, "out", "ogr")
    return {f["well_code"]: f for f in layer.getFeatures()}


def test_trend_flags_the_rising_well(db, tmp_path):
    import processing

    path, wells = db
    out = str(tmp_path / "trend.gpkg")
    processing.run("gwplugin:trend", {"DATABASE": path, "PARAMETER": "NO3-N", "OUTPUT": out})  # an alias
    feats = _features(out)
    assert feats["rising"]["trend"] == "increasing" and feats["rising"]["rising_significant"]
    assert feats["rising"]["sen_slope_per_year"] == pytest.approx(2.0, abs=0.3)
    assert not feats["flat"]["rising_significant"]
    assert feats["flat"]["non_detects"] == 1 and feats["flat"]["n_censored"] == 1
    assert feats["flat"]["censor_level"] == 0.2 and "0.2" in feats["flat"]["note"]
    assert feats["few"]["trend"] == "insufficient data"
    assert feats["rising"]["well_uuid"] == wells["rising"]


def test_nitrate_risk_latest_and_custom_exposure(db, tmp_path):
    import processing

    path, _ = db
    out = str(tmp_path / "risk.gpkg")
    processing.run("gwplugin:nitraterisk", {"DATABASE": path, "PARAMETER": "nitrate-N", "OUTPUT": out})
    f = _features(out)["rising"]
    con = sqlite3.connect(path)
    latest = con.execute(
        "SELECT r.value_num FROM sample_results r JOIN samples s ON s.uuid = r.sample_uuid "
        "WHERE s.sample_code = 'rising-19'"
    ).fetchone()[0]
    assert f["nitrate_n_mg_l"] == pytest.approx(latest)
    assert f["hq_child"] == pytest.approx(hr.hazard_quotient(latest, hr.CHILD))
    assert f["hq_adult"] == pytest.approx(hr.hazard_quotient(latest, hr.ADULT))
    assert "RfD=1.6" in f["exposure"]
    out2 = str(tmp_path / "risk2.gpkg")
    processing.run("gwplugin:nitraterisk", {"DATABASE": path, "STATISTIC": 1, "BW_CHILD": 10.0, "OUTPUT": out2})
    g = _features(out2)["flat"]
    assert g["statistic"] == "mean" and g["n"] == 20
    custom_child = hr.Exposure("child", 10.0, 0.7, 350, 6)
    assert g["hq_child"] == pytest.approx(hr.hazard_quotient(g["nitrate_n_mg_l"], custom_child))
