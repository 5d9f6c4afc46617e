"""The Sync dock, the conflict dialog, the check-out dialog and the platform settings, driven like a user would,
against a real PostgreSQL/PostGIS started by tests/pg.py and real GeoPackages edited through QGIS layers."""

from __future__ import annotations

import os
import socket

import pytest
from osgeo import ogr
from qgis.core import QgsApplication, QgsFeatureRequest, QgsProject, QgsSettings, QgsTask
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt

from gw_plugin.core.data import gpkg, qgis_project
from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import checkout as CO
from gw_plugin.core.sync import engine as SY
from gw_plugin.gui.common import docks
from gw_plugin.gui.sync.checkout_dialog import CheckoutDialog
from gw_plugin.gui.sync.dock_sync import SyncPanel
from gw_plugin.gui.sync.platform_settings import (
    PlatformSettings,
    PlatformSettingsDialog,
    SettingsError,
    platform_counties,
)
from gw_plugin.gui.sync.sync_state import sync_overview
from tests.core.sync.test_sync import A, B, add_well, edit, local_rows, new_platform, pending, server_rows
from tests.pg import pg_server  # noqa: F401  (session fixture)

SETTINGS_PREFIX = "gw_plugin/platform/"  # where the connection is stored: users' settings keep working

TIMEOUT = 120000


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


@pytest.fixture
def project(qgis_app):
    project = QgsProject.instance()
    project.clear()
    yield project
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


def county_blob(x0: float, y0: float, size: float = 1000.0, srs_id: int = 4547) -> bytes:
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ((x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)):
        ring.AddPoint_2D(x, y)
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    multi.AddGeometry(poly)
    return SG.wkb_to_gpkg(bytes(multi.ExportToWkb(ogr.wkbNDR)), srs_id)


def new_project_file(path: str, wells: int = 3) -> list:
    """A project GeoPackage (no change tracking yet) with two counties and ``wells`` wells of county A."""
    gpkg.create_database(path)
    con = SG.open_db(path)
    try:
        for i, (code, name) in enumerate(((A, "金水区"), (B, "二七区"))):
            con.execute(
                "INSERT INTO admin_units (uuid, county_code, code, name_zh, level, geom) VALUES (?, ?, ?, ?, ?, ?)",
                (f"00000000-0000-4000-8000-00000000000{i}", code, code, name, "county", county_blob(i * 2000.0, 0)),
            )
    finally:
        con.close()
    return [add_well(path, A, well_code=f"W{i}", depth_m=10.0 + i) for i in range(wells)]


def wells_layer(project):
    return qgis_project.project_layers(project)["monitoring_wells"]


def qgis_edit(project, uuid: str, **values) -> None:
    """Edit a well through its QGIS layer (the edit buffer, then commit), as a user in the attribute table."""
    layer = wells_layer(project)
    (feature,) = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"uuid\" = '{uuid}'")))
    assert layer.startEditing() or layer.isEditable()
    for name, value in values.items():
        assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf(name), value)
    assert layer.commitChanges(), layer.commitErrors()


def run_sync(panel, qtbot, direction="both", policy="manual"):
    panel.direction_combo.setCurrentIndex(panel.direction_combo.findData(direction))
    panel.policy_combo.setCurrentIndex(panel.policy_combo.findData(policy))
    with qtbot.waitSignal(panel.sync_finished, timeout=TIMEOUT) as blocker:
        task = panel.sync()
        assert task is not None
    ok, message = blocker.args
    assert ok, message
    return message


@pytest.fixture
def make_panel(qgis_iface, qtbot):
    panels = []

    def make(project):
        panel = SyncPanel(qgis_iface, None, project, lang="zh")
        qtbot.addWidget(panel)
        panel.show()
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.teardown()


@pytest.fixture
def laptop(pg_server, project, provider, tmp_path, make_panel):  # noqa: F811
    """A published platform, a second client (office) and a field laptop's checkout loaded into the project."""
    ci = new_platform(pg_server)
    src = str(tmp_path / "project.gpkg")
    wells = new_project_file(src)
    assert SY.sync(src, ci).pushed == 5  # 2 counties + 3 wells
    office = str(tmp_path / "office.gpkg")
    CO.checkout(ci, [A, B], office)
    mine = str(tmp_path / "laptop.gpkg")
    CO.checkout(ci, [A, B], mine)
    qgis_project.load_into_project(mine, project, "zh")
    PlatformSettings(ci).save(project)
    panel = make_panel(project)
    return ci, office, mine, wells, panel


