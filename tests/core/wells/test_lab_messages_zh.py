"""The lab import's validation messages under the plugin's Chinese translation (issue 13 item 5, issue 17): every
error of a bad lab file is one Chinese sentence, on an issue that names the cell (file row and column), and its code
stays the English one that presets and tests rely on.

The translator is built here with lrelease from the lab_import context of i18n/gw_plugin_zh_CN.ts together with the
translations still waiting in i18n/pending/*.tsv (merged into the .ts by the lead), so the test holds before and
after the merge.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from gw_plugin.core.data import tabular
from gw_plugin.core.wells import lab_import, lab_write
from gw_plugin.core.wells.lab_import import ColumnMapping
from tests.core.wells.test_lab_values_import import TODAY, db  # noqa: F401  (the fixture: a project with JC-01, JC-02)

ROOT = Path(__file__).resolve().parents[3]
CONTEXT = lab_import.TR_CONTEXT
CJK = re.compile(r"[\u3400-\u9fff]")
LRELEASE = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"


def _translations() -> dict:
    """source → Chinese of the lab_import context: the committed .ts, then the pending .tsv files over it."""
    out = {}
    for ctx in ET.parse(ROOT / "i18n" / "gw_plugin_zh_CN.ts").getroot().iter("context"):
        if ctx.findtext("name") != CONTEXT:
            continue
        for msg in ctx.iter("message"):
            t = msg.find("translation")
            if t is not None and t.text and t.get("type") not in ("unfinished", "vanished", "obsolete"):
                out[msg.findtext("source")] = t.text
    for tsv in sorted((ROOT / "i18n" / "pending").glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[0] == CONTEXT:
                out[parts[1].replace("\\n", "\n")] = parts[2].replace("\\n", "\n")
    return out


@pytest.fixture
def chinese(tmp_path, qgis_app):
    """The plugin's Chinese texts of the lab import installed for the test, removed afterwards."""
    messages = "".join(
        f"<message><source>{html.escape(s, quote=False)}</source>"
        f"<translation>{html.escape(t, quote=False)}</translation></message>"
        for s, t in _translations().items()
    )
    ts = tmp_path / "lab_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        f"<context><name>{CONTEXT}</name>{messages}</context></TS>",
        encoding="utf-8",
    )
    qm = tmp_path / "lab_zh_CN.qm"
    subprocess.run([LRELEASE, "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


ROWS = [
    ["点位", "采样日期", "检测项目", "检测结果", "单位"],
    ["JC-99", "2023-05-12", "铅", "0.01", "mg/L"],  # 2: unknown well
    ["JC-01", "2023-13-45", "铅", "0.01", "mg/L"],  # 3: no such date
    ["JC-01", "2023-05-12", "氪气含量", "0.01", "mg/L"],  # 4: not a GB/T 14848 parameter
    ["JC-01", "2023-05-12", "砷", "3 μg/L", "mg/L"],  # 5: the value's unit contradicts the unit column's
    ["JC-01", "2023-05-12", "镉", "<-0.001", "mg/L"],  # 6: a detection limit below zero
    ["JC-01", "2023-05-12", "汞", "0.0001\x07", "mg/L"],  # 7: a control character
    ["JC-01", "2023-05-12", "铬（六价）", "0.002", "Bq/L"],  # 8: a unit that cannot be converted
    ["JC-01", "2023-05-12", "铁", "0.1", "mg/L"],  # 9: fine
]
EXPECTED = [
    (2, "点位", "unknown_well"),
    (3, "采样日期", "bad_date"),
    (4, "检测项目", "unknown_parameter"),
    (5, "检测结果", "unit_conflict"),
    (6, "检测结果", "bad_value"),
    (7, "检测结果", "control_character"),
    (8, "检测结果", "unit"),
]
MAPPING = ColumnMapping(
    layout="long", well="点位", date="采样日期", parameter="检测项目", value="检测结果", unit="单位"
)


def _validate(db):  # noqa: F811
    table = tabular.Table("mem.csv", ROWS[0], [list(r) for r in ROWS[1:]], encoding="utf-8")
    return lab_import.validate(table, db, MAPPING, today=TODAY)


def test_every_error_of_a_bad_file_is_chinese_and_names_its_cell(chinese, db):  # noqa: F811
    rep = _validate(db)
    assert sorted((i.row, i.column, i.code) for i in rep.errors) == EXPECTED
    for issue in rep.errors:
        assert CJK.search(issue.message), (issue.code, issue.message)
        assert "Traceback" not in issue.message and "\n" not in issue.message
    by_code = {i.code: i.message for i in rep.errors}
    assert "JC-99" in by_code["unknown_well"] and "不在数据库中" in by_code["unknown_well"]
    assert "2023-13-45" in by_code["bad_date"] and "不是日期" in by_code["bad_date"]
    assert "氪气含量" in by_code["unknown_parameter"]
    assert "μg/L" in by_code["unit_conflict"] and "单位列" in by_code["unit_conflict"]
    assert "检出限 -0.001 不是正数" in by_code["bad_value"]
    assert "U+0007" in by_code["control_character"]
    assert "Bq/L" in by_code["unit"] and "无法换算" in by_code["unit"]
    assert rep.n_values == 1
    with pytest.raises(lab_import.ImportRefusedError, match="7 个错误：未写入任何数据"):
        lab_write.write(rep, db)


def test_the_same_file_in_english_without_the_translation(db):  # noqa: F811
    rep = _validate(db)
    assert sorted((i.row, i.column, i.code) for i in rep.errors) == EXPECTED
    by_code = {i.code: i.message for i in rep.errors}
    assert by_code["unknown_well"] == "well 'JC-99' is not in the database"
    assert by_code["bad_date"] == "'2023-13-45' is not a date"
    assert by_code["unit_conflict"] == "unit 'mg/L' of the unit column contradicts unit 'μg/L' of the value"
    assert not any(
        CJK.search(i.message) for i in rep.errors if i.code not in ("unknown_parameter", "unit")
    )  # those quote 氪气含量, 铬（六价）
