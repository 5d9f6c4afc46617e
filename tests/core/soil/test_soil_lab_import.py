"""Soil results go through the same lab import as groundwater results (core/wells/lab_import.py with the soil profile
of core/soil/soil_import.py), on a real project GeoPackage: a GBK wide file with μg/kg in a header, ND, 未检出, 0.01L
and full-width digits; the engine's own checks (a unit that contradicts the header, a parameter given twice, a
control character, a duplicate of a result already in the database) refuse the file and nothing is written; a
cancel during the write leaves the file byte for byte as it was; and the groundwater import of the same engine still
refuses soil units."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid

import pytest

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import soil_import as SI
from gw_plugin.core.wells import lab_import


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    site, point = str(uuid.uuid4()), str(uuid.uuid4())
    con.execute(
        "INSERT INTO sites (uuid, county_code, site_code, name_zh, planned_land_class) VALUES (?,?,?,?,?)",
        (site, "419901", "DK-7", "原农药厂", 1),
    )
    con.execute(
        "INSERT INTO soil_points (uuid, county_code, site_uuid, point_code, kind) VALUES (?,?,?,?,?)",
        (point, "419901", site, "S7", "boring"),
    )
    for code in ("S7-0.5", "S7-2.0"):
        con.execute(
            "INSERT INTO soil_samples (uuid, county_code, point_uuid, sample_code) VALUES (?,?,?,?)",
            (str(uuid.uuid4()), "419901", point, code),
        )
    con.close()
    return path


def digest(path) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def results(path) -> dict:
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT m.sample_code, r.parameter, r.value_text, r.value_num, r.unit, r.below_detection, "
            "r.detection_limit, r.county_code FROM soil_results r JOIN soil_samples m ON m.uuid = r.sample_uuid"
        ).fetchall()
    finally:
        con.close()
    return {(r[0], r[1]): r[2:] for r in rows}


WIDE = (
    "样品编号,砷(mg/kg),苯并[a]芘（μg/kg）,镉（mg/kg）,六六六(mg/kg),pH,采样人\n"
    "ｓ７－０.５,１２.5,ND,0.01L,未检出,7.9,李四\n"  # full-width code and digits: folded as the engine folds them
    "S7-2.0,8,620,0.2,0.05,8.1,李四\n"
)


def test_gbk_wide_file_through_the_shared_engine(db, tmp_path):
    path = tmp_path / "soil_lab.csv"
    path.write_bytes(WIDE.encode("gbk"))
    rep = SI.import_file(db, str(path), "样品编号")
    assert isinstance(rep, lab_import.ImportReport) and rep.profile is SI.SOIL
    assert rep.encoding.lower() in ("gbk", "gb18030") and rep.errors == []
    # pH is written with a warning (not screened); 采样人 is not a parameter and is left out with a warning
    codes = {(i.column, i.code) for i in rep.warnings}
    assert ("pH", "not_in_standard") in codes and ("采样人", "column_ignored") in codes
    assert SI.write(db, rep) == 10 and rep.written_samples == 0
    got = results(db)
    assert got[("S7-0.5", "砷")] == ("１２.5", 12.5, "mg/kg", 0, None, "419901")
    # μg/kg from the header: kept in the unit written (the schema's contract; screening reads it so)
    assert got[("S7-2.0", "苯并[a]芘")] == ("620", 620.0, "μg/kg", 0, None, "419901")
    assert got[("S7-0.5", "苯并[a]芘")][1:4] == (None, "μg/kg", 1)  # ND without a limit
    assert got[("S7-0.5", "镉")][1:5] == (None, "mg/kg", 1, 0.01)  # 0.01L: below the limit 0.01
    assert got[("S7-0.5", "六六六")][1:4] == (None, "mg/kg", 1)  # 未检出
    assert got[("S7-2.0", "pH")] == ("8.1", 8.1, None, 0, None, "419901")
    rows = {(r["sample_code"], r["parameter"]): r for r in SI.screened_rows(db)}
    assert len(rows) == 10 and rows[("S7-2.0", "苯并[a]芘")]["unit"] == "μg/kg"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("S7-2.0,8μg/kg,620,0.2,0.05,8.1,李四\n", "unit_conflict"),  # the value says μg/kg, the header mg/kg
        ("S7-2.0,8,620,0.2,-0.05,8.1,李四\n", "impossible"),  # a negative content
        ("S7-2.0,8\x07,620,0.2,0.05,8.1,李四\n", "control_character"),
        ("S7-0.5,3,620,0.2,0.05,8.1,李四\n", "duplicate"),  # the first row's sample again (folded code)
        ("S9-9.9,8,620,0.2,0.05,8.1,李四\n", "unknown_well"),  # no such soil sample
        ("S7-2.0,8,620,0.2,0.05,15,李四\n", "impossible"),  # pH above 14
    ],
)
def test_an_error_row_writes_nothing(db, tmp_path, line, code):
    path = tmp_path / "soil_lab.csv"
    path.write_bytes((WIDE.splitlines(keepends=True)[0] + WIDE.splitlines(keepends=True)[1] + line).encode("gbk"))
    before = digest(db)
    rep = SI.import_file(db, str(path), "样品编号")
    assert code in {i.code for i in rep.errors} and rep.bad_rows == {3}
    with pytest.raises(SI.SoilImportError, match="nothing was written"):
        SI.write(db, rep)
    assert digest(db) == before
    assert SI.write(db, rep, accept_valid_only=True) == 5  # the good row's five values only, on request
    assert {k[0] for k in results(db)} == {"S7-0.5"}


def test_long_layout_units_and_duplicates_in_the_database(db, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(
        "样品编号,检测项目,检测值,单位\nS7-0.5,铅,450000,μg/kg\nS7-0.5,Arsenic,<0.5,mg/kg\nS7-2.0,汞,0.2 mg/kg,\n",
        encoding="utf-8",
    )
    rep = SI.import_file(db, str(path), "样品编号", "检测项目", "检测值", "单位")
    assert rep.errors == [] and rep.parameters == {"铅": "铅", "Arsenic": "砷", "汞": "汞"}
    assert SI.write(db, rep) == 3
    got = results(db)
    assert got[("S7-0.5", "铅")][:3] == ("450000", 450000.0, "μg/kg")
    assert got[("S7-0.5", "砷")][1:5] == (None, "mg/kg", 1, 0.5)
    assert got[("S7-2.0", "汞")][:3] == ("0.2 mg/kg", 0.2, "mg/kg")  # the unit written with the value
    before = digest(db)
    again = SI.import_file(db, str(path), "样品编号", "检测项目", "检测值", "单位")
    assert {i.code for i in again.errors} == {"duplicate_in_database"} and len(again.bad_rows) == 3
    with pytest.raises(SI.SoilImportError):
        SI.write(db, again)
    assert digest(db) == before


def test_a_unit_slip_is_a_warning_in_mg_kg(db, tmp_path):
    path = tmp_path / "slip.csv"
    path.write_text("样品编号,砷(mg/kg)\nS7-0.5,25000\n", encoding="utf-8")  # 25 g/kg of arsenic: μg/kg as mg/kg?
    rep = SI.import_file(db, str(path), "样品编号")
    (w,) = [i for i in rep.warnings if i.code == "implausible"]
    assert "mg/kg" in w.message and "14000" in w.message  # 100 × the class 2 intervention value 140 mg/kg


def test_a_cancel_during_the_write_writes_nothing(db, tmp_path):
    path = tmp_path / "soil_lab.csv"
    path.write_bytes(WIDE.encode("gbk"))
    rep = SI.import_file(db, str(path), "样品编号")
    before = digest(db)
    calls = []

    def cancel_after_the_rows():
        calls.append(1)
        return len(calls) > 1  # the check after the first insert batch

    with pytest.raises(InterruptedError):
        SI.write(db, rep, is_canceled=cancel_after_the_rows)
    assert digest(db) == before and results(db) == {}


def test_a_cancel_while_reading_raises_before_anything(db, tmp_path):
    path = tmp_path / "soil_lab.csv"
    path.write_bytes(WIDE.encode("gbk"))
    with pytest.raises(InterruptedError):
        SI.import_file(db, str(path), "样品编号", is_canceled=lambda: True)


def test_the_groundwater_profile_refuses_soil_units(db, tmp_path):
    """The same engine with its default profile: a soil unit is not a groundwater unit."""
    con = open_db(db)
    con.execute(
        "INSERT INTO monitoring_wells (uuid, county_code, well_code, name_zh) VALUES (?,?,?,?)",
        (str(uuid.uuid4()), "419901", "JC-01", "一号井"),
    )
    con.close()
    path = tmp_path / "gw.csv"
    path.write_text("井编号,采样日期,砷(mg/kg),铅(mg/L)\nJC-01,2024-05-01,0.01,0.001\n", encoding="utf-8")
    mapping = lab_import.ColumnMapping(layout="wide", well="井编号", date="采样日期")
    rep = lab_import.validate(str(path), db, mapping)
    assert rep.profile is None or rep.profile.name == "groundwater"
    (error,) = rep.errors
    assert (error.row, error.column, error.code) == (1, "砷(mg/kg)", "bad_parameter") and "mg/kg" in error.message
    with pytest.raises(lab_import.ImportRefusedError):
        lab_import.write(rep, db)


def test_soil_properties_are_named_one_way(db, tmp_path):
    """PH, pH值 and pH are one parameter (stored as pH): given twice for a sample it is a duplicate; pH keeps the
    engine's 0–14 range check."""
    path = tmp_path / "ph.csv"
    path.write_text("样品编号,检测项目,检测值\nS7-0.5,PH,7.1\nS7-0.5,pH值,7.2\nS7-2.0,ph,15\n", encoding="utf-8")
    rep = SI.import_file(db, str(path), "样品编号", "检测项目", "检测值")
    assert [(i.row, i.code) for i in rep.errors] == [(3, "duplicate"), (4, "impossible")]
    assert SI.write(db, rep, accept_valid_only=True) == 1
    assert results(db)[("S7-0.5", "pH")][:2] == ("7.1", 7.1)


