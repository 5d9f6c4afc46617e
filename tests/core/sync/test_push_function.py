"""The platform's push function (platform versions 3 and 4, server_push_sql.py) on the real server, as the users' own
roles: it refuses rows of counties the caller may not edit (also when a hostile client drives it by hand), assigns
unique increasing revisions, logs exactly one change per accepted change, leaves direct writes tracked by the
per-row trigger, keeps updates HOT (no revision index on the data tables), returns and stores a compact outcome
(version 4), and upgraded version-2 and version-3 platforms work."""

from __future__ import annotations

import uuid as _uuid

import pytest

from gw_plugin.core.data import schema as S
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.push import _server_apply, outcome_rows
from gw_plugin.core.sync.server_push_sql import columns
from gw_plugin.core.sync.server_sql import FILLFACTOR
from tests.core.sync.test_sync import (  # noqa: F401  (fixtures)
    A,
    B,
    client,
    delete,
    edit,
    local_rows,
    platform,
    published,
    roles,
    server_rows,
)
from tests.pg import pg_server  # noqa: F401  (session fixture)

WELL_COLS = columns(S.table("monitoring_wells"))
NULL = "\\N"


def _data(mask_cols, **values) -> str:
    """The outbox ``data`` of a monitoring_wells row: the mask of ``mask_cols`` and the given COPY fields."""
    mask = sum(1 << WELL_COLS.index(c) for c in mask_cols)
    return "\t".join([str(mask), *(values.get(c, NULL) for c in WELL_COLS)])


def _revs(ci: str) -> dict:
    con = P.connect(ci)
    try:
        cur = con.cursor()
        cur.execute("SELECT uuid::text, rev, county_code, remarks FROM gw.monitoring_wells")
        return {u: (r, c, m) for u, r, c, m in cur.fetchall()}
    finally:
        con.close()


def _apply(ci: str, outbox: list, cid: str = "cid-t", seq: int = 1, hooks=None) -> dict:
    pg = P.connect(ci)
    try:
        revs, rows, _resent = _server_apply(pg, cid, seq, outbox, hooks or {})
        return {r[0]: r for r in outcome_rows(revs, rows)}
    finally:
        pg.close()


def test_push_function_refuses_rows_of_counties_the_caller_may_not_edit(roles, published):  # noqa: F811
    _, _src, a, b = published
    revs = _revs(roles["superuser"])
    new_b, new_a = str(_uuid.uuid4()), str(_uuid.uuid4())
    ins = ["uuid", "county_code", "well_code"]
    outbox = [
        (1, "monitoring_wells", a[0], "U", revs[a[0]][0], _data(["remarks"], uuid=a[0], county_code=A, remarks="ok")),
        # a B well, honestly labelled
        (2, "monitoring_wells", b[0], "U", revs[b[0]][0], _data(["remarks"], uuid=b[0], county_code=B, remarks="x")),
        # a B well claimed to be in A (the server checks the stored row's county)
        (3, "monitoring_wells", b[1], "U", revs[b[1]][0], _data(["remarks"], uuid=b[1], county_code=A, remarks="y")),
        (4, "monitoring_wells", new_b, "I", None, _data(ins, uuid=new_b, county_code=B, well_code="NB")),
        (5, "monitoring_wells", new_a, "I", None, _data(ins, uuid=new_a, county_code=A, well_code="NA")),
        # a delete of a B well claimed to be in A, and moving an A well into B
        (6, "monitoring_wells", b[0], "D", revs[b[0]][0], _data([], uuid=b[0], county_code=A)),
        (7, "monitoring_wells", a[1], "U", revs[a[1]][0], _data(["county_code"], uuid=a[1], county_code=B)),
    ]
    res = _apply(roles["editor"], outbox)  # the editor of county A only
    assert {o: r[1] for o, r in res.items()} == {
        1: "ok",
        2: "rejected",
        3: "rejected",
        4: "rejected",
        5: "ok",
        6: "rejected",
        7: "rejected",
    }, res
    assert "410103" in res[2][3] and "410103" in res[3][3]
    after = _revs(roles["superuser"])
    assert after[a[0]][2] == "ok" and new_a in after and new_b not in after
    for u in (b[0], b[1], a[1]):
        assert after[u] == revs[u]  # untouched, still there, same county
    # the same push by editor B: its county's rows go through
    res_b = _apply(roles["editor_b"], outbox[1:2], cid="cid-b")
    assert res_b[2][1] == "ok"


