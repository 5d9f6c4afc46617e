"""Ledger import of pollution sources / abandoned wells: coordinates (decimal, DMS, projected), county-centroid
placement with field-check flag, validation before writing, one transaction, and updates instead of duplicates."""

from __future__ import annotations

import sqlite3

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg, tabular
from gw_plugin.core.sources import credit_codes, ledgers
from gw_plugin.core.sources.ledgers import parse_angle


def test_parse_angle():
    assert parse_angle("113.758") == pytest.approx(113.758)
    assert parse_angle("113°45′30.5″E") == pytest.approx(113 + 45 / 60 + 30.5 / 3600)
    assert parse_angle("113度45分30.5秒") == pytest.approx(113 + 45 / 60 + 30.5 / 3600)
    assert parse_angle("34:45:30") == pytest.approx(34 + 45 / 60 + 30 / 3600)
    assert parse_angle("34 45 30 N") == pytest.approx(34.758333, rel=1e-6)
    assert parse_angle("34°45'") == pytest.approx(34.75)
    assert parse_angle("12°75'") is None and parse_angle("abc") is None and parse_angle("") is None


@pytest.fixture
def db(tmp_path):
    """A city with two square counties in EPSG:4547 around 114°E 34.7°N."""
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("admin_units")
    # 114°E, 34.7°N is about x = 500000, y = 3840700 in EPSG:4547 (central meridian 114°E)
    for code, zh, x0 in (("419901", "东县", 480000), ("419902", "西县", 500000)):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"] = f"00000000-0000-4000-8000-{code:0>12}"
        f["code"], f["county_code"], f["name_zh"], f["level"] = code, code, zh, "county"
        f.SetGeometry(
            ogr.CreateGeometryFromWkt(
                f"MULTIPOLYGON ((({x0} 3820000, {x0 + 20000} 3820000, {x0 + 20000} 3860000, {x0} 3860000, {x0} 3820000)))"
            )
        )
        lyr.CreateFeature(f)
    ds = None
    return path


def _csv(tmp_path, rows, name="ledger.csv", encoding="gb18030"):
    p = tmp_path / name
    p.write_bytes(("\n".join(",".join(r) for r in rows) + "\n").encode(encoding))
    return str(p)


def _uscc(seed):
    import random

    return credit_codes.generate_uscc(random.Random(seed))


HEAD = ["单位名称", "统一社会信用代码", "污染源类别", "地址", "县区", "经度", "纬度"]


def test_import_then_update_without_duplicates(db, tmp_path, validate):
    a, b = _uscc(1), _uscc(2)
    rows = [
        HEAD,
        ["甲化工有限公司", a, "化工企业", "东路1号", "", "113°55′00″E", "34°42′00″N"],
        ["乙电镀厂", b, "电镀", "西路2号", "西县", "", ""],  # no coordinates → centroid of 西县
        ["丙加油站", "", "加油站", "北路3号", "东县", "", ""],  # no code, no coordinates: code generated, centroid
    ]
    path = _csv(tmp_path, rows)
    table = tabular.read_table(path)
    mapping = ledgers.guess_mapping(table, "pollution_sources")
    assert mapping.columns["uscc"] == "统一社会信用代码" and mapping.columns["lon"] == "经度"
    rep = ledgers.validate_ledger(table, db, mapping)
    assert rep.errors == [], rep.issues
    ledgers.write_ledger(rep, db, user="tester")
    assert rep.inserted == 3
    con = sqlite3.connect(db)
    got = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT name_zh, category, county_code, needs_field_check, source_code FROM pollution_sources"
        )
    }
    assert got["甲化工有限公司"][:3] == ("chemical", "419901", 0)  # 113.9167°E lies in 东县 (x < 500000)
    assert got["乙电镀厂"][:3] == ("electroplating", "419902", 1)
    assert got["丙加油站"][2] == 1 and got["丙加油站"][3].startswith("419901-")
    con.close()
    assert validate(db) == []
    # an updated ledger: 甲 changed its address, 乙 got coordinates; nothing is duplicated
    rows2 = [
        HEAD,
        ["甲化工有限公司", a, "化工企业", "东路100号", "", "113°55′00″E", "34°42′00″N"],
        ["乙电镀厂", b, "电镀企业", "西路2号", "西县", "114.1", "34.70"],
    ]
    rep2 = ledgers.validate_ledger(_csv(tmp_path, rows2, "v2.csv", "utf-8-sig"), db, mapping)
    assert rep2.errors == []
    changes = "\n".join(rep2.changes_text())
    assert "东路1号" in changes and "东路100号" in changes
    ledgers.write_ledger(rep2, db)
    assert (rep2.inserted, rep2.updated) == (0, 2)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM pollution_sources").fetchone()[0] == 3
    assert con.execute("SELECT address FROM pollution_sources WHERE uscc = ?", (a,)).fetchone()[0] == "东路100号"
    assert con.execute("SELECT needs_field_check FROM pollution_sources WHERE uscc = ?", (b,)).fetchone()[0] == 0


