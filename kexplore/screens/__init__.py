"""Screens: MainScreen routes every message between widgets."""
