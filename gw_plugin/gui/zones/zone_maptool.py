"""Map tool, live preview and background computation of the recharge-zone dock (补给区/保护区).

- ``WellPickTool``: click a drinking-water well (monitoring_wells with well_type drinking_source) to pick it, click
  a drinking-water source to pick all its production wells (the well field), Shift+click to add or remove.
- ``ToolToggle``: a checkable action toggles the tool; the previous map tool is restored when it is unchecked, and
  the tool's ``deactivated`` (another tool chosen) unchecks the action.
- ``ZonePreview``: the zones of a method drawn as QgsRubberBands (class I / class II / capture / time of travel
  in their code-list colours), never written anywhere.
- ``ZoneTask``: computes zones (core/zones/writer.compute_zones) in a QgsTask with progress and cancel, so QGIS
  never freezes; results are handed to the main thread through ``completed`` from ``finished()``.
"""

from __future__ import annotations

from typing import Callable, Optional

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsTask,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ...core.data import schema as S
from ...core.zones import methods as Z
from ...core.zones import writer as W
from ...toolbelt.qt import null_to_none


class WellPickTool(QgsMapTool):
    """Picks drinking-water wells on the canvas; emits ``wellsPicked(fids, additive)`` (fids of the wells layer)."""

    wellsPicked = pyqtSignal(list, bool)

    def __init__(
        self,
        canvas: QgsMapCanvas,
        wells_layer: Callable[[], Optional[QgsVectorLayer]],
        sources_layer: Callable[[], Optional[QgsVectorLayer]],
    ):
        super().__init__(canvas)
        self._wells = wells_layer
        self._sources = sources_layer
        self.setCursor(Qt.CursorShape.CrossCursor)

    def _search_rect(self, layer: QgsVectorLayer, map_point: QgsPointXY) -> QgsRectangle:
        r = QgsMapTool.searchRadiusMU(self.canvas())
        rect = QgsRectangle(map_point.x() - r, map_point.y() - r, map_point.x() + r, map_point.y() + r)
        return self.toLayerCoordinates(layer, rect)

    def _nearest(self, layer: QgsVectorLayer, map_point: QgsPointXY, expression: str = ""):
        """(nearest feature within the search radius or None, its distance in layer units)."""
        if layer is None:
            return None, None
        rect = self._search_rect(layer, map_point)
        p = self.toLayerCoordinates(layer, map_point)
        req = QgsFeatureRequest().setFilterRect(rect)
        if expression:
            req.setFilterExpression(expression)
        best, best_d = None, None
        for f in layer.getFeatures(req):
            g = f.geometry()
            if g is None or g.isEmpty():
                continue
            d = g.distance(g.fromPointXY(p))
            if best_d is None or d < best_d:
                best, best_d = f, d
        return best, best_d

    def pick_at(self, map_point: QgsPointXY) -> list:
        """Fids of the wells picked at a map point: the nearest drinking-water well, or, when a drinking-water
        source is nearer, the production wells of that source (its drinking-source wells with a pumping rate, or
        all of them)."""
        wells = self._wells()
        if wells is None:
            return []
        f, d_well = self._nearest(wells, map_point, "\"well_type\" = 'drinking_source'")
        src, d_src = self._nearest(self._sources(), map_point)
        if f is not None and (src is None or d_well <= d_src):
            return [f.id()]
        if src is None:
            return []
        uuid = null_to_none(src["uuid"])
        if not uuid:
            return []
        expr = f"\"water_source_uuid\" = '{uuid}'"
        fids = [
            g.id()
            for g in wells.getFeatures(QgsFeatureRequest().setFilterExpression(expr + ' AND "pumping_rate_m3d" > 0'))
        ]
        if not fids:
            fids = [g.id() for g in wells.getFeatures(QgsFeatureRequest().setFilterExpression(expr))]
        return fids

    def canvasReleaseEvent(self, e) -> None:  # noqa: N802 (Qt API)
        if e.button() != Qt.MouseButton.LeftButton:
            return
        fids = self.pick_at(e.mapPoint())
        additive = bool(e.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if fids or not additive:
            self.wellsPicked.emit(fids, additive)


class ToolToggle:
    """Couples a checkable QAction with a map tool: checked → the tool is set (the previous one remembered),
    unchecked → the previous tool is restored; the tool's deactivation unchecks the action."""

    def __init__(self, canvas: QgsMapCanvas, tool: QgsMapTool, action):
        self.canvas = canvas
        self.tool = tool
        self.action = action
        self.previous: Optional[QgsMapTool] = None
        action.setCheckable(True)
        tool.setAction(action)
        action.toggled.connect(self._toggled)
        tool.deactivated.connect(self._deactivated)

    def _toggled(self, checked: bool) -> None:
        if checked:
            current = self.canvas.mapTool()
            if current is not self.tool:
                self.previous = current
                self.canvas.setMapTool(self.tool)
        elif self.canvas.mapTool() is self.tool:
            if self.previous is not None:
                self.canvas.setMapTool(self.previous)
            else:
                self.canvas.unsetMapTool(self.tool)

    def _deactivated(self) -> None:
        if self.action.isChecked():
            self.action.blockSignals(True)
            self.action.setChecked(False)
            self.action.blockSignals(False)

    def disconnect(self) -> None:
        try:
            self.action.toggled.disconnect(self._toggled)
            self.tool.deactivated.disconnect(self._deactivated)
        except TypeError:
            pass
        if self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)


