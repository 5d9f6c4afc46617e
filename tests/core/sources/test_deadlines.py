"""Deadlines as data and the overdue list with counts by county (issue 16, item 5), over the hidden-danger
investigations and the rectification ledger of the soil room (hd_investigations, hidden_dangers) and inspections."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from gw_plugin.core.sources import deadlines as DL
from gw_plugin.core.sources import rosters

from .test_rosters import X0, Y0, add_features, add_rows, make_project, source, square

D = dt.date


@pytest.fixture
def city(tmp_path):
    path = make_project(tmp_path)
    add_features(
        path,
        "admin_units",
        [
            {"code": c, "name_zh": n, "level": "county", "wkt": square(X0, Y0, 9)}
            for c, n in (("410101", "甲区"), ("410102", "乙县"))
        ],
    )
    rows = [source("A", "chemical", X0, Y0), source("B", "chemical", X0 + 10, Y0), source("C", "chemical", X0 + 20, Y0),
            source("D", "chemical", X0 + 30, Y0, county="410102")]  # fmt: skip
    u = dict(zip("ABCD", add_features(path, "pollution_sources", rows)))
    add_rows(
        path,
        "roster_entries",
        [{"source_uuid": u[k], "roster": "soil_key_supervised", "status": "accepted", "decided_on": on,
          "county_code": "410102" if k == "D" else "410101"}
         for k, on in (("A", "2023-01-10"), ("B", "2023-02-01"), ("C", "2023-06-01"), ("D", "2022-01-01"))],
    )  # fmt: skip
    inv = add_rows(
        path,
        "hd_investigations",
        [
            {"source_uuid": u["A"], "kind": "initial", "started_on": "2023-09-01", "finished_on": "2023-11-01"},
            {
                "source_uuid": u["C"],
                "kind": "initial",
                "started_on": "2023-03-01",
                "finished_on": "2023-05-01",
            },  # before
            {"source_uuid": u["B"], "kind": "initial", "started_on": "2023-12-01"},  # not finished
        ],
    )
    add_features(path, "inspections", [{"source_uuid": u["B"], "kind": "visit", "inspected_on": "2023-05-01"}])
    return path, u, inv


def test_rules_are_data(tmp_path):
    rules = {r.id: r for r in DL.load_rules()}
    # seed 001 二(一)2: 新增的重点监管单位应在纳入名录后一年内开展隐患排查
    r = rules["hidden_danger_within_year"]
    assert (r.roster, r.years, r.done_by_hd) == ("soil_key_supervised", 1, True)
    assert r.due(D(2024, 2, 29)) == D(2025, 2, 28)
    bad = tmp_path / "r.json"
    bad.write_text(json.dumps({"rules": [{"id": "x", "kind": "after_listing", "roster": "nope", "days": 3}]}))
    with pytest.raises(rosters.RosterError):
        DL.load_rules(bad)


def test_hidden_danger_within_a_year_of_listing(city, tmp_path):
    path, u, _inv = city
    rules = [r for r in DL.load_rules() if r.id == "hidden_danger_within_year"]
    got = {t.source_name: (t.state, t.due, t.days_overdue) for t in DL.tasks(path, D(2024, 3, 1), rules)}
    assert got == {
        "A": ("done", "2024-01-10", 0),
        "B": ("overdue", "2024-02-01", 29),  # started, not finished
        "C": ("open", "2024-06-01", 0),  # its investigation came before the listing
        "D": ("overdue", "2023-01-01", 425),
    }
    # the same deadlines as the soil room's own ledger (core/soil/hidden_dangers.py) on that date
    from gw_plugin.core.soil import hidden_dangers as HD

    soil = {s.source_uuid: s for s in HD.investigation_status(str(path), D(2024, 3, 1))}
    assert {t.source_uuid: t.due for t in DL.tasks(path, D(2024, 3, 1), rules)} == {
        k: s.deadline.isoformat() for k, s in soil.items()
    }
    assert {t.source_uuid for t in DL.overdue(path, D(2024, 3, 1), rules)} == {
        k for k, s in soil.items() if s.status == "overdue"
    }
    early = {t.source_name: t.state for t in DL.tasks(path, D(2023, 6, 30), rules)}
    assert early == {"A": "open", "B": "open", "C": "open", "D": "overdue"}
    late = DL.overdue(path, D(2024, 3, 1), rules)
    assert DL.counts_by_county(late) == {"甲区": 1, "乙县": 1}
    out = tmp_path / "overdue.xlsx"
    DL.write_overdue_xlsx(out, str(path), D(2024, 3, 1), city="郑州市")
    ws = load_workbook(out).active
    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert ws["A1"].value == "郑州市逾期事项清单" and "共2项" in ws["A2"].value and "乙县 1项" in ws["A2"].value
    assert [(r[1], r[2], r[6]) for r in body if r[3].startswith("新纳入")] == [("甲区", "B", 29), ("乙县", "D", 425)]


def test_rectification_deadlines(city):
    path, u, inv = city
    rules = [r for r in DL.load_rules() if r.kind == "rectification"]
    add_rows(
        path,
        "hidden_dangers",
        [
            {"investigation_uuid": inv[0], "source_uuid": u["A"], "facility": "储罐区", "description": "防渗层破损",
             "found_on": "2023-05-01", "rectify_by": "2023-08-31", "rectified_on": "2023-09-10",
             "verified_on": "2023-09-15"},
            {"investigation_uuid": inv[0], "source_uuid": u["D"], "description": "管线无泄漏检测",
             "found_on": "2023-06-01", "rectify_by": "2024-06-30", "county_code": "410102"},
        ],
    )  # fmt: skip
    assert DL.tasks(path, D(2023, 4, 30), rules) == []  # nothing found yet
    got = {t.source_name: (t.state, t.days_overdue) for t in DL.tasks(path, D(2023, 9, 1), rules)}
    assert got == {"A": ("overdue", 1), "D": ("open", 0)}
    got = {t.source_name: (t.state, t.done_on) for t in DL.tasks(path, D(2024, 7, 2), rules)}
    assert got == {"A": ("done", "2023-09-10"), "D": ("overdue", None)}
    (task,) = DL.overdue(path, D(2024, 7, 2), rules)
    assert task.what_zh == "隐患按整改期限完成整改：管线无泄漏检测" and task.county_name == "乙县"
    assert "储罐区 · 防渗层破损" in DL.tasks(path, D(2023, 9, 1), rules)[0].what_zh
