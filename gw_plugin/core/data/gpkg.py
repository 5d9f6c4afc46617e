"""Create, open, check and upgrade project GeoPackages from the declarative schema (core/data/schema.py).

The GeoPackage is written through GDAL/OGR so that gpkg_contents, geometry columns, spatial indexes, field
domains (code lists) and data-column metadata follow the OGC standard; GDAL's validator checks it in the tests.
No QGIS import here.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import sqlite3
from dataclasses import dataclass

from osgeo import gdal, ogr, osr

from ...toolbelt.ogr import srs as xy_srs
from . import db_errors
from . import schema as S
from .model import Field, Table

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

META_TABLE = "gw_meta"

# A random version-4 UUID computed by SQLite itself, so rows inserted by any client (QGIS, OGR, sqlite3) get one.
UUID_SQL = (
    "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"
)
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def utc_now() -> str:
    """The current time as the GeoPackage stores date-times: 'YYYY-MM-DDTHH:MM:SS.mmmZ' in UTC (as NOW_SQL)."""
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


_OGR_GEOM = {
    None: ogr.wkbNone,
    "Point": ogr.wkbPoint,
    "MultiPolygon": ogr.wkbMultiPolygon,
    "MultiLineString": ogr.wkbMultiLineString,
}


class SchemaError(Exception):
    """A project database cannot be used as it is (wrong file, newer schema, failed upgrade)."""


class NewerSchemaError(SchemaError):
    pass


@dataclass
class DatabaseInfo:
    path: str
    schema_version: int
    crs: str
    upgraded_from: int | None = None
    backup_path: str | None = None


def crs_is_allowed(crs: str) -> bool:
    """True for a projected CGCS2000 3-degree Gauss-Kruger CRS (EPSG:4513..4554)."""
    try:
        code = int(crs.upper().replace("EPSG:", ""))
    except ValueError:
        return False
    return 4513 <= code <= 4554


def _field_defn(f: Field) -> ogr.FieldDefn:
    kind = {
        "text": ogr.OFTString,
        "integer": ogr.OFTInteger64,
        "real": ogr.OFTReal,
        "boolean": ogr.OFTInteger,
        "date": ogr.OFTDate,
        "datetime": ogr.OFTDateTime,
    }[f.type]
    d = ogr.FieldDefn(f.name, kind)
    if f.type == "boolean":
        d.SetSubType(ogr.OFSTBoolean)
    if f.type == "text" and f.width:
        d.SetWidth(f.width)
    d.SetAlternativeName(f.zh)
    if f.name == "uuid":
        d.SetUnique(True)  # filled by the gw_*_uuid trigger when a client leaves it empty
    elif f.name in ("created_at", "updated_at"):
        d.SetDefault("CURRENT_TIMESTAMP")
    if f.codelist:
        d.SetDomainName(f.codelist)
    return d


def _add_domains(ds, version: int) -> None:
    present = set(ds.GetFieldDomainNames() or [])
    used = {f.codelist for t in S.tables_at(version) for f in t.all_fields(version) if f.codelist}
    for name in sorted(used - present):
        cl = S.CODELISTS[name]
        dom = ogr.CreateCodedFieldDomain(
            name, cl.en, ogr.OFTString, ogr.OFSTNone, {c.code: c.zh for c in cl.codes if c.since <= version}
        )
        ds.AddFieldDomain(dom)


def _create_table(ds, t: Table, crs: str, version: int) -> None:
    opts = ["FID=fid", f"IDENTIFIER={t.zh}", f"DESCRIPTION={t.en}"]
    if t.geometry:
        opts += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
    lyr = ds.CreateLayer(t.name, xy_srs(crs) if t.geometry else None, _OGR_GEOM[t.geometry], options=opts)
    for f in t.all_fields(version):
        lyr.CreateField(_field_defn(f))


def _add_triggers(con: sqlite3.Connection, version: int) -> None:
    """Give every new row a uuid and keep updated_at current, whichever client edits (QGIS sets both too)."""
    for t in S.tables_at(version):
        con.execute(f'DROP TRIGGER IF EXISTS "gw_{t.name}_uuid"')
        con.execute(
            f'CREATE TRIGGER "gw_{t.name}_uuid" AFTER INSERT ON "{t.name}" '
            f"WHEN NEW.uuid IS NULL OR NEW.uuid = '' BEGIN "
            f'UPDATE "{t.name}" SET uuid = {UUID_SQL} WHERE fid = NEW.fid; END'
        )
        # Only edits of data columns touch updated_at, so neither trigger can fire the other.
        cols = [f.name for f in t.all_fields(version) if f.name not in ("uuid", "updated_at", "updated_by")]
        if t.geometry:
            cols.append("geom")
        col_sql = ", ".join(f'"{c}"' for c in cols)
        con.execute(f'DROP TRIGGER IF EXISTS "gw_{t.name}_touch"')
        con.execute(
            f'CREATE TRIGGER "gw_{t.name}_touch" AFTER UPDATE OF {col_sql} ON "{t.name}" '
            f"WHEN NEW.updated_at IS OLD.updated_at BEGIN "
            f'UPDATE "{t.name}" SET updated_at = {NOW_SQL} WHERE fid = NEW.fid; END'
        )


def _add_indexes(con: sqlite3.Connection, version: int) -> None:
    """Plain (non-unique) indexes on relation keys and county codes."""
    for t in S.tables_at(version):
        cols = ["county_code"] + [f for f, _ in t.relations() if S.table(t.name).field(f).since <= version]
        for col in cols:
            con.execute(f'CREATE INDEX IF NOT EXISTS "idx_{t.name}_{col}" ON "{t.name}" ("{col}")')


def _write_meta(con: sqlite3.Connection, values: dict) -> None:
    for k, v in values.items():
        cur = con.execute(f'UPDATE "{META_TABLE}" SET value = ? WHERE key = ?', (str(v), k))
        if cur.rowcount == 0:
            con.execute(f'INSERT INTO "{META_TABLE}" (key, value) VALUES (?, ?)', (k, str(v)))


def create_database(
    path: str, crs: str = S.DEFAULT_CRS, version: int = S.SCHEMA_VERSION, overwrite: bool = False
) -> DatabaseInfo:
    """Create an empty project GeoPackage at ``path`` with the schema of ``version`` in ``crs``.

    ``version`` lower than the current one is only for tests of the upgrade path.
    """
    if not crs_is_allowed(crs):
        raise SchemaError(
            f"{crs} is not a projected CGCS2000 3-degree Gauss-Kruger CRS (EPSG:4513-4554); "
            f"choose one such as {S.DEFAULT_CRS}."
        )
    if os.path.exists(path):
        if not overwrite:
            raise SchemaError(f"{path} exists already; choose another file or allow overwriting.")
        os.remove(path)
    tmp = path + ".part.gpkg"
    if os.path.exists(tmp):
        os.remove(tmp)
    ds = gdal.GetDriverByName("GPKG").Create(tmp, 0, 0, 0, gdal.GDT_Unknown)
    try:
        _add_domains(ds, version)
        for t in S.tables_at(version):
            _create_table(ds, t, crs, version)
        meta = ds.CreateLayer(META_TABLE, None, ogr.wkbNone, options=["FID=fid", "DESCRIPTION=gw_plugin metadata"])
        meta.CreateField(ogr.FieldDefn("key", ogr.OFTString))
        meta.CreateField(ogr.FieldDefn("value", ogr.OFTString))
    finally:
        ds = None
    con = sqlite3.connect(tmp)
    try:
        with con:
            _add_triggers(con, version)
            _add_indexes(con, version)
            _write_meta(
                con,
                {
                    "schema_version": version,
                    "crs": crs.upper(),
                    "created_at": utc_now(),
                    "application": "gw_plugin",
                },
            )
    finally:
        con.close()
    os.replace(tmp, path)  # the finished file appears at once, never half-written
    return DatabaseInfo(path, version, crs.upper())


def read_meta(path: str) -> dict:
    if not os.path.exists(path):
        raise SchemaError(f"{path} does not exist.")
    # After a crash a hot rollback journal may be left beside the file: a read-only connection cannot roll it
    # back and would fail, so open read-write then (SQLite restores the last committed state on first read).
    hot = os.path.exists(path + "-journal")
    try:
        con = sqlite3.connect(f"file:{path}" if hot else f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise SchemaError(db_errors.explain(exc, path)) from exc
    try:
        try:
            rows = con.execute(f'SELECT key, value FROM "{META_TABLE}"').fetchall()
        except sqlite3.DatabaseError as exc:
            if db_errors.kind_of(exc) not in (None, "not_gpkg"):  # locked, read-only, damaged …: said as such
                raise SchemaError(db_errors.explain(exc, path)) from exc
            raise SchemaError(f"{path} is not a gw_plugin project database ({exc}).") from exc
    finally:
        con.close()
    return dict(rows)


def schema_version_of(path: str) -> int:
    meta = read_meta(path)
    try:
        return int(meta["schema_version"])
    except (KeyError, ValueError) as exc:
        raise SchemaError(f"{path} has no valid schema version in {META_TABLE}.") from exc


def open_database(path: str, upgrade: bool = True) -> DatabaseInfo:
    """Check a project GeoPackage before use; upgrade an older one (after a backup copy); refuse a newer one."""
    version = schema_version_of(path)
    crs = read_meta(path).get("crs", S.DEFAULT_CRS)
    if version > S.SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{os.path.basename(path)} uses schema version {version}, newer than this plugin's version "
            f"{S.SCHEMA_VERSION}. Update gw_plugin to open it; the file was not changed."
        )
    if version == S.SCHEMA_VERSION or not upgrade:
        return DatabaseInfo(path, version, crs)
    backup = backup_path_for(path, version)
    shutil.copy2(path, backup)
    try:
        _upgrade(path, version, crs)
    except Exception as exc:  # restore the untouched copy: never leave a half-upgraded file
        shutil.copy2(backup, path)
        raise SchemaError(f"Upgrading {path} failed and the file was restored from {backup}: {exc}") from exc
    return DatabaseInfo(path, S.SCHEMA_VERSION, crs, upgraded_from=version, backup_path=backup)


def backup_path_for(path: str, version: int) -> str:
    stem, ext = os.path.splitext(path)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = f"{stem}.v{version}-backup-{stamp}{ext}"
    n = 1
    while os.path.exists(candidate):
        candidate = f"{stem}.v{version}-backup-{stamp}-{n}{ext}"
        n += 1
    return candidate


def _upgrade(path: str, old: int, crs: str) -> None:
    """Additive upgrade: create the tables and fields introduced after ``old``; update derived objects."""
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    try:
        _add_domains(ds, S.SCHEMA_VERSION)
        for t in S.TABLES:
            lyr = ds.GetLayerByName(t.name)
            if lyr is None:
                _create_table(ds, t, crs, S.SCHEMA_VERSION)
                continue
            have = {lyr.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(lyr.GetLayerDefn().GetFieldCount())}
            for f in t.all_fields():
                if f.name not in have:
                    lyr.CreateField(_field_defn(f))
    finally:
        ds = None
    con = sqlite3.connect(path)
    try:
        with con:
            _add_triggers(con, S.SCHEMA_VERSION)
            _add_indexes(con, S.SCHEMA_VERSION)
            _write_meta(con, {"schema_version": S.SCHEMA_VERSION, f"upgraded_from_{old}": _dt.date.today()})
    finally:
        con.close()


def table_columns(path: str, table: str) -> list:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
    finally:
        con.close()


class bulk_load:  # noqa: N801 - used as a context manager like a function
    """Inside an open sqlite3 transaction on ``con``: make large inserts into ``tables`` fast, then restore.

    OGR's per-row feature-count triggers are dropped (their UPDATE per row dominates bulk inserts) and the
    secondary, non-unique indexes are dropped and rebuilt once at the end; finally the feature counts are set
    from the tables and the triggers recreated. All of it is DDL inside the caller's transaction, so a failure
    rolls back to the untouched file. With ``uuids_given`` (the caller writes every uuid) the triggers that fill a
    missing uuid are dropped too: their WHEN test alone costs a third of a bulk insert. Triggers of other features
    (change tracking, updated_at) stay.
    """

    def __init__(self, con: sqlite3.Connection, tables, uuids_given: bool = False):
        self.con = con
        self.tables = list(tables)
        self.saved = []
        self.uuids_given = 1 if uuids_given else 0

    def __enter__(self):
        for t in self.tables:
            objs = self.con.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL AND ("
                "(type = 'trigger' AND name LIKE 'trigger\\_%\\_feature\\_count\\_%' ESCAPE '\\') OR "
                "(type = 'trigger' AND ? AND name = 'gw_' || tbl_name || '_uuid') OR "
                "(type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%'))",
                (t, self.uuids_given),
            ).fetchall()
            for kind, name, sql in objs:
                self.con.execute(f'DROP {kind.upper()} "{name}"')
                self.saved.append((t, kind, sql))
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return False  # the caller rolls back; the DDL goes with it
        for _, _, sql in sorted(self.saved, key=lambda s: s[1] != "index"):
            self.con.execute(sql)
        for t in self.tables:
            self.con.execute(
                f'UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM "{t}") '
                "WHERE lower(table_name) = lower(?)",
                (t,),
            )
        return False
