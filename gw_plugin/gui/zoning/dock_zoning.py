"""The zoning dock (分区): run the zoning steps (DRASTIC vulnerability, pollution-source load, function value,
zoning) with their parameters shown and defaults labelled, progress and cancel (gui/common/tasks.py); toggle the overlays
(vulnerability, load, value, zoning, changes) that the steps add to the project in one group; compare two versions of
zoning_units (table of area changes, change layer); and the site check of a clicked point or the selected
project polygon. Registered with the dock registry (gui/common/docks.py) through ``DOCK``.
"""

from __future__ import annotations

import json
import os

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRasterBandStats,
    QgsRasterLayer,
    QgsRasterShader,
    QgsRendererCategory,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...toolbelt.i18n import is_zh, pick, ui_language
from ..common.docks import DockSpec
from .zoning_widgets import ORIGIN_PROJECT, ORIGIN_STEP, ChangeTable, ParameterTable, PointTool, VersionCombo

#: The steps in order: key -> algorithm id.
STEPS = {
    "drastic": "gwplugin:drastic",
    "sourceload": "gwplugin:sourceload",
    "functionvalue": "gwplugin:functionvalue",
    "zoning": "gwplugin:zoning",
}
#: Overlay keys (custom property PROP_OVERLAY of the layers in the overlay group), with names in both languages.
OVERLAYS = {
    "vulnerability": ("地下水脆弱性（DRASTIC）", "Vulnerability (DRASTIC)"),
    "load": ("污染源荷载", "Pollution-source load"),
    "value": ("地下水功能价值", "Groundwater function value"),
    "zoning": ("地下水污染防治分区", "Pollution prevention zones"),
    "changes": ("分区变化", "Zoning changes"),
}
#: Overlays from top to bottom in the layer tree.
TOP_ORDER = ("changes", "zoning", "value", "load", "vulnerability")
STEP_OVERLAY = {"drastic": "vulnerability", "sourceload": "load", "functionvalue": "value", "zoning": "zoning"}
GROUP_LABEL = ("分区图层", "Zoning overlays")
PROP_GROUP = "gw_plugin/zoning_overlays"
PROP_OVERLAY = "gw_plugin/zoning_overlay"
#: DRASTIC factor parameter stem -> raster layer name of the demo project / core.demo.
FACTOR_RASTERS = {
    "DEPTH": "depth_to_water_m",
    "RECHARGE": "net_recharge_mm",
    "AQUIFER": "aquifer_media",
    "SOIL": "soil_media",
    "SLOPE": "slope_pct",
    "VADOSE": "vadose_media",
    "CONDUCTIVITY": "hydraulic_conductivity_md",
}
#: Colour ramps (low -> high) of the raster overlays.
RAMPS = {
    "vulnerability": ("#1a9641", "#ffffbf", "#d7191c"),
    "load": ("#fff5eb", "#fd8d3c", "#7f2704"),
    "value": ("#f7fbff", "#6baed6", "#08306b"),
}


def work_folder(database: str) -> str:
    """Where the dock writes step outputs: <database folder>/zoning (the folder and file names `make demo` uses,
    so the dock continues from the demo's rasters)."""
    return os.path.join(os.path.dirname(os.path.abspath(database)), "zoning")


# ---------------------------------------------------------------------------------------------------------------
# Parameters suggested from the project
# ---------------------------------------------------------------------------------------------------------------
def _table_layers(project: QgsProject, database: str) -> dict:
    from ...core.maps.overview import table_of

    out = {}
    target = os.path.abspath(database) if database else None
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            continue
        if target and os.path.abspath(layer.source().split("|")[0]) != target:
            continue
        if layer.subsetString():
            continue
        table = table_of(layer)
        if table and table not in out:
            out[table] = layer
    return out


def _raster_by_name(project: QgsProject, name: str):
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsRasterLayer) and layer.isValid():
            stem = os.path.splitext(os.path.basename(layer.source()))[0]
            if name in (layer.name(), stem):
                return layer
    return None


