"""Meetings: the settings file (``reportkit.toml``), selections and editions in bulk."""

SETTINGS_FILE = "reportkit.toml"
DEFAULT_SOURCE = "source/torikumi-jirei.md"
DEFAULT_OUTPUT_DIR = "output"
