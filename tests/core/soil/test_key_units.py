"""The key supervised units' self-monitoring report spot checks (re-sampling where the seed asks for it: a major
hidden danger not rectified, the unit's site exceeding, soil above the screening value at its surrounding points),
demolition records and the source-control projects ledger, on a real project GeoPackage."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import hidden_dangers as HD
from gw_plugin.core.soil import key_units as K

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    ids = {code: str(uuid.uuid4()) for code in ("E1", "E2", "E3", "E4")}
    site = str(uuid.uuid4())
    con.execute(
        "INSERT INTO sites (uuid, county_code, site_code, name_zh, gw_exceedance) VALUES (?,?,?,?,?)",
        (site, "419901", "DK-1", "厂区", "exceeding"),
    )
    for code, u in ids.items():
        con.execute(
            "INSERT INTO pollution_sources (uuid, county_code, source_code, name_zh, category, site_uuid) "
            "VALUES (?,?,?,?,?,?)",
            (u, "419901", code, f"企业{code}", "electroplating", site if code == "E2" else None),
        )
    # E3: a surrounding point with 六价铬 8 mg/kg (class 2 screening value 5.7) and 铅 100 (below 800)
    point, sample = str(uuid.uuid4()), str(uuid.uuid4())
    con.execute(
        "INSERT INTO soil_points (uuid, county_code, source_uuid, point_code, kind) VALUES (?,?,?,?,?)",
        (point, "419901", ids["E3"], "E3-Z1", "surrounding"),
    )
    con.execute(
        "INSERT INTO soil_samples (uuid, county_code, point_uuid, sample_code) VALUES (?,?,?,?)",
        (sample, "419901", point, "E3-Z1-0.2"),
    )
    for parameter, value in (("六价铬", "8"), ("铅", "100")):
        con.execute(
            "INSERT INTO soil_results (uuid, county_code, sample_uuid, parameter, value_text, unit) "
            "VALUES (?,?,?,?,?,?)",
            (str(uuid.uuid4()), "419901", sample, parameter, value, "mg/kg"),
        )
    con.execute(
        "INSERT INTO demolitions (uuid, county_code, source_uuid, facility, plan_filed_on, started_on, "
        "finished_on, summary_filed_on) VALUES (?,?,?,?,?,?,?,?)",
        (str(uuid.uuid4()), "419901", ids["E1"], "电镀车间", "2024-03-01", "2024-02-20", "2024-05-01", None),
    )
    con.execute(
        "INSERT INTO demolitions (uuid, county_code, source_uuid, facility, plan_filed_on, started_on, "
        "finished_on, summary_filed_on) VALUES (?,?,?,?,?,?,?,?)",
        (str(uuid.uuid4()), "419901", ids["E4"], "废水池", "2024-01-05", "2024-02-01", "2024-04-01", "2024-04-20"),
    )
    con.execute(
        "INSERT INTO demolitions (uuid, county_code, source_uuid, facility, started_on) VALUES (?,?,?,?,?)",
        (str(uuid.uuid4()), "419901", ids["E2"], "储罐", "2024-06-01"),
    )
    for k, status in enumerate(("planned", "in_progress", "completed", "completed")):
        con.execute(
            "INSERT INTO source_control_projects (uuid, county_code, source_uuid, name_zh, status) VALUES (?,?,?,?,?)",
            (str(uuid.uuid4()), "419901" if k < 3 else "419902", ids["E1"], f"源头管控项目{k}", status),
        )
    con.close()
    inv = HD.record_investigation(path, ids["E1"], "initial", "2024-01-01", "2024-02-01")
    HD.add_danger(path, inv, "电镀槽地面渗漏", "2024-01-20", "major", "2024-06-30")
    HD.add_danger(path, inv, "标识缺失", "2024-01-20", "general", "2024-06-30")
    return path, ids


def test_resample_reasons(db):
    path, ids = db
    assert K.surrounding_exceedances(path) == {ids["E3"]: ["铬（六价）"]}
    reasons = K.resample_reasons(path)
    assert set(reasons) == {ids["E1"], ids["E2"], ids["E3"]}
    assert "重大隐患" in reasons[ids["E1"]][0]
    assert reasons[ids["E2"]] == ("所在地块地下水超标", "its site's groundwater exceeding")
    assert "铬（六价）" in reasons[ids["E3"]][0]


def test_selfmon_batch_and_results(db):
    path, ids = db
    made = K.record_selfmon_batch(path, "ZXJC-2024", 2024, [ids["E1"], ids["E4"]], today=TODAY)
    con = sqlite3.connect(path)
    rows = dict(con.execute("SELECT source_uuid, resample_required FROM selfmon_checks"))
    con.close()
    assert rows == {ids["E1"]: 1, ids["E4"]: 0}
    e1, e4 = made
    with pytest.raises(K.KeyUnitError, match="re-sampling"):
        K.record_selfmon_result(path, e1, "rectify", "2025-03-01")
    K.record_selfmon_result(path, e1, "rectify", "2025-03-01", "inconsistent", "2025-03-05", "自测数据偏低")
    K.record_selfmon_result(path, e4, "pass", "2025-03-02")
    with pytest.raises(K.KeyUnitError, match="recorded already"):
        K.record_selfmon_batch(path, "ZXJC-2024", 2024, [ids["E3"]])
    with pytest.raises(K.KeyUnitError, match="check result"):
        K.record_selfmon_result(path, e4, "ok", "2025-03-02")
    # a rectified major danger no longer asks for re-sampling
    (major,) = [r for r in HD.ledger(path, TODAY) if r["level"] == "major"]
    HD.rectify(path, major["uuid"], "2025-01-10")
    assert ids["E1"] not in K.resample_reasons(path)


def test_demolitions_and_projects(db):
    path, ids = db
    problems = sorted((p.source_code, p.code) for p in K.demolition_problems(path))
    assert problems == [("E1", "no_summary"), ("E1", "plan_after_start"), ("E2", "no_plan")]
    summary = K.source_control_summary(path)
    assert summary["total"] == {"planned": 1, "in_progress": 1, "completed": 2}
    assert summary[("419902", "completed")] == 1
