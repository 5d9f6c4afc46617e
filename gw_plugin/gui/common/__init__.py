"""Shared by every panel: the dock registry, background tasks, following the project and its layers."""
