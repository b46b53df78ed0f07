"""Watchlist actors and places: names, their inflected forms, and the world's gazetteer."""
