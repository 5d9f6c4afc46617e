"""gwplugin:abandonedwells — the ledger of abandoned mine shafts, boreholes and water wells (seed 003): an XLSX
workbook in the official layout with Chinese headers and a filtered point layer (core/sources/workflows.py)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import gpkg
from ....core.data import schema as S
from ....core.sources import workflows as W
from ...base import GwAlgorithm, fail
from ...params import SOURCES_GROUP, SOURCES_GROUP_ID, database_parameter

FIELDS = (
    ("no", QVariant.Type.Int),
    ("uuid", QVariant.Type.String),
    ("well_code", QVariant.Type.String),
    ("name_zh", QVariant.Type.String),
    ("kind", QVariant.Type.String),
    ("kind_zh", QVariant.Type.String),
    ("county_code", QVariant.Type.String),
    ("county_name", QVariant.Type.String),
    ("depth_m", QVariant.Type.Double),
    ("risk_class", QVariant.Type.String),
    ("risk_zh", QVariant.Type.String),
    ("sealing_status", QVariant.Type.String),
    ("sealing_zh", QVariant.Type.String),
    ("sealed_on", QVariant.Type.String),
)


def _labels(codelist: str) -> list:
    return [f"{c.zh} / {c.en}" for c in S.codelist(codelist).codes]


class AbandonedWellsAlgorithm(GwAlgorithm):
    NAME = "abandonedwells"
    DISPLAY = "Abandoned-well ledger"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Seed 003: the inventory of abandoned mine shafts, boreholes and water wells with their risk class and "
        "sealing status. Writes the ledger as an Excel workbook in the official layout (序号, 编号, 名称, 类型, "
        "所在县区, 井深, 风险等级, 封井状态, 封填日期), ordered by county, risk class (high first) and code, and "
        "a point layer of the same wells. Optional filters: county codes, kinds, risk classes, sealing statuses "
        "(none ticked = all)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter(self.tr))
        self.addParameter(
            QgsProcessingParameterString(
                "COUNTIES", self.tr("Only these county codes (comma-separated)"), optional=True
            )
        )
        for name, label, cl in (
            ("KINDS", self.tr("Kinds"), "abandoned_well_kind"),
            ("RISK", self.tr("Risk classes"), "risk_class"),
            ("SEALING", self.tr("Sealing statuses"), "sealing_status"),
        ):
            self.addParameter(QgsProcessingParameterEnum(name, label, _labels(cl), allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterString("CITY", self.tr("City name for the title"), optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "XLSX", self.tr("Ledger (Excel)"), self.tr("Excel (*.xlsx)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Abandoned wells"), QgsProcessing.SourceType.TypeVectorPoint, optional=True
            )
        )

    def _codes(self, parameters, name, context, cl) -> list:
        if parameters.get(name) in (None, "", []):
            return []
        values = S.codelist(cl).code_values()
        return [values[i] for i in self.parameterAsEnums(parameters, name, context)]

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        counties = [
            c.strip() for c in (self.parameterAsString(parameters, "COUNTIES", context) or "").split(",") if c.strip()
        ]
        kinds = self._codes(parameters, "KINDS", context, "abandoned_well_kind")
        risks = self._codes(parameters, "RISK", context, "risk_class")
        sealing = self._codes(parameters, "SEALING", context, "sealing_status")
        try:
            rows = W.abandoned_well_rows(path, counties, kinds, risks, sealing)
        except W.WorkflowError as exc:
            fail(str(exc))
        out = {"N_WELLS": len(rows)}
        bits = []
        for label, values, cl in (
            ("县区", counties, None),
            ("类型", kinds, "abandoned_well_kind"),
            ("风险等级", risks, "risk_class"),
            ("封井状态", sealing, "sealing_status"),
        ):
            if values:
                shown = values if cl is None else [S.codelist(cl).label(v, "zh") for v in values]
                bits.append(f"{label}={'、'.join(shown)}")
        if parameters.get("XLSX"):
            out["XLSX"] = W.write_abandoned_wells_xlsx(
                self.parameterAsFileOutput(parameters, "XLSX", context),
                rows,
                self.parameterAsString(parameters, "CITY", context) or "",
                "；".join(bits),
            )
        fields = QgsFields()
        for name, kind in FIELDS:
            fields.append(QgsField(name, kind))
        crs = QgsCoordinateReferenceSystem(gpkg.read_meta(path).get("crs", S.DEFAULT_CRS))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.Point, crs)
        if sink is not None:
            kinds_cl, risk_cl, seal_cl = (
                S.codelist(n) for n in ("abandoned_well_kind", "risk_class", "sealing_status")
            )
            for r in rows:
                if feedback.isCanceled():
                    break
                f = QgsFeature(fields)
                f.setAttributes(
                    [
                        r.no,
                        r.uuid,
                        r.well_code,
                        r.name_zh,
                        r.kind,
                        kinds_cl.label(r.kind, "zh"),
                        r.county_code,
                        r.county_name,
                        r.depth_m,
                        r.risk_class,
                        risk_cl.label(r.risk_class, "zh") if r.risk_class else None,
                        r.sealing_status,
                        seal_cl.label(r.sealing_status, "zh"),
                        r.sealed_on,
                    ]
                )
                if r.x == r.x:
                    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(r.x, r.y)))
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            out["OUTPUT"] = dest
        feedback.pushInfo(self.tr("{n} abandoned wells in the ledger.").format(n=len(rows)))
        return out
