"""The lab import's reading side end to end (issues 12 item 7, 13): gwplugin:importsamples on the real workbook with a
title row and a merged two-row header (found by itself, or HEADER_ROW), column guessing that prefers exact headers,
an incomplete mapping naming the missing roles, a database refused in plain words before validation (locked,
damaged), and Cancel honoured while writing: the transaction is rolled back and the algorithm says so."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3

import pytest

from gw_plugin.core.data import tabular
from gw_plugin.core.wells import lab_columns

from .test_lab_import import db as db  # noqa: F401,PLC0414  (fixture: wells W1, W2, W3)

TABLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "data", "tables")
MERGED = os.path.join(TABLES, "lab_merged_header.xlsx")


def _results(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM sample_results").fetchone()[0]
    finally:
        con.close()


def test_guess_prefers_exact_headers():
    t = tabular.Table(
        "x", ["样品编号", "监测井类型", "监测井编号", "采样日期", "检测项目", "检测结果", "检测单位", "单位"], []
    )
    m = lab_columns.guess_mapping(t)
    assert (m.well, m.date, m.parameter, m.value, m.unit, m.lab, m.sample_code) == (
        "监测井编号",
        "采样日期",
        "检测项目",
        "检测结果",
        "单位",
        "检测单位",
        "样品编号",
    )
    only_lab = lab_columns.guess_mapping(tabular.Table("x", ["井号", "日期", "指标", "结果", "检测单位"], []))
    assert only_lab.unit == "" and only_lab.lab == "检测单位"  # 单位 never matches 检测单位
    typed = lab_columns.guess_mapping(tabular.Table("x", ["监测井类型", "点位", "日期", "指标", "值"], []))
    assert typed.well == "点位"
    assert lab_columns.missing_roles(typed) == ["value"]


def test_merged_header_workbook_imports(db, tmp_path, qgis_processing):  # noqa: F811
    import processing

    from gw_plugin.processing.provider import register_provider

    register_provider()
    m = lab_columns.guess_mapping(tabular.read_table(MERGED))
    assert (m.layout, m.well, m.date, m.sheet) == ("wide", "监测井编号", "采样日期", "检测结果")
    copy = str(tmp_path / "copy.gpkg")
    shutil.copy(db, copy)
    res = processing.run("gwplugin:importsamples", {"INPUT": MERGED, "DATABASE": db, "ACCEPT_VALID": True})
    assert res["RESULTS"] == 8 and _results(db) == 8  # 2 samples × 铅, 砷, 硝酸盐, pH
    con = sqlite3.connect(db)
    got = dict(
        con.execute(
            "SELECT r.parameter || '@' || s.sampled_on, r.value_text FROM sample_results r "
            "JOIN samples s ON s.uuid = r.sample_uuid"
        ).fetchall()
    )
    con.close()
    assert got["铅@2023-05-12"] == "0.01L" and got["pH@2023-05-13"] == "7.85"  # date cells read as dates
    # the header row named explicitly gives the same headers
    res = processing.run(
        "gwplugin:importsamples", {"INPUT": MERGED, "DATABASE": copy, "HEADER_ROW": 3, "SHEET": "检测结果"}
    )
    assert res["RESULTS"] == 8


def test_incomplete_mapping_names_the_roles_and_bad_database_is_said_first(db, tmp_path, qgis_processing):  # noqa: F811
    import processing
    from qgis.core import QgsProcessingException

    from gw_plugin.processing.provider import register_provider

    register_provider()
    odd = tmp_path / "odd.csv"
    odd.write_text("甲,乙,丙,丁\nW1,2023-01-01,pH,7\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as err:
        processing.run("gwplugin:importsamples", {"INPUT": str(odd), "DATABASE": db})
    text = str(err.value)
    assert "well" in text and "date" in text and "HEADER_ROW" in text and "Traceback" not in text
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(open(db, "rb").read()[:5000])
    with pytest.raises(QgsProcessingException) as err:
        processing.run("gwplugin:importsamples", {"INPUT": MERGED, "DATABASE": str(broken)})
    assert "broken.gpkg" in str(err.value) and "Traceback" not in str(err.value)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(QgsProcessingException) as err:
            processing.run("gwplugin:importsamples", {"INPUT": MERGED, "DATABASE": db})
        assert "locked" in str(err.value) or "锁" in str(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _results(db) == 0


def test_cancel_while_writing_rolls_back(db, tmp_path, qgis_processing):  # noqa: F811
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    from gw_plugin.processing.provider import register_provider

    register_provider()
    start = dt.date(2012, 1, 1)
    lines = ["井编号,采样日期,指标,检测值,单位"]
    for k in range(3000):
        day = (start + dt.timedelta(days=k)).isoformat()
        lines += [f"W{1 + k % 3},{day},硝酸盐,{k % 40 / 10},mg/L", f"W{1 + k % 3},{day},pH,7.1,"]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    feedback = QgsProcessingFeedback()
    seen = []

    def cancel_when_writing(p):
        seen.append(p)
        if p > 70.5:  # the write stage (71–95 %): validation ends at 70 %
            feedback.cancel()

    feedback.progressChanged.connect(cancel_when_writing)
    with pytest.raises(QgsProcessingException) as err:
        processing.run(
            "gwplugin:importsamples",
            {"INPUT": str(path), "DATABASE": db},
            context=QgsProcessingContext(),
            feedback=feedback,
        )
    assert "rolled back" in str(err.value) or "回滚" in str(err.value)
    assert _results(db) == 0 and min(seen) < 10  # progress came while reading, before the rest