# ----------------------------------------------------------------------------------------------------------------
def test_dock_is_registered():
    keys = {spec.key for spec in docks.registered_docks()}
    assert "sync" in keys


def test_install_tracking_pending_counts_and_sync(pg_server, project, provider, tmp_path, make_panel, qtbot):  # noqa: F811
    ci = new_platform(pg_server)
    path = str(tmp_path / "city.gpkg")
    wells = new_project_file(path)
    qgis_project.load_into_project(path, project, "zh")
    PlatformSettings(ci).save(project)
    panel = make_panel(project)
    assert panel.database() == os.path.abspath(path)
    assert panel.install_button.isVisibleTo(panel) and not panel.overview["tracked"]
    assert panel.install_tracking()
    assert not panel.install_button.isVisibleTo(panel)
    assert panel.pending_rows() == {"admin_units": (2, 0, 0), "monitoring_wells": (3, 0, 0)}
    assert panel.last_sync_label.text().startswith("never") or "never" in panel.last_sync_label.text()

    message = run_sync(panel, qtbot, policy="server")
    assert "pushed 5" in message
    assert panel.pending_rows() == {} and pending(path) == []
    assert panel.report()["pushed"] == "5" and panel.report()["rejected"] == "0"
    when = panel.overview["last_sync_at"]
    assert when and when.replace("T", " ") in panel.last_sync_label.text()
    assert f"revision {panel.overview['last_pulled_rev']}" in panel.last_sync_label.text()
    assert set(server_rows(ci)) == set(wells)

    # edits through QGIS (update, delete, insert) are counted per table, and sync empties them
    qgis_edit(project, wells[0], remarks="checked", depth_m=12.5)
    layer = wells_layer(project)
    (gone,) = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"uuid\" = '{wells[1]}'")))
    layer.startEditing()
    assert layer.deleteFeature(gone.id())
    assert layer.commitChanges(), layer.commitErrors()
    new = add_well(path, A, well_code="W-NEW")
    panel.refresh()
    assert panel.pending_rows() == {"monitoring_wells": (1, 1, 1)}
    assert "3" in panel.pending_total.text()
    run_sync(panel, qtbot, direction="push")
    assert panel.pending_rows() == {}
    assert panel.report()["pushed"] == "3" and panel.report()["pulled"] == "0"
    srv = server_rows(ci)
    assert srv[wells[0]]["depth_m"] == 12.5 and wells[1] not in srv and new in srv
    assert local_rows(path) == srv


def test_never_syncs_with_an_open_edit_buffer(laptop, qtbot):
    ci, office, mine, wells, panel = laptop
    layer = wells_layer(panel.project)
    (feature,) = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"uuid\" = '{wells[0]}'")))
    layer.startEditing()
    layer.changeAttributeValue(feature.id(), layer.fields().indexOf("remarks"), "unsaved")
    asked = []
    panel.ask_unsaved = lambda layers: asked.append([lyr.name() for lyr in layers]) or "cancel"
    assert panel.sync() is None
    assert asked == [[layer.name()]] and layer.isEditable() and layer.isModified()
    assert server_rows(ci)[wells[0]]["remarks"] is None
    panel.ask_unsaved = lambda layers: "discard"
    run_sync(panel, qtbot)
    assert not layer.isEditable() and server_rows(ci)[wells[0]]["remarks"] is None
    assert local_rows(mine)[wells[0]]["remarks"] is None
    layer.startEditing()
    layer.changeAttributeValue(feature.id(), layer.fields().indexOf("remarks"), "saved first")
    panel.ask_unsaved = lambda layers: "save"
    run_sync(panel, qtbot)
    assert not layer.isEditable()
    assert server_rows(ci)[wells[0]]["remarks"] == "saved first"
    assert panel.report()["pushed"] == "1"
    # the layers show what was pulled
    edit(office, "monitoring_wells", wells[1], remarks="from the office")
    SY.sync(office, ci)
    run_sync(panel, qtbot, direction="pull")
    assert panel.report()["pulled"] == "1"
    (f,) = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"uuid\" = '{wells[1]}'")))
    assert f["remarks"] == "from the office"


