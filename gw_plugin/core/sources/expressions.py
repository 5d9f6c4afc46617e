"""QGIS expression function ``gw_uscc_valid(code)`` (group "gw_plugin"): the GB 32100-2015 check of an 18-character
unified social credit code, check character included (core/sources/credit_codes.py).

``gw_uscc_valid('91410100MA44XXXXXX')`` → true / false; NULL or an empty text → NULL (a missing code is the
not-null constraint's business, not this one's). Used as the hard constraint of ``pollution_sources.uscc``
(core/sources/workflows.py ``add_uscc_constraint``) and usable in any filter or label.

The plugin calls :func:`register_functions` in initGui and :func:`unregister_functions` in unload; both are
idempotent.
"""

from __future__ import annotations

from qgis.core import QgsExpression, QgsExpressionFunction
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from . import credit_codes

GROUP = "gw_plugin"
NAME = "gw_uscc_valid"

_registered: dict = {}


def _help() -> str:
    return (
        f"<h3>{NAME}(code)</h3>"
        + QCoreApplication.translate(
            "gw_uscc_valid",
            "<p>True when <b>code</b> is a valid 18-character unified social credit code (GB 32100-2015): allowed "
            "characters, six-digit division code in positions 3-8 and the right check character. NULL or empty "
            "gives NULL.</p>",
        )
        + f'<h4>Example</h4><pre>{NAME}("uscc")</pre>'
    )


class UsccValid(QgsExpressionFunction):
    def __init__(self):
        super().__init__(NAME, [QgsExpressionFunction.Parameter("code")], GROUP, _help())

    def handlesNull(self) -> bool:
        return True

    def usesGeometry(self, node) -> bool:
        return False

    def referencedColumns(self, node):
        return set()

    def isStatic(self, node, parent, context) -> bool:
        return QgsExpressionFunction.allParamsStatic(node, parent, context)

    def func(self, values, context, parent, node):
        v = values[0] if values else None
        if isinstance(v, QVariant):
            v = None if v.isNull() else v.value()
        if v is None or str(v).strip() == "":
            return None
        return bool(credit_codes.validate_uscc(v)[0])


def function_names() -> list:
    return [NAME]


def register_functions() -> list:
    """Register ``gw_uscc_valid`` (idempotent). Returns the registered names."""
    if NAME in _registered and QgsExpression.isFunctionName(NAME):
        return [NAME]
    if QgsExpression.isFunctionName(NAME):  # a stale copy from a reloaded plugin
        QgsExpression.unregisterFunction(NAME)
    fn = UsccValid()
    if QgsExpression.registerFunction(fn):
        _registered[NAME] = fn
    return sorted(_registered)


def unregister_functions() -> None:
    """Remove the function again (idempotent)."""
    for name in list(_registered):
        if QgsExpression.isFunctionName(name):
            QgsExpression.unregisterFunction(name)
        del _registered[name]
