"""The deterministic demo city: a fictional prefecture-level city on a Yellow-River-like alluvial plain.

``build_demo(folder, seed)`` writes, from nothing but a seed,

- ``folder/demo_city.gpkg``: a project GeoPackage (core/data/gpkg.py) filled with six counties that tile the city, a few
  hundred monitoring wells of every type and several aquifer layers, drinking-water sources with their production
  wells, pollution sources of every category (a chemical park, an electroplating cluster, landfills, mines in the
  south-western hills ...), sites, abandoned wells, inspections, roster entries and five years (2020-2024) of
  quarterly GB/T 14848-2017 samples with realistic distributions and plumes. Protection zones, recharge zones and
  zoning units stay empty: later tools compute them.
- ``folder/rasters/*.tif``: 100 m GeoTIFF inputs for vulnerability work (depth to water, net recharge, slope,
  aquifer / soil / vadose media, hydraulic conductivity, land use) with nodata outside the city, and
  ``folder/rasters/classes.json`` describing the class codes.
- ``folder/context/*.gpkg``: context layers the schema has no table for: the river (a meandering line), the urban
  areas and the industrial parks.

Same seed, same bytes in every table (uuids come from the seeded generator, timestamps are fixed); another seed
gives another city. Everything is built in a staging folder and moved into place at the end, so a failed or
canceled run leaves nothing half-written. The geography is modelled in EPSG:4547 (CGCS2000 / 3-degree GK CM
114E) around 113.95E 34.72N and transformed when another CGCS2000 Gauss-Kruger CRS is asked for.

This module runs the build; the parts live next to it: geometry.py (plane shapes and noise), geography.py (the
landscape and the raster grid), rasters.py, placement.py, names.py, builder.py (rows under construction),
pollution.py and wells.py (the table-filling steps), samples.py (water quality) and writer.py (the files).
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from typing import Callable, Optional

from osgeo import osr

from ...toolbelt.i18n import is_zh, ui_language
from ...toolbelt.ogr import srs, transformation
from ..data import gpkg
from ..data import schema as S
from ..soil import demo as soil_demo
from ..sources import site_class
from . import names as N
from .builder import CREATED_BY, FIXED_TIMESTAMP, Builder, add_admin_units
from .geography import MODEL_CRS, Geo
from .levels import make_levels
from .pollution import add_inspections, add_pollution_sources, add_rosters, add_sites
from .rasters import model_rasters, write_rasters
from .samples import make_samples, read_gbt14848
from .wells import add_abandoned_wells, add_monitoring_wells, add_water_sources
from .writer import write_context, write_database

osr.UseExceptions()

DATABASE_NAME = "demo_city.gpkg"
PROJECT_NAME = "demo_city.qgz"
DEMO_PLAN = "zhengzhou_2022"  # the shipped plan the demo city is measured against (scripts/demo_sources.py PLAN_ID)
PLAN_SCOPE, PLAN_KEY = "gw_plugin", "plan"  # the project's plan entry, read by gui/sources/indicator_dashboard.py

Progress = Optional[Callable[[float], None]]
Canceled = Optional[Callable[[], bool]]


class DemoCanceled(Exception):  # noqa: N818 (name given by the issue)
    """The demo build was canceled; nothing was written to the destination folder."""


@dataclass
class DemoResult:
    database: str
    rasters: dict
    counts: dict
    city: dict
    context: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------------------
# Progress and cancellation
# ---------------------------------------------------------------------------------------------------------------
class _Run:
    """Progress and cancellation for one build."""

    def __init__(self, progress: Progress, is_canceled: Canceled):
        self._progress = progress
        self._is_canceled = is_canceled

    def step(self, percent: float, check: bool = True) -> None:
        if check:
            self.check()
        if self._progress is not None:
            self._progress(float(max(0.0, min(100.0, percent))))

    def check(self) -> None:
        if self._is_canceled is not None and self._is_canceled():
            raise DemoCanceled("The demo build was canceled; nothing was written.")


# ---------------------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------------------
def build_demo(
    folder: str,
    seed: int = 42,
    crs: str = S.DEFAULT_CRS,
    progress: Progress = None,
    is_canceled: Canceled = None,
) -> DemoResult:
    """Build the demo city into ``folder`` (created if needed; earlier demo files there are replaced).

    ``progress`` receives percentages 0-100; when ``is_canceled()`` turns true the build stops with
    :class:`DemoCanceled` and the folder is left as it was.
    """
    if not gpkg.crs_is_allowed(crs):
        raise gpkg.SchemaError(f"{crs} is not a projected CGCS2000 3-degree Gauss-Kruger CRS (EPSG:4513-4554).")
    crs = crs.upper()
    run = _Run(progress, is_canceled)
    run.step(0)
    folder = os.path.abspath(folder)
    os.makedirs(folder, exist_ok=True)
    stage = os.path.join(folder, f".demo_build_{os.getpid()}")
    if os.path.exists(stage):
        shutil.rmtree(stage)
    os.makedirs(stage)
    try:
        result = _build(stage, folder, int(seed), crs, run)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    shutil.rmtree(stage, ignore_errors=True)
    run.step(100, check=False)  # the files are in place: too late to cancel
    return result


def write_demo_project(folder: str, lang: str | None = None, name: str = PROJECT_NAME) -> str:
    """Write ``folder/<name>`` (demo_city.qgz) for the demo city built in ``folder``: the database's styled layers,
    the rasters (hidden) and context layers, the per-aquifer class layers already built (the plain wells layer,
    coloured by type, hidden under them) and the city's counties as start extent. Layer names, legends, forms and
    county labels are in ``lang`` ('zh' or 'en'); without one, in the plugin's language (the language QGIS runs in,
    toolbelt/i18n.ui_language). Returns the project's path."""
    from ..data import qgis_project  # imported here: the map-layer machinery only when a project is written
    from ..wells import aquifer_layers

    lang = ("zh" if is_zh(lang) else "en") if lang else ui_language()
    folder = os.path.abspath(folder)
    database = os.path.join(folder, DATABASE_NAME)

    def in_folder(sub: str, suffix: str) -> dict:
        path = os.path.join(folder, sub)
        names = sorted(n for n in os.listdir(path) if n.endswith(suffix)) if os.path.isdir(path) else []
        return {n[: -len(suffix)]: os.path.join(path, n) for n in names}

    def add_aquifer_layers(project) -> None:
        aquifer_layers.build_aquifer_layers(project, database, lang)
        wells = qgis_project.project_layers(project, database).get(aquifer_layers.WELLS_TABLE)
        node = project.layerTreeRoot().findLayer(wells.id()) if wells is not None else None
        if node is not None:
            node.setItemVisibilityChecked(False)
        # the indicator dashboard starts on the plan the demo's figures are made for (scripts/demo_sources.py)
        project.writeEntry(PLAN_SCOPE, PLAN_KEY, DEMO_PLAN)

    context = in_folder("context", ".gpkg")
    return qgis_project.write_project(
        database,
        os.path.join(folder, name),
        lang=lang,
        extra_rasters=in_folder("rasters", ".tif"),
        context_layers=[context[k] for k in sorted(context)],
        prepare=add_aquifer_layers,
    )


