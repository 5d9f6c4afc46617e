"""Rejected sync changes retried or dismissed (core/sync/rejected.py and the Sync dock's Retry / Dismiss buttons),
end to end against a real PostgreSQL/PostGIS started by tests/pg.py: a surveyor without write permission for county
B edits, inserts and deletes B rows, the platform refuses them, the county is granted, the retried changes reach
the server (read back with psycopg2); dismissed ones are never sent; an update is re-applied three-way over a row
that a pull changed meanwhile."""

from __future__ import annotations

import json
import uuid as _uuid

import psycopg2
import pytest
from qgis.core import QgsFeatureRequest
from qgis.PyQt.QtCore import Qt

from gw_plugin.core.data import qgis_project
from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import checkout as CO
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import rejected as SR
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.report import SyncError
from gw_plugin.gui.sync.platform_settings import PlatformSettings
from tests.core.sync.test_sync import A, B, add_well, delete, edit, local_rows, new_platform, pending, server_rows
from tests.gui.sync.test_sync_dock import (  # noqa: F401  (fixtures)
    make_panel,
    new_project_file,
    project,
    provider,
    qgis_edit,
    run_sync,
    wells_layer,
)
from tests.pg import pg_server  # noqa: F401  (session fixture)


def rejected_status(path: str) -> dict:
    """gw_rejected id -> (uuid, op, status) of every row, open or not."""
    con = SG.open_db(path)
    try:
        return {r[0]: r[1:] for r in con.execute("SELECT id, uuid, op, status FROM gw_rejected ORDER BY id")}
    finally:
        con.close()


def server_well(admin_ci: str, uuid: str):
    """(remarks, depth_m, well_code, x, y) of a well as PostGIS holds it, None if it is not there."""
    con = psycopg2.connect(admin_ci)
    try:
        cur = con.cursor()
        cur.execute(
            "SELECT remarks, depth_m, well_code, ST_X(geom), ST_Y(geom) FROM gw.monitoring_wells WHERE uuid = %s",
            (uuid,),
        )
        return cur.fetchone()
    finally:
        con.close()


@pytest.fixture
def surveyor(pg_server, tmp_path):  # noqa: F811
    """A platform with 3 wells of county A and 2 of county B (published by the admin's file ``src``) and the
    checkout of a surveyor who may write county A only (reading covers both)."""
    ci = new_platform(pg_server)
    src = str(tmp_path / "admin.gpkg")
    from gw_plugin.core.data import gpkg

    gpkg.create_database(src)
    a = [add_well(src, A, well_code=f"A{i}", depth_m=10.0 + i) for i in range(3)]
    b = [add_well(src, B, well_code=f"B{i}", depth_m=20.0 + i) for i in range(2)]
    assert SY.sync(src, ci).pushed == 5
    user = "rj_" + _uuid.uuid4().hex[:10]  # login roles are cluster-wide: one per test
    pg_server.create_login(user)
    P.grant_user(ci, user, write_counties=[A])
    user_ci = ci.replace("user=gwadmin", f"user={user}")
    mine = str(tmp_path / "surveyor.gpkg")
    CO.checkout(user_ci, [A, B], mine)
    return ci, user, user_ci, src, mine, a, b


