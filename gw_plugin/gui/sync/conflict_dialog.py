"""The conflict dialog of the Sync dock: every open sync conflict with its base, local ("mine") and server
("theirs") versions side by side, field by field; the user keeps mine, keeps theirs or edits the values, and
``core.sync.conflicts.resolve_conflict`` records the choice (pushed by the next sync). Resolved conflicts leave
the list."""

from __future__ import annotations

import sqlite3

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...toolbelt.i18n import tr, ui_language
from ..common.screen import start_size

TR_CONTEXT = "ConflictDialog"  # the translation context of this module's texts

HIDDEN = ("fid",)
COL_FIELD, COL_BASE, COL_MINE, COL_THEIRS, COL_VALUE = range(5)


def kind_label(kind: str) -> str:
    labels = {
        "field": tr(TR_CONTEXT, "same field changed on both sides"),
        "insert_insert": tr(TR_CONTEXT, "inserted on both sides with the same identity"),
        "delete_edit": tr(TR_CONTEXT, "deleted here, edited on the platform"),
        "edit_delete": tr(TR_CONTEXT, "edited here, deleted on the platform"),
    }
    return labels.get(kind, kind)


def table_label(name: str, lang: str) -> str:
    from ...core.data import schema as S

    try:
        t = S.table(name)
    except KeyError:
        return name
    return t.zh if lang == "zh" else t.en


def field_label(table: str, name: str, lang: str) -> str:
    from ...core.data import schema as S

    if name == "geom":
        return tr(TR_CONTEXT, "Geometry")
    try:
        return S.table(table).field(name).label(lang)
    except KeyError:
        return name


def feature_label(conflict: dict) -> str:
    """A short name of the feature: its code or name, from whichever version exists, else the uuid's start."""
    for version in ("local", "server", "base"):
        row = conflict.get(version) or {}
        for key in ("well_code", "source_code", "code", "name_zh", "name"):
            if row.get(key):
                return str(row[key])
    return str(conflict.get("uuid", ""))[:8]


def conflict_item(conflict: dict, lang: str) -> QListWidgetItem:
    """The list entry of one open conflict: table · feature — kind, its id as data and its uuid as tooltip."""
    item = QListWidgetItem(
        "{table} · {feature} — {kind}".format(
            table=table_label(conflict["tbl"], lang), feature=feature_label(conflict), kind=kind_label(conflict["kind"])
        )
    )
    item.setData(Qt.ItemDataRole.UserRole, conflict["id"])
    item.setToolTip(f"{item.text()}\n{conflict['uuid']}")
    return item


def display_value(field: str, value, deleted: bool = False) -> str:
    if deleted:
        return tr(TR_CONTEXT, "(deleted)")
    if value is None:
        return "NULL"
    if field == "geom":
        try:
            from osgeo import ogr

            g = ogr.CreateGeometryFromWkb(bytes.fromhex(value))
            wkt = g.ExportToWkt() if g is not None else str(value)
        except (ValueError, TypeError, RuntimeError):
            wkt = str(value)
        return wkt if len(wkt) <= 60 else wkt[:57] + "…"
    return str(value)


def parse_value(table: str, field: str, text: str):
    """The typed value of an edited cell (empty = NULL); ValueError when it does not fit the field's type."""
    from ...core.sync.wire import field_types

    text = text.strip()
    if text == "" or text.upper() == "NULL":
        return None
    ftype = field_types(table, [field]).get(field, "text")
    if ftype == "integer":
        return int(text)
    if ftype == "real":
        return float(text)
    if ftype == "boolean":
        low = text.lower()
        if low in ("1", "true", "yes", "是", "t"):
            return 1
        if low in ("0", "false", "no", "否", "f"):
            return 0
        raise ValueError(text)
    return text


