"""The city platform: a PostgreSQL/PostGIS schema generated from the declarative schema (core/data/schema.py).

Server side of the offline sync (../shared/design/sync.md):
- schema ``gw`` with one table per declarative table (``uuid uuid primary key``, typed geometry with the SRID),
  plus ``rev bigint`` set from ONE global sequence (``gw.rev_seq``) and ``rev_xid`` (the writing transaction) by a
  trigger on insert/update;
- deletes leave a tombstone (``gw.tombstones``); every change is logged in ``gw.change_log`` (who, when, what,
  client id) by statement-level triggers; the trigger functions are SECURITY DEFINER so users cannot forge either;
- ``gw.sync_pushes`` keeps one row per push (role + client id + push sequence, with the payload's sha256), written
  in the push's own transaction: the idempotency key that makes a retried push apply exactly once;
- ``gw.county_grants`` + row-level security: a user changes only rows of the counties granted to them; reading is
  all counties (``read_scope = all``) or only granted ones (``granted``), set in ``gw.meta``;
- ``gw.blobs`` / ``gw.blob_chunks``: attachment files by sha256, uploaded in chunks (resumable), insert-only;
- ``gw.meta``: schema version, platform (machinery) version, CRS, read scope. ``initplatform`` creates or
  additively upgrades all of it (the SQL itself is in server_sql.py; connections in connection.py).

No lock orders revisions: every row and tombstone carries the id of the transaction that wrote it (``rev_xid``),
and a pull reads what was not visible in the snapshot of the file's previous pull (pull.pull_into), so no revision
is skipped and no writer waits for another. Hardening against copies and hostile users: docs/sync-security.md,
server_sql.py.
SQL is composed with psycopg2.sql for identifiers and parameters for values, never by pasting user text.
No QGIS import at module level (``resolve_conninfo`` imports qgis.core lazily for ``authcfg=``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..data import schema as S
from ..data.model import Field, Table
from .connection import (  # noqa: F401 (the platform's public surface: P.connect, P.sql, P.PlatformError ...)
    PlatformError,
    check_no_password,
    connect,
    psycopg2_module,
    resolve_conninfo,
    sql,
)
from .server_push_sql import push_functions_sql
from .server_sql import (  # noqa: F401
    ATTACHMENT_PATH_RE,
    BASE_DDL,
    COMMON_GRANTS,
    EDITOR_ROLE,
    INIT_LOCK_KEY,
    OWNER_ROLE,
    PLATFORM_SCHEMA,
    READER_ROLE,
    table_objects_sql,
)

#: Version of the server-side machinery (triggers, policies, sync tables); independent of S.SCHEMA_VERSION.
#: 2: owner role, safe search_path, push keys with role and payload hash, insert-only blobs (issue 14).
#: 3: push and pull functions (server_push_sql.py), change log with rev_xid, no revision index on data tables,
#:    tombstones keyed (county_code, tbl, uuid) (a platform initialised before that key is swapped in place).
#: 4: compact push results (revisions by ord, only the changes not accepted listed), push function with its own
#:    work_mem, a change log with only the (tbl, rev_xid) index (issue 14, "Performance").
PLATFORM_VERSION = 4

_PG_TYPE = {
    "text": "text",
    "integer": "bigint",
    "real": "double precision",
    "boolean": "boolean",
    "date": "date",
    "datetime": "timestamptz",
}
_PG_GEOM = {"Point": "Point", "MultiPolygon": "MultiPolygon", "MultiLineString": "MultiLineString"}


@dataclass
class PlatformInfo:
    schema_version: int
    platform_version: int
    crs: str
    srid: int
    read_scope: str
    created: bool = False
    upgraded_from: Optional[int] = None
    warnings: list = field(default_factory=list)


# --------------------------------------------------------------------------------------------------------------
# DDL generated from the declarative schema
# --------------------------------------------------------------------------------------------------------------
def srid_of(crs: str) -> int:
    try:
        return int(str(crs).upper().replace("EPSG:", ""))
    except ValueError as exc:
        raise PlatformError(f"{crs} is not an EPSG code.") from exc


def column_type(f: Field) -> str:
    if f.name == "uuid":
        return "uuid"
    return _PG_TYPE[f.type]


def data_columns(t: Table, version: int = S.SCHEMA_VERSION) -> list:
    """Column names synced for ``t`` (every schema field and ``geom``), in a fixed order."""
    cols = [f.name for f in t.all_fields(version)]
    if t.geometry:
        cols.append("geom")
    return cols


def _table_sql(t: Table, srid: int):
    q = sql()
    cols = []
    for f in t.all_fields():
        ctype = column_type(f)
        extra = " PRIMARY KEY" if f.name == "uuid" else (" NOT NULL" if f.name == "county_code" else "")
        cols.append(q.SQL("{} {}" + extra).format(q.Identifier(f.name), q.SQL(ctype)))
    if t.geometry:
        cols.append(q.SQL("geom geometry({}, {})").format(q.SQL(_PG_GEOM[t.geometry]), q.Literal(int(srid))))
    cols.append(q.SQL("rev bigint NOT NULL DEFAULT 0"))
    cols.append(q.SQL("rev_xid xid8"))
    return q.SQL("CREATE TABLE IF NOT EXISTS {}.{} ({})").format(
        q.Identifier(PLATFORM_SCHEMA), q.Identifier(t.name), q.SQL(", ").join(cols)
    )


def _ensure_roles(cur) -> None:
    q = sql()
    for role in (OWNER_ROLE, EDITOR_ROLE, READER_ROLE):
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        if cur.fetchone() is None:
            cur.execute("SAVEPOINT gw_role")
            try:
                cur.execute(q.SQL("CREATE ROLE {} NOLOGIN").format(q.Identifier(role)))
                cur.execute("RELEASE SAVEPOINT gw_role")
            except psycopg2_module().errors.DuplicateObject:  # created concurrently by another database's init
                cur.execute("ROLLBACK TO SAVEPOINT gw_role")


def _read_meta(cur) -> dict:
    cur.execute("SELECT to_regclass('gw.meta') IS NOT NULL")
    if not cur.fetchone()[0]:
        return {}
    cur.execute("SELECT key, value FROM gw.meta")
    return dict(cur.fetchall())


def _set_meta(cur, values: dict) -> None:
    for k, v in values.items():
        cur.execute(
            "INSERT INTO gw.meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (k, str(v)),
        )


def initplatform(conninfo: str, crs: str = S.DEFAULT_CRS, read_scope: Optional[str] = None, log=None) -> PlatformInfo:
    """Create or additively upgrade the platform schema in the database of ``conninfo`` (one transaction).

    Needs a role that may create the postgis extension (or finds it installed) and roles. Idempotent. A platform
    of a newer schema version is refused; one in another CRS is refused (the CRS is fixed at creation).
    """
    from ..data import gpkg

    if not gpkg.crs_is_allowed(crs):
        raise PlatformError(f"{crs} is not a projected CGCS2000 3-degree Gauss-Kruger CRS (EPSG:4513-4554).")
    if read_scope not in (None, "all", "granted"):
        raise PlatformError("read_scope must be 'all' or 'granted'.")
    srid = srid_of(crs)
    con = connect(conninfo)
    try:
        with con:
            cur = con.cursor()
            cur.execute("SELECT pg_catalog.pg_advisory_xact_lock(%s::bigint)", (INIT_LOCK_KEY,))
            meta = _read_meta(cur)
            old = int(meta["schema_version"]) if meta.get("schema_version") else None
            if old is not None and old > S.SCHEMA_VERSION:
                raise PlatformError(
                    f"The platform uses schema version {old}, newer than this plugin's {S.SCHEMA_VERSION}. "
                    "Update gw_plugin; the platform was not changed."
                )
            if meta.get("srid") and int(meta["srid"]) != srid:
                raise PlatformError(f"The platform stores coordinates in EPSG:{meta['srid']}, not {crs}.")
            cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            warnings = _revoke_public_create(cur)
            _ensure_roles(cur)
            cur.execute(BASE_DDL)
            cur.execute(
                "SELECT n.nspname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
                "WHERE t.typname = 'geometry'"
            )
            cur.execute(push_functions_sql(srid, cur.fetchone()[0]))
            q = sql()
            for t in S.TABLES:
                cur.execute(_table_sql(t, srid))
                cur.execute(
                    q.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS rev_xid xid8").format(
                        q.Identifier(PLATFORM_SCHEMA, t.name)
                    )
                )
                for f in t.all_fields():  # additive upgrade: fields introduced after the table
                    cur.execute(
                        q.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
                            q.Identifier(PLATFORM_SCHEMA, t.name), q.Identifier(f.name), q.SQL(column_type(f))
                        )
                    )
                for stmt in table_objects_sql(t):
                    cur.execute(stmt)
            cur.execute(COMMON_GRANTS)
            old_platform = int(meta.get("platform_version", 0) or 0)
            if meta and old_platform < 3:
                _backfill_change_log_xids(cur)
            values = {
                "schema_version": S.SCHEMA_VERSION,
                "platform_version": PLATFORM_VERSION,
                "crs": f"EPSG:{srid}",
                "srid": srid,
            }
            if read_scope or "read_scope" not in meta:
                values["read_scope"] = read_scope or "all"
            if old is None:
                values["created_at"] = "now"
            elif old < S.SCHEMA_VERSION:
                values[f"upgraded_from_{old}"] = "yes"
            if meta and old_platform < PLATFORM_VERSION:
                values[f"platform_upgraded_from_{old_platform}"] = "yes"
            _set_meta(cur, values)
            meta = _read_meta(cur)
    finally:
        con.close()
    info = PlatformInfo(S.SCHEMA_VERSION, PLATFORM_VERSION, meta["crs"], srid, meta["read_scope"], created=old is None)
    info.warnings = warnings
    if old is not None and old < S.SCHEMA_VERSION:
        info.upgraded_from = old
    if log:
        log(f"platform schema version {info.schema_version} ({'created' if info.created else 'checked'})")
        for w in warnings:
            log(w)
    return info


def _backfill_change_log_xids(cur) -> None:
    """Upgrade from platform version 2: pulls now find changed rows through the change log's ``rev_xid``; give the
    entry that wrote each live row (same table, uuid and revision) that row's transaction id, so a file whose last
    pull predates the upgrade still receives every row written after its snapshot."""
    q = sql()
    for t in S.TABLES:
        cur.execute(
            q.SQL(
                "UPDATE gw.change_log c SET rev_xid = d.rev_xid FROM {} d WHERE c.tbl = %s AND c.uuid = d.uuid "
                "AND c.rev = d.rev AND c.rev_xid IS NULL AND d.rev_xid IS NOT NULL"
            ).format(q.Identifier(PLATFORM_SCHEMA, t.name)),
            (t.name,),
        )


def _revoke_public_create(cur) -> list:
    """No role but the database owner may create objects in schema public (the default before PostgreSQL 15):
    a function planted there could otherwise shadow a built-in for code with a careless search_path."""
    cur.execute("SAVEPOINT gw_public")
    try:
        cur.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        cur.execute("RELEASE SAVEPOINT gw_public")
        return []
    except psycopg2_module().Error:
        cur.execute("ROLLBACK TO SAVEPOINT gw_public")
        return ["CREATE on schema public could not be revoked from PUBLIC: ask the database owner to do it."]


def platform_info(con) -> PlatformInfo:
    """Read and check the platform's meta; raises PlatformError with what to do when it does not fit."""
    cur = con.cursor()
    meta = _read_meta(cur)
    if not meta.get("schema_version"):
        raise PlatformError("The database is not a gw_plugin platform yet: run gwplugin:initplatform first.")
    version = int(meta["schema_version"])
    if version > S.SCHEMA_VERSION:
        raise PlatformError(
            f"The platform uses schema version {version}, newer than this plugin's {S.SCHEMA_VERSION}: update "
            "gw_plugin before syncing."
        )
    if version < S.SCHEMA_VERSION:
        raise PlatformError(
            f"The platform uses schema version {version}, older than this plugin's {S.SCHEMA_VERSION}: an "
            "administrator must run gwplugin:initplatform to upgrade it before syncing."
        )
    pversion = int(meta.get("platform_version", 0))
    if pversion < PLATFORM_VERSION:
        raise PlatformError(
            f"The platform's sync machinery is version {pversion}, older than this plugin's {PLATFORM_VERSION}: an "
            "administrator must run gwplugin:initplatform to upgrade it before syncing."
        )
    if pversion > PLATFORM_VERSION:
        raise PlatformError(
            f"The platform's sync machinery is version {pversion}, newer than this plugin's {PLATFORM_VERSION}: "
            "update gw_plugin before syncing."
        )
    return PlatformInfo(
        version,
        pversion,
        meta["crs"],
        int(meta["srid"]),
        meta.get("read_scope", "all"),
    )


