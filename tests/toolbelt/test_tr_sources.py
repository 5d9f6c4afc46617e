"""Every translated text reaches the .ts: each translation call in gw_plugin/ has a literal text (or a table entry
marked with QT_TRANSLATE_NOOP in the context it is translated in) and a context pylupdate5 reads as the one used at run
time; and under the Chinese translation (the committed .ts plus the lines waiting in i18n/pending/) every parameter,
output, name, group and help text of every Processing algorithm is Chinese.

Labels passed from a table to ``self.tr(label)`` were invisible to pylupdate5 and stayed English in a Chinese
Processing dialog (capturezone, protectionzone, importsamples, importledger, nitraterisk); ``alg.tr("…")`` in a module
function was extracted under the context "alg" and never matched at run time."""

from __future__ import annotations

import ast
import csv
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "gw_plugin"
TS = ROOT / "i18n" / "gw_plugin_zh_CN.ts"
PENDING = ROOT / "i18n" / "pending"
CJK = re.compile(r"[\u3400-\u9fff]")
#: Labels written the same in Chinese (file formats).
SAME_IN_CHINESE = {"PDF", "PNG"}

#: Calls whose text is not a literal on purpose, with the reason.
ALLOWED = {
    # GwAlgorithm.tr(text) itself and DISPLAY/HELP/GROUP: scripts/update_ts.sh writes those class attributes out
    ("processing/base.py", "QCoreApplication.translate(type(self).__name__, text)"),
    ("processing/base.py", "self.tr(self.DISPLAY)"),
    ("processing/base.py", "self.tr(self.HELP)"),
    ("processing/base.py", "QCoreApplication.translate('GwAlgorithm', self.GROUP)"),
    # the translation helper itself
    ("toolbelt/i18n.py", "QCoreApplication.translate(context, text)"),
    # probes Qt's own translation of "Close", deliberately not in the plugin's .ts
    ("plugin.py", "QCoreApplication.translate(*probe)"),
}


def _is_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _module_constants(tree: ast.Module) -> dict:
    """Module-level NAME = "literal" (contexts such as TR_CONTEXT) and NAME = [...] / (...) tables."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            out[node.targets[0].id] = node.value
    return out


def _wrappers(tree: ast.Module) -> set:
    """Module-level ``def _tr(text): return QCoreApplication.translate(CONTEXT, text)`` helpers (update_ts.sh reads
    their calls)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and len(node.args.args) == 1 and len(node.body) == 1:
            ret = node.body[0]
            call = ret.value if isinstance(ret, ast.Return) else None
            if isinstance(call, ast.Call) and getattr(call.func, "attr", None) == "translate" and len(call.args) == 2:
                names.add(node.name)
    return names


def _noop_context(node):
    """The context of ``QT_TRANSLATE_NOOP("Context", "text")`` with literal arguments, else None."""
    if (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", None)) == "QT_TRANSLATE_NOOP"
        and len(node.args) == 2
        and all(_is_str(a) for a in node.args)
    ):
        return node.args[0].value
    return None


def _table_marked(name: str, loops: list, class_body: dict, consts: dict, context: str) -> bool:
    """True when ``name`` is bound by an enclosing ``for`` over a literal table (inline, a class attribute or a
    module constant) whose every entry holds at that position a QT_TRANSLATE_NOOP in ``context``."""
    for loop in reversed(loops):
        target = loop.target
        elts = target.elts if isinstance(target, ast.Tuple) else [target]
        pos = next((i for i, e in enumerate(elts) if isinstance(e, ast.Name) and e.id == name), None)
        if pos is None:
            continue
        table = loop.iter
        if isinstance(table, ast.Attribute) and isinstance(table.value, ast.Name) and table.value.id == "self":
            table = class_body.get(table.attr)
        elif isinstance(table, ast.Name):
            table = class_body.get(table.id, consts.get(table.id))
        if not isinstance(table, (ast.List, ast.Tuple)) or not table.elts:
            return False
        for entry in table.elts:
            item = entry.elts[pos] if isinstance(target, ast.Tuple) and isinstance(entry, ast.Tuple) else entry
            if _noop_context(item) != context:
                return False
        return True
    return False


