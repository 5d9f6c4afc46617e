"""Polygon geometry through shapely (1.8 from Debian 12 and 2.x alike): the one place where gw_plugin builds,
cleans, combines and converts polygons. Every polygon result is a valid MultiPolygon (possibly empty), never a
GeometryCollection.

Functions (published; later ones may be appended, none renamed):

- ``HAS_SHAPELY``, ``SHAPELY_2``: shapely is importable / is 2.x; ``require()`` raises ``GeometryUnavailableError`` (alias ``GeometryUnavailable``)
  (message ``MISSING_SHAPELY``) when it is missing: the feature stops with that sentence, the plugin still loads;
- ``polygon(shell, holes=())``: a Polygon from an (N, 2) ring and optional hole rings (closed here when needed);
- ``multipolygon(rings)``: the valid MultiPolygon of several exterior rings (overlaps merged);
- ``empty()``: an empty MultiPolygon;
- ``make_valid(geom)``: a valid geometry (shapely.make_valid on 2.x / GEOS >= 3.8, else buffer(0));
- ``polygonal(geom)``: the MultiPolygon of the polygon parts of any geometry (points and lines dropped);
- ``clean(geom)``: ``polygonal(make_valid(geom))`` without zero-area parts: what every writer should store;
- ``union(geoms)``, ``intersection(a, b)``, ``difference(a, b)``, ``buffer(geom, distance, resolution=32)``:
  the operations, each returning a clean MultiPolygon;
- ``rings(geom)``: every ring (exteriors and holes) of a (multi)polygon as closed (N, 2) float arrays;
- ``to_wkb(geom)`` / ``from_wkb(data)``: little-endian ISO WKB bytes in and out (OGR, QGIS, GeoPackage blobs);
- ``to_ogr(geom)`` / ``from_ogr(ogr_geom)``: osgeo.ogr geometries;
- ``to_qgs(geom)`` / ``from_qgs(qgs_geometry)``: QgsGeometry (curves segmentized); qgis is imported only here;
- ``multipolygon_wkb(geom)``: ``to_wkb(clean(geom))``.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

try:
    import shapely
    import shapely.wkb
    import shapely.wkt
    from shapely.geometry import GeometryCollection, MultiPolygon, Polygon
    from shapely.ops import unary_union

    SHAPELY_2 = int(shapely.__version__.split(".")[0]) >= 2
    HAS_SHAPELY = True
except ImportError:  # the features that need polygons say so (GeometryUnavailableError); the plugin still loads
    SHAPELY_2 = HAS_SHAPELY = False
    GeometryCollection = MultiPolygon = Polygon = type(None)

#: The message shown when shapely is missing (one feature disabled, never the plugin).
MISSING_SHAPELY = (
    "The Python package shapely is not installed in QGIS's Python: install python3-shapely (Debian/Ubuntu) or "
    "run python3 -m pip install shapely, then restart QGIS."
)


class GeometryUnavailableError(RuntimeError):
    """shapely is missing: the polygon feature that needs it cannot run (message meant for the user)."""


#: The name this class was first published under (kept: other modules catch it by that name).
GeometryUnavailable = GeometryUnavailableError


def require() -> None:
    """Raise GeometryUnavailableError with a clear message when shapely is missing."""
    if not HAS_SHAPELY:
        raise GeometryUnavailableError(MISSING_SHAPELY)


#: Parts smaller than this fraction of the largest part's area (or 1e-9 m²) are zero-area slivers of repairs.
_SLIVER = 1e-12


def _closed(ring) -> np.ndarray:
    a = np.asarray(ring, dtype=float).reshape(-1, 2)
    if len(a) and not np.array_equal(a[0], a[-1]):
        a = np.vstack([a, a[:1]])
    return a


def empty() -> MultiPolygon:
    """An empty MultiPolygon (shapely 1.8's MultiPolygon() is an empty GeometryCollection)."""
    require()
    return shapely.wkt.loads("MULTIPOLYGON EMPTY")


def polygon(shell, holes: Sequence = ()) -> Polygon:
    """A Polygon from an (N, 2) exterior ring and hole rings; rings are closed when their ends differ."""
    require()
    return Polygon(_closed(shell), [_closed(h) for h in holes if len(h) >= 3])


def make_valid(geom):
    """A valid version of ``geom`` (the same object when already valid)."""
    if geom is None or geom.is_empty or geom.is_valid:
        return geom
    if SHAPELY_2:
        return shapely.make_valid(geom)
    try:  # shapely 1.8 with GEOS >= 3.8
        from shapely.validation import make_valid as _mv

        return _mv(geom)
    except (ImportError, ValueError, AttributeError):  # older GEOS: the zero buffer repairs polygons
        return geom.buffer(0)


def _parts(geom) -> list:
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, (MultiPolygon, GeometryCollection)):
        out = []
        for g in geom.geoms:
            out += _parts(g)
        return out
    return []


