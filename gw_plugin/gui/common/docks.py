"""Registry of the plugin's dock panels, and the manager that puts them into QGIS.

A panel (wells, sources, zoning, recharge zones, sync, ...) registers a ``DockSpec``: a key, a translated title, an
icon and a factory that builds the panel's widget. Each registered panel gets a checkable toolbar button and a
menu entry; the widget is built (and its heavy modules imported) only when the user first opens it.

Two ways to register:

* add a module ``gw_plugin/gui/<feature>/dock_<name>.py`` that defines ``DOCK = DockSpec(...)`` (or ``DOCKS = [...]``);
  every such module is discovered, like the Processing provider discovers ``alg_*.py``;
* or call ``register_dock(spec)`` before the plugin's ``initGui()``.

The factory is called as ``factory(iface, parent)`` and returns the content QWidget (or a ready QDockWidget).
If the widget has a ``teardown()`` method, it is called before the dock is deleted (disconnect signals there).

A panel opened while another of the plugin's panels is docked in the same area joins it as a tab, so that all of
them open fit a 1366 × 768 screen; QGIS restores where the user moved them at the next start (by object name).
A panel asks for its width through its ``sizeHint`` and gets it as long as the map keeps half of the window; it
needs at most ``MAX_MINIMUM_WIDTH`` (its ``minimumSizeHint``): tabbed docks share the widest minimum of them all.
A panel that needs more only because of a combo box's longest item gets combo boxes that cut it with "…"
(elided.py ``shrink_combo_boxes``).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from qgis.core import QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QStyle, QWidget

from ...toolbelt import settings
from ...toolbelt.log import log
from .elided import shrink_combo_boxes

DOCK_OBJECT_PREFIX = "gw_plugin_dock_"
#: px a panel may need at least (its minimumSizeHint): QGIS's Browser and Layers docks are about 300 px wide at
#: 1366 × 768, and with one of the plugin's docks beside them the map keeps half of the window (tests/gui/common)
MAX_MINIMUM_WIDTH = 360
ACTION_OBJECT_PREFIX = "gw_plugin_show_"


@dataclass(frozen=True)
class DockSpec:
    """One dock panel. ``title`` and ``tooltip`` are callables so they are translated when the GUI is built."""

    key: str
    title: Callable[[], str]
    factory: Callable[[Any, QWidget], QWidget]
    icon: Union[str, Callable[[], QIcon]] = ""
    tooltip: Optional[Callable[[], str]] = None
    area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    order: int = 100

    def make_icon(self) -> QIcon:
        """The panel's icon; the plugin's icon when it names no icon or one this QGIS version lacks."""
        if callable(self.icon):
            icon = self.icon()
        elif not self.icon:
            icon = QIcon()
        elif self.icon.startswith("/"):
            icon = QgsApplication.getThemeIcon(self.icon)  # a QGIS theme icon such as "/mIconInfo.svg"
        else:
            icon = QIcon(self.icon)  # a file path
        if icon.isNull() or icon.pixmap(16, 16).isNull():
            from ...toolbelt.paths import resource

            icon = QIcon(str(resource("icons", "gw_plugin.svg")))
        return icon


_REGISTRY: dict = {}
_DISCOVERED = False


def register_dock(spec: DockSpec) -> None:
    """Add a panel; registering the same key again replaces it (module reloads)."""
    if not spec.key or not spec.key.replace("_", "").isalnum():
        raise ValueError(f"dock key {spec.key!r} must be letters, digits and underscores")
    _REGISTRY[spec.key] = spec


def unregister_dock(key: str) -> None:
    _REGISTRY.pop(key, None)


def _basename(module_name: str) -> str:
    return module_name.rsplit(".", 1)[-1]


def discover() -> None:
    """Import every gw_plugin/gui/<feature>/dock_*.py module once and register the specs it defines."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    from ... import gui

    found = pkgutil.walk_packages(gui.__path__, prefix=f"{gui.__name__}.")
    for name in sorted((i.name for i in found if i.name.rsplit(".", 1)[-1].startswith("dock_")), key=_basename):
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # one broken panel must not keep the plugin from loading
            log(f"Dock module {_basename(name)} not loaded: {exc!r}", "warning")
            continue
        specs = list(getattr(module, "DOCKS", []))
        if getattr(module, "DOCK", None) is not None:
            specs.append(module.DOCK)
        for spec in specs:
            register_dock(spec)
    _DISCOVERED = True


