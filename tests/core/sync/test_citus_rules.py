"""Citus's rules for a platform distributed by county (issue 14, item 7; docs/scaling.md), checked on plain
PostgreSQL by emulating what Citus refuses:

- the distribution column is never updated: a trigger refuses every UPDATE that NAMES ``county_code`` in its SET
  list (Citus refuses "modifying the partition value of rows"; naming the column even as a no-op is refused too
  here, the strictest reading), on every table of ``gw`` that carries it, tombstones included;
- a county move is a delete in the old county and an insert in the new one, and the two halves may be seen by a
  client in different pulls (on Citus they live on different shards, and there is no cluster-wide snapshot): a
  client that sees the delete first must still end with the moved feature, and a local change of it is kept
  (on the platform, or in a conflict or rejected record the user sees);
- tombstones are distributed by county, so their key must contain ``county_code``: ``(county_code, tbl, uuid)``.

Everything runs as the platform's own roles (tests/core/sync/roles.py); the superuser only installs the emulation
and plays the server side of a move.
"""

from __future__ import annotations

import pytest

from gw_plugin.core.sync import conflicts as SC
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from tests.core.sync.test_sync import (  # noqa: F401  (fixtures)
    A,
    B,
    client,
    delete,
    edit,
    local_rows,
    pending,
    platform,
    published,
    roles,
    server_rows,
)
from tests.pg import pg_server  # noqa: F401  (session fixture)
from tests.soak.ledger import check_change_log, file_records

REFUSED = "modifying the partition value of rows is not allowed"  # Citus's message (docs/scaling.md)


def _superuser(users: dict, sql: str, params=()) -> None:
    con = P.connect(users["superuser"])
    try:
        con.cursor().execute(sql, params)
        con.commit()
    finally:
        con.close()


def _refuse_county_updates(users: dict) -> list:
    """A BEFORE UPDATE OF county_code trigger on every table of gw with that column; returns the tables."""
    con = P.connect(users["superuser"])
    try:
        cur = con.cursor()
        cur.execute(
            "CREATE FUNCTION gw.citus_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{REFUSED} (%)', TG_TABLE_NAME; END $$"
        )
        cur.execute(
            "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = 'gw' AND c.column_name = 'county_code' AND t.table_type = 'BASE TABLE' "
            "ORDER BY 1"
        )
        tables = [t for (t,) in cur.fetchall()]
        for t in tables:
            cur.execute(
                f'CREATE TRIGGER citus_like BEFORE UPDATE OF county_code ON gw."{t}" FOR EACH ROW '
                "EXECUTE FUNCTION gw.citus_refuse()"
            )
        con.commit()
        return tables
    finally:
        con.close()


def _settle(paths_roles: list, policy: str) -> None:
    for _ in range(4):
        busy = False
        for path, ci in paths_roles:
            rep = SY.sync(path, ci, conflict_policy=policy)
            busy = busy or bool(rep.pushed or rep.pulled or rep.stale)
            for k in SC.open_conflicts(path):
                SC.resolve_conflict(path, k["id"], "mine")
                busy = True
        if not busy:
            return


@pytest.mark.parametrize("policy", ["server", "local"])
def test_no_sync_ever_names_the_distribution_column(roles, published, tmp_path, policy):  # noqa: F811
    """Field edits, county moves (there and back), stale pushes brought up to date, a delete against an edit (the
    local policy resurrects the feature by an insert) and an editor's refused move: no statement of any sync
    names county_code in an UPDATE, and every file ends equal to the platform."""
    _moves_and_edits(roles, published, tmp_path, policy)


def _key_by_county(users: dict) -> list:
    """Every data table of gw keyed (county_code, uuid) instead of (uuid), as a county-distributed platform must
    key them (Citus enforces only keys that contain the distribution column), with a plain index on uuid; returns
    the tables."""
    con = P.connect(users["superuser"])
    try:
        cur = con.cursor()
        cur.execute(
            "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c JOIN pg_attribute a "
            "ON a.attrelid = c.conrelid AND a.attname = 'county_code' WHERE c.contype = 'p' "
            "AND c.conrelid::regclass::text LIKE 'gw.%%' AND c.conkey = ARRAY[(SELECT attnum FROM pg_attribute "
            "WHERE attrelid = c.conrelid AND attname = 'uuid')]::int2[]"
        )
        keyed = cur.fetchall()
        for table, name in keyed:
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            cur.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (county_code, uuid)")
            cur.execute(f"CREATE INDEX ON {table} (uuid)")
        con.commit()
        return [t for t, _ in keyed]
    finally:
        con.close()


