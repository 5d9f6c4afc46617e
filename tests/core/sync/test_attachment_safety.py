"""Attachments against hostile rows and broken uploads (issue 14, item 2), on the real platform as its users:
only ``attachments/<sha256>.<ext>`` is ever written (the ``city.gpkg`` overwrite attack), symbolic links are
refused, blobs are insert-only with the hash checked by the server, an altered blob is reported for its attachment
and never stops the data sync, and a failed upload is retried."""

from __future__ import annotations

import hashlib
import os

import pytest

from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.data.attachments import store_file
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.blobs import CHUNK
from tests.core.sync.test_sync import (  # noqa: F401  (fixtures)
    A,
    add_attachment,
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


def _upload_as(ci: str, data: bytes) -> str:
    """A blob uploaded straight through SQL (what any editor may do); returns its sha256."""
    sha = hashlib.sha256(data).hexdigest()
    con = P.connect(ci)
    con.autocommit = True
    try:
        cur = con.cursor()
        cur.execute("INSERT INTO gw.blobs (sha256, size) VALUES (%s, %s) ON CONFLICT DO NOTHING", (sha, len(data)))
        cur.execute("INSERT INTO gw.blob_chunks (sha256, idx, data) VALUES (%s, 0, %s)", (sha, data))
        cur.execute("SELECT gw.blob_finish(%s)", (sha,))
        assert cur.fetchone()[0] is True
    finally:
        con.close()
    return sha


def _insert_row(ci: str, parent: str, file_path: str, sha: str):
    con = P.connect(ci)
    try:
        con.cursor().execute(
            "INSERT INTO gw.attachments (uuid, county_code, parent_table, parent_uuid, kind, file_path, sha256) "
            "VALUES (gen_random_uuid(), %s, 'monitoring_wells', %s, 'photo', %s, %s)",
            (A, parent, file_path, sha),
        )
        con.commit()
    finally:
        con.close()


def test_attachment_row_cannot_overwrite_the_project_file(roles, published, tmp_path):  # noqa: F811
    _, _src, a, _b = published
    victim_dir = tmp_path / "victim"
    victim_dir.mkdir()
    victim = client(roles["editor"], victim_dir, "city")
    before = open(victim, "rb").read()
    evil = b"not a GeoPackage" * 100
    sha = _upload_as(roles["editor_b"], evil)
    # the platform refuses the row: a file path must name the file by its own sha256 under attachments/
    for path in ("city.gpkg", f"attachments/{sha}.gpkg/../../city.gpkg", "attachments/" + "0" * 64 + ".jpg"):
        with pytest.raises(P.psycopg2_module().errors.CheckViolation):
            _insert_row(roles["editor"], a[0], path, sha)
    # the attacker's own client refuses to send such a row (kept as a rejected change, never on the platform)
    attacker_dir = tmp_path / "attacker"
    attacker_dir.mkdir()
    attacker = client(roles["editor"], attacker_dir, "attacker")
    bad = add_attachment(attacker, a[0], "city.gpkg", sha=sha)
    rep = SY.sync(attacker, roles["editor"])
    assert rep.rejected == 1 and bad not in server_rows(roles["admin"], "attachments")
    # a platform without the constraint (an older one, or changed by hand): the client still writes nothing
    su = P.connect(roles["superuser"])
    su.cursor().execute("ALTER TABLE gw.attachments DROP CONSTRAINT attachments_file_path_form")
    su.commit()
    su.close()
    _insert_row(roles["editor"], a[0], "city.gpkg", sha)
    _insert_row(roles["editor"], a[0], f"attachments/{sha}.gpkg/../../city.gpkg", sha)
    edit(victim, "monitoring_wells", a[1], remarks="the victim's edit still goes through")
    rep = SY.sync(victim, roles["editor"])
    assert open(victim, "rb").read() != evil
    assert sorted(rep.attachment_errors) == sorted(["city.gpkg", f"attachments/{sha}.gpkg/../../city.gpkg"])
    assert rep.pushed == 1 and server_rows(roles["admin"])[a[1]]["remarks"].startswith("the victim")
    assert sorted(os.listdir(victim_dir)) == ["city.gpkg"]  # nothing written beside it (no attachments folder)
    assert len(before) > 0 and local_rows(victim)[a[1]]["remarks"].startswith("the victim")


def test_symbolic_links_are_refused(roles, published, tmp_path):  # noqa: F811
    _, _src, a, _b = published
    ci = roles["editor"]
    up = tmp_path / "up"
    up.mkdir()
    c1 = client(ci, up, "c1")
    (tmp_path / "photo.jpg").write_bytes(os.urandom(5000))
    rel, sha = store_file(c1, tmp_path / "photo.jpg")
    add_attachment(c1, a[0], rel)
    assert SY.sync(c1, ci).attachments_uploaded == 1
    # downloading into an attachments folder that is a link to elsewhere: refused
    down = tmp_path / "down"
    down.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (down / "attachments").symlink_to(outside, target_is_directory=True)
    c2 = client(ci, down, "c2")
    rep = SY.sync(c2, ci)
    assert rep.attachment_errors == [rel] and os.listdir(outside) == []
    # a file in the attachments folder that is a link: neither followed when writing nor uploaded
    (down / "attachments").unlink()
    (down / "attachments").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"keep out")
    (down / rel).symlink_to(secret)
    rep = SY.sync(c2, ci)
    assert rep.attachment_errors == [rel] and secret.read_bytes() == b"keep out"
    (tmp_path / "other.jpg").write_bytes(b"other photo")
    rel2, sha2 = store_file(c2, tmp_path / "other.jpg")
    os.remove(down / rel2)
    os.symlink(tmp_path / "other.jpg", down / rel2)
    mine = add_attachment(c2, a[1], rel2)
    rep = SY.sync(c2, ci)
    assert any("symbolic link" in m for m in rep.messages) and mine not in server_rows(ci, "attachments")
    assert [u for _, u, _, _ in pending(c2)] == [mine]  # held back, not lost


