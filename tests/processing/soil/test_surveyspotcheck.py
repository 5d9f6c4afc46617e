"""Survey quality spot checks at seed 001's shares (first phase ≥ 20 %, second ≥ 30 %) with the source spot checks'
sampler, on a real project GeoPackage: the sizes drawn, one per county, reproducibility for a seed, a second batch
drawn only from surveys not drawn before, the refusal of a share below the minimum, findings and shares reached."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import uuid

import pytest
from qgis.core import QgsProcessingException

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import stages as ST
from gw_plugin.core.soil import survey_qc as QC

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def db(tmp_path):
    """12 sites with a first-phase survey in 2024 (8 in county 419901, 4 in 419902); 7 of them with a second phase."""
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    ids = []
    for i in range(12):
        ids.append(str(uuid.uuid4()))
        con.execute(
            "INSERT INTO sites (uuid, county_code, site_code, name_zh) VALUES (?, ?, ?, ?)",
            (ids[-1], "419901" if i < 8 else "419902", f"DK-{i:02d}", f"地块{i}"),
        )
    con.close()
    for i, site in enumerate(ids):
        ST.add_stage(path, site, "phase1_survey", f"2024-0{1 + i % 6}-10", today=TODAY)
        if i < 7:
            ST.add_stage(path, site, "phase2_survey", "2024-09-01", today=TODAY)
    return path


@pytest.fixture
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


def run(**params):
    import processing

    return processing.run("gwplugin:surveyspotcheck", params)


def checks(path):
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT c.batch_id, c.survey_phase, s.county_code, c.stage_uuid, c.share_percent FROM survey_checks c "
            "JOIN sites s ON s.uuid = c.site_uuid ORDER BY c.stage_uuid"
        ).fetchall()
    finally:
        con.close()


def test_required_sizes():
    assert QC.required(12, 20) == 3  # ceil(2.4)
    assert QC.required(7, 30) == 3  # ceil(2.1)
    assert QC.required(10, 20) == 2 and QC.required(0, 20) == 0


def test_first_and_second_phase_shares(db, provider):
    res = run(DATABASE=db, PHASE=0, SEED=7, BATCH_ID="B1")
    assert (res["POPULATION"], res["DRAWN"], res["BATCH"]) == (12, 3, "B1")
    rows = checks(db)
    assert len(rows) == 3 and {r[1] for r in rows} == {"phase1_survey"} and {r[4] for r in rows} == {20.0}
    assert {r[2] for r in rows} == {"419901", "419902"}  # every county
    res = run(DATABASE=db, PHASE=1, SEED=7, BATCH_ID="B2")
    assert (res["POPULATION"], res["DRAWN"]) == (7, 3)
    reached = {(s.phase, s.year): s for s in QC.shares(db)}
    assert reached[("phase1_survey", "2024")].checked == 3 and reached[("phase1_survey", "2024")].met
    assert (
        reached[("phase2_survey", "2024")].percent == pytest.approx(300 / 7) and reached[("phase2_survey", "2024")].met
    )
    # a second first-phase batch draws from the 9 surveys not drawn yet
    res = run(DATABASE=db, PHASE=0, SEED=8, BATCH_ID="B3", SHARE=50)
    assert (res["POPULATION"], res["DRAWN"]) == (9, 5)
    assert len({r[3] for r in checks(db)}) == 11


def test_same_seed_same_batch(db, tmp_path, provider):
    copy = str(tmp_path / "copy.gpkg")
    shutil.copyfile(db, copy)
    run(DATABASE=db, PHASE=0, SEED=42, BATCH_ID="X")
    run(DATABASE=copy, PHASE=0, SEED=42, BATCH_ID="X")
    assert [r[3] for r in checks(db)] == [r[3] for r in checks(copy)]


def test_refusals(db, provider):
    with pytest.raises(QgsProcessingException, match="at least 20"):
        run(DATABASE=db, PHASE=0, SHARE=10)
    with pytest.raises(QgsProcessingException, match="at least 30"):
        run(DATABASE=db, PHASE=1, SHARE=25)
    run(DATABASE=db, PHASE=0, BATCH_ID="SAME")
    with pytest.raises(QgsProcessingException, match="recorded already"):
        run(DATABASE=db, PHASE=1, BATCH_ID="SAME")
    with pytest.raises(QgsProcessingException, match="no survey"):
        run(DATABASE=db, PHASE=0, YEAR=2020)


def test_findings(db, provider):
    run(DATABASE=db, PHASE=1, SEED=3, BATCH_ID="F")
    con = sqlite3.connect(db)
    first = con.execute("SELECT uuid FROM survey_checks ORDER BY uuid LIMIT 1").fetchone()[0]
    con.close()
    QC.record_finding(db, first, "rectify", "钻孔记录缺少岩芯照片", "张三", "2025-03-02")
    con = sqlite3.connect(db)
    assert con.execute(
        "SELECT result, findings, inspector, checked_on FROM survey_checks WHERE uuid = ?", (first,)
    ).fetchone() == ("rectify", "钻孔记录缺少岩芯照片", "张三", "2025-03-02")
    con.close()
    with pytest.raises(QC.SurveyCheckError):
        QC.record_finding(db, first, "ok")
    with pytest.raises(QC.SurveyCheckError):
        QC.record_finding(db, str(uuid.uuid4()), "pass")
