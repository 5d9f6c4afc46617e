"""The GB 36600-2018 expression functions evaluated by real QgsExpression: the same hand-worked answers as the
algorithm (class 1 and 2 land, units, the arsenic background rule, non-detects), NULL handling and the registry."""

from __future__ import annotations

import pytest
from qgis.core import QgsExpression, QgsExpressionContext


@pytest.fixture
def functions(qgis_app):
    from gw_plugin.core.soil import expressions

    expressions.register_functions()
    yield expressions
    expressions.unregister_functions()


def ev(text):
    exp = QgsExpression(text)
    assert not exp.hasParserError(), exp.parserErrorString()
    value = exp.evaluate(QgsExpressionContext())
    assert not exp.hasEvalError(), exp.evalErrorString()
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value


@pytest.mark.parametrize(
    "text,expected",
    [
        ("gb36600_screening_value('砷', 1)", 20),
        ("gb36600_screening_value('砷', 2)", 60),
        ("gb36600_screening_value('arsenic', '第一类用地', 35)", 35),  # note ①
        ("gb36600_intervention_value('铅', 2)", 2500),
        ("gb36600_intervention_value('锑', 1)", 40),  # table 2
        ("gb36600_screening_value('锌', 1)", None),
        ("gb36600_exceeds_screening('铅', 401, 1)", True),
        ("gb36600_exceeds_screening('铅', 400, 1)", False),
        ("gb36600_exceeds_screening('铅', 401, 2)", False),
        ("gb36600_exceeds_screening('六价铬', 3100, 1, 'μg/kg')", True),
        ("gb36600_exceeds_screening('砷', 30, 1, NULL, 35)", False),
        ("gb36600_exceeds_intervention('砷', '130', 1)", True),
        ("gb36600_exceeds_screening('苯并[a]芘', '<0.1', 1)", False),
        ("gb36600_exceeds_screening('苯并[a]芘', '1L', 1)", None),
        ("gb36600_exceeds_screening('铅', NULL, 1)", None),
    ],
)
def test_functions(functions, text, expected):
    assert ev(text) == expected


def test_note_names_the_rule(functions):
    note = ev("gb36600_note('砷', 30, NULL)")
    assert "5.3.1" in note


def test_registry_is_idempotent(qgis_app):
    from gw_plugin.core.soil import expressions

    assert expressions.register_functions() == sorted(expressions.function_names())
    assert expressions.register_functions() == sorted(expressions.function_names())
    expressions.unregister_functions()
    expressions.unregister_functions()
    assert not any(QgsExpression.isFunctionName(n) for n in expressions.function_names())
