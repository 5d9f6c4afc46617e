"""Time-series plot of water-quality results for the selected well(s) and one parameter, in the Wells dock.

Values over time (one line per well) on GB/T 14848-2017 class bands (I–V background from the standard's limits,
core/wells/classify.py) with the class III limit as a line; non-detects drawn as hollow markers at their detection limit;
the Mann–Kendall test and Sen's slope per well below the plot, non-detects censored at the highest detection limit
(core/wells/trend.censored_trend: too many censored values are "too few values"); export to PNG or SVG.

Plotting uses matplotlib's Figure with the Qt Agg canvas (no pyplot, no OpenGL: pyqtgraph's OpenGL mode drew black
widgets on newer QGIS, Deltares/imod-qgis #82). matplotlib is imported when the widget is built; when it is
missing the widget says so instead of failing.
"""

from __future__ import annotations

import os
import sqlite3

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.wells import classify, series, standard
from ...core.wells.quality import CLASS_COLORS
from ...core.wells.trend import censored_trend

MAX_WELLS = 10
LINE_COLORS = ("#1f4e79", "#8c2d04", "#3f007d", "#00441b", "#67000d", "#252525", "#08519c", "#7f2704", "#54278f")
CJK_FONTS = [
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
]
BAND_ALPHA = 0.18


def load_matplotlib():
    """(Figure, FigureCanvas) classes, or raises ImportError with the reason."""
    from matplotlib.figure import Figure

    try:  # matplotlib ≥ 3.5 picks the Qt binding that is already imported
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    except ImportError:
        from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg
    return Figure, FigureCanvasQTAgg


def rc_params() -> dict:
    """matplotlib settings used while drawing: a CJK-capable font first, a real minus sign."""
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in CJK_FONTS if f in available] + ["DejaVu Sans"]
    # concrete family names (not "sans-serif"): texts keep them when the canvas repaints outside this context
    return {"font.family": fonts, "font.sans-serif": fonts, "axes.unicode_minus": False, "svg.fonttype": "path"}


def parameters_for_wells(database: str, well_uuids: list) -> list:
    """Parameters with results at any of the wells, in the order of the standard's table (then others)."""
    if not database or not well_uuids:
        return []
    marks = ",".join("?" * len(well_uuids))
    con = series.connect_ro(database)
    try:
        found = [
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT r.parameter FROM samples s JOIN sample_results r ON r.sample_uuid = s.uuid "
                f"WHERE s.well_uuid IN ({marks})",
                well_uuids,
            )
        ]
    finally:
        con.close()
    order = {k: i for i, k in enumerate(standard.keys())}
    return sorted(found, key=lambda p: (order.get(p, len(order)), p))


def class_bands(indicator, top: float) -> list:
    """(low, high, class) background bands up to ``top`` from the indicator's limits (GB/T 14848-2017 Table 1/2)."""
    if indicator is None:
        return []
    if indicator.kind == standard.PH:
        lo3, hi3 = standard.PH_I_III  # 6.5–8.5: classes I–III share the range → class I (从优不从劣)
        lo4, hi4 = standard.PH_IV  # 5.5–6.5 and 8.5–9.0: class IV
        return [(0.0, lo4, 5), (lo4, lo3, 4), (lo3, hi3, 1), (hi3, hi4, 4), (hi4, max(top, 14.0), 5)]
    if indicator.kind not in (standard.NUMERIC, standard.RADIO):
        return []
    bands = []
    low = 0.0
    for k, limit in enumerate(indicator.limits, start=1):
        if limit is None or limit <= low:
            continue
        bands.append((low, float(limit), k))
        low = float(limit)
    worst = 4 if indicator.kind == standard.RADIO else 5
    bands.append((low, max(top, low * 1.05), worst))
    return bands


def iii_limits(indicator) -> list:
    if indicator is None:
        return []
    if indicator.kind == standard.PH:
        return list(standard.PH_I_III)
    limit = indicator.class_iii_limit
    return [] if limit is None else [float(limit)]


