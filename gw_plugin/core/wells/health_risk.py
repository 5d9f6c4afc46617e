"""Non-carcinogenic health risk of nitrate in drinking groundwater: hazard quotient HQ = CDI / RfD.

CDI = C·IR·EF·ED / (BW·AT). C is nitrate **as N** (mg/L), the unit of GB/T 14848-2017; the reference dose is US EPA
IRIS nitrate RfD = 1.6 mg/(kg·d) as nitrate-N. Default exposure parameters as used in Chinese practice (HJ 25.3-2019,
taken from a public implementation: verify against the standard before citing; every value is editable and written
into the output): adult BW 61.8 kg, child 19.2 kg; drinking water 1.0 L/d adult, 0.7 L/d child; EF 350 d/a;
ED adult 24 a, child 6 a; AT = ED × 365 d. (../shared/reference/README.md §4)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

#: US EPA IRIS oral reference dose for nitrate, expressed as nitrate-nitrogen, mg/(kg·d).
RFD_NITRATE_N = 1.6
#: mg NO3- per mg N (62.004 / 14.007, IUPAC standard atomic weights).
NO3_PER_N = 62.004 / 14.007


@dataclass(frozen=True)
class Exposure:
    """Exposure parameters of one receptor group (defaults: HJ 25.3-2019 as transcribed, unverified)."""

    name: str
    body_weight_kg: float
    intake_l_per_day: float
    exposure_frequency_d_per_a: float = 350.0
    exposure_duration_a: float = 24.0

    @property
    def averaging_time_d(self) -> float:
        return self.exposure_duration_a * 365.0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["averaging_time_d"] = self.averaging_time_d
        return d


ADULT = Exposure("adult", 61.8, 1.0, 350.0, 24.0)
CHILD = Exposure("child", 19.2, 0.7, 350.0, 6.0)


def chronic_daily_intake(conc_mg_l: float, e: Exposure) -> float:
    """CDI in mg/(kg·d)."""
    if e.body_weight_kg <= 0 or e.averaging_time_d <= 0:
        raise ValueError("body weight and averaging time must be positive")
    return (
        conc_mg_l
        * e.intake_l_per_day
        * e.exposure_frequency_d_per_a
        * e.exposure_duration_a
        / (e.body_weight_kg * e.averaging_time_d)
    )


def hazard_quotient(conc_nitrate_n_mg_l: float, e: Exposure, rfd: float = RFD_NITRATE_N) -> float:
    """HQ for nitrate-N concentration (mg/L as N). HQ > 1 means a potential non-carcinogenic risk."""
    if conc_nitrate_n_mg_l is None or conc_nitrate_n_mg_l < 0:
        raise ValueError("concentration must be a non-negative number (mg/L as N)")
    if rfd <= 0:
        raise ValueError("RfD must be positive")
    return chronic_daily_intake(conc_nitrate_n_mg_l, e) / rfd


def risk_level(hq: float) -> str:
    """'acceptable' for HQ ≤ 1, 'unacceptable' above (the usual HQ = 1 threshold)."""
    return "unacceptable" if hq > 1.0 else "acceptable"
