"""Whole collections: walking every page of a list, pacing, resuming and exporting (pure)."""
