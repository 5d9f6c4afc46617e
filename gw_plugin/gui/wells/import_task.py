"""Helpers of the lab import dialog (gui/wells/import_dialog.py): the task that runs its reading, validation and
import in the background, and the named column-mapping presets kept in QgsSettings."""

from __future__ import annotations

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ...core.data import db_errors, tabular
from ...core.wells import lab_import
from ...toolbelt import settings
from ...toolbelt.log import log

# ---------------------------------------------------------------------------------------------------------------
# Presets (named column mappings in QgsSettings)


def preset_names() -> list:
    return settings.IMPORT_PRESETS.children()


def save_preset(name: str, mapping: lab_import.ColumnMapping) -> None:
    if not name.strip():
        raise ValueError("a preset needs a name")
    settings.IMPORT_PRESET.set(mapping.to_json(), name=name.strip())


def load_preset(name: str) -> lab_import.ColumnMapping | None:
    text = settings.IMPORT_PRESET.get(name=name)
    return lab_import.ColumnMapping.from_json(text) if text else None


def delete_preset(name: str) -> None:
    settings.IMPORT_PRESET.remove(name=name)


# ---------------------------------------------------------------------------------------------------------------
# Background work


class CallableTask(QgsTask):
    """Runs ``function(progress, is_canceled)`` in a task thread; ``completed(ok, result, error)`` in the main thread.

    ``progress(percent)`` reports progress, ``is_canceled()`` is polled by the function. Exceptions are kept and
    reported, never raised in the thread (InterruptedError counts as a cancel)."""

    completed = pyqtSignal(bool, object, str)

    def __init__(self, description: str, function):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.function = function
        self.result = None
        self.error = ""

    def run(self) -> bool:
        try:
            self.result = self.function(self.setProgress, self.isCanceled)
        except InterruptedError:
            return False
        except (tabular.TableReadError, db_errors.DatabaseProblemError, lab_import.ImportRefusedError) as exc:
            self.error = str(exc)  # already one sentence for the user
            return False
        except Exception as exc:  # reported in finished(): one sentence; the detail goes to the log
            log(f"{self.description()}: {type(exc).__name__}: {exc}", "warning")
            self.error = db_errors.explain(exc, "") if db_errors.kind_of(exc) else (str(exc) or type(exc).__name__)
            return False
        return True  # the function finished: its result stands even if Cancel came too late to stop it

    def finished(self, result: bool) -> None:
        self.completed.emit(bool(result), self.result, self.error)
