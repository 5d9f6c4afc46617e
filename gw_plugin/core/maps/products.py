"""The map products of a project (city overview, zoning map, recharge-zone map, well-quality map, and the raster
maps of the zoning in raster_products.py: vulnerability, source load, function value, pollution status; the soil
pilot area's site map, SOIL_MAPS): the styled
map layers for each, and ``export_product`` laying one out on the print-layout templates (A3/A4, landscape/portrait)
and writing PDF and PNG headless through core/maps/layout.py (the overview map through overview.py). Chinese by
default, English on request. Used by gwplugin:exportmap and the zoning dock.

The map layers are styled copies of the project's layers (the project is not changed): zoning_units of one version
by zone class in the colours of the schema's zone_class code list; protection and recharge zones with the water
sources and the pollution sources inside them; wells by latest GB/T 14848 class with one legend group per aquifer
layer (core/wells/aquifer_layers.py); construction-land sites by their current life-cycle stage with the soil
sampling points, those with a result above its GB 36600-2018 screening value marked (core/soil/screening.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProject,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..data import qgis_project
from ..data import schema as S
from ..data.model import Table
from ..soil import screening as SCR
from ..soil import stages as ST
from ..soil.soil_import import screened_rows
from ..zoning import compare as ZC
from ..zoning import config as ZCFG
from . import layout as ME
from . import overview as OV
from . import raster_products as RP
from .texts import label_text

MAPS = ["overview", "zoning", "recharge_zones", "well_quality", *RP.RASTER_MAPS]
#: the soil pilot area's maps (issue 19): exported by export_product, listed apart from MAPS until gwplugin:exportmap
#: labels them (its MAP enum is numbered by MAPS; they go after it)
SOIL_MAPS = ["sites"]
PAPERS = ["A3", "A4"]
ORIENTATIONS = ["landscape", "portrait"]
LANGS = ["zh", "en"]


# -----------------------------------------------------------------------------------------------------------------
# Layers of the map products (copies of the project's layers; the project is not changed)
# -----------------------------------------------------------------------------------------------------------------
def project_tables(project: QgsProject) -> dict:
    """table name -> a valid layer of that gw_plugin table in ``project``; layers showing the whole table (no
    subset string, e.g. not the per-aquifer copies of the wells) are preferred."""
    found = {}
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            continue
        table = OV.table_of(layer)
        if not table:
            continue
        if table not in found or (found[table].subsetString() and not layer.subsetString()):
            found[table] = layer
    return found


def project_database(project: QgsProject, tables: dict | None = None) -> str:
    """The project database (qgis_project.project_database), else the GeoPackage of the first of ``tables``."""
    value = qgis_project.project_database(project)
    if value:
        return value
    for layer in (tables or project_tables(project)).values():
        path = layer.source().split("|")[0]
        if path.lower().endswith(".gpkg"):
            return path
    return ""


def _copy(layer: QgsVectorLayer, name: str, subset: str = "") -> QgsVectorLayer:
    copy = QgsVectorLayer(layer.source(), name, layer.providerType())
    if subset:
        copy.setSubsetString(subset)
    copy.setCustomProperty(OV.PROP_TABLE, OV.table_of(layer))
    return copy


def city_name(tables: dict, lang: str) -> str:
    admin = tables.get("admin_units")
    if admin is None:
        return ""
    for f in admin.getFeatures(QgsFeatureRequest().setFilterExpression("\"level\" = 'city'")):
        name = f["name_zh" if lang.startswith("zh") else "name_en"]
        if name:
            return str(name)
    return ""


def admin_layer(tables: dict, lang: str) -> QgsVectorLayer | None:
    """Boundaries only: the city outline thick, county outlines dashed, county names as labels."""
    admin = tables.get("admin_units")
    if admin is None:
        return None
    from ..data import qgis_project as QP

    copy = _copy(admin, label_text("admin", lang))
    root = QgsRuleBasedRenderer.Rule(None)
    city = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#202020", "outline_width": "0.8"})
    county = QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#505050", "outline_width": "0.35", "outline_style": "dash"}
    )
    root.appendChild(QgsRuleBasedRenderer.Rule(city, 0, 0, "\"level\" = 'city'", label_text("city_boundary", lang)))
    root.appendChild(
        QgsRuleBasedRenderer.Rule(county, 0, 0, "\"level\" <> 'city'", label_text("county_boundary", lang))
    )
    copy.setRenderer(QgsRuleBasedRenderer(root))
    QP.label_counties(copy, lang)
    return copy


def river_layers(project: QgsProject, lang: str) -> list:
    from ..data import qgis_project as QP

    out = []
    for layer in project.mapLayers().values():
        ctx = layer.customProperty("gw_plugin/context")
        if ctx == "river" and isinstance(layer, QgsVectorLayer) and layer.isValid():
            copy = QgsVectorLayer(layer.source(), QP.CONTEXT_LAYERS[ctx][0 if lang.startswith("zh") else 1], "ogr")
            copy.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": "#3a86c8", "width": "0.7"})))
            out.append(copy)
    return out


def zone_renderer(scheme: str, lang: str) -> QgsCategorizedSymbolRenderer:
    """Zone classes of ``scheme`` in the colours of the schema's zone_class code list, without outlines (the
    county pieces of one class merge visually)."""
    cl = S.codelist("zone_class").by_code()
    cats = []
    for code in ZCFG.SCHEME_CLASSES[scheme]:
        c = cl[code]
        fill = QColor(c.color or ZCFG.ZONE_COLORS[code])
        sym = QgsFillSymbol.createSimple(
            {"color": fill.name(), "outline_color": fill.darker(115).name(), "outline_width": "0.1"}
        )
        cats.append(QgsRendererCategory(code, sym, c.zh if lang.startswith("zh") else c.en))
    return QgsCategorizedSymbolRenderer("zone_class", cats)


def zoning_layers(project: QgsProject, lang: str, version: str = "", scheme: str = "") -> tuple:
    """(layers top first, info dict) of the zoning map."""
    tables = project_tables(project)
    zu = tables.get("zoning_units")
    if zu is None:
        raise ME.MapExportError(QCoreApplication.translate("ExportMap", "The project has no zoning_units layer."))
    db = zu.source().split("|")[0]
    versions = ZC.list_versions(db)
    pick = [v for v in versions if (not version or v.version == version) and (not scheme or v.scheme == scheme)]
    if not pick:
        raise ME.MapExportError(
            QCoreApplication.translate("ExportMap", "zoning_units has no zones (version {v}).").format(v=version or "-")
        )
    v = pick[0]
    zl = _copy(zu, label_text("zoning_layer", lang), ZC.version_filter(v.scheme, v.version))
    zl.setRenderer(zone_renderer(v.scheme, lang))
    areas = {}
    for f in zl.getFeatures():
        areas[f["zone_class"]] = areas.get(f["zone_class"], 0.0) + f.geometry().area() / 1e6
    total = sum(areas.values()) or 1.0
    sep = "；" if lang.startswith("zh") else "; "
    area_text = sep.join(
        f"{ZCFG.zone_label(c, lang)} {areas[c]:.1f} km² ({100 * areas[c] / total:.1f}%)"
        for c in ZCFG.SCHEME_CLASSES[v.scheme]
        if c in areas
    )
    layers = []
    if "drinking_water_sources" in tables:
        ws = _copy(tables["drinking_water_sources"], _label_pair(S.table("drinking_water_sources"), lang))
        ws.setRenderer(OV.thematic_renderer("drinking_water_sources", lang))
        layers.append(ws)
    layers += [x for x in (admin_layer(tables, lang),) if x is not None]
    layers += river_layers(project, lang)
    layers.append(zl)
    return layers, {"version": v, "areas": area_text, "database": db, "tables": tables}


def recharge_layers(project: QgsProject, lang: str) -> tuple:
    from ..data import qgis_project as QP

    tables = project_tables(project)
    zones = []
    layers = []
    for name in ("protection_zones", "recharge_zones"):
        if name in tables:
            copy = _copy(tables[name], _label_pair(S.table(name), lang))
            copy.setRenderer(QP.make_renderer(S.table(name), lang))
            zones.append(copy)
    if not zones:
        raise ME.MapExportError(
            QCoreApplication.translate("ExportMap", "The project has no protection or recharge zone layer.")
        )
    geoms = [f.geometry() for z in zones for f in z.getFeatures() if f.hasGeometry()]
    union = QgsGeometry.unaryUnion(geoms) if geoms else QgsGeometry()
    inside_ids = []
    if "pollution_sources" in tables and not union.isEmpty():
        src = tables["pollution_sources"]
        engine = QgsGeometry.createGeometryEngine(union.constGet())
        engine.prepareGeometry()
        req = QgsFeatureRequest().setFilterRect(union.boundingBox()).setNoAttributes()
        for f in src.getFeatures(req):
            if f.hasGeometry() and engine.intersects(f.geometry().constGet()):
                inside_ids.append(f.id())
        subset = "fid IN ({})".format(",".join(str(i) for i in inside_ids) or "-1")
        ps = _copy(src, label_text("sources_inside", lang), subset)
        ps.setRenderer(OV.thematic_renderer("pollution_sources", lang))
        layers.append(ps)
    if "drinking_water_sources" in tables:
        ws = _copy(tables["drinking_water_sources"], _label_pair(S.table("drinking_water_sources"), lang))
        ws.setRenderer(OV.thematic_renderer("drinking_water_sources", lang))
        layers.append(ws)
    layers += [x for x in (admin_layer(tables, lang),) if x is not None]
    layers += river_layers(project, lang)
    layers += zones
    return layers, {"inside": len(inside_ids), "tables": tables, "zone_extent": union.boundingBox()}


def well_layers(project: QgsProject, lang: str) -> tuple:
    from ..wells import aquifer_layers as AL

    tables = project_tables(project)
    wells = tables.get("monitoring_wells")
    if wells is None:
        raise ME.MapExportError(QCoreApplication.translate("ExportMap", "The project has no monitoring_wells layer."))
    layers = [AL.make_layer(wells, code, lang) for code in AL.aquifer_codes(wells)]
    request = QgsFeatureRequest().setNoAttributes().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    n = sum(1 for _f in wells.getFeatures(request))
    layers += [x for x in (admin_layer(tables, lang),) if x is not None]
    layers += river_layers(project, lang)
    return layers, {"wells": n, "tables": tables}


#: stage colours, light to dark along the life cycle; sites without a recorded stage grey
STAGE_COLORS = ("#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04", "#41ab5d")
SITE_TEXTS = {
    "title": (
        "{city}建设用地地块及土壤超筛选值点位图",
        "{city}Construction-land sites and soil points above screening values",
    ),
    "subtitle": (
        "地块按当前阶段分色；土壤采样点位中有结果超过 GB 36600-2018 筛选值的以红色标出",
        "Sites by their current life-cycle stage; soil sampling points with a result above its GB 36600-2018 "
        "screening value in red",
    ),
    "notes": (
        "地块 {n} 个（{stages}）；采样点位 {p} 个，其中超筛选值 {x} 个。",
        "{n} sites ({stages}); {p} sampling points, {x} of them above a screening value.",
    ),  # fmt: skip
    "no_stage": ("未记录阶段", "no stage recorded"),
    "points": ("土壤采样点位", "Soil sampling points"),
    "exceeding": ("超筛选值点位", "Points above a screening value"),
}


def _site_text(key: str, lang: str) -> str:
    return SITE_TEXTS[key][0 if lang.startswith("zh") else 1]


def exceeding_points(database: str) -> set:
    """(site uuid, point code) of the soil sampling points with a result strictly above its screening value for the
    site's planned land class (core/soil/screening.py)."""
    out = set()
    for r in screened_rows(database):
        res = SCR.screen(r["parameter"], r["value_text"], r["unit"], r["planned_land_class"])
        if res.exceeds_screening:
            out.add((r["site_uuid"], r["point_code"]))
    return out