def polygonal(geom) -> MultiPolygon:
    """The polygon parts of ``geom`` (Polygon, MultiPolygon or any collection) as one MultiPolygon."""
    parts = [p for p in _parts(geom) if not p.is_empty]
    return MultiPolygon(parts) if parts else empty()


def clean(geom) -> MultiPolygon:
    """A valid MultiPolygon of ``geom``'s polygonal part, zero-area slivers dropped (empty when nothing is left)."""
    if geom is None or geom.is_empty:
        return empty()
    parts = _parts(make_valid(geom))
    if not parts:
        return empty()
    biggest = max(p.area for p in parts)
    parts = [p for p in parts if p.area > max(_SLIVER * biggest, 1e-9)]
    if not parts:
        return empty()
    out = MultiPolygon(parts)
    if not out.is_valid:  # parts of a repaired collection may touch along edges: dissolve them
        out = polygonal(make_valid(unary_union(parts)))
    return out


def multipolygon(rings: Iterable) -> MultiPolygon:
    """The valid MultiPolygon of exterior rings (each (N, 2)); overlapping rings are merged."""
    polys = [make_valid(polygon(r)) for r in rings if len(r) >= 3]
    if not polys:
        return empty()
    return clean(unary_union(polys)) if len(polys) > 1 else clean(polys[0])


def union(geoms: Iterable) -> MultiPolygon:
    """The clean union of polygon geometries (None and empty ones are skipped)."""
    gs = [make_valid(g) for g in geoms if g is not None and not g.is_empty]
    if not gs:
        return empty()
    return clean(unary_union(gs))


def intersection(a, b) -> MultiPolygon:
    if a is None or b is None or a.is_empty or b.is_empty:
        return empty()
    return clean(make_valid(a).intersection(make_valid(b)))


def difference(a, b) -> MultiPolygon:
    if a is None or a.is_empty:
        return empty()
    if b is None or b.is_empty:
        return clean(a)
    return clean(make_valid(a).difference(make_valid(b)))


def buffer(geom, distance: float, resolution: int = 32) -> MultiPolygon:
    """``geom`` buffered by ``distance`` (map units; negative shrinks) with ``resolution`` segments a quarter circle."""
    if geom is None or geom.is_empty:
        return empty()
    return clean(make_valid(geom).buffer(float(distance), resolution))


def rings(geom) -> list:
    """Every ring (exterior and holes of every polygon part) as closed (N, 2) float arrays."""
    out = []
    for p in _parts(geom):
        out.append(np.asarray(p.exterior.coords, dtype=float)[:, :2])
        out += [np.asarray(h.coords, dtype=float)[:, :2] for h in p.interiors]
    return [r for r in out if len(r) >= 4]


def to_wkb(geom) -> bytes:
    """Little-endian ISO WKB bytes (2D)."""
    require()
    if SHAPELY_2:
        return shapely.to_wkb(geom, hex=False, output_dimension=2, byte_order=1)
    return shapely.wkb.dumps(geom, hex=False, big_endian=False, output_dimension=2)


def from_wkb(data):
    """A shapely geometry from WKB bytes (bytes, bytearray, memoryview or QByteArray)."""
    require()
    return shapely.wkb.loads(bytes(data))


def multipolygon_wkb(geom) -> bytes:
    """The WKB of ``clean(geom)``: a valid MultiPolygon, what a polygon layer stores."""
    return to_wkb(clean(geom))


def to_ogr(geom):
    from osgeo import ogr

    return ogr.CreateGeometryFromWkb(to_wkb(geom))


def from_ogr(ogr_geom):
    if ogr_geom is None:
        return None
    return from_wkb(ogr_geom.ExportToIsoWkb() if hasattr(ogr_geom, "ExportToIsoWkb") else ogr_geom.ExportToWkb())


def to_qgs(geom):
    """A QgsGeometry of ``geom`` (through WKB)."""
    from qgis.core import QgsGeometry

    g = QgsGeometry()
    g.fromWkb(to_wkb(geom))
    return g


def from_qgs(qgs_geometry):
    """A shapely geometry of a QgsGeometry (curved geometries segmentized; None for a null or empty one)."""
    from qgis.core import QgsGeometry, QgsWkbTypes

    if qgs_geometry is None or qgs_geometry.isNull() or qgs_geometry.isEmpty():
        return None
    g = qgs_geometry
    if QgsWkbTypes.isCurvedType(g.wkbType()):
        g = QgsGeometry(g.constGet().segmentize())
    if QgsWkbTypes.hasZ(g.wkbType()) or QgsWkbTypes.hasM(g.wkbType()):
        g = QgsGeometry(g)
        g.get().dropZValue()
        g.get().dropMValue()
    return from_wkb(g.asWkb())


def prepared(geom):
    """A prepared version of ``geom`` for many ``intersects`` / ``contains`` tests (shapely 1.8 and 2.x alike)."""
    require()
    from shapely.prepared import prep

    return prep(geom)
