"""Inputs shared by the zone algorithms (gwplugin:protectionzone, gwplugin:capturezone): the well layer checked for a
projected CRS in metres, the method checked against the algorithm's list, parameters overridden per well by fields
of the same name, well positions and uuids, and rings turned into multipolygons.
"""

from __future__ import annotations

from qgis.core import QgsField, QgsFields, QgsGeometry, QgsUnitTypes

from ....core.zones import methods as Z
from ....toolbelt.i18n import tr
from ....toolbelt.qt import null_to_none
from ...base import fail

TR_CONTEXT = "ProtectionZoneAlgorithm"  # the translation context of this module's texts


def check_projected(source) -> None:
    """Refuse inputs whose CRS is geographic or not in metres (the methods work in metres)."""
    crs = source.sourceCrs()
    if not crs.isValid() or crs.isGeographic() or crs.mapUnits() != QgsUnitTypes.DistanceUnit.DistanceMeters:
        fail(
            tr(
                TR_CONTEXT,
                "The input layer's CRS ({crs}) is geographic or not in metres: zones need a projected CRS in metres "
                "(e.g. EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger). Reproject the layer first.",
            ).format(crs=crs.authid() or crs.description())
        )


def field_overrides(source, names) -> dict:
    """Map parameter name -> field index of the input field with the same name (case-insensitive)."""
    fields = source.fields()
    lower = {fields.at(i).name().lower(): i for i in range(fields.count())}
    return {n: lower[n.lower()] for n in names if n.lower() in lower}


def feature_value(feature, overrides: dict, name: str, default):
    """The feature's value of the field overriding `name`, else `default` (NULL/empty fields do not override)."""
    i = overrides.get(name)
    if i is None:
        return default
    v = feature.attribute(i)
    if null_to_none(v) is None or (isinstance(v, str) and not v.strip()):
        return default
    return v


def well_uuid_of(feature, source) -> str | None:
    i = source.fields().lookupField("uuid")
    if i < 0:
        return None
    v = feature.attribute(i)
    return None if null_to_none(v) is None else str(v)


def well_point(feature):
    g = feature.geometry()
    if g is None or g.isEmpty():
        return None
    p = g.centroid().asPoint() if g.isMultipart() else g.asPoint()
    return p.x(), p.y()


def to_multipolygon(ring) -> QgsGeometry:
    g = QgsGeometry()
    g.fromWkb(Z.ring_to_wkb(ring))
    g.convertToMultiType()
    return g


def read_zone_inputs(alg, parameters, context, feedback, methods: list, extra: dict | None = None) -> tuple:
    """(source, method, defaults, overrides) of a zone algorithm: INPUT checked, METHOD one of ``methods``, the
    numeric parameters of ``alg.NUMERIC`` (plus ``extra`` name → value) as defaults, and the input fields that
    override them per well (reported in the log)."""
    source = alg.parameterAsSource(parameters, "INPUT", context)
    if source is None:
        fail(tr(TR_CONTEXT, "Invalid input layer."))
    check_projected(source)
    method = alg.parameterAsEnumString(parameters, "METHOD", context) or methods[0]
    if method not in methods:
        fail(tr(TR_CONTEXT, "Unknown method {m}; use one of {all}.").format(m=method, all=", ".join(methods)))
    defaults = {name: alg.parameterAsDouble(parameters, name, context) for name, _, _ in alg.NUMERIC}
    defaults.update(extra or {})
    overrides = field_overrides(source, list(defaults))
    if overrides:
        feedback.pushInfo(tr(TR_CONTEXT, "Per-well values from fields: {f}").format(f=", ".join(sorted(overrides))))
    return source, method, defaults, overrides


def make_fields(spec) -> QgsFields:
    """QgsFields from (name, QVariant type) pairs: the output table of a zone algorithm."""
    fields = QgsFields()
    for name, typ in spec:
        fields.append(QgsField(name, typ))
    return fields
