"""`make demo`: the main job on the built-in demo city, headless.

Builds the demo city (GeoPackage + styled QGIS project), renders the overview map to PDF and PNG, and prints where
every output is. Each later feature adds one step to STEPS.

--lang zh|en: the language of the project's layer names, legends and county labels (default: the plugin's language,
the one QGIS runs in: QGIS's locale setting, else the system's). --project-only writes only the project (into
--output, named --project-name) for a demo city already built there: `make screenshots` writes an English one for
the English shots.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from scripts.qgis_env import start_qgis  # noqa: E402


def step_build(ctx: dict) -> None:
    import processing

    # the project as a new user opens it: per-aquifer class layers built, the city as start extent
    lang = LANG_CHOICES.index(ctx["lang"]) if ctx.get("lang") else 0  # builddemo's LANG: 0 = the plugin's language
    res = processing.run(
        "gwplugin:builddemo", {"OUTPUT_FOLDER": ctx["out"], "SEED": ctx["seed"], "CRS": "EPSG:4547", "LANG": lang}
    )
    ctx["database"] = res["DATABASE"]
    ctx["project_path"] = res["PROJECT"]
    ctx["outputs"]["Demo database / 示例数据库"] = res["DATABASE"]
    ctx["outputs"]["QGIS project / QGIS工程"] = res["PROJECT"]


def step_overview_map(ctx: dict) -> None:
    from qgis.core import QgsProject

    from gw_plugin.core.maps import overview

    project = QgsProject.instance()
    project.clear()
    if not project.read(ctx["project_path"]):
        raise RuntimeError(f"cannot read {ctx['project_path']}")
    for lang in ("zh", "en"):
        written = overview.export_overview(project, ctx["out"], lang=lang, city_name=ctx.get("city_name", ""))
        for kind, path in written.items():
            ctx["outputs"][f"Overview map ({lang}, {kind})"] = path


def step_lab_import(ctx: dict) -> None:
    """A lab file as the bureau receives it (wide layout, GB18030, units and bases in the headers, lab notations)
    for 2025 Q1, imported (core/demo/labfile.py writes it)."""
    import processing

    from gw_plugin.core.demo import labfile

    path = labfile.write_lab_file(ctx["database"], ctx["out"])
    res = processing.run(
        "gwplugin:importsamples",
        {"INPUT": path, "DATABASE": ctx["database"], "REPORT": os.path.join(ctx["out"], "demo_lab_report.csv")},
    )
    ctx["outputs"]["Demo lab file / 示例检测报告"] = path
    print(f"   imported {res['RESULTS']} results in {res['SAMPLES']} new samples")


def step_well_quality(ctx: dict) -> None:
    import processing

    res = processing.run("gwplugin:updatewellquality", {"DATABASE": ctx["database"]})
    print(f"   {res['WELLS']} wells have a latest GB/T 14848 class")
    for alg, name, params in (
        ("gwplugin:trend", "nitrate_trend.gpkg", {"PARAMETER": "硝酸盐"}),
        ("gwplugin:nitraterisk", "nitrate_risk.gpkg", {}),
    ):
        out = os.path.join(ctx["out"], name)
        if os.path.exists(out):
            os.remove(out)
        processing.run(alg, {"DATABASE": ctx["database"], "OUTPUT": out, **params})
        ctx["outputs"][f"{alg.split(':')[1]} layer"] = out


def step_levels(ctx: dict) -> None:
    """The flow field of the phreatic layer from the 2024 water levels (contours, head raster, arrows) and the gaps of
    its monitoring network (flow direction from the same heads), written into the demo folder."""
    import processing
    from osgeo import ogr

    window = {"DATE_FROM": "2024-01-01", "DATE_TO": "2024-12-31", "AQUIFER_LAYER": "phreatic"}
    paths = {k: os.path.join(ctx["out"], n) for k, n in (("contours", "flowfield_contours.gpkg"),
             ("raster", "flowfield_heads.tif"), ("arrows", "flowfield_arrows.gpkg"), ("gaps", "network_gaps.gpkg"),
             ("areas", "network_gap_areas.gpkg"))}  # fmt: skip
    for path in paths.values():
        if os.path.exists(path):
            os.remove(path)
    res = processing.run(
        "gwplugin:flowfield",
        {"DATABASE": ctx["database"], **window, "CELL_SIZE": 100.0, "INTERVAL": 1.0, "ARROW_SPACING": 1000.0,
         "OUTPUT": paths["contours"], "OUTPUT_RASTER": paths["raster"], "OUTPUT_ARROWS": paths["arrows"]},
    )  # fmt: skip
    print(f"   GRADIENT={res['GRADIENT']:.5f} AZIMUTH={res['AZIMUTH']:.1f} R2={res['R2']:.3f} ({res['N_WELLS']} wells)")
    gaps = processing.run(
        "gwplugin:networkgaps",
        {"DATABASE": ctx["database"], **window, "DISTANCE": 1000.0, "HALF_ANGLE": 45.0,
         "KM2_PER_WELL": 50.0,  # a demo density, not a plan's figure
         "OUTPUT": paths["gaps"], "OUTPUT_AREAS": paths["areas"]},
    )  # fmt: skip
    ds = ogr.Open(paths["gaps"])
    kinds: dict = {}
    for f in ds.GetLayer(0):
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    ds = None
    counts = ", ".join(f"{k}={kinds.get(k, 0)}" for k in ("source", "recharge_zone", "county"))
    print(f"   GAPS={gaps['GAPS']} ({counts}), flow towards {gaps['AZIMUTH_USED']:.1f}°")
    for label, key in (("Flow-field contours / 等水位线", "contours"), ("Head raster / 水位栅格", "raster"),
                       ("Flow arrows / 流向箭头", "arrows"), ("Network gaps / 监测网缺口", "gaps"),
                       ("Network gap areas / 缺口区域", "areas")):  # fmt: skip
        ctx["outputs"][label] = paths[key]


def step_publish(ctx: dict) -> None:
    """Start a local PostgreSQL/PostGIS platform, publish a copy of the demo city by its first sync, check it out
    for one county, and stop the platform again (it lives only for this run)."""
    import shutil

    import processing

    from gw_plugin.core.sync import server_schema as P
    from scripts.localpg import PgCluster

    cluster = PgCluster()
    if not cluster.available():
        print("   PostgreSQL 15 + PostGIS not installed: skipped (apt-get install postgresql-15-postgis-3)")
        return
    cluster.start()
    try:
        ci = cluster.conninfo(cluster.create_database("gw_demo"))
        processing.run("gwplugin:initplatform", {"PLATFORM": ci, "CRS": "EPSG:4547"})
        published = os.path.join(ctx["out"], "platform_published.gpkg")
        shutil.copy2(ctx["database"], published)  # the demo file itself stays unlinked to this throw-away server
        res = processing.run("gwplugin:sync", {"DATABASE": published, "PLATFORM": ci})
        print(f"   published: {res.get('PUSHED', '?')} rows pushed to the platform")
        problems = P.integrity_check(ci)
        print(f"   platform integrity check: {'sound' if not problems else problems}")
        county = os.path.join(ctx["out"], "checkout_419901.gpkg")
        if os.path.exists(county):
            os.remove(county)
        processing.run("gwplugin:checkout", {"PLATFORM": ci, "COUNTIES": "419901", "OUTPUT": county})
        ctx["outputs"]["Published copy (tracked) / 已发布副本"] = published
        ctx["outputs"]["County checkout 419901 / 县区离线副本"] = county
    finally:
        cluster.stop()


def _feature_step(module: str):
    """A step implemented by scripts/<module>.py (function run(ctx))."""

    def step(ctx: dict) -> None:
        import importlib

        importlib.import_module(f"scripts.{module}").run(ctx)

    step.module = module
    return step


STEPS = [
    ("Build the demo city", step_build),
    ("Import a lab file", step_lab_import),
    ("Classify wells (GB/T 14848), trends and nitrate risk", step_well_quality),
    ("Water levels, flow field and network gaps", step_levels),
    ("Rosters, spot check and pilot-zone indicators", _feature_step("demo_sources")),
    ("Soil pilot area: sites, screening, survey checks, hidden dangers", _feature_step("demo_soil")),
    ("Protection, capture and time-of-travel zones", _feature_step("demo_zones")),
    ("Vulnerability, source load, function value and zoning", _feature_step("demo_zoning")),
    ("Render the overview map", step_overview_map),
    ("Publish to a local city platform (PostGIS) and check out a county", step_publish),
]


#: builddemo's LANG choices after "the plugin's language" (index 0)
LANG_CHOICES = [None, "zh", "en"]


def _available(module: str) -> bool:
    return os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{module}.py"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--output", default=os.path.join("build", "demo"))
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--lang", choices=LANG_CHOICES[1:], help="language of the project (default: the plugin's)")
    ap.add_argument("--project-only", action="store_true", help="only write the project of a demo built in --output")
    ap.add_argument("--project-name", default="demo_city.qgz", help="file name of the project (with --project-only)")
    args = ap.parse_args(argv)
    out = os.path.abspath(args.output)
    os.makedirs(out, exist_ok=True)
    start_qgis()
    if args.project_only:
        from gw_plugin.core.demo import build

        if not os.path.exists(os.path.join(out, build.DATABASE_NAME)):
            print(f"demo: no {build.DATABASE_NAME} in {out}: run `make demo OUT={out}` first", file=sys.stderr)
            return 1
        print(build.write_demo_project(out, lang=args.lang, name=args.project_name))
        return 0
    ctx = {"out": out, "seed": args.seed, "lang": args.lang, "outputs": {}}
    for title, step in STEPS:
        if hasattr(step, "module") and not _available(step.module):
            print(f"== {title}: not available in this build, skipped")
            continue
        t0 = time.time()
        print(f"== {title} ...", flush=True)
        step(ctx)
        print(f"   done in {time.time() - t0:.1f} s", flush=True)
    print("\nOutputs / 输出:")
    for label, path in ctx["outputs"].items():
        print(f"  {label}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
