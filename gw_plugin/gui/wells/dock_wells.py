"""The "Wells" dock panel (监测井): the monitoring wells of the project database as a tree aquifer layer → well type
→ status with live counts, filters, selection that follows the map (both ways), a details pane (construction,
latest GB/T 14848 class and the indicators that set it), the time series of the selected wells, and the actions
"Build aquifer layers", "Import lab results…", "Find duplicate wells…" and "Update water-quality classes".
Registered with the dock registry (gui/common/docks.py) through ``DOCK``.
"""

from __future__ import annotations

import html

import numpy as np
from qgis.core import Qgis, QgsApplication, QgsFeatureRequest, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core.data import schema as S
from ...toolbelt.i18n import ui_language
from ...toolbelt.qt import DialogKeeper, null_to_none, single_shot_timer
from ..common.docks import DockSpec
from ..common.elided import ElidedToolTipDelegate
from ..common.layer_binding import LayerBinding
from ..common.map_zoom import zoom_to_features
from .wells_model import WellFilter, WellsTreeModel, read_wells

WELLS_TABLE = "monitoring_wells"
MAX_HIGHLIGHT = 2000  # map selections larger than this are counted, not expanded in the tree
PANEL_WIDTH = 480  # px the dock asks for: a well's code and full name, its class (1920 × 1080 and 1366 × 768)


