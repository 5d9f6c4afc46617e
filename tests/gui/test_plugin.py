"""The plugin shell in QGIS (pytest-qgis's iface): classFactory → initGui → unload leaves nothing behind, reloading
works, translations follow the QGIS locale, the Open/create dialog and action work on real GeoPackages, the
Processing task reports progress and results, and `make package` produces a ZIP QGIS can install and import."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsApplication, QgsExpression, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QCheckBox, QDialogButtonBox, QDockWidget, QMenu, QToolBar

import gw_plugin
from gw_plugin.core.data import gpkg
from gw_plugin.core.data import schema as S

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_ID = "gwplugin"


def build_qm() -> None:
    subprocess.run(["bash", str(ROOT / "scripts" / "build_i18n.sh")], check=True)


def flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def plugin_objects(main_window) -> list:
    """Every object the plugin may have left in the main window (matched by the objectName prefix)."""
    found = []
    for cls in (QAction, QToolBar, QDockWidget, QMenu):
        found += [w for w in main_window.findChildren(cls) if w.objectName().startswith("gw_plugin")]
    return found


def function_names() -> set:
    return {f.name() for f in QgsExpression.Functions()}


@pytest.fixture(scope="module", autouse=True)
def qm_files():
    build_qm()


@pytest.fixture(scope="module", autouse=True)
def main_window_shown(qgis_iface):
    """Like in QGIS, the main window is on screen (offscreen platform), so docks really open and close."""
    qgis_iface.mainWindow().show()
    yield
    qgis_iface.mainWindow().hide()


@pytest.fixture
def locale():
    """Set QGIS's locale setting for one test and restore it afterwards."""
    settings = QgsSettings()
    old = settings.value("locale/userLocale", None)

    def set_locale(value: str) -> None:
        settings.setValue("locale/userLocale", value)

    yield set_locale
    if old is None:
        settings.remove("locale/userLocale")
    else:
        settings.setValue("locale/userLocale", old)


@pytest.fixture
def clean_provider(qgis_processing):
    """The provider must be absent before the plugin loads (another test module may have registered it)."""
    registry = QgsApplication.processingRegistry()
    had = registry.providerById(PROVIDER_ID) is not None
    if had:
        registry.removeProvider(PROVIDER_ID)
    yield
    if had and registry.providerById(PROVIDER_ID) is None:
        from gw_plugin.processing.provider import register_provider

        register_provider()


@pytest.fixture
def plugin(qgis_iface, clean_provider, locale):
    locale("en_US")
    instance = gw_plugin.classFactory(qgis_iface)
    instance.initGui()
    yield instance
    if instance.menu is not None:
        instance.unload()
    flush_deletes()


@pytest.fixture
def project():
    QgsProject.instance().clear()
    yield QgsProject.instance()
    QgsProject.instance().clear()


# ---------------------------------------------------------------------------------------------------------------
# load / unload


def test_initgui_unload_leaves_nothing_behind_and_reloads(qgis_iface, clean_provider, locale):
    locale("zh_CN")
    main_window = qgis_iface.mainWindow()
    menubar = main_window.menuBar()
    menus_before = len(menubar.actions())
    functions_before = function_names()
    english = "Groundwater pilot zone"
    assert QCoreApplication.translate("GwPlugin", english) == english
    assert QgsApplication.processingRegistry().providerById(PROVIDER_ID) is None
    flush_deletes()
    assert plugin_objects(main_window) == []

    for _ in range(2):  # loading twice (reload) works the same
        instance = gw_plugin.classFactory(qgis_iface)
        instance.initGui()
        assert len(menubar.actions()) == menus_before + 1
        menu = instance.menu
        assert menubar.actions()[-1].menu() is menu and menu.title() == "地下水试验区"
        toolbar = main_window.findChild(QToolBar, "gw_plugin_toolbar")
        assert toolbar is not None and len(toolbar.actions()) >= 3
        assert {a.objectName() for a in menu.actions()} >= {
            "gw_plugin_open_database",
            "gw_plugin_build_demo",
            "gw_plugin_about",
            "gw_plugin_show_project",
        }
        dock = instance.docks.show("project")
        assert dock is not None and dock.isVisible() and dock.objectName() == "gw_plugin_dock_project"
        assert instance.docks.action("project").isChecked()
        provider = QgsApplication.processingRegistry().providerById(PROVIDER_ID)
        assert provider is not None and provider.algorithms()
        assert QCoreApplication.translate("GwPlugin", english) == "地下水试验区"
        if importlib.util.find_spec("gw_plugin.core.wells.expressions") is not None:
            assert function_names() > functions_before

        instance.unload()
        flush_deletes()
        assert plugin_objects(main_window) == []
        assert len(menubar.actions()) == menus_before
        assert QgsApplication.processingRegistry().providerById(PROVIDER_ID) is None
        assert QCoreApplication.translate("GwPlugin", english) == english  # translator removed
        assert function_names() == functions_before


