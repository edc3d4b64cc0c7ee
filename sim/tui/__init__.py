"""The Textual app: screens, widgets and one stylesheet. Nothing below `sim/tui` imports it."""
