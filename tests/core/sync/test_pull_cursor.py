"""Pulls without a global lock (issue 14, item 4): the pull cursor is the snapshot of the previous pull, rows carry the
id of the transaction that wrote them, so long interleaved transactions neither make a sync or a writer wait nor
let a revision committed late be skipped. On the real platform, as the editor of county A."""

from __future__ import annotations

from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from tests.core.sync.test_sync import (  # noqa: F401  (fixtures)
    A,
    add_well,
    client,
    edit,
    local_rows,
    pending,
    platform,
    published,
    roles,
    server_rows,
)
from tests.pg import pg_server  # noqa: F401  (session fixture)


def test_pull_never_skips_a_revision_committed_late_and_nobody_waits(roles, published, tmp_path):  # noqa: F811
    """Long interleaved transactions (an office edit session left open): a transaction draws a revision and stays
    open while later ones commit. Syncs finish at once and writers never wait (no global lock); the late
    revision, lower than ones already pulled, arrives with the first pull after its commit."""
    import threading

    ci, src, a, b = published
    ed = roles["editor"]
    c1 = client(ed, tmp_path, "c1")

    def sync_within(path, seconds=20):
        done = []
        t = threading.Thread(target=lambda: done.append(SY.sync(path, ed)), daemon=True)
        t.start()
        t.join(seconds)
        assert done, "the sync waited for an open transaction"
        return done[0]

    slow = P.connect(ci)
    slow.cursor().execute("UPDATE gw.monitoring_wells SET remarks = 'slow' WHERE uuid = %s", (a[0],))  # rev r1
    fast = P.connect(ed)
    fast.autocommit = True
    fcur = fast.cursor()
    fcur.execute("SET lock_timeout = '2s'")  # a writer that had to wait would fail here
    fcur.execute("UPDATE gw.monitoring_wells SET remarks = 'fast' WHERE uuid = %s", (a[1],))  # r2 > r1, committed
    sync_within(c1)
    rows = local_rows(c1)
    assert rows[a[1]]["remarks"] == "fast" and rows[a[0]]["remarks"] is None
    slow2 = P.connect(ci)  # a second long transaction, interleaved with the first
    slow2.cursor().execute("UPDATE gw.monitoring_wells SET remarks = 'slow2' WHERE uuid = %s", (a[2],))
    new = add_well(c1, A, well_code="DURING")  # a push while both are open
    assert sync_within(c1).pushed == 1
    fcur.execute("UPDATE gw.monitoring_wells SET depth_m = 1.25 WHERE uuid = %s", (a[1],))
    slow.commit()  # r1 becomes visible after r2 and later revisions were pulled
    slow.close()
    sync_within(c1)
    rows = local_rows(c1)
    assert rows[a[0]]["remarks"] == "slow" and rows[a[1]]["depth_m"] == 1.25 and rows[a[2]]["remarks"] is None
    slow2.commit()
    slow2.close()
    fast.close()
    sync_within(c1)
    assert local_rows(c1)[a[2]]["remarks"] == "slow2" and new in server_rows(ci)
    assert local_rows(c1) == server_rows(ci)


def test_county_move_as_delete_and_insert_never_loses_the_feature(roles, published, tmp_path):  # noqa: F811
    """On Citus the distribution column cannot be updated: a county move is a delete in the old county (its
    tombstone stays in that shard) and an insert in the new one (docs/scaling.md). The client applies a tombstone
    only when it is newer than what it holds, so the older tombstone never deletes the moved feature."""
    ci, src, a, b = published
    c1 = client(roles["editor"], tmp_path, "c1")
    su = P.connect(roles["superuser"])
    cur = su.cursor()
    cur.execute("CREATE TEMP TABLE mv AS SELECT * FROM gw.monitoring_wells WHERE uuid = %s", (a[0],))
    cur.execute("DELETE FROM gw.monitoring_wells WHERE uuid = %s", (a[0],))
    cur.execute("SELECT rev FROM gw.tombstones WHERE tbl = 'monitoring_wells' AND uuid = %s", (a[0],))
    (dead_rev,) = cur.fetchone()
    cur.execute("UPDATE mv SET county_code = '410103', remarks = 'moved'")
    cur.execute("INSERT INTO gw.monitoring_wells SELECT * FROM mv")  # plain PostgreSQL drops the tombstone here
    cur.execute(  # ... Citus keeps it in the old county's shard: keep it here too
        "INSERT INTO gw.tombstones (tbl, uuid, county_code, rev, rev_xid) "
        "VALUES ('monitoring_wells', %s, '410102', %s, pg_current_xact_id())",
        (a[0], dead_rev),
    )
    su.commit()
    su.close()
    rep = SY.sync(c1, roles["editor"])
    assert rep.pulled >= 1
    row = local_rows(c1)[a[0]]
    assert row["county_code"] == "410103" and row["remarks"] == "moved"


def test_push_moves_a_county_by_delete_and_insert_never_by_update(roles, published, tmp_path):  # noqa: F811
    """Citus never updates the distribution column: emulate its refusal with a trigger, then push a county move
    together with ordinary edits. The move goes as a delete in the old county and an insert in the new one; every
    other client, whichever counties it checked out, ends with the moved feature."""
    ci, src, a, b = published
    su = P.connect(roles["superuser"])
    su.cursor().execute(
        "CREATE FUNCTION gw.no_county_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.county_code IS DISTINCT FROM OLD.county_code THEN "
        "RAISE EXCEPTION 'modifying the partition value of rows is not allowed'; END IF; RETURN NEW; END $$; "
        "CREATE TRIGGER citus_like BEFORE UPDATE ON gw.monitoring_wells FOR EACH ROW "
        "EXECUTE FUNCTION gw.no_county_update()"
    )
    su.commit()
    su.close()
    mover = client(ci, tmp_path, "mover")  # the admin writes both counties
    only_a = client(roles["editor"], tmp_path, "only_a", counties=[A])
    edit(mover, "monitoring_wells", a[0], county_code="410103", remarks="moved to B")
    edit(mover, "monitoring_wells", a[1], remarks="stays in A")
    rep = SY.sync(mover, ci)
    assert rep.pushed == 2 and rep.rejected == 0 and pending(mover) == [], rep
    srv = server_rows(ci)
    assert srv[a[0]]["county_code"] == "410103" and srv[a[0]]["remarks"] == "moved to B"
    assert srv[a[0]]["well_code"] == local_rows(mover)[a[0]]["well_code"]  # the whole row went along
    assert srv[a[1]]["remarks"] == "stays in A"
    SY.sync(only_a, roles["editor"])
    assert local_rows(only_a)[a[0]]["county_code"] == "410103"  # held here, so kept in sync
    assert local_rows(mover) == server_rows(ci)