def test_blobs_are_insert_only_for_editors(roles, published):  # noqa: F811
    sha = _upload_as(roles["editor"], b"photo bytes")
    errors = P.psycopg2_module().errors
    for stmt, args in (
        ("UPDATE gw.blob_chunks SET data = %s WHERE sha256 = %s", (b"x", sha)),
        ("UPDATE gw.blobs SET size = 1 WHERE sha256 = %s", (sha,)),
        ("DELETE FROM gw.blob_chunks WHERE sha256 = %s", (sha,)),
        ("DELETE FROM gw.blobs WHERE sha256 = %s", (sha,)),
        ("INSERT INTO gw.blobs (sha256, size, complete) VALUES (%s, 1, true)", ("e" * 64,)),
        ("INSERT INTO gw.blob_chunks (sha256, uploader, idx, data) VALUES (%s, 'gw_t_editor_a', 5, 'x')", (sha,)),
    ):
        for who in ("editor_b", "reader"):
            con = P.connect(roles[who])
            try:
                with pytest.raises(errors.InsufficientPrivilege):
                    con.cursor().execute(stmt, args)
            finally:
                con.close()
    # a chunk another editor adds to a complete blob under its own name changes nothing anyone downloads
    con = P.connect(roles["editor_b"])
    con.autocommit = True
    cur = con.cursor()
    cur.execute("INSERT INTO gw.blob_chunks (sha256, idx, data) VALUES (%s, 1, 'junk')", (sha,))
    cur.execute("SELECT gw.blob_finish(%s)", (sha,))  # complete already: the stray chunk is dropped
    cur.execute("SELECT count(*) FROM gw.blob_chunks WHERE sha256 = %s", (sha,))
    assert cur.fetchone()[0] == 1
    # a blob whose chunks do not hash to its name never becomes complete; its chunks are discarded
    fake = "f" * 64
    cur.execute("INSERT INTO gw.blobs (sha256, size) VALUES (%s, 3)", (fake,))
    cur.execute("INSERT INTO gw.blob_chunks (sha256, idx, data) VALUES (%s, 0, 'abc')", (fake,))
    cur.execute("SELECT gw.blob_finish(%s)", (fake,))
    assert cur.fetchone()[0] is False
    cur.execute(
        "SELECT complete, (SELECT count(*) FROM gw.blob_chunks WHERE sha256 = %s) FROM gw.blobs WHERE sha256 = %s",
        (fake, fake),
    )
    assert cur.fetchone() == (False, 0)
    con.close()


def test_altered_blob_is_reported_and_never_stops_the_data_sync(roles, published, tmp_path):  # noqa: F811
    _, _src, a, _b = published
    ci = roles["editor"]
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    c1, c2 = client(ci, tmp_path / "one", "c1"), client(ci, tmp_path / "two", "c2")
    (tmp_path / "p.jpg").write_bytes(os.urandom(3000))
    rel, sha = store_file(c1, tmp_path / "p.jpg")
    add_attachment(c1, a[0], rel)
    assert SY.sync(c1, ci).attachments_uploaded == 1
    su = P.connect(roles["superuser"])  # what a hostile editor could do before: alter a stored chunk
    su.cursor().execute("UPDATE gw.blob_chunks SET data = 'altered' WHERE sha256 = %s", (sha,))
    su.commit()
    su.close()
    edit(c2, "monitoring_wells", a[1], remarks="pushed despite the bad blob")
    rep = SY.sync(c2, ci)
    assert rep.attachment_errors == [rel] and rep.pushed == 1 and rep.pulled >= 1
    assert not (tmp_path / "two" / rel).exists()
    assert server_rows(ci)[a[1]]["remarks"] == "pushed despite the bad blob"


def test_failed_upload_is_retried(roles, published, tmp_path):  # noqa: F811
    _, _src, a, _b = published
    ci = roles["editor"]
    c1 = client(ci, tmp_path, "c1")
    photo = os.urandom(int(2.5 * CHUNK))
    (tmp_path / "p.jpg").write_bytes(photo)
    rel, sha = store_file(c1, tmp_path / "p.jpg")
    att = add_attachment(c1, a[0], rel)
    edit(c1, "monitoring_wells", a[1], remarks="data goes on")
    target = tmp_path / rel

    def swap(idx):  # the file changes on disk while it is being sent, then comes back
        target.write_bytes(os.urandom(len(photo)) if idx == 0 else photo)

    rep = SY.sync(c1, ci, hooks={"blob_chunk": swap})
    assert rep.attachment_errors == [rel] and rep.pushed == 1  # the well edit went through, the row waits
    assert att not in server_rows(ci, "attachments") and [u for _, u, _, _ in pending(c1)] == [att]
    con = P.connect(roles["superuser"])
    cur = con.cursor()
    cur.execute(
        "SELECT complete, (SELECT count(*) FROM gw.blob_chunks WHERE sha256 = %s) FROM gw.blobs WHERE sha256 = %s",
        (sha, sha),
    )
    assert cur.fetchone() == (False, 0)  # nothing half-done left behind to block the retry
    con.close()
    rep = SY.sync(c1, ci)
    assert rep.attachments_uploaded == 1 and rep.pushed == 1 and pending(c1) == []
    assert server_rows(ci, "attachments")[att]["sha256"] == sha
    con = SG.open_db(c1)
    con.close()
