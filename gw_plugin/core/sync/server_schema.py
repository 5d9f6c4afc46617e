"""The city platform: a PostgreSQL/PostGIS schema generated from the declarative schema (core/data/schema.py).

Server side of the offline sync (../shared/design/sync.md):
- schema ``gw`` with one table per declarative table (``uuid uuid primary key``, typed geometry with the SRID),
  plus ``rev bigint`` set from ONE global sequence (``gw.rev_seq``) by a trigger on insert/update;
- deletes leave a tombstone (``gw.tombstones``); every change is logged in ``gw.change_log`` (who, when, what,
  client id) by statement-level triggers; the trigger functions are SECURITY DEFINER so users cannot forge either;
- ``gw.sync_pushes`` keeps one row per push (client id + push sequence), written in the push's own transaction:
  the idempotency key that makes a retried push apply exactly once;
- ``gw.county_grants`` + row-level security: a user changes only rows of the counties granted to them; reading is
  all counties (``read_scope = all``) or only granted ones (``granted``), set in ``gw.meta``;
- ``gw.blobs`` / ``gw.blob_chunks``: attachment files by sha256, uploaded in chunks (resumable);
- ``gw.meta``: schema version, CRS, read scope. ``initplatform`` creates or additively upgrades all of it.

Writers take a shared advisory lock before drawing revisions; a puller takes it exclusively for an instant to read
the highest revision whose transactions have all committed (``safe_revision``), so no revision is ever skipped.
SQL is composed with psycopg2.sql for identifiers and parameters for values, never by pasting user text.
No QGIS import at module level (``resolve_conninfo`` imports qgis.core lazily for ``authcfg=``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..data import schema as S
from ..data.model import Field, Table

PLATFORM_SCHEMA = "gw"
#: Version of the server-side machinery (triggers, policies, sync tables); independent of S.SCHEMA_VERSION.
PLATFORM_VERSION = 1
#: Advisory-lock key shared by all writers (shared mode) and the revision horizon reader (exclusive mode).
REV_LOCK_KEY = 0x67770001
EDITOR_ROLE = "gw_editor"
READER_ROLE = "gw_reader"

_PG_TYPE = {
    "text": "text",
    "integer": "bigint",
    "real": "double precision",
    "boolean": "boolean",
    "date": "date",
    "datetime": "timestamptz",
}
_PG_GEOM = {"Point": "Point", "MultiPolygon": "MultiPolygon", "MultiLineString": "MultiLineString"}


class PlatformError(Exception):
    """The platform cannot be used as it is (unreachable, not initialised, other schema version)."""


@dataclass
class PlatformInfo:
    schema_version: int
    platform_version: int
    crs: str
    srid: int
    read_scope: str
    created: bool = False
    upgraded_from: Optional[int] = None


def psycopg2_module():
    try:
        import psycopg2
        import psycopg2.extras  # noqa: F401
        import psycopg2.sql  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise PlatformError("The Python PostgreSQL driver psycopg2 is missing (Debian: python3-psycopg2).") from exc
    return psycopg2


def sql():
    return psycopg2_module().sql


# --------------------------------------------------------------------------------------------------------------
# Connections
# --------------------------------------------------------------------------------------------------------------
_AUTHCFG_RE = re.compile(r"(?:^|\s)authcfg\s*=\s*'?([A-Za-z0-9]{7})'?(?=\s|$)")


def resolve_conninfo(platform: str) -> str:
    """A libpq conninfo string or URI usable by psycopg2.

    ``service=`` names and URIs pass through (libpq resolves them). ``authcfg=<id>`` is replaced by the user name
    and password stored in the QGIS authentication database (QgsApplication.authManager()); qgis.core is only
    imported in that case.
    """
    platform = (platform or "").strip()
    if not platform:
        raise PlatformError("No platform connection given.")
    cfg_id = None
    if platform.startswith(("postgresql://", "postgres://")):
        from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

        parts = urlsplit(platform)
        query = parse_qsl(parts.query, keep_blank_values=True)
        ids = [v for k, v in query if k == "authcfg"]
        if not ids:
            return platform
        cfg_id = ids[0]
        uri = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "authcfg"])))
        # a URI cannot take key=value pairs after it: continue in key=value form
        rest = " ".join(f"{k}='{_quote_conn(str(v))}'" for k, v in psycopg2_module().extensions.parse_dsn(uri).items())
    else:
        m = _AUTHCFG_RE.search(platform)
        if not m:
            return platform
        cfg_id = m.group(1)
        rest = _AUTHCFG_RE.sub(" ", platform).strip()
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    cfg = QgsAuthMethodConfig()
    mgr = QgsApplication.authManager()
    if mgr is None or cfg_id not in mgr.configIds() or not mgr.loadAuthenticationConfig(cfg_id, cfg, True):
        raise PlatformError(f"QGIS authentication configuration {cfg_id} was not found.")
    user = cfg.config("username")
    password = cfg.config("password")
    parts = [rest] if rest else []
    if user:
        parts.append(f"user='{_quote_conn(user)}'")
    if password:
        parts.append(f"password='{_quote_conn(password)}'")
    return " ".join(parts)


def _quote_conn(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def connect(platform: str, application_name: str = "gw_plugin", **kw):
    """A psycopg2 connection to ``platform`` (conninfo, URI, service=..., authcfg=...)."""
    psycopg2 = psycopg2_module()
    try:
        return psycopg2.connect(resolve_conninfo(platform), application_name=application_name, **kw)
    except psycopg2.OperationalError as exc:
        raise PlatformError(f"Cannot connect to the platform: {str(exc).strip()}") from exc


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
    return q.SQL("CREATE TABLE IF NOT EXISTS {}.{} ({})").format(
        q.Identifier(PLATFORM_SCHEMA), q.Identifier(t.name), q.SQL(", ").join(cols)
    )


_BASE_DDL = f"""
CREATE SCHEMA IF NOT EXISTS {PLATFORM_SCHEMA};
CREATE TABLE IF NOT EXISTS gw.meta (key text PRIMARY KEY, value text);
CREATE SEQUENCE IF NOT EXISTS gw.rev_seq AS bigint;
CREATE TABLE IF NOT EXISTS gw.tombstones (
    tbl text NOT NULL, uuid uuid NOT NULL, county_code text NOT NULL, rev bigint NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now(), deleted_by text NOT NULL DEFAULT session_user,
    client_id text, PRIMARY KEY (tbl, uuid));
