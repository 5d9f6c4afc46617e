"""The "Open / create project database" dialog (forms/database_dialog.ui).

Open an existing project GeoPackage, or create a new one in a projected CGCS2000 3-degree Gauss–Krüger CRS
(EPSG:4513–4554, default EPSG:4547). The choice is checked as the user types; OK is enabled only for a usable
choice and the reason is shown in words. Everything is reachable from the keyboard (mnemonics, tab order,
Enter / Esc).
"""

from __future__ import annotations

import os

from qgis.core import QgsCoordinateReferenceSystem
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QDialogButtonBox, QFileDialog

from ...toolbelt.paths import FORMS_DIR

DEFAULT_CRS = "EPSG:4547"
# EPSG:4534-4554: CGCS2000 / 3-degree Gauss-Kruger CM 75E ... 135E (no zone prefix in the easting);
# EPSG:4513-4533: the same zones 25 ... 45 with the zone number prefixed to the easting (EPSG registry).
GK_CODES = list(range(4534, 4555)) + list(range(4513, 4534))

FORM_CLASS, BASE_CLASS = uic.loadUiType(str(FORMS_DIR / "database_dialog.ui"))

OK, INFO, ERROR = "ok", "info", "error"


def gk_crs_choices() -> list:
    """(authid, description) of every CRS the project database accepts, the usual (no zone prefix) ones first."""
    out = []
    for code in GK_CODES:
        crs = QgsCoordinateReferenceSystem(f"EPSG:{code}")
        out.append((f"EPSG:{code}", crs.description() if crs.isValid() else ""))
    return out


def check_choice(create: bool, path: str, crs: str = DEFAULT_CRS) -> tuple:
    """Check what the user chose. Returns (level, message, path) where level is OK, INFO (usable, but read the
    message) or ERROR (not usable), and path is the normalised file path (".gpkg" added for a new file)."""
    from ...core.data import gpkg
    from ...core.data import schema as S

    path = os.path.expanduser(path.strip())
    if not path:
        return ERROR, QCoreApplication.translate("DatabaseDialog", "Choose a file."), path
    path = os.path.abspath(path)
    if create:
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            return (
                ERROR,
                QCoreApplication.translate("DatabaseDialog", "The folder {folder} does not exist.").format(
                    folder=folder
                ),
                path,
            )
        if not os.access(folder, os.W_OK):
            return (
                ERROR,
                QCoreApplication.translate("DatabaseDialog", "You cannot write to the folder {folder}.").format(
                    folder=folder
                ),
                path,
            )
        if os.path.exists(path):
            return (
                ERROR,
                QCoreApplication.translate(
                    "DatabaseDialog",
                    "{name} exists already. Choose “Open an existing project database” to use it, or another file name.",
                ).format(name=os.path.basename(path)),
                path,
            )
        if not gpkg.crs_is_allowed(crs):
            return (
                ERROR,
                QCoreApplication.translate(
                    "DatabaseDialog", "{crs} is not a projected CGCS2000 3-degree Gauss–Krüger CRS (EPSG:4513–4554)."
                ).format(crs=crs),
                path,
            )
        return (
            OK,
            QCoreApplication.translate("DatabaseDialog", "A new project database will be created in {crs}.").format(
                crs=crs
            ),
            path,
        )

    if os.path.isdir(path):
        return (
            ERROR,
            QCoreApplication.translate("DatabaseDialog", "{path} is a folder; choose a GeoPackage file.").format(
                path=path
            ),
            path,
        )
    if not os.path.exists(path):
        return (
            ERROR,
            QCoreApplication.translate("DatabaseDialog", "The file {path} does not exist.").format(path=path),
            path,
        )
    if not path.lower().endswith(".gpkg"):
        return ERROR, QCoreApplication.translate("DatabaseDialog", "Choose a GeoPackage file (*.gpkg)."), path
    try:
        version = gpkg.schema_version_of(path)
    except gpkg.SchemaError:
        return (
            ERROR,
            QCoreApplication.translate("DatabaseDialog", "{name} is not a gw_plugin project database.").format(
                name=os.path.basename(path)
            ),
            path,
        )
    if version > S.SCHEMA_VERSION:
        return (
            ERROR,
            QCoreApplication.translate(
                "DatabaseDialog",
                "{name} uses schema version {version}, newer than this plugin's version {current}. "
                "Update gw_plugin to open it.",
            ).format(name=os.path.basename(path), version=version, current=S.SCHEMA_VERSION),
            path,
        )
    if version < S.SCHEMA_VERSION:
        return (
            INFO,
            QCoreApplication.translate(
                "DatabaseDialog",
                "{name} uses schema version {version}; it will be upgraded to version {current} "
                "after a backup copy is written beside it.",
            ).format(name=os.path.basename(path), version=version, current=S.SCHEMA_VERSION),
            path,
        )
    return OK, "", path


