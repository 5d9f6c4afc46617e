"""Copies of a checkout (issue 14, item 1): a file copied to a second laptop, or a backup restored over the file,
starts with the same push identity as the original. No edit of either copy may be lost: the push key is bound to
the file (inode recorded in the file; the platform's last sequence for the identity) and to the payload (its
sha256 stored with the key; a repeated key with another payload is refused and the file takes a new identity).
Everything runs as the editor of county A (tests/core/sync/roles.py), against the real platform."""

from __future__ import annotations

import shutil

import pytest

from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import changelog as C
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.local import LocalTables
from gw_plugin.core.sync.push import PushKeyReusedError, _server_apply, outcome_rows, payload_of, prepare_outbox
from gw_plugin.core.sync.report import SyncReport
from tests.core.sync.test_sync import client, edit, local_rows, pending, platform, published, roles, server_rows  # noqa: F401  (fixtures)
from tests.pg import pg_server  # noqa: F401  (session fixture)


def _state(path: str) -> dict:
    con = SG.open_db(path)
    try:
        return C.state(con)
    finally:
        con.close()


def _copy(src: str, dst: str) -> str:
    shutil.copyfile(src, dst)  # a new file (another inode), as on a USB stick or a second laptop
    return dst


def _log_entries(ci: str, uuid: str) -> list:
    con = P.connect(ci)
    try:
        cur = con.cursor()
        cur.execute("SELECT op, client_id, push_seq FROM gw.change_log WHERE uuid = %s ORDER BY rev", (uuid,))
        return cur.fetchall()
    finally:
        con.close()


def test_copied_checkout_loses_no_edit(roles, published, tmp_path):  # noqa: F811
    """The issue's reproduction: copy a checkout, edit one well in the copy and another in the original, sync the
    copy, then the original: both edits reach the platform."""
    _, _src, a, _b = published
    ci = roles["editor"]
    orig = client(ci, tmp_path, "orig")
    SY.sync(orig, ci)
    copy = _copy(orig, str(tmp_path / "copy.gpkg"))
    edit(copy, "monitoring_wells", a[0], remarks="edited in the copy")
    edit(orig, "monitoring_wells", a[1], remarks="edited in the original")
    rep_copy = SY.sync(copy, ci)
    assert rep_copy.pushed == 1 and rep_copy.new_identity  # the copy saw it is a new file
    rep_orig = SY.sync(orig, ci)
    assert rep_orig.pushed == 1 and not rep_orig.resent
    srv = server_rows(ci)
    assert srv[a[0]]["remarks"] == "edited in the copy" and srv[a[1]]["remarks"] == "edited in the original"
    assert _state(copy)["client_id"] != _state(orig)["client_id"]
    SY.sync(copy, ci)
    assert local_rows(copy) == local_rows(orig) == server_rows(ci)
    assert pending(copy) == pending(orig) == []


def test_restored_backup_takes_a_new_identity(roles, published, tmp_path):  # noqa: F811
    """A backup written back over the file (same path, same inode) pushed sequence numbers the platform has seen:
    the platform's last sequence for the identity tells, and the restored file pushes under a new one."""
    _, _src, a, _b = published
    ci = roles["editor"]
    orig = client(ci, tmp_path, "orig")
    SY.sync(orig, ci)
    with open(orig, "rb") as fh:
        backup = fh.read()
    edit(orig, "monitoring_wells", a[0], remarks="before the restore")
    assert SY.sync(orig, ci).pushed == 1
    with open(orig, "r+b") as fh:  # restore in place: the inode stays the same
        fh.write(backup)
        fh.truncate()
    edit(orig, "monitoring_wells", a[1], remarks="after the restore")
    rep = SY.sync(orig, ci)
    assert rep.new_identity and rep.pushed == 1, rep
    srv = server_rows(ci)
    assert srv[a[0]]["remarks"] == "before the restore" and srv[a[1]]["remarks"] == "after the restore"
    assert local_rows(orig) == srv and pending(orig) == []


def test_same_key_other_payload_is_refused_and_repushed(roles, published, tmp_path):  # noqa: F811
    """Guard 1 alone: two files with the same identity each prepared push 1 (neither could know of the other: no
    inode recorded, nothing on the platform yet). The first to send wins the key; the second is refused because
    its payload differs, takes a new identity and pushes again. The change log shows each edit once."""
    _, _src, a, _b = published
    ci = roles["editor"]
    orig = client(ci, tmp_path, "orig")
    copy = _copy(orig, str(tmp_path / "copy.gpkg"))
    for path in (orig, copy):  # as a file system without inode numbers would leave them
        con = SG.open_db(path)
        con.execute(f"UPDATE {C.STATE} SET file_ino = NULL")
        con.close()
    edit(orig, "monitoring_wells", a[1], remarks="original's push 1")
    con = SG.open_db(orig)
    try:
        assert prepare_outbox(LocalTables(con), 4547, SyncReport()) == 1  # its sync was killed after this
    finally:
        con.close()
    edit(copy, "monitoring_wells", a[0], remarks="copy's push 1")
    rep_copy = SY.sync(copy, ci)
    assert rep_copy.push_seq == 1 and not rep_copy.new_identity
    rep_orig = SY.sync(orig, ci)  # resends its push 1: same key, other payload
    assert rep_orig.new_identity and rep_orig.pushed == 1 and not rep_orig.resent, rep_orig
    srv = server_rows(ci)
    assert srv[a[0]]["remarks"] == "copy's push 1" and srv[a[1]]["remarks"] == "original's push 1"
    (entry,) = [e for e in _log_entries(ci, a[1]) if e[0] == "U"]
    assert entry[1] == _state(orig)["client_id"] != _state(copy)["client_id"] and entry[2] == 1


def test_platform_refuses_a_repeated_key_with_another_payload(roles, published):  # noqa: F811
    """The platform side of guard 1, and the lost-reply case it must keep: the same payload again is the same
    push (its stored result, nothing applied twice)."""
    _, _src, a, _b = published
    ci = roles["editor"]
    outbox = [(1, "monitoring_wells", a[0], "U", None, '{"county_code": "410102", "remarks": "x"}')]
    pg = P.connect(ci)
    try:
        cur = pg.cursor()
        cur.execute("SELECT rev FROM gw.monitoring_wells WHERE uuid = %s", (a[0],))
        rev = cur.fetchone()[0]
        pg.rollback()
        outbox = [(*outbox[0][:4], rev, outbox[0][5])]
        first = _server_apply(pg, "cid-1", 7, outbox, {})
        assert [r[1] for r in outcome_rows(*first[:2])] == ["ok"] and first[2] is False
        again = _server_apply(pg, "cid-1", 7, outbox, {})
        assert again[2] is True and outcome_rows(*again[:2]) == outcome_rows(*first[:2])
        other = [(*outbox[0][:5], '{"county_code": "410102", "remarks": "y"}')]
        with pytest.raises(PushKeyReusedError):
            _server_apply(pg, "cid-1", 7, other, {})
        cur = pg.cursor()
        cur.execute("SELECT payload_sha256 FROM gw.sync_pushes WHERE client_id = 'cid-1'")
        assert cur.fetchall() == [(payload_of(outbox)[1],)]
        pg.rollback()
    finally:
        pg.close()
    assert server_rows(ci)[a[0]]["remarks"] == "x"
