"""citecheck: check that an article's citations are true."""

__version__ = "0.1.0"
