"""Start a standalone, headless QGIS for command-line jobs (make demo, bench/): one QgsApplication kept alive for
the whole run (GDAL algorithms crash when it is garbage-collected), Processing initialised, gwplugin registered."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _p in ("/usr/share/qgis/python/plugins", os.path.dirname(os.path.dirname(os.path.abspath(__file__)))):
    if _p not in sys.path:
        sys.path.insert(0, _p)

_APP = None


def start_qgis():
    """Return the running QgsApplication, starting it (and Processing, and gwplugin) on first call."""
    global _APP
    if _APP is not None:
        return _APP
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    _APP = QgsApplication([], False)
    _APP.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from gw_plugin.processing.provider import register_provider

    register_provider()
    return _APP
