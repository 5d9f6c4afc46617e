"""Common base of every gwplugin Processing algorithm: translation, instance creation, feedback bridge."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication


class GwAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set NAME, DISPLAY (English literal, translated via tr), GROUP_ID and GROUP."""

    NAME = ""
    DISPLAY = ""
    GROUP_ID = "project"
    GROUP = "Project"
    HELP = ""

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:
        return self.tr(self.DISPLAY)

    def group(self) -> str:
        return QCoreApplication.translate("GwAlgorithm", self.GROUP)

    def groupId(self) -> str:
        return self.GROUP_ID

    def shortHelpString(self) -> str:
        return self.tr(self.HELP) if self.HELP else ""

    def createInstance(self):
        return type(self)()


class FeedbackBridge:
    """Adapts QgsProcessingFeedback to the plain callables core functions accept."""

    def __init__(self, feedback):
        self.feedback = feedback

    def progress(self, percent: float) -> None:
        if self.feedback is not None:
            self.feedback.setProgress(percent)

    def info(self, text: str) -> None:
        if self.feedback is not None:
            self.feedback.pushInfo(text)

    def is_canceled(self) -> bool:
        return bool(self.feedback is not None and self.feedback.isCanceled())


def fail(message: str):
    raise QgsProcessingException(message)
