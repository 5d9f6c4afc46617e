"""The soil key supervised units' inclusion criteria (seed 001 二(一)1) as editable data rules, on a real project
GeoPackage: each shipped rule matches the unit it describes and nothing else, proposals never touch an entry already
on the roster, an edited copy of the rules changes the outcome, and a broken file is refused in one sentence
(gwplugin:screensoilkeyunits: tests/processing/soil/test_key_unit_algorithms.py)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid

import pytest

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import hidden_dangers as HD
from gw_plugin.core.soil import soil_roster as SR

TODAY = dt.date(2025, 6, 30)
#: code → (category, industry, operating status, on the exceeding site)
UNITS = {
    "A1": ("electroplating", "金属表面处理", "operating", False),  # major danger open
    "A2": ("chemical", "化学原料", "operating", False),  # major danger rectified
    "A3": ("landfill", "铝制品压延", "operating", False),  # general danger open; 铝 is a keyword
    "A4": ("gas_station", "", "operating", True),  # site exceeding, accepted on the roster already
    "A5": ("gas_station", "", "closed", True),  # site exceeding but closed
    "A6": ("gas_station", "", "suspended", False),  # soil above the screening value around it
    "A7": ("gas_station", "", "operating", False),  # serious issue found 2024
    "A8": ("gas_station", "", "operating", False),  # serious issue found 2020: too old
    "A9": ("gas_station", "", "operating", False),  # an issue, not a serious one
    "A10": ("gas_station", "", "operating", True),  # site exceeding: a new proposal
}


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
    for code, (category, industry, status, on_site) in UNITS.items():
        con.execute(
            "INSERT INTO pollution_sources (uuid, county_code, source_code, name_zh, category, industry, "
            "operating_status, site_uuid) VALUES (?,?,?,?,?,?,?,?)",
            (ids[code], "419901", code, f"企业{code}", category, industry, status, site if on_site else None),
        )
    con.execute(
        "INSERT INTO roster_entries (uuid, county_code, source_uuid, roster, status, decided_on, reason) "
        "VALUES (?,?,?,?,?,?,?)",
        (str(uuid.uuid4()), "419901", ids["A4"], "soil_key_supervised", "accepted", "2023-01-01", "人工确认"),
    )
    point, sample = str(uuid.uuid4()), str(uuid.uuid4())
    con.execute(
        "INSERT INTO soil_points (uuid, county_code, source_uuid, point_code, kind) VALUES (?,?,?,?,?)",
        (point, "419901", ids["A6"], "A6-Z1", "surrounding"),
    )
    con.execute(
        "INSERT INTO soil_samples (uuid, county_code, point_uuid, sample_code) VALUES (?,?,?,?)",
        (sample, "419901", point, "A6-Z1-0.2"),
    )
    con.execute(
        "INSERT INTO soil_results (uuid, county_code, sample_uuid, parameter, value_text, unit) VALUES (?,?,?,?,?,?)",
        (str(uuid.uuid4()), "419901", sample, "六价铬", "8", "mg/kg"),  # class 2 screening value 5.7
    )
    for code, day, result in (
        ("A7", "2024-05-01", "serious"),
        ("A8", "2020-05-01", "serious"),
        ("A9", "2025-01-01", "issue"),
    ):
        con.execute(
            "INSERT INTO inspections (uuid, county_code, source_uuid, kind, inspected_on, result) VALUES (?,?,?,?,?,?)",
            (str(uuid.uuid4()), "419901", ids[code], "visit", day, result),
        )
    con.close()
    for code, level, rectified in (("A1", "major", None), ("A2", "major", "2024-12-01"), ("A3", "general", None)):
        inv = HD.record_investigation(path, ids[code], "initial", "2024-01-01", "2024-03-01")
        danger = HD.add_danger(path, inv, "储罐区地面破损", "2024-02-01", level, "2024-11-30")
        if rectified:
            HD.rectify(path, danger, rectified)
    return path, ids


def test_the_shipped_rules_carry_the_seed():
    rules = SR.load_rules()
    assert [r.id for r in rules.rules] == [
        "toxic_substances_hidden_danger",
        "site_soil_or_groundwater_exceeding",
        "surrounding_soil_exceeding",
        "enforcement_found_discharge",
    ]
    assert all(r.seed.startswith("001 二(一)1") for r in rules.rules)
    (unsupported,) = rules.unsupported
    assert "潜在高风险企业" in unsupported["seed"]


def test_each_rule_matches_its_unit(db):
    path, ids = db
    found = {c.source_code: c for c in SR.screen(path, today=TODAY)}
    assert {k: v.rule_ids for k, v in found.items()} == {
        "A1": ("toxic_substances_hidden_danger",),
        "A4": ("site_soil_or_groundwater_exceeding",),
        "A6": ("surrounding_soil_exceeding",),
        "A7": ("enforcement_found_discharge",),
        "A10": ("site_soil_or_groundwater_exceeding",),
    }
    assert found["A4"].entry_status == "accepted" and found["A10"].entry_status is None
    assert "重大隐患" in found["A1"].reason_zh and "major hidden danger" in found["A1"].reason_en
    # proposals: every unit matched without an entry; the accepted entry of A4 untouched; a second run adds nothing
    assert SR.propose(path, list(found.values()), "tester") == 4
    assert SR.propose(path, SR.screen(path, today=TODAY), "tester") == 0
    con = sqlite3.connect(path)
    rows = {
        code: (status, reason)
        for code, status, reason in con.execute(
            "SELECT p.source_code, e.status, e.reason FROM roster_entries e JOIN pollution_sources p "
            "ON p.uuid = e.source_uuid WHERE e.roster = 'soil_key_supervised'"
        )
    }
    con.close()
    assert rows["A4"] == ("accepted", "人工确认")
    assert {k for k, (s, _) in rows.items() if s == "proposed"} == {"A1", "A6", "A7", "A10"}
    assert rows["A10"][1] == "所在地块土壤或地下水污染超标\nSoil or groundwater exceeding at the site it is on"


def test_an_edited_copy_changes_the_outcome(db, tmp_path):
    path, _ids = db
    data = json.loads(SR.default_rules_path().read_text(encoding="utf-8"))
    rule = data["rules"][0]
    rule["conditions"]["hidden_danger"]["levels"] = ["major", "general"]  # every open danger counts
    data["rules"][3]["conditions"]["inspection"]["years"] = 6  # and six years of inspections
    edited = tmp_path / "rules.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    found = {c.source_code for c in SR.screen(path, SR.load_rules(edited), today=TODAY)}
    assert {"A3", "A8"} <= found and "A2" not in found and "A9" not in found and "A5" not in found


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["rules"][0]["conditions"].update(colour="red"), "unknown condition colour"),
        (lambda d: d["rules"][0]["conditions"]["involves"].update(categories=["steel"]), "unknown category"),
        (lambda d: d["rules"][1].update(id=d["rules"][0]["id"]), "repeats"),
        (lambda d: d["rules"][3]["conditions"]["inspection"].update(results=["bad"]), "inspection result"),
        (lambda d: d["rules"][2].pop("reason_en"), "reason_en"),
        (lambda d: d["rules"][1]["conditions"].update(site_exceedance=["air"]), "soil and/or gw"),
    ],
)
def test_a_broken_rule_file_is_refused(tmp_path, edit, message):
    data = json.loads(SR.default_rules_path().read_text(encoding="utf-8"))
    edit(data)
    bad = tmp_path / "rules.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SR.SoilRosterError, match=message):
        SR.load_rules(bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SR.SoilRosterError, match="Cannot read"):
        SR.load_rules(bad)
