"""The shared toolkit of the claim engine: language guess, tokens, folding, sentences, verb forms."""
