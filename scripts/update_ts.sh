#!/usr/bin/env bash
# Re-extracts every translatable string of gw_plugin/ (all .py files and forms/*.ui) into the zh_CN .ts file with
# pylupdate5 (Debian pyqt5-dev-tools), keeping the translations already there and dropping vanished strings.
# New strings arrive as type="unfinished": translate them (Qt Linguist or by hand) and commit the .ts;
# tests/toolbelt/test_i18n.py fails while any string is missing or unfinished.
#
# Five things pylupdate5 cannot see are handled here:
# - a trailing comma after the source text (ruff format adds one when it splits a call over lines) makes
#   pylupdate5 skip the call; it reads copies of the sources with such commas blanked (same lines and columns);
# - `tr = QCoreApplication.translate` followed by tr("Context", "text") (pylupdate5 would take "Context" for the
#   text): in the copies such calls read translate("Context", "text");
# - a context held in a module-level constant, translate(CTX, "text") or toolbelt.i18n's tr(CTX, "text") (the
#   plugin's one translation helper, modules name their context TR_CONTEXT): the copies spell the constant out;
# - module-level helpers `def _tr(text): return QCoreApplication.translate("Context", text)`: in the copies their
#   calls _tr("text") read translate("Context", "text");
# - Processing algorithms name themselves through class attributes (DISPLAY, HELP, GROUP) translated at run time;
#   they are written to a temporary .py of QCoreApplication.translate() calls (context = the class name,
#   "GwAlgorithm" for groups, as gw_plugin/processing/base.py translates them).
#
# Usage: scripts/update_ts.sh [TS_FILE]   (default i18n/gw_plugin_zh_CN.ts; tests pass a copy)
#        GW_I18N_ROOT=DIR scripts/update_ts.sh TS_FILE   reads DIR/gw_plugin and DIR/forms instead
set -euo pipefail
cd "$(dirname "$0")/.."
TS=$(realpath -m "${1:-i18n/gw_plugin_zh_CN.ts}")
cd "${GW_I18N_ROOT:-.}"  # tests point it at a tree of sample sources
PY=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PY" - "$work" <<'PYEOF'
import ast, io, json, pathlib, sys, tokenize