def site_layers(project: QgsProject, lang: str) -> tuple:
    """(layers top first, info) of the site map: exceeding points, every sampling point, sites by stage, counties."""
    tables = project_tables(project)
    sites = tables.get("sites")
    if sites is None:
        raise ME.MapExportError(QCoreApplication.translate("ExportMap", "The project has no sites layer."))
    db = project_database(project, tables)
    cats, counts = [], {}
    for f in sites.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)):
        counts[f["stage"] or ""] = counts.get(f["stage"] or "", 0) + 1
    for stage, color in zip([s.code for s in ST.STAGES] + [""], [*STAGE_COLORS, "#bdbdbd"]):
        sym = QgsFillSymbol.createSimple({"color": color, "outline_color": "#404040", "outline_width": "0.2"})
        label = ST.stage_label(stage, lang) if stage else _site_text("no_stage", lang)
        cats.append(QgsRendererCategory(stage or None, sym, f"{label} ({counts.get(stage, 0)})"))
    sl = _copy(sites, _label_pair(S.table("sites"), lang))
    sl.setRenderer(QgsCategorizedSymbolRenderer("stage", cats))
    layers = []
    n_points = n_exceeding = 0
    points = tables.get("soil_points")
    if points is not None:
        hot = exceeding_points(db) if db else set()
        ids = [f.id() for f in points.getFeatures() if (f["site_uuid"], f["point_code"]) in hot]
        n_points, n_exceeding = points.featureCount(), len(ids)
        ex = _copy(points, _site_text("exceeding", lang), "fid IN ({})".format(",".join(map(str, ids)) or "-1"))
        ex.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "#d7191c", "outline_color": "#ffffff", "size": "2.6"})))  # fmt: skip
        allp = _copy(points, _site_text("points", lang))
        allp.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "#636363", "outline_color": "#ffffff", "size": "1.4"})))  # fmt: skip
        layers += [ex, allp]
    layers.append(sl)
    layers += [x for x in (admin_layer(tables, lang),) if x is not None]
    layers += river_layers(project, lang)
    sep = "；" if lang.startswith("zh") else "; "
    stages = sep.join(
        f"{ST.stage_label(c, lang) if c else _site_text('no_stage', lang)} {counts[c]}"
        for c in [s.code for s in ST.STAGES] + [""]
        if counts.get(c)
    )
    info = {"tables": tables, "sites": sum(counts.values()), "stages": stages, "points": n_points}
    info["exceeding_points"] = n_exceeding
    return layers, info