def test_open_panels_are_remembered(qgis_iface, clean_provider, locale):
    locale("en_US")
    settings = QgsSettings()
    try:
        instance = gw_plugin.classFactory(qgis_iface)
        instance.initGui()
        instance.docks.show("project")
        instance.unload()
        flush_deletes()
        assert settings.value("gw_plugin/docks/project/open", False, type=bool)
        instance = gw_plugin.classFactory(qgis_iface)
        instance.initGui()
        assert instance.docks.dock("project") is not None  # reopened at start
        instance.docks.action("project").trigger()  # the user closes it
        assert not instance.docks.dock("project").isVisible()
        instance.unload()
        flush_deletes()
        assert not settings.value("gw_plugin/docks/project/open", True, type=bool)
    finally:
        settings.remove("gw_plugin/docks/project/open")


def test_dock_registry_gives_each_panel_an_action_and_a_lazy_dock(qgis_iface, clean_provider, locale):
    from qgis.PyQt.QtWidgets import QLabel

    from gw_plugin.gui.common.docks import DockSpec, register_dock, registered_docks, unregister_dock

    locale("en_US")
    built = []

    def factory(iface, parent):
        built.append(iface)
        return QLabel("test panel", parent)

    def broken(iface, parent):
        raise RuntimeError("panel failed to build")

    register_dock(DockSpec(key="zz_test", title=lambda: "Test panel", factory=factory, order=999))
    register_dock(
        DockSpec(key="zz_broken", title=lambda: "Broken panel", factory=broken, order=998, icon="/noSuchIcon.svg")
    )
    with pytest.raises(ValueError):
        register_dock(DockSpec(key="bad key!", title=lambda: "x", factory=factory))
    try:
        keys = [spec.key for spec in registered_docks()]
        assert keys[0] == "project" and keys[-2:] == ["zz_broken", "zz_test"]
        instance = gw_plugin.classFactory(qgis_iface)
        instance.initGui()
        action = instance.docks.action("zz_test")
        assert action in instance.menu.actions() and action in instance.toolbar.actions()
        assert built == [] and instance.docks.dock("zz_test") is None  # built only when first opened
        action.trigger()
        dock = instance.docks.dock("zz_test")
        assert built == [qgis_iface] and dock.isVisible() and dock.widget().text() == "test panel"
        dock.close()  # the dock's own close button unchecks the action
        assert not action.isChecked() and not dock.isVisible()
        action.trigger()
        assert dock.isVisible() and len(built) == 1  # the same dock again, not a new one

        assert not instance.docks.action("zz_broken").icon().pixmap(16, 16).isNull()  # fallback icon
        qgis_iface.messageBar().clear_messages()
        instance.docks.action("zz_broken").trigger()
        assert not instance.docks.action("zz_broken").isChecked() and instance.docks.dock("zz_broken") is None
        assert "panel failed to build" in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical)[-1]
        assert not QgsSettings().value("gw_plugin/docks/zz_broken/open", True, type=bool)
        instance.unload()
        flush_deletes()
        assert plugin_objects(qgis_iface.mainWindow()) == []
    finally:
        unregister_dock("zz_test")
        unregister_dock("zz_broken")
        QgsSettings().remove("gw_plugin/docks")


def test_provider_registered_by_someone_else_is_left_alone(qgis_iface, clean_provider, locale):
    from gw_plugin.processing.provider import register_provider

    locale("en_US")
    register_provider()
    instance = gw_plugin.classFactory(qgis_iface)
    instance.initGui()
    instance.unload()
    flush_deletes()
    assert QgsApplication.processingRegistry().providerById(PROVIDER_ID) is not None
    QgsApplication.processingRegistry().removeProvider(PROVIDER_ID)


# ---------------------------------------------------------------------------------------------------------------
# translations


@pytest.mark.parametrize(
    "code, expected",
    [
        ("zh_CN", "地下水试验区"),
        ("zh-Hans", "地下水试验区"),  # QGIS 3.22 names Simplified Chinese so (qgis/QGIS #65042)
        ("zh_Hans_CN", "地下水试验区"),
        ("zh", "地下水试验区"),
        ("en_US", "Groundwater pilot zone"),
        ("de", "Groundwater pilot zone"),
        ("zh-Hant", "Groundwater pilot zone"),  # no Traditional Chinese translation: English, not Simplified
    ],
)
def test_translation_follows_qgis_locale(qgis_iface, clean_provider, locale, code, expected):
    locale(code)
    instance = gw_plugin.classFactory(qgis_iface)
    instance.initGui()
    try:
        assert instance.menu.title() == expected
        assert instance.action_open.text() == (
            "打开 / 新建项目数据库…" if expected != "Groundwater pilot zone" else "Open / create project database…"
        )
    finally:
        instance.unload()
        flush_deletes()


