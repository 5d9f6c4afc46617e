"""`make demo` step: vulnerability (DRASTIC), pollution-source load, function value and zoning for the demo city,
the pollution status (a pollution assessment of the wells against background values), the 2019 scheme and the 2023
scheme as a second version, written to the demo database's zoning_units; the comparison of the two versions (through
an explicit class mapping, the schemes' classes differ); and the zoning map and the vulnerability, source-load,
function-value and pollution-status maps (PDF, Chinese and English) through gwplugin:exportmap.

Called by scripts/demo.py as ``run(ctx)``; ctx keys: "database", "out", "project_path", "outputs" (label -> path).
The demo rasters are in <out>/rasters/ (gw_plugin.core.demo.build).
"""

from __future__ import annotations

import json
import os

#: DRASTIC factor -> demo raster (gw_plugin.core.demo.build writes them; class codes in rasters/classes.json).
FACTOR_RASTERS = {
    "DEPTH": "depth_to_water_m",
    "RECHARGE": "net_recharge_mm",
    "AQUIFER": "aquifer_media",
    "SOIL": "soil_media",
    "SLOPE": "slope_pct",
    "VADOSE": "vadose_media",
    "CONDUCTIVITY": "hydraulic_conductivity_md",
}
VERSIONS = (("2019", 0, "2019-v1"), ("2023", 1, "2023-v1"))


def _layer(db: str, table: str):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{db}|layername={table}", table, "ogr")
    if not layer.isValid():
        raise RuntimeError(f"{db} has no table {table}")
    return layer


#: Illustrative protection-zone radii (m) around the demo's drinking-water sources, used ONLY when the database has
#: no protection zones yet (the protection-zone step of the demo did not run): not from any standard.
DEMO_ZONE_RADII_M = (("class_1", 300.0), ("class_2", 1500.0), ("quasi", 4000.0))


def _zones_layer(db: str):
    """The database's protection_zones, or (when empty) illustrative rings around the drinking-water sources."""
    from qgis.core import QgsFeature, QgsField, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    zones = _layer(db, "protection_zones")
    if zones.featureCount() > 0:
        return zones, False
    sources = _layer(db, "drinking_water_sources")
    mem = QgsVectorLayer(f"MultiPolygon?crs={sources.crs().authid()}", "protection_zones_demo", "memory")
    mem.dataProvider().addAttributes(
        [QgsField("zone_class", QVariant.String), QgsField("water_source_uuid", QVariant.String)]
    )
    mem.updateFields()
    feats = []
    for src in sources.getFeatures():
        inner = None
        for zone_class, radius in DEMO_ZONE_RADII_M:
            ring = src.geometry().buffer(radius, 36)
            f = QgsFeature(mem.fields())
            f.setGeometry(ring.difference(inner) if inner is not None else ring)
            f.setAttributes([zone_class, src["uuid"]])
            feats.append(f)
            inner = ring
    mem.dataProvider().addFeatures(feats)
    return mem, True


def _drop_versions(db: str, versions) -> int:
    """Delete the zoning_units rows of the demo's own version labels (through OGR, which keeps the R-tree)."""
    from osgeo import gdal

    from gw_plugin.core.zoning import compare as ZC

    ds = gdal.OpenEx(db, gdal.OF_VECTOR | gdal.OF_UPDATE)
    lyr = ds.GetLayerByName("zoning_units")
    fids = []
    for scheme, _index, version in versions:
        lyr.SetAttributeFilter(ZC.version_filter(scheme, version))
        fids += [f.GetFID() for f in lyr]
    lyr.SetAttributeFilter(None)
    ds.StartTransaction()
    for fid in fids:
        lyr.DeleteFeature(fid)
    ds.CommitTransaction()
    ds = None
    return len(fids)


