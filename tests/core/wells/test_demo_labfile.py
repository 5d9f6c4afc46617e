"""The demo's lab file (core/demo/labfile.py): headers with units and bases, lab notations, codes typed in lower
case — it validates without an error and stores what the lab wrote beside the normalised values."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.demo import labfile
from gw_plugin.core.wells import lab_columns, lab_import
from gw_plugin.core.wells.lab_import import ColumnMapping


def test_demo_lab_file_imports_cleanly(tmp_path):
    path = str(tmp_path / "demo.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for k in range(12):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["well_code"], f["county_code"], f["status"] = str(uuid.uuid4()), f"HZ-{k:03d}", "419901", "active"
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + 100 * k} 3850000)"))
        lyr.CreateFeature(f)
    ds = None
    lab = labfile.write_lab_file(path, str(tmp_path))
    head = open(lab, encoding="gb18030").readline()
    assert "硝酸盐(以N计)(mg/L)" in head and "氨(NH3)(mg/L)" in head
    mapping = ColumnMapping(layout="wide", well="点位编号", date="采样日期", sample_code="样品编号", ignore=["备注"])
    guess = lab_columns.guess_mapping(lab_import.tabular.read_table(lab))
    assert guess.layout == "wide"
    rep = lab_import.validate(lab, path, mapping)
    assert rep.errors == [] and [i.code for i in rep.warnings] == []
    lab_import.write(rep, path)
    assert rep.written_results == 12 * 7  # seven parameters a row
    con = sqlite3.connect(path)
    rows = con.execute(
        "SELECT parameter, value_text, value_num, unit, unit_as_written, basis_as_written, qualifier "
        "FROM sample_results r JOIN samples s ON s.uuid = r.sample_uuid WHERE s.sample_code = 'LAB25Q1-0000'"
    ).fetchall()
    con.close()
    got = {r[0]: r[1:] for r in rows}
    # 氨(NH3) 0.05 mg/L as NH3 = 0.05 × 14.007 / 17.031 mg/L as N
    assert got["氨氮"][1] == pytest.approx(0.05 * 14.007 / 17.031, rel=1e-11) and got["氨氮"][4] == "NH3"
    assert got["砷"][1] == 0.0012 and got["砷"][2:4] == ("mg/L", "μg/L")
    assert got["铬（六价）"][0] == "ND" and got["铬（六价）"][5] == "ND"
    assert got["硝酸盐"][4] == "以N计"