def test_sync_on_tables_keyed_by_county(roles, published, tmp_path):  # noqa: F811
    """docs/scaling.md point 2: with every data table keyed (county_code, uuid) as on Citus (and the county
    updates refused), the same moves, edits, deletes and resurrections push and pull as with the key (uuid)."""
    tables = _key_by_county(roles)
    assert {"gw.monitoring_wells", "gw.attachments"} <= set(tables), tables
    _moves_and_edits(roles, published, tmp_path, "local")


def _moves_and_edits(roles, published, tmp_path, policy: str) -> None:  # noqa: F811
    ci, _src, a, b = published
    tables = _refuse_county_updates(roles)
    assert {"monitoring_wells", "attachments", "tombstones"} <= set(tables), tables
    mover = client(ci, tmp_path, "mover")  # the admin: writes both counties
    ed_a = client(roles["editor"], tmp_path, "ed_a")
    ed_b = client(roles["editor_b"], tmp_path, "ed_b")
    files = [(mover, ci), (ed_a, roles["editor"]), (ed_b, roles["editor_b"])]
    edit(mover, "monitoring_wells", a[0], county_code=B, remarks="moved to B")
    edit(mover, "monitoring_wells", a[2], county_code=B)
    edit(ed_a, "monitoring_wells", a[0], depth_m=3.5)  # stale once the move is in; then not the editor's county
    edit(ed_a, "monitoring_wells", a[1], county_code=B)  # an editor of A may not move a well to B: refused
    delete(mover, "monitoring_wells", b[0])
    edit(ed_b, "monitoring_wells", b[0], remarks="edited in B")  # edit against the admin's delete
    for path, who in files:
        rep = SY.sync(path, who, conflict_policy=policy)
        assert not [m for m in rep.messages if REFUSED in m], rep.messages
    edit(mover, "monitoring_wells", a[2], county_code=A, remarks="moved back")
    _settle(files, policy)
    srv = server_rows(ci)
    assert srv[a[0]]["county_code"] == B and srv[a[0]]["remarks"] == "moved to B"
    assert srv[a[2]]["county_code"] == A and srv[a[2]]["remarks"] == "moved back"
    assert srv[a[1]]["county_code"] == A
    assert (b[0] in srv) == (policy == "local")
    for path, _who in files:
        assert local_rows(path) == srv and pending(path) == []
    records = [r for path, _ in files for r in file_records(path)]
    assert any(r[0] == "rejected" and r[1] == a[1] and r[3].get("county_code") == B for r in records)
    if policy == "server":  # the editor's change lost to the delete is kept in its file
        assert any(r[1] == b[0] and r[3].get("remarks") == "edited in B" for r in records)
    check_change_log(roles["superuser"])


@pytest.mark.parametrize("local_change", [None, "server", "local", "manual"])
def test_move_seen_as_delete_before_insert_keeps_the_feature(roles, published, tmp_path, local_change):  # noqa: F811
    """The two halves of a county move seen in two pulls, the delete first (the old county's shard answered before
    the new one's): the client deletes the feature (or records the conflict with its own change), and the insert in
    the new county brings it back. Nothing of the feature, nor of the client's change, is lost."""
    ci, _src, a, _b = published
    ed = roles["editor"]
    c1 = client(ed, tmp_path, "c1")  # counties A and B
    policy = local_change or "server"
    if local_change:
        edit(c1, "monitoring_wells", a[0], remarks="changed here")
    su = P.connect(roles["superuser"])
    try:
        cur = su.cursor()
        cur.execute("CREATE TEMP TABLE mv AS SELECT * FROM gw.monitoring_wells WHERE uuid = %s", (a[0],))
        cur.execute("DELETE FROM gw.monitoring_wells WHERE uuid = %s", (a[0],))  # the old county's half
        su.commit()
        SY.sync(c1, ed, direction="pull", conflict_policy=policy)  # sees only the delete
        assert a[0] not in local_rows(c1) or local_change in ("local", "manual")
        cur.execute("UPDATE mv SET county_code = %s, remarks = 'moved'", (B,))
        cur.execute("INSERT INTO gw.monitoring_wells SELECT * FROM mv")  # the new county's half
        su.commit()
    finally:
        su.close()
    _settle([(c1, ed)], policy)
    srv = server_rows(ci)
    assert a[0] in srv and srv[a[0]]["county_code"] == B, srv.get(a[0])
    assert local_rows(c1) == srv and pending(c1) == []
    if local_change:  # the client's change: on the platform, or kept where its user sees it
        kept = srv[a[0]]["remarks"] == "changed here" or any(
            r[1] == a[0] and r[3].get("remarks") == "changed here" for r in file_records(c1)
        )
        assert kept, file_records(c1)


