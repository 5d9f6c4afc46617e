"""Background work for the GUI: a QgsTask that runs one Processing algorithm with progress and cancel.

The algorithm runs in the task's thread; results and errors are kept on the task and handed to the main thread
through the ``completed`` signal, emitted from ``finished()`` (the only place that may touch widgets or the
project).
"""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsTask,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal


class ProcessingTask(QgsTask):
    """Runs ``algorithm_id`` with ``parameters``; emits completed(ok, results, error) when done or canceled."""

    completed = pyqtSignal(bool, dict, str)

    def __init__(self, description: str, algorithm_id: str, parameters: dict):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.algorithm_id = algorithm_id
        self.parameters = dict(parameters)
        self.results: dict = {}
        self.error = ""
        # Created in the main thread, like QgsProcessingAlgRunnerTask does.
        self.algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        self.feedback = QgsProcessingFeedback()
        self.feedback.progressChanged.connect(self.setProgress, Qt.ConnectionType.DirectConnection)

    def runs_in_main_thread(self) -> bool:
        """True for algorithms that declare they cannot run in a background thread."""
        return self.algorithm is not None and bool(self.algorithm.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading)

    def run(self) -> bool:
        if self.algorithm is None:
            self.error = QCoreApplication.translate("ProcessingTask", "The algorithm {id} is not available.").format(
                id=self.algorithm_id
            )
            return False
        if self.isCanceled():
            return False
        context = QgsProcessingContext()
        try:
            results, ok = self.algorithm.run(self.parameters, context, self.feedback, {}, False)
        except Exception as exc:  # QgsProcessingException and anything else: reported, never raised in a thread
            if not self.feedback.isCanceled():
                self.error = str(exc) or type(exc).__name__
            return False
        if self.feedback.isCanceled() or self.isCanceled():
            return False
        self.results = dict(results or {})
        return bool(ok)

    def cancel(self) -> None:
        self.feedback.cancel()
        super().cancel()

    def finished(self, result: bool) -> None:
        self.completed.emit(bool(result), self.results, self.error)