def test_push_function_cannot_be_driven_around_its_checks(roles, published):  # noqa: F811
    """A hostile editor calls the functions by hand: push_apply without push_open, with a staging table of its
    own, or writes a B row into the owner's staging table: nothing of county B changes, nothing runs as the owner."""
    _, _src, a, b = published
    before = _revs(roles["superuser"])
    con = P.connect(roles["editor"])
    cur = con.cursor()
    with pytest.raises(P.psycopg2_module().Error, match="no push was opened"):
        cur.execute("SELECT * FROM gw.push_apply('x', 1, '{}', '{}')")
    con.rollback()
    cur.execute("CREATE TEMP TABLE gw_push_monitoring_wells (ord integer)")  # takes the staging table's name first
    with pytest.raises(P.psycopg2_module().Error):
        cur.execute("SELECT * FROM gw.push_open('x', 1, 'd', 1, ARRAY['monitoring_wells'])")
    con.rollback()
    cur.execute("SELECT state FROM gw.push_open('x', 2, 'd', 1, ARRAY['monitoring_wells'])")
    assert cur.fetchone() == ("open",)
    with pytest.raises(P.psycopg2_module().errors.InsufficientPrivilege):  # the caller may only insert
        cur.execute(
            "CREATE TRIGGER t BEFORE INSERT ON pg_temp.gw_push_monitoring_wells FOR EACH ROW "
            "EXECUTE FUNCTION gw.tg_rev()"
        )
    con.rollback()
    cur.execute("SELECT state FROM gw.push_open('x', 3, 'd', 1, ARRAY['monitoring_wells'])")
    cur.execute(
        "INSERT INTO pg_temp.gw_push_monitoring_wells (ord, op, base_rev, mask, uuid, county_code, remarks) "
        "VALUES (1, 'U', %s, %s, %s, %s, 'pwned'), (2, 'D', %s, 0, %s, %s, NULL)",
        (before[b[0]][0], 1 << WELL_COLS.index("remarks"), b[0], A, before[b[1]][0], b[1], A),
    )
    cur.execute("SELECT revs, result FROM gw.push_apply('x', 3, '{}', '{}')")
    assert [r[:2] for r in outcome_rows(*cur.fetchone())] == [(1, "rejected"), (2, "rejected")]
    with pytest.raises(P.psycopg2_module().Error, match="not opened"):  # applied once
        cur.execute("SELECT * FROM gw.push_apply('x', 3, '{}', '{}')")
    con.rollback()
    con.close()
    assert _revs(roles["superuser"]) == before
    # a reader may not push at all
    rd = P.connect(roles["reader"])
    with pytest.raises(P.psycopg2_module().errors.InsufficientPrivilege):
        rd.cursor().execute("SELECT * FROM gw.push_open('r', 1, 'd', 1, ARRAY['monitoring_wells'])")
    rd.close()


