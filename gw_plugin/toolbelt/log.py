"""The plugin's log: messages in QGIS's Log Messages panel under the tab "gw_plugin" (never a secret: connection
strings are logged without passwords by their callers)."""

from __future__ import annotations

TAG = "gw_plugin"


def log(message: str, level: str = "info") -> None:
    """Write ``message`` to the plugin's tab of the QGIS log; ``level`` is "info", "warning" or "critical"."""
    from qgis.core import Qgis, QgsMessageLog

    levels = {
        "info": Qgis.MessageLevel.Info,
        "warning": Qgis.MessageLevel.Warning,
        "critical": Qgis.MessageLevel.Critical,
    }
    QgsMessageLog.logMessage(message, TAG, levels.get(level, Qgis.MessageLevel.Info))
