"""Numbers in a sentence: their values, qualifiers, and whether each counts things."""
