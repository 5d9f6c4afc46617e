"""OGR/OSR geometry helpers, one each: spatial references in x/y (easting, northing / lon, lat) order, the
transformation between two of them, and flattening any geometry to the MultiPolygon of its polygon parts
(repairs go through toolbelt/geometry.py, shapely).

GDAL 3 follows each CRS's authority axis order (latitude first for EPSG:4490); every gw_plugin table and raster is
x/y, so every SpatialReference made here is set to the traditional GIS order.
"""

from __future__ import annotations

from osgeo import ogr, osr


def srs(crs) -> osr.SpatialReference:
    """A SpatialReference in x/y order from an EPSG code (int), user input ("EPSG:4547", WKT, PROJ) or another
    SpatialReference (cloned, so the caller's object is left as it was)."""
    if isinstance(crs, osr.SpatialReference):
        out = crs.Clone()
    else:
        out = osr.SpatialReference()
        if isinstance(crs, int):
            out.ImportFromEPSG(crs)
        else:
            try:  # an error code, or an exception where osr.UseExceptions() is on
                failed = out.SetFromUserInput(str(crs)) != 0
            except RuntimeError:
                failed = True
            if failed:
                raise ValueError(f"not a coordinate reference system: {str(crs)[:80]}")
    out.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return out


def transformation(source, target, skip_same: bool = True):
    """The x/y transformation from ``source`` to ``target`` (anything srs() takes); None when ``skip_same`` and the
    two are the same CRS (nothing to do)."""
    src, dst = srs(source), srs(target)
    if skip_same and src.IsSame(dst):
        return None
    return osr.CoordinateTransformation(src, dst)


def polygons(geom) -> list:
    """Every polygon part of ``geom`` (Polygon, MultiPolygon or any collection, e.g. what an intersection returns:
    GEOS may add the points and lines where boundaries touch) as a list of Polygons; [] for none or empty."""
    if geom is None or geom.IsEmpty():
        return []
    flat = ogr.GT_Flatten(geom.GetGeometryType())
    if flat == ogr.wkbPolygon:
        return [geom.Clone()]
    if flat in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        out = []
        for i in range(geom.GetGeometryCount()):
            out += polygons(geom.GetGeometryRef(i))
        return out
    return []


def polygon_parts(geom) -> ogr.Geometry | None:
    """The polygonal part of ``geom``: a Polygon or MultiPolygon as it is, a collection as the MultiPolygon of its
    polygons; None when there is none."""
    if geom is None:
        return None
    flat = ogr.GT_Flatten(geom.GetGeometryType())
    if flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        return geom
    out = ogr.Geometry(ogr.wkbMultiPolygon)
    for part in polygons(geom):
        out.AddGeometry(part)
    return out if out.GetGeometryCount() else None


def valid_polygons(geom) -> ogr.Geometry | None:
    """``geom`` repaired and reduced to its polygonal part: as it is when already a valid (multi)polygon, else
    through toolbelt/geometry.clean (shapely: the one repair of the plugin), a valid MultiPolygon; None when no
    polygon is left."""
    if geom is None:
        return None
    if geom.IsValid():
        return polygon_parts(geom)
    from . import geometry as G

    if not G.HAS_SHAPELY:  # without shapely: GDAL's own repair
        return polygon_parts(geom.MakeValid() if hasattr(geom, "MakeValid") else geom.Buffer(0))
    fixed = G.clean(G.from_ogr(geom))
    return None if fixed.is_empty else G.to_ogr(fixed)
