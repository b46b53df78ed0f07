"""Pure alert detection, no I/O: the observation model (``model``), the rules
(``judge``, with ``conflicts``, ``restatements`` and ``totals``) and the words of an
alert (``wording``)."""
