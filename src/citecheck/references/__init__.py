"""Reference lists: finding the list, splitting its entries, and reading each entry's fields."""

from citecheck.references.parse import parse_entry
from citecheck.references.section import find_references

__all__ = ["find_references", "parse_entry"]