def run(ctx: dict) -> dict:
    """Run the zoning chain on the demo city; returns {step: result dict} and records outputs in ctx."""
    import processing
    from qgis.core import QgsFeatureRequest

    from gw_plugin.core.zoning import compare as ZC
    from gw_plugin.core.zoning import drastic as DR

    db, out = ctx["database"], ctx["out"]
    rasters = os.path.join(out, "rasters")
    work = os.path.join(out, "zoning")
    os.makedirs(work, exist_ok=True)
    results = {}

    # Rating tables of the demo's class-coded media rasters (class codes -> DRASTIC categories by name).
    tables, notes = DR.tables_from_classes_json(os.path.join(rasters, "classes.json"))
    table_path = os.path.join(work, "drastic_ratings_demo.json")
    with open(table_path, "w", encoding="utf-8") as fh:
        json.dump(tables, fh, ensure_ascii=False, indent=1)
    params = {f"{stem}_RASTER": os.path.join(rasters, f"{name}.tif") for stem, name in FACTOR_RASTERS.items()}
    params.update(
        {
            "RATING_TABLE": table_path,
            "WEIGHTS": 0,
            "OUTPUT": os.path.join(work, "drastic_index.tif"),
            "OUTPUT_CLASSES": os.path.join(work, "drastic_classes.tif"),
        }
    )
    results["drastic"] = d = processing.run("gwplugin:drastic", params)
    print(f"   DRASTIC index {d['INDEX_MIN']:.0f}-{d['INDEX_MAX']:.0f} on {d['VALID_CELLS']} cells")

    results["sourceload"] = load = processing.run(
        "gwplugin:sourceload",
        {
            "SOURCES": _layer(db, "pollution_sources"),
            "REFERENCE": d["OUTPUT"],
            "OUTPUT": os.path.join(work, "source_load.tif"),
        },
    )
    print(f"   source load from {load['SOURCES_USED']} sources, max {load['MAX_LOAD']:.1f}")

    zones, illustrative = _zones_layer(db)
    if illustrative:
        print(f"   no protection zones in the database: illustrative rings {DEMO_ZONE_RADII_M} m around the sources")
    wells = _layer(db, "monitoring_wells")
    value_params = {
        "PROTECTION_ZONES": zones,
        "RECHARGE_ZONES": _layer(db, "recharge_zones"),
        "WATER_SOURCES": _layer(db, "drinking_water_sources"),
        "REFERENCE": d["OUTPUT"],
        "OUTPUT": os.path.join(work, "function_value.tif"),
    }
    if wells.fields().lookupField("latest_class") >= 0:
        classified = wells.materialize(QgsFeatureRequest().setFilterExpression('"latest_class" IS NOT NULL'))
        if classified.featureCount():
            value_params.update({"QUALITY_POINTS": classified, "QUALITY_FIELD": "latest_class"})
    results["functionvalue"] = value = processing.run("gwplugin:functionvalue", value_params)
    print(f"   function value from {value['ZONES_USED']} zones")

    # Pollution status from a pollution assessment against background values. The demo has no surveyed background:
    # the 95th percentile of the whole city stands in for it (illustrative; a city gives its background table).
    results["pollutionstatus"] = status = processing.run(
        "gwplugin:pollutionstatus",
        {
            "DATABASE": db,
            "REFERENCE_AREA": _layer(db, "admin_units"),
            "PERCENTILE": 95,
            "REFERENCE": d["OUTPUT"],
            "OUTPUT": os.path.join(work, "pollution_status.tif"),
        },
    )
    print(f"   pollution status (assessment against the city's 95th percentile) from {status['WELLS_USED']} wells")

    _drop_versions(db, VERSIONS)  # a re-run of this step replaces its own versions instead of adding copies
    for scheme, index, version in VERSIONS:
        res = processing.run(
            "gwplugin:zoning",
            {
                "VULNERABILITY": d["OUTPUT"],
                "SOURCE_LOAD": load["OUTPUT"],
                "FUNCTION_VALUE": value["OUTPUT"],
                "POLLUTION": status["OUTPUT"],
                "POLLUTION_KIND": 0,
                "SCHEME": index,
                "ADMIN_UNITS": _layer(db, "admin_units"),
                "PROTECTION_ZONES": zones,
                "RECHARGE_ZONES": _layer(db, "recharge_zones"),
                "VERSION": version,
                "GPKG": db,
                "OUTPUT": os.path.join(work, f"zones_{scheme}.gpkg"),
                "COUNTY_STATS": os.path.join(work, f"zone_area_by_county_{scheme}.csv"),
            },
        )
        results[f"zoning_{scheme}"] = res
        print(f"   scheme {scheme}: {res['APPENDED']} zones appended to zoning_units ('{version}')")
        ctx["outputs"][f"Zone area by county ({scheme}) / 分区面积统计"] = res["COUNTY_STATS"]

    cmp_path = os.path.join(work, "zoning_changes.gpkg")
    if os.path.exists(cmp_path):
        os.remove(cmp_path)
    # two schemes: compared only through an explicit class mapping (shown in the output)
    mapping = ZC.parse_class_map(ZC.SUGGESTED_CLASS_MAPS[("2019", "2023")])
    a, b = (VERSIONS[0][0], VERSIONS[0][2]), (VERSIONS[1][0], VERSIONS[1][2])
    cmp = ZC.compare_versions(db, a, b, cmp_path, class_map=mapping)
    results["compare"] = cmp
    print(
        f"   2019 -> 2023 (classes mapped {ZC.SUGGESTED_CLASS_MAPS[('2019', '2023')]}): {len(cmp.transitions)} class "
        f"changes over {cmp.changed_km2:.1f} km², {cmp.unchanged_km2:.1f} km² corresponding"
    )

    for lang in ("zh", "en"):
        m = processing.run(
            "gwplugin:exportmap",
            {
                "PROJECT": ctx["project_path"],
                "MAP": 1,
                "PAPER": 0,
                "ORIENTATION": 0,
                "LANG": 0 if lang == "zh" else 1,
                "OUTPUT_PDF": os.path.join(out, f"zoning_map_{lang}.pdf"),
                "OUTPUT_PNG": os.path.join(out, f"zoning_map_{lang}.png"),
            },
        )
        results[f"map_{lang}"] = m
        ctx["outputs"][f"Zoning map ({lang}, pdf) / 分区图"] = m["OUTPUT_PDF"]
        ctx["outputs"][f"Zoning map ({lang}, png)"] = m["OUTPUT_PNG"]

    from gw_plugin.core.maps.products import MAPS

    for product, raster in (
        ("vulnerability", d["OUTPUT"]),
        ("source_load", load["OUTPUT"]),
        ("function_value", value["OUTPUT"]),
        ("pollution_status", status["OUTPUT"]),
    ):
        for lang in ("zh", "en"):
            m = processing.run(
                "gwplugin:exportmap",
                {
                    "PROJECT": ctx["project_path"],
                    "MAP": MAPS.index(product),
                    "RASTER": raster,
                    "PAPER": 0,
                    "ORIENTATION": 0,
                    "LANG": 0 if lang == "zh" else 1,
                    "OUTPUT_PDF": os.path.join(out, f"{product}_map_{lang}.pdf"),
                },
            )
            results[f"map_{product}_{lang}"] = m
            ctx["outputs"][f"{product} map ({lang}, pdf)"] = m["OUTPUT_PDF"]

    ctx["outputs"]["DRASTIC index / 脆弱性指数"] = d["OUTPUT"]
    ctx["outputs"]["Pollution status / 污染现状"] = status["OUTPUT"]
    ctx["outputs"]["Source load / 污染源荷载"] = load["OUTPUT"]
    ctx["outputs"]["Function value / 功能价值"] = value["OUTPUT"]
    ctx["outputs"]["Zoning changes 2019 -> 2023 / 分区变化"] = cmp_path
    return results
