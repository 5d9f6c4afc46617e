"""gwplugin:capturezone — steady capture zones and time-of-travel zones of pumping wells in uniform regional flow
(analytic single-well solution, Grubb 1993) or for a whole well field with an analytic-element model (timml when
installed, otherwise built-in superposition with image wells for a straight river)."""

from __future__ import annotations

import json

from qgis.core import (
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
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ....core.zones import analytic_elements as A
from ....core.zones import methods as Z
from ...base import GwAlgorithm, fail
from .zone_inputs import feature_value, make_fields, read_zone_inputs, to_multipolygon, well_point, well_uuid_of

METHODS = ["uniform_flow", "aem"]


def parse_days(text: str) -> list:
    """'100, 1000' -> [100.0, 1000.0]; empty -> []; raises ValueError with a clear message."""
    out = []
    for part in (text or "").replace(";", ",").replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            v = float(part)
        except ValueError:
            raise ValueError(f"Travel time {part!r} is not a number of days.") from None
        if not v > 0:
            raise ValueError(f"Travel times must be greater than 0 days, got {part!r}.")
        out.append(v)
    return sorted(set(out))


class CaptureZoneAlgorithm(GwAlgorithm):
    NAME = "capturezone"
    DISPLAY = "Capture zones and time-of-travel zones of wells"
    GROUP_ID = "zones"
    GROUP = "Protection and recharge zones"
    HELP = (
        "Capture zones of pumping wells (INPUT, points in a projected CRS in metres) in uniform regional flow.\n"
        "METHOD uniform_flow: every well on its own (Grubb 1993): the steady capture zone is bounded by the "
        "dividing streamlines (stagnation point Q/(2 pi K B i) down-gradient, half-width Q/(4 K B i) at the well, "
        "Q/(2 K B i) far up-gradient) and closed UPGRADIENT_LENGTH metres up-gradient of the well.\n"
        "METHOD aem: all wells together in one analytic-element model with the uniform flow and, optionally, a "
        "river (RIVER, a line layer) as a head-specified line. With timml installed (pip install timml==6.9.0) timml "
        "solves the model; otherwise the built-in superposition engine (wells + uniform flow + image wells for the "
        "straight line between the river's end points) runs. The engine used is reported and written to 'engine'. "
        "For aem only Q can vary per well; the aquifer parameters are the algorithm's parameters.\n"
        "TRAVEL_TIMES: comma-separated days (e.g. 100,1000) of time-of-travel zones, found by tracking particle "
        "fans backwards from each well in the velocity field (v = q / POROSITY) and clipped to the steady zone; "
        "empty = steady capture zone only.\n"
        "FLOW_AZIMUTH: direction the groundwater flows towards, degrees clockwise from north. Units: Q m3/d, K m/d, "
        "THICKNESS (saturated thickness B) m. Q, K, THICKNESS, GRADIENT, FLOW_AZIMUTH, POROSITY and "
        "UPGRADIENT_LENGTH are overridden per well by a field of INPUT with the same name (case-insensitive).\n"
        "Output: well_uuid (from INPUT's uuid field), tot_days (NULL for the steady zone), method, engine, the "
        "parameters used."
    )

    NUMERIC = [
        ("Q", "Pumping rate Q (m3/d)", 1000.0),
        ("K", "Hydraulic conductivity K (m/d)", 10.0),
        ("THICKNESS", "Saturated thickness B (m)", 20.0),
        ("GRADIENT", "Regional hydraulic gradient i", 0.001),
        ("FLOW_AZIMUTH", "Flow direction (degrees clockwise from north, towards)", 0.0),
        ("POROSITY", "Effective porosity n", 0.2),
        ("UPGRADIENT_LENGTH", "Close the steady zone this far up-gradient (m)", 2000.0),
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
        source, method, defaults, overrides = read_zone_inputs(self, parameters, context, feedback, METHODS)
        try:
            days = parse_days(self.parameterAsString(parameters, "TRAVEL_TIMES", context))
        except ValueError as exc:
            fail(str(exc))
        wells = []
        for feat in source.getFeatures():
            xy = well_point(feat)
            if xy is None:
                feedback.reportError(self.tr("Feature {fid} has no geometry; skipped.").format(fid=feat.id()))
                continue
            p = {k: feature_value(feat, overrides, k, v) for k, v in defaults.items()}
            try:
                p = {k: float(v) for k, v in p.items()}
            except (TypeError, ValueError) as exc:
                fail(self.tr("Feature {fid}: {e}").format(fid=feat.id(), e=str(exc)))
            wells.append((well_uuid_of(feat, source), xy, p))
        if not wells:
            fail(self.tr("The input layer has no wells."))
        fields = self.output_fields()
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.MultiPolygon, source.sourceCrs()
        )

        def write(uuid, p, geom, tot, engine, extra=None):
            if geom is None or geom.isEmpty():
                return
            if not geom.isGeosValid():
                geom = geom.makeValid()
            geom.convertToMultiType()
            f = QgsFeature(fields)
            f.setGeometry(geom)
            rec = {
                "well_uuid": uuid,
                "kind": "capture" if tot is None else "time_of_travel",
                "tot_days": tot,
                "method": method,
                "engine": engine,
                "q": p["Q"],
                "k": p["K"],
                "thickness": p["THICKNESS"],
                "gradient": p["GRADIENT"],
                "flow_azimuth": p["FLOW_AZIMUTH"],
                "porosity": p["POROSITY"],
                "upgradient_length": p["UPGRADIENT_LENGTH"],
                "area_m2": geom.area(),
            }
            rec.update(extra or {})
            rec["parameters"] = json.dumps(
                {"method": method, "engine": engine, **{k.lower(): v for k, v in p.items()}, "tot_days": tot}
            )
            for k, v in rec.items():
                f.setAttribute(k, v)
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)

        try:
            if method == "uniform_flow":
                self._uniform(wells, days, write, feedback)
            else:
                river = None
                rsrc = self.parameterAsSource(parameters, "RIVER", context)
                if rsrc is not None:
                    river = self._river(rsrc, source, context, feedback)
                self._aem(wells, days, defaults, overrides, river, write, feedback)
        except Z.CanceledError:
            feedback.reportError(self.tr("Canceled: zones written so far are kept."))
        except (Z.ZoneInputError, ValueError) as exc:
            fail(str(exc))
        return {"OUTPUT": dest}

    def _uniform(self, wells, days, write, feedback):
        objs = []
        for uuid, (x, y), p in wells:
            try:
                objs.append(
                    Z.UniformFlowWell(
                        p["Q"], p["K"], p["THICKNESS"], p["GRADIENT"], p["POROSITY"], p["FLOW_AZIMUTH"], x, y
                    )
                )
            except Z.ZoneInputError as exc:
                raise Z.ZoneInputError(f"Well {uuid or ''} at ({x:.1f}, {y:.1f}): {exc}") from None
        for k, ((uuid, _, p), w) in enumerate(zip(wells, objs)):
            if feedback.isCanceled():
                raise Z.CanceledError()
            ring = w.capture_zone(p["UPGRADIENT_LENGTH"])
            extra = {"stagnation_m": w.stagnation_distance, "half_width_m": w.half_width_at_well}
            write(uuid, p, to_multipolygon(ring), None, "analytic", extra)
            feedback.setProgress(20.0 * (k + 1) / len(wells))
        if not days:
            return
        # one vectorised run per distinct up-gradient length (usually one)
        groups = {}
        for i, (_, _, p) in enumerate(wells):
            groups.setdefault(p["UPGRADIENT_LENGTH"], []).append(i)
        done = 0
        for length, idx in groups.items():
            n_group = len(idx)
            rings = Z.tot_zones_batch(
                [objs[i] for i in idx],
                days,
                length,
                cancel=feedback.isCanceled,
                progress=lambda f, d0=done, m=n_group: feedback.setProgress(20.0 + 80.0 * (d0 + f * m) / len(wells)),
            )
            for i, per_day in zip(idx, rings):
                uuid, _, p = wells[i]
                for d, ring in zip(days, per_day):
                    if len(ring) >= 4:
                        write(uuid, p, to_multipolygon(ring), d, "analytic")
            done += len(idx)

    @staticmethod
    def _river(rsrc, source, context, feedback):
        from qgis.core import QgsCoordinateTransform

        tr = QgsCoordinateTransform(rsrc.sourceCrs(), source.sourceCrs(), context.transformContext())
        for f in rsrc.getFeatures():
            g = QgsGeometry(f.geometry())
            if g.isEmpty():
                continue
            g.transform(tr)
            line = g.asMultiPolyline()[0] if g.isMultipart() else g.asPolyline()
            feedback.pushInfo(
                QCoreApplication.translate(
                    "CaptureZoneAlgorithm", "Using the first river feature as the head-specified line."
                )
            )
            return A.River([(p.x(), p.y()) for p in line])
        return None

    def _aem(self, wells, days, defaults, overrides, river, write, feedback):
        ignored = sorted(k for k in overrides if k not in ("Q",))
        if ignored:
            feedback.pushWarning(
                self.tr("aem: one aquifer for all wells; the fields {f} are ignored (only Q varies per well).").format(
                    f=", ".join(ignored)
                )
            )
        xs = [w[1][0] for w in wells]
        ys = [w[1][1] for w in wells]
        qs = [w[2]["Q"] for w in wells]
        field = A.WellField(
            xs,
            ys,
            qs,
            defaults["K"],
            defaults["THICKNESS"],
            defaults["GRADIENT"],
            defaults["POROSITY"],
            defaults["FLOW_AZIMUTH"],
            river=river,
        )
        feedback.pushInfo(self.tr("Engine: {e}").format(e=field.engine))
        if field.engine != "timml":
            feedback.pushInfo(A.TIMML_INSTALL_HINT)
        results = field.zones(
            days,
            defaults["UPGRADIENT_LENGTH"],
            cancel=feedback.isCanceled,
            progress=lambda f: feedback.setProgress(100.0 * f),
        )
        for r in results:
            uuid = wells[r.well][0]
            p = dict(defaults)
            p["Q"] = qs[r.well]
            write(uuid, p, QgsGeometry.fromWkt(r.wkt), r.tot_days, field.engine)
