"""gw_plugin — QGIS plugin for groundwater-pollution-prevention pilot zones.

QGIS calls ``classFactory(iface)`` when it loads the plugin. The main class is imported lazily, so that
``import gw_plugin`` (Processing scripts, qgis_process, tests of core modules) stays cheap and widget-free.
"""

from __future__ import annotations


def classFactory(iface):  # noqa: N802 - name required by QGIS
    """Return the plugin instance QGIS drives through initGui()/unload()."""
    from .plugin import GwPlugin

    return GwPlugin(iface)
