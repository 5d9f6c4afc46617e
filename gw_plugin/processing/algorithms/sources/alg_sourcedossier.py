"""gwplugin:sourcedossier — print the dossier of one pollution source, or the inspection form to take on a visit, as a
PDF in Chinese or English (core/sources/dossier.py; issue 16, item 6)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterFileDestination, QgsProcessingParameterString

from ....core.sources import dossier as DS
from ...base import GwAlgorithm, fail
from ...params import SOURCES_GROUP, SOURCES_GROUP_ID, database_parameter

LANGUAGES = ("zh", "en")
WORKFLOW_CHOICES = ("",) + DS.WORKFLOWS  # "" = the workflow of the source's latest step


class SourceDossierAlgorithm(GwAlgorithm):
    NAME = "sourcedossier"
    DISPLAY = "Print a source dossier or inspection form"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Prints one pollution source, found by its uuid, source code or unified social credit code, to a PDF. "
        "KIND dossier: identity, rosters with their versions and decisions, the dated workflow history, facilities, "
        "the enterprise's own monitoring wells with their latest GB/T 14848 class, photos and attachments (image "
        "files stored in the attachments folder are drawn), and the open tasks and deadlines (overdue "
        "rectifications, hidden-danger investigations due after listing, spot checks drawn and not yet checked). "
        "KIND form: the inspection form to print before a visit — identity, facilities with a column to fill, the "
        "findings of the last visits, the open tasks, the checklist of the workflow inspected (WORKFLOW; default: "
        "the workflow of the source's latest step) and blank fields and signatures. The checklists are drafted "
        "from the seeds' wording and are not an official form."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter(self.tr))
        self.addParameter(QgsProcessingParameterString("SOURCE", self.tr("Source (uuid, source code or credit code)")))
        self.addParameter(
            QgsProcessingParameterEnum(
                "LANGUAGE", self.tr("Language"), [self.tr("Chinese"), self.tr("English")], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "KIND", self.tr("Document"), [self.tr("Dossier"), self.tr("Inspection form")], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "WORKFLOW",
                self.tr("Workflow inspected (form)"),
                [self.tr("Latest step's workflow"), self.tr("Leakage investigation"), self.tr("Anti-seepage retrofit"),
                 self.tr("Self-monitoring"), self.tr("Detailed survey / risk control")],
                defaultValue=0,
                optional=True,
            )
        )  # fmt: skip
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("PDF"), self.tr("PDF (*.pdf)")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        key = self.parameterAsString(parameters, "SOURCE", context)
        lang = LANGUAGES[self.parameterAsEnum(parameters, "LANGUAGE", context)]
        kind = DS.KINDS[self.parameterAsEnum(parameters, "KIND", context)]
        wf = (
            WORKFLOW_CHOICES[self.parameterAsEnum(parameters, "WORKFLOW", context)]
            if parameters.get("WORKFLOW") is not None
            else ""
        )
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        try:
            pdf = DS.write_pdf(out, path, key, kind, lang, wf or None)
        except DS.DossierError as exc:
            fail(str(exc))
        feedback.pushInfo(self.tr("Written: {path}").format(path=pdf))
        return {"OUTPUT": pdf}
