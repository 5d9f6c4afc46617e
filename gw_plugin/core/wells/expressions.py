"""QGIS expression functions for GB/T 14848-2017 classification (group "GB/T 14848").

* ``gb14848_class(parameter, value[, unit])`` → integer class 1–5, NULL where not classifiable
  (unknown parameter, missing value, non-detect whose detection limit is above every limit …);
* ``gb14848_exceedance(parameter, value[, unit])`` → (C − Cs)/Cs against the class III limit (≤ 0 means within
  class III), NULL where undefined (pH, text indicators, non-detects);
* ``gb14848_note(parameter, value[, unit])`` → the text saying which rule applied or why there is no class.

``value`` may be a number or the lab's text ("0.01L", "ND", "<0.005", "无"); ``unit`` NULL means the standard's
unit. Two optional arguments take the rest of a stored result: ``qualifier`` (sample_results.qualifier: ">" above,
"<", "L", "ND" … below detection) and ``basis`` (sample_results.basis_as_written: "以NO3-计", "NH3"), so that
``gb14848_class(parameter, value_num, unit, qualifier)`` and ``gb14848_class(parameter, value_text, unit_as_written,
qualifier, basis_as_written)`` give the same class. The plugin calls :func:`register_functions` in initGui and :func:`unregister_functions` in unload; both are
idempotent. Logic lives in core/wells/classify.py.
"""

from __future__ import annotations

from qgis.core import QgsExpressionFunction

from ...toolbelt.expressions import FunctionRegistry, PureFunction
from ...toolbelt.i18n import tr
from . import classify

GROUP = "GB/T 14848"


def _help(name: str, returns: str) -> str:
    return (
        f"<h3>{name}(parameter, value, unit)</h3>"
        + tr(
            "gb14848_expressions",
            "<p>GB/T 14848-2017 groundwater quality: {0}.</p>"
            "<h4>Arguments</h4><ul>"
            "<li><b>parameter</b>: indicator name as in the standard (e.g. 硝酸盐, 硝酸盐（以N计）), English name or "
            "symbol (NO3-N, Cr6+, CODMn, pH …)</li>"
            "<li><b>value</b>: number, or the lab's text: 0.01L, ND, &lt;0.005, 无/有</li>"
            "<li><b>unit</b> (optional): mg/L, μg/L, mmol/L, 'mg/L as NO3' …; NULL = the standard's unit</li></ul>"
            "<p>Shared limits give the better class (从优不从劣); pH is two-sided; a non-detect is class I when its "
            "detection limit is ≤ the class I limit, otherwise '≤ class k'.</p>",
        ).format(returns)
        + tr(
            "gb14848_expressions",
            "<p>Optional <b>qualifier</b> (the stored qualifier: &gt; above the value, &lt;, L, ND below detection) and "
            "<b>basis</b> (the basis as written, e.g. 以NO3-计): the stored pair (value_num, unit, qualifier) and the "
            "pair as written (value_text, unit_as_written, qualifier, basis_as_written) classify alike.</p>",
        )
        + f"<h4>Example</h4><pre>{name}('NO3-N', 25, 'mg/L')</pre>"
    )


class _GbFunction(PureFunction):
    """Base of the GB/T 14848 functions: (parameter, value, unit=NULL) → one attribute of gb14848.Result."""

    NAME = ""

    def returns(self) -> str:
        return ""

    def __init__(self):
        params = [
            QgsExpressionFunction.Parameter("parameter"),
            QgsExpressionFunction.Parameter("value"),
            QgsExpressionFunction.Parameter("unit", True, None),
            QgsExpressionFunction.Parameter("qualifier", True, None),
            QgsExpressionFunction.Parameter("basis", True, None),
        ]
        super().__init__(self.NAME, params, GROUP, _help(self.NAME, self.returns()))

    def func(self, values, context, parent, node):
        parameter, value, unit, qualifier, basis = (self.argument(values, i) for i in range(5))
        if parameter is None or (value is None and qualifier in (None, "")):
            return None
        try:
            result = classify.classify(
                str(parameter),
                value,
                None if unit in (None, "") else str(unit),
                qualifier=None if qualifier in (None, "") else str(qualifier),
                basis=None if basis in (None, "") else str(basis),
            )
        except Exception as exc:  # never break an expression evaluation; report through the parent
            parent.setEvalErrorString(str(exc))
            return None
        return self.pick(result)

    def pick(self, result):
        raise NotImplementedError


class Gb14848Class(_GbFunction):
    NAME = "gb14848_class"

    def returns(self) -> str:
        return tr("gb14848_expressions", "the single-indicator class 1–5 as an integer, NULL where not classifiable")

    def pick(self, result):
        return result.gb_class


class Gb14848Exceedance(_GbFunction):
    NAME = "gb14848_exceedance"

    def returns(self) -> str:
        return tr(
            "gb14848_expressions",
            "the exceedance multiple (C − Cs)/Cs against the class III limit (≤ 0: within class III), NULL where undefined",
        )

    def pick(self, result):
        return result.exceedance


class Gb14848Note(_GbFunction):
    NAME = "gb14848_note"

    def returns(self) -> str:
        return tr("gb14848_expressions", "the rule applied, or why there is no class")

    def pick(self, result):
        return result.note


FUNCTION_CLASSES = (Gb14848Class, Gb14848Exceedance, Gb14848Note)


FUNCTIONS = FunctionRegistry(FUNCTION_CLASSES)  # NULL handled in func: a NULL unit means the standard's unit


def function_names() -> list:
    return FUNCTIONS.names()


def register_functions() -> list:
    """Register the functions (idempotent: a second call changes nothing). Returns the registered names."""
    return FUNCTIONS.register()


def unregister_functions() -> None:
    """Remove the functions again (idempotent)."""
    FUNCTIONS.unregister()
