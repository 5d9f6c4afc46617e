"""The indicators of both shipped plans recomputed as of two dates on the demo city, whose sources carry dated
workflow histories 2022–2024 (the demo's clock stops at 2024-12-31) (issue 16). The leakage figures are checked against a count written in SQL straight on
the inspections table (an implementation apart from core/sources/history.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from gw_plugin.core.sources import indicators as I

D = dt.date
DONE = ("self_investigated", "report_received", "spot_checked")

#: latest leakage step on or before :d per listed source (ties: the later row), done or not
SQL_LEAKAGE = """
WITH steps AS (
  SELECT source_uuid, status_after,
         row_number() OVER (PARTITION BY source_uuid ORDER BY inspected_on DESC, fid DESC) AS k
  FROM inspections WHERE workflow = 'leakage' AND inspected_on <= :d
)
SELECT count(*), sum(CASE WHEN s.status_after IN ('self_investigated', 'report_received', 'spot_checked')
                     THEN 1 ELSE 0 END)
FROM pollution_sources p LEFT JOIN steps s ON s.source_uuid = p.uuid AND s.k = 1
WHERE p.on_leakage_list = 1 AND p.leakage_listed_on <= :d
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory, qgis_app):
    from gw_plugin.core.demo.build import build_demo

    return build_demo(str(tmp_path_factory.mktemp("demo")), seed=42).database


def _city(rep, iid):
    return next(r for r in rep.results if r.indicator_id == iid and r.area_code == rep.city_code)


def test_both_plans_as_of_two_dates(demo):
    con = sqlite3.connect(demo)
    snapshot_done = con.execute(
        "SELECT count(*) FROM pollution_sources WHERE on_leakage_list = 1 AND leakage_status IN (?, ?, ?)", DONE
    ).fetchone()[0]
    for plan_id, leak_id in (
        ("zhengzhou_2022", "zz_leakage_investigation"),
        ("jincheng_2022", "jc_leakage_investigation"),
    ):
        plan = I.load_plan(plan_id)
        before_plan = I.compute(demo, plan, D(2021, 6, 30))
        assert all(r.numerator == 0 for r in before_plan.results), plan_id
        early, late = I.compute(demo, plan, D(2023, 6, 30)), I.compute(demo, plan, D(2024, 12, 31))
        for a, b in zip(early.results, late.results):
            assert (a.indicator_id, a.area_code) == (b.indicator_id, b.area_code)
        if plan_id == "zhengzhou_2022":  # scope: every listed source
            for day, rep in ((D(2023, 6, 30), early), (D(2024, 12, 31), late)):
                den, num = con.execute(SQL_LEAKAGE, {"d": day.isoformat()}).fetchone()
                got = _city(rep, leak_id)
                assert (got.numerator, got.denominator) == (num, den), day
            # mid-2023 is not today's snapshot
            assert _city(early, leak_id).numerator < snapshot_done
        assert _city(early, leak_id).numerator < _city(late, leak_id).numerator
        assert _city(late, leak_id).denominator > 0
        # the roster-scoped self-monitoring has members on both dates (versions 2023 and 2024)
        sm = [i.id for i in plan.indicators if i.metric == "self_monitoring"][0]
        assert _city(early, sm).denominator > 0 and _city(late, sm).denominator > 0
    con.close()


def test_the_city_is_named_from_the_database(demo):
    con = sqlite3.connect(demo)
    (city,) = con.execute("SELECT name_zh FROM admin_units WHERE level = 'city'").fetchone()
    con.close()
    for plan_id in ("zhengzhou_2022", "jincheng_2022"):
        rep = I.compute(demo, I.load_plan(plan_id), D(2024, 12, 31))
        names = {r.area_name for r in rep.results if r.area_code == rep.city_code}
        assert names == {city + "（全市）"} and "郑州" not in city and "晋城" not in city
