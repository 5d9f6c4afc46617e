"""Monitoring wells: the GB/T 14848-2017 classification, lab values and their import, well quality, time series, trends, health risk, duplicates, aquifer-layer map layers."""
