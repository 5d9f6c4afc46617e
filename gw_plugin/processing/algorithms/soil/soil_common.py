"""Shared by the soil algorithms (no algorithm imports another): the group, the checked database and date
parameters, field lookup by parameter name and attribute values as plain Python values."""

from __future__ import annotations

import datetime as _dt

from qgis.PyQt.QtCore import QVariant

from ....core.data import gpkg
from ....toolbelt.i18n import tr
from ...base import fail

TR_CONTEXT = "SoilScreeningAlgorithm"  # the translation context of this module's texts

GROUP_ID = "soil"


def checked_database(alg, parameters, context) -> str:
    """The DATABASE parameter's file, refused in one sentence unless it is a gw_plugin database of this version."""
    path = alg.parameterAsFile(parameters, "DATABASE", context)
    try:
        gpkg.open_database(path, upgrade=False)
    except gpkg.SchemaError as exc:
        fail(str(exc))
    return path


def date_parameter(alg, parameters, context, key: str, default=None):
    """The date typed in the string parameter ``key`` (YYYY-MM-DD); ``default`` when empty; refused otherwise."""
    text = alg.parameterAsString(parameters, key, context).strip()
    if not text:
        return default
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        fail(tr(TR_CONTEXT, "{d} is not a date (YYYY-MM-DD).").format(d=text))


def plain(v):
    """Attribute value as a plain Python value; None for NULL."""
    if v is None or (isinstance(v, QVariant) and v.isNull()):
        return None
    if isinstance(v, QVariant):
        v = v.value()
    return v


def field_index(alg, parameters, context, fields, key: str, required: bool, message_missing: str) -> int:
    """Index of the field chosen for ``key`` in ``fields`` (-1 when optional and not chosen)."""
    name = alg.parameterAsString(parameters, key, context)
    if not name:
        if required:
            fail(message_missing)
        return -1
    idx = fields.lookupField(name)
    if idx < 0:
        fail(tr(TR_CONTEXT, "Field {f} not found in the input.").format(f=name))
    return idx
