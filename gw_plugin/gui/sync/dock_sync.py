"""The Sync dock (同步): state of the project database against the city platform, and the Sync / Check out actions.

Shows whether change tracking is installed (offering to install it), the pending local changes by table, last
sync time and revision, open conflicts (resolved in ``conflict_dialog.ConflictDialog``), changes the platform
rejected (kept in the file, with the reason; the user retries them as new local edits or dismisses them, through
``core.sync_rejected``) and the last sync report. "Sync" runs gwplugin:sync in a QgsTask after
the user saved or discarded open layer edits; "Check out" runs gwplugin:checkout and opens the new file.
Registered with the dock registry (gui/common/docks.py) through ``DOCK``.
"""

from __future__ import annotations

import json
import os
import sqlite3

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QItemSelectionModel, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..common.docks import DockSpec
from ..common.layer_binding import ProjectWatch

DIRECTIONS = ("both", "push", "pull")  # the order of gwplugin:sync's DIRECTION enum
POLICIES = ("server", "local", "manual")  # the order of gwplugin:sync's CONFLICT_POLICY enum
SETTINGS_DIRECTION = "gw_plugin/sync/direction"
SETTINGS_POLICY = "gw_plugin/sync/policy"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncPanel", text)


# --------------------------------------------------------------------------------------------------------------
# Reading the state of a project database (no widgets)
# --------------------------------------------------------------------------------------------------------------
def project_database(project: QgsProject) -> str | None:
    """The project database of ``project``: the database of its gw_plugin layers, else the project variable."""
    from ...core.data import qgis_project

    for layer in qgis_project.project_layers(project).values():
        value = layer.customProperty(qgis_project.PROP_DATABASE)
        if value:
            return str(value)
    from ..project.dock_project import current_database

    return current_database(project)


def sync_overview(path: str) -> dict:
    """Everything the dock shows about ``path``: tracked, pending (table -> {I, U, D}), totals, last sync time and
    revision, conflicts (list of open conflicts), rejected (list of dicts) and last_report (dict or None)."""
    from ...core.sync import changelog as C
    from ...core.sync import engine as SY
    from ...core.sync import rejected as SR

    SY.recover_journal(path)
    counts = C.pending_counts(path)
    out = {"tracked": bool(counts.get("tracked")), "pending": {}, "conflicts": [], "rejected": []}
    if not out["tracked"]:
        return out
    out.update({k: counts.get(k) for k in ("I", "U", "D", "held", "last_sync_at", "last_pulled_rev")})
    con = C.open_db(path)
    try:
        for tbl, op, n in con.execute(f"SELECT tbl, op, count(*) FROM {C.CHANGELOG} GROUP BY tbl, op ORDER BY tbl"):
            out["pending"].setdefault(tbl, {"I": 0, "U": 0, "D": 0})[op] = n
        st = C.state(con)
    finally:
        con.close()
    out["rejected"] = SR.open_rejected(path)
    out["last_report"] = json.loads(st["last_report"]) if st.get("last_report") else None
    out["conflicts"] = SY.open_conflicts(path)
    return out


def platform_summary(settings) -> str:
    """host/dbname (or service) of the platform settings, short enough for the dock."""
    import re

    text = settings.connection_string()
    found = dict(re.findall(r"(host|port|dbname|service|sslmode)=('[^']*'|\S+)", text))
    if "service" in found:
        short = found["service"]
    elif "host" in found or "dbname" in found:
        short = "{}{}/{}".format(
            found.get("host", "localhost"), ":" + found["port"] if "port" in found else "", found.get("dbname", "")
        )
    else:
        short = text
    if settings.sslmode:
        short += f" (TLS {settings.sslmode})"
    return short


def edited_layers(project: QgsProject, database: str) -> list:
    """The layers of ``database`` in ``project`` with an open edit buffer."""
    from ...core.data import qgis_project

    return [
        layer
        for layer in qgis_project.project_layers(project, database).values()
        if getattr(layer, "isEditable", lambda: False)()
    ]


