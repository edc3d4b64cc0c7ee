"""The Textual app: screens, widgets and one stylesheet. The rules layers never import it."""