def _label_pair(table: Table, lang: str) -> str:
    return table.zh if lang.startswith("zh") else table.en


def export_product(
    project: QgsProject,
    product: str,
    pdf_path: str | None,
    png_path: str | None,
    *,
    paper: str = "A3",
    orientation: str = "landscape",
    lang: str = "zh",
    title: str = "",
    version: str = "",
    dpi: int = 200,
    raster: str = "",
    pollution_kind: str = "assessment",
) -> dict:
    """Export one map product of ``project``; returns {"pdf": path, "png": path, ...information}.

    ``raster`` (the raster map products): the raster to show, else the project's (raster_products.find_raster);
    ``pollution_kind``: what the pollution-status raster holds, "assessment" grades or "quality_class"."""
    if product not in MAPS + SOIL_MAPS:
        raise ValueError(f"unknown map {product!r}; use one of {', '.join(MAPS + SOIL_MAPS)}")
    keep = []  # layers not in the project must live as long as the layout
    if product == "overview":
        tables = project_tables(project)
        tmp = tempfile.mkdtemp(prefix="gw_overview_")
        try:
            written = OV.export_overview(
                project,
                tmp,
                lang=lang,
                city_name=city_name(tables, lang),
                paper=paper,
                orientation=orientation,
                dpi=dpi,
            )
            out = {}
            for kind, target in (("pdf", pdf_path), ("png", png_path)):
                if target:
                    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
                    shutil.move(written[kind], target)
                    out[kind] = target
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return out
    info = {}
    if product == "zoning":
        layers, info = zoning_layers(project, lang, version)
        v = info["version"]
        scheme_label = S.codelist("zoning_scheme").label(v.scheme, lang)
        default_title = label_text("zoning_title", lang)
        subtitle = label_text("zoning_subtitle", lang).format(scheme=scheme_label, version=v.version or "-")
        notes = label_text("zoning_notes", lang).format(areas=info["areas"])
        extra = {"scheme": v.scheme, "version": v.version}
    elif product in RP.RASTER_MAPS:
        tables = project_tables(project)
        path = raster or RP.find_raster(project, product)
        layers = [x for x in (admin_layer(tables, lang),) if x is not None] + river_layers(project, lang)
        layers.append(RP.raster_layer(path, product, lang, pollution_kind))
        default_title, subtitle, notes = RP.texts(product, lang, pollution_kind)
        info = {"tables": tables}
        extra = {"raster": path}
    elif product == "sites":
        layers, info = site_layers(project, lang)
        default_title = _site_text("title", lang)
        subtitle = _site_text("subtitle", lang)
        notes = _site_text("notes", lang).format(
            n=info["sites"], stages=info["stages"], p=info["points"], x=info["exceeding_points"]
        )
        extra = {k: info[k] for k in ("sites", "points", "exceeding_points")}
    elif product == "recharge_zones":
        layers, info = recharge_layers(project, lang)
        default_title = label_text("recharge_title", lang)
        subtitle = label_text("recharge_subtitle", lang)
        notes = label_text("recharge_notes", lang).format(n=info["inside"])
        extra = {"sources_inside": info["inside"]}
    else:
        layers, info = well_layers(project, lang)
        default_title = label_text("wells_title", lang)
        subtitle = label_text("wells_subtitle", lang)
        notes = label_text("wells_notes", lang).format(n=info["wells"])
        extra = {"wells": info["wells"]}
    keep += layers
    tables = info["tables"]
    city = city_name(tables, lang)
    if not title:
        title = default_title.format(city=(city if lang.startswith("zh") or not city else city + " "))
    valid = [lyr for lyr in layers if lyr.isValid()]
    crs = project.crs() if project.crs().isValid() else valid[0].crs()
    extent = OV.overview_extent(project, crs, valid)
    db = project_database(project, tables)
    sources = label_text("project_db", lang).format(os.path.basename(db)) if db else ""
    written = ME.export_map(
        project,
        pdf_path,
        png_path,
        title=title,
        subtitle=subtitle,
        layers=valid,
        extent=extent,
        paper=paper,
        orientation=orientation,
        lang=lang,
        notes=notes,
        data_sources=sources,
        dpi=dpi,
    )
    written.update(extra)
    del keep
    return written
