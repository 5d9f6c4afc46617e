"""Building a push's outbox set-wise (issue 14, "Performance"): the common updates and the deletes have their COPY
text written by SQLite itself (gw_plugin/core/sync/outbox_sql.py), the rest by the Python path of outbox.py. The
set-wise build must give exactly what the Python path gives for the same changes (the same rows, numbers, refusals
and dropped entries), on every kind of value, and those values must reach the real platform unchanged."""

from __future__ import annotations

import math
import shutil

import pytest

from gw_plugin.core.data import gpkg
from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.local import LocalTables
from gw_plugin.core.sync.outbox import outbox_values, payload_of, prepare_outbox, sent_base
from gw_plugin.core.sync.report import SyncReport
from tests.core.sync.test_sync import (  # noqa: F401  (fixtures)
    A,
    B,
    add_well,
    client,
    delete,
    edit,
    local_rows,
    platform,
    point_blob,
    roles,
    server_rows,
)
from tests.pg import pg_server  # noqa: F401  (session fixture)

T = "monitoring_wells"
N = 40


@pytest.fixture
def wells(platform, tmp_path):  # noqa: F811
    """A platform holding N wells (counties A and B, remarks, a class, a built date and a creation time set), and a
    checkout of them by the admin."""
    src = str(tmp_path / "project.gpkg")
    gpkg.create_database(src)
    u = [
        add_well(
            src,
            A if i % 3 else B,
            well_code=f"W{i:02d}",
            remarks=f"old {i}",
            latest_class=1,
            built_date="2020-01-01",
            created_at="2020-01-01T00:00:00.000Z",
            screen_top_m=1.5,
        )
        for i in range(N)
    ]
    assert SY.sync(src, platform).pushed == N
    return platform, client(platform, tmp_path, "c1"), u


def _edits(path: str, u: list) -> dict:
    """A mix of changes, one feature each (every kind the set-wise part takes, and what it must leave to Python);
    returns {label: uuid}."""
    labels = {}

    def one(label, **values):
        uuid = u[len(labels)]
        labels[label] = uuid
        if values:
            edit(path, T, uuid, **values)
        return uuid

    one("escapes", remarks="tab\there\nnew line\\back slash\rcr", depth_m=0.1 + 0.2)
    one("huge", depth_m=1e300, latest_class=3, assessment_point=1)
    one("tiny", depth_m=5e-324, screen_top_m=-0.0, long_term=0)
    one("cleared", remarks=None, latest_class=None, name_en="set")
    one("unicode", name_zh="井\u3000名", remarks="'quoted' \"double\" %s %d")
    one("datetime", created_at="2023-05-01T08:00:00.000Z")
    one("date ok", built_date="2024-02-29")
    one("date leap bad", built_date="2023-02-29")
    one("date zero", built_date="0000-01-01")
    one("date form", built_date="2020-01-01T00:00:00")  # another form of the same day: no change
    one("date 31", built_date="2023-04-31")
    one("geometry", geom=point_blob(510000.0, 3860000.0), remarks="moved")
    one("instant form", created_at="2020-01-01 08:00:00+08:00")  # the same instant: no change
    one("instant other", created_at="2021-06-01 12:00:00+02:00")
    one("bad canonical", created_at="2023-13-45T99:99:99.999Z")  # canonical shape: sent as it is
    one("county empty", county_code="")
    one("county move", county_code=B, remarks="moved county")  # (a well of county A: 16 % 3)
    one("infinite", depth_m=math.inf)
    one("nul", name_en="a\x00b")
    one("text in real", depth_m="deep")
    one("boolean 2", assessment_point=2)
    one("integer in text", well_code=42)
    one("real in integer", latest_class=2.5)
    one("blob in text", remarks=b"\x01\x02")
    one("updated_at only", remarks="tmp")
    edit(path, T, labels["updated_at only"], remarks=f"old {len(labels) - 1}")  # its base again: only updated_at
    uuid = one("base form")  # a base in another text form (written untracked, as an older plugin's pull did)
    con = SG.open_db(path)
    con.execute("INSERT INTO gw_sync_apply (x) VALUES (1)")
    con.execute(f"UPDATE {T} SET created_at = '2020-01-01 08:00:00+08:00' WHERE uuid = ?", (uuid,))
    con.execute("DELETE FROM gw_sync_apply")
    con.close()
    edit(path, T, uuid, created_at="2020-01-01T00:00:00.000Z")  # the same instant, canonical: no change
    one("backslash only", remarks="\\")
    one("empty text", name_en="")
    one("delete")
    delete(path, T, labels["delete"])
    uuid = one("no base", remarks="lost base")  # a change record whose base is gone: refused
    con = SG.open_db(path)
    con.execute(f"DELETE FROM gw_base_{T} WHERE uuid = ?", (uuid,))
    con.close()
    for i, uuid in enumerate(u[len(labels) :]):  # plain edits with many different change masks
        edit(path, T, uuid, **{c: v for k, (c, v) in enumerate(_PLAIN) if i >> k & 1 or k == i % len(_PLAIN)})
    labels["insert"] = add_well(path, A, remarks="new\tone", depth_m=0.7)
    return labels


