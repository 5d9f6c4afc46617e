"""Lab-result import: CSV (UTF-8 with/without BOM, GB18030) and XLSX, long and wide, validation before writing,
one transaction, all-or-nothing unless the user accepts only the valid rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import uuid

import openpyxl
import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg, tabular
from gw_plugin.core.wells import lab_columns, lab_import, lab_write
from gw_plugin.core.wells.lab_import import ColumnMapping

LONG = ColumnMapping(layout="long", well="井编号", date="采样日期", parameter="指标", value="检测值", unit="单位")
LONG_CODED = ColumnMapping(
    layout="long",
    well="井编号",
    date="采样日期",
    parameter="指标",
    value="检测值",
    unit="单位",
    sample_code="样品编号",
    lab="检测单位",
)
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for k, (code, aliases) in enumerate([("W1", "ZY-001; HB-17"), ("W2", ""), ("W3", "")]):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["well_code"], f["county_code"], f["source_codes"] = str(uuid.uuid4()), code, "419901", aliases
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + 100 * k} 3850000)"))
        lyr.CreateFeature(f)
    ds = None
    return path


def _write_csv(path, rows, encoding="utf-8", bom=False):
    text = "\r\n".join(",".join(r) for r in rows) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return str(path)


GOOD = [
    ["井编号", "采样日期", "指标", "检测值", "单位"],
    ["W1", "2023-03-15", "硝酸盐（以N计）", "12.5", "mg/L"],
    ["W1", "2023-03-15", "Cr6+", "0.004L", "mg/L"],
    ["W1", "2023-03-15", "三氯乙烯", "ND", "μg/L"],
    ["HB-17", "2023/06/15", "NO3-N", "15.0", "mg/L"],  # alias of W1
    ["W2", "2023年6月15日", "硝酸盐", "88.6", "mg/L以NO3计"],  # as NO3 → as N
    ["W2", "2023-06-15", "pH", "7.35", ""],
    ["W3", "2023-06-15", "铅", "3", "μg/L"],  # → 0.003 mg/L
]


def _rows(db):
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT m.well_code, s.sampled_on, r.parameter, r.value_text, r.value_num, r.unit, r.below_detection, "
            "r.detection_limit, r.uuid FROM sample_results r JOIN samples s ON s.uuid = r.sample_uuid "
            "JOIN monitoring_wells m ON m.uuid = s.well_uuid ORDER BY m.well_code, s.sampled_on, r.parameter"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("gb18030", False)])
def test_long_csv_in_every_encoding(db, tmp_path, encoding, bom, validate):
    path = _write_csv(tmp_path / "lab.csv", GOOD, encoding, bom)
    rep = lab_import.validate(path, db, LONG, today=TODAY)
    assert rep.errors == [], rep.issues
    lab_import.write(rep, db, user="tester")
    rows = _rows(db)
    assert len(rows) == 7
    by = {(r[0], r[1], r[2]): r for r in rows}
    cr = by[("W1", "2023-03-15", "铬（六价）")]
    assert cr[3] == "0.004L" and cr[4] is None and cr[6] == 1 and cr[7] == pytest.approx(0.004)
    tce = by[("W1", "2023-03-15", "三氯乙烯")]
    assert tce[6] == 1 and tce[7] is None and tce[3] == "ND"
    assert by[("W1", "2023-06-15", "硝酸盐")][4] == pytest.approx(15.0)
    # 88.6 mg/L as NO3 = 88.6 × 14.007 / 62.004 mg/L as N (IUPAC atomic weights)
    assert by[("W2", "2023-06-15", "硝酸盐")][4] == pytest.approx(88.6 * 14.007 / 62.004, rel=1e-4)
    assert by[("W3", "2023-06-15", "铅")][4] == pytest.approx(0.003)
    assert by[("W3", "2023-06-15", "铅")][5] == "mg/L"
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM samples").fetchone()[0] == 4  # W1×2 dates, W2, W3
    assert all(len(r[8]) == 36 for r in rows)
    con.close()
    assert validate(db) == []


def test_encoding_detection():
    assert tabular.detect_encoding("井编号".encode("gb18030")) == "gb18030"
    assert tabular.detect_encoding("井编号".encode()) == "utf-8-sig"


def test_bad_file_writes_nothing_then_valid_rows_on_request(db, tmp_path):
    bad = GOOD + [
        ["W9", "2023-06-15", "铅", "3", "μg/L"],  # unknown well
        ["W1", "2023-06-15", "奇怪指标", "3", "mg/L"],  # unknown parameter
        ["W2", "2999-01-01", "铅", "3", "μg/L"],  # future date
        ["W2", "2023-13-45", "铅", "3", "μg/L"],  # impossible date
        ["W3", "2023-06-15", "铅", "-1", "mg/L"],  # negative concentration
        ["W3", "2023-06-15", "pH", "15", ""],  # impossible pH
        ["W3", "2023-06-15", "铅", "5", "μg/L"],  # duplicate of the row above with 铅 at W3
        ["W3", "2023-06-15", "砷", "3", "kg/m2"],  # unit mismatch
        ["W3", "2023-06-15", "砷", "abc1", "mg/L"],  # unreadable value
    ]
    path = _write_csv(tmp_path / "bad.csv", bad)
    before = hashlib.sha256(open(db, "rb").read()).hexdigest()
    rep = lab_import.validate(path, db, LONG, today=TODAY)
    codes = rep.issues_by_code()
    for code in (
        "unknown_well",
        "unknown_parameter",
        "future_date",
        "bad_date",
        "impossible",
        "duplicate",
        "unit",
        "bad_value",
    ):
        assert codes.get(code), (code, codes)
    assert len(rep.bad_rows) == 9
    with pytest.raises(lab_import.ImportRefusedError):
        lab_import.write(rep, db)
    assert hashlib.sha256(open(db, "rb").read()).hexdigest() == before
    assert _rows(db) == []
    lab_import.write(rep, db, accept_valid_only=True)
    assert len(_rows(db)) == 7
    # importing the same file again: every value is a duplicate of the database
    rep2 = lab_import.validate(_write_csv(tmp_path / "again.csv", GOOD), db, LONG, today=TODAY)
    assert rep2.issues_by_code().get("duplicate_in_database") == 7


def test_wide_xlsx(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "水质"
    ws.append(["点位编号", "采样日期", "备注", "硝酸盐(以N计)(mg/L)", "pH", "铬（六价）", "TCE(μg/L)"])
    ws.append(["W1", dt.date(2022, 3, 1), "x", 21.3, 7.1, "0.002L", "ND"])
    ws.append(["W2", dt.date(2022, 3, 2), "", 5.0, None, 0.06, 12.5])
    path = str(tmp_path / "wide.xlsx")
    wb.save(path)
    table = tabular.read_table(path)
    mapping = lab_columns.guess_mapping(table)
    assert mapping.layout == "wide" and mapping.well == "点位编号" and mapping.date == "采样日期"
    rep = lab_import.validate(table, db, mapping, today=TODAY)
    assert rep.errors == []
    assert any(i.code == "column_ignored" and i.column == "备注" for i in rep.warnings)
    lab_import.write(rep, db)
    rows = {(r[0], r[2]): r for r in _rows(db)}
    assert len(rows) == 7  # the empty pH cell is skipped, not an error
    assert rows[("W1", "硝酸盐")][4] == pytest.approx(21.3)
    assert rows[("W2", "三氯乙烯")][4] == pytest.approx(12.5) and rows[("W2", "三氯乙烯")][5] == "μg/L"
    assert rows[("W1", "铬（六价）")][6] == 1


def test_mapping_preset_round_trip():
    m = ColumnMapping(layout="wide", well="井", date="日期", ignore=["备注"])
    assert ColumnMapping.from_json(m.to_json()) == m


def test_failure_during_write_rolls_back(db, tmp_path):
    # the last value (铅 = 3 μg/L at W3) fails inside the transaction: samples written before it are rolled back
    path = _write_csv(tmp_path / "lab.csv", GOOD)
    rep = lab_import.validate(path, db, LONG, today=TODAY)
    con = sqlite3.connect(db)
    con.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON sample_results WHEN NEW.value_text = '3' "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )
    con.commit()
    con.close()
    with pytest.raises(sqlite3.DatabaseError):
        lab_import.write(rep, db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM samples").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM sample_results").fetchone()[0] == 0


def test_importsamples_algorithm(db, tmp_path, qgis_processing):
    import processing
    from qgis.core import QgsProcessingException

    from gw_plugin.processing.provider import register_provider

    register_provider()
    bad = _write_csv(tmp_path / "bad.csv", GOOD + [["W9", "2023-06-15", "铅", "3", "μg/L"]], "gb18030")
    report = str(tmp_path / "report.csv")
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:importsamples", {"INPUT": bad, "DATABASE": db, "REPORT": report})
    assert _rows(db) == []
    res = processing.run(
        "gwplugin:importsamples", {"INPUT": bad, "DATABASE": db, "ACCEPT_VALID": True, "REPORT": report}
    )
    assert res["RESULTS"] == 7 and res["ERRORS"] == 1
    lines = open(report, encoding="utf-8-sig").read().splitlines()
    assert lines[0] == "row,column,severity,code,message" and "unknown_well" in lines[1]


def test_bulk_import_keeps_counts_indexes_and_triggers(db, tmp_path, validate):
    rows = [GOOD[0]]
    params = ["硝酸盐", "铅", "砷", "氟化物", "氨氮"]
    for k in range(5000):  # 25,000 values: above the bulk-load threshold
        date = (dt.date(2010, 1, 1) + dt.timedelta(days=k)).isoformat()
        for p in params:
            rows.append([f"W{1 + k % 3}", date, p, f"{(k % 97) / 10:.1f}", "mg/L"])
    path = _write_csv(tmp_path / "big.csv", rows)
    con = sqlite3.connect(db)
    objects_before = sorted(
        con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('samples', 'sample_results')"
        ).fetchall()
    )
    con.close()
    rep = lab_import.import_results(path, db, LONG)
    assert rep.written_results == 25000 and rep.written_samples == 5000
    con = sqlite3.connect(db)
    objects_after = sorted(
        con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('samples', 'sample_results')"
        ).fetchall()
    )
    assert objects_after == objects_before
    counts = dict(con.execute("SELECT table_name, feature_count FROM gpkg_ogr_contents"))
    assert counts["sample_results"] == 25000 and counts["samples"] == 5000
    ids = [r[0] for r in con.execute("SELECT uuid FROM sample_results ORDER BY fid")]
    assert ids == sorted(ids) and len(set(ids)) == 25000  # time-ordered version-7 UUIDs
    con.close()
    assert validate(db) == []


def test_wide_duplicates_text_indicators_and_file_order(db, tmp_path):
    # two columns that name the same indicator, a repeated sample, words for 嗅和味 (GB/T 14848-2017 Table 1:
    # 无 in classes I–IV), and a number where a word is required
    rows = [
        ["井编号", "采样日期", "硝酸盐(mg/L)", "NO3-N", "嗅和味", "铅(μg/L)"],
        ["W1", "2023-05-01", "1.5", "1.6", "无", "2"],
        ["W2", "2023-05-01", "0.5", "", "无", "ND"],
        ["W1", "2023-05-01", "1.7", "", "3", "1"],
    ]
    path = _write_csv(tmp_path / "wide.csv", rows)
    mapping = ColumnMapping(layout="wide", well="井编号", date="采样日期")
    rep = lab_import.validate(path, db, mapping, today=TODAY)
    got = [(i.row, i.column, i.code) for i in rep.errors]
    assert got == [
        (2, "NO3-N", "duplicate"),
        (4, "硝酸盐(mg/L)", "duplicate"),
        (4, "嗅和味", "bad_value"),
        (4, "铅(μg/L)", "duplicate"),
    ], got
    assert "row 2" in rep.errors[0].message and "row 2" in rep.errors[1].message
    recs = rep.records
    assert [(r.row, r.parameter, r.value_text) for r in recs] == [
        (2, "硝酸盐", "1.5"),
        (2, "嗅和味", "无"),
        (2, "铅", "2"),
        (3, "硝酸盐", "0.5"),
        (3, "嗅和味", "无"),
        (3, "铅", "ND"),
    ]
    assert recs[2].value_num == pytest.approx(0.002) and recs[2].unit == "mg/L"
    assert recs[1].value_num is None and recs[1].unit == ""
    assert recs[5].below_detection and recs[5].value_num is None
    lab_import.write(rep, db, accept_valid_only=True)  # rows 2 and 4 have errors: left out entirely
    assert {(r[0], r[2], r[3]) for r in _rows(db)} == {
        ("W2", "硝酸盐", "0.5"),
        ("W2", "嗅和味", "无"),
        ("W2", "铅", "ND"),
    }


def test_incomplete_mapping_names_the_missing_roles(db, tmp_path):
    path = _write_csv(tmp_path / "lab.csv", GOOD)
    with pytest.raises(tabular.TableReadError) as err:
        lab_import.validate(path, db, ColumnMapping(layout="long", well="井编号", parameter="指标"), today=TODAY)
    text = str(err.value)
    assert "incomplete" in text and "sampling date, value" in text and "well" not in text, text
    # with a sample-to-well table the well column may be left out, but then the sample code is needed
    with pytest.raises(tabular.TableReadError) as err:
        lab_import.validate(path, db, ColumnMapping(layout="wide", date="采样日期"), sample_wells={"S1": "W1"})
    assert "sample code" in str(err.value) and "well," not in str(err.value), str(err.value)


def _mixed_rows(n_days: int) -> list:
    """A long file with sample codes, labs, parallel samples (平行样), qualifiers, units and bases as written, a word
    indicator, and one row with an unknown well per day (left out when only the valid rows are imported)."""
    rows = [["井编号", "采样日期", "样品编号", "检测单位", "指标", "检测值", "单位"]]
    for k in range(n_days):
        day = (dt.date(2001, 1, 1) + dt.timedelta(days=k)).isoformat()
        well = f"W{1 + k % 3}"
        code, twin, lab = f"S{k:05d}", f"S{k:05d}-P", "省中心" if k % 2 else ""
        rows += [
            [well, day, code, lab, "硝酸盐(以NO3-计)", f"{k % 50 + 0.5}", "mg/L"],
            [well, day, code, lab, "铬（六价）", "0.004L", "mg/L"],
            [well, day, code, lab, "三氯乙烯", "ND", "μg/L"],
            [well, day, code, lab, "铅", f"{k % 9 + 1}", "μg/L"],
            [well, day, code, lab, "pH", "7.2", ""],
            [well, day, code, lab, "嗅和味", "无", ""],
            [well, day, code, lab, "氟化物", "<0.05", "mg/L"],
            ["W9", day, code, "", "砷", "0.001", "mg/L"],  # unknown well
            [well, day, twin, lab, "硝酸盐", "0.5mg/L", ""],  # a parallel sample; the unit in the value
        ]
    return rows


def test_chunked_write_stores_exactly_the_validated_values(db, tmp_path, monkeypatch):
    # chunks of one block (256 rows) and a partial last block: every stored column must match the validated value
    monkeypatch.setattr(lab_write, "CHUNK_ROWS", 256)
    path = _write_csv(tmp_path / "mixed.csv", _mixed_rows(90))
    rep = lab_import.validate(path, db, LONG_CODED, today=TODAY)
    assert {i.code for i in rep.errors} == {"unknown_well"} and len(rep.bad_rows) == 90
    lab_import.write(rep, db, accept_valid_only=True)
    expected = [
        (
            r.well_uuid,
            r.date,
            r.sample_code,
            r.lab or None,
            r.parameter,
            r.value_text,
            r.value_num,
            r.unit or None,
            int(r.below_detection),
            r.detection_limit,
            r.unit_as_written or None,
            r.basis_as_written or None,
            r.qualifier or None,
        )
        for r in rep.records
        if r.row not in rep.bad_rows
    ]
    assert len(expected) == 90 * 8 and rep.written_results == len(expected) and rep.written_samples == 180
    con = sqlite3.connect(db)
    try:
        got = con.execute(
            "SELECT s.well_uuid, s.sampled_on, s.sample_code, s.lab, r.parameter, r.value_text, r.value_num, r.unit, "
            "r.below_detection, r.detection_limit, r.unit_as_written, r.basis_as_written, r.qualifier "
            "FROM sample_results r JOIN samples s ON s.uuid = r.sample_uuid ORDER BY r.fid"
        ).fetchall()
        parallels = con.execute(
            "SELECT p.sample_code, o.sample_code FROM samples p JOIN samples o ON o.uuid = p.parallel_of "
            "WHERE p.well_uuid = o.well_uuid AND p.sampled_on = o.sampled_on"
        ).fetchall()
    finally:
        con.close()
    assert got == expected
    assert {q for *_x, q in got} == {None, "L", "ND", "<"}
    assert {(u, b) for *_x, u, b, _q in got} >= {("mg/L", "以NO3-计"), ("μg/L", None), ("mg/L", None)}
    assert len(parallels) == 90 and all(p == o + "-P" for p, o in parallels)


def test_write_memory_does_not_grow_with_the_import(db, tmp_path, monkeypatch):
    # the write makes Python values chunk by chunk (chunks of 1024 rows here, so that a test-sized import is many
    # chunks): the memory it allocates (numpy included, traced by tracemalloc) stays below what the values of the
    # whole import as Python objects would take; what remains grows with the samples (a tenth of the values here)
    import tracemalloc

    monkeypatch.setattr(lab_write, "CHUNK_ROWS", 1024)
    rows = [GOOD[0]]
    params = ["硝酸盐", "铅", "砷", "氟化物", "氨氮", "铁", "锰", "氯化物", "硫酸盐", "总硬度"]
    for k in range(8000):
        date = (dt.date(2001, 1, 1) + dt.timedelta(days=k)).isoformat()
        rows += [[f"W{1 + k % 3}", date, p, f"{k % 89 / 10 + 0.1:.1f}", "mg/L"] for p in params]
    rep = lab_import.validate(_write_csv(tmp_path / "big.csv", rows), db, LONG, today=TODAY)
    n = rep.n_values
    assert n == 80000 and not rep.errors
    tracemalloc.start()
    try:
        lab_import.write(rep, db)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rep.written_results == n
    whole = n * len(lab_write.RESULT_COLUMNS) * 8  # the pointers alone of one flat list of the whole import
    assert peak < whole, (peak, whole)  # all values at once: over twice that (a flat list and one list a column)
