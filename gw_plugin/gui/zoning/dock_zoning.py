"""The zoning dock (分区): run the zoning steps (DRASTIC vulnerability, pollution-source load, function value, the
optional pollution status, zoning) with their parameters shown and defaults labelled, progress and cancel
(gui/common/tasks.py); toggle the overlays that the steps add to the project in one group (zoning_overlays.py);
compare two versions of zoning_units (one scheme, or another scheme through an explicit class mapping: table of
area changes, change layer); and the site check of a clicked point or the selected project polygon, which also
names the drinking-water protection zones the site lies in. Parameters are suggested by zoning_suggest.py. Every
text follows the plugin's language. Registered with the dock registry (gui/common/docks.py) through ``DOCK``.
Room to work (issue 17): as narrow as QGIS's own docks (a long database path is cut in the middle, long names of
steps and versions with "…", rows of buttons wrap), and the parameter table and the step's messages share the
height through a splitter.
"""

from __future__ import annotations

import os

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...toolbelt.i18n import pick, tr, ui_language
from ..common.docks import DockSpec
from ..common.elided import ElidedComboBox, ElidedLabel
from ..common.screen import wrapping_row
from .zoning_overlays import (  # noqa: F401  (public names of the panel, used through this module)
    GROUP_LABEL,
    OVERLAYS,
    PROP_GROUP,
    PROP_OVERLAY,
    STEP_OVERLAY,
    TOP_ORDER,
    add_overlay,
    change_layer,
    overlay_group,
    overlay_layer,
    style_raster,
    zoning_layer,
)
from .zoning_suggest import (  # noqa: F401
    FACTOR_RASTERS,
    NEXT_STEP,
    STEPS,
    county_names,
    suggest_parameters,
    work_folder,
)
from .zoning_widgets import ChangeTable, ParameterTable, PointTool, VersionCombo

TR_CONTEXT = "ZoningPanel"
PANEL_WIDTH = 380  # px the dock asks for (when the map can spare them): parameter names on fewer lines