def test_bad_ledger_writes_nothing(db, tmp_path):
    rows = [
        HEAD,
        ["好公司", _uscc(3), "化工", "", "东县", "", ""],
        ["坏代码", "91410100MA44B7XK7X", "化工", "", "东县", "", ""],  # wrong check digit
        ["坏类别", _uscc(4), "火箭工厂", "", "东县", "", ""],
        ["城外", _uscc(5), "化工", "", "", "110.0", "30.0"],  # outside the city
        ["无位置", _uscc(6), "化工", "", "", "", ""],
        ["", _uscc(7), "化工", "", "东县", "", ""],  # no name
    ]
    path = _csv(tmp_path, rows)
    mapping = ledgers.guess_mapping(tabular.read_table(path), "pollution_sources")
    rep = ledgers.validate_ledger(path, db, mapping)
    codes_found = {i.code for i in rep.errors}
    assert {"bad_uscc", "unknown_code", "outside_city", "no_location", "missing"} <= codes_found
    with pytest.raises(ledgers.LedgerRefusedError):
        ledgers.write_ledger(rep, db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM pollution_sources").fetchone()[0] == 0
    con.close()
    ledgers.write_ledger(rep, db, accept_valid_only=True)
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("SELECT name_zh FROM pollution_sources")] == ["好公司"]


def test_abandoned_wells_ledger(db, tmp_path):
    rows = [
        ["编号", "名称", "废弃井类型", "井深", "风险等级", "封井状态", "封填日期", "县区"],
        ["FJ-1", "老井1", "废弃水井", "80", "高", "已封填", "2023-05-01", "东县"],
        ["FJ-2", "矿井2", "废弃矿井", "300", "中", "计划封填", "", "西县"],
    ]
    path = _csv(tmp_path, rows, encoding="utf-8")
    mapping = ledgers.guess_mapping(tabular.read_table(path), "abandoned_wells")
    rep = ledgers.validate_ledger(path, db, mapping)
    assert rep.errors == [], rep.issues
    ledgers.write_ledger(rep, db)
    con = sqlite3.connect(db)
    got = con.execute(
        "SELECT well_code, kind, risk_class, sealing_status, sealed_on, remarks FROM abandoned_wells ORDER BY well_code"
    ).fetchall()
    assert got[0][:5] == ("FJ-1", "water_well", "high", "sealed", "2023-05-01")
    assert "待现场核实" in got[0][5]  # no needs_field_check column there: the remark says it
    assert got[1][1:4] == ("mine_shaft", "medium", "planned")


def test_importledger_algorithm(db, tmp_path, qgis_processing):
    import processing
    from qgis.core import QgsProcessingException

    from gw_plugin.processing.provider import register_provider

    register_provider()
    good = _csv(tmp_path, [HEAD, ["丁化工", _uscc(9), "化工", "", "东县", "", ""]])
    bad = _csv(tmp_path, [HEAD, ["戊", _uscc(10), "火箭", "", "东县", "", ""]], "bad.csv")
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:importledger", {"INPUT": bad, "DATABASE": db})
    res = processing.run("gwplugin:importledger", {"INPUT": good, "DATABASE": db})
    assert res["INSERTED"] == 1 and res["ERRORS"] == 0
    res = processing.run("gwplugin:importledger", {"INPUT": good, "DATABASE": db})
    assert res["INSERTED"] == 0 and res["UPDATED"] == 0


