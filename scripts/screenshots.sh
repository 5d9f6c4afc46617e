#!/usr/bin/env bash
# `make screenshots OUT=build/demo`: every panel (dock) of gw_plugin and its main dialogs in the real QGIS desktop
# under Xvfb, in Simplified Chinese and English, at 1920×1080 and 1366×768, saved as PNGs in build/screenshots/
# (<panel>[-<dialog>]_<locale>_<size>.png). Each shot is one run of scripts/screenshot.sh (SHOT_DOCKS, SHOT_SIZE,
# SHOT_NAME, SHOT_SCRIPT, UI_LOCALE, SHOT_PROJECT) on the demo city built by `make demo` in OUT, opened as a project in
# the UI's language (OUT/demo_city_zh.qgz, OUT/demo_city_en.qgz: English layer names and labels for English shots,
# written once per language by scripts/demo.py --project-only).
#
# Environment: SHOT_LOCALES (default "zh-Hans en_US"), SHOT_SIZES (default "1366x768 1920x1080"),
#              SHOT_PANELS (default: all seven panels), SHOT_DIALOGS=0 skips the dialog shots,
#              SHOTS_DIR (default build/screenshots), SHOT_TIMEOUT (seconds per shot before it is killed, default 420).
# A failed shot is listed at the end and the script exits 1; the other shots are still taken.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$(realpath -m "${1:-build/demo}")
SHOTS_DIR=$(realpath -m "${SHOTS_DIR:-build/screenshots}")
LOCALES=${SHOT_LOCALES:-zh-Hans en_US}
SIZES=${SHOT_SIZES:-1366x768 1920x1080}
PANELS=${SHOT_PANELS:-project wells sources zones zoning sync sites}
mkdir -p "$SHOTS_DIR"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The main dialogs of each panel: "<panel>:<name>:<method of the panel that opens it (non-modal, show())>".
DIALOGS="wells:import:open_import_dialog wells:duplicates:open_duplicates_dialog sources:dashboard:open_dashboard
sources:ledgers:open_ledger_dialog sync:checkout:open_checkout sync:platform:edit_settings
sync:conflicts:open_conflicts sites:keyunits:open_key_units_window"

# SHOT_SCRIPT for a dialog: finds the panel inside its dock and calls the method that opens the dialog.
write_dialog_script() {  # panel method file
  cat >"$3" <<EOF
from qgis.PyQt.QtWidgets import QDockWidget, QWidget

dock = window.findChild(QDockWidget, "gw_plugin_dock_$1")
dock.raise_()
candidates = [dock.widget()] + dock.findChildren(QWidget)
panel = next(w for w in candidates if w is not None and callable(getattr(w, "$2", None)))
dialog = getattr(panel, "$2")()
if dialog is not None and hasattr(dialog, "raise_"):
    dialog.raise_()
    dialog.activateWindow()
EOF
}

# SHOT_SCRIPT for a panel: brings its tab to the front (all panels are tabified in one dock area).
write_panel_script() {  # panel file
  cat >"$2" <<EOF
from qgis.PyQt.QtWidgets import QDockWidget

window.findChild(QDockWidget, "gw_plugin_dock_$1").raise_()
EOF
}

failed=()
project=""  # the demo project in the language of the locale being shot
shot() {  # panel name script locale size
  local name="$2_$4_$5.png"
  local rel
  rel=$(realpath -m --relative-to="$OUT" "$SHOTS_DIR/$name")  # screenshot.sh saves OUT/SHOT_NAME
  echo "== $name"
  if ! SHOT_DOCKS="$1" SHOT_SIZE="$5" UI_LOCALE="$4" SHOT_NAME="$rel" SHOT_SCRIPT="$3" SHOT_PROJECT="$project" \
    timeout "${SHOT_TIMEOUT:-420}" bash "$ROOT/scripts/screenshot.sh" "$OUT" >"$work/log" 2>&1; then
    failed+=("$name")
    tail -n 5 "$work/log" >&2
  fi
}

PY=$([ -x .venv/bin/python ] && echo .venv/bin/python || echo python3)
for locale in $LOCALES; do
  case "$locale" in zh*) lang=zh ;; *) lang=en ;; esac
  project="$OUT/demo_city_$lang.qgz"
  if ! "$PY" scripts/demo.py --output "$OUT" --project-only --lang "$lang" --project-name "demo_city_$lang.qgz" \
    >"$work/log" 2>&1; then
    cat "$work/log" >&2
    exit 1
  fi
  for size in $SIZES; do
    for panel in $PANELS; do
      write_panel_script "$panel" "$work/panel_$panel.py"
      shot "$panel" "$panel" "$work/panel_$panel.py" "$locale" "$size"
      [ "${SHOT_DIALOGS:-1}" = 1 ] || continue
      for entry in $DIALOGS; do
        IFS=: read -r p dialog method <<<"$entry"
        [ "$p" = "$panel" ] || continue
        write_dialog_script "$panel" "$method" "$work/dialog_${panel}_$dialog.py"
        shot "$panel" "$panel-$dialog" "$work/dialog_${panel}_$dialog.py" "$locale" "$size"
      done
    done
  done
done

echo "screenshots: $(ls "$SHOTS_DIR"/*.png 2>/dev/null | wc -l) PNGs in $SHOTS_DIR"
if [ ${#failed[@]} -gt 0 ]; then
  echo "screenshots: failed: ${failed[*]}" >&2
  exit 1
fi
