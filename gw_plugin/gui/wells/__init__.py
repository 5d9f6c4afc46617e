"""The Wells panel with its tree model, lab import, duplicates and time-series widgets."""
