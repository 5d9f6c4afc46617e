"""gwplugin:duplicatewells — propose duplicate monitoring wells (close, same aquifer, compatible depth)."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QVariant

from ....core.wells import duplicates as D
from ....toolbelt.qt import null_to_none
from ...base import GwAlgorithm, fail


class DuplicateWellsAlgorithm(GwAlgorithm):
    NAME = "duplicatewells"
    DISPLAY = "Find duplicate wells"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Proposes groups of probable duplicate wells across departments' lists: wells closer than DISTANCE metres whose "
        "aquifer layers agree (unless disabled) and whose depths differ by no more than max(DEPTH_ABS, DEPTH_REL × the "
        "deeper one). Every member of a group is compatible with every other. The output has one point per member "
        "with its group number, the suggested keeper (the best-documented record) and the reasons. Merge them in the "
        "wells dock, where the merge is undoable until saved."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "INPUT", self.tr("Monitoring wells"), [QgsProcessing.SourceType.TypeVectorPoint]
            )
        )
        num = QgsProcessingParameterNumber.Type.Double
        self.addParameter(QgsProcessingParameterNumber("DISTANCE", self.tr("Distance (m)"), num, 30.0, False, 0.01))
        self.addParameter(QgsProcessingParameterNumber("DEPTH_ABS", self.tr("Depth tolerance (m)"), num, 5.0, False, 0))
        self.addParameter(
            QgsProcessingParameterNumber("DEPTH_REL", self.tr("Relative depth tolerance"), num, 0.2, False, 0, 1)
        )
        self.addParameter(
            QgsProcessingParameterBoolean("SAME_AQUIFER", self.tr("Require the same aquifer layer"), True)
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Duplicate candidates")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            fail(self.tr("Invalid input layer"))
        if source.sourceCrs().isGeographic():
            fail(self.tr("The wells must be in a projected CRS in metres (e.g. EPSG:4547)."))
        names = source.fields().names()
        for required in ("well_code", "aquifer_layer", "depth_m"):
            if required not in names:
                fail(self.tr("The input has no field {f}: use the monitoring_wells table.").format(f=required))
        rules = D.DuplicateRules(
            self.parameterAsDouble(parameters, "DISTANCE", context),
            self.parameterAsDouble(parameters, "DEPTH_ABS", context),
            self.parameterAsDouble(parameters, "DEPTH_REL", context),
            self.parameterAsBool(parameters, "SAME_AQUIFER", context),
        )
        feats = {}
        records = []
        for f in source.getFeatures():
            g = f.geometry()
            if g.isEmpty():
                continue
            p = g.asPoint()
            depth = null_to_none(f["depth_m"])
            records.append(
                D.WellRecord(
                    f.id(),
                    p.x(),
                    p.y(),
                    null_to_none(f["aquifer_layer"]),
                    None if depth is None else float(depth),
                    null_to_none(f["well_code"]) or "",
                    null_to_none(f["department"]) if "department" in names else None,
                )
            )
            feats[f.id()] = f
        groups = D.find_duplicates(records, rules)
        fields = QgsFields()
        for name, kind in (
            ("group_no", QVariant.Int),
            ("keeper", QVariant.Bool),
            ("well_uuid", QVariant.String),
            ("well_code", QVariant.String),
            ("max_distance_m", QVariant.Double),
            ("reasons", QVariant.String),
        ):
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(), source.sourceCrs())
        for k, grp in enumerate(groups, start=1):
            for pos, fid in enumerate(grp.members):
                src = feats[fid]
                out = QgsFeature(fields)
                out.setGeometry(src.geometry())
                out.setAttributes(
                    [
                        k,
                        pos == 0,
                        src["uuid"] if "uuid" in names else None,
                        src["well_code"],
                        grp.max_distance_m,
                        "; ".join(grp.reasons),
                    ]
                )
                sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(self.tr("{n} groups of probable duplicates.").format(n=len(groups)))
        return {"OUTPUT": dest, "GROUPS": len(groups)}
