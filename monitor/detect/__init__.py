"""Pure alert detection, no I/O: the observation model (``model``), the rules
(``judge``) and the words of an alert (``wording``)."""
