"""One URL per article, however a feed or an archive links to it.

Two feeds often link the same story differently: ``HTTPS://WWW.Example.org:443/a/``
in one, ``https://www.example.org/a?utm_source=rss&fbclid=...`` in another, an
AMP copy (``/amp``, ``?outputType=amp``) in a third. Stored by the raw link, the
story would be processed and counted once per feed.

courlan (already installed with trafilatura) does the well-known part:
lowercase scheme and host, drop default ports, drop tracking parameters
(``utm_*``, ``fbclid``, ``gclid``, ``ref``, ...), sort the rest of the query.
Its "strict" mode is not used: it drops every unknown parameter, and
``?id=5`` vs ``?id=6`` are two articles. On top of it, this module drops
fragments, trailing slashes and AMP markers. Pure: no I/O.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

# query parameters that only select the AMP rendering of the same article
_AMP_PARAMS = {"amp", "outputtype", "amp_js_v", "usqp", "_gsa"}
_AMP_PATH = re.compile(r"(?:/amp/?$|^/amp(?=/)|\.amp(?=\.html?$)|\.amp$)", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """The one spelling of ``url`` used to recognise an article; non-web URLs unchanged."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    try:
        normalized = normalize_url(url.strip(), strict=False, trailing_slash=True)
    except ValueError:
        return url  # courlan refuses what it cannot parse: keep the link as given
    parts = urlsplit(normalized)
    path = _AMP_PATH.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not (key.lower() in _AMP_PARAMS and (key.lower() != "outputtype" or value.lower() == "amp"))
    ]
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query, quote_via=quote), ""))