# --------------------------------------------------------------------------------------------------------------
# Users and grants
# --------------------------------------------------------------------------------------------------------------
def grant_user(
    conninfo: str,
    role: str,
    write_counties: Iterable[str] = (),
    read_counties: Iterable[str] = (),
    editor: bool = True,
):
    """Make ``role`` (an existing login role) a platform editor that may change rows of ``write_counties``
    ('*' = every county) and, with read_scope 'granted', read rows of ``read_counties`` as well; with
    ``editor=False`` a reader (no change at all, whatever the counties)."""
    q = sql()
    con = connect(conninfo)
    try:
        with con:
            cur = con.cursor()
            group = EDITOR_ROLE if editor else READER_ROLE
            cur.execute(q.SQL("GRANT {} TO {}").format(q.Identifier(group), q.Identifier(role)))
            for cc, w in [(c, True) for c in write_counties] + [(c, False) for c in read_counties]:
                cur.execute(
                    "INSERT INTO gw.county_grants (role_name, county_code, can_write) VALUES (%s, %s, %s) "
                    "ON CONFLICT (role_name, county_code) DO UPDATE SET can_write = "
                    "gw.county_grants.can_write OR excluded.can_write",
                    (role, cc, w),
                )
    finally:
        con.close()


def revoke_user(conninfo: str, role: str, counties: Iterable[str]) -> None:
    con = connect(conninfo)
    try:
        with con:
            con.cursor().execute(
                "DELETE FROM gw.county_grants WHERE role_name = %s AND county_code = ANY(%s)", (role, list(counties))
            )
    finally:
        con.close()


