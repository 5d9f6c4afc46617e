"""Offline sync against a real PostgreSQL/PostGIS started by the tests: publish, checkout, field-level merge,
conflict policies, exactly-once pushes after a lost reply, county row-level security, change tracking through OGR.

Also holds the helpers the property and soak tests reuse (editing GeoPackages, snapshots of both sides).
"""

from __future__ import annotations

import json
import os
import struct
import uuid as _uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.data import schema as S
from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import changelog as C
from gw_plugin.core.sync import checkout as CO
from gw_plugin.core.sync import conflicts as SC
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync import wire as W
from gw_plugin.core.sync.blobs import CHUNK
from gw_plugin.core.sync.local import LocalTables
from gw_plugin.core.sync.outbox import outbox_values
from gw_plugin.core.sync.push import prepare_outbox
from gw_plugin.core.sync.report import SyncError, SyncReport
from tests.core.sync.roles import platform_roles
from tests.pg import pg_server  # noqa: F401  (session fixture)

A, B = "410102", "410103"  # two counties of the demo city (Zhengzhou districts)


# ----------------------------------------------------------------------------------------------------------------
# Helpers (also used by test_sync_properties.py and tests/soak/soak_sync.py)
# ----------------------------------------------------------------------------------------------------------------
def new_platform(cluster, read_scope=None) -> str:
    """A new platform database; copied from a template initialised once per cluster (CREATE EXTENSION is slow)."""
    template = getattr(cluster, "_gw_platform_template", None)
    if template is None:
        template = cluster.create_database("gwtpl")
        P.initplatform(cluster.conninfo(template))
        cluster._gw_platform_template = template
    db = cluster.create_database(template=template)
    ci = cluster.conninfo(db)
    if read_scope:
        P.initplatform(ci, read_scope=read_scope)
    return ci


def point_blob(x: float, y: float, srs_id: int = 4547) -> bytes:
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(x, y)
    return SG.wkb_to_gpkg(bytes(g.ExportToWkb(ogr.wkbNDR)), srs_id)


def add_well(path: str, county: str = A, **values) -> str:
    """Insert a monitoring well through plain sqlite3 (as another client would); returns its uuid."""
    u = values.pop("uuid", str(_uuid.uuid4()))
    row = {
        "uuid": u,
        "county_code": county,
        "well_code": values.pop("well_code", "W-" + u[:6]),
        "name_zh": values.pop("name_zh", "井" + u[:4]),
        "well_type": "national_project",
        "aquifer_layer": "phreatic",
        "status": "active",
        "depth_m": 50.0,
        "geom": point_blob(values.pop("x", 500000.0), values.pop("y", 3850000.0)),
    }
    row.update(values)
    con = SG.open_db(path)
    try:
        cols = list(row)
        con.execute(
            f"INSERT INTO monitoring_wells ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
    finally:
        con.close()
    return u


def edit(path: str, table: str, uuid: str, **values) -> None:
    con = SG.open_db(path)
    try:
        sets = ", ".join(f'"{k}" = ?' for k in values)
        cur = con.execute(f'UPDATE "{table}" SET {sets} WHERE uuid = ?', [*values.values(), uuid])
        assert cur.rowcount == 1, (table, uuid)
    finally:
        con.close()


def delete(path: str, table: str, uuid: str) -> None:
    con = SG.open_db(path)
    try:
        con.execute(f'DELETE FROM "{table}" WHERE uuid = ?', (uuid,))
    finally:
        con.close()


def local_rows(path: str, table: str = "monitoring_wells") -> dict:
    """uuid -> {field: canonical value} (metadata fields left out)."""
    con = SG.open_db(path)
    try:
        cols = [c for c in C.columns(con, table) if c in P.data_columns(S.table(table))]
        types = W.field_types(table, cols)
        out = {}
        for r in con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}"'):
            d = dict(zip(cols, r))
            out[d["uuid"]] = {c: W.canon(types[c], v) for c, v in d.items() if c not in W.META_FIELDS}
        return out
    finally:
        con.close()


def server_rows(conninfo: str, table: str = "monitoring_wells") -> dict:

    t = S.table(table)
    cols = P.data_columns(t)
    types = W.field_types(table, cols)
    q = P.sql()
    con = P.connect(conninfo)
    try:
        cur = con.cursor()
        cur.execute(
            q.SQL("SELECT {} FROM {}").format(
                q.SQL(", ").join(W.select_expr(c, types[c]) for c in cols), q.Identifier("gw", table)
            )
        )
        out = {}
        for r in cur.fetchall():
            d = dict(zip(cols, r))
            if d.get("geom") is not None:
                d["geom"] = bytes(d["geom"])
            out[d["uuid"]] = {c: W.canon(types[c], v) for c, v in d.items() if c not in W.META_FIELDS}
        return out
    finally:
        con.close()