def suggest_parameters(step: str, project: QgsProject, database: str, outputs: dict) -> tuple:
    """(values, origins) for ``step`` from the project's layers, the database and earlier steps' ``outputs``
    (step -> result dict). Parameters not suggested keep the algorithm's defaults."""
    values, origins = {}, {}
    work = work_folder(database) if database else ""

    def put(name, value, origin):
        if value not in (None, ""):
            values[name], origins[name] = value, origin

    tables = _table_layers(project, database) if database else {}

    def earlier(step_key, overlay_key, file_name):
        """Output of an earlier step: this session's result, else the overlay layer, else the work folder file."""
        path = outputs.get(step_key, {}).get("OUTPUT")
        if path:
            return path, ORIGIN_STEP
        layer = overlay_layer(project, overlay_key)
        if layer is not None and layer.isValid():
            return layer.source(), ORIGIN_PROJECT
        candidate = os.path.join(work, file_name) if work else ""
        if candidate and os.path.isfile(candidate):
            return candidate, ORIGIN_PROJECT
        return None, ORIGIN_STEP

    vul, vul_origin = earlier("drastic", "vulnerability", "drastic_index.tif")
    if step == "drastic":
        folder = None
        for stem, raster in FACTOR_RASTERS.items():
            layer = _raster_by_name(project, raster)
            if layer is not None:
                put(f"{stem}_RASTER", layer.source(), ORIGIN_PROJECT)
                folder = folder or os.path.dirname(layer.source())
        classes = os.path.join(folder, "classes.json") if folder else ""
        if classes and os.path.isfile(classes) and work:
            from ...core.zoning import drastic as DR

            tables_json, _notes = DR.tables_from_classes_json(classes)
            os.makedirs(work, exist_ok=True)
            path = os.path.join(work, "drastic_ratings_from_classes.json")
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(tables_json, fh, ensure_ascii=False, indent=1)
            put("RATING_TABLE", path, ORIGIN_PROJECT)
        if work:
            put("OUTPUT", os.path.join(work, "drastic_index.tif"), ORIGIN_PROJECT)
            put("OUTPUT_CLASSES", os.path.join(work, "drastic_classes.tif"), ORIGIN_PROJECT)
    elif step == "sourceload":
        if "pollution_sources" in tables:
            put("SOURCES", tables["pollution_sources"].source(), ORIGIN_PROJECT)
        put("REFERENCE", vul, vul_origin)
        if work:
            put("OUTPUT", os.path.join(work, "source_load.tif"), ORIGIN_PROJECT)
    elif step == "functionvalue":
        for name, table in (
            ("PROTECTION_ZONES", "protection_zones"),
            ("RECHARGE_ZONES", "recharge_zones"),
            ("WATER_SOURCES", "drinking_water_sources"),
        ):
            if table in tables:
                put(name, tables[table].source(), ORIGIN_PROJECT)
        put("REFERENCE", vul, vul_origin)
        if work:
            put("OUTPUT", os.path.join(work, "function_value.tif"), ORIGIN_PROJECT)
    elif step == "zoning":
        put("VULNERABILITY", vul, vul_origin)
        put("SOURCE_LOAD", *earlier("sourceload", "load", "source_load.tif"))
        put("FUNCTION_VALUE", *earlier("functionvalue", "value", "function_value.tif"))
        for name, table in (
            ("ADMIN_UNITS", "admin_units"),
            ("PROTECTION_ZONES", "protection_zones"),
            ("RECHARGE_ZONES", "recharge_zones"),
        ):
            if table in tables:
                put(name, tables[table].source(), ORIGIN_PROJECT)
        put("GPKG", database, ORIGIN_PROJECT)
        if work:
            put("OUTPUT", os.path.join(work, "zones.gpkg"), ORIGIN_PROJECT)
            put("COUNTY_STATS", os.path.join(work, "zone_area_by_county.csv"), ORIGIN_PROJECT)
    return values, origins


def county_names(database: str, lang: str = "zh") -> dict:
    """county code -> name of the admin_units of the database (empty when unreadable)."""
    from osgeo import ogr

    names = {}
    ds = ogr.Open(database)
    if ds is None:
        return names
    lyr = ds.GetLayerByName("admin_units")
    if lyr is not None:
        for f in lyr:
            names[f.GetField("code")] = f.GetField("name_zh" if is_zh(lang) else "name_en") or f.GetField("code")
    ds = None
    return names


# ---------------------------------------------------------------------------------------------------------------
# Overlays
# ---------------------------------------------------------------------------------------------------------------
def overlay_group(project: QgsProject, lang: str = "zh", create: bool = True) -> QgsLayerTreeGroup | None:
    root = project.layerTreeRoot()
    for group in root.findGroups(True):
        if group.customProperty(PROP_GROUP):
            return group
    if not create:
        return None
    group = root.insertGroup(0, pick(GROUP_LABEL, lang))
    group.setCustomProperty(PROP_GROUP, True)
    return group