def _tombstone_key(users: dict) -> tuple:
    con = P.connect(users["superuser"])
    try:
        cur = con.cursor()
        cur.execute(
            "SELECT a.attname FROM pg_catalog.pg_constraint c, unnest(c.conkey) WITH ORDINALITY k(att, n) "
            "JOIN pg_catalog.pg_attribute a ON a.attnum = k.att WHERE c.conrelid = 'gw.tombstones'::regclass "
            "AND c.contype = 'p' AND a.attrelid = c.conrelid ORDER BY k.n"
        )
        return tuple(n for (n,) in cur.fetchall())
    finally:
        con.close()


def _tombstones(users: dict, uuid: str) -> dict:
    """county -> rev of the tombstones of one well."""
    con = P.connect(users["superuser"])
    try:
        cur = con.cursor()
        cur.execute("SELECT county_code, rev FROM gw.tombstones WHERE tbl = 'monitoring_wells' AND uuid = %s", (uuid,))
        return dict(cur.fetchall())
    finally:
        con.close()


def test_tombstones_keyed_by_county(roles, published, tmp_path):  # noqa: F811
    """Tombstones distributed by county need a key that contains the distribution column, (county_code, tbl,
    uuid) (docs/scaling.md, point 2): initplatform gives it to a platform initialised with the old (tbl, uuid) key,
    and with it (and Citus's refusal to update county_code) deletes, a move there and back, a delete after a move
    and a delete whose county still holds an older tombstone of the feature (the upsert's conflict) all sync, the
    change log's D entry carries its own county's tombstone revision, and every file agrees with the platform."""
    ci, _src, a, b = published
    assert _tombstone_key(roles) == ("county_code", "tbl", "uuid")
    _superuser(  # a platform of version 3 initialised before the fix
        roles,
        "ALTER TABLE gw.tombstones DROP CONSTRAINT tombstones_pkey; ALTER TABLE gw.tombstones ADD PRIMARY KEY (tbl, uuid)",
    )
    assert _tombstone_key(roles) == ("tbl", "uuid")
    P.initplatform(roles["superuser"])
    assert _tombstone_key(roles) == ("county_code", "tbl", "uuid")
    _refuse_county_updates(roles)
    mover = client(ci, tmp_path, "mover")
    ed_a = client(roles["editor"], tmp_path, "ed_a")
    delete(mover, "monitoring_wells", b[1])
    edit(mover, "monitoring_wells", a[0], county_code=B, remarks="moved")
    edit(mover, "monitoring_wells", a[2], county_code=B, remarks="away")
    rep = SY.sync(mover, ci)
    assert rep.pushed == 3 and rep.rejected == 0, rep
    assert set(_tombstones(roles, b[1])) == {B}
    assert _tombstones(roles, a[0]) == {} == _tombstones(roles, a[2])  # the insert in B superseded A's tombstone
    edit(mover, "monitoring_wells", a[2], county_code=A, remarks="back")  # and back: nothing may delete it
    delete(mover, "monitoring_wells", a[0])  # deleted in its new county
    rep = SY.sync(mover, ci)
    assert rep.pushed == 2 and rep.rejected == 0, rep
    assert set(_tombstones(roles, a[0])) == {B} and _tombstones(roles, a[2]) == {}
    # an older tombstone of a live well in its own county (as a shard may keep one): the delete's upsert meets it
    _superuser(
        roles,
        "INSERT INTO gw.tombstones (tbl, uuid, county_code, rev) VALUES ('monitoring_wells', %s, %s, 1)",
        (a[1], A),
    )
    SY.sync(ed_a, roles["editor"])  # the older tombstone deletes nothing
    assert a[1] in local_rows(ed_a) and a[2] in local_rows(ed_a)
    delete(mover, "monitoring_wells", a[1])
    rep = SY.sync(mover, ci)
    assert rep.pushed == 1 and rep.rejected == 0, rep
    ts = _tombstones(roles, a[1])
    assert set(ts) == {A} and ts[A] > 1
    con = P.connect(roles["superuser"])
    try:
        cur = con.cursor()
        cur.execute(
            "SELECT c.uuid::text, c.county_code, c.rev, t.rev FROM gw.change_log c JOIN gw.tombstones t "
            "ON t.county_code = c.county_code AND t.tbl = c.tbl AND t.uuid = c.uuid WHERE c.op = 'D' ORDER BY 1"
        )
        d_entries = cur.fetchall()
    finally:
        con.close()
    assert sorted((u, cc) for u, cc, _r, _t in d_entries) == sorted([(b[1], B), (a[0], B), (a[1], A)])
    assert all(r == t for _u, _cc, r, t in d_entries), d_entries
    SY.sync(ed_a, roles["editor"])
    srv = server_rows(ci)
    assert a[0] not in srv and b[1] not in srv and a[1] not in srv
    assert srv[a[2]]["county_code"] == A and srv[a[2]]["remarks"] == "back"
    assert local_rows(ed_a) == local_rows(mover) == srv
    assert P.integrity_check(roles["superuser"]) == []
