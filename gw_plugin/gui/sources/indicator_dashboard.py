"""Pilot-zone indicator dashboard, opened from the Sources dock in its own resizable window (``IndicatorDialog``): a
plan chooser (the shipped plans and the user's own JSON plans, remembered in QgsSettings; it starts on the project's
plan — the project entry ``gw_plugin/plan``, written when the user chooses a plan, a user plan's file relative to the
project — else on the plan used last, else on the first), a traffic-light table (met / on track / behind / no
data) of every indicator for the city and each county with numerator and denominator, and buttons exporting the
XLSX workbook and the PDF report through the ``gwplugin:indicators`` Processing algorithm in a background task.
Without openpyxl the XLSX export says how to install it (one sentence) and the PDF export still works.
Under English the plans, the counties and the city carry their English names where the data has them (the plan file's
``name_en``, admin_units.name_en), the Chinese ones otherwise.

The table is computed by core/sources/indicators.py ``compute`` (a few hundred milliseconds for the demo city; ≤ 10 s for
100,000 sources, see bench/).
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.data import qgis_project
from ...core.sources import indicators as I
from ...toolbelt import settings
from ..common.screen import start_size

STATUS_COLOURS = {"met": "#1a9641", "on_track": "#f4a700", "behind": "#d7191c", "no_data": "#9e9e9e"}
CITY = "__city__"
PROJECT_SCOPE, PROJECT_PLAN_KEY = "gw_plugin", "plan"  # the project's plan: a shipped plan's id or a JSON file


def project_plan(project) -> str:
    """The plan stored in ``project`` (a shipped plan's id, or the absolute path of a JSON plan), or ''."""
    if project is None:
        return ""
    value, _ok = project.readEntry(PROJECT_SCOPE, PROJECT_PLAN_KEY, "")
    value = (value or "").strip()
    if not value or value in I.shipped_plans():
        return value
    return project.pathResolver().readPath(value)  # a file: stored relative to the project


def set_project_plan(project, key: str) -> None:
    """Store the plan ``key`` in ``project`` (a JSON plan's path relative to the project, as QGIS stores paths)."""
    if project is None or not key:
        return
    value = key if key in I.shipped_plans() else project.pathResolver().writePath(key)
    if project.readEntry(PROJECT_SCOPE, PROJECT_PLAN_KEY, "")[0] != value:
        project.writeEntry(PROJECT_SCOPE, PROJECT_PLAN_KEY, value)


def user_plans() -> list:
    value = settings.INDICATOR_USER_PLANS.get()
    return [str(p) for p in value if p and os.path.isfile(str(p))]


def add_user_plan(path: str) -> None:
    plans = [p for p in user_plans() if os.path.abspath(p) != os.path.abspath(path)]
    settings.INDICATOR_USER_PLANS.set(plans + [os.path.abspath(path)])


def plan_label(plan, lang: str = "zh") -> str:
    """The plan's name in ``lang``: its English title (``name_en``) under English where the file has one."""
    # a file without name_en gets its file name as name_en (core/sources/indicators.py load_plan): not a title
    english = (
        not lang.startswith("zh")
        and plan.name_en
        and plan.name_en != os.path.splitext(os.path.basename(plan.source))[0]
    )
    return plan.name_en if english else plan.name_zh


def available_plans(lang: str = "zh") -> list:
    """[(label, plan id or path, is_shipped)] — shipped plans first, then the user's JSON plans; named in ``lang``."""
    out = []
    for pid, path in I.shipped_plans().items():
        try:
            plan = I.load_plan(path)
            out.append((plan_label(plan, lang), pid, True))
        except I.PlanError:
            continue
    for path in user_plans():
        try:
            plan = I.load_plan(path)
        except I.PlanError:
            continue
        out.append((f"{plan_label(plan, lang)} ({os.path.basename(path)})", path, False))
    return out


def unsaved_layers(database: str) -> list:
    """Names of the project's layers on ``database`` with edits not yet saved (the indicators read the saved file)."""
    from qgis.core import QgsVectorLayer

    out = []
    target = os.path.normcase(os.path.abspath(database))
    for layer in QgsProject.instance().mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or not layer.isModified():
            continue
        path = layer.source().split("|")[0]
        if os.path.normcase(os.path.abspath(path)) == target:
            out.append(layer.name())
    return sorted(out)


class IndicatorDashboard(QWidget):
    """Plan chooser, area chooser, traffic-light table and export buttons."""

    exported = pyqtSignal(dict)  # the algorithm's results
    COLUMNS = ("indicator", "area", "numerator", "denominator", "value", "target", "deadline", "status")

    def __init__(
        self,
        database: Callable[[], Optional[str]],
        parent: Optional[QWidget] = None,
        lang: str = "zh",
        project: Optional[QgsProject] = None,
    ):
        super().__init__(parent)
        self.setObjectName("gw_plugin_indicator_dashboard")
        self._database = database
        self.project = project or QgsProject.instance()
        self.lang = lang
        self.report = None
        self._area_names: dict = {}  # area code → English name (area_names)
        self.today: Optional[_dt.date] = None  # None = today; tests and reports may fix the date
        self._tasks: list = []

        self.plan = QComboBox(self)
        self.plan.setObjectName("plan")
        self.add_plan_button = QPushButton(QCoreApplication.translate("IndicatorDashboard", "Own p&lan…"), self)
        self.add_plan_button.setToolTip(
            QCoreApplication.translate("IndicatorDashboard", "Add a plan configuration (JSON) of your own")
        )
        self.add_plan_button.clicked.connect(self.choose_plan_file)
        self.area = QComboBox(self)
        self.area.setObjectName("area")
        self.compute_button = QPushButton(QCoreApplication.translate("IndicatorDashboard", "Comp&ute"), self)
        self.compute_button.clicked.connect(self.compute)
        self.xlsx_button = QPushButton(QCoreApplication.translate("IndicatorDashboard", "Export &XLSX…"), self)
        self.xlsx_button.clicked.connect(lambda: self.export("XLSX"))
        self.pdf_button = QPushButton(QCoreApplication.translate("IndicatorDashboard", "Export P&DF…"), self)
        self.pdf_button.clicked.connect(lambda: self.export("PDF"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("indicator_table")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("IndicatorDashboard", "Indicator"),
                QCoreApplication.translate("IndicatorDashboard", "Area"),
                QCoreApplication.translate("IndicatorDashboard", "Numerator"),
                QCoreApplication.translate("IndicatorDashboard", "Denominator"),
                QCoreApplication.translate("IndicatorDashboard", "Value"),
                QCoreApplication.translate("IndicatorDashboard", "Target"),
                QCoreApplication.translate("IndicatorDashboard", "Deadline"),
                QCoreApplication.translate("IndicatorDashboard", "Status"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the indicator's name takes the rest
        for column in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(48)
        self.table.setMinimumWidth(640)

        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("IndicatorDashboard", "Plan"), self))
        top.addWidget(self.plan, 1)
        top.addWidget(self.add_plan_button)
        second = QHBoxLayout()
        second.addWidget(QLabel(QCoreApplication.translate("IndicatorDashboard", "Area"), self))
        second.addWidget(self.area, 1)
        second.addWidget(self.compute_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.fill_plans()
        self.plan.currentIndexChanged.connect(self._plan_changed)
        self.area.currentIndexChanged.connect(self.fill_table)
        self.project.readProject.connect(self._project_read)

    # -- plans ------------------------------------------------------------------------------------------------

    def fill_plans(self) -> None:
        """Every plan; the current one: the project's, else the one used last, else the first."""
        own = project_plan(self.project)
        self.plan.blockSignals(True)
        self.plan.clear()
        for label, key, _shipped in available_plans(self.lang):
            self.plan.addItem(label, key)
        if own and self.plan.findData(own) < 0 and os.path.isfile(own):  # the project's own JSON plan, not listed
            try:
                self.plan.addItem(f"{plan_label(I.load_plan(own), self.lang)} ({os.path.basename(own)})", own)
            except I.PlanError:
                pass
        for key in (own, settings.INDICATOR_LAST_PLAN.get()):
            idx = self.plan.findData(key) if key else -1
            if idx >= 0:
                break
        self.plan.setCurrentIndex(max(idx, 0))
        self.plan.blockSignals(False)

    def _project_read(self, *args) -> None:
        """Another project was opened: its plan, and no figures of the previous one."""
        self.fill_plans()
        self.report = None
        self.table.setRowCount(0)

    def select_plan(self, key: str) -> None:
        self.plan.setCurrentIndex(self.plan.findData(key))

    def choose_plan_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("IndicatorDashboard", "Plan configuration"),
            "",
            QCoreApplication.translate("IndicatorDashboard", "Plan (*.json)"),
        )
        if path:
            self.add_plan_file(path)

    def add_plan_file(self, path: str) -> bool:
        try:
            I.load_plan(path)
        except I.PlanError as exc:
            self.status.setText(str(exc))
            return False
        add_user_plan(path)
        self.fill_plans()
        self.select_plan(os.path.abspath(path))
        return True

    def _plan_changed(self, *args) -> None:
        """The user chose a plan: the project's plan from now on, and the one used last."""
        settings.INDICATOR_LAST_PLAN.set(self.plan.currentData() or "")
        set_project_plan(self.project, self.plan.currentData() or "")
        self.report = None
        self.table.setRowCount(0)

    # -- computing and showing --------------------------------------------------------------------------------

    def compute(self) -> bool:
        db = self._database()
        key = self.plan.currentData()
        if not db or not key:
            self.status.setText(QCoreApplication.translate("IndicatorDashboard", "No project database or plan."))
            return False
        try:
            plan = I.load_plan(key)
            self.report = I.compute(db, plan, self.today)
        except Exception as exc:  # PlanError, a database without the tables…: shown
            self.status.setText(str(exc))
            return False
        current = self.area.currentData()
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItem(QCoreApplication.translate("IndicatorDashboard", "City and every county"), None)
        areas = []
        for r in self.report.results:
            if (r.area_code, r.area_name) not in areas:
                areas.append((r.area_code, r.area_name))
        self._area_names = self.area_names(db)
        for code, name in areas:
            self.area.addItem(self._area_names.get(code) or name or code, code)
        self.area.setCurrentIndex(max(0, self.area.findData(current)))
        self.area.blockSignals(False)
        self.fill_table()
        counts: dict = {}
        for r in self.report.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        text = QCoreApplication.translate(
            "IndicatorDashboard", "{n} figures on {d}: {met} met, {on} on track, {behind} behind, {nd} no data"
        ).format(
            n=len(self.report.results),
            d=self.report.today,
            met=counts.get("met", 0),
            on=counts.get("on_track", 0),
            behind=counts.get("behind", 0),
            nd=counts.get("no_data", 0),
        )
        unsaved = unsaved_layers(db)
        if unsaved:  # the figures read the saved file: say so rather than count edits still in a layer's buffer
            text += " " + QCoreApplication.translate(
                "IndicatorDashboard", "Not counted: unsaved edits in {layers} (save them and compute again)."
            ).format(layers=", ".join(unsaved))
        self.status.setText(text)
        return True

    def area_names(self, database: str) -> dict:
        """area code → name under English: the counties' and the city's English names where the database has them
        (the Chinese names of the report otherwise); {} under Chinese (the report's names)."""
        if self.lang.startswith("zh") or self.report is None:
            return {}
        names = qgis_project.admin_unit_names(database, self.lang, "county")
        city = next(iter(qgis_project.admin_unit_names(database, self.lang, "city").values()), "")
        if city and city.isascii():  # the database's own city in English, as the report names it in Chinese
            names[self.report.city_code] = QCoreApplication.translate(
                "IndicatorDashboard", "{city} (whole city)"
            ).format(city=city)
        return names

    def visible_results(self) -> list:
        if self.report is None:
            return []
        area = self.area.currentData()
        return [r for r in self.report.results if area is None or r.area_code == area]

    def fill_table(self, *args) -> None:
        rows = self.visible_results()
        zh = self.lang.startswith("zh")
        defs = {d.id: d for d in self.report.indicators} if self.report is not None else {}
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            value = "—" if r.value is None else (f"{r.value:.1f}%" if r.unit == "%" else f"{r.value:g}")
            target = f"{r.target:g}%" if r.unit == "%" else f"{r.target:g}"
            values = [
                r.name_zh if zh else r.name_en,
                self._area_names.get(r.area_code) or r.area_name,
                str(r.numerator),
                "—" if r.denominator is None else str(r.denominator),
                value,
                target,
                r.deadline,
                r.status_zh if zh else r.status_en,
            ]
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, r.status)
                if j == 0:
                    item.setToolTip(v)  # the whole name where the column is too narrow
                if j in (2, 3):
                    d = defs.get(r.indicator_id)
                    if zh or d is None:
                        item.setToolTip(r.numerator_zh if j == 2 else r.denominator_zh)
                    else:
                        item.setToolTip(d.numerator_en if j == 2 else d.denominator_en)
                if j == 7:
                    item.setBackground(QBrush(QColor(STATUS_COLOURS.get(r.status, "#ffffff"))))
                    item.setForeground(QBrush(QColor("#ffffff")))
                self.table.setItem(i, j, item)

    # -- export through Processing ----------------------------------------------------------------------------

    def export_parameters(self, kind: str, path: str) -> dict:
        key = self.plan.currentData()
        params = {"DATABASE": self._database(), kind: path}
        shipped = list(I.shipped_plans())
        if key in shipped:
            params["PLAN"] = shipped.index(key)
        else:
            params["PLAN_FILE"] = key
        if self.today is not None:
            params["TODAY"] = self.today.isoformat()
        return params

    def export(self, kind: str, path: Optional[str] = None):
        """Write the XLSX or PDF in a background task; returns the task (None when nothing was started)."""
        if kind == "XLSX":
            from ...core.data import reports

            try:
                reports.require_openpyxl()
            except reports.XlsxUnavailableError as exc:  # one sentence with the install command, no file dialog
                self.status.setText(str(exc))
                return None
        if path is None:
            filt = "Excel (*.xlsx)" if kind == "XLSX" else "PDF (*.pdf)"
            path, _f = QFileDialog.getSaveFileName(
                self, QCoreApplication.translate("IndicatorDashboard", "Export the indicators"), "", filt
            )
            if not path:
                return None
        if not self._database() or not self.plan.currentData():
            self.status.setText(QCoreApplication.translate("IndicatorDashboard", "No project database or plan."))
            return None
        from ..common.tasks import ProcessingTask

        task = ProcessingTask(
            QCoreApplication.translate("IndicatorDashboard", "Pilot-zone indicators"),
            "gwplugin:indicators",
            self.export_parameters(kind, path),
        )
        task.completed.connect(lambda ok, res, err, t=task: self._exported(t, ok, res, err))
        self._tasks.append(task)
        self.xlsx_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        QgsApplication.taskManager().addTask(task)
        return task

    def _exported(self, task, ok: bool, results: dict, error: str) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        self.xlsx_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        if ok:
            written = results.get("XLSX") or results.get("PDF") or ""
            self.status.setText(
                QCoreApplication.translate("IndicatorDashboard", "Written: {path}").format(path=written)
            )
            self.exported.emit(results)
        else:
            self.status.setText(error or QCoreApplication.translate("IndicatorDashboard", "The export was canceled."))

    def teardown(self) -> None:
        try:
            self.project.readProject.disconnect(self._project_read)
        except (TypeError, RuntimeError):
            pass
        for task in list(self._tasks):
            try:
                task.completed.disconnect()
                task.cancel()
            except (RuntimeError, TypeError):
                pass
        self._tasks.clear()


class IndicatorDialog(QDialog):
    """The dashboard in its own resizable window (the dock is too narrow for the table): modeless, kept open
    beside the map."""

    def __init__(
        self,
        database: Callable[[], Optional[str]],
        parent: Optional[QWidget] = None,
        lang: str = "zh",
        project: Optional[QgsProject] = None,
    ):
        super().__init__(parent)
        self.setObjectName("gw_plugin_indicator_dialog")
        self.setWindowTitle(QCoreApplication.translate("IndicatorDashboard", "Pilot-zone indicators"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        self.dashboard = IndicatorDashboard(database, self, lang, project)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.dashboard, 1)
        layout.addWidget(buttons)
        self.resize(start_size(self, 1100, 640))

    def teardown(self) -> None:
        self.dashboard.teardown()
