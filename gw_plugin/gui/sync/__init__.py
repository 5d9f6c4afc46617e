"""The Sync panel, its conflict dialog and the platform connection settings."""
