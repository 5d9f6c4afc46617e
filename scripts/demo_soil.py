"""`make demo` step: the soil pilot area of the demo city (seed 001, issue 19) — the sites by life-cycle stage, the soil
results screened against GB 36600-2018 with the exceeding sites written back, survey quality spot-check draws at the
seed's shares (batches "DEMO-SQC-1" and "DEMO-SQC-2"), the hidden-danger investigation status of the soil key
supervised units, the soil pilot-area indicator workbook and PDF (plan ``zhengzhou_soil_2022``) and the site map in zh
and en — through the plugin's Processing algorithms, except the spot-check draws (through core, to date them on the
report date) and the site map (core/maps/products.py, until gwplugin:exportmap lists it).

Called by scripts/demo.py as ``run(ctx)``; ctx keys: "database", "out", "outputs" (label -> path, printed at the
end). Run twice on the same database it keeps recorded batches as they are and writes the reports again.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter

#: Reporting date: the demo data's own timestamp (gw_plugin.core.demo.builder.FIXED_TIMESTAMP).
REPORT_DATE = "2024-12-31"
SEED = 2024
PLAN_ID = "zhengzhou_soil_2022"
BATCHES = (("DEMO-SQC-1", "phase1_survey"), ("DEMO-SQC-2", "phase2_survey"))


def _fresh(path: str) -> str:
    if os.path.exists(path):
        os.remove(path)
    return path


def _recorded(database: str, batch: str) -> bool:
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return con.execute("SELECT 1 FROM survey_checks WHERE batch_id = ? LIMIT 1", (batch,)).fetchone() is not None
    finally:
        con.close()


def run(ctx: dict) -> dict:
    """Run the soil steps on ctx["database"]; returns a summary (also printed)."""
    import datetime as dt

    import processing

    from gw_plugin.core.soil import hidden_dangers as HD
    from gw_plugin.core.soil import stages as ST
    from gw_plugin.core.soil import survey_qc as QC
    from gw_plugin.core.sources import indicators as I
    from gw_plugin.core.sources import spotcheck

    db, out = ctx["database"], ctx["out"]
    outputs = ctx.setdefault("outputs", {})
    summary: dict = {}

    # 1. sites by their latest stage
    sites = ST.sites(db)
    by_stage = Counter(s["stage"] or "" for s in sites)
    summary["sites_by_stage"] = dict(by_stage)
    print(f"   {len(sites)} sites by stage / 地块按阶段:")
    for stage in [s.code for s in ST.STAGES] + [""]:
        label = ST.stage_label(stage, "zh") if stage else "（未记录阶段）"
        print(f"     {label}: {by_stage.get(stage, 0)}")

    # 2. GB 36600 screening of the soil results, written back to the sites
    screened = _fresh(os.path.join(out, "soil_screening.gpkg"))
    per_site = _fresh(os.path.join(out, "soil_screening_sites.gpkg"))
    res = processing.run(
        "gwplugin:screensitesoil", {"DATABASE": db, "WRITE_SITES": True, "OUTPUT": screened, "SUMMARY": per_site}
    )
    outputs["Soil screening / 土壤筛选 (GB 36600)"] = res["OUTPUT"]
    outputs["Soil screening per site / 地块筛选汇总"] = res["SUMMARY"]
    summary["exceeding_sites"] = int(res["SITES_EXCEEDING"])
    exceeding = [s["site_code"] for s in ST.sites(db) if s["soil_exceedance"] == "exceeding"]
    print(
        f"   {int(res['ROWS'])} soil results screened: {summary['exceeding_sites']} surveyed sites above a screening "
        f"value; soil exceeding on record / 土壤超标地块 ({len(exceeding)}): {', '.join(exceeding)}"
    )

    # 3. survey quality spot checks at the seed's minimum shares, dated the report date (the algorithm
    #    gwplugin:surveyspotcheck draws the same way but dates a batch by the clock)
    for batch, phase in BATCHES:
        if _recorded(db, batch):
            print(f"   survey spot-check batch {batch} is recorded already; kept as it is")
            continue
        share = QC.MINIMUM_SHARES[phase]
        pop = QC.population(db, phase)
        picked = spotcheck.draw([r["stage_uuid"] for r in pop], [r["county_code"] for r in pop], share, SEED)
        QC.record_batch(db, batch, phase, share, [pop[i] for i in picked], "demo", dt.date.fromisoformat(REPORT_DATE))
        print(f"   survey spot-check batch {batch}: {len(picked)} of {len(pop)} {phase} surveys drawn ({share:g} %)")

    # 4. hidden-danger investigations of the soil key supervised units
    units = _fresh(os.path.join(out, "soil_hidden_dangers.gpkg"))
    res = processing.run("gwplugin:hiddendangers", {"DATABASE": db, "AS_OF": REPORT_DATE, "OUTPUT": units})
    outputs["Hidden-danger investigations / 隐患排查"] = res["OUTPUT"]
    status = Counter(u.status for u in HD.investigation_status(db, dt.date.fromisoformat(REPORT_DATE)))
    summary["hidden_danger_status"] = dict(status)
    print(f"   {int(res['UNITS'])} soil key supervised units; investigation status: {dict(sorted(status.items()))}")

    # 5. the soil pilot-area indicators
    if PLAN_ID in I.shipped_plans():
        xlsx = _fresh(os.path.join(out, f"indicators_{PLAN_ID}.xlsx"))
        pdf = _fresh(os.path.join(out, f"indicators_{PLAN_ID}.pdf"))
        res = processing.run(
            "gwplugin:indicators",
            {"DATABASE": db, "PLAN": list(I.shipped_plans()).index(PLAN_ID), "TODAY": REPORT_DATE, "XLSX": xlsx,
             "PDF": pdf},
        )  # fmt: skip
        outputs["Soil indicators / 先行区指标 (XLSX)"] = res["XLSX"]
        outputs["Soil indicators / 先行区指标 (PDF)"] = res["PDF"]
        summary["indicators"] = int(res["N_RESULTS"])
        print(f"   {summary['indicators']} soil pilot-area indicator figures")

    # 6. the site map (stages, exceeding points) in Chinese and English (core/maps/products.py; gwplugin:exportmap
    #    lists it once it labels SOIL_MAPS)
    if ctx.get("project_path"):
        from qgis.core import QgsProject

        from gw_plugin.core.maps import products as P

        project = QgsProject.instance()
        project.clear()
        if project.read(ctx["project_path"]):
            for lang in ("zh", "en"):
                pdf, png = (os.path.join(out, f"site_map_{lang}.{k}") for k in ("pdf", "png"))
                written = P.export_product(project, "sites", pdf, png, lang=lang)
                outputs[f"Site map ({lang}, pdf) / 地块图"] = written["pdf"]
                outputs[f"Site map ({lang}, png)"] = written["png"]
            print(
                f"   site map: {written['sites']} sites, {written['exceeding_points']} points above a screening value"
            )
        project.clear()
    return summary
