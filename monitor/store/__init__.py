"""Storage: schema, engine and repository functions (SQLite by default, any SQLAlchemy URL)."""
