"""The platform's SQL: the bookkeeping tables, trigger and policy functions, and the per-table statements that
``server_schema.initplatform`` runs (every statement idempotent: a new platform and an upgrade run the same).

Hardening (issue 14, item 3):
- every object of schema ``gw`` belongs to the NOLOGIN role ``gw_owner``; nobody logs in as the owner, so
  SECURITY DEFINER code runs with exactly the owner's rights (not a superuser's);
- every function of ``gw`` is declared with ``SET search_path = pg_catalog, pg_temp`` and calls other functions
  schema-qualified with typed arguments (``pg_catalog.nextval('gw.rev_seq'::pg_catalog.regclass)``, a bigint
  advisory-lock key), so nothing a user creates in another schema (e.g. ``public.nextval(text)``, which an
  untyped literal would prefer) is ever called by them; ``pg_temp`` last, and it is never searched for functions
  or operators (PostgreSQL 15 documentation, CREATE FUNCTION, "Writing SECURITY DEFINER Functions Safely");
- data tables have FORCE ROW LEVEL SECURITY (their owner obeys the county policies too); ``change_log`` and
  ``sync_pushes`` are readable only by the role that wrote the row; ``county_grants`` only by its role;
- push keys are (role, client id, push sequence) with the sha256 of the payload; an editor cannot take another
  role's key, and a key repeated with another payload is refused (``push.PushKeyReusedError``);
- attachment files (``blobs`` / ``blob_chunks``) are insert-only for editors (column grants, no UPDATE or
  DELETE); each uploader writes its own chunks, and ``gw.blob_finish`` (SECURITY DEFINER) checks the sha256 of
  the assembled chunks on the server before a blob counts as complete, or discards the caller's chunks so the
  upload can be retried;
- ``attachments.file_path`` must be ``attachments/<sha256 of the file>.<ext>`` (CHECK constraint);
- platform version 3: pushes go through the owner's push function (server_push_sql.py); the per-row revision
  trigger fires for every writer but the owner, the owner's policies check the SESSION user's grants, the users'
  policies are written as sub-selects run once per statement, and pulls find changes in the change log (indexed on
  ``(tbl, rev_xid)``), so the data tables carry no revision index (HOT updates, ``FILLFACTOR``).
No QGIS import.
"""

from __future__ import annotations

from ..data.model import Table
from . import server_push_sql as PS
from .connection import sql
from .server_push_sql import owner_policies_sql

PLATFORM_SCHEMA = "gw"
OWNER_ROLE = "gw_owner"
EDITOR_ROLE = "gw_editor"
READER_ROLE = "gw_reader"
#: Advisory-lock key (bigint) that serialises concurrent runs of initplatform (no writer or puller takes a lock:
#: pulls follow transaction ids, see pull.pull_into).
INIT_LOCK_KEY = 0x67770002
#: the only attachment file path the platform and the client accept: the file named by its content's sha256
ATTACHMENT_PATH_RE = r"^attachments/[0-9a-f]{64}(\.[a-z0-9]{1,9})?$"
#: free space kept in each page of a data table for HOT updates (PostgreSQL documentation, CREATE TABLE, "fillfactor":
#: "a smaller fillfactor ... gives the update a chance to place the updated copy of a row on the same page"; 100 is
#: PostgreSQL's default). 50 leaves room for every row of a page to be updated once before pruning: measured with
#: bench/bench_sync.py on 5 December 2026 (100,000 wells all updated in one push), the push function took 1.31x the
#: plain COPY + upsert at 50 against 1.84x at 70; the cost is about twice the table's pages (a judgement for a
#: city's 10^5-10^6 rows a table, not measured on a real city's data)
FILLFACTOR = 50

_SAFE = "SET search_path = pg_catalog, pg_temp"

