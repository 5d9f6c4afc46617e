"""The leakage-investigation list (seed 000 三(二)6(2)): the three screening rules, the listing date, the XLSX read
back, and the leakage rate counted over the list as of a date."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from openpyxl import load_workbook

from gw_plugin.core.sources import indicators as I
from gw_plugin.core.sources import leakage_list as L
from gw_plugin.core.sources import rosters

from .test_rosters import X0, Y0, add_features, make_project, source, square


@pytest.fixture
def city(tmp_path):
    path = make_project(tmp_path)
    add_features(
        path, "admin_units", [{"code": "410101", "name_zh": "甲区", "level": "county", "wkt": square(X0, Y0, 9)}]
    )
    add_features(
        path,
        "recharge_zones",
        [
            {"kind": "recharge", "wkt": square(X0, Y0, 1000)},
            {"kind": "capture", "wkt": square(X0 + 5000, Y0, 1000)},  # an automatic capture zone: not a rule
        ],
    )
    site = add_features(
        path,
        "sites",
        [{"site_code": "DK1", "name_zh": "地块", "gw_exceedance": "exceeding", "wkt": square(X0 + 3000, Y0, 50)}],
    )[0]
    rows = [
        source("油站补给区", "gas_station", X0 + 500, Y0 + 500),
        source("油站污染", "gas_station", X0 + 3020, Y0 + 20, site_uuid=site),
        source("化工区外", "chemical", X0 + 8000, Y0 + 8000),
        source("油站区外", "gas_station", X0 + 9000, Y0 + 9000),
        source("化工关闭", "chemical", X0 + 500, Y0 + 600, operating_status="closed"),
        source("油站捕获区", "gas_station", X0 + 5500, Y0 + 500),
    ]
    ids = dict(zip([r["name_zh"] for r in rows], add_features(path, "pollution_sources", rows)))
    return path, ids


def test_rules_listing_date_and_xlsx(city, tmp_path):
    path, ids = city
    res = L.screen(path)
    got = {c.source_uuid: c.rules for c in res.candidates}
    assert got == {
        ids["油站补给区"]: ("recharge_zone",),
        ids["油站污染"]: ("polluted",),
        ids["化工区外"]: ("key_source",),
    }
    # a proposal only: nothing listed yet, so no leakage rate
    zz = I.load_plan("zhengzhou_2022")
    leak = lambda rep: next(  # noqa: E731
        r for r in rep.results if r.indicator_id == "zz_leakage_investigation" and r.area_code == "410100"
    )
    assert leak(I.compute(path, zz, dt.date.today())).denominator == 0
    with pytest.raises(rosters.RosterError):
        L.screen(path, write=True, on=dt.date.today() + dt.timedelta(days=1))
    res = L.screen(path, write=True, on=dt.date(2023, 3, 1), user="王科长")
    assert res.newly_listed == 3
    assert L.screen(path, write=True, user="王科长").newly_listed == 0  # listed once
    con = sqlite3.connect(str(path))
    listed = dict(con.execute("SELECT name_zh, leakage_listed_on FROM pollution_sources WHERE on_leakage_list = 1"))
    con.close()
    assert listed == {"油站补给区": "2023-03-01", "油站污染": "2023-03-01", "化工区外": "2023-03-01"}
    # the rate is counted over the list, from its listing date on
    assert leak(I.compute(path, zz, dt.date(2023, 2, 28))).denominator == 0
    assert (
        leak(I.compute(path, zz, dt.date(2023, 3, 1))).numerator,
        leak(I.compute(path, zz, dt.date(2023, 3, 1))).denominator,
    ) == (0, 3)
    out = tmp_path / "list.xlsx"
    L.write_list_xlsx(out, str(path), dt.date(2023, 12, 31), city="郑州市")
    ws = load_workbook(out).active
    assert ws["A1"].value == "郑州市地下水污染源渗漏排查清单"
    assert [c.value for c in ws[3]] == L.LIST_HEADERS
    body = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert set(body) == {"油站补给区", "油站污染", "化工区外"}
    assert body["油站污染"][7] == "已造成地下水污染（所在地块地下水超标）" and body["化工区外"][3] == "甲区"
    assert body["化工区外"][6] == "2023-03-01" and body["化工区外"][8] == "未开展"
    # taking a source off the list is a decision with a user
    with pytest.raises(rosters.RosterError):
        L.unlist(path, [ids["化工区外"]], "")
    L.unlist(path, [ids["化工区外"]], "王科长")
    assert leak(I.compute(path, zz, dt.date(2023, 3, 1))).denominator == 2
