"""QGIS expression functions for GB 36600-2018 soil screening (group "GB 36600"), the same rules as
gwplugin:soilscreening (core/soil/screening.py):

* ``gb36600_screening_value(parameter, land_use[, background])`` → the screening value applied, mg/kg (the background
  value where note ① replaces it);
* ``gb36600_intervention_value(parameter, land_use)`` → the intervention value, mg/kg;
* ``gb36600_exceeds_screening(parameter, value, land_use[, unit[, background]])`` → true / false, NULL when it cannot
  be judged ("exceeds" = strictly above);
* ``gb36600_exceeds_intervention(parameter, value, land_use[, unit])`` → likewise for the intervention value;
* ``gb36600_note(parameter, value, land_use[, unit[, background]])`` → the rule applied, in the plugin's language.

``land_use`` is 1 or 2 (or 第一类用地 / 第二类用地; NULL = class 1, §5.3.1); ``value`` a number or the lab's text
(ND, <0.01, 0.01L, '12 mg/kg'); ``unit`` NULL = mg/kg. The plugin registers them in initGui and removes them in
unload (both idempotent).
"""

from __future__ import annotations

from qgis.core import QgsExpressionFunction

from ...toolbelt.expressions import FunctionRegistry, PureFunction
from ...toolbelt.i18n import tr, ui_language
from . import screening

GROUP = "GB 36600"
TR_CONTEXT = "gb36600_expressions"


def _help(name: str, signature: str, returns: str) -> str:
    return (
        f"<h3>{name}({signature})</h3>"
        + tr(
            TR_CONTEXT,
            "<p>GB 36600-2018 construction-land soil: {0}.</p>"
            "<h4>Arguments</h4><ul>"
            "<li><b>parameter</b>: item name as in the standard (e.g. 砷, 苯并[a]芘), English name, common spelling "
            "or CAS number</li>"
            "<li><b>value</b>: number, or the lab's text: ND, &lt;0.01, 0.01L, 12 mg/kg</li>"
            "<li><b>land_use</b>: 1 or 2 (第一类用地 / 第二类用地); NULL = class 1 land</li>"
            "<li><b>unit</b> (optional): mg/kg, μg/kg, ng/kg …; NULL = mg/kg</li>"
            "<li><b>background</b> (optional): soil background value for note ① (arsenic, cobalt, vanadium)</li></ul>"
            "<p>'Exceeds' means strictly above; a non-detect whose detection limit is above the value gives NULL.</p>",
        ).format(returns)
        + f"<h4>Example</h4><pre>{name}('砷', 25, 1)</pre>"
    )


class _LimitFunction(PureFunction):
    """(parameter, land_use[, background]) → a value of the standard."""

    NAME = ""
    RETURNS = ""

    def __init__(self):
        params = [
            QgsExpressionFunction.Parameter("parameter"),
            QgsExpressionFunction.Parameter("land_use", True, None),
            QgsExpressionFunction.Parameter("background", True, None),
        ]
        super().__init__(self.NAME, params, GROUP, _help(self.NAME, "parameter, land_use, background", self.returns()))

    def returns(self) -> str:
        return ""

    def func(self, values, context, parent, node):
        parameter, land_use, background = (self.argument(values, i) for i in range(3))
        if parameter is None:
            return None
        try:
            result = screening.screen(parameter, None, None, land_use, background)
        except Exception as exc:  # never break an expression evaluation; report through the parent
            parent.setEvalErrorString(str(exc))
            return None
        return self.pick(result)

    def pick(self, result):
        raise NotImplementedError


class ScreeningValue(_LimitFunction):
    NAME = "gb36600_screening_value"

    def returns(self) -> str:
        return tr(TR_CONTEXT, "the screening value applied in mg/kg, NULL for an item not in the standard")

    def pick(self, result):
        return result.screening_value


class InterventionValue(_LimitFunction):
    NAME = "gb36600_intervention_value"

    def returns(self) -> str:
        return tr(TR_CONTEXT, "the intervention value in mg/kg, NULL for an item not in the standard")

    def pick(self, result):
        return result.intervention_value


class _ScreenFunction(PureFunction):
    """(parameter, value, land_use[, unit[, background]]) → one attribute of the screening."""

    NAME = ""

    def __init__(self):
        params = [
            QgsExpressionFunction.Parameter("parameter"),
            QgsExpressionFunction.Parameter("value"),
            QgsExpressionFunction.Parameter("land_use", True, None),
            QgsExpressionFunction.Parameter("unit", True, None),
            QgsExpressionFunction.Parameter("background", True, None),
        ]
        super().__init__(
            self.NAME, params, GROUP, _help(self.NAME, "parameter, value, land_use, unit, background", self.returns())
        )

    def returns(self) -> str:
        return ""

    def func(self, values, context, parent, node):
        parameter, value, land_use, unit, background = (self.argument(values, i) for i in range(5))
        if parameter is None or value is None:
            return None
        try:
            result = screening.screen(parameter, value, None if unit in (None, "") else unit, land_use, background)
        except Exception as exc:  # never break an expression evaluation; report through the parent
            parent.setEvalErrorString(str(exc))
            return None
        return self.pick(result)

    def pick(self, result):
        raise NotImplementedError


class ExceedsScreening(_ScreenFunction):
    NAME = "gb36600_exceeds_screening"

    def returns(self) -> str:
        return tr(TR_CONTEXT, "true when the value is strictly above the screening value, NULL when unknown")

    def pick(self, result):
        return result.exceeds_screening


class ExceedsIntervention(_ScreenFunction):
    NAME = "gb36600_exceeds_intervention"

    def returns(self) -> str:
        return tr(TR_CONTEXT, "true when the value is strictly above the intervention value, NULL when unknown")

    def pick(self, result):
        return result.exceeds_intervention


class Note(_ScreenFunction):
    NAME = "gb36600_note"

    def returns(self) -> str:
        return tr(TR_CONTEXT, "the rule applied")

    def pick(self, result):
        return result.note(ui_language())


FUNCTION_CLASSES = (ScreeningValue, InterventionValue, ExceedsScreening, ExceedsIntervention, Note)
FUNCTIONS = FunctionRegistry(FUNCTION_CLASSES)


def function_names() -> list:
    return FUNCTIONS.names()


def register_functions() -> list:
    """Register the functions (idempotent). Returns the registered names."""
    return FUNCTIONS.register()


def unregister_functions() -> None:
    """Remove the functions again (idempotent)."""
    FUNCTIONS.unregister()
