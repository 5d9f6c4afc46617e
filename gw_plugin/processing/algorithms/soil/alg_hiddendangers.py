"""gwplugin:hiddendangers — the hidden-danger investigation status of every soil key supervised unit as of a date
(the one-year deadline after listing, seed 001 二(一)2(2)) and the rectification ledger (core/soil/hidden_dangers.py)."""

from __future__ import annotations

import datetime as _dt

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.soil import hidden_dangers as HD
from ....core.soil import key_units as K
from ...base import GwAlgorithm
from ...params import database_parameter
from .soil_common import GROUP_ID, checked_database, date_parameter

UNIT_FIELDS = (
    ("source_uuid", QVariant.String),
    ("source_code", QVariant.String),
    ("name_zh", QVariant.String),
    ("county_code", QVariant.String),
    ("listed_on", QVariant.String),
    ("deadline", QVariant.String),
    ("started_on", QVariant.String),
    ("finished_on", QVariant.String),
    ("status", QVariant.String),
    ("open_dangers", QVariant.Int),
    ("overdue_dangers", QVariant.Int),
    ("resample_reason", QVariant.String),
    ("demolition_problems", QVariant.String),
)
LEDGER_FIELDS = (
    ("uuid", QVariant.String),
    ("source_code", QVariant.String),
    ("name_zh", QVariant.String),
    ("county_code", QVariant.String),
    ("facility", QVariant.String),
    ("description", QVariant.String),
    ("level", QVariant.String),
    ("found_on", QVariant.String),
    ("rectify_by", QVariant.String),
    ("rectified_on", QVariant.String),
    ("verified_on", QVariant.String),
    ("state", QVariant.String),
)


def _fields(spec) -> QgsFields:
    out = QgsFields()
    for name, kind in spec:
        out.append(QgsField(name, kind))
    return out


def _text(v):
    return None if v is None else str(v)


class HiddenDangersAlgorithm(GwAlgorithm):
    NAME = "hiddendangers"
    DISPLAY = "Hidden-danger investigations of soil key supervised units"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Seed 001 二(一)2(2): a unit newly on the soil key supervised units roster investigates its hidden dangers "
        "within one year of its listing, and the hidden dangers found are rectified by their deadline. For every "
        "unit on the roster (accepted or published entries; the listing date is the earliest decision date) the "
        "output gives the deadline (one year after listing) and the status of its first investigation as of the "
        "date given: on_time, late, in_progress, not_started or overdue, with its open and overdue hidden dangers. "
        "The ledger lists every hidden danger with its state: open, overdue, rectified or verified. Each unit also "
        "shows why its self-monitoring check needs re-sampling (a major hidden danger not rectified, its site or "
        "its surrounding monitoring points exceeding) and what is missing in its demolition records."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterString("AS_OF", self.tr("As of (YYYY-MM-DD, empty = today)"), optional=True)
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Units and their investigations")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "LEDGER", self.tr("Rectification ledger"), optional=True, createByDefault=False
            )
        )
        self.addOutput(QgsProcessingOutputNumber("UNITS", self.tr("Units on the roster")))
        self.addOutput(QgsProcessingOutputNumber("OVERDUE", self.tr("Units whose investigation is overdue")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        today = date_parameter(self, parameters, context, "AS_OF", _dt.date.today())
        units = HD.investigation_status(path, today)
        reasons = K.resample_reasons(path)
        demolitions: dict = {}
        for p in K.demolition_problems(path):
            demolitions.setdefault(p.source_code, []).append(f"{p.facility}: {p.zh}")
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, _fields(UNIT_FIELDS), QgsWkbTypes.Type.NoGeometry
        )
        for u in units:
            f = QgsFeature(_fields(UNIT_FIELDS))
            f.setAttributes(
                [
                    u.source_uuid,
                    u.source_code,
                    u.name_zh,
                    u.county_code,
                    _text(u.listed_on),
                    _text(u.deadline),
                    _text(u.started_on),
                    _text(u.finished_on),
                    u.status,
                    u.open_dangers,
                    u.overdue_dangers,
                    reasons.get(u.source_uuid, (None,))[0],
                    "; ".join(demolitions.get(u.source_code, [])) or None,
                ]
            )
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        results = {
            "OUTPUT": dest,
            "UNITS": len(units),
            "OVERDUE": sum(1 for u in units if u.status == "overdue"),
        }
        if parameters.get("LEDGER"):
            sink, ledger_dest = self.parameterAsSink(
                parameters, "LEDGER", context, _fields(LEDGER_FIELDS), QgsWkbTypes.Type.NoGeometry
            )
            for r in HD.ledger(path, today):
                f = QgsFeature(_fields(LEDGER_FIELDS))
                f.setAttributes([_text(r[name]) for name, _ in LEDGER_FIELDS])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            results["LEDGER"] = ledger_dest
        feedback.pushInfo(
            self.tr("{n} units on the roster, {o} with an overdue investigation.").format(
                n=results["UNITS"], o=results["OVERDUE"]
            )
        )
        return results