# --------------------------------------------------------------------------------------------------------------
class SyncPanel(QWidget):
    """Content of the Sync dock. ``sync_finished(ok, message)`` after each sync task."""

    sync_finished = pyqtSignal(bool, str)
    checkout_finished = pyqtSignal(bool, str)

    def __init__(self, iface=None, parent: QWidget | None = None, project: QgsProject | None = None, lang=None):
        super().__init__(parent)
        if lang is None:
            from ...plugin import ui_language

            lang = ui_language()
        self.iface = iface
        self.lang = lang
        self.project = project or QgsProject.instance()
        self.setObjectName("gw_plugin_sync_panel")
        self.overview: dict = {}
        self.task = None
        self._closed = False
        self._tasks: list = []
        self._dialogs: list = []
        # how the user is asked about unsaved layer edits: callable(layers) -> "save" | "discard" | "cancel"
        self.ask_unsaved = self._ask_unsaved
        # how the user confirms giving up rejected changes: callable(count) -> bool
        self.ask_dismiss = self._ask_dismiss

        content = QWidget(self)
        layout = QVBoxLayout(content)

        # database and tracking
        self.db_label = QLabel(content)
        self.db_label.setWordWrap(True)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tracking_label = QLabel(content)
        self.tracking_label.setWordWrap(True)
        self.install_button = QPushButton(_tr("&Install change tracking"), content)
        self.install_button.setToolTip(
            _tr("Record every insert, update and delete in this file so that sync can send them")
        )
        self.install_button.clicked.connect(self.install_tracking)
        self.last_sync_label = QLabel("—", content)
        self.last_sync_label.setWordWrap(True)
        self.platform_label = QLabel("—", content)
        self.platform_label.setWordWrap(True)
        state_form = QFormLayout()
        state_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        state_form.addRow(_tr("Database:"), self.db_label)
        state_form.addRow(_tr("Change tracking:"), self.tracking_label)
        state_form.addRow(_tr("Last sync:"), self.last_sync_label)
        state_form.addRow(_tr("Platform:"), self.platform_label)
        layout.addLayout(state_form)
        layout.addWidget(self.install_button)

        # sync controls
        self.direction_combo = QComboBox(content)
        for key, label in zip(DIRECTIONS, (_tr("Pull and push"), _tr("Push only"), _tr("Pull only"))):
            self.direction_combo.addItem(label, key)
        self.policy_combo = QComboBox(content)
        for key, label in zip(
            POLICIES, (_tr("The platform wins"), _tr("My edit wins"), _tr("Leave open for me to resolve"))
        ):
            self.policy_combo.addItem(label, key)
        for combo in (self.direction_combo, self.policy_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.policy_combo.setToolTip(_tr("Who wins when the same field was changed here and on the platform"))
        from qgis.core import QgsSettings

        s = QgsSettings()
        self.direction_combo.setCurrentIndex(max(0, self.direction_combo.findData(s.value(SETTINGS_DIRECTION, ""))))
        self.policy_combo.setCurrentIndex(max(0, self.policy_combo.findData(s.value(SETTINGS_POLICY, "manual"))))
        direction_label = QLabel(_tr("&Direction:"), content)
        direction_label.setBuddy(self.direction_combo)
        policy_label = QLabel(_tr("&When both changed a field:"), content)
        policy_label.setBuddy(self.policy_combo)
        controls = QFormLayout()
        controls.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the dock stays narrow
        controls.addRow(direction_label, self.direction_combo)
        controls.addRow(policy_label, self.policy_combo)
        layout.addLayout(controls)

        self.progress = QProgressBar(content)
        self.progress.setVisible(False)
        self.status = QLabel(content)
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self.sync_button = QPushButton(_tr("&Sync"), content)
        self.sync_button.setToolTip(_tr("Pull the platform's changes, merge them and push the local changes"))
        self.sync_button.clicked.connect(self.sync)
        self.cancel_button = QPushButton(_tr("Ca&ncel"), content)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.settings_button = QPushButton(_tr("&Platform…"), content)
        self.settings_button.setToolTip(_tr("Connection to the city platform (credentials in QGIS authentication)"))
        self.settings_button.clicked.connect(self.edit_settings)
        self.checkout_button = QPushButton(_tr("C&heck out…"), content)
        self.checkout_button.setToolTip(_tr("Create a new project database with counties of the platform"))
        self.checkout_button.clicked.connect(self.open_checkout)
        self.refresh_button = QPushButton(_tr("Re&fresh"), content)
        self.refresh_button.clicked.connect(self.refresh)
        row1 = QHBoxLayout()
        row1.addWidget(self.sync_button)
        row1.addWidget(self.cancel_button)
        row1.addStretch(1)
        row1.addWidget(self.refresh_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.settings_button)
        row2.addWidget(self.checkout_button)
        row2.addStretch(1)
        layout.addLayout(row1)
        layout.addLayout(row2)

        # pending changes
        pending_box = QGroupBox(_tr("Pending local changes"), content)
        self.pending_table = QTableWidget(0, 4, pending_box)
        self.pending_table.setObjectName("pending_table")
        self.pending_table.setHorizontalHeaderLabels([_tr("Table"), _tr("Inserts"), _tr("Updates"), _tr("Deletes")])
        self._setup_table(self.pending_table)
        self.pending_table.setMaximumHeight(160)
        self.pending_total = QLabel(pending_box)
        self.pending_total.setWordWrap(True)
        pv = QVBoxLayout(pending_box)
        pv.addWidget(self.pending_table)
        pv.addWidget(self.pending_total)
        layout.addWidget(pending_box)

        # conflicts
        conflict_box = QGroupBox(_tr("Open conflicts"), content)
        self.conflict_count = QLabel(conflict_box)
        self.conflict_list = QListWidget(conflict_box)
        self.conflict_list.setObjectName("conflict_list")
        self.conflict_list.setMaximumHeight(140)
        self.conflict_list.itemActivated.connect(lambda item: self.open_conflicts(item.data(Qt.ItemDataRole.UserRole)))
        self.resolve_button = QPushButton(_tr("&Resolve conflicts…"), conflict_box)
        self.resolve_button.clicked.connect(lambda: self.open_conflicts())
        cv = QVBoxLayout(conflict_box)
        cv.addWidget(self.conflict_count)
        cv.addWidget(self.conflict_list)
        cv.addWidget(self.resolve_button)
        layout.addWidget(conflict_box)

        # rejected
        rejected_box = QGroupBox(_tr("Rejected changes"), content)
        rejected_box.setToolTip(_tr("Changes the platform refused (permissions, invalid values); kept in this file"))
        self.rejected_table = QTableWidget(0, 4, rejected_box)
        self.rejected_table.setObjectName("rejected_table")
        self.rejected_table.setHorizontalHeaderLabels([_tr("Table"), _tr("Feature"), _tr("Change"), _tr("Reason")])
        self._setup_table(self.rejected_table, stretch=3)
        self.rejected_table.setMaximumHeight(160)
        self.rejected_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.rejected_table.itemSelectionChanged.connect(self._update_rejected_buttons)
        self.retry_rejected_button = QPushButton(_tr("Re&try"), rejected_box)
        self.retry_rejected_button.setObjectName("retry_rejected_button")
        self.retry_rejected_button.setToolTip(
            _tr(
                "Apply the selected refused changes to this file again as new local edits; the next sync sends "
                "them (for example after the county was granted to you)"
            )
        )
        self.retry_rejected_button.clicked.connect(lambda: self.retry_selected_rejected())
        self.dismiss_rejected_button = QPushButton(_tr("Dis&miss"), rejected_box)
        self.dismiss_rejected_button.setObjectName("dismiss_rejected_button")
        self.dismiss_rejected_button.setToolTip(
            _tr("Give up the selected refused changes: they are never sent, the record stays in this file")
        )
        self.dismiss_rejected_button.clicked.connect(lambda: self.dismiss_selected_rejected())
        rejected_buttons = QHBoxLayout()
        rejected_buttons.addWidget(self.retry_rejected_button)
        rejected_buttons.addWidget(self.dismiss_rejected_button)
        rejected_buttons.addStretch(1)
        rv = QVBoxLayout(rejected_box)
        rv.addWidget(self.rejected_table)
        rv.addLayout(rejected_buttons)
        layout.addWidget(rejected_box)

        # last report
        report_box = QGroupBox(_tr("Last sync report"), content)
        self.report_labels = {}
        report_form = QFormLayout(report_box)
        for key, label in (
            ("pushed", _tr("Pushed:")),
            ("pulled", _tr("Pulled:")),
            ("merged", _tr("Merged:")),
            ("conflicts", _tr("Conflicts:")),
            ("rejected", _tr("Rejected:")),
        ):
            value = QLabel("—", report_box)
            value.setObjectName(f"report_{key}")
            self.report_labels[key] = value
            report_form.addRow(label, value)
        self.report_messages = QLabel(report_box)
        self.report_messages.setWordWrap(True)
        report_form.addRow(self.report_messages)
        layout.addWidget(report_box)

        layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._watch = ProjectWatch(self, self.project, self.refresh, 300)
        self._watched: list = []
        self.refresh()

    @staticmethod
    def _setup_table(table: QTableWidget, stretch: int = 0) -> None:
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        for col in range(table.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    # ------------------------------------------------------------------------------------------------------
    def database(self) -> str | None:
        return project_database(self.project)

    def platform(self) -> str:
        from .platform_settings import PlatformSettings

        return PlatformSettings.load(self.project).connection_string()

    def schedule_refresh(self, *args) -> None:
        self._watch.schedule()

    def teardown(self) -> None:
        self._watch.stop()
        self._unwatch()
        self._closed = True
        if self.task is not None:
            from ...plugin import _keep_until_finished

            _keep_until_finished(self.task)  # the task manager may still run it: keep its Python side alive
            try:
                self.task.cancel()
            except RuntimeError:
                pass
            self.task = None
        for dialog in list(self._dialogs):
            dialog.close()

    def _unwatch(self) -> None:
        for layer in self._watched:
            try:
                layer.afterCommitChanges.disconnect(self.schedule_refresh)
            except (TypeError, RuntimeError):
                pass
        self._watched = []

    def _watch_layers(self, database: str | None) -> None:
        """Refresh the pending counts after each commit of a layer of the database."""
        from ...core.data import qgis_project

        self._unwatch()
        if not database:
            return
        for layer in qgis_project.project_layers(self.project, database).values():
            if hasattr(layer, "afterCommitChanges"):
                layer.afterCommitChanges.connect(self.schedule_refresh)
                self._watched.append(layer)

    # ------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        from ...core.data import schema as S
        from .conflict_dialog import feature_label, kind_label, table_label

        path = self.database()
        busy = self.task is not None
        self._watch_layers(path)
        from .platform_settings import PlatformSettings

        ps = PlatformSettings.load(self.project)
        self.platform_label.setText(
            platform_summary(ps) if ps.is_configured() else _tr("not configured — use “Platform…”")
        )
        self.platform_label.setToolTip(ps.connection_string())
        self.overview = {}
        self.pending_table.setRowCount(0)
        self.rejected_table.setRowCount(0)
        self.conflict_list.clear()
        self.install_button.setVisible(False)
        if not path or not os.path.exists(path):
            self.db_label.setText(
                _tr("No project database in this project.")
                if not path
                else _tr("{path} does not exist.").format(path=path)
            )
            self.tracking_label.setText("—")
            self.last_sync_label.setText("—")
            self.pending_total.setText("")
            self.conflict_count.setText("")
            self._set_report(None)
            self._enable(False)
            return
        self.db_label.setText(os.path.basename(path))
        self.db_label.setToolTip(path)
        try:
            ov = sync_overview(path)
        except Exception as exc:  # a file that is not a GeoPackage, a locked file: say so, do not break the dock
            self.tracking_label.setText(str(exc))
            self._enable(False)
            return
        self.overview = ov
        if not ov["tracked"]:
            self.tracking_label.setText(
                _tr("not installed: edits made now are not recorded for sync. Install it before editing.")
            )
            self.install_button.setVisible(True)
            self.last_sync_label.setText(_tr("never"))
            self.pending_total.setText("")
            self.conflict_count.setText("")
            self._set_report(None)
            self._enable(True)
            return
        self.tracking_label.setText(_tr("installed"))
        when = ov.get("last_sync_at")
        self.last_sync_label.setText(
            _tr("{when} (platform revision {rev})").format(when=when.replace("T", " "), rev=ov.get("last_pulled_rev"))
            if when
            else _tr("never (platform revision {rev})").format(rev=ov.get("last_pulled_rev") or 0)
        )
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
            _tr("{n} changes waiting to be sent ({held} held back by open conflicts).").format(
                n=total, held=ov.get("held") or 0
            )
            if total
            else _tr("No pending changes.")
        )
        # conflicts
        self.conflict_count.setText(_tr("{n} open conflicts").format(n=len(ov["conflicts"])))
        for c in ov["conflicts"]:
            item = QListWidgetItem(
                "{table} · {feature} — {kind}".format(
                    table=table_label(c["tbl"], self.lang), feature=feature_label(c), kind=kind_label(c["kind"])
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, c["id"])
            item.setToolTip(c["uuid"])
            self.conflict_list.addItem(item)
        self.resolve_button.setEnabled(bool(ov["conflicts"]))
        # rejected
        op_labels = {"I": _tr("insert"), "U": _tr("update"), "D": _tr("delete")}
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
        self._set_report(ov.get("last_report"))
        self._enable(not busy)

    def _enable(self, has_db: bool) -> None:
        busy = self.task is not None
        self.sync_button.setEnabled(has_db and not busy and bool(self.overview))
        self.install_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.direction_combo.setEnabled(not busy)
        self.policy_combo.setEnabled(not busy)
        self.checkout_button.setEnabled(not busy)
        self.resolve_button.setEnabled(bool(self.overview.get("conflicts")) and not busy)
        self._update_rejected_buttons()

    def _update_rejected_buttons(self) -> None:
        """Retry / Dismiss act on the selected rejected changes: enabled only with a selection and no sync running."""
        enabled = bool(self.selected_rejected_ids()) and self.task is None
        self.retry_rejected_button.setEnabled(enabled)
        self.dismiss_rejected_button.setEnabled(enabled)

    def _set_report(self, report: dict | None) -> None:
        for key, label in self.report_labels.items():
            label.setText("—" if report is None else str(report.get(key, 0)))
        if report is None:
            self.report_messages.setText("")
            return
        extra = [
            _tr("open conflicts {n}, still pending {p}").format(
                n=report.get("open_conflicts", 0), p=report.get("pending", 0)
            ),
            _tr("attachments up {u} / down {d}").format(
                u=report.get("attachments_uploaded", 0), d=report.get("attachments_downloaded", 0)
            ),
        ]
        self.report_messages.setText("; ".join(extra + [str(m) for m in report.get("messages") or []]))

    def report(self) -> dict:
        """The report figures shown (for tests and scripts)."""
        return {k: v.text() for k, v in self.report_labels.items()}

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

    def _message(self, text: str, level=Qgis.MessageLevel.Info, duration: int = 5) -> None:
        self.status.setText(text)
        if self.iface is not None:
            try:
                self.iface.messageBar().pushMessage(_tr("Sync"), text, level, duration)
            except (AttributeError, RuntimeError):
                pass

    # ------------------------------------------------------------------------------------------------------
    def install_tracking(self) -> bool:
        from ...core.sync import changelog as C

        path = self.database()
        if not path:
            return False
        try:
            C.install_change_tracking(path)
        except Exception as exc:
            self._message(str(exc), Qgis.MessageLevel.Critical, 0)
            return False
        self._message(_tr("Change tracking installed; the features already in the file are sent by the first sync."))
        self.refresh()
        return True

    def _ask_unsaved(self, layers: list) -> str:
        names = ", ".join(layer.name() for layer in layers)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_tr("Unsaved edits"))
        box.setText(
            _tr("These layers have unsaved edits: {names}. Save or discard them before syncing?").format(names=names)
        )
        save = box.addButton(QMessageBox.StandardButton.Save)
        discard = box.addButton(QMessageBox.StandardButton.Discard)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def close_edit_buffers(self, database: str) -> bool:
        """Save or discard (as the user chooses) every open edit buffer of the database; False when canceled or a
        save failed. Layers in edit mode without changes simply leave edit mode."""
        layers = edited_layers(self.project, database)
        modified = [layer for layer in layers if layer.isModified()]
        choice = self.ask_unsaved(modified) if modified else "discard"
        if choice == "cancel":
            return False
        for layer in layers:
            if choice == "save" and layer.isModified():
                if not layer.commitChanges():
                    self._message(
                        _tr("The edits of {layer} could not be saved: {errors}").format(
                            layer=layer.name(), errors="; ".join(layer.commitErrors())
                        ),
                        Qgis.MessageLevel.Critical,
                        0,
                    )
                    return False
            else:
                layer.rollBack()
        return not edited_layers(self.project, database)

    def sync(self):
        """Run gwplugin:sync for the project database in a task; returns the task (None when not started)."""
        from qgis.core import QgsSettings

        from ..common.tasks import ProcessingTask

        database = self.database()
        if not database or self.task is not None:
            return None
        platform = self.platform()
        if not platform:
            self._message(_tr("Set the platform connection first (“Platform…”)."), Qgis.MessageLevel.Warning)
            return None
        if not self.close_edit_buffers(database):
            self._message(_tr("Sync not started: the layers still have open edits."), Qgis.MessageLevel.Warning)
            return None
        direction = self.direction_combo.currentData()
        policy = self.policy_combo.currentData()
        QgsSettings().setValue(SETTINGS_DIRECTION, direction)
        QgsSettings().setValue(SETTINGS_POLICY, policy)
        task = ProcessingTask(
            _tr("Syncing {name} with the platform").format(name=os.path.basename(database)),
            "gwplugin:sync",
            {
                "DATABASE": database,
                "PLATFORM": platform,
                "DIRECTION": DIRECTIONS.index(direction),
                "CONFLICT_POLICY": POLICIES.index(policy),
            },
        )
        if not task.prepared:
            self._message(task.error, Qgis.MessageLevel.Critical, 0)
            self.sync_finished.emit(False, task.error)
            return None
        self.task = task
        self._tasks.append(task)
        task.progressChanged.connect(self._progress)
        task.completed.connect(lambda ok, results, error: self._sync_done(task, database, ok, results, error))
        self.progress.setRange(0, 0)  # busy until the algorithm reports progress
        self.progress.setVisible(True)
        self.status.setText(_tr("Syncing…"))
        self._enable(True)
        QgsApplication.taskManager().addTask(task)
        return task

    def _progress(self, value: float) -> None:
        if value > 0:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(value))

    def cancel(self) -> None:
        if self.task is not None:
            self.status.setText(_tr("Canceling… (nothing is lost: a stopped sync resumes next time)"))
            self.task.cancel()

    def _sync_done(self, task, database: str, ok: bool, results: dict, error: str) -> None:
        from ..wells.import_dialog import refresh_database_layers

        if task in self._tasks:
            self._tasks.remove(task)
        if self._closed:  # the dock was closed meanwhile: only the layers are refreshed
            refresh_database_layers(QgsProject.instance(), database)
            return
        self.task = None
        self.progress.setVisible(False)
        refresh_database_layers(self.project, database)
        if ok:
            text = _tr(
                "Sync finished: pushed {pushed}, pulled {pulled}, merged {merged}, conflicts {conflicts}, "
                "rejected {rejected}."
            ).format(
                pushed=int(results.get("PUSHED", 0)),
                pulled=int(results.get("PULLED", 0)),
                merged=int(results.get("MERGED", 0)),
                conflicts=int(results.get("CONFLICTS", 0)),
                rejected=int(results.get("REJECTED", 0)),
            )
            level = Qgis.MessageLevel.Success
            if results.get("OPEN_CONFLICTS") or results.get("REJECTED"):
                level = Qgis.MessageLevel.Warning
            self._message(text, level)
        elif error:
            text = error
            self._message(error, Qgis.MessageLevel.Critical, 0)
        else:
            text = _tr("Sync canceled. Nothing was lost; sync again to finish.")
            self._message(text, Qgis.MessageLevel.Warning)
        self.refresh()
        self.sync_finished.emit(ok, text)

    # ------------------------------------------------------------------------------------------------------
    def _ask_dismiss(self, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            _tr("Dismiss rejected changes"),
            _tr(
                "Give up {n} rejected changes? They will never be sent to the platform; the record of them stays in "
                "this file."
            ).format(n=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def retry_selected_rejected(self) -> tuple:
        """Apply the selected rejected changes to the file again as new local edits (the next sync sends them);
        returns (ids retried, error messages)."""
        from ...core.sync import rejected as SR

        database = self.database()
        ids = self.selected_rejected_ids()
        if not database or not ids or self.task is not None:
            return [], []
        if not self.close_edit_buffers(database):  # a later save of the buffer would overwrite the retried values
            self._message(_tr("Save or discard the open layer edits first."), Qgis.MessageLevel.Warning)
            return [], []
        done, errors = self._apply_to_rejected(SR.retry_rejected, database, ids)
        if done:
            from ..wells.import_dialog import refresh_database_layers

            refresh_database_layers(self.project, database)
        self._after_rejected_action(
            done,
            errors,
            _tr("{n} rejected changes applied again as local edits; the next sync sends them."),
            _tr("{n} rejected changes could not be retried: {errors}"),
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
            _tr("{n} rejected changes dismissed: they are not sent, the record stays in the file."),
            _tr("{n} rejected changes could not be dismissed: {errors}"),
        )
        return done, errors

    @staticmethod
    def _apply_to_rejected(action, database: str, ids: list) -> tuple:
        from ...core.sync.engine import SyncError

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
            self._message(" ".join(texts), level, 0 if errors else 5)

    def open_conflicts(self, conflict_id: int | None = None):
        from .conflict_dialog import ConflictDialog

        database = self.database()
        if not database:
            return None
        if not self.close_edit_buffers(database):  # a later save of the buffer would overwrite the resolution
            self._message(_tr("Save or discard the open layer edits first."), Qgis.MessageLevel.Warning)
            return None
        dialog = ConflictDialog(database, self, self.lang)
        if conflict_id is not None:
            dialog.select_conflict(conflict_id)
        dialog.resolved.connect(lambda *_: self._after_resolve(database))
        self._keep(dialog)
        dialog.show()
        return dialog

    def _after_resolve(self, database: str) -> None:
        from ..wells.import_dialog import refresh_database_layers

        refresh_database_layers(self.project, database)
        self.refresh()

    def edit_settings(self):
        from .platform_settings import PlatformSettingsDialog

        dialog = PlatformSettingsDialog(self, self.project)
        dialog.accepted.connect(self.refresh)
        self._keep(dialog)
        dialog.show()
        return dialog

    def open_checkout(self):
        dialog = CheckoutDialog(self.platform(), self, self.project, self.lang)
        dialog.checked_out.connect(lambda path: self.checkout_finished.emit(True, path))
        dialog.failed.connect(lambda error: self.checkout_finished.emit(False, error))
        dialog.checked_out.connect(lambda *_: self.refresh())
        self._keep(dialog)
        dialog.show()
        return dialog

    def _keep(self, dialog) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda *_: self._dialogs.remove(dialog) if dialog in self._dialogs else None)


# --------------------------------------------------------------------------------------------------------------
class CheckoutDialog(QDialog):
    """Check out counties of the platform into a new project database (gwplugin:checkout in a task), then open it.

    ``checked_out(path)`` when the new file is open in the project; ``failed(message)`` otherwise."""

    checked_out = pyqtSignal(str)
    failed = pyqtSignal(str)

    def __init__(self, platform: str, parent=None, project: QgsProject | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.setObjectName("gw_plugin_checkout_dialog")
        self.setWindowTitle(_tr("Check out from the platform"))
        self.project = project or QgsProject.instance()
        self.lang = lang
        self.task = None
        self._closed = False

        self.platform_edit = QLineEdit(platform, self)
        self.platform_edit.setToolTip(_tr("Connection string without password (authcfg=… for credentials)"))
        self.load_button = QPushButton(_tr("&Load counties"), self)
        self.load_button.clicked.connect(self.load_counties)
        self.counties = QListWidget(self)
        self.counties.setObjectName("checkout_counties")
        self.counties.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.output_edit = QLineEdit(self)
        self.browse_button = QPushButton(_tr("&Browse…"), self)
        self.browse_button.clicked.connect(self._browse)

        platform_row = QHBoxLayout()
        platform_row.addWidget(self.platform_edit, 1)
        platform_row.addWidget(self.load_button)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output_edit, 1)
        output_row.addWidget(self.browse_button)
        form = QFormLayout()
        p_label = QLabel(_tr("&Platform:"), self)
        p_label.setBuddy(self.platform_edit)
        c_label = QLabel(_tr("&Counties:"), self)
        c_label.setBuddy(self.counties)
        o_label = QLabel(_tr("&Output file:"), self)
        o_label.setBuddy(self.output_edit)
        form.addRow(p_label, platform_row)
        form.addRow(c_label, self.counties)
        form.addRow(o_label, output_row)

        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.run_button = self.buttons.addButton(_tr("Chec&k out"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.run_button.clicked.connect(self.run)
        self.buttons.rejected.connect(self._cancel_or_close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if platform:
            self.load_counties()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, _tr("New project database"), self.output_edit.text(), _tr("GeoPackage (*.gpkg)")
        )
        if path:
            self.output_edit.setText(path if path.lower().endswith(".gpkg") else path + ".gpkg")

    def load_counties(self) -> bool:
        from .platform_settings import platform_counties

        self.counties.clear()
        try:
            rows = platform_counties(self.platform_edit.text().strip())
        except Exception as exc:  # connection refused, not a platform: shown, not raised
            self.message.setText(str(exc).strip())
            return False
        for code, name, writable in rows:
            text = f"{code} {name}" if name and name != code else code
            if not writable:
                text += " " + _tr("(read only)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.counties.addItem(item)
        self.message.setText(_tr("{n} counties on the platform.").format(n=len(rows)))
        return True

    def select_counties(self, codes) -> None:
        codes = set(codes)
        for i in range(self.counties.count()):
            item = self.counties.item(i)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in codes)

    def selected_counties(self) -> list:
        return [
            self.counties.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.counties.count())
            if self.counties.item(i).isSelected()
        ]

    def run(self):
        from ..common.tasks import ProcessingTask

        counties = self.selected_counties()
        output = self.output_edit.text().strip()
        if not counties:
            self.message.setText(_tr("Choose at least one county."))
            return None
        if not output:
            self.message.setText(_tr("Choose the output file."))
            return None
        if not output.lower().endswith(".gpkg"):
            output += ".gpkg"
        task = ProcessingTask(
            _tr("Checking out {counties}").format(counties=", ".join(counties)),
            "gwplugin:checkout",
            {"PLATFORM": self.platform_edit.text().strip(), "COUNTIES": ",".join(counties), "OUTPUT": output},
        )
        if not task.prepared:
            self.message.setText(task.error)
            return None
        self.task = task
        task.completed.connect(lambda ok, results, error: self._done(ok, results, error))
        task.progressChanged.connect(lambda v: self.progress.setValue(int(v)))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.run_button.setEnabled(False)
        self.message.setText(_tr("Checking out…"))
        QgsApplication.taskManager().addTask(task)
        return task

    def _cancel_or_close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        self.reject()

    def reject(self) -> None:
        """Closing while a check-out runs cancels it (the file appears only when complete)."""
        if self.task is not None:
            from ...plugin import _keep_until_finished

            _keep_until_finished(self.task)
            self.task.cancel()
            self.task = None
            self._closed = True
        super().reject()

    def _done(self, ok: bool, results: dict, error: str) -> None:
        if self._closed:
            return
        self.task = None
        self.progress.setVisible(False)
        self.run_button.setEnabled(True)
        if not ok:
            message = error or _tr("Check-out canceled.")
            self.message.setText(message)
            self.failed.emit(message)
            return
        path = results.get("OUTPUT")
        qgz = results.get("PROJECT_FILE")
        try:
            if qgz and os.path.exists(qgz):
                self.project.read(qgz)
            else:
                from ...core.data import qgis_project

                self.project.clear()
                qgis_project.load_into_project(path, self.project, self.lang)
        except Exception as exc:
            self.message.setText(str(exc))
            self.failed.emit(str(exc))
            return
        self.message.setText(
            _tr("{rows} features checked out into {path}.").format(rows=int(results.get("ROWS", 0)), path=path)
        )
        self.checked_out.emit(path)
        self.accept()


DOCK = DockSpec(
    key="sync",
    title=lambda: QCoreApplication.translate("SyncPanel", "Sync"),
    factory=SyncPanel,
    icon="/mActionRefresh.svg",
    tooltip=lambda: QCoreApplication.translate(
        "SyncPanel", "Sync the project database with the city platform: pending changes, conflicts, rejected changes"
    ),
    order=80,
)
