"""Site co-management classes (seed 001 二(四)1) and sources inside zones (seed 000 三(三)9(2)), in core and through
the gwplugin:classifysites and gwplugin:sourcesinzones algorithms on real GeoPackages."""

from __future__ import annotations

import itertools
import math

import pytest
from openpyxl import load_workbook
from qgis.core import QgsVectorLayer

from gw_plugin.core.sources import site_class
from gw_plugin.processing.provider import register_provider

from .test_rosters import X0, Y0, add_features, make_project, source, square

STATES = [None, "unknown", "not_exceeding", "exceeding"]


def test_the_rule_of_seed_001():
    # soil not exceeding + groundwater exceeding + a shared pollutant → contaminated site
    c = site_class.classify_site("not_exceeding", "exceeding", "苯、六价铬，石油烃", "硝酸盐；铬（六价）", "closed")
    assert c.outcome == "contaminated_site" and c.matched == ("铬（六价）",) and c.rule_applies
    assert "污染地块" in c.reason_zh and "contaminated site" in c.reason_en
    # no shared pollutant → groundwater key-zone control class
    c = site_class.classify_site("not_exceeding", "exceeding", "苯, 甲苯", "硝酸盐, 氨氮", "closed")
    assert c.outcome == "gw_control_zone" and c.matched == () and "管控类" in c.reason_zh
    # full-width / case differences are folded
    c = site_class.classify_site("not_exceeding", "exceeding", "ＴＰＨ", "总石油烃", "redeveloping")
    assert c.outcome == "contaminated_site"


def test_every_combination_has_an_outcome_and_reasons():
    seen = set()
    for soil, gw, status, chars, exc in itertools.product(
        STATES, STATES, [None, "operating", "closed", "remediated"], [None, "苯"], [None, "苯", "氨氮"]
    ):
        c = site_class.classify_site(soil, gw, chars, exc, status)
        assert c.outcome in site_class.OUTCOMES
        assert c.reason_zh and c.reason_en and c.outcome_zh and c.outcome_en
        seen.add(c.outcome)
        if soil == "exceeding":
            assert c.outcome == "soil_assessment"
        if soil == "not_exceeding" and gw == "exceeding" and status != "operating":
            assert c.outcome in ("contaminated_site", "gw_control_zone", "needs_pollutant_data") and c.rule_applies
        else:
            assert not c.rule_applies
    assert seen == set(site_class.OUTCOMES)


def test_specific_other_outcomes():
    assert (
        site_class.classify_site("not_exceeding", "exceeding", "苯", "苯", "operating").outcome
        == "operating_enterprise"
    )
    c = site_class.classify_site("not_exceeding", "exceeding", "苯", None, None)
    assert c.outcome == "needs_pollutant_data" and "地下水超标污染物" in c.reason_zh and "核实" in c.reason_zh
    assert site_class.classify_site("not_exceeding", "not_exceeding", None, None).outcome == "no_action"
    assert site_class.classify_site("not_exceeding", None, None, None).outcome == "investigate_groundwater"
    c = site_class.classify_site(None, "exceeding", "苯", "苯")
    assert c.outcome == "investigate_soil" and "纳入污染地块管理" in c.reason_zh
    assert site_class.classify_site("unknown", "unknown", None, None).outcome == "investigate_both"
    assert site_class.pollutant_list("苯、 苯 ;甲苯\n二甲苯") == ["苯", "甲苯", "二甲苯"]


@pytest.fixture(scope="module")
def provider(qgis_processing):
    register_provider()


def test_classifysites_algorithm(provider, tmp_path):
    import processing

    path = make_project(tmp_path)
    rows = [
        ("S1", "not_exceeding", "exceeding", "苯,六价铬", "六价铬", "closed", "contaminated_site"),
        ("S2", "not_exceeding", "exceeding", "苯", "硝酸盐", "closed", "gw_control_zone"),
        ("S3", "exceeding", "exceeding", "苯", "苯", "closed", "soil_assessment"),
        ("S4", None, None, None, None, None, "investigate_both"),
    ]
    add_features(
        path,
        "sites",
        [
            {
                "site_code": code,
                "name_zh": code,
                "soil_exceedance": s,
                "gw_exceedance": g,
                "characteristic_pollutants": c,
                "gw_exceeding_pollutants": e,
                "site_status": st,
                "wkt": square(X0 + 200 * i, Y0, 100),
            }
            for i, (code, s, g, c, e, st, _o) in enumerate(rows)
        ],
    )
    out = str(tmp_path / "classified.gpkg")
    res = processing.run("gwplugin:classifysites", {"INPUT": f"{path}|layername=sites", "OUTPUT": out})
    layer = QgsVectorLayer(res["OUTPUT"], "c", "ogr")
    assert layer.isValid() and layer.featureCount() == 4
    got = {
        f["site_code"]: (f["outcome"], f["reason_zh"], f["reason_en"], f.geometry().area()) for f in layer.getFeatures()
    }
    for code, *_x, outcome in rows:
        assert got[code][0] == outcome and got[code][1] and got[code][2]
        assert got[code][3] == pytest.approx(10000)
    assert res["N_CONTAMINATED_SITE"] == 1


