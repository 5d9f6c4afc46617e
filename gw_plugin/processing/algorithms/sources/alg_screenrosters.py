"""gwplugin:screenrosters, gwplugin:publishroster, gwplugin:exportroster — dual-roster screening from the editable
rules, versioned publication and the official XLSX/PDF listing (core/sources/rosters.py, roster_screening.py,
roster_publication.py, core/data/reports.py)."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
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
from ....core.data import schema as S
from ....core.sources import roster_publication as RP
from ....core.sources import roster_screening as RS
from ....core.sources import rosters as R
from ...base import GwAlgorithm, fail
from ...params import SOURCES_GROUP, SOURCES_GROUP_ID, current_user, database_parameter


def roster_labels() -> list:
    cl = S.codelist("roster_kind")
    return [f"{c.zh} / {c.en}" for c in cl.codes]


class ScreenRostersAlgorithm(GwAlgorithm):
    NAME = "screenrosters"
    DISPLAY = "Screen sources for the rosters"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Applies the roster rules (editable JSON; default the shipped resources/config/roster_rules.json derived "
        "from seeds 000, 001 and 004) to every pollution source and proposes membership of the groundwater key "
        "discharge units, groundwater key supervised units and soil key supervised units rosters, each proposal "
        "with its reasons. Proposals are written to roster_entries with status 'proposed' unless WRITE is off. "
        "An existing entry for the same source and roster is never duplicated; accepted, rejected and published "
        "entries are never changed. Proposals that no rule matches any more are reported, not deleted."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter(self.tr))
        self.addParameter(
            QgsProcessingParameterFile(
                "RULES",
                self.tr("Roster rules (JSON; empty = shipped defaults)"),
                QgsProcessingParameterFile.Behavior.File,
                "json",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "ROSTERS", self.tr("Rosters"), roster_labels(), allowMultiple=True, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean("WRITE", self.tr("Write the proposals to the database"), True, optional=True)
        )
        self.addParameter(QgsProcessingParameterString("USER", self.tr("User"), optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Roster proposals"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        rules_path = self.parameterAsFile(parameters, "RULES", context) or None
        idx = self.parameterAsEnums(parameters, "ROSTERS", context) or []
        wanted = [R.ROSTERS[i] for i in idx] or list(R.ROSTERS)
        write = parameters.get("WRITE") is None or self.parameterAsBool(parameters, "WRITE", context)
        user = self.parameterAsString(parameters, "USER", context) or current_user()
        try:
            rules = R.load_rules(rules_path)
            res = RS.screen(path, rules, write=write, user=user, rosters=wanted)
        except R.RosterError as exc:
            fail(str(exc))
        fields = QgsFields()
        for name, kind in (
            ("source_uuid", QVariant.Type.String),
            ("county_code", QVariant.Type.String),
            ("roster", QVariant.Type.String),
            ("roster_zh", QVariant.Type.String),
            ("rules", QVariant.Type.String),
            ("reason", QVariant.Type.String),
            ("action", QVariant.Type.String),
        ):
            fields.append(QgsField(name, kind))
        result = {"N_SOURCES": res.n_sources, "N_NEW": res.counts.get("new", 0), "N_STALE": len(res.stale)}
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        if sink is not None:
            label = S.codelist("roster_kind")
            for p in res.proposals:
                f = QgsFeature(fields)
                f.setAttributes(
                    [
                        p.source_uuid,
                        p.county_code,
                        p.roster,
                        label.label(p.roster, "zh"),
                        ",".join(p.rule_ids),
                        p.reason,
                        p.action,
                    ]
                )
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            result["OUTPUT"] = dest
        for rid, n in res.matches_by_rule.items():
            feedback.pushInfo(self.tr("Rule {rule}: {n} sources").format(rule=rid, n=n))
        feedback.pushInfo(
            self.tr(
                "{n} sources screened; proposals: {new} new, {upd} updated, {same} unchanged, {dec} already decided; "
                "{stale} earlier proposals no longer matched"
            ).format(
                n=res.n_sources,
                new=res.counts.get("new", 0),
                upd=res.counts.get("updated", 0),
                same=res.counts.get("unchanged", 0),
                dec=res.counts.get("decided", 0),
                stale=len(res.stale),
            )
        )
        return result


class PublishRosterAlgorithm(GwAlgorithm):
    NAME = "publishroster"
    DISPLAY = "Publish a roster version"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Publishes the accepted entries of a roster as a new, immutable version: each accepted entry is copied to a "
        "roster_entries row with status 'published' and the version name. A version name can be published once."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter(self.tr))
        self.addParameter(
            QgsProcessingParameterEnum("ROSTER", self.tr("Roster"), roster_labels(), defaultValue=1, optional=True)
        )
        self.addParameter(QgsProcessingParameterString("VERSION", self.tr("Version name (e.g. 2023-1)")))
        self.addParameter(QgsProcessingParameterString("USER", self.tr("User"), optional=True))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        roster = R.ROSTERS[self.parameterAsEnum(parameters, "ROSTER", context)]
        version = self.parameterAsString(parameters, "VERSION", context)
        user = self.parameterAsString(parameters, "USER", context) or current_user()
        try:
            n = RP.publish(path, roster, version, user or "gw_plugin")
        except R.RosterError as exc:
            fail(str(exc))
        feedback.pushInfo(self.tr("Published {n} entries as version {v}").format(n=n, v=version))
        return {"N_PUBLISHED": n, "VERSION": version}


class ExportRosterAlgorithm(GwAlgorithm):
    NAME = "exportroster"
    DISPLAY = "Export a roster (XLSX / PDF)"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Writes a roster in the official layout — 序号, 单位名称, 统一社会信用代码, 所在县（市、区）, 类别, 地址, "
        "纳入理由 — to an Excel workbook and/or a PDF. VERSION names a published version; empty lists the current "
        "accepted entries."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter(self.tr))
        self.addParameter(
            QgsProcessingParameterEnum("ROSTER", self.tr("Roster"), roster_labels(), defaultValue=1, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                "VERSION", self.tr("Published version (empty = accepted entries)"), optional=True
            )
        )
        self.addParameter(QgsProcessingParameterString("CITY", self.tr("City name for the title"), optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "XLSX", self.tr("Excel workbook"), self.tr("Excel (*.xlsx)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination("PDF", self.tr("PDF"), self.tr("PDF (*.pdf)"), optional=True)
        )

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        roster = R.ROSTERS[self.parameterAsEnum(parameters, "ROSTER", context)]
        version = self.parameterAsString(parameters, "VERSION", context) or None
        city = self.parameterAsString(parameters, "CITY", context) or ""
        xlsx = self.parameterAsFileOutput(parameters, "XLSX", context) if parameters.get("XLSX") else ""
        pdf = self.parameterAsFileOutput(parameters, "PDF", context) if parameters.get("PDF") else ""
        if not xlsx and not pdf:
            fail(self.tr("Choose an Excel and/or a PDF file."))
        if version and version not in [v for v, _d, _n in RP.versions(path, roster)]:
            fail(self.tr("Version {v} of this roster has not been published.").format(v=version))
        rows = RP.roster_rows(path, roster, version)
        out = {"N_ROWS": len(rows)}
        if xlsx:
            out["XLSX"] = reports.write_roster_xlsx(xlsx, roster, rows, version, city)
        if pdf:
            out["PDF"] = reports.write_roster_pdf(pdf, roster, rows, version, city)
        feedback.pushInfo(self.tr("{n} units listed").format(n=len(rows)))
        return out
