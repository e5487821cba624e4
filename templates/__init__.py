"""Jinja2 templates of the markdown briefings: data only, no code."""
