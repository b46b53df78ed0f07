"""Grammar traits per language: what the shared rules ask of a language besides its words.

The words are in the lexicon (``monitor/text/lexicon/<code>.yaml``); what is left are a few
facts about how a language puts them together (are nouns capitalised? does a negation follow the
verb? is "billion" 10**12?). Each language states them in its own module (``de.py``, ``en.py``,
``fr.py``), so the rules ask ``grammar(view.language).nouns_capitalized`` instead of comparing
language codes, and a new language answers every question in one place.

Pure: no I/O.
"""

from __future__ import annotations

import functools

from monitor.text.lang import de, en, fr
from monitor.text.lang.traits import Grammar

__all__ = ["Grammar", "grammar"]


@functools.cache
def grammar(code: str) -> Grammar:
    """The grammar of ``code``; a language without a module gets the neutral defaults."""
    by_code: dict[str, Grammar] = {module.GRAMMAR.code: module.GRAMMAR for module in (de, en, fr)}
    return by_code.get(code, Grammar(code))
