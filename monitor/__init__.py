"""monitor: watch news feeds for the figures and statements of a developing story."""

__version__ = "0.1.0"