def _add_soil(database: str, seed: int) -> dict:
    """The soil pilot area's data (issue 19, core/soil/demo.py) up to the demo's own date, the sites' co-management
    class written back, and the soil rows made reproducible; returns the new row counts of the tables it fills."""
    today = _dt.date.fromisoformat(FIXED_TIMESTAMP[:10])
    soil_demo.add_soil_demo(database, seed, today=today)
    site_class.write_back(database, CREATED_BY)
    soil_demo.make_reproducible(database, seed, FIXED_TIMESTAMP, CREATED_BY)
    con = sqlite3.connect(database)
    try:
        return {t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in S.TABLES}
    finally:
        con.close()


def _build(stage: str, folder: str, seed: int, crs: str, run: _Run) -> DemoResult:
    model_srs = srs(MODEL_CRS)
    ct = transformation(model_srs, crs, skip_same=False) if crs != MODEL_CRS else None

    geo = Geo(seed)
    run.step(5)
    arrays = model_rasters(geo, model_srs)
    run.step(15)
    b = Builder(seed, geo, arrays)
    add_admin_units(b)
    add_pollution_sources(b)
    run.step(25)
    add_sites(b)
    add_water_sources(b)
    add_monitoring_wells(b)
    run.step(40)
    add_abandoned_wells(b)
    add_inspections(b)
    add_rosters(b)
    run.step(45)
    ref = read_gbt14848()
    samples, results = make_samples(b, ref, run)
    levels = make_levels(b, seed)
    run.step(85)

    db_stage = os.path.join(stage, DATABASE_NAME)
    counts = write_database(db_stage, b, samples, results, seed, crs, ct, run, levels=levels)
    run.step(90)
    counts.update(_add_soil(db_stage, seed))
    run.step(92)
    raster_paths = write_rasters(geo, arrays, os.path.join(stage, "rasters"), crs)
    context_paths = write_context(os.path.join(stage, "context"), geo, crs, ct)
    run.step(97)

    # Move into place: rasters and context first, the database last (its presence means "complete"). No
    # cancellation check from here on: the last one was in run.step(97).
    final_rasters, final_context = {}, {}
    for sub, staged, final in (("rasters", raster_paths, final_rasters), ("context", context_paths, final_context)):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
        for name, p in staged.items():
            dest = os.path.join(folder, sub, os.path.basename(p))
            os.replace(p, dest)
            final[name] = dest
    os.replace(os.path.join(stage, "rasters", "classes.json"), os.path.join(folder, "rasters", "classes.json"))
    database = os.path.join(folder, DATABASE_NAME)
    os.replace(db_stage, database)
    city = {
        "code": N.CITY["code"],
        "name_zh": N.CITY["name_zh"],
        "name_en": N.CITY["name_en"],
        "county_codes": [c["code"] for c in N.COUNTIES],
        "counties": [{k: c[k] for k in ("code", "name_zh", "name_en")} for c in N.COUNTIES],
        "center_lonlat": [round(v, 5) for v in geo.center_lonlat],
        "crs": crs,
        "seed": seed,
    }
    return DemoResult(database=database, rasters=final_rasters, counts=counts, city=city, context=final_context)
