"""gwplugin:trend — Mann–Kendall test and Sen's slope per well for one parameter of a project GeoPackage."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ....core.wells import classify, series
from ....core.wells.trend import MAX_CENSORED, censored_trend
from ...base import GwAlgorithm, fail
from .wells_output import open_wells, write_rows

EXTRA = [
    ("parameter", "string"),
    ("unit", "string"),
    ("n", "int"),
    ("mk_s", "int"),
    ("mk_z", "double"),
    ("p_value", "double"),
    ("kendall_tau", "double"),
    ("sen_slope_per_year", "double"),
    ("trend", "string"),
    ("significant", "bool"),
    ("rising_significant", "bool"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("non_detects", "int"),
    ("n_censored", "int"),
    ("censor_level", "double"),
    ("note", "string"),
]


class TrendAlgorithm(GwAlgorithm):
    NAME = "trend"
    DISPLAY = "Water-quality trend (Mann-Kendall, Sen's slope)"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "For every well with at least MIN_SAMPLES results of PARAMETER (the standard's Chinese indicator name, e.g. "
        "硝酸盐 for nitrate as N), runs the Mann-Kendall trend test (tie-corrected variance, normal approximation "
        "with continuity correction; Gilbert 1987) and Sen's slope (units per year). The parameter may be given by any "
        "name the import recognises (NO3-N, nitrate, 硝酸盐氮 …). Non-detects: every value below the highest "
        "detection limit of the series is censored at that limit (one tie; Helsel 2012), so a changing detection "
        "limit cannot make a trend; a series with more than half of its values censored is reported as "
        "'insufficient data'. rising_significant flags a significant increasing trend."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterString("PARAMETER", self.tr("Parameter"), "硝酸盐"))
        self.addParameter(
            QgsProcessingParameterNumber(
                "ALPHA",
                self.tr("Significance level"),
                QgsProcessingParameterNumber.Type.Double,
                0.05,
                False,
                0.0001,
                0.5,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_SAMPLES",
                self.tr("Minimum number of samples"),
                QgsProcessingParameterNumber.Type.Integer,
                8,
                False,
                4,
                1000,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Trends")))

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        parameter = self.parameterAsString(parameters, "PARAMETER", context).strip()
        ind = classify.resolve(parameter)
        if ind is None:
            fail(self.tr("{p} is not a GB/T 14848-2017 indicator.").format(p=parameter))
        parameter = ind.key
        alpha = self.parameterAsDouble(parameters, "ALPHA", context)
        min_n = self.parameterAsInt(parameters, "MIN_SAMPLES", context)
        wells = open_wells(db)
        all_series = series.all_series(db, parameter)
        if not all_series:
            feedback.reportError(self.tr("No results of parameter {p} in the database.").format(p=parameter))
        rows = {}
        total = max(len(all_series), 1)
        for k, (uuid, s) in enumerate(all_series.items()):
            if feedback.isCanceled():
                break
            r = censored_trend(
                s.days(),
                s.values,
                s.below_detection,
                s.detection_limit,
                alpha=alpha,
                min_n=min_n,
                max_censored=MAX_CENSORED,
            )
            rows[uuid] = {
                "parameter": parameter,
                "unit": s.unit,
                "n": r.n,
                "mk_s": r.s,
                "mk_z": r.z,
                "p_value": r.p_value,
                "kendall_tau": r.tau,
                "sen_slope_per_year": None if r.sen_slope != r.sen_slope else r.sen_slope,
                "trend": r.trend,
                "significant": r.significant,
                "rising_significant": r.significant and r.s > 0,
                "first_date": s.dates[0].isoformat() if s.dates else None,
                "last_date": s.dates[-1].isoformat() if s.dates else None,
                "non_detects": int(s.below_detection.sum()),
                "n_censored": r.n_censored,
                "censor_level": None if r.censor_level != r.censor_level else r.censor_level,
                "note": self.tr("values below {dl} censored at that detection limit").format(dl=f"{r.censor_level:g}")
                if r.n_censored
                else "",
            }
            feedback.setProgress(80.0 * (k + 1) / total)
        dest, n = write_rows(self, parameters, context, wells, rows, EXTRA, feedback)
        rising = sum(1 for v in rows.values() if v["rising_significant"])
        feedback.pushInfo(self.tr("{n} wells tested; {r} with a significant rising trend.").format(n=n, r=rising))
        return {"OUTPUT": dest}
