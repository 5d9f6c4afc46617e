"""gwplugin:classifysites — soil–groundwater co-management class of sites by the rule of seed 001 二(四)1, with an
explicit outcome and bilingual reason for every combination (core/sources/site_class.py)."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QVariant

from ....core.sources import site_class as sites
from ....toolbelt.qt import null_to_none
from ...base import GwAlgorithm, fail
from ...params import SOURCES_GROUP, SOURCES_GROUP_ID

NEEDED = ("soil_exceedance", "gw_exceedance", "characteristic_pollutants", "gw_exceeding_pollutants")
OUT_FIELDS = ("outcome", "outcome_zh", "outcome_en", "reason_zh", "reason_en", "matched_pollutants", "rule_applies")


def _value(feat, name):
    v = feat[name]
    return None if null_to_none(v) is None else str(v)


class ClassifySitesAlgorithm(GwAlgorithm):
    NAME = "classifysites"
    DISPLAY = "Classify sites (soil–groundwater co-management)"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Seed 001 二(四)1: for closed/relocated sites whose soil is not above the screening values but whose "
        "groundwater exceeds, a site whose exceeding groundwater pollutant is one of its characteristic pollutants "
        "is managed as a contaminated site; otherwise it is managed under the groundwater key-zone control class. "
        "Every other combination gets an explicit outcome: soil exceeding → detailed survey and risk assessment; "
        "both not exceeding → routine supervision; missing investigations → investigate soil / groundwater / both; "
        "empty pollutant lists → pollutant data needed; operating enterprises → source control and assessment. "
        "The input needs the fields soil_exceedance, gw_exceedance, characteristic_pollutants and "
        "gw_exceeding_pollutants (site_status is used when present)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource("INPUT", self.tr("Sites"), [QgsProcessing.SourceType.TypeVector])
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Classified sites")))

    def processAlgorithm(self, parameters, context, feedback):
        src = self.parameterAsSource(parameters, "INPUT", context)
        names = src.fields().names()
        missing = [n for n in NEEDED if n not in names]
        if missing:
            fail(self.tr("The sites layer lacks the fields: {f}").format(f=", ".join(missing)))
        fields = QgsFields(src.fields())
        for n in OUT_FIELDS:
            if n in names:
                fail(self.tr("The sites layer already has a field {f}; rename it first.").format(f=n))
            fields.append(QgsField(n, QVariant.Type.Bool if n == "rule_applies" else QVariant.Type.String))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, src.wkbType(), src.sourceCrs())
        total = src.featureCount() or 1
        counts: dict = {}
        for i, feat in enumerate(src.getFeatures()):
            if feedback.isCanceled():
                break

            attrs = {n: _value(feat, n) for n in (*NEEDED, "site_status") if n in names}
            c = sites.classify_rows([attrs])[0]
            counts[c.outcome] = counts.get(c.outcome, 0) + 1
            f = QgsFeature(fields)
            f.setGeometry(feat.geometry())
            f.setAttributes(
                list(feat.attributes())
                + [
                    c.outcome,
                    c.outcome_zh,
                    c.outcome_en,
                    c.reason_zh,
                    c.reason_en,
                    "、".join(c.matched),
                    c.rule_applies,
                ]
            )
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(100.0 * (i + 1) / total)
        for k, n in sorted(counts.items()):
            feedback.pushInfo(f"{sites.OUTCOMES[k][0]} / {sites.OUTCOMES[k][1]}: {n}")
        return {"OUTPUT": dest, **{f"N_{k.upper()}": n for k, n in counts.items()}}
