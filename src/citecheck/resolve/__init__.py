"""Looking references up: Crossref, PubMed, the cache and local records files."""