BASE_DDL = f"""
CREATE SCHEMA IF NOT EXISTS gw;
CREATE TABLE IF NOT EXISTS gw.meta (key text PRIMARY KEY, value text);
CREATE SEQUENCE IF NOT EXISTS gw.rev_seq AS bigint;
CREATE TABLE IF NOT EXISTS gw.tombstones (
    tbl text NOT NULL, uuid uuid NOT NULL, county_code text NOT NULL, rev bigint NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now(), deleted_by text NOT NULL DEFAULT session_user,
    client_id text, PRIMARY KEY (county_code, tbl, uuid));
-- the key contains the distribution column of a county-distributed platform (docs/scaling.md, point 2); until
-- platform version 3 it was (tbl, uuid): swap it in place (the old rows are unique under the wider key too)
DO $$ BEGIN
  IF (SELECT array_length(conkey, 1) FROM pg_catalog.pg_constraint
      WHERE conrelid = 'gw.tombstones'::pg_catalog.regclass AND contype = 'p') = 2 THEN
    ALTER TABLE gw.tombstones DROP CONSTRAINT tombstones_pkey;
    ALTER TABLE gw.tombstones ADD PRIMARY KEY (county_code, tbl, uuid);
  END IF;
END $$;
-- look-ups by feature whatever its county (an insert clears the feature's tombstones, a stale push's refresh)
CREATE INDEX IF NOT EXISTS tombstones_tbl_uuid ON gw.tombstones (tbl, uuid);
CREATE INDEX IF NOT EXISTS tombstones_rev ON gw.tombstones (rev);
ALTER TABLE gw.tombstones ADD COLUMN IF NOT EXISTS rev_xid xid8;
CREATE INDEX IF NOT EXISTS tombstones_rev_xid ON gw.tombstones (rev_xid);
CREATE TABLE IF NOT EXISTS gw.change_log (
    rev bigint, tbl text NOT NULL, uuid uuid NOT NULL, op char(1) NOT NULL,
    county_code text, who text NOT NULL DEFAULT session_user, at timestamptz NOT NULL DEFAULT now(),
    client_id text, push_seq bigint);
-- platform version 3: pulls find changed rows here (gw.changed_since), so the data tables need no revision index
ALTER TABLE gw.change_log ADD COLUMN IF NOT EXISTS rev_xid xid8;
CREATE INDEX IF NOT EXISTS change_log_tbl_rev_xid ON gw.change_log (tbl, rev_xid);
-- platform version 4: the change log is written with every change and read by pulls through the index above
-- alone; its serial key and the indexes on uuid and who cost a push of 100,000 changes about a fifth of the
-- plain COPY + upsert (bench/bench_sync.py, 5 December 2026) for queries nothing in the sync makes. Entries are
-- ordered by rev (unique: every change draws one). A platform that wants fast per-feature history may add an
-- index on (uuid) itself; initplatform leaves indexes it does not know alone.
DROP INDEX IF EXISTS gw.change_log_uuid;
DROP INDEX IF EXISTS gw.change_log_who;
ALTER TABLE gw.change_log DROP COLUMN IF EXISTS id;
CREATE TABLE IF NOT EXISTS gw.sync_pushes (
    who text NOT NULL DEFAULT session_user, client_id text NOT NULL, push_seq bigint NOT NULL,
    payload_sha256 text, at timestamptz NOT NULL DEFAULT now(), rows integer, result jsonb,
    PRIMARY KEY (who, client_id, push_seq));
ALTER TABLE gw.sync_pushes ADD COLUMN IF NOT EXISTS payload_sha256 text;
-- platform version 4: the new revisions of a push by ord (its result then holds only the changes not accepted)
ALTER TABLE gw.sync_pushes ADD COLUMN IF NOT EXISTS revs bigint[];
-- stored uncompressed: compressing the revisions of a 100,000-change push took about 60 ms of the push function
-- to store 0.4 MB instead of 0.9 MB (measured on PostgreSQL 15, 5 December 2026)
ALTER TABLE gw.sync_pushes ALTER COLUMN revs SET STORAGE EXTERNAL;
DO $$ BEGIN  -- platform version 1 keyed pushes by (client_id, push_seq) alone: add the role
  IF (SELECT array_length(conkey, 1) FROM pg_catalog.pg_constraint
      WHERE conrelid = 'gw.sync_pushes'::pg_catalog.regclass AND contype = 'p') = 2 THEN
    ALTER TABLE gw.sync_pushes DROP CONSTRAINT sync_pushes_pkey;
    ALTER TABLE gw.sync_pushes ADD PRIMARY KEY (who, client_id, push_seq);
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS gw.county_grants (
    role_name text NOT NULL, county_code text NOT NULL, can_write boolean NOT NULL DEFAULT true,
    PRIMARY KEY (role_name, county_code));
CREATE TABLE IF NOT EXISTS gw.blobs (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{{64}}$'), size bigint NOT NULL,
    complete boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT session_user, completed_by text);
ALTER TABLE gw.blobs ADD COLUMN IF NOT EXISTS completed_by text;
CREATE TABLE IF NOT EXISTS gw.blob_chunks (
    sha256 text NOT NULL REFERENCES gw.blobs ON DELETE CASCADE, uploader text NOT NULL DEFAULT session_user,
    idx integer NOT NULL CHECK (idx >= 0), data bytea NOT NULL, PRIMARY KEY (sha256, uploader, idx));
ALTER TABLE gw.blob_chunks ADD COLUMN IF NOT EXISTS uploader text NOT NULL DEFAULT session_user;
DO $$ BEGIN  -- platform version 1: chunks without their uploader, blobs completed by anyone
  IF (SELECT array_length(conkey, 1) FROM pg_catalog.pg_constraint
      WHERE conrelid = 'gw.blob_chunks'::pg_catalog.regclass AND contype = 'p') = 2 THEN
    ALTER TABLE gw.blob_chunks DROP CONSTRAINT blob_chunks_pkey;
    ALTER TABLE gw.blob_chunks ADD PRIMARY KEY (sha256, uploader, idx);
    UPDATE gw.blobs SET completed_by = session_user WHERE complete AND completed_by IS NULL;
  END IF;
END $$;

-- The policy functions run as the querying user and stay inlinable (no SET clause); every object and operator
-- in them is schema-qualified instead, so no search_path can redirect them.
CREATE OR REPLACE FUNCTION gw.read_scope() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT coalesce((SELECT m.value FROM gw.meta m WHERE m.key OPERATOR(pg_catalog.=) 'read_scope'::text),
                   'all'::text) $$;

CREATE OR REPLACE FUNCTION gw.can_write(cc text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM gw.county_grants g
                 WHERE g.role_name OPERATOR(pg_catalog.=) current_user::text AND g.can_write
                   AND (g.county_code OPERATOR(pg_catalog.=) cc OR g.county_code OPERATOR(pg_catalog.=) '*'::text))
$$;

CREATE OR REPLACE FUNCTION gw.can_read(cc text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT gw.read_scope() OPERATOR(pg_catalog.=) 'all'::text
      OR EXISTS (SELECT 1 FROM gw.county_grants g
                 WHERE g.role_name OPERATOR(pg_catalog.=) current_user::text
                   AND (g.county_code OPERATOR(pg_catalog.=) cc OR g.county_code OPERATOR(pg_catalog.=) '*'::text))
$$;

CREATE OR REPLACE FUNCTION gw.tg_rev() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $$
BEGIN
  NEW.rev := pg_catalog.nextval('gw.rev_seq'::pg_catalog.regclass);
  NEW.rev_xid := pg_catalog.pg_current_xact_id();  -- what pulls follow (pull.pull_into)
  IF coalesce(pg_catalog.current_setting('gw.push_seq'::text, true), '') <> '' THEN
    RETURN NEW;  -- a sync push stores rows exactly as the client sent them (the client keeps the same values)
  END IF;
  IF TG_OP = 'INSERT' THEN
    NEW.created_at := coalesce(NEW.created_at, pg_catalog.now());
    NEW.created_by := coalesce(NEW.created_by, session_user::text);
    NEW.updated_at := coalesce(NEW.updated_at, NEW.created_at);
    NEW.updated_by := coalesce(NEW.updated_by, NEW.created_by);
  ELSIF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := pg_catalog.now();
    NEW.updated_by := session_user::text;
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION gw.tg_log() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $$
DECLARE
  cid text := nullif(pg_catalog.current_setting('gw.client_id'::text, true), '');
  pseq bigint := nullif(pg_catalog.current_setting('gw.push_seq'::text, true), '')::bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- a live row supersedes its feature's tombstones in every county (a move back to the county it left)
    DELETE FROM gw.tombstones t USING new_rows n WHERE t.tbl = TG_TABLE_NAME::text AND t.uuid = n.uuid;
    INSERT INTO gw.change_log (rev, tbl, uuid, op, county_code, client_id, push_seq, rev_xid)
      SELECT n.rev, TG_TABLE_NAME::text, n.uuid, 'I', n.county_code, cid, pseq,
             pg_catalog.pg_current_xact_id() FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO gw.change_log (rev, tbl, uuid, op, county_code, client_id, push_seq, rev_xid)
      SELECT n.rev, TG_TABLE_NAME::text, n.uuid, 'U', n.county_code, cid, pseq,
             pg_catalog.pg_current_xact_id() FROM new_rows n;
  ELSE
    INSERT INTO gw.tombstones AS t (tbl, uuid, county_code, rev, client_id, rev_xid)
      SELECT TG_TABLE_NAME::text, o.uuid, o.county_code, pg_catalog.nextval('gw.rev_seq'::pg_catalog.regclass), cid,
             pg_catalog.pg_current_xact_id()
      FROM old_rows o ORDER BY o.uuid
      -- keyed by county (the distribution column, never updated: docs/scaling.md, points 1 and 2)
      ON CONFLICT (county_code, tbl, uuid) DO UPDATE SET rev = excluded.rev, deleted_at = pg_catalog.now(),
        deleted_by = session_user::text, client_id = excluded.client_id, rev_xid = excluded.rev_xid;
    INSERT INTO gw.change_log (rev, tbl, uuid, op, county_code, client_id, push_seq, rev_xid)
      SELECT t.rev, TG_TABLE_NAME::text, o.uuid, 'D', o.county_code, cid, pseq, t.rev_xid
      FROM old_rows o JOIN gw.tombstones t
        ON t.county_code = o.county_code AND t.tbl = TG_TABLE_NAME::text AND t.uuid = o.uuid;
  END IF;
  RETURN NULL;
END $$;

-- A blob counts as complete only when the sha256 of the caller's own chunks, assembled in order, is its name.
-- Returns true when the blob is complete (now or before); false after discarding the caller's chunks of a blob
-- that does not hash to its name (the upload is retried from scratch).
CREATE OR REPLACE FUNCTION gw.blob_finish(sha text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $$
DECLARE
  digest text;
  total bigint;
  n bigint;
  top integer;
BEGIN
  PERFORM 1 FROM gw.blobs b WHERE b.sha256 = sha AND b.complete;
  IF FOUND THEN
    DELETE FROM gw.blob_chunks c WHERE c.sha256 = sha AND c.uploader = session_user::text;
    RETURN true;
  END IF;
  SELECT pg_catalog.encode(pg_catalog.sha256(coalesce(pg_catalog.string_agg(c.data, '\\x'::bytea ORDER BY c.idx),
                                                      '\\x'::bytea)), 'hex'),
         coalesce(pg_catalog.sum(pg_catalog.length(c.data)), 0), pg_catalog.count(*), pg_catalog.max(c.idx)
    INTO digest, total, n, top
    FROM gw.blob_chunks c WHERE c.sha256 = sha AND c.uploader = session_user::text;
  IF digest = sha AND n = coalesce(top, -1) + 1 THEN
    UPDATE gw.blobs b SET complete = true, size = total, completed_by = session_user::text
      WHERE b.sha256 = sha AND NOT b.complete;
    DELETE FROM gw.blob_chunks c WHERE c.sha256 = sha AND c.uploader <> session_user::text;
    RETURN true;
  END IF;
  DELETE FROM gw.blob_chunks c WHERE c.sha256 = sha AND c.uploader = session_user::text;
  RETURN false;
END $$;

-- The caller's chunks of a blob that is not complete are discarded (an upload given up locally, to start over).
CREATE OR REPLACE FUNCTION gw.blob_discard(sha text) RETURNS void LANGUAGE sql SECURITY DEFINER {_SAFE} AS $$
  DELETE FROM gw.blob_chunks c WHERE c.sha256 = sha AND c.uploader = session_user::text
    AND NOT EXISTS (SELECT 1 FROM gw.blobs b WHERE b.sha256 = sha AND b.complete AND b.completed_by = c.uploader)
$$;
"""