def pending(path: str) -> list:
    con = SG.open_db(path)
    try:
        return con.execute("SELECT tbl, uuid, op, held FROM gw_changelog ORDER BY tbl, uuid").fetchall()
    finally:
        con.close()


def conflicts(path: str, status=None) -> list:
    con = SG.open_db(path)
    try:
        sql = "SELECT tbl, uuid, kind, fields, status, policy, local, server FROM gw_conflicts"
        rows = con.execute(sql + (" WHERE status = ?" if status else ""), (status,) if status else ()).fetchall()
        return [
            {
                "tbl": r[0],
                "uuid": r[1],
                "kind": r[2],
                "fields": json.loads(r[3] or "[]"),
                "status": r[4],
                "policy": r[5],
                "local": json.loads(r[6]) if r[6] else None,
                "server": json.loads(r[7]) if r[7] else None,
            }
            for r in rows
        ]
    finally:
        con.close()


def project_with_wells(path: str, n: int = 3, county: str = A) -> list:
    gpkg.create_database(path)
    return [add_well(path, county, well_code=f"W{i}", depth_m=10.0 + i) for i in range(n)]


@pytest.fixture
def roles(pg_server):  # noqa: F811
    """A new platform and the conninfos of its users (tests/core/sync/roles.py): none is a superuser."""
    return platform_roles(pg_server, new_platform(pg_server))


@pytest.fixture
def platform(roles):
    """A new platform as its admin (writes every county; row-level security applies)."""
    return roles["admin"]


@pytest.fixture
def published(platform, tmp_path):
    """A platform holding 3 wells of county A and 2 of county B, published by the admin from a project
    GeoPackage; every later step of the tests runs as the admin unless it names another role."""
    src = str(tmp_path / "project.gpkg")
    a = project_with_wells(src, 3, A)
    b = [add_well(src, B, well_code=f"B{i}") for i in range(2)]
    rep = SY.sync(src, platform)
    assert rep.pushed == 5 and rep.rejected == 0
    return platform, src, a, b


def client(conninfo, tmp_path, name, counties=(A, B)) -> str:
    out = str(tmp_path / f"{name}.gpkg")
    CO.checkout(conninfo, list(counties), out)
    return out


# ----------------------------------------------------------------------------------------------------------------
# Tests
# ----------------------------------------------------------------------------------------------------------------
def test_publish_and_checkout_round_trip(published, tmp_path, validate):
    ci, src, a, b = published
    assert pending(src) == []
    assert local_rows(src) == server_rows(ci)
    only_a = client(ci, tmp_path, "only_a", counties=[A])
    assert validate(only_a) == []
    assert set(local_rows(only_a)) == set(a)
    assert local_rows(only_a) == {u: r for u, r in server_rows(ci).items() if u in a}
    assert pending(only_a) == []
    st = C.state(SG.open_db(only_a))
    assert st["last_pulled_rev"] > 0 and json.loads(st["counties"]) == [A]
    # a second sync exchanges nothing
    rep = SY.sync(only_a, ci)
    assert (rep.pushed, rep.pulled, rep.conflicts) == (0, 0, 0)


def test_sync_rewrites_tracking_only_when_it_needs_repair(published, tmp_path):
    """Every sync checks the change-tracking triggers: as they should be, they are left as they are (not dropped and
    created again); one missing is put back and the edits then are tracked."""
    ci, _src, a, _b = published
    c1 = client(ci, tmp_path, "c1")

    def tracking():  # (a trigger created again gets a new row in sqlite_master)
        con = SG.open_db(c1)
        try:
            return con.execute(
                "SELECT rowid, name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gwsync%' ORDER BY name"
            ).fetchall()
        finally:
            con.close()

    before = tracking()
    assert len(before) == 5 * len({r[2].split(" ON ")[1].split()[0] for r in before})
    assert SY.sync(c1, ci).pushed == 0
    assert tracking() == before
    con = SG.open_db(c1)
    con.execute('DROP TRIGGER "gwsync_monitoring_wells_upd"')
    con.close()
    SY.sync(c1, ci)
    after = tracking()
    assert [r[1:] for r in after] == [r[1:] for r in before] and after != before
    edit(c1, "monitoring_wells", a[0], remarks="tracked again")
    assert {u for _, u, _, _ in pending(c1)} == {a[0]}
    assert SY.sync(c1, ci).pushed == 1 and server_rows(ci)[a[0]]["remarks"] == "tracked again"


