"""The zoning panel and its widgets."""