def zone_color(z: W.ZoneFeature) -> QColor:
    if z.table == "protection_zones":
        codes = S.codelist("protection_zone_class").by_code()
        code = codes.get(z.zone_class)
    else:
        codes = S.codelist("recharge_zone_kind").by_code()
        code = codes.get(z.kind)
    return QColor(getattr(code, "color", None) or "#3182bd")


class ZonePreview:
    """Rubber bands of previewed zones on a canvas (layer CRS → canvas CRS)."""

    def __init__(self, canvas: QgsMapCanvas):
        self.canvas = canvas
        self.bands: list = []

    def clear(self) -> None:
        for b in self.bands:
            b.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
            self.canvas.scene().removeItem(b)
        self.bands = []

    def show(self, zones, crs=None) -> None:
        self.clear()
        tr = None
        if crs is not None and crs.isValid() and crs != self.canvas.mapSettings().destinationCrs():
            tr = QgsCoordinateTransform(crs, self.canvas.mapSettings().destinationCrs(), QgsProject.instance())
        # largest first so that the small class I zones stay on top
        for z in sorted(zones, key=lambda z: -z.geometry.area()):
            g = type(z.geometry)(z.geometry)
            if tr is not None:
                g.transform(tr)
            band = QgsRubberBand(self.canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
            c = zone_color(z)
            fill = QColor(c)
            fill.setAlpha(60)
            band.setFillColor(fill)
            band.setStrokeColor(c.darker(130))
            band.setWidth(2)
            if z.kind == "time_of_travel":
                band.setLineStyle(Qt.PenStyle.DashLine)
            band.setToGeometry(g, None)
            self.bands.append(band)


class ZoneTask(QgsTask):
    """compute_zones in the background; ``completed(ok, zones, error)`` is emitted in the main thread."""

    completed = pyqtSignal(bool, list, str)

    def __init__(
        self,
        method: str,
        wells: list,
        params: dict,
        river=None,
        dissolve: bool = True,
        protection: bool = False,
        river_note: str = "",
        boundary=None,
    ):
        super().__init__(
            QCoreApplication.translate("ZoneMapTool", "Computing zones ({m})").format(m=method), QgsTask.Flag.CanCancel
        )
        self.method = method
        self.wells = list(wells)
        self.params = dict(params)
        self.river = river
        self.dissolve = dissolve
        self.protection = protection
        self.river_note = river_note
        self.boundary = boundary
        self.zones: list = []
        self.error = ""

    def run(self) -> bool:
        try:
            self.zones = W.compute_zones(
                self.method,
                self.wells,
                self.params,
                river=self.river,
                dissolve=self.dissolve,
                cancel=self.isCanceled,
                protection=self.protection,
                river_note=self.river_note,
                boundary=self.boundary,
                progress=lambda f: self.setProgress(100.0 * max(0.0, min(1.0, f))),
            )
        except Z.CanceledError:
            return False
        except Exception as exc:  # ZoneInputError (a message for the user) and anything else: never raised here
            self.error = str(exc) or type(exc).__name__
            return False
        return not self.isCanceled()

    def finished(self, result: bool) -> None:
        self.completed.emit(bool(result), self.zones if result else [], self.error)