def test_unreachable_platform_is_reported_and_nothing_changes(laptop, qtbot, tmp_path):
    ci, office, mine, wells, panel = laptop
    qgis_edit(panel.project, wells[0], remarks="offline")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    PlatformSettings(f"host=127.0.0.1 port={port} dbname=gw connect_timeout=3").save(panel.project)
    with qtbot.waitSignal(panel.sync_finished, timeout=TIMEOUT) as blocker:
        assert panel.sync() is not None
    ok, message = blocker.args
    assert not ok and "connect" in message.lower() and panel.status.text() == message
    assert pending(mine) == [("monitoring_wells", wells[0], "U", 0)]
    assert panel.pending_rows() == {"monitoring_wells": (0, 1, 0)} and panel.sync_button.isEnabled()


def test_conflicts_listed_and_resolved_in_the_dialog(laptop, qtbot):
    ci, office, mine, wells, panel = laptop
    project = panel.project
    # the office changes depth of three wells; the laptop changes the same field of the same wells
    for i, u in enumerate(wells):
        edit(office, "monitoring_wells", u, depth_m=100.0 + i)
    SY.sync(office, ci)
    for i, u in enumerate(wells):
        qgis_edit(project, u, depth_m=200.0 + i)
    run_sync(panel, qtbot, policy="manual")
    assert panel.report()["conflicts"] == "3"
    assert panel.conflict_list.count() == 3 and "3" in panel.conflict_count.text()
    assert panel.change_tabs.currentIndex() == 1 and panel.change_tabs.tabText(1).endswith("(3)")  # shown at once
    assert panel.pending_rows() == {"monitoring_wells": (0, 3, 0)}  # held back, not lost
    # open conflicts stay across syncs, whatever the policy of the later sync
    run_sync(panel, qtbot, policy="server")
    assert panel.conflict_list.count() == 3

    # not while a layer has unsaved edits (saving them later would overwrite the resolution)
    layer = wells_layer(project)
    layer.startEditing()
    layer.changeAttributeValue(next(layer.getFeatures()).id(), layer.fields().indexOf("remarks"), "pending edit")
    panel.ask_unsaved = lambda layers: "cancel"
    assert panel.open_conflicts() is None and layer.isModified()
    panel.ask_unsaved = lambda layers: "discard"
    dialog = panel.open_conflicts()
    assert not layer.isEditable()
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3
    by_uuid = {c["uuid"]: c["id"] for c in dialog.conflicts}
    # keep mine
    assert dialog.select_conflict(by_uuid[wells[0]])
    rows = dialog.field_rows()
    assert list(rows)[0] == "depth_m"  # the conflicting field first
    assert rows["depth_m"][:3] == ("10.0", "200.0", "100.0")  # base, mine, theirs side by side
    assert rows["well_code"][:3] == ("W0", "W0", "W0")
    qtbot.mouseClick(dialog.mine_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 2 and by_uuid[wells[0]] not in [c["id"] for c in dialog.conflicts]
    # keep theirs
    assert dialog.select_conflict(by_uuid[wells[1]])
    assert dialog.resolve("theirs")
    # edit: a value of neither side
    assert dialog.select_conflict(by_uuid[wells[2]])
    assert not dialog.set_edited("well_code", "X")  # only the conflicting fields are editable
    assert dialog.set_edited("depth_m", "not a number")
    assert not dialog.resolve("edit") and dialog.list.count() == 1  # refused, stays open
    assert dialog.set_edited("depth_m", "7.5")
    assert dialog.resolve("edit")
    assert dialog.list.count() == 0 and not dialog.mine_button.isEnabled()
    assert panel.conflict_list.count() == 0  # the dock followed the dialog
    assert local_rows(mine)[wells[1]]["depth_m"] == 101.0  # theirs written locally at once
    dialog.close()

    run_sync(panel, qtbot, policy="manual")
    assert panel.report()["pushed"] == "2" and panel.report()["conflicts"] == "0"
    assert panel.pending_rows() == {} and panel.conflict_list.count() == 0
    srv = server_rows(ci)
    assert [srv[u]["depth_m"] for u in wells] == [200.0, 101.0, 7.5]
    assert local_rows(mine) == srv


def test_delete_versus_edit_conflict_shows_the_deleted_side(laptop, qtbot):
    ci, office, mine, wells, panel = laptop
    edit(office, "monitoring_wells", wells[0], remarks="office")
    SY.sync(office, ci)
    layer = wells_layer(panel.project)
    (feature,) = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"uuid\" = '{wells[0]}'")))
    layer.startEditing()
    layer.deleteFeature(feature.id())
    assert layer.commitChanges()
    run_sync(panel, qtbot, policy="manual")
    dialog = panel.open_conflicts()
    qtbot.addWidget(dialog)
    (c,) = dialog.conflicts
    assert c["kind"] == "delete_edit"
    rows = dialog.field_rows()
    assert rows["remarks"][1] == "(deleted)" and rows["remarks"][2] == "office"
    assert not dialog.edit_button.isEnabled()
    assert dialog.resolve("theirs")
    assert wells[0] in local_rows(mine)  # the office's edit came back
    dialog.close()


