"""Widgets of the plugin: dialogs, dock panels (registered through gui/common/docks.py) and background tasks."""
