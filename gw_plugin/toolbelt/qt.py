"""Qt helpers: keep the Python side of a task or a modeless dialog alive exactly as long as Qt uses it.

``keep_until_finished(task)``: after the plugin is unloaded (or a panel closed) QGIS's task manager may still run
a task; its Python wrapper must outlive it. ``DialogKeeper``: a panel opens modeless dialogs and keeps them until
they finish, and closes those still open when it is torn down.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QTimer

_ORPHANED_TASKS: list = []


def keep_until_finished(task) -> None:
    """Keep the Python side of a QgsTask alive until QGIS's task manager is done with it."""
    _ORPHANED_TASKS.append(task)

    def release(*args):
        if task in _ORPHANED_TASKS:
            _ORPHANED_TASKS.remove(task)

    task.completed.connect(release)
    task.taskTerminated.connect(release)  # canceled before it started: finished() is not called


def orphaned_tasks() -> list:
    """The tasks kept alive by keep_until_finished() that have not finished yet (a copy)."""
    return list(_ORPHANED_TASKS)


class DialogKeeper:
    """The modeless dialogs a panel has open: each is kept until it finishes; ``close_all()`` closes the rest."""

    def __init__(self):
        self._dialogs: list = []

    def keep(self, dialog):
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda *_: self._release(dialog))
        return dialog

    def _release(self, dialog) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)

    def __iter__(self):
        return iter(list(self._dialogs))

    def __len__(self) -> int:
        return len(self._dialogs)

    def close_all(self) -> None:
        for dialog in list(self._dialogs):  # closing removes it from the list
            dialog.close()


def null_to_none(value):
    """None for a NULL attribute value (QGIS returns NULL as a null QVariant under Qt5 and as None under Qt6),
    else the value itself."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def single_shot_timer(parent, interval_ms: int, slot) -> QTimer:
    """A single-shot timer calling ``slot`` ``interval_ms`` after its last start(): coalesces bursts of changes
    and debounces typing."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
