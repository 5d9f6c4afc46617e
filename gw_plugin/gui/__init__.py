"""Widgets of the plugin: dialogs, dock panels (registered through gui/docks.py) and background tasks."""