def test_a_first_guess_of_the_mapping(db, tmp_path):
    """guess_mapping reads the headers with the soil catalogue; the guess validates as it stands."""
    from gw_plugin.core.data import tabular

    wide = tmp_path / "wide.csv"
    wide.write_bytes(WIDE.encode("gbk"))
    m = SI.guess_mapping(tabular.read_table(str(wide)))
    assert (m.layout, m.sample_code, m.parameter) == ("wide", "样品编号", "")
    rep = lab_import.validate(str(wide), db, m, profile=SI.SOIL)
    assert rep.errors == [] and rep.n_values == 10
    long = tmp_path / "long.csv"
    long.write_text("样品编号,检测项目,检测结果,单位,检测单位\nS7-0.5,砷,12,mg/kg,某检测公司\n", encoding="utf-8")
    m = SI.guess_mapping(tabular.read_table(str(long)))
    assert (m.layout, m.sample_code, m.parameter, m.value, m.unit, m.lab) == (
        "long",
        "样品编号",
        "检测项目",
        "检测结果",
        "单位",
        "检测单位",
    )
    rep = lab_import.import_results(str(long), db, m, profile=SI.SOIL)
    assert rep.written_results == 1 and results(db)[("S7-0.5", "砷")][:3] == ("12", 12.0, "mg/kg")
