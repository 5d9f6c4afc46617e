"""Writing the demo city (core/demo/): the built rows into the project GeoPackage (OGR for the spatial tables,
sqlite3 bulk inserts for samples, results and rosters) and the context GeoPackages (river, urban areas, parks).
"""

from __future__ import annotations

import os
import sqlite3

from osgeo import gdal, ogr, osr

from ..data import gpkg
from ..data import schema as S
from . import names as N
from .builder import CREATED_BY, FIXED_TIMESTAMP, Builder
from .geography import Geo

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

_OGR_TABLES = ("admin_units", "drinking_water_sources", "sites", "pollution_sources", "monitoring_wells",
               "abandoned_wells", "inspections")  # fmt: skip


def _write_ogr_tables(path: str, b: Builder, ct) -> None:
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    try:
        ds.StartTransaction()
        for name in _OGR_TABLES:
            t = S.table(name)
            lyr = ds.GetLayerByName(name)
            defn = lyr.GetLayerDefn()
            fnames = [f.name for f in t.all_fields()]
            for row in b.rows[name]:
                feat = ogr.Feature(defn)
                g = row["geom"].Clone()
                if ct is not None:
                    g.Transform(ct)
                if name == "sites":
                    row["area_m2"] = round(g.GetArea(), 1)
                feat.SetGeometry(g)
                vals = dict(row)
                vals.update(created_at=FIXED_TIMESTAMP, updated_at=FIXED_TIMESTAMP, created_by=CREATED_BY,
                            updated_by=CREATED_BY)  # fmt: skip
                for fname in fnames:
                    v = vals.get(fname)
                    if v is None:
                        feat.SetFieldNull(fname)
                    else:
                        feat.SetField(fname, v)
                lyr.CreateFeature(feat)
        ds.CommitTransaction()
    finally:
        ds = None


def _insert(con: sqlite3.Connection, table: str, rows) -> None:
    """Bulk insert into an attribute table. Its plain indexes and OGR's per-row feature-count trigger are dropped
    for the insert and recreated from their own SQL afterwards (4x faster); the count is then set once."""
    saved = con.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL AND "
        "((type = 'index' AND name LIKE 'idx_%') OR (type = 'trigger' AND name LIKE 'trigger_insert_feature_count_%'))",
        (table,),
    ).fetchall()
    for kind, name, _ in saved:
        con.execute(f'DROP {kind.upper()} "{name}"')
    cols = [f.name for f in S.table(table).all_fields()]
    sql = f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})'
    con.executemany(sql, rows)
    for _, _, ddl in saved:
        con.execute(ddl)
    if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'").fetchone():
        con.execute(
            f'UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM "{table}") '
            "WHERE lower(table_name) = lower(?)",
            (table,),
        )


def write_context(folder: str, geo: Geo, crs: str, ct) -> dict:
    os.makedirs(folder, exist_ok=True)
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    paths = {}
    layers = {
        "river": (ogr.wkbLineString, [(N.RIVER["name_zh"], N.RIVER["name_en"], "river", geo.river_geom)]),
        "urban_areas": (ogr.wkbPolygon, [(zh, en, "urban", g) for zh, en, g in geo.urban]),
        "industrial_parks": (ogr.wkbPolygon, [(zh, en, kind, g) for kind, zh, en, g in geo.parks]),
    }
    for name, (gtype, feats) in layers.items():
        path = os.path.join(folder, f"{name}.gpkg")
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        lyr = ds.CreateLayer(name, srs, gtype, options=["FID=fid", "GEOMETRY_NAME=geom"])
        for fname in ("name_zh", "name_en", "kind"):
            lyr.CreateField(ogr.FieldDefn(fname, ogr.OFTString))
        ds.StartTransaction()
        for zh, en, kind, g in feats:
            f = ogr.Feature(lyr.GetLayerDefn())
            g = g.Clone()
            if ct is not None:
                g.Transform(ct)
            f.SetGeometry(g)
            f.SetField("name_zh", zh)
            f.SetField("name_en", en)
            f.SetField("kind", kind)
            lyr.CreateFeature(f)
        ds.CommitTransaction()
        ds = None
        paths[name] = path
    return paths


def write_database(
    path: str, b: Builder, samples: list, results: list, seed: int, crs: str, ct, run, levels: list = ()
) -> dict:
    """Create the project GeoPackage at ``path`` and fill it with the built rows, the samples and their results;
    ``run`` is the build's progress/cancellation (checked once). Returns the row count of every schema table."""
    gpkg.create_database(path, crs=crs)
    _write_ogr_tables(path, b, ct)
    run.check()
    con = sqlite3.connect(path)
    try:
        # The file is a private staging copy until it is moved into place: no need for a rollback journal.
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-200000")
        with con:
            _insert(con, "samples", samples)
            _insert(con, "sample_results", results)
            _insert(con, "water_levels", list(levels))
            roster_rows = []
            for r in b.rows["roster_entries"]:
                r = dict(r, created_at=FIXED_TIMESTAMP, updated_at=FIXED_TIMESTAMP, created_by=CREATED_BY,
                         updated_by=CREATED_BY)  # fmt: skip
                roster_rows.append(tuple(r.get(f.name) for f in S.table("roster_entries").all_fields()))
            _insert(con, "roster_entries", roster_rows)
            for key, value in (("created_at", FIXED_TIMESTAMP), ("demo_seed", seed), ("demo_city", N.CITY["name_en"])):
                if (
                    con.execute(f'UPDATE "{gpkg.META_TABLE}" SET value = ? WHERE key = ?', (str(value), key)).rowcount
                    == 0
                ):
                    con.execute(f'INSERT INTO "{gpkg.META_TABLE}" (key, value) VALUES (?, ?)', (key, str(value)))
        counts = {t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in S.TABLES}
    finally:
        con.close()
    return counts