def test_roster_list_and_inspection_ledger(db, tmp_path, validate):
    a, b = _uscc(21), _uscc(22)
    path = _csv(tmp_path, [HEAD, ["甲化工", a, "化工", "", "东县", "", ""], ["乙电镀", b, "电镀", "", "西县", "", ""]])
    rep = ledgers.validate_ledger(path, db, ledgers.guess_mapping(tabular.read_table(path), "pollution_sources"))
    ledgers.write_ledger(rep, db)
    roster = _csv(
        tmp_path,
        [
            ["单位名称", "统一社会信用代码", "名录", "名录版本", "纳入理由"],
            ["甲化工", a, "地下水污染重点监管单位名录", "2024", "化工企业"],
            ["乙电镀", "", "地下水污染重点监管单位名录", "2024", "电镀企业"],  # matched by name
            ["丙不存在", "", "地下水污染重点监管单位名录", "2024", ""],
        ],
        "roster.csv",
    )
    mapping = ledgers.guess_linked_mapping(tabular.read_table(roster), "roster_entries")
    rep = ledgers.validate_linked(roster, db, mapping)
    assert [i.code for i in rep.errors] == ["unknown_source"]
    with pytest.raises(ledgers.LedgerRefusedError):
        ledgers.write_linked(rep, db)
    ledgers.write_linked(rep, db, accept_valid_only=True)
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT roster, status, roster_version, county_code FROM roster_entries ORDER BY reason"
    ).fetchall()
    assert rows == [
        ("gw_key_supervised", "published", "2024", "419901"),
        ("gw_key_supervised", "published", "2024", "419902"),
    ]
    con.close()
    # the same list again with a changed reason: a published version is immutable (issue 16), refused, never duplicated
    roster2 = _csv(
        tmp_path,
        [
            ["统一社会信用代码", "名录", "名录版本", "纳入理由"],
            [a, "地下水污染重点监管单位名录", "2024", "化工企业（园区内）"],
        ],
        "roster2.csv",
    )
    rep2 = ledgers.validate_linked(
        roster2, db, ledgers.guess_linked_mapping(tabular.read_table(roster2), "roster_entries")
    )
    assert [i.code for i in rep2.errors] == ["published_version"]
    with pytest.raises(ledgers.LedgerRefusedError):
        ledgers.write_linked(rep2, db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT reason FROM roster_entries WHERE reason LIKE '化工%'").fetchall() == [("化工企业",)]
    con.close()
    insp = _csv(
        tmp_path,
        [
            ["统一社会信用代码", "检查类型", "检查日期", "检查人", "设施类型", "结论", "发现问题"],
            [a, "渗漏排查", "2024-05-06", "张三", "储罐", "发现问题", "罐区防渗层破损"],
        ],
        "insp.csv",
    )
    rep3 = ledgers.validate_linked(insp, db, ledgers.guess_linked_mapping(tabular.read_table(insp), "inspections"))
    assert rep3.errors == []
    ledgers.write_linked(rep3, db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM roster_entries").fetchone()[0] == 2
    got = con.execute("SELECT kind, inspected_on, facility_type, result, county_code FROM inspections").fetchall()
    assert got == [("leakage_investigation", "2024-05-06", "tank", "issue", "419901")]
    con.close()
    assert validate(db) == []


def test_discharge_permit_list(db, tmp_path, validate):
    # permits name their source like the other records of a source; yes/no written as 是/否/√; "valid until" may lie
    # in the future, "issued on" may not; a re-imported list updates the same permit number
    a, b = _uscc(31), _uscc(32)
    path = _csv(tmp_path, [HEAD, ["甲化工", a, "化工", "", "东县", "", ""], ["乙电镀", b, "电镀", "", "西县", "", ""]])
    ledgers.write(ledgers.validate(path, db, ledgers.guess(tabular.read_table(path), "pollution_sources")), db)
    head = [
        "统一社会信用代码",
        "单位名称",
        "排污许可证编号",
        "发证日期",
        "有效期至",
        "地下水自行监测要求",
        "隐患排查要求",
    ]
    permits = _csv(
        tmp_path,
        [
            head,
            [a, "", "91410100XX001P", "2023-04-01", "2028-03-31", "是", "√"],
            ["", "乙电镀", "91410100XX002P", "2024年1月5日", "2029-01-04", "否", "否"],
            [a, "", "91410100XX003P", "2099-01-01", "2100-01-01", "是", "是"],  # issued in the future
            [b, "", "91410100XX004P", "2024-02-01", "2029-01-31", "也许", "否"],  # neither yes nor no
        ],
        "permits.csv",
    )
    table = tabular.read_table(permits)
    mapping = ledgers.guess(table, "permits")
    assert mapping.columns["permit_no"] == "排污许可证编号" and mapping.columns["valid_until"] == "有效期至"
    rep = ledgers.validate(table, db, mapping, today=__import__("datetime").date(2026, 11, 23))
    assert sorted((i.row, i.code) for i in rep.errors) == [(4, "bad_date"), (5, "bad_value")]
    with pytest.raises(ledgers.LedgerRefusedError):
        ledgers.write(rep, db)
    ledgers.write(rep, db, accept_valid_only=True)
    con = sqlite3.connect(db)
    got = con.execute(
        "SELECT p.permit_no, p.issued_on, p.valid_until, p.gw_self_monitoring, p.hidden_danger_investigation, "
        "p.county_code, s.name_zh FROM permits p JOIN pollution_sources s ON s.uuid = p.source_uuid ORDER BY 1"
    ).fetchall()
    assert got == [
        ("91410100XX001P", "2023-04-01", "2028-03-31", 1, 1, "419901", "甲化工"),
        ("91410100XX002P", "2024-01-05", "2029-01-04", 0, 0, "419902", "乙电镀"),
    ]
    con.close()
    renewed = _csv(tmp_path, [head[:1] + head[2:5], [a, "91410100XX001P", "2023-04-01", "2033-03-31"]], "renew.csv")
    rep2 = ledgers.validate(renewed, db, ledgers.guess(tabular.read_table(renewed), "permits"))
    ledgers.write(rep2, db)
    assert (rep2.inserted, rep2.updated) == (0, 1)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), max(valid_until) FROM permits").fetchone() == (2, "2033-03-31")
    con.close()
    assert validate(db) == []