def test_revisions_unique_increasing_and_one_log_entry_per_accepted_change(roles, published):  # noqa: F811
    ci, _src, a, b = published
    revs = _revs(roles["superuser"])
    top = max(r for r, _, _ in revs.values())
    new = [str(_uuid.uuid4()) for _ in range(50)]
    ins = ["uuid", "county_code", "well_code"]
    outbox = [
        (i + 1, "monitoring_wells", u, "I", None, _data(ins, uuid=u, county_code=A, well_code=f"N{i}"))
        for i, u in enumerate(new)
    ]
    outbox += [
        (51, "monitoring_wells", a[0], "U", revs[a[0]][0], _data(["remarks"], uuid=a[0], county_code=A, remarks="1")),
        (52, "monitoring_wells", a[1], "U", revs[a[1]][0] - 1, _data(["remarks"], uuid=a[1], county_code=A)),  # stale
        (53, "monitoring_wells", a[2], "D", revs[a[2]][0], _data([], uuid=a[2], county_code=A)),
        (54, "monitoring_wells", b[0], "U", revs[b[0]][0], _data(["remarks"], uuid=b[0], county_code=B, remarks="2")),
    ]
    res = _apply(roles["editor"], outbox, cid="cid-r", seq=4)
    status = {o: r[1] for o, r in res.items()}
    assert status[52] == "stale" and status[54] == "rejected"
    ok = [r for r in res.values() if r[1] == "ok"]
    assert len(ok) == 52
    new_revs = [r[2] for r in ok]
    assert len(set(new_revs)) == len(new_revs) and min(new_revs) > top  # unique, after everything before
    after = _revs(roles["superuser"])
    assert all(after[u][0] == res[i + 1][2] for i, u in enumerate(new))  # what the rows hold
    su = P.connect(roles["superuser"])
    cur = su.cursor()
    cur.execute(
        "SELECT op, count(*), count(DISTINCT rev), bool_and(rev_xid IS NOT NULL) FROM gw.change_log "
        "WHERE client_id = 'cid-r' AND push_seq = 4 GROUP BY op ORDER BY op"
    )
    assert cur.fetchall() == [("D", 1, 1, True), ("I", 50, 50, True), ("U", 1, 1, True)]
    cur.execute("SELECT rev FROM gw.tombstones WHERE uuid = %s", (a[2],))
    assert cur.fetchone()[0] == res[53][2]
    su.close()
    # a second push: every revision after the first push's
    res2 = _apply(
        roles["editor"],
        [(1, "monitoring_wells", a[0], "U", res[51][2], _data(["remarks"], uuid=a[0], county_code=A))],
        "cid-r",
        5,
    )
    assert res2[1][1] == "ok" and res2[1][2] > max(new_revs)


def test_direct_write_bypassing_the_function_is_still_tracked(roles, published, tmp_path):  # noqa: F811
    ci, _src, a, _b = published
    c1 = client(roles["editor"], tmp_path, "c1")
    rev0 = _revs(roles["superuser"])[a[0]][0]
    ed = P.connect(roles["editor"])
    cur = ed.cursor()
    cur.execute("UPDATE gw.monitoring_wells SET remarks = 'direct', rev = 1 WHERE uuid = %s", (a[0],))
    cur.execute("SELECT pg_current_xact_id()::text")
    (xid,) = cur.fetchone()
    ed.commit()
    ed.close()
    su = P.connect(roles["superuser"])
    scur = su.cursor()
    scur.execute("SELECT rev, rev_xid::text, updated_by FROM gw.monitoring_wells WHERE uuid = %s", (a[0],))
    rev, rev_xid, by = scur.fetchone()
    assert rev > rev0 and rev_xid == xid and by == "gw_t_editor_a"  # the trigger set them, not the writer
    scur.execute(
        "SELECT op, rev, rev_xid::text, client_id FROM gw.change_log WHERE uuid = %s AND rev = %s", (a[0], rev)
    )
    assert scur.fetchall() == [("U", rev, xid, None)]
    su.close()
    rep = SY.sync(c1, roles["editor"])
    assert rep.pulled == 1 and local_rows(c1)[a[0]]["remarks"] == "direct"