def test_rejected_change_is_listed(pg_server, project, provider, tmp_path, make_panel, qtbot):  # noqa: F811
    ci = new_platform(pg_server)
    src = str(tmp_path / "project.gpkg")
    new_project_file(src)
    b_well = add_well(src, B, well_code="B0")
    SY.sync(src, ci)
    from gw_plugin.core.sync import server_schema as P

    pg_server.create_login("dock_surveyor")
    P.grant_user(ci, "dock_surveyor", write_counties=[A])
    user_ci = ci.replace("user=gwadmin", "user=dock_surveyor")
    mine = str(tmp_path / "laptop.gpkg")
    CO.checkout(user_ci, [A, B], mine)
    qgis_project.load_into_project(mine, project, "zh")
    PlatformSettings(user_ci).save(project)
    panel = make_panel(project)
    qgis_edit(project, b_well, remarks="not my county")
    run_sync(panel, qtbot)
    assert panel.report()["rejected"] == "1" and panel.report()["pushed"] == "0"
    assert platform_counties(user_ci) == [(A, "金水区", True), (B, "二七区", False)]
    ((table, feature, change, reason),) = panel.rejected_rows()
    assert table == "监测井" and feature == "B0" and change == "update" and "permission" in reason
    assert server_rows(ci)[b_well]["remarks"] is None
    assert sync_overview(mine)["rejected"][0]["data"]["remarks"] == "not my county"  # kept in the file


def test_checkout_dialog_opens_the_new_file(pg_server, project, provider, tmp_path, qtbot):  # noqa: F811
    ci = new_platform(pg_server)
    src = str(tmp_path / "project.gpkg")
    wells = new_project_file(src)
    add_well(src, B, well_code="B0")
    SY.sync(src, ci)
    dialog = CheckoutDialog(ci, None, project, "zh")
    qtbot.addWidget(dialog)
    codes = [dialog.counties.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.counties.count())]
    assert codes == [A, B]
    assert "金水区" in dialog.counties.item(0).text()
    dialog.select_counties([A])
    out = str(tmp_path / "only_a.gpkg")
    dialog.output_edit.setText(out)
    with qtbot.waitSignal(dialog.checked_out, timeout=TIMEOUT) as blocker:
        assert dialog.run() is not None
    assert blocker.args == [out]
    assert set(local_rows(out)) == set(wells)  # county A only
    layers = qgis_project.project_layers(project, out)
    assert "monitoring_wells" in layers and layers["monitoring_wells"].featureCount() == 3


