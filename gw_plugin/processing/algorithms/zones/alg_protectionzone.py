"""gwplugin:protectionzone — circular protection zones around drinking-water wells (HJ 338 formula, HJ 338
empirical radius table by aquifer medium, US EPA calculated fixed radius). Every numeric parameter can be
overridden per well by a field of the input with the same name (case-insensitive)."""

from __future__ import annotations

import json

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ....core.zones import methods as Z
from ...base import GwAlgorithm, fail
from .zone_inputs import feature_value, make_fields, read_zone_inputs, to_multipolygon, well_point, well_uuid_of

METHODS = ["hj338_formula", "hj338_table", "fixed_radius"]


class ProtectionZoneAlgorithm(GwAlgorithm):
    NAME = "protectionzone"
    DISPLAY = "Protection zones of drinking-water wells (HJ 338 / fixed radius)"
    GROUP_ID = "zones"
    GROUP = "Protection and recharge zones"
    HELP = (
        "Draws a circular protection zone around every well of INPUT (a point layer; a geographic layer is "
        "reprojected to the project's projected CRS).\n"
        "METHOD hj338_formula: R = ALPHA x K x GRADIENT x TRAVEL_TIME / POROSITY (HJ 338; class I uses "
        "TRAVEL_TIME = 100 d, class II 1000 d; ALPHA is the safety factor, commonly 1.5). GRADIENT is HJ 338's I, "
        "the hydraulic gradient within the cone of depression of the pumping well, not the regional gradient: "
        "with RADIUS_OF_INFLUENCE > 0 it is estimated as the mean gradient of the Thiem cone, "
        "I = Q ln(R/0.1) / (2 pi K H (R - 0.1)). A radius below the empirical table's range for MEDIUM is "
        "reported as a warning. The zone class written is class_1 for TRAVEL_TIME <= 100 d, otherwise class_2.\n"
        "METHOD hj338_table: class I and class II radii of the empirical table for MEDIUM (fine_sand, "
        "medium_sand, coarse_sand, gravel, cobble, or the Chinese names 细砂 中砂 粗砂 砾石 卵石), read from "
        "resources/reference/hj338_radius_table.csv. ALL TABLE VALUES ARE UNVERIFIED (recalled from HJ/T 338-2007, "
        "not checked against the standard text); the drawn radius is the table's radius_default_m (the upper bound "
        "of the range). Edit the CSV to change them.\n"
        "METHOD fixed_radius: calculated fixed radius r = sqrt(Q x TRAVEL_TIME / (pi x POROSITY x H)) (US EPA, "
        "EPA-440/5-93-001), H = screen length or saturated thickness.\n"
        "Units: K m/d, TRAVEL_TIME d, Q m3/d, H m. Each parameter is overridden per well by a field of INPUT with "
        "the same name (case-insensitive, e.g. a field 'k' or 'POROSITY'); empty field values use the parameter. "
        "The wording of HJ 338 is unverified (see ../shared/reference/README.md §2): check before citing.\n"
        "Output: one polygon per well and zone with the parameters used (unused ones NULL) and well_uuid."
    )

    #: (name, label, default); the labels are marked for pylupdate5 and translated in initAlgorithm
    NUMERIC = [
        ("ALPHA", QT_TRANSLATE_NOOP("ProtectionZoneAlgorithm", "Safety factor alpha"), Z.HJ338_ALPHA_DEFAULT),
        ("K", QT_TRANSLATE_NOOP("ProtectionZoneAlgorithm", "Hydraulic conductivity K (m/d)"), 10.0),
        (
            "GRADIENT",
            QT_TRANSLATE_NOOP("ProtectionZoneAlgorithm", "Hydraulic gradient I within the cone of depression"),
            0.001,
        ),
        ("POROSITY", QT_TRANSLATE_NOOP("ProtectionZoneAlgorithm", "Effective porosity n"), 0.2),
        ("TRAVEL_TIME", QT_TRANSLATE_NOOP("ProtectionZoneAlgorithm", "Travel time T (d)"), Z.HJ338_T_CLASS_I),
        ("Q", QT_TRANSLATE_NOOP("ProtectionZoneAlgorithm", "Pumping rate Q (m3/d)"), 1000.0),
        ("H", QT_TRANSLATE_NOOP("ProtectionZoneAlgorithm", "Screen length / saturated thickness H (m)"), 20.0),
        (
            "RADIUS_OF_INFLUENCE",
            QT_TRANSLATE_NOOP(
                "ProtectionZoneAlgorithm", "Radius of influence R to estimate I from Q, K, H (m; 0 = use I)"
            ),
            0.0,
        ),
    ]

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource("INPUT", self.tr("Wells"), [QgsProcessing.SourceType.TypeVectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterEnum("METHOD", self.tr("Method"), METHODS, False, METHODS[0], False, True)
        )
        for name, label, default in self.NUMERIC:
            self.addParameter(
                QgsProcessingParameterNumber(name, self.tr(label), QgsProcessingParameterNumber.Type.Double, default)
            )
        self.addParameter(QgsProcessingParameterString("MEDIUM", self.tr("Aquifer medium (table)"), "medium_sand"))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Protection zones"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )

    @staticmethod
    def output_fields() -> QgsFields:
        return make_fields(
            [
                ("well_uuid", QVariant.String),
                ("zone_class", QVariant.String),
                ("method", QVariant.String),
                ("radius_m", QVariant.Double),
                ("alpha", QVariant.Double),
                ("k", QVariant.Double),
                ("gradient", QVariant.Double),
                ("porosity", QVariant.Double),
                ("travel_time", QVariant.Double),
                ("q", QVariant.Double),
                ("h", QVariant.Double),
                ("medium", QVariant.String),
                ("value_status", QVariant.String),
                ("parameters", QVariant.String),
            ]
        )

    def processAlgorithm(self, parameters, context, feedback):
        source, method, defaults, overrides, crs, transform = read_zone_inputs(
            self,
            parameters,
            context,
            feedback,
            METHODS,
            {"MEDIUM": self.parameterAsString(parameters, "MEDIUM", context)},
        )
        table = Z.load_radius_table() if method in ("hj338_table", "hj338_formula") else None
        fields = self.output_fields()
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.MultiPolygon, crs)
        warned = set()
        total = max(source.featureCount(), 1)
        written = 0
        for n_feat, feat in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                break
            xy = well_point(feat, transform)
            if xy is None:
                feedback.reportError(self.tr("Feature {fid} has no geometry; skipped.").format(fid=feat.id()))
                continue
            p = {k: feature_value(feat, overrides, k, v) for k, v in defaults.items()}
            uuid = well_uuid_of(feat, source)
            try:
                zones = self._zones(method, p, table)
            except (Z.ZoneInputError, ValueError) as exc:
                fail(self.tr("Well {w}: {e}").format(w=uuid or feat.id(), e=str(exc)))
            for zone_class, radius, used, status in zones:
                warn = Z.table_range_warning(radius, str(p.get("MEDIUM") or ""), zone_class, table)
                if method == "hj338_formula" and warn:
                    status += "; below the empirical table's range"
                    if warn not in warned:
                        warned.add(warn)
                        feedback.pushWarning(warn)
                out = QgsFeature(fields)
                out.setGeometry(to_multipolygon(Z.circle(xy[0], xy[1], radius)))
                rec = {
                    "well_uuid": uuid,
                    "zone_class": zone_class,
                    "method": method,
                    "radius_m": radius,
                    "value_status": status,
                }
                for key in ("ALPHA", "K", "GRADIENT", "POROSITY", "TRAVEL_TIME", "Q", "H", "MEDIUM"):
                    rec[key.lower()] = used.get(key)
                rec["parameters"] = json.dumps(
                    {"method": method, "radius_m": radius, **{k.lower(): v for k, v in used.items()}},
                    ensure_ascii=False,
                )
                for k, v in rec.items():
                    out.setAttribute(k, v)
                sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
                written += 1
            feedback.setProgress(100.0 * (n_feat + 1) / total)
        feedback.pushInfo(self.tr("{n} protection zones written.").format(n=written))
        return {"OUTPUT": dest}

    @staticmethod
    def _zones(method: str, p: dict, table) -> list:
        """(zone_class, radius, parameters used, value status) of one well."""
        if method == "hj338_formula":
            used = {k: float(p[k]) for k in ("ALPHA", "K", "GRADIENT", "POROSITY", "TRAVEL_TIME")}
            r_inf = float(p.get("RADIUS_OF_INFLUENCE") or 0.0)
            if r_inf > 0:  # I = the mean gradient of the cone of depression (Thiem, core/zones/methods.py)
                used["RADIUS_OF_INFLUENCE"] = r_inf
                used["GRADIENT"] = Z.cone_gradient(float(p["Q"]), used["K"], float(p["H"]), r_inf)
            r = Z.hj338_radius(used["K"], used["GRADIENT"], used["TRAVEL_TIME"], used["POROSITY"], used["ALPHA"])
            return [(Z.zone_class_for_travel_time(used["TRAVEL_TIME"]), r, used, "formula; HJ 338 wording unverified")]
        if method == "fixed_radius":
            used = {k: float(p[k]) for k in ("Q", "TRAVEL_TIME", "POROSITY", "H")}
            r = Z.fixed_radius(used["Q"], used["TRAVEL_TIME"], used["POROSITY"], used["H"])
            return [(Z.zone_class_for_travel_time(used["TRAVEL_TIME"]), r, used, "formula (EPA-440/5-93-001)")]
        out = []
        for zone_class in ("class_1", "class_2"):
            row = Z.table_radius(str(p["MEDIUM"]), zone_class, table)
            used = {"MEDIUM": row.medium}
            out.append((zone_class, row.radius_default_m, used, f"{row.status}: {row.source}"))
        return out