def test_retry_after_the_county_is_granted_reaches_the_server(surveyor, validate):
    ci, user, user_ci, src, mine, a, b = surveyor
    edit(mine, "monitoring_wells", b[0], remarks="retry me", depth_m=77.0)
    delete(mine, "monitoring_wells", b[1])
    nb = add_well(mine, B, well_code="B-NEW", x=512345.5, y=3856789.25)
    rep = SY.sync(mine, user_ci)
    assert rep.rejected == 3 and rep.pushed == 0
    rejected = SR.open_rejected(mine)
    by_uuid = {r["uuid"]: r for r in rejected}
    assert {(u, r["op"]) for u, r in by_uuid.items()} == {(b[0], "U"), (b[1], "D"), (nb, "I")}
    assert all("no write permission for county " + B in r["reason"] for r in rejected)
    assert by_uuid[nb]["data"]["well_code"] == "B-NEW" and by_uuid[nb]["base"] is None
    assert by_uuid[b[1]]["data"] is None and by_uuid[b[1]]["base"]["well_code"] == "B1"
    assert by_uuid[b[0]]["data"]["remarks"] == "retry me" and by_uuid[b[0]]["base"]["remarks"] is None
    assert local_rows(mine) == server_rows(ci) and pending(mine) == []  # back to the last synced state

    # retrying before the grant only sends it to be refused again: the change is kept again, never lost
    SR.retry_rejected(mine, by_uuid[b[0]]["id"])
    rep = SY.sync(mine, user_ci)
    assert rep.rejected == 1 and rep.pushed == 0
    (again,) = [r for r in SR.open_rejected(mine) if r["uuid"] == b[0]]
    assert again["data"]["remarks"] == "retry me" and again["id"] != by_uuid[b[0]]["id"]
    assert rejected_status(mine)[by_uuid[b[0]]["id"]][2] == "retried"

    P.grant_user(ci, user, write_counties=[B])
    ids = [r["id"] for r in SR.open_rejected(mine)]
    for rid in ids:
        SR.retry_rejected(mine, rid)
    assert SR.open_rejected(mine) == []
    assert {rejected_status(mine)[rid][2] for rid in ids} == {"retried"}
    assert sorted((u, op) for _, u, op, _ in pending(mine)) == sorted([(b[0], "U"), (b[1], "D"), (nb, "I")])
    assert validate(mine) == []  # the re-inserted geometry is a valid GeoPackage blob, the R-tree follows
    rep = SY.sync(mine, user_ci)
    assert rep.pushed == 3 and rep.rejected == 0
    assert server_well(ci, b[0])[:3] == ("retry me", 77.0, "B0")
    assert server_well(ci, b[1]) is None
    assert server_well(ci, nb) == (None, 50.0, "B-NEW", 512345.5, 3856789.25)
    assert pending(mine) == [] and local_rows(mine) == server_rows(ci)
    # the admin's copy receives them like any other edit
    SY.sync(src, ci)
    assert local_rows(src) == server_rows(ci)

    # a retried change is no longer open: neither retried nor dismissed twice
    for action in (SR.retry_rejected, SR.dismiss_rejected):
        with pytest.raises(SyncError, match="not open"):
            action(mine, ids[0])
    with pytest.raises(SyncError, match="does not exist"):
        SR.retry_rejected(mine, 999999)


def test_dismissed_change_is_kept_as_a_record_and_never_sent(surveyor):
    ci, user, user_ci, src, mine, a, b = surveyor
    edit(mine, "monitoring_wells", b[0], remarks="give up")
    assert SY.sync(mine, user_ci).rejected == 1
    (r,) = SR.open_rejected(mine)
    SR.dismiss_rejected(mine, r["id"])
    assert SR.open_rejected(mine) == [] and pending(mine) == []
    assert rejected_status(mine)[r["id"]] == (b[0], "U", "dismissed")
    con = SG.open_db(mine)
    (data,) = con.execute("SELECT data FROM gw_rejected WHERE id = ?", (r["id"],)).fetchone()
    con.close()
    assert json.loads(data)["remarks"] == "give up"  # the record of what was given up stays in the file
    P.grant_user(ci, user, write_counties=[B])  # even with the permission now, nothing of it is pushed
    rep = SY.sync(mine, user_ci)
    assert rep.pushed == 0 and rep.rejected == 0
    assert server_well(ci, b[0])[0] is None and local_rows(mine) == server_rows(ci)
    with pytest.raises(SyncError, match="not open"):
        SR.retry_rejected(mine, r["id"])
    assert pending(mine) == [] and local_rows(mine)[b[0]]["remarks"] is None