#: the functions of ``gw`` (each is given to the owner role and checked by the tests for its search_path)
FUNCTIONS = (
    "gw.read_scope()",
    "gw.can_write(text)",
    "gw.can_read(text)",
    "gw.tg_rev()",
    "gw.tg_log()",
    "gw.blob_finish(text)",
    "gw.blob_discard(text)",
    *PS.FUNCTIONS,
)
#: the functions that run with the owner's rights
DEFINER_FUNCTIONS = (
    "gw.tg_rev()",
    "gw.tg_log()",
    "gw.blob_finish(text)",
    "gw.blob_discard(text)",
    *PS.DEFINER_FUNCTIONS,
)
BOOKKEEPING_TABLES = (
    "gw.meta",
    "gw.tombstones",
    "gw.change_log",
    "gw.sync_pushes",
    "gw.county_grants",
    "gw.blobs",
    "gw.blob_chunks",
)


def table_objects_sql(t: Table) -> list:
    """Indexes, constraints, triggers, RLS policies and grants of one data table (idempotent statements)."""
    q = sql()
    ident = q.Identifier(PLATFORM_SCHEMA, t.name)
    name = t.name
    stmts = [
        # platform version 3: no revision index on data tables (pulls find changes through the change log), so an
        # update that changes no indexed column is HOT; room left in each page for those updates
        q.SQL("DROP INDEX IF EXISTS {}").format(q.Identifier(PLATFORM_SCHEMA, f"{name}_rev")),
        q.SQL("DROP INDEX IF EXISTS {}").format(q.Identifier(PLATFORM_SCHEMA, f"{name}_rev_xid")),
        q.SQL("ALTER TABLE {} SET (fillfactor = {})").format(ident, q.SQL(str(FILLFACTOR))),
        q.SQL("DROP TRIGGER IF EXISTS gw_lock ON {}").format(ident),  # platform version 1's global lock
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
    if name == "attachments":
        # NOT VALID: enforced for every new or changed row; rows of an older platform are left for the admin
        stmts.append(
            q.SQL(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conname = "
                "'attachments_file_path_form' AND conrelid = 'gw.attachments'::pg_catalog.regclass) THEN "
                "ALTER TABLE gw.attachments ADD CONSTRAINT attachments_file_path_form CHECK (file_path IS NULL OR "
                "(file_path ~ {re} AND sha256 IS NOT NULL AND substr(file_path, 13, 64) = sha256)) NOT VALID; "
                "END IF; END $$"
            ).format(re=q.Literal(ATTACHMENT_PATH_RE))
        )
    for trig, body in (
        # not for the owner: the push function (server_push_sql.py) assigns revisions set-wise; every other
        # writer, whatever it runs, is tracked row by row
        (
            "gw_rev",
            f"BEFORE INSERT OR UPDATE ON {{t}} FOR EACH ROW WHEN (current_user OPERATOR(pg_catalog.<>) "
            f"'{OWNER_ROLE}'::name) EXECUTE FUNCTION gw.tg_rev()",
        ),
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
    stmts.append(q.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(ident))
    # the county checks of gw.can_read / gw.can_write written out as sub-selects the planner runs once per
    # statement (no function call per row); for the platform's users (the owner has its own, server_push_sql.py)
    r = f"({PS.READ_ALL} OR {PS.grants_expr('county_code', 'current_user', False)})"
    w = PS.grants_expr("county_code", "current_user", True)
    users = f"TO {EDITOR_ROLE}, {READER_ROLE}"
    for pol, body in (
        ("gw_read", f"FOR SELECT {users} USING {r}"),
        ("gw_insert", f"FOR INSERT {users} WITH CHECK {w}"),
        ("gw_update", f"FOR UPDATE {users} USING {w} WITH CHECK {w}"),
        ("gw_delete", f"FOR DELETE {users} USING {w}"),
    ):
        stmts.append(q.SQL("DROP POLICY IF EXISTS {} ON {}").format(q.Identifier(pol), ident))
        stmts.append(q.SQL("CREATE POLICY {} ON {} " + body).format(q.Identifier(pol), ident))
    stmts.extend(q.SQL(x) for x in owner_policies_sql(name))
    stmts.append(q.SQL("ALTER TABLE {} OWNER TO {}").format(ident, q.Identifier(OWNER_ROLE)))
    stmts.append(q.SQL("REVOKE ALL ON {} FROM PUBLIC").format(ident))
    stmts.append(q.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(ident, q.Identifier(EDITOR_ROLE)))
    stmts.append(q.SQL("GRANT SELECT ON {} TO {}").format(ident, q.Identifier(READER_ROLE)))
    return stmts


COMMON_GRANTS = f"""
DROP FUNCTION IF EXISTS gw.tg_lock();
ALTER TABLE gw.tombstones ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gw_read ON gw.tombstones;
CREATE POLICY gw_read ON gw.tombstones FOR SELECT USING (gw.can_read(county_code));
ALTER TABLE gw.change_log ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gw_own ON gw.change_log;
CREATE POLICY gw_own ON gw.change_log FOR SELECT USING (who = session_user);
ALTER TABLE gw.county_grants ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gw_own ON gw.county_grants;
CREATE POLICY gw_own ON gw.county_grants FOR SELECT USING (role_name = current_user);
ALTER TABLE gw.sync_pushes ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS gw_own ON gw.sync_pushes;
CREATE POLICY gw_own ON gw.sync_pushes USING (who = session_user) WITH CHECK (who = session_user);

ALTER SCHEMA gw OWNER TO {OWNER_ROLE};
ALTER SEQUENCE gw.rev_seq OWNER TO {OWNER_ROLE};
{"".join(f"ALTER TABLE {t} OWNER TO {OWNER_ROLE};" for t in BOOKKEEPING_TABLES)}
{"".join(f"ALTER FUNCTION {f} OWNER TO {OWNER_ROLE};" for f in FUNCTIONS)}
REVOKE ALL ON SCHEMA gw FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA gw FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA gw FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA gw FROM PUBLIC;
REVOKE ALL ON {", ".join(BOOKKEEPING_TABLES)} FROM {EDITOR_ROLE}, {READER_ROLE};
REVOKE ALL ON SEQUENCE gw.rev_seq FROM {EDITOR_ROLE}, {READER_ROLE};
GRANT USAGE ON SCHEMA gw TO {EDITOR_ROLE}, {READER_ROLE};
GRANT EXECUTE ON FUNCTION gw.read_scope(), gw.can_write(text), gw.can_read(text) TO {EDITOR_ROLE}, {READER_ROLE};
GRANT EXECUTE ON FUNCTION gw.blob_finish(text), gw.blob_discard(text) TO {EDITOR_ROLE};
GRANT SELECT ON gw.meta, gw.tombstones, gw.county_grants, gw.change_log TO {EDITOR_ROLE}, {READER_ROLE};
GRANT SELECT, INSERT (client_id, push_seq, payload_sha256, rows), UPDATE (result) ON gw.sync_pushes TO {EDITOR_ROLE};
GRANT SELECT, INSERT (sha256, size) ON gw.blobs TO {EDITOR_ROLE};
GRANT SELECT, INSERT (sha256, idx, data) ON gw.blob_chunks TO {EDITOR_ROLE};
GRANT SELECT ON gw.blobs, gw.blob_chunks TO {READER_ROLE};
GRANT SELECT ON SEQUENCE gw.rev_seq TO {EDITOR_ROLE}, {READER_ROLE};
{PS.GRANTS}"""
