"""Choice of an installed CJK font, so Chinese text in labels and exported maps is not printed as boxes.

Used by the map layouts (core/maps/layout.py) and by the county labels of the project layers
(core/data/qgis_project.py). QtGui only (no widgets).
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QFontDatabase

#: CJK fonts tried in this order (Linux packages first, then Windows and macOS system fonts).
CJK_FONT_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)


class FontError(RuntimeError):
    """No installed font can write Simplified Chinese."""


def cjk_font_family(candidates=CJK_FONT_FAMILIES) -> str:
    """The first installed family of ``candidates`` (by exact family name), else the first installed family that
    can write Simplified Chinese; raises FontError when there is none (Chinese would print as boxes)."""
    families = QFontDatabase().families()
    lower = {f.lower(): f for f in families}
    for name in candidates:
        if name.lower() in lower:
            return lower[name.lower()]
    chinese = QFontDatabase().families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if chinese:
        return chinese[0]
    raise FontError(
        QCoreApplication.translate(
            "MapExport", "No Chinese font is installed (tried {}). Install one, e.g. fonts-wqy-microhei."
        ).format(", ".join(candidates))
    )