_PLAIN = [("remarks", "r"), ("depth_m", 7.25), ("status", "abandoned"), ("latest_n_indicators", 12)]


def _prepare(path: str, set_wise: bool, trace=None):
    con = SG.open_db(path)
    try:
        if trace is not None:
            con.set_trace_callback(trace.append)
        report = SyncReport()
        seq = prepare_outbox(LocalTables(con), 4547, report, set_wise=set_wise)
        con.set_trace_callback(None)
        return {
            "seq": seq,
            "rejected": report.rejected,
            "outbox": con.execute("SELECT ord, tbl, uuid, op, base_rev, data FROM gw_outbox ORDER BY ord").fetchall(),
            "refused": con.execute(
                "SELECT tbl, uuid, op, reason, data, base FROM gw_rejected ORDER BY uuid"
            ).fetchall(),
            "log": con.execute(
                "SELECT tbl, uuid, op, held, changed_at IS NULL FROM gw_changelog ORDER BY tbl, uuid"
            ).fetchall(),
            "bases": con.execute(f"SELECT * FROM gw_base_{T} ORDER BY uuid").fetchall(),
            "rows": con.execute(f"SELECT * FROM {T} ORDER BY uuid").fetchall(),
        }
    finally:
        con.close()


def test_set_wise_outbox_equals_the_python_path(wells, tmp_path):
    ci, c1, u = wells
    labels = _edits(c1, u)
    py = shutil.copyfile(c1, str(tmp_path / "python.gpkg"))
    trace = []
    fast = _prepare(c1, True, trace)
    slow = _prepare(py, False)
    assert fast == slow  # the same rows, numbers, refusals, dropped entries and files
    # the set-wise part did write the updates in SQLite: the common masks in the first round, the others (this file
    # has more than outbox_sql.GUESSES) in the second
    assert sum(s.startswith("INSERT OR REPLACE INTO temp.gw_outbox_stage") and "printf(" in s for s in trace) == 2
    outbox = fast["outbox"]
    assert [r[0] for r in outbox] == list(range(1, len(outbox) + 1))
    assert [(r[1], r[2]) for r in outbox] == sorted((r[1], r[2]) for r in outbox)
    sent = {r[2]: (r[3], outbox_values(T, r[5])) for r in outbox}
    v = {k: sent.get(uuid) for k, uuid in labels.items()}
    assert v["escapes"][1]["remarks"] == "tab\there\nnew line\\back slash\rcr"
    assert v["escapes"][1]["depth_m"] == 0.1 + 0.2 and v["huge"][1]["depth_m"] == 1e300
    assert v["tiny"][1]["depth_m"] == 5e-324 and v["huge"][1]["assessment_point"] is True
    assert v["cleared"][1]["remarks"] is None and v["cleared"][1]["latest_class"] is None
    assert v["unicode"][1]["remarks"] == "'quoted' \"double\" %s %d"
    assert v["datetime"][1]["created_at"] == "2023-05-01T08:00:00.000Z"
    assert v["instant other"][1]["created_at"] == "2021-06-01T10:00:00.000Z"
    assert v["bad canonical"][1]["created_at"] == "2023-13-45T99:99:99.999Z"
    assert v["date ok"][1]["built_date"] == "2024-02-29" and v["county move"][1]["county_code"] == B
    assert v["boolean 2"][1]["assessment_point"] is True and v["integer in text"][1]["well_code"] == "42"
    assert v["backslash only"][1]["remarks"] == "\\" and v["empty text"][1]["name_en"] == ""
    assert v["delete"] == ("D", {"county_code": A if u.index(labels["delete"]) % 3 else B})
    assert v["insert"][0] == "I" and v["insert"][1]["remarks"] == "new\tone"
    for gone in ("date form", "instant form", "updated_at only", "base form"):  # no change: dropped, not sent
        assert v[gone] is None and labels[gone] not in {r[1] for r in fast["log"]}
    refused = {r[1] for r in fast["refused"]}
    for bad in ("date leap bad", "date zero", "date 31", "county empty", "infinite", "nul", "text in real", "no base"):
        assert v[bad] is None and labels[bad] in refused, bad
    assert fast["rejected"] == len(refused) == 8
    assert all(r[4] for r in fast["log"] if r[3] == 0)  # every entry in flight marked (changed_at NULL)
    # the payload digest and what a reply would write back read the rows the same way
    assert payload_of(outbox) == payload_of(slow["outbox"])
    con = SG.open_db(c1)
    try:
        local = LocalTables(con)
        for r in outbox:
            base = [None] * len(local.cols[T])
            assert sent_base(local, T, r[5], list(base)) == sent_base(local, T, r[5], list(base))
    finally:
        con.close()


