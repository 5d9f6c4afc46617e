"""`make demo` step: protection, capture and time-of-travel zones for every demo drinking-water source, the zone
checks, the pollution sources inside the zones (gwplugin:sourcesinzones, with an Excel list) and a map page.

For every source: HJ 338 class I / class II zones by the formula R = alpha K I T / n (one per source, the union of
its production wells' circles), and per production well a steady capture zone with 100 d and 1000 d
time-of-travel zones. The wells of a source are one well field computed as one flow field (superposition: the
zones of its wells do not overlap and together make the source's zone; a lone well uses the single-well solution,
Grubb 1993); the riverside source adds the river reach next to its wells as a head-specified line (every feature
of context/river.gpkg merged; line sinks where it bends, timml when installed). Aquifer values are illustrative
demo values, recorded with every zone in its ``parameters`` JSON. Called by scripts/demo.py as ``run(ctx)``.
"""

from __future__ import annotations

import os
import sqlite3
import time

DEMO_AUTHOR = "gw_plugin demo"

#: Illustrative aquifer values per source type (demo only, not from a standard): K m/d, regional gradient,
#: porosity, saturated thickness m, flow azimuth (towards, degrees from north), up-gradient closing length m.
AQUIFER = {
    "riverside": {"K": 60.0, "GRADIENT": 0.002, "POROSITY": 0.25, "THICKNESS": 30.0, "FLOW_AZIMUTH": 0.0,
                  "UPGRADIENT_LENGTH": 4000.0},
    "well_field": {"K": 25.0, "GRADIENT": 0.002, "POROSITY": 0.2, "THICKNESS": 40.0, "FLOW_AZIMUTH": 90.0,
                   "UPGRADIENT_LENGTH": 3000.0},
    "karst_spring": {"K": 20.0, "GRADIENT": 0.004, "POROSITY": 0.05, "THICKNESS": 60.0, "FLOW_AZIMUTH": 135.0,
                     "UPGRADIENT_LENGTH": 3000.0},
}  # fmt: skip
#: HJ 338 formula inputs per source type (illustrative demo values): the radius of influence from which I, the
#: gradient within the cone of depression, is estimated (Thiem, core/zones/methods.cone_gradient), and the
#: aquifer medium the radii are checked against (empirical table, unverified values).
HJ338 = {
    "riverside": {"RADIUS_OF_INFLUENCE": 300.0, "MEDIUM": "coarse_sand"},
    "well_field": {"RADIUS_OF_INFLUENCE": 500.0, "MEDIUM": "medium_sand"},
    "karst_spring": {"RADIUS_OF_INFLUENCE": 800.0, "MEDIUM": "karst"},  # the table has porous media only: no check
}


def demo_wells(db: str) -> dict:
    """{source uuid: (source row dict, [WellInput])} for the production wells (with a pumping rate)."""
    from gw_plugin.core.sources import rosters as R
    from gw_plugin.core.zones import writer as W

    con = sqlite3.connect(db)
    try:
        sources = {
            r[0]: {"uuid": r[0], "source_code": r[1], "name_zh": r[2], "source_type": r[3], "county_code": r[4]}
            for r in con.execute(
                "SELECT uuid, source_code, name_zh, source_type, county_code FROM drinking_water_sources "
                "ORDER BY source_code"
            )
        }
        rows = con.execute(
            "SELECT uuid, well_code, water_source_uuid, county_code, pumping_rate_m3d, geom FROM monitoring_wells "
            "WHERE water_source_uuid IS NOT NULL AND pumping_rate_m3d > 0 ORDER BY well_code"
        ).fetchall()
    finally:
        con.close()
    out = {u: (s, []) for u, s in sources.items()}
    for u, code, ws, cc, q, g in rows:
        if ws not in out:
            continue
        x, y = R.point_xy(g)
        out[ws][1].append(W.WellInput(u, x, y, ws, cc, code, {"Q": float(q)}))
    return out


def compute_all(db: str, river_path: str | None, log=print) -> list:
    """ZoneFeatures for every demo source (see the module docstring)."""
    from gw_plugin.core.zones import writer as W

    lines = W.read_lines(river_path) if river_path and os.path.exists(river_path) else []
    zones = []
    for _ws, (src, wells) in demo_wells(db).items():
        if not wells:
            continue
        aq = AQUIFER.get(src["source_type"], AQUIFER["well_field"])
        t0 = time.time()
        hj = HJ338.get(src["source_type"], HJ338["well_field"])
        zones += W.compute_zones(
            "hj338_formula",
            wells,
            {"K": aq["K"], "POROSITY": aq["POROSITY"], "THICKNESS": aq["THICKNESS"], "GRADIENT": aq["GRADIENT"], **hj},
        )
        params = dict(aq, TRAVEL_TIMES="100,1000")
        if src["source_type"] == "riverside" and lines:
            qs = [float(w.values["Q"]) for w in wells]
            river, note = W.river_for_field(lines, [(w.x, w.y) for w in wells], params, qs)
            if note:
                log(f"   {src['source_code']}: {note}")
            # regional flow towards the river, perpendicular to the local chord
            if river is not None:
                import math

                d = river.direction
                side = river.side(complex(wells[0].x, wells[0].y))
                n = d * (-1j if side > 0 else 1j)  # unit normal pointing from the wells to the river
                params["FLOW_AZIMUTH"] = round(math.degrees(math.atan2(n.real, n.imag)) % 360.0, 1)
            zones += W.compute_zones("aem", wells, params, river=river, river_note=note)
            how = "aem + river" if river is not None else "aem (no usable river reach)"
        else:
            zones += W.compute_zones("uniform_flow", wells, params)
            how = "uniform_flow, one flow field" if len(wells) > 1 else "uniform_flow, single well"
        log(f"   {src['source_code']} {src['name_zh']}: {len(wells)} wells, {how}, {time.time() - t0:.1f} s")
    return zones


