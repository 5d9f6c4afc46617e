"""The "Pollution sources" dock panel (污染源): the sources of the project database as a filterable list (category,
county, roster membership, workflow status, text) whose filter can also apply to the map layer, selection that
follows the map both ways, a details pane (attributes, rosters, facilities, inspections, attachments), the QGIS
feature form, attachments (add a photo/document, verify the stored files), the dossier and the inspection form of the
selected source printed to PDF, the ledger import dialog, the workflow steps of the selected source and the pilot-zone
indicator dashboard (in its own window). Registered with the dock registry (gui/common/docks.py) through ``DOCK``.

Room to work (issue 17): beside QGIS's own docks at 1366 × 768 the filters sit two by two, the list keeps at least
eight rows (sources_view.py), and details and workflow share the rest of the height below it through a splitter.
"""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsExpression, QgsFeatureRequest, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QSize, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...core.data import schema as S
from ...core.sources import rosters as R
from ...core.sources import workflows
from ...toolbelt.i18n import ui_language
from ...toolbelt.qt import DialogKeeper, null_to_none, single_shot_timer
from ..common.docks import DockSpec
from ..common.elided import ElidedComboBox, ElidedLabel
from ..common.layer_binding import LayerBinding
from ..common.map_zoom import zoom_to_features
from .deadlines_panel import DeadlinesPanel
from .roster_panel import RosterPanel
from .sources_model import (
    ANY_ROSTER,
    NO_ROSTER,
    WORKFLOW_FIELDS,
    SourceFilter,
    SourcesTableModel,
    matches,
    read_sources,
    subset_sql,
)
from .sources_view import SourcesListView

SOURCES_TABLE = "pollution_sources"
PANEL_WIDTH = 460  # px the dock asks for: code, name and category of a source side by side
FILTER_CHARS = 6  # characters a filter combo box shows at least (longer items are cut with "…", whole as tooltip)


def theme_icon(*names) -> QIcon:
    """The first of QGIS's theme icons ``names`` that this QGIS has (3.22 lacks some newer ones; a toolbar button
    without an icon shows its text and pushes the others out of the narrow dock)."""
    for name in names:
        icon = QgsApplication.getThemeIcon(name)
        if not icon.isNull() and not icon.pixmap(16, 16).isNull():
            return icon
    return QIcon()


