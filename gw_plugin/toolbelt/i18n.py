"""Translation and language, one helper each: ``tr`` (a text in a translation context), ``qgis_locale`` and
``ui_language`` (the language QGIS runs in, for the plugin's own zh/en labels), ``is_zh``/``pick`` (choose the
Chinese or English label of a pair), and the lookup of the plugin's ``.qm`` file and of Qt's own (standard buttons).

Every module translates through ``tr(CONTEXT, "literal")`` with a module-level ``TR_CONTEXT`` (or a class name),
never an f-string as the text: scripts/update_ts.sh reads those calls into i18n/gw_plugin_zh_CN.ts. Works without Qt too
(benchmarks and scripts import core on a bare Python): the text is then returned as it is.
"""

from __future__ import annotations

from pathlib import Path

from .paths import I18N_DIR

try:
    from qgis.PyQt.QtCore import QCoreApplication, QLocale
except ImportError:  # pragma: no cover - core also runs without QGIS (benchmarks)
    QCoreApplication = QLocale = None


def tr(context: str, text: str) -> str:
    """``text`` translated in ``context`` by the translator the plugin installed (the text itself without Qt)."""
    if QCoreApplication is None:  # pragma: no cover
        return text
    return QCoreApplication.translate(context, text)


def qgis_locale() -> str:
    """The locale QGIS runs in: the translation QGIS itself loaded (also set by ``qgis --lang``), else QgsSettings
    ``locale/userLocale`` (QGIS writes the locale in use there at start), else QLocale."""
    from qgis.core import QgsApplication

    from .settings import QGIS_USER_LOCALE

    app = QgsApplication.instance()
    value = app.translation() if isinstance(app, QgsApplication) else ""
    return value or QGIS_USER_LOCALE.get() or QLocale().name()


def ui_language(locale: str | None = None) -> str:
    """'zh' or 'en': the language of the plugin's own labels (layer names, aliases, code lists, panels' texts)."""
    loc = (locale if locale is not None else qgis_locale()).lower()
    return "zh" if loc.startswith("zh") else "en"


def is_zh(lang: str | None) -> bool:
    """True for a Chinese language code ('zh', 'zh_CN', 'zh-Hans' ...); an empty code counts as Chinese, the
    plugin's first language."""
    return (lang or "zh").lower().startswith("zh")


def pick(pair, lang: str | None) -> str:
    """The Chinese or the English text of a ``(zh, en)`` pair."""
    return pair[0] if is_zh(lang) else pair[1]


def translation_candidates(locale: str) -> list:
    """Locale suffixes of .qm files to try, best first.

    QGIS names Simplified Chinese ``zh-Hans`` on some versions and ``zh_CN`` on others (qgis/QGIS #65042); both, and
    plain ``zh``, map to the zh_CN translation. Traditional Chinese (Hant/TW/HK/MO) does not fall back to it."""
    loc = (locale or "").strip().replace("-", "_")
    if not loc:
        return []
    parts = loc.split("_")
    lang = parts[0].lower()
    tags = {p.upper() for p in parts[1:]}
    out = [loc]
    if lang == "zh":
        if tags & {"HANT", "TW", "HK", "MO"}:
            out += ["zh_TW", "zh_Hant"]
        else:
            out += ["zh_CN", "zh_Hans", "zh"]
    else:
        out.append(lang)
    seen: list = []
    for c in out:
        if c not in seen:
            seen.append(c)
    return seen


def qt_translations_dir() -> Path | None:
    """Where Qt keeps its own translations (qtbase_*.qm; Debian: package qttranslations5-l10n)."""
    try:
        from qgis.PyQt.QtCore import QLibraryInfo
    except ImportError:  # pragma: no cover
        return None
    if hasattr(QLibraryInfo, "path"):  # Qt 6
        return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return Path(QLibraryInfo.location(QLibraryInfo.LibraryLocation.TranslationsPath))


def qt_translation_file(locale: str, qt_dir: Path | None = None) -> Path | None:
    """Qt's own qtbase_<locale>.qm for ``locale`` (the texts of standard buttons such as "Close"), or None.

    QGIS loads Qt's translation itself only when its locale names a file (zh_CN does, zh-Hans does not)."""
    folder = qt_dir if qt_dir is not None else qt_translations_dir()
    if folder is None:
        return None
    for cand in translation_candidates(locale):
        path = Path(folder) / f"qtbase_{cand}.qm"
        if path.is_file():
            return path
    return None


def translation_file(locale: str, i18n_dir: Path = I18N_DIR) -> Path | None:
    """The gw_plugin_<locale>.qm to load for ``locale``, or None (English: the source strings)."""
    for cand in translation_candidates(locale):
        for name in (cand, cand.replace("_", "-")):
            path = Path(i18n_dir) / f"gw_plugin_{name}.qm"
            if path.is_file():
                return path
    return None