def test_translation_file_lookup(tmp_path):
    from gw_plugin.toolbelt.i18n import translation_candidates, translation_file

    assert translation_candidates("zh-Hans")[:2] == ["zh_Hans", "zh_CN"]
    assert translation_file("zh-Hans").name == "gw_plugin_zh_CN.qm"
    assert translation_file("zh_CN").name == "gw_plugin_zh_CN.qm"
    assert translation_file("zh").name == "gw_plugin_zh_CN.qm"
    assert translation_file("en_GB") is None
    (tmp_path / "gw_plugin_zh-Hans.qm").write_bytes(b"")
    assert translation_file("zh-Hans", tmp_path).name == "gw_plugin_zh-Hans.qm"
    assert translation_file("", tmp_path) is None


def test_locale_falls_back_to_qlocale(locale):
    from qgis.PyQt.QtCore import QLocale

    from gw_plugin.toolbelt.i18n import qgis_locale

    locale("")
    assert qgis_locale() == QLocale().name()
    locale("zh-Hans")
    assert qgis_locale() == "zh-Hans"
    app = QgsApplication.instance()
    before = app.translation()
    app.setTranslation("zh_CN")  # what `qgis --lang zh_CN` sets, whatever the settings say
    try:
        assert qgis_locale() == "zh_CN"
    finally:
        app.setTranslation(before)
    assert qgis_locale() == "zh-Hans"


# ---------------------------------------------------------------------------------------------------------------
# Open / create project database


def test_open_database_loads_layers_and_project_dock_counts(plugin, project, qgis_iface, tmp_path):
    path = tmp_path / "city.gpkg"
    gpkg.create_database(str(path))
    from osgeo import ogr

    ds = ogr.Open(str(path), 1)
    layer = ds.GetLayerByName("monitoring_wells")
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("county_code", "410102")
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (38500000 3850000)"))
    layer.CreateFeature(feature)
    ds = None
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    group = plugin.open_database(str(path))
    assert group is not None
    assert {n.layer().customProperty("gw_plugin/table") for n in group.findLayers()} == {t.name for t in S.TABLES}
    assert all(n.layer().isValid() for n in group.findLayers())
    assert any("city.gpkg" in m for m in bar.get_messages(Qgis.MessageLevel.Success))
    assert project.crs().authid() == "EPSG:4547"

    dock = plugin.docks.show("project")
    panel = dock.widget()
    panel.refresh()
    assert panel.open_button.isHidden()  # offered only while no database is loaded
    assert panel.path_label.text() == str(path)
    assert panel.version_label.text() == str(S.SCHEMA_VERSION)
    assert panel.crs_label.text().startswith("EPSG:4547")
    counts = panel.row_counts()
    assert counts["monitoring_wells"] == "1" and counts["samples"] == "0"
    assert set(counts) == {t.name for t in S.TABLES}

    # the same file again: not loaded twice
    again = plugin.open_database(str(path))
    assert again is group
    assert len(project.mapLayers()) == len(S.TABLES)
    assert any("already loaded" in m for m in bar.get_messages(Qgis.MessageLevel.Info))


def test_open_action_through_the_dialog(plugin, project, qgis_iface, qtbot, tmp_path, validate):
    """Trigger the toolbar action, fill the modal dialog like a user (keyboard), press Enter."""
    from qgis.PyQt.QtCore import Qt, QTimer
    from qgis.PyQt.QtWidgets import QApplication

    from gw_plugin.gui.project.database_dialog import DatabaseDialog

    path = tmp_path / "typed.gpkg"
    seen = []

    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DatabaseDialog):
            QTimer.singleShot(50, fill)
            return
        seen.append(dialog.windowTitle())
        QTimer.singleShot(10000, dialog.reject)  # never hang the suite if the dialog stays open
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=5000)
        dialog.createRadio.setFocus()
        qtbot.keyClick(dialog.createRadio, Qt.Key.Key_Space)
        seen.append(dialog.create_new())
        qtbot.keyClicks(dialog.pathEdit, str(path))
        qtbot.keyClick(dialog.pathEdit, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    plugin.action_open.trigger()
    assert seen == ["Open / create project database", True]
    assert path.exists() and validate(path) == []
    assert len(project.mapLayers()) == len(S.TABLES)
    assert QgsSettings().value("gw_plugin/last_database_dir", "", type=str) == str(tmp_path)


def test_about_dialog_opens(plugin, qtbot):
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication, QMessageBox

    texts = []

    def close():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, close)
            return
        texts.append(box.text())
        box.accept()

    QTimer.singleShot(0, close)
    plugin.action_about.trigger()
    assert texts and "GB/T 14848-2017" in texts[0]


