"""gwplugin:indicators — pilot-zone indicators by county and city against a plan's targets and deadlines, as a
table, an Excel workbook and a PDF report with charts (core/sources/indicators.py, core/data/reports.py)."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import reports
from ....core.sources import indicator_snapshots as SN
from ....core.sources import indicators as I
from ...base import GwAlgorithm, fail
from ...params import SOURCES_GROUP, SOURCES_GROUP_ID, database_parameter

FIELDS = (
    ("indicator_id", QVariant.Type.String),
    ("indicator_zh", QVariant.Type.String),
    ("indicator_en", QVariant.Type.String),
    ("area_code", QVariant.Type.String),
    ("area_name", QVariant.Type.String),
    ("numerator", QVariant.Type.Int),
    ("denominator", QVariant.Type.Int),
    ("value", QVariant.Type.Double),
    ("unit", QVariant.Type.String),
    ("target", QVariant.Type.Double),
    ("deadline", QVariant.Type.String),
    ("expected_now", QVariant.Type.Double),
    ("status", QVariant.Type.String),
    ("status_zh", QVariant.Type.String),
    ("numerator_def", QVariant.Type.String),
    ("denominator_def", QVariant.Type.String),
    ("seed_ref", QVariant.Type.String),
)


class IndicatorsAlgorithm(GwAlgorithm):
    NAME = "indicators"
    DISPLAY = "Pilot-zone indicators"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Computes every indicator of a plan configuration that the data supports — self-monitoring completion, "
        "leakage investigation rate, share of spot checks and their coverage of source types, anti-seepage retrofit "
        "completion, detailed survey and risk-control plan completion, recharge-zone delineation of county-level "
        "and higher drinking-water sources, rosters published — for each county and the city. Each rate states its "
        "numerator and denominator. TODAY is the date the figures are computed AS OF, from the dated workflow history "
        "(any date, years before the plan included: a figure counts what had happened by then). COMPARE_TO adds a "
        "second date side by side in the workbook (sheet 年度对比; a stored year-end snapshot is used when there is "
        "one). Status: met (target reached), on track (at least the pro-rata share of the "
        "target for the time elapsed since the plan start), behind (below that, or the deadline passed), no data. "
        "Shipped plans: Zhengzhou 2022 (seed 000), Jincheng 2022 (seed 004) and the Zhengzhou soil pilot area 2022 (seed 001); PLAN_FILE takes your own JSON in "
        "the same format. Outputs: a table, an Excel workbook and a PDF report with a bar chart per indicator."
    )

    def initAlgorithm(self, config=None):
        self.plans = list(I.shipped_plans().items())
        self.addParameter(database_parameter(self.tr))
        self.addParameter(
            QgsProcessingParameterEnum(
                "PLAN", self.tr("Plan"), [k for k, _p in self.plans], defaultValue=0, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "PLAN_FILE",
                self.tr("Own plan configuration (JSON, overrides PLAN)"),
                QgsProcessingParameterFile.Behavior.File,
                "json",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString("TODAY", self.tr("Reporting date (YYYY-MM-DD, empty = today)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Indicators"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "XLSX", self.tr("Excel workbook"), self.tr("Excel (*.xlsx)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination("PDF", self.tr("PDF report"), self.tr("PDF (*.pdf)"), optional=True)
        )
        self.addParameter(QgsProcessingParameterBoolean("CHARTS", self.tr("Charts in the PDF"), True, optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                "COMPARE_TO", self.tr("Compare with the figures as of (YYYY-MM-DD, optional)"), optional=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        plan_file = self.parameterAsFile(parameters, "PLAN_FILE", context)
        plans = list(I.shipped_plans().items())
        try:
            if plan_file:
                plan = I.load_plan(plan_file)
            else:
                k = self.parameterAsEnum(parameters, "PLAN", context) if parameters.get("PLAN") is not None else 0
                plan = I.load_plan(plans[k][1])
        except (I.PlanError, IndexError) as exc:
            fail(str(exc))
        text = self.parameterAsString(parameters, "TODAY", context)
        try:
            today = dt.date.fromisoformat(text) if text else dt.date.today()
        except ValueError:
            fail(self.tr("The reporting date must be written YYYY-MM-DD."))
        text = self.parameterAsString(parameters, "COMPARE_TO", context)
        try:
            compare_to = dt.date.fromisoformat(text) if text else None
        except ValueError:
            fail(self.tr("The comparison date must be written YYYY-MM-DD."))
        report = I.compute(path, plan, today)
        out = {"PLAN": plan.id, "N_RESULTS": len(report.results), "AS_OF": report.today}
        fields = QgsFields()
        for name, kind in FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        if sink is not None:
            for row in I.results_as_rows(report):
                f = QgsFeature(fields)
                f.setAttributes([row[n] for n, _k in FIELDS])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            out["OUTPUT"] = dest
        if parameters.get("XLSX"):
            try:
                out["XLSX"] = reports.write_indicator_xlsx(
                    self.parameterAsFileOutput(parameters, "XLSX", context), report
                )
            except reports.XlsxUnavailableError as exc:  # openpyxl missing: one sentence with the install command
                raise QgsProcessingException(str(exc)) from None
            if compare_to is not None:
                before = SN.compare_report(path, plan, compare_to)
                SN.add_comparison_sheet(out["XLSX"], before, report)
                out["COMPARE_TO"] = before.today
        if parameters.get("PDF"):
            charts = parameters.get("CHARTS") is None or self.parameterAsBool(parameters, "CHARTS", context)
            out["PDF"] = reports.write_indicator_pdf(
                self.parameterAsFileOutput(parameters, "PDF", context), report, charts
            )
        for r in report.results:
            if r.area_code == report.city_code:
                feedback.pushInfo(
                    "{n}: {num}/{den} → {v} ({t}, {d}) {s}".format(
                        n=r.name_zh,
                        num=r.numerator,
                        den="—" if r.denominator is None else r.denominator,
                        v="—" if r.value is None else f"{r.value:.1f}",
                        t=r.target,
                        d=r.deadline,
                        s=r.status_zh,
                    )
                )
        return out
