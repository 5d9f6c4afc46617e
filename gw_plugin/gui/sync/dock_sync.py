"""The Sync dock (同步): state of the project database against the city platform, and the Sync / Check out actions.

Shows whether change tracking is installed (offering to install it), the pending local changes by table, last
sync time and revision, open conflicts (resolved in ``conflict_dialog.ConflictDialog``), changes the platform
rejected (kept in the file, with the reason; the user retries them as new local edits or dismisses them, through
``core.sync.rejected``) and the last sync report. "Sync" runs gwplugin:sync in a QgsTask after
the user saved or discarded open layer edits; "Check out" runs gwplugin:checkout and opens the new file.
Registered with the dock registry (gui/common/docks.py) through ``DOCK``. The change lists (pending,
conflicts, rejected with Retry / Dismiss) are in ``change_lists``, the database state read in ``sync_state``
and the Check out dialog in ``checkout_dialog``.
"""

from __future__ import annotations

import os

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...toolbelt import settings
from ...toolbelt.i18n import tr, ui_language
from ...toolbelt.qt import DialogKeeper, keep_until_finished
from ..common.docks import DockSpec
from ..common.layer_binding import ProjectWatch
from ..common.project_database import project_database
from .change_lists import ChangeListsMixin
from .checkout_dialog import CheckoutDialog
from .sync_state import edited_layers, platform_summary, sync_overview

TR_CONTEXT = "SyncPanel"  # the translation context of this module's texts

DIRECTIONS = ("both", "push", "pull")  # the order of gwplugin:sync's DIRECTION enum
POLICIES = ("server", "local", "manual")  # the order of gwplugin:sync's CONFLICT_POLICY enum


