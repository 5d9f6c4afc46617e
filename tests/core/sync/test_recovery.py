"""Sync after crashes, stale results and tools that rebuild tables (issue 14, item 5), on the real platform as the
editor of county A: a revision never goes backwards (a pull-only sync before the resend of a lost reply), a stale
push brings the server's current row at once, the platform's version is checked before the file changes at all,
and a table rebuilt by another program gets its tracking back with the edits made meanwhile found and reported."""

from __future__ import annotations

import os

import pytest

from gw_plugin.core.data import gpkg
from gw_plugin.core.data import schema as S
from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import changelog as C
from gw_plugin.core.sync import conflicts as SC
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.report import SyncError
from tests.core.sync.test_sync import (  # noqa: F401  (fixtures)
    A,
    add_well,
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


def _rev(path: str, uuid: str) -> int:
    con = SG.open_db(path)
    try:
        return con.execute(f"SELECT rev FROM {C.REVS} WHERE uuid = ?", (uuid,)).fetchone()[0]
    finally:
        con.close()


def test_pull_only_then_resend_never_moves_a_revision_back(roles, published, tmp_path):  # noqa: F811
    _, _src, a, _b = published
    ci = roles["editor"]
    c1, c2 = client(ci, tmp_path, "c1"), client(ci, tmp_path, "c2")
    edit(c1, "monitoring_wells", a[0], remarks="c1 first")

    def lose_reply():
        raise ConnectionError("reply lost")

    with pytest.raises(ConnectionError):
        SY.sync(c1, ci, direction="push", hooks={"after_push_commit": lose_reply})
    SY.sync(c2, ci)
    edit(c2, "monitoring_wells", a[0], depth_m=42.0)  # a later revision of the same feature
    SY.sync(c2, ci)
    newest = server_rows(ci)  # noqa: F841 - the state the pull-only sync brings
    SY.sync(c1, ci, direction="pull")  # pull-only: brings c2's revision, the push stays in flight
    after_pull = _rev(c1, a[0])
    rep = SY.sync(c1, ci)  # resends: the stored (older) result must not move the revision back
    assert rep.resent
    assert _rev(c1, a[0]) >= after_pull
    edit(c1, "monitoring_wells", a[0], remarks="c1 later")  # the next edit of that feature is not stuck stale
    rep = SY.sync(c1, ci)
    assert rep.pushed == 1 and pending(c1) == []
    srv = server_rows(ci)
    assert srv[a[0]]["remarks"] == "c1 later" and srv[a[0]]["depth_m"] == 42.0
    assert local_rows(c1) == srv


def test_stale_push_brings_the_current_row_at_once(roles, published, tmp_path):  # noqa: F811
    """A change whose base revision is not the server's (here: a revision recorded wrongly, as the old resend
    did) is stale; the push result brings the server's current row, merged, and the change goes in the same sync
    even though the pull cursor is already past that revision."""
    _, _src, a, _b = published
    ci = roles["editor"]
    c1 = client(ci, tmp_path, "c1")
    con = P.connect(roles["admin"])
    con.cursor().execute("UPDATE gw.monitoring_wells SET depth_m = 7.5 WHERE uuid = %s", (a[0],))
    con.commit()
    con.close()
    SY.sync(c1, ci)
    con = SG.open_db(c1)
    con.execute(f"UPDATE {C.REVS} SET rev = 1 WHERE uuid = ?", (a[0],))  # behind the server, cursor past it
    con.close()
    edit(c1, "monitoring_wells", a[0], remarks="goes in anyway")
    rep = SY.sync(c1, ci)
    assert rep.stale == 1 and rep.pushed == 1 and pending(c1) == [], rep
    srv = server_rows(ci)[a[0]]
    assert srv["remarks"] == "goes in anyway" and srv["depth_m"] == 7.5


def test_platform_version_is_checked_before_the_file_changes(roles, tmp_path):  # noqa: F811
    old = str(tmp_path / "v1.gpkg")
    gpkg.create_database(old, version=1)
    C.install_change_tracking(old)
    add_well(old, A, well_code="OLD")
    before = open(old, "rb").read()
    su = P.connect(roles["superuser"])
    su.cursor().execute("UPDATE gw.meta SET value = '99' WHERE key = 'schema_version'")
    su.commit()
    with pytest.raises(SyncError, match="newer"):
        SY.sync(old, roles["admin"])
    su.cursor().execute("UPDATE gw.meta SET value = %s WHERE key = 'schema_version'", (str(S.SCHEMA_VERSION),))
    su.cursor().execute("UPDATE gw.meta SET value = '1' WHERE key = 'platform_version'")
    su.commit()
    with pytest.raises(SyncError, match="initplatform"):
        SY.sync(old, roles["admin"])
    su.close()
    assert open(old, "rb").read() == before  # not upgraded, not touched
    assert sorted(os.listdir(tmp_path)) == ["v1.gpkg"]  # and no backup written either
    P.initplatform(roles["superuser"])
    rep = SY.sync(old, roles["admin"])
    assert rep.pushed == 1 and gpkg.schema_version_of(old) == S.SCHEMA_VERSION


def test_rebuilt_table_gets_its_tracking_back_with_the_edits_made_meanwhile(roles, published, tmp_path):  # noqa: F811
    _, _src, a, _b = published
    ci = roles["editor"]
    c1 = client(ci, tmp_path, "c1")
    con = P.connect(roles["admin"])  # the platform moves on for a[2] meanwhile
    con.cursor().execute("UPDATE gw.monitoring_wells SET remarks = 'office' WHERE uuid = %s", (a[2],))
    con.commit()
    con.close()
    con = SG.open_db(c1)  # a tool rebuilds the table: the tracking triggers go with the old one
    for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gwsync_monitoring_wells_%'"
    ).fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    con.close()
    edit(c1, "monitoring_wells", a[0], remarks="untracked edit")
    delete(c1, "monitoring_wells", a[1])
    new = add_well(c1, A, well_code="UNTRACKED")
    edit(c1, "monitoring_wells", a[2], remarks="field")
    assert pending(c1) == []  # nothing was recorded
    rep = SY.sync(c1, ci)
    assert rep.tracking_restored == ["monitoring_wells"] and any("restored" in m for m in rep.messages)
    srv = server_rows(ci)
    assert srv[a[0]]["remarks"] == "untracked edit" and a[1] not in srv and srv[new]["well_code"] == "UNTRACKED"
    (c,) = SC.open_conflicts(c1)  # the platform moved on: the user decides, nothing overwritten either way
    assert c["uuid"] == a[2] and srv[a[2]]["remarks"] == "office"
    assert c["local"]["remarks"] == "field" and c["server"]["remarks"] == "office"
    SC.resolve_conflict(c1, c["id"], "mine")
    SY.sync(c1, ci)
    assert server_rows(ci)[a[2]]["remarks"] == "field"
    con = SG.open_db(c1)
    try:
        assert C.untracked_tables(con) == []
    finally:
        con.close()
    edit(c1, "monitoring_wells", a[0], remarks="tracked again")
    assert SY.sync(c1, ci).pushed == 1 and not SY.sync(c1, ci).tracking_restored