def test_settings_store_only_an_authcfg_id(pg_server, qgis_app, qtbot):  # noqa: F811
    from qgis.core import QgsAuthMethodConfig

    from gw_plugin.core.sync import server_schema as P

    am = QgsApplication.authManager()
    if not am.setMasterPassword("gw-test-master", True):
        pytest.skip(f"{QgsApplication.qgisAuthDatabaseFilePath()} has another master password")
    ci = new_platform(pg_server)
    dbname = dict(kv.split("=", 1) for kv in ci.split())["dbname"]
    pg_server.create_login("dock_auth_user")
    P.grant_user(ci, "dock_auth_user", write_counties=[A])
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("gw dock test")
    cfg.setConfig("username", "dock_auth_user")
    cfg.setConfig("password", "s3cret-pw")
    assert am.storeAuthenticationConfig(cfg)
    try:
        PlatformSettings.clear()
        dialog = PlatformSettingsDialog(None, None, PlatformSettings())
        qtbot.addWidget(dialog)
        # a password typed into the connection string is refused and nothing is stored
        dialog.conninfo_edit.setText(f"host=127.0.0.1 port={pg_server.port} dbname=postgres password=s3cret-pw")
        dialog.accept()
        assert dialog.result() == 0 and "password" in dialog.message.text()
        assert not QgsSettings().value(SETTINGS_PREFIX + "conninfo", "")
        with pytest.raises(SettingsError):
            PlatformSettings(f"postgresql://u:s3cret-pw@127.0.0.1:{pg_server.port}/postgres").save()

        dialog.conninfo_edit.setText(f"postgresql://127.0.0.1:{pg_server.port}/{dbname}")
        dialog.ssl_combo.setCurrentIndex(dialog.ssl_combo.findData("disable"))
        dialog.auth_select.setConfigId(cfg.id())
        assert dialog.test_connection(), dialog.message.text()
        assert "EPSG:4547" in dialog.message.text()
        dialog.accept()
        s = QgsSettings()
        stored = {k: s.value(SETTINGS_PREFIX + k) for k in ("conninfo", "sslmode", "authcfg")}
        assert stored == {
            "conninfo": f"postgresql://127.0.0.1:{pg_server.port}/{dbname}",
            "sslmode": "disable",
            "authcfg": cfg.id(),
        }
        s.beginGroup(SETTINGS_PREFIX.rstrip("/"))
        values = [str(s.value(k)) for k in s.allKeys()]
        s.endGroup()
        assert not any("s3cret" in v or "dock_auth_user" in v for v in values)

        loaded = PlatformSettings.load()
        conn = loaded.connection_string()
        assert f"authcfg={cfg.id()}" in conn and "sslmode=disable" in conn and "s3cret" not in conn
        con = P.connect(conn)  # the credentials come from the QGIS authentication database
        cur = con.cursor()
        cur.execute("SELECT current_user, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())")
        assert cur.fetchone() == ("dock_auth_user", False)
        con.close()
        # the TLS mode reaches libpq: the test server has a self-signed certificate (scripts/localpg.py), so
        # "require" encrypts and "verify-full" without its CA (sslrootcert) is refused
        if pg_server.ca_file:
            con = P.connect(PlatformSettings(loaded.conninfo, "require", cfg.id()).connection_string())
            cur = con.cursor()
            cur.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            assert cur.fetchone()[0] is True
            con.close()
        with pytest.raises(P.PlatformError):
            mode = "verify-full" if pg_server.ca_file else "require"
            P.connect(PlatformSettings(loaded.conninfo, mode, cfg.id()).connection_string())
    finally:
        PlatformSettings.clear()
        am.removeAuthenticationConfig(cfg.id())


def test_project_settings_take_precedence(qgis_app, project):
    PlatformSettings("service=city").save()
    try:
        PlatformSettings("host=db.example dbname=gw", "verify-full", "abc1234").save(project)
        assert PlatformSettings.load(project).connection_string() == (
            "host=db.example dbname=gw sslmode=verify-full authcfg=abc1234"
        )
        assert PlatformSettings.load(None).connection_string() == "service=city"
        project.clear()
        assert PlatformSettings.load(project).conninfo == "service=city"
    finally:
        PlatformSettings.clear()


def test_cancel_loses_nothing(laptop, qtbot):
    ci, office, mine, wells, panel = laptop
    qgis_edit(panel.project, wells[0], remarks="before cancel")
    with qtbot.waitSignal(panel.sync_finished, timeout=TIMEOUT) as blocker:
        assert panel.sync() is not None
        assert panel.cancel_button.isEnabled() and not panel.sync_button.isEnabled()
        panel.cancel()
    ok, message = blocker.args
    assert not ok and "canceled" in message.lower()
    assert panel.task is None and panel.sync_button.isEnabled() and not panel.cancel_button.isEnabled()
    run_sync(panel, qtbot)  # the next sync converges whatever the canceled one had done
    assert pending(mine) == [] and local_rows(mine) == server_rows(ci)
    assert server_rows(ci)[wells[0]]["remarks"] == "before cancel"


