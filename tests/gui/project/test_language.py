"""Every panel in the plugin's language (issue 17, item 2), with the plugin loaded in pytest-qgis's iface on a real
project GeoPackage: Qt's own translation is loaded for zh_CN and zh-Hans (a button box's "Close" reads 关闭) and
removed again on unload; under zh-Hans every dock and the dialogs they open show no English text (the widget tree is
walked: labels, buttons, group boxes, tabs, headers, combo items, placeholders, tooltips, toolbar actions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QToolBar,
    QWidget,
)

import gw_plugin
from gw_plugin.core.data import qgis_project
from gw_plugin.toolbelt.i18n import qt_translation_file

#: words that are the same in Chinese texts: file formats, standards, units, symbols
ALLOWED = {
    "png", "svg", "pdf", "xlsx", "csv", "json", "gpkg", "geopackage", "qgis", "gb", "hj", "epsg", "cgcs", "crs",
    "postgis", "postgresql", "drastic", "uscc", "uuid", "mg", "ug", "km", "ph", "sen", "mann", "kendall", "timml",
    "null", "id", "iii", "ii", "iv", "cod", "codmn", "tds", "gauss", "kruger", "degree", "ok", "url", "sql", "gis",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z]{3,}")
FILE_NAME = re.compile(r"\.[A-Za-z]{2,5}$")
ROOT = Path(__file__).resolve().parents[3]
#: texts waiting in i18n/pending/*.tsv for the lead to merge into the .ts (translated, not yet in the .qm)
PENDING_TRANSLATIONS = {
    line.split("\t")[1].replace("\\n", "\n")
    for tsv in sorted((ROOT / "i18n" / "pending").glob("*.tsv"))
    for line in tsv.read_text(encoding="utf-8").splitlines()
    if line.count("\t") >= 2
}
CJK = re.compile(r"[\u3400-\u9fff]")


def english(text: str) -> bool:
    """True for a text with an English word in it and no Chinese (names of files and paths are data, not UI)."""
    text = (text or "").replace("&", "")
    if not text.strip() or CJK.search(text) or "/" in text or "\\" in text or "@" in text:
        return False
    if FILE_NAME.search(text) or text in PENDING_TRANSLATIONS:
        return False
    return any(w.lower() not in ALLOWED for w in WORD.findall(text))


def visible_texts(root: QWidget) -> list:
    """(where, text) of every text a person reads in ``root``, hidden widgets left out."""
    out = []

    def add(widget, kind, text):
        if text:
            out.append((f"{type(widget).__name__}:{widget.objectName()}:{kind}", str(text)))

    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        add(w, "tooltip", w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)) and not w.property("gw_data"):
            add(w, "text", w.text())
        if isinstance(w, QGroupBox):
            add(w, "title", w.title())
        if isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, f"item {i}", w.itemText(i))
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, f"tab {i}", w.tabText(i))
                add(w, f"tab tooltip {i}", w.tabToolTip(i))
        if isinstance(w, QToolBar):
            for action in w.actions():
                add(w, "action", action.text())
                add(w, "action tooltip", action.toolTip())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(w.rootIndex())
            except TypeError:  # a list model (its columnCount is private in PyQt): one column, no header
                columns = 0
            for c in range(columns):
                add(w, f"header {c}", model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
    return out


@pytest.fixture
def plugin_in(qgis_iface, qgis_processing):
    """plugin_in(locale) loads the plugin under that QGIS locale; unloaded and the locale restored afterwards."""
    settings = QgsSettings()
    old = settings.value("locale/userLocale", None)
    loaded = []

    def load(code: str):
        settings.setValue("locale/userLocale", code)
        registry = QgsApplication.processingRegistry()
        if registry.providerById("gwplugin") is not None:
            registry.removeProvider("gwplugin")
        instance = gw_plugin.classFactory(qgis_iface)
        instance.initGui()
        loaded.append(instance)
        return instance

    qgis_iface.mainWindow().show()
    yield load
    for instance in loaded:
        if instance.menu is not None:
            instance.unload()
    if old is None:
        settings.remove("locale/userLocale")
    else:
        settings.setValue("locale/userLocale", old)


def close_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    return box.button(QDialogButtonBox.StandardButton.Close).text()


@pytest.mark.skipif(qt_translation_file("zh_CN") is None, reason="Qt's translations are not installed")
@pytest.mark.parametrize("code", ["zh_CN", "zh-Hans"])
def test_qt_standard_buttons_follow_a_chinese_qgis(plugin_in, code):
    assert QCoreApplication.translate("QPlatformTheme", "Close") == "Close"  # English before: the test can fail
    plugin = plugin_in(code)
    assert plugin.qt_translator is not None
    assert close_text() == "关闭"
    plugin.unload()
    assert close_text() == "Close"


def test_qt_translation_lookup(tmp_path):
    (tmp_path / "qtbase_zh_CN.qm").write_bytes(b"")
    for code in ("zh_CN", "zh-Hans", "zh_Hans_CN", "zh"):
        assert qt_translation_file(code, tmp_path).name == "qtbase_zh_CN.qm"
    assert qt_translation_file("zh-Hant", tmp_path) is None
    assert qt_translation_file("de", tmp_path) is None


def test_english_detector():
    assert english("Refresh") and english("Nothing to see here") and english("&Open conflicts:")
    assert not english("刷新") and not english("PNG…") and not english("/tmp/demo_city.gpkg") and not english("419901")


@pytest.fixture
def database(tmp_path, qgis_app):
    from tests.core.wells.test_aquifer_layers import make_wells_db

    path = str(tmp_path / "city.gpkg")
    make_wells_db(path)
    return path


#: docks whose English texts their owners are still translating (issue 17): walked, not failed (remove when merged)
PENDING: set = set()


def test_every_dock_and_its_dialogs_speak_chinese_under_zh_hans(plugin_in, database, qtbot):
    plugin = plugin_in("zh-Hans")
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(database, project, "zh")
    try:
        found, pending = {}, {}
        for key in list(plugin.docks.actions):
            dock = plugin.docks.show(key)
            qtbot.wait(200)
            panel = dock.widget()
            widgets = [dock, panel]
            for opener in (
                "open_dashboard",
                "open_import_dialog",
                "open_duplicates_dialog",
                "open_ledger_dialog",
                "open_key_units_window",
            ):
                if hasattr(panel, opener):
                    dialog = getattr(panel, opener)()
                    qtbot.wait(50)
                    widgets.append(dialog)
            texts = [(where, text) for w in widgets for where, text in visible_texts(w) if english(text)]
            texts += [("dock title", dock.windowTitle())] if english(dock.windowTitle()) else []
            (pending if key in PENDING else found)[key] = texts
        assert {k: v for k, v in found.items() if v} == {}
    finally:
        project.clear()
