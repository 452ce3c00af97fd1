"""kexplore: a terminal explorer for the Kustomer REST API."""

__version__ = "0.1.0"
