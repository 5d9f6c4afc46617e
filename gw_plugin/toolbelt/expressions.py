"""QGIS expression functions of the plugin: the base every function takes (pure functions of their arguments:
NULL handled by the function, no geometry, no columns, static when the arguments are) and the registry that adds
them to QGIS and removes them again, both idempotent (a reloaded plugin replaces its stale copies)."""

from __future__ import annotations

from qgis.core import QgsExpression, QgsExpressionFunction
from qgis.PyQt.QtCore import QVariant


class PureFunction(QgsExpressionFunction):
    """A function whose result depends only on its arguments."""

    @staticmethod
    def argument(values, index: int):
        """Argument ``index`` as a plain Python value; None for NULL or a missing optional argument."""
        v = values[index] if len(values) > index else None
        if isinstance(v, QVariant):
            return None if v.isNull() else v.value()
        return v

    def handlesNull(self) -> bool:
        return True

    def usesGeometry(self, node) -> bool:
        return False

    def referencedColumns(self, node):
        return set()

    def isStatic(self, node, parent, context) -> bool:
        return QgsExpressionFunction.allParamsStatic(node, parent, context)


class FunctionRegistry:
    """The expression functions of one module; keeps each registered object alive while QGIS uses it."""

    def __init__(self, classes):
        self.classes = tuple(classes)
        self._registered: dict = {}

    def names(self) -> list:
        return [cls.NAME for cls in self.classes]

    def register(self) -> list:
        """Register every function (a second call changes nothing); returns the registered names."""
        for cls in self.classes:
            if cls.NAME in self._registered and QgsExpression.isFunctionName(cls.NAME):
                continue
            if QgsExpression.isFunctionName(cls.NAME):  # a stale copy (e.g. the plugin reloaded): replace it
                QgsExpression.unregisterFunction(cls.NAME)
            function = cls()
            if QgsExpression.registerFunction(function):
                self._registered[cls.NAME] = function
        return sorted(self._registered)

    def unregister(self) -> None:
        """Remove the functions again (idempotent)."""
        for name in list(self._registered):
            if QgsExpression.isFunctionName(name):
                QgsExpression.unregisterFunction(name)
            del self._registered[name]