def test_dock_opens_through_the_manager(laptop, qgis_iface):
    from qgis.PyQt.QtWidgets import QMenu, QToolBar

    menu, toolbar = QMenu(), QToolBar()
    manager = docks.DockManager(qgis_iface, menu, toolbar)
    manager.setup()
    try:
        dock = manager.show("sync")
        assert dock is not None and isinstance(dock.widget(), SyncPanel)
        assert dock.widget().database() == laptop[2]
        assert manager.action("sync").isChecked()
    finally:
        manager.teardown()
        QgsSettings().remove("gw_plugin/docks/sync/open")


def visible_mnemonics(widget) -> list:
    """The keyboard mnemonics (&x) of the visible labels, buttons and check boxes inside ``widget``."""
    import re

    from qgis.PyQt.QtWidgets import QAbstractButton, QLabel

    keys = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        m = re.search(r"&([^&\s])", child.text())
        if m and child.isVisible():
            keys.append(m.group(1).lower())
    return keys


def test_keyboard_mnemonics_unique(laptop, qtbot):
    ci, office, mine, wells, panel = laptop
    edit(office, "monitoring_wells", wells[0], depth_m=1.0)
    SY.sync(office, ci)
    qgis_edit(panel.project, wells[0], depth_m=2.0)
    run_sync(panel, qtbot)
    keys = visible_mnemonics(panel)  # before the dialogs (children of the panel) open
    assert len(keys) >= 8 and len(keys) == len(set(keys)), sorted(keys)
    conflicts = panel.open_conflicts()
    checkout = panel.open_checkout()
    settings = panel.edit_settings()
    for widget, least in ((conflicts, 5), (checkout, 5), (settings, 4)):
        qtbot.addWidget(widget)
        widget.show()
        keys = visible_mnemonics(widget)
        assert len(keys) >= least and len(keys) == len(set(keys)), (type(widget).__name__, sorted(keys))
    assert settings.project_check.isChecked()  # the laptop's connection is stored in its project
    for widget in (conflicts, checkout, settings):
        widget.close()


def test_screenshot_for_review(laptop, qtbot, tmp_path):
    """Not a check: writes the dock and the conflict dialog as PNGs when GW_SHOTS names a folder."""
    folder = os.environ.get("GW_SHOTS")
    if not folder:
        pytest.skip("set GW_SHOTS to a folder to write screenshots")
    ci, office, mine, wells, panel = laptop
    edit(office, "monitoring_wells", wells[0], depth_m=1.0)
    SY.sync(office, ci)
    qgis_edit(panel.project, wells[0], depth_m=2.0)
    qgis_edit(panel.project, wells[1], remarks="x")
    run_sync(panel, qtbot)
    qgis_edit(panel.project, wells[2], remarks="y")
    panel.refresh()
    panel.resize(420, 1100)
    panel.grab().save(os.path.join(folder, "sync_dock.png"))
    dialog = panel.open_conflicts()
    qtbot.addWidget(dialog)
    dialog.grab().save(os.path.join(folder, "conflict_dialog.png"))


def test_closing_the_dock_during_a_sync(laptop, qtbot):
    from gw_plugin.toolbelt.qt import orphaned_tasks

    ci, office, mine, wells, panel = laptop
    qgis_edit(panel.project, wells[0], remarks="closing")
    task = panel.sync()
    assert task is not None
    status = panel.status.text()
    panel.teardown()  # kept alive by toolbelt.qt.keep_until_finished until the task manager is done with it
    qtbot.waitUntil(lambda: task not in orphaned_tasks(), timeout=TIMEOUT)
    # the task manager may already have deleted the finished task (then it is done, too)
    qtbot.waitUntil(
        lambda: sip.isdeleted(task) or task.status() in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated)
    )
    assert panel.status.text() == status and panel.task is None  # the closed dock was not updated
    SY.sync(mine, ci)  # whatever the canceled sync did, the next one converges
    assert pending(mine) == [] and local_rows(mine) == server_rows(ci)
    assert server_rows(ci)[wells[0]]["remarks"] == "closing"
