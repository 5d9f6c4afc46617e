"""The per-enterprise dossier and the inspection form (issue 16, item 6), printed from the demo city with one source
given its own well, a facility, a photo, a document and an overdue rectification; the PDFs read back with pdftotext."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from gw_plugin.core.data import attachments as A
from gw_plugin.core.data.sqlite_gpkg import register_functions
from gw_plugin.core.sources import dossier as DS

from .test_rosters import add_features, add_rows

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60)
    return out.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, qgis_app):
    from qgis.PyQt.QtGui import QColor, QImage

    from gw_plugin.core.demo.build import build_demo

    folder = tmp_path_factory.mktemp("dossier")
    path = build_demo(str(folder / "demo"), seed=42).database
    con = sqlite3.connect(path)
    register_functions(con)
    # the source with the longest dated history
    uuid, code, name, uscc, county = con.execute(
        "SELECT p.uuid, p.source_code, p.name_zh, p.uscc, p.county_code FROM pollution_sources p "
        "JOIN inspections i ON i.source_uuid = p.uuid WHERE i.workflow IS NOT NULL "
        "GROUP BY p.uuid ORDER BY count(*) DESC, p.uuid LIMIT 1"
    ).fetchone()
    first, last = con.execute(
        "SELECT min(substr(inspected_on, 1, 10)), max(substr(inspected_on, 1, 10)) FROM inspections "
        "WHERE source_uuid = ? AND workflow IS NOT NULL",
        (uuid,),
    ).fetchone()
    well = con.execute("SELECT well_code FROM monitoring_wells ORDER BY well_code LIMIT 1").fetchone()[0]
    with con:
        con.execute(
            "UPDATE monitoring_wells SET source_uuid = ?, latest_class = 4, latest_sampled_on = '2024-05-06' "
            "WHERE well_code = ?",
            (uuid, well),
        )
        # a finding on the latest step, for the form's "last findings"
        con.execute(
            "UPDATE inspections SET findings = '罐区地面裂缝ZQX' WHERE fid = (SELECT max(fid) FROM inspections "
            "WHERE source_uuid = ? AND workflow IS NOT NULL)",
            (uuid,),
        )
    con.close()
    add_features(
        path,
        "source_facilities",
        [{"source_uuid": uuid, "facility_type": "sludge_yard", "name_zh": "污泥堆场QWZ", "underground": 0,
          "county_code": county}],
    )  # fmt: skip
    inv = add_rows(
        path,
        "hd_investigations",
        [{"source_uuid": uuid, "kind": "initial", "started_on": "2023-01-05", "county_code": county}],
    )
    add_rows(
        path,
        "hidden_dangers",
        [{"investigation_uuid": inv[0], "source_uuid": uuid, "facility": "储罐区", "description": "围堰破损XYZ",
          "found_on": "2023-02-01", "rectify_by": "2023-06-30", "county_code": county}],
    )  # fmt: skip
    # drawn for a spot check on 2024-12-01, not yet checked: an open task
    add_features(path, "inspections", [{"source_uuid": uuid, "kind": "spot_check", "inspected_on": "2024-12-01",
                                        "county_code": county}])  # fmt: skip
    img = QImage(64, 48, QImage.Format.Format_RGB32)
    img.fill(QColor("red"))
    png = folder / "photo.png"
    assert img.save(str(png))
    A.add_attachment(path, "pollution_sources", uuid, png, kind="photo", caption="厂区照片PHO")
    doc = folder / "report.pdf"
    doc.write_bytes(b"%PDF-1.4 not really")
    A.add_attachment(path, "pollution_sources", uuid, doc, caption="排查报告DOC")
    return {"path": path, "uuid": uuid, "code": code, "name": name, "uscc": uscc, "first": first, "last": last,
            "well": well}  # fmt: skip


def test_gather_finds_by_uuid_code_and_credit_code(demo):
    by = [DS.gather(demo["path"], k).source["uuid"] for k in (demo["uuid"], demo["code"], demo["uscc"].lower())]
    assert by == [demo["uuid"]] * 3
    d = DS.gather(demo["path"], demo["code"])
    assert [w["well_code"] for w in d.wells] == [demo["well"]]
    assert [f["name_zh"] for f in d.facilities] == ["污泥堆场QWZ"]
    images = [a for a in d.attachments if a["image"]]
    assert [a["caption"] for a in images] == ["厂区照片PHO"]  # the PDF document is listed, not embedded
    assert len(d.attachments) == 2
    # the rectification due 2023-06-30 and never done is overdue
    assert any(t[0].endswith("围堰破损XYZ") and t[3] == "overdue" for t in d.tasks)
    assert ("pending_spot", "2024-12-01", "", "open", 0) in d.tasks
    with pytest.raises(DS.DossierError):
        DS.gather(demo["path"], "no-such-source")


def test_dossier_pdf_in_chinese_and_english(demo, tmp_path):
    for lang, heading in (("zh", "工作流程记录"), ("en", "Workflow history")):
        out = DS.write_pdf(tmp_path / f"d_{lang}.pdf", demo["path"], demo["code"], "dossier", lang)
        text = pdf_text(out)
        assert demo["name"] in text.replace(" ", "") or demo["name"] in text
        assert heading in text
        assert demo["first"] in text and demo["last"] in text  # dated workflow steps
        assert demo["well"] in text
        assert "厂区照片PHO" in text and "排查报告DOC" in text
        assert "围堰破损XYZ" in text  # the open tasks
        assert ("抽查待现场核查" if lang == "zh" else "not yet checked") in text
    # the photo is drawn (the PDF report is only listed): one image in the PDF, 64 x 48 pixels
    body, images = DS.dossier_html(DS.gather(demo["path"], demo["uuid"]), "zh")
    assert len(images) == 1 and 'img src="att0"' in body
    if shutil.which("pdfimages"):
        listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "d_zh.pdf")], capture_output=True, check=True)
        rows = [line.split() for line in listing.stdout.decode().splitlines()[2:]]
        assert [(r[3], r[4]) for r in rows if r[2] == "image"] == [("64", "48")]


def test_inspection_form(demo, tmp_path):
    out = DS.write_pdf(tmp_path / "f.pdf", demo["path"], demo["uscc"], "form", "zh", workflow="antiseepage")
    text = pdf_text(out)
    assert demo["name"] in text
    assert "污泥堆场QWZ" in text and "本次检查情况" in text  # facilities with a blank column
    assert "罐区地面裂缝ZQX" in text  # the last findings
    assert "检查要点：防渗改造" in text.replace(" ", "") or "防渗层完好" in text
    assert "企业负责人签字" in text and "□" in text
    en = pdf_text(DS.write_pdf(tmp_path / "f_en.pdf", demo["path"], demo["uuid"], "form", "en"))
    d = DS.gather(demo["path"], demo["uuid"])
    wf = DS.choose_workflow(d)
    assert wf == [r["workflow"] for r in d.history if r.get("workflow")][-1]
    assert DS.CHECKLISTS[wf][0][1][:30] in en.replace("\n", " ")
    with pytest.raises(DS.DossierError):
        DS.write_pdf(tmp_path / "x.pdf", demo["path"], demo["uuid"], "form", "zh", workflow="nope")
