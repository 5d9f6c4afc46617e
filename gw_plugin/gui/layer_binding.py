"""Keeping a dock panel bound to one table's layer of the QGIS project (shared by the wells and sources panels).

The panel follows the project: when layers are added or removed, a project is read or cleared, it looks the layer up
again (debounced) and re-connects; when the layer is deleted under it, it lets go at once. A panel mixes this in,
names its table in ``BOUND_TABLE``, lists the layer signals it listens to in ``_layer_signals`` and adds its own steps
in the hooks ``_bound`` (a new layer is attached, before the panel reloads), ``_bind_done`` (after every bind),
``_unbinding`` / ``_unbound`` (around letting a layer go).
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QTimer


class LayerBinding:
    """Mixin for a QWidget panel with ``self.project`` (QgsProject), ``self.layer`` and ``reload()``."""

    BOUND_TABLE = ""

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
        self._bind_timer = QTimer(self)
        self._bind_timer.setSingleShot(True)
        self._bind_timer.setInterval(100)
        self._bind_timer.timeout.connect(self.bind)
        self._project_signals = [
            self.project.layersAdded,
            self.project.layersRemoved,
            self.project.cleared,
            self.project.readProject,
        ]
        for signal in self._project_signals:
            signal.connect(self._schedule_bind)
        self.bind()

    def stop_binding(self) -> None:
        """Stop following the project and let the layer go (before the panel is deleted)."""
        self._bind_timer.stop()
        for signal in self._project_signals:
            try:
                signal.disconnect(self._schedule_bind)
            except (TypeError, RuntimeError):
                pass
        self._project_signals = []
        self._unbind()

    def _schedule_bind(self, *args) -> None:
        self._bind_timer.start()

    def bind(self) -> None:
        """Attach to the project's layer of ``BOUND_TABLE`` (or detach when there is none) and read it."""
        from ..core.qgis_project import project_layers

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
        """The project GeoPackage of the bound layer."""
        if self.layer is None:
            return None
        from ..core.qgis_project import PROP_DATABASE

        return self.layer.customProperty(PROP_DATABASE) or self.layer.source().split("|")[0]
