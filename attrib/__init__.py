"""attrib: check who said what, when, in a news draft, against the primary record."""

__version__ = "0.1.0"
