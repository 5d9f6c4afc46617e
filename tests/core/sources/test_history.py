"""Dated workflow history and indicators as of any date (issue 16), on a real GeoPackage.

The fixture tells a story with dates; every expected figure below is counted by hand from that story (written as a
constant), not by re-running the module's predicates. Each source's CURRENT status fields hold its latest status, so a
computation that reads today's snapshot under any date gets the early dates wrong.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from gw_plugin.core.sources import history as H
from gw_plugin.core.sources import indicators as I

from .test_rosters import X0, Y0, add_features, add_rows, make_project, source, square

D = dt.date


def _step(su, county, workflow, status, on, year=None, kind="visit"):
    return {
        "source_uuid": su,
        "county_code": county,
        "kind": kind,
        "inspected_on": on,
        "workflow": workflow,
        "status_after": status,
        "period_year": year,
        "created_at": on + "T08:00:00Z",
        "wkt": f"POINT({X0} {Y0})",
    }


@pytest.fixture
def story(tmp_path):
    path = make_project(tmp_path)
    add_features(
        path, "admin_units", [{"code": "410101", "name_zh": "甲区", "level": "county", "wkt": square(X0, Y0, 9)}]
    )
    # ten chemical firms A0..A9, all operating, all listed for leakage investigation on 2022-05-01 (current
    # statuses = the latest step of the story below)
    final_leak = ["spot_checked", "report_received", "report_received", "self_investigated", "self_investigated",
                  "planned", "planned", "not_started", "not_started", "not_started"]  # fmt: skip
    rows = [
        source(
            f"A{i}",
            "chemical",
            X0 + 10 * i,
            Y0,
            leakage_status=final_leak[i],
            on_leakage_list=1,
            leakage_listed_on="2022-05-01",
            self_monitoring_status="complete",
            updated_at="2024-06-01T00:00:00Z",
        )
        for i in range(10)
    ]
    # B: not on the list (removed) though investigated; C: never screened, status set without history (a field
    # written on 2024-05-01)
    rows.append(source("B", "landfill", X0, Y0 + 10, leakage_status="report_received", on_leakage_list=0))
    rows.append(
        source("C", "landfill", X0, Y0 + 20, leakage_status="self_investigated", updated_at="2024-05-01T00:00:00Z")
    )
    u = add_features(path, "pollution_sources", rows)
    steps = []
    for i in range(10):
        steps.append(_step(u[i], "410101", "leakage", "not_started", "2022-05-01"))
    # A0..A6 planned in 2022; A0..A4 self-investigated in 2023 (A0-A2 in March, A3-A4 in October);
    # A0..A2 report received 2024-02; A0 spot-checked 2024-04 (with a spot-check inspection that has a result)
    for i in range(7):
        steps.append(_step(u[i], "410101", "leakage", "planned", "2022-09-01"))
    for i in range(5):
        steps.append(_step(u[i], "410101", "leakage", "self_investigated", "2023-03-01" if i < 3 else "2023-10-01"))
    for i in range(3):
        steps.append(_step(u[i], "410101", "leakage", "report_received", "2024-02-01"))
    steps.append(_step(u[0], "410101", "leakage", "spot_checked", "2024-04-01", kind="spot_check"))
    steps[-1]["result"] = "ok"
    # B: investigated in 2023 but taken off the list
    steps.append(_step(u[10], "410101", "leakage", "report_received", "2023-03-01"))
    # self-monitoring: A0..A5 complete for 2022 (reported in 2022-11); for 2023 only A0..A2, A3 partial;
    # A9 not required since 2023-01-10
    for i in range(6):
        steps.append(_step(u[i], "410101", "self_monitoring", "complete", "2022-11-15", 2022))
    for i in range(3):
        steps.append(_step(u[i], "410101", "self_monitoring", "complete", "2023-11-15", 2023))
    steps.append(_step(u[3], "410101", "self_monitoring", "partial", "2023-11-15", 2023))
    steps.append(_step(u[9], "410101", "self_monitoring", "not_required", "2023-01-10"))
    # risk control: A0 survey needed 2022 → survey done 2023-01 → plan 2023-06 → implemented 2024-01 → assessed
    # 2024-09; A1 survey needed → done 2023-02 → no plan needed 2023-03; A2 survey needed 2022 → done 2024-03
    for st, on in (("survey_needed", "2022-06-01"), ("survey_done", "2023-01-10"), ("plan_done", "2023-06-10"),
                   ("implemented", "2024-01-10"), ("effect_assessed", "2024-09-10")):  # fmt: skip
        steps.append(_step(u[0], "410101", "risk_control", st, on))
    for st, on in (("survey_needed", "2022-06-01"), ("survey_done", "2023-02-10"), ("no_plan_needed", "2023-03-10")):
        steps.append(_step(u[1], "410101", "risk_control", st, on))
    for st, on in (("survey_needed", "2022-06-01"), ("survey_done", "2024-03-10")):
        steps.append(_step(u[2], "410101", "risk_control", st, on))
    add_features(path, "inspections", steps)
    # rosters: A0..A5 accepted on the key-supervised roster on 2023-03-01; version "2023" published 2023-04-01
    entries = [
        {"source_uuid": u[i], "roster": "gw_key_supervised", "status": "accepted", "decided_on": "2023-03-01"}
        for i in range(6)
    ]
    entries += [
        {"source_uuid": u[i], "roster": "gw_key_supervised", "status": "published", "roster_version": "2023",
         "decided_on": "2023-04-01", "created_at": "2023-04-01T00:00:00Z"}
        for i in range(6)
    ]  # fmt: skip
    add_rows(path, "roster_entries", entries)
    # permits: A0's permit of 2024-03 states groundwater self-monitoring; A1's of 2022 states nothing about it
    add_rows(
        path,
        "permits",
        [
            {"source_uuid": u[0], "permit_no": "P0", "issued_on": "2024-03-01", "gw_self_monitoring": 1},
            {"source_uuid": u[1], "permit_no": "P1", "issued_on": "2022-03-01", "gw_self_monitoring": 0},
        ],
    )
    # drinking-water sources: 2 county-level (a well field and a karst spring), 2 township karst springs
    ws = add_features(
        path,
        "drinking_water_sources",
        [
            {"source_code": f"W{k}", "name_zh": f"水源{k}", "source_type": t, "level": lvl, "wkt": f"POINT({X0} {Y0})"}
            for k, (t, lvl) in enumerate(
                [
                    ("well_field", "county"),
                    ("karst_spring", "county"),
                    ("karst_spring", "township"),
                    ("karst_spring", "township"),
                ]
            )  # fmt: skip
        ],
    )
    # W0: only an automatic capture zone (does not count); W1: recharge area delineated 2023-05;
    # W2, W3: recharge areas delineated 2022-10 (karst pilots)
    add_features(
        path,
        "recharge_zones",
        [
            {"water_source_uuid": ws[0], "kind": "capture", "created_at": "2022-03-01T00:00:00Z"},
            {"water_source_uuid": ws[1], "kind": "recharge", "created_at": "2023-05-01T00:00:00Z"},
            {"water_source_uuid": ws[2], "kind": "recharge", "created_at": "2022-10-01T00:00:00Z"},
            {"water_source_uuid": ws[3], "kind": "recharge", "created_at": "2022-10-01T00:00:00Z"},
        ],
    )
    return path, u


def _city(report, iid):
    return next(r for r in report.results if r.indicator_id == iid and r.area_code == report.city_code)


def test_status_as_of_follows_the_dated_steps(story):
    path, u = story
    con = sqlite3.connect(str(path))
    h = H.read_history(con)
    con.close()
    assert h.status(u[0], "leakage", D(2022, 4, 30)) is None
    assert h.status(u[0], "leakage", D(2022, 6, 30)) == "not_started"
    assert h.status(u[0], "leakage", D(2022, 12, 31)) == "planned"
    assert h.status(u[3], "leakage", D(2023, 6, 30)) == "planned"
    assert h.status(u[3], "leakage", D(2023, 12, 31)) == "self_investigated"
    assert h.status(u[0], "leakage", D(2025, 1, 1)) == "spot_checked"
    # no dated step: the status field counts from the row's last update (2024-05-01) on
    assert h.status(u[11], "leakage", D(2024, 4, 30)) is None
    assert h.status(u[11], "leakage", D(2024, 5, 1)) == "self_investigated"
    # self-monitoring is per year
    assert h.self_monitoring(u[4], 2022, D(2022, 12, 31)) == "complete"
    assert h.self_monitoring(u[4], 2023, D(2023, 12, 31)) is None
    assert h.self_monitoring(u[3], 2023, D(2023, 12, 31)) == "partial"
    assert h.self_monitoring(u[9], 2023, D(2023, 12, 31)) == "not_required"
    assert h.on_leakage_list(u[0], D(2022, 4, 30)) is False and h.on_leakage_list(u[0], D(2022, 5, 1))
    assert not h.on_leakage_list(u[10], D(2024, 1, 1))  # taken off the list
    assert h.spot_checked(u[0], D(2024, 4, 1)) and not h.spot_checked(u[0], D(2024, 3, 31))


def test_zhengzhou_figures_as_of_dates(story):
    path, _u = story
    zz = I.load_plan("zhengzhou_2022")
    expected = {
        # date: leakage (num, den), spot checks (num, den), self-monitoring (num, den), plans (num, den)
        D(2021, 6, 30): ((0, 0), (0, 0), (0, 0), (0, 0)),
        D(2022, 12, 31): ((0, 10), (0, 0), (0, 0), (0, 0)),  # not on the roster yet in 2022
        D(2023, 6, 30): ((3, 10), (0, 3), (0, 6), (1, 1)),  # A0 plan done; A1 no plan needed
        D(2023, 12, 31): ((5, 10), (0, 5), (3, 6), (1, 1)),
        # C (never screened, status field written 2024-05-01) joins the list; nothing reported for 2024 yet; A2's
        # survey done
        D(2024, 12, 31): ((6, 11), (1, 6), (0, 6), (1, 2)),
    }
    for day, (leak, spot, selfmon, plans) in expected.items():
        rep = I.compute(path, zz, today=day)
        got = _city(rep, "zz_leakage_investigation")
        assert (got.numerator, got.denominator) == leak, day
        got = _city(rep, "zz_spot_check_share")
        assert (got.numerator, got.denominator) == spot, day
        got = _city(rep, "zz_self_monitoring")
        assert (got.numerator, got.denominator) == selfmon, day
        got = _city(rep, "zz_risk_control_plan")
        assert (got.numerator, got.denominator) == plans, day
    early = I.compute(path, zz, today=D(2021, 6, 30))
    assert all(r.numerator == 0 for r in early.results)
    rosters = _city(early, "zz_rosters_published")
    assert (rosters.numerator, rosters.value) == (0, 0.0)
    late = I.compute(path, zz, today=D(2024, 12, 31))
    assert _city(late, "zz_leakage_investigation").value == pytest.approx(600 / 11)
    assert _city(late, "zz_leakage_investigation").status == "met"  # 40 % target
    # recharge delineation: county-level W0 (capture zone only) and W1 (recharge area from 2023-05)
    rz = [(_city(I.compute(path, zz, today=d), "zz_recharge_zones")) for d in (D(2022, 12, 31), D(2023, 12, 31))]
    assert [(r.numerator, r.denominator) for r in rz] == [(0, 2), (1, 2)]
    # permits: A0 (a typical chemical unit on the roster) from 2024-03
    pg = [_city(I.compute(path, zz, today=d), "zz_permit_gw_content") for d in (D(2023, 12, 31), D(2024, 12, 31))]
    assert [(p.numerator, p.denominator) for p in pg] == [(0, 6), (1, 6)]


def test_jincheng_figures_as_of_dates(story):
    path, _u = story
    jc = I.load_plan("jincheng_2022")
    a = I.compute(path, jc, today=D(2023, 12, 31))
    b = I.compute(path, jc, today=D(2024, 12, 31))
    # 编制及效果评估率: only A0's plan has its effect assessed (2024-09); A1 needed no plan
    assert (_city(a, "jc_risk_control_plan").numerator, _city(a, "jc_risk_control_plan").denominator) == (0, 1)
    assert (_city(b, "jc_risk_control_plan").numerator, _city(b, "jc_risk_control_plan").denominator) == (1, 2)
    # detailed survey: A0, A1 done by 2023; A2 in 2024 — of 3 needing one
    assert (_city(a, "jc_detailed_survey").numerator, _city(a, "jc_detailed_survey").denominator) == (2, 3)
    assert _city(b, "jc_detailed_survey").numerator == 3
    # typed pilots: 3 karst springs delineated, no porous source: 2 of the 3 pilots (1 porous + 2 karst)
    assert _city(I.compute(path, jc, today=D(2022, 12, 31)), "jc_recharge_pilots").numerator == 2
    assert _city(b, "jc_recharge_pilots").numerator == 2 and _city(b, "jc_recharge_pilots").status == "behind"


def test_derive_status_fields_from_history(story):
    path, u = story
    changed = H.derive_status_fields(path, D(2023, 6, 30), user="t")
    con = sqlite3.connect(str(path))
    got = dict(con.execute("SELECT uuid, leakage_status FROM pollution_sources").fetchall())
    sm = dict(con.execute("SELECT uuid, self_monitoring_status FROM pollution_sources").fetchall())
    con.close()
    assert changed > 0
    assert [got[u[i]] for i in (0, 3, 7)] == ["self_investigated", "planned", "not_started"]
    assert got[u[11]] == "self_investigated"  # no history: left as it was
    assert sm[u[0]] == "required" and sm[u[9]] == "not_required"  # nothing received for 2023 by June
