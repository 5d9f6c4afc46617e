"""`make demo` step: pollution sources of the demo city — roster screening, a leakage spot-check draw (batch
"DEMO-1"), the pilot-zone indicator workbook and PDF against the Zhengzhou 2022 plan, the roster listing (XLSX) and
the abandoned-well ledger, all through the plugin's Processing algorithms.

Called by scripts/demo.py as ``run(ctx)``; ctx keys: "database", "out", "outputs" (label -> path, printed at the
end). Run twice on the same database it leaves the recorded batch DEMO-1 as it is (a recorded batch is never
replaced) and writes the reports again.
"""

from __future__ import annotations

import os
import sqlite3

BATCH_ID = "DEMO-1"
SEED = 2024
PLAN_ID = "zhengzhou_2022"
#: Reporting date of the demo's indicator report: the demo data's own timestamp (gw_plugin.core.demo.builder).
REPORT_DATE = "2024-12-31"
ROSTER = "gw_key_supervised"


def _city_name(database: str) -> str:
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT name_zh FROM admin_units WHERE level = 'city' ORDER BY code LIMIT 1").fetchone()
    finally:
        con.close()
    return row[0] if row and row[0] else ""


def run(ctx: dict) -> dict:
    """Run the sources steps on ctx["database"]; returns a summary (also printed)."""
    import processing

    from gw_plugin.core.sources import indicators as I
    from gw_plugin.core.sources import roster_publication as RP
    from gw_plugin.core.sources import rosters as R
    from gw_plugin.core.sources import spotcheck as SC

    db = ctx["database"]
    out = ctx["out"]
    outputs = ctx.setdefault("outputs", {})
    city = _city_name(db)
    summary: dict = {}

    # 1. roster screening (proposals written; decided entries are kept)
    res = processing.run("gwplugin:screenrosters", {"DATABASE": db, "WRITE": True, "USER": "demo"})
    summary["screened"] = res.get("N_SOURCES", res.get("N_PROPOSALS"))
    print(f"   roster screening done: {res}")

    # 2. the spot-check draw
    if BATCH_ID in SC.recorded_batches(db):
        print(f"   spot-check batch {BATCH_ID} is recorded already; kept as it is")
        summary["batch"] = {"batch_id": BATCH_ID, "drawn": len(SC.batch_sources(db, BATCH_ID)), "new": False}
    else:
        res = processing.run(
            "gwplugin:spotcheck",
            {
                "DATABASE": db,
                "BATCH_ID": BATCH_ID,
                "SEED": SEED,
                "USER": "demo",
                "RECORD": os.path.join(out, "spotcheck_DEMO-1.json"),
            },
        )
        outputs["Spot-check batch / 抽查批次 (JSON)"] = res["RECORD"]
        summary["batch"] = {"batch_id": BATCH_ID, "drawn": res["N_DRAWN"], "population": res["N_POPULATION"]}
        print(f"   spot-check batch {BATCH_ID}: {res['N_DRAWN']} of {res['N_POPULATION']} sources drawn")

    # 3. indicators against the Zhengzhou plan
    plan_ids = list(I.shipped_plans())
    xlsx = os.path.join(out, "indicators_zhengzhou_2022.xlsx")
    pdf = os.path.join(out, "indicators_zhengzhou_2022.pdf")
    res = processing.run(
        "gwplugin:indicators",
        {"DATABASE": db, "PLAN": plan_ids.index(PLAN_ID), "TODAY": REPORT_DATE, "XLSX": xlsx, "PDF": pdf},
    )
    outputs["Indicator workbook / 试验区指标 (XLSX)"] = res["XLSX"]
    outputs["Indicator report / 试验区指标 (PDF)"] = res["PDF"]
    summary["indicators"] = res["N_RESULTS"]

    # 4. roster listing: the latest published version of the key supervised units roster
    published = RP.versions(db, ROSTER)
    params = {"DATABASE": db, "ROSTER": list(R.ROSTERS).index(ROSTER), "CITY": city}
    if published:
        params["VERSION"] = published[-1][0]
    params["XLSX"] = os.path.join(out, f"roster_{ROSTER}.xlsx")
    res = processing.run("gwplugin:exportroster", params)
    outputs["Roster / 地下水污染重点监管单位名录 (XLSX)"] = res["XLSX"]
    summary["roster_rows"] = res["N_ROWS"]

    # 5. abandoned-well ledger
    res = processing.run(
        "gwplugin:abandonedwells",
        {"DATABASE": db, "CITY": city, "XLSX": os.path.join(out, "abandoned_wells_ledger.xlsx")},
    )
    outputs["Abandoned-well ledger / 废弃井台账 (XLSX)"] = res["XLSX"]
    summary["abandoned_wells"] = res["N_WELLS"]
    print(
        "   {i} indicator figures, {r} roster rows, {w} abandoned wells".format(
            i=summary["indicators"], r=summary["roster_rows"], w=summary["abandoned_wells"]
        )
    )
    return summary
