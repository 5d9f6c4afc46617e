"""Inputs shared by the zone algorithms (gwplugin:protectionzone, gwplugin:capturezone): the CRS the zones are
computed in (the input's when projected in metres; for a geographic input the project's projected CRS, the wells
reprojected; otherwise refused), the method checked against the algorithm's list, parameters overridden per well
by fields of the same name, well positions and uuids, and zones turned into valid multipolygons (shapely).
"""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsField, QgsFields, QgsGeometry, QgsUnitTypes

from ....toolbelt import geometry as G
from ....toolbelt.i18n import tr
from ....toolbelt.qt import null_to_none
from ...base import fail

TR_CONTEXT = "ProtectionZoneAlgorithm"  # the translation context of this module's texts


def _metric(crs) -> bool:
    return crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters


def work_crs(source, context):
    """The CRS the zones are computed and written in: the input's when it is projected in metres, else the
    project's when that is (the wells are reprojected); otherwise the input is refused with one clear sentence."""
    crs = source.sourceCrs()
    if _metric(crs):
        return crs
    project = context.project() if context is not None else None
    pcrs = project.crs() if project is not None else None
    if pcrs is not None and _metric(pcrs):
        return pcrs
    fail(
        tr(
            TR_CONTEXT,
            "The input layer's CRS ({crs}) is geographic or not in metres and the project has no projected CRS in "
            "metres: zones need a projected CRS in metres (e.g. EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger). "
            "Reproject the layer or set the project's CRS.",
        ).format(crs=crs.authid() or crs.description())
    )


def check_projected(source) -> None:
    """Refuse inputs whose CRS is geographic or not in metres (for callers without a project to reproject to)."""
    if not _metric(source.sourceCrs()):
        work_crs(source, None)


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


def well_point(feature, transform=None):
    """(x, y) of a well feature in the work CRS (``transform`` from the layer's CRS), None without geometry."""
    g = feature.geometry()
    if g is None or g.isEmpty():
        return None
    g = QgsGeometry(g)
    if transform is not None:
        g.transform(transform)
    p = g.centroid().asPoint() if g.isMultipart() else g.asPoint()
    return p.x(), p.y()


def to_multipolygon(geom) -> QgsGeometry:
    """A valid multipolygon QgsGeometry of a ring ((N, 2) array) or a shapely geometry."""
    if not hasattr(geom, "geom_type"):
        geom = G.polygon(geom)
    return G.to_qgs(G.clean(geom))


def read_zone_inputs(alg, parameters, context, feedback, methods: list, extra: dict | None = None) -> tuple:
    """(source, method, defaults, overrides, crs, transform) of a zone algorithm: INPUT in a metric CRS (work_crs;
    ``transform`` from the layer to ``crs``, None when the same), METHOD one of ``methods``, the
    numeric parameters of ``alg.NUMERIC`` (plus ``extra`` name → value) as defaults, and the input fields that
    override them per well (reported in the log)."""
    source = alg.parameterAsSource(parameters, "INPUT", context)
    if source is None:
        fail(tr(TR_CONTEXT, "Invalid input layer."))
    crs = work_crs(source, context)
    if crs != source.sourceCrs():
        feedback.pushInfo(
            tr(
                TR_CONTEXT, "The wells ({src}) are reprojected to the project's CRS {crs}; the zones are in {crs}."
            ).format(src=source.sourceCrs().authid(), crs=crs.authid())
        )
    method = alg.parameterAsEnumString(parameters, "METHOD", context) or methods[0]
    if method not in methods:
        fail(tr(TR_CONTEXT, "Unknown method {m}; use one of {all}.").format(m=method, all=", ".join(methods)))
    defaults = {name: alg.parameterAsDouble(parameters, name, context) for name, _, _ in alg.NUMERIC}
    defaults.update(extra or {})
    overrides = field_overrides(source, list(defaults))
    if overrides:
        feedback.pushInfo(tr(TR_CONTEXT, "Per-well values from fields: {f}").format(f=", ".join(sorted(overrides))))
    transform = None
    if crs != source.sourceCrs():
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
    return source, method, defaults, overrides, crs, transform


def make_fields(spec) -> QgsFields:
    """QgsFields from (name, QVariant type) pairs: the output table of a zone algorithm."""
    fields = QgsFields()
    for name, typ in spec:
        fields.append(QgsField(name, typ))
    return fields
