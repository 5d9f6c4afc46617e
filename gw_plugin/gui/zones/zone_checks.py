"""Checks and snapping of the recharge-zone dock: check the zone layers (core.zones.checks), accept a reported
overlap, zoom to an issue, and turn on snapping to the hydrogeological boundaries for manual drawing.

``ZoneChecksMixin`` is mixed into ``dock_zones.ZonesPanel``, which provides ``layer()``, ``check_summary``,
``issues_list``, ``canvas`` and ``project``.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QListWidgetItem

from ...core.zones import checks, snapping


class ZoneChecksMixin:
    """Checks and snapping of ``ZonesPanel`` (see the module docstring)."""

    def run_checks(self) -> checks.ZoneCheckReport:
        layers = [self.layer("protection_zones"), self.layer("recharge_zones")]
        report = checks.check_layers([ly for ly in layers if ly is not None], self.project)
        self.last_report = report
        self.check_summary.setText(report.text().splitlines()[0])
        self.issues_list.clear()
        for issue in report.issues:
            item = QListWidgetItem(f"[{issue.check}] {issue.message}")
            item.setData(Qt.ItemDataRole.UserRole, issue)
            self.issues_list.addItem(item)
        return report

    def accept_selected_overlap(self) -> bool:
        item = self.issues_list.currentItem()
        issue = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if issue is None or issue.check != "overlap":
            self.check_summary.setText(QCoreApplication.translate("ZonesPanel", "Select an overlap in the list first."))
            return False
        checks.accept_overlap_in_project(self.project, *issue.uuids)
        self.run_checks()
        return True

    def zoom_to_issue(self, item) -> None:
        issue = item.data(Qt.ItemDataRole.UserRole)
        if issue is None or issue.location is None or self.canvas is None:
            return
        from qgis.core import QgsRectangle

        x, y = issue.location
        self.canvas.setExtent(QgsRectangle(x - 500, y - 500, x + 500, y + 500))
        self.canvas.refresh()

    def configure_snapping(self) -> list:
        snapping.configure_snapping(self.project)
        summary = snapping.snapping_summary(self.project)
        self.check_summary.setText(
            QCoreApplication.translate("ZonesPanel", "Snapping on: {layers}").format(
                layers=", ".join(name for name, _, _ in summary) or "—"
            )
        )
        return summary
