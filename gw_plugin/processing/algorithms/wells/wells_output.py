"""Shared by the well-statistics algorithms: open the wells of a project GeoPackage and write per-well results
(with the well's identity and geometry) to a Processing feature sink."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import gpkg
from ...base import fail

WELL_FIELDS = ("uuid", "well_code", "name_zh", "county_code", "well_type", "aquifer_layer")

_TYPES = {"int": QVariant.Int, "double": QVariant.Double, "string": QVariant.String, "bool": QVariant.Bool}


def open_wells(database: str) -> QgsVectorLayer:
    try:
        gpkg.open_database(database, upgrade=False)
    except gpkg.SchemaError as exc:
        fail(str(exc))
    layer = QgsVectorLayer(f"{database}|layername=monitoring_wells", "wells", "ogr")
    if not layer.isValid():
        fail(f"{database}: the monitoring_wells table cannot be opened")
    return layer


def output_fields(extra: list) -> QgsFields:
    """WELL_FIELDS (as text) followed by ``extra`` = [(name, "int"|"double"|"string"|"bool")]."""
    fields = QgsFields()
    for name in WELL_FIELDS:
        fields.append(QgsField("well_uuid" if name == "uuid" else name, QVariant.String))
    for name, kind in extra:
        fields.append(QgsField(name, _TYPES[kind]))
    return fields


def write_rows(alg, parameters, context, wells: QgsVectorLayer, rows: dict, extra: list, feedback):
    """``rows``: well uuid → dict of extra values. Returns (sink id, number of features written)."""
    fields = output_fields(extra)
    sink, dest = alg.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.Point, wells.crs())
    if sink is None:
        fail("cannot create the output layer")
    n = 0
    for f in wells.getFeatures():
        values = rows.get(f["uuid"])
        if values is None:
            continue
        out = QgsFeature(fields)
        out.setGeometry(f.geometry())
        attrs = [f[name] for name in WELL_FIELDS] + [values.get(name) for name, _ in extra]
        out.setAttributes(attrs)
        sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        n += 1
        if feedback.isCanceled():
            break
    return dest, n