class DatabaseDialog(BASE_CLASS, FORM_CLASS):
    def __init__(self, parent=None, start_dir: str = "", create: bool = False):
        super().__init__(parent)
        self.setupUi(self)
        self.setWindowTitle(QCoreApplication.translate("DatabaseDialog", "Open / create project database"))
        self.start_dir = start_dir or os.path.expanduser("~")
        for authid, description in gk_crs_choices():
            self.crsCombo.addItem(f"{authid} — {description}" if description else authid, authid)
        self.crsCombo.setCurrentIndex(self.crsCombo.findData(DEFAULT_CRS))
        self._level = ERROR
        self._path = ""

        self.createRadio.setChecked(create)
        self.openRadio.toggled.connect(self._validate)
        self.createRadio.toggled.connect(self._mode_changed)
        self.pathEdit.textChanged.connect(self._validate)
        self.crsCombo.currentIndexChanged.connect(self._validate)
        self.browseButton.clicked.connect(self.browse)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self._mode_changed()
        self.pathEdit.setFocus()

    # -- the choice ------------------------------------------------------------------------------------------

    def create_new(self) -> bool:
        return self.createRadio.isChecked()

    def path(self) -> str:
        return self._path

    def crs(self) -> str:
        return self.crsCombo.currentData()

    def set_crs(self, authid: str) -> bool:
        index = self.crsCombo.findData(authid.upper())
        if index >= 0:
            self.crsCombo.setCurrentIndex(index)
        return index >= 0

    def message(self) -> str:
        return self.messageLabel.text()

    # -- behaviour -------------------------------------------------------------------------------------------

    def _mode_changed(self, *args) -> None:
        create = self.create_new()
        for widget in (self.crsLabel, self.crsCombo, self.crsHint):
            widget.setEnabled(create)
        self._validate()

    def _validate(self, *args) -> None:
        text = self.pathEdit.text()
        level, message, path = check_choice(self.create_new(), text, self.crs())
        self._level, self._path = level, path
        ok_button = self.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(level != ERROR)
        if not text.strip():
            message = QCoreApplication.translate(
                "DatabaseDialog", "Choose an existing project database, or a name for a new one."
            )
            colour = ""
        else:
            colour = {ERROR: "#b00020", INFO: "#8a5a00", OK: ""}[level]
        self.messageLabel.setStyleSheet(f"color: {colour};" if colour else "")
        self.messageLabel.setText(message)

    def browse(self) -> None:
        current = self.pathEdit.text().strip()
        start = current if current else self.start_dir
        filter_ = QCoreApplication.translate("DatabaseDialog", "GeoPackage (*.gpkg)")
        if self.create_new():
            path, _ = QFileDialog.getSaveFileName(
                self, QCoreApplication.translate("DatabaseDialog", "New project database"), start, filter_
            )
        else:
            path, _ = QFileDialog.getOpenFileName(
                self, QCoreApplication.translate("DatabaseDialog", "Open project database"), start, filter_
            )
        if path:
            self.pathEdit.setText(path)

    def accept(self) -> None:
        self._validate()
        if self._level == ERROR:
            return
        super().accept()
