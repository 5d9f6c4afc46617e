"""The platform's push and pull functions (platform versions 3 and 4, issue 14 "Performance"), generated from the
declarative schema by ``initplatform``: a push is a typed COPY of the outbox into staging tables plus SECURITY
DEFINER calls, instead of JSON per row.

- ``gw.push_open(client_id, push_seq, payload_sha256, rows, tables)`` records the idempotency key (role + client
  id + push sequence, with the payload's sha256) and creates one staging table per table of the push,
  ``pg_temp.gw_push_<table>`` (``STAGE_HEAD``, then the table's columns, typed), owned by the NOLOGIN owner and ON
  COMMIT DROP; the caller may only INSERT (COPY) into them. A key seen before answers 'done' with the stored
  outcome (same payload) or 'reused' (another payload: another copy of the file); nothing is created. Opened
  without its digest (a push streamed while its outbox is built), a key seen before answers 'seen': the caller
  asks again with the digest.
- the client COPYs the outbox (text format) into those tables; ``mask`` has bit i set when column i of
  ``server_schema.data_columns`` changed (an update sends only those values and the county).
- ``gw.push_apply_part(client_id, push_seq)`` applies the rows staged so far and empties the staging tables (a
  streamed push: one part applied while the client builds the next); ``gw.push_apply(client_id, push_seq,
  bad_ords, bad_reasons[, digest, rows])`` applies what is still staged and ends the push: table by table, rows
  locked in uuid order (parts come in uuid order), county moves as delete + insert, inserts, updates (only the
  masked columns, checked against the base revision), deletes; revisions assigned in the same statements
  (``nextval`` over the staged rows); the change log is written by the statement triggers (one entry per accepted
  change). The per-row revision trigger does not fire for the owner (``WHEN (current_user <> 'gw_owner')``); any
  other writer is still tracked by it. Row-level security still decides: data tables carry policies for the
  owner that check the SESSION user's county grants (``session_can_write``), so the function can change only rows
  of counties the caller may edit. It stores and returns the outcome compactly (the new revision of each change
  by ord, and the changes not accepted) with the digest of a push opened without it.
- ``gw.changed_since(snapshot, table)``: uuids of rows changed by transactions not visible in a pull snapshot,
  from the change log (indexed on ``rev_xid``), so the data tables carry no revision index and updates stay HOT.

Every function is SECURITY DEFINER with ``SET search_path = pg_catalog, pg_temp`` and qualified, typed calls;
it reads only tables it created itself (never a table the caller owns, whose triggers or policies would run as
the owner). No QGIS import.
"""

from __future__ import annotations

from ..data import schema as S
from ..data.model import Table

OWNER = "gw_owner"
_SAFE = "SET search_path = pg_catalog, pg_temp"
#: memory for the push function's sorts and hashes (PostgreSQL documentation, "work_mem": per sort or hash
#: operation, default 4MB). 100,000 staged rows hash and sort in about 20 MB; at 4MB the joins ran in 4 batches
#: and the sorts on disk (measured with bench/bench_sync.py, 5 December 2026). Set for the function's calls only.
WORK_MEM = "64MB"
_PG_TYPE = {
    "text": "text",
    "integer": "bigint",
    "real": "double precision",
    "boolean": "boolean",
    "date": "date",
    "datetime": "timestamptz",
}
_PG_GEOM = {"Point": "Point", "MultiPolygon": "MultiPolygon", "MultiLineString": "MultiLineString"}

#: columns of a staging table before the table's own columns (what the client COPYs first): an outbox row's line
#: as its payload digest reads it (ord, table, uuid, op, base revision, then mask and fields), so the client sends
#: the very text it hashed; gw_tbl and gw_uuid are carried, never read
STAGE_HEAD = ("ord", "gw_tbl", "gw_uuid", "op", "base_rev", "mask")


