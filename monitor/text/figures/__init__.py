"""Binding a figure to a tracked claim: cues, scope, topic, gapping, forecasts."""
