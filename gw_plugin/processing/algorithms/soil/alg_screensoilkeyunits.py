"""gwplugin:screensoilkeyunits — the inclusion criteria of the soil key supervised units (seed 001 二(一)1) as editable
data rules (resources/reference/soil_key_unit_rules.json or the user's copy) applied to every pollution source, and
the units matched proposed for the roster soil_key_supervised (core/soil/soil_roster.py)."""

from __future__ import annotations

import datetime as _dt

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.soil import soil_roster as SR
from ....toolbelt.i18n import is_zh, ui_language
from ...base import GwAlgorithm, fail
from ...params import current_user, database_parameter
from .soil_common import GROUP_ID, checked_database, date_parameter

FIELDS = (
    ("source_code", QVariant.String),
    ("name_zh", QVariant.String),
    ("county_code", QVariant.String),
    ("rules", QVariant.String),
    ("reason", QVariant.String),
    ("entry_status", QVariant.String),
    ("source_uuid", QVariant.String),
)


class ScreenSoilKeyUnitsAlgorithm(GwAlgorithm):
    NAME = "screensoilkeyunits"
    DISPLAY = "Screen for soil key supervised units"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Seed 001 二(一)1 names who joins the soil key supervised units roster: potential high-risk enterprises of "
        "the key-industry enterprise land survey, enterprises whose production involves toxic and hazardous "
        "substances with a large soil-pollution hidden danger, enterprises with soil or groundwater exceeding, and "
        "dischargers found by inspections and enforcement. These criteria are editable data rules (default: the "
        "shipped resources/reference/soil_key_unit_rules.json; give your own copy to change categories, industry "
        "keywords, hidden-danger levels, inspection results or years). Every pollution source matched by a rule is "
        "listed with its reasons; with 'propose' on, each one without an entry on the roster gets a 'proposed' "
        "entry; entries already there (proposed, decided or published) are never changed. The survey's high-risk "
        "class is not in the database: that criterion is named in the log, not screened."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterFile(
                "RULES",
                self.tr("Rules (JSON; empty = shipped defaults)"),
                QgsProcessingParameterFile.Behavior.File,
                "json",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString("AS_OF", self.tr("As of (YYYY-MM-DD, empty = today)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterBoolean("PROPOSE", self.tr("Propose the units matched for the roster"), True)
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Units matched"), optional=True))
        self.addOutput(QgsProcessingOutputNumber("MATCHED", self.tr("Units matched")))
        self.addOutput(QgsProcessingOutputNumber("PROPOSED", self.tr("New proposals written")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        today = date_parameter(self, parameters, context, "AS_OF", _dt.date.today())
        try:
            rules = SR.load_rules(self.parameterAsFile(parameters, "RULES", context) or None)
        except SR.SoilRosterError as exc:
            fail(str(exc))
        zh = is_zh(ui_language())
        for u in rules.unsupported:
            feedback.pushWarning(
                self.tr("Not screened: {seed} — {why}").format(
                    seed=u.get("seed", u.get("id", "")), why=u.get("why_zh" if zh else "why_en", "")
                )
            )
        found = SR.screen(path, rules, today)
        proposed = (
            SR.propose(path, found, current_user()) if self.parameterAsBool(parameters, "PROPOSE", context) else 0
        )
        results = {"MATCHED": len(found), "PROPOSED": proposed}
        if parameters.get("OUTPUT"):
            fields = QgsFields()
            for name, kind in FIELDS:
                fields.append(QgsField(name, kind))
            sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
            for c in found:
                f = QgsFeature(fields)
                f.setAttributes(
                    [
                        c.source_code,
                        c.name_zh,
                        c.county_code,
                        ", ".join(c.rule_ids),
                        c.reason_zh if zh else c.reason_en,
                        c.entry_status,
                        c.source_uuid,
                    ]
                )
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            results["OUTPUT"] = dest
        feedback.pushInfo(self.tr("{m} units matched, {p} new proposals.").format(m=len(found), p=proposed))
        return results
