"""A site taken through every stage of its life on a real project GeoPackage: the order, the list rules and the
dates are enforced, sites.stage follows, documents attached to a stage show in the timeline, and the Sites list."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest

from gw_plugin.core.data import attachments, gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.data.tables_sources import SITE_STAGES
from gw_plugin.core.soil import stages as ST

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    with con:
        con.execute(
            "INSERT INTO admin_units (uuid, county_code, code, name_zh, level) VALUES (?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), "419901", "419901", "东区", "county"),
        )
        for code, name in (("DK-001", "原化工厂地块"), ("DK-002", "原电镀厂地块")):
            con.execute(
                "INSERT INTO sites (uuid, county_code, site_code, name_zh, planned_land_class) VALUES (?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), "419901", code, name, 1),
            )
    uuids = dict(con.execute("SELECT site_code, uuid FROM sites"))
    con.close()
    return path, uuids


def site_stage(path, site):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT stage FROM sites WHERE uuid = ?", (site,)).fetchone()[0]
    finally:
        con.close()


def test_stage_labels_follow_the_schema_order():
    assert tuple(s.code for s in ST.STAGES) == SITE_STAGES
    assert ST.stage_label("control_list", "zh") == "列入风险管控和修复名录"
    assert ST.stage_label("delisted", "en") == "Off the list"


def test_a_site_through_every_stage(db, tmp_path):
    path, uuids = db
    site = uuids["DK-001"]
    days = ["2023-01-10", "2023-04-02", "2023-08-15", "2023-10-01", "2024-03-01", "2024-11-20", "2025-02-01"]
    for code, day in zip(SITE_STAGES, days):
        ST.add_stage(path, site, code, day, organisation="某环境公司", user="tester", today=TODAY)
        assert site_stage(path, site) == code
    timeline = ST.history(path, site)
    assert [r["stage"] for r in timeline] == list(SITE_STAGES)
    assert [r["started_on"] for r in timeline] == days
    # documents of a stage are attachments of its site_stages row
    report = tmp_path / "effect_report.pdf"
    report.write_bytes(b"%PDF-1.4 effect assessment report")
    effect = timeline[5]["uuid"]
    attachments.add_attachment(path, "site_stages", effect, str(report), kind="report", caption="效果评估报告")
    assert ST.history(path, site)[5]["attachments"] == 1
    listed = {r["site_code"]: r for r in ST.sites(path)}
    assert listed["DK-001"]["stage"] == "delisted" and listed["DK-001"]["stages"] == 7
    assert listed["DK-001"]["last_date"] == "2025-02-01" and listed["DK-001"]["county_name"] == "东区"
    assert listed["DK-002"]["stage"] is None and listed["DK-002"]["stages"] == 0
    # the rows carry the site's county and their creator
    con = sqlite3.connect(path)
    assert set(con.execute("SELECT county_code, created_by FROM site_stages")) == {("419901", "tester")}
    con.close()


def test_rules_of_a_new_stage(db):
    path, uuids = db
    site = uuids["DK-002"]
    with pytest.raises(ST.StageError, match="list"):
        ST.add_stage(path, site, "works", "2024-01-01", today=TODAY)
    ST.add_stage(path, site, "phase2_survey", "2024-01-01", today=TODAY)  # skipping forward is allowed
    with pytest.raises(ST.StageError, match="forward"):
        ST.add_stage(path, site, "phase1_survey", "2024-02-01", today=TODAY)
    with pytest.raises(ST.StageError, match="before the start"):
        ST.add_stage(path, site, "risk_assessment", "2023-12-01", today=TODAY)
    with pytest.raises(ST.StageError, match="future"):
        ST.add_stage(path, site, "risk_assessment", "2025-07-01", today=TODAY)
    with pytest.raises(ST.StageError, match="finish before"):
        ST.add_stage(path, site, "risk_assessment", "2024-03-01", finished_on="2024-02-01", today=TODAY)
    with pytest.raises(ST.StageError, match="not a date"):
        ST.add_stage(path, site, "risk_assessment", "March", today=TODAY)
    ST.add_stage(path, site, "control_list", "2024-03-01", today=TODAY)
    with pytest.raises(ST.StageError, match="effect assessment"):
        ST.add_stage(path, site, "delisted", "2024-05-01", today=TODAY)
    with pytest.raises(ST.StageError, match="no site"):
        ST.add_stage(path, str(uuid.uuid4()), "phase1_survey", "2024-05-01", today=TODAY)
    # refused stages left nothing behind
    assert [r["stage"] for r in ST.history(path, site)] == ["phase2_survey", "control_list"]
    assert site_stage(path, site) == "control_list"