def test_updates_are_hot_without_a_revision_index(roles, published, tmp_path):  # noqa: F811
    ci, _src, a, _b = published
    su = P.connect(roles["superuser"])
    cur = su.cursor()
    for t in S.TABLES:
        cur.execute("SELECT array_agg(indexdef) FROM pg_indexes WHERE schemaname = 'gw' AND tablename = %s", (t.name,))
        assert not any("(rev)" in d or "(rev_xid)" in d for d in cur.fetchone()[0]), t.name
        cur.execute("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", (f"gw.{t.name}",))
        assert f"fillfactor={FILLFACTOR}" in cur.fetchone()[0], t.name
    cur.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = 'gw' AND tablename = 'change_log'")
    assert any("(tbl, rev_xid)" in d for (d,) in cur.fetchall())
    su.close()
    c1 = client(roles["editor"], tmp_path, "c1")
    edit(c1, "monitoring_wells", a[0], remarks="hot", depth_m=99.5)
    seen = {}

    def count_hot():
        pg = hot_con[0]
        c = pg.cursor()
        c.execute(
            "SELECT pg_stat_get_xact_tuples_updated(%s::regclass), pg_stat_get_xact_tuples_hot_updated(%s::regclass)",
            ("gw.monitoring_wells", "gw.monitoring_wells"),
        )
        seen["upd"], seen["hot"] = c.fetchone()

    hot_con = []
    orig_connect = P.connect

    def connect_and_keep(*args, **kw):
        con = orig_connect(*args, **kw)
        hot_con.append(con)
        return con

    P.connect = connect_and_keep
    try:
        rep = SY.sync(c1, roles["editor"], direction="push", hooks={"before_push_commit": count_hot})
    finally:
        P.connect = orig_connect
    assert rep.pushed == 1
    assert seen == {"upd": 1, "hot": 1}


def test_an_upgraded_version_2_platform_works(roles, published, tmp_path):  # noqa: F811
    """A version-2 platform (revision indexes on the data tables, no push functions or owner policies, change log
    without rev_xid, a per-row trigger for every writer) upgraded in place by initplatform: a file checked out
    before the upgrade receives a change written before the upgrade but after its last pull, and pushes an edit
    and a delete through the new function (tombstones keyed by feature alone are re-keyed (county_code, tbl,
    uuid), docs/scaling.md point 2)."""
    ci, _src, a, _b = published
    c1 = client(roles["editor"], tmp_path, "c1")
    su_ci = roles["superuser"]
    su = P.connect(su_ci)
    cur = su.cursor()
    for t in S.TABLES:
        cur.execute(f'CREATE INDEX "{t.name}_rev" ON gw."{t.name}" (rev)')
        cur.execute(f'CREATE INDEX "{t.name}_rev_xid" ON gw."{t.name}" (rev_xid)')
        cur.execute(f'ALTER TABLE gw."{t.name}" RESET (fillfactor)')
        for pol in ("gw_owner_read", "gw_owner_insert", "gw_owner_update", "gw_owner_delete"):
            cur.execute(f'DROP POLICY {pol} ON gw."{t.name}"')
        cur.execute(f'DROP TRIGGER gw_rev ON gw."{t.name}"')
        cur.execute(
            f'CREATE TRIGGER gw_rev BEFORE INSERT OR UPDATE ON gw."{t.name}" FOR EACH ROW EXECUTE FUNCTION gw.tg_rev()'
        )
    for f in (
        "push_open(text,bigint,text,integer,text[])",
        "push_apply_part(text,bigint)",
        "push_apply(text,bigint,integer[],text[],text,integer)",
        "changed_since(text,text)",
    ):
        cur.execute(f"DROP FUNCTION gw.{f}")
    # tombstones keyed by feature alone, (tbl, uuid), as before the county-distributable key
    cur.execute("ALTER TABLE gw.tombstones DROP CONSTRAINT tombstones_pkey")
    cur.execute("ALTER TABLE gw.tombstones ADD PRIMARY KEY (tbl, uuid)")
    cur.execute("UPDATE gw.meta SET value = '2' WHERE key = 'platform_version'")
    su.commit()
    # a write on the version-2 platform, after c1's last pull; its change log entry has no rev_xid (as in v2)
    cur.execute("UPDATE gw.monitoring_wells SET remarks = 'written on v2' WHERE uuid = %s", (a[1],))
    cur.execute("UPDATE gw.change_log SET rev_xid = NULL")
    su.commit()
    with pytest.raises(SY.SyncError, match="initplatform"):
        SY.sync(c1, roles["editor"])
    info = P.initplatform(su_ci)
    assert info.platform_version == P.PLATFORM_VERSION
    cur.execute("SELECT value FROM gw.meta WHERE key = 'platform_upgraded_from_2'")
    assert cur.fetchone() == ("yes",)
    cur.execute(
        "SELECT count(*) FROM pg_indexes WHERE schemaname = 'gw' AND tablename = ANY(%s) AND indexname LIKE '%%\\_rev'",
        ([t.name for t in S.TABLES],),
    )
    assert cur.fetchone()[0] == 0
    cur.execute(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'gw.tombstones'::regclass AND contype = 'p'"
    )
    assert cur.fetchone() == ("PRIMARY KEY (county_code, tbl, uuid)",)
    su.commit()
    edit(c1, "monitoring_wells", a[0], remarks="pushed on v3")
    delete(c1, "monitoring_wells", a[2])  # the tombstone upsert needs the new key
    rep = SY.sync(c1, roles["editor"])
    assert rep.pushed == 2 and rep.rejected == 0 and rep.pulled == 1, rep
    cur.execute("SELECT county_code FROM gw.tombstones WHERE uuid = %s", (a[2],))
    assert cur.fetchall() == [(A,)]
    su.commit()
    assert local_rows(c1)[a[1]]["remarks"] == "written on v2"
    srv = server_rows(ci)
    assert srv[a[0]]["remarks"] == "pushed on v3"
    assert local_rows(c1) == srv
    cur.execute("SELECT count(*) FROM gw.change_log WHERE uuid = %s AND op = 'U' AND rev_xid IS NOT NULL", (a[0],))
    assert cur.fetchone()[0] == 1
    su.close()


