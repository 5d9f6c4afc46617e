"""Background work for the GUI: a QgsTask that runs one Processing algorithm with progress and cancel.

The algorithm runs in the task's thread; results and errors are kept on the task and handed to the main thread
through the ``completed`` signal, emitted from ``finished()`` (the only place that may touch widgets or the
project). An error reaches the user as one sentence, never as a Python traceback (``one_sentence``).
"""

from __future__ import annotations

import re

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsTask,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal

from ...toolbelt.log import log

_EXCEPTION_PREFIX = re.compile(r"^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Error|Exception|Warning|Exit)\w*:\s*")


def one_sentence(error: str) -> str:
    """The message of an error, never a Python traceback: QGIS 3.22 hands back the whole traceback of an exception
    other than QgsProcessingException raised in an algorithm; the traceback goes to the plugin's log and the user
    reads its last line without the exception's class name."""
    text = (error or "").strip()
    if "Traceback (most recent call last)" not in text:
        return text
    log(text, "warning")
    last = next((line.strip() for line in reversed(text.splitlines()) if line.strip()), "")
    return _EXCEPTION_PREFIX.sub("", last) or last


class ProcessingTask(QgsTask):
    """Runs ``algorithm_id`` with ``parameters``; emits completed(ok, results, error) when done or canceled.

    Like QGIS's own QgsProcessingAlgRunnerTask: prepare() in the main thread (constructor), runPrepared() in the
    task's thread, postProcess() back in the main thread (finished()), where algorithms may create map layers or
    write projects."""

    completed = pyqtSignal(bool, dict, str)

    def __init__(self, description: str, algorithm_id: str, parameters: dict):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.algorithm_id = algorithm_id
        self.parameters = dict(parameters)
        self.results: dict = {}
        self.error = ""
        self.context = QgsProcessingContext()
        self.feedback = QgsProcessingFeedback()
        self.feedback.progressChanged.connect(self.setProgress, Qt.ConnectionType.DirectConnection)
        self.algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        self.prepared = False
        if self.algorithm is None:
            self.error = QCoreApplication.translate("ProcessingTask", "The algorithm {id} is not available.").format(
                id=algorithm_id
            )
            return
        try:
            self.prepared = bool(self.algorithm.prepare(self.parameters, self.context, self.feedback))
        except Exception as exc:  # invalid parameters and the like
            self.error = str(exc) or type(exc).__name__
        if not self.prepared and not self.error:
            self.error = QCoreApplication.translate("ProcessingTask", "The algorithm {id} could not start.").format(
                id=algorithm_id
            )

    def runs_in_main_thread(self) -> bool:
        """True for algorithms that declare they cannot run in a background thread."""
        if self.algorithm is None:
            return False
        new_flags = getattr(Qgis, "ProcessingAlgorithmFlag", None)  # QGIS >= 3.36
        flag = new_flags.NoThreading if new_flags is not None else QgsProcessingAlgorithm.Flag.FlagNoThreading
        return bool(self.algorithm.flags() & flag)

    def run(self) -> bool:
        if not self.prepared or self.isCanceled():
            return False
        try:
            results = self.algorithm.runPrepared(self.parameters, self.context, self.feedback)
        except Exception as exc:  # QgsProcessingException and anything else: reported, never raised in a thread
            if not (self.feedback.isCanceled() or self.isCanceled()):
                self.error = str(exc) or type(exc).__name__
            return False
        if self.feedback.isCanceled() or self.isCanceled():
            return False
        self.results = dict(results or {})
        return True

    def cancel(self) -> None:
        self.feedback.cancel()
        super().cancel()

    def finished(self, result: bool) -> None:
        ok = bool(result)
        if ok:
            try:
                self.results.update(self.algorithm.postProcess(self.context, self.feedback) or {})
            except Exception as exc:
                ok, self.error = False, str(exc) or type(exc).__name__
        self.error = one_sentence(self.error)
        self.completed.emit(ok, self.results, self.error)
