"""A QGIS-like main window for measuring the plugin's docks offscreen: the size of the user's screen (1366 × 768 by
default), a menu bar, three rows of toolbars and a status bar as QGIS has them, Browser and Layers docked on the
left at the width QGIS gives them (about 300 px), the map canvas in the middle, and the plugin's panels opened
through the real dock registry (gui/common/docks.py ``DockManager``) into the right area, tabified as in QGIS.
Measured against screenshots of QGIS 3.22 at 1366 × 768 (build/screenshots): the right dock area is about 600 px high
there and here."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.gui import QgsDockWidget, QgsMapCanvas
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTranslator
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QStatusBar, QToolBar, QTreeView

from gw_plugin.gui.common import docks
from gw_plugin.toolbelt import settings
from gw_plugin.toolbelt.i18n import translation_file

LEFT_DOCK_WIDTH = 295  # px: Browser and Layers in QGIS 3.22 at 1366 × 768 (build/screenshots/*_1366x768.png)
#: pt of the desktop's font: QGIS under Xvfb draws list rows 23 px high (build/screenshots/sources_*_1366x768.png:
#: a 17 px line + 6), which is 9 pt here (offscreen, 100 dpi); the offscreen default of 12 pt is larger than QGIS's
FONT_POINTS = 9
MENUS = "Project Edit View Layer Settings Plugins Vector Raster Database Web Mesh Processing Help".split()


class Iface:
    """The QGIS interface the panels get: pytest-qgis's, with this window as main window and its canvas."""

    def __init__(self, base, window, canvas):
        self._base, self._window, self._canvas = base, window, canvas

    def mainWindow(self):  # noqa: N802 - QgisInterface's name
        return self._window

    def mapCanvas(self):  # noqa: N802
        return self._canvas

    def addDockWidget(self, area, dock):  # noqa: N802 - QGIS puts docks into its main window
        self._window.addDockWidget(area, dock)

    def removeDockWidget(self, dock):  # noqa: N802
        self._window.removeDockWidget(dock)

    def __getattr__(self, name):
        return getattr(self._base, name)


class Desktop:
    """The window, its canvas, the left docks and the plugin's DockManager (``open(key)`` shows a panel)."""

    def __init__(self, base_iface, width: int = 1366, height: int = 768):
        self._font = QApplication.font()
        font = QFont(self._font)
        font.setPointSizeF(FONT_POINTS)
        QApplication.setFont(font)
        self.window = QMainWindow()
        self.canvas = QgsMapCanvas(self.window)
        self.window.setCentralWidget(self.canvas)
        for name in MENUS:
            self.window.menuBar().addMenu(name)
        for row in range(3):
            bar = QToolBar(f"toolbar {row}", self.window)
            for i in range(20):
                bar.addAction(QgsApplication.getThemeIcon("/mActionZoomIn.svg"), f"action {i}")
            self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
            if row < 2:
                self.window.addToolBarBreak()
        self.window.setStatusBar(QStatusBar(self.window))
        self.window.statusBar().addWidget(QLabel("Coordinate"))
        self.left = []
        for name in ("Browser", "Layers"):
            dock = QgsDockWidget(name, self.window)
            dock.setObjectName(name)
            dock.setWidget(QTreeView(dock))
            self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            self.left.append(dock)
        self.window.resize(width, height)
        self.window.show()
        self.window.resizeDocks(self.left, [LEFT_DOCK_WIDTH] * 2, Qt.Orientation.Horizontal)
        self.iface = Iface(base_iface, self.window, self.canvas)
        self.manager = docks.DockManager(self.iface, QMenu(), QToolBar())
        self.manager.setup()
        self.spin()

    @staticmethod
    def spin(times: int = 10) -> None:
        for _ in range(times):
            QApplication.processEvents()

    def open(self, key: str):
        dock = self.manager.show(key)
        self.spin()
        return dock

    def panel(self, key: str):
        return self.manager.dock(key).widget()

    def close(self) -> None:
        keys = list(self.manager.specs)
        self.manager.teardown()
        for key in keys:
            settings.DOCK_OPEN.remove(key=key)
        self.window.close()
        self.window.deleteLater()
        QApplication.setFont(self._font)
        self.spin()


@contextmanager
def ui_locale(code: str):
    """The plugin's language as under a QGIS in ``code`` ('en_US', 'zh-Hans'): QgsSettings locale/userLocale and the
    plugin's translation (the .qm built by `make i18n`) installed; both restored afterwards."""
    qs = QgsSettings()
    old = qs.value("locale/userLocale", None)
    qs.setValue("locale/userLocale", code)
    translator = None
    qm = translation_file(code)
    if qm is not None and not code.startswith("en"):
        translator = QTranslator()
        if translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
        else:
            translator = None
    try:
        yield
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
        if old is None:
            qs.remove("locale/userLocale")
        else:
            qs.setValue("locale/userLocale", old)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory, qgis_app):
    """The demo city's GeoPackage (gw_plugin.core.demo.build, seed 42), built once per test module."""
    from gw_plugin.core.demo.build import build_demo

    return build_demo(str(tmp_path_factory.mktemp("demo"))).database


@contextmanager
def demo_desktop(base_iface, database: str, locale: str = "en_US", size=(1366, 768)):
    """The demo database loaded into QgsProject.instance() in the language of ``locale`` and a Desktop of ``size``;
    everything closed and cleared afterwards."""
    from qgis.core import QgsProject

    from gw_plugin.core.data import qgis_project

    project = QgsProject.instance()
    with ui_locale(locale):
        project.clear()
        qgis_project.load_into_project(database, project, "zh" if locale.startswith("zh") else "en")
        desktop = Desktop(base_iface, *size)
        try:
            yield desktop
        finally:
            desktop.close()
            project.clear()
