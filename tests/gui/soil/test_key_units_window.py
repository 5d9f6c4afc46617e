"""The soil key supervised units window offscreen on the demo city (core/demo/build.py, its soil data from
core/soil/demo.py) with demolition records added: the rows shown match the database (units with their
investigation status and deadline, demolitions with their check problems, source-control projects with the count
against the shipped plan's target); a draw run through gwplugin:soilreportspotcheck adds exactly the drawn checks;
drawing again when no report of the year is left is refused with one translated sentence and writes nothing; a check
result recorded through gwplugin:soilreportcheckresult is shown, and a refused one (re-sampling missing) is one
sentence."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import sqlite3
import uuid

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt
from qgis.PyQt.QtWidgets import QAbstractButton, QLabel

from gw_plugin.core.data.qgis_project import admin_unit_names
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import hidden_dangers as HD
from gw_plugin.core.soil import key_units as KU
from gw_plugin.gui.soil.key_units_window import INVESTIGATION, KeyUnitsWindow

TODAY = dt.date(2024, 12, 31)  # the demo city's own date (core/demo/builder.py FIXED_TIMESTAMP)
YEAR = 2024


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo city (core/demo/build.py, its soil data included) with three demolition records added — the demo
    has none: one in order but without its documents, one started without a filed plan, one finished without its
    summary report."""
    from gw_plugin.core.demo.build import build_demo

    path = build_demo(str(tmp_path_factory.mktemp("key_units") / "demo")).database
    con = open_db(path)
    units = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT p.source_code FROM pollution_sources p JOIN roster_entries e ON e.source_uuid = p.uuid "
            "WHERE e.roster = 'soil_key_supervised' ORDER BY p.source_code LIMIT 3"
        )
    ]
    for code, (facility, plan, start, finish, summary) in zip(
        units,
        (
            ("电镀车间", "2024-01-10", "2024-02-01", "2024-05-01", "2024-06-01"),
            ("储罐区", None, "2024-03-01", None, None),
            ("反应釜", "2024-02-01", "2024-03-01", "2024-04-01", None),
        ),
    ):
        source, county = con.execute(
            "SELECT uuid, county_code FROM pollution_sources WHERE source_code = ?", (code,)
        ).fetchone()
        con.execute(
            "INSERT INTO demolitions (uuid, county_code, source_uuid, facility, plan_filed_on, started_on, "
            "finished_on, summary_filed_on) VALUES (?,?,?,?,?,?,?,?)",
            (str(uuid.uuid4()), county, source, facility, plan, start, finish, summary),
        )
    con.close()
    return path, units


@pytest.fixture
def db(demo, tmp_path):
    path = str(tmp_path / "city.gpkg")
    shutil.copyfile(demo[0], path)
    return path


