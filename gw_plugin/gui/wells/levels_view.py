"""Water-level time series of the selected well(s) in the Wells dock (issue 18), beside the quality series: the head
(m above datum) on top and the depth to water (m below ground, axis pointing down) below, one colour per well;
manual rounds as markers, logger readings as a thin line. Heads missing in the table are computed from the well's
ground elevation and the depth (as core/wells/water_levels.heads_at_wells does). Export to PNG or SVG.

Drawn like gui/wells/timeseries.py (matplotlib Figure on the Qt Agg canvas, CJK font first); when matplotlib is
missing the widget says so instead of failing.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3

from qgis.PyQt.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...core.wells import series
from ...toolbelt.i18n import tr
from .timeseries import LINE_COLORS, MAX_WELLS, load_matplotlib, rc_params

TR_CONTEXT = "WaterLevelsWidget"  # the translation context of this module's texts

LOGGER = "logger"  # water_levels.method of automatic readings (drawn as a line, not markers)


def level_series(database: str, well_uuid: str) -> list:
    """[(datetime, depth to water or None, head or None, method)] of one well, oldest first; the head from ground
    elevation − depth where the table has none."""
    con = series.connect_ro(database)
    try:
        rows = con.execute(
            "SELECT l.measured_at, l.depth_to_water_m, COALESCE(l.head_m, w.ground_elev_m - l.depth_to_water_m), "
            "COALESCE(l.method, '') FROM water_levels l JOIN monitoring_wells w ON w.uuid = l.well_uuid "
            "WHERE l.well_uuid = ? ORDER BY l.measured_at",
            (well_uuid,),
        ).fetchall()
    finally:
        con.close()
    out = []
    for when, depth, head, method in rows:
        try:
            t = _dt.datetime.fromisoformat(str(when).replace("Z", "")[:19])
        except ValueError:
            continue
        out.append((t, depth, head, method))
    return out


class WaterLevelsWidget(QWidget):
    """Head and depth-to-water plot of the selected wells, a summary line and export buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gw_plugin_water_levels")
        self.database: str | None = None
        self.wells: list = []  # (uuid, label)
        self.data: dict = {}  # uuid → level_series rows
        self.plot_info: dict = {}
        self.figure = None
        self.canvas = None
        self.png_button = QPushButton(tr(TR_CONTEXT, "PNG…"), self)
        self.svg_button = QPushButton(tr(TR_CONTEXT, "SVG…"), self)
        self.png_button.clicked.connect(lambda: self._export_dialog("png"))
        self.svg_button.clicked.connect(lambda: self._export_dialog("svg"))
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.png_button)
        top.addWidget(self.svg_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.message)
        try:
            Figure, Canvas = load_matplotlib()
        except ImportError as exc:
            self.available = False
            self.message.setText(
                tr(
                    TR_CONTEXT,
                    "Water-level plots need the Python package matplotlib, which is not installed ({error}). "
                    "Install it (python3-matplotlib) and restart QGIS.",
                ).format(error=exc)
            )
        else:
            self.available = True
            self.figure = Figure(figsize=(5, 3.5), dpi=100, constrained_layout=True)
            self.canvas = Canvas(self.figure)
            self.canvas.setParent(self)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.canvas.setMinimumHeight(220)
            layout.addWidget(self.canvas, 1)
        layout.addWidget(self.summary)
        self._set_empty(tr(TR_CONTEXT, "Select one or more wells."))

    def teardown(self) -> None:
        if self.figure is not None:
            self.figure.clear()

    def set_wells(self, wells: list, database: str | None) -> None:
        """Show ``wells`` [(uuid, label)] of ``database``."""
        self.database = database
        self.wells = list(wells)[:MAX_WELLS]
        if not self.available:
            return
        if not self.wells or not database:
            self._set_empty(tr(TR_CONTEXT, "Select one or more wells."))
            return
        try:
            data = {u: level_series(database, u) for u, _ in self.wells}
        except sqlite3.Error as exc:
            self._set_empty(tr(TR_CONTEXT, "The water levels could not be read: {error}").format(error=exc))
            return
        self.data = {u: rows for u, rows in data.items() if rows}
        if not self.data:
            self._set_empty(tr(TR_CONTEXT, "The selected wells have no water levels."))
            return
        import matplotlib

        with matplotlib.rc_context(rc_params()):
            self._draw()
        self.message.setText("")
        for w in (self.png_button, self.svg_button):
            w.setEnabled(True)

    def _set_empty(self, text: str) -> None:
        self.data, self.plot_info = {}, {}
        self.summary.setText("")
        self.message.setText(text)
        if self.available:
            self.figure.clear()
            self.canvas.draw_idle()
        for w in (self.png_button, self.svg_button):
            w.setEnabled(False)

    def _draw(self) -> None:
        import numpy as np
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        fig = self.figure
        fig.clear()
        ax_head = fig.add_subplot(211)
        ax_depth = fig.add_subplot(212, sharex=ax_head)
        labels = dict(self.wells)
        info = {"wells": [], "manual": 0, "logger": 0, "heads": 0, "depths": 0}
        lines = []
        for k, (u, rows) in enumerate(self.data.items()):
            color = LINE_COLORS[k % len(LINE_COLORS)]
            label = labels.get(u, u[:8])
            for ax, col in ((ax_head, 2), (ax_depth, 1)):
                for is_logger in (True, False):
                    pts = [(r[0], r[col]) for r in rows if r[col] is not None and (r[3] == LOGGER) == is_logger]
                    if not pts:
                        continue
                    t = np.array([p[0] for p in pts], dtype="datetime64[s]")
                    v = np.array([float(p[1]) for p in pts])
                    if is_logger:
                        ax.plot(t, v, "-", color=color, linewidth=0.8, alpha=0.8, gid="logger")
                    else:
                        ax.plot(t, v, "o-", color=color, markersize=3.5, linewidth=0.8, gid="manual")
                    if col == 2:
                        info["logger" if is_logger else "manual"] += len(pts)
                        info["heads"] += len(pts)
                    else:
                        info["depths"] += len(pts)
            ax_head.plot([], [], "-", color=color, label=label)  # one legend entry per well
            info["wells"].append(u)
            heads = [r[2] for r in rows if r[2] is not None]
            depths = [r[1] for r in rows if r[1] is not None]
            text = tr(TR_CONTEXT, "{well}: {n} readings {first} – {last}").format(
                well=label, n=len(rows), first=f"{rows[0][0]:%Y-%m-%d}", last=f"{rows[-1][0]:%Y-%m-%d}"
            )
            if heads:
                text += tr(TR_CONTEXT, "; head {lo:.2f}–{hi:.2f} m").format(lo=min(heads), hi=max(heads))
            if depths:
                text += tr(TR_CONTEXT, "; depth to water {lo:.2f}–{hi:.2f} m").format(lo=min(depths), hi=max(depths))
            lines.append(text)
        ax_head.set_ylabel(tr(TR_CONTEXT, "Head (m)"), fontsize=8)
        ax_depth.set_ylabel(tr(TR_CONTEXT, "Depth to water (m)"), fontsize=8)
        if not ax_depth.yaxis_inverted():
            ax_depth.invert_yaxis()  # depth below ground points down
        title = tr(TR_CONTEXT, "Water levels")
        if len(self.data) == 1:
            title = f"{labels.get(next(iter(self.data)), '')} · {title}"
        ax_head.set_title(title, fontsize=9)
        locator = AutoDateLocator()
        ax_depth.xaxis.set_major_locator(locator)
        ax_depth.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        for ax in (ax_head, ax_depth):
            ax.tick_params(labelsize=7)
            ax.grid(True, linewidth=0.3, alpha=0.5)
        if len(self.data) > 1:
            ax_head.legend(fontsize=7, loc="upper left")
        if info["logger"]:
            lines.append(tr(TR_CONTEXT, "Markers: manual readings; thin line: logger readings."))
        info["depth_axis_inverted"] = ax_depth.yaxis_inverted()
        self.plot_info = info
        self.canvas.draw()
        self.summary.setText("\n".join(lines))

    def export(self, path: str) -> str:
        """Write the current plot to ``path`` (.png or .svg by extension). Returns the path."""
        if not self.available or not self.data:
            raise ValueError(tr(TR_CONTEXT, "There is no plot to export."))
        ext = os.path.splitext(path)[1].lower().lstrip(".")
        if ext not in ("png", "svg"):
            raise ValueError(tr(TR_CONTEXT, "Export as .png or .svg."))
        import matplotlib

        with matplotlib.rc_context(rc_params()):
            self.figure.savefig(path, format=ext, dpi=200 if ext == "png" else 100)
        return path

    def _export_dialog(self, ext: str) -> None:
        filters = tr(TR_CONTEXT, "PNG images (*.png)") if ext == "png" else tr(TR_CONTEXT, "SVG drawings (*.svg)")
        path, _ = QFileDialog.getSaveFileName(
            self, tr(TR_CONTEXT, "Export water levels"), f"water_levels.{ext}", filters
        )
        if path:
            if not path.lower().endswith("." + ext):
                path += "." + ext
            try:
                self.export(path)
            except (OSError, ValueError) as exc:
                self.message.setText(str(exc))