def test_project_panel_without_database_offers_the_open_action(plugin, project, qgis_iface):
    triggered = []
    plugin.action_open.triggered.disconnect()  # the real slot would open the modal dialog
    plugin.action_open.triggered.connect(lambda: triggered.append(True))
    panel = plugin.docks.show("project").widget()
    panel.refresh()
    assert "No project database is loaded" in panel.status.text() and not panel.open_button.isHidden()
    assert panel.table.rowCount() == 0
    panel.open_button.click()
    assert triggered == [True]


def test_create_database_through_the_action(plugin, project, qgis_iface, tmp_path, validate):
    path = tmp_path / "new_city.gpkg"
    group = plugin.open_database(str(path), create=True, crs="EPSG:4546")
    assert group is not None and path.exists()
    assert validate(path) == []
    assert gpkg.read_meta(str(path))["crs"] == "EPSG:4546"
    assert project.crs().authid() == "EPSG:4546"


def test_newer_schema_is_refused_with_a_message(plugin, project, qgis_iface, tmp_path):
    path = tmp_path / "future.gpkg"
    gpkg.create_database(str(path))
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE gw_meta SET value = ? WHERE key = 'schema_version'", (str(S.SCHEMA_VERSION + 1),))
    con.close()
    before = path.read_bytes()
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    assert plugin.open_database(str(path)) is None
    critical = bar.get_messages(Qgis.MessageLevel.Critical)
    assert critical and "newer" in critical[-1] and "future.gpkg" in critical[-1]
    assert f"version {S.SCHEMA_VERSION + 1}" in critical[-1] and "not changed" in critical[-1]
    assert path.read_bytes() == before and not project.mapLayers()


def test_messages_follow_the_locale(qgis_iface, clean_provider, locale, project, tmp_path):
    path = tmp_path / "future.gpkg"
    gpkg.create_database(str(path))
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE gw_meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    locale("zh-Hans")
    instance = gw_plugin.classFactory(qgis_iface)
    instance.initGui()
    try:
        bar = qgis_iface.messageBar()
        bar.clear_messages()
        assert instance.open_database(str(path)) is None
        assert bar.get_messages(Qgis.MessageLevel.Critical)[-1] == (
            f"无法打开项目数据库:future.gpkg 使用数据结构版本 99，比本插件的版本 {S.SCHEMA_VERSION} 更新。"
            "请升级 gw_plugin 后再打开；文件未作任何改动。"
        )
    finally:
        instance.unload()
        flush_deletes()


def test_older_schema_is_upgraded_and_the_backup_named(plugin, project, qgis_iface, tmp_path):
    path = tmp_path / "old.gpkg"
    gpkg.create_database(str(path), version=S.SCHEMA_VERSION - 1)
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    assert plugin.open_database(str(path)) is not None
    warning = bar.get_messages(Qgis.MessageLevel.Warning)[-1]
    backups = list(tmp_path.glob("old.v*-backup-*.gpkg"))
    assert len(backups) == 1 and str(backups[0]) in warning
    assert gpkg.schema_version_of(str(path)) == S.SCHEMA_VERSION
    assert gpkg.schema_version_of(str(backups[0])) == S.SCHEMA_VERSION - 1


def test_not_a_project_database(plugin, project, qgis_iface, tmp_path):
    path = tmp_path / "other.gpkg"
    from osgeo import gdal

    gdal.GetDriverByName("GPKG").Create(str(path), 0, 0, 0, gdal.GDT_Unknown)
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    assert plugin.open_database(str(path)) is None
    assert "not a gw_plugin project database" in bar.get_messages(Qgis.MessageLevel.Critical)[-1]


# ---------------------------------------------------------------------------------------------------------------
# the dialog


def test_check_choice(tmp_path):
    from gw_plugin.gui.project.database_dialog import ERROR, INFO, OK, check_choice

    existing = tmp_path / "a.gpkg"
    gpkg.create_database(str(existing))
    old = tmp_path / "old.gpkg"
    gpkg.create_database(str(old), version=S.SCHEMA_VERSION - 1)
    (tmp_path / "notes.txt").write_text("x")

    assert check_choice(False, str(existing))[0] == OK
    assert check_choice(False, str(old))[0] == INFO
    level, message, _ = check_choice(False, str(tmp_path / "missing.gpkg"))
    assert level == ERROR and "does not exist" in message
    assert check_choice(False, str(tmp_path / "notes.txt"))[0] == ERROR
    assert check_choice(False, str(tmp_path))[0] == ERROR
    assert check_choice(False, "  ")[0] == ERROR

    level, message, path = check_choice(True, str(tmp_path / "new"), "EPSG:4547")
    assert level == OK and path == str(tmp_path / "new.gpkg")
    level, message, _ = check_choice(True, str(existing), "EPSG:4547")
    assert level == ERROR and "exists already" in message
    assert check_choice(True, str(tmp_path / "x.gpkg"), "EPSG:4326")[0] == ERROR
    assert check_choice(True, str(tmp_path / "nofolder" / "x.gpkg"), "EPSG:4547")[0] == ERROR