class WellsPanel(LayerBinding, QWidget):
    """Content of the Wells dock."""

    BOUND_TABLE = WELLS_TABLE

    def __init__(
        self, iface=None, parent: QWidget | None = None, project: QgsProject | None = None, lang: str | None = None
    ):
        super().__init__(parent)
        from ...core.wells.quality import CLASS_COLORS

        self.iface = iface
        self.project = project or QgsProject.instance()
        self.lang = lang or ui_language()  # 'zh' | 'en': labels of the code lists
        self.setObjectName("gw_plugin_wells_panel")
        self.layer = None
        self._syncing = False
        self._dialogs = DialogKeeper()
        self._tasks: list = []
        self._aquifer_sync = None
        self._ts_stale = False
        self._aquifer_bound: list = []

        # toolbar
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("gw_plugin_wells_toolbar")
        self.action_refresh = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionRefresh.svg"),
            QCoreApplication.translate("WellsPanel", "Refresh"),
            self.reload,
        )
        self.action_zoom = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionZoomToSelected.svg"),
            QCoreApplication.translate("WellsPanel", "Zoom to the selected wells"),
            self.zoom,
        )
        self.action_form = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionFormView.svg"),
            QCoreApplication.translate("WellsPanel", "Open the well's form"),
            self.open_form,
        )
        self.toolbar.addSeparator()
        self.action_aquifers = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionAddGroup.svg"),
            QCoreApplication.translate("WellsPanel", "Build aquifer layers"),
            self.build_aquifer_layers,
        )
        self.action_aquifers.setToolTip(
            QCoreApplication.translate(
                "WellsPanel",
                "Add a layer-tree group with one map layer per aquifer layer, coloured by the latest class",
            )
        )
        self.action_import = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionAddDelimitedTextLayer.svg"),
            QCoreApplication.translate("WellsPanel", "Import lab results…"),
            self.open_import_dialog,
        )
        self.action_duplicates = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/mActionMergeFeatures.svg"),
            QCoreApplication.translate("WellsPanel", "Find duplicate wells…"),
            self.open_duplicates_dialog,
        )
        self.action_quality = self.toolbar.addAction(
            QgsApplication.getThemeIcon("/processingAlgorithm.svg"),
            QCoreApplication.translate("WellsPanel", "Update water-quality classes"),
            self.update_quality,
        )
        for action in self.toolbar.actions():
            if not action.isSeparator() and not action.toolTip():
                action.setToolTip(action.text())

        # filters
        self.county_combo = QComboBox(self)
        self.type_combo = QComboBox(self)
        self.status_combo = QComboBox(self)
        self.assessment_combo = QComboBox(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(QCoreApplication.translate("WellsPanel", "Code, name or alias"))
        for code in [""] + S.codelist("well_type").code_values():
            self.type_combo.addItem(
                S.codelist("well_type").label(code, self.lang)
                if code
                else QCoreApplication.translate("WellsPanel", "All types"),
                code,
            )
        for code in [""] + S.codelist("well_status").code_values():
            self.status_combo.addItem(
                S.codelist("well_status").label(code, self.lang)
                if code
                else QCoreApplication.translate("WellsPanel", "All statuses"),
                code,
            )
        self.assessment_combo.addItem(QCoreApplication.translate("WellsPanel", "All wells"), None)
        self.assessment_combo.addItem(QCoreApplication.translate("WellsPanel", "National assessment points only"), True)
        self.assessment_combo.addItem(QCoreApplication.translate("WellsPanel", "Not assessment points"), False)
        self.county_combo.addItem(QCoreApplication.translate("WellsPanel", "All counties"), "")
        form = QFormLayout()
        for label, widget in (
            (QCoreApplication.translate("WellsPanel", "&County:"), self.county_combo),
            (QCoreApplication.translate("WellsPanel", "&Type:"), self.type_combo),
            (QCoreApplication.translate("WellsPanel", "&Status:"), self.status_combo),
            (QCoreApplication.translate("WellsPanel", "&Assessment:"), self.assessment_combo),
            (QCoreApplication.translate("WellsPanel", "&Find:"), self.search_edit),
        ):
            lbl = QLabel(label, self)
            lbl.setBuddy(widget)
            form.addRow(lbl, widget)

        # tree
        self.model = WellsTreeModel(self, self.lang)
        self.model.class_colors = dict(CLASS_COLORS)
        self.view = QTreeView(self)
        self.view.setObjectName("gw_plugin_wells_tree")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setIndentation(14)  # four levels deep: the names keep the room
        self.view.setItemDelegate(ElidedToolTipDelegate(self.view))  # the whole text where it is cut
        self.view.selectionModel().selectionChanged.connect(self._tree_selection_changed)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(self._double_clicked)
        self.summary = QLabel(self)

        # details and time series
        self.details = QTextBrowser(self)
        self.details.setObjectName("gw_plugin_wells_details")
        self.details.setOpenLinks(False)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.details, QCoreApplication.translate("WellsPanel", "Details"))
        self.timeseries = None
        self._ts_placeholder = QWidget(self)
        self.tabs.addTab(self._ts_placeholder, QCoreApplication.translate("WellsPanel", "Time series"))
        self.levels_view = None  # built on first use (gui/wells/levels_view.py)
        self._lv_placeholder = QWidget(self)
        self.tabs.addTab(self._lv_placeholder, QCoreApplication.translate("WellsPanel", "Water levels"))
        self.tabs.currentChanged.connect(self._tab_changed)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(form)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        for a, b in (
            (self.county_combo, self.type_combo),
            (self.type_combo, self.status_combo),
            (self.status_combo, self.assessment_combo),
            (self.assessment_combo, self.search_edit),
            (self.search_edit, self.view),
            (self.view, self.tabs),
        ):
            QWidget.setTabOrder(a, b)

        # timers: data changes are coalesced, typing is debounced
        self._reload_timer = single_shot_timer(self, 150, self.reload)
        self._filter_timer = single_shot_timer(self, 150, self.apply_filter)
        for combo in (self.county_combo, self.type_combo, self.status_combo, self.assessment_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.search_edit.textChanged.connect(lambda *_: self._filter_timer.start())
        self.start_binding()

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), PANEL_WIDTH))
        return hint

    # -- binding to the wells layer --------------------------------------------------------------------------

    def _layer_signals(self, layer):
        return [
            (layer.dataChanged, self.schedule_reload),
            *self.data_signals(layer, self.schedule_reload),
            (layer.selectionChanged, self._map_selection_changed),
            (layer.willBeDeleted, self._layer_deleted),
        ]

    def _bound(self, layer) -> None:
        from ...core.wells.aquifer_layers import AquiferLayerSync

        if self._aquifer_sync is None:
            self._aquifer_sync = AquiferLayerSync(self.project, self)
        self._aquifer_sync.watch(layer)

    def _bind_done(self, layer) -> None:
        self._bind_aquifer_layers()
        for action in self.toolbar.actions():
            if action is not self.action_refresh:
                action.setEnabled(layer is not None)

    def aquifer_layers(self) -> dict:
        """code → layer of the per-aquifer group of this database (empty when not built)."""
        database = self.database()
        if not database:
            return {}
        from ...core.wells.aquifer_layers import aquifer_layers

        return aquifer_layers(self.project, database)

    def _bind_aquifer_layers(self) -> None:
        """Follow selections made on the per-aquifer layers too (they show the same features, same fids)."""
        for layer in self._aquifer_bound:
            try:
                layer.selectionChanged.disconnect(self._aquifer_selection_changed)
            except (TypeError, RuntimeError):
                pass
        self._aquifer_bound = list(self.aquifer_layers().values())
        for layer in self._aquifer_bound:
            layer.selectionChanged.connect(self._aquifer_selection_changed)

    def _aquifer_selection_changed(self, *args) -> None:
        """A selection on a per-aquifer layer becomes the wells layer's selection (and so the dock's)."""
        if self._syncing or self.layer is None:
            return
        fids = set()
        for layer in self._aquifer_bound:
            try:
                fids.update(layer.selectedFeatureIds())
            except RuntimeError:
                continue
        self.layer.selectByIds(sorted(fids))
        self._mirror_to_aquifer_layers(sorted(fids))

    def _unbound(self) -> None:
        if self._aquifer_sync is not None:
            self._aquifer_sync.watch(None)
        for layer in self._aquifer_bound:
            try:
                layer.selectionChanged.disconnect(self._aquifer_selection_changed)
            except (TypeError, RuntimeError):
                pass
        self._aquifer_bound = []

    def teardown(self) -> None:
        """Disconnect from the project and the layer before the dock is deleted."""
        for timer in (self._reload_timer, self._filter_timer):
            timer.stop()
        self.stop_binding()
        if self.timeseries is not None:
            self.timeseries.teardown()
        if self.levels_view is not None:
            self.levels_view.teardown()
        self._dialogs.close_all()

    # -- reading and filtering -------------------------------------------------------------------------------

    def schedule_reload(self, *args) -> None:
        self._reload_timer.start()

    def reload(self) -> None:
        """Read the wells layer again (attributes only) and rebuild the tree, keeping expanded groups."""
        self._reload_timer.stop()
        expanded = self._expanded_paths()
        if self.layer is None:
            from .wells_model import empty_table

            self.model.set_table(empty_table())
        else:
            table = read_wells(self.layer)
            self._fill_counties(table.values("county_code"))
            self.model.table = table
            self.model.filter = self.current_filter()
            self.model.rebuild()
        self._restore(expanded)
        self._update_summary()
        self._map_selection_changed()

    def _fill_counties(self, codes) -> None:
        current = self.county_combo.currentData()
        names = self._county_names()
        self.county_combo.blockSignals(True)
        self.county_combo.clear()
        self.county_combo.addItem(QCoreApplication.translate("WellsPanel", "All counties"), "")
        for code in codes:
            if code:
                self.county_combo.addItem(f"{names.get(code, code)} ({code})" if code in names else code, code)
        i = self.county_combo.findData(current)
        self.county_combo.setCurrentIndex(max(i, 0))
        self.county_combo.blockSignals(False)

    def _county_names(self) -> dict:
        from ...core.data.qgis_project import project_layers

        admin = project_layers(self.project).get("admin_units")
        if admin is None:
            return {}
        name = "name_zh" if self.lang == "zh" else "name_en"
        fields = admin.fields()
        if fields.indexOf("code") < 0 or fields.indexOf(name) < 0:
            return {}
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        request.setSubsetOfAttributes(["code", name], fields)
        return {str(f["code"]): str(f[name]) for f in admin.getFeatures(request) if null_to_none(f[name])}

    def current_filter(self) -> WellFilter:
        return WellFilter(
            county=self.county_combo.currentData() or "",
            well_type=self.type_combo.currentData() or "",
            status=self.status_combo.currentData() or "",
            assessment=self.assessment_combo.currentData(),
            text=self.search_edit.text(),
        )

    def apply_filter(self, *args) -> None:
        self._filter_timer.stop()
        expanded = self._expanded_paths()
        self.model.set_filter(self.current_filter())
        self._restore(expanded)
        self._update_summary()
        self._map_selection_changed()

    def _expanded_paths(self) -> list:
        paths = []

        def walk(parent):
            for r in range(self.model.rowCount(parent)):
                idx = self.model.index(r, 0, parent)
                if self.model.node(idx) is not None and self.view.isExpanded(idx):
                    paths.append(self.model.group_path(idx))
                    walk(idx)

        walk(self.view.rootIndex())
        return paths

    def _restore(self, paths) -> None:
        for path in paths:
            idx = self.model.group_index(*path)
            if idx.isValid():
                self.view.setExpanded(idx, True)

    def _update_summary(self) -> None:
        total = len(self.model.table)
        shown = int(self.model.visible_rows.size)
        if self.layer is None:
            self.summary.setText(
                QCoreApplication.translate("WellsPanel", "No project database with monitoring wells is loaded.")
            )
        elif shown == total:
            self.summary.setText(QCoreApplication.translate("WellsPanel", "{n} wells").format(n=f"{total:,}"))
        else:
            self.summary.setText(
                QCoreApplication.translate("WellsPanel", "{shown} of {total} wells").format(
                    shown=f"{shown:,}", total=f"{total:,}"
                )
            )

    # -- selection both ways ---------------------------------------------------------------------------------

    def selected_fids(self) -> list:
        indexes = {}
        for idx in self.view.selectionModel().selectedIndexes():
            first = idx.sibling(idx.row(), 0)
            indexes[(first.row(), first.internalId())] = first
        fids = [self.model.fids(idx) for idx in indexes.values()]
        if not fids:
            return []
        return np.unique(np.concatenate(fids)).tolist()

    def _tree_selection_changed(self, *args) -> None:
        if self._syncing or self.layer is None:
            return
        self._syncing = True
        try:
            fids = self.selected_fids()
            self.layer.selectByIds(fids)
            self._mirror_to_aquifer_layers(fids)
        finally:
            self._syncing = False
        self._update_timeseries()

    def _mirror_to_aquifer_layers(self, fids) -> None:
        """Select ``fids`` on each per-aquifer layer (only the wells that layer shows)."""
        if not self._aquifer_bound:
            return
        t = self.model.table
        values, codes = t.categories["aquifer_layer"]
        lookup = t.row_of_fid()
        by_code: dict = {}
        for fid in fids:
            r = lookup.get(int(fid))
            if r is not None:
                by_code.setdefault(values[codes[r]], []).append(int(fid))
        was = self._syncing
        self._syncing = True
        try:
            for layer in self._aquifer_bound:
                try:
                    code = str(layer.customProperty("gw_plugin/aquifer_layer") or "")
                    layer.selectByIds(by_code.get(code, []))
                except RuntimeError:
                    continue
        finally:
            self._syncing = was

    def _map_selection_changed(self, *args) -> None:
        """Highlight the wells selected on the map in the tree (expanding their groups)."""
        if self._syncing or self.layer is None:
            return
        fids = self.layer.selectedFeatureIds()
        self._mirror_to_aquifer_layers(fids)
        self._syncing = True
        try:
            selection = QItemSelection()
            first = None
            for fid in fids[:MAX_HIGHLIGHT]:
                idx = self.model.fid_index(fid)
                if not idx.isValid():
                    continue
                selection.select(idx, idx.sibling(idx.row(), 1))
                if first is None:
                    first = idx
                parent = idx.parent()
                while parent.isValid() and not self.view.isExpanded(parent):
                    self.view.setExpanded(parent, True)
                    parent = parent.parent()
            self.view.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            if first is not None:
                self.view.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.view.scrollTo(first)
                self.show_details(first)
        finally:
            self._syncing = False
        self._update_timeseries()

    def highlighted_fids(self) -> list:
        """Fids of the well rows selected in the tree (for tests)."""
        rows = [self.model.table_row(i) for i in self.view.selectionModel().selectedRows(0)]
        return sorted(int(self.model.table.fids[r]) for r in rows if r is not None)

    def _double_clicked(self, index) -> None:
        fids = self.model.fids(index).tolist()
        if fids:
            self.zoom(fids)

    def zoom(self, fids=None) -> None:
        if self.layer is None or self.iface is None:
            return
        fids = list(fids) if fids else self.selected_fids() or self.layer.selectedFeatureIds()
        if fids:  # with context (a scale floor), flashed above the labels
            zoom_to_features(self.iface.mapCanvas(), self.layer, fids, self.project)

    # -- details -----------------------------------------------------------------------------------------------

    def _current_changed(self, current, previous) -> None:
        self.show_details(current)

    def current_fid(self) -> int | None:
        row = self.model.table_row(self.view.currentIndex())
        return None if row is None else int(self.model.table.fids[row])

    def show_details(self, index=None) -> None:
        row = self.model.table_row(index if index is not None else self.view.currentIndex())
        if row is None or self.layer is None:
            self.details.setHtml(
                "<p>{}</p>".format(
                    html.escape(
                        QCoreApplication.translate(
                            "WellsPanel", "Select a well to see its construction and water quality."
                        )
                    )
                )
            )
            return
        feature = self.layer.getFeature(int(self.model.table.fids[row]))
        self.details.setHtml(self.details_html(feature) if feature.isValid() else "")

    def details_html(self, feature) -> str:
        """HTML of the details pane for one well feature."""
        from ...core.wells.quality import CLASS_COLORS, ROMAN

        table = S.table(WELLS_TABLE)
        names = feature.fields().names()

        def row(name, value=None):
            f = table.field(name)
            v = null_to_none(feature[name]) if value is None and name in names else value
            if v is None or v == "":
                shown = "—"
            elif f.codelist:
                shown = S.codelist(f.codelist).label(str(v), self.lang)
            elif f.type == "real":
                shown = f"{float(v):g}"
            elif f.type == "boolean":
                shown = (
                    QCoreApplication.translate("WellsPanel", "yes")
                    if v
                    else QCoreApplication.translate("WellsPanel", "no")
                )
            elif hasattr(v, "toString"):
                shown = v.toString("yyyy-MM-dd")
            else:
                shown = str(v)
            return f"<tr><th align='left'>{html.escape(f.label(self.lang))}</th><td>{html.escape(shown)}</td></tr>"

        esc = html.escape
        heading_construction = QCoreApplication.translate("WellsPanel", "Construction")
        heading_quality = QCoreApplication.translate("WellsPanel", "Latest water quality (GB/T 14848-2017)")
        label_date = QCoreApplication.translate("WellsPanel", "Sampled on")
        label_governing = QCoreApplication.translate("WellsPanel", "Governing indicators")
        title = f"{null_to_none(feature['well_code']) or ''} {null_to_none(feature['name_zh']) or ''}".strip()
        parts = [f"<h3>{esc(title)}</h3>", f"<p><b>{esc(heading_construction)}</b></p><table>"]
        for name in (
            "aquifer_layer",
            "well_type",
            "status",
            "depth_m",
            "screen_top_m",
            "screen_bottom_m",
            "ground_elev_m",
            "built_date",
            "department",
            "county_code",
            "well_code",
            "source_codes",
            "assessment_point",
        ):
            if name in names:
                parts.append(row(name))
        parts.append("</table>")
        klass = null_to_none(feature["latest_class"]) if "latest_class" in names else None
        parts.append(f"<p><b>{esc(heading_quality)}</b></p>")
        if klass:
            klass = int(klass)
            color = CLASS_COLORS.get(klass, CLASS_COLORS[None])
            date = null_to_none(feature["latest_sampled_on"])
            date = date.toString("yyyy-MM-dd") if hasattr(date, "toString") else (date or "—")
            governing = null_to_none(feature["latest_governing"]) or "—"
            class_text = QCoreApplication.translate("WellsPanel", "Class {roman}").format(roman=ROMAN[klass])
            parts.append(
                f"<p><span style='background-color:{color}'>&nbsp;&nbsp;&nbsp;&nbsp;</span> {esc(class_text)}</p>"
            )
            parts.append(f"<table><tr><th align='left'>{esc(label_date)}</th><td>{esc(str(date))}</td></tr>")
            parts.append(f"<tr><th align='left'>{esc(label_governing)}</th><td>{esc(governing)}</td></tr></table>")
        else:
            not_classified = QCoreApplication.translate("WellsPanel", "Not classified yet.")
            parts.append(f"<p>{esc(not_classified)}</p>")
        return "".join(parts)

    def open_form(self) -> None:
        fid = self.current_fid()
        if fid is None and self.layer is not None and self.layer.selectedFeatureCount() == 1:
            fid = self.layer.selectedFeatureIds()[0]
        if fid is None or self.layer is None or self.iface is None:
            self._message(QCoreApplication.translate("WellsPanel", "Select one well first."), Qgis.MessageLevel.Info)
            return
        self.iface.openFeatureForm(self.layer, self.layer.getFeature(fid), False, False)

    # -- time series -----------------------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self._ts_placeholder:
            self.ensure_timeseries()
            self._give_room_to_the_plot()
            if self._ts_stale:
                self._update_timeseries(force=True)
        elif self.tabs.widget(index) is self._lv_placeholder:
            self.ensure_levels_view()
            self._give_room_to_the_plot()
            self.levels_view.set_wells(self._selected_wells(), self.database())

    def _give_room_to_the_plot(self) -> None:
        """The plot and its trend text get at least 55 % of the panel's height (the tree keeps the rest)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total > 0 and sizes[1] < 0.55 * total:
            self.splitter.setSizes([int(0.45 * total), total - int(0.45 * total)])

    def ensure_timeseries(self):
        """Build the time-series tab on first use (matplotlib is imported only then). It scrolls where the panel is
        too short for plot and trend text, rather than cutting them off."""
        if self.timeseries is None:
            from qgis.PyQt.QtWidgets import QFrame, QScrollArea

            from .timeseries import TimeSeriesWidget

            scroll = QScrollArea(self._ts_placeholder)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.timeseries = TimeSeriesWidget(scroll)
            self.timeseries.setMinimumHeight(300)
            combo = self.timeseries.parameter_combo
            combo.setMinimumContentsLength(8)  # a parameter's whole name (硝酸盐, 总硬度（以CaCO₃计）…)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            scroll.setWidget(self.timeseries)
            layout = QVBoxLayout(self._ts_placeholder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(scroll)
            self._update_timeseries(force=True)
        return self.timeseries

    def _update_timeseries(self, force: bool = False) -> None:
        """Show the selected wells in the time-series tab (deferred while the tab is hidden)."""
        if self.levels_view is not None and self.tabs.currentWidget() is self._lv_placeholder:
            self.levels_view.set_wells(self._selected_wells(), self.database())
        if self.timeseries is None:
            return
        if not force and self.tabs.currentWidget() is not self._ts_placeholder:
            self._ts_stale = True
            return
        self._ts_stale = False
        self.timeseries.set_wells(self._selected_wells(), self.database())

    def ensure_levels_view(self):
        """Build the water-level tab on first use (matplotlib is imported only then)."""
        if self.levels_view is None:
            from .levels_view import WaterLevelsWidget

            self.levels_view = WaterLevelsWidget(self._lv_placeholder)
            layout = QVBoxLayout(self._lv_placeholder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.levels_view)
        return self.levels_view

    def _selected_wells(self) -> list:
        """(uuid, label) of the selected wells (at most the widget's limit)."""
        if self.layer is None:
            return []
        fids = self.layer.selectedFeatureIds()[:12]
        t = self.model.table
        lookup = t.row_of_fid() if fids else {}
        out = []
        for fid in fids:
            r = lookup.get(int(fid))
            if r is not None and t.uuids[r]:
                out.append((t.uuids[r], t.codes[r] or t.uuids[r][:8]))
        return out

    # -- actions -----------------------------------------------------------------------------------------------

    def _message(self, text: str, level=Qgis.MessageLevel.Info, duration: int = 5) -> None:
        if self.iface is not None:
            self.iface.messageBar().pushMessage(
                QCoreApplication.translate("WellsPanel", "Wells"), text, level, duration
            )

    def build_aquifer_layers(self) -> None:
        from ...core.wells import aquifer_layers

        try:
            group = aquifer_layers.build_aquifer_layers(self.project, self.database(), self.lang)
        except ValueError as exc:
            self._message(str(exc), Qgis.MessageLevel.Warning)
            return
        self._bind_aquifer_layers()
        self._message(
            QCoreApplication.translate("WellsPanel", "{n} aquifer layers in “{group}”.").format(
                n=len(group.findLayers()), group=group.name()
            ),
            Qgis.MessageLevel.Success,
        )

    def open_import_dialog(self):
        from .import_dialog import ImportDialog

        dialog = ImportDialog(self.database(), self.iface, self, self.project)
        dialog.imported.connect(lambda *_: self.reload())
        self._dialogs.keep(dialog)
        dialog.show()
        return dialog

    def open_duplicates_dialog(self):
        from .duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.iface, self, self.project)
        self._dialogs.keep(dialog)
        dialog.show()
        return dialog

    def update_quality(self):
        """Run gwplugin:updatewellquality in a task, then reload the layers of the database."""
        from ..common.project_database import refresh_database_layers
        from ..common.tasks import ProcessingTask

        database = self.database()
        if not database:
            return None
        task = ProcessingTask(
            QCoreApplication.translate("WellsPanel", "Updating water-quality classes"),
            "gwplugin:updatewellquality",
            {"DATABASE": database},
        )

        def done(ok, results, error):
            if task in self._tasks:
                self._tasks.remove(task)
            if ok:
                refresh_database_layers(self.project, database)
                self._message(
                    QCoreApplication.translate("WellsPanel", "{n} wells classified.").format(n=results.get("WELLS", 0)),
                    Qgis.MessageLevel.Success,
                )
            elif error:
                self._message(error, Qgis.MessageLevel.Critical, 0)

        task.completed.connect(done)
        self._tasks.append(task)
        QgsApplication.taskManager().addTask(task)
        return task


DOCK = DockSpec(
    key="wells",
    title=lambda: QCoreApplication.translate("WellsPanel", "Monitoring wells"),
    factory=WellsPanel,
    icon="/mIconPointLayer.svg",
    tooltip=lambda: QCoreApplication.translate(
        "WellsPanel", "Monitoring wells by aquifer layer, type and status; details, time series, import, duplicates"
    ),
    order=20,
)