class SourcesPanel(LayerBinding, QWidget):
    """Content of the Sources dock."""

    BOUND_TABLE = SOURCES_TABLE

    def __init__(
        self, iface=None, parent: QWidget | None = None, project: QgsProject | None = None, lang: str | None = None
    ):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.lang = lang or ui_language()
        self.setObjectName("gw_plugin_sources_panel")
        self.layer = None
        self.all_rows: list = []
        self._syncing = False
        self._map_filter_layer = None
        self._original_subset = ""
        self._dialogs = DialogKeeper()

        self.toolbar = QToolBar(self)
        small = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.toolbar.setIconSize(QSize(small, small))  # as QGIS's own docks: every button fits a narrow dock
        tr = QCoreApplication.translate
        self.action_refresh = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionRefresh.svg"), tr("SourcesPanel", "Refresh"), self.reload
        )
        self.action_zoom = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionZoomToSelected.svg"),
            tr("SourcesPanel", "Zoom to the selected sources"),
            self.zoom,
        )
        self.action_form = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionFormView.svg"),
            tr("SourcesPanel", "Open the source's form"),
            self.open_form,
        )
        self.toolbar.addSeparator()
        self.action_attach = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionEditInsertImage.svg"),
            tr("SourcesPanel", "Attach a photo or document…"),
            self.attach_files,
        )
        self.action_verify = self.toolbar.addAction(
            theme_icon("/mActionCheckQgisVersion.svg", "/mIconSuccess.svg"),
            tr("SourcesPanel", "Verify the attachment files"),
            self.verify_attachments,
        )
        self.action_ledger = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionAddDelimitedTextLayer.svg"),
            tr("SourcesPanel", "Import a ledger…"),
            self.open_ledger_dialog,
        )
        self.action_dashboard = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionOpenTable.svg"),
            tr("SourcesPanel", "Indicator dashboard…"),
            self.open_dashboard,
        )
        self.action_rosters = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionOpenTableVisible.svg"),
            tr("SourcesPanel", "Rosters…"),
            lambda: self.open_window("rosters"),
        )
        self.action_deadlines = self.toolbar.addAction(
            theme_icon("/mIconTemporal.svg", "/mIconFieldDate.svg"),
            tr("SourcesPanel", "Deadlines…"),
            lambda: self.open_window("deadlines"),
        )
        self.action_dossier = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionFilePrint.svg"),
            tr("SourcesPanel", "Print the source's dossier…"),
            lambda: self.print_document("dossier"),
        )
        self.action_form_pdf = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionNewReport.svg"),
            tr("SourcesPanel", "Print an inspection form…"),
            lambda: self.print_document("form"),
        )
        for action in self.toolbar.actions():
            if not action.isSeparator():
                action.setToolTip(action.text())

        # filters, two by two (a narrow dock at 1366 × 768 keeps room for the list)
        self.category_combo = ElidedComboBox(self, FILTER_CHARS)
        self.category_combo.addItem(tr("SourcesPanel", "All categories"), "")
        for c in S.codelist("source_category").codes:
            self.category_combo.addItem(c.zh if self.lang.startswith("zh") else c.en, c.code)
        self.county_combo = ElidedComboBox(self, FILTER_CHARS)
        self.county_combo.addItem(tr("SourcesPanel", "All counties"), "")
        self.roster_combo = ElidedComboBox(self, FILTER_CHARS)
        self.roster_combo.addItem(tr("SourcesPanel", "All sources"), None)
        self.roster_combo.addItem(tr("SourcesPanel", "On any roster"), ANY_ROSTER)
        self.roster_combo.addItem(tr("SourcesPanel", "On no roster"), NO_ROSTER)
        for c in S.codelist("roster_kind").codes:
            self.roster_combo.addItem(c.zh if self.lang.startswith("zh") else c.en, c.code)
        self.workflow_combo = ElidedComboBox(self, FILTER_CHARS)
        self.workflow_combo.addItem(tr("SourcesPanel", "Any workflow status"), "")
        for name in WORKFLOW_FIELDS:
            f = S.table(SOURCES_TABLE).field(name)
            self.workflow_combo.addItem(f.label(self.lang), name)
        self.status_combo = ElidedComboBox(self, FILTER_CHARS)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(tr("SourcesPanel", "Code, name, credit code or address"))
        self.map_filter = QCheckBox(tr("SourcesPanel", "Filter the &map too"), self)
        self.map_filter.setObjectName("map_filter")
        form = QGridLayout()
        for i, (label, widget) in enumerate(
            (
                (tr("SourcesPanel", "&Category:"), self.category_combo),
                (tr("SourcesPanel", "C&ounty:"), self.county_combo),
                (tr("SourcesPanel", "&Roster:"), self.roster_combo),
                (tr("SourcesPanel", "&Workflow:"), self.workflow_combo),
                (tr("SourcesPanel", "&Status:"), self.status_combo),
                (tr("SourcesPanel", "&Find:"), self.search_edit),
            )
        ):
            lbl = QLabel(label, self)
            lbl.setBuddy(widget)
            form.addWidget(lbl, i // 2, 2 * (i % 2))
            form.addWidget(widget, i // 2, 2 * (i % 2) + 1)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)

        self.model = SourcesTableModel(self, self.lang)
        self.view = SourcesListView(self.model, self)  # at least 8 rows; code and category whole
        self.view.selectionModel().selectionChanged.connect(self._list_selection_changed)
        self.view.doubleClicked.connect(lambda *_: self.open_form())
        self.summary = ElidedLabel("", self, Qt.TextElideMode.ElideRight)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.map_filter)

        self.details = QTextBrowser(self)
        self.details.setObjectName("gw_plugin_sources_details")
        from .workflow_widgets import WorkflowWidget

        self.workflow = WorkflowWidget(self.layers, self.database, self, self.lang)
        self.workflow.stepRecorded.connect(lambda *_: self.schedule_reload())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.workflow)
        self._dashboard = None  # the indicator dashboard's own window, built when first opened
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.details, tr("SourcesPanel", "Details"))
        self.tabs.addTab(scroll, tr("SourcesPanel", "Workflow"))
        self._windows: dict = {}  # issue 16: rosters and deadlines, each in its own window (built when first opened)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(form)
        top_layout.addWidget(self.view, 1)
        top_layout.addLayout(summary_row)
        self.tabs.setMinimumHeight(self.tabs.tabBar().sizeHint().height() + 3 * self.fontMetrics().height())
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)  # the list gets the room; details and workflow below it (drag to change)
        splitter.setStretchFactor(1, 2)
        splitter.setCollapsible(0, False)  # the list never goes; details and workflow may be dragged away
        splitter.setSizes([650, 350])  # not by the size hints: the workflow's form would take half the height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)

        self._reload_timer = single_shot_timer(self, 150, self.reload)
        self._filter_timer = single_shot_timer(self, 150, self.apply_filter)
        for combo in (self.category_combo, self.county_combo, self.roster_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.workflow_combo.currentIndexChanged.connect(self._workflow_field_changed)
        self.search_edit.textChanged.connect(lambda *_: self._filter_timer.start())
        self.map_filter.toggled.connect(self.apply_map_filter)
        self._workflow_field_changed()
        self.start_binding()

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), PANEL_WIDTH))
        return hint

    # -- binding ----------------------------------------------------------------------------------------------

    def layers(self) -> dict:
        from ...core.data.qgis_project import project_layers

        db = self.database()
        return project_layers(self.project, db) if db else project_layers(self.project)

    def _layer_signals(self, layer):
        return [
            *self.data_signals(layer, self.schedule_reload),
            (layer.selectionChanged, self._map_selection_changed),
            (layer.willBeDeleted, self._layer_deleted),
        ]

    def _bound(self, layer) -> None:
        self._fill_counties()
        # the credit code's GB 32100-2015 check character is a hard constraint of the form (issue 16 item 7), once
        # the plugin has registered the check function (never re-registered here after an unload)
        if QgsExpression.isFunctionName("gw_uscc_valid"):
            workflows.add_uscc_constraint(layer, self.lang)

    def _bind_done(self, layer) -> None:
        for action in self.toolbar.actions():
            if action is not self.action_refresh:
                action.setEnabled(layer is not None)

    def _unbinding(self) -> None:
        self.clear_map_filter()

    def _layer_deleted(self) -> None:
        self._map_filter_layer = None
        super()._layer_deleted()

    def teardown(self) -> None:
        for timer in (self._reload_timer, self._filter_timer):
            timer.stop()
        self.stop_binding()
        if self._dashboard is not None:
            self._dashboard.teardown()
            self._dashboard.close()
        self._dialogs.close_all()

    # -- reading and filtering --------------------------------------------------------------------------------

    def _fill_counties(self) -> None:
        names = self.county_names()
        current = self.county_combo.currentData()
        self.county_combo.blockSignals(True)
        while self.county_combo.count() > 1:
            self.county_combo.removeItem(1)
        codes = set(names)
        if self.layer is not None:
            idx = self.layer.fields().indexOf("county_code")
            if idx >= 0:
                codes |= {v for v in self.layer.uniqueValues(idx) if v and null_to_none(v) is not None}
        for code in sorted(codes):
            if code.endswith("00") and code in names and len(codes) > 1 and code[:4] + "00" == code:
                continue  # the city itself
            self.county_combo.addItem(f"{names.get(code, code)} ({code})", code)
        self.county_combo.setCurrentIndex(max(0, self.county_combo.findData(current)))
        self.county_combo.blockSignals(False)
        self.model.county_names = names

    def county_names(self) -> dict:
        db = self.database()
        if not db:
            return {}
        con = R.connect(db, readonly=True)
        try:
            return R.county_names(con)
        finally:
            con.close()

    def _workflow_field_changed(self, *args) -> None:
        name = self.workflow_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(QCoreApplication.translate("SourcesPanel", "Any status"), None)
        if name:
            self.status_combo.addItem(QCoreApplication.translate("SourcesPanel", "(empty)"), "")
            for c in S.codelist(name).codes:
                self.status_combo.addItem(c.zh if self.lang.startswith("zh") else c.en, c.code)
        self.status_combo.setEnabled(bool(name))
        self.status_combo.blockSignals(False)
        self.apply_filter()

    def current_filter(self) -> SourceFilter:
        status = self.status_combo.currentData()
        return SourceFilter(
            categories={self.category_combo.currentData()} - {""},
            counties={self.county_combo.currentData()} - {""},
            roster=self.roster_combo.currentData(),
            workflow_field=self.workflow_combo.currentData() or None,
            statuses=set() if status is None else {status},
            text=self.search_edit.text().strip(),
        )

    def schedule_reload(self, *args) -> None:
        self._reload_timer.start()

    def reload(self) -> None:
        self._reload_timer.stop()
        self.all_rows = read_sources(self.layer, self.database()) if self.layer is not None else []
        self.apply_filter()

    def apply_filter(self, *args) -> None:
        self._filter_timer.stop()
        flt = self.current_filter()
        keep = self.layer.selectedFeatureIds() if self.layer is not None else []
        self.model.set_rows([r for r in self.all_rows if matches(r, flt)])
        self._select_rows(keep)
        self.summary.setText(
            QCoreApplication.translate("SourcesPanel", "{n} of {total} sources").format(
                n=self.model.rowCount(), total=len(self.all_rows)
            )
        )
        if self.map_filter.isChecked():
            self.apply_map_filter(True)
        self.show_details()

    def visible_fids(self) -> list:
        return [r["fid"] for r in self.model.rows]

    def apply_map_filter(self, on: bool = True) -> bool:
        """Put the list's filter on the layer as a subset string (not while the layer is being edited: QGIS
        refuses subset strings then)."""
        if not on:
            self.clear_map_filter()
            return True
        if self.layer is None:
            return False
        if self.layer.isEditable():
            self._push(
                QCoreApplication.translate("SourcesPanel", "The map filter waits until the layer is saved."),
                Qgis.MessageLevel.Info,
            )
            return False
        if self._map_filter_layer is not self.layer:
            self.clear_map_filter()
            self._map_filter_layer = self.layer
            self._original_subset = self.layer.subsetString()
        sql = subset_sql(self.current_filter())
        if self._original_subset and sql:
            sql = f"({self._original_subset}) AND ({sql})"
        elif self._original_subset:
            sql = self._original_subset
        return self.layer.setSubsetString(sql)

    def clear_map_filter(self) -> None:
        layer = self._map_filter_layer
        self._map_filter_layer = None
        if layer is not None:
            try:
                if not layer.isEditable():
                    layer.setSubsetString(self._original_subset)
            except RuntimeError:
                pass
        self._original_subset = ""

    # -- selection --------------------------------------------------------------------------------------------

    def selected_fids(self) -> list:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r]["fid"] for r in rows]

    def selected_rows(self) -> list:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows]

    def _list_selection_changed(self, *args) -> None:
        if not self._syncing and self.layer is not None:
            self._syncing = True
            try:
                self.layer.selectByIds(self.selected_fids())
            finally:
                self._syncing = False
        self.show_details()

    def _map_selection_changed(self, *args) -> None:
        if self._syncing or self.layer is None:
            return
        self._select_rows(self.layer.selectedFeatureIds())

    def _select_rows(self, fids) -> None:
        wanted = set(fids)
        sel = QItemSelection()
        for i, r in enumerate(self.model.rows):
            if r["fid"] in wanted:
                sel.select(self.model.index(i, 0), self.model.index(i, self.model.columnCount() - 1))
        self._syncing = True
        try:
            self.view.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._syncing = False
        if not sel.isEmpty():  # the first selected source is in view (selected on the map, say)
            self.view.scrollTo(sel.indexes()[0], QAbstractItemView.ScrollHint.PositionAtCenter)
        self.show_details()

    def select_source_uuid(self, uuid: str) -> None:
        """Select the source with this uuid (a task double-clicked in the deadlines tab)."""
        if self.layer is None or not uuid:
            return
        request = QgsFeatureRequest().setFilterExpression(QgsExpression.createFieldEqualityExpression("uuid", uuid))
        fids = [f.id() for f in self.layer.getFeatures(request.setNoAttributes())]
        if fids:
            self.select_fids(fids)

    def select_fids(self, fids) -> None:
        """Select sources in the list (and so on the map)."""
        self._select_rows(fids)
        if self.layer is not None:
            self._syncing = True
            try:
                self.layer.selectByIds(list(fids))
            finally:
                self._syncing = False

    # -- details ----------------------------------------------------------------------------------------------

    def show_details(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            self.details.setHtml(
                "<p>{}</p>".format(
                    html.escape(
                        QCoreApplication.translate("SourcesPanel", "{n} sources selected.").format(n=len(rows))
                        if rows
                        else QCoreApplication.translate("SourcesPanel", "Select a source to see its details.")
                    )
                )
            )
            self.workflow.set_source(None)
            return
        self.details.setHtml(self.details_html(rows[0]))
        self.workflow.set_source(rows[0].get("uuid"))

    def related_counts(self, uuid: str) -> dict:
        """Facilities, inspections and attachments of a saved source (from the database)."""
        out = {"facilities": {}, "inspections": 0, "attachments": 0, "last_inspection": None}
        db = self.database()
        if not db or not uuid:
            return out
        con = R.connect(db, readonly=True)
        try:
            out["facilities"] = dict(
                con.execute(
                    "SELECT facility_type, count(*) FROM source_facilities WHERE source_uuid = ? GROUP BY 1", (uuid,)
                ).fetchall()
            )
            out["inspections"], out["last_inspection"] = con.execute(
                "SELECT count(*), max(inspected_on) FROM inspections WHERE source_uuid = ?", (uuid,)
            ).fetchone()
            out["attachments"] = con.execute(
                "SELECT count(*) FROM attachments WHERE parent_table = 'pollution_sources' AND parent_uuid = ?",
                (uuid,),
            ).fetchone()[0]
        except sqlite3.DatabaseError:
            pass
        finally:
            con.close()
        return out

    def details_html(self, row: dict) -> str:
        zh = self.lang.startswith("zh")
        t = S.table(SOURCES_TABLE)
        lines = []

        def add(label, value):
            lines.append(f"<tr><th align='left'>{html.escape(label)}</th><td>{html.escape(str(value))}</td></tr>")

        add(t.field("source_code").label(self.lang), row.get("source_code") or "")
        add(
            t.field("name_zh").label(self.lang),
            (row.get("name_zh") if zh else row.get("name_en")) or row.get("name_zh") or "",
        )
        add(t.field("uscc").label(self.lang), row.get("uscc") or "")
        add(t.field("category").label(self.lang), self.model.text(row, "category"))
        add(t.field("county_code").label(self.lang), self.model.text(row, "county"))
        add(t.field("address").label(self.lang), row.get("address") or "")
        for name in WORKFLOW_FIELDS:
            add(t.field(name).label(self.lang), self.model.text(row, name) or "—")
        cl = S.codelist("roster_kind")
        add(
            QCoreApplication.translate("SourcesPanel", "Rosters"),
            "；".join(cl.label(r, self.lang) for r in sorted(row["rosters"])) or "—",
        )
        rel = self.related_counts(row.get("uuid"))
        fac = "、".join(
            f"{S.codelist('facility_type').label(k, self.lang)} {v}" for k, v in sorted(rel["facilities"].items())
        )
        add(QCoreApplication.translate("SourcesPanel", "Facilities"), fac or "—")
        add(
            QCoreApplication.translate("SourcesPanel", "Inspections"),
            f"{rel['inspections']}" + (f" ({rel['last_inspection']})" if rel["last_inspection"] else ""),
        )
        add(QCoreApplication.translate("SourcesPanel", "Attachments"), rel["attachments"])
        if row.get("needs_field_check"):
            add(
                QCoreApplication.translate("SourcesPanel", "Location"),
                QCoreApplication.translate("SourcesPanel", "placed at the county centroid: check in the field"),
            )
        return "<table cellspacing='2'>" + "".join(lines) + "</table>"

    # -- actions ----------------------------------------------------------------------------------------------

    def _push(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        if self.iface is not None:
            self.iface.messageBar().pushMessage(
                QCoreApplication.translate("SourcesPanel", "Pollution sources"), text, level, 5
            )

    def current_feature(self):
        fids = self.selected_fids()
        if len(fids) != 1 and self.layer is not None and self.layer.selectedFeatureCount() == 1:
            fids = list(self.layer.selectedFeatureIds())
        if len(fids) != 1 or self.layer is None:
            return None
        return self.layer.getFeature(fids[0])

    def open_form(self) -> bool:
        f = self.current_feature()
        if f is None or self.iface is None:
            return False
        self.iface.openFeatureForm(self.layer, f, False, False)
        return True

    def zoom(self) -> None:
        if self.layer is None or self.iface is None:
            return
        fids = self.selected_fids() or list(self.layer.selectedFeatureIds())
        if fids:  # with context (a scale floor), flashed above the labels
            zoom_to_features(self.iface.mapCanvas(), self.layer, fids, self.project)

    def attach_files(self, files=None) -> list:
        """Attach files to the selected source through the attachments layer's edit buffer."""
        from ...core.data import attachments as A

        f = self.current_feature()
        layer = self.layers().get("attachments")
        if f is None or layer is None:
            self._push(
                QCoreApplication.translate("SourcesPanel", "Select one source first."), Qgis.MessageLevel.Warning
            )
            return []
        if files is None:
            files, _f = QFileDialog.getOpenFileNames(
                self, QCoreApplication.translate("SourcesPanel", "Photos and documents")
            )
        added = []
        for path in files:
            try:
                added.append(A.add_to_layer(layer, self.database(), SOURCES_TABLE, f["uuid"], path))
            except A.AttachmentError as exc:
                self._push(str(exc), Qgis.MessageLevel.Warning)
        return added

    def verify_attachments(self) -> list:
        from ...core.data import attachments as A

        db = self.database()
        if not db:
            return []
        problems = A.verify_attachments(db)
        if problems:
            self._push(
                QCoreApplication.translate(
                    "SourcesPanel", "{n} attachment files are missing or changed: {files}"
                ).format(n=len(problems), files=", ".join(p.file_path for p in problems[:5])),
                Qgis.MessageLevel.Warning,
            )
        else:
            self._push(
                QCoreApplication.translate("SourcesPanel", "Every attachment file is present and unchanged."),
                Qgis.MessageLevel.Success,
            )
        return problems

    def print_document(self, kind: str = "dossier", path: str | None = None) -> str:
        """Print the selected source's dossier or inspection form (core/sources/dossier.py) to a PDF chosen by the
        user (or ``path``); the saved database is printed: a warning says so while edits are unsaved."""
        from ...core.sources import dossier as DS

        tr = QCoreApplication.translate
        f = self.current_feature()
        db = self.database()
        if f is None or not db:
            self._push(tr("SourcesPanel", "Select one source first."), Qgis.MessageLevel.Warning)
            return ""
        if not path:
            name = "{code}_{what}.pdf".format(
                code=f["source_code"] or "source", what="档案" if kind == "dossier" else "检查表"
            )
            path, _f = QFileDialog.getSaveFileName(
                self,
                tr("SourcesPanel", "Save the PDF"),
                str(Path(db).with_name(name)),
                tr("SourcesPanel", "PDF (*.pdf)"),
            )
            if not path:
                return ""
        try:
            DS.write_pdf(path, db, f["uuid"], kind, self.lang)
        except DS.DossierError as exc:
            self._push(str(exc), Qgis.MessageLevel.Warning)
            return ""
        unsaved = [lyr.name() for lyr in self.layers().values() if lyr is not None and lyr.isModified()]
        if unsaved:
            self._push(
                tr(
                    "SourcesPanel",
                    "Written: {path}. Unsaved edits of {layers} are not in it: save them and print again.",
                ).format(path=path, layers=", ".join(unsaved)),
                Qgis.MessageLevel.Warning,
            )
        else:
            self._push(tr("SourcesPanel", "Written: {path}").format(path=path), Qgis.MessageLevel.Success)
        return path

    @property
    def dashboard(self):
        """The indicator dashboard (in its own window, built on first use)."""
        if self._dashboard is None:
            from .indicator_dashboard import IndicatorDialog

            self._dashboard = IndicatorDialog(self.database, self, self.lang, self.project)
            self._dashboard.setWindowFlag(Qt.WindowType.Window, True)
        return self._dashboard.dashboard

    def open_dashboard(self):
        """Show the indicator dashboard's window (modeless, resizable, beside the map)."""
        board = self.dashboard  # builds the window
        if board.report is None:  # opened for the first time: show the figures rather than an empty table
            board.compute()
        self._dashboard.show()
        self._dashboard.raise_()
        self._dashboard.activateWindow()
        return self._dashboard

    def open_window(self, kind: str):
        """Show the rosters (decide, remove, publish) or the overdue deadlines in a window of their own beside the
        map, built when first opened; returns the window."""
        window = self._windows.get(kind)
        if window is None:
            window = QDialog(self)
            window.setWindowFlag(Qt.WindowType.Window, True)
            layout = QVBoxLayout(window)
            if kind == "rosters":
                panel = RosterPanel(self.database, window, self.lang)
                panel.changed.connect(self.schedule_reload)
                window.setWindowTitle(QCoreApplication.translate("SourcesPanel", "Rosters"))
            else:
                panel = DeadlinesPanel(self.database, window)
                panel.sourceActivated.connect(self.select_source_uuid)
                window.setWindowTitle(QCoreApplication.translate("SourcesPanel", "Deadlines"))
            layout.addWidget(panel)
            window.panel = panel
            window.resize(900, 560)
            self._windows[kind] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    @property
    def roster_panel(self):
        return self.open_window("rosters").panel

    @property
    def deadlines_panel(self):
        return self.open_window("deadlines").panel

    def open_ledger_dialog(self):
        from .ledger_dialog import LedgerImportDialog

        dialog = LedgerImportDialog(self.database(), self, self.lang)
        dialog.imported.connect(lambda *_: self._after_import())
        self._dialogs.keep(dialog)
        dialog.show()
        return dialog

    def _after_import(self) -> None:
        if self.layer is not None:
            self.layer.reload()
            self.layer.triggerRepaint()
        self._fill_counties()
        self.reload()


DOCK = DockSpec(
    key="sources",
    title=lambda: QCoreApplication.translate("SourcesPanel", "Pollution sources"),
    factory=SourcesPanel,
    icon="/mIconPolygonLayer.svg",
    tooltip=lambda: QCoreApplication.translate(
        "SourcesPanel", "Pollution sources: filters, rosters, workflows, attachments, ledgers and indicators"
    ),
    order=30,
)
