"""The writer of test_cache's two-process test, in a module of its own: a spawned process
imports only this and the cache, not the test module's imports (pytest, the stand-ins,
the Crossref client), about half a second for each process."""

from __future__ import annotations

from citecheck.resolve.cache import Cache


def write_many(directory: str, worker: int) -> None:
    """Write 200 entries while reading the other worker's as they come."""
    cache = Cache(directory)
    for i in range(200):
        cache.put("work", f"10.1/{worker}-{i}", "ok", f'{{"DOI": "10.1/{worker}-{i}"}}')
        cache.get("work", f"10.1/{1 - worker}-{i}")
    cache.close()
