"""Groundwater pollution prevention zoning: configuration, codes and shared helpers of the zoning steps.

Configuration (every score, break and matrix) is resources/reference/zoning_defaults.json: all of it is labelled
DEFAULT because the numeric tables of the guides were not available (../shared/reference/README.md section 3).
``load_config(path)`` merges a user's edited copy over the defaults; ``check_config`` validates it. Also: the level
and zone-class codes of the rasters, the zone colours, requirements text and zone labels, the rules in force as
log lines, and the logging/progress helpers shared by source_load, function_value and overlay.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Optional

from ...toolbelt.i18n import tr

TR_CONTEXT = "gw_rasterblocks"  # the translation context of the zoning texts (as core/zoning/rasterblocks.py)

LEVELS = ("low", "medium", "high")
LEVEL_NODATA = 255
#: Pixel codes of the zone-class raster (order of the schema's zone_class code list).
ZONE_CODES = {"protection": 1, "prevention": 2, "treatment": 3, "protection_type": 4, "control_type": 5, "general": 6}
ZONE_BY_CODE = {v: k for k, v in ZONE_CODES.items()}
SCHEME_CLASSES = {
    "2019": ("protection", "prevention", "treatment"),
    "2023": ("protection_type", "control_type", "general"),
}
SCORE_NAMES = ("vulnerability", "source_load", "function_value", "pollution_status")
ZONE_COLORS = {
    "protection": "#1a9850",
    "prevention": "#fee08b",
    "treatment": "#d73027",
    "protection_type": "#1a9850",
    "control_type": "#fc8d59",
    "general": "#e0e0e0",
}


class ZoningError(ValueError):
    """Invalid zoning input or configuration (message meant for the user)."""


def default_config_path() -> Path:
    from ...toolbelt.paths import resource

    return resource("reference", "zoning_defaults.json")


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def load_config(path: Optional[str] = None, overrides: Optional[dict] = None) -> dict:
    """The default configuration with an edited JSON file and/or a dict merged over it (nested keys merge)."""
    with open(default_config_path(), encoding="utf-8") as fh:
        cfg = json.load(fh)
    if path:
        with open(path, encoding="utf-8") as fh:
            cfg = _merge(cfg, json.load(fh))
    if overrides:
        cfg = _merge(cfg, overrides)
    check_config(cfg)
    return cfg


def check_config(cfg: dict) -> None:
    z = cfg["zoning"]
    for name in SCORE_NAMES:
        b = z["breaks"][name]
        if len(b) != 2 or b[1] < b[0]:
            raise ZoningError(tr(TR_CONTEXT, "Breaks of {n} must be two increasing numbers.").format(n=name))
    for a in LEVELS:
        for b in LEVELS:
            if z["risk_matrix"][a][b] not in LEVELS:
                raise ZoningError(
                    tr(TR_CONTEXT, "Risk matrix entry {a}/{b} must be low, medium or high.").format(a=a, b=b)
                )
    for scheme, classes in SCHEME_CLASSES.items():
        m = z["schemes"][scheme]["matrix"]
        for a in LEVELS:
            for b in LEVELS:
                if m[a][b] not in classes:
                    raise ZoningError(
                        tr(TR_CONTEXT, "Scheme {s} matrix entry {a}/{b} must be one of {c}.").format(
                            s=scheme, a=a, b=b, c=classes
                        )
                    )
    fv = cfg["function_value"]
    if len(fv["abstraction_factors"]) != len(fv["abstraction_breaks_m3d"]) + 1:
        raise ZoningError(tr(TR_CONTEXT, "abstraction_factors needs one more entry than abstraction_breaks_m3d."))
    sl = cfg["source_load"]
    if sl["decay"] not in ("exponential", "linear"):
        raise ZoningError(tr(TR_CONTEXT, "decay must be exponential or linear."))


def requirements_text(cfg: dict, zone_class: str, lang: str = "zh") -> str:
    req = cfg.get("requirements", {}).get(zone_class, {})
    if lang == "both":
        return "\n".join(t for t in (req.get("zh", ""), req.get("en", "")) if t)
    return req.get("zh" if lang.startswith("zh") else "en", "")


def zone_label(zone_class: str, lang: str = "zh") -> str:
    from ..data import schema as S

    return S.codelist("zone_class").label(zone_class, lang)


def describe_rules(cfg: dict, scheme: str) -> list:
    """The breaks and matrices in force, as log lines (every rule of the zoning is visible in the log)."""
    z = cfg["zoning"]
    short = {"low": "L", "medium": "M", "high": "H"}
    lines = [
        tr(TR_CONTEXT, "Breaks (a value equal to a break goes up): {b}.").format(
            b="; ".join(f"{n} {z['breaks'][n][0]:g} / {z['breaks'][n][1]:g}" for n in SCORE_NAMES)
        ),
        tr(TR_CONTEXT, "Risk = matrix[vulnerability][source load]: {m}.").format(
            m="; ".join(
                "{a}: {r}".format(a=a, r=" ".join(short[z["risk_matrix"][a][b]] for b in LEVELS)) for a in LEVELS
            )
        ),
        tr(TR_CONTEXT, "Zone = scheme {s} matrix[function value][risk]: {m}.").format(
            s=scheme,
            m="; ".join(
                "{a}: {r}".format(a=a, r=", ".join(z["schemes"][scheme]["matrix"][a][b] for b in LEVELS))
                for a in LEVELS
            ),
        ),
    ]
    sch = z["schemes"][scheme]
    key = "treatment_pollution_levels" if scheme == "2019" else "control_pollution_levels"
    lines.append(
        tr(TR_CONTEXT, "Protection polygons -> {p}; pollution status levels {l} -> {t}.").format(
            p=sch["protection_polygons_class"],
            l=", ".join(sch.get(key, [])) or "-",
            t="treatment" if scheme == "2019" else "control_type",
        )
    )
    return lines


def say(log: list, feedback, text: str) -> None:
    log.append(text)
    feedback.info(text)


class Progress:
    """Maps the progress of one step onto a span of the overall 0-100 %."""

    def __init__(self, feedback, start: float, end: float):
        self.feedback, self.start, self.end = feedback, start, end

    def __call__(self, fraction: float) -> None:
        self.feedback.progress(self.start + (self.end - self.start) * max(0.0, min(1.0, fraction)))
