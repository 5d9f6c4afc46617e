"""The layered long-term list and the assessment points (issue 18 item 4) on a real GeoPackage, the XLSX read back with
openpyxl: one sheet per aquifer layer with the long-term wells only, coordinates in the database CRS and in EPSG:4490,
formula-like names kept as text, and the year's class = the worst sample of the year against the target class."""

from __future__ import annotations

import uuid

import openpyxl
import pytest
from osgeo import ogr

from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.network import longterm as L
from tests.core.wells.test_aquifer_layers import X0, Y0, make_wells_db

NITRATE = "硝酸盐"  # GB/T 14848-2017 Table 1 (as N), mg/L: I ≤ 2.0, II ≤ 5.0, III ≤ 20.0, IV ≤ 30.0
EVIL = '=HYPERLINK("http://x","y")'


def add_samples(path: str, ids: dict, rows: list) -> None:
    """rows: (well, date, nitrate mg/L, parallel_of)."""
    ds = ogr.Open(path, 1)
    samples, results = ds.GetLayerByName("samples"), ds.GetLayerByName("sample_results")
    made = {}
    for k, (well, date, value, parallel) in enumerate(rows):
        su = str(uuid.uuid4())
        made[k] = su
        f = ogr.Feature(samples.GetLayerDefn())
        f["uuid"], f["county_code"], f["well_uuid"] = su, "410102", ids[well]
        f["sample_code"], f["sampled_on"] = f"{well}-{k}", date
        if parallel is not None:
            f["parallel_of"] = made[parallel]
        samples.CreateFeature(f)
        r = ogr.Feature(results.GetLayerDefn())
        r["uuid"], r["county_code"], r["sample_uuid"], r["parameter"] = str(uuid.uuid4()), "410102", su, NITRATE
        r["value_text"], r["value_num"], r["unit"], r["below_detection"] = str(value), value, "mg/L", 0
        results.CreateFeature(r)
    ds = None


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "longterm.gpkg")
    ids = make_wells_db(path)
    con = SG.open_db(path)
    with con:
        con.execute("UPDATE monitoring_wells SET long_term = 1 WHERE well_code IN ('W01', 'W02', 'W04', 'W06')")
        con.execute("UPDATE monitoring_wells SET target_class = 3 WHERE well_code = 'W01'")
        con.execute("UPDATE monitoring_wells SET name_zh = ? WHERE well_code = 'W06'", (EVIL,))
    con.close()
    add_samples(
        path,
        ids,
        [
            ("W01", "2023-03-01", 3.0, None),  # class II
            ("W01", "2023-09-01", 25.0, None),  # class IV: the year fails its target III
            ("W01", "2024-04-01", 1.0, None),  # class I
            ("W01", "2024-04-01", 40.0, 2),  # a parallel sample of the one above: left out
            ("W04", "2024-05-01", 10.0, None),  # class III, no target
            ("W02", "2024-05-01", 40.0, None),  # not an assessment point
        ],
    )
    return path, ids


def test_long_term_rows_by_layer_with_both_coordinates(db):
    path, _ = db
    layers = L.long_term_rows(path)
    assert set(layers) == {"phreatic", "deep_confined"}
    codes = {k: [r[1] for r in v] for k, v in layers.items()}
    assert codes == {"phreatic": ["W01", "W02", "W06"], "deep_confined": ["W04"]}
    w01 = layers["phreatic"][0]
    assert w01[0] == 1 and w01[6] == 35.0 and w01[7] == "17.5/31.5"
    assert (w01[8], w01[9]) == (X0, Y0)
    # EPSG:4547 is CGCS2000 / 3-degree Gauss-Kruger CM 114E with a false easting of 500 000 m: X0 is on 114°E
    assert w01[10] == pytest.approx(114.0, abs=1e-6) and 34.0 < w01[11] < 35.5
    assert w01[13] == "是" and w01[14] == "Ⅲ" and layers["phreatic"][1][13] == "否"


def test_assessment_year_is_the_worst_sample_against_the_target(db):
    path, ids = db
    res = {(r.well_code, r.year): r for r in L.assessment_rows(path)}
    assert set(res) == {("W01", 2023), ("W01", 2024), ("W04", 2024)}  # W08 has no samples, W02 is no point
    assert res["W01", 2023].year_class == 4 and res["W01", 2023].samples == 2 and res["W01", 2023].passed is False
    assert res["W01", 2024].year_class == 1 and res["W01", 2024].samples == 1 and res["W01", 2024].passed is True
    assert res["W04", 2024].year_class == 3 and res["W04", 2024].passed is None
    assert NITRATE in res["W01", 2023].governing[0]
    assert {(r.well_code, r.year) for r in L.assessment_rows(path, (2024, 2024))} == {("W01", 2024), ("W04", 2024)}


def test_workbook_read_back(db, tmp_path):
    path, _ = db
    out = str(tmp_path / "list.xlsx")
    summary = L.write_longterm_xlsx(out, path, city="示范市")
    assert summary == {"wells": 4, "layers": 2, "assessment_rows": 3, "failed": 1}
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["浅层潜水", "深层承压水", "国家考核点位"]
    ws = wb["浅层潜水"]
    assert "长期监测井清单" in ws["A1"].value
    assert [c.value for c in ws[3]] == L.LIST_HEADERS
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [r[1] for r in body] == ["W01", "W02", "W06"]
    assert body[2][2] == EVIL and ws.cell(row=6, column=3).data_type == "s"  # text, not a formula
    assert body[0][10] == pytest.approx(114.0, abs=1e-6)
    ws = wb["国家考核点位"]
    assert [c.value for c in ws[3]] == L.ASSESS_HEADERS
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [(r[1], r[6], r[8], r[10]) for r in body] == [
        ("W01", 2023, "Ⅳ", "未达标"),
        ("W01", 2024, "Ⅰ", "达标"),
        ("W04", 2024, "Ⅲ", "无目标或无类别"),
    ]


def test_nothing_flagged_is_a_clear_error(tmp_path):
    path = str(tmp_path / "empty.gpkg")
    make_wells_db(path, wells=[("W01", "410102", "national_project", "phreatic", "active", 0, 2, 35.0, "井")])
    with pytest.raises(L.LongTermListError, match="nothing to list"):
        L.write_longterm_xlsx(str(tmp_path / "x.xlsx"), path)