def test_outbox_of_many_different_change_masks(platform, tmp_path):  # noqa: F811
    """More features with distinct sets of changed columns than the per-mask reading takes (16): the outbox still
    sends exactly each feature's changed columns, and the platform ends equal to the file."""
    import itertools

    from gw_plugin.core.data import sqlite_gpkg as SG
    from gw_plugin.core.sync.local import LocalTables
    from gw_plugin.core.sync.outbox import outbox_values
    from gw_plugin.core.sync.push import prepare_outbox
    from gw_plugin.core.sync.report import SyncReport
    from tests.core.sync.test_sync import project_with_wells

    src = str(tmp_path / "project.gpkg")
    wells = project_with_wells(src, 24, A)
    assert SY.sync(src, platform).pushed == 24
    c1 = client(platform, tmp_path, "c1")
    choices = {"remarks": "r", "depth_m": 7.25, "name_en": "n", "status": "abandoned", "screen_top_m": 1.5}
    subsets = [s for k in range(1, 6) for s in itertools.combinations(sorted(choices), k)][:24]
    for u, cols in zip(wells, subsets):
        edit(c1, "monitoring_wells", u, **{c: choices[c] for c in cols})
    con = SG.open_db(c1)
    try:
        assert prepare_outbox(LocalTables(con), 4547, SyncReport()) == 1
        rows = con.execute("SELECT uuid, data FROM gw_outbox").fetchall()
    finally:
        con.close()
    sent = {u: set(outbox_values("monitoring_wells", d)) - {"updated_at", "updated_by", "county_code"} for u, d in rows}
    assert sent == {u: set(cols) for u, cols in zip(wells, subsets)}
    assert SY.sync(c1, platform).pushed == 24
    assert local_rows(c1) == server_rows(platform)