def test_tracking_catches_ogr_edits(published, tmp_path):
    ci, src, a, b = published
    c1 = client(ci, tmp_path, "c1")
    ds = ogr.Open(c1, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    f = ogr.Feature(lyr.GetLayerDefn())  # no uuid: the GeoPackage's trigger gives one, ours logs it
    f.SetField("county_code", A)
    f.SetField("well_code", "OGR1")
    f.SetField("name_zh", "OGR井")
    f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (501000 3851000)"))
    lyr.CreateFeature(f)
    lyr.SetAttributeFilter(f"uuid = '{a[0]}'")
    g = lyr.GetNextFeature()
    g.SetField("depth_m", 77.5)
    lyr.SetFeature(g)
    lyr.SetAttributeFilter(f"uuid = '{a[1]}'")
    h = lyr.GetNextFeature()
    lyr.DeleteFeature(h.GetFID())
    ds = None
    ops = {(op, u in a) for _, u, op, _ in pending(c1)}
    assert ops == {("I", False), ("U", True), ("D", True)}
    rep = SY.sync(c1, ci)
    assert rep.pushed == 3 and pending(c1) == [], (rep, pending(c1))
    srv = server_rows(ci)
    assert srv[a[0]]["depth_m"] == 77.5 and a[1] not in srv
    assert any(r["well_code"] == "OGR1" for r in srv.values())
    assert local_rows(c1) == srv


def test_different_fields_merge_silently(published, tmp_path):
    ci, src, a, b = published
    c1, c2 = client(ci, tmp_path, "c1"), client(ci, tmp_path, "c2")
    edit(c1, "monitoring_wells", a[0], depth_m=111.0)
    edit(c2, "monitoring_wells", a[0], remarks="checked on site")
    SY.sync(c1, ci)
    rep = SY.sync(c2, ci)
    assert rep.conflicts == 0 and rep.merged == 1
    SY.sync(c1, ci)
    srv = server_rows(ci)
    assert srv[a[0]]["depth_m"] == 111.0 and srv[a[0]]["remarks"] == "checked on site"
    assert local_rows(c1) == local_rows(c2) == srv
    assert conflicts(c1) == conflicts(c2) == []


@pytest.mark.parametrize("policy", ["server", "local"])
def test_same_field_conflict_policies(published, tmp_path, policy):
    ci, src, a, b = published
    c1, c2 = client(ci, tmp_path, "c1"), client(ci, tmp_path, "c2")
    edit(c1, "monitoring_wells", a[0], depth_m=1.0, name_zh="一号")
    edit(c2, "monitoring_wells", a[0], depth_m=2.0, remarks="c2")
    SY.sync(c1, ci)
    rep = SY.sync(c2, ci, conflict_policy=policy)
    assert rep.conflicts == 1 and rep.open_conflicts == 0
    (c,) = conflicts(c2)
    assert c["fields"] == ["depth_m"] and c["status"] == "resolved" and c["policy"] == policy
    assert c["local"]["depth_m"] == 2.0 and c["server"]["depth_m"] == 1.0  # both versions kept
    SY.sync(c1, ci)
    srv = server_rows(ci)[a[0]]
    assert srv["depth_m"] == (1.0 if policy == "server" else 2.0)
    assert srv["name_zh"] == "一号" and srv["remarks"] == "c2"  # non-conflicting fields of both sides kept
    assert local_rows(c1) == local_rows(c2) == server_rows(ci)


def test_manual_conflict_stays_open_until_resolved(published, tmp_path):
    ci, src, a, b = published
    c1, c2 = client(ci, tmp_path, "c1"), client(ci, tmp_path, "c2")
    edit(c1, "monitoring_wells", a[0], depth_m=1.0)
    edit(c2, "monitoring_wells", a[0], depth_m=2.0, remarks="mine")
    SY.sync(c1, ci)
    rep = SY.sync(c2, ci, conflict_policy="manual")
    assert rep.conflicts == 1 and rep.open_conflicts == 1
    assert local_rows(c2)[a[0]]["depth_m"] == 2.0  # the user's value stays in the file
    assert server_rows(ci)[a[0]]["depth_m"] == 1.0  # and is not pushed while the conflict is open
    # later syncs, and a further server edit of the same feature, never drop the open conflict
    edit(c1, "monitoring_wells", a[0], name_zh="改名")
    SY.sync(c1, ci)
    for policy in ("server", "local", "manual"):
        rep = SY.sync(c2, ci, conflict_policy=policy)
        assert rep.open_conflicts == 1
    (c,) = SC.open_conflicts(c2)
    assert c["local"]["depth_m"] == 2.0 and c["server"]["name_zh"] == "改名"
    assert local_rows(c2)[a[0]]["name_zh"] == "改名"  # non-conflicting server change merged meanwhile
    SC.resolve_conflict(c2, c["id"], "mine")
    rep = SY.sync(c2, ci)
    assert rep.open_conflicts == 0 and rep.pushed == 1
    srv = server_rows(ci)[a[0]]
    assert srv["depth_m"] == 2.0 and srv["remarks"] == "mine" and srv["name_zh"] == "改名"
    SY.sync(c1, ci)
    assert local_rows(c1) == local_rows(c2) == server_rows(ci)


def test_resolve_theirs_and_edit(published, tmp_path):
    ci, src, a, b = published
    c1, c2 = client(ci, tmp_path, "c1"), client(ci, tmp_path, "c2")
    edit(c1, "monitoring_wells", a[0], depth_m=1.0)
    edit(c1, "monitoring_wells", a[1], depth_m=1.0)
    edit(c2, "monitoring_wells", a[0], depth_m=2.0)
    edit(c2, "monitoring_wells", a[1], depth_m=2.0)
    SY.sync(c1, ci)
    SY.sync(c2, ci, conflict_policy="manual")
    by_uuid = {c["uuid"]: c for c in SC.open_conflicts(c2)}
    SC.resolve_conflict(c2, by_uuid[a[0]]["id"], "theirs")
    SC.resolve_conflict(c2, by_uuid[a[1]]["id"], "edit", {"depth_m": 1.5})
    SY.sync(c2, ci)
    SY.sync(c1, ci)
    srv = server_rows(ci)
    assert srv[a[0]]["depth_m"] == 1.0 and srv[a[1]]["depth_m"] == 1.5
    assert local_rows(c1) == local_rows(c2) == srv


@pytest.mark.parametrize("policy", ["server", "local", "manual"])
def test_delete_versus_edit(published, tmp_path, policy):
    ci, src, a, b = published
    c1, c2 = client(ci, tmp_path, "c1"), client(ci, tmp_path, "c2")
    delete(c1, "monitoring_wells", a[0])  # deleted here ...
    edit(c2, "monitoring_wells", a[0], remarks="edited there")  # ... edited there
    edit(c1, "monitoring_wells", a[1], remarks="edited here")  # edited here ...
    delete(c2, "monitoring_wells", a[1])  # ... deleted there
    SY.sync(c1, ci)
    rep = SY.sync(c2, ci, conflict_policy=policy)
    assert rep.conflicts == 2
    kinds = {c["uuid"]: c["kind"] for c in conflicts(c2)}
    assert kinds == {a[0]: "edit_delete", a[1]: "delete_edit"}
    lost_edit = {c["uuid"]: c for c in conflicts(c2)}
    assert lost_edit[a[0]]["local"]["remarks"] == "edited there"  # the losing version is kept either way
    assert lost_edit[a[1]]["server"]["remarks"] == "edited here"
    SY.sync(c1, ci)
    srv = server_rows(ci)
    if policy == "server":
        assert a[0] not in srv and srv[a[1]]["remarks"] == "edited here"
    elif policy == "local":
        assert srv[a[0]]["remarks"] == "edited there" and a[1] not in srv
    else:
        assert rep.open_conflicts == 2
        for c in SC.open_conflicts(c2):
            SC.resolve_conflict(c2, c["id"], "mine")
        SY.sync(c2, ci)
        SY.sync(c1, ci)
        srv = server_rows(ci)
        assert srv[a[0]]["remarks"] == "edited there" and a[1] not in srv
    assert local_rows(c1) == local_rows(c2) == server_rows(ci)
    assert pending(c1) == pending(c2) == []


def test_exactly_once_after_lost_reply(published, tmp_path):
    ci, src, a, b = published
    c1 = client(ci, tmp_path, "c1")
    new = add_well(c1, A, well_code="NEW")
    edit(c1, "monitoring_wells", a[0], depth_m=9.0)

    def lose_reply():
        raise ConnectionError("reply lost")

    with pytest.raises(ConnectionError):
        SY.sync(c1, ci, hooks={"after_push_commit": lose_reply})
    assert server_rows(ci)[new]["well_code"] == "NEW"  # committed on the server ...
    assert len(pending(c1)) == 2  # ... but not recorded here
    # more local edits meanwhile, including one of a row in the lost push
    edit(c1, "monitoring_wells", new, remarks="after the lost reply")
    con = P.connect(ci)
    cur = con.cursor()
    cur.execute("SELECT count(*), max(rev) FROM gw.change_log")
    log_before = cur.fetchone()
    rep = SY.sync(c1, ci)
    assert rep.resent
    cur.execute("SELECT count(*) FROM gw.change_log WHERE uuid = %s AND op = 'I'", (new,))
    assert cur.fetchone()[0] == 1  # no duplicate application
    cur.execute("SELECT count(*) FROM gw.sync_pushes")
    assert cur.fetchone()[0] == 3  # publish, the lost push (recorded once), the later edit
    cur.execute("SELECT count(*) FROM gw.change_log")
    assert cur.fetchone()[0] == log_before[0] + 1  # only the later edit was applied now
    con.close()
    assert pending(c1) == []
    srv = server_rows(ci)
    assert srv[new]["remarks"] == "after the lost reply" and srv[a[0]]["depth_m"] == 9.0
    assert local_rows(c1) == srv


def test_failure_before_commit_applies_nothing(published, tmp_path):
    ci, src, a, b = published
    c1 = client(ci, tmp_path, "c1")
    edit(c1, "monitoring_wells", a[0], depth_m=9.0)

    def drop():
        raise ConnectionError("connection dropped")

    with pytest.raises(ConnectionError):
        SY.sync(c1, ci, hooks={"before_push_commit": drop})
    assert server_rows(ci)[a[0]]["depth_m"] != 9.0
    rep = SY.sync(c1, ci)
    assert rep.pushed == 1 and server_rows(ci)[a[0]]["depth_m"] == 9.0


def test_county_row_level_security(roles, published, tmp_path):
    ci, src, a, b = published
    user_ci = roles["editor"]  # the editor of county A
    c1 = client(user_ci, tmp_path, "c1")
    assert set(local_rows(c1)) == set(a) | set(b)  # reading is wider (read_scope all)
    edit(c1, "monitoring_wells", a[0], remarks="mine to change")
    edit(c1, "monitoring_wells", b[0], remarks="not mine")
    delete(c1, "monitoring_wells", b[1])
    nb = add_well(c1, B, well_code="B-NEW")
    moved = a[2]
    edit(c1, "monitoring_wells", moved, county_code=B)  # moving a row into a county not granted
    rep = SY.sync(c1, user_ci)
    assert rep.pushed == 1 and rep.rejected == 4
    srv = server_rows(ci)
    assert srv[a[0]]["remarks"] == "mine to change"
    assert srv[b[0]]["remarks"] is None and b[1] in srv and nb not in srv and srv[moved]["county_code"] == A
    con = SG.open_db(c1)
    rejected = con.execute("SELECT uuid, op, reason, data FROM gw_rejected ORDER BY id").fetchall()
    con.close()
    assert {(u, op) for u, op, _, _ in rejected} == {(b[0], "U"), (b[1], "D"), (nb, "I"), (moved, "U")}
    assert all("permission" in r for _, _, r, _ in rejected)
    assert json.loads(next(d for u, _, _, d in rejected if u == nb))["well_code"] == "B-NEW"  # kept, not lost
    assert local_rows(c1) == srv and pending(c1) == []  # the file mirrors what the platform accepted
    # the database itself refuses a direct write too: the client cannot bypass RLS
    import psycopg2

    raw = psycopg2.connect(user_ci)
    cur = raw.cursor()
    cur.execute("UPDATE gw.monitoring_wells SET remarks = 'x' WHERE county_code = %s", (B,))
    assert cur.rowcount == 0
    with pytest.raises(psycopg2.Error):
        cur.execute(
            "INSERT INTO gw.monitoring_wells (uuid, county_code, well_code) VALUES (gen_random_uuid(), %s, 'x')", (B,)
        )
    raw.close()


def test_read_scope_granted_limits_reading(pg_server, tmp_path):  # noqa: F811
    ci = new_platform(pg_server, read_scope="granted")
    src = str(tmp_path / "p.gpkg")
    a = project_with_wells(src, 2, A)
    add_well(src, B)
    users = platform_roles(pg_server, ci)
    SY.sync(src, users["admin"])
    c1 = client(users["editor"], tmp_path, "c1")  # granted county A only
    assert set(local_rows(c1)) == set(a)


def test_initplatform_idempotent_and_version_checks(pg_server, tmp_path):  # noqa: F811
    ci = new_platform(pg_server)
    info = P.initplatform(ci)
    assert not info.created and info.schema_version == gpkg.S.SCHEMA_VERSION
    con = P.connect(ci)
    cur = con.cursor()
    cur.execute("UPDATE gw.meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    src = str(tmp_path / "p.gpkg")
    project_with_wells(src, 1)
    with pytest.raises(SyncError, match="newer"):
        SY.sync(src, ci)
    with pytest.raises(P.PlatformError, match="newer"):
        P.initplatform(ci)
    cur.execute("UPDATE gw.meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    with pytest.raises(SyncError, match="initplatform"):
        SY.sync(src, ci)
    assert P.initplatform(ci).upgraded_from == 1
    con.close()
    assert SY.sync(src, ci).pushed == 1
    assert os.path.exists(src)


def add_attachment(path: str, parent: str, rel: str, county: str = A, sha=None) -> str:
    """An attachments row written through plain sqlite3; its sha256 is the one named in ``rel`` unless given."""
    u = str(_uuid.uuid4())
    con = SG.open_db(path)
    try:
        con.execute(
            "INSERT INTO attachments (uuid, county_code, parent_table, parent_uuid, kind, file_path, sha256) "
            "VALUES (?, ?, 'monitoring_wells', ?, 'photo', ?, ?)",
            (u, county, parent, rel, sha if sha is not None else rel[12:76]),
        )
    finally:
        con.close()
    return u


def test_attachments_travel_deduplicated_and_resumable(published, tmp_path):
    import hashlib

    from gw_plugin.core.data.attachments import store_file

    ci, src, a, b = published
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    c1 = client(ci, tmp_path / "one", "c1")
    c2 = client(ci, tmp_path / "two", "c2")
    photo = os.urandom(int(2.5 * CHUNK))  # three chunks
    (tmp_path / "well.jpg").write_bytes(photo)
    rel, sha = store_file(c1, tmp_path / "well.jpg")
    assert rel == f"attachments/{sha}.jpg" and sha == hashlib.sha256(photo).hexdigest()
    att1 = add_attachment(c1, a[0], rel)
    add_attachment(c1, a[1], rel)  # the same photo attached to another well: one file, one blob
    add_attachment(c1, a[1], "attachments/" + "0" * 64 + ".jpg")  # its file is not here
    sent = []

    def interrupt(idx):
        sent.append(idx)
        if len(sent) == 1:
            raise ConnectionError("network gone during the upload")

    with pytest.raises(ConnectionError):
        SY.sync(c1, ci, hooks={"blob_chunk": interrupt})
    assert server_rows(ci, "attachments") == {}  # no record before its file is complete
    rep = SY.sync(c1, ci, hooks={"blob_chunk": interrupt})
    assert sent == [0, 1, 2]  # resumed: the first chunk was not sent again
    assert rep.pushed == 3 and rep.attachments_uploaded == 1
    assert any("0" * 64 in m and "missing" in m for m in rep.messages)  # said, not silently dropped
    con = P.connect(ci)
    cur = con.cursor()
    cur.execute("SELECT count(*), bool_and(complete), sum(size) FROM gw.blobs")
    assert cur.fetchone() == (1, True, len(photo))  # deduplicated by sha256
    con.close()
    assert server_rows(ci, "attachments")[att1]["sha256"] == sha
    rep = SY.sync(c2, ci)
    assert rep.attachments_downloaded == 1
    assert (tmp_path / "two" / rel).read_bytes() == photo
    assert local_rows(c2, "attachments") == server_rows(ci, "attachments")


def test_concurrent_pushes_of_the_same_field(published, tmp_path):
    import threading

    ci, src, a, b = published
    c1, c2 = client(ci, tmp_path, "c1"), client(ci, tmp_path, "c2")
    edit(c1, "monitoring_wells", a[0], depth_m=1.0)
    edit(c2, "monitoring_wells", a[0], depth_m=2.0)
    errors = []

    def run(p):
        try:
            SY.sync(p, ci)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in (c1, c2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    for p in (c1, c2, c1):
        SY.sync(p, ci)
    assert local_rows(c1) == local_rows(c2) == server_rows(ci)
    assert len(conflicts(c1)) + len(conflicts(c2)) == 1  # exactly one side saw the other's value first
    assert server_rows(ci)[a[0]]["depth_m"] in (1.0, 2.0)


def test_feature_moved_out_of_checked_out_counties_stays_in_sync(published, tmp_path):
    ci, src, a, b = published
    c1 = client(ci, tmp_path, "c1", counties=[A])
    con = P.connect(ci)
    cur = con.cursor()
    cur.execute("UPDATE gw.monitoring_wells SET county_code = %s, remarks = 'moved' WHERE uuid = %s", (B, a[0]))
    cur.execute("DELETE FROM gw.monitoring_wells WHERE uuid = %s", (b[1],))  # never in c1
    con.commit()
    rep = SY.sync(c1, ci)
    assert rep.pulled == 1
    assert local_rows(c1)[a[0]]["county_code"] == B and local_rows(c1)[a[0]]["remarks"] == "moved"
    cur.execute("DELETE FROM gw.monitoring_wells WHERE uuid = %s", (a[0],))
    con.commit()
    con.close()
    rep = SY.sync(c1, ci)
    assert rep.pulled == 1 and a[0] not in local_rows(c1)
    assert local_rows(c1) == {u: r for u, r in server_rows(ci).items() if u in (a[1], a[2])}


def test_invalid_value_is_rejected_locally_not_blocking_others(published, tmp_path):
    ci, src, a, b = published
    c1 = client(ci, tmp_path, "c1")
    edit(c1, "monitoring_wells", a[0], built_date="2024-13-45")  # not a date: the server would refuse the push
    edit(c1, "monitoring_wells", a[1], remarks="fine")
    rep = SY.sync(c1, ci)
    assert rep.pushed == 1 and rep.rejected == 1
    assert server_rows(ci)[a[1]]["remarks"] == "fine"
    con = SG.open_db(c1)
    (reason, data) = con.execute("SELECT reason, data FROM gw_rejected").fetchone()
    con.close()
    assert "invalid" in reason and json.loads(data)["built_date"] == "2024-13-45"


def test_value_the_server_refuses_does_not_block_the_push(published, tmp_path):
    ci, src, a, b = published
    c1 = client(ci, tmp_path, "c1")
    con = SG.open_db(c1)  # a geometry of the wrong type, written behind QGIS' back
    con.execute(
        "UPDATE monitoring_wells SET geom = ? WHERE uuid = ?",
        (SG.wkb_to_gpkg(bytes.fromhex("010200000002000000" + "00" * 32), 4547), a[0]),
    )
    con.close()
    edit(c1, "monitoring_wells", a[1], remarks="fine")
    rep = SY.sync(c1, ci)
    assert rep.pushed == 1 and rep.rejected == 1
    assert server_rows(ci)[a[1]]["remarks"] == "fine"
    con = SG.open_db(c1)
    (reason,) = con.execute("SELECT reason FROM gw_rejected").fetchone()
    con.close()
    assert "refused by the platform" in reason
    assert local_rows(c1) == server_rows(ci)


def test_older_geopackage_is_upgraded_then_synced(platform, tmp_path):
    """A client file of schema version 1 (before abandoned_wells and assessment_point) is upgraded with a
    backup by the sync itself; tracking then covers the new table and field too."""
    old = str(tmp_path / "v1.gpkg")
    gpkg.create_database(old, version=1)
    C.install_change_tracking(old)
    u = add_well(old, A, well_code="OLD")
    rep = SY.sync(old, platform)
    assert any("upgraded" in m for m in rep.messages) and rep.pushed == 1
    assert rep.tracking_restored == []  # a table new in the upgrade was never tracked: nothing was "lost"
    assert gpkg.schema_version_of(old) == S.SCHEMA_VERSION
    edit(old, "monitoring_wells", u, assessment_point=1)  # the field added in version 2 is tracked
    assert SY.sync(old, platform).pushed == 1
    assert server_rows(platform)[u]["assessment_point"] == 1
    assert local_rows(old) == server_rows(platform)


def test_sync_algorithm_cancel_keeps_everything(pg_server, tmp_path, qgis_processing):  # noqa: F811
    """Canceling the Processing sync mid-way loses nothing; the next sync completes it."""
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    from gw_plugin.processing.provider import register_provider

    register_provider()
    ci = pg_server.conninfo(pg_server.create_database("cancel"))
    processing.run("gwplugin:initplatform", {"PLATFORM": ci})
    path = str(tmp_path / "c.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for k in range(20):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["county_code"], f["well_code"] = "419901", f"C{k}"
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + k} 3850000)"))
        lyr.CreateFeature(f)
    ds = None
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:sync", {"DATABASE": path, "PLATFORM": ci}, feedback=feedback)
    con = P.connect(ci)
    cur = con.cursor()
    cur.execute("SELECT count(*) FROM gw.monitoring_wells")
    assert cur.fetchone()[0] == 0  # the push transaction was rolled back at the cancel
    con.close()
    res = processing.run("gwplugin:sync", {"DATABASE": path, "PLATFORM": ci})
    assert res["PENDING"] == 0
    con = P.connect(ci)
    cur = con.cursor()
    cur.execute("SELECT count(*) FROM gw.monitoring_wells")
    assert cur.fetchone()[0] == 20
    con.close()


def test_outbox_holds_exactly_the_changed_fields(published, tmp_path):
    # the push diffs rows against their base inside SQLite (a bit mask per feature); only changed values travel, and
    # a value rewritten in another text form (same instant) is no change at all
    ci, src, a, b = published
    c1 = client(ci, tmp_path, "c1")
    con = SG.open_db(c1)
    created = con.execute("SELECT created_at FROM monitoring_wells WHERE uuid = ?", (a[1],)).fetchone()[0]
    con.close()
    edit(c1, "monitoring_wells", a[0], depth_m=12.5, remarks="井口已封", status="abandoned")
    edit(c1, "monitoring_wells", a[1], created_at=created.replace("T", " ").replace("Z", "+00:00"))
    assert {u for _, u, _, _ in pending(c1)} == {a[0], a[1]}
    con = SG.open_db(c1)
    try:
        local = LocalTables(con)
        seq = prepare_outbox(local, 4547, SyncReport())
        assert seq == 1
        rows = con.execute("SELECT tbl, uuid, op, data FROM gw_outbox").fetchall()
    finally:
        con.close()
    assert [(t, u, op) for t, u, op, _ in rows] == [("monitoring_wells", a[0], "U")]
    data = outbox_values(rows[0][0], rows[0][3])
    assert set(data) - {"updated_at", "updated_by"} == {"depth_m", "remarks", "status", "county_code"}
    assert data["depth_m"] == 12.5 and data["remarks"] == "井口已封" and data["county_code"] == A
    assert {u for _, u, _, _ in pending(c1)} == {a[0]}  # the same-instant rewrite was dropped, not sent


def test_many_rows_pulled_in_bulk(platform, tmp_path):
    # more than 1,000 changed rows in a page: the bulk path with the do-nothing update triggers dropped
    # (pull_apply.QuietUpdates); every value must arrive, and a row with a pending local change is merged, not
    # overwritten
    src = str(tmp_path / "project.gpkg")
    gpkg.create_database(src)
    con = SG.open_db(src)
    with SG.transaction(con):
        con.executemany(
            "INSERT INTO monitoring_wells (uuid, county_code, well_code, name_zh, depth_m, geom) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    str(_uuid.uuid4()),
                    A,
                    f"M{i}",
                    f"井{i}",
                    10.0,
                    SG.wkb_to_gpkg(struct.pack("<BIdd", 1, 1, 5e5 + i, 3.85e6), 4547),
                )
                for i in range(1500)
            ],
        )
    con.close()
    assert SY.sync(src, platform).pushed == 1500
    c1, c2 = client(platform, tmp_path, "c1"), client(platform, tmp_path, "c2")
    con = SG.open_db(c2)
    with SG.transaction(con):
        con.execute("UPDATE monitoring_wells SET depth_m = depth_m + fid, remarks = 'office ' || fid")
    con.close()
    mine = next(iter(local_rows(c1)))
    edit(c1, "monitoring_wells", mine, status="abandoned")
    assert SY.sync(c2, platform).pushed == 1500
    rep = SY.sync(c1, platform)
    assert rep.pulled == 1500 and rep.merged == 1 and rep.conflicts == 0 and rep.pushed == 1
    srv = server_rows(platform)
    assert local_rows(c1) == srv
    SY.sync(c2, platform)
    assert local_rows(c2) == srv
    assert srv[mine]["status"] == "abandoned" and srv[mine]["remarks"].startswith("office ")


def test_same_value_in_any_text_form():
    # the merge and the push compare values by meaning: another text form of the same instant, number or flag is no
    # change; two different canonical date-times are (the fast path must not hide a change)
    t = "2023-05-01T08:00:00.000Z"
    assert W.same("datetime", t, "2023-05-01 16:00:00+08:00")
    assert W.same("datetime", t, "2023-05-01T08:00:00Z")
    assert not W.same("datetime", t, "2023-05-01T08:00:00.001Z")
    assert not W.same("datetime", t, "2024-05-01T08:00:00.000Z")
    assert not W.same("datetime", t, None)
    assert W.same("real", 12, 12.0) and not W.same("real", 12.5, 12.25)
    assert W.same("boolean", 1, "true") and not W.same("boolean", 0, "true")
    assert W.same("text", "井", "井") and not W.same("text", "井", "井 ")
    assert W.same("date", "2023-05-01", "2023-05-01T00:00:00") and not W.same("date", "2023-05-01", "2023-05-02")