class TimeSeriesWidget(QWidget):
    """Parameter chooser, plot, trend text and export buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gw_plugin_timeseries")
        self.database: str | None = None
        self.wells: list = []  # (uuid, label)
        self.series: dict = {}  # uuid → Series of the current parameter
        self.trends: dict = {}  # uuid → TrendResult
        self.plot_info: dict = {}  # what the last plot drew (for tests and scripts)
        self.figure = None
        self.canvas = None

        self.parameter_combo = QComboBox(self)
        self.parameter_combo.setObjectName("gw_plugin_ts_parameter")
        self.parameter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        label = QLabel(QCoreApplication.translate("TimeSeriesWidget", "&Parameter:"), self)
        label.setBuddy(self.parameter_combo)
        self.png_button = QPushButton(QCoreApplication.translate("TimeSeriesWidget", "PN&G…"), self)
        self.svg_button = QPushButton(QCoreApplication.translate("TimeSeriesWidget", "S&VG…"), self)
        self.png_button.setToolTip(QCoreApplication.translate("TimeSeriesWidget", "Export the plot as a PNG image"))
        self.svg_button.setToolTip(QCoreApplication.translate("TimeSeriesWidget", "Export the plot as an SVG drawing"))
        self.png_button.clicked.connect(lambda: self._export_dialog("png"))
        self.svg_button.clicked.connect(lambda: self._export_dialog("svg"))
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.parameter_combo, 1)
        top.addWidget(self.png_button)
        top.addWidget(self.svg_button)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.trend_label = QLabel(self)
        self.trend_label.setWordWrap(True)
        self.trend_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.message)
        try:
            Figure, Canvas = load_matplotlib()
        except ImportError as exc:
            self.available = False
            self.message.setText(
                QCoreApplication.translate(
                    "TimeSeriesWidget",
                    "Time series need the Python package matplotlib, which is not installed ({error}). "
                    "Install it (Debian/Ubuntu: python3-matplotlib; OSGeo4W: python3-matplotlib) and restart QGIS.",
                ).format(error=exc)
            )
            for w in (self.parameter_combo, self.png_button, self.svg_button):
                w.setEnabled(False)
        else:
            self.available = True
            self.figure = Figure(figsize=(5, 3), dpi=100, constrained_layout=True)
            self.canvas = Canvas(self.figure)
            self.canvas.setParent(self)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.canvas.setMinimumHeight(180)
            layout.addWidget(self.canvas, 1)
        layout.addWidget(self.trend_label)
        self.parameter_combo.currentIndexChanged.connect(lambda *_: self.redraw())
        self._set_empty(QCoreApplication.translate("TimeSeriesWidget", "Select one or more wells."))

    def teardown(self) -> None:
        if self.figure is not None:
            self.figure.clear()

    # -- data ------------------------------------------------------------------------------------------------

    def set_wells(self, wells: list, database: str | None) -> None:
        """Show ``wells`` [(uuid, label)] of ``database``; the parameter list is that of these wells."""
        self.database = database
        self.wells = list(wells)[:MAX_WELLS]
        current = self.parameter()
        try:
            params = parameters_for_wells(database, [u for u, _ in self.wells]) if database else []
        except sqlite3.Error as exc:
            params = []
            self.message.setText(str(exc))
        self.parameter_combo.blockSignals(True)
        self.parameter_combo.clear()
        for p in params:
            ind = classify.resolve(p)
            label = p if ind is None else (ind.label("zh") if p == ind.key else p)
            self.parameter_combo.addItem(label, p)
        default = (
            current if current in params else ("硝酸盐" if "硝酸盐" in params else (params[0] if params else None))
        )
        if default is not None:
            self.parameter_combo.setCurrentIndex(params.index(default))
        self.parameter_combo.blockSignals(False)
        self.redraw()

    def parameter(self) -> str | None:
        return self.parameter_combo.currentData()

    def set_parameter(self, parameter: str) -> bool:
        i = self.parameter_combo.findData(parameter)
        if i < 0:
            return False
        self.parameter_combo.setCurrentIndex(i)
        self.redraw()
        return True

    # -- drawing ---------------------------------------------------------------------------------------------

    def _set_empty(self, text: str) -> None:
        self.series, self.trends, self.plot_info = {}, {}, {}
        self.trend_label.setText("")
        if self.available:
            self.message.setText(text)
            self.figure.clear()
            self.canvas.draw_idle()
        for w in (self.png_button, self.svg_button):
            w.setEnabled(False)

    def redraw(self) -> None:
        if not self.available:
            return
        parameter = self.parameter()
        if not self.wells:
            self._set_empty(QCoreApplication.translate("TimeSeriesWidget", "Select one or more wells."))
            return
        if parameter is None:
            self._set_empty(QCoreApplication.translate("TimeSeriesWidget", "The selected wells have no results."))
            return
        self.series = {u: series.series(self.database, u, parameter) for u, _ in self.wells}
        self.series = {u: s for u, s in self.series.items() if s.dates}
        indicator = classify.resolve(parameter)
        if indicator is not None and indicator.kind == standard.TEXT:
            self._set_empty(
                QCoreApplication.translate(
                    "TimeSeriesWidget", "{p} is judged by a word (无/有); there is nothing to plot."
                ).format(p=parameter)
            )
            return
        import matplotlib

        with matplotlib.rc_context(rc_params()):
            self._draw(parameter, indicator)
        self.message.setText("")
        for w in (self.png_button, self.svg_button):
            w.setEnabled(bool(self.series))

    def _draw(self, parameter: str, indicator) -> None:
        import numpy as np
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        fig = self.figure
        fig.clear()
        ax = fig.add_subplot(111)
        labels = dict(self.wells)
        top = 0.0
        info = {"parameter": parameter, "detects": 0, "non_detects": 0, "non_detects_without_limit": 0, "wells": []}
        self.trends = {}
        for k, (u, s) in enumerate(self.series.items()):
            color = LINE_COLORS[k % len(LINE_COLORS)]
            dates = np.array(s.dates, dtype="datetime64[D]")
            det = ~s.below_detection & ~np.isnan(s.values)
            nd = s.below_detection & ~np.isnan(s.detection_limit)
            y_line = np.where(det, s.values, np.where(nd, s.detection_limit, np.nan))
            ax.plot(dates, y_line, "-", color=color, linewidth=1.0, alpha=0.7, label=labels.get(u, u[:8]))
            ax.plot(dates[det], s.values[det], "o", color=color, markersize=4, linestyle="none")
            if nd.any():
                ax.plot(
                    dates[nd],
                    s.detection_limit[nd],
                    "o",
                    markerfacecolor="none",
                    markeredgecolor=color,
                    markersize=5,
                    linestyle="none",
                    gid="non_detect",
                )
            info["detects"] += int(det.sum())
            info["non_detects"] += int(nd.sum())
            info["non_detects_without_limit"] += int((s.below_detection & np.isnan(s.detection_limit)).sum())
            info["wells"].append(u)
            finite = y_line[np.isfinite(y_line)]
            if finite.size:
                top = max(top, float(finite.max()))
            self.trends[u] = censored_trend(s.days(), s.values, s.below_detection, s.detection_limit)
        limits = iii_limits(indicator)
        top = max(top * 1.1, max(limits) * 1.25 if limits else 0.0, 1e-9)
        bands = class_bands(indicator, top)
        bottom = 0.0
        if indicator is not None and indicator.kind == standard.PH:
            values = [v for s in self.series.values() for v in s.values[np.isfinite(s.values)]]
            bottom = min([5.0, *values]) - 0.3
            top = max([9.5, *values]) + 0.3
        for lo, hi, klass in bands:
            ax.axhspan(lo, hi, color=CLASS_COLORS[klass], alpha=BAND_ALPHA, linewidth=0, zorder=0)
        for limit in limits:
            ax.axhline(limit, color="#b2182b", linestyle="--", linewidth=1.2, zorder=1)
        if limits:
            ax.text(
                1.0,
                limits[-1],
                " " + QCoreApplication.translate("TimeSeriesWidget", "class III"),
                transform=ax.get_yaxis_transform(),
                color="#b2182b",
                fontsize=7,
                va="bottom",
                ha="right",
            )
        ax.set_ylim(bottom, top)
        unit = indicator.unit if indicator is not None and indicator.unit not in ("-", "") else ""
        title = indicator.label("zh") if indicator is not None else parameter
        if len(self.series) == 1:
            title = f"{labels.get(next(iter(self.series)), '')} · {title}"
        ax.set_title(title, fontsize=9)
        ax.set_ylabel(unit, fontsize=8)
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.tick_params(labelsize=7)
        ax.grid(True, linewidth=0.3, alpha=0.5)
        if len(self.series) > 1:
            ax.legend(fontsize=7, loc="upper left")
        info["bands"] = bands
        info["class_iii"] = limits
        self.plot_info = info
        self.canvas.draw()
        self.trend_label.setText(self.trend_text())

    def trend_text(self) -> str:
        labels = dict(self.wells)
        unit = ""
        ind = classify.resolve(self.parameter()) if self.parameter() else None
        if ind is not None and ind.unit not in ("-", ""):
            unit = ind.unit
        words = {
            "increasing": QCoreApplication.translate("TimeSeriesWidget", "increasing"),
            "decreasing": QCoreApplication.translate("TimeSeriesWidget", "decreasing"),
            "no trend": QCoreApplication.translate("TimeSeriesWidget", "no significant trend"),
            "insufficient data": QCoreApplication.translate("TimeSeriesWidget", "too few values"),
        }
        lines = []
        for u, r in self.trends.items():
            if r.trend == "insufficient data":
                lines.append(
                    QCoreApplication.translate(
                        "TimeSeriesWidget", "{well}: Mann–Kendall: too few values (n = {n})"
                    ).format(well=labels.get(u, u), n=r.n)
                )
                continue
            lines.append(
                QCoreApplication.translate(
                    "TimeSeriesWidget",
                    "{well}: Mann–Kendall: {trend}, p = {p}, Sen slope = {slope} {unit}/yr (n = {n})",
                ).format(
                    well=labels.get(u, u),
                    trend=words.get(r.trend, r.trend),
                    p=f"{r.p_value:.3g}",
                    slope=f"{r.sen_slope:.3g}",
                    unit=unit,
                    n=r.n,
                )
            )
        if self.plot_info.get("non_detects"):
            lines.append(
                QCoreApplication.translate(
                    "TimeSeriesWidget",
                    "Hollow markers: below the detection limit, drawn at the limit (half of it in the test).",
                )
            )
        return "\n".join(lines)

    # -- export ----------------------------------------------------------------------------------------------

    def export(self, path: str) -> str:
        """Write the current plot to ``path`` (.png or .svg by extension). Returns the path."""
        if not self.available or not self.series:
            raise ValueError(QCoreApplication.translate("TimeSeriesWidget", "There is no plot to export."))
        ext = os.path.splitext(path)[1].lower().lstrip(".")
        if ext not in ("png", "svg"):
            raise ValueError(QCoreApplication.translate("TimeSeriesWidget", "Export as .png or .svg."))
        import matplotlib

        with matplotlib.rc_context(rc_params()):
            self.figure.savefig(path, format=ext, dpi=200 if ext == "png" else 100)
        return path

    def _export_dialog(self, ext: str) -> None:
        name = f"{self.parameter() or 'series'}.{ext}"
        filters = (
            QCoreApplication.translate("TimeSeriesWidget", "PNG images (*.png)")
            if ext == "png"
            else QCoreApplication.translate("TimeSeriesWidget", "SVG drawings (*.svg)")
        )
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("TimeSeriesWidget", "Export time series"), name, filters
        )
        if path:
            if not path.lower().endswith("." + ext):
                path += "." + ext
            self.export(path)
