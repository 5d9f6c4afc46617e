"""Dock panels following the QGIS project: ``ProjectWatch`` calls a panel back shortly after the project changes
(shared by the project, sync, wells and sources panels); ``LayerBinding`` keeps a panel bound to one table's layer.

The panel follows the project: when layers are added or removed, a project is read or cleared, it looks the layer up
again (debounced) and re-connects; when the layer is deleted under it, it lets go at once. A panel mixes this in,
names its table in ``BOUND_TABLE``, lists the layer signals it listens to in ``_layer_signals`` and adds its own steps
in the hooks ``_bound`` (a new layer is attached, before the panel reloads), ``_bind_done`` (after every bind),
``_unbinding`` / ``_unbound`` (around letting a layer go).
"""

from __future__ import annotations

from ...toolbelt.qt import single_shot_timer


class ProjectWatch:
    """Calls ``callback`` once, ``interval_ms`` after the last of a burst of project changes (layers added or
    removed, a project read or cleared, and any ``extra`` signal names of QgsProject)."""

    SIGNALS = ("readProject", "cleared", "layersAdded", "layersRemoved")

    def __init__(self, parent, project, callback, interval_ms: int, extra=()):
        self.timer = single_shot_timer(parent, interval_ms, callback)
        self.signals = [getattr(project, name) for name in (*self.SIGNALS, *extra)]
        for signal in self.signals:
            signal.connect(self.schedule)

    def schedule(self, *args) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        for signal in self.signals:
            try:
                signal.disconnect(self.schedule)
            except (TypeError, RuntimeError):
                pass
        self.signals = []


class LayerBinding:
    """Mixin for a QWidget panel with ``self.project`` (QgsProject), ``self.layer`` and ``reload()``."""

    BOUND_TABLE = ""

    def data_signals(self, layer, slot) -> list:
        """(signal, slot) pairs for every change of the layer's data, edit buffer included."""
        signals = (
            layer.featureAdded,
            layer.featuresDeleted,
            layer.attributeValueChanged,
            layer.afterCommitChanges,
            layer.afterRollBack,
        )
        return [(signal, slot) for signal in signals]

    # -- to override ----------------------------------------------------------------------------------------------
    def _layer_signals(self, layer) -> list:
        """(signal, slot) pairs connected while ``layer`` is bound."""
        return [(layer.willBeDeleted, self._layer_deleted)]

    def _bound(self, layer) -> None:
        """A new layer was attached (signals connected); the panel reloads right after."""

    def _bind_done(self, layer) -> None:
        """After every bind, with the bound layer or None."""

    def _unbinding(self) -> None:
        """Before the layer's signals are disconnected."""

    def _unbound(self) -> None:
        """After they were disconnected, before ``self.layer`` is cleared."""

    # -- the binding ----------------------------------------------------------------------------------------------
    def start_binding(self) -> None:
        """Follow the project from now on, and bind at once."""
        self._watch = ProjectWatch(self, self.project, self.bind, 100)
        self.bind()

    def stop_binding(self) -> None:
        """Stop following the project and let the layer go (before the panel is deleted)."""
        self._watch.stop()
        self._unbind()

    def _schedule_bind(self, *args) -> None:
        self._watch.schedule()

    def bind(self) -> None:
        """Attach to the project's layer of ``BOUND_TABLE`` (or detach when there is none) and read it."""
        from ...core.data.qgis_project import project_layers

        layer = project_layers(self.project).get(self.BOUND_TABLE)
        if layer is not self.layer:
            self._unbind()
            self.layer = layer
            if layer is not None:
                for signal, slot in self._layer_signals(layer):
                    signal.connect(slot)
                self._bound(layer)
            self.reload()
        self._bind_done(layer)

    def _unbind(self) -> None:
        self._unbinding()
        if self.layer is not None:
            try:
                for signal, slot in self._layer_signals(self.layer):
                    try:
                        signal.disconnect(slot)
                    except (TypeError, RuntimeError):
                        pass
            except RuntimeError:  # the layer's C++ object is gone already
                pass
        self._unbound()
        self.layer = None

    def _layer_deleted(self) -> None:
        self._unbind()
        self.reload()
        self._schedule_bind()

    def database(self) -> str | None:
        """The project GeoPackage of the bound layer: the file the layer reads (after the project folder was copied
        or moved, the copy)."""
        if self.layer is None:
            return None
        from ...core.data.qgis_project import layer_database

        return layer_database(self.layer)