class ConflictDialog(QDialog):
    """Lists the open conflicts of ``database``; ``resolved(conflict_id, choice)`` after each resolution."""

    resolved = pyqtSignal(int, str)

    def __init__(self, database: str, parent: QWidget | None = None, lang: str | None = None):
        super().__init__(parent)
        if lang is None:
            lang = ui_language()
        self.database = database
        self.lang = lang
        self.conflicts: list = []
        self.setObjectName("gw_plugin_conflict_dialog")
        self.setWindowTitle(tr(TR_CONTEXT, "Sync conflicts"))
        self.setSizeGripEnabled(True)
        self.resize(start_size(self, 1280, 640))

        self.list = QListWidget(self)
        self.list.setObjectName("conflict_list")
        self.list.currentRowChanged.connect(self._show_current)
        list_label = QLabel(tr(TR_CONTEXT, "&Open conflicts:"), self)
        list_label.setBuddy(self.list)

        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("conflict_fields")
        self.table.setHorizontalHeaderLabels(
            [
                tr(TR_CONTEXT, "Field"),
                tr(TR_CONTEXT, "Base"),
                tr(TR_CONTEXT, "Mine (local)"),
                tr(TR_CONTEXT, "Theirs (platform)"),
                tr(TR_CONTEXT, "Edited value"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # one line per field and every value whole (ids, codes, times): columns as wide as their values, the table
        # scrolls sideways when they do not fit
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        for col in (COL_FIELD, COL_BASE, COL_MINE, COL_THEIRS, COL_VALUE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.moveSection(header.visualIndex(COL_BASE), COL_VALUE)  # shown last: mine, theirs, edited come first
        table_label_ = QLabel(tr(TR_CONTEXT, "&Versions, field by field (conflicting fields first, in bold):"), self)
        table_label_.setBuddy(self.table)

        self.mine_button = QPushButton(tr(TR_CONTEXT, "Keep &mine"), self)
        self.mine_button.setToolTip(tr(TR_CONTEXT, "Keep the local version; it is pushed by the next sync"))
        self.theirs_button = QPushButton(tr(TR_CONTEXT, "Keep &theirs"), self)
        self.theirs_button.setToolTip(tr(TR_CONTEXT, "Take the platform's version of the conflicting fields"))
        self.edit_button = QPushButton(tr(TR_CONTEXT, "Use &edited values"), self)
        self.edit_button.setToolTip(
            tr(
                TR_CONTEXT,
                "Write the values of the “Edited value” column over the local version; pushed by the next sync",
            )
        )
        self.mine_button.clicked.connect(lambda: self.resolve("mine"))
        self.theirs_button.clicked.connect(lambda: self.resolve("theirs"))
        self.edit_button.clicked.connect(lambda: self.resolve("edit"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        actions = QHBoxLayout()
        actions.addWidget(self.mine_button)
        actions.addWidget(self.theirs_button)
        actions.addWidget(self.edit_button)
        actions.addStretch(1)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(list_label)
        lv.addWidget(self.list)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.info)
        rv.addWidget(table_label_)
        rv.addWidget(self.table, 1)
        rv.addLayout(actions)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, max(self.width() - 300, 400)])
        self.message.setVisible(False)  # no empty row under the buttons: shown with a message only

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.reload()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the open conflicts again (resolved ones are gone)."""
        from ...core.sync.conflicts import open_conflicts

        current = self.current_conflict()
        keep = current["id"] if current else None
        try:
            self.conflicts = open_conflicts(self.database)
        except sqlite3.Error:  # a file whose change tracking was never installed has no conflict table: no conflicts
            self.conflicts = []
            self._say(tr(TR_CONTEXT, "This file has no change tracking yet: there are no conflicts to resolve."))
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.conflicts:
            self.list.addItem(conflict_item(c, self.lang))
        self.list.blockSignals(False)
        row = next((i for i, c in enumerate(self.conflicts) if c["id"] == keep), 0)
        if self.conflicts:
            self.list.setCurrentRow(row)
        self._show_current(self.list.currentRow())
        self._fit_content()

    def _fit_content(self) -> None:
        """Nothing to resolve: one sentence and Close in a dialog sized to them, not a large empty one."""
        if self.conflicts:
            if self.splitter.isHidden():
                self.splitter.setVisible(True)
                self.resize(start_size(self, 1280, 640))
            return
        self.splitter.setVisible(False)
        if self.message.isHidden():
            self._say(tr(TR_CONTEXT, "No open conflicts."))
        self.message.setMinimumWidth(min(self.message.sizeHint().width(), 480))
        self.adjustSize()

    def current_conflict(self) -> dict | None:
        row = self.list.currentRow() if hasattr(self, "list") else -1
        if 0 <= row < len(self.conflicts):
            return self.conflicts[row]
        return None

    def select_conflict(self, conflict_id: int) -> bool:
        for i, c in enumerate(self.conflicts):
            if c["id"] == conflict_id:
                self.list.setCurrentRow(i)
                return True
        return False

    def _show_current(self, row: int) -> None:
        self.table.setRowCount(0)
        c = self.current_conflict()
        for button in (self.mine_button, self.theirs_button, self.edit_button):
            button.setEnabled(c is not None)
        if c is None:
            self.info.setText(tr(TR_CONTEXT, "No open conflicts."))
            return
        self.info.setText(
            tr(
                TR_CONTEXT, "{table}, feature {feature} ({uuid}): {kind}. Platform revision {rev}, recorded {when}."
            ).format(
                table=table_label(c["tbl"], self.lang),
                feature=feature_label(c),
                uuid=c["uuid"],
                kind=kind_label(c["kind"]),
                rev=c.get("server_rev") if c.get("server_rev") is not None else "—",
                when=c.get("created_at") or "—",
            )
        )
        base, mine, theirs = c.get("base"), c.get("local"), c.get("server")
        conflicting = list(c.get("fields") or [])
        names = []
        for version in (mine, theirs, base):
            for k in version or {}:
                if k not in names and k not in HIDDEN:
                    names.append(k)

        def differs(f):
            return mine is not None and theirs is not None and mine.get(f) != theirs.get(f)

        ordered = (
            [f for f in conflicting if f in names]
            + [f for f in names if f not in conflicting and differs(f)]
            + [f for f in names if f not in conflicting and not differs(f)]
        )
        self.table.setRowCount(len(ordered))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, name in enumerate(ordered):
            is_conflict = name in conflicting
            label = QTableWidgetItem(field_label(c["tbl"], name, self.lang))
            label.setData(Qt.ItemDataRole.UserRole, name)
            label.setToolTip(name)
            cells = [
                label,
                QTableWidgetItem(display_value(name, (base or {}).get(name), base is None)),
                QTableWidgetItem(display_value(name, (mine or {}).get(name), mine is None)),
                QTableWidgetItem(display_value(name, (theirs or {}).get(name), theirs is None)),
            ]
            for item in cells:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if is_conflict:
                    item.setFont(bold)
            editable = is_conflict and name != "geom" and mine is not None
            start = (mine or {}).get(name)
            value = QTableWidgetItem("" if start is None or not editable else str(start))
            if not editable:
                value.setFlags(value.flags() & ~Qt.ItemFlag.ItemIsEditable)
            value.setToolTip(tr(TR_CONTEXT, "Type the value to keep; empty means NULL") if editable else "")
            cells.append(value)
            for col, item in enumerate(cells):
                self.table.setItem(r, col, item)
        self.edit_button.setEnabled(mine is not None)
        self.table.resizeRowsToContents()

    def field_rows(self) -> dict:
        """field -> (base, mine, theirs, edited) texts of the conflict shown (for tests and scripts)."""
        out = {}
        for r in range(self.table.rowCount()):
            name = self.table.item(r, COL_FIELD).data(Qt.ItemDataRole.UserRole)
            out[name] = tuple(self.table.item(r, col).text() for col in (COL_BASE, COL_MINE, COL_THEIRS, COL_VALUE))
        return out

    def set_edited(self, field: str, text: str) -> bool:
        for r in range(self.table.rowCount()):
            if self.table.item(r, COL_FIELD).data(Qt.ItemDataRole.UserRole) == field:
                item = self.table.item(r, COL_VALUE)
                if not item.flags() & Qt.ItemFlag.ItemIsEditable:
                    return False
                item.setText(text)
                return True
        return False

    def edited_values(self) -> dict:
        """Typed values of the editable cells; ValueError names the field whose text does not fit."""
        c = self.current_conflict()
        out = {}
        for r in range(self.table.rowCount()):
            item = self.table.item(r, COL_VALUE)
            if not item.flags() & Qt.ItemFlag.ItemIsEditable:
                continue
            name = self.table.item(r, COL_FIELD).data(Qt.ItemDataRole.UserRole)
            try:
                out[name] = parse_value(c["tbl"], name, item.text())
            except ValueError as exc:
                raise ValueError(name) from exc
        return out

    def resolve(self, choice: str) -> bool:
        """Resolve the conflict shown with ``choice`` ('mine', 'theirs', 'edit'); True when recorded."""
        from ...core.sync.conflicts import resolve_conflict
        from ...core.sync.report import SyncError

        c = self.current_conflict()
        if c is None:
            return False
        values = None
        if choice == "edit":
            try:
                values = self.edited_values()
            except ValueError as exc:
                self._say(
                    tr(TR_CONTEXT, "The value of {field} does not fit its type.").format(
                        field=field_label(c["tbl"], str(exc), self.lang)
                    )
                )
                return False
        try:
            resolve_conflict(self.database, c["id"], choice, values)
        except SyncError as exc:
            self._say(str(exc))
            return False
        self._say(
            tr(TR_CONTEXT, "Conflict resolved ({choice}); the next sync sends the result to the platform.").format(
                choice={
                    "mine": tr(TR_CONTEXT, "kept mine"),
                    "theirs": tr(TR_CONTEXT, "kept theirs"),
                    "edit": tr(TR_CONTEXT, "edited"),
                }[choice]
            )
        )
        self.resolved.emit(int(c["id"]), choice)
        self.reload()
        return True
