"""Compare two versions of the groundwater pollution prevention zoning (zoning_units): per zone class the area in
each version and its change, and a change layer of polygons "from class -> to class" with their areas.

A version is the (scheme, version) pair of zoning_units rows (gwplugin:zoning writes one row per zone and county).
Only versions of one scheme are compared class by class; a 2019 and a 2023 version only through an explicit class
mapping. GDAL/OGR, unions through toolbelt.geometry (shapely); no widgets, no QGIS layers.
"""

from __future__ import annotations

import os
import uuid as _uuid
from dataclasses import dataclass, field
from typing import Optional, Sequence

from osgeo import gdal, ogr, osr
from qgis.PyQt.QtCore import QCoreApplication

from ...toolbelt import geometry as G
from ...toolbelt.ogr import polygons
from ..data import schema as S
from ..data.gpkg import utc_now

TABLE = "zoning_units"
#: Class of an area that one of the two versions does not cover.
NONE_CLASS = ""
#: Change parts smaller than this (m²) are numerical slivers of shared edges and are dropped.
MIN_PART_M2 = 1.0

gdal.UseExceptions()
ogr.UseExceptions()


class CompareError(ValueError):
    """The versions cannot be compared (message meant for the user)."""


@dataclass(frozen=True)
class ZoningVersion:
    scheme: str
    version: str
    zones: int = 0
    area_km2: float = 0.0
    created_at: str = ""

    @property
    def key(self) -> tuple:
        return (self.scheme, self.version)

    def label(self, lang: str = "zh") -> str:
        scheme = S.codelist("zoning_scheme").label(self.scheme, lang)
        return f"{self.version or '-'} ({scheme})"


@dataclass
class ChangePart:
    wkb: bytes
    from_class: str
    to_class: str
    area_km2: float
    x: float
    y: float
    #: county codes the part lies in, largest share first
    county_codes: list = field(default_factory=list)


@dataclass
class CompareResult:
    a: tuple
    b: tuple
    #: per zone class: {"zone_class", "area_a_km2", "area_b_km2", "change_km2"}
    table: list = field(default_factory=list)
    #: per (from, to) pair with from != to: {"from_class", "to_class", "area_km2", "parts"}
    transitions: list = field(default_factory=list)
    parts: list = field(default_factory=list)
    #: per county and transition: {"county_code", "from_class", "to_class", "area_km2"}
    by_county: list = field(default_factory=list)
    unchanged_km2: float = 0.0
    changed_km2: float = 0.0
    #: the explicit mapping of version A's classes into version B's scheme ({} for one scheme)
    class_map: dict = field(default_factory=dict)
    crs_wkt: str = ""
    output: Optional[str] = None


def class_label(zone_class: str, lang: str = "zh") -> str:
    """Name of a zone class in ``lang``; the empty class is "not zoned"."""
    if zone_class == NONE_CLASS:
        return "未分区" if (lang or "zh").startswith("zh") else "Not zoned"
    return S.codelist("zone_class").label(zone_class, lang)


def change_label(from_class: str, to_class: str, lang: str = "zh") -> str:
    return f"{class_label(from_class, lang)} → {class_label(to_class, lang)}"


def open_zoning_units(gpkg_path: str, update: bool = False):
    """The GeoPackage and its zoning_units layer (CompareError when the file or the table is missing)."""
    if not os.path.isfile(gpkg_path):
        raise CompareError(QCoreApplication.translate("ZoningCompare", "{p} does not exist.").format(p=gpkg_path))
    flags = gdal.OF_VECTOR | (gdal.OF_UPDATE if update else 0)
    ds = gdal.OpenEx(str(gpkg_path), flags)
    lyr = ds.GetLayerByName(TABLE)
    if lyr is None:
        raise CompareError(
            QCoreApplication.translate("ZoningCompare", "{p} has no zoning_units table.").format(p=gpkg_path)
        )
    return ds, lyr


def list_versions(gpkg_path: str) -> list:
    """The zoning versions stored in a project database, newest first."""
    ds, _lyr = open_zoning_units(gpkg_path)
    sql = (
        f'SELECT scheme, version, count(*) AS n, sum(area_km2) AS a, max(created_at) AS t, max(fid) AS last FROM "{TABLE}" '
        "GROUP BY scheme, version ORDER BY t DESC, last DESC"
    )
    res = ds.ExecuteSQL(sql, dialect="SQLITE")
    out = []
    try:
        for f in res:
            out.append(
                ZoningVersion(
                    f.GetField(0) or "",
                    f.GetField(1) or "",
                    int(f.GetField(2) or 0),
                    float(f.GetField(3) or 0.0),
                    f.GetField(4) or "",
                )
            )
    finally:
        ds.ReleaseResultSet(res)
    return out