def overlay_layer(project: QgsProject, key: str):
    for layer in project.mapLayers().values():
        if layer.customProperty(PROP_OVERLAY) == key:
            return layer
    return None


def add_overlay(project: QgsProject, key: str, layer, lang: str = "zh"):
    """Put ``layer`` into the overlay group as overlay ``key`` (replacing an earlier one), visible."""
    old = overlay_layer(project, key)
    if old is not None:
        project.removeMapLayer(old.id())
    layer.setCustomProperty(PROP_OVERLAY, key)
    group = overlay_group(project, lang)
    project.addMapLayer(layer, False)
    top = TOP_ORDER.index(key)
    pos = 0
    for node in group.findLayers():
        other = node.layer().customProperty(PROP_OVERLAY) if node.layer() is not None else None
        if other in TOP_ORDER and TOP_ORDER.index(other) < top:
            pos += 1
    group.insertLayer(pos, layer)
    return layer


def style_raster(layer: QgsRasterLayer, key: str) -> None:
    """Pseudocolour ramp (RAMPS[key]) between the band's minimum and maximum."""
    provider = layer.dataProvider()
    stats = provider.bandStatistics(1, QgsRasterBandStats.Stats.Min | QgsRasterBandStats.Stats.Max)
    lo, hi = stats.minimumValue, stats.maximumValue
    if not hi > lo:
        hi = lo + 1
    colors = RAMPS.get(key, RAMPS["vulnerability"])
    ramp = QgsColorRampShader(lo, hi)
    ramp.setColorRampType(QgsColorRampShader.Type.Interpolated)
    ramp.setColorRampItemList(
        [
            QgsColorRampShader.ColorRampItem(
                lo + (hi - lo) * i / (len(colors) - 1), QColor(c), f"{lo + (hi - lo) * i / (len(colors) - 1):.4g}"
            )
            for i, c in enumerate(colors)
        ]
    )
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(provider, 1, shader)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)
    layer.setRenderer(renderer)
    layer.setOpacity(0.8)


def zoning_layer(database: str, scheme: str, version: str, lang: str = "zh") -> QgsVectorLayer:
    """zoning_units of one version, styled by zone class (schema colours)."""
    from ...core.maps.products import zone_renderer
    from ...core.zoning import compare as ZC

    scheme_label = QCoreApplication.translate("ZoningPanel", "{name} — {version}").format(
        name=pick(OVERLAYS["zoning"], lang), version=version or "-"
    )
    layer = QgsVectorLayer(f"{database}|layername=zoning_units", scheme_label, "ogr")
    layer.setSubsetString(ZC.version_filter(scheme, version))
    layer.setRenderer(zone_renderer(scheme, lang))
    layer.setOpacity(0.75)
    return layer


