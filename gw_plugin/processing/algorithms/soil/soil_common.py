"""Shared by the soil algorithms (no algorithm imports another): the group, field lookup by parameter name and
attribute values as plain Python values."""

from __future__ import annotations

from qgis.PyQt.QtCore import QVariant

from ....toolbelt.i18n import tr
from ...base import fail

TR_CONTEXT = "SoilScreeningAlgorithm"  # the translation context of this module's texts

GROUP_ID = "soil"


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
