"""Rings of a QGIS polygon geometry as numpy arrays, the form core/sources/rosters.py's points_in_rings takes.

The QgsGeometry counterpart of rosters.geometry_rings (which reads OGR geometries); used by the sources-in-zones
algorithm and the zones dock. qgis.core only, no widgets.
"""

from __future__ import annotations

import numpy as np
from qgis.core import QgsGeometry, QgsWkbTypes


def qgs_geometry_rings(geom: QgsGeometry) -> list:
    """Every ring (exterior and interior, all parts) of a QGIS (multi)polygon as (N, 2) arrays; curves segmentized."""
    rings = []
    if geom is None or geom.isEmpty():
        return rings
    g = QgsGeometry(geom)
    if QgsWkbTypes.isCurvedType(g.wkbType()):
        g = QgsGeometry(g.constGet().segmentize())
    polys = g.asMultiPolygon() if g.isMultipart() else [g.asPolygon()]
    for poly in polys:
        for ring in poly:
            if len(ring) >= 4:
                rings.append(np.array([[p.x(), p.y()] for p in ring], dtype=np.float64))
    return rings
