"""The pull's fast paths (issue 14, "Performance"): a page of pulled rows compared with the stored rows column by
column (core/sync/pull_apply.py), only real differences written, an unchanged geometry left as stored; the next
page fetched while one is applied; the changed rows of a checkout read in one pass with the ones moved out of its
counties. On real GeoPackages, and against the real platform where the server takes part."""

from __future__ import annotations

import json
import struct

import pytest

from gw_plugin.core.data import gpkg
from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import changelog as C
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import pull as PULL
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.local import LocalTables
from gw_plugin.core.sync.pull_apply import QuietUpdates, apply_page
from gw_plugin.core.sync.report import SyncError
from tests.core.sync.test_sync import (  # noqa: F401  (fixtures)
    A,
    B,
    add_well,
    client,
    local_rows,
    pending,
    platform,
    point_blob,
    published,
    roles,
    server_rows,
)
from tests.pg import pg_server  # noqa: F401  (session fixture)

T = "monitoring_wells"


# ----------------------------------------------------------------------------------------------------------------
# One page applied to a GeoPackage (no server: the pulled rows are written here as the platform sends them)
# ----------------------------------------------------------------------------------------------------------------
def synced_file(path: str, n: int, **values) -> list:
    """A tracked GeoPackage with ``n`` wells as after a checkout: no pending change, every well at revision 1."""
    gpkg.create_database(path)
    C.install_change_tracking(path)
    uuids = [add_well(path, well_code=f"W{i}", **values) for i in range(n)]
    con = SG.open_db(path)
    with SG.transaction(con):
        con.execute("DELETE FROM gw_changelog")
        con.executemany("INSERT INTO gw_sync_rev (tbl, uuid, rev) VALUES (?, ?, 1)", [(T, u) for u in uuids])
    con.close()
    return uuids


def stored(path: str, uuid: str) -> dict:
    con = SG.open_db(path)
    try:
        cur = con.execute(f"SELECT * FROM {T} WHERE uuid = ?", (uuid,))
        return dict(zip([d[0] for d in cur.description], cur.fetchone()))
    finally:
        con.close()


def set_stored(path: str, uuid: str, **values) -> None:
    """Write values in the file as another tool would have stored them (tracking silent, no pending change)."""
    con = SG.open_db(path)
    with SG.transaction(con), C.applying(con):
        sets = ", ".join(f'"{k}" = ?' for k in values)
        con.execute(f"UPDATE {T} SET {sets} WHERE uuid = ?", [*values.values(), uuid])
    con.close()


def pulled_row(path: str, uuid: str, rev: int = 2, **changes) -> tuple:
    """The row the platform would send for ``uuid`` (rev, then the values in the file's column order, canonical
    forms, geometry as hex WKB), with ``changes``."""
    con = SG.open_db(path)
    try:
        local = LocalTables(con)
        row = local.row(T, uuid)
    finally:
        con.close()
    row.update(created_at="2023-05-01T08:00:00.000Z", updated_at="2023-05-01T08:00:00.000Z", built_date="2023-05-01")
    row.update(changes)
    if row.get("geom") is not None and not isinstance(row["geom"], str):
        row["geom"] = SG.gpkg_to_wkb(row["geom"]).hex()
    return (rev, *(row[c] for c in local.cols[T]))


def apply(path: str, rows: list, statements: list | None = None):
    """apply_page of ``rows``; the SQL statements SQLite ran are appended to ``statements``."""
    con = SG.open_db(path)
    try:
        local = LocalTables(con)
        with SG.transaction(con), C.applying(con):
            if statements is not None:
                con.set_trace_callback(statements.append)
            return apply_page(local, T, rows, 1, local.srs[T])
    finally:
        con.close()


def rtree(path: str, uuid: str):
    con = SG.open_db(path)
    try:
        return con.execute(
            f"SELECT minx, maxx, miny, maxy FROM rtree_{T}_geom WHERE id = (SELECT fid FROM {T} WHERE uuid = ?)",
            (uuid,),
        ).fetchone()
    finally:
        con.close()


def test_another_form_of_the_same_value_is_not_written(tmp_path):
    """A stored value in another text form of the pulled value (a date-time with an offset or without
    milliseconds, a date with a time, a flag as text, a whole number) is no change: it stays as stored, only the
    value that really changed is written. A pulled date-time in another text form is no change either."""
    path = str(tmp_path / "f.gpkg")
    u, v = synced_file(path, 2, depth_m=12.0)
    for x in (u, v):
        set_stored(
            path,
            x,
            created_at="2023-05-01 16:00:00+08:00",  # the same instant as the platform's 2023-05-01T08:00:00.000Z
            updated_at="2023-05-01T08:00:00Z",
            built_date="2023-05-01T00:00:00",
            assessment_point="true",
        )
    rows = [
        pulled_row(path, u, remarks="checked", assessment_point=1, depth_m=12),
        # another text form of the same instant coming from the platform
        pulled_row(path, v, updated_at="2023-05-01T16:00:00+08:00", assessment_point=1),
    ]
    assert apply(path, rows) == (2, [])
    for x in (u, v):
        s = stored(path, x)
        assert s["created_at"] == "2023-05-01 16:00:00+08:00"
        assert s["updated_at"] == "2023-05-01T08:00:00Z"
        assert s["built_date"] == "2023-05-01T00:00:00"
        assert s["assessment_point"] == "true" and s["depth_m"] == 12.0
    assert stored(path, u)["remarks"] == "checked" and stored(path, v)["remarks"] is None
    con = SG.open_db(path)
    assert dict(con.execute("SELECT uuid, rev FROM gw_sync_rev")) == {u: 2, v: 2}
    con.close()


