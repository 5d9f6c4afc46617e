"""The lab import dialog imports soil results (土壤样品) offscreen on a real project GeoPackage: choosing the kind
switches the profile, hides the well and date columns, names the sample code column as the key and says the soil
units; a GBK wide file with μg/kg in a header, ND, 0.01L and 未检出 is validated and imported through the dialog into
soil_results (nothing into sample_results); a row with an error keeps Import disabled and writes nothing, also when
Import is pressed anyway; a cancel before the write writes nothing; switching back to groundwater validates the same
file against GB/T 14848 again."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import soil_import as SI
from gw_plugin.gui.wells import import_kinds as K
from gw_plugin.gui.wells.import_dialog import ImportDialog

WIDE = (
    "样品编号,砷(mg/kg),苯并[a]芘（μg/kg）,镉（mg/kg）,六六六(mg/kg),pH,采样人\n"
    "S7-0.5,12.5,ND,0.01L,未检出,7.9,李四\n"
    "S7-2.0,8,620,0.2,0.05,8.1,李四\n"
)
BAD_ROW = "S9-9.9,8,620,0.2,0.05,8.1,李四\n"  # no such soil sample: an error in file row 4


@pytest.fixture
def db(tmp_path, qgis_app):
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


def sql(path, query):
    con = sqlite3.connect(path)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def digest(path) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def dialog_for(db, qtbot, kind=K.SOIL_KIND) -> ImportDialog:
    dialog = ImportDialog(db, None, None, QgsProject.instance(), kind=kind)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def validate(dialog, qtbot):
    qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.report_is_current(), timeout=20000)
    return dialog.report


def test_choosing_soil_switches_the_form(db, qtbot):
    dialog = dialog_for(db, qtbot, kind=K.GROUNDWATER_KIND)
    assert [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())] == ["groundwater", "soil"]
    assert dialog.combos["well"].isVisible() and "mg/L" in dialog.units_label.text()
    dialog.kind_combo.setFocus()  # keyboard: the kind is the first field and changes with the arrow keys
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)
    assert dialog.kind() == "soil"
    assert not dialog.combos["well"].isVisible() and not dialog.combos["date"].isVisible()
    assert dialog.combos["sample_code"].isVisible()
    assert "mg/kg" in dialog.units_label.text() and "μg/kg" in dialog.units_label.text()
    assert "soil sample" in dialog.mapping_labels["sample_code"].text()
    assert dialog.mapping_labels["sample_code"].buddy() is dialog.combos["sample_code"]
    dialog.close()


def test_a_gbk_wide_soil_file_is_imported_into_soil_results(db, tmp_path, qtbot):
    path = tmp_path / "土壤检测.csv"
    path.write_bytes(WIDE.encode("gbk"))
    groundwater_before = sql(db, "SELECT count(*) FROM sample_results")[0][0]
    dialog = dialog_for(db, qtbot)
    assert dialog.open_file(str(path))
    m = dialog.mapping()
    assert (m.layout, m.sample_code, m.well, m.date) == ("wide", "样品编号", "", "")
    rep = validate(dialog, qtbot)
    assert rep.profile is SI.SOIL and rep.errors == [] and rep.n_values == 10
    assert rep.encoding.lower() in ("gbk", "gb18030")
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [10]
    assert "10" in dialog.status_label.text()
    got = {
        (r[0], r[1]): r[2:]
        for r in sql(
            db,
            "SELECT m.sample_code, r.parameter, r.value_num, r.unit, r.below_detection, r.detection_limit "
            "FROM soil_results r JOIN soil_samples m ON m.uuid = r.sample_uuid",
        )
    }
    assert len(got) == 10
    assert got[("S7-0.5", "砷")] == (12.5, "mg/kg", 0, None)
    assert got[("S7-2.0", "苯并[a]芘")] == (620.0, "μg/kg", 0, None)  # kept in the unit written
    assert got[("S7-0.5", "苯并[a]芘")] == (None, "μg/kg", 1, None)  # ND
    assert got[("S7-0.5", "镉")] == (None, "mg/kg", 1, 0.01)  # 0.01L
    assert got[("S7-0.5", "六六六")][2] == 1  # 未检出
    assert sql(db, "SELECT count(*) FROM sample_results")[0][0] == groundwater_before
    # the validation is used up: Import cannot write the same rows twice
    assert not dialog.import_button.isEnabled()
    dialog.close()


def test_an_error_row_keeps_import_disabled_and_writes_nothing(db, tmp_path, qtbot):
    path = tmp_path / "soil_bad.csv"
    path.write_bytes((WIDE + BAD_ROW).encode("gbk"))
    before = digest(db)
    dialog = dialog_for(db, qtbot)
    assert dialog.open_file(str(path))
    rep = validate(dialog, qtbot)
    assert rep.bad_rows == {4} and {i.code for i in rep.errors} == {"unknown_well"}
    table = dialog.issues_table
    shown = {(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())}
    assert ("4", "样品编号") in shown
    assert not dialog.import_button.isEnabled()
    assert dialog.start_import() is None  # pressed anyway (keyboard shortcut, script): refused
    assert "Nothing was written" in dialog.status_label.text()
    assert "Traceback" not in dialog.status_label.text()
    assert digest(db) == before
    dialog.close()


def test_cancel_writes_nothing_and_groundwater_is_checked_again(db, tmp_path, qtbot):
    path = tmp_path / "soil.csv"
    path.write_bytes(WIDE.encode("gbk"))
    before = digest(db)
    dialog = dialog_for(db, qtbot)
    assert dialog.open_file(str(path))
    validate(dialog, qtbot)
    task = dialog.start_import()
    task.cancel()  # before the task thread started: nothing is written, the validation stays usable
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20000)
    if dialog.report_is_current():  # the cancel came first
        assert digest(db) == before and "nothing was written" in dialog.status_label.text()
        assert dialog.import_button.isEnabled()
    else:  # the machine was faster than the cancel: the whole file, never a part of it
        assert sql(db, "SELECT count(*) FROM soil_results")[0][0] == 10
    # groundwater again: the report is no longer current, and the same file is judged by GB/T 14848 (no well column)
    dialog.set_kind(K.GROUNDWATER_KIND)
    assert not dialog.report_is_current() and not dialog.import_button.isEnabled()
    assert dialog.combos["well"].isVisible()
    assert dialog.validate() is None  # the mapping lacks the well and date columns: said, nothing run
    assert "Well code column" in dialog.status_label.text()
    dialog.close()
