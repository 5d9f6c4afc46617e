"""Site check (选址核查): for a point or a proposed project polygon, the groundwater pollution prevention zone(s) it
falls in, the share of its area in each, and the management requirements that apply.

Zones come from one version of zoning_units (default: the newest); the requirements text is the row's
``requirements`` column, else the editable defaults of resources/reference/zoning_defaults.json. The drinking-water
protection zones of the protection_zones table are consulted too, whatever the zoning version says: a site inside a
class I, class II or quasi-protection zone gets that zone and the prohibitions of the Water Pollution Prevention and
Control Law for it (they prevail over the zoning). Pure GDAL/OGR.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from osgeo import gdal, ogr
from qgis.PyQt.QtCore import QCoreApplication

from ...toolbelt import geometry as G
from ...toolbelt.ogr import polygons, transformation
from . import compare as ZC
from . import config as ZCFG


class SiteCheckError(ValueError):
    """The site cannot be checked (message meant for the user)."""


@dataclass
class SiteZone:
    zone_class: str
    label: str
    area_km2: float
    share_pct: float
    requirements: str
    county_codes: list = field(default_factory=list)


#: Prohibitions by protection-zone class, after 《中华人民共和国水污染防治法》(2017 revision) articles 65 (class I),
#: 66 (class II) and 67 (quasi-protection zone): a summary of the articles, not their full text.
PROTECTION_RULES = {
    "class_1": (
        "《水污染防治法》第六十五条：禁止新建、改建、扩建与供水设施和保护水源无关的建设项目；已建成的由县级以上"
        "人民政府责令拆除或者关闭；禁止从事可能污染饮用水水体的活动。",
        "Water Pollution Prevention and Control Law art. 65: no new, rebuilt or extended project unrelated to water "
        "supply or source protection; existing ones are demolished or closed by order of the county government; no "
        "activity that may pollute the drinking water.",
    ),
    "class_2": (
        "《水污染防治法》第六十六条：禁止新建、改建、扩建排放污染物的建设项目；已建成的排放污染物的建设项目由"
        "县级以上人民政府责令拆除或者关闭。",
        "Water Pollution Prevention and Control Law art. 66: no new, rebuilt or extended project discharging "
        "pollutants; existing ones are demolished or closed by order of the county government.",
    ),
    "quasi": (
        "《水污染防治法》第六十七条：禁止新建、扩建对水体污染严重的建设项目；改建建设项目，不得增加排污量。",
        "Water Pollution Prevention and Control Law art. 67: no new or extended project that seriously pollutes "
        "water; a rebuilt project may not increase its discharge.",
    ),
}


@dataclass
class SiteProtection:
    """A drinking-water protection zone (protection_zones row) the site lies in."""

    zone_class: str
    label: str
    area_km2: float
    share_pct: float
    approved: Optional[bool]
    approval_doc: str
    requirements: str


@dataclass
class SiteCheckResult:
    scheme: str
    version: str
    kind: str  # "point" or "polygon"
    site_area_km2: float
    zones: list = field(default_factory=list)
    outside_share_pct: float = 0.0
    #: county codes the site lies in (admin_units; else the zones' county codes), largest share first
    counties: list = field(default_factory=list)
    #: protection_zones rows the site lies in, class I first
    protection: list = field(default_factory=list)

    def classes(self) -> list:
        return [z.zone_class for z in self.zones]

    def report(self, lang: str = "zh") -> str:
        """Plain-text report of the check in ``lang``."""
        from ..data import schema as S

        zh = (lang or "zh").startswith("zh")
        scheme = S.codelist("zoning_scheme").label(self.scheme, lang)
        if self.kind == "point":
            site = "点位" if zh else "Point"
        else:
            site = f"项目范围 {self.site_area_km2:.4f} km²" if zh else f"Project area {self.site_area_km2:.4f} km²"
        head = f"分区版本：{self.version}（{scheme}）" if zh else f"Zoning version: {self.version} ({scheme})"
        if self.counties:
            site += ("，位于县级行政区 " if zh else ", in county ") + ("、" if zh else ", ").join(self.counties)
        lines = [head, site]
        for p in self.protection:
            where = p.label
            if self.kind != "point":
                where += (
                    f"：{p.area_km2:.4f} km²（{p.share_pct:.1f}%）"
                    if zh
                    else f": {p.area_km2:.4f} km² ({p.share_pct:.1f}%)"
                )
            approval = ""
            if p.approval_doc:
                approval = f"（批复文号 {p.approval_doc}）" if zh else f" (approved: {p.approval_doc})"
            lines.append(("饮用水水源保护区：" if zh else "Drinking-water protection zone: ") + where + approval)
            lines.append(("  禁止事项：" if zh else "  Prohibited: ") + p.requirements)
        if self.protection:
            lines.append(
                "  饮用水水源保护区的规定优先于分区管控要求。"
                if zh
                else "  The protection-zone rules prevail over the zoning requirements."
            )
        if not self.zones:
            lines.append(
                "该位置不在所选分区版本的任何分区内。" if zh else "The site is outside every zone of the version."
            )
        for z in self.zones:
            if self.kind == "point":
                head = z.label
            else:
                head = (
                    f"{z.label}：{z.area_km2:.4f} km²（{z.share_pct:.1f}%）"
                    if zh
                    else f"{z.label}: {z.area_km2:.4f} km² ({z.share_pct:.1f}%)"
                )
            lines.append(head)
            if z.requirements:
                lines.append(("  管控要求：" if zh else "  Requirements: ") + z.requirements)
        if self.kind == "polygon" and self.outside_share_pct > 0.05:
            lines.append(
                f"分区范围以外：{self.outside_share_pct:.1f}%"
                if zh
                else f"Outside the zoning: {self.outside_share_pct:.1f}%"
            )
        return "\n".join(lines)


def _geometry(site, site_crs_wkt: str, target_srs) -> ogr.Geometry:
    if isinstance(site, ogr.Geometry):
        geom = site.Clone()
    elif isinstance(site, (bytes, bytearray)):
        geom = ogr.CreateGeometryFromWkb(bytes(site))
    elif isinstance(site, str):
        geom = ogr.CreateGeometryFromWkt(site)
    elif isinstance(site, (tuple, list)) and len(site) == 2:
        geom = ogr.Geometry(ogr.wkbPoint)
        geom.AddPoint_2D(float(site[0]), float(site[1]))
    else:
        raise SiteCheckError(
            QCoreApplication.translate("SiteCheck", "Give the site as a point (x, y), WKT, WKB or an OGR geometry.")
        )
    if geom is None or geom.IsEmpty():
        raise SiteCheckError(QCoreApplication.translate("SiteCheck", "The site geometry is empty."))
    if site_crs_wkt and target_srs is not None:
        transform = transformation(site_crs_wkt, target_srs)
        if transform is not None:
            geom.Transform(transform)
    return geom


def _requirements(stored: str, cfg: dict, zone_class: str, lang: str) -> str:
    """The zone row's text; the default text in ``lang`` when the row is empty or holds the default of the other
    language (the row's text was written by gwplugin:zoning in one language)."""
    wanted = ZCFG.requirements_text(cfg, zone_class, lang)
    if not stored:
        return wanted
    other = "en" if (lang or "zh").startswith("zh") else "zh"
    if stored in (ZCFG.requirements_text(cfg, zone_class, other), ZCFG.requirements_text(cfg, zone_class, "both")):
        return wanted
    return stored


def check_site(
    gpkg_path: str,
    site,
    site_crs_wkt: str = "",
    scheme: Optional[str] = None,
    version: Optional[str] = None,
    lang: str = "zh",
    cfg: Optional[dict] = None,
) -> SiteCheckResult:
    """Check ``site`` (point (x, y), WKT, WKB or ogr.Geometry in ``site_crs_wkt``, default: the table's CRS)
    against one version of zoning_units of ``gpkg_path`` (``version`` of ``scheme``; default the newest).

    A point gets the zone it lies in (share 100 %); a polygon gets every zone it overlaps with the area and share
    of the site in it, largest first. Requirements: the zone rows' text, else the defaults in ``lang``."""
    if version is None:
        latest = ZC.latest_version(gpkg_path, scheme)
        if latest is None:
            raise SiteCheckError(
                QCoreApplication.translate("SiteCheck", "zoning_units is empty: run the zoning first.")
            )
        scheme, version = latest.scheme, latest.version
    elif scheme is None:
        match = [v for v in ZC.list_versions(gpkg_path) if v.version == version]
        if not match:
            raise SiteCheckError(
                QCoreApplication.translate("SiteCheck", "There is no zoning version '{v}'.").format(v=version)
            )
        scheme = match[0].scheme
    cfg = cfg or ZCFG.load_config()
    ds, lyr = ZC.open_zoning_units(gpkg_path)
    geom = _geometry(site, site_crs_wkt, lyr.GetSpatialRef())
    gtype = ogr.GT_Flatten(geom.GetGeometryType())
    is_point = gtype in (ogr.wkbPoint, ogr.wkbMultiPoint)
    if not is_point and gtype not in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        raise SiteCheckError(QCoreApplication.translate("SiteCheck", "The site must be a point or a polygon."))
    if not is_point and not geom.IsValid():
        geom = G.to_ogr(G.clean(G.from_ogr(geom)))
    site_area = 0.0 if is_point else geom.GetArea()
    if not is_point and site_area <= 0:
        raise SiteCheckError(QCoreApplication.translate("SiteCheck", "The site polygon has no area."))
    zoning_srs = lyr.GetSpatialRef().Clone() if lyr.GetSpatialRef() is not None else None
    lyr.SetAttributeFilter(ZC.version_filter(scheme, version))
    lyr.SetSpatialFilter(geom)
    by_class: dict = {}
    for f in lyr:
        zg = f.GetGeometryRef()
        if zg is None:
            continue
        if is_point:
            if not zg.Intersects(geom):
                continue
            area = 0.0
        else:
            inter = zg.Intersection(geom)
            area = sum(p.GetArea() for p in polygons(inter))
            if area <= 0:
                continue
        cls = f.GetField("zone_class") or ""
        entry = by_class.setdefault(cls, {"area": 0.0, "req": "", "counties": []})
        entry["area"] += area
        req = f.GetField("requirements") or ""
        if req and not entry["req"]:
            entry["req"] = req
        cc = f.GetField("county_code") or ""
        if cc and cc not in entry["counties"]:
            entry["counties"].append(cc)
        if is_point:
            break  # zones do not overlap: the first hit is the zone
    del ds
    res = SiteCheckResult(scheme, version, "point" if is_point else "polygon", site_area / 1e6)
    for cls, e in sorted(by_class.items(), key=lambda kv: -kv[1]["area"]):
        share = 100.0 if is_point else 100.0 * e["area"] / site_area
        res.zones.append(
            SiteZone(
                cls,
                ZCFG.zone_label(cls, lang),
                e["area"] / 1e6,
                share,
                _requirements(e["req"], cfg, cls, lang),
                e["counties"],
            )
        )
    if not is_point:
        res.outside_share_pct = max(0.0, 100.0 - sum(z.share_pct for z in res.zones))
    shares = []
    for code, cg in ZC.admin_counties(gpkg_path).items():
        if cg.Intersects(geom):
            shares.append((1.0 if is_point else cg.Intersection(geom).GetArea(), code))
    if shares:
        res.counties = [code for _a, code in sorted(shares, reverse=True)]
    else:
        res.counties = sorted({c for z in res.zones for c in z.county_codes})
    res.protection = protection_zones_at(gpkg_path, geom, zoning_srs, is_point, site_area, lang)
    return res


def protection_zones_at(gpkg_path: str, geom, geom_srs, is_point: bool, site_area: float, lang: str = "zh") -> list:
    """The protection_zones rows ``geom`` (in ``geom_srs``) lies in, class I first, then the largest."""
    from ..data import schema as S

    order = {"class_1": 0, "class_2": 1, "quasi": 2}
    zh = (lang or "zh").startswith("zh")
    ds = gdal.OpenEx(str(gpkg_path), gdal.OF_VECTOR)
    lyr = ds.GetLayerByName("protection_zones") if ds is not None else None
    out = []
    if lyr is None:
        return out
    g = geom.Clone()
    srs = lyr.GetSpatialRef()
    if srs is not None and geom_srs is not None:
        transform = transformation(geom_srs, srs)
        if transform is not None:
            g.Transform(transform)
    lyr.SetSpatialFilter(g)
    codes = S.codelist("protection_zone_class")
    for f in lyr:
        pg = f.GetGeometryRef()
        if pg is None or pg.IsEmpty():
            continue
        if not pg.IsValid():
            pg = G.to_ogr(G.clean(G.from_ogr(pg)))
        if is_point:
            if not pg.Intersects(g):
                continue
            area, share = 0.0, 100.0
        else:
            area = sum(p.GetArea() for p in polygons(pg.Intersection(g)))
            if area <= 0:
                continue
            share = 100.0 * area / site_area
        cls = f.GetField("zone_class") or ""
        rules = PROTECTION_RULES.get(cls, ("", ""))
        approved = f.GetField("approved")
        out.append(
            SiteProtection(
                cls,
                codes.label(cls, lang) if cls else "",
                area / 1e6,
                share,
                None if approved is None else bool(approved),
                f.GetField("approval_doc") or "",
                rules[0] if zh else rules[1],
            )
        )
    del ds
    out.sort(key=lambda p: (order.get(p.zone_class, 9), -p.area_km2))
    return out