def untranslatable_calls(path: Path, root: Path = PLUGIN) -> list:
    """``file:line: call`` of every translation call in ``path`` pylupdate5 cannot read as run time uses it."""
    rel = path.relative_to(root).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    consts = _module_constants(tree)
    wrappers = _wrappers(tree)
    problems = []

    def bad(node, why):
        text = ast.unparse(node)
        if (rel, text) not in ALLOWED:
            problems.append(f"{rel}:{node.lineno}: {text[:100]} ({why})")

    def context_ok(node) -> bool:
        return _is_str(node) or (isinstance(node, ast.Name) and _is_str(consts.get(node.id)))

    def visit(node, cls, class_body, loops):
        if isinstance(node, ast.ClassDef):
            body = {
                s.targets[0].id: s.value
                for s in node.body
                if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
            }
            cls, class_body, loops = node.name, body, []
        if isinstance(node, (ast.For, ast.comprehension)):
            loops = [*loops, node]
        if isinstance(node, ast.Call):
            check(node, cls, class_body, loops)
        for child in ast.iter_child_nodes(node):
            visit(child, cls, class_body, loops)

    def check(node, cls, class_body, loops):
        func, args = node.func, node.args
        name = getattr(func, "attr", None) or getattr(func, "id", None)
        receiver = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else None
        if name == "QT_TRANSLATE_NOOP":
            if _noop_context(node) is None:
                bad(node, "QT_TRANSLATE_NOOP needs a literal context and text")
        elif name == "translate" and (receiver == "QCoreApplication" or isinstance(func, ast.Name)):
            if len(args) != 2 or not context_ok(args[0]) or not _is_str(args[1]):
                bad(node, "translate(context, text) needs a literal text and context")
        elif name == "tr" and len(args) == 2 and receiver in (None, "i18n"):
            if not context_ok(args[0]) or not _is_str(args[1]):
                bad(node, "tr(context, text) needs a literal text and context")
        elif name == "tr" and isinstance(func, ast.Attribute):
            if receiver != "self" or cls is None:
                bad(node, "pylupdate5 takes the receiver's name as the context: use tr(TR_CONTEXT, text)")
            elif len(args) != 1:
                bad(node, "self.tr(text) takes one text")
            elif not _is_str(args[0]) and not (
                isinstance(args[0], ast.Name) and _table_marked(args[0].id, loops, class_body, consts, cls)
            ):
                bad(node, f'not a literal: mark the table\'s texts QT_TRANSLATE_NOOP("{cls}", "…")')
        elif name == "tr" and isinstance(func, ast.Name):
            bad(node, "a bare tr(text) has no context")
        elif name in wrappers and isinstance(func, ast.Name):
            if len(args) != 1 or not _is_str(args[0]):
                bad(node, "a translation wrapper needs a literal text")

    visit(tree, None, {}, [])
    return problems


def test_every_translation_call_has_a_text_pylupdate_can_read():
    problems = []
    for path in sorted(PLUGIN.rglob("*.py")):
        if "__pycache__" not in path.parts:
            problems += untranslatable_calls(path)
    assert problems == []


CAUGHT = """
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

TR_CONTEXT = "Mod"


def helper(alg):
    alg.tr("receiver as context")


class Alg:
    MARKED = [("A", QT_TRANSLATE_NOOP("Alg", "marked")), ("B", QT_TRANSLATE_NOOP("Alg", "marked too"))]
    PLAIN = [("A", "plain")]
    ELSEWHERE = [("A", QT_TRANSLATE_NOOP("Other", "other context"))]

    def build(self, text):
        self.tr("literal")
        tr(TR_CONTEXT, "literal with a constant context")
        QCoreApplication.translate("Alg", "literal")
        for name, label in self.MARKED:
            self.tr(label)
        for name, label in self.PLAIN:
            self.tr(label)
        for name, label in self.ELSEWHERE:
            self.tr(label)
        self.tr(text)
        tr(TR_CONTEXT, text)
        QCoreApplication.translate("Alg", f"{text}")
"""


def test_the_check_catches_what_pylupdate_misses(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(CAUGHT, encoding="utf-8")
    lines = sorted(int(p.split(":")[1]) for p in untranslatable_calls(sample, tmp_path))
    # alg.tr, the unmarked table, the table marked in another context, a parameter, a variable text, an f-string
    assert lines == [8, 23, 25, 26, 27, 28]


def _ts_with_pending(dest: Path) -> Path:
    """The committed .ts plus the lines waiting in i18n/pending/*.tsv (context, source, translation), as the lead
    merges them."""
    tree = ET.parse(TS)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.findall("context")}
    for tsv in sorted(PENDING.glob("*.tsv")):
        with tsv.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) != 3 or not row[0] or row[0].startswith("#"):
                    continue
                ctx, src, text = (s.replace("\\n", "\n") for s in row)
                if ctx not in contexts:
                    contexts[ctx] = ET.SubElement(root, "context")
                    ET.SubElement(contexts[ctx], "name").text = ctx
                message = ET.SubElement(contexts[ctx], "message")
                ET.SubElement(message, "source").text = src
                ET.SubElement(message, "translation").text = text
    tree.write(dest, encoding="utf-8", xml_declaration=True)
    return dest


@pytest.fixture
def zh_translator(tmp_path, qgis_app):
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    lrelease = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    qm = tmp_path / "gw_plugin_zh_CN.qm"
    subprocess.run([lrelease, "-silent", str(_ts_with_pending(tmp_path / "zh.ts")), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_every_processing_label_is_chinese_under_the_chinese_translation(zh_translator, qgis_processing):
    from gw_plugin.processing.provider import algorithm_classes

    english = []
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm()
        labels = [("parameter", p.name(), p.description()) for p in alg.parameterDefinitions()]
        labels += [("output", o.name(), o.description()) for o in alg.outputDefinitions()]
        labels += [("name", "", alg.displayName()), ("group", "", alg.group()), ("help", "", alg.shortHelpString())]
        english += [
            f"{cls.NAME} {kind} {name}: {text}"
            for kind, name, text in labels
            if text and not CJK.search(text) and text not in SAME_IN_CHINESE
        ]
    assert english == []