def test_dialog_keyboard_and_validation(qtbot, tmp_path, locale):
    from qgis.PyQt.QtCore import Qt

    from gw_plugin.gui.project.database_dialog import DatabaseDialog

    dialog = DatabaseDialog(None, start_dir=str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    # CRS: only the 42 CGCS2000 3-degree GK zones, EPSG:4547 by default
    codes = [dialog.crsCombo.itemData(i) for i in range(dialog.crsCombo.count())]
    assert len(codes) == 42 and all(gpkg.crs_is_allowed(c) for c in codes)
    assert dialog.crs() == "EPSG:4547"
    assert "CGCS2000" in dialog.crsCombo.currentText()
    assert not ok.isEnabled() and not dialog.crsCombo.isEnabled()
    # keyboard: labels are buddies of their fields; tab order follows the form
    assert dialog.pathLabel.buddy() is dialog.pathEdit and dialog.crsLabel.buddy() is dialog.crsCombo
    mnemonics = [w.shortcut().toString() for w in (dialog.openRadio, dialog.createRadio, dialog.browseButton)]
    assert mnemonics == ["Alt+O", "Alt+N", "Alt+B"]

    qtbot.keyClicks(dialog.pathEdit, str(tmp_path / "missing.gpkg"))
    assert not ok.isEnabled() and "does not exist" in dialog.message()
    dialog.createRadio.setChecked(True)
    assert ok.isEnabled() and dialog.crsCombo.isEnabled()
    assert dialog.set_crs("EPSG:4546") and dialog.crs() == "EPSG:4546"
    qtbot.keyClick(dialog.pathEdit, Qt.Key.Key_Return)
    assert dialog.result() == DatabaseDialog.DialogCode.Accepted
    assert dialog.path() == str(tmp_path / "missing.gpkg") and dialog.create_new()


def test_ui_files_have_no_connections():
    forms = list((ROOT / "forms").glob("*.ui"))
    assert forms
    for form in forms:
        assert "<connections>" not in form.read_text(encoding="utf-8"), form


def test_about_text_has_the_version(plugin):
    from gw_plugin.toolbelt.paths import plugin_version

    assert f"gw_plugin {plugin_version()}" in plugin.about_text()


# ---------------------------------------------------------------------------------------------------------------
# Processing in a task


def test_processing_task_runs_and_reports(plugin, qtbot, qgis_iface, tmp_path, validate):
    out = tmp_path / "task.gpkg"
    results = []
    task = plugin.start_processing_task(
        "gwplugin:createdatabase", {"OUTPUT": str(out)}, "create", lambda *a: results.append(a)
    )
    assert task in plugin.tasks
    progress = []
    task.progressChanged.connect(progress.append)
    qtbot.waitUntil(lambda: bool(results), timeout=60000)
    ok, res, error = results[0]
    assert ok and res["OUTPUT"] == str(out) and error == ""
    assert validate(out) == [] and plugin.tasks == []

    # an algorithm that must not run in a thread (FlagNoThreading) runs at once in the main thread
    results.clear()
    task = plugin.start_processing_task(
        "native:createspatialindex",
        {"INPUT": f"{out}|layername=monitoring_wells"},
        "index",
        lambda *a: results.append(a),
    )
    assert task.runs_in_main_thread() and results and results[0][0] is True and plugin.tasks == []

    # failure: the error reaches the callback, not an exception in a thread
    results.clear()
    plugin.start_processing_task("gwplugin:createdatabase", {"OUTPUT": str(out)}, "again", lambda *a: results.append(a))
    qtbot.waitUntil(lambda: bool(results), timeout=60000)
    ok, res, error = results[0]
    assert not ok and "exists already" in error


def test_processing_task_cancel(qgis_processing, qtbot, tmp_path):
    from gw_plugin.gui.common.tasks import ProcessingTask
    from gw_plugin.processing.provider import register_provider

    register_provider()
    task = ProcessingTask("x", "gwplugin:createdatabase", {"OUTPUT": str(tmp_path / "c.gpkg")})
    done = []
    task.completed.connect(lambda *a: done.append(a))
    task.cancel()  # the Cancel button: the feedback is canceled too, so a running algorithm stops
    assert task.feedback.isCanceled()
    task.finished(task.run())
    assert done == [(False, {}, "")] and not (tmp_path / "c.gpkg").exists()

    missing = ProcessingTask("y", "gwplugin:nosuchalgorithm", {})
    assert missing.run() is False and "not available" in missing.error


def test_unload_while_a_task_runs(qgis_iface, clean_provider, locale, qtbot, tmp_path):
    from gw_plugin.toolbelt.qt import orphaned_tasks

    locale("en_US")
    instance = gw_plugin.classFactory(qgis_iface)
    instance.initGui()
    called = []
    instance.start_processing_task(
        "gwplugin:builddemo",
        {"OUTPUT_FOLDER": str(tmp_path / "demo"), "SEED": 42, "CRS": "EPSG:4547"},
        "demo",
        lambda *a: called.append(a),
    )
    instance.unload()
    flush_deletes()
    assert plugin_objects(qgis_iface.mainWindow()) == []
    qtbot.waitUntil(lambda: not orphaned_tasks(), timeout=120000)
    assert called == []  # nothing reaches an unloaded plugin
    assert not (tmp_path / "demo" / "demo_city.qgz").exists()  # canceled


def test_build_demo_task_then_open_the_demo_project(plugin, project, qtbot, qgis_iface, tmp_path):
    """The "Build demo city" action's task: progress, then a message with a button that opens the demo project."""
    from qgis.PyQt.QtWidgets import QPushButton

    bar = qgis_iface.messageBar()
    folder = tmp_path / "demo"
    task = plugin.start_processing_task(
        "gwplugin:builddemo",
        {"OUTPUT_FOLDER": str(folder), "SEED": 42, "CRS": "EPSG:4547"},
        "demo",
        plugin._demo_finished,
    )
    progress = []
    task.progressChanged.connect(progress.append)
    assert [b for b in bar.findChildren(QPushButton) if b.text() == "Cancel"]  # cancel offered while running
    qtbot.waitUntil(lambda: not plugin.tasks, timeout=300000)
    assert (folder / "demo_city.gpkg").is_file() and (folder / "demo_city.qgz").is_file()
    assert progress and max(progress) == 100
    flush_deletes()
    assert not [b for b in bar.findChildren(QPushButton) if b.text() == "Cancel"]  # progress message removed
    buttons = [b for b in bar.findChildren(QPushButton) if b.text() == "Open demo project"]
    assert len(buttons) == 1
    buttons[0].click()
    assert QgsProject.instance().fileName() == str(folder / "demo_city.qgz")
    layers = QgsProject.instance().mapLayers().values()
    assert len(layers) >= len(S.TABLES) and all(layer.isValid() for layer in layers)
    bar.clearWidgets()


# ---------------------------------------------------------------------------------------------------------------
# packaging


IMPORT_CHECK = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, sys.argv[1])
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from qgis.core import QgsApplication
    from qgis.gui import QgsMapCanvas
    from qgis.PyQt.QtCore import QCoreApplication
    from qgis.PyQt.QtWidgets import QMainWindow
    from qgis.core import QgsSettings
    app = QgsApplication([], True)
    app.initQgis()
    QgsSettings().setValue("locale/userLocale", "zh-Hans")
    from qgis.gui import QgsMessageBar
    from qgis.PyQt.QtWidgets import QToolBar

    class Iface:  # the part of QgisInterface the plugin's initGui/unload use
        def __init__(self):
            self.window = QMainWindow()
            self.canvas = QgsMapCanvas(self.window)
            self.bar = QgsMessageBar(self.window)
        def mainWindow(self):
            return self.window
        def mapCanvas(self):
            return self.canvas
        def messageBar(self):
            return self.bar
        def addToolBar(self, name):
            toolbar = QToolBar(name, self.window)
            self.window.addToolBar(toolbar)
            return toolbar
        def addDockWidget(self, area, dock):
            self.window.addDockWidget(area, dock)
        def removeDockWidget(self, dock):
            self.window.removeDockWidget(dock)

    iface = Iface()
    import gw_plugin
    from gw_plugin.toolbelt import paths
    assert os.path.realpath(gw_plugin.__file__).startswith(os.path.realpath(sys.argv[2])), gw_plugin.__file__
    plugin = gw_plugin.classFactory(iface)
    plugin.initGui()
    print("MENU", plugin.menu.title())
    print("RESOURCES", paths.resource("icons", "gw_plugin.svg").is_file())
    print("FORMS", (paths.FORMS_DIR / "database_dialog.ui").is_file())
    print("PROVIDER", QgsApplication.processingRegistry().providerById("gwplugin") is not None)
    plugin.unload()
    print("AFTER", QCoreApplication.translate("GwPlugin", "Groundwater pilot zone"))
    """
)


def run_import_check(plugins_dir: Path, expected_root: Path, tmp_path: Path) -> str:
    script = tmp_path / "check_import.py"
    script.write_text(IMPORT_CHECK)
    env = dict(os.environ)
    env["PYTHONPATH"] = "/usr/share/qgis/python/plugins"  # not the working tree
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(tmp_path / "profile")
    env["QT_QPA_PLATFORM"] = "offscreen"
    res = subprocess.run(
        [sys.executable, str(script), str(plugins_dir), str(expected_root)],
        cwd=str(tmp_path),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def test_package_zip_installs_and_imports(tmp_path):
    build_qm()
    zip_path = tmp_path / "gw_plugin.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), "--output", str(zip_path)], check=True)
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        assert {n.split("/")[0] for n in names} == {"gw_plugin"}
        for required in (
            "gw_plugin/__init__.py",
            "gw_plugin/plugin.py",
            "gw_plugin/metadata.txt",
            "gw_plugin/resources/icons/gw_plugin.svg",
            "gw_plugin/forms/database_dialog.ui",
            "gw_plugin/i18n/gw_plugin_zh_CN.qm",
            "gw_plugin/processing/provider.py",
        ):
            assert required in names, required
        assert not [n for n in names if "__pycache__" in n or n.endswith((".ts", ".pyc")) or "/tests/" in n]
        zf.extractall(tmp_path / "plugins")
    out = run_import_check(tmp_path / "plugins", tmp_path / "plugins" / "gw_plugin", tmp_path)
    assert "MENU 地下水试验区" in out
    assert "RESOURCES True" in out and "FORMS True" in out and "PROVIDER True" in out
    assert "AFTER Groundwater pilot zone" in out


def test_deploy_links_the_working_tree(tmp_path):
    build_qm()
    plugins = tmp_path / "profile" / "python" / "plugins"
    for _ in range(2):  # deploying again replaces the links
        subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), "--deploy", str(plugins)], check=True)
    target = plugins / "gw_plugin"
    assert (target / "metadata.txt").resolve() == (ROOT / "metadata.txt").resolve()
    assert (target / "plugin.py").resolve() == (ROOT / "gw_plugin" / "plugin.py").resolve()
    assert (target / "i18n" / "gw_plugin_zh_CN.qm").is_file()
    out = run_import_check(plugins, ROOT / "gw_plugin", tmp_path)  # the links resolve into the working tree
    assert "MENU 地下水试验区" in out and "RESOURCES True" in out


# ---------------------------------------------------------------------------------------------------------------
# the real QGIS desktop


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("qgis") and shutil.which("import")), reason="no X")
def test_screenshot_of_the_real_qgis_desktop(qgis_processing, tmp_path):
    """`make screenshot` on a freshly built demo city: QGIS starts with the plugin, shows its toolbar and layers."""
    import json

    import processing
    from qgis.PyQt.QtGui import QImage

    from gw_plugin.processing.provider import register_provider

    register_provider()
    out = tmp_path / "demo"
    res = processing.run("gwplugin:builddemo", {"OUTPUT_FOLDER": str(out), "SEED": 42, "CRS": "EPSG:4547"})
    assert Path(res["PROJECT"]) == out / "demo_city.qgz"
    env = dict(os.environ, UI_LOCALE="zh-Hans", SCREENSHOT_TIMEOUT="300", GW_SHOT_RELOAD="1")
    run = subprocess.run(
        ["bash", str(ROOT / "scripts" / "screenshot.sh"), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout.split("QGIS reported ", 1)[1].splitlines()[0])
    assert report["plugin_loaded"] and report["toolbar_visible"] and report["project_dock_visible"]
    # reloaded (unload + load) inside the real QGIS: one of each, nothing left over from the first load
    assert report["reloaded"] and report["counts"] == {"toolbars": 1, "menus": 1, "docks": 1, "providers": 1}
    assert "打开 / 新建项目数据库…" in report["toolbar_actions"]  # zh-Hans locale → zh_CN translation
    assert report["canvas_layers"] > 5 and report["canvas_drawn"] > 0
    image = QImage(str(out / "screenshot.png"))
    assert (image.width(), image.height()) == (1920, 1080)  # SHOT_SIZE's default
    assert report["window"] == report["screen"] == [1920, 1080]  # the window fits the screen
    colours = {image.pixel(x, y) for x in range(0, 1920, 7) for y in range(0, 1080, 7)}
    assert len(colours) > 50  # a drawn desktop, not an empty screen


@pytest.mark.skipif(not Path("/usr/bin/qgis_process.bin").exists(), reason="qgis_process not installed")
def test_qgis_process_loads_the_provider_through_initprocessing(tmp_path, validate):
    """hasProcessingProvider=yes: qgis_process (no GUI) calls GwPlugin.initProcessing() of the enabled plugin."""
    profile = tmp_path / "config" / "profiles" / "default"
    (profile / "QGIS").mkdir(parents=True)
    (profile / "QGIS" / "QGIS3.ini").write_text("[PythonPlugins]\ngw_plugin=true\n")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--deploy", str(profile / "python" / "plugins")],
        check=True,
    )
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = "/usr/share/qgis/python/plugins"  # the plugin must come from the profile
    out = tmp_path / "from_qgis_process.gpkg"
    # Debian's /usr/bin/qgis_process wrapper passes --noversioncheck, which 3.22 rejects (ENGINEERING.md)
    res = subprocess.run(
        ["/usr/bin/qgis_process.bin", "run", "gwplugin:createdatabase", "--", f"OUTPUT={out}", "CRS=EPSG:4549"],
        env=env,
        cwd=str(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert validate(out) == [] and gpkg.read_meta(str(out))["crs"] == "EPSG:4549"


# ---------------------------------------------------------------------------------------------------------------
# code layout (issue 2, item 9): the Qt6-ready conventions, checked on every module of the package


def _python_sources() -> list:
    return sorted((ROOT / "gw_plugin").rglob("*.py"))


def test_qt_is_imported_through_qgis_pyqt_only():
    pattern = re.compile(r"^\s*(?:from|import)\s+(?:PyQt[456]|PySide[26]|sip)\b", re.MULTILINE)
    offenders = [str(p.relative_to(ROOT)) for p in _python_sources() if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_qt_enums_are_fully_qualified_and_exec_is_used():
    """Qt.AlignLeft → Qt.AlignmentFlag.AlignLeft (PyQt6 knows only the second). Found by asking PyQt itself
    whether Class.Name is an enum member reached through the class instead of through its enum type.
    QVariant is left out: its Qt6 replacement (QMetaType) is not accepted by QGIS 3.22's QgsField."""
    from qgis.PyQt import QtCore, QtGui, QtWidgets

    modules = (QtCore, QtGui, QtWidgets)
    pattern = re.compile(r"(?<![\w.])(Qt|Q[A-Z]\w*)\.([A-Za-z_]\w*)\b")
    offenders = []
    for path in _python_sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if re.search(r"\.exec_\(", code):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: exec_()")
            for cls_name, attr in pattern.findall(code):
                cls = next((getattr(m, cls_name) for m in modules if hasattr(m, cls_name)), None)
                if cls is None or cls_name == "QVariant" or not hasattr(cls, attr):
                    continue
                enum_type = type(getattr(cls, attr))
                if enum_type.__name__ != attr and getattr(cls, enum_type.__name__, None) is enum_type:
                    if isinstance(getattr(cls, attr), int):
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {cls_name}.{enum_type.__name__}.{attr}")
    assert offenders == []


