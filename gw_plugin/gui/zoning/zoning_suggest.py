"""The zoning dock's parameter suggestions: each step's parameters filled from the project (its layers and database),
the outputs of earlier steps and the work folder; the names of the counties of the project database."""

from __future__ import annotations

import json
import os

from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

from ...toolbelt.i18n import is_zh
from .zoning_overlays import overlay_layer
from .zoning_widgets import ORIGIN_PROJECT, ORIGIN_STEP

#: The steps in order: key -> algorithm id.
STEPS = {
    "drastic": "gwplugin:drastic",
    "sourceload": "gwplugin:sourceload",
    "functionvalue": "gwplugin:functionvalue",
    "pollutionstatus": "gwplugin:pollutionstatus",
    "zoning": "gwplugin:zoning",
}
#: The step a finished step hands over to (the pollution status is optional: the function value leads to the zoning).
NEXT_STEP = {
    "drastic": "sourceload",
    "sourceload": "functionvalue",
    "functionvalue": "zoning",
    "pollutionstatus": "zoning",
}
#: DRASTIC factor parameter stem -> raster layer name of the demo project / core.demo.
FACTOR_RASTERS = {
    "DEPTH": "depth_to_water_m",
    "RECHARGE": "net_recharge_mm",
    "AQUIFER": "aquifer_media",
    "SOIL": "soil_media",
    "SLOPE": "slope_pct",
    "VADOSE": "vadose_media",
    "CONDUCTIVITY": "hydraulic_conductivity_md",
}


def work_folder(database: str) -> str:
    """Where the dock writes step outputs: <database folder>/zoning (the folder and file names `make demo` uses,
    so the dock continues from the demo's rasters)."""
    return os.path.join(os.path.dirname(os.path.abspath(database)), "zoning")


# ---------------------------------------------------------------------------------------------------------------
# Parameters suggested from the project
# ---------------------------------------------------------------------------------------------------------------
def _table_layers(project: QgsProject, database: str) -> dict:
    from ...core.maps.overview import table_of

    out = {}
    target = os.path.abspath(database) if database else None
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            continue
        if target and os.path.abspath(layer.source().split("|")[0]) != target:
            continue
        if layer.subsetString():
            continue
        table = table_of(layer)
        if table and table not in out:
            out[table] = layer
    return out


def _raster_by_name(project: QgsProject, name: str):
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsRasterLayer) and layer.isValid():
            stem = os.path.splitext(os.path.basename(layer.source()))[0]
            if name in (layer.name(), stem):
                return layer
    return None


def suggest_parameters(step: str, project: QgsProject, database: str, outputs: dict) -> tuple:
    """(values, origins) for ``step`` from the project's layers, the database and earlier steps' ``outputs``
    (step -> result dict). Parameters not suggested keep the algorithm's defaults."""
    values, origins = {}, {}
    work = work_folder(database) if database else ""

    def put(name, value, origin):
        if value not in (None, ""):
            values[name], origins[name] = value, origin

    tables = _table_layers(project, database) if database else {}

    def earlier(step_key, overlay_key, file_name):
        """Output of an earlier step: this session's result, else the overlay layer, else the work folder file."""
        path = outputs.get(step_key, {}).get("OUTPUT")
        if path:
            return path, ORIGIN_STEP
        layer = overlay_layer(project, overlay_key)
        if layer is not None and layer.isValid():
            return layer.source(), ORIGIN_PROJECT
        candidate = os.path.join(work, file_name) if work else ""
        if candidate and os.path.isfile(candidate):
            return candidate, ORIGIN_PROJECT
        return None, ORIGIN_STEP

    vul, vul_origin = earlier("drastic", "vulnerability", "drastic_index.tif")
    if step == "drastic":
        folder = None
        for stem, raster in FACTOR_RASTERS.items():
            layer = _raster_by_name(project, raster)
            if layer is not None:
                put(f"{stem}_RASTER", layer.source(), ORIGIN_PROJECT)
                folder = folder or os.path.dirname(layer.source())
        classes = os.path.join(folder, "classes.json") if folder else ""
        if classes and os.path.isfile(classes) and work:
            from ...core.zoning import drastic as DR

            tables_json, _notes = DR.tables_from_classes_json(classes)
            os.makedirs(work, exist_ok=True)
            path = os.path.join(work, "drastic_ratings_from_classes.json")
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(tables_json, fh, ensure_ascii=False, indent=1)
            put("RATING_TABLE", path, ORIGIN_PROJECT)
        if work:
            put("OUTPUT", os.path.join(work, "drastic_index.tif"), ORIGIN_PROJECT)
            put("OUTPUT_CLASSES", os.path.join(work, "drastic_classes.tif"), ORIGIN_PROJECT)
    elif step == "sourceload":
        if "pollution_sources" in tables:
            put("SOURCES", tables["pollution_sources"].source(), ORIGIN_PROJECT)
        put("REFERENCE", vul, vul_origin)
        if work:
            put("OUTPUT", os.path.join(work, "source_load.tif"), ORIGIN_PROJECT)
    elif step == "functionvalue":
        for name, table in (
            ("PROTECTION_ZONES", "protection_zones"),
            ("RECHARGE_ZONES", "recharge_zones"),
            ("WATER_SOURCES", "drinking_water_sources"),
        ):
            if table in tables:
                put(name, tables[table].source(), ORIGIN_PROJECT)
        put("REFERENCE", vul, vul_origin)
        if work:
            put("OUTPUT", os.path.join(work, "function_value.tif"), ORIGIN_PROJECT)
    elif step == "pollutionstatus":
        put("DATABASE", database, ORIGIN_PROJECT)
        put("REFERENCE", vul, vul_origin)
        if work:
            put("OUTPUT", os.path.join(work, "pollution_status.tif"), ORIGIN_PROJECT)
    elif step == "zoning":
        put("VULNERABILITY", vul, vul_origin)
        pollution, origin = earlier("pollutionstatus", "pollution", "pollution_status.tif")
        if pollution:
            put("POLLUTION", pollution, origin)
            kind = outputs.get("pollutionstatus", {}).get("KIND", "assessment")
            put("POLLUTION_KIND", 0 if kind == "assessment" else 1, origin)
        put("SOURCE_LOAD", *earlier("sourceload", "load", "source_load.tif"))
        put("FUNCTION_VALUE", *earlier("functionvalue", "value", "function_value.tif"))
        for name, table in (
            ("ADMIN_UNITS", "admin_units"),
            ("PROTECTION_ZONES", "protection_zones"),
            ("RECHARGE_ZONES", "recharge_zones"),
        ):
            if table in tables:
                put(name, tables[table].source(), ORIGIN_PROJECT)
        put("GPKG", database, ORIGIN_PROJECT)
        if work:
            put("OUTPUT", os.path.join(work, "zones.gpkg"), ORIGIN_PROJECT)
            put("COUNTY_STATS", os.path.join(work, "zone_area_by_county.csv"), ORIGIN_PROJECT)
    return values, origins


def county_names(database: str, lang: str = "zh") -> dict:
    """county code -> name of the admin_units of the database (empty when unreadable)."""
    from osgeo import ogr

    names = {}
    ds = ogr.Open(database)
    if ds is None:
        return names
    lyr = ds.GetLayerByName("admin_units")
    if lyr is not None:
        for f in lyr:
            names[f.GetField("code")] = f.GetField("name_zh" if is_zh(lang) else "name_en") or f.GetField("code")
    ds = None
    return names