@pytest.fixture
def window(db, qtbot, qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()
    win = KeyUnitsWindow(db, None, lang="en")
    qtbot.addWidget(win)
    win.day.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    win.year.setValue(YEAR)
    win.show()
    yield win
    win.close()


def cells(table) -> list:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def digest(path) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def count(path, sql) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def wait_idle(window, qtbot):
    qtbot.waitUntil(lambda: not window.busy(), timeout=30000)


def test_rows_shown_match_the_database(window, db, demo):
    units = HD.investigation_status(db, TODAY)
    assert len(units) >= 10 and window.units_table.rowCount() == len(units)
    shown = {row[1]: row for row in cells(window.units_table)}
    names = admin_unit_names(db, window.lang, "county")
    for u in units:
        row = shown[u.source_code]
        assert row[0] == names[u.county_code] and row[0] != u.county_code  # the county by name, not its code
        assert row[3:6] == [u.listed_on.isoformat(), u.deadline.isoformat(), INVESTIGATION[u.status][1]]
        assert row[6:8] == [str(u.open_dangers), str(u.overdue_dangers)]
    assert len({u.status for u in units}) >= 3  # the demo has units in several states: the labels are tested
    assert f"{sum(u.status == 'overdue' for u in units)} investigations overdue" in window.units_summary.text()

    first, second, third = demo[1]
    demolitions = {row[0]: row for row in cells(window.demolitions_table)}
    assert set(demolitions) == {first, second, third}
    assert demolitions[second][2:7] == ["储罐区", "", "2024-03-01", "", ""]
    assert "without a filed pollution-prevention plan" in demolitions[second][8]
    assert "without a summary report" in demolitions[third][8]
    assert demolitions[first][8] == "a plan or report is filed but no document is kept with the record"
    assert "3 demolitions; 3 with problems." == window.demolitions_summary.text()

    ledger = KU.source_control_ledger(db, TODAY)
    assert len(ledger) >= 1 and window.projects_table.rowCount() == len(ledger)
    assert [row[3] for row in cells(window.projects_table)] == [p["project"] for p in ledger]
    counted = len({p["source_uuid"] for p in ledger if p["counted"]})
    assert f"{len(ledger)} projects; {counted} enterprises counted as of {TODAY}" in window.projects_summary.text()
    assert counted < 3 and "the target of 3 is not met" in window.projects_summary.text()  # the demo's 2 projects


def test_a_draw_adds_the_drawn_checks_and_a_second_is_refused(window, db, qtbot):
    population = KU.selfmon_population(db, YEAR)
    n = len(population)
    assert n >= 10 and window.checks_table.rowCount() == 0
    assert window.population.text().startswith(f"{n} reports of {YEAR} can be drawn")
    window.share.setValue(100.0)
    qtbot.mouseClick(window.draw_button, Qt.MouseButton.LeftButton)
    assert window.busy() and not window.draw_button.isEnabled()
    wait_idle(window, qtbot)
    drawn = KU.selfmon_checks(db)
    assert len(drawn) == n and {c["year"] for c in drawn} == {YEAR} and len({c["batch_id"] for c in drawn}) == 1
    assert sorted(row[2] for row in cells(window.checks_table)) == sorted(c["source_code"] for c in drawn)
    assert window.status.text().startswith(f"Batch {drawn[0]['batch_id']}: {n} of {n} reports of {YEAR} drawn")
    needing = sum(1 for c in drawn if c["resample_required"])
    assert needing > 0 and sum(1 for row in cells(window.checks_table) if row[5]) == needing
    assert window.population.text().startswith(f"0 reports of {YEAR} can be drawn")

    before = digest(db)
    window.draw()
    wait_idle(window, qtbot)
    expected = QCoreApplication.translate(
        "SoilReportSpotCheckAlgorithm",
        "No unit on the soil key supervised units roster has a report of {y} left to draw.",
    ).format(y=YEAR)
    assert window.status.text() == expected
    assert "Traceback" not in window.status.text() and "\n" not in window.status.text()
    assert digest(db) == before and window.checks_table.rowCount() == n
    assert window.draw_button.isEnabled()


def test_recording_a_result(window, db, qtbot):
    window.share.setValue(100.0)
    window.draw()
    wait_idle(window, qtbot)
    rows = KU.selfmon_checks(db)
    plain = next(i for i, c in enumerate(window.checks) if not c["resample_required"])
    needing = next(i for i, c in enumerate(window.checks) if c["resample_required"])
    assert not window.record_button.isEnabled()  # nothing selected yet

    # a unit needing re-sampling without its re-sampling result: refused, one sentence, nothing written
    window.checks_table.selectRow(needing)
    assert window.record_button.isEnabled()
    window.resample.setCurrentIndex(0)
    before = digest(db)
    window.record_result()
    wait_idle(window, qtbot)
    assert window.status.text() == QCoreApplication.translate(
        "KeyUnits", "This unit needs re-sampling: record its result too."
    )
    assert digest(db) == before

    window.checks_table.selectRow(plain)
    code = window.checks[plain]["source_code"]
    window.result.setCurrentIndex(1)  # to be rectified
    window.checked_on.setDate(QDate(2025, 5, 20))
    window.findings.setText("报告缺少地下水监测数据")
    window.record_result()
    wait_idle(window, qtbot)
    assert window.status.text() == f"Recorded the check of {code}."
    got = {c["source_code"]: c for c in KU.selfmon_checks(db)}[code]
    assert (got["report_result"], got["checked_on"], got["findings"]) == (
        "rectify",
        "2025-05-20",
        "报告缺少地下水监测数据",
    )
    shown = {row[2]: row for row in cells(window.checks_table)}[code]
    assert shown[6:10] == ["2025-05-20", "to be rectified", "", "报告缺少地下水监测数据"]
    assert len(rows) == window.checks_table.rowCount()


def mnemonics(widget) -> list:
    """The keyboard mnemonics (&x) of the labels, buttons, check boxes and tabs of ``widget``."""
    texts = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)]
    texts += [widget.tabs.tabText(i) for i in range(widget.tabs.count())]
    return [m.group(1).lower() for m in (re.search(r"&([^&\s])", t) for t in texts) if m]


def test_keyboard_mnemonics_are_unique(window):
    keys = mnemonics(window)
    assert len(keys) >= 15 and len(keys) == len(set(keys)), keys
    fields = (window.year, window.share, window.strata, window.result, window.checked_on, window.resample)
    buddies = {label.buddy() for label in window.findChildren(QLabel) if label.buddy() is not None}
    assert set(fields) <= buddies and window.findings in buddies and window.day in buddies


def test_chinese_labels_and_no_database(db, qtbot, qgis_app):
    win = KeyUnitsWindow(db, None, lang="zh")
    qtbot.addWidget(win)
    win.day.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    statuses = {row[5] for row in cells(win.units_table)}
    assert statuses <= {zh for zh, _en in INVESTIGATION.values()} and statuses
    empty = KeyUnitsWindow("", None, lang="en")
    qtbot.addWidget(empty)
    assert empty.status.text() == "No project database is loaded." and not empty.draw_button.isEnabled()
    # a database without the soil tables (a foreign SQLite file): one sentence, no traceback
    foreign = db + ".foreign.sqlite"
    sqlite3.connect(foreign).close()
    broken = KeyUnitsWindow(foreign, None, lang="en")
    qtbot.addWidget(broken)
    assert broken.status.text() and "Traceback" not in broken.status.text()
    assert broken.units_table.rowCount() == 0