def test_update_is_reapplied_three_way_over_a_pulled_change(surveyor):
    ci, user, user_ci, src, mine, a, b = surveyor
    edit(mine, "monitoring_wells", b[0], remarks="surveyor note")
    edit(mine, "monitoring_wells", a[2], county_code=B)  # moving a feature into a county not granted
    assert SY.sync(mine, user_ci).rejected == 2
    # meanwhile the office changes other fields of the same features; the surveyor pulls them
    edit(src, "monitoring_wells", b[0], depth_m=66.0, well_code="B0-office")
    edit(src, "monitoring_wells", a[2], remarks="office")
    assert SY.sync(src, ci).pushed == 2
    rep = SY.sync(mine, user_ci)
    assert rep.pulled == 2 and rep.conflicts == 0
    assert local_rows(mine)[b[0]]["depth_m"] == 66.0 and local_rows(mine)[b[0]]["remarks"] is None
    P.grant_user(ci, user, write_counties=[B])
    for r in SR.open_rejected(mine):
        assert r["data"]["depth_m"] != 66.0  # the kept version is older than what was pulled
        SR.retry_rejected(mine, r["id"])
    row = local_rows(mine)[b[0]]
    # only the refused field is written again; the pulled fields are kept, not reverted to the kept version
    assert (row["remarks"], row["depth_m"], row["well_code"]) == ("surveyor note", 66.0, "B0-office")
    assert (local_rows(mine)[a[2]]["county_code"], local_rows(mine)[a[2]]["remarks"]) == (B, "office")
    assert sorted(pending(mine)) == sorted([("monitoring_wells", b[0], "U", 0), ("monitoring_wells", a[2], "U", 0)])
    rep = SY.sync(mine, user_ci)
    assert rep.pushed == 2 and rep.rejected == 0 and rep.conflicts == 0
    assert server_well(ci, b[0])[:3] == ("surveyor note", 66.0, "B0-office")
    assert server_rows(ci)[a[2]]["county_code"] == B and server_rows(ci)[a[2]]["remarks"] == "office"
    assert pending(mine) == [] and local_rows(mine) == server_rows(ci)


def test_update_of_a_feature_deleted_since_is_refused_and_stays_open(surveyor):
    ci, user, user_ci, src, mine, a, b = surveyor
    edit(mine, "monitoring_wells", b[0], remarks="too late")
    assert SY.sync(mine, user_ci).rejected == 1
    delete(src, "monitoring_wells", b[0])
    SY.sync(src, ci)
    SY.sync(mine, user_ci)
    assert b[0] not in local_rows(mine)
    (r,) = SR.open_rejected(mine)
    with pytest.raises(SyncError, match="no longer exists"):
        SR.retry_rejected(mine, r["id"])
    assert SR.open_rejected(mine) == [r] and pending(mine) == []  # nothing written, still open
    SR.dismiss_rejected(mine, r["id"])
    assert SR.open_rejected(mine) == []


def test_insert_retried_over_a_row_of_the_same_uuid(surveyor):
    """A row of the refused insert's uuid exists again: the kept values are written over it, still an insert."""
    ci, user, user_ci, src, mine, a, b = surveyor
    nb = add_well(mine, B, well_code="B-KEPT", remarks="first")
    assert SY.sync(mine, user_ci).rejected == 1 and nb not in local_rows(mine)
    add_well(mine, B, uuid=nb, well_code="B-OTHER", remarks="second")
    (r,) = SR.open_rejected(mine)
    P.grant_user(ci, user, write_counties=[B])
    SR.retry_rejected(mine, r["id"])
    assert pending(mine) == [("monitoring_wells", nb, "I", 0)]
    assert (local_rows(mine)[nb]["well_code"], local_rows(mine)[nb]["remarks"]) == ("B-KEPT", "first")
    assert SY.sync(mine, user_ci).pushed == 1
    assert server_well(ci, nb)[:3] == ("first", 50.0, "B-KEPT")


