"""gwplugin:classifywaterquality — GB/T 14848-2017 class of every result row and the overall class per sample.

Two passes over the input: the first classifies each row (core/gb14848.classify) and aggregates per sample
(worst definite class, governing indicators); the second writes the input rows plus gb_class, gb_note,
sample_class and sample_governing.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QVariant

from ....core.wells import classify
from ...base import GwAlgorithm, fail

OUT_FIELDS = (
    "gb_class",
    "gb_note",
    "exceedance",
    "below_detection",
    "detection_limit",
    "sample_class",
    "sample_governing",
)
_CACHE_MAX = 200_000  # distinct (parameter, value, unit) triples remembered during one run


def _plain(v):
    """Attribute value as a plain Python value; None for NULL."""
    if v is None or (isinstance(v, QVariant) and v.isNull()):
        return None
    if isinstance(v, QVariant):
        v = v.value()
    return v


class ClassifyWaterQualityAlgorithm(GwAlgorithm):
    NAME = "classifywaterquality"
    DISPLAY = "Classify water quality (GB/T 14848-2017)"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Classifies every result row per GB/T 14848-2017 (93 indicators) and gives each sample its overall class. "
        "Parameters are recognised by the Chinese name as in the standard (with or without （以N计）), English name "
        "or symbol (NO3-N, NH3-N, Cr6+, CODMn, TDS, pH …). Values may be numbers or text as written by the lab "
        "(0.01L, ND, <0.005, 无/有); units are converted to the standard's (mg/L, μg/L, mmol/L, 'mg/L as NO3' …); "
        "without a unit field the standard's unit is assumed.\n\n"
        "Rules: a value equal to a limit shared by several classes gets the better class (从优不从劣); pH is "
        "two-sided; gross α/β above the class III guidance value are IV; a non-detect is class I when its detection "
        "limit is ≤ the class I limit, otherwise '≤ class k' — such non-detects never make a sample worse.\n\n"
        "Output: the input rows plus gb_class (1–5, NULL where not classifiable; for a non-detect whose detection "
        "limit is above class I it is the bound of '≤ class k'), gb_note (the rule applied, or why there is no "
        "class, in the plugin's language), exceedance (超标倍数 (C − Cs)/Cs against the class III limit Cs; ≤ 0 "
        "within class III; NULL for pH, words and non-detects; a lower bound for '>x'), below_detection (the value "
        "is a non-detect), detection_limit (in the standard's unit), sample_class (worst class of the sample) and "
        "sample_governing (indicators that set it, separated by '; ')."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "INPUT", self.tr("Results table or layer"), [QgsProcessing.SourceType.TypeVector]
            )
        )
        any_type = QgsProcessingParameterField.DataType.Any
        for name, label, optional in (
            ("SAMPLE_FIELD", self.tr("Sample field"), False),
            ("PARAMETER_FIELD", self.tr("Parameter field"), False),
            ("VALUE_FIELD", self.tr("Value field (number or text as written by the lab)"), False),
            ("UNIT_FIELD", self.tr("Unit field (empty: the standard's unit)"), True),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, None, "INPUT", any_type, False, optional))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Classified results")))
        self.addOutput(QgsProcessingOutputNumber("CLASSIFIED", self.tr("Rows with a class")))
        self.addOutput(QgsProcessingOutputNumber("UNCLASSIFIED", self.tr("Rows without a class")))
        self.addOutput(QgsProcessingOutputNumber("SAMPLES", self.tr("Samples")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            fail(self.tr("The input table could not be opened."))
        fields = source.fields()

        def index_of(key: str, required: bool = True) -> int:
            name = self.parameterAsString(parameters, key, context)
            if not name:
                if required:
                    fail(self.tr("No field chosen for {p}.").format(p=key))
                return -1
            idx = fields.lookupField(name)
            if idx < 0:
                fail(self.tr("Field {f} not found in the input.").format(f=name))
            return idx

        i_sample = index_of("SAMPLE_FIELD")
        i_param = index_of("PARAMETER_FIELD")
        i_value = index_of("VALUE_FIELD")
        i_unit = index_of("UNIT_FIELD", required=False)

        total = source.featureCount()
        step = 50.0 / total if total and total > 0 else 0.0

        # the stored qualifier, non-detect flag, detection limit and basis of sample_results are used when present:
        # (value_num, unit) with qualifier/below_detection/detection_limit, or (value_text, unit_as_written) with
        # basis_as_written, classify alike
        extra_idx = {name: fields.lookupField(name) for name in ("qualifier", "below_detection", "detection_limit")}
        extra_idx["basis_as_written"] = fields.lookupField("basis_as_written")
        extra_idx = {k: i for k, i in extra_idx.items() if i >= 0 and i not in (i_param, i_value, i_unit)}

        # Pass 1: classify each row, aggregate per sample.
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        request.setSubsetOfAttributes([i for i in (i_sample, i_param, i_value, i_unit, *extra_idx.values()) if i >= 0])
        cache: dict = {}
        per_row: dict = {}
        samples: dict = {}
        for n, feat in enumerate(source.getFeatures(request)):
            if feedback.isCanceled():
                return {}
            parameter = _plain(feat.attribute(i_param))
            value = _plain(feat.attribute(i_value))
            unit = _plain(feat.attribute(i_unit)) if i_unit >= 0 else None
            more = {k: _plain(feat.attribute(i)) for k, i in extra_idx.items()}
            as_written = isinstance(value, str)
            key = (
                None if parameter is None else str(parameter),
                value if isinstance(value, (int, float, str)) else (None if value is None else str(value)),
                None if unit in (None, "") else str(unit),
                more.get("qualifier") or None,
                bool(more.get("below_detection")) and not as_written,
                None if as_written else more.get("detection_limit"),
                (more.get("basis_as_written") or None) if as_written else None,
            )
            result = cache.get(key)
            if result is None:
                if key[0] is None:
                    result = classify.Result("", None, None, self.tr("no parameter"))
                else:
                    result = classify.classify(
                        key[0],
                        key[1],
                        key[2],
                        qualifier=key[3],
                        below_detection=key[4],
                        detection_limit=key[5],
                        basis=key[6],
                    )
                if len(cache) < _CACHE_MAX:
                    cache[key] = result
            per_row[feat.id()] = result
            sample = _plain(feat.attribute(i_sample))
            if sample is not None:
                acc = samples.get(sample)
                if acc is None:
                    acc = samples[sample] = classify.SampleAccumulator()
                acc.add(result)
            if step and n % 1000 == 0:
                feedback.setProgress(n * step)
        sample_results = {s: acc.result() for s, acc in samples.items()}
        feedback.pushInfo(self.tr("Classified {r} rows of {s} samples.").format(r=len(per_row), s=len(sample_results)))

        # Pass 2: write the input rows plus the classification.
        keep = [i for i, f in enumerate(fields) if f.name().lower() not in OUT_FIELDS]
        out_fields = QgsFields()
        for i in keep:
            out_fields.append(fields.at(i))
        out_fields.append(QgsField("gb_class", QVariant.Type.Int))
        out_fields.append(QgsField("gb_note", QVariant.Type.String))
        out_fields.append(QgsField("exceedance", QVariant.Type.Double))
        out_fields.append(QgsField("below_detection", QVariant.Type.Bool))
        out_fields.append(QgsField("detection_limit", QVariant.Type.Double))
        out_fields.append(QgsField("sample_class", QVariant.Type.Int))
        out_fields.append(QgsField("sample_governing", QVariant.Type.String))
        sink, dest_id = self.parameterAsSink(
            parameters, "OUTPUT", context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            fail(self.tr("The output could not be created."))
        n_keep, n_out = len(keep), out_fields.count()
        fast = n_keep == fields.count()  # no existing gb_* fields to drop
        n_class = n_none = 0
        for n, feat in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                return {}
            result = per_row.get(feat.id())
            if result is None:  # a row added between the passes
                result = classify.Result("", None, None, self.tr("row not seen in the first pass"))
            sample = _plain(feat.attribute(i_sample))
            sres = sample_results.get(sample) if sample is not None else None
            extra = [
                result.gb_class,
                result.note,
                result.exceedance,
                result.non_detect,
                result.value if result.non_detect else None,
                sres.gb_class if sres is not None else None,
                sres.governing_text() if sres is not None and sres.governing else None,
            ]
            if fast:  # append to the feature itself: no round trip of every attribute through Python
                out = feat
                out.setFields(out_fields, False)
                out.resizeAttributes(n_out)
                for j, x in enumerate(extra):
                    out.setAttribute(n_keep + j, x)
            else:
                attrs = feat.attributes()
                out = QgsFeature(out_fields)
                if feat.hasGeometry():
                    out.setGeometry(feat.geometry())
                out.setAttributes([attrs[i] for i in keep] + extra)
            if not sink.addFeature(out, QgsFeatureSink.Flag.FastInsert):
                fail(self.tr("Could not write row {n}.").format(n=n + 1))
            if result.gb_class is None:
                n_none += 1
            else:
                n_class += 1
            if step and n % 1000 == 0:
                feedback.setProgress(50.0 + n * step)
        feedback.setProgress(100.0)
        feedback.pushInfo(
            self.tr("{c} rows classified, {u} without a class (see gb_note).").format(c=n_class, u=n_none)
        )
        return {"OUTPUT": dest_id, "CLASSIFIED": n_class, "UNCLASSIFIED": n_none, "SAMPLES": len(sample_results)}
