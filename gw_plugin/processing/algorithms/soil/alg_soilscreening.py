"""gwplugin:soilscreening — soil results screened against GB 36600-2018 (tables 1 and 2, class 1 or class 2 land,
note ① background rule) by core/soil/screening.py: the input rows plus screening_value, intervention_value,
exceeds_screening, exceeds_intervention and soil_note; optionally the per-site summary (maximum ratio per pollutant,
depths of exceedance) and the exceeding sampling points for a map."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import gpkg
from ....core.soil import groundwater as GW
from ....core.soil import screening as S
from ....toolbelt.i18n import ui_language
from ...base import GwAlgorithm, fail
from ...params import current_user
from .soil_common import GROUP_ID, field_index, plain

OUT_FIELDS = ("screening_value", "intervention_value", "exceeds_screening", "exceeds_intervention", "soil_note")
SUMMARY_FIELDS = (
    ("site", QVariant.String),
    ("parameter", QVariant.String),
    ("parameter_en", QVariant.String),
    ("gb36600_table", QVariant.Int),
    ("samples", QVariant.Int),
    ("exceeding_screening", QVariant.Int),
    ("exceeding_intervention", QVariant.Int),
    ("max_value_mg_kg", QVariant.Double),
    ("max_ratio", QVariant.Double),
    ("max_ratio_point", QVariant.String),
    ("max_ratio_depth", QVariant.String),
    ("exceeding_points", QVariant.String),
    ("exceeding_depths", QVariant.String),
    ("deepest_exceedance_m", QVariant.Double),
)
POINT_FIELDS = (
    ("site", QVariant.String),
    ("point", QVariant.String),
    ("pollutants", QVariant.String),
    ("max_ratio", QVariant.Double),
    ("above_intervention", QVariant.Bool),
    ("deepest_exceedance_m", QVariant.Double),
)
_CACHE_MAX = 200_000


def _fields(spec) -> QgsFields:
    out = QgsFields()
    for name, kind in spec:
        out.append(QgsField(name, kind))
    return out


class SoilScreeningAlgorithm(GwAlgorithm):
    NAME = "soilscreening"
    DISPLAY = "Screen soil results (GB 36600-2018)"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Screens every soil result against GB 36600-2018 (table 1: 45 basic items, table 2: 40 other items; the "
        "plugin's copy in resources/reference names its sources) for class 1 or class 2 land. Parameters are "
        "recognised by the Chinese name as in the standard, English name, common spellings or CAS number; values "
        "may be written as labs do (ND, <0.01, 0.01L, '12 mg/kg'); units mg/kg (default), μg/kg, ng/kg, g/kg, ppm, "
        "ppb are converted to mg/kg.\n\n"
        "Land use: a field with 1 or 2 (also 第一类用地/第二类用地) or one class for every row; an empty value is "
        "class 1 land (§5.3.1). 'Exceeds' means strictly above. A non-detect whose detection limit is above the "
        "value gives NULL (unknown). Note ①: for arsenic (and cobalt, vanadium) a background value above the "
        "screening value replaces it; give it in the background field.\n\n"
        "Output: the input rows plus screening_value and intervention_value (mg/kg, as applied), exceeds_screening, "
        "exceeds_intervention and soil_note (the rule applied). With a site field: a per-site summary (maximum "
        "ratio to the screening value per pollutant, exceeding points, depths of exceedance) and the exceeding "
        "sampling points (with the input's geometry, for a map)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "INPUT", self.tr("Soil results (table or layer)"), [QgsProcessing.SourceType.TypeVector]
            )
        )
        any_type = QgsProcessingParameterField.DataType.Any
        for name, label, optional in (
            ("PARAMETER_FIELD", self.tr("Parameter field"), False),
            ("VALUE_FIELD", self.tr("Value field (number or text as written by the lab)"), False),
            ("UNIT_FIELD", self.tr("Unit field (empty: mg/kg)"), True),
            ("LAND_USE_FIELD", self.tr("Land-use class field (1 or 2)"), True),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, None, "INPUT", any_type, False, optional))
        self.addParameter(
            QgsProcessingParameterNumber(
                "LAND_USE",
                self.tr("Land-use class for every row (1 or 2; when there is no land-use field)"),
                QgsProcessingParameterNumber.Type.Integer,
                None,
                True,
                1,
                2,
            )
        )
        for name, label in (
            ("BACKGROUND_FIELD", self.tr("Soil background value field (note ①; same unit as the value)")),
            ("SITE_FIELD", self.tr("Site field (for the per-site summary)")),
            ("POINT_FIELD", self.tr("Sampling point field")),
            ("DEPTH_TOP_FIELD", self.tr("Sample top depth field (m)")),
            ("DEPTH_BOTTOM_FIELD", self.tr("Sample bottom depth field (m)")),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, None, "INPUT", any_type, False, True))
        self.addParameter(
            QgsProcessingParameterFile(
                "DATABASE",
                self.tr("Project database to write each site's soil exceedance to (needs the site field)"),
                QgsProcessingParameterFile.Behavior.File,
                "gpkg",
                None,
                True,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Screened soil results")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "SUMMARY",
                self.tr("Per-site summary"),
                QgsProcessing.SourceType.TypeVector,
                None,
                True,
                False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "EXCEEDING_POINTS",
                self.tr("Exceeding sampling points"),
                QgsProcessing.SourceType.TypeVector,
                None,
                True,
                False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Rows screened")))
        self.addOutput(QgsProcessingOutputNumber("EXCEEDING_SCREENING", self.tr("Rows above the screening value")))
        self.addOutput(
            QgsProcessingOutputNumber("EXCEEDING_INTERVENTION", self.tr("Rows above the intervention value"))
        )
        self.addOutput(QgsProcessingOutputNumber("UNKNOWN", self.tr("Rows that could not be judged")))
        self.addOutput(QgsProcessingOutputNumber("SITES_WRITTEN", self.tr("Sites whose soil exceedance was written")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            fail(self.tr("The input table could not be opened."))
        fields = source.fields()

        def idx(key, required=False):
            return field_index(
                self, parameters, context, fields, key, required, self.tr("No field chosen for {p}.").format(p=key)
            )

        i_param, i_value = idx("PARAMETER_FIELD", True), idx("VALUE_FIELD", True)
        i_unit, i_land, i_bg = idx("UNIT_FIELD"), idx("LAND_USE_FIELD"), idx("BACKGROUND_FIELD")
        i_site, i_point = idx("SITE_FIELD"), idx("POINT_FIELD")
        i_top, i_bottom = idx("DEPTH_TOP_FIELD"), idx("DEPTH_BOTTOM_FIELD")
        land_all = None
        if parameters.get("LAND_USE") not in (None, ""):
            land_all = self.parameterAsInt(parameters, "LAND_USE", context)
        if i_land < 0 and land_all is None:
            fail(self.tr("Choose a land-use class field or a land-use class (1 or 2) for every row."))
        lang = ui_language()
        database = self.parameterAsFile(parameters, "DATABASE", context) if parameters.get("DATABASE") else ""
        if database:
            if i_site < 0:
                fail(self.tr("Writing to the project database needs the site field."))
            try:
                gpkg.open_database(database, upgrade=False)
            except gpkg.SchemaError as exc:
                fail(str(exc))

        keep = [i for i, f in enumerate(fields) if f.name().lower() not in OUT_FIELDS]
        out_fields = QgsFields()
        for i in keep:
            out_fields.append(fields.at(i))
        out_fields.append(QgsField("screening_value", QVariant.Double))
        out_fields.append(QgsField("intervention_value", QVariant.Double))
        out_fields.append(QgsField("exceeds_screening", QVariant.Bool))
        out_fields.append(QgsField("exceeds_intervention", QVariant.Bool))
        out_fields.append(QgsField("soil_note", QVariant.String))
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            fail(self.tr("The output could not be created."))

        summary = S.SiteSummary() if i_site >= 0 else None
        counts = {"rows": 0, "screening": 0, "intervention": 0, "unknown": 0}
        cache: dict = {}
        total = source.featureCount() or 1
        for n, feat in enumerate(source.getFeatures(QgsFeatureRequest())):
            if feedback.isCanceled():
                return {}
            attrs = feat.attributes()
            land = land_all if i_land < 0 else plain(attrs[i_land])
            if land is None and land_all is not None:
                land = land_all
            value = plain(attrs[i_value])
            key = (
                plain(attrs[i_param]),
                value if isinstance(value, (int, float, str)) or value is None else str(value),
                plain(attrs[i_unit]) if i_unit >= 0 else None,
                land if isinstance(land, (int, float, str)) or land is None else str(land),
                plain(attrs[i_bg]) if i_bg >= 0 else None,
            )
            result = cache.get(key)
            if result is None:
                result = S.screen(key[0], key[1], key[2], key[3], key[4])
                if len(cache) < _CACHE_MAX:
                    cache[key] = result
            counts["rows"] += 1
            counts["screening"] += bool(result.exceeds_screening)
            counts["intervention"] += bool(result.exceeds_intervention)
            counts["unknown"] += result.item is not None and result.exceeds_screening is None
            f = QgsFeature(out_fields)
            if feat.hasGeometry():
                f.setGeometry(feat.geometry())
            f.setAttributes(
                [attrs[i] for i in keep]
                + [
                    result.screening_value,
                    result.intervention_value,
                    result.exceeds_screening,
                    result.exceeds_intervention,
                    result.note(lang),
                ]
            )
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            if summary is not None:
                summary.add(
                    plain(attrs[i_site]),
                    plain(attrs[i_point]) if i_point >= 0 else None,
                    plain(attrs[i_top]) if i_top >= 0 else None,
                    plain(attrs[i_bottom]) if i_bottom >= 0 else None,
                    result,
                    QgsGeometry(feat.geometry()) if feat.hasGeometry() else None,
                )
            if n % 1000 == 0:
                feedback.setProgress(100.0 * n / total)

        results = {
            "OUTPUT": dest,
            "ROWS": counts["rows"],
            "EXCEEDING_SCREENING": counts["screening"],
            "EXCEEDING_INTERVENTION": counts["intervention"],
            "UNKNOWN": counts["unknown"],
        }
        feedback.pushInfo(
            self.tr("{n} rows: {s} above the screening value, {i} above the intervention value, {u} unknown.").format(
                n=counts["rows"], s=counts["screening"], i=counts["intervention"], u=counts["unknown"]
            )
        )
        if summary is not None:
            results.update(self._write_summary(parameters, context, source, summary))
        if database:
            keys = GW.site_keys(database)
            states = {keys[str(site)]: state for site, state in summary.site_states().items() if str(site) in keys}
            missing = sorted(str(site) for site in summary.site_states() if str(site) not in keys)
            if missing:
                feedback.pushWarning(
                    self.tr("Not sites of the project database (neither uuid nor site code): {s}").format(
                        s=", ".join(missing[:20])
                    )
                )
            results["SITES_WRITTEN"] = GW.write_soil(database, states, current_user())
        elif parameters.get("SUMMARY") or parameters.get("EXCEEDING_POINTS"):
            feedback.pushWarning(self.tr("Without a site field there is no per-site summary."))
        return results

    def _write_summary(self, parameters, context, source, summary) -> dict:
        out = {}
        if parameters.get("SUMMARY"):
            sink, dest = self.parameterAsSink(
                parameters, "SUMMARY", context, _fields(SUMMARY_FIELDS), QgsWkbTypes.Type.NoGeometry
            )
            if sink is not None:
                from ....core.soil import gb36600 as G

                for s in summary.pollutants():
                    item = G.resolve(s.parameter)
                    f = QgsFeature(_fields(SUMMARY_FIELDS))
                    depth = s.max_depth or (None, None)
                    f.setAttributes(
                        [
                            s.site,
                            s.parameter,
                            item.name_en,
                            item.table,
                            s.n,
                            s.n_exceeding_screening,
                            s.n_exceeding_intervention,
                            s.max_value,
                            s.max_ratio,
                            s.max_point,
                            "–".join("" if d is None else f"{d:g}" for d in depth)
                            if any(d is not None for d in depth)
                            else None,
                            ", ".join(s.exceeding_points),
                            s.depths_text(),
                            s.deepest_exceedance_m,
                        ]
                    )
                    sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
                out["SUMMARY"] = dest
        if parameters.get("EXCEEDING_POINTS"):
            geom_type = source.wkbType()
            sink, dest = self.parameterAsSink(
                parameters, "EXCEEDING_POINTS", context, _fields(POINT_FIELDS), geom_type, source.sourceCrs()
            )
            if sink is not None:
                for p in summary.points():
                    f = QgsFeature(_fields(POINT_FIELDS))
                    if p["geometry"] is not None and geom_type != QgsWkbTypes.Type.NoGeometry:
                        f.setGeometry(p["geometry"])
                    f.setAttributes(
                        [
                            p["site"],
                            None if p["point"] is None else str(p["point"]),
                            "、".join(p["pollutants"]),
                            p["max_ratio"],
                            p["intervention"],
                            p["deepest_m"],
                        ]
                    )
                    sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
                out["EXCEEDING_POINTS"] = dest
        return out
