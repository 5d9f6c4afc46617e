"""gwplugin:capturezone — steady capture zones and time-of-travel zones of pumping wells in uniform regional flow:
a well field is one flow field (superposition; the analytic single-well solution of Grubb 1993 only for a lone
well), with METHOD aem also the river reach next to the wells (timml when installed). The computation is the
dock's (core/zones/writer.compute_zones); this algorithm reads the layers and writes the sink."""

from __future__ import annotations

import json

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
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
from ....core.zones import writer as W
from ....toolbelt import geometry as G
from ...base import GwAlgorithm, fail
from .zone_inputs import feature_value, make_fields, read_zone_inputs, well_point, well_uuid_of

METHODS = ["uniform_flow", "aem"]
#: Wells with the same values of these are one well field (one aquifer).
AQUIFER_KEYS = ("K", "THICKNESS", "GRADIENT", "POROSITY", "FLOW_AZIMUTH", "UPGRADIENT_LENGTH")
#: HJ 338 travel times of class I / class II (core/zones/methods.py, unverified): the 100-d and 1000-d zones carry
#: the class they are for a large source.
CLASS_OF_DAYS = {Z.HJ338_T_CLASS_I: "class_1", Z.HJ338_T_CLASS_II: "class_2"}


class CaptureZoneAlgorithm(GwAlgorithm):
    NAME = "capturezone"
    DISPLAY = "Capture zones and time-of-travel zones of wells"
    GROUP_ID = "zones"
    GROUP = "Protection and recharge zones"
    HELP = (
        "Capture zones of pumping wells (INPUT, points; a geographic layer is reprojected to the project's projected "
        "CRS) in uniform regional flow.\n"
        "A well field is one flow field: wells with the same aquifer values (K, THICKNESS, GRADIENT, POROSITY, "
        "FLOW_AZIMUTH, UPGRADIENT_LENGTH) are computed together by superposition, so their zones do not overlap and "
        "together make the field's zone; the steady zones are bounded by the dividing streamlines through the "
        "stagnation points and closed UPGRADIENT_LENGTH metres up-gradient of the field's most up-gradient well.\n"
        "METHOD uniform_flow: wells and uniform flow only; a lone well uses the exact single-well solution (Grubb "
        "1993: stagnation point Q/(2 pi K B i) down-gradient, half-width Q/(4 K B i) at the well, Q/(2 K B i) far "
        "up-gradient).\n"
        "METHOD aem: all wells in one analytic-element model, with the river (RIVER, every feature of a line layer, "
        "merged) as a head-specified line along the reach next to the wells: image wells where that reach is "
        "straight, line sinks following it where it bends (timml solves the model when installed: pip install "
        "timml==6.9.0). Nothing of a zone lies beyond the river; a river too far away to matter is reported and "
        "not used. For aem only Q can vary per well.\n"
        "TRAVEL_TIMES: comma-separated days (e.g. 100,1000) of time-of-travel zones, found by tracking particle "
        "fans backwards from every well in the velocity field (v = q / POROSITY) and clipped to the well's steady "
        "zone; empty = steady capture zone only. The 100-day and 1000-day zones get zone_class class_1 / class_2: "
        "HJ 338's class I and II zones of a large source (>= 50,000 m3/d, threshold unverified).\n"
        "BOUNDARY (optional polygons, e.g. the aquifer's or the watershed's boundary): the zones reach up to it and "
        "end there instead of UPGRADIENT_LENGTH up-gradient.\n"
        "FLOW_AZIMUTH: direction the groundwater flows towards, degrees clockwise from north. Units: Q m3/d, K m/d, "
        "THICKNESS (saturated thickness B) m. Q, K, THICKNESS, GRADIENT, FLOW_AZIMUTH, POROSITY and "
        "UPGRADIENT_LENGTH are overridden per well by a field of INPUT with the same name (case-insensitive).\n"
        "Output: valid multipolygons with well_uuid (from INPUT's uuid field), kind, tot_days (NULL for the steady "
        "zone), zone_class, method, engine, area_m2 and the parameters used."
    )

    #: (name, label, default); the labels are marked for pylupdate5 and translated in initAlgorithm
    NUMERIC = [
        ("Q", QT_TRANSLATE_NOOP("CaptureZoneAlgorithm", "Pumping rate Q (m3/d)"), 1000.0),
        ("K", QT_TRANSLATE_NOOP("CaptureZoneAlgorithm", "Hydraulic conductivity K (m/d)"), 10.0),
        ("THICKNESS", QT_TRANSLATE_NOOP("CaptureZoneAlgorithm", "Saturated thickness B (m)"), 20.0),
        ("GRADIENT", QT_TRANSLATE_NOOP("CaptureZoneAlgorithm", "Regional hydraulic gradient i"), 0.001),
        (
            "FLOW_AZIMUTH",
            QT_TRANSLATE_NOOP("CaptureZoneAlgorithm", "Flow direction (degrees clockwise from north, towards)"),
            0.0,
        ),
        ("POROSITY", QT_TRANSLATE_NOOP("CaptureZoneAlgorithm", "Effective porosity n"), 0.2),
        (
            "UPGRADIENT_LENGTH",
            QT_TRANSLATE_NOOP("CaptureZoneAlgorithm", "Close the steady zone this far up-gradient (m)"),
            2000.0,
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
        self.addParameter(
            QgsProcessingParameterString(
                "TRAVEL_TIMES", self.tr("Time-of-travel zones (days, comma-separated)"), "100,1000", False, True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "RIVER",
                self.tr("River (head-specified line, aem only)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "BOUNDARY",
                self.tr("Boundary the zones end at (aquifer or watershed polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Capture zones"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )

    @staticmethod
    def output_fields() -> QgsFields:
        return make_fields(
            [
                ("well_uuid", QVariant.String),
                ("kind", QVariant.String),
                ("tot_days", QVariant.Double),
                ("zone_class", QVariant.String),
                ("method", QVariant.String),
                ("engine", QVariant.String),
                ("q", QVariant.Double),
                ("k", QVariant.Double),
                ("thickness", QVariant.Double),
                ("gradient", QVariant.Double),
                ("flow_azimuth", QVariant.Double),
                ("porosity", QVariant.Double),
                ("upgradient_length", QVariant.Double),
                ("stagnation_m", QVariant.Double),
                ("half_width_m", QVariant.Double),
                ("area_m2", QVariant.Double),
                ("parameters", QVariant.String),
            ]
        )

    def processAlgorithm(self, parameters, context, feedback):
        source, method, defaults, overrides, crs, transform = read_zone_inputs(
            self, parameters, context, feedback, METHODS
        )
        try:
            days = W.parse_days(self.parameterAsString(parameters, "TRAVEL_TIMES", context))
        except (Z.ZoneInputError, ValueError) as exc:
            fail(str(exc))
        wells = []
        for feat in source.getFeatures():
            xy = well_point(feat, transform)
            if xy is None:
                feedback.reportError(self.tr("Feature {fid} has no geometry; skipped.").format(fid=feat.id()))
                continue
            p = {k: feature_value(feat, overrides, k, v) for k, v in defaults.items()}
            try:
                p = {k: float(v) for k, v in p.items()}
            except (TypeError, ValueError) as exc:
                fail(self.tr("Feature {fid}: {e}").format(fid=feat.id(), e=str(exc)))
            uuid = well_uuid_of(feat, source)
            wells.append((W.WellInput(uuid, xy[0], xy[1], code=str(uuid or feat.id()), values={"Q": p["Q"]}), p))
        if not wells:
            fail(self.tr("The input layer has no wells."))
        fields = self.output_fields()
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.MultiPolygon, crs)
        boundary = self._boundary(parameters, context, crs)
        try:
            for group, p in self._fields(method, wells, overrides, feedback):
                river, note = None, ""
                if method == "aem":
                    river, note = self._river(parameters, context, crs, group, p, feedback)
                full = dict(p, TRAVEL_TIMES=list(days))  # a list: an empty one means steady zones only
                zones = W.compute_zones(
                    method, group, full, river=river, river_note=note, boundary=boundary, cancel=feedback.isCanceled,
                    progress=lambda f: feedback.setProgress(100.0 * f),
                )  # fmt: skip
                engines = sorted({z.parameters.get("engine") for z in zones})
                feedback.pushInfo(
                    self.tr("{n} well(s) as one flow field, engine {e}.").format(n=len(group), e=", ".join(engines))
                )
                for z in zones:
                    self._write(sink, fields, method, z, p)
        except Z.CanceledError:
            feedback.reportError(self.tr("Canceled: zones written so far are kept."))
        except (Z.ZoneInputError, ValueError) as exc:
            fail(str(exc))
        return {"OUTPUT": dest}

    def _fields(self, method, wells, overrides, feedback) -> list:
        """The wells grouped into well fields: wells with the same aquifer parameters are one flow field
        (superposition); for aem all wells are one field with the algorithm's aquifer parameters."""
        if method == "aem":
            ignored = sorted(k for k in overrides if k not in ("Q",))
            if ignored:
                feedback.pushWarning(
                    self.tr(
                        "aem: one aquifer for all wells; the fields {f} are ignored (only Q varies per well)."
                    ).format(f=", ".join(ignored))
                )
            p0 = dict(wells[0][1])
            return [([w for w, _ in wells], p0)]
        groups: dict = {}
        for w, p in wells:
            key = tuple(p[k] for k in AQUIFER_KEYS)
            groups.setdefault(key, ([], p))[0].append(w)
        return list(groups.values())

    def _river(self, parameters, context, crs, group, p, feedback):
        """The river reach next to the field from every feature of RIVER (the shared computation of the dock)."""
        rsrc = self.parameterAsSource(parameters, "RIVER", context)
        if rsrc is None:
            return None, ""
        tr = QgsCoordinateTransform(rsrc.sourceCrs(), crs, context.transformContext())
        lines = []
        for f in rsrc.getFeatures():
            g = QgsGeometry(f.geometry())
            if g.isEmpty():
                continue
            g.transform(tr)
            for line in g.asMultiPolyline() if g.isMultipart() else [g.asPolyline()]:
                if len(line) >= 2:
                    lines.append([(pt.x(), pt.y()) for pt in line])
        river, note = W.river_for_field(lines, [(w.x, w.y) for w in group], p, [w.values["Q"] for w in group])
        if note:
            feedback.pushWarning(note)
        elif river is not None:
            feedback.pushInfo(
                self.tr("River: the reach next to the wells, {n} vertices, {m}.").format(
                    n=len(river.xy),
                    m=self.tr("straight (image wells)") if river.straight else self.tr("curved (line sinks)"),
                )
            )
        return river, note

    def _boundary(self, parameters, context, crs):
        """The union of the BOUNDARY polygons in the work CRS (shapely), or None."""
        src = self.parameterAsSource(parameters, "BOUNDARY", context)
        if src is None:
            return None
        tr = QgsCoordinateTransform(src.sourceCrs(), crs, context.transformContext())
        parts = []
        for f in src.getFeatures():
            g = QgsGeometry(f.geometry())
            if g.isEmpty():
                continue
            g.transform(tr)
            parts.append(G.from_qgs(g))
        shape = G.union(parts)
        if shape.is_empty:
            fail(self.tr("The boundary layer has no polygon."))
        return shape

    @staticmethod
    def _write(sink, fields, method, z, p) -> None:
        f = QgsFeature(fields)
        f.setGeometry(z.geometry)
        par = z.parameters
        rec = {
            "well_uuid": z.well_uuid,
            "kind": z.kind,
            "tot_days": z.tot_days,
            "zone_class": CLASS_OF_DAYS.get(z.tot_days),
            "method": method,
            "engine": par.get("engine"),
            "q": par.get("q"),
            "k": p["K"],
            "thickness": p["THICKNESS"],
            "gradient": p["GRADIENT"],
            "flow_azimuth": p["FLOW_AZIMUTH"],
            "porosity": p["POROSITY"],
            "upgradient_length": p["UPGRADIENT_LENGTH"],
            "stagnation_m": par.get("stagnation_m"),
            "half_width_m": par.get("half_width_at_well_m"),
            "area_m2": z.geometry.area(),
            "parameters": json.dumps(par, ensure_ascii=False, default=float),
        }
        for k, v in rec.items():
            f.setAttribute(k, v)
        sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
