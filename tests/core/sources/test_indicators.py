"""Pilot-zone indicators: figures checked against counts computed independently from the rows the test wrote;
shipped plan configurations; traffic lights; XLSX read back; PDF text extracted with pdftotext."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import subprocess

import pytest
from openpyxl import load_workbook

from gw_plugin.core.data import reports as xlsx_report
from gw_plugin.core.sources import history as H
from gw_plugin.core.sources import indicators as I
from gw_plugin.core.sources import rosters as R

from .test_rosters import X0, Y0, add_features, add_rows, make_project, source, square

COUNTIES = {"410102": "中原区", "410103": "二七区", "410122": "中牟县"}
CATS = ["chemical", "electroplating", "landfill", "tailings_pond", "gas_station"]


def test_shipped_plans_quote_the_seeds():
    plans = I.shipped_plans()
    assert {"zhengzhou_2022", "jincheng_2022"} <= set(plans)
    zz = I.load_plan("zhengzhou_2022")
    targets = {i.metric: (i.target, i.deadline) for i in zz.indicators}
    # seed 000 表2—1: self-monitoring 100 % by 2024, leakage 40 % by 2023, risk plans 60 % by 2024, recharge 2022
    assert targets["self_monitoring"] == (100, "2024-12-31")
    assert targets["leakage_investigation"] == (40, "2023-12-31")
    assert targets["risk_control_plan"] == (60, "2024-12-31")
    assert targets["recharge_zone_delineation"] == (100, "2022-12-31")
    assert targets["spot_check_share"][0] == 5
    jc = I.load_plan("jincheng_2022")
    t = {i.metric: i.target for i in jc.indicators}
    # seed 004 三(二): self-monitoring 50 %, leakage 20 %, anti-seepage 5 %, detailed survey 20 %, plans 10 %
    assert (t["self_monitoring"], t["leakage_investigation"], t["antiseepage_completion"]) == (50, 20, 5)
    assert (t["detailed_survey"], t["risk_control_assessed"], t["recharge_pilots"]) == (20, 10, 3)
    # seed 004 三(三)1: one porous and two karst-spring pilots
    pilots = next(i for i in jc.indicators if i.metric == "recharge_pilots").scope["pilots"]
    assert [(p["types"], p["n"]) for p in pilots] == [(["well_field", "riverside"], 1), (["karst_spring"], 2)]
    for plan in (zz, jc):
        for i in plan.indicators:
            assert i.quote and i.seed_ref[:3] in ("000", "004")
            # the plan file states what it counts (not only the module's defaults)
            assert i.texts[0] and i.texts[1] and i.numerator_zh == i.texts[0]
    # permits exist: the Zhengzhou plan computes indicator 8 and no longer lists it as unsupported
    assert "permit_gw_content" in {i.metric for i in zz.indicators}
    assert not [u for u in zz.unsupported if "许可" in u["name_zh"]]


def test_bad_plan(tmp_path):
    p = tmp_path / "p.json"
    p.write_text('{"indicators": [{"id": "a", "metric": "nonsense", "target": 1, "deadline": "2024-12-31"}]}')
    with pytest.raises(I.PlanError):
        I.load_plan(p)
    p.write_text('{"indicators": [{"id": "a", "metric": "self_monitoring", "target": 1}]}')
    with pytest.raises(I.PlanError):
        I.load_plan(p)


def test_status_traffic_light():
    start, dl = "2022-01-01", "2024-12-31"
    assert I.status_of(None, 40, dl, start, dt.date(2023, 1, 1))[0] == "no_data"
    assert I.status_of(40, 40, dl, start, dt.date(2023, 1, 1))[0] == "met"
    assert I.status_of(39, 40, dl, start, dt.date(2025, 1, 1))[0] == "behind"
    # half-way through the period (2023-07-02 is 547 of 1095 days): 20 % expected of a 40 % target
    st, exp = I.status_of(21, 40, dl, start, dt.date(2023, 7, 2))
    assert st == "on_track" and exp == pytest.approx(40 * 547 / 1095)
    assert I.status_of(19, 40, dl, start, dt.date(2023, 7, 2))[0] == "behind"


@pytest.fixture
def city(tmp_path):
    path = make_project(tmp_path)
    add_features(
        path,
        "admin_units",
        [{"code": c, "name_zh": n, "level": "county", "wkt": square(X0, Y0, 100)} for c, n in COUNTIES.items()],
    )
    rng = random.Random(5)
    rows = []
    for i in range(400):
        county = rng.choice(list(COUNTIES))
        rows.append(
            source(
                f"企业{i:03d}",
                rng.choice(CATS),
                X0 + rng.uniform(0, 5000),
                Y0 + rng.uniform(0, 5000),
                county=county,
                operating_status=rng.choice(["operating", "operating", "closed", None]),
                leakage_status=rng.choice(
                    [None, "not_started", "planned", "self_investigated", "report_received", "spot_checked"]
                ),
                antiseepage_status=rng.choice([None, "not_needed", "needed", "planned", "done", "assessed"]),
                self_monitoring_status=rng.choice([None, "not_required", "required", "partial", "complete"]),
                risk_control_status=rng.choice(
                    [None, "not_required", "survey_needed", "survey_done", "plan_done", "implemented"]
                ),
            )
        )
    uuids = add_features(path, "pollution_sources", rows)
    for r, u in zip(rows, uuids):
        r["uuid"] = u
    # roster entries: accepted / rejected / proposed for the supervised roster; a published version of it
    entries = []
    for r in rows:
        st = rng.choice([None, "proposed", "accepted", "rejected"])
        if r is rows[1]:
            st = "rejected"  # was on the older published version only: no longer a member
        if st:
            entries.append(
                {"source_uuid": r["uuid"], "roster": "gw_key_supervised", "status": st, "county_code": r["county_code"]}
            )
            r["sup"] = st
    # published versions: the latest (2023-1) holds rows[0]; the older one (2022-1) held rows[1] only
    for k, (version, created) in enumerate([("2023-1", "2023-03-01T00:00:00Z"), ("2022-1", "2022-03-01T00:00:00Z")]):
        entries.append(
            {
                "source_uuid": rows[k]["uuid"],
                "roster": "gw_key_supervised",
                "status": "published",
                "roster_version": version,
                "created_at": created,
                "county_code": rows[k]["county_code"],
            }
        )
    rows[0]["sup_pub"] = True
    add_rows(path, "roster_entries", entries)
    # spot-check inspections for investigated sources whose status is not yet spot_checked: four with a result,
    # two drawn but not checked yet (they do not count)
    pending = [r for r in rows if r["leakage_status"] in ("self_investigated", "report_received")][:6]
    add_features(
        path,
        "inspections",
        [
            {
                "source_uuid": r["uuid"],
                "kind": "spot_check",
                "inspected_on": "2023-05-01",
                "result": ["ok", "issue", "ok", "serious", None, None][k],
                "county_code": r["county_code"],
                "wkt": r["wkt"],
            }
            for k, r in enumerate(pending)
        ],
    )
    for r in pending[:4]:
        r["inspected"] = True
    # drinking-water sources: 5 county/city level, 2 township; recharge zones for 3 of the county+ ones and 1 township
    ws = add_features(
        path,
        "drinking_water_sources",
        [
            {
                "source_code": f"W{i}",
                "name_zh": f"水源{i}",
                "source_type": "well_field",
                "level": lvl,
                "county_code": cc,
                "wkt": f"POINT({X0 + i * 100} {Y0})",
            }
            for i, (lvl, cc) in enumerate(
                [
                    ("city", "410102"),
                    ("county", "410102"),
                    ("county", "410103"),
                    ("county", "410122"),
                    ("city", "410122"),
                    ("township", "410103"),
                    ("village", "410122"),
                ]
            )
        ],
    )
    add_features(
        path,
        "recharge_zones",
        [{"water_source_uuid": ws[k], "kind": "recharge", "wkt": square(X0, Y0, 1000)} for k in (0, 2, 3, 5)],
    )
    return path, rows


def _by(results, indicator_id):
    return {r.area_code: r for r in results if r.indicator_id == indicator_id}


def test_figures_match_independent_counts(city, tmp_path, qgis_app):
    path, rows = city
    plan = I.load_plan("zhengzhou_2022")
    # the rows carry statuses but no dated step and no stamp: they are known as of today, not before
    before = I.compute(path, plan, today=dt.date(2023, 6, 30))
    assert all(r.numerator == 0 for r in before.results if r.indicator_id != "zz_rosters_published")
    assert _by(before.results, "zz_rosters_published")["410100"].numerator == 1  # version 2023-1 of 2023-03-01
    today = dt.date.today()
    rep = I.compute(path, plan, today=today)

    def check(iid, den_pred, num_pred):
        got = _by(rep.results, iid)
        for cc in list(COUNTIES) + ["410100"]:
            sel = [r for r in rows if cc == "410100" or r["county_code"] == cc]
            den = [r for r in sel if den_pred(r)]
            num = [r for r in den if num_pred(r)]
            g = got[cc]
            assert (g.numerator, g.denominator) == (len(num), len(den)), (iid, cc)
            if den:
                assert g.value == pytest.approx(100 * len(num) / len(den))
            else:
                assert g.value is None and g.status == "no_data"
        assert got["410100"].area_name == "郑州市（全市）" and got["410103"].area_name == "二七区"

    member = lambda r: r.get("sup") == "accepted" or r.get("sup_pub")  # noqa: E731
    # membership: accepted now, or in the latest published version (2023-1), not in an older one (2022-1)
    con = sqlite3.connect(str(path))
    assert H.members_as_of(con, ["gw_key_supervised"], today) == R.members(con, ["gw_key_supervised"])
    on_roster = R.members(con, ["gw_key_supervised"])
    con.close()
    assert rows[0]["uuid"] in on_roster
    assert (rows[1]["uuid"] in on_roster) == (rows[1].get("sup") == "accepted")
    assert on_roster == {r["uuid"] for r in rows if member(r)}
    check(
        "zz_self_monitoring",
        lambda r: member(r) and r["self_monitoring_status"] != "not_required",
        lambda r: r["self_monitoring_status"] == "complete",
    )
    check(
        "zz_leakage_investigation",
        lambda r: r["leakage_status"] is not None,  # never screened: on the list from the status on
        lambda r: r["leakage_status"] in ("self_investigated", "report_received", "spot_checked"),
    )
    check(
        "zz_spot_check_share",
        lambda r: r["leakage_status"] in ("self_investigated", "report_received", "spot_checked"),
        lambda r: r["leakage_status"] == "spot_checked" or r.get("inspected"),
    )
    check(
        "zz_risk_control_plan",
        lambda r: (
            r["operating_status"] == "operating"
            and r["risk_control_status"] in ("survey_done", "plan_done", "implemented")
        ),
        lambda r: r["risk_control_status"] in ("plan_done", "implemented"),
    )
    # recharge zones: county level and higher only (5 sources, 3 with a zone)
    rz = _by(rep.results, "zz_recharge_zones")
    assert (rz["410100"].numerator, rz["410100"].denominator) == (3, 5)
    assert (rz["410102"].numerator, rz["410102"].denominator) == (1, 2)
    assert rz["410100"].status == "behind"  # deadline 2022-12-31 passed at 60 %
    # rosters: only the supervised roster has a published version → 1 of 2
    rp = _by(rep.results, "zz_rosters_published")
    assert (rp["410100"].numerator, rp["410100"].denominator) == (1, 2) and len(rp) == 1
    cov = _by(rep.results, "zz_spot_check_coverage")["410100"]
    investigated = [r for r in rows if r["leakage_status"] in ("self_investigated", "report_received", "spot_checked")]
    checked = [r for r in investigated if r["leakage_status"] == "spot_checked" or r.get("inspected")]
    assert (cov.numerator, cov.denominator) == (
        len({r["category"] for r in checked}),
        len({r["category"] for r in investigated}),
    )

    jc = I.compute(path, I.load_plan("jincheng_2022"), today=today)
    a = _by(jc.results, "jc_antiseepage")["140500"]
    den = [r for r in rows if r["antiseepage_status"] in ("needed", "planned", "done", "assessed")]
    assert (a.numerator, a.denominator) == (sum(r["antiseepage_status"] in ("done", "assessed") for r in den), len(den))
    ds = _by(jc.results, "jc_detailed_survey")["410122"]
    den = [
        r
        for r in rows
        if r["county_code"] == "410122"
        and r["operating_status"] == "operating"
        and r["risk_control_status"] in ("survey_needed", "survey_done", "plan_done", "implemented")
    ]
    assert ds.denominator == len(den)
    assert ds.numerator == sum(r["risk_control_status"] in ("survey_done", "plan_done", "implemented") for r in den)
    pilots = _by(jc.results, "jc_recharge_pilots")["140500"]
    assert pilots.value == 1  # well fields only (porous): 1 of the 3 typed pilots, no karst spring

    # XLSX read back
    out = tmp_path / "ind.xlsx"
    xlsx_report.write_indicator_xlsx(out, rep)
    wb = load_workbook(out)
    assert "汇总" in wb.sheetnames and "指标说明" in wb.sheetnames
    ws = wb["汇总"]
    assert [c.value for c in ws[3]][:8] == ["指标", "范围", "分子", "分母", "完成值", "目标", "期限", "状态"]
    body = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    leak = _by(rep.results, "zz_leakage_investigation")["410100"]
    row = body["地下水污染源渗漏排查率"]
    assert (row[2], row[3], row[5], row[6]) == (leak.numerator, leak.denominator, "40%", "2023-12-31")
    assert row[4] == f"{leak.value:.1f}%" and row[7] in ("达标", "按期推进", "滞后")
    sheet = wb["渗漏排查率"]
    county_rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(county_rows) == len(COUNTIES) + 1
    defs = [r[0] for r in wb["指标说明"].iter_rows(min_row=4, values_only=True)]
    assert "zz_self_monitoring" in defs and "zz_permit_gw_content" in defs and "zz_10" in defs

    # PDF with charts
    pdf = tmp_path / "ind.pdf"
    xlsx_report.write_indicator_pdf(pdf, rep)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(text.split())
    assert "地下水污染源渗漏排查率" in compact and "中牟县" in compact and "郑州市（全市）" in compact
    assert "数据暂不支持的指标" in compact
    assert "matplotlib" not in compact  # charts were drawn (the note appears only without matplotlib)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) - 2 >= len(plan.indicators)


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


def test_indicators_algorithm(provider, city, tmp_path):
    import processing

    path, rows = city
    xlsx, pdf = tmp_path / "i.xlsx", tmp_path / "i.pdf"
    res = processing.run(
        "gwplugin:indicators",
        {
            "DATABASE": str(path),
            "PLAN": 1,
            "TODAY": "2023-06-30",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "XLSX": str(xlsx),
            "PDF": str(pdf),
            "CHARTS": False,
        },
    )
    assert res["PLAN"] == sorted(I.shipped_plans())[1]
    feats = list(res["OUTPUT"].getFeatures())
    assert len(feats) == res["N_RESULTS"]
    direct = I.compute(path, I.load_plan(res["PLAN"]), dt.date(2023, 6, 30))
    table = {(f["indicator_id"], f["area_code"]): (f["numerator"], f["denominator"], f["status"]) for f in feats}
    for r in direct.results:
        den = table[(r.indicator_id, r.area_code)][1]
        assert (
            table[(r.indicator_id, r.area_code)][0] == r.numerator
            and table[(r.indicator_id, r.area_code)][2] == r.status
        )
        assert (den is None or str(den) == "NULL") if r.denominator is None else den == r.denominator
    assert load_workbook(xlsx)["汇总"]["A1"].value.endswith("指标完成情况")
    assert pdf.stat().st_size > 1000
    # own plan file
    own = tmp_path / "own.json"
    own.write_text(
        '{"id": "own", "name_zh": "自定义", "city_code": "410100", "indicators": [{"id": "a", "metric": '
        '"leakage_investigation", "target": 10, "deadline": "2030-12-31"}]}',
        encoding="utf-8",
    )
    res = processing.run(
        "gwplugin:indicators", {"DATABASE": str(path), "PLAN_FILE": str(own), "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert res["PLAN"] == "own" and res["N_RESULTS"] == len(COUNTIES) + 1


def test_xlsx_without_openpyxl_says_how_to_install(tmp_path, monkeypatch):
    """openpyxl is optional: without it the XLSX export fails with an install hint, not an ImportError."""
    import builtins

    import pytest

    from gw_plugin.core.data import reports as xlsx_report

    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kw):
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError("No module named 'openpyxl'")
        return real_import(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    with pytest.raises(xlsx_report.XlsxUnavailableError, match="openpyxl"):
        xlsx_report.write_table_xlsx(tmp_path / "t.xlsx", "t", ["a"], [[1]])
    assert not (tmp_path / "t.xlsx").exists()