def test_every_module_starts_with_a_docstring():
    import ast

    missing = [
        str(p.relative_to(ROOT))
        for p in _python_sources()
        if p.read_text(encoding="utf-8").strip() and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert missing == []


def test_expression_functions_follow_the_plugin(qgis_iface, clean_provider, locale):
    """gb14848_class and gw_uscc_valid exist while the plugin is loaded, and are gone after unload."""
    from qgis.core import QgsExpression

    import gw_plugin

    plugin = gw_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert QgsExpression.isFunctionName("gb14848_class") and QgsExpression.isFunctionName("gw_uscc_valid")
        e = QgsExpression("gw_uscc_valid('91350100M000100Y43')")
        assert e.evaluate() is True or e.evaluate() == 1
    finally:
        plugin.unload()
    assert not QgsExpression.isFunctionName("gb14848_class")
    assert not QgsExpression.isFunctionName("gw_uscc_valid")


@pytest.mark.parametrize("code, lang", [("zh-Hans", "zh"), ("zh_CN", "zh"), ("en_US", "en")])
def test_every_panel_follows_the_plugin_language(qgis_iface, qtbot, locale, code, lang):
    # the zoning panel used to read the system locale (QLocale) and stayed English under a Chinese QGIS; every
    # panel now takes toolbelt.i18n.ui_language(), which follows QGIS's own locale
    from qgis.PyQt.QtCore import QLocale

    from gw_plugin.gui.sync.dock_sync import SyncPanel
    from gw_plugin.gui.zoning.dock_zoning import OVERLAYS, ZoningPanel

    assert not QLocale().name().startswith("zh")  # the system locale here is not Chinese: the test can fail
    locale(code)
    zoning = ZoningPanel(qgis_iface, None, QgsProject.instance())
    sync = SyncPanel(qgis_iface, None, QgsProject.instance())
    for panel in (zoning, sync):
        qtbot.addWidget(panel)
    try:
        assert zoning.lang == lang and sync.lang == lang
        shown = {box.text() for box in zoning.findChildren(QCheckBox)}
        expected = {pair[0] if lang == "zh" else pair[1] for pair in OVERLAYS.values()}
        assert shown & expected, (shown, expected)
    finally:
        for panel in (zoning, sync):
            if hasattr(panel, "teardown"):
                panel.teardown()
