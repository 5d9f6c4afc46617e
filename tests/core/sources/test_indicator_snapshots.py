"""Year-end snapshots, two dates side by side in the workbook, and gwplugin:indicators as of a date (issue 16), on
the dated story of test_history.py (figures counted by hand there)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from gw_plugin.core.data import reports
from gw_plugin.core.data import schema as S
from gw_plugin.core.sources import indicator_snapshots as SN
from gw_plugin.core.sources import indicators as I

from .test_history import _step, story  # noqa: F401 - the fixture
from .test_rosters import add_features

D = dt.date


def test_two_dates_side_by_side_in_the_workbook(story, tmp_path):  # noqa: F811
    path, _u = story
    zz = I.load_plan("zhengzhou_2022")
    before, after = I.compute(path, zz, D(2023, 12, 31)), I.compute(path, zz, D(2024, 12, 31))
    out = tmp_path / "cmp.xlsx"
    reports.write_indicator_xlsx(out, after)
    SN.add_comparison_sheet(out, before, after)
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["汇总", "年度对比"]
    ws = wb["年度对比"]
    assert ws["C2"].value == "2023-12-31" and ws["G2"].value == "2024-12-31"
    rows = {(r[0], r[1]): r for r in ws.iter_rows(min_row=4, values_only=True)}
    leak = rows[("地下水污染源渗漏排查率", "郑州市（全市）")]
    # 2023: 5 of 10 listed sources investigated; 2024: 6 of 11 (test_history.py)
    assert leak[2:6] == (5, 10, "50.0%", "达标") and leak[6:10] == (6, 11, "54.5%", "达标")
    assert leak[10] == "+4.5 个百分点"
    plans = rows[("在产企业地下水污染风险管控或修复方案编制完成率", "郑州市（全市）")]
    assert plans[2:4] == (1, 1) and plans[6:8] == (1, 2) and plans[10] == "-50.0 个百分点"


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


def test_algorithm_computes_as_of_today_parameter(provider, story, tmp_path):  # noqa: F811
    import processing

    path, _u = story
    plans = sorted(I.shipped_plans())
    zz = plans.index("zhengzhou_2022")
    early = processing.run(
        "gwplugin:indicators",
        {"DATABASE": str(path), "PLAN": zz, "TODAY": "2021-06-30", "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert early["AS_OF"] == "2021-06-30"
    assert all(f["numerator"] == 0 for f in early["OUTPUT"].getFeatures())
    xlsx = tmp_path / "i.xlsx"
    res = processing.run(
        "gwplugin:indicators",
        {
            "DATABASE": str(path),
            "PLAN": zz,
            "TODAY": "2024-12-31",
            "COMPARE_TO": "2023-12-31",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "XLSX": str(xlsx),
        },
    )
    feats = {(f["indicator_id"], f["area_code"]): f for f in res["OUTPUT"].getFeatures()}
    leak = feats[("zz_leakage_investigation", "410100")]
    assert (leak["numerator"], leak["denominator"]) == (6, 11)
    assert res["COMPARE_TO"] == "2023-12-31" and "年度对比" in load_workbook(xlsx).sheetnames
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        processing.run("gwplugin:indicators", {"DATABASE": str(path), "PLAN": zz, "COMPARE_TO": "end of 2023"})


@pytest.mark.skipif(
    "indicator_snapshots" not in S.TABLES_BY_NAME,
    reason="core/data/schema.py TABLES does not list tables_sources.INDICATOR_SNAPSHOTS yet",
)
def test_year_end_snapshot_is_kept_when_the_history_changes(story):  # noqa: F811
    path, u = story
    zz = I.load_plan("zhengzhou_2022")
    assert SN.snapshot_dates(path, "zhengzhou_2022") == []
    stored = SN.year_end(path, zz, 2023, store=True, user="统计员")
    assert SN.snapshot_dates(path, "zhengzhou_2022") == ["2023-12-31"]
    # a late entry: A7 self-investigated back-dated to 2023-08 (entered in 2025)
    add_features(path, "inspections", [_step(u[7], "410101", "leakage", "self_investigated", "2023-08-01")])
    recomputed = I.compute(path, zz, D(2023, 12, 31))
    city = lambda rep: next(  # noqa: E731
        r for r in rep.results if r.indicator_id == "zz_leakage_investigation" and r.area_code == "410100"
    )
    assert city(recomputed).numerator == 6
    kept = SN.year_end(path, zz, 2023)
    assert city(kept).numerator == city(stored).numerator == 5 and city(kept).denominator == 10
    assert city(kept).status == "met" and len(kept.results) == len(stored.results)
    with pytest.raises(SN.SnapshotError):
        SN.store_snapshot(path, zz, recomputed, "统计员")
    with pytest.raises(SN.SnapshotError):
        SN.store_snapshot(path, zz, I.compute(path, zz, D(2022, 12, 31)), "")