def write_all(db: str, zones: list) -> dict:
    """Replace earlier demo zones and write ``zones`` through the layers' edit buffers; commit."""
    from qgis.core import QgsVectorLayer

    from gw_plugin.core.zones import writer as W

    con = sqlite3.connect(db)
    try:
        for t in ("protection_zones", "recharge_zones"):
            con.execute(f"DELETE FROM {t} WHERE created_by = ?", (DEMO_AUTHOR,))
        con.commit()
    finally:
        con.close()
    layers = {t: QgsVectorLayer(f"{db}|layername={t}", t, "ogr") for t in ("protection_zones", "recharge_zones")}
    added = W.write_zones(zones, layers, author=DEMO_AUTHOR, command="Demo zones")
    for t, layer in layers.items():
        if layer.isEditable() and not layer.commitChanges():
            raise RuntimeError(f"{t}: {layer.commitErrors()}")
    return added


def run(ctx: dict) -> None:
    import processing
    from qgis.core import QgsProject, QgsVectorLayer
    from qgis.PyQt.QtGui import QColor

    from gw_plugin.core.data.qgis_project import project_layers
    from gw_plugin.core.maps import layout
    from gw_plugin.core.zones import checks

    db = ctx["database"]
    out = ctx["out"]
    river_path = os.path.join(os.path.dirname(db), "context", "river.gpkg")
    zones = compute_all(db, river_path)
    added = write_all(db, zones)
    print(f"   {len(added.get('protection_zones', []))} protection zones, "
          f"{len(added.get('recharge_zones', []))} capture / time-of-travel zones written")  # fmt: skip

    project = QgsProject.instance()
    project.clear()
    if not project.read(ctx["project_path"]):
        raise RuntimeError(f"cannot read {ctx['project_path']}")
    layers = project_layers(project, db) or project_layers(project)
    pz, rz = layers["protection_zones"], layers["recharge_zones"]
    for layer in (pz, rz):
        layer.dataProvider().reloadData()
        layer.reload()
    report = checks.check_layers([pz, rz], project)
    report_path = report.write_csv(os.path.join(out, "demo_zone_checks.csv"))
    print("   " + report.text().splitlines()[0])
    ctx["outputs"]["Zone checks / 分区检查"] = report_path

    inside_layers = []
    for table, layer, label, title in (
        ("recharge_zones", rz, "Sources in zones / 补给区内污染源 (xlsx)", "补给区内污染源"),
        ("protection_zones", pz, "Sources in protection zones / 保护区内污染源 (xlsx)", "保护区内污染源"),
    ):
        stem = "demo_sources_in_zones" if table == "recharge_zones" else "demo_sources_in_protection_zones"
        xlsx, inside = os.path.join(out, stem + ".xlsx"), os.path.join(out, stem + ".gpkg")
        for p in (xlsx, inside):
            if os.path.exists(p):
                os.remove(p)
        res = processing.run(
            "gwplugin:sourcesinzones",
            {
                "ZONES": layer,
                "SOURCES": layers["pollution_sources"],
                "WELLS": layers["monitoring_wells"],
                "ALL_CATEGORIES": True,
                "OUTPUT": inside,
                "XLSX": xlsx,
            },
        )
        print(f"   {res.get('N_ROWS', 0)} (zone, pollution source) pairs inside the {table}")
        ctx["outputs"][label] = res.get("XLSX", xlsx)
        inside_layer = QgsVectorLayer(res["OUTPUT"], title, "ogr")
        inside_layer.renderer().symbol().setColor(QColor("#d7301f" if table == "protection_zones" else "#fc8d59"))
        inside_layer.renderer().symbol().setSize(3.2 if table == "protection_zones" else 2.6)
        project.addMapLayer(inside_layer, False)
        inside_layers.insert(0, inside_layer)
    map_layers = [*inside_layers, layers["drinking_water_sources"], pz, rz]
    for ctx_layer in project.mapLayers().values():
        if ctx_layer.customProperty("gw_plugin/context") == "river":
            map_layers.append(ctx_layer)
    if "admin_units" in layers:
        map_layers.append(layers["admin_units"])
    extent = None
    for layer in (pz, rz):
        e = layer.extent()
        if extent is None:
            extent = e
        else:
            extent.combineExtentWith(e)
    if extent is not None:
        extent = extent.buffered(1500.0)
    written = layout.export_map(
        project,
        os.path.join(out, "demo_zones.pdf"),
        os.path.join(out, "demo_zones.png"),
        title="饮用水水源保护区、补给区与区内污染源",
        subtitle=ctx.get("city_name", "") or "示例城市",
        layers=map_layers,
        extent=extent,
        lang="zh",
        notes="HJ 338 公式 R=α·K·I·T/n（一级 T=100 d，二级 T=1000 d，α=1.5；I 为降落漏斗内水力坡度，由影响半径按 Thiem 公式估算）；捕获区与 100 d / 1000 d 运移时间区："
        "同一水源地的井群按同一流场叠加计算（各井捕获区互不重叠，合为水源地捕获区；单井为 Grubb 1993 解析解），"
        "傍河水源地含河流（定水头边界，沿河道弯曲）。含水层参数为示例值。",
        data_sources="示例数据（gw_plugin 内置示例城市）",
    )
    for kind, path in written.items():
        ctx["outputs"][f"Zones map / 保护区与补给区图 ({kind})"] = path
    for layer in inside_layers:
        project.removeMapLayer(layer.id())
