"""The questions every language answers: its grammar traits, with neutral defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Grammar:
    code: str
    # Nouns are written with a capital letter (German): a capitalised word inside a sentence is a
    # noun, a lowercase word before one is its adjective, a term list's case tells nouns from verbs.
    nouns_capitalized: bool = False
    # A noun term also matches as the head of a compound ("Truppen" in "Bodentruppen").
    compounds: bool = False
    # Main clauses put the finite verb second and its particle or participle at the end ("gab ...
    # an"), so a reporting verb's subject may follow it and a negation may follow the cue.
    verb_second: bool = False
    # A negation may follow the word it negates ("bestätigte es nicht", "ne confirme pas").
    negation_follows: bool = False
    # The subject comes before the verb and what follows a reporting verb is its content
    # ("officials said North Korea ..."): a subject is looked for before the verb only.
    subject_before_verb: bool = False
    # One capitalised word can name a speaker ("Zelensky said").
    one_word_names: bool = False
    # Names take case endings ("Nordkoreas", "Nordkoreanern") and adjectives inflect ("Vereinigten").
    inflected_names: bool = False
    # A genitive -s after a noun names its owner ("Soldaten Nordkoreas", "des Ministeriums").
    postposed_genitive: bool = False
    # "Russia's Defense Ministry": a possessive -s joins a country to its institution.
    possessive_s: bool = False
    # How a nationality adjective shows: written lowercase (German "russische"), or by its ending.
    nationality_lowercase: bool = False
    nationality_endings: tuple[str, ...] = ()
    # Adjective endings before a noun ("nordkoreanische Soldaten").
    adjective_endings: tuple[str, ...] = ()
    # Endings a term may take in text ("Soldat" ~ "Soldaten", "deploy" ~ "deployed").
    inflection_endings: tuple[str, ...] = ()
    # An agent noun in -er has a gender-neutral twin, the noun of its present participle
    # ("Teilnehmer" ~ "Teilnehmende", "Mitarbeiter" ~ "Mitarbeitenden"): these endings replace -er.
    agent_participle_endings: tuple[str, ...] = ()
    # A noun for people has a feminine form that a text may name alone or in a pair ("Arbeiterinnen
    # und Arbeiter", "Demonstrantinnen", "Ärztinnen"): these endings go on the noun's stem.
    feminine_endings: tuple[str, ...] = ()
    # Separable verb particles (folded) and the participle and infinitive infixes they take:
    # "abbauen" ~ "abgebaut", "wegfallen" ~ "weggefallen", "dichtmachen" ~ "dichtgemacht",
    # "abzubauen". A verb term whose first letters are such a particle matches these forms too.
    separable_particles: tuple[str, ...] = ()
    participle_infix: str = ""
    infinitive_infix: str = ""
    # English spelling rules of inflection: "casualty" ~ "casualties", "die" ~ "died".
    y_to_ies: bool = False
    silent_e: bool = False
    # "cut" ~ "cutting", "shed" ~ "shedding": a short word doubles its last consonant before -ing
    doubled_consonant: bool = False
    # Quotation marks that open and close (besides the toggles " « »).
    quote_openers: str = "“"
    quote_closers: str = "”"
    # The decimal mark of "1,5 Millionen" / "1.5 million" (None: let the digits decide).
    decimal_mark: str | None = None
    # "Billion" is 10**12 (German, French) rather than 10**9.
    long_scale: bool = False
    # "3. Dezember": a number with a full stop can be an ordinal.
    dotted_ordinals: bool = False
    # Number words are read by text2num (French), not by the German and English readers.
    number_words_by_text2num: bool = False
    # Elided words written onto the next one ("l'armée", "n'a", "qu'il"), folded: split off as
    # their own token so that "armée" matches a term and "n'" counts as a negation.
    elisions: tuple[str, ...] = ()
    # Words right after a number that make it a clock time ("5 am").
    clock_words: frozenset[str] = frozenset()