work = pathlib.Path(sys.argv[1])
for src in sorted(pathlib.Path("gw_plugin").rglob("*.py")):
    if "__pycache__" in src.parts:
        continue
    text = src.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    try:
        toks = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)]
    except (tokenize.TokenError, SyntaxError) as exc:  # a file being edited: read it as it is
        print(f"update_ts: {src}: {exc}", file=sys.stderr)
        toks = []
    consts = {}  # module-level NAME = "literal", used as translate(NAME, "text") contexts
    try:
        for node in ast.parse(text).body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                consts[node.targets[0].id] = node.value.value
    except SyntaxError:
        pass
    wrappers = {}  # module-level def NAME(text): return QCoreApplication.translate(CONTEXT, text)
    try:
        for node in ast.parse(text).body:
            if not (isinstance(node, ast.FunctionDef) and len(node.args.args) == 1 and len(node.body) == 1):
                continue
            ret = node.body[0]
            call = ret.value if isinstance(ret, ast.Return) else None
            func = getattr(call, "func", None)
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            if name != "translate" or len(call.args) != 2:
                continue
            ctx, arg = call.args
            if not (isinstance(arg, ast.Name) and arg.id == node.args.args[0].arg):
                continue
            if isinstance(ctx, ast.Constant) and isinstance(ctx.value, str):
                wrappers[node.name] = ctx.value
            elif isinstance(ctx, ast.Name) and ctx.id in consts:
                wrappers[node.name] = consts[ctx.id]
    except SyntaxError:
        pass
    edits = []  # (row, col, length, replacement)
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok.type == tokenize.OP and tok.string == "," and nxt is not None and nxt.string == ")":
            edits.append((*tok.start, 1, " "))
        # `tr = QCoreApplication.translate` ... tr("Context", "text"): pylupdate5 would read "Context" as the text
        prev = toks[i - 1] if i else None
        if (tok.type == tokenize.NAME and tok.string == "tr" and (prev is None or prev.string != ".")
                and [t.type for t in toks[i + 1:i + 5]] == [tokenize.OP, tokenize.STRING, tokenize.OP, tokenize.STRING]
                and toks[i + 1].string == "(" and toks[i + 3].string == ","):
            edits.append((*tok.start, 2, "translate"))
        if (tok.type == tokenize.NAME and tok.string in ("translate", "tr") and i + 3 < len(toks)
                and toks[i + 1].string == "(" and toks[i + 2].type == tokenize.NAME
                and toks[i + 2].string in consts and toks[i + 3].string == ","):
            ctx = toks[i + 2]
            if tok.string == "tr":  # toolbelt.i18n.tr(CONTEXT, "text"), also as i18n.tr(...)
                edits.append((*tok.start, 2, "translate"))
            edits.append((*ctx.start, len(ctx.string), json.dumps(consts[ctx.string], ensure_ascii=False)))
        if (tok.type == tokenize.NAME and tok.string in wrappers and (prev is None or prev.string not in (".", "def"))
                and i + 2 < len(toks) and toks[i + 1].string == "(" and toks[i + 2].type == tokenize.STRING):
            edits.append((*tok.start, len(tok.string), "translate"))
            edits.append((*toks[i + 1].start, 1, "(" + json.dumps(wrappers[tok.string], ensure_ascii=False) + ", "))
    for row, col, length, replacement in sorted(edits, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + replacement + line[col + length:]
    dest = work / "src" / src
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("".join(lines), encoding="utf-8")

out = ["from qgis.PyQt.QtCore import QCoreApplication", ""]
for path in sorted(pathlib.Path("gw_plugin/processing/algorithms").rglob("alg_*.py")):
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError as exc:
        print(f"update_ts: {path}: {exc}", file=sys.stderr)
        continue
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for stmt in node.body:
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
                continue
            name = stmt.targets[0].id
            if name not in ("DISPLAY", "HELP", "GROUP"):
                continue
            try:
                value = ast.literal_eval(stmt.value)
            except ValueError:
                continue
            if isinstance(value, str) and value:
                context = "GwAlgorithm" if name == "GROUP" else node.name
                out.append(f"QCoreApplication.translate({json.dumps(context)}, {json.dumps(value, ensure_ascii=False)})")
(work / "processing_strings.py").write_text("\n".join(out) + "\n", encoding="utf-8")
PYEOF

mapfile -t sources < <(cd "$work/src" && find gw_plugin -name '*.py' | LC_ALL=C sort | sed "s|^|$work/src/|")
shopt -s nullglob
forms=(forms/*.ui)
PYTHONWARNINGS=ignore pylupdate5 -noobsolete "${sources[@]}" "$work/processing_strings.py" "${forms[@]}" -ts "$TS"

"$PY" - "$TS" "$work" "$PWD" <<'PYEOF'
import html, os, re, sys
import xml.etree.ElementTree as ET

ts, work, repo = sys.argv[1:4]
ts_dir = os.path.dirname(ts)
text = open(ts, encoding="utf-8").read()

def fix(match):
    path = os.path.normpath(os.path.join(ts_dir, match.group(1)))
    if path.endswith("processing_strings.py"):
        return ""  # generated: no real location
    if path.startswith(os.path.join(work, "src") + os.sep):
        path = os.path.join(repo, os.path.relpath(path, os.path.join(work, "src")))
    return match.group(0).replace(match.group(1), os.path.relpath(path, ts_dir))

text = re.sub(r'[ \t]*<location filename="([^"]*)"[^>]*/>\n?', fix, text)

# Suggest the translation the same text has in another context; it stays "unfinished" until a person confirms it.
known = {}
for m in ET.fromstring(text.encode("utf-8")).iter("message"):
    tr = m.find("translation")
    if tr.get("type") is None and (tr.text or "").strip():
        known.setdefault(m.findtext("source"), tr.text)


def suggest(match):
    block = match.group(0)
    src = html.unescape(re.search(r"<source>(.*?)</source>", block, re.S).group(1))
    if src not in known:
        return block
    esc = known[src].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return block.replace('<translation type="unfinished"></translation>', f'<translation type="unfinished">{esc}</translation>')


text = re.sub(r"<message>(?:(?!</message>).)*?<translation type=\"unfinished\"></translation>\s*</message>", suggest, text, flags=re.S)
open(ts, "w", encoding="utf-8").write(text)

messages = ET.parse(ts).getroot().findall(".//message")
unfinished = [m.findtext("source") for m in messages if m.find("translation").get("type") == "unfinished"]
print(f"update_ts: {ts}: {len(messages)} strings, {len(unfinished)} to translate")
for s in unfinished[:40]:
    print("  -", s.replace("\n", " ")[:110])
PYEOF