def test_every_real_difference_is_written(tmp_path):
    """Two canonical date-times a millisecond apart, another date, a flag turned off, a NULL set and cleared, a
    trailing space, texts with a tab, a newline, a backslash and quotes: each written exactly, row by row, in
    pages that mix sets of changed columns."""
    path = str(tmp_path / "f.gpkg")
    uuids = synced_file(path, 6, remarks="old", department=None)
    for x in uuids:
        set_stored(path, x, created_at="2023-05-01T08:00:00.000Z", assessment_point=1, built_date="2023-05-01")
    text = "a\tb\nc\\d \"e\" 'f' 井"
    changes = [
        {"created_at": "2023-05-01T08:00:00.001Z"},
        {"built_date": "2023-05-02", "assessment_point": 0},
        {"remarks": None, "department": "水利局"},
        {"remarks": "old "},
        {"remarks": text, "name_zh": text},
        {"created_at": "2023-05-01 16:00:00.002+08:00", "depth_m": 50.25},  # another form, another instant
    ]
    rows = [pulled_row(path, x, **ch) for x, ch in zip(uuids, changes)]
    assert apply(path, rows) == (6, [])
    want = [dict(ch) for ch in changes]
    want[5]["created_at"] = "2023-05-01 16:00:00.002+08:00"  # written as pulled
    for x, ch in zip(uuids, want):
        s = stored(path, x)
        assert {k: s[k] for k in ch} == ch, x
    assert stored(path, uuids[0])["remarks"] == "old"  # untouched where nothing changed


def test_geometry_compared_by_its_wkb(tmp_path):
    """An unchanged geometry is left as stored even when its GeoPackage header differs (an envelope written by
    another tool); a moved point, a geometry cleared and one set are written and the R-tree follows."""
    path = str(tmp_path / "f.gpkg")
    same, moved, cleared, set_, none = synced_file(path, 5)
    wkb = struct.pack("<BIdd", 1, 1, 500000.0, 3850000.0)
    with_envelope = b"GP\x00\x03" + struct.pack("<i4d", 4547, 500000.0, 500000.0, 3850000.0, 3850000.0) + wkb
    set_stored(path, same, geom=with_envelope)
    set_stored(path, set_, geom=None)
    set_stored(path, none, geom=None)
    rows = [pulled_row(path, same, geom=wkb.hex(), remarks="r"), pulled_row(path, none, geom=None, remarks="r")]
    statements = []
    assert apply(path, rows, statements) == (2, [])
    updates = [s for s in statements if s.startswith("UPDATE")]
    assert updates and not [s for s in updates if '"geom"' in s.split(" WHERE ")[0]]  # no geometry written
    rows = [
        pulled_row(path, moved, geom=struct.pack("<BIdd", 1, 1, 500123.5, 3850456.5).hex()),
        pulled_row(path, cleared, geom=None),
        pulled_row(path, set_, geom=wkb.hex()),
    ]
    assert apply(path, rows) == (3, [])
    assert stored(path, same)["geom"] == with_envelope and stored(path, same)["remarks"] == "r"
    assert stored(path, none)["geom"] is None and stored(path, none)["remarks"] == "r"
    assert SG.gpkg_to_wkb(stored(path, moved)["geom"]) == struct.pack("<BIdd", 1, 1, 500123.5, 3850456.5)
    assert rtree(path, moved) == pytest.approx((500123.5, 500123.5, 3850456.5, 3850456.5), abs=0.01)
    assert stored(path, cleared)["geom"] is None and rtree(path, cleared) is None
    assert SG.gpkg_to_wkb(stored(path, set_)["geom"]) == wkb
    assert rtree(path, set_) == pytest.approx((500000.0, 500000.0, 3850000.0, 3850000.0), abs=0.01)


def test_known_revisions_skipped_pending_changes_handed_back_new_features_inserted(tmp_path):
    path = str(tmp_path / "f.gpkg")
    known, mine, plain = synced_file(path, 3)
    rows = [
        pulled_row(path, known, rev=1, remarks="older"),  # this file is already at revision 1
        pulled_row(path, mine, remarks="theirs"),
        pulled_row(path, plain, remarks="pulled"),
    ]
    con = SG.open_db(path)
    con.execute("INSERT INTO gw_changelog (tbl, uuid, op) VALUES (?, ?, 'U')", (T, mine))
    con.close()
    new = rows[2][:2] + ("00000000-0000-4000-8000-000000000001",) + rows[2][3:]  # rev, geometry, uuid, ...
    assert rows[2][2] == plain
    pulled, merges = apply(path, [*rows, new])
    assert pulled == 3
    assert [(rev, u, entry) for rev, _, u, entry in merges] == [(2, mine, ("U", 0))]
    assert SG.gpkg_to_wkb(merges[0][1][0]) == bytes.fromhex(rows[1][1])  # handed back as a GeoPackage blob
    assert stored(path, known)["remarks"] is None and stored(path, mine)["remarks"] is None
    assert stored(path, plain)["remarks"] == "pulled"
    s = stored(path, "00000000-0000-4000-8000-000000000001")
    assert s["remarks"] == "pulled" and SG.gpkg_to_wkb(s["geom"]) == bytes.fromhex(rows[2][1])
    assert rtree(path, "00000000-0000-4000-8000-000000000001") is not None


