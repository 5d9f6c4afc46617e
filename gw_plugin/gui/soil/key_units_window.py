"""The soil key supervised units window (土壤污染重点监管单位, seed 001 二(一)2–3, 二(三)2), in its own resizable window
(the Sites dock is too narrow for these tables): the units on the roster with the status of their hidden-danger
investigation and its one-year deadline (core/soil/hidden_dangers.py), the self-monitoring report spot checks — a
draw run as gwplugin:soilreportspotcheck and a check result recorded as gwplugin:soilreportcheckresult, both by id
through gui/common/tasks.py —, the demolition records with what their check finds missing, and the source-control
projects ledger with the enterprises counted against the target of the shipped seed-001 plan
(core/soil/key_units.py). The tables are read-only; every refusal or error is one translated sentence.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable, Optional, Union

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QDate, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.data import db_errors
from ...core.data.qgis_project import admin_unit_names
from ...core.soil import hidden_dangers as HD
from ...core.soil import key_units as KU
from ...core.sources import indicators, spotcheck
from ...toolbelt.i18n import pick, tr, ui_language
from ...toolbelt.log import log
from ...toolbelt.qt import keep_until_finished
from ..common.screen import start_size
from ..common.tasks import ProcessingTask

TR_CONTEXT = "KeyUnitsWindow"  # the translation context of this module's texts

DRAW_ALGORITHM = "gwplugin:soilreportspotcheck"
RESULT_ALGORITHM = "gwplugin:soilreportcheckresult"
#: the shipped plan of seed 001 and its indicator holding the source-control target (as gwplugin:sourcecontrolprojects
#: reads it: 3 enterprises, the lower bound of seed 001 二(一)3 "3-5 家")
PLAN_ID, TARGET_INDICATOR = "zhengzhou_soil_2022", "zs_source_control_projects"

#: hidden-danger investigation status (core/soil/hidden_dangers.py) → (zh, en)
INVESTIGATION = {
    "on_time": ("按期完成", "finished on time"),
    "late": ("逾期完成", "finished late"),
    "in_progress": ("排查中", "in progress"),
    "not_started": ("未开始", "not started"),
    "overdue": ("已逾期", "overdue"),
}
#: the choices of gwplugin:soilreportcheckresult, in its enum order
REPORT_RESULTS = (
    ("pass", ("合格", "pass")),
    ("rectify", ("限期整改", "to be rectified")),
    ("fail", ("不合格", "fail")),
)
RESAMPLE_RESULTS = (
    (None, ("不复核采样", "no re-sampling")),
    ("consistent", ("与企业数据一致", "consistent with the unit's data")),
    ("inconsistent", ("不一致", "inconsistent")),
)
PROJECT_STATUS = {
    "planned": ("计划", "planned"),
    "in_progress": ("实施中", "in progress"),
    "completed": ("已完工", "completed"),
    "accepted": ("已验收", "accepted"),
}
YES_NO = (("否", "no"), ("是", "yes"))


def _text(value) -> str:
    return "" if value is None else str(value)


def _read_only_table(parent: QWidget, headers: list, stretch: int, name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table: the actions below stay reachable by keyboard
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            item = QTableWidgetItem(_text(value))
            item.setToolTip(_text(value))
            table.setItem(i, j, item)
    table.resizeColumnsToContents()


def source_control_target() -> Optional[float]:
    """The target (enterprises) of the shipped seed-001 plan's source-control indicator; None when unreadable."""
    try:
        plan = indicators.load_plan(PLAN_ID)
        return next((i.target for i in plan.indicators if i.id == TARGET_INDICATOR), None)
    except Exception as exc:  # noqa: BLE001 - a missing or broken plan file disables the comparison only
        log(f"seed 001 plan {PLAN_ID}: {type(exc).__name__}: {exc}", "warning")
        return None