CREATE INDEX IF NOT EXISTS tombstones_rev ON gw.tombstones (rev);
CREATE TABLE IF NOT EXISTS gw.change_log (
    id bigserial PRIMARY KEY, rev bigint, tbl text NOT NULL, uuid uuid NOT NULL, op char(1) NOT NULL,
    county_code text, who text NOT NULL DEFAULT session_user, at timestamptz NOT NULL DEFAULT now(),
    client_id text, push_seq bigint);
CREATE INDEX IF NOT EXISTS change_log_uuid ON gw.change_log (uuid);
CREATE TABLE IF NOT EXISTS gw.sync_pushes (
    client_id text NOT NULL, push_seq bigint NOT NULL, who text NOT NULL DEFAULT session_user,
    at timestamptz NOT NULL DEFAULT now(), rows integer, result jsonb, PRIMARY KEY (client_id, push_seq));
CREATE TABLE IF NOT EXISTS gw.county_grants (
    role_name text NOT NULL, county_code text NOT NULL, can_write boolean NOT NULL DEFAULT true,
    PRIMARY KEY (role_name, county_code));
CREATE TABLE IF NOT EXISTS gw.blobs (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{{64}}$'), size bigint NOT NULL,
    complete boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT session_user);
CREATE TABLE IF NOT EXISTS gw.blob_chunks (
    sha256 text NOT NULL REFERENCES gw.blobs ON DELETE CASCADE, idx integer NOT NULL, data bytea NOT NULL,
    PRIMARY KEY (sha256, idx));

CREATE OR REPLACE FUNCTION gw.read_scope() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT coalesce((SELECT value FROM gw.meta WHERE key = 'read_scope'), 'all') $$;

CREATE OR REPLACE FUNCTION gw.can_write(cc text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM gw.county_grants g
                 WHERE g.role_name = current_user AND g.can_write AND (g.county_code = cc OR g.county_code = '*'))
$$;