def test_sourcesinzones_algorithm(provider, tmp_path):
    import processing

    path = make_project(tmp_path)
    ws = add_features(
        path,
        "drinking_water_sources",
        [
            {
                "source_code": "A",
                "name_zh": "甲水源",
                "source_type": "well_field",
                "level": "county",
                "wkt": f"POINT({X0} {Y0})",
            },
            {
                "source_code": "B",
                "name_zh": "乙水源",
                "source_type": "well_field",
                "level": "county",
                "wkt": f"POINT({X0 + 5000} {Y0})",
            },
        ],
    )
    add_features(
        path,
        "monitoring_wells",
        [
            {
                "well_code": "A-1",
                "name_zh": "甲1",
                "well_type": "drinking_source",
                "aquifer_layer": "phreatic",
                "status": "active",
                "water_source_uuid": ws[0],
                "wkt": f"POINT({X0 + 500} {Y0 + 500})",
            },
            {
                "well_code": "B-1",
                "name_zh": "乙1",
                "well_type": "drinking_source",
                "aquifer_layer": "phreatic",
                "status": "active",
                "water_source_uuid": ws[1],
                "wkt": f"POINT({X0 + 5100} {Y0 + 100})",
            },
            {
                "well_code": "X-1",
                "name_zh": "污染源井",
                "well_type": "pollution_source",
                "aquifer_layer": "phreatic",
                "status": "active",
                "wkt": f"POINT({X0 + 1000} {Y0 + 1000})",
            },
        ],
    )
    add_features(
        path,
        "recharge_zones",
        [
            {
                "uuid": "11111111-1111-4111-8111-111111111111",
                "water_source_uuid": ws[0],
                "kind": "recharge",
                "wkt": square(X0, Y0, 2000),
            },
            {"uuid": "22222222-2222-4222-8222-222222222222", "kind": "capture", "wkt": square(X0 + 10000, Y0, 1000)},
        ],
    )
    add_features(
        path,
        "pollution_sources",
        [
            source("化工A", "chemical", X0 + 800, Y0 + 500),  # zone 1: 300 m east of well A-1
            source("加油站B", "gas_station", X0 + 1500, Y0 + 1500),  # zone 1
            source("地热C", "geothermal_well", X0 + 100, Y0 + 100),  # zone 1, not a category of 000 三(三)9(2)
            source("填埋D", "landfill", X0 + 10500, Y0 + 500),  # zone 2 (no water source): nearest well B-1
            source("外部E", "chemical", X0 + 3000, Y0 + 3000),  # outside
        ],
    )
    xlsx = str(tmp_path / "inzones.xlsx")
    res = processing.run(
        "gwplugin:sourcesinzones",
        {
            "ZONES": f"{path}|layername=recharge_zones",
            "ZONE_NAME": "kind",
            "SOURCES": f"{path}|layername=pollution_sources",
            "WELLS": f"{path}|layername=monitoring_wells",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "XLSX": xlsx,
        },
    )
    layer = res["OUTPUT"]
    got = {f["name_zh"]: f for f in layer.getFeatures()}
    assert set(got) == {"化工A", "加油站B", "填埋D"}
    a = got["化工A"]
    assert a["well_code"] == "A-1" and a["well_basis"] == "linked" and a["well_distance_m"] == pytest.approx(300)
    assert a["plan_group_zh"] == "工业企业" and a["zone_name"] == "recharge"
    assert got["加油站B"]["well_distance_m"] == pytest.approx(math.hypot(1000, 1000), abs=0.1)
    d = got["填埋D"]
    assert d["well_code"] == "B-1" and d["well_basis"] == "nearest"
    assert d["well_distance_m"] == pytest.approx(math.hypot(5400, 400), abs=0.1)
    wb = load_workbook(xlsx)
    ws_ = wb.active
    assert [c.value for c in ws_[3]][:4] == ["分区", "分区名称", "污染源编号", "单位名称"]
    body = list(ws_.iter_rows(min_row=4, values_only=True))
    assert len(body) == 3 and {r[3] for r in body} == {"化工A", "加油站B", "填埋D"}
    res = processing.run(
        "gwplugin:sourcesinzones",
        {
            "ZONES": f"{path}|layername=recharge_zones",
            "SOURCES": f"{path}|layername=pollution_sources",
            "ALL_CATEGORIES": True,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    names = {f["name_zh"]: f for f in res["OUTPUT"].getFeatures()}
    assert "地热C" in names and names["地热C"]["plan_group_zh"].startswith("其他")
    assert names["化工A"]["well_code"] in (None, "") or str(names["化工A"]["well_code"]) == "NULL"