def grants_expr(col: str, user: str, write: bool) -> str:
    """``col`` is a county granted to ``user`` (current_user or session_user), written as sub-selects that the
    planner runs once per statement (a hashed sub-plan and an init-plan), not as a function call per row."""
    g = f"SELECT g.county_code FROM gw.county_grants g WHERE g.role_name OPERATOR(pg_catalog.=) {user}::text" + (
        " AND g.can_write" if write else ""
    )
    return f"({col} OPERATOR(pg_catalog.=) ANY ({g}) OR '*'::text OPERATOR(pg_catalog.=) ANY ({g}))"


#: the session user bypasses row-level security (a superuser or BYPASSRLS role): every county
SESSION_BYPASSES = (
    "EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) session_user "
    "AND (r.rolsuper OR r.rolbypassrls))"
)
#: the platform reads every county for everyone ('all', the default) or only granted ones ('granted')
READ_ALL = (
    "coalesce((SELECT m.value FROM gw.meta m WHERE m.key OPERATOR(pg_catalog.=) 'read_scope'::text), "
    "'all'::text) OPERATOR(pg_catalog.=) 'all'::text"
)


def session_can_write(col: str) -> str:
    return f"({grants_expr(col, 'session_user', True)} OR {SESSION_BYPASSES})"


def session_can_read(col: str) -> str:
    return f"({READ_ALL} OR {grants_expr(col, 'session_user', False)} OR {SESSION_BYPASSES})"


def stage_name(table: str) -> str:
    return f"gw_push_{table}"


def columns(t: Table) -> list:
    """The table's synced columns in the order of the change mask's bits (server_schema.data_columns)."""
    cols = [f.name for f in t.all_fields()]
    if t.geometry:
        cols.append("geom")
    return cols


def _ctype(t: Table, c: str, srid: int, gschema: str) -> str:
    if c == "geom":  # schema-qualified: the functions' search_path holds only pg_catalog and pg_temp
        return f"{_q(gschema)}.geometry({_PG_GEOM[t.geometry]}, {int(srid)})"
    if c == "uuid":
        return "uuid"
    return _PG_TYPE[t.field(c).type]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _stage_ddl(t: Table, srid: int, gschema: str) -> str:
    cols = ", ".join(f"{_q(c)} {_ctype(t, c, srid, gschema)}" for c in columns(t))
    st = _q(stage_name(t.name))
    return (
        f"CREATE TEMP TABLE {st} (ord integer NOT NULL, gw_tbl text, gw_uuid text, op text NOT NULL, base_rev bigint, "
        f"mask bigint NOT NULL, "
        f"{cols}) ON COMMIT DROP; GRANT INSERT ON pg_temp.{st} TO PUBLIC;"
    )


