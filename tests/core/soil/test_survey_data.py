"""Survey data on a real project GeoPackage: sampling points, samples with their chain of custody checked (order,
people, hold times), soil results imported from a GBK CSV (long) and an XLSX (wide, units in the headers) with a
validation report and one transaction, then screened against GB 36600-2018 from the database."""

from __future__ import annotations

import sqlite3
import uuid

import pytest

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import custody as C
from gw_plugin.core.soil import screening as S
from gw_plugin.core.soil import soil_import as SI

FULL = {  # a complete custody: collected … analysed within 3 days
    "collected_at": "2024-05-01 09:00:00",
    "collected_by": "李四",
    "preserved_at": "2024-05-01 09:10:00",
    "preserved_by": "李四",
    "shipped_at": "2024-05-01 17:00:00",
    "shipped_by": "王五",
    "received_at": "2024-05-02 10:00:00",
    "received_by": "赵六",
    "analysed_at": "2024-05-04 15:00:00",
    "analysed_by": "钱七",
}


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    site, point = str(uuid.uuid4()), str(uuid.uuid4())
    con.execute(
        "INSERT INTO sites (uuid, county_code, site_code, name_zh, planned_land_class) VALUES (?,?,?,?,?)",
        (site, "419901", "DK-1", "原化工厂", 1),
    )
    con.execute(
        "INSERT INTO soil_points (uuid, county_code, site_uuid, point_code, kind, boring_depth_m) VALUES (?,?,?,?,?,?)",
        (point, "419901", site, "S1", "boring", 6.0),
    )
    samples = [
        ("S1-0.5", 0.0, 0.5, "metals", FULL),
        ("S1-2.0", 1.5, 2.0, "voc", dict(FULL, analysed_at="2024-05-10 15:00:00")),  # 9.25 d > 7 d
        ("S1-4.0", 3.5, 4.0, "svoc", dict(FULL, shipped_by="", received_at="2024-05-01 12:00:00")),
        ("S1-6.0", 5.5, 6.0, None, dict(FULL, preserved_at=None)),
    ]
    for code, top, bottom, group, custody in samples:
        cols = ["uuid", "county_code", "point_uuid", "sample_code", "top_m", "bottom_m", "analyte_group", *custody]
        vals = [str(uuid.uuid4()), "419901", point, code, top, bottom, group, *custody.values()]
        con.execute(f"INSERT INTO soil_samples ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", vals)
    con.close()
    return path


def test_hold_times_are_marked_unverified():
    table = C.hold_times()
    assert table["voc"].days == 7 and table["metals"].days == 180
    assert not any(h.verified for h in table.values())


def test_chain_of_custody(db):
    problems = {}
    for p in C.check_database(db):
        problems.setdefault(p.sample_code, []).append(p.code)
    assert "S1-0.5" not in problems
    assert problems["S1-2.0"] == ["hold_time_exceeded"]
    assert sorted(problems["S1-4.0"]) == ["missing_person", "out_of_order"]  # received before shipped
    assert sorted(problems["S1-6.0"]) == ["hold_time_unknown", "missing_step"]
    (p,) = [p for p in C.check_database(db) if p.code == "hold_time_exceeded"]
    assert "9.2" in p.en and "unverified" in p.en


def test_import_gbk_long_csv_and_screen(db, tmp_path):
    csv = tmp_path / "lab.csv"
    csv.write_bytes(
        "样品编号,检测项目,检测值,单位\n"
        "S1-0.5,砷,25,mg/kg\n"
        "S1-0.5,铅,450000,μg/kg\n"
        "S1-2.0,苯,<0.0019,mg/kg\n"
        "S1-2.0,pH,7.8,\n"
        "S9-9.9,砷,5,mg/kg\n"
        "S1-4.0,萘,3,mg/L\n".encode("gb18030")
    )
    rep = SI.import_file(db, str(csv), "样品编号", "检测项目", "检测值", "单位")
    assert [(i.row, i.code) for i in rep.errors] == [(6, "unknown_well"), (7, "unit")]
    assert any(i.severity == "warning" and i.code == "not_in_standard" and "pH" in i.message for i in rep.issues)
    with pytest.raises(SI.SoilImportError):
        SI.write(db, rep)
    assert SI.write(db, rep, accept_valid_only=True) == 4
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT parameter, value_text, value_num, unit, below_detection, detection_limit "
        "FROM soil_results ORDER BY parameter"
    ).fetchall()
    con.close()
    assert ("苯", "<0.0019", None, "mg/kg", 1, 0.0019) in rows and ("铅", "450000", 450000.0, "μg/kg", 0, None) in rows
    # screened from the database: arsenic 25 > 20 (class 1), lead 450 mg/kg > 400
    results = {
        r["parameter"]: S.screen(r["parameter"], r["value_text"], r["unit"], r["planned_land_class"])
        for r in SI.screened_rows(db)
    }
    assert results["砷"].exceeds_screening and results["铅"].exceeds_screening
    assert results["苯"].exceeds_screening is False and results["pH"].item is None


def test_import_wide_xlsx(db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "lab.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["样品编号", "砷(mg/kg)", "苯并[a]芘（μg/kg）", "镉"])
    ws.append(["S1-0.5", "12", "ND", "0.3"])
    ws.append(["S1-4.0", "8", "620", "0.2"])
    wb.save(path)
    assert SI.split_header("苯并[a]芘（μg/kg）") == ("苯并[a]芘", "μg/kg")
    rep = SI.import_file(db, str(path), "样品编号")
    assert rep.errors == [] and len(rep.cells.samples) == 2 and rep.n_values == 6
    SI.write(db, rep)
    rows = {(r["sample_code"], r["parameter"]): r for r in SI.screened_rows(db)}
    bap = rows[("S1-4.0", "苯并[a]芘")]
    assert bap["unit"] == "μg/kg" and S.screen("苯并[a]芘", bap["value_text"], bap["unit"], 1).value_mg_kg == 0.62
    assert rows[("S1-0.5", "镉")]["unit"] is None


def test_missing_column_is_one_sentence(db, tmp_path):
    csv = tmp_path / "lab.csv"
    csv.write_text("sample,parameter,value\nS1-0.5,砷,1\n", encoding="utf-8")
    with pytest.raises(SI.SoilImportError, match="no column"):
        SI.import_file(db, str(csv), "样品编号", "parameter", "value")
