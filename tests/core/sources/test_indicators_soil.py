"""The soil pilot-area indicators (seed 001, plan zhengzhou_soil_2022): hidden-danger investigation, rectification and
look-back of the soil key supervised units, exceeding operating enterprises assessed, survey quality spot-check
shares and source-control projects — each figure hand-counted on a small project written here, as of two dates; the
shipped plan's targets against the seed; the XLSX and PDF through gwplugin:indicators."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from openpyxl import load_workbook

from gw_plugin.core.sources import indicators as I

from .test_rosters import X0, Y0, add_features, add_rows, make_project, source, square

PLAN = "zhengzhou_soil_2022"
LATE = dt.date(2024, 6, 30)
EARLY = dt.date(2023, 1, 1)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """Counties 410101 (A, B, C; sites S1, S2) and 410102 (D, E; sites S3, S4). Soil roster: A, B (2022-03-01), C
    (2023-06-01), D (published 2022-05-01); E is not on it."""
    path = make_project(tmp_path_factory.mktemp("soil_ind"))
    add_features(
        path,
        "admin_units",
        [
            {"code": "410101", "name_zh": "中原区", "level": "county", "wkt": square(X0 - 5000, Y0 - 5000, 20000)},
            {"code": "410102", "name_zh": "二七区", "level": "county", "wkt": square(X0 + 15000, Y0 - 5000, 20000)},
        ],
    )
    names = ["A", "B", "C", "D", "E"]
    rows = [
        source(n, "chemical", X0 + 100 * k, Y0, county="410101" if n in "ABC" else "410102")
        for k, n in enumerate(names)
    ]
    u = dict(zip(names, add_features(path, "pollution_sources", rows)))
    add_rows(
        path,
        "roster_entries",
        [
            {"source_uuid": u["A"], "roster": "soil_key_supervised", "status": "accepted", "decided_on": "2022-03-01"},
            {"source_uuid": u["B"], "roster": "soil_key_supervised", "status": "accepted", "decided_on": "2022-03-01"},
            {"source_uuid": u["C"], "roster": "soil_key_supervised", "status": "accepted", "decided_on": "2023-06-01"},
            {"source_uuid": u["D"], "roster": "soil_key_supervised", "status": "published", "decided_on": "2022-05-01",
             "roster_version": "2022-1", "county_code": "410102"},
            {"source_uuid": u["E"], "roster": "gw_key_supervised", "status": "accepted", "decided_on": "2022-03-01",
             "county_code": "410102"},
        ],
    )  # fmt: skip
    inv = add_rows(
        path,
        "hd_investigations",
        [
            {"source_uuid": u["A"], "kind": "initial", "started_on": "2022-04-01", "finished_on": "2022-10-01"},
            {"source_uuid": u["B"], "kind": "initial", "started_on": "2022-06-01", "finished_on": "2023-08-01"},
            {"source_uuid": u["C"], "kind": "initial", "started_on": "2024-01-01"},
            {"source_uuid": u["D"], "kind": "initial", "started_on": "2022-07-01", "finished_on": "2022-12-01",
             "county_code": "410102"},
            {"source_uuid": u["A"], "kind": "lookback", "batch_id": "HK-1", "started_on": "2024-02-01",
             "finished_on": "2024-03-01"},
            {"source_uuid": u["E"], "kind": "initial", "started_on": "2022-04-01", "finished_on": "2022-05-01",
             "county_code": "410102"},
        ],
    )  # fmt: skip
    add_rows(
        path,
        "hidden_dangers",
        [
            {"investigation_uuid": inv[0], "source_uuid": u["A"], "description": "储罐区防渗层破损",
             "found_on": "2022-10-01", "rectify_by": "2023-04-01", "rectified_on": "2023-03-01"},
            {"investigation_uuid": inv[3], "source_uuid": u["D"], "description": "污水池渗漏", "found_on": "2022-12-01",
             "rectify_by": "2023-06-01", "county_code": "410102"},
        ],
    )  # fmt: skip
    sites = [
        ("S1", "410101", "operating", "exceeding", "not_exceeding"),
        ("S2", "410101", "operating", "not_exceeding", "exceeding"),
        ("S3", "410102", "operating", "not_exceeding", "not_exceeding"),
        ("S4", "410102", "closed", "exceeding", "not_exceeding"),
    ]
    s = dict(
        zip(
            [r[0] for r in sites],
            add_features(
                path,
                "sites",
                [
                    {"site_code": c, "name_zh": "地块" + c, "county_code": cc, "site_status": st, "soil_exceedance": so,
                     "gw_exceedance": gw, "wkt": square(X0 + 2000 * k, Y0 + 3000, 100)}
                    for k, (c, cc, st, so, gw) in enumerate(sites)
                ],
            ),
        )
    )  # fmt: skip
    county = {c: cc for c, cc, *_ in sites}
    stages = [
        ("S1", "phase1_survey", "2022-02-01"), ("S1", "phase2_survey", "2022-08-01"),
        ("S1", "risk_assessment", "2023-05-01"), ("S2", "phase1_survey", "2022-03-01"),
        ("S3", "phase1_survey", "2021-10-01"), ("S3", "phase2_survey", "2022-04-01"),
        ("S4", "phase1_survey", "2022-05-01"), ("S4", "phase2_survey", "2022-09-01"),
        ("S4", "risk_assessment", "2023-01-01"),
    ]  # fmt: skip
    st = dict(
        zip(
            [(a, b) for a, b, _ in stages],
            add_rows(
                path,
                "site_stages",
                [{"site_uuid": s[a], "stage": b, "started_on": d, "county_code": county[a]} for a, b, d in stages],
            ),
        )
    )
    checks = [("S1", "phase1_survey", "2023-02-01"), ("S3", "phase1_survey", "2022-01-15"),
              ("S3", "phase2_survey", "2024-01-10"), ("S4", "phase2_survey", "2024-12-01")]  # fmt: skip
    add_rows(
        path,
        "survey_checks",
        [{"batch_id": "Q-" + d, "site_uuid": s[a], "stage_uuid": st[(a, p)], "survey_phase": p, "drawn_on": d,
          "county_code": county[a]} for a, p, d in checks],
    )  # fmt: skip
    add_rows(
        path,
        "source_control_projects",
        [
            {"source_uuid": u["A"], "name_zh": "甲", "status": "in_progress", "started_on": "2023-05-01"},
            {"source_uuid": u["B"], "name_zh": "乙", "status": "completed", "started_on": "2022-06-01",
             "finished_on": "2023-01-01"},
            {"source_uuid": u["A"], "name_zh": "甲二", "status": "accepted", "started_on": "2024-01-01"},
            {"source_uuid": u["D"], "name_zh": "丁", "status": "planned", "county_code": "410102"},
            {"source_uuid": u["E"], "name_zh": "戊", "status": "in_progress", "started_on": "2025-01-01",
             "county_code": "410102"},
        ],
    )  # fmt: skip
    return path


def figures(path, day) -> dict:
    rep = I.compute(path, I.load_plan(PLAN), day)
    return {(r.indicator_id, r.area_code): (r.numerator, r.denominator, r.status) for r in rep.results}


def test_shipped_soil_plan_states_the_seed_targets():
    plan = I.load_plan(PLAN)
    got = {i.id: (i.metric, i.target, i.unit, i.deadline) for i in plan.indicators}
    # seed 001 二(一)2(2): one round of investigation, rectification and look-back by the end of 2025; 二(一)4: at
    # least 50 % of exceeding enterprises surveyed and assessed by 2025; 二(二)1: first-phase surveys >= 20 %,
    # second-phase >= 30 %; 二(一)3: 3-5 enterprises with a source-control project (the lower bound)
    assert got == {
        "zs_hd_investigation": ("hd_investigation", 100, "%", "2025-12-31"),
        "zs_hd_rectification": ("hd_rectification", 100, "%", "2025-12-31"),
        "zs_hd_lookback": ("hd_lookback", 100, "%", "2025-12-31"),
        "zs_exceeding_assessment": ("site_assessment", 50, "%", "2025-12-31"),
        "zs_survey_check_phase1": ("survey_check_share", 20, "%", "2025-12-31"),
        "zs_survey_check_phase2": ("survey_check_share", 30, "%", "2025-12-31"),
        "zs_source_control_projects": ("source_control_projects", 3, "count", "2025-12-31"),
    }
    assert plan.start == "2022-01-01"
    for i in plan.indicators:
        assert i.quote and i.seed_ref.startswith("001") and i.texts[0] and i.texts[1]
    with open(I.shipped_plans()[PLAN], encoding="utf-8") as fh:
        assert json.load(fh)["seed"] == "001"


def test_a_survey_share_needs_its_phase(tmp_path):
    p = tmp_path / "p.json"
    p.write_text(
        '{"indicators": [{"id": "a", "metric": "survey_check_share", "target": 20, "deadline": "2025-12-31"}]}'
    )
    with pytest.raises(I.PlanError):
        I.load_plan(p)


def test_hand_counted_figures_mid_2024(city):
    f = figures(city, LATE)
    # roster on the date: A, B, C (410101) and D (410102); E is not on the soil roster
    assert f[("zs_hd_investigation", "410101")] == (2, 3, "on_track")  # A, B finished; C still going
    assert f[("zs_hd_investigation", "410102")] == (1, 1, "met")
    assert f[("zs_hd_investigation", "410100")][:2] == (3, 4)
    # A rectified its danger, B found none, D's danger is still open
    assert f[("zs_hd_rectification", "410101")][:2] == (2, 3)
    assert f[("zs_hd_rectification", "410102")][:2] == (0, 1)
    assert f[("zs_hd_rectification", "410100")][:2] == (2, 4)
    # look-back: of the investigated A, B, D only A
    assert f[("zs_hd_lookback", "410100")][:2] == (1, 3)
    assert f[("zs_hd_lookback", "410101")][:2] == (1, 2)
    # exceeding operating sites: S1 (soil, assessed 2023-05-01), S2 (groundwater, not assessed); S4 is closed
    assert f[("zs_exceeding_assessment", "410100")] == (1, 2, "met")
    assert f[("zs_exceeding_assessment", "410102")] == (0, 0, "no_data")
    # first-phase surveys of the period: S1, S2, S4 (S3's began in 2021); drawn by then: S1
    assert f[("zs_survey_check_phase1", "410101")][:2] == (1, 2)
    assert f[("zs_survey_check_phase1", "410100")] == (1, 3, "met")
    # second-phase surveys: S1, S3, S4; drawn by then: S3 (S4's draw is dated later)
    assert f[("zs_survey_check_phase2", "410102")][:2] == (1, 2)
    assert f[("zs_survey_check_phase2", "410100")] == (1, 3, "met")
    # source-control projects: A (twice) and B started; D only planned, E's starts in 2025 — city only
    assert f[("zs_source_control_projects", "410100")][:2] == (2, None)
    assert ("zs_source_control_projects", "410101") not in f


def test_hand_counted_figures_start_of_2023(city):
    f = figures(city, EARLY)
    # C not listed yet; B finished only in August 2023
    assert f[("zs_hd_investigation", "410100")][:2] == (2, 3)
    # A's danger was rectified in March 2023, D's is open: none complete yet
    assert f[("zs_hd_rectification", "410100")][:2] == (0, 3)
    assert f[("zs_hd_lookback", "410100")][:2] == (0, 2)
    assert f[("zs_exceeding_assessment", "410100")][:2] == (0, 2)
    # S1's first-phase survey was drawn only in February 2023
    assert f[("zs_survey_check_phase1", "410100")][:2] == (0, 3)
    assert f[("zs_source_control_projects", "410100")][:2] == (1, None)


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


def test_soil_plan_through_the_algorithm(provider, city, tmp_path):
    import processing

    xlsx, pdf = tmp_path / "soil.xlsx", tmp_path / "soil.pdf"
    res = processing.run(
        "gwplugin:indicators",
        {
            "DATABASE": str(city),
            "PLAN": list(I.shipped_plans()).index(PLAN),
            "TODAY": LATE.isoformat(),
            "OUTPUT": "TEMPORARY_OUTPUT",
            "XLSX": str(xlsx),
            "PDF": str(pdf),
            "CHARTS": False,
        },
    )
    assert res["PLAN"] == PLAN
    feats = {(f["indicator_id"], f["area_code"]): f for f in res["OUTPUT"].getFeatures()}
    assert (
        feats[("zs_hd_investigation", "410100")]["numerator"],
        feats[("zs_hd_investigation", "410100")]["denominator"],
    ) == (3, 4)  # noqa: E501
    cells = [c.value for ws in load_workbook(xlsx).worksheets for row in ws.iter_rows() for c in row]
    assert "土壤污染重点监管单位隐患排查完成率" in cells
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(text.split())
    assert "第二阶段土壤污染状况调查地块质量监督抽查比例" in compact and "二七区" in compact
