"""QGIS expression function ``gw_uscc_valid(code)`` (group "gw_plugin"): the GB 32100-2015 check of an 18-character
unified social credit code, check character included (core/sources/credit_codes.py).

``gw_uscc_valid('91410100MA44XXXXXX')`` → true / false; NULL or an empty text → NULL (a missing code is the
not-null constraint's business, not this one's). Used as the hard constraint of ``pollution_sources.uscc``
(core/sources/workflows.py ``add_uscc_constraint``) and usable in any filter or label.

The plugin calls :func:`register_functions` in initGui and :func:`unregister_functions` in unload; both are
idempotent.
"""

from __future__ import annotations

from qgis.core import QgsExpressionFunction
from qgis.PyQt.QtCore import QCoreApplication

from ...toolbelt.expressions import FunctionRegistry, PureFunction
from . import credit_codes

GROUP = "gw_plugin"
NAME = "gw_uscc_valid"


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


class UsccValid(PureFunction):
    NAME = NAME

    def __init__(self):
        super().__init__(NAME, [QgsExpressionFunction.Parameter("code")], GROUP, _help())

    def func(self, values, context, parent, node):
        v = self.argument(values, 0)
        if v is None or str(v).strip() == "":
            return None
        return bool(credit_codes.validate_uscc(v)[0])


FUNCTIONS = FunctionRegistry((UsccValid,))


def function_names() -> list:
    return FUNCTIONS.names()


def register_functions() -> list:
    """Register ``gw_uscc_valid`` (idempotent). Returns the registered names."""
    return FUNCTIONS.register()


def unregister_functions() -> None:
    """Remove the function again (idempotent)."""
    FUNCTIONS.unregister()