def _apply_block(t: Table) -> str:
    """plpgsql statements applying the staged rows of one table (see the module docstring)."""
    cols = columns(t)
    name = t.name
    lit = "'" + name + "'"
    T = f"gw.{_q(name)}"
    st = f"pg_temp.{_q(stage_name(name))}"
    col_list = ", ".join(_q(c) for c in cols)
    bit = {c: i for i, c in enumerate(cols)}
    cbit = 1 << bit["county_code"]
    nextrev = "pg_catalog.nextval('gw.rev_seq'::pg_catalog.regclass)"
    xact = "pg_catalog.pg_current_xact_id()"
    merged = ", ".join(
        f"CASE WHEN (s.mask & {1 << bit[c]}::bigint) <> 0 THEN s.{_q(c)} ELSE t.{_q(c)} END AS {_q(c)}"
        for c in cols
        if c != "uuid"
    )
    sets = ", ".join(
        f"{_q(c)} = CASE WHEN (s.mask & {1 << bit[c]}::bigint) <> 0 THEN s.{_q(c)} ELSE t.{_q(c)} END"
        for c in cols
        if c not in ("uuid", "county_code")  # never the distribution column: county moves are delete + insert
    )
    out = "pg_temp.gw_push_out"
    return f"""
  done := 0;
  ANALYZE {st};  -- row counts for the planner (temp tables get no autovacuum): hash joins, not nested loops
  -- {name}: lock the rows to change in one fixed order (uuid): concurrent pushes wait, never deadlock
  PERFORM 1 FROM {T} t WHERE t.uuid IN (SELECT s.uuid FROM {st} s WHERE s.op <> 'I') ORDER BY t.uuid FOR UPDATE OF t;
  IF EXISTS (SELECT 1 FROM {st} s JOIN {T} t ON t.uuid = s.uuid WHERE s.op = 'U' AND t.rev = s.base_rev
             AND (s.mask & {cbit}::bigint) <> 0 AND s.county_code IS DISTINCT FROM t.county_code) THEN
    CREATE TEMP TABLE gw_push_move ON COMMIT DROP AS
      SELECT s.ord, s.uuid, {merged} FROM {st} s JOIN {T} t ON t.uuid = s.uuid
      WHERE s.op = 'U' AND t.rev = s.base_rev AND (s.mask & {cbit}::bigint) <> 0
        AND s.county_code IS DISTINCT FROM t.county_code AND {session_can_write("s.county_code")} AND {session_can_write("t.county_code")};
    DELETE FROM {T} t USING pg_temp.gw_push_move m WHERE t.uuid = m.uuid;
    WITH ins AS (INSERT INTO {T} ({col_list}, rev, rev_xid)
                 SELECT {col_list}, {nextrev}, {xact} FROM pg_temp.gw_push_move ORDER BY uuid RETURNING uuid, rev)
    INSERT INTO {out} (ord, status, new_rev)
      SELECT m.ord, 'ok', ins.rev FROM ins JOIN pg_temp.gw_push_move m ON m.uuid = ins.uuid;
    GET DIAGNOSTICS n = ROW_COUNT;
    done := done + n;
    DROP TABLE pg_temp.gw_push_move;
  END IF;
  -- (no conflict target: the key is (uuid) here and (county_code, uuid) on a county-distributed platform,
  -- docs/scaling.md point 2)
  WITH ins AS (INSERT INTO {T} AS t ({col_list}, rev, rev_xid)
               SELECT {", ".join("s." + _q(c) for c in cols)}, {nextrev}, {xact} FROM {st} s
               WHERE s.op = 'I' AND {session_can_write("s.county_code")} ORDER BY s.uuid
               ON CONFLICT DO NOTHING RETURNING t.uuid, t.rev)
  INSERT INTO {out} (ord, status, new_rev)
    SELECT s.ord, 'ok', ins.rev FROM ins JOIN {st} s ON s.uuid = ins.uuid AND s.op = 'I';
  GET DIAGNOSTICS n = ROW_COUNT;
  done := done + n;
  WITH upd AS (UPDATE {T} t SET {sets}, rev = {nextrev}, rev_xid = {xact}
               FROM {st} s WHERE s.op = 'U' AND t.uuid = s.uuid AND t.rev = s.base_rev AND {session_can_write("s.county_code")}
               RETURNING s.ord, t.rev)
  INSERT INTO {out} (ord, status, new_rev) SELECT upd.ord, 'ok', upd.rev FROM upd;
  GET DIAGNOSTICS n = ROW_COUNT;
  done := done + n;
  WITH del AS (DELETE FROM {T} t USING {st} s WHERE s.op = 'D' AND t.uuid = s.uuid AND t.rev = s.base_rev
               AND {session_can_write("s.county_code")} RETURNING s.ord, t.uuid, t.county_code)
  INSERT INTO {out} (ord, tbl, uuid, op, status, county_code)
    SELECT del.ord, {lit}, del.uuid, 'D', 'ok', del.county_code FROM del;
  GET DIAGNOSTICS n = ROW_COUNT;
  done := done + n;
  -- the rest: refused (a county the caller may not edit), gone already (a delete reached its goal) or stale
  IF (SELECT pg_catalog.count(*) FROM {st}) > done THEN
  INSERT INTO {out} (ord, tbl, uuid, op, status, reason, county_code)
    SELECT s.ord, {lit}, s.uuid, s.op,
      CASE WHEN NOT {session_can_write("s.county_code")}
             OR (s.op <> 'I' AND t.uuid IS NOT NULL AND NOT {session_can_write("t.county_code")}) THEN 'rejected'
           WHEN s.op = 'D' AND t.uuid IS NULL THEN 'ok' ELSE 'stale' END,
      CASE WHEN NOT {session_can_write("s.county_code")} THEN 'no write permission for county ' || coalesce(s.county_code, '?')
           WHEN s.op <> 'I' AND t.uuid IS NOT NULL AND NOT {session_can_write("t.county_code")}
             THEN 'no write permission for county ' || t.county_code END,
      s.county_code  -- a delete gone already: its tombstone is looked up in the county the client knew
    FROM {st} s LEFT JOIN {T} t ON t.uuid = s.uuid
    WHERE NOT EXISTS (SELECT 1 FROM {out} o WHERE o.ord = s.ord);
  END IF;"""