def registered_docks() -> list:
    """Every registered panel, in menu order."""
    discover()
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


class DockManager:
    """Creates the actions of the registered panels and, lazily, their dock widgets; removes all of it again."""

    def __init__(self, iface, menu, toolbar):
        self.iface = iface
        self.menu = menu
        self.toolbar = toolbar
        self.actions: dict = {}
        self.docks: dict = {}
        self.specs: dict = {}

    def setup(self) -> None:
        for spec in registered_docks():
            action = QAction(spec.make_icon(), spec.title(), self.iface.mainWindow())
            action.setObjectName(ACTION_OBJECT_PREFIX + spec.key)
            action.setCheckable(True)
            if spec.tooltip is not None:
                action.setToolTip(spec.tooltip())
            action.toggled.connect(lambda checked, key=spec.key: self._toggled(key, checked))
            self.menu.addAction(action)
            self.toolbar.addAction(action)
            self.actions[spec.key] = action
            self.specs[spec.key] = spec
        for key in self.actions:
            if settings.DOCK_OPEN.get(key=key):
                self.show(key)
        # QGIS restores its window layout once it has started (after the plugins loaded): docks it had no saved
        # place for are stacked again then; they are tabified once more (a floating dock, or one in tabs already,
        # stays where it is)
        signal = getattr(self.iface, "initializationCompleted", None)
        if signal is not None and self.docks:
            signal.connect(self._after_start)
            self._start_signal = signal

    def _after_start(self) -> None:
        self._disconnect_start()
        for key in list(self.docks):
            self._tabify(key)

    def _disconnect_start(self) -> None:
        signal = getattr(self, "_start_signal", None)
        self._start_signal = None
        if signal is not None:
            try:
                signal.disconnect(self._after_start)
            except (TypeError, RuntimeError):
                pass

    def teardown(self) -> None:
        self._disconnect_start()
        for key in reversed(list(self.actions)):
            self.actions[key].blockSignals(True)  # closing the dock must not record the panel as closed
            dock = self.docks.pop(key, None)
            if dock is not None:
                self._delete_dock(dock)
            action = self.actions.pop(key)
            self.toolbar.removeAction(action)
            self.menu.removeAction(action)
            action.deleteLater()
        self.specs.clear()

    def action(self, key: str) -> QAction | None:
        return self.actions.get(key)

    def dock(self, key: str) -> QDockWidget | None:
        return self.docks.get(key)

    def show(self, key: str) -> QDockWidget | None:
        """Open a panel (building it on first use) and raise it."""
        action = self.actions.get(key)
        if action is None:
            return None
        if not action.isChecked():
            action.setChecked(True)
        else:
            self._toggled(key, True)
        dock = self.docks.get(key)
        if dock is not None:
            dock.raise_()
        return dock

    def _toggled(self, key: str, checked: bool) -> None:
        settings.DOCK_OPEN.set(bool(checked), key=key)
        dock = self.docks.get(key)
        if dock is None and checked:
            dock = self._create(key)
            if dock is None:
                return
        if isinstance(dock, QgsDockWidget):
            dock.setUserVisible(checked)  # raises a tabified panel too
        elif dock is not None:
            dock.setVisible(checked)

    def _create(self, key: str) -> QDockWidget | None:
        spec = self.specs[key]
        parent = self.iface.mainWindow()
        try:
            content = spec.factory(self.iface, parent)
        except Exception as exc:  # a broken panel must not break the plugin
            from qgis.core import Qgis

            self.iface.messageBar().pushMessage(spec.title(), str(exc), Qgis.MessageLevel.Critical, 0)
            action = self.actions[key]
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
            settings.DOCK_OPEN.set(False, key=key)  # do not retry at every start
            return None
        panel = content.widget() if isinstance(content, QDockWidget) else content
        if panel is not None and panel.minimumSizeHint().width() > MAX_MINIMUM_WIDTH:
            shrink_combo_boxes(panel)  # long items must not make the dock wider than the map can spare
        if isinstance(content, QDockWidget):
            dock = content
        else:
            dock = QgsDockWidget(spec.title(), parent)
            dock.setWidget(content)
        dock.setObjectName(DOCK_OBJECT_PREFIX + key)
        self.docks[key] = dock
        self.iface.addDockWidget(spec.area, dock)
        self._tabify(key)
        if isinstance(dock, QgsDockWidget):  # closing with the title bar's button unchecks the action
            dock.closed.connect(lambda key=key: self._set_checked(key, False))
            dock.opened.connect(lambda key=key: self._set_checked(key, True))
        return dock

    def _tabify(self, key: str) -> None:
        """Put the dock ``key`` into the tabs of another open dock of the plugin in its area: one column of tabs,
        not a stack taller than the screen."""
        dock = self.docks.get(key)
        if dock is None:
            return
        window = self.iface.mainWindow()
        try:
            if dock.isFloating() or window.tabifiedDockWidgets(dock):  # where the user put it, or tabbed already
                return
            neighbour = self._tab_neighbour(window.dockWidgetArea(dock), exclude=dock)
            if neighbour is not None:
                window.tabifyDockWidget(neighbour, dock)
                dock.raise_()
            self._widen(dock)
        except RuntimeError:  # deleted meanwhile (the plugin was unloaded)
            return
        # the main window lays its dock areas out again once the event loop runs (a new tab can narrow the area
        # to its own wish): widen again then
        QTimer.singleShot(0, lambda key=key: self._widen_again(key))

    def _widen_again(self, key: str) -> None:
        dock = self.docks.get(key)
        if dock is None:
            return
        try:
            if not dock.isFloating():
                self._widen(dock)
        except RuntimeError:  # deleted meanwhile
            pass

    def _widen(self, dock: QDockWidget) -> None:
        """A dock at the side narrower than its panel (or a panel in its tabs) asks for (sizeHint) gets that width, at
        most a third of the window and only while the map keeps half of the window's width: the panels' names and
        columns are not cut at the width QGIS's own docks have, and a 1366 × 768 window with Browser and Layers open
        still shows the map."""
        window = self.iface.mainWindow()
        if dock.widget() is None or not hasattr(window, "resizeDocks"):
            return
        if window.dockWidgetArea(dock) not in (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
        ):
            return
        group = [dock, *window.tabifiedDockWidgets(dock)]  # tabs share one width: the widest wish of them
        asked = max(d.widget().sizeHint().width() for d in group if d.widget() is not None)
        wanted = min(asked, max(window.width() // 3, 1), self._room_beside_map(dock))
        if dock.width() < wanted:
            window.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)

    def _room_beside_map(self, dock: QDockWidget) -> int:
        """px the dock may take while the map keeps half of the window: the other side's docks (QGIS's Browser and
        Layers, say) count, each side as wide as its widest open dock."""
        window = self.iface.mainWindow()
        area = window.dockWidgetArea(dock)
        others = 0
        for side in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea):
            if side == area:
                continue
            widths = [
                d.width()
                for d in window.findChildren(QDockWidget)
                if d.isVisible() and not d.isFloating() and window.dockWidgetArea(d) == side
            ]
            others += max(widths, default=0)
        separators = 2 * window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, window)
        return max(window.width() // 2 - others - separators, 1)

    def _tab_neighbour(self, area, exclude=None) -> QDockWidget | None:
        """Another of the plugin's docks open in ``area`` (docked, not floating), to share its tabs."""
        window = self.iface.mainWindow()
        for key, dock in self.docks.items():
            if dock is exclude:
                continue
            action = self.actions.get(key)
            try:  # open = its action is checked (before the main window is shown every dock is still hidden)
                if action is not None and action.isChecked() and not dock.isFloating():
                    if window.dockWidgetArea(dock) == area:
                        return dock
            except RuntimeError:  # deleted meanwhile
                continue
        return None

    def _set_checked(self, key: str, checked: bool) -> None:
        action = self.actions.get(key)
        if action is not None and action.isChecked() != checked:
            action.setChecked(checked)

    def _delete_dock(self, dock: QDockWidget) -> None:
        content = dock.widget()
        teardown = getattr(content, "teardown", None)
        if callable(teardown):
            teardown()
        self.iface.removeDockWidget(dock)
        dock.hide()
        dock.deleteLater()
