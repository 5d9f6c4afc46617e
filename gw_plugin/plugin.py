"""The plugin shell in the QGIS desktop: translation, menu, toolbar, dock panels, Processing provider and
expression functions.

``initGui()`` and ``unload()`` mirror each other exactly: everything one adds, the other removes (in reverse
order), so loading, unloading and reloading the plugin leaves QGIS as it was. Heavy modules (core, dialogs,
dock contents) are imported only when an action is used.
"""

from __future__ import annotations

import importlib
import importlib.util
import os

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox, QPushButton

from .toolbelt import settings
from .toolbelt.i18n import qgis_locale, qt_translation_file, translation_file, ui_language
from .toolbelt.log import log
from .toolbelt.paths import plugin_version, resource
from .toolbelt.qt import keep_until_finished

PLUGIN_NAME = "gw_plugin"
MENU_OBJECT_NAME = "gw_plugin_menu"
TOOLBAR_OBJECT_NAME = "gw_plugin_toolbar"
#: modules whose register_functions()/unregister_functions() add QGIS expression functions
EXPRESSIONS_MODULES = (
    "gw_plugin.core.wells.expressions",
    "gw_plugin.core.sources.expressions",
    "gw_plugin.core.soil.expressions",
)
BUILD_DEMO_ID = "gwplugin:builddemo"


# ---------------------------------------------------------------------------------------------------------------