# --------------------------------------------------------------------------------------------------------------
# Revisions and integrity
# --------------------------------------------------------------------------------------------------------------
def integrity_check(conninfo: str) -> list:
    """Problems of the platform's sync bookkeeping (empty = sound); run by the soak test and admins."""
    q = sql()
    problems = []
    con = connect(conninfo)
    try:
        cur = con.cursor()
        for t in S.TABLES:
            ident = q.Identifier(PLATFORM_SCHEMA, t.name)
            cur.execute(q.SQL("SELECT count(*) FROM {} WHERE rev <= 0").format(ident))
            if cur.fetchone()[0]:
                problems.append(f"{t.name}: rows without revision")
            # tombstones are keyed by county (county_code, tbl, uuid): an older one in another county (the county
            # a feature moved out of) is harmless, clients apply a tombstone only when newer than the row they hold
            cur.execute(
                q.SQL(
                    "SELECT count(*) FROM {} d JOIN gw.tombstones t ON t.tbl = %s AND t.uuid = d.uuid "
                    "AND (t.county_code = d.county_code OR t.rev > d.rev)"
                ).format(ident),
                (t.name,),
            )
            if cur.fetchone()[0]:
                problems.append(f"{t.name}: live rows that also have a tombstone in their county or a newer one")
        cur.execute("SELECT count(*) FROM gw.sync_pushes WHERE result IS NULL")
        if cur.fetchone()[0]:
            problems.append("pushes recorded without result")
        cur.execute(
            "SELECT count(*) FROM gw.blobs b WHERE complete AND (SELECT coalesce(sum(length(data)), 0) "
            "FROM gw.blob_chunks c WHERE c.sha256 = b.sha256 AND c.uploader = b.completed_by) <> b.size"
        )
        if cur.fetchone()[0]:
            problems.append("complete blobs whose chunks do not add up")
        con.rollback()
    finally:
        con.close()
    return problems
