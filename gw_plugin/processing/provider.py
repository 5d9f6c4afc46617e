"""The `gwplugin` Processing provider. Algorithms are discovered from gw_plugin/processing/algorithms/<feature>/alg_*.py:
every GwAlgorithm subclass defined there is registered, so adding an algorithm means adding one file."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from qgis.core import QgsApplication, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..toolbelt.paths import resource
from .base import GwAlgorithm

PROVIDER_ID = "gwplugin"


def algorithm_classes() -> list:
    from . import algorithms

    classes = []
    found = pkgutil.walk_packages(algorithms.__path__, prefix=f"{algorithms.__name__}.")
    names = [i.name for i in found if i.name.rsplit(".", 1)[-1].startswith("alg_")]
    for name in sorted(names, key=lambda n: n.rsplit(".", 1)[-1]):
        module = importlib.import_module(name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, GwAlgorithm) and obj is not GwAlgorithm and obj.__module__ == module.__name__:
                if obj.NAME:
                    classes.append(obj)
    return classes


class GwProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return QCoreApplication.translate("GwProvider", "Groundwater pilot zone")

    def longName(self) -> str:
        return self.name()

    def icon(self) -> QIcon:
        return QIcon(str(resource("icons", "gw_plugin.svg")))

    def loadAlgorithms(self) -> None:
        for cls in algorithm_classes():
            self.addAlgorithm(cls())


_REGISTERED: list = []  # keeps the Python provider alive while registered (QGIS holds only the C++ side)


def register_provider() -> GwProvider | None:
    """Register the provider once (used by the plugin and by qgis_process / standalone scripts).

    Returns the provider when this call registered it, None when it was registered already."""
    registry = QgsApplication.processingRegistry()
    if registry.providerById(PROVIDER_ID) is not None:
        return None
    provider = GwProvider()
    registry.addProvider(provider)
    _REGISTERED.append(provider)
    return provider


def unregister_provider() -> None:
    registry = QgsApplication.processingRegistry()
    if registry.providerById(PROVIDER_ID) is not None:
        registry.removeProvider(PROVIDER_ID)
    _REGISTERED.clear()