def test_push_outcome_is_stored_compact_and_replayed(roles, published):  # noqa: F811
    """Platform version 4: the outcome is the new revision of each change by ord (null where not accepted) and
    the changes not accepted; stored so, and a lost reply is answered with exactly the same outcome. An outcome
    stored by version 3 (every change listed, no revisions) is still answered."""
    import json

    _, _src, a, b = published
    revs = _revs(roles["superuser"])
    outbox = [
        (1, "monitoring_wells", a[0], "U", revs[a[0]][0], _data(["remarks"], uuid=a[0], county_code=A, remarks="c")),
        (2, "monitoring_wells", b[0], "U", revs[b[0]][0], _data(["remarks"], uuid=b[0], county_code=B, remarks="x")),
        (3, "monitoring_wells", a[1], "U", revs[a[1]][0] - 1, _data(["remarks"], uuid=a[1], county_code=A)),
    ]
    pg = P.connect(roles["editor"])
    try:
        first = _server_apply(pg, "cid-compact", 1, outbox, {})
        rows = outcome_rows(*first[:2])
        assert [r[1] for r in rows] == ["ok", "rejected", "stale"] and first[2] is False
        new_rev = _revs(roles["superuser"])[a[0]][0]
        assert rows[0] == (1, "ok", new_rev, None) and new_rev > revs[a[0]][0]
        assert json.loads(first[0]) == [new_rev, None, None]
        assert [r[0] for r in first[1]] == [2, 3]  # only the changes not accepted are listed
        su = P.connect(roles["superuser"])
        cur = su.cursor()
        cur.execute("SELECT revs, jsonb_array_length(result) FROM gw.sync_pushes WHERE client_id = 'cid-compact'")
        assert cur.fetchone() == ([new_rev, None, None], 2)
        again = _server_apply(pg, "cid-compact", 1, outbox, {})
        assert again[2] is True and outcome_rows(*again[:2]) == rows
        # as a version-3 platform stored it: every change, no revisions array
        cur.execute(
            "UPDATE gw.sync_pushes SET revs = NULL, result = %s::jsonb WHERE client_id = 'cid-compact'",
            (json.dumps([list(r) for r in rows]),),
        )
        su.commit()
        su.close()
        old = _server_apply(pg, "cid-compact", 1, outbox, {})
        assert old[0] is None and old[2] is True and outcome_rows(*old[:2]) == rows
    finally:
        pg.close()
    assert _revs(roles["superuser"])[a[0]][0] == new_rev  # applied once


def test_push_outcome_of_changes_not_numbered_from_one(roles, published):  # noqa: F811
    """A hand-driven push whose changes are not numbered 1..n gets every change listed (no revisions array, so no
    array sized by a number the caller chose)."""
    _, _src, a, _b = published
    revs = _revs(roles["superuser"])
    con = P.connect(roles["editor"])
    cur = con.cursor()
    cur.execute("SELECT state FROM gw.push_open('x', 9, 'd', 1, ARRAY['monitoring_wells'])")
    cur.execute(
        "INSERT INTO pg_temp.gw_push_monitoring_wells (ord, op, base_rev, mask, uuid, county_code, remarks) "
        "VALUES (2000000000, 'U', %s, %s, %s, %s, 'far')",
        (revs[a[0]][0], 1 << WELL_COLS.index("remarks"), a[0], A),
    )
    cur.execute("SELECT revs, result FROM gw.push_apply('x', 9, '{}', '{}')")
    got_revs, result = cur.fetchone()
    con.commit()
    con.close()
    new_rev = _revs(roles["superuser"])[a[0]][0]
    assert got_revs is None and result == [[2000000000, "ok", new_rev, None]]


def test_sent_text_is_the_hashed_text(platform, tmp_path):  # noqa: F811
    """The client sends its staging tables the very lines its payload digest reads: the digest made inside SQLite
    equals ``payload_of`` over the rows, and the COPY text equals the one made from the rows."""
    from gw_plugin.core.data import sqlite_gpkg as SG
    from gw_plugin.core.sync.local import LocalTables
    from gw_plugin.core.sync.push import SentOutbox, _staged_text, payload_of, prepare_outbox
    from gw_plugin.core.sync.report import SyncReport
    from tests.core.sync.test_sync import project_with_wells

    src = str(tmp_path / "project.gpkg")
    wells = project_with_wells(src, 6, A)
    assert SY.sync(src, platform).pushed == 6
    c1 = client(platform, tmp_path, "c1")
    edit(c1, "monitoring_wells", wells[0], remarks="tab\there, new\nline and back\\slash", depth_m=0.1 + 0.2)
    edit(c1, "monitoring_wells", wells[1], depth_m=None)
    delete(c1, "monitoring_wells", wells[2])
    con = SG.open_db(c1)
    try:
        lines = []
        assert prepare_outbox(LocalTables(con), 4547, SyncReport(), lines=lines) == 1
        rows = con.execute("SELECT ord, tbl, uuid, op, base_rev, data FROM gw_outbox ORDER BY ord").fetchall()
        sent = SentOutbox(con)
        assert len(rows) == sent.n == 3 and sent.tables == ["monitoring_wells"]
        assert sent.digest == payload_of(rows)[1]
        # the lines read back as they were written (INSERT ... RETURNING) are the same
        assert [x[0] for x in lines] == [1, 2, 3]
        assert SentOutbox(con, lines=lines).digest == sent.digest
        assert SentOutbox(con, lines=lines).staged({}) == sent.staged({})
        assert sent.staged({}) == _staged_text(rows)
        bad = {rows[1][0]: "x"}
        assert sent.staged(bad) == _staged_text([r for r in rows if r[0] not in bad])
    finally:
        con.close()
    assert SY.sync(c1, platform).pushed == 3
    assert local_rows(c1) == server_rows(platform)