# ---------------------------------------------------------------------------------------------------------------
# The panel
# ---------------------------------------------------------------------------------------------------------------
class ZoningPanel(QWidget):
    """Content of the zoning dock."""

    def __init__(self, iface=None, parent: QWidget | None = None, project: QgsProject | None = None, lang=None):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.lang = lang or ui_language()  # the plugin's language, as every panel
        self.setObjectName("gw_plugin_zoning_panel")
        self.outputs: dict = {}
        self.task = None
        self.last_compare = None
        self.last_site = None
        self.tool = None
        self._previous_tool = None

        layout = QVBoxLayout(self)
        self.database_label = ElidedLabel("", self)  # the whole path as tooltip
        layout.addWidget(self.database_label)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        self._build_steps()
        self._build_overlays()
        self._build_compare()
        self._build_site()

        self.project.readProject.connect(self.refresh)
        self.project.cleared.connect(self.refresh)
        self.project.layersRemoved.connect(self._overlays_changed)
        self.refresh()

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), PANEL_WIDTH))
        return hint

    # -- tabs -------------------------------------------------------------------------------------------------
    def _build_steps(self) -> None:
        page = QWidget(self)
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.step_combo = ElidedComboBox(page)
        for key, label in (
            ("drastic", tr(TR_CONTEXT, "1. Vulnerability (DRASTIC)")),
            ("sourceload", tr(TR_CONTEXT, "2. Pollution-source load")),
            ("functionvalue", tr(TR_CONTEXT, "3. Function value")),
            ("pollutionstatus", tr(TR_CONTEXT, "4. Pollution status (optional)")),
            ("zoning", tr(TR_CONTEXT, "5. Zoning")),
        ):
            self.step_combo.addItem(label, key)
        self.step_combo.currentIndexChanged.connect(lambda _i: self.fill_parameters())
        row.addWidget(self.step_combo, 1)
        self.fill_button = QPushButton(tr(TR_CONTEXT, "Fill from project"), page)
        self.fill_button.clicked.connect(self.fill_parameters)
        row.addWidget(self.fill_button)
        v.addLayout(row)
        self.params = ParameterTable(page)
        lower = QWidget(page)  # below the table, in a splitter: the table can be given more height, or less
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        self.step_splitter = QSplitter(Qt.Orientation.Vertical, page)
        self.step_splitter.addWidget(self.params)
        self.step_splitter.addWidget(lower)
        self.step_splitter.setStretchFactor(0, 1)
        self.step_splitter.setStretchFactor(1, 0)
        self.step_splitter.setCollapsible(0, False)
        v.addWidget(self.step_splitter, 1)
        note = QLabel(
            tr(
                TR_CONTEXT,
                "Values marked 'default' are the plugin's defaults (the guides' numeric tables were not available): "
                "check them against the city's data and rules.",
            ),
            page,
        )
        note.setWordWrap(True)
        below.addWidget(note)
        row = QHBoxLayout()
        self.run_button = QPushButton(tr(TR_CONTEXT, "Run"), page)
        self.run_button.clicked.connect(self.run_step)
        self.cancel_button = QPushButton(tr(TR_CONTEXT, "Cancel"), page)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_step)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, 100)
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        below.addLayout(row)
        self.step_status = QLabel(page)
        self.step_status.setWordWrap(True)
        below.addWidget(self.step_status)
        self.tabs.addTab(page, tr(TR_CONTEXT, "Steps"))

    def _build_overlays(self) -> None:
        page = QWidget(self)
        v = QVBoxLayout(page)
        self.overlay_boxes = {}
        for key, pair in OVERLAYS.items():
            box = QCheckBox(pick(pair, self.lang), page)
            box.toggled.connect(lambda checked, k=key: self.set_overlay_visible(k, checked))
            v.addWidget(box)
            self.overlay_boxes[key] = box
        self.overlay_version = VersionCombo(page)
        self.show_version_button = QPushButton(tr(TR_CONTEXT, "Show this zoning version"), page)
        self.show_version_button.clicked.connect(self.show_version)
        v.addWidget(self.overlay_version)
        v.addWidget(wrapping_row(page, (self.show_version_button,)))
        v.addStretch(1)
        self.tabs.addTab(page, tr(TR_CONTEXT, "Overlays"))

    def _build_compare(self) -> None:
        page = QWidget(self)
        v = QVBoxLayout(page)
        form = QFormLayout()
        self.version_a = VersionCombo(page)
        self.version_b = VersionCombo(page)
        form.addRow(tr(TR_CONTEXT, "Version A (before)"), self.version_a)
        form.addRow(tr(TR_CONTEXT, "Version B (after)"), self.version_b)
        self.class_map_edit = QLineEdit(page)
        self.class_map_edit.setPlaceholderText(tr(TR_CONTEXT, "only for versions of different schemes"))
        self.class_map_edit.setToolTip(
            tr(
                TR_CONTEXT,
                "Versions of the 2019 and 2023 schemes have different zone classes: say which class of A corresponds "
                "to which class of B (class_of_A:class_of_B, separated by commas). Areas whose classes correspond "
                "count as unchanged.",
            )
        )
        form.addRow(tr(TR_CONTEXT, "Class mapping A → B"), self.class_map_edit)
        v.addLayout(form)
        self.version_a.currentIndexChanged.connect(lambda _i: self._schemes_changed())
        self.version_b.currentIndexChanged.connect(lambda _i: self._schemes_changed())
        self.compare_button = QPushButton(tr(TR_CONTEXT, "Compare"), page)
        self.compare_button.clicked.connect(self.compare)
        self.change_layer_button = QPushButton(tr(TR_CONTEXT, "Add change layer"), page)
        self.change_layer_button.setEnabled(False)
        self.change_layer_button.clicked.connect(self.add_change_layer)
        v.addWidget(wrapping_row(page, (self.compare_button, self.change_layer_button)))
        self.change_table = ChangeTable(page)
        v.addWidget(self.change_table, 1)
        self.compare_status = QLabel(page)
        self.compare_status.setWordWrap(True)
        v.addWidget(self.compare_status)
        self.tabs.addTab(page, tr(TR_CONTEXT, "Compare"))

    def _build_site(self) -> None:
        page = QWidget(self)
        v = QVBoxLayout(page)
        form = QFormLayout()
        self.site_version = VersionCombo(page)
        form.addRow(tr(TR_CONTEXT, "Zoning version"), self.site_version)
        v.addLayout(form)
        self.pick_button = QPushButton(tr(TR_CONTEXT, "Click a point on the map"), page)
        self.pick_button.setCheckable(True)
        self.pick_button.toggled.connect(self.toggle_tool)
        self.polygon_button = QPushButton(tr(TR_CONTEXT, "Use selected polygon"), page)
        self.polygon_button.clicked.connect(self.check_selected_polygon)
        v.addWidget(wrapping_row(page, (self.pick_button, self.polygon_button)))
        self.site_report = QTextBrowser(page)
        v.addWidget(self.site_report, 1)
        self.tabs.addTab(page, tr(TR_CONTEXT, "Site check"))

    # -- state -------------------------------------------------------------------------------------------------
    def database(self) -> str | None:
        from ..common.project_database import project_database

        return project_database(self.project)

    def refresh(self) -> None:
        """Re-read the database, the stored zoning versions and the overlays."""
        db = self.database()
        if db:
            self.database_label.setText(tr(TR_CONTEXT, "Project database: {p}").format(p=db))
        else:
            self.database_label.setText(tr(TR_CONTEXT, "No project database in the current project."))
        self.refresh_versions()
        self.fill_parameters()
        self._overlays_changed()

    def refresh_versions(self) -> None:
        from ...core.zoning import compare as ZC

        db = self.database()
        versions = []
        if db and os.path.isfile(db):
            try:
                versions = ZC.list_versions(db)
            except (ValueError, RuntimeError, OSError):
                versions = []
        keys = [v.key for v in versions]
        changed = keys != getattr(self, "_version_keys", None)
        self._version_keys = keys
        for combo in (self.version_a, self.version_b, self.site_version, self.overlay_version):
            combo.set_versions(versions, self.lang)
            if changed and versions:
                combo.setCurrentIndex(0)  # a new version: show the newest
        if versions and (changed or self.version_a.currentIndex() == self.version_b.currentIndex()):
            # before = the newest other version of the same scheme, else the second newest
            same = [i for i, v in enumerate(versions) if i > 0 and v.scheme == versions[0].scheme]
            self.version_a.setCurrentIndex(same[0] if same else min(1, len(versions) - 1))
        self._schemes_changed()

    def _schemes_changed(self) -> None:
        """The class mapping is asked for only when A and B are of different schemes (prefilled, editable)."""
        a, b = self.version_a.version(), self.version_b.version()
        different = a is not None and b is not None and a[0] != b[0]
        self.class_map_edit.setEnabled(different)
        if different and not self.class_map_edit.text().strip():
            from ...core.zoning.compare import SUGGESTED_CLASS_MAPS

            self.class_map_edit.setText(SUGGESTED_CLASS_MAPS.get((a[0], b[0]), ""))
        elif not different:
            self.class_map_edit.clear()

    def _overlays_changed(self, *_args) -> None:
        for key, box in self.overlay_boxes.items():
            layer = overlay_layer(self.project, key)
            box.blockSignals(True)
            box.setEnabled(layer is not None)
            node = self.project.layerTreeRoot().findLayer(layer.id()) if layer is not None else None
            box.setChecked(bool(node is not None and node.isVisible()))
            box.blockSignals(False)

    def set_overlay_visible(self, key: str, visible: bool) -> None:
        layer = overlay_layer(self.project, key)
        if layer is None:
            return
        node = self.project.layerTreeRoot().findLayer(layer.id())
        if node is not None:
            node.setItemVisibilityChecked(visible)
            if visible and node.parent() is not None:
                node.parent().setItemVisibilityChecked(True)

    # -- steps -------------------------------------------------------------------------------------------------
    def current_step(self) -> str:
        return self.step_combo.currentData()

    def fill_parameters(self) -> None:
        step = self.current_step()
        alg = QgsApplication.processingRegistry().algorithmById(STEPS[step])
        if alg is None:
            self.params.setRowCount(0)
            self.step_status.setText(tr(TR_CONTEXT, "The gwplugin Processing provider is not loaded."))
            self.run_button.setEnabled(False)
            return
        self.run_button.setEnabled(self.task is None)
        db = self.database() or ""
        values, origins = suggest_parameters(step, self.project, db, self.outputs)
        self.params.set_algorithm(alg, values, origins)

    def run_step(self) -> None:
        from ..common.tasks import ProcessingTask

        step = self.current_step()
        params = self.params.values()
        for key in ("OUTPUT", "OUTPUT_CLASSES"):
            if isinstance(params.get(key), str) and os.path.dirname(params[key]):
                os.makedirs(os.path.dirname(params[key]), exist_ok=True)
        if step == "zoning" and params.get("OUTPUT") and os.path.exists(params["OUTPUT"]):
            os.remove(params["OUTPUT"])  # a new run replaces the dock's working copy (zoning_units keeps all)
        task = ProcessingTask(self.step_combo.currentText(), STEPS[step], params)
        if task.error:
            self.step_status.setText(task.error)
            return
        self.task = task
        self._task_step = step
        task.progressChanged.connect(lambda p: self.progress.setValue(int(p)))
        task.completed.connect(self._step_done)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.step_status.setText(tr(TR_CONTEXT, "Running…"))
        QgsApplication.taskManager().addTask(task)

    def cancel_step(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _step_done(self, ok: bool, results: dict, error: str) -> None:
        step = self._task_step
        self.task = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if not ok:
            self.step_status.setText(error or tr(TR_CONTEXT, "Canceled."))
            return
        self.progress.setValue(100)
        self.outputs[step] = dict(results)
        self.add_step_overlay(step, results)
        self.step_status.setText(
            tr(TR_CONTEXT, "Done: {r}").format(r=", ".join(f"{k} = {v}" for k, v in sorted(results.items())))
        )
        if step == "zoning":
            self.refresh_versions()
        nxt = NEXT_STEP.get(step)
        if nxt:
            self.step_combo.setCurrentIndex(self.step_combo.findData(nxt))  # filled from this step's outputs
        self._overlays_changed()

    def add_step_overlay(self, step: str, results: dict):
        key = STEP_OVERLAY[step]
        if step == "zoning":
            from ...core.zoning import compare as ZC

            db = self.database()
            version = ZC.latest_version(db) if db and results.get("APPENDED") else None
            if version is not None:
                layer = zoning_layer(db, version.scheme, version.version, self.lang)
            else:
                layer = QgsVectorLayer(str(results.get("OUTPUT")), pick(OVERLAYS[key], self.lang), "ogr")
                from ...core.maps.products import zone_renderer

                scheme = next((f["scheme"] for f in layer.getFeatures()), "2023")
                layer.setRenderer(zone_renderer(scheme, self.lang))
        else:
            layer = QgsRasterLayer(str(results.get("OUTPUT")), pick(OVERLAYS[key], self.lang))
            if layer.isValid():
                style_raster(layer, key, self.lang, results.get("KIND", "assessment"))
        if not layer.isValid():
            return None
        return add_overlay(self.project, key, layer, self.lang)

    def show_version(self) -> None:
        db = self.database()
        key = self.overlay_version.version()
        if not db or key is None:
            return
        add_overlay(self.project, "zoning", zoning_layer(db, key[0], key[1], self.lang), self.lang)
        self._overlays_changed()

    # -- compare -----------------------------------------------------------------------------------------------
    def compare(self) -> None:
        from ...core.zoning import compare as ZC

        db = self.database()
        a, b = self.version_a.version(), self.version_b.version()
        if not db or a is None or b is None:
            self.compare_status.setText(tr(TR_CONTEXT, "Choose two versions of the zoning."))
            return
        if a == b:
            self.compare_status.setText(tr(TR_CONTEXT, "Choose two different versions."))
            return
        try:
            class_map = ZC.parse_class_map(self.class_map_edit.text()) if a[0] != b[0] else None
            res = ZC.compare_versions(db, a, b, class_map=class_map)
        except (ValueError, RuntimeError, OSError) as exc:
            self.compare_status.setText(str(exc))
            return
        self.last_compare = res
        self.change_table.show_result(res, self.lang, county_names(db, self.lang))
        self.change_layer_button.setEnabled(bool(res.parts))
        self.compare_status.setText(
            tr(TR_CONTEXT, "{c:.3f} km² changed class in {n} places; {u:.3f} km² unchanged.").format(
                c=res.changed_km2, n=len(res.parts), u=res.unchanged_km2
            )
            + (
                " "
                + tr(TR_CONTEXT, "Classes compared through the mapping {m}.").format(
                    m=", ".join(
                        f"{ZC.class_label(k, self.lang)} → {ZC.class_label(v, self.lang)}"
                        for k, v in res.class_map.items()
                    )
                )
                if res.class_map
                else ""
            )
        )

    def add_change_layer(self):
        from ...core.zoning import compare as ZC

        res = self.last_compare
        db = self.database()
        if res is None or not db:
            return None
        os.makedirs(work_folder(db), exist_ok=True)
        path = os.path.join(work_folder(db), "zoning_changes.gpkg")
        old = overlay_layer(self.project, "changes")
        if old is not None:
            self.project.removeMapLayer(old.id())
        ZC.write_changes(res, path)
        layer = add_overlay(self.project, "changes", change_layer(path, res, self.lang), self.lang)
        self._overlays_changed()
        return layer

    # -- site check --------------------------------------------------------------------------------------------
    def toggle_tool(self, checked: bool) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None:
            return
        if checked:
            if self.tool is None:
                self.tool = PointTool(canvas)
                self.tool.picked.connect(self.check_point)
                self.tool.deactivated.connect(lambda: self.pick_button.setChecked(False))
            self._previous_tool = canvas.mapTool()
            canvas.setMapTool(self.tool)
        elif canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)
            if self._previous_tool is not None and self._previous_tool is not self.tool:
                canvas.setMapTool(self._previous_tool)
            self._previous_tool = None

    def _canvas_crs(self) -> QgsCoordinateReferenceSystem:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is not None and canvas.mapSettings().destinationCrs().isValid():
            return canvas.mapSettings().destinationCrs()
        return self.project.crs()

    def check_point(self, point, crs: QgsCoordinateReferenceSystem | None = None):
        """Site check of a point (QgsPointXY in ``crs``, default the canvas CRS)."""
        crs = crs or self._canvas_crs()
        return self._check(QgsGeometry.fromPointXY(point), crs)

    def check_selected_polygon(self):
        """Site check of the selected polygon(s) of the active layer (united into one proposed project)."""
        layer = self.iface.activeLayer() if self.iface is not None else None
        if (
            not isinstance(layer, QgsVectorLayer)
            or layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry
            or layer.selectedFeatureCount() == 0
        ):
            self.site_report.setPlainText(tr(TR_CONTEXT, "Select the project polygon(s) in a polygon layer first."))
            return None
        geom = QgsGeometry.unaryUnion([f.geometry() for f in layer.selectedFeatures() if f.hasGeometry()])
        return self._check(geom, layer.crs())

    def _check(self, geom: QgsGeometry, crs: QgsCoordinateReferenceSystem):
        from ...core.zoning import site_check as SC

        db = self.database()
        key = self.site_version.version()
        if not db or key is None:
            self.site_report.setPlainText(tr(TR_CONTEXT, "There is no zoning version to check against."))
            return None
        try:
            res = SC.check_site(db, bytes(geom.asWkb()), crs.toWkt(), key[0], key[1], self.lang)
        except (ValueError, RuntimeError, OSError) as exc:
            self.site_report.setPlainText(str(exc))
            return None
        self.last_site = res
        self.site_report.setPlainText(res.report(self.lang))
        return res

    # -- teardown ----------------------------------------------------------------------------------------------
    def teardown(self) -> None:
        for signal, slot in (
            (self.project.readProject, self.refresh),
            (self.project.cleared, self.refresh),
            (self.project.layersRemoved, self._overlays_changed),
        ):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
        if self.task is not None:
            self.task.cancel()
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is not None and self.tool is not None and canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)


DOCK = DockSpec(
    key="zoning",
    title=lambda: tr(TR_CONTEXT, "Zoning"),
    factory=ZoningPanel,
    icon="/mActionShowRasterCalculator.svg",
    tooltip=lambda: tr(
        TR_CONTEXT, "Pollution prevention zoning: steps, overlays, version comparison and site check (分区)"
    ),
    order=40,
)
