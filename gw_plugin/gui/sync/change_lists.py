"""The change lists of the Sync dock: pending local changes by table, open conflicts and the changes the platform
rejected, with Retry (apply them again as new local edits) and Dismiss (give them up) through ``core.sync.rejected``.

``ChangeListsMixin`` is mixed into ``dock_sync.SyncPanel``, which provides ``database()``, ``refresh()``,
``close_edit_buffers()``, ``show_message()``, ``open_conflicts()``, ``ask_dismiss``, ``task``, ``project`` and ``lang``.
"""

from __future__ import annotations

import sqlite3

from qgis.core import Qgis
from qgis.PyQt.QtCore import QItemSelectionModel, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...toolbelt.i18n import tr

TR_CONTEXT = "SyncPanel"  # the translation context of this module's texts


class ChangeListsMixin:
    """The pending, conflict and rejected lists of ``SyncPanel`` (see the module docstring)."""

    def build_change_lists(self, content: QWidget, layout: QVBoxLayout) -> None:
        """The "Pending local changes", "Open conflicts" and "Rejected changes" lists as tabs added to ``layout``:
        on a 1366 × 768 screen they share the dock's height and every heading stays in view."""
        self.change_tabs = QTabWidget(content)
        self.change_tabs.setObjectName("change_tabs")
        self.change_tabs.setMinimumHeight(160)
        self.change_tabs.setElideMode(Qt.TextElideMode.ElideRight)  # all three in a narrow dock, whole in tooltips
        self.change_tabs.setUsesScrollButtons(False)
        # pending changes
        pending_box = QWidget(self.change_tabs)
        self.pending_table = QTableWidget(0, 4, pending_box)
        self.pending_table.setObjectName("pending_table")
        self.pending_table.setHorizontalHeaderLabels(
            [tr(TR_CONTEXT, "Table"), tr(TR_CONTEXT, "Inserts"), tr(TR_CONTEXT, "Updates"), tr(TR_CONTEXT, "Deletes")]
        )
        self._setup_table(self.pending_table)
        self.pending_total = QLabel(pending_box)
        self.pending_total.setWordWrap(True)
        pv = QVBoxLayout(pending_box)
        pv.addWidget(self.pending_table)
        pv.addWidget(self.pending_total)
        self.change_tabs.addTab(pending_box, tr(TR_CONTEXT, "Pending local changes"))

        # conflicts
        conflict_box = QWidget(self.change_tabs)
        self.conflict_count = QLabel(conflict_box)
        self.conflict_list = QListWidget(conflict_box)
        self.conflict_list.setObjectName("conflict_list")
        self.conflict_list.itemActivated.connect(lambda item: self.open_conflicts(item.data(Qt.ItemDataRole.UserRole)))
        self.resolve_button = QPushButton(tr(TR_CONTEXT, "&Resolve conflicts…"), conflict_box)
        self.resolve_button.clicked.connect(lambda: self.open_conflicts())
        cv = QVBoxLayout(conflict_box)
        cv.addWidget(self.conflict_count)
        cv.addWidget(self.conflict_list)
        cv.addWidget(self.resolve_button)
        self.change_tabs.addTab(conflict_box, tr(TR_CONTEXT, "Open conflicts"))

        # rejected
        rejected_box = QWidget(self.change_tabs)
        rejected_box.setToolTip(
            tr(TR_CONTEXT, "Changes the platform refused (permissions, invalid values); kept in this file")
        )
        self.rejected_table = QTableWidget(0, 4, rejected_box)
        self.rejected_table.setObjectName("rejected_table")
        self.rejected_table.setHorizontalHeaderLabels(
            [tr(TR_CONTEXT, "Table"), tr(TR_CONTEXT, "Feature"), tr(TR_CONTEXT, "Change"), tr(TR_CONTEXT, "Reason")]
        )
        self._setup_table(self.rejected_table, stretch=3)
        self.rejected_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.rejected_table.itemSelectionChanged.connect(self.update_rejected_buttons)
        self.retry_rejected_button = QPushButton(tr(TR_CONTEXT, "Re&try"), rejected_box)
        self.retry_rejected_button.setObjectName("retry_rejected_button")
        self.retry_rejected_button.setToolTip(
            tr(
                TR_CONTEXT,
                "Apply the selected refused changes to this file again as new local edits; the next sync sends "
                "them (for example after the county was granted to you)",
            )
        )
        self.retry_rejected_button.clicked.connect(lambda: self.retry_selected_rejected())
        self.dismiss_rejected_button = QPushButton(tr(TR_CONTEXT, "Dis&miss"), rejected_box)
        self.dismiss_rejected_button.setObjectName("dismiss_rejected_button")
        self.dismiss_rejected_button.setToolTip(
            tr(TR_CONTEXT, "Give up the selected refused changes: they are never sent, the record stays in this file")
        )
        self.dismiss_rejected_button.clicked.connect(lambda: self.dismiss_selected_rejected())
        rejected_buttons = QHBoxLayout()
        rejected_buttons.addWidget(self.retry_rejected_button)
        rejected_buttons.addWidget(self.dismiss_rejected_button)
        rejected_buttons.addStretch(1)
        rv = QVBoxLayout(rejected_box)
        rv.addWidget(self.rejected_table)
        rv.addLayout(rejected_buttons)
        self.change_tabs.addTab(rejected_box, tr(TR_CONTEXT, "Rejected changes"))
        self._tab_titles = [self.change_tabs.tabText(i) for i in range(3)]
        for i, title in enumerate(self._tab_titles):
            self.change_tabs.setTabToolTip(i, title if i < 2 else f"{title}: {rejected_box.toolTip()}")
        layout.addWidget(self.change_tabs, 3)

    @staticmethod
    def _setup_table(table: QTableWidget, stretch: int = 0) -> None:
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        for col in range(table.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def fill_change_lists(self, ov: dict) -> None:
        """Show the pending changes, open conflicts and rejected changes of ``sync_state.sync_overview``."""
        from ...core.data import schema as S
        from .conflict_dialog import conflict_item, feature_label, table_label

        # pending
        rows = sorted(
            ov["pending"].items(),
            key=lambda kv: [t.name for t in S.TABLES].index(kv[0]) if kv[0] in [t.name for t in S.TABLES] else 999,
        )
        self.pending_table.setRowCount(len(rows))
        for r, (tbl, ops) in enumerate(rows):
            name = QTableWidgetItem(table_label(tbl, self.lang))
            name.setData(Qt.ItemDataRole.UserRole, tbl)
            name.setToolTip(tbl)
            self.pending_table.setItem(r, 0, name)
            for col, op in enumerate(("I", "U", "D"), start=1):
                item = QTableWidgetItem(str(ops.get(op, 0)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.pending_table.setItem(r, col, item)
        total = (ov.get("I") or 0) + (ov.get("U") or 0) + (ov.get("D") or 0)
        self.pending_total.setText(
            tr(TR_CONTEXT, "{n} changes waiting to be sent ({held} held back by open conflicts).").format(
                n=total, held=ov.get("held") or 0
            )
            if total
            else tr(TR_CONTEXT, "No pending changes.")
        )
        # conflicts
        self.conflict_count.setText(tr(TR_CONTEXT, "{n} open conflicts").format(n=len(ov["conflicts"])))
        for c in ov["conflicts"]:
            self.conflict_list.addItem(conflict_item(c, self.lang))
        self.resolve_button.setEnabled(bool(ov["conflicts"]))
        # rejected
        op_labels = {"I": tr(TR_CONTEXT, "insert"), "U": tr(TR_CONTEXT, "update"), "D": tr(TR_CONTEXT, "delete")}
        self.rejected_table.setRowCount(len(ov["rejected"]))
        for r, rej in enumerate(ov["rejected"]):
            feature = feature_label({"local": rej.get("data"), "uuid": rej["uuid"]})
            cells = [
                table_label(rej["tbl"], self.lang),
                feature,
                op_labels.get(rej["op"], rej["op"]),
                rej["reason"] or "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                item.setToolTip(rej["uuid"] if col < 2 else str(text))
                item.setData(Qt.ItemDataRole.UserRole, rej["id"])
                self.rejected_table.setItem(r, col, item)
        counts = (total, len(ov["conflicts"]), len(ov["rejected"]))
        if counts[1] and not self.change_tabs.tabText(1).endswith(")"):  # conflicts appeared: show them
            self.change_tabs.setCurrentIndex(1)
        for i, n in enumerate(counts):
            self.change_tabs.setTabText(i, f"{self._tab_titles[i]} ({n})" if n else self._tab_titles[i])

    def update_rejected_buttons(self) -> None:
        """Retry / Dismiss act on the selected rejected changes: enabled only with a selection and no sync running."""
        enabled = bool(self.selected_rejected_ids()) and self.task is None
        self.retry_rejected_button.setEnabled(enabled)
        self.dismiss_rejected_button.setEnabled(enabled)

    def pending_rows(self) -> dict:
        """table -> (inserts, updates, deletes) as shown."""
        out = {}
        for r in range(self.pending_table.rowCount()):
            tbl = self.pending_table.item(r, 0).data(Qt.ItemDataRole.UserRole)
            out[tbl] = tuple(int(self.pending_table.item(r, c).text()) for c in (1, 2, 3))
        return out

    def rejected_rows(self) -> list:
        return [
            tuple(self.rejected_table.item(r, c).text() for c in range(self.rejected_table.columnCount()))
            for r in range(self.rejected_table.rowCount())
        ]

    def selected_rejected_ids(self) -> list:
        """The gw_rejected ids of the selected rows of the rejected table, in table order."""
        model = self.rejected_table.selectionModel()
        if model is None:
            return []
        rows = sorted({index.row() for index in model.selectedRows()})
        items = [self.rejected_table.item(r, 0) for r in rows]
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item is not None]

    def select_rejected(self, ids) -> None:
        """Select the rows of these gw_rejected ids (and only them)."""
        ids = set(ids)
        self.rejected_table.clearSelection()
        model = self.rejected_table.selectionModel()
        for r in range(self.rejected_table.rowCount()):
            if self.rejected_table.item(r, 0).data(Qt.ItemDataRole.UserRole) in ids:
                model.select(
                    self.rejected_table.model().index(r, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )

    def retry_selected_rejected(self) -> tuple:
        """Apply the selected rejected changes to the file again as new local edits (the next sync sends them);
        returns (ids retried, error messages)."""
        from ...core.sync import rejected as SR

        database = self.database()
        ids = self.selected_rejected_ids()
        if not database or not ids or self.task is not None:
            return [], []
        if not self.close_edit_buffers(database):  # a later save of the buffer would overwrite the retried values
            self.show_message(tr(TR_CONTEXT, "Save or discard the open layer edits first."), Qgis.MessageLevel.Warning)
            return [], []
        done, errors = self._apply_to_rejected(SR.retry_rejected, database, ids)
        if done:
            from ..common.project_database import refresh_database_layers

            refresh_database_layers(self.project, database)
        self._after_rejected_action(
            done,
            errors,
            tr(TR_CONTEXT, "{n} rejected changes applied again as local edits; the next sync sends them."),
            tr(TR_CONTEXT, "{n} rejected changes could not be retried: {errors}"),
        )
        return done, errors

    def dismiss_selected_rejected(self) -> tuple:
        """Give up the selected rejected changes after the user confirmed (they stay recorded as dismissed);
        returns (ids dismissed, error messages)."""
        from ...core.sync import rejected as SR

        database = self.database()
        ids = self.selected_rejected_ids()
        if not database or not ids or self.task is not None:
            return [], []
        if not self.ask_dismiss(len(ids)):
            return [], []
        done, errors = self._apply_to_rejected(SR.dismiss_rejected, database, ids)
        self._after_rejected_action(
            done,
            errors,
            tr(TR_CONTEXT, "{n} rejected changes dismissed: they are not sent, the record stays in the file."),
            tr(TR_CONTEXT, "{n} rejected changes could not be dismissed: {errors}"),
        )
        return done, errors

    @staticmethod
    def _apply_to_rejected(action, database: str, ids: list) -> tuple:
        from ...core.sync.report import SyncError

        done, errors = [], []
        for rejected_id in ids:
            try:
                action(database, rejected_id)
            except (SyncError, sqlite3.Error) as exc:  # refused or file locked: that change stays open
                errors.append(str(exc))
            else:
                done.append(rejected_id)
        return done, errors

    def _after_rejected_action(self, done: list, errors: list, done_text: str, error_text: str) -> None:
        """Refresh, then say how many changes were handled and why the others were not."""
        texts = []
        if done:
            texts.append(done_text.format(n=len(done)))
        if errors:
            texts.append(error_text.format(n=len(errors), errors="; ".join(errors)))
        self.refresh()
        if texts:
            level = Qgis.MessageLevel.Critical if errors else Qgis.MessageLevel.Success
            self.show_message(" ".join(texts), level, 0 if errors else 5)
