"""gwplugin:screensitesoil — every soil result of the project database screened against GB 36600-2018 for its site's
planned land class (core/soil/screening.py over core/soil/soil_import.py ``screened_rows``), the per-site summary,
and each site's soil exceedance written back (sites.soil_exceedance)."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.soil import groundwater as GW
from ....core.soil import screening as S
from ....core.soil import soil_import as SI
from ....toolbelt.i18n import ui_language
from ...base import GwAlgorithm
from ...params import current_user, database_parameter
from .soil_common import GROUP_ID, checked_database

RESULT_FIELDS = (
    ("site_code", QVariant.String),
    ("point_code", QVariant.String),
    ("sample_code", QVariant.String),
    ("top_m", QVariant.Double),
    ("bottom_m", QVariant.Double),
    ("parameter", QVariant.String),
    ("value_text", QVariant.String),
    ("unit", QVariant.String),
    ("land_class", QVariant.Int),
    ("screening_value", QVariant.Double),
    ("intervention_value", QVariant.Double),
    ("exceeds_screening", QVariant.Bool),
    ("exceeds_intervention", QVariant.Bool),
    ("soil_note", QVariant.String),
)
SUMMARY_FIELDS = (
    ("site_code", QVariant.String),
    ("parameter", QVariant.String),
    ("samples", QVariant.Int),
    ("exceeding_screening", QVariant.Int),
    ("exceeding_intervention", QVariant.Int),
    ("max_ratio", QVariant.Double),
    ("max_ratio_point", QVariant.String),
    ("exceeding_points", QVariant.String),
    ("exceeding_depths", QVariant.String),
    ("deepest_exceedance_m", QVariant.Double),
)


def _fields(spec) -> QgsFields:
    out = QgsFields()
    for name, kind in spec:
        out.append(QgsField(name, kind))
    return out


class ScreenSiteSoilAlgorithm(GwAlgorithm):
    NAME = "screensitesoil"
    DISPLAY = "Screen the soil results of the sites (GB 36600-2018)"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Screens every soil result of the project database (soil_results of the samples of the sampling points of "
        "each site) against GB 36600-2018 for the site's planned land class (class 1 where none is given, §5.3.1), "
        "and writes each site's soil exceedance back to the sites: exceeding when a result is above its screening "
        "value, not exceeding when every result was judged and none is, unknown otherwise. Outputs: every result "
        "with its screening, and the per-site summary (maximum ratio per pollutant, exceeding points, depths)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterBoolean("WRITE_SITES", self.tr("Write each site's soil exceedance"), True)
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Screened soil results")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "SUMMARY", self.tr("Per-site summary"), optional=True, createByDefault=False
            )
        )
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Results screened")))
        self.addOutput(QgsProcessingOutputNumber("SITES_EXCEEDING", self.tr("Sites above a screening value")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        lang = ui_language()
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, _fields(RESULT_FIELDS), QgsWkbTypes.Type.NoGeometry
        )
        summary = S.SiteSummary()
        code_of = {}
        rows = SI.screened_rows(path)
        for r in rows:
            if feedback.isCanceled():
                return {}
            res = S.screen(r["parameter"], r["value_text"], r["unit"], r["planned_land_class"])
            summary.add(r["site_uuid"], r["point_code"], r["top_m"], r["bottom_m"], res)
            code_of[r["site_uuid"]] = r["site_code"]
            f = QgsFeature(_fields(RESULT_FIELDS))
            f.setAttributes(
                [
                    r["site_code"],
                    r["point_code"],
                    r["sample_code"],
                    r["top_m"],
                    r["bottom_m"],
                    r["parameter"],
                    r["value_text"],
                    r["unit"],
                    res.land_class,
                    res.screening_value,
                    res.intervention_value,
                    res.exceeds_screening,
                    res.exceeds_intervention,
                    res.note(lang),
                ]
            )
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        states = summary.site_states()
        if self.parameterAsBool(parameters, "WRITE_SITES", context):
            GW.write_soil(path, states, current_user())
        results = {
            "OUTPUT": dest,
            "ROWS": len(rows),
            "SITES_EXCEEDING": sum(1 for s in states.values() if s == "exceeding"),
        }
        if parameters.get("SUMMARY"):
            ssink, sdest = self.parameterAsSink(
                parameters, "SUMMARY", context, _fields(SUMMARY_FIELDS), QgsWkbTypes.Type.NoGeometry
            )
            for s in summary.pollutants():
                f = QgsFeature(_fields(SUMMARY_FIELDS))
                f.setAttributes(
                    [
                        code_of.get(s.site, s.site),
                        s.parameter,
                        s.n,
                        s.n_exceeding_screening,
                        s.n_exceeding_intervention,
                        s.max_ratio,
                        s.max_point,
                        ", ".join(s.exceeding_points),
                        s.depths_text(),
                        s.deepest_exceedance_m,
                    ]
                )
                ssink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            results["SUMMARY"] = sdest
        return results
