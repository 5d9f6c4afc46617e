"""Groundwater pollution prevention zoning: writing the zones into a project GeoPackage.

``append_zoning_units``: writes the zones into a project GeoPackage's zoning_units table in one transaction.
"""

from __future__ import annotations

import uuid as _uuid
from typing import Sequence

from osgeo import gdal, ogr

from ...toolbelt import geometry as G
from ...toolbelt.i18n import tr
from ...toolbelt.ogr import transformation
from ..data.gpkg import utc_now
from .config import SCORE_NAMES, ZoningError

TR_CONTEXT = "gw_rasterblocks"  # the translation context of the zoning texts (as core/zoning/rasterblocks.py)


def append_zoning_units(
    gpkg_path: str, features: Sequence, crs_wkt: str = "", created_by: str = "gwplugin:zoning"
) -> int:
    """Append the zones to the zoning_units table of a project GeoPackage in ONE transaction (all or nothing).

    Geometries are transformed from ``crs_wkt`` to the table's CRS when they differ. Returns the rows written."""
    ds = gdal.OpenEx(str(gpkg_path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    if ds is None:
        raise ZoningError(tr(TR_CONTEXT, "Cannot open {p}.").format(p=gpkg_path))
    lyr = ds.GetLayerByName("zoning_units")
    if lyr is None:
        raise ZoningError(
            tr(TR_CONTEXT, "{p} has no zoning_units table; is it a gw_plugin project database?").format(p=gpkg_path)
        )
    dst = lyr.GetSpatialRef()
    transform = transformation(crs_wkt, dst) if crs_wkt and dst is not None else None
    now = utc_now()
    defn = lyr.GetLayerDefn()
    n = 0
    ds.StartTransaction()
    try:
        for f in features:
            if not f.county_code or len(f.county_code) != 6 or not f.county_code.isdigit():
                raise ZoningError(
                    tr(TR_CONTEXT, "A zone has no valid 6-digit county code ({c}); give the city code.").format(
                        c=f.county_code
                    )
                )
            feat = ogr.Feature(defn)
            geom = G.to_ogr(G.clean(G.from_wkb(f.wkb)))  # a valid MultiPolygon (toolbelt.geometry)
            if transform is not None:
                geom.Transform(transform)
            feat.SetGeometry(geom)
            feat.SetField("uuid", str(_uuid.uuid4()))
            feat.SetField("county_code", f.county_code)
            feat.SetField("created_at", now)
            feat.SetField("created_by", created_by)
            feat.SetField("updated_at", now)
            feat.SetField("updated_by", created_by)
            feat.SetField("scheme", f.scheme)
            feat.SetField("zone_class", f.zone_class)
            feat.SetField("version", f.version)
            for name in SCORE_NAMES:
                if f.scores.get(name) is not None:
                    feat.SetField(name, float(f.scores[name]))
            feat.SetField("area_km2", float(f.area_km2))
            feat.SetField("requirements", f.requirements)
            if lyr.CreateFeature(feat) != 0:
                raise ZoningError(tr(TR_CONTEXT, "Writing a zone failed."))
            n += 1
        ds.CommitTransaction()
    except Exception:
        ds.RollbackTransaction()
        raise
    finally:
        ds = None
    return n
