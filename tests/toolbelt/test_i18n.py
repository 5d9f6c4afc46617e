"""The zh_CN translation is complete and correct: every string in gw_plugin/ (all .py files, forms/*.ui and the
Processing algorithms' DISPLAY/HELP/GROUP) is in i18n/gw_plugin_zh_CN.ts with a finished translation, placeholders
and keyboard mnemonics survive translation, and the .qm built by lrelease translates every one of them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "i18n" / "gw_plugin_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MNEMONIC = re.compile(r"&(?=[^&\s;])(?!amp;|lt;|gt;|quot;|apos;)")
TAG = re.compile(r"</?([a-zA-Z0-9]+)[^>]*>")


def messages(ts_path: Path) -> list:
    """(context, source, translation element) of every message of a .ts file."""
    root = ET.parse(ts_path).getroot()
    out = []
    for context in root.findall("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            out.append((name, message.findtext("source"), message.find("translation")))
    return out


def unfinished(items: list) -> list:
    return [
        (ctx, src)
        for ctx, src, tr in items
        if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not (tr.text or "").strip()
    ]


@pytest.fixture(scope="module")
def committed() -> list:
    return messages(TS)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> list:
    """A copy of the committed .ts merged with a fresh pylupdate5 run over the current sources."""
    copy = tmp_path_factory.mktemp("ts") / TS.name
    shutil.copy(TS, copy)
    res = subprocess.run(
        ["bash", str(ROOT / "scripts" / "update_ts.sh"), str(copy)], capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stdout + res.stderr
    return messages(copy)


def test_committed_ts_is_complete(committed):
    assert len(committed) > 100
    assert unfinished(committed) == []


def test_every_source_string_is_translated(fresh, committed):
    missing = unfinished(fresh)
    assert missing == [], (
        f"{len(missing)} strings lack a translation; run scripts/update_ts.sh and translate: {missing[:10]}"
    )
    assert {(c, s) for c, s, _ in fresh} == {(c, s) for c, s, _ in committed}, "run scripts/update_ts.sh"


def test_every_string_has_its_context(fresh):
    """A string in pylupdate5's @default context was misread: a bare tr("text") outside a class, or a call it
    does not understand. Every string goes through QCoreApplication.translate("Context", "text")."""
    assert [s for c, s, _ in fresh if c == "@default"] == []


def test_extraction_sees_every_kind_of_string(fresh):
    keys = {(c, s) for c, s, _ in fresh}
    assert ("GwPlugin", "Groundwater pilot zone") in keys  # plain QCoreApplication.translate
    # a call ruff format split over lines with a trailing comma (pylupdate5 alone misses these)
    assert any(c == "GwPlugin" and s.startswith("{name} was upgraded from schema version") for c, s in keys)
    assert ("DatabaseDialogBase", "&File:") in keys  # forms/*.ui
    assert ("CreateDatabaseAlgorithm", "Create project database") in keys  # GwAlgorithm.DISPLAY
    assert ("GwAlgorithm", "Project") in keys  # GwAlgorithm.GROUP
    assert ("ProjectPanel", "Project database") in keys  # module-level dock registration


SAMPLE = """
from qgis.PyQt.QtCore import QCoreApplication

CTX = "ConstContext"


def _tr(text):
    return QCoreApplication.translate("WrapperContext", text)


def _tc(text):
    return QCoreApplication.translate(CTX, text)


class Panel:
    def build(self):
        QCoreApplication.translate("Panel", "plain")
        QCoreApplication.translate(
            "Panel",
            "split over lines with a trailing comma",
        )
        tr = QCoreApplication.translate
        tr("HelperContext", "through a local alias")
        QCoreApplication.translate(CTX, "context in a constant")
        _tr("through a wrapper")
        _tc("through a wrapper with a constant")
        QCoreApplication.translate("First", "shared text")
        QCoreApplication.translate("Second", "shared text")
"""

TRANSLATED = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.0" language="zh_CN">
<context><name>First</name><message><source>shared text</source><translation>共用文本</translation></message>
</context></TS>
"""