def change_layer(path: str, res, lang: str = "zh") -> QgsVectorLayer:
    """The change layer written by zoning_compare, one category per transition (fill: the new class's colour,
    outline: the old class's colour)."""
    from ...core.data import schema as S
    from ...core.zoning import compare as ZC

    colors = {c.code: c.color or "#bdbdbd" for c in S.codelist("zone_class").codes}
    name = f"{pick(OVERLAYS['changes'], lang)} {res.a[1]} → {res.b[1]}"
    layer = QgsVectorLayer(f"{path}|layername=zoning_changes", name, "ogr")
    cats = []
    for t in res.transitions:
        fill = QColor(colors.get(t["to_class"], "#ffffff"))
        sym = QgsFillSymbol.createSimple(
            {
                "color": fill.name(),
                "outline_color": QColor(colors.get(t["from_class"], "#000000")).darker(150).name(),
                "outline_width": "0.6",
            }
        )
        value = f"{t['from_class']}>{t['to_class']}"
        cats.append(QgsRendererCategory(value, sym, f"{ZC.change_label(t['from_class'], t['to_class'], lang)}"))
    layer.setRenderer(QgsCategorizedSymbolRenderer('"from_class" || \'>\' || "to_class"', cats))
    return layer


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
        self.database_label = QLabel(self)
        self.database_label.setWordWrap(True)
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

    # -- tabs -------------------------------------------------------------------------------------------------
    def _build_steps(self) -> None:
        page = QWidget(self)
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.step_combo = QComboBox(page)
        for key, label in (
            ("drastic", QCoreApplication.translate("ZoningPanel", "1. Vulnerability (DRASTIC)")),
            ("sourceload", QCoreApplication.translate("ZoningPanel", "2. Pollution-source load")),
            ("functionvalue", QCoreApplication.translate("ZoningPanel", "3. Function value")),
            ("zoning", QCoreApplication.translate("ZoningPanel", "4. Zoning")),
        ):
            self.step_combo.addItem(label, key)
        self.step_combo.currentIndexChanged.connect(lambda _i: self.fill_parameters())
        row.addWidget(self.step_combo, 1)
        self.fill_button = QPushButton(QCoreApplication.translate("ZoningPanel", "Fill from project"), page)
        self.fill_button.clicked.connect(self.fill_parameters)
        row.addWidget(self.fill_button)
        v.addLayout(row)
        self.params = ParameterTable(page)
        v.addWidget(self.params, 1)
        note = QLabel(
            QCoreApplication.translate(
                "ZoningPanel",
                "Values marked 'default' are the plugin's defaults (the guides' numeric tables were not available): "
                "check them against the city's data and rules.",
            ),
            page,
        )
        note.setWordWrap(True)
        v.addWidget(note)
        row = QHBoxLayout()
        self.run_button = QPushButton(QCoreApplication.translate("ZoningPanel", "Run"), page)
        self.run_button.clicked.connect(self.run_step)
        self.cancel_button = QPushButton(QCoreApplication.translate("ZoningPanel", "Cancel"), page)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_step)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, 100)
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        v.addLayout(row)
        self.step_status = QLabel(page)
        self.step_status.setWordWrap(True)
        v.addWidget(self.step_status)
        self.tabs.addTab(page, QCoreApplication.translate("ZoningPanel", "Steps"))

    def _build_overlays(self) -> None:
        page = QWidget(self)
        v = QVBoxLayout(page)
        self.overlay_boxes = {}
        for key, pair in OVERLAYS.items():
            box = QCheckBox(pick(pair, self.lang), page)
            box.toggled.connect(lambda checked, k=key: self.set_overlay_visible(k, checked))
            v.addWidget(box)
            self.overlay_boxes[key] = box
        row = QHBoxLayout()
        self.overlay_version = VersionCombo(page)
        self.show_version_button = QPushButton(
            QCoreApplication.translate("ZoningPanel", "Show this zoning version"), page
        )
        self.show_version_button.clicked.connect(self.show_version)
        row.addWidget(self.overlay_version, 1)
        row.addWidget(self.show_version_button)
        v.addLayout(row)
        v.addStretch(1)
        self.tabs.addTab(page, QCoreApplication.translate("ZoningPanel", "Overlays"))

    def _build_compare(self) -> None:
        page = QWidget(self)
        v = QVBoxLayout(page)
        form = QFormLayout()
        self.version_a = VersionCombo(page)
        self.version_b = VersionCombo(page)
        form.addRow(QCoreApplication.translate("ZoningPanel", "Version A (before)"), self.version_a)
        form.addRow(QCoreApplication.translate("ZoningPanel", "Version B (after)"), self.version_b)
        v.addLayout(form)
        row = QHBoxLayout()
        self.compare_button = QPushButton(QCoreApplication.translate("ZoningPanel", "Compare"), page)
        self.compare_button.clicked.connect(self.compare)
        self.change_layer_button = QPushButton(QCoreApplication.translate("ZoningPanel", "Add change layer"), page)
        self.change_layer_button.setEnabled(False)
        self.change_layer_button.clicked.connect(self.add_change_layer)
        row.addWidget(self.compare_button)
        row.addWidget(self.change_layer_button)
        v.addLayout(row)
        self.change_table = ChangeTable(page)
        v.addWidget(self.change_table, 1)
        self.compare_status = QLabel(page)
        self.compare_status.setWordWrap(True)
        v.addWidget(self.compare_status)
        self.tabs.addTab(page, QCoreApplication.translate("ZoningPanel", "Compare"))

    def _build_site(self) -> None:
        page = QWidget(self)
        v = QVBoxLayout(page)
        form = QFormLayout()
        self.site_version = VersionCombo(page)
        form.addRow(QCoreApplication.translate("ZoningPanel", "Zoning version"), self.site_version)
        v.addLayout(form)
        row = QHBoxLayout()
        self.pick_button = QPushButton(QCoreApplication.translate("ZoningPanel", "Click a point on the map"), page)
        self.pick_button.setCheckable(True)
        self.pick_button.toggled.connect(self.toggle_tool)
        self.polygon_button = QPushButton(QCoreApplication.translate("ZoningPanel", "Use selected polygon"), page)
        self.polygon_button.clicked.connect(self.check_selected_polygon)
        row.addWidget(self.pick_button)
        row.addWidget(self.polygon_button)
        v.addLayout(row)
        self.site_report = QTextBrowser(page)
        v.addWidget(self.site_report, 1)
        self.tabs.addTab(page, QCoreApplication.translate("ZoningPanel", "Site check"))

    # -- state -------------------------------------------------------------------------------------------------
    def database(self) -> str | None:
        from ..common.project_database import project_database

        return project_database(self.project)

    def refresh(self) -> None:
        """Re-read the database, the stored zoning versions and the overlays."""
        db = self.database()
        if db:
            self.database_label.setText(QCoreApplication.translate("ZoningPanel", "Project database: {p}").format(p=db))
        else:
            self.database_label.setText(
                QCoreApplication.translate("ZoningPanel", "No project database in the current project.")
            )
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
            self.version_a.setCurrentIndex(min(1, len(versions) - 1))  # before = the second newest

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
            self.step_status.setText(
                QCoreApplication.translate("ZoningPanel", "The gwplugin Processing provider is not loaded.")
            )
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
        self.step_status.setText(QCoreApplication.translate("ZoningPanel", "Running…"))
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
            self.step_status.setText(error or QCoreApplication.translate("ZoningPanel", "Canceled."))
            return
        self.progress.setValue(100)
        self.outputs[step] = dict(results)
        self.add_step_overlay(step, results)
        self.step_status.setText(
            QCoreApplication.translate("ZoningPanel", "Done: {r}").format(
                r=", ".join(f"{k}={v}" for k, v in sorted(results.items()))
            )
        )
        if step == "zoning":
            self.refresh_versions()
        idx = self.step_combo.currentIndex()
        if idx + 1 < self.step_combo.count():
            self.step_combo.setCurrentIndex(idx + 1)  # fills the next step from this one's outputs
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
                style_raster(layer, key)
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
            self.compare_status.setText(QCoreApplication.translate("ZoningPanel", "Choose two versions of the zoning."))
            return
        if a == b:
            self.compare_status.setText(QCoreApplication.translate("ZoningPanel", "Choose two different versions."))
            return
        try:
            res = ZC.compare_versions(db, a, b)
        except (ValueError, RuntimeError, OSError) as exc:
            self.compare_status.setText(str(exc))
            return
        self.last_compare = res
        self.change_table.show_result(res, self.lang, county_names(db, self.lang))
        self.change_layer_button.setEnabled(bool(res.parts))
        self.compare_status.setText(
            QCoreApplication.translate(
                "ZoningPanel", "{c:.3f} km² changed class in {n} places; {u:.3f} km² unchanged."
            ).format(c=res.changed_km2, n=len(res.parts), u=res.unchanged_km2)
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
            self.site_report.setPlainText(
                QCoreApplication.translate("ZoningPanel", "Select the project polygon(s) in a polygon layer first.")
            )
            return None
        geom = QgsGeometry.unaryUnion([f.geometry() for f in layer.selectedFeatures() if f.hasGeometry()])
        return self._check(geom, layer.crs())

    def _check(self, geom: QgsGeometry, crs: QgsCoordinateReferenceSystem):
        from ...core.zoning import site_check as SC

        db = self.database()
        key = self.site_version.version()
        if not db or key is None:
            self.site_report.setPlainText(
                QCoreApplication.translate("ZoningPanel", "There is no zoning version to check against.")
            )
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
    title=lambda: QCoreApplication.translate("ZoningPanel", "Zoning"),
    factory=ZoningPanel,
    icon="/mActionShowRasterCalculator.svg",
    tooltip=lambda: QCoreApplication.translate(
        "ZoningPanel", "Pollution prevention zoning: steps, overlays, version comparison and site check (分区)"
    ),
    order=40,
)
