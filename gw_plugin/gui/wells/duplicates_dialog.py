"""Dialog to find and merge duplicate monitoring wells across departments' lists (core/wells/duplicates.py).

"Find" runs find_duplicates on the project's wells layer with the distance (default 30 m) and depth tolerances;
each group lists its wells with the reasons; the keeper is the checked well (the best-documented one at first).
"Merge" merges the current group in the project database, in SQL and one transaction (merge_wells_sql: every row of
every table that references a merged well is re-pointed, loaded as a layer or not; every code kept as an alias), then
reloads the database's layers; "Undo" restores the last merges one by one (every table, one transaction each);
"Done" ("Save") closes the undo history. Layers with unsaved edits must be saved or discarded first.
"""

from __future__ import annotations

import sqlite3

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...core.data import schema as S
from ...core.wells import duplicates as D
from ...toolbelt.i18n import ui_language
from ...toolbelt.qt import null_to_none

KeyRole = (
    int(getattr(Qt.ItemDataRole.UserRole, "value", Qt.ItemDataRole.UserRole)) + 1
)  # fid of a well item; group number of a group item


class DuplicatesDialog(QDialog):
    def __init__(self, iface=None, parent=None, project: QgsProject | None = None):
        super().__init__(parent)
        self.setObjectName("gw_plugin_duplicates_dialog")
        self.setWindowTitle(QCoreApplication.translate("DuplicatesDialog", "Duplicate wells"))
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.lang = ui_language()
        self.groups: list = []
        self.merges: list = []  # MergeResult stack (undo pops)
        self._updating = False

        self.distance = QDoubleSpinBox(self)
        self.distance.setRange(0.1, 10000.0)
        self.distance.setDecimals(1)
        self.distance.setValue(D.DuplicateRules().distance_m)
        self.distance.setSuffix(" m")
        self.depth_abs = QDoubleSpinBox(self)
        self.depth_abs.setRange(0.0, 1000.0)
        self.depth_abs.setDecimals(1)
        self.depth_abs.setValue(D.DuplicateRules().depth_abs_m)
        self.depth_abs.setSuffix(" m")
        self.depth_rel = QDoubleSpinBox(self)
        self.depth_rel.setRange(0.0, 100.0)
        self.depth_rel.setDecimals(0)
        self.depth_rel.setValue(D.DuplicateRules().depth_rel * 100)
        self.depth_rel.setSuffix(" %")
        self.same_aquifer = QCheckBox(
            QCoreApplication.translate("DuplicatesDialog", "Same a&quifer layer required (unknown is compatible)"), self
        )
        self.same_aquifer.setChecked(D.DuplicateRules().require_same_aquifer)
        form = QFormLayout()
        for text, widget in (
            (QCoreApplication.translate("DuplicatesDialog", "&Distance up to:"), self.distance),
            (QCoreApplication.translate("DuplicatesDialog", "Depth tolerance, &absolute:"), self.depth_abs),
            (
                QCoreApplication.translate("DuplicatesDialog", "Depth tolerance, re&lative to the deeper well:"),
                self.depth_rel,
            ),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.same_aquifer)
        self.find_button = QPushButton(QCoreApplication.translate("DuplicatesDialog", "&Find"), self)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("gw_plugin_duplicates_tree")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("DuplicatesDialog", "Keep / well"),
                QCoreApplication.translate("DuplicatesDialog", "Name"),
                QCoreApplication.translate("DuplicatesDialog", "Department"),
                QCoreApplication.translate("DuplicatesDialog", "Depth"),
                QCoreApplication.translate("DuplicatesDialog", "Aquifer"),
            ]
        )
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reasons = QPlainTextEdit(self)
        self.reasons.setReadOnly(True)
        self.reasons.setMaximumHeight(90)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.merge_button = QPushButton(QCoreApplication.translate("DuplicatesDialog", "&Merge group"), self)
        self.undo_button = QPushButton(QCoreApplication.translate("DuplicatesDialog", "&Undo merge"), self)
        self.save_button = QPushButton(QCoreApplication.translate("DuplicatesDialog", "&Save edits"), self)
        self.close_button = QPushButton(QCoreApplication.translate("DuplicatesDialog", "Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.find_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tree, 1)
        reasons_label = QLabel(QCoreApplication.translate("DuplicatesDialog", "&Reasons:"), self)
        reasons_label.setBuddy(self.reasons)
        layout.addWidget(reasons_label)
        layout.addWidget(self.reasons)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(680, 560)
        order = [self.distance, self.depth_abs, self.depth_rel, self.same_aquifer, self.find_button, self.tree]
        order += [self.reasons, self.merge_button, self.undo_button, self.save_button, self.close_button]
        for a, b in zip(order, order[1:]):
            QDialog.setTabOrder(a, b)

        self.find_button.clicked.connect(self.find)
        self.merge_button.clicked.connect(self.merge_current)
        self.undo_button.clicked.connect(self.undo)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemChanged.connect(self._item_changed)
        self._update_buttons()

    # -- layers ----------------------------------------------------------------------------------------------

    def layers(self) -> dict:
        from ...core.data.qgis_project import project_layers

        return project_layers(self.project)

    def wells_layer(self):
        return self.layers().get("monitoring_wells")

    def rules(self) -> D.DuplicateRules:
        return D.DuplicateRules(
            distance_m=self.distance.value(),
            depth_abs_m=self.depth_abs.value(),
            depth_rel=self.depth_rel.value() / 100.0,
            require_same_aquifer=self.same_aquifer.isChecked(),
        )

    # -- finding ---------------------------------------------------------------------------------------------

    def find(self) -> list:
        """Find the groups with the current rules and list them."""
        layer = self.wells_layer()
        self.tree.clear()
        if layer is None:
            self.groups = []
            self.status.setText(
                QCoreApplication.translate("DuplicatesDialog", "No project database with monitoring wells is loaded.")
            )
            self._update_buttons()
            return []
        self.groups = D.find_duplicates(D.records_from_layer(layer), self.rules())
        self._updating = True
        try:
            for n, group in enumerate(self.groups):
                top = QTreeWidgetItem(
                    [
                        QCoreApplication.translate("DuplicatesDialog", "Group {n}: {count} wells within {d} m").format(
                            n=n + 1, count=len(group.members), d=f"{group.max_distance_m:.1f}"
                        )
                    ]
                )
                top.setData(0, KeyRole, n)
                top.setFirstColumnSpanned(True)
                self.tree.addTopLevelItem(top)
                top.setFirstColumnSpanned(True)
                for k, fid in enumerate(group.members):
                    f = layer.getFeature(fid)
                    item = QTreeWidgetItem(
                        [
                            str(_v(f["well_code"]) or fid),
                            str(_v(f["name_zh"]) or ""),
                            S.codelist("department").label(str(_v(f["department"]) or ""), self.lang),
                            "" if _v(f["depth_m"]) is None else f"{float(f['depth_m']):g}",
                            S.codelist("aquifer_layer").label(str(_v(f["aquifer_layer"]) or ""), self.lang),
                        ]
                    )
                    item.setData(0, KeyRole, int(fid))
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Checked if k == 0 else Qt.CheckState.Unchecked)
                    top.addChild(item)
                top.setExpanded(True)
        finally:
            self._updating = False
        if self.groups:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.status.setText(
            QCoreApplication.translate("DuplicatesDialog", "{n} groups of probable duplicates.").format(
                n=len(self.groups)
            )
            if self.groups
            else QCoreApplication.translate("DuplicatesDialog", "No duplicates found with these rules.")
        )
        self._update_buttons()
        return self.groups

    def _group_item(self, item):
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item

    def _current_changed(self, current, previous) -> None:
        top = self._group_item(current)
        if top is None:
            self.reasons.setPlainText("")
        else:
            self.reasons.setPlainText("\n".join(self.groups[top.data(0, KeyRole)].reasons))
        self._update_buttons()

    def _item_changed(self, item, column) -> None:
        """Exactly one keeper per group: checking a well unchecks the others."""
        if self._updating or item.parent() is None or column != 0:
            return
        self._updating = True
        try:
            parent = item.parent()
            if item.checkState(0) == Qt.CheckState.Checked:
                for i in range(parent.childCount()):
                    child = parent.child(i)
                    if child is not item:
                        child.setCheckState(0, Qt.CheckState.Unchecked)
            elif not any(parent.child(i).checkState(0) == Qt.CheckState.Checked for i in range(parent.childCount())):
                item.setCheckState(0, Qt.CheckState.Checked)  # a group always has a keeper
        finally:
            self._updating = False

    def set_keeper(self, group: int, fid: int) -> None:
        top = self.tree.topLevelItem(group)
        for i in range(top.childCount()):
            if top.child(i).data(0, KeyRole) == fid:
                top.child(i).setCheckState(0, Qt.CheckState.Checked)

    def keeper(self, group: int) -> tuple:
        """(keep fid, [drop fids]) of a group as currently chosen."""
        top = self.tree.topLevelItem(group)
        fids = [top.child(i).data(0, KeyRole) for i in range(top.childCount())]
        checked = [
            top.child(i).data(0, KeyRole)
            for i in range(top.childCount())
            if top.child(i).checkState(0) == Qt.CheckState.Checked
        ]
        keep = checked[0] if checked else fids[0]
        return keep, [f for f in fids if f != keep]

    # -- merging ---------------------------------------------------------------------------------------------

    def merge_current(self):
        top = self._group_item(self.tree.currentItem())
        if top is None:
            return None
        return self.merge(top.data(0, KeyRole))

    def database(self) -> str:
        """The GeoPackage of the project's wells layer ("" without one)."""
        wells = self.wells_layer()
        return wells.source().split("|")[0] if wells is not None else ""

    def _database_layers(self) -> list:
        db = self.database()
        return [layer for layer in self.layers().values() if layer.source().split("|")[0] == db]

    def _refresh(self) -> None:
        for layer in self._database_layers():
            layer.reload()
            layer.triggerRepaint()

    def _pending_edits(self) -> list:
        return [layer.name() for layer in self._database_layers() if layer.isEditable() and layer.isModified()]

    def merge(self, group: int):
        """Merge ``group`` (index in self.groups) into its keeper, in the database (one transaction)."""
        wells = self.wells_layer()
        top = self.tree.topLevelItem(group)
        if wells is None or top is None or top.isDisabled():
            return None
        pending = self._pending_edits()
        if pending:
            self.status.setText(
                QCoreApplication.translate(
                    "DuplicatesDialog", "Save or discard the edits of {layers} first: the merge writes to the database."
                ).format(layers=", ".join(pending))
            )
            return None
        keep, drops = self.keeper(group)
        keep_feature = wells.getFeature(keep)
        try:
            result = D.merge_wells_sql(
                self.database(), keep_feature["uuid"], [wells.getFeature(f)["uuid"] for f in drops]
            )
        except (D.MergeError, sqlite3.Error) as exc:
            self.status.setText(str(exc))
            return None
        self.merges.append((group, result))
        top.setDisabled(True)
        repointed = ", ".join(
            f"{S.table(t).zh if self.lang == 'zh' else S.table(t).en}: {n}" for t, n in result.repointed.items()
        )
        self._refresh()
        self.status.setText(
            QCoreApplication.translate(
                "DuplicatesDialog", "Merged {n} wells into {keep}; re-pointed {rows}. Undo restores all of it."
            ).format(n=len(drops), keep=keep_feature["well_code"], rows=repointed or "—")
        )
        self._update_buttons()
        return result

    def can_undo(self) -> bool:
        return bool(self.merges) and not self._pending_edits()

    def undo(self) -> bool:
        """Undo the last merge in the database: the merged wells, every re-pointed row, the kept well's fields."""
        if not self.can_undo():
            self._update_buttons()
            return False
        group, result = self.merges[-1]
        try:
            result.undo()
        except (D.MergeError, sqlite3.Error) as exc:
            self.status.setText(str(exc))
            return False
        self.merges.pop()
        top = self.tree.topLevelItem(group)
        if top is not None:
            top.setDisabled(False)
        self._refresh()
        self.status.setText(QCoreApplication.translate("DuplicatesDialog", "Merge undone."))
        self._update_buttons()
        return True

    def save(self) -> bool:
        """The merges are in the database already: close their undo history."""
        self.merges.clear()
        self.status.setText(QCoreApplication.translate("DuplicatesDialog", "Saved."))
        self._update_buttons()
        return True

    def _update_buttons(self) -> None:
        top = self._group_item(self.tree.currentItem())
        self.merge_button.setEnabled(top is not None and not top.isDisabled())
        self.undo_button.setEnabled(self.can_undo())
        self.save_button.setEnabled(bool(self.merges))


def _v(value):
    if null_to_none(value) is None:
        return None
    return value
