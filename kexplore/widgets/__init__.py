"""Display-only widgets: data in by attribute, intent out by message."""
