#!/usr/bin/env bash
# `make screenshot OUT=build/demo`: the real QGIS desktop, the way a person sees it, with gw_plugin and the demo
# project, saved as OUT/screenshot.png.
#
# Starts QGIS under Xvfb (xvfb-run -a -s "-screen 0 ${SHOT_SIZE}x24" qgis --noversioncheck --nologo --profiles-path
# <temporary profile>) with the plugin deployed into that profile (scripts/package.py --deploy) and enabled in its
# QGIS/QGIS3.ini ([PythonPlugins] gw_plugin=true), opens the demo project in the UI's language (OUT/demo_city_zh.qgz
# or OUT/demo_city_en.qgz, written first from the demo city that `make demo` built in OUT, so that an English UI shows
# English layer names and county labels), waits until the map canvas has drawn, captures the screen with imagemagick
# (`import -window root`), then closes QGIS.
# A small --code script inside QGIS reports when the canvas is drawn and whether the plugin's toolbar is shown; the
# script fails when the plugin did not load, its toolbar is hidden or the project has no layers.
#
# Environment: UI_LOCALE (default zh-Hans, the name QGIS 3.22 gives Simplified Chinese; en_US for English),
#              SCREENSHOT_TIMEOUT (seconds to wait for QGIS, default 300),
#              SHOT_SIZE (the screen, default 1920x1080; e.g. 1366x768),
#              SHOT_PROJECT (the .qgz to open instead; scripts/screenshots.sh writes each language's once),
#              SHOT_NAME (the PNG's file name in OUT, default screenshot.png),
#              SHOT_DOCKS (keys of the docks open at start, default "project"; e.g. "zoning sync"),
#              SHOT_SCRIPT (a Python file run inside QGIS once the map is drawn, before the capture, with
#              ``iface``, ``window`` and ``plugin`` defined: select a well, open a tab or a dialog),
#              GW_SHOT_RELOAD=1 reloads the plugin in QGIS first (unload + load; the report counts its objects).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$(realpath -m "${1:-build/demo}")
SHOT_SIZE=${SHOT_SIZE:-1920x1080}
SHOT="$OUT/${SHOT_NAME:-screenshot.png}"
UI_LOCALE=${UI_LOCALE:-zh-Hans}
TIMEOUT=${SCREENSHOT_TIMEOUT:-300}
SHOT_DOCKS=${SHOT_DOCKS:-project}
PY=$([ -x .venv/bin/python ] && echo .venv/bin/python || echo python3)
case "$UI_LOCALE" in zh*) UI_LANG=zh ;; *) UI_LANG=en ;; esac

if [ ! -f "$OUT/demo_city.gpkg" ]; then
  echo "screenshot: $OUT/demo_city.gpkg does not exist; run \`make demo OUT=$OUT\` first" >&2
  exit 1
fi
if [ -n "${SHOT_PROJECT:-}" ]; then
  PROJECT=$(realpath -m "$SHOT_PROJECT")
else  # the demo project in the UI's language, next to the demo's database (paths in it are relative)
  PROJECT="$OUT/demo_city_$UI_LANG.qgz"
  "$PY" scripts/demo.py --output "$OUT" --project-only --lang "$UI_LANG" --project-name "$(basename "$PROJECT")" \
    >/dev/null
fi
if [ ! -f "$PROJECT" ]; then
  echo "screenshot: $PROJECT does not exist" >&2
  exit 1