def test_set_wise_values_reach_the_platform_unchanged(wells, tmp_path):
    ci, c1, u = wells
    edit(c1, T, u[0], remarks="tab\there\nnew line\\back slash\rcr", depth_m=0.1 + 0.2, name_en="")
    edit(c1, T, u[1], depth_m=1e300, latest_class=3, assessment_point=1, built_date="2024-02-29")
    edit(c1, T, u[2], remarks=None, screen_top_m=5e-324, created_at="2023-05-01T08:00:00.123Z", long_term=0)
    edit(c1, T, u[3], county_code=B, name_zh="井\u3000名 'q' %s")
    for i, uuid in enumerate(u[4:20]):
        edit(c1, T, uuid, **{c: v for k, (c, v) in enumerate(_PLAIN) if i >> k & 1 or k == i % len(_PLAIN)})
    delete(c1, T, u[20])
    trace = []
    first = _prepare(c1, True, trace)
    assert first["seq"] == 1 and first["rejected"] == 0 and len(first["outbox"]) == 21
    assert any(s.startswith("INSERT OR REPLACE INTO temp.gw_outbox_stage") and "printf(" in s for s in trace)
    rep = SY.sync(c1, ci)  # resends the outbox in flight, then records its outcome
    assert rep.rejected == 0, rep
    srv = server_rows(ci)
    assert local_rows(c1) == srv and u[20] not in srv
    con = P.connect(ci)
    try:
        cur = con.cursor()
        cur.execute(
            "SELECT uuid::text, remarks, depth_m, name_en, latest_class, assessment_point, built_date::text, "
            "screen_top_m, county_code, name_zh, long_term FROM gw.monitoring_wells WHERE uuid = ANY(%s::uuid[])",
            (u[:4],),
        )
        got = {r[0]: r[1:] for r in cur.fetchall()}
    finally:
        con.close()
    assert got[u[0]][0] == "tab\there\nnew line\\back slash\rcr" and got[u[0]][1] == 0.1 + 0.2
    assert got[u[0]][2] == ""
    assert got[u[1]][1] == 1e300 and got[u[1]][3:6] == (3, True, "2024-02-29")
    assert got[u[2]][0] is None and got[u[2]][6] == 5e-324 and got[u[2]][9] is False
    assert got[u[3]][7:9] == (B, "井\u3000名 'q' %s")


