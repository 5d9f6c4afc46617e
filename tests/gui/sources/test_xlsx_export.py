"""The dashboard's XLSX export in the Python that QGIS runs (issue 17, item 3): on the system Python (/usr/bin/python3,
not the test venv) with Debian's openpyxl the workbook is written and read back; with openpyxl missing the dashboard
says in one sentence how to install it — no traceback, no file dialog, no task — and the PDF export still works.
A failing algorithm's traceback (QGIS 3.22 hands it back as the error text) reaches the user as one sentence."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SYSTEM_PYTHON = "/usr/bin/python3"

SCRIPT = textwrap.dedent(
    """
    import json, sys
    if sys.argv[3] == "missing":
        sys.modules["openpyxl"] = None  # `import openpyxl` raises ImportError, as in a QGIS without it
    from qgis.core import QgsApplication
    app = QgsApplication([], True)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing
    Processing.initialize()
    from gw_plugin.processing.provider import register_provider
    register_provider()
    from gw_plugin.core.data import gpkg
    from gw_plugin.gui.sources.indicator_dashboard import IndicatorDashboard
    from qgis.PyQt.QtCore import QEventLoop, QTimer

    db = sys.argv[1] + "/city.gpkg"
    gpkg.create_database(db)
    board = IndicatorDashboard(lambda: db, None, "zh")
    out = {"python": sys.executable}
    results = {}
    for kind in ("XLSX", "PDF"):
        loop = QEventLoop()
        board.exported.connect(lambda r: (results.update(r), loop.quit()))
        task = board.export(kind, sys.argv[1] + "/ind." + kind.lower())
        out[kind + "_task"] = task is not None
        if task is not None:
            task.completed.connect(lambda *a: QTimer.singleShot(0, loop.quit))
            QTimer.singleShot(120000, loop.quit)
            loop.exec()
        out[kind + "_status"] = board.status.text()
    out["results"] = results
    if "XLSX" in results:
        import openpyxl
        out["sheets"] = openpyxl.load_workbook(results["XLSX"]).sheetnames
        out["openpyxl"] = openpyxl.__file__
    print("RESULT " + json.dumps(out, ensure_ascii=False))
    """
)


def run_on_system_python(tmp_path: Path, openpyxl: str) -> dict:
    script = tmp_path / "export.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("VIRTUAL_ENV", None)
    run = subprocess.run(
        [SYSTEM_PYTHON, str(script), str(tmp_path), "en", openpyxl],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = next((x for x in run.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert run.returncode == 0 and line, run.stdout + run.stderr
    return json.loads(line[len("RESULT ") :])


@pytest.mark.skipif(not Path(SYSTEM_PYTHON).exists(), reason="no system Python")
def test_xlsx_export_works_on_the_system_python(tmp_path):
    out = run_on_system_python(tmp_path, "present")
    assert out["python"] == SYSTEM_PYTHON
    assert out["openpyxl"].startswith("/usr/lib/python3/dist-packages/")  # Debian's python3-openpyxl, not the venv's
    assert out["XLSX_task"] and out["results"]["XLSX"].endswith("ind.xlsx") and out["sheets"]
    assert "Traceback" not in out["XLSX_status"]


@pytest.mark.skipif(not Path(SYSTEM_PYTHON).exists(), reason="no system Python")
def test_missing_openpyxl_gives_one_sentence_and_pdf_still_works(tmp_path):
    out = run_on_system_python(tmp_path, "missing")
    assert not out["XLSX_task"]  # nothing started, no file dialog
    status = out["XLSX_status"]
    assert "openpyxl" in status and "python3-openpyxl" in status and "pip install openpyxl" in status
    assert "Traceback" not in status and "\n" not in status
    assert out["PDF_task"] and out["results"]["PDF"].endswith("ind.pdf")


def test_an_algorithm_traceback_reaches_the_user_as_one_sentence():
    from gw_plugin.gui.common.tasks import one_sentence

    traceback = (
        "Traceback (most recent call last):\n"
        '  File "/x/alg_indicators.py", line 131, in processAlgorithm\n'
        "    out['XLSX'] = reports.write_indicator_xlsx(path, report)\n"
        "gw_plugin.core.data.reports.XlsxUnavailableError: XLSX export needs the Python package openpyxl.\n"
    )
    assert one_sentence(traceback) == "XLSX export needs the Python package openpyxl."
    assert one_sentence("The file is locked.") == "The file is locked."
    assert one_sentence("") == ""
