"""Issue 12: lab files as Chinese labs write them are stored and classified right — units and bases inside parameter
names, a value's own unit, qualifiers, exact limits, well codes after NFKC and case folding, names and sample-to-well
tables, parallel samples, strict dates, plausibility warnings, finite values, control characters, and the two
consistent pairs (normalised / as written) that classify the same. Real files from tests/data/lab."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg, tabular
from gw_plugin.core.wells import classify, lab_import, lab_write
from gw_plugin.core.wells.lab_import import ColumnMapping

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "data", "lab")
TODAY = dt.date(2026, 11, 23)
LONG = ColumnMapping(
    layout="long",
    well="点位",
    date="采样日期",
    parameter="检测项目",
    value="检测结果",
    unit="单位",
    sample_code="样品编号",
)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for k, (code, name) in enumerate([("JC-01", "城东水厂1号井"), ("JC-02", "城东水厂2号井")]):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["well_code"], f["county_code"], f["name_zh"] = str(uuid.uuid4()), code, "419901", name
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + 100 * k} 3850000)"))
        lyr.CreateFeature(f)
    ds = None
    return path


def _results(db) -> list:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return [
            dict(r)
            for r in con.execute(
                "SELECT m.well_code, s.sampled_on, s.sample_code, s.parallel_of, s.uuid AS sample_uuid, r.* "
                "FROM sample_results r JOIN samples s ON s.uuid = r.sample_uuid "
                "JOIN monitoring_wells m ON m.uuid = s.well_uuid ORDER BY r.fid"
            )
        ]
    finally:
        con.close()


def _issues(rep) -> dict:
    """file row → list of (code, severity)"""
    out: dict = {}
    for i in rep.issues:
        out.setdefault(i.row, []).append((i.code, i.severity))
    return out


def test_long_file_with_units_in_names(db):
    rep = lab_import.validate(os.path.join(DATA, "long_names_units_utf8.csv"), db, LONG, today=TODAY)
    issues = _issues(rep)
    # rows 2-10: clean (full-width and lower-case codes, five date notations, notations with and without units)
    for row in range(2, 11):
        assert row not in issues, (row, issues.get(row))
    assert ("missing_value", "error") in issues[11]
    assert 12 not in issues  # the parallel sample is no duplicate
    assert 13 not in issues  # a well by its name
    assert issues[14] == [("duplicate", "error")]  # 硝酸根 is NO3- again
    assert issues[15] == [("unknown_parameter", "error")]  # 余氯(Cl) is not 氯化物
    assert issues[16] == [("unit_conflict", "error")]  # 砷(μg/L) with "mg/L" in the unit column
    assert issues[17] == [("unit_conflict", "error")]  # "0.5mg/L" with "μg/L" in the unit column
    assert 18 not in issues  # "0.005mg/L" with no unit column: the value's unit is used
    assert issues[19] == [("implausible", "warning")]  # 汞 5 mg/L: a μg/L value written under mg/L?
    assert issues[20] == [("bad_date", "error")] and issues[21] == [("bad_date", "error")]
    for row in (22, 23, 24, 25):  # 1e999, "<-1", "-0.01L", 401 digits
        assert issues[row] == [("bad_value", "error")], (row, issues[row])
    lab_import.write(rep, db, accept_valid_only=True)
    got = {(r["well_code"], r["sample_code"], r["parameter"]): r for r in _results(db)}
    arsenic = got[("JC-01", "S1", "砷")]
    assert arsenic["value_num"] == 0.005 and arsenic["unit"] == "mg/L"
    assert (arsenic["value_text"], arsenic["unit_as_written"], arsenic["qualifier"]) == ("5", "μg/L", None)
    nitrate = got[("JC-01", "S1", "硝酸盐")]
    # 44.3 mg/L as NO3 × M(N)/M(NO3) = 44.3 × 14.007 / 62.004 = 620.5101 / 62.004 = 10.00758 mg/L as N (class III, not V)
    assert nitrate["value_num"] == pytest.approx(10.00758, abs=1e-5) and nitrate["basis_as_written"] == "以NO3-计"
    barium = got[("JC-01", "S1", "钡")]
    assert barium["value_num"] == 0.7  # exactly: 700 μg/L, not 0.7000000000000001
    coliform = got[("JC-01", "S1", "总大肠菌群")]
    assert (coliform["value_num"], coliform["qualifier"]) == (100.0, ">")
    lead = got[("JC-01", "S1", "铅")]
    assert (lead["below_detection"], lead["detection_limit"], lead["qualifier"]) == (1, 0.005, "L")
    assert got[("JC-01", "S1", "氟化物")]["qualifier"] == "<"
    assert got[("JC-01", "S1", "三氯乙烯")]["qualifier"] == "未检出"
    assert got[("JC-01", "S1", "镉")]["detection_limit"] == 0.0001
    # 氨(NH3) 1.0 mg/L as NH3 = 1.0 × 14.007 / 17.031 = 0.8224 mg/L as N (not 1.0 as N)
    ammonia = got[("JC-01", "S1", "氨氮")]
    assert ammonia["value_num"] == pytest.approx(0.82244, abs=1e-5) and ammonia["basis_as_written"] == "NH3"
    parallel = got[("JC-01", "S1-P", "砷")]
    assert parallel["parallel_of"] == arsenic["sample_uuid"] and arsenic["parallel_of"] is None
    assert got[("JC-02", "S2", "硝酸盐")]["value_num"] == pytest.approx(22.15 * 14.007 / 62.004, abs=1e-9)
    cadmium = got[("JC-02", "S3", "镉")]
    assert (cadmium["value_num"], cadmium["unit_as_written"]) == (0.005, "mg/L")
    # the pair as written classifies exactly like the normalised pair
    expected = {"砷": 3, "硝酸盐": 3, "钡": 3, "总大肠菌群": 5, "铅": 1, "氨氮": 4}
    for (_well, code, key), r in got.items():
        normal = classify.classify(
            key,
            r["value_num"],
            r["unit"],
            below_detection=bool(r["below_detection"]),
            detection_limit=r["detection_limit"],
            qualifier=r["qualifier"],
        )
        written = classify.classify(key, r["value_text"], r["unit_as_written"], basis=r["basis_as_written"])
        assert (normal.gb_class, normal.upper_bound) == (written.gb_class, written.upper_bound), (key, r)
        if code == "S1" and key in expected:
            assert normal.gb_class == expected[key], (key, normal)


def test_wide_gb18030_headers_with_units(db):
    mapping = ColumnMapping(layout="wide", well="点位编号", date="采样时间", sample_code="样品编号", ignore=["备注"])
    rep = lab_import.validate(os.path.join(DATA, "wide_units_gb18030.csv"), db, mapping, today=TODAY)
    assert rep.errors == [], rep.issues
    lab_import.write(rep, db)
    got = {(r["well_code"], r["parameter"]): r for r in _results(db)}
    assert got[("JC-01", "砷")]["detection_limit"] == 0.0003 and got[("JC-02", "砷")]["value_num"] == 0.003
    assert got[("JC-01", "总大肠菌群")]["qualifier"] == ">"
    assert got[("JC-02", "氨氮")]["qualifier"] == "L" and got[("JC-02", "氨氮")]["basis_as_written"] == "NH3-N"
    assert got[("JC-01", "pH")]["unit_as_written"] == "无量纲"


def test_xlsx_date_cells(db):
    mapping = ColumnMapping(layout="wide", well="点位编号", date="采样日期")
    rep = lab_import.validate(os.path.join(DATA, "wide_dates.xlsx"), db, mapping, today=TODAY)
    assert rep.errors == [] and rep.n_values == 6
    lab_import.write(rep, db)
    got = {(r["well_code"], r["parameter"]): r for r in _results(db)}
    assert got[("JC-01", "钡")]["value_num"] == 0.7 and got[("JC-02", "钡")]["sampled_on"] == "2023-08-02"


def test_sample_to_well_table(db):
    mapping = ColumnMapping(
        layout="long", date="采样日期", parameter="指标", value="检测值", unit="单位", sample_code="样品编号"
    )
    table = lab_import.lab_wells.sample_well_table(tabular.read_table(os.path.join(DATA, "sample_wells.csv")))
    rep = lab_import.validate(
        os.path.join(DATA, "long_by_sample_code.csv"), db, mapping, today=TODAY, sample_wells=table
    )
    assert [(i.row, i.code) for i in rep.errors] == [(4, "unknown_well")]  # LAB-103 → JC-99
    lab_import.write(rep, db, accept_valid_only=True)
    assert sorted((r["well_code"], r["value_num"]) for r in _results(db)) == [("JC-01", 5.2), ("JC-02", 6.1)]


def test_well_names_shared_by_two_wells_are_not_guessed(db):
    con = lab_write.SG.open_db(db)
    with lab_write.SG.transaction(con):
        con.execute("UPDATE monitoring_wells SET name_zh = '城东水厂井'")
    con.close()
    wells = lab_import.lab_wells.well_index(db)
    assert wells.match("城东水厂井")[0] is None and "several" in wells.match("城东水厂井")[1]
    assert wells.match(" ｊｃ－０１ ")[0] == wells.match("JC-01")[0] is not None


def _table(rows):
    return tabular.Table("mem.csv", rows[0], [list(r) for r in rows[1:]], encoding="utf-8")


def test_control_characters_are_errors_naming_the_cell(db):
    rows = [
        ["点位", "采样日期", "检测项目", "检测结果", "单位"],
        ["JC-01", "2023-05-12", "铅", "0.01\x00", "mg/L"],
        ["JC-01\x07", "2023-05-12", "砷", "0.01", "mg/L"],
        ["JC-01", "2023-05-12", "镉", "0.001\x1f", "mg/L"],  # float() would take \x1f as whitespace
        ["JC-01", "2023-05-12", "汞", "0.0001", "mg/L"],
    ]
    m = ColumnMapping(layout="long", well="点位", date="采样日期", parameter="检测项目", value="检测结果", unit="单位")
    rep = lab_import.validate(_table(rows), db, m, today=TODAY)
    assert [(i.row, i.column, i.code) for i in rep.errors] == [
        (2, "检测结果", "control_character"),
        (3, "点位", "control_character"),
        (4, "检测结果", "control_character"),
    ]
    assert "U+0000" in rep.errors[0].message and rep.n_values == 1


def test_parse_date_strict():
    p = lab_import.parse_date
    assert p("2023-05-12 00:00:00") == p("2023.05.12") == p("2023年5月12日") == p("45058") == dt.date(2023, 5, 12)
    assert p("45058.75") == dt.date(2023, 5, 12) and p("2023/5/12 08:30") == dt.date(2023, 5, 12)
    for bad in ("2024-06-15 garbage", "2024-06-15T25:61", "2023-02-30", "2023年5月12日上午", "12/05/2023", "1e5"):
        assert p(bad) is None, bad


def test_cancel_during_write_rolls_back(db, tmp_path):
    rows = [["点位", "采样日期", "检测项目", "检测结果", "单位"]]
    for k in range(3000):
        rows.append(["JC-01", (dt.date(2000, 1, 1) + dt.timedelta(days=k)).isoformat(), "硝酸盐", "1.5", "mg/L"])
    m = ColumnMapping(layout="long", well="点位", date="采样日期", parameter="检测项目", value="检测结果", unit="单位")
    rep = lab_import.validate(_table(rows), db, m, today=TODAY)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 1  # the first check passes, the next cancels: inside the transaction

    before = open(db, "rb").read()
    with pytest.raises(InterruptedError):
        lab_write.write(rep, db, is_canceled=cancel)
    assert _results(db) == [] and open(db, "rb").read() == before
    seen = []
    lab_write.write(rep, db, progress=seen.append)
    assert len(_results(db)) == 3000 and seen[-1] == 100.0
