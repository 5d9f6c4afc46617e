"""Rings of a QGIS polygon geometry as numpy arrays, the form core/sources/rosters.py's points_in_rings takes.

The QgsGeometry counterpart of rosters.geometry_rings (which reads OGR geometries); used by the sources-in-zones
algorithm and the zones dock. The geometry goes through shapely (toolbelt/geometry.py: curves segmentized, every
ring of every part); qgis.core only, no widgets.
"""

from __future__ import annotations

from qgis.core import QgsGeometry

from ...toolbelt import geometry as G


def qgs_geometry_rings(geom: QgsGeometry) -> list:
    """Every ring (exterior and interior, all parts) of a QGIS (multi)polygon as closed (N, 2) arrays."""
    shape = G.from_qgs(geom)
    return G.rings(shape) if shape is not None else []