class KeyUnitsWindow(QDialog):
    """The soil key supervised units of the project database ``database`` (a path, or a callable giving it).
    Modeless; ``changed`` is emitted after a draw or a recorded result."""

    changed = pyqtSignal()

    def __init__(
        self,
        database: Union[str, Callable[[], str]],
        parent: Optional[QWidget] = None,
        lang: Optional[str] = None,
    ):
        super().__init__(parent)
        self._database = database if callable(database) else (lambda: database)
        self.lang = lang or ui_language()
        self.setObjectName("gw_plugin_key_units_window")
        self.setWindowTitle(tr(TR_CONTEXT, "Soil key supervised units"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        self.tasks: list = []
        self.checks: list = []  # the rows of the spot-check table (dicts of core/soil/key_units.py selfmon_checks)

        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton(tr(TR_CONTEXT, "&Refresh"), self)
        top = QHBoxLayout()
        day_label = QLabel(tr(TR_CONTEXT, "As &of:"), self)
        day_label.setBuddy(self.day)
        top.addWidget(day_label)
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._units_page(), tr(TR_CONTEXT, "&Units"))
        self.tabs.addTab(self._checks_page(), tr(TR_CONTEXT, "Report &spot checks"))
        self.tabs.addTab(self._demolitions_page(), tr(TR_CONTEXT, "&Demolitions"))
        self.tabs.addTab(self._projects_page(), tr(TR_CONTEXT, "Source-&control projects"))

        self.status = QLabel(self)
        self.status.setObjectName("gw_plugin_key_units_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(start_size(self, 1100, 680))

        self.day.dateChanged.connect(lambda *_: self.reload())
        self.refresh_button.clicked.connect(lambda: self.reload())
        self.reload()

    # -- the pages --------------------------------------------------------------------------------------------

    def _units_page(self) -> QWidget:
        page = QWidget(self)
        self.units_summary = QLabel(page)
        self.units_summary.setWordWrap(True)
        self.units_table = _read_only_table(
            page,
            [
                tr(TR_CONTEXT, "County"),
                tr(TR_CONTEXT, "Unit code"),
                tr(TR_CONTEXT, "Unit"),
                tr(TR_CONTEXT, "Listed on"),
                tr(TR_CONTEXT, "Investigation due"),
                tr(TR_CONTEXT, "Hidden-danger investigation"),
                tr(TR_CONTEXT, "Open hidden dangers"),
                tr(TR_CONTEXT, "Overdue rectifications"),
            ],
            2,
            "gw_plugin_key_units_units",
        )
        layout = QVBoxLayout(page)
        layout.addWidget(self.units_summary)
        layout.addWidget(self.units_table, 1)
        return page

    def _checks_page(self) -> QWidget:
        page = QWidget(self)
        self.year = QSpinBox(page)
        self.year.setRange(2000, 2100)
        self.year.setValue(_dt.date.today().year - 1)
        self.share = QDoubleSpinBox(page)
        self.share.setRange(0.1, 100.0)
        self.share.setDecimals(1)
        self.share.setSuffix(" %")
        # the seed gives no share for these checks: the default is the source spot checks' minimum (seed 000
        # 三(二)6(1), core/sources/spotcheck.py), as gwplugin:soilreportspotcheck
        self.share.setValue(spotcheck.DEFAULT_SHARE_PERCENT)
        self.strata = QComboBox(page)
        self.strata.addItem(tr(TR_CONTEXT, "Industry category"))
        self.strata.addItem(tr(TR_CONTEXT, "County"))
        self.all_resample = QCheckBox(tr(TR_CONTEXT, "&Also every unit needing re-sampling"), page)
        self.draw_button = QPushButton(tr(TR_CONTEXT, "Dra&w"), page)
        self.population = QLabel(page)
        self.population.setWordWrap(True)
        draw_box = QGroupBox(tr(TR_CONTEXT, "Draw the reports of a year"), page)
        draw_form = QFormLayout(draw_box)
        for text, field in (
            (tr(TR_CONTEXT, "Report &year:"), self.year),
            (tr(TR_CONTEXT, "S&hare to draw:"), self.share),
            (tr(TR_CONTEXT, "One of every … &first:"), self.strata),
        ):
            label = QLabel(text, draw_box)
            label.setBuddy(field)
            draw_form.addRow(label, field)
        draw_form.addRow(self.all_resample)
        draw_row = QHBoxLayout()
        draw_row.addWidget(self.population, 1)
        draw_row.addWidget(self.draw_button)
        draw_form.addRow(draw_row)

        self.checks_table = _read_only_table(
            page,
            [
                tr(TR_CONTEXT, "Year"),
                tr(TR_CONTEXT, "Batch"),
                tr(TR_CONTEXT, "Unit code"),
                tr(TR_CONTEXT, "Unit"),
                tr(TR_CONTEXT, "Drawn on"),
                tr(TR_CONTEXT, "Re-sampling needed because"),
                tr(TR_CONTEXT, "Checked on"),
                tr(TR_CONTEXT, "Report check"),
                tr(TR_CONTEXT, "Re-sampling result"),
                tr(TR_CONTEXT, "Findings"),
            ],
            5,
            "gw_plugin_key_units_checks",
        )

        self.result = QComboBox(page)
        for _code, pair in REPORT_RESULTS:
            self.result.addItem(pick(pair, self.lang))
        self.checked_on = QDateEdit(QDate.currentDate(), page)
        self.checked_on.setCalendarPopup(True)
        self.checked_on.setDisplayFormat("yyyy-MM-dd")
        self.checked_on.setMaximumDate(QDate.currentDate())
        self.resample = QComboBox(page)
        for _code, pair in RESAMPLE_RESULTS:
            self.resample.addItem(pick(pair, self.lang))
        self.resampled_on = QDateEdit(QDate.currentDate(), page)
        self.resampled_on.setCalendarPopup(True)
        self.resampled_on.setDisplayFormat("yyyy-MM-dd")
        self.resampled_on.setMaximumDate(QDate.currentDate())
        self.findings = QLineEdit(page)
        self.record_button = QPushButton(tr(TR_CONTEXT, "Record the resul&t"), page)
        record_box = QGroupBox(tr(TR_CONTEXT, "Result of the selected check"), page)
        record_form = QFormLayout(record_box)
        for text, field in (
            (tr(TR_CONTEXT, "Report chec&k:"), self.result),
            (tr(TR_CONTEXT, "Checked o&n:"), self.checked_on),
            (tr(TR_CONTEXT, "Re-sam&pling:"), self.resample),
            (tr(TR_CONTEXT, "Re-sampled on:"), self.resampled_on),
            (tr(TR_CONTEXT, "F&indings:"), self.findings),
        ):
            label = QLabel(text, record_box)
            label.setBuddy(field)
            record_form.addRow(label, field)
        record_form.addRow(self.record_button)

        lower = QHBoxLayout()
        lower.addWidget(draw_box, 1)
        lower.addWidget(record_box, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.checks_table, 1)
        layout.addLayout(lower)
        self.year.valueChanged.connect(lambda *_: self._show_population())
        self.draw_button.clicked.connect(lambda: self.draw())
        self.record_button.clicked.connect(lambda: self.record_result())
        self.resample.currentIndexChanged.connect(lambda *_: self._update_buttons())
        self.checks_table.itemSelectionChanged.connect(self._update_buttons)
        return page

    def _demolitions_page(self) -> QWidget:
        page = QWidget(self)
        self.demolitions_summary = QLabel(page)
        self.demolitions_summary.setWordWrap(True)
        self.demolitions_table = _read_only_table(
            page,
            [
                tr(TR_CONTEXT, "Unit code"),
                tr(TR_CONTEXT, "Unit"),
                tr(TR_CONTEXT, "Facility"),
                tr(TR_CONTEXT, "Plan filed on"),
                tr(TR_CONTEXT, "Started on"),
                tr(TR_CONTEXT, "Finished on"),
                tr(TR_CONTEXT, "Summary report filed on"),
                tr(TR_CONTEXT, "Documents"),
                tr(TR_CONTEXT, "Problems"),
            ],
            8,
            "gw_plugin_key_units_demolitions",
        )
        layout = QVBoxLayout(page)
        layout.addWidget(self.demolitions_summary)
        layout.addWidget(self.demolitions_table, 1)
        return page

    def _projects_page(self) -> QWidget:
        page = QWidget(self)
        self.projects_summary = QLabel(page)
        self.projects_summary.setObjectName("gw_plugin_key_units_projects_summary")
        self.projects_summary.setWordWrap(True)
        self.projects_table = _read_only_table(
            page,
            [
                tr(TR_CONTEXT, "County"),
                tr(TR_CONTEXT, "Unit code"),
                tr(TR_CONTEXT, "Enterprise"),
                tr(TR_CONTEXT, "Project"),
                tr(TR_CONTEXT, "Programme"),
                tr(TR_CONTEXT, "Status"),
                tr(TR_CONTEXT, "Started on"),
                tr(TR_CONTEXT, "Finished on"),
                tr(TR_CONTEXT, "Investment (10k yuan)"),
                tr(TR_CONTEXT, "Counted for the target"),
            ],
            3,
            "gw_plugin_key_units_projects",
        )
        layout = QVBoxLayout(page)
        layout.addWidget(self.projects_summary)
        layout.addWidget(self.projects_table, 1)
        return page

    # -- reading ----------------------------------------------------------------------------------------------

    def database(self) -> str:
        return self._database() or ""

    def as_of(self) -> _dt.date:
        return self.day.date().toPyDate()

    def _unreadable(self, exc: Exception) -> str:
        """One sentence for a database that cannot be read (the detail goes to the log)."""
        log(f"key supervised units of {self.database()}: {type(exc).__name__}: {exc}", "warning")
        if db_errors.kind_of(exc):
            return db_errors.explain(exc, self.database())
        return tr(
            TR_CONTEXT,
            "The key supervised units cannot be read from this database: open it once with this version of the "
            "plugin to upgrade it.",
        )

    def reload(self) -> None:
        """Read every table again from the project database."""
        path = self.database()
        for table in (self.units_table, self.checks_table, self.demolitions_table, self.projects_table):
            table.setRowCount(0)
        self.checks = []
        if not path:
            self.status.setText(tr(TR_CONTEXT, "No project database is loaded."))
            self._update_buttons()
            return
        try:
            self._read(path)
        except Exception as exc:  # noqa: BLE001 - an old, foreign or locked database: one sentence, no traceback
            self.status.setText(self._unreadable(exc))
        self._update_buttons()

    def _read(self, path: str) -> None:
        today = self.as_of()
        counties = admin_unit_names(path, self.lang, "county")  # county names in the UI language, as on the map
        units = HD.investigation_status(path, today)
        _fill(
            self.units_table,
            [
                (
                    counties.get(u.county_code, u.county_code),
                    u.source_code,
                    u.name_zh,
                    u.listed_on.isoformat(),
                    u.deadline.isoformat(),
                    pick(INVESTIGATION.get(u.status, (u.status, u.status)), self.lang),
                    u.open_dangers,
                    u.overdue_dangers,
                )
                for u in units
            ],
        )
        self.units_summary.setText(
            tr(
                TR_CONTEXT,
                "{n} units on the roster; {overdue} investigations overdue (due one year after listing); {open} "
                "hidden dangers open, {late} of them past their rectification deadline.",
            ).format(
                n=len(units),
                overdue=sum(u.status == "overdue" for u in units),
                open=sum(u.open_dangers for u in units),
                late=sum(u.overdue_dangers for u in units),
            )
        )
        self._read_checks(path)
        self._show_population()

        demolitions = KU.demolition_records(path)
        _fill(
            self.demolitions_table,
            [
                (
                    d["source_code"],
                    d["name_zh"],
                    d["facility"],
                    d["plan_filed_on"],
                    d["started_on"],
                    d["finished_on"],
                    d["summary_filed_on"],
                    d["documents"],
                    ("；" if self.lang == "zh" else "; ").join(pick((p.zh, p.en), self.lang) for p in d["problems"]),
                )
                for d in demolitions
            ],
        )
        self.demolitions_summary.setText(
            tr(TR_CONTEXT, "{n} demolitions; {p} with problems.").format(
                n=len(demolitions), p=sum(1 for d in demolitions if d["problems"])
            )
        )

        projects = KU.source_control_ledger(path, today)
        _fill(
            self.projects_table,
            [
                (
                    counties.get(p["county_code"], p["county_code"]),
                    p["source_code"],
                    p["name_zh"],
                    p["project"],
                    p["programme"],
                    pick(PROJECT_STATUS.get(p["status"], (p["status"], p["status"])), self.lang),
                    p["started_on"],
                    p["finished_on"],
                    "" if p["investment_10k_yuan"] is None else f"{p['investment_10k_yuan']:g}",
                    pick(YES_NO[bool(p["counted"])], self.lang),
                )
                for p in projects
            ],
        )
        counted = len({p["source_uuid"] for p in projects if p["counted"]})
        target = source_control_target()
        if target is None:
            text = tr(TR_CONTEXT, "{p} projects; {e} enterprises counted as of {d}.")
        elif counted >= target:
            text = tr(TR_CONTEXT, "{p} projects; {e} enterprises counted as of {d}: the target of {t} is met.")
        else:
            text = tr(TR_CONTEXT, "{p} projects; {e} enterprises counted as of {d}: the target of {t} is not met.")
        self.projects_summary.setText(
            text.format(p=len(projects), e=counted, d=today.isoformat(), t=f"{target:g}" if target else "")
        )
        self.status.setText("")

    def _read_checks(self, path: str) -> None:
        self.checks = KU.selfmon_checks(path)
        results = dict(REPORT_RESULTS)
        resampled = {code: pair for code, pair in RESAMPLE_RESULTS if code}
        _fill(
            self.checks_table,
            [
                (
                    c["year"],
                    c["batch_id"],
                    c["source_code"],
                    c["name_zh"],
                    c["drawn_on"],
                    c["resample_reason"] or "",
                    c["checked_on"],
                    pick(results[c["report_result"]], self.lang) if c["report_result"] in results else "",
                    pick(resampled[c["resample_result"]], self.lang) if c["resample_result"] in resampled else "",
                    c["findings"],
                )
                for c in self.checks
            ],
        )

    def _show_population(self) -> None:
        path = self.database()
        if not path:
            self.population.setText("")
            return
        try:
            pop = KU.selfmon_population(path, self.year.value())
        except Exception as exc:  # noqa: BLE001 - said once in the status line by reload()
            log(f"self-monitoring population of {path}: {type(exc).__name__}: {exc}", "warning")
            self.population.setText("")
            return
        self.population.setText(
            tr(TR_CONTEXT, "{n} reports of {y} can be drawn, {r} of them from units needing re-sampling.").format(
                n=len(pop), y=self.year.value(), r=sum(1 for r in pop if r["resample_reason"])
            )
        )

    # -- actions ----------------------------------------------------------------------------------------------

    def busy(self) -> bool:
        return bool(self.tasks)

    def selected_check(self) -> Optional[dict]:
        rows = self.checks_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.checks):
            return None
        return self.checks[rows[0].row()]

    def _update_buttons(self) -> None:
        idle, ready = not self.busy(), bool(self.database())
        self.draw_button.setEnabled(idle and ready)
        self.record_button.setEnabled(idle and ready and self.selected_check() is not None)
        self.resampled_on.setEnabled(self.resample.currentIndex() > 0)
        self.refresh_button.setEnabled(idle)

    def _run(self, description: str, algorithm_id: str, parameters: dict, on_done) -> Optional[ProcessingTask]:
        """Run ``algorithm_id`` in a task; ``on_done(results)`` after success, the error shown as one sentence."""
        task = ProcessingTask(description, algorithm_id, parameters)
        if task.error:  # not available, or refused before it started
            self.status.setText(task.error)
            return None

        def done(ok: bool, results: dict, error: str) -> None:
            if task in self.tasks:
                self.tasks.remove(task)
            if ok:
                on_done(results)
                self.changed.emit()
            else:
                self.status.setText(error or tr(TR_CONTEXT, "Canceled: nothing was recorded."))
            self._update_buttons()

        task.completed.connect(done)
        self.tasks.append(task)
        self.status.setText(description + "…")
        self._update_buttons()
        QgsApplication.taskManager().addTask(task)
        return task

    def draw(self) -> Optional[ProcessingTask]:
        """Draw the self-monitoring reports of the chosen year (gwplugin:soilreportspotcheck)."""
        if not self.database():
            return None
        year = self.year.value()
        params = {
            "DATABASE": self.database(),
            "YEAR": year,
            "SHARE": self.share.value(),
            "STRATA": self.strata.currentIndex(),
            "ALL_RESAMPLE": self.all_resample.isChecked(),
            "SEED": 0,
            "BATCH_ID": "",
        }

        def done(results: dict) -> None:
            self.reload()
            self.status.setText(
                tr(TR_CONTEXT, "Batch {b}: {d} of {n} reports of {y} drawn, {r} to re-sample.").format(
                    b=results.get("BATCH", ""),
                    d=int(results.get("DRAWN", 0)),
                    n=int(results.get("POPULATION", 0)),
                    y=year,
                    r=int(results.get("RESAMPLE", 0)),
                )
            )

        return self._run(tr(TR_CONTEXT, "Drawing self-monitoring reports"), DRAW_ALGORITHM, params, done)

    def record_result(self) -> Optional[ProcessingTask]:
        """Record the result of the selected check (gwplugin:soilreportcheckresult)."""
        check = self.selected_check()
        if check is None or not self.database():
            self.status.setText(tr(TR_CONTEXT, "Select a drawn check first."))
            return None
        resample = self.resample.currentIndex()
        params = {
            "DATABASE": self.database(),
            "BATCH_ID": check["batch_id"],
            "SOURCE_CODE": check["source_code"] or "",
            "RESULT": self.result.currentIndex(),
            "CHECKED_ON": self.checked_on.date().toString("yyyy-MM-dd"),
            "RESAMPLE_RESULT": resample,
            "RESAMPLED_ON": self.resampled_on.date().toString("yyyy-MM-dd") if resample else "",
            "FINDINGS": self.findings.text().strip(),
        }
        code = check["source_code"]

        def done(results: dict) -> None:
            self.reload()
            self.status.setText(tr(TR_CONTEXT, "Recorded the check of {u}.").format(u=code))

        return self._run(tr(TR_CONTEXT, "Recording a spot check"), RESULT_ALGORITHM, params, done)

    def teardown(self) -> None:
        """Stop listening to running tasks (kept alive until QGIS is done with them) and ask them to stop; a draw or
        result already writing finishes its one transaction."""
        for task in list(self.tasks):
            try:
                task.completed.disconnect()
                keep_until_finished(task)
                task.cancel()
            except (RuntimeError, TypeError):
                pass
        self.tasks.clear()
        self._update_buttons()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.teardown()
        super().closeEvent(event)
