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


@pytest.mark.xfail(
    strict=True,
    reason="gw.tg_log (server_sql.py) upserts tombstones ON CONFLICT (tbl, uuid) and sets county_code: with the "
    "key (county_code, tbl, uuid) that a county-distributed tombstone table needs, every delete fails "
    "('there is no unique or exclusion constraint matching the ON CONFLICT specification')",
)
def test_tombstones_keyed_by_county(roles, published, tmp_path):  # noqa: F811
    """Tombstones distributed by county need a key that contains the distribution column, (county_code, tbl,
    uuid) (docs/scaling.md, point 2). With that key in place, deletes, a move and a delete after the move still
    sync, and every file agrees with the platform."""
    ci, _src, a, b = published
    _superuser(
        roles,
        "ALTER TABLE gw.tombstones DROP CONSTRAINT tombstones_pkey; "
        "ALTER TABLE gw.tombstones ADD PRIMARY KEY (county_code, tbl, uuid)",
    )
    mover = client(ci, tmp_path, "mover")
    ed_a = client(roles["editor"], tmp_path, "ed_a")
    delete(mover, "monitoring_wells", b[1])
    edit(mover, "monitoring_wells", a[0], county_code=B, remarks="moved")
    rep = SY.sync(mover, ci)
    assert rep.pushed == 2 and rep.rejected == 0, rep
    delete(mover, "monitoring_wells", a[0])  # deleted in its new county
    assert SY.sync(mover, ci).pushed == 1
    SY.sync(ed_a, roles["editor"])
    srv = server_rows(ci)
    assert a[0] not in srv and b[1] not in srv
    assert local_rows(ed_a) == local_rows(mover) == srv
