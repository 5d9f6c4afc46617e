#!/usr/bin/env bash
# Builds i18n/*.qm from the committed i18n/*.ts with Qt's lrelease (Debian qttools5-dev-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
LRELEASE=$(command -v lrelease || echo /usr/lib/qt5/bin/lrelease)
shopt -s nullglob
for ts in i18n/*.ts; do
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    "$LRELEASE" -silent "$ts" -qm "$qm"
  fi
done
