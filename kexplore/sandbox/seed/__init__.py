"""The sandbox's deterministic seed data."""