def test_untracked_file_has_no_rejected_changes(tmp_path):
    from gw_plugin.core.data import gpkg

    path = str(tmp_path / "plain.gpkg")
    gpkg.create_database(path)
    assert SR.open_rejected(path) == []
    with pytest.raises(SyncError, match="no change tracking"):
        SR.dismiss_rejected(path, 1)


# ----------------------------------------------------------------------------------------------------------------
def layer_value(qgs_project, uuid: str, field: str):
    layer = wells_layer(qgs_project)
    (f,) = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"uuid\" = '{uuid}'")))
    return f[field]


def test_dock_retries_and_dismisses_selected_rows(pg_server, project, provider, tmp_path, make_panel, qtbot):  # noqa: F811
    ci = new_platform(pg_server)
    src = str(tmp_path / "project.gpkg")
    new_project_file(src)
    b = [add_well(src, B, well_code=f"B{i}") for i in range(3)]
    SY.sync(src, ci)
    user = "rj_dock_" + _uuid.uuid4().hex[:8]
    pg_server.create_login(user)
    P.grant_user(ci, user, write_counties=[A])
    user_ci = ci.replace("user=gwadmin", f"user={user}")
    mine = str(tmp_path / "laptop.gpkg")
    CO.checkout(user_ci, [A, B], mine)
    qgis_project.load_into_project(mine, project, "zh")
    PlatformSettings(user_ci).save(project)
    panel = make_panel(project)
    for i, u in enumerate(b):
        qgis_edit(project, u, remarks=f"note {i}")
    run_sync(panel, qtbot)
    assert panel.report()["rejected"] == "3" and len(panel.rejected_rows()) == 3
    ids = {r["uuid"]: r["id"] for r in SR.open_rejected(mine)}
    retry, dismiss = panel.retry_rejected_button, panel.dismiss_rejected_button
    assert retry.objectName() == "retry_rejected_button" and dismiss.objectName() == "dismiss_rejected_button"
    assert retry.toolTip() and dismiss.toolTip() and "&" in retry.text() and "&" in dismiss.text()
    assert not retry.isEnabled() and not dismiss.isEnabled()  # nothing selected

    # Dismiss asks first; saying no changes nothing
    panel.rejected_table.selectAll()
    assert retry.isEnabled() and dismiss.isEnabled()
    asked = []
    panel.ask_dismiss = lambda n: asked.append(n) or False
    qtbot.mouseClick(dismiss, Qt.MouseButton.LeftButton)
    assert asked == [3] and len(panel.rejected_rows()) == 3
    panel.ask_dismiss = lambda n: True
    panel.select_rejected([ids[b[0]]])
    assert panel.selected_rejected_ids() == [ids[b[0]]]
    qtbot.mouseClick(dismiss, Qt.MouseButton.LeftButton)
    assert len(panel.rejected_rows()) == 2 and rejected_status(mine)[ids[b[0]]][2] == "dismissed"
    assert not retry.isEnabled()  # the refreshed table has no selection

    # Retry of two selected rows, one of them dismissed meanwhile behind the dock's back: one is applied again,
    # the other is refused with the reason in the status line
    P.grant_user(ci, user, write_counties=[B])
    panel.select_rejected([ids[b[1]], ids[b[2]]])
    assert panel.selected_rejected_ids() == sorted([ids[b[1]], ids[b[2]]])  # table order = id order
    SR.dismiss_rejected(mine, ids[b[1]])
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert panel.rejected_rows() == []
    assert "not open" in panel.status.text() and "1" in panel.status.text()
    assert panel.pending_rows() == {"monitoring_wells": (0, 1, 0)}
    assert pending(mine) == [("monitoring_wells", b[2], "U", 0)]
    assert layer_value(project, b[2], "remarks") == "note 2"  # the layer shows the retried value

    run_sync(panel, qtbot)
    assert panel.report()["pushed"] == "1" and panel.report()["rejected"] == "0"
    assert [server_well(ci, u)[0] for u in b] == [None, None, "note 2"]
    assert panel.pending_rows() == {} and panel.rejected_rows() == []