CREATE OR REPLACE FUNCTION gw.can_read(cc text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT gw.read_scope() = 'all'
      OR EXISTS (SELECT 1 FROM gw.county_grants g
                 WHERE g.role_name = current_user AND (g.county_code = cc OR g.county_code = '*'))
$$;

CREATE OR REPLACE FUNCTION gw.tg_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared({REV_LOCK_KEY});
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gw.tg_rev() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = gw, public, pg_temp AS $$
BEGIN
  NEW.rev := nextval('gw.rev_seq');
  IF coalesce(current_setting('gw.push_seq', true), '') <> '' THEN
    RETURN NEW;  -- a sync push stores rows exactly as the client sent them (the client keeps the same values)
  END IF;
  IF TG_OP = 'INSERT' THEN
    NEW.created_at := coalesce(NEW.created_at, now());
    NEW.created_by := coalesce(NEW.created_by, session_user);
    NEW.updated_at := coalesce(NEW.updated_at, NEW.created_at);
    NEW.updated_by := coalesce(NEW.updated_by, NEW.created_by);
  ELSIF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := now();
    NEW.updated_by := session_user;
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION gw.tg_log() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = gw, public, pg_temp AS $$
DECLARE
  cid text := nullif(current_setting('gw.client_id', true), '');
  pseq bigint := nullif(current_setting('gw.push_seq', true), '')::bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    DELETE FROM gw.tombstones t USING new_rows n WHERE t.tbl = TG_TABLE_NAME AND t.uuid = n.uuid;
    INSERT INTO gw.change_log (rev, tbl, uuid, op, county_code, client_id, push_seq)
      SELECT n.rev, TG_TABLE_NAME, n.uuid, 'I', n.county_code, cid, pseq FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO gw.change_log (rev, tbl, uuid, op, county_code, client_id, push_seq)
      SELECT n.rev, TG_TABLE_NAME, n.uuid, 'U', n.county_code, cid, pseq FROM new_rows n;
  ELSE
    INSERT INTO gw.tombstones AS t (tbl, uuid, county_code, rev, client_id)
      SELECT TG_TABLE_NAME, o.uuid, o.county_code, nextval('gw.rev_seq'), cid FROM old_rows o
      ON CONFLICT (tbl, uuid) DO UPDATE SET rev = excluded.rev, county_code = excluded.county_code,
        deleted_at = now(), deleted_by = session_user, client_id = excluded.client_id;
    INSERT INTO gw.change_log (rev, tbl, uuid, op, county_code, client_id, push_seq)
      SELECT t.rev, TG_TABLE_NAME, o.uuid, 'D', o.county_code, cid, pseq
      FROM old_rows o JOIN gw.tombstones t ON t.tbl = TG_TABLE_NAME AND t.uuid = o.uuid;
  END IF;
  RETURN NULL;
END $$;
"""


def _table_objects_sql(t: Table) -> list:
    """Indexes, triggers, RLS policies and grants of one data table (idempotent statements)."""
    q = sql()
    ident = q.Identifier(PLATFORM_SCHEMA, t.name)
    name = t.name
    stmts = [
        q.SQL("CREATE INDEX IF NOT EXISTS {} ON {} (rev)").format(q.Identifier(f"{name}_rev"), ident),
        q.SQL("CREATE INDEX IF NOT EXISTS {} ON {} (county_code)").format(q.Identifier(f"{name}_county"), ident),
    ]
    if t.geometry:
        stmts.append(
            q.SQL("CREATE INDEX IF NOT EXISTS {} ON {} USING gist (geom)").format(q.Identifier(f"{name}_geom"), ident)
        )
    for f, _ in t.relations():
        stmts.append(
            q.SQL("CREATE INDEX IF NOT EXISTS {} ON {} ({})").format(
                q.Identifier(f"{name}_{f}"), ident, q.Identifier(f)
            )
        )
    for trig, body in (
        ("gw_lock", "BEFORE INSERT OR UPDATE OR DELETE ON {t} FOR EACH STATEMENT EXECUTE FUNCTION gw.tg_lock()"),
        ("gw_rev", "BEFORE INSERT OR UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION gw.tg_rev()"),
        (
            "gw_log_ins",
            "AFTER INSERT ON {t} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gw.tg_log()",
        ),
        (
            "gw_log_upd",
            "AFTER UPDATE ON {t} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gw.tg_log()",
        ),
        (
            "gw_log_del",
            "AFTER DELETE ON {t} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gw.tg_log()",
        ),
    ):
        stmts.append(q.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(q.Identifier(trig), ident))
        stmts.append(q.SQL("CREATE TRIGGER {} " + body).format(q.Identifier(trig), t=ident))
    stmts.append(q.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(ident))
    for pol, body in (
        ("gw_read", "FOR SELECT USING (gw.can_read(county_code))"),
        ("gw_insert", "FOR INSERT WITH CHECK (gw.can_write(county_code))"),
        ("gw_update", "FOR UPDATE USING (gw.can_write(county_code)) WITH CHECK (gw.can_write(county_code))"),
        ("gw_delete", "FOR DELETE USING (gw.can_write(county_code))"),
    ):
        stmts.append(q.SQL("DROP POLICY IF EXISTS {} ON {}").format(q.Identifier(pol), ident))
        stmts.append(q.SQL("CREATE POLICY {} ON {} " + body).format(q.Identifier(pol), ident))
    stmts.append(q.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(ident, q.Identifier(EDITOR_ROLE)))
    stmts.append(q.SQL("GRANT SELECT ON {} TO {}").format(ident, q.Identifier(READER_ROLE)))
    return stmts


_COMMON_GRANTS = f"""
ALTER TABLE gw.tombstones ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gw_read ON gw.tombstones;
CREATE POLICY gw_read ON gw.tombstones FOR SELECT USING (gw.can_read(county_code));
GRANT USAGE ON SCHEMA gw TO {EDITOR_ROLE}, {READER_ROLE};
GRANT SELECT ON gw.meta, gw.tombstones, gw.county_grants TO {EDITOR_ROLE}, {READER_ROLE};
GRANT SELECT ON gw.change_log TO {READER_ROLE}, {EDITOR_ROLE};
GRANT SELECT, INSERT, UPDATE ON gw.sync_pushes TO {EDITOR_ROLE};
GRANT SELECT, INSERT, UPDATE ON gw.blobs, gw.blob_chunks TO {EDITOR_ROLE};
GRANT SELECT ON gw.blobs, gw.blob_chunks TO {READER_ROLE};
GRANT SELECT ON SEQUENCE gw.rev_seq TO {EDITOR_ROLE}, {READER_ROLE};
ALTER TABLE gw.sync_pushes ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gw_own ON gw.sync_pushes;
CREATE POLICY gw_own ON gw.sync_pushes USING (who = session_user) WITH CHECK (who = session_user);
"""


def _ensure_roles(cur) -> None:
    q = sql()
    for role in (EDITOR_ROLE, READER_ROLE):
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
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (REV_LOCK_KEY + 1,))
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
            _ensure_roles(cur)
            cur.execute(_BASE_DDL)
            q = sql()
            for t in S.TABLES:
                cur.execute(_table_sql(t, srid))
                for f in t.all_fields():  # additive upgrade: fields introduced after the table
                    cur.execute(
                        q.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
                            q.Identifier(PLATFORM_SCHEMA, t.name), q.Identifier(f.name), q.SQL(column_type(f))
                        )
                    )
                for stmt in _table_objects_sql(t):
                    cur.execute(stmt)
            cur.execute(_COMMON_GRANTS)
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
            _set_meta(cur, values)
            meta = _read_meta(cur)
    finally:
        con.close()
    info = PlatformInfo(S.SCHEMA_VERSION, PLATFORM_VERSION, meta["crs"], srid, meta["read_scope"], created=old is None)
    if old is not None and old < S.SCHEMA_VERSION:
        info.upgraded_from = old
    if log:
        log(f"platform schema version {info.schema_version} ({'created' if info.created else 'checked'})")
    return info


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
    return PlatformInfo(
        version,
        int(meta.get("platform_version", 0)),
        meta["crs"],
        int(meta["srid"]),
        meta.get("read_scope", "all"),
    )


# --------------------------------------------------------------------------------------------------------------
# Users and grants
# --------------------------------------------------------------------------------------------------------------
def grant_user(conninfo: str, role: str, write_counties: Iterable[str] = (), read_counties: Iterable[str] = ()):
    """Make ``role`` (an existing login role) a platform editor that may change rows of ``write_counties``
    ('*' = every county) and, with read_scope 'granted', read rows of ``read_counties`` as well."""
    q = sql()
    con = connect(conninfo)
    try:
        with con:
            cur = con.cursor()
            cur.execute(q.SQL("GRANT {} TO {}").format(q.Identifier(EDITOR_ROLE), q.Identifier(role)))
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
def safe_revision(con) -> int:
    """The highest revision all of whose writing transactions have ended (autocommit connection expected).

    Writers hold the shared advisory lock from before they draw a revision until they commit; taking the lock
    exclusively therefore waits for every transaction that may still commit a revision at or below the value read.
    """
    cur = con.cursor()
    cur.execute("SELECT pg_advisory_lock(%s)", (REV_LOCK_KEY,))
    try:
        cur.execute("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM gw.rev_seq")
        return int(cur.fetchone()[0])
    finally:
        cur.execute("SELECT pg_advisory_unlock(%s)", (REV_LOCK_KEY,))


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
            cur.execute(
                q.SQL("SELECT count(*) FROM {} d JOIN gw.tombstones t ON t.tbl = %s AND t.uuid = d.uuid").format(ident),
                (t.name,),
            )
            if cur.fetchone()[0]:
                problems.append(f"{t.name}: live rows that also have a tombstone")
        cur.execute("SELECT count(*) FROM gw.sync_pushes WHERE result IS NULL")
        if cur.fetchone()[0]:
            problems.append("pushes recorded without result")
        cur.execute(
            "SELECT count(*) FROM gw.blobs b WHERE complete AND "
            "(SELECT coalesce(sum(length(data)), 0) FROM gw.blob_chunks c WHERE c.sha256 = b.sha256) <> b.size"
        )
        if cur.fetchone()[0]:
            problems.append("complete blobs whose chunks do not add up")
        con.rollback()
    finally:
        con.close()
    return problems