def test_an_upgraded_version_3_platform_works(roles, published, tmp_path):  # noqa: F811
    """A version-3 platform (push functions returning one row a change, outcomes stored as one JSON list, a change
    log with a serial key and indexes on uuid and who) upgraded in place: the functions are replaced, the change
    log keeps its entries without the extra indexes, and a file pushes and pulls."""
    ci, _src, a, _b = published
    c1 = client(roles["editor"], tmp_path, "c1")
    su = P.connect(roles["superuser"])
    cur = su.cursor()
    cur.execute("DROP FUNCTION gw.push_open(text, bigint, text, integer, text[])")
    cur.execute("DROP FUNCTION gw.push_apply(text, bigint, integer[], text[], text, integer)")
    cur.execute("DROP FUNCTION gw.push_apply_part(text, bigint)")
    cur.execute(
        "CREATE FUNCTION gw.push_open(cid text, pseq bigint, digest text, nrows integer, tbls text[]) "
        "RETURNS TABLE (state text, result jsonb) LANGUAGE sql AS $$ SELECT 'v3'::text, NULL::jsonb $$"
    )
    cur.execute(
        "CREATE FUNCTION gw.push_apply(cid text, pseq bigint, bad_ords integer[], bad_reasons text[]) "
        "RETURNS TABLE (ord integer, status text, new_rev bigint, reason text) LANGUAGE sql AS "
        "$$ SELECT 1, 'ok'::text, 1::bigint, NULL::text $$"
    )
    cur.execute("ALTER TABLE gw.sync_pushes DROP COLUMN revs")
    cur.execute("ALTER TABLE gw.change_log ADD COLUMN id bigserial PRIMARY KEY")
    cur.execute("CREATE INDEX change_log_uuid ON gw.change_log (uuid)")
    cur.execute("CREATE INDEX change_log_who ON gw.change_log (who)")
    cur.execute("UPDATE gw.meta SET value = '3' WHERE key = 'platform_version'")
    cur.execute("SELECT count(*) FROM gw.change_log")
    entries = cur.fetchone()[0]
    su.commit()
    with pytest.raises(SY.SyncError, match="initplatform"):
        SY.sync(c1, roles["editor"])
    info = P.initplatform(roles["superuser"])
    assert info.platform_version == P.PLATFORM_VERSION == 4
    cur.execute("SELECT value FROM gw.meta WHERE key = 'platform_upgraded_from_3'")
    assert cur.fetchone() == ("yes",)
    cur.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = 'gw' AND tablename = 'change_log'")
    assert [d for (d,) in cur.fetchall()] == [
        "CREATE INDEX change_log_tbl_rev_xid ON gw.change_log USING btree (tbl, rev_xid)"
    ]
    cur.execute("SELECT count(*) FROM gw.change_log")
    assert cur.fetchone()[0] == entries
    cur.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'change_log' AND column_name = 'id'"
    )
    assert cur.fetchone()[0] == 0
    su.commit()
    edit(c1, "monitoring_wells", a[0], remarks="pushed on v4")
    rep = SY.sync(c1, roles["editor"])
    assert rep.pushed == 1 and rep.rejected == 0, rep
    assert server_rows(ci)[a[0]]["remarks"] == "pushed on v4"
    cur.execute("SELECT count(*) FROM gw.change_log WHERE uuid = %s AND op = 'U'", (a[0],))
    assert cur.fetchone()[0] == 1
    su.close()
