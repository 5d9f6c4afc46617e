"""The recharge-zone dock (补给区/保护区): pick drinking-water wells on the map, choose a zone method, see a live
preview computed in the background, accept it into protection_zones / recharge_zones (undoable, with
provenance), check the zones, snap to hydrogeological boundaries for manual drawing, and list, highlight and
export the pollution sources inside the zones. Registered with the dock registry (gui/common/docks.py) through ``DOCK``.
The method and parameter form is in ``zone_parameters``, the checks and snapping in ``zone_checks``, the
sources inside the zones in ``zone_sources`` and the map tool, preview and task in ``zone_maptool``.
"""

from __future__ import annotations

import re

from qgis.core import (
    QgsApplication,
    QgsFeatureRequest,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAction,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.data import qgis_project as QP
from ...core.zones import checks, snapping
from ...core.zones import methods as Z
from ...core.zones import writer as W
from ...toolbelt.i18n import ui_language
from ...toolbelt.qt import null_to_none, single_shot_timer
from ..common.docks import DockSpec
from ..common.screen import wrapping_row
from .zone_checks import ZoneChecksMixin
from .zone_maptool import ToolToggle, WellPickTool, ZonePreview, ZoneTask
from .zone_parameters import ZoneParametersMixin
from .zone_sources import ZoneSourcesMixin

PREVIEW_DELAY_MS = 400


def area_text(m2: float) -> str:
    """An area for the status line: m² below 0.1 km² (a 7.5 m circle is 177 m², not "0.000 km²"), else km²."""
    return f"{m2:,.0f} m²" if m2 < 1e5 else f"{m2 / 1e6:,.3f} km²"


# Wells table columns
COL_CODE, COL_Q, COL_LEVEL = 0, 1, 2


def two_lines(text: str) -> str:
    """``text`` with its first bracket on a second line ("Water level\n(m)"): check boxes and table headers do not
    wrap, and the dock stays narrow."""
    return re.sub(r"\s*([(（])", "\n\\1", text, count=1)


class ZonesPanel(QWidget, ZoneParametersMixin, ZoneChecksMixin, ZoneSourcesMixin):
    """Content of the recharge-zone dock."""

    def __init__(self, iface=None, parent: QWidget | None = None, project: QgsProject | None = None):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.canvas = iface.mapCanvas() if iface is not None else None
        self.lang = ui_language()
        self.setObjectName("gw_plugin_zones_panel")
        self.wells: list = []  # WellInput of the picked wells
        self.well_fids: list = []
        self.zones: list = []  # previewed ZoneFeatures
        self.task: ZoneTask | None = None
        self._tasks: list = []  # keep Python wrappers alive until finished
        self.param_widgets: dict = {}
        self.highlights: list = []
        self.listing: list = []
        self.last_report: checks.ZoneCheckReport | None = None
        self.preview = ZonePreview(self.canvas) if self.canvas is not None else None
        self._build()
        self.tool = None
        self.toggle = None
        if self.canvas is not None:
            self.tool = WellPickTool(
                self.canvas, lambda: self.layer("monitoring_wells"), lambda: self.layer("drinking_water_sources")
            )
            self.tool.wellsPicked.connect(self.set_picked)
            self.toggle = ToolToggle(self.canvas, self.tool, self.pick_action)
        self.timer = single_shot_timer(self, PREVIEW_DELAY_MS, self.start_preview)
        self.method_changed()

    # ------------------------------------------------------------------------------------------------------------
    # layout
    # ------------------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        lay = QVBoxLayout(inner)
        # wells
        box = QGroupBox(QCoreApplication.translate("ZonesPanel", "Wells"), self)
        bl = QVBoxLayout(box)
        self.pick_action = QAction(
            QgsApplication.getThemeIcon("/mActionIdentify.svg"),
            QCoreApplication.translate("ZonesPanel", "Pick wells on the map"),
            self,
        )
        self.pick_action.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel",
                "Click a drinking-water well, or a drinking-water source to pick its well field; "
                "Shift+click adds or removes wells",
            )
        )
        self.pick_button = QToolButton(self)
        self.pick_button.setDefaultAction(self.pick_action)
        self.pick_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.selection_button = QPushButton(QCoreApplication.translate("ZonesPanel", "Use selected wells"), self)
        self.selection_button.clicked.connect(self.use_selection)
        bl.addWidget(wrapping_row(box, [self.pick_button, self.selection_button]))  # wraps in a narrow dock
        self.wells_label = QLabel(QCoreApplication.translate("ZonesPanel", "No well picked."), self)
        self.wells_label.setWordWrap(True)
        bl.addWidget(self.wells_label)
        self.wells_table = QTableWidget(0, 3, self)
        headers = [
            QCoreApplication.translate("ZonesPanel", "Well"),
            QCoreApplication.translate("ZonesPanel", "Pumping rate Q (m³/d)"),
            QCoreApplication.translate("ZonesPanel", "Water level (m)"),
        ]
        self.wells_table.setHorizontalHeaderLabels([two_lines(text) for text in headers])  # the unit below
        for col, text in enumerate(headers):
            self.wells_table.horizontalHeaderItem(col).setToolTip(text)
        # the codes take the room left by Q and the water level, which keep their whole header; the table scrolls
        # sideways only when the dock is narrower than that
        header = self.wells_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.Stretch)
        self.wells_table.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel",
                "Q is pre-filled from the well's pumping_rate_m3d and used per well. Type water levels in three or "
                "more wells to estimate the gradient and flow direction.",
            )
        )
        self.wells_table.itemChanged.connect(self._well_item_changed)
        self.wells_table.setMinimumHeight(140)
        bl.addWidget(self.wells_table)
        self.fit_button = QPushButton(
            QCoreApplication.translate("ZonesPanel", "Estimate gradient from water levels"), self
        )
        self.fit_button.clicked.connect(self.fit_gradient)
        bl.addWidget(self.fit_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.fit_label = QLabel("", self)
        self.fit_label.setWordWrap(True)
        bl.addWidget(self.fit_label)  # under the button: the dock stays narrow
        lay.addWidget(box)

        # method and parameters
        mbox = QGroupBox(QCoreApplication.translate("ZonesPanel", "Method"), self)
        ml = QVBoxLayout(mbox)
        self.method_combo = QComboBox(self)
        for m in W.METHODS:
            self.method_combo.addItem(W.method_label(m, self.lang), m)
        self.method_combo.currentIndexChanged.connect(self.method_changed)
        self._narrow(self.method_combo)
        ml.addWidget(self.method_combo)
        self.param_form_host = QWidget(self)
        self.param_form = QFormLayout(self.param_form_host)
        self.param_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.param_form.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.param_form_host)
        rrow = QVBoxLayout()  # the layer under its check box: the dock stays narrow
        self.river_check = QCheckBox(QCoreApplication.translate("ZonesPanel", "River (fixed head)"), self)
        self.river_check.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel",
                "Multi-well model only: the river next to the wells as a head-specified line (riverside sources)",
            )
        )
        self.river_check.toggled.connect(self.schedule_preview)
        rrow.addWidget(self.river_check)
        self.river_combo = QgsMapLayerComboBox(self)
        self.river_combo.setFilters(QgsMapLayerProxyModel.Filter.LineLayer)
        self.river_combo.setAllowEmptyLayer(True)
        self._narrow(self.river_combo)
        rivers = [ly for ly in snapping.boundary_layers(self.project) if snapping.boundary_kind(ly) == "river"]
        if rivers:
            self.river_combo.setLayer(rivers[0])
        self.river_combo.layerChanged.connect(self.schedule_preview)
        rrow.addWidget(self.river_combo, 1)
        ml.addLayout(rrow)
        brow = QVBoxLayout()
        self.boundary_check = QCheckBox(QCoreApplication.translate("ZonesPanel", "End at a boundary"), self)
        self.boundary_check.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel",
                "Capture methods: the zones reach up to the polygons of this layer (an aquifer or watershed "
                "boundary) and end there, instead of at the up-gradient closing length",
            )
        )
        self.boundary_check.toggled.connect(self.schedule_preview)
        brow.addWidget(self.boundary_check)
        self.boundary_combo = QgsMapLayerComboBox(self)
        self.boundary_combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.boundary_combo.setAllowEmptyLayer(True)
        self._narrow(self.boundary_combo)
        sheds = [
            ly
            for ly in snapping.boundary_layers(self.project)
            if snapping.boundary_kind(ly) != "river" and ly.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry
        ]
        if sheds:
            self.boundary_combo.setLayer(sheds[0])
        self.boundary_combo.layerChanged.connect(self.schedule_preview)
        brow.addWidget(self.boundary_combo, 1)
        ml.addLayout(brow)
        self.dissolve_check = QCheckBox(QCoreApplication.translate("ZonesPanel", "One zone per water source"), self)
        self.dissolve_check.setChecked(True)
        self.dissolve_check.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel", "Protection zones: the union of the circles of a water source's wells"
            )
        )
        self.dissolve_check.toggled.connect(self.schedule_preview)
        ml.addWidget(self.dissolve_check)
        protection_text = QCoreApplication.translate(
            "ZonesPanel", "Also as class I / II protection zones (100 d / 1,000 d)"
        )  # on two lines, the periods in brackets below: a check box does not wrap and the dock stays narrow
        self.protection_check = QCheckBox(two_lines(protection_text), self)
        self.protection_check.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel",
                "Capture methods: the 100-day and 1,000-day time-of-travel zones of each water source are also "
                "written as its class I and class II protection zones, as HJ 338 asks for large sources "
                "(at least 50,000 m³/d, threshold unverified)",
            )
        )
        self.protection_check.toggled.connect(self.schedule_preview)
        ml.addWidget(self.protection_check)
        self.engine_label = QLabel("", self)
        self.engine_label.setWordWrap(True)
        ml.addWidget(self.engine_label)
        self.live_check = QCheckBox(QCoreApplication.translate("ZonesPanel", "Live preview"), self)
        self.live_check.setChecked(True)
        self.preview_button = QPushButton(QCoreApplication.translate("ZonesPanel", "Preview"), self)
        self.preview_button.clicked.connect(self.start_preview)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.cancel_button = QPushButton(QCoreApplication.translate("ZonesPanel", "Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_preview)
        ml.addWidget(wrapping_row(mbox, [self.live_check, self.preview_button, self.progress, self.cancel_button]))
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        ml.addWidget(self.status)
        self.accept_button = QPushButton(QCoreApplication.translate("ZonesPanel", "Accept: write the zones"), self)
        self.accept_button.setEnabled(False)
        self.accept_button.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel",
                "Adds the previewed zones to the zone layers (edit mode, undoable) with method and parameters",
            )
        )
        self.accept_button.clicked.connect(self.accept_zones)
        ml.addWidget(self.accept_button)
        lay.addWidget(mbox)

        # checks and snapping
        cbox = QGroupBox(QCoreApplication.translate("ZonesPanel", "Checks and drawing"), self)
        cl = QVBoxLayout(cbox)
        self.check_button = QPushButton(QCoreApplication.translate("ZonesPanel", "Check zones"), self)
        self.check_button.clicked.connect(self.run_checks)
        self.accept_overlap_button = QPushButton(
            QCoreApplication.translate("ZonesPanel", "Accept selected overlap"), self
        )
        self.accept_overlap_button.clicked.connect(self.accept_selected_overlap)
        cl.addWidget(wrapping_row(cbox, [self.check_button, self.accept_overlap_button]))
        crow = QHBoxLayout()
        self.snap_button = QPushButton(QCoreApplication.translate("ZonesPanel", "Snap to boundaries"), self)
        self.snap_button.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel", "Snapping to the aquifer boundary, watershed and river layers and the zones"
            )
        )
        self.snap_button.clicked.connect(self.configure_snapping)
        crow.addWidget(self.snap_button)
        cl.addLayout(crow)
        self.check_summary = QLabel("", self)
        self.check_summary.setWordWrap(True)
        cl.addWidget(self.check_summary)
        self.issues_list = QListWidget(self)
        self.issues_list.itemDoubleClicked.connect(self.zoom_to_issue)
        self.issues_list.setMinimumHeight(90)
        cl.addWidget(self.issues_list)
        lay.addWidget(cbox)

        # sources inside zones
        sbox = QGroupBox(QCoreApplication.translate("ZonesPanel", "Pollution sources inside the zones"), self)
        sl = QVBoxLayout(sbox)
        srow = QHBoxLayout()
        self.zone_layer_combo = QComboBox(self)
        self.zone_layer_combo.addItem(QCoreApplication.translate("ZonesPanel", "Protection zones"), "protection_zones")
        self.zone_layer_combo.addItem(QCoreApplication.translate("ZonesPanel", "Recharge zones"), "recharge_zones")
        self._narrow(self.zone_layer_combo)
        srow.addWidget(self.zone_layer_combo)
        self.all_categories = QCheckBox(QCoreApplication.translate("ZonesPanel", "All categories"), self)
        srow.addWidget(self.all_categories)
        sl.addLayout(srow)
        srow = QHBoxLayout()
        self.sources_button = QPushButton(QCoreApplication.translate("ZonesPanel", "List"), self)
        self.sources_button.setToolTip(
            QCoreApplication.translate(
                "ZonesPanel", "The selected zones of the layer, or all zones when none is selected"
            )
        )
        self.sources_button.clicked.connect(self.list_sources)
        srow.addWidget(self.sources_button)
        self.export_button = QPushButton(QCoreApplication.translate("ZonesPanel", "Export…"), self)
        self.export_button.clicked.connect(self.export_sources)
        srow.addWidget(self.export_button)
        sl.addLayout(srow)
        self.sources_table = QTableWidget(0, 4, self)
        self.sources_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ZonesPanel", "Zone"),
                QCoreApplication.translate("ZonesPanel", "Source"),
                QCoreApplication.translate("ZonesPanel", "Category"),
                QCoreApplication.translate("ZonesPanel", "Distance (m)"),
            ]
        )
        self.sources_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sources_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sources_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sources_table.setMinimumHeight(140)
        sl.addWidget(self.sources_table)
        lay.addWidget(sbox)
        lay.addStretch(1)

    @staticmethod
    def _narrow(combo: QComboBox) -> None:
        """Let a combo box shrink with a narrow dock instead of widening it to its longest item."""
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)

    # ------------------------------------------------------------------------------------------------------------
    # layers
    # ------------------------------------------------------------------------------------------------------------
    def layer(self, table: str) -> QgsVectorLayer | None:
        return QP.project_layers(self.project).get(table)

    # ------------------------------------------------------------------------------------------------------------
    # wells
    # ------------------------------------------------------------------------------------------------------------
    def use_selection(self) -> None:
        layer = self.layer("monitoring_wells")
        if layer is not None:
            self.set_picked(list(layer.selectedFeatureIds()), False)

    def set_picked(self, fids: list, additive: bool = False) -> None:
        """Pick wells by fid of the monitoring_wells layer (additive: toggle them in the current set)."""
        if additive:
            current = list(self.well_fids)
            for fid in fids:
                if fid in current:
                    current.remove(fid)
                else:
                    current.append(fid)
            fids = current
        layer = self.layer("monitoring_wells")
        self.well_fids, self.wells = [], []
        if layer is not None and fids:
            for f in layer.getFeatures(QgsFeatureRequest().setFilterFids(list(fids))):
                g = f.geometry()
                if g is None or g.isEmpty():
                    continue
                p = g.asPoint() if not g.isMultipart() else g.centroid().asPoint()
                q = null_to_none(f["pumping_rate_m3d"])
                self.well_fids.append(f.id())
                self.wells.append(
                    W.WellInput(
                        null_to_none(f["uuid"]),
                        p.x(),
                        p.y(),
                        null_to_none(f["water_source_uuid"]),
                        null_to_none(f["county_code"]),
                        str(null_to_none(f["well_code"]) or f.id()),
                        {"Q": float(q)} if q else {},
                    )
                )
            layer.selectByIds(list(self.well_fids))
        self._fill_wells_table()
        self.prefill_from_wells()
        if self._riverside_picked():
            self.river_check.setChecked(True)
        self.schedule_preview()

    def _riverside_picked(self) -> bool:
        """True when a picked well belongs to a riverside (傍河) water source."""
        layer = self.layer("drinking_water_sources")
        uuids = {w.water_source_uuid for w in self.wells if w.water_source_uuid}
        if layer is None or not uuids:
            return False
        expr = '"source_type" = \'riverside\' AND "uuid" IN ({})'.format(
            ", ".join("'" + u.replace("'", "''") + "'" for u in uuids)
        )
        return any(True for _ in layer.getFeatures(QgsFeatureRequest().setFilterExpression(expr).setLimit(1)))

    def _fill_wells_table(self) -> None:
        t = self.wells_table
        t.blockSignals(True)
        t.setRowCount(len(self.wells))
        for i, w in enumerate(self.wells):
            item = QTableWidgetItem(w.code)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            t.setItem(i, COL_CODE, item)
            q = w.values.get("Q")
            t.setItem(i, COL_Q, QTableWidgetItem("" if q is None else f"{q:g}"))
            lv = w.values.get("LEVEL")
            t.setItem(i, COL_LEVEL, QTableWidgetItem("" if lv is None else f"{lv:g}"))
        t.blockSignals(False)
        if not self.wells:
            self.wells_label.setText(QCoreApplication.translate("ZonesPanel", "No well picked."))
        else:
            sources = {w.water_source_uuid for w in self.wells if w.water_source_uuid}
            self.wells_label.setText(
                QCoreApplication.translate("ZonesPanel", "{n} well(s) of {s} water source(s) picked.").format(
                    n=len(self.wells), s=len(sources)
                )
            )

    def _well_item_changed(self, item: QTableWidgetItem) -> None:
        i, col = item.row(), item.column()
        if i >= len(self.wells) or col == COL_CODE:
            return
        key = "Q" if col == COL_Q else "LEVEL"
        text = item.text().strip().replace(",", ".")
        if not text:
            self.wells[i].values.pop(key, None)
        else:
            try:
                self.wells[i].values[key] = float(text)
            except ValueError:
                self.status.setText(
                    QCoreApplication.translate("ZonesPanel", "'{t}' is not a number.").format(t=item.text())
                )
                return
        if key == "Q":
            self.schedule_preview()

    def fit_gradient(self) -> Z.GradientFit | None:
        """Plane fit of the water levels typed for the picked wells → GRADIENT and FLOW_AZIMUTH."""
        pts = [(w.x, w.y, w.values["LEVEL"]) for w in self.wells if w.values.get("LEVEL") is not None]
        try:
            fit = Z.fit_gradient([p[0] for p in pts], [p[1] for p in pts], [p[2] for p in pts])
        except Z.ZoneInputError as exc:
            self.fit_label.setText(str(exc))
            return None
        for key, value in (("GRADIENT", fit.gradient), ("FLOW_AZIMUTH", fit.azimuth_deg)):
            widget = self.param_widgets.get(key)
            if widget is not None:
                widget.setValue(value)
        self.fit_label.setText(
            QCoreApplication.translate(
                "ZonesPanel",
                "Gradient {g:.5f}, flow towards {a:.1f}° from {n} wells; R² = {r2:.3f}, RMSE = {rmse:.3f} m",
            ).format(g=fit.gradient, a=fit.azimuth_deg, n=fit.n, r2=fit.r2, rmse=fit.rmse)
        )
        return fit

    # ------------------------------------------------------------------------------------------------------------
    # preview
    # ------------------------------------------------------------------------------------------------------------
    def schedule_preview(self, *args) -> None:
        if self.live_check.isChecked() and self.wells:
            self.timer.start()

    def start_preview(self) -> ZoneTask | None:
        """Start computing the zones of the picked wells in a QgsTask (a running one is canceled)."""
        self.timer.stop()
        self.cancel_preview()
        if not self.wells:
            self.status.setText(QCoreApplication.translate("ZonesPanel", "Pick one or more wells first."))
            return None
        wl = self.layer("monitoring_wells")
        if wl is not None and (wl.crs().isGeographic() or not wl.crs().isValid()):
            self.status.setText(
                QCoreApplication.translate(
                    "ZonesPanel",
                    "The wells layer's CRS ({crs}) is not projected: zones need a projected CRS in metres "
                    "(the project database uses one).",
                ).format(crs=wl.crs().authid())
            )
            return None
        try:
            river = self.river()
        except Z.ZoneInputError as exc:
            self.status.setText(str(exc))
            return None
        note = getattr(self, "river_note", "")
        if self.method() == "aem" and self.river_check.isChecked() and river is None:
            self.status.setText(
                note
                or QCoreApplication.translate(
                    "ZonesPanel", "No usable river reach next to the wells: computed without the river."
                )
            )
        task = ZoneTask(
            self.method(), [W.WellInput(**{**vars(w), "values": dict(w.values)}) for w in self.wells],
            self.parameters(), river,
            self.dissolve_check.isChecked(),
            protection=self.protection_check.isChecked() and self.method() in W.CAPTURE_METHODS,
            river_note=note,
            boundary=self.boundary(),
        )  # fmt: skip
        task.progressChanged.connect(lambda p: self.progress.setValue(int(p)))
        task.completed.connect(lambda ok, zones, err, t=task: self._preview_done(t, ok, zones, err))
        self.task = task
        self._tasks.append(task)
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.accept_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("ZonesPanel", "Computing…"))
        QgsApplication.taskManager().addTask(task)
        return task

    def cancel_preview(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None
        self.cancel_button.setEnabled(False)

    def _preview_done(self, task: ZoneTask, ok: bool, zones: list, error: str) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if task is not self.task:  # a newer preview replaced this one
            return
        self.task = None
        self.cancel_button.setEnabled(False)
        if not ok:
            self.zones = []
            if self.preview is not None:
                self.preview.clear()
            self.status.setText(error or QCoreApplication.translate("ZonesPanel", "Canceled."))
            self.accept_button.setEnabled(False)
            return
        self.zones = zones
        self.progress.setValue(100)
        wl = self.layer("monitoring_wells")
        if self.preview is not None:
            self.preview.show(zones, wl.crs() if wl is not None else None)
        areas = ", ".join(f"{z.label(self.lang)} {area_text(z.geometry.area())}" for z in zones[:6])
        more = "…" if len(zones) > 6 else ""
        text = QCoreApplication.translate("ZonesPanel", "{n} zone(s): {a}{m}").format(n=len(zones), a=areas, m=more)
        warnings = []
        for z in zones:
            for w in z.warnings:
                if w not in warnings:
                    warnings.append(w)
        note = zones[0].parameters.get("river_note") if zones else None
        if note:
            warnings.append(note)
        if warnings:
            text += "\n⚠ " + "\n⚠ ".join(warnings)
        self.status.setText(text)
        self.accept_button.setEnabled(bool(zones))

    def accept_zones(self) -> dict:
        """Write the previewed zones into the project's zone layers (edit buffers, undoable)."""
        if not self.zones:
            return {}
        layers = {t: self.layer(t) for t in ("protection_zones", "recharge_zones")}
        try:
            added = W.write_zones(
                self.zones,
                layers,
                command=QCoreApplication.translate("ZonesPanel", "Add zones ({m})").format(m=self.zones[0].method),
            )
        except Z.ZoneInputError as exc:
            self.status.setText(str(exc))
            return {}
        n = sum(len(v) for v in added.values())
        self.status.setText(
            QCoreApplication.translate(
                "ZonesPanel", "{n} zone(s) added in edit mode: undo with Ctrl+Z, save the layer edits to keep them."
            ).format(n=n)
        )
        if self.preview is not None:
            self.preview.clear()
        self.zones = []
        self.accept_button.setEnabled(False)
        for t in added:
            if layers[t] is not None:
                layers[t].triggerRepaint()
        return added

    # ------------------------------------------------------------------------------------------------------------
    def teardown(self) -> None:
        self.timer.stop()
        self.cancel_preview()
        if self.preview is not None:
            self.preview.clear()
        self.clear_highlights()
        if self.toggle is not None:
            self.toggle.disconnect()


DOCK = DockSpec(
    key="zones",
    title=lambda: QCoreApplication.translate("ZonesPanel", "Recharge and protection zones"),
    factory=ZonesPanel,
    icon="/mActionAddPolygon.svg",
    tooltip=lambda: QCoreApplication.translate(
        "ZonesPanel",
        "Protection, capture and time-of-travel zones of drinking-water wells; checks; sources inside zones",
    ),
    order=40,
)
