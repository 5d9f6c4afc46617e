"""Protection and recharge zones around drinking-water wells: the zone methods, the analytic-element well field, writing, checks and snapping."""