# ----------------------------------------------------------------------------------------------------------------
# Against the platform
# ----------------------------------------------------------------------------------------------------------------
def test_pages_fetched_ahead_and_an_interrupted_pull_applies_nothing(platform, tmp_path, monkeypatch):  # noqa: F811
    """Many pages (the next one fetched while one is applied) with the update trigger dropped for bulk updates: a
    failure after the second page leaves the file as it was; the next pull brings everything; either way the
    change tracking is complete again afterwards."""
    monkeypatch.setattr(PULL, "PAGE", 4)
    monkeypatch.setattr(QuietUpdates, "BULK", 2)
    src = str(tmp_path / "project.gpkg")
    gpkg.create_database(src)
    for i in range(15):
        add_well(src, A if i % 2 else B, well_code=f"P{i}", x=500000.0 + i)
    assert SY.sync(src, platform).pushed == 15
    c1 = client(platform, tmp_path, "c1")
    con = SG.open_db(src)
    with SG.transaction(con):
        con.execute(f"UPDATE {T} SET remarks = 'office ' || fid, depth_m = fid, geom = NULL WHERE fid % 3 = 0")
        con.execute(f"UPDATE {T} SET remarks = 'office ' || fid WHERE fid % 3 = 1")
    con.close()
    assert SY.sync(src, platform).pushed == 10
    before, kept = local_rows(c1), triggers(c1)
    pages = []

    def fail_on_second_page():
        pages.append(1)
        if len(pages) == 2:
            raise RuntimeError("interrupted")

    with pytest.raises((RuntimeError, SyncError)):
        SY.sync(c1, platform, direction="pull", hooks={"pull_page": fail_on_second_page})
    assert local_rows(c1) == before and pending(c1) == [] and tracked(c1)
    rep = SY.sync(c1, platform, direction="pull", hooks={"pull_page": lambda: pages.append(1)})
    assert rep.pulled == 10 and len(pages) == 2 + 3  # 10 rows in pages of 4
    assert local_rows(c1) == server_rows(platform) and pending(c1) == [] and tracked(c1)
    assert triggers(c1) == kept  # the change tracking's and OGR's R-tree triggers, exactly as they were
    con = SG.open_db(c1)
    in_rtree = con.execute(f"SELECT count(*) FROM rtree_{T}_geom").fetchone()[0]
    assert in_rtree == con.execute(f"SELECT count(*) FROM {T} WHERE geom IS NOT NULL").fetchone()[0] == 10
    con.close()
    u = next(iter(before))
    con = SG.open_db(c1)
    con.execute(f"UPDATE {T} SET remarks = 'mine' WHERE uuid = ?", (u,))
    con.close()
    assert pending(c1) == [(T, u, "U", 0)]


def triggers(path: str) -> dict:
    con = SG.open_db(path)
    try:
        return dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    finally:
        con.close()


def tracked(path: str) -> bool:
    con = SG.open_db(path)
    try:
        return C.untracked_tables(con) == []
    finally:
        con.close()


def test_one_pass_over_changes_inside_and_outside_the_checkout(published, tmp_path):  # noqa: F811
    """The checkout's counties (listed twice: no row twice) read in one pass with the changed features of other
    counties: one it holds that was moved out follows, one it never held is not added."""
    ci, src, a, b = published
    c1 = client(ci, tmp_path, "c1", counties=[A])
    con = SG.open_db(c1)
    con.execute("UPDATE gw_sync_state SET counties = ? WHERE id = 1", (json.dumps([A, A]),))
    con.close()
    pg = P.connect(ci)
    cur = pg.cursor()
    cur.execute("UPDATE gw.monitoring_wells SET remarks = 'there' WHERE uuid = ANY(%s::uuid[])", ([a[1], b[0]],))
    cur.execute("UPDATE gw.monitoring_wells SET county_code = %s, remarks = 'moved' WHERE uuid = %s", (B, a[0]))
    pg.commit()
    pg.close()
    rep = SY.sync(c1, ci, direction="pull")
    assert rep.pulled == 2
    rows = local_rows(c1)
    assert set(rows) == {a[0], a[1], a[2]}
    assert rows[a[0]]["county_code"] == B and rows[a[0]]["remarks"] == "moved" and rows[a[1]]["remarks"] == "there"
    srv = server_rows(ci)
    assert {u: rows[u] for u in a} == {u: srv[u] for u in a}
