"""The ledger import dialog under pytest-qt: a GB18030 CSV and a two-sheet XLSX ledger, mapping pre-filled from the
headers, presets saved in QgsSettings and restored, validation in a QgsTask with the issues shown, the import refused
while there are errors unless "valid rows only" is ticked, and a re-import reporting changes instead of duplicating
— everything read back from the real GeoPackage."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsSettings

from gw_plugin.gui.sources import ledger_dialog as LD

from ...core.sources.test_ledgers import HEAD, _csv, _uscc
from ...core.sources.test_ledgers import db as db  # noqa: F401,PLC0414  (fixture: a city with two counties)

WAIT = 60000


@pytest.fixture
def dialog(db, qtbot, qgis_app):  # noqa: F811
    d = LD.LedgerImportDialog(db)
    qtbot.addWidget(d)
    d.show()
    yield d
    QgsSettings().remove("gw_plugin/ledger_presets/pollution_sources")
    QgsSettings().remove("gw_plugin/ledger_presets/abandoned_wells")


def rows(path, query):
    con = sqlite3.connect(path)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def validate(dialog, qtbot):
    with qtbot.waitSignal(dialog.validated, timeout=WAIT) as blocker:
        assert dialog.validate() is not None
    return blocker.args[0]


def test_mapping_guessed_and_presets(dialog, tmp_path):
    path = _csv(
        tmp_path,
        [
            ["企业名称X", "信用代码?", "类别", "详细地址", "所属县区", "E", "N"],
            ["甲", _uscc(1), "化工", "", "东县", "", ""],
        ],
    )
    assert dialog.set_file(path)
    cols = dialog.current_mapping().columns
    assert "name_zh" not in cols  # unusual headers: not guessed
    dialog.set_column("name_zh", "企业名称X")
    dialog.set_column("uscc", "信用代码?")
    dialog.set_column("category", "类别")
    dialog.set_column("lon", "E")
    dialog.set_column("lat", "N")
    dialog.save_current_preset("县局台账")
    assert LD.presets("pollution_sources")["县局台账"] == {
        "name_zh": "企业名称X",
        "uscc": "信用代码?",
        "category": "类别",
        "lon": "E",
        "lat": "N",
        "address": "详细地址",  # guessed from the header
    }
    # a fresh dialog offers the preset and applies it
    d2 = LD.LedgerImportDialog(dialog.database)
    d2.set_file(path)
    assert d2.preset_combo.findData("县局台账") > 0
    d2.use_preset("县局台账")
    assert d2.current_mapping().columns == LD.presets("pollution_sources")["县局台账"]
    d2.close()
    dialog.delete_current_preset()
    assert "县局台账" not in LD.presets("pollution_sources")


def test_validate_refuse_then_valid_only(dialog, db, tmp_path, qtbot):  # noqa: F811
    good = _uscc(5)
    path = _csv(
        tmp_path,
        [
            HEAD,
            ["甲化工有限公司", good, "化工企业", "东路1号", "东县", "113°55′00″E", "34°42′00″N"],
            ["乙厂", "91410100XXXXXXXXX1", "火箭", "", "东县", "", ""],  # bad code, unknown category
        ],
    )
    assert dialog.set_file(path)
    cols = dialog.current_mapping().columns
    assert cols["name_zh"] == "单位名称" and cols["uscc"] == "统一社会信用代码" and cols["lon"] == "经度"
    rep = validate(dialog, qtbot)
    assert rep.errors and dialog.report is rep
    text = dialog.report_view.toPlainText()
    assert "row 3" in text and "error" in text
    # refused: nothing written
    assert dialog.run_import() is None
    assert "Refused" in dialog.status.text() or "拒绝" in dialog.status.text()
    assert rows(db, "SELECT count(*) FROM pollution_sources") == [(0,)]
    # valid rows only
    dialog.valid_only.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as blocker:
        assert dialog.run_import() is not None
    assert blocker.args[0].inserted == 1
    assert rows(db, "SELECT name_zh, uscc, category FROM pollution_sources") == [("甲化工有限公司", good, "chemical")]


def test_reimport_updates_and_reports_changes(dialog, db, tmp_path, qtbot):  # noqa: F811
    a = _uscc(7)
    first = _csv(tmp_path, [HEAD, ["丙电镀厂", a, "电镀", "南路1号", "西县", "", ""]], "v1.csv")
    dialog.set_file(first)
    rep = validate(dialog, qtbot)
    assert rep.errors == []
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        dialog.run_import()
    second = _csv(tmp_path, [HEAD, ["丙电镀厂", a, "电镀", "南路9号", "西县", "", ""]], "v2.csv")
    dialog.set_file(second)
    rep2 = validate(dialog, qtbot)
    assert "南路1号" in dialog.report_view.toPlainText() and "南路9号" in dialog.report_view.toPlainText()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as blocker:
        dialog.run_import()
    assert blocker.args[0].updated == 1 and blocker.args[0].inserted == 0 and rep2.errors == []
    assert rows(db, "SELECT address, needs_field_check FROM pollution_sources") == [("南路9号", 1)]


def test_xlsx_sheets_and_abandoned_wells(dialog, db, tmp_path, qtbot):  # noqa: F811
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.append(["本台账由县局填报"])
    ws2 = wb.create_sheet("废弃井")
    ws2.append(["编号", "名称", "类型", "井深", "风险等级", "封井状态", "县区"])
    ws2.append(["FQ001", "东村废弃机井", "废弃水井", 60, "中", "未封填", "东县"])
    ws2.append(["FQ002", "西山废弃矿井", "废弃矿井", 300, "高", "已封填", "西县"])
    path = tmp_path / "wells.xlsx"
    wb.save(str(path))
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("abandoned_wells"))
    assert dialog.set_file(str(path), sheet="废弃井")
    assert [dialog.sheet_combo.itemData(i) for i in range(dialog.sheet_combo.count())] == ["说明", "废弃井"]
    assert dialog.sheet_combo.currentData() == "废弃井"
    m = dialog.current_mapping()
    assert m.table == "abandoned_wells" and m.columns.get("well_code") == "编号"
    rep = validate(dialog, qtbot)
    assert rep.errors == [], [i.message for i in rep.issues]
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        dialog.run_import()
    assert rows(db, "SELECT well_code, kind, sealing_status FROM abandoned_wells ORDER BY well_code") == [
        ("FQ001", "water_well", "not_sealed"),
        ("FQ002", "mine_shaft", "sealed"),
    ]


def test_mnemonics_unique(dialog):
    import re

    from qgis.PyQt.QtWidgets import QAbstractButton, QLabel

    keys = []
    for child in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        m = re.search(r"&([^&\s])", child.text())
        if m:
            keys.append(m.group(1).lower())
    assert len(keys) >= 8 and len(keys) == len(set(keys)), sorted(keys)


def test_permit_list_through_the_dialog(dialog, db, tmp_path, qtbot):  # noqa: F811
    # records of a source (here discharge permits) are a target too: the source is named by credit code or name
    a = _uscc(41)
    src = _csv(tmp_path, [HEAD, ["丁化工", a, "化工", "", "东县", "", ""]], "src.csv")
    dialog.set_file(src)
    assert validate(dialog, qtbot).errors == []
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        dialog.run_import()
    permits = _csv(
        tmp_path,
        [
            ["统一社会信用代码", "许可证编号", "发证日期", "有效期至", "载明地下水自行监测要求"],
            [a, "P-001", "2024-03-01", "2029-02-28", "是"],
        ],
        "permits.csv",
    )
    dialog.set_file(permits)
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("permits"))
    fields = [dialog.mapping.item(r, 0).data(LD.Qt.ItemDataRole.UserRole) for r in range(dialog.mapping.rowCount())]
    assert fields[:3] == ["uscc", "source_code", "name_zh"] and "permit_no" in fields and "source_uuid" not in fields
    cols = dialog.current_mapping().columns
    assert cols["uscc"] == "统一社会信用代码" and cols["gw_self_monitoring"] == "载明地下水自行监测要求"
    assert validate(dialog, qtbot).errors == []
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as blocker:
        dialog.run_import()
    assert blocker.args[0].inserted == 1
    assert rows(db, "SELECT permit_no, valid_until, gw_self_monitoring, county_code FROM permits") == [
        ("P-001", "2029-02-28", 1, "419901")
    ]
