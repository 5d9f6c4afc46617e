"""The method and parameter form of the recharge-zone dock: the zone method, one input widget per parameter of
the method (core.zones.writer.METHOD_PARAMS), Q pre-filled from the picked wells, the river reach of the
multi-well model, and "From the flow field" (gui/zones/zone_flowfield.py) for the gradient and flow direction.

``ZoneParametersMixin`` is mixed into ``dock_zones.ZonesPanel``, which provides the widgets (``method_combo``,
``param_form``, ``river_check``, ``river_combo``, ...), ``layer()``, ``schedule_preview()``, ``wells``, ``project``
and ``lang``.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit

from ...core.zones import methods as Z
from ...core.zones import writer as W


class ZoneParametersMixin:
    """Method and parameters of ``ZonesPanel`` (see the module docstring)."""

    def prefill_from_wells(self) -> None:
        """Q defaults to the picked wells' pumping rate (their mean when several); the medium of the table from
        the water source's aquifer medium is left to the user (codes differ)."""
        qs = [w.values["Q"] for w in self.wells if w.values.get("Q")]
        widget = self.param_widgets.get("Q")
        if widget is not None and qs:
            widget.blockSignals(True)
            widget.setValue(sum(qs) / len(qs))
            widget.blockSignals(False)

    def method(self) -> str:
        return self.method_combo.currentData()

    def set_method(self, method: str) -> None:
        self.method_combo.setCurrentIndex(self.method_combo.findData(method))

    def method_changed(self, *args) -> None:
        while self.param_form.rowCount():
            self.param_form.removeRow(0)
        self.param_widgets = {}
        method = self.method()
        for spec in W.METHOD_PARAMS[method]:
            tip = QCoreApplication.translate("ZonesPanel", "Default: {d}").format(d=spec.default)
            if spec.per_well:
                tip += "\n" + QCoreApplication.translate(
                    "ZonesPanel", "Per well from the field {f} when the well has a value"
                ).format(f=spec.per_well)
            if spec.note:
                tip += "\n" + spec.note
            if spec.key == "MEDIUM":
                w = QComboBox(self)
                seen = set()
                for row in Z.load_radius_table():
                    if row.medium not in seen:
                        seen.add(row.medium)
                        w.addItem(f"{row.zh} / {row.en} ({row.status})", row.medium)
                w.setCurrentIndex(max(w.findData(spec.default), 0))
                self._narrow(w)
                w.currentIndexChanged.connect(self.schedule_preview)
            elif spec.key == "TRAVEL_TIMES":
                w = QLineEdit(str(spec.default), self)
                w.textChanged.connect(self.schedule_preview)
            else:
                w = QDoubleSpinBox(self)
                w.setDecimals(6 if spec.key == "GRADIENT" else 3)
                w.setRange(0.0, 360.0 if spec.key == "FLOW_AZIMUTH" else 1e9)
                if spec.key == "FLOW_AZIMUTH":
                    w.setWrapping(True)
                w.setValue(float(spec.default))
                w.valueChanged.connect(self.schedule_preview)
            w.setToolTip(tip)
            w.setObjectName(f"param_{spec.key}")
            label = QLabel(f"{spec.label(self.lang)}  [{tip.splitlines()[0]}]", self)
            label.setToolTip(tip)
            label.setWordWrap(True)  # a long English label wraps in a narrow dock instead of being cut
            self.param_form.addRow(label, w)
            self.param_widgets[spec.key] = w
        if "GRADIENT" in self.param_widgets or "FLOW_AZIMUTH" in self.param_widgets:
            from .zone_flowfield import FlowFieldBox

            if not hasattr(self, "flowfield_state"):
                self.flowfield_state = {}
            self.flowfield_box = FlowFieldBox(self, self.flowfield_state, self)
            self.param_form.addRow(self.flowfield_box)
        else:
            self.flowfield_box = None
        is_aem = method == "aem"
        self.river_check.setEnabled(is_aem)
        self.river_combo.setEnabled(is_aem)
        self.dissolve_check.setEnabled(method in W.PROTECTION_METHODS)
        self.protection_check.setEnabled(method in W.CAPTURE_METHODS)
        self.boundary_check.setEnabled(method in W.CAPTURE_METHODS)
        self.boundary_combo.setEnabled(method in W.CAPTURE_METHODS)
        self.fit_button.setEnabled(method in W.CAPTURE_METHODS)
        if is_aem:
            from ...core.zones import analytic_elements as A

            self.engine_label.setText(
                QCoreApplication.translate("ZonesPanel", "Engine: timml")
                if A.timml_available()
                else A.TIMML_INSTALL_HINT
            )
        else:
            self.engine_label.setText("")
        self.prefill_from_wells()
        self.schedule_preview()

    def project_database(self) -> str | None:
        """The GeoPackage of the project's gw_plugin layers (the flow field reads its water levels)."""
        from ...core.data import qgis_project

        return qgis_project.project_database(self.project)

    def parameters(self) -> dict:
        out = {}
        for key, w in self.param_widgets.items():
            if isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QLineEdit):
                out[key] = w.text()
            else:
                out[key] = w.value()
        return out

    def set_parameter(self, key: str, value) -> None:
        w = self.param_widgets[key]
        if isinstance(w, QComboBox):
            w.setCurrentIndex(w.findData(value))
        elif isinstance(w, QLineEdit):
            w.setText(str(value))
        else:
            w.setValue(float(value))

    def river(self):
        """The river reach next to the picked wells from every feature of the river layer (the computation
        gwplugin:capturezone uses, core/zones/capture.river_for_field); ``self.river_note`` says why a river was
        not used (too far from the wells)."""
        self.river_note = ""
        if self.method() != "aem" or not self.river_check.isChecked():
            return None
        layer = self.river_combo.currentLayer()
        if layer is None or not self.wells:
            return None
        wl = self.layer("monitoring_wells")
        from qgis.core import QgsCoordinateTransform

        tr = QgsCoordinateTransform(layer.crs(), wl.crs(), self.project) if wl is not None else None
        lines = []
        for f in layer.getFeatures():
            g = f.geometry()
            if g is None or g.isEmpty():
                continue
            if tr is not None:
                g.transform(tr)
            for line in g.asMultiPolyline() if g.isMultipart() else [g.asPolyline()]:
                if len(line) >= 2:
                    lines.append([(p.x(), p.y()) for p in line])
        params = W.full_parameters(self.method(), self.parameters())
        qs = [float(W.well_value(w, params, "Q")) for w in self.wells]
        river, self.river_note = W.river_for_field(lines, [(w.x, w.y) for w in self.wells], params, qs)
        return river

    def boundary(self):
        """The union of the boundary layer's polygons in the wells' CRS (shapely) when "End at a boundary" is on
        for a capture method, else None."""
        if self.method() not in W.CAPTURE_METHODS or not self.boundary_check.isChecked():
            return None
        layer = self.boundary_combo.currentLayer()
        wl = self.layer("monitoring_wells")
        if layer is None or wl is None:
            return None
        from qgis.core import QgsCoordinateTransform

        from ...toolbelt import geometry as G

        tr = QgsCoordinateTransform(layer.crs(), wl.crs(), self.project)
        parts = []
        for f in layer.getFeatures():
            g = f.geometry()
            if g is None or g.isEmpty():
                continue
            g.transform(tr)
            parts.append(G.from_qgs(g))
        shape = G.union(parts)
        return None if shape.is_empty else shape