def test_outbox_built_in_parts_equals_built_whole(wells, tmp_path, monkeypatch):
    """Streamed (``on_lines``), a table's changes are built PART at a time by uuid: the same outbox, refusals,
    dropped entries and files as built whole, handed over part by part in ord order."""
    from gw_plugin.core.sync import outbox as O

    _ci, c1, u = wells
    _edits(c1, u)
    whole = shutil.copyfile(c1, str(tmp_path / "whole.gpkg"))
    monkeypatch.setattr(O, "PART", 5)
    parts = []
    con = SG.open_db(c1)
    try:
        report = SyncReport()
        assert prepare_outbox(LocalTables(con), 4547, report, on_lines=parts.append) == 1
    finally:
        con.close()
    streamed = {k: v for k, v in _prepare(c1, True).items() if k not in ("seq", "rejected")}  # (read back only)
    built = _prepare(whole, True)
    assert report.rejected == built["rejected"] == 8
    assert streamed == {k: v for k, v in built.items() if k not in ("seq", "rejected")}
    assert len(parts) >= 6  # 40-odd changes of one table, 5 at a time
    ords = [o for part in parts for o, _, _ in part]
    assert ords == list(range(1, len(built["outbox"]) + 1))
    text = "".join(x for part in parts for _, _, x in part)
    rows = built["outbox"]
    null = "\\N"
    assert text == "".join(f"{o}\t{t}\t{uu}\t{op}\t{null if r is None else r}\t{d}\n" for o, t, uu, op, r, d in rows)


def test_push_streamed_in_parts(wells, tmp_path, monkeypatch):
    """A push whose outbox is built and applied on the platform part by part (gw.push_apply_part) while the rest
    is built: the platform ends equal to the file, refused values stay refused, and the push key holds the digest
    of the whole outbox as written."""
    from gw_plugin.core.sync import outbox as O

    ci, c1, u = wells
    labels = _edits(c1, u)
    edit(c1, T, labels["bad canonical"], created_at="2023-01-01T00:00:00.000Z")  # (the platform would refuse it)
    monkeypatch.setattr(O, "PART", 4)
    seen = {}

    def read_outbox():
        con = SG.open_db(c1)
        try:
            seen["rows"] = con.execute(
                "SELECT ord, tbl, uuid, op, base_rev, data FROM gw_outbox ORDER BY ord"
            ).fetchall()
            seen["client"] = con.execute("SELECT client_id FROM gw_sync_state").fetchone()[0]
        finally:
            con.close()

    rep = SY.sync(c1, ci, hooks={"after_prepare": read_outbox})
    assert rep.rejected == 8 and rep.pushed == len(seen["rows"]) and not rep.resent, rep
    srv = server_rows(ci)
    loc = local_rows(c1)
    lost = labels["no base"]  # refused without a base to go back to: the file keeps its value (as built whole)
    assert loc[lost]["remarks"] == "lost base" and srv[lost]["remarks"] != "lost base"
    assert {k: v for k, v in loc.items() if k != lost} == {k: v for k, v in srv.items() if k != lost}
    assert labels["delete"] not in srv
    con = P.connect(ci)
    try:
        cur = con.cursor()
        cur.execute("SELECT payload_sha256, rows FROM gw.sync_pushes WHERE client_id = %s", (seen["client"],))
        assert cur.fetchall() == [(payload_of(seen["rows"])[1], len(seen["rows"]))]
    finally:
        con.close()
    # a value the platform cannot store met in the third part: the server transaction is dropped, the committed
    # outbox sent the ordinary way, that change refused alone
    for i, uuid in enumerate(u[30:40]):
        edit(c1, T, uuid, remarks=f"again {i}", **({"created_at": "2023-13-45T99:99:99.999Z"} if i == 9 else {}))
    rep = SY.sync(c1, ci)
    assert rep.rejected == 1 and rep.pushed == 9, rep
    loc, srv = local_rows(c1), server_rows(ci)
    assert {k: v for k, v in loc.items() if k != lost} == {k: v for k, v in srv.items() if k != lost}
    assert srv[u[39]]["remarks"] != "again 9" and srv[u[38]]["remarks"] == "again 8"