#: (plpgsql) only a push opened by gw.push_open in this transaction: its tables are the owner's, created before the
#: caller could take their names; ``k`` its key row
_KEY_CHECK = """  IF pg_catalog.to_regclass('pg_temp.gw_push_key') IS NULL OR (SELECT c.relowner FROM pg_catalog.pg_class c
      WHERE c.oid = pg_catalog.to_regclass('pg_temp.gw_push_key')) <> (SELECT o.oid FROM pg_catalog.pg_roles o
      WHERE o.rolname = current_user) THEN
    RAISE EXCEPTION 'no push was opened in this transaction' USING ERRCODE = '55000';
  END IF;
  SELECT * INTO k FROM pg_temp.gw_push_key;
  IF NOT FOUND OR k.cid <> cid OR k.pseq <> pseq THEN
    RAISE EXCEPTION 'push % of client % was not opened in this transaction', pseq, cid USING ERRCODE = '55000';
  END IF;
"""


def push_functions_sql(srid: int, gschema: str = "public") -> str:
    """CREATE OR REPLACE of gw.push_open, gw.push_apply and gw.changed_since; ``gschema``
    is the schema of PostGIS's geometry type."""
    opens = "\n".join(f"      WHEN {_lit(t.name)} THEN {_stage_ddl(t, srid, gschema)}" for t in S.TABLES)
    applies = "\n".join(
        f"  IF {_lit(t.name)} OPERATOR(pg_catalog.=) ANY (k.tbls) THEN{_apply_block(t)}\n  END IF;" for t in S.TABLES
    )
    truncates = "\n".join(
        f"  IF {_lit(t.name)} OPERATOR(pg_catalog.=) ANY (k.tbls) THEN TRUNCATE pg_temp.{_q(stage_name(t.name))}; END IF;"
        for t in S.TABLES
    )
    key_check = _KEY_CHECK
    return f"""
-- platform version 4 changed what the push functions return: drop the version-3 ones (their grants come back below)
DROP FUNCTION IF EXISTS gw.push_open(text, bigint, text, integer, text[]);
DROP FUNCTION IF EXISTS gw.push_apply(text, bigint, integer[], text[]);
DROP FUNCTION IF EXISTS gw.push_apply(text, bigint, integer[], text[], text, integer);

CREATE FUNCTION gw.push_open(cid text, pseq bigint, digest text, nrows integer, tbls text[])
RETURNS TABLE (state text, result jsonb, revs text) LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $fn$
#variable_conflict use_column
DECLARE
  t text;
  r record;
BEGIN
  IF NOT pg_catalog.pg_has_role(session_user, 'gw_editor'::name, 'MEMBER'::text) THEN
    RAISE EXCEPTION 'role % may only read', session_user USING ERRCODE = '42501';
  END IF;
  INSERT INTO gw.sync_pushes AS p (who, client_id, push_seq, payload_sha256, rows)
    VALUES (session_user::text, cid, pseq, digest, nrows) ON CONFLICT (who, client_id, push_seq) DO NOTHING;
  IF NOT FOUND THEN  -- this key was used before
    IF digest IS NULL THEN  -- a push whose digest comes with push_apply: the caller must ask again with it
      state := 'seen';
      RETURN NEXT;
      RETURN;
    END IF;
    SELECT p.result, p.payload_sha256, p.revs INTO r FROM gw.sync_pushes p
      WHERE p.who = session_user::text AND p.client_id = cid AND p.push_seq = pseq;
    IF r.result IS NULL THEN
      state := 'unreadable';
    ELSIF r.payload_sha256 IS NOT NULL AND r.payload_sha256 <> digest THEN
      state := 'reused';  -- another copy of the file pushed under this identity
    ELSE
      state := 'done';  -- the same push, its reply lost: the same outcome
      result := r.result;
      revs := pg_catalog.array_to_json(r.revs)::text;
    END IF;
    RETURN NEXT;
    RETURN;
  END IF;
  -- one row a change sent (no index: written once, read by hash joins); tbl, uuid, op and county only where the
  -- classification or a delete's tombstone needs them
  CREATE TEMP TABLE gw_push_out (ord integer NOT NULL, tbl text, uuid uuid, op text, status text NOT NULL,
                                 new_rev bigint, reason text, county_code text) ON COMMIT DROP;
  CREATE TEMP TABLE gw_push_key (cid text NOT NULL, pseq bigint NOT NULL, tbls text[] NOT NULL) ON COMMIT DROP;
  INSERT INTO pg_temp.gw_push_key VALUES (cid, pseq, tbls);
  FOREACH t IN ARRAY tbls LOOP
    CASE t
{opens}
      ELSE RAISE EXCEPTION 'no synced table %', t USING ERRCODE = '22023';
    END CASE;
  END LOOP;
  state := 'open';
  RETURN NEXT;
END $fn$;

-- the rows staged so far applied (the staging tables emptied for the next part); the push stays open
CREATE OR REPLACE FUNCTION gw.push_apply_part(cid text, pseq bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {_SAFE} SET work_mem = '{WORK_MEM}' AS $fn$
#variable_conflict use_column
DECLARE
  k record;
  n bigint;
  done bigint;
BEGIN
{key_check}  PERFORM pg_catalog.set_config('gw.client_id', cid, true), pg_catalog.set_config('gw.push_seq', pseq::text, true);
{applies}
{truncates}
END $fn$;

CREATE FUNCTION gw.push_apply(cid text, pseq bigint, bad_ords integer[], bad_reasons text[], digest text DEFAULT NULL,
                              nrows integer DEFAULT NULL)
RETURNS TABLE (revs text, result jsonb)
LANGUAGE plpgsql SECURITY DEFINER {_SAFE} SET work_mem = '{WORK_MEM}' AS $fn$
#variable_conflict use_column
DECLARE
  k record;
  res jsonb;
  rv bigint[];
  n bigint;
  done bigint;
  dense boolean;
BEGIN
{key_check}  DELETE FROM pg_temp.gw_push_key;  -- applied once
  PERFORM pg_catalog.set_config('gw.client_id', cid, true), pg_catalog.set_config('gw.push_seq', pseq::text, true);
  INSERT INTO pg_temp.gw_push_out (ord, status, reason)
    SELECT b.o, 'rejected', b.r FROM ROWS FROM (pg_catalog.unnest(bad_ords), pg_catalog.unnest(bad_reasons)) AS b(o, r);
{applies}
  -- a delete's revision is its tombstone's, in the county the row was deleted from (the stored row's county;
  -- tombstones are keyed (county_code, tbl, uuid), docs/scaling.md point 2)
  UPDATE pg_temp.gw_push_out o SET new_rev = ts.rev FROM gw.tombstones ts
    WHERE o.op = 'D' AND o.status = 'ok' AND ts.county_code = o.county_code AND ts.tbl = o.tbl AND ts.uuid = o.uuid;
  -- the outcome, compact when the changes are numbered 1..n as a client numbers them: the new revision of each
  -- by its ord (NULL where it was not accepted) and the few that were not accepted, [ord, status, new_rev,
  -- reason]; else every change as [ord, status, new_rev, reason] and no revisions array
  -- (an array as long as the rows staged: a caller that numbers two changes alike only garbles its own outcome)
  SELECT pg_catalog.min(o.ord) = 1 AND pg_catalog.max(o.ord) = pg_catalog.count(*) INTO dense
    FROM pg_temp.gw_push_out o;
  IF dense THEN
    SELECT pg_catalog.array_agg(CASE WHEN o.status = 'ok' THEN o.new_rev END ORDER BY o.ord) INTO rv
      FROM pg_temp.gw_push_out o;
  END IF;
  SELECT coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(o.ord, o.status, o.new_rev, o.reason)
                                       ORDER BY o.ord), '[]'::jsonb)
    INTO res FROM pg_temp.gw_push_out o WHERE o.status <> 'ok' OR NOT dense;
  -- (a push opened without its digest gets it now, with its size)
  UPDATE gw.sync_pushes p SET result = res, revs = rv, payload_sha256 = coalesce(p.payload_sha256, digest),
      rows = coalesce(nrows, p.rows)
    WHERE p.who = session_user::text AND p.client_id = cid AND p.push_seq = pseq;
  revs := pg_catalog.array_to_json(rv)::text;
  result := res;
  RETURN NEXT;
END $fn$;

-- uuids of rows of one table changed by transactions not visible in a pull's snapshot (pull.pull_into); only
-- of counties the caller may read (a reader of some counties learns nothing of the others)
CREATE OR REPLACE FUNCTION gw.changed_since(since text, tname text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER {_SAFE} AS $fn$
  SELECT c.uuid FROM gw.change_log c  -- (a feature changed twice comes twice: the pull's uuid IN (...) folds them)
  WHERE c.tbl = tname AND c.op <> 'D'
    AND c.rev_xid >= pg_catalog.pg_snapshot_xmin(since::pg_catalog.pg_snapshot)
    AND NOT pg_catalog.pg_visible_in_snapshot(c.rev_xid, since::pg_catalog.pg_snapshot)
    AND {session_can_read("c.county_code")}
$fn$;
"""


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def owner_policies_sql(table: str) -> list:
    """Policies for the owner on one data table: what the push function may write is what the SESSION user may
    write (FORCE ROW LEVEL SECURITY keeps the owner under them); it reads every row to classify the rest."""
    T = f"gw.{_q(table)}"
    w = session_can_write("county_code")
    out = []
    for pol, body in (
        ("gw_owner_read", "FOR SELECT TO gw_owner USING (true)"),
        ("gw_owner_insert", f"FOR INSERT TO gw_owner WITH CHECK {w}"),
        ("gw_owner_update", f"FOR UPDATE TO gw_owner USING {w} WITH CHECK {w}"),
        ("gw_owner_delete", f"FOR DELETE TO gw_owner USING {w}"),
    ):
        out.append(f"DROP POLICY IF EXISTS {pol} ON {T}")
        out.append(f"CREATE POLICY {pol} ON {T} {body}")
    return out


#: functions of this module (server_sql.FUNCTIONS lists them all)
FUNCTIONS = (
    "gw.push_open(text,bigint,text,integer,text[])",
    "gw.push_apply_part(text,bigint)",
    "gw.push_apply(text,bigint,integer[],text[],text,integer)",
    "gw.changed_since(text,text)",
)
DEFINER_FUNCTIONS = FUNCTIONS
GRANTS = """
GRANT EXECUTE ON FUNCTION gw.push_open(text, bigint, text, integer, text[]), gw.push_apply_part(text, bigint),
  gw.push_apply(text, bigint, integer[], text[], text, integer) TO gw_editor;
GRANT EXECUTE ON FUNCTION gw.changed_since(text, text) TO gw_editor, gw_reader;
"""