class GwPlugin:
    """The object QGIS creates through classFactory()."""

    def __init__(self, iface):
        self.iface = iface
        self.translator: QTranslator | None = None
        self.qt_translator: QTranslator | None = None
        self.menu: QMenu | None = None
        self.toolbar = None
        self.actions: list = []
        self.docks = None
        self.provider = None
        self.expressions = []
        self.tasks: list = []
        self._task_widgets: dict = {}

    # -- lifecycle ---------------------------------------------------------------------------------------------

    def initProcessing(self) -> None:  # noqa: N802 - called by qgis_process for hasProcessingProvider=yes
        from .processing.provider import register_provider

        if self.provider is None:
            self.provider = register_provider()

    def initGui(self) -> None:  # noqa: N802
        self._install_translator()
        self.initProcessing()
        self._register_expressions()
        QgsProject.instance().readProject.connect(self._project_read)

        main_window = self.iface.mainWindow()
        self.menu = QMenu(QCoreApplication.translate("GwPlugin", "Groundwater pilot zone"), main_window)
        self.menu.setObjectName(MENU_OBJECT_NAME)
        self.toolbar = self.iface.addToolBar(QCoreApplication.translate("GwPlugin", "Groundwater pilot zone"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)

        self.action_open = self._add_action(
            QIcon(str(resource("icons", "gw_plugin.svg"))),
            QCoreApplication.translate("GwPlugin", "Open / create project database…"),
            self.open_database_dialog,
            "gw_plugin_open_database",
            QCoreApplication.translate(
                "GwPlugin", "Open a project GeoPackage, or create a new one, and load every layer with styles and forms"
            ),
        )
        self.action_demo = self._add_action(
            QgsApplication.getThemeIcon("/processingAlgorithm.svg"),
            QCoreApplication.translate("GwPlugin", "Build demo city…"),
            self.build_demo_dialog,
            "gw_plugin_build_demo",
            QCoreApplication.translate(
                "GwPlugin", "Build the fictional demo city (database, rasters and project) in a folder"
            ),
        )
        self.menu.addSeparator()

        from .gui.common.docks import DockManager

        self.docks = DockManager(self.iface, self.menu, self.toolbar)
        self.docks.setup()

        self.menu.addSeparator()
        self.action_about = self._add_action(
            QgsApplication.getThemeIcon("/mActionHelpAbout.svg"),
            QCoreApplication.translate("GwPlugin", "About gw_plugin"),
            self.show_about,
            "gw_plugin_about",
            toolbar=False,
        )
        menubar = main_window.menuBar()
        help_menu = next(
            (a for a in menubar.actions() if a.menu() is not None and a.menu().objectName() == "mHelpMenu"), None
        )
        if help_menu is not None:
            menubar.insertMenu(help_menu, self.menu)
        else:
            menubar.addMenu(self.menu)

    def unload(self) -> None:
        for task in list(self.tasks):
            self._forget_task(task)
            keep_until_finished(task)
            task.cancel()
        main_window = self.iface.mainWindow()
        main_window.menuBar().removeAction(self.menu.menuAction())
        self._remove_action(self.action_about)
        self.docks.teardown()
        self.docks = None
        self._remove_action(self.action_demo)
        self._remove_action(self.action_open)
        main_window.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        self.toolbar = None
        self.menu.deleteLater()
        self.menu = None
        try:
            QgsProject.instance().readProject.disconnect(self._project_read)
        except (TypeError, RuntimeError):
            pass
        self._unregister_expressions()
        self._unregister_provider()
        self._remove_translator()

    # -- helpers of initGui/unload -----------------------------------------------------------------------------

    def _add_action(self, icon, text, slot, object_name, tooltip="", toolbar=True) -> QAction:
        action = QAction(icon, text, self.iface.mainWindow())
        action.setObjectName(object_name)
        if tooltip:
            action.setToolTip(tooltip)
            action.setStatusTip(tooltip)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def _remove_action(self, action: QAction) -> None:
        self.toolbar.removeAction(action)
        self.menu.removeAction(action)
        self.actions.remove(action)
        action.deleteLater()

    def _install_translator(self) -> None:
        locale = qgis_locale()
        path = translation_file(locale)
        if path is None:
            return
        translator = QTranslator()
        if translator.load(str(path)):
            QCoreApplication.installTranslator(translator)
            self.translator = translator
        else:
            log(f"Could not load {path}", "warning")
        # Qt's own texts (the "Close" of a button box) when QGIS did not load them: it looks for qt_<locale>.qm,
        # which exists for zh_CN but not for zh-Hans (qgis/QGIS #65042)
        probe = ("QPlatformTheme", "Close")  # a tuple, so the plugin's own .ts never carries (and fakes) Qt's text
        if QCoreApplication.translate(*probe) != probe[1]:
            return
        qt_path = qt_translation_file(locale)
        if qt_path is None:
            log(f"No Qt translation for {locale} (Debian: apt-get install qttranslations5-l10n)", "info")
            return
        qt_translator = QTranslator()
        if qt_translator.load(str(qt_path)):
            QCoreApplication.installTranslator(qt_translator)
            self.qt_translator = qt_translator

    def _remove_translator(self) -> None:
        for name in ("qt_translator", "translator"):
            translator = getattr(self, name)
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
                setattr(self, name, None)

    def _project_read(self, *args) -> None:
        """A project was read: where the project folder was copied or moved, the plugin's stored database paths
        follow the files the layers now read (so every panel uses the copy, not the original). Once now, for the
        layers, and once when the event loop runs: QGIS sets the project's variables after this signal."""
        self._follow_moved_databases()
        from qgis.PyQt.QtCore import QTimer

        QTimer.singleShot(0, self._follow_moved_databases)

    def _follow_moved_databases(self) -> None:
        if self.menu is None:  # unloaded meanwhile
            return
        from .core.data import qgis_project

        moved = qgis_project.follow_moved_databases(QgsProject.instance())
        for old, new in moved.items():
            log(f"The project database moved: {old} → {new}", "info")

    def _unregister_provider(self) -> None:
        """Remove the provider only when this plugin registered it (not when a script had done so before)."""
        if self.provider is None:
            return
        registry = QgsApplication.processingRegistry()
        if registry.providerById(self.provider.id()) is not None:
            registry.removeProvider(self.provider)
        from .processing import provider as provider_module

        kept = getattr(provider_module, "_REGISTERED", None)
        if isinstance(kept, list) and self.provider in kept:
            kept.remove(self.provider)
        self.provider = None

    def _register_expressions(self) -> None:
        """Register the expression functions of every module in EXPRESSIONS_MODULES that exists."""
        for name in EXPRESSIONS_MODULES:
            if importlib.util.find_spec(name) is None:
                continue
            try:
                module = importlib.import_module(name)
                module.register_functions()
            except Exception as exc:  # a broken optional module must not stop the plugin from loading
                log(f"Expression functions of {name} not registered: {exc!r}", "warning")
                continue
            self.expressions.append(module)

    def _unregister_expressions(self) -> None:
        while self.expressions:
            self.expressions.pop().unregister_functions()

    def _message(self, title: str, text: str, level=Qgis.MessageLevel.Info, duration: int = 0) -> None:
        self.iface.messageBar().pushMessage(title, text, level, duration)

    # -- Open / create project database ------------------------------------------------------------------------

    def open_database_dialog(self) -> None:
        from .gui.project.database_dialog import DatabaseDialog

        last_dir = settings.LAST_DATABASE_DIR.get()
        dialog = DatabaseDialog(self.iface.mainWindow(), start_dir=last_dir)
        if dialog.exec() != DatabaseDialog.DialogCode.Accepted:
            return
        path = dialog.path()
        settings.LAST_DATABASE_DIR.set(os.path.dirname(path))
        self.open_database(path, create=dialog.create_new(), crs=dialog.crs())

    def open_database(self, path: str, create: bool = False, crs: str = "EPSG:4547"):
        """Create (optionally) and open a project database, then load it into the current project.

        Returns the layer-tree group, or None when the file could not be used (the reason is in the message bar)."""
        from .core.data import gpkg

        title = QCoreApplication.translate("GwPlugin", "Project database")
        path = os.path.abspath(path)
        try:
            if create:
                gpkg.create_database(path, crs)
            info = gpkg.open_database(path)
        except gpkg.NewerSchemaError:
            from .core.data import schema

            self._message(
                QCoreApplication.translate("GwPlugin", "Cannot open the project database"),
                QCoreApplication.translate(
                    "GwPlugin",
                    "{name} uses schema version {version}, newer than this plugin's version {current}. "
                    "Update gw_plugin to open it; the file was not changed.",
                ).format(
                    name=os.path.basename(path), version=gpkg.schema_version_of(path), current=schema.SCHEMA_VERSION
                ),
                Qgis.MessageLevel.Critical,
            )
            return None
        except gpkg.SchemaError as exc:
            self._message(
                QCoreApplication.translate("GwPlugin", "Cannot open the project database"),
                str(exc),
                Qgis.MessageLevel.Critical,
            )
            return None
        if info.upgraded_from is not None:
            self._message(
                title,
                QCoreApplication.translate(
                    "GwPlugin",
                    "{name} was upgraded from schema version {old} to {new}. The original file was kept as {backup}.",
                ).format(
                    name=os.path.basename(path),
                    old=info.upgraded_from,
                    new=info.schema_version,
                    backup=info.backup_path,
                ),
                Qgis.MessageLevel.Warning,
            )
        try:
            from .core.data import qgis_project
        except ImportError as exc:
            self._message(
                title,
                QCoreApplication.translate("GwPlugin", "Layers cannot be loaded: {error}").format(error=exc),
                Qgis.MessageLevel.Critical,
            )
            return None
        project = QgsProject.instance()
        loaded = qgis_project.project_layers(project, path)
        if loaded:
            self._message(
                title,
                QCoreApplication.translate("GwPlugin", "{name} is already loaded in this project.").format(
                    name=os.path.basename(path)
                ),
            )
            node = project.layerTreeRoot().findLayer(next(iter(loaded.values())).id())
            while node is not None and not node.customProperty(qgis_project.PROP_DATABASE):
                node = node.parent()
            return node
        had_layers = bool(project.mapLayers())
        try:
            group = qgis_project.load_into_project(path, project, ui_language())
        except Exception as exc:
            self._message(
                QCoreApplication.translate("GwPlugin", "Cannot open the project database"),
                QCoreApplication.translate("GwPlugin", "Loading the layers of {name} failed: {error}").format(
                    name=os.path.basename(path), error=exc
                ),
                Qgis.MessageLevel.Critical,
            )
            return None
        if not had_layers:
            from qgis.core import QgsCoordinateReferenceSystem

            project.setCrs(QgsCoordinateReferenceSystem(info.crs))
        self._zoom_to_group(group)
        self._message(
            title,
            (
                QCoreApplication.translate("GwPlugin", "Created {name} ({crs}).")
                if create
                else QCoreApplication.translate("GwPlugin", "Opened {name} (schema version {version}, {crs}).")
            ).format(name=os.path.basename(path), version=info.schema_version, crs=info.crs),
            Qgis.MessageLevel.Success,
            5,
        )
        return group

    def _zoom_to_group(self, group) -> None:
        from qgis.core import QgsCoordinateTransform, QgsRectangle

        canvas = self.iface.mapCanvas()
        project = QgsProject.instance()
        extent = QgsRectangle()
        extent.setMinimal()
        for node in group.findLayers():
            layer = node.layer()
            if layer is None or not layer.isSpatial():
                continue
            layer_extent = layer.extent()
            if layer_extent.isEmpty():
                continue
            xform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), project)
            try:
                extent.combineExtentWith(xform.transformBoundingBox(layer_extent))
            except Exception:  # QgsCsException: a layer outside the CRS area is not worth failing for
                continue
        if not extent.isEmpty() and extent.isFinite():
            canvas.setExtent(extent.buffered(extent.width() * 0.05))
        canvas.refresh()

    # -- Build demo city ---------------------------------------------------------------------------------------

    def build_demo_dialog(self) -> None:
        from qgis.PyQt.QtWidgets import QFileDialog

        if QgsApplication.processingRegistry().algorithmById(BUILD_DEMO_ID) is None:
            self._message(
                QCoreApplication.translate("GwPlugin", "Build demo city"),
                QCoreApplication.translate(
                    "GwPlugin", "The algorithm {id} is not available in this version of the plugin."
                ).format(id=BUILD_DEMO_ID),
                Qgis.MessageLevel.Warning,
            )
            return
        start = settings.LAST_DEMO_DIR.get(os.path.expanduser("~"))
        folder = QFileDialog.getExistingDirectory(
            self.iface.mainWindow(), QCoreApplication.translate("GwPlugin", "Folder for the demo city"), start
        )
        if not folder:
            return
        settings.LAST_DEMO_DIR.set(folder)
        self.start_processing_task(
            BUILD_DEMO_ID,
            {"OUTPUT_FOLDER": folder, "SEED": 42, "CRS": "EPSG:4547"},
            QCoreApplication.translate("GwPlugin", "Building the demo city"),
            self._demo_finished,
        )

    def start_processing_task(self, algorithm_id: str, parameters: dict, description: str, on_done=None):
        """Run a Processing algorithm in a QgsTask, with a progress bar and a Cancel button in the message bar.

        ``on_done(ok: bool, results: dict, error: str)`` runs in the main thread when the task ends."""
        from qgis.PyQt.QtWidgets import QProgressBar

        from .gui.common.tasks import ProcessingTask

        task = ProcessingTask(description, algorithm_id, parameters)
        bar = self.iface.messageBar()
        item = bar.createMessage(description)
        progress = QProgressBar(item)
        progress.setRange(0, 100)
        cancel = QPushButton(QCoreApplication.translate("GwPlugin", "Cancel"), item)
        item.layout().addWidget(progress)
        item.layout().addWidget(cancel)
        task.progressChanged.connect(lambda value: progress.setValue(int(value)))
        cancel.clicked.connect(task.cancel)
        widget = bar.pushWidget(item, Qgis.MessageLevel.Info)
        self._task_widgets[id(task)] = widget

        def done(ok, results, error):
            if task not in self.tasks:  # the plugin was unloaded meanwhile
                return
            self._forget_task(task)
            if on_done is not None:
                on_done(ok, results, error)

        task.completed.connect(done)
        self.tasks.append(task)
        if task.runs_in_main_thread():
            task.finished(task.run())
        else:
            QgsApplication.taskManager().addTask(task)
        return task

    def _forget_task(self, task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        widget = self._task_widgets.pop(id(task), None)
        if widget is not None:
            try:
                self.iface.messageBar().popWidget(widget)
            except RuntimeError:  # already closed by the user
                pass

    def _demo_finished(self, ok: bool, results: dict, error: str) -> None:
        title = QCoreApplication.translate("GwPlugin", "Build demo city")
        if not ok:
            if error:
                self._message(title, error, Qgis.MessageLevel.Critical)
            else:
                self._message(title, QCoreApplication.translate("GwPlugin", "Canceled."), Qgis.MessageLevel.Info, 5)
            return
        project_path = results.get("PROJECT", "")
        bar = self.iface.messageBar()
        item = bar.createMessage(
            title,
            QCoreApplication.translate("GwPlugin", "The demo city is ready: {path}").format(
                path=results.get("DATABASE", project_path)
            ),
        )
        if project_path:
            button = QPushButton(QCoreApplication.translate("GwPlugin", "Open demo project"), item)
            button.clicked.connect(lambda: self.iface.addProject(project_path))
            item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Success, 0)

    # -- About -------------------------------------------------------------------------------------------------

    def about_text(self) -> str:
        return QCoreApplication.translate(
            "GwPlugin",
            "<h3>gw_plugin {version}</h3>"
            "<p>Groundwater pollution prevention pilot zones: well inventory by aquifer layer, pollution sources, "
            "zoning, recharge and protection zones, offline editing and sync with the city platform.</p>"
            "<p>One project GeoPackage holds every table; coordinates are stored in a projected CGCS2000 "
            "3-degree Gauss–Krüger CRS. Water quality is classified after GB/T 14848-2017.</p>",
        ).format(version=plugin_version())

    def show_about(self) -> None:
        QMessageBox.about(
            self.iface.mainWindow(), QCoreApplication.translate("GwPlugin", "About gw_plugin"), self.about_text()
        )
