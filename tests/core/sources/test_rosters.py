"""Roster screening, decisions, versioned publication and the official XLSX/PDF listings, on real GeoPackages.

The helpers at the top (make_project, add_rows, add_features) build project files for the other source tests too.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import subprocess
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.data import schema as S
from gw_plugin.core.sources import credit_codes, roster_publication, roster_screening, rosters


# ----------------------------------------------------------------------------------------------------------------
# Builders shared by the source tests
# ----------------------------------------------------------------------------------------------------------------
def new_uuid() -> str:
    return str(uuid.uuid4())


def add_features(path, table: str, rows: list) -> list:
    """Insert rows (dicts; optional 'wkt' key for the geometry) through OGR so the R-tree triggers work."""
    ds = ogr.Open(str(path), 1)
    lyr = ds.GetLayerByName(table)
    defn = lyr.GetLayerDefn()
    out = []
    lyr.StartTransaction()
    for r in rows:
        r = dict(r)
        r.setdefault("uuid", new_uuid())
        r.setdefault("county_code", "410101")
        f = ogr.Feature(defn)
        wkt = r.pop("wkt", None)
        for k, v in r.items():
            if v is not None:
                f.SetField(k, v)
        if wkt:
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
        out.append(r["uuid"])
    lyr.CommitTransaction()
    ds = None
    return out


def add_rows(path, table: str, rows: list) -> list:
    """Insert rows into a table without geometry through sqlite3."""
    con = sqlite3.connect(str(path))
    out = []
    with con:
        for r in rows:
            r = dict(r)
            r.setdefault("uuid", new_uuid())
            r.setdefault("county_code", "410101")
            cols = list(r)
            con.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", [r[c] for c in cols]
            )
            out.append(r["uuid"])
    con.close()
    return out


def execute(path, sql: str) -> None:
    """Run an UPDATE/DELETE through OGR (a plain sqlite3 connection lacks the R-tree trigger functions)."""
    ds = ogr.Open(str(path), 1)
    ds.ExecuteSQL(sql)
    ds = None


def square(x0, y0, size) -> str:
    return f"MULTIPOLYGON((({x0} {y0},{x0 + size} {y0},{x0 + size} {y0 + size},{x0} {y0 + size},{x0} {y0})))"


def source(name, category, x, y, county="410101", **kw) -> dict:
    d = {
        "source_code": "S-" + name,
        "name_zh": name,
        "category": category,
        "uscc": credit_codes.generate_uscc(random.Random(name), division=county),
        "address": name + "路1号",
        "operating_status": "operating",
        "county_code": county,
        "wkt": f"POINT({x} {y})",
    }
    d.update(kw)
    return d


def make_project(tmp_path, name="city.gpkg"):
    path = tmp_path / name
    gpkg.create_database(str(path))
    return path


X0, Y0 = 38_500_000.0, 3_850_000.0  # EPSG:4547 false easting region (metres)


@pytest.fixture
def project(tmp_path):
    """Sources: chemical inside the recharge zone, chemical outside, landfill, gas station near an exceeding well,
    electroplating closed inside the zone, an 'other' source inside a protection zone."""
    path = make_project(tmp_path)
    add_features(
        path,
        "admin_units",
        [
            {"code": "410101", "name_zh": "中原区", "level": "county", "wkt": square(X0 - 5000, Y0 - 5000, 20000)},
            {"code": "410102", "name_zh": "二七区", "level": "county", "wkt": square(X0 + 15000, Y0 - 5000, 20000)},
        ],
    )
    ws = add_features(
        path,
        "drinking_water_sources",
        [
            {
                "source_code": "WS1",
                "name_zh": "九五滩水源地",
                "source_type": "riverside",
                "level": "city",
                "wkt": f"POINT({X0 + 500} {Y0 + 500})",
            },
        ],
    )[0]
    add_features(path, "recharge_zones", [{"water_source_uuid": ws, "kind": "recharge", "wkt": square(X0, Y0, 1000)}])
    add_features(
        path,
        "protection_zones",
        [{"water_source_uuid": ws, "zone_class": "class_1", "wkt": square(X0 + 5000, Y0, 100)}],
    )
    ids = {}
    rows = [
        source("化工甲", "chemical", X0 + 100, Y0 + 100),
        source("化工乙", "chemical", X0 + 3000, Y0 + 100, county="410102"),
        source("填埋场", "landfill", X0 + 8000, Y0 + 8000),
        source("加油站", "gas_station", X0 + 10000, Y0 + 10000),
        source("加油站邻", "gas_station", X0 + 10150, Y0 + 10000),  # a neighbour, 50 m from the other's well
        source("电镀丙", "electroplating", X0 + 500, Y0 + 900, operating_status="closed"),
        source("其他丁", "other", X0 + 5050, Y0 + 50),
    ]
    for name, u in zip([r["name_zh"] for r in rows], add_features(path, "pollution_sources", rows)):
        ids[name] = u
    well = add_features(
        path,
        "monitoring_wells",
        [
            {
                "well_code": "W-PS-1",
                "name_zh": "加油站监测井",
                "well_type": "pollution_source",
                "aquifer_layer": "phreatic",
                "status": "active",
                "wkt": f"POINT({X0 + 10100} {Y0 + 10000})",
            },
            {
                "well_code": "W-PS-2",
                "name_zh": "化工乙监测井",
                "well_type": "pollution_source",
                "aquifer_layer": "phreatic",
                "status": "active",
                "wkt": f"POINT({X0 + 3050} {Y0 + 100})",
            },
            {  # a well of nobody inside the landfill's site polygon (its footprint)
                "well_code": "W-LF-3",
                "name_zh": "填埋场地块内监测井",
                "well_type": "enterprise_land",
                "aquifer_layer": "phreatic",
                "status": "active",
                "wkt": f"POINT({X0 + 8020} {Y0 + 8020})",
            },
        ],
    )
    # the wells of the gas station and of 化工乙 belong to them (monitoring_wells.source_uuid)
    execute(path, f"UPDATE monitoring_wells SET source_uuid = '{ids['加油站']}' WHERE well_code = 'W-PS-1'")
    execute(path, f"UPDATE monitoring_wells SET source_uuid = '{ids['化工乙']}' WHERE well_code = 'W-PS-2'")
    site = add_features(
        path, "sites", [{"site_code": "DK1", "name_zh": "填埋场地块", "wkt": square(X0 + 7950, Y0 + 7950, 120)}]
    )
    execute(path, f"UPDATE pollution_sources SET site_uuid = '{site[0]}' WHERE uuid = '{ids['填埋场']}'")
    recent = (dt.date.today() - dt.timedelta(days=100)).isoformat()
    old = (dt.date.today() - dt.timedelta(days=365 * 6)).isoformat()
    s1, s2, s3 = add_rows(
        path,
        "samples",
        [
            {"well_uuid": well[0], "sample_code": "A1", "sampled_on": recent},
            {"well_uuid": well[1], "sample_code": "B1", "sampled_on": old},  # old exceedance: not "recent"
            {"well_uuid": well[2], "sample_code": "C1", "sampled_on": recent},
        ],
    )
    # GB/T 14848-2017 Table 1: nitrate (as N) class III ≤ 20 mg/L; benzene class III ≤ 10 μg/L.
    add_rows(
        path,
        "sample_results",
        [
            {"sample_uuid": s1, "parameter": "硝酸盐", "value_text": "35", "value_num": 35.0, "unit": "mg/L"},
            {"sample_uuid": s1, "parameter": "氨氮", "value_text": "0.1", "value_num": 0.1, "unit": "mg/L"},
            {"sample_uuid": s2, "parameter": "苯", "value_text": "500", "value_num": 500.0, "unit": "μg/L"},
            {"sample_uuid": s3, "parameter": "氨氮", "value_text": "2.0", "value_num": 2.0, "unit": "mg/L"},
        ],
    )
    return path, ids


def entries(path):
    con = sqlite3.connect(str(path))
    rows = con.execute(
        "SELECT source_uuid, roster, status, reason, uuid, decided_on, decided_by, roster_version FROM roster_entries"
    ).fetchall()
    con.close()
    return rows


# ----------------------------------------------------------------------------------------------------------------
def test_shipped_rules_cite_the_seeds():
    rs = rosters.load_rules()
    assert len(rs.rules) >= 5
    for r in rs.rules:
        assert r.seed[:3] in ("000", "001", "004") and r.reason_zh and r.reason_en


def test_bad_rules_are_refused(tmp_path):
    p = tmp_path / "r.json"
    p.write_text(
        '{"rules": [{"id": "x", "rosters": ["nope"], "conditions": {"categories": ["chemical"]},'
        '"reason_zh": "a", "reason_en": "b"}]}',
        encoding="utf-8",
    )
    with pytest.raises(rosters.RosterError):
        rosters.load_rules(p)
    p.write_text(
        '{"rules": [{"id": "x", "rosters": ["gw_key_supervised"], "conditions": {"colour": 1},'
        '"reason_zh": "a", "reason_en": "b"}]}',
        encoding="utf-8",
    )
    with pytest.raises(rosters.RosterError):
        rosters.load_rules(p)


def test_point_in_polygon_with_hole():
    import numpy as np

    outer = np.array([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], float)
    hole = np.array([[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]], float)
    x = np.array([1, 5, 11, 9.9, np.nan])
    y = np.array([1, 5, 5, 9.9, 1])
    assert rosters.points_in_rings(x, y, [outer, hole]).tolist() == [True, False, False, True, False]


def test_screening_proposes_with_reasons(project, validate):
    path, ids = project
    res = roster_screening.screen(path, user="tester")
    got = {(s, r): reason for s, r, st, reason, *_ in entries(path)}
    assert all(st == "proposed" for _s, _r, st, *_ in entries(path))
    # chemical inside the recharge zone → both groundwater rosters, with the recharge-zone reason
    assert "补给区" in got[(ids["化工甲"], "gw_key_discharge")]
    assert "补给区" in got[(ids["化工甲"], "gw_key_supervised")]
    # chemical outside the zone: key-industry reasons, no recharge-zone reason
    assert "补给区" not in got[(ids["化工乙"], "gw_key_discharge")]
    # its well exceeded six years ago only → no exceedance proposal for the soil roster
    assert (ids["化工乙"], "soil_key_supervised") not in got
    # landfill: 一企一库、两场两区
    assert "两场两区" in got[(ids["填埋场"], "gw_key_supervised")]
    assert (ids["填埋场"], "gw_key_discharge") not in got
    # gas station: recent nitrate exceedance at its own well; the reason names the well and the parameter
    reason = got[(ids["加油站"], "soil_key_supervised")]
    assert "W-PS-1" in reason and "硝酸盐" in reason and "氨氮" not in rosters.reason_zh(reason).split("W-PS-1")[1]
    assert "own well" in reason.split("\n")[1]
    # the neighbour 50 m from that well is not tagged: the well is not its own (issue 16)
    assert (ids["加油站邻"], "soil_key_supervised") not in got
    # the landfill: a well of nobody inside its site polygon exceeds (ammonia, GB/T 14848 class III ≤ 0.50 mg/L)
    assert "W-LF-3" in got[(ids["填埋场"], "soil_key_supervised")]
    # closed electroplating inside the zone: the recharge rule excludes closed units
    assert (ids["电镀丙"], "gw_key_discharge") not in got
    # source in a protection zone
    assert "保护区" in got[(ids["其他丁"], "gw_key_supervised")]
    assert res.counts["new"] == len(got)
    assert validate(path) == []


def test_rescreening_never_duplicates_or_overrides(project):
    path, ids = project
    roster_screening.screen(path, user="a")
    first = entries(path)
    by_pair = {(s, r): u for s, r, _st, _re, u, *_ in first}
    acc = by_pair[(ids["化工甲"], "gw_key_discharge")]
    rej = by_pair[(ids["填埋场"], "gw_key_supervised")]
    today = dt.date.today()
    assert roster_publication.decide(path, [acc], "accepted", "王科长", today) == 1
    assert roster_publication.decide(path, [rej], "rejected", "王科长", today) == 1
    res = roster_screening.screen(path, user="b")
    second = entries(path)
    assert len(second) == len(first)
    assert res.counts.get("new", 0) == 0 and res.counts["decided"] == 2
    st = {u: (status, on, by) for _s, _r, status, _re, u, on, by, _v in second}
    assert st[acc] == ("accepted", today.isoformat(), "王科长")
    assert st[rej] == ("rejected", today.isoformat(), "王科长")
    with pytest.raises(rosters.RosterError):
        roster_publication.decide(path, [acc], "maybe", "x")
    with pytest.raises(rosters.RosterError):
        roster_publication.decide(path, [acc], "accepted", "")
    with pytest.raises(rosters.RosterError):
        roster_publication.decide(path, [acc], "accepted", "x", today + dt.timedelta(days=2))


def test_stale_proposals_are_reported_not_deleted(project, tmp_path):
    path, ids = project
    roster_screening.screen(path)
    # no longer a landfill, and no longer on the site whose well exceeds: no rule matches it
    execute(path, f"UPDATE pollution_sources SET category = 'other', site_uuid = NULL WHERE uuid = '{ids['填埋场']}'")
    res = roster_screening.screen(path)
    assert (ids["填埋场"], "gw_key_supervised") in {(s, r) for _e, s, r in res.stale}
    assert (ids["填埋场"], "gw_key_supervised") in {(s, r) for s, r, *_ in entries(path)}


def test_publish_versions_and_exports(project, tmp_path, qgis_app):
    from openpyxl import load_workbook

    from gw_plugin.core.data import reports

    path, ids = project
    roster_screening.screen(path)
    sup = [(u, s) for s, r, _st, _re, u, *_ in entries(path) if r == "gw_key_supervised"]
    roster_publication.decide(path, [u for u, _ in sup], "accepted", "李工")
    n = roster_publication.publish(path, "gw_key_supervised", "2023-1", "李工")
    assert n == len(sup)
    with pytest.raises(rosters.RosterError):
        roster_publication.publish(path, "gw_key_supervised", "2023-1", "李工")  # a version is published once
    with pytest.raises(rosters.RosterError):
        roster_publication.publish(path, "soil_key_supervised", "2023-1", "李工")  # nothing accepted yet
    # a later decision does not change the published snapshot; a member leaves the next version only when removed
    roster_publication.decide(path, [sup[0][0]], "rejected", "李工")
    roster_publication.remove(path, "gw_key_supervised", [sup[0][1]], "李工", "企业已关闭")
    roster_publication.publish(path, "gw_key_supervised", "2024-1", "李工")
    vers = roster_publication.versions(path, "gw_key_supervised")
    assert [(v, k) for v, _d, k in vers] == [("2023-1", len(sup)), ("2024-1", len(sup) - 1)]
    pub = [e for e in entries(path) if e[2] == "published" and e[7] == "2023-1"]
    with pytest.raises(rosters.RosterError):
        roster_publication.decide(path, [pub[0][4]], "rejected", "x")

    rows = roster_publication.roster_rows(path, "gw_key_supervised", "2023-1")
    assert len(rows) == len(sup)
    out = tmp_path / "roster.xlsx"
    reports.write_roster_xlsx(out, "gw_key_supervised", rows, version="2023-1", city="郑州市")
    wb = load_workbook(out)
    ws = wb.active
    header = [c.value for c in ws[3]]
    assert header == ["序号", "单位名称", "统一社会信用代码", "所在县（市、区）", "类别", "地址", "纳入理由"]
    body = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert len(body) == len(sup)
    assert "地下水污染重点监管单位名录" in ws["A1"].value and "2023-1" in ws["A1"].value
    names = {r[1] for r in body}
    assert "化工甲" in names and "填埋场" in names
    row = next(r for r in body if r[1] == "化工乙")
    assert row[3] == "二七区" and row[4] == "化工企业" and credit_codes.validate_uscc(row[2])[0]
    assert [r[0] for r in body] == list(range(1, len(body) + 1))

    pdf = tmp_path / "roster.pdf"
    reports.write_roster_pdf(pdf, "gw_key_supervised", rows, version="2023-1", city="郑州市")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "地下水污染重点监管单位名录" in text and "化工乙" in text and "二七区" in text
    assert S.codelist("roster_kind").label("gw_key_supervised") in text


# ----------------------------------------------------------------------------------------------------------------
# Processing algorithms
# ----------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


def test_screen_publish_export_algorithms(provider, project, tmp_path):
    import processing
    from openpyxl import load_workbook
    from qgis.core import QgsProcessingException

    path, ids = project
    res = processing.run(
        "gwplugin:screenrosters", {"DATABASE": str(path), "ROSTERS": [1], "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    props = list(res["OUTPUT"].getFeatures())
    assert {f["roster"] for f in props} == {"gw_key_supervised"}
    assert res["N_NEW"] == len(props) == len(entries(path))
    # a dry run writes nothing
    before = len(entries(path))
    processing.run("gwplugin:screenrosters", {"DATABASE": str(path), "WRITE": False})
    assert len(entries(path)) == before
    roster_publication.decide(path, [e[4] for e in entries(path)], "accepted", "周")
    # ROSTER left out: the default (groundwater key supervised units) applies
    processing.run("gwplugin:publishroster", {"DATABASE": str(path), "VERSION": "v1", "USER": "周"})
    assert [v for v, _d, _n in roster_publication.versions(path, "gw_key_supervised")] == ["v1"]
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:publishroster", {"DATABASE": str(path), "ROSTER": 1, "VERSION": "v1", "USER": "周"})
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    out = processing.run(
        "gwplugin:exportroster",
        {"DATABASE": str(path), "ROSTER": 1, "VERSION": "v1", "CITY": "郑州市", "XLSX": str(xlsx), "PDF": str(pdf)},
    )
    assert out["N_ROWS"] == before and pdf.stat().st_size > 1000
    ws = load_workbook(xlsx).active
    assert ws["A1"].value == "郑州市地下水污染重点监管单位名录（v1版）"
    with pytest.raises(QgsProcessingException):
        processing.run(
            "gwplugin:exportroster", {"DATABASE": str(path), "ROSTER": 1, "VERSION": "nope", "XLSX": str(xlsx)}
        )