ALGORITHM = """
class SampleAlgorithm:
    NAME = "sample"
    DISPLAY = "Sample algorithm"
    GROUP = "Sample group"
    HELP = (
        "Help in "
        "two parts."
    )
"""


def test_update_ts_understands_the_project_idioms(tmp_path):
    """scripts/update_ts.sh on sample sources: every idiom used in gw_plugin reaches the .ts with its context."""
    (tmp_path / "gw_plugin" / "processing" / "algorithms").mkdir(parents=True)
    (tmp_path / "gw_plugin" / "sample.py").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "gw_plugin" / "processing" / "algorithms" / "alg_sample.py").write_text(ALGORITHM, encoding="utf-8")
    (tmp_path / "gw_plugin" / "broken.py").write_text("def oops(:\n", encoding="utf-8")  # a file being edited
    (tmp_path / "forms").mkdir()
    shutil.copy(ROOT / "forms" / "database_dialog.ui", tmp_path / "forms")
    ts = tmp_path / "sample.ts"
    ts.write_text(TRANSLATED, encoding="utf-8")
    res = subprocess.run(
        ["bash", str(ROOT / "scripts" / "update_ts.sh"), str(ts)],
        env={**os.environ, "GW_I18N_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    found = {(c, s) for c, s, _ in messages(ts)}
    assert found >= {
        ("Panel", "plain"),
        ("Panel", "split over lines with a trailing comma"),
        ("HelperContext", "through a local alias"),
        ("ConstContext", "context in a constant"),
        ("WrapperContext", "through a wrapper"),
        ("ConstContext", "through a wrapper with a constant"),
        ("SampleAlgorithm", "Sample algorithm"),
        ("SampleAlgorithm", "Help in two parts."),
        ("GwAlgorithm", "Sample group"),
        ("DatabaseDialogBase", "&File:"),
    }
    assert not [s for c, s in found if c == "@default"]
    # the same text elsewhere is offered as a suggestion, still to be confirmed by a translator
    (second,) = [tr for c, s, tr in messages(ts) if (c, s) == ("Second", "shared text")]
    assert second.text == "共用文本" and second.get("type") == "unfinished"
    (first,) = [tr for c, s, tr in messages(ts) if (c, s) == ("First", "shared text")]
    assert first.text == "共用文本" and first.get("type") is None
    locations = re.findall(r'<location filename="([^"]*)"', ts.read_text(encoding="utf-8"))
    assert locations and all(loc.startswith("gw_plugin/") or loc.startswith("forms/") for loc in locations)


def test_placeholders_mnemonics_and_markup_survive(committed):
    problems = []
    for ctx, src, tr in committed:
        text = tr.text or ""
        if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
            problems.append((ctx, src[:60], "placeholders"))
        if len(MNEMONIC.findall(src)) != len(MNEMONIC.findall(text)):
            problems.append((ctx, src[:60], "mnemonic"))
        if sorted(TAG.findall(src)) != sorted(TAG.findall(text)):
            problems.append((ctx, src[:60], "markup"))
    assert problems == []


def test_built_qm_translates_every_message(committed, tmp_path):
    qm = tmp_path / "gw_plugin_zh_CN.qm"
    lrelease = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert QCoreApplication.translate("GwPlugin", "Groundwater pilot zone") == "Groundwater pilot zone"
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("GwPlugin", "Groundwater pilot zone") == "地下水试验区"
        wrong = [(c, s[:50]) for c, s, tr in committed if QCoreApplication.translate(c, s) != tr.text]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert wrong == []


def test_no_formatted_strings_passed_to_translation():
    """tr(f"...") / translate(ctx, f"...") can never match a .ts entry: literals first, then .format()."""
    pattern = re.compile(r"""(?:\btr|\btranslate)\(\s*(?:["'][^"']*["']\s*,\s*)?[fF]["']""")
    offenders = []
    for path in (ROOT / "gw_plugin").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