def latest_version(gpkg_path: str, scheme: Optional[str] = None) -> Optional[ZoningVersion]:
    """The newest version (optionally of one scheme), or None when zoning_units is empty."""
    for v in list_versions(gpkg_path):
        if scheme is None or v.scheme == scheme:
            return v
    return None


def _sql_text(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def version_filter(scheme: str, version: str) -> str:
    """OGR/QGIS attribute filter selecting one version of zoning_units."""
    ver = '"version" IS NULL' if version in (None, "") else f'"version" = {_sql_text(version)}'
    return f'"scheme" = {_sql_text(scheme)} AND {ver}'


def unions_by(gpkg_path: str, scheme: str, version: str, field_name: str = "zone_class") -> tuple:
    """({value of ``field_name``: ogr.Geometry union}, crs_wkt) of one version."""
    ds, lyr = open_zoning_units(gpkg_path)
    lyr.SetAttributeFilter(version_filter(scheme, version))
    parts: dict = {}
    for f in lyr:
        g = f.GetGeometryRef()
        if g is None or g.IsEmpty():
            continue
        parts.setdefault(f.GetField(field_name) or NONE_CLASS, []).append(g.Clone())
    srs = lyr.GetSpatialRef()
    wkt = srs.ExportToWkt() if srs is not None else ""
    del ds
    unions = {key: G.to_ogr(G.union(G.from_ogr(g) for g in geoms)) for key, geoms in parts.items()}
    return unions, wkt


def class_unions(gpkg_path: str, scheme: str, version: str) -> tuple:
    """({zone_class: ogr.Geometry union}, crs_wkt) of one version."""
    return unions_by(gpkg_path, scheme, version, "zone_class")


def _union_all(geoms: Sequence) -> Optional[ogr.Geometry]:
    merged = G.union(G.from_ogr(g) for g in geoms)
    return None if merged.is_empty else G.to_ogr(merged)


#: The explicit class mappings offered when versions of different schemes are compared (shown and editable; the
#: plugin authors' reading of the two guides, not a rule of either).
SUGGESTED_CLASS_MAPS = {
    ("2019", "2023"): "protection:protection_type, prevention:control_type, treatment:control_type",
    ("2023", "2019"): "protection_type:protection, control_type:prevention, general:prevention",
}


def parse_class_map(text: str) -> dict:
    """{class of version A: class of version B} from "protection:protection_type, treatment:control_type"."""
    out = {}
    for item in (text or "").replace("；", ",").replace(";", ",").replace("，", ",").split(","):
        if not item.strip():
            continue
        if ":" not in item and "=" not in item:
            raise CompareError(
                QCoreApplication.translate(
                    "ZoningCompare", "Write the class mapping as from:to pairs, not '{t}'."
                ).format(t=item.strip())
            )
        a, b = item.replace("=", ":").split(":", 1)
        out[a.strip()] = b.strip()
    return out


def check_class_map(unions: dict, class_map: dict, scheme_a: str, scheme_b: str) -> None:
    """Every class of version A (``unions``) must be mapped to a class of B's scheme."""
    from .config import SCHEME_CLASSES

    targets = set(SCHEME_CLASSES.get(scheme_b, ()))
    missing = sorted(c for c in unions if c not in class_map)
    if missing:
        raise CompareError(
            QCoreApplication.translate("ZoningCompare", "The class mapping does not say what {c} becomes.").format(
                c=", ".join(missing)
            )
        )
    wrong = sorted(v for v in class_map.values() if targets and v not in targets)
    if wrong:
        raise CompareError(
            QCoreApplication.translate("ZoningCompare", "{c} is not a class of scheme {s}.").format(
                c=", ".join(wrong), s=scheme_b
            )
        )


def compare_versions(
    gpkg_path: str,
    a: tuple,
    b: tuple,
    output: Optional[str] = None,
    gpkg_b: Optional[str] = None,
    min_part_m2: float = MIN_PART_M2,
    feedback=None,
    class_map: Optional[dict] = None,
) -> CompareResult:
    """Compare version ``a`` = (scheme, version) with version ``b`` (from ``gpkg_b`` when given, else the same file).

    Returns the area of each zone class in both versions and its change (km²), the transitions between classes
    (from != to) and the change polygons (one per connected part, with area and centre); with ``output`` the change
    polygons are written to a GeoPackage layer "zoning_changes" (fields from_class, to_class, change_zh,
    change_en, area_km2).

    Versions of different schemes (2019 and 2023) have different classes: they are compared only through an
    explicit ``class_map`` {class of A: class of B's scheme}: an area whose class of A maps onto its class of B is
    unchanged; the table and transitions keep each version's own classes. Without a map the comparison is refused."""
    if a[0] != b[0] and not class_map:
        raise CompareError(
            QCoreApplication.translate(
                "ZoningCompare",
                "Versions of the {a} and {b} schemes have different zone classes: compare two versions of the same "
                "scheme, or give a class mapping (e.g. protection:protection_type, prevention:control_type, "
                "treatment:control_type).",
            ).format(a=a[0], b=b[0])
        )
    ua, wkt = class_unions(gpkg_path, *a)
    ub, wkt_b = class_unions(gpkg_b or gpkg_path, *b)
    if not ua:
        raise CompareError(
            QCoreApplication.translate("ZoningCompare", "Version '{v}' of scheme {s} has no zones.").format(
                v=a[1], s=a[0]
            )
        )
    if not ub:
        raise CompareError(
            QCoreApplication.translate("ZoningCompare", "Version '{v}' of scheme {s} has no zones.").format(
                v=b[1], s=b[0]
            )
        )
    if wkt and wkt_b:
        sa, sb = osr.SpatialReference(), osr.SpatialReference()
        sa.ImportFromWkt(wkt)
        sb.ImportFromWkt(wkt_b)
        if not sa.IsSame(sb):
            tr = osr.CoordinateTransformation(sb, sa)
            for g in ub.values():
                g.Transform(tr)
    class_map = dict(class_map or {}) if a[0] != b[0] else {}
    if class_map:
        check_class_map(ua, class_map, a[0], b[0])
    res = CompareResult(a=tuple(a), b=tuple(b), crs_wkt=wkt, output=output)
    res.class_map = class_map
    order = [c.code for c in S.codelist("zone_class").codes]
    classes = sorted(set(ua) | set(ub), key=lambda c: order.index(c) if c in order else len(order))
    for cls in classes:
        aa = ua[cls].GetArea() / 1e6 if cls in ua else 0.0
        ab = ub[cls].GetArea() / 1e6 if cls in ub else 0.0
        res.table.append({"zone_class": cls, "area_a_km2": aa, "area_b_km2": ab, "change_km2": ab - aa})
    all_a = _union_all(ua.values())
    all_b = _union_all(ub.values())
    pairs = [(ca, cb) for ca in ua for cb in ub]
    pairs += [(ca, NONE_CLASS) for ca in ua] + [(NONE_CLASS, cb) for cb in ub]
    for k, (ca, cb) in enumerate(pairs):
        if feedback is not None and getattr(feedback, "is_canceled", lambda: False)():
            break
        if ca == NONE_CLASS:
            inter = ub[cb].Difference(all_a) if all_a is not None else ub[cb].Clone()
        elif cb == NONE_CLASS:
            inter = ua[ca].Difference(all_b) if all_b is not None else ua[ca].Clone()
        else:
            if not ua[ca].Intersects(ub[cb]):
                continue
            inter = ua[ca].Intersection(ub[cb])
        polys = [p for p in polygons(inter) if p.GetArea() >= min_part_m2]
        if feedback is not None and hasattr(feedback, "progress"):
            feedback.progress(100.0 * (k + 1) / len(pairs))
        if not polys:
            continue
        area = sum(p.GetArea() for p in polys) / 1e6
        if ca == cb or (ca != NONE_CLASS and class_map.get(ca) == cb):  # the same class, or mapped onto it
            res.unchanged_km2 += area
            continue
        res.changed_km2 += area
        res.transitions.append({"from_class": ca, "to_class": cb, "area_km2": area, "parts": len(polys)})
        for p in polys:
            c = p.Centroid()
            res.parts.append(ChangePart(p.ExportToWkb(), ca, cb, p.GetArea() / 1e6, c.GetX(), c.GetY()))
    res.transitions.sort(key=lambda t: -t["area_km2"])
    _locate_counties(res, gpkg_path, a, gpkg_b or gpkg_path, b)
    if output:
        write_changes(res, output)
    return res


def admin_counties(gpkg_path: str) -> dict:
    """{county code: geometry} of the admin_units rows of level 'county' (empty when there are none)."""
    out = {}
    ds = gdal.OpenEx(str(gpkg_path), gdal.OF_VECTOR)
    lyr = ds.GetLayerByName("admin_units") if ds is not None else None
    if lyr is not None:
        lyr.SetAttributeFilter("level = 'county'")
        for f in lyr:
            g = f.GetGeometryRef()
            if g is not None and not g.IsEmpty() and f.GetField("code"):
                out[f.GetField("code")] = g.Clone()
    del ds
    return out


def _locate_counties(res: CompareResult, gpkg_a: str, a: tuple, gpkg_b: str, b: tuple) -> None:
    """Tag each change part with the counties it lies in and sum the changed area per county and transition.

    Counties: the county polygons of admin_units (of B's database, else A's); without them, the county pieces
    of version B (zones are labelled with one county each, so these approximate the county boundaries)."""
    counties = admin_counties(gpkg_b) or admin_counties(gpkg_a)
    if not counties:
        counties, _wkt = unions_by(gpkg_b, *b, "county_code")
        counties.pop(NONE_CLASS, None)
    totals: dict = {}
    for p in res.parts:
        geom = ogr.CreateGeometryFromWkb(p.wkb)
        shares = []
        for code, cg in counties.items():
            if not cg.Intersects(geom):
                continue
            area = sum(q.GetArea() for q in polygons(cg.Intersection(geom))) / 1e6
            if area * 1e6 >= MIN_PART_M2:
                shares.append((area, code))
                key = (code, p.from_class, p.to_class)
                totals[key] = totals.get(key, 0.0) + area
        p.county_codes = [code for _a, code in sorted(shares, reverse=True)]
    res.by_county = [
        {"county_code": c, "from_class": f, "to_class": t, "area_km2": area}
        for (c, f, t), area in sorted(totals.items(), key=lambda kv: (kv[0][0], -kv[1]))
    ]


def write_changes(res: CompareResult, path: str, layer_name: str = "zoning_changes") -> str:
    """Write the change polygons to a GeoPackage (replacing the layer when the file exists)."""
    drv = ogr.GetDriverByName("GPKG")
    if os.path.exists(path):
        ds = ogr.Open(path, 1)
        if ds.GetLayerByName(layer_name) is not None:
            ds.DeleteLayer(layer_name)
    else:
        ds = drv.CreateDataSource(path)
    srs = None
    if res.crs_wkt:
        srs = osr.SpatialReference()
        srs.ImportFromWkt(res.crs_wkt)
    lyr = ds.CreateLayer(layer_name, srs, ogr.wkbMultiPolygon, ["FID=fid", "GEOMETRY_NAME=geom"])
    for name, kind in (
        ("uuid", ogr.OFTString),
        ("from_version", ogr.OFTString),
        ("to_version", ogr.OFTString),
        ("from_class", ogr.OFTString),
        ("to_class", ogr.OFTString),
        ("change_zh", ogr.OFTString),
        ("change_en", ogr.OFTString),
        ("area_km2", ogr.OFTReal),
        ("county_codes", ogr.OFTString),
        ("created_at", ogr.OFTString),
    ):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    now = utc_now()
    lyr.StartTransaction()
    for p in res.parts:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(G.to_ogr(G.clean(G.from_wkb(p.wkb))))  # a valid MultiPolygon
        f.SetField("uuid", str(_uuid.uuid4()))
        f.SetField("from_version", f"{res.a[0]}:{res.a[1]}")
        f.SetField("to_version", f"{res.b[0]}:{res.b[1]}")
        f.SetField("from_class", p.from_class)
        f.SetField("to_class", p.to_class)
        f.SetField("change_zh", change_label(p.from_class, p.to_class, "zh"))
        f.SetField("change_en", change_label(p.from_class, p.to_class, "en"))
        f.SetField("area_km2", p.area_km2)
        f.SetField("county_codes", ",".join(p.county_codes))
        f.SetField("created_at", now)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    del ds
    return path


def previous_version(gpkg_path: str, b: tuple, same_file: bool = True) -> tuple:
    """The newest version of ``gpkg_path`` of the scheme of ``b`` other than ``b`` itself (when in the same file)."""
    for v in list_versions(gpkg_path):
        if v.scheme == b[0] and not (same_file and v.key == tuple(b)):
            return v.key
    raise CompareError(
        QCoreApplication.translate(
            "ZoningCompare",
            "There is no other version of scheme {s} to compare with: give version A (and a class mapping for a "
            "version of another scheme).",
        ).format(s=b[0])
    )


def resolve_version(gpkg_path: str, text: str = "", default_index: int = 0) -> tuple:
    """(scheme, version) from "scheme:version", "version" or "" (the ``default_index``-th newest version)."""
    versions = list_versions(gpkg_path)
    if not versions:
        raise CompareError(
            QCoreApplication.translate("ZoningCompare", "{p}: zoning_units is empty.").format(p=gpkg_path)
        )
    text = (text or "").strip()
    if not text:
        if default_index >= len(versions):
            raise CompareError(
                QCoreApplication.translate(
                    "ZoningCompare", "zoning_units holds only one version: nothing to compare it with."
                )
            )
        return versions[default_index].key
    for v in versions:
        if text in (f"{v.scheme}:{v.version}", v.version):
            return v.key
    stored = ", ".join(f"{v.scheme}:{v.version}" for v in versions)
    raise CompareError(
        QCoreApplication.translate("ZoningCompare", "No zoning version '{t}'; stored: {all}.").format(
            t=text, all=stored
        )
    )
