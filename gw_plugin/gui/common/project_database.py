"""The project database of the open QGIS project, as every panel sees it: which one it is (core's
``qgis_project.project_database``) and bringing its layers up to date after something wrote it outside QGIS (an
import, a sync, a merge)."""

from __future__ import annotations

import os

from qgis.core import QgsProject

from ...core.data.qgis_project import PROP_TABLE, layer_database, project_database
from ...core.wells import aquifer_layers

__all__ = ["project_database", "refresh_database_layers"]


def refresh_database_layers(project: QgsProject, database: str) -> None:
    """Reload every layer of ``database`` (written outside QGIS) and bring the aquifer-layer group up to date."""
    target = os.path.abspath(database)
    for layer in project.mapLayers().values():
        if (
            layer.customProperty(PROP_TABLE)
            and layer_database(layer) == target
            and not getattr(layer, "isEditable", lambda: False)()
        ):
            layer.reload()
            layer.triggerRepaint()
    try:
        aquifer_layers.sync_aquifer_layers(project, target)
    except ValueError:  # no wells layer of this database in the project
        pass
