"""Common Table: a terminal training game about building cross-sector partnerships."""

__version__ = "0.1.0"
