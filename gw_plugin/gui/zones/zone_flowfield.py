""" "From the flow field" in the recharge-zone dock (issue 18): the hydraulic gradient and the flow direction of the
zone methods filled from a planar fit (core/wells/flowfield.plane_fit, as gwplugin:flowfield) of the heads at the
wells of one aquifer layer in a date window (core/wells/water_levels.heads_at_wells: the mean head of each well),
with R² and the number of wells shown, and a clear message when there are too few heads.

``FlowFieldBox`` is a row of the dock's parameter form, added by ``zone_parameters.ZoneParametersMixin`` for the
methods that take GRADIENT or FLOW_AZIMUTH; it writes into the panel's parameter widgets.
"""

from __future__ import annotations

import sqlite3

from qgis.core import QgsCoordinateReferenceSystem
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QPushButton, QWidget

from ...core.data import gpkg
from ...core.data import schema as S
from ...core.wells import flowfield, water_levels
from ...toolbelt.i18n import tr

TR_CONTEXT = "FlowFieldBox"  # the translation context of this module's texts

MIN_WELLS = 3  # a plane needs three wells not on one line (core/wells/flowfield.plane_fit)
DEFAULT_YEARS = 1  # the window ends today and starts this many years earlier


class FlowFieldError(ValueError):
    """The flow field could not give a gradient (one translated sentence)."""


def fit_from_database(database: str, aquifer_layer: str, date_from: str, date_to: str) -> flowfield.PlaneFit:
    """The planar fit of the heads of ``aquifer_layer`` between the dates (ISO, inclusive), or FlowFieldError."""
    crs = QgsCoordinateReferenceSystem(gpkg.read_meta(database).get("crs", ""))
    if crs.isValid() and crs.isGeographic():
        raise FlowFieldError(
            tr(TR_CONTEXT, "The project database is in a geographic CRS ({crs}): a gradient needs metres.").format(
                crs=crs.authid()
            )
        )
    rows = water_levels.heads_at_wells(database, date_from, date_to, aquifer_layer)
    if len(rows) < MIN_WELLS:
        raise FlowFieldError(
            tr(
                TR_CONTEXT,
                "Only {n} wells of this aquifer layer have a head between {start} and {end}: the flow field needs "
                "at least {m}. Widen the dates or import water levels.",
            ).format(n=len(rows), start=date_from or "…", end=date_to or "…", m=MIN_WELLS)
        )
    try:
        return flowfield.plane_fit([r[2] for r in rows], [r[3] for r in rows], [r[4] for r in rows])
    except flowfield.FlowFieldError:
        raise FlowFieldError(
            tr(TR_CONTEXT, "The wells with heads lie on one line: the direction of flow cannot be determined.")
        ) from None


class FlowFieldBox(QWidget):
    """Aquifer layer, date window, the button and the result line. ``panel`` has ``param_widgets``,
    ``project_database()`` and ``lang``; ``state`` (a dict kept by the panel) remembers the choices across methods."""

    def __init__(self, panel, state: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gw_plugin_zone_flowfield")
        self.panel = panel
        self.state = state
        self.fit: flowfield.PlaneFit | None = None
        self.aquifer_combo = QComboBox(self)
        self.aquifer_combo.setObjectName("flowfield_aquifer")
        codes = S.codelist("aquifer_layer")
        for code in codes.code_values():
            self.aquifer_combo.addItem(codes.label(code, panel.lang), code)
        self.aquifer_combo.setCurrentIndex(max(self.aquifer_combo.findData(state.get("aquifer", "phreatic")), 0))
        today = QDate.currentDate()
        self.date_from = QDateEdit(state.get("from", today.addYears(-DEFAULT_YEARS)), self)
        self.date_to = QDateEdit(state.get("to", today), self)
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.button = QPushButton(tr(TR_CONTEXT, "From the flow field"), self)
        self.button.setObjectName("flowfield_button")
        self.button.setToolTip(
            tr(
                TR_CONTEXT,
                "Fill the gradient and the flow direction from a plane fitted to the mean heads of the wells of this "
                "aquifer layer between the two dates (as gwplugin:flowfield).",
            )
        )
        self.button.clicked.connect(self.apply)
        self.result_label = QLabel("", self)
        self.result_label.setObjectName("flowfield_result")
        self.result_label.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        # the label over its layer and the dates one under the other, so that the first column is as narrow as
        # "From": the dock stays narrow
        self.aquifer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.aquifer_combo.setMinimumContentsLength(10)
        grid.addWidget(QLabel(tr(TR_CONTEXT, "Aquifer layer"), self), 0, 0, 1, 2)
        grid.addWidget(self.aquifer_combo, 1, 0, 1, 2)
        grid.addWidget(QLabel(tr(TR_CONTEXT, "From"), self), 2, 0)
        grid.addWidget(self.date_from, 2, 1)
        grid.addWidget(QLabel(tr(TR_CONTEXT, "to"), self), 3, 0)
        grid.addWidget(self.date_to, 3, 1)
        grid.addWidget(self.button, 4, 0, 1, 2)
        grid.addWidget(self.result_label, 5, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def apply(self) -> flowfield.PlaneFit | None:
        """Fit, fill GRADIENT and FLOW_AZIMUTH, say what was used; None (and the reason shown) on failure."""
        self.fit = None
        aquifer = self.aquifer_combo.currentData()
        start = self.date_from.date().toString("yyyy-MM-dd")
        end = self.date_to.date().toString("yyyy-MM-dd")
        self.state.update(aquifer=aquifer, **{"from": self.date_from.date(), "to": self.date_to.date()})
        database = self.panel.project_database()
        if not database:
            self.result_label.setText(tr(TR_CONTEXT, "No project database is loaded."))
            return None
        try:
            fit = fit_from_database(database, aquifer, start, end)
        except FlowFieldError as exc:
            self.result_label.setText(str(exc))
            return None
        except (gpkg.SchemaError, OSError, sqlite3.Error) as exc:  # not a project database, or one without levels
            self.result_label.setText(str(exc))
            return None
        for key, value in (("GRADIENT", fit.gradient), ("FLOW_AZIMUTH", fit.azimuth)):
            widget = self.panel.param_widgets.get(key)
            if widget is not None:
                widget.setValue(value)
        self.fit = fit
        self.result_label.setText(
            tr(TR_CONTEXT, "Gradient {g:.5f}, flow towards {a:.1f}° from north; R² = {r2:.3f} from {n} wells.").format(
                g=fit.gradient, a=fit.azimuth, r2=fit.r2, n=fit.n
            )
        )
        return fit
