"""Backfill sources: each reads one kind of archive and yields the same FeedEntry as a live feed.

manifest.py (a folder + manifest.jsonl), warc.py (WARC/ARC files), sitemap.py
(sitemaps, indexes, Google News sitemaps), pagedfeed.py (RFC 5005 feed
archives), wayback.py (the Wayback Machine CDX API). base.py has the events
and the source protocol; resolve.py turns a SOURCE string into a source.
"""
