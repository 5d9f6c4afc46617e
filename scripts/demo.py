"""`make demo`: the main job on the built-in demo city, headless.

Builds the demo city (GeoPackage + styled QGIS project), renders the overview map to PDF and PNG, and prints where
every output is. Each later feature adds one step to STEPS.
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

    res = processing.run(
        "gwplugin:builddemo", {"OUTPUT_FOLDER": ctx["out"], "SEED": ctx["seed"], "CRS": "EPSG:4547"}
    )
    ctx["database"] = res["DATABASE"]
    ctx["project_path"] = res["PROJECT"]
    ctx["outputs"]["Demo database / 示例数据库"] = res["DATABASE"]
    ctx["outputs"]["QGIS project / QGIS工程"] = res["PROJECT"]


def step_overview_map(ctx: dict) -> None:
    from qgis.core import QgsProject

    from gw_plugin.core import mapexport

    project = QgsProject.instance()
    project.clear()
    if not project.read(ctx["project_path"]):
        raise RuntimeError(f"cannot read {ctx['project_path']}")
    for lang in ("zh", "en"):
        written = mapexport.export_overview(project, ctx["out"], lang=lang, city_name=ctx.get("city_name", ""))
        for kind, path in written.items():
            ctx["outputs"][f"Overview map ({lang}, {kind})"] = path


STEPS = [
    ("Build the demo city", step_build),
    ("Render the overview map", step_overview_map),
]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--output", default=os.path.join("build", "demo"))
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    out = os.path.abspath(args.output)
    os.makedirs(out, exist_ok=True)
    start_qgis()
    ctx = {"out": out, "seed": args.seed, "outputs": {}}
    for title, step in STEPS:
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
