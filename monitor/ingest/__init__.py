"""Getting articles in: poll feeds (``feeds``), turn entries into values (``entries``),
fetch pages (``fetch``), extract their text (``extract``), read dates (``dates``)."""
