"""Pure language code: sentences, numbers, actors, claims, attribution. No I/O."""
