"""Pollution sources inside the zones, in the recharge-zone dock: list them for the selected zones (all when none)
with core.sources.zone_listing, highlight them on the map, and export the list to Excel with gwplugin:sourcesinzones.

``ZoneSourcesMixin`` is mixed into ``dock_zones.ZonesPanel``, which provides ``layer()``, ``zone_layer_combo``,
``all_categories``, ``sources_table``, ``status``, ``highlights``, ``listing``, ``canvas`` and ``project``.
"""

from __future__ import annotations

import math

from qgis.core import QgsFeatureRequest, QgsProcessingFeatureSourceDefinition, QgsVectorLayer
from qgis.gui import QgsHighlight
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QFileDialog, QTableWidgetItem

from ...core.sources import rosters as R
from ...core.sources import zone_listing as ZL
from ...toolbelt.qt import null_to_none


class ZoneSourcesMixin:
    """Sources inside the zones of ``ZonesPanel`` (see the module docstring)."""

    def _zone_layer(self) -> QgsVectorLayer | None:
        return self.layer(self.zone_layer_combo.currentData())

    def list_sources(self) -> list:
        """Rows of zone_listing.sources_in_zones for the selected zones (all when none), highlighted on the map."""
        from ...core.sources.qgs_rings import qgs_geometry_rings

        zl, sl, wl = self._zone_layer(), self.layer("pollution_sources"), self.layer("monitoring_wells")
        self.clear_highlights()
        if zl is None or sl is None:
            return []
        req = QgsFeatureRequest()
        if zl.selectedFeatureCount():
            req.setFilterFids(list(zl.selectedFeatureIds()))
        zones = []
        for f in zl.getFeatures(req):
            label = null_to_none(f["zone_class"]) if "zone_class" in zl.fields().names() else null_to_none(f["kind"])
            zones.append(ZL.Zone(str(null_to_none(f["uuid"]) or f.id()), str(label or ""), null_to_none(f["water_source_uuid"]),
                                qgs_geometry_rings(f.geometry())))  # fmt: skip
        sreq = QgsFeatureRequest().setDestinationCrs(zl.crs(), self.project.transformContext())
        rows, xs, ys, fids = [], [], [], []
        names = sl.fields().names()
        for f in sl.getFeatures(sreq):
            g = f.geometry()
            p = g.asPoint() if g and not g.isEmpty() and not g.isMultipart() else None
            rows.append({n: null_to_none(f[n]) for n in R.SOURCE_COLUMNS if n in names})
            xs.append(p.x() if p else math.nan)
            ys.append(p.y() if p else math.nan)
            fids.append(f.id())
        src = R.source_arrays_from_rows(rows, xs, ys)
        wells = []
        if wl is not None:
            for f in wl.getFeatures(QgsFeatureRequest(sreq).setFilterExpression("\"well_type\" = 'drinking_source'")):
                g = f.geometry()
                if g and not g.isEmpty():
                    p = g.asPoint()
                    wells.append(ZL.Well(str(null_to_none(f["uuid"])), str(null_to_none(f["well_code"])),
                                        null_to_none(f["water_source_uuid"]), p.x(), p.y()))  # fmt: skip
        listing = ZL.sources_in_zones(zones, src, wells, all_categories=self.all_categories.isChecked())
        self.listing = listing
        t = self.sources_table
        t.setRowCount(len(listing))
        for i, row in enumerate(listing):
            vals = [
                row["zone_name"] or row["zone_id"],
                f"{row['source_code']} {row['name_zh'] or ''}",
                row["category_zh"],
                "" if row["well_distance_m"] is None else f"{row['well_distance_m']:.0f}",
            ]
            for j, v in enumerate(vals):
                t.setItem(i, j, QTableWidgetItem(str(v)))
        by_uuid = {u: fid for u, fid in zip(src["uuid"], fids)}
        inside = sorted({by_uuid[r["source_uuid"]] for r in listing if r["source_uuid"] in by_uuid})
        sl.selectByIds(inside)
        if self.canvas is not None:
            for f in sl.getFeatures(QgsFeatureRequest().setFilterFids(inside)):
                h = QgsHighlight(self.canvas, f.geometry(), sl)
                h.setColor(QColor("#e31a1c"))
                h.setFillColor(QColor(227, 26, 28, 120))
                h.setWidth(3)
                h.show()
                self.highlights.append(h)
        return listing

    def clear_highlights(self) -> None:
        for h in self.highlights:
            h.hide()
            if self.canvas is not None:
                self.canvas.scene().removeItem(h)
        self.highlights = []

    def export_sources(self, path: str | None = None) -> dict:
        """gwplugin:sourcesinzones on the selected zones (all when none) → an Excel list at ``path`` (asked for
        when not given)."""
        zl, sl, wl = self._zone_layer(), self.layer("pollution_sources"), self.layer("monitoring_wells")
        if zl is None or sl is None:
            return {}
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, QCoreApplication.translate("ZonesPanel", "Export sources inside zones"), "", "Excel (*.xlsx)"
            )
            if not path:
                return {}
        import processing

        zones = QgsProcessingFeatureSourceDefinition(zl.id(), True) if zl.selectedFeatureCount() else zl
        params = {
            "ZONES": zones,
            "SOURCES": sl,
            "ALL_CATEGORIES": self.all_categories.isChecked(),
            "OUTPUT": "TEMPORARY_OUTPUT",
            "XLSX": path,
        }
        if wl is not None:
            params["WELLS"] = wl
        res = processing.run("gwplugin:sourcesinzones", params)
        self.status.setText(
            QCoreApplication.translate("ZonesPanel", "{n} rows exported to {p}").format(n=res.get("N_ROWS", 0), p=path)
        )
        return res