# --------------------------------------------------------------------------------------------------------------
class SyncPanel(QWidget, ChangeListsMixin):
    """Content of the Sync dock. ``sync_finished(ok, message)`` after each sync task."""

    sync_finished = pyqtSignal(bool, str)
    checkout_finished = pyqtSignal(bool, str)

    def __init__(self, iface=None, parent: QWidget | None = None, project: QgsProject | None = None, lang=None):
        super().__init__(parent)
        self.iface = iface
        self.lang = lang or ui_language()
        self.project = project or QgsProject.instance()
        self.setObjectName("gw_plugin_sync_panel")
        self.overview: dict = {}
        self.task = None
        self._closed = False
        self._tasks: list = []
        self._dialogs = DialogKeeper()
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
        self.install_button = QPushButton(tr(TR_CONTEXT, "&Install change tracking"), content)
        self.install_button.setToolTip(
            tr(TR_CONTEXT, "Record every insert, update and delete in this file so that sync can send them")
        )
        self.install_button.clicked.connect(self.install_tracking)
        self.last_sync_label = QLabel("—", content)
        self.last_sync_label.setWordWrap(True)
        self.platform_label = QLabel("—", content)
        self.platform_label.setWordWrap(True)
        state_form = QFormLayout()
        state_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        state_form.addRow(tr(TR_CONTEXT, "Database:"), self.db_label)
        state_form.addRow(tr(TR_CONTEXT, "Change tracking:"), self.tracking_label)
        state_form.addRow(tr(TR_CONTEXT, "Last sync:"), self.last_sync_label)
        state_form.addRow(tr(TR_CONTEXT, "Platform:"), self.platform_label)
        layout.addLayout(state_form)
        layout.addWidget(self.install_button)

        # sync controls
        self.direction_combo = QComboBox(content)
        for key, label in zip(
            DIRECTIONS, (tr(TR_CONTEXT, "Pull and push"), tr(TR_CONTEXT, "Push only"), tr(TR_CONTEXT, "Pull only"))
        ):
            self.direction_combo.addItem(label, key)
        self.policy_combo = QComboBox(content)
        for key, label in zip(
            POLICIES,
            (
                tr(TR_CONTEXT, "The platform wins"),
                tr(TR_CONTEXT, "My edit wins"),
                tr(TR_CONTEXT, "Leave open for me to resolve"),
            ),
        ):
            self.policy_combo.addItem(label, key)
        for combo in (self.direction_combo, self.policy_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.policy_combo.setToolTip(
            tr(TR_CONTEXT, "Who wins when the same field was changed here and on the platform")
        )
        self.direction_combo.setCurrentIndex(max(0, self.direction_combo.findData(settings.SYNC_DIRECTION.get())))
        self.policy_combo.setCurrentIndex(max(0, self.policy_combo.findData(settings.SYNC_POLICY.get())))
        direction_label = QLabel(tr(TR_CONTEXT, "&Direction:"), content)
        direction_label.setBuddy(self.direction_combo)
        policy_label = QLabel(tr(TR_CONTEXT, "&When both changed a field:"), content)
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

        self.sync_button = QPushButton(tr(TR_CONTEXT, "&Sync"), content)
        self.sync_button.setToolTip(
            tr(TR_CONTEXT, "Pull the platform's changes, merge them and push the local changes")
        )
        self.sync_button.clicked.connect(self.sync)
        self.cancel_button = QPushButton(tr(TR_CONTEXT, "Ca&ncel"), content)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.settings_button = QPushButton(tr(TR_CONTEXT, "&Platform…"), content)
        self.settings_button.setToolTip(
            tr(TR_CONTEXT, "Connection to the city platform (credentials in QGIS authentication)")
        )
        self.settings_button.clicked.connect(self.edit_settings)
        self.checkout_button = QPushButton(tr(TR_CONTEXT, "C&heck out…"), content)
        self.checkout_button.setToolTip(tr(TR_CONTEXT, "Create a new project database with counties of the platform"))
        self.checkout_button.clicked.connect(self.open_checkout)
        self.refresh_button = QPushButton(tr(TR_CONTEXT, "Re&fresh"), content)
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

        self.build_change_lists(content, layout)

        # last report
        report_box = QGroupBox(tr(TR_CONTEXT, "Last sync report"), content)
        self.report_labels = {}
        report_form = QFormLayout(report_box)
        for key, label in (
            ("pushed", tr(TR_CONTEXT, "Pushed:")),
            ("pulled", tr(TR_CONTEXT, "Pulled:")),
            ("merged", tr(TR_CONTEXT, "Merged:")),
            ("conflicts", tr(TR_CONTEXT, "Conflicts:")),
            ("rejected", tr(TR_CONTEXT, "Rejected:")),
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
            keep_until_finished(self.task)  # the task manager may still run it: keep its Python side alive
            try:
                self.task.cancel()
            except RuntimeError:
                pass
            self.task = None
        self._dialogs.close_all()

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
        path = self.database()
        busy = self.task is not None
        self._watch_layers(path)
        from .platform_settings import PlatformSettings

        ps = PlatformSettings.load(self.project)
        self.platform_label.setText(
            platform_summary(ps) if ps.is_configured() else tr(TR_CONTEXT, "not configured — use “Platform…”")
        )
        self.platform_label.setToolTip(ps.connection_string())
        self.overview = {}
        self.pending_table.setRowCount(0)
        self.rejected_table.setRowCount(0)
        self.conflict_list.clear()
        self.install_button.setVisible(False)
        if not path or not os.path.exists(path):
            self.db_label.setText(
                tr(TR_CONTEXT, "No project database in this project.")
                if not path
                else tr(TR_CONTEXT, "{path} does not exist.").format(path=path)
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
                tr(TR_CONTEXT, "not installed: edits made now are not recorded for sync. Install it before editing.")
            )
            self.install_button.setVisible(True)
            self.last_sync_label.setText(tr(TR_CONTEXT, "never"))
            self.pending_total.setText("")
            self.conflict_count.setText("")
            self._set_report(None)
            self._enable(True)
            return
        self.tracking_label.setText(tr(TR_CONTEXT, "installed"))
        when = ov.get("last_sync_at")
        self.last_sync_label.setText(
            tr(TR_CONTEXT, "{when} (platform revision {rev})").format(
                when=when.replace("T", " "), rev=ov.get("last_pulled_rev")
            )
            if when
            else tr(TR_CONTEXT, "never (platform revision {rev})").format(rev=ov.get("last_pulled_rev") or 0)
        )
        self.fill_change_lists(ov)
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
        self.update_rejected_buttons()

    def _set_report(self, report: dict | None) -> None:
        for key, label in self.report_labels.items():
            label.setText("—" if report is None else str(report.get(key, 0)))
        if report is None:
            self.report_messages.setText("")
            return
        extra = [
            tr(TR_CONTEXT, "open conflicts {n}, still pending {p}").format(
                n=report.get("open_conflicts", 0), p=report.get("pending", 0)
            ),
            tr(TR_CONTEXT, "attachments up {u} / down {d}").format(
                u=report.get("attachments_uploaded", 0), d=report.get("attachments_downloaded", 0)
            ),
        ]
        self.report_messages.setText("; ".join(extra + [str(m) for m in report.get("messages") or []]))

    def report(self) -> dict:
        """The report figures shown (for tests and scripts)."""
        return {k: v.text() for k, v in self.report_labels.items()}

    def show_message(self, text: str, level=Qgis.MessageLevel.Info, duration: int = 5) -> None:
        self.status.setText(text)
        if self.iface is not None:
            try:
                self.iface.messageBar().pushMessage(tr(TR_CONTEXT, "Sync"), text, level, duration)
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
            self.show_message(str(exc), Qgis.MessageLevel.Critical, 0)
            return False
        self.show_message(
            tr(TR_CONTEXT, "Change tracking installed; the features already in the file are sent by the first sync.")
        )
        self.refresh()
        return True

    def _ask_unsaved(self, layers: list) -> str:
        names = ", ".join(layer.name() for layer in layers)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr(TR_CONTEXT, "Unsaved edits"))
        box.setText(
            tr(TR_CONTEXT, "These layers have unsaved edits: {names}. Save or discard them before syncing?").format(
                names=names
            )
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
                    self.show_message(
                        tr(TR_CONTEXT, "The edits of {layer} could not be saved: {errors}").format(
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
        from ..common.tasks import ProcessingTask

        database = self.database()
        if not database or self.task is not None:
            return None
        platform = self.platform()
        if not platform:
            self.show_message(
                tr(TR_CONTEXT, "Set the platform connection first (“Platform…”)."), Qgis.MessageLevel.Warning
            )
            return None
        if not self.close_edit_buffers(database):
            self.show_message(
                tr(TR_CONTEXT, "Sync not started: the layers still have open edits."), Qgis.MessageLevel.Warning
            )
            return None
        direction = self.direction_combo.currentData()
        policy = self.policy_combo.currentData()
        settings.SYNC_DIRECTION.set(direction)
        settings.SYNC_POLICY.set(policy)
        task = ProcessingTask(
            tr(TR_CONTEXT, "Syncing {name} with the platform").format(name=os.path.basename(database)),
            "gwplugin:sync",
            {
                "DATABASE": database,
                "PLATFORM": platform,
                "DIRECTION": DIRECTIONS.index(direction),
                "CONFLICT_POLICY": POLICIES.index(policy),
            },
        )
        if not task.prepared:
            self.show_message(task.error, Qgis.MessageLevel.Critical, 0)
            self.sync_finished.emit(False, task.error)
            return None
        self.task = task
        self._tasks.append(task)
        task.progressChanged.connect(self._progress)
        task.completed.connect(lambda ok, results, error: self._sync_done(task, database, ok, results, error))
        self.progress.setRange(0, 0)  # busy until the algorithm reports progress
        self.progress.setVisible(True)
        self.status.setText(tr(TR_CONTEXT, "Syncing…"))
        self._enable(True)
        QgsApplication.taskManager().addTask(task)
        return task

    def _progress(self, value: float) -> None:
        if value > 0:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(value))

    def cancel(self) -> None:
        if self.task is not None:
            self.status.setText(tr(TR_CONTEXT, "Canceling… (nothing is lost: a stopped sync resumes next time)"))
            self.task.cancel()

    def _sync_done(self, task, database: str, ok: bool, results: dict, error: str) -> None:
        from ..common.project_database import refresh_database_layers

        if task in self._tasks:
            self._tasks.remove(task)
        if self._closed:  # the dock was closed meanwhile: only the layers are refreshed
            refresh_database_layers(QgsProject.instance(), database)
            return
        self.task = None
        self.progress.setVisible(False)
        refresh_database_layers(self.project, database)
        if ok:
            text = tr(
                TR_CONTEXT,
                "Sync finished: pushed {pushed}, pulled {pulled}, merged {merged}, conflicts {conflicts}, "
                "rejected {rejected}.",
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
            self.show_message(text, level)
        elif error:
            text = error
            self.show_message(error, Qgis.MessageLevel.Critical, 0)
        else:
            text = tr(TR_CONTEXT, "Sync canceled. Nothing was lost; sync again to finish.")
            self.show_message(text, Qgis.MessageLevel.Warning)
        self.refresh()
        self.sync_finished.emit(ok, text)

    # ------------------------------------------------------------------------------------------------------
    def _ask_dismiss(self, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            tr(TR_CONTEXT, "Dismiss rejected changes"),
            tr(
                TR_CONTEXT,
                "Give up {n} rejected changes? They will never be sent to the platform; the record of them stays in "
                "this file.",
            ).format(n=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_conflicts(self, conflict_id: int | None = None):
        from .conflict_dialog import ConflictDialog

        database = self.database()
        if not database:
            return None
        if not self.close_edit_buffers(database):  # a later save of the buffer would overwrite the resolution
            self.show_message(tr(TR_CONTEXT, "Save or discard the open layer edits first."), Qgis.MessageLevel.Warning)
            return None
        dialog = ConflictDialog(database, self, self.lang)
        if conflict_id is not None:
            dialog.select_conflict(conflict_id)
        dialog.resolved.connect(lambda *_: self._after_resolve(database))
        self._dialogs.keep(dialog)
        dialog.show()
        return dialog

    def _after_resolve(self, database: str) -> None:
        from ..common.project_database import refresh_database_layers

        refresh_database_layers(self.project, database)
        self.refresh()

    def edit_settings(self):
        from .platform_settings import PlatformSettingsDialog

        dialog = PlatformSettingsDialog(self, self.project)
        dialog.accepted.connect(self.refresh)
        self._dialogs.keep(dialog)
        dialog.show()
        return dialog

    def open_checkout(self):
        dialog = CheckoutDialog(self.platform(), self, self.project, self.lang)
        dialog.checked_out.connect(lambda path: self.checkout_finished.emit(True, path))
        dialog.failed.connect(lambda error: self.checkout_finished.emit(False, error))
        dialog.checked_out.connect(lambda *_: self.refresh())
        self._dialogs.keep(dialog)
        dialog.show()
        return dialog


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