fi
for tool in xvfb-run qgis import; do
  command -v "$tool" >/dev/null || { echo "screenshot: $tool is missing (apt-packages.txt; make setup)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile="$work/profiles/default"  # --profiles-path names the folder that holds profiles/
mkdir -p "$profile/QGIS"
"$PY" scripts/package.py --deploy "$profile/python/plugins" >/dev/null
cat >"$profile/QGIS/QGIS3.ini" <<EOF
[PythonPlugins]
gw_plugin=true

[locale]
userLocale=$UI_LOCALE
overrideFlag=true

[qgis]
checkVersion=false
showTips=false
allowVersionCheck=false

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[gw_plugin]
EOF
for dock in $SHOT_DOCKS; do printf 'docks\\%s\\open=true\n' "$dock" >>"$profile/QGIS/QGIS3.ini"; done

# Runs inside QGIS after start-up (--code): waits for the canvas to finish drawing, writes a report, and closes
# QGIS when the capture is done.
cat >"$work/in_qgis.py" <<'EOF'
import json
import os

import qgis.utils
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QToolBar

_ready, _done = os.environ["GW_SHOT_READY"], os.environ["GW_SHOT_DONE"]
_iface = qgis.utils.iface
_state = {"drawn": 0, "ticks": 0, "reported": False}
_window = _iface.mainWindow()
_width, _height = (int(v) for v in os.environ["SHOT_SIZE"].split("x"))
_window.setGeometry(0, 0, _width, _height)
_window.showMaximized()
_canvas = _iface.mapCanvas()


def _drawn():
    _state["drawn"] += 1


_canvas.mapCanvasRefreshed.connect(_drawn)
_canvas.zoomToFullExtent()  # the whole demo city, whatever view the project saved
_canvas.refreshAllLayers()


def _tick():
    _state["ticks"] += 1
    if _state["ticks"] == 2 and os.environ.get("GW_SHOT_RELOAD") == "1":
        # unload + load again in the real QGIS: what remains of the first load shows up twice below
        _state["reloaded"] = bool(qgis.utils.reloadPlugin("gw_plugin"))
    if os.path.exists(_done):
        QgsProject.instance().setDirty(False)
        _window.close()
        return
    if _state["reported"]:
        return
    if _state["ticks"] < 60 and (_window.geometry().height() != _height or _window.geometry().width() != _width):
        # what a window manager does for a maximized window (Xvfb has none): back to the screen's size; a window
        # whose panels need more room stays larger, and the check below fails
        _window.setGeometry(0, 0, _width, _height)
        return
    settled = _state["drawn"] > 0 and not _canvas.isDrawing() and _state["ticks"] > 6
    if not settled and _state["ticks"] < 120:
        return
    if os.environ.get("SHOT_SCRIPT") and "scripted" not in _state:
        # what a person does before looking: select a well, open a tab or a dialog (SHOT_SCRIPT, run once)
        _state["scripted"] = _state["ticks"]
        scope = {"iface": _iface, "window": _window, "plugin": qgis.utils.plugins.get("gw_plugin")}
        try:
            with open(os.environ["SHOT_SCRIPT"], encoding="utf-8") as f:
                exec(compile(f.read(), os.environ["SHOT_SCRIPT"], "exec"), scope)
        except Exception as exc:  # reported, the capture still happens
            _state["script_error"] = repr(exc)
        return
    if "scripted" in _state and (_state["ticks"] - _state["scripted"] < 6 or _canvas.isDrawing()):
        return
    toolbar = _window.findChild(QToolBar, "gw_plugin_toolbar")
    from qgis.PyQt.QtWidgets import QDockWidget, QMenu

    counts = {
        "toolbars": len(_window.findChildren(QToolBar, "gw_plugin_toolbar")),
        "menus": len([a for a in _window.menuBar().actions() if a.menu() and a.menu().objectName() == "gw_plugin_menu"]),
        "docks": _dock_count(QDockWidget),
        "providers": len([p for p in QgsApplication.processingRegistry().providers() if p.id() == "gwplugin"]),
    }
    dock = _window.findChild(qgis.PyQt.QtWidgets.QDockWidget, "gw_plugin_dock_project")
    report = {
        "plugin_loaded": "gw_plugin" in qgis.utils.active_plugins,
        "toolbar_visible": bool(toolbar is not None and toolbar.isVisible()),
        "toolbar_actions": [a.text() for a in toolbar.actions()] if toolbar is not None else [],
        "project_dock_visible": bool(dock is not None and dock.isVisible()),
        "docks_visible": {k: _dock_visible(k) for k in os.environ.get("SHOT_DOCKS", "project").split()},
        "layers": len(QgsProject.instance().mapLayers()),
        "canvas_layers": len(_canvas.layers()),
        "canvas_drawn": _state["drawn"],
        "project": QgsProject.instance().fileName(),
        "scale": round(_canvas.scale()),
        "reloaded": _state.get("reloaded"),
        "window": [_window.frameGeometry().width(), _window.frameGeometry().height()],
        "screen": [_window.screen().geometry().width(), _window.screen().geometry().height()],
        "script_error": _state.get("script_error"),
        "counts": counts,
    }
    with open(_ready + ".part", "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False)
    os.replace(_ready + ".part", _ready)
    _state["reported"] = True


def _dock_count(cls) -> int:
    """How often each dock asked for (SHOT_DOCKS) is there: 1 when every one is there once."""
    found = [len(_window.findChildren(cls, f"gw_plugin_dock_{k}")) for k in os.environ.get("SHOT_DOCKS", "project").split()]
    return found[0] if found and all(n == found[0] for n in found) else -1


def _dock_visible(key: str) -> bool:
    dock = _window.findChild(qgis.PyQt.QtWidgets.QDockWidget, f"gw_plugin_dock_{key}")
    return bool(dock is not None and dock.isVisible())


_timer = QTimer()
_timer.timeout.connect(_tick)
_timer.start(500)
EOF

cat >"$work/inside_xvfb.sh" <<'EOF'
set -uo pipefail
unset QT_QPA_PLATFORM  # the Makefile exports offscreen for the tests; QGIS must draw on the X display
qgis --noversioncheck --nologo --profiles-path "$GW_PROFILES" --code "$GW_CODE" --project "$GW_PROJECT" \
  >"$GW_LOG" 2>&1 &
qpid=$!
status=0
for ((i = 0; i < GW_TIMEOUT; i++)); do
  [ -f "$GW_SHOT_READY" ] && break
  kill -0 "$qpid" 2>/dev/null || { echo "screenshot: QGIS exited early; log: $GW_LOG" >&2; status=1; break; }
  sleep 1
done
if [ "$status" = 0 ] && [ -f "$GW_SHOT_READY" ]; then
  sleep 2  # let the last paint reach the screen
  import -window root "$GW_SHOT" || status=1
else
  if [ "$status" = 0 ]; then
    echo "screenshot: QGIS did not finish drawing within ${GW_TIMEOUT}s; the screen then: ${GW_SHOT%.png}-timeout.png" >&2
    import -window root "${GW_SHOT%.png}-timeout.png" || true
  fi
  status=1
fi
touch "$GW_SHOT_DONE"
for ((i = 0; i < 30; i++)); do kill -0 "$qpid" 2>/dev/null || break; sleep 1; done
if kill -0 "$qpid" 2>/dev/null; then
  kill -TERM "$qpid" 2>/dev/null; sleep 3; kill -KILL "$qpid" 2>/dev/null
fi
wait "$qpid" 2>/dev/null
exit "$status"
EOF

mkdir -p "$OUT"
rm -f "$SHOT"
export SHOT_DOCKS SHOT_SIZE GW_PROFILES="$work" GW_CODE="$work/in_qgis.py" GW_PROJECT="$PROJECT" GW_LOG="$OUT/screenshot-qgis.log"
export GW_SHOT="$SHOT" GW_SHOT_READY="$work/ready.json" GW_SHOT_DONE="$work/done" GW_TIMEOUT="$TIMEOUT"
export PYTHONPATH=/usr/share/qgis/python/plugins  # the plugin comes from the profile, as for a user
xvfb-run -a -s "-screen 0 ${SHOT_SIZE}x24" bash "$work/inside_xvfb.sh"

report=$(cat "$work/ready.json")
echo "screenshot: QGIS reported $report"
"$PY" - "$work/ready.json" <<'EOF'
import json, sys

r = json.load(open(sys.argv[1], encoding="utf-8"))
problems = [k for k in ("plugin_loaded", "toolbar_visible") if not r[k]]
if r["layers"] == 0 or r["canvas_layers"] == 0:
    problems.append("no layers drawn")
if r["window"][0] > r["screen"][0] or r["window"][1] > r["screen"][1]:
    problems.append(f"the window ({r['window']}) is larger than the screen ({r['screen']})")
if r.get("script_error"):
    problems.append(f"SHOT_SCRIPT failed: {r['script_error']}")
if any(n != 1 for n in r["counts"].values()):
    problems.append(f"plugin objects present more than once or missing: {r['counts']}")
if problems:
    sys.exit("screenshot: " + ", ".join(problems))
EOF
echo "screenshot: $SHOT"
