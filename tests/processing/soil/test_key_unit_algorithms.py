"""The soil key supervised units' remaining duties as Processing algorithms, on a real project GeoPackage read back with
OGR and sqlite3: self-monitoring report spot checks drawn with the source spot checks' sampler (the same indices as
core/sources/spotcheck.py ``draw`` for the same population, share and seed), never a unit's report twice in a year,
re-sampling marked with its reason and recorded with its result; the demolition records checked (plan before the
works, summary after, documents kept); the source-control projects ledger counted exactly as the seed-001 indicator
counts it, against the shipped plan's target."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException

from gw_plugin.core.data import attachments, gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import hidden_dangers as HD
from gw_plugin.core.soil import key_units as K
from gw_plugin.core.sources import indicators, spotcheck

#: unit code → (industry category, listed on the soil key supervised units roster on …; None: not on the roster)
UNITS = {
    "E1": ("electroplating", "2023-03-01"),
    "E2": ("electroplating", "2023-05-01"),
    "E3": ("chemical", "2024-02-01"),
    "E4": ("chemical", "2024-11-30"),
    "E5": ("hazardous_waste", "2024-06-01"),
    "E6": ("chemical", "2025-03-01"),  # listed after 2024: no report of 2024 to draw
    "E7": ("chemical", None),  # not on the roster
}


@pytest.fixture
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    ids = {code: str(uuid.uuid4()) for code in UNITS}
    site = str(uuid.uuid4())
    con.execute(
        "INSERT INTO sites (uuid, county_code, site_code, name_zh, soil_exceedance) VALUES (?,?,?,?,?)",
        (site, "419901", "DK-1", "厂区", "exceeding"),
    )
    for code, (category, listed) in UNITS.items():
        con.execute(
            "INSERT INTO pollution_sources (uuid, county_code, source_code, name_zh, category, site_uuid) "
            "VALUES (?,?,?,?,?,?)",
            (
                ids[code],
                "419901" if code < "E4" else "419902",
                code,
                f"企业{code}",
                category,
                site if code == "E2" else None,
            ),
        )
        if listed:
            con.execute(
                "INSERT INTO roster_entries (uuid, county_code, source_uuid, roster, status, decided_on) "
                "VALUES (?,?,?,?,?,?)",
                (str(uuid.uuid4()), "419901", ids[code], "soil_key_supervised", "accepted", listed),
            )
    con.close()
    inv = HD.record_investigation(path, ids["E1"], "initial", "2023-06-01", "2023-09-01")
    HD.add_danger(path, inv, "电镀槽地面渗漏", "2023-08-01", "major", "2024-03-01")
    return path, ids


def rows(path):
    ds = ogr.Open(path)
    lyr = ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    return [{n: f.GetField(n) for n in names} for f in lyr]


def checks(path):
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT p.source_code, c.year, c.batch_id, c.resample_required, c.resample_reason, c.report_result, "
            "c.resample_result, c.findings FROM selfmon_checks c JOIN pollution_sources p ON p.uuid = c.source_uuid "
            "ORDER BY p.source_code, c.year"
        ).fetchall()
    finally:
        con.close()


def test_report_spot_checks_use_the_source_sampler_and_never_draw_twice(db, tmp_path, provider):
    import processing

    path, ids = db
    population = K.selfmon_population(path, 2024)
    assert [r["source_code"] for r in sorted(population, key=lambda r: r["source_code"])] == [
        "E1",
        "E2",
        "E3",
        "E4",
        "E5",
    ]
    expected = spotcheck.draw([r["source_uuid"] for r in population], [r["category"] for r in population], 20.0, 7)
    out = str(tmp_path / "drawn.gpkg")
    res = processing.run(
        "gwplugin:soilreportspotcheck",
        {"DATABASE": path, "YEAR": 2024, "SHARE": 20.0, "SEED": 7, "BATCH_ID": "ZXJC-2024-1", "OUTPUT": out},
    )
    drawn = rows(out)
    # ceil(20 % of 5) = 1, but one of each of the three industry categories first: 3, the sampler's own choice
    assert res["POPULATION"] == 5 and res["DRAWN"] == 3 == len(drawn)
    assert sorted(r["source_uuid"] for r in drawn) == sorted(population[i]["source_uuid"] for i in expected)
    assert {r["category"] for r in drawn} == {"electroplating", "chemical", "hazardous_waste"}
    for r in drawn:  # E1: a major hidden danger not rectified; E2: its site's soil exceeding
        assert r["resample_required"] == (1 if r["source_code"] in ("E1", "E2") else 0)
        if r["source_code"] == "E1":
            assert "重大隐患" in r["resample_reason"] or "major hidden danger" in r["resample_reason"]
    assert res["RESAMPLE"] == sum(r["resample_required"] for r in drawn)
    # the same batch id again is refused; the next batch of the year draws only from the two units left
    with pytest.raises(QgsProcessingException, match="recorded already"):
        processing.run(
            "gwplugin:soilreportspotcheck", {"DATABASE": path, "YEAR": 2024, "SEED": 1, "BATCH_ID": "ZXJC-2024-1"}
        )
    res2 = processing.run(
        "gwplugin:soilreportspotcheck",
        {"DATABASE": path, "YEAR": 2024, "SHARE": 100.0, "SEED": 3, "BATCH_ID": "ZXJC-2024-2"},
    )
    assert (res2["POPULATION"], res2["DRAWN"]) == (2, 2)
    by_unit: dict = {}
    for code, year, *_ in checks(path):
        by_unit[(code, year)] = by_unit.get((code, year), 0) + 1
    assert set(by_unit.values()) == {1} and {c for c, _ in by_unit} == {"E1", "E2", "E3", "E4", "E5"}
    with pytest.raises(QgsProcessingException, match="left to draw"):
        processing.run("gwplugin:soilreportspotcheck", {"DATABASE": path, "YEAR": 2024, "BATCH_ID": "ZXJC-2024-3"})
    # the core refuses a second draw of a unit's report of the year even when asked directly
    with pytest.raises(K.KeyUnitError, match="only once"):
        K.record_selfmon_batch(path, "ZXJC-2024-X", 2024, [ids["E3"]])
    # 2025: a new year, E6 listed in 2025 joins
    res3 = processing.run(
        "gwplugin:soilreportspotcheck",
        {"DATABASE": path, "YEAR": 2025, "SHARE": 5.0, "SEED": 11, "ALL_RESAMPLE": True, "BATCH_ID": "ZXJC-2025-1"},
    )
    assert res3["POPULATION"] == 6
    drawn25 = {code for code, year, *_ in checks(path) if year == 2025}
    assert {"E1", "E2"} <= drawn25  # every unit needing re-sampling, beyond the share


def test_recording_a_report_check_result(db, tmp_path, provider):
    import processing

    path, ids = db
    K.record_selfmon_batch(path, "ZXJC-2024-1", 2024, [ids["E1"], ids["E3"]], today=dt.date(2025, 2, 1))
    base = {"DATABASE": path, "BATCH_ID": "ZXJC-2024-1", "CHECKED_ON": "2025-03-01"}
    with pytest.raises(QgsProcessingException, match="re-sampling"):
        processing.run("gwplugin:soilreportcheckresult", dict(base, SOURCE_CODE="E1", RESULT=1))
    processing.run(
        "gwplugin:soilreportcheckresult",
        dict(base, SOURCE_CODE="E1", RESULT=1, RESAMPLE_RESULT=2, RESAMPLED_ON="2025-03-05", FINDINGS="自测数据偏低"),
    )
    processing.run("gwplugin:soilreportcheckresult", dict(base, SOURCE_CODE="E3", RESULT=0))
    with pytest.raises(QgsProcessingException, match="not drawn"):
        processing.run("gwplugin:soilreportcheckresult", dict(base, SOURCE_CODE="E5", RESULT=0))
    with pytest.raises(QgsProcessingException, match="not a date"):
        processing.run("gwplugin:soilreportcheckresult", dict(base, SOURCE_CODE="E3", RESULT=0, CHECKED_ON="3/1"))
    got = {r[0]: r[5:] for r in checks(path)}
    assert got == {"E1": ("rectify", "inconsistent", "自测数据偏低"), "E3": ("pass", None, None)}


def test_demolition_records(db, tmp_path, provider):
    import processing

    path, ids = db
    con = open_db(path)
    demolitions = {}
    for code, facility, plan, start, finish, summary in (
        ("E1", "电镀车间", "2024-03-01", "2024-02-20", "2024-05-01", None),  # plan late, no summary
        ("E2", "废水池", "2024-01-05", "2024-02-01", "2024-04-01", "2024-04-20"),  # in order, documents kept
        ("E3", "储罐", None, "2024-06-01", None, None),  # no plan
        ("E4", "仓库", "2024-01-05", "2024-02-01", "2024-04-01", "2024-03-20"),  # summary before the end
    ):
        demolitions[code] = str(uuid.uuid4())
        con.execute(
            "INSERT INTO demolitions (uuid, county_code, source_uuid, facility, plan_filed_on, started_on, "
            "finished_on, summary_filed_on) VALUES (?,?,?,?,?,?,?,?)",
            (demolitions[code], "419901", ids[code], facility, plan, start, finish, summary),
        )
    con.close()
    plan = tmp_path / "拆除方案.pdf"
    plan.write_bytes(b"%PDF-1.4 plan with emergency measures")
    attachments.add_attachment(path, "demolitions", demolitions["E2"], str(plan), kind="document")
    out = str(tmp_path / "demolitions.gpkg")
    res = processing.run("gwplugin:demolitionrecords", {"DATABASE": path, "OUTPUT": out})
    got = {r["source_code"]: r for r in rows(out)}
    assert (res["RECORDS"], res["WITH_PROBLEMS"]) == (4, 3)
    assert got["E1"]["problem_codes"] == "plan_after_start, no_summary, no_documents"
    assert got["E2"]["problem_codes"] is None and got["E2"]["documents"] == 1
    assert got["E3"]["problem_codes"] == "no_plan"  # nothing filed: no document expected yet
    assert got["E4"]["problem_codes"] == "summary_before_finish, no_documents"
    only = str(tmp_path / "problems.gpkg")
    processing.run("gwplugin:demolitionrecords", {"DATABASE": path, "PROBLEMS_ONLY": True, "OUTPUT": only})
    assert sorted(r["source_code"] for r in rows(only)) == ["E1", "E3", "E4"]


def test_source_control_ledger_counts_as_the_indicator(db, tmp_path, provider):
    import processing

    path, ids = db
    con = open_db(path)
    for code, name, status, start, finish in (
        ("E1", "电镀废水源头管控", "planned", None, None),
        ("E2", "电镀线绿色化改造", "in_progress", "2024-03-01", None),
        ("E3", "罐区防渗改造", "completed", "2023-05-01", "2024-01-10"),
        ("E3", "管线架空改造", "accepted", "2024-02-01", "2024-09-01"),  # the same enterprise counts once
        ("E4", "池体防渗", "in_progress", "2025-09-01", None),  # started after the date asked
    ):
        con.execute(
            "INSERT INTO source_control_projects (uuid, county_code, source_uuid, name_zh, status, started_on, "
            "finished_on) VALUES (?,?,?,?,?,?,?)",
            (str(uuid.uuid4()), "419901", ids[code], name, status, start, finish),
        )
    con.close()
    out = str(tmp_path / "projects.gpkg")
    res = processing.run("gwplugin:sourcecontrolprojects", {"DATABASE": path, "AS_OF": "2025-06-30", "OUTPUT": out})
    assert (res["PROJECTS"], res["ENTERPRISES"], res["TARGET"], res["TARGET_MET"]) == (5, 2, 3, 0)
    got = {r["project"]: r for r in rows(out)}
    assert got["罐区防渗改造"]["counted"] == 1 and got["电镀废水源头管控"]["counted"] == 0
    assert got["池体防渗"]["counted"] == 0 and got["电镀线绿色化改造"]["status"] == "in_progress"
    # the indicator of the shipped plan counts the same enterprises on the same day
    plan = indicators.load_plan("zhengzhou_soil_2022")
    report = indicators.compute(path, plan, dt.date(2025, 6, 30))
    (city,) = [
        r for r in report.results if r.indicator_id == "zs_source_control_projects" and r.area_code == report.city_code
    ]
    assert city.value == res["ENTERPRISES"] and city.target == res["TARGET"]
    later = processing.run(
        "gwplugin:sourcecontrolprojects", {"DATABASE": path, "AS_OF": "2025-10-01", "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert (later["ENTERPRISES"], later["TARGET_MET"]) == (3, 1)
    with pytest.raises(QgsProcessingException, match="not a date"):
        processing.run(
            "gwplugin:sourcecontrolprojects", {"DATABASE": path, "AS_OF": "30.6.2025", "OUTPUT": "TEMPORARY_OUTPUT"}
        )


def test_screening_for_soil_key_units(db, tmp_path, provider):
    import processing

    path, ids = db
    con = open_db(path)
    con.execute(
        "INSERT INTO inspections (uuid, county_code, source_uuid, kind, inspected_on, result) VALUES (?,?,?,?,?,?)",
        (str(uuid.uuid4()), "419901", ids["E7"], "spot_check", "2025-01-10", "serious"),
    )
    con.close()
    out = str(tmp_path / "matched.gpkg")
    params = {"DATABASE": path, "AS_OF": "2025-06-30", "PROPOSE": False, "OUTPUT": out}
    res = processing.run("gwplugin:screensoilkeyunits", params)
    got = {r["source_code"]: r for r in rows(out)}
    # E1: electroplating with a major hidden danger open; E2: its site's soil exceeding; E7: a serious issue found
    assert (res["MATCHED"], res["PROPOSED"]) == (3, 0) and set(got) == {"E1", "E2", "E7"}
    assert got["E1"]["rules"] == "toxic_substances_hidden_danger" and got["E1"]["entry_status"] == "accepted"
    assert got["E7"]["entry_status"] is None
    res = processing.run("gwplugin:screensoilkeyunits", dict(params, PROPOSE=True, OUTPUT="TEMPORARY_OUTPUT"))
    assert res["PROPOSED"] == 1  # only E7: E1 and E2 are on the roster already
    con = sqlite3.connect(path)
    (status,) = con.execute(
        "SELECT status FROM roster_entries WHERE source_uuid = ? AND roster = 'soil_key_supervised'", (ids["E7"],)
    ).fetchone()
    con.close()
    assert status == "proposed"
    with pytest.raises(QgsProcessingException, match="Cannot read"):
        processing.run("gwplugin:screensoilkeyunits", dict(params, RULES=str(tmp_path / "missing.json")))
