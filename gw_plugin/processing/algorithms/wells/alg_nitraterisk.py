"""gwplugin:nitraterisk — hazard quotient of nitrate in drinking groundwater per well, adults and children."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ....core.wells import classify, series
from ....core.wells import health_risk as hr
from ...base import GwAlgorithm, fail
from .wells_output import open_wells, write_rows

STATISTICS = ["latest", "mean"]
EXTRA = [
    ("statistic", "string"),
    ("nitrate_n_mg_l", "double"),
    ("sampled_on", "string"),
    ("n", "int"),
    ("hq_adult", "double"),
    ("hq_child", "double"),
    ("risk_adult", "string"),
    ("risk_child", "string"),
    ("rfd", "double"),
    ("exposure", "string"),
]


def _num(name, label, default, minimum=0.0):
    """A number parameter; ``label`` is already translated (a literal self.tr() at the call, seen by pylupdate5)."""
    return QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Type.Double, default, False, minimum)


class NitrateRiskAlgorithm(GwAlgorithm):
    NAME = "nitraterisk"
    DISPLAY = "Nitrate health risk (hazard quotient)"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Hazard quotient HQ = CDI / RfD with CDI = C·IR·EF·ED/(BW·AT), AT = ED·365 d, from the latest or the mean "
        "nitrate (as N) of each well. RfD 1.6 mg/(kg·d) as nitrate-N (US EPA IRIS). Default exposure parameters from "
        "HJ 25.3-2019 as transcribed by a public implementation (adult BW 61.8 kg, 1.0 L/d, ED 24 a; child 19.2 kg, "
        "0.7 L/d, ED 6 a; EF 350 d/a) — verify before citing; all are editable and written to the output. "
        "The parameter may be given by any name the import recognises (NO3-N, nitrate …); values are stored as N "
        "(a lab's 'as NO3' is converted at import). Non-detects count as half their detection limit."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterString("PARAMETER", self.tr("Nitrate parameter (as N)"), "硝酸盐"))
        self.addParameter(
            QgsProcessingParameterEnum(
                "STATISTIC", self.tr("Concentration"), [self.tr("Latest"), self.tr("Mean")], False, 0
            )
        )
        self.addParameter(_num("RFD", self.tr("Reference dose RfD (mg/kg/d as N)"), hr.RFD_NITRATE_N, 1e-6))
        a, c = hr.ADULT, hr.CHILD
        self.addParameter(_num("BW_ADULT", self.tr("Body weight, adult (kg)"), a.body_weight_kg, 1))
        self.addParameter(_num("IR_ADULT", self.tr("Drinking water, adult (L/d)"), a.intake_l_per_day))
        self.addParameter(_num("ED_ADULT", self.tr("Exposure duration, adult (a)"), a.exposure_duration_a, 0.1))
        self.addParameter(_num("BW_CHILD", self.tr("Body weight, child (kg)"), c.body_weight_kg, 1))
        self.addParameter(_num("IR_CHILD", self.tr("Drinking water, child (L/d)"), c.intake_l_per_day))
        self.addParameter(_num("ED_CHILD", self.tr("Exposure duration, child (a)"), c.exposure_duration_a, 0.1))
        self.addParameter(_num("EF", self.tr("Exposure frequency (d/a)"), a.exposure_frequency_d_per_a, 1))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Nitrate health risk")))

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        parameter = self.parameterAsString(parameters, "PARAMETER", context).strip()
        ind = classify.resolve(parameter)  # any spelling: NO3-N, nitrate, 硝酸盐氮 …
        if ind is None:
            fail(self.tr("{p} is not a GB/T 14848-2017 indicator.").format(p=parameter))
        if ind.key != "硝酸盐":
            feedback.pushWarning(self.tr("{p} is not nitrate: the reference dose is nitrate's.").format(p=ind.key))
        parameter = ind.key
        statistic = STATISTICS[self.parameterAsEnum(parameters, "STATISTIC", context)]
        num = lambda k: self.parameterAsDouble(parameters, k, context)  # noqa: E731
        rfd, ef = num("RFD"), num("EF")
        adult = hr.Exposure("adult", num("BW_ADULT"), num("IR_ADULT"), ef, num("ED_ADULT"))
        child = hr.Exposure("child", num("BW_CHILD"), num("IR_CHILD"), ef, num("ED_CHILD"))
        exposure = (
            f"RfD={rfd:g}; EF={ef:g}; adult BW={adult.body_weight_kg:g} IR={adult.intake_l_per_day:g} "
            f"ED={adult.exposure_duration_a:g}; child BW={child.body_weight_kg:g} IR={child.intake_l_per_day:g} "
            f"ED={child.exposure_duration_a:g}"
        )
        wells = open_wells(db)
        rows = {}
        for uuid, s in series.all_series(db, parameter).items():
            if feedback.isCanceled():
                break
            v = s.for_statistics()
            ok = ~np.isnan(v)
            if not ok.any():
                continue
            if statistic == "latest":
                k = int(np.flatnonzero(ok)[-1])
                conc, when = float(v[k]), s.dates[k].isoformat()
            else:
                conc, when = float(v[ok].mean()), f"{s.dates[0].isoformat()}/{s.dates[-1].isoformat()}"
            hq_a = hr.hazard_quotient(conc, adult, rfd)
            hq_c = hr.hazard_quotient(conc, child, rfd)
            rows[uuid] = {
                "statistic": statistic,
                "nitrate_n_mg_l": conc,
                "sampled_on": when,
                "n": int(ok.sum()),
                "hq_adult": hq_a,
                "hq_child": hq_c,
                "risk_adult": hr.risk_level(hq_a),
                "risk_child": hr.risk_level(hq_c),
                "rfd": rfd,
                "exposure": exposure,
            }
        dest, n = write_rows(self, parameters, context, wells, rows, EXTRA, feedback)
        over = sum(1 for r in rows.values() if r["hq_child"] > 1)
        feedback.pushInfo(self.tr("{n} wells; {o} with HQ > 1 for children.").format(n=n, o=over))
        return {"OUTPUT": dest}
