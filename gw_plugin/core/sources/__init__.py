"""Pollution sources: ledgers, rosters, workflows, spot checks, pilot-zone indicators, the soil-groundwater class of sites, credit codes."""
