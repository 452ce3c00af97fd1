"""Browsing Kustomer: links, the trail, the catalogue, labels and what to show of a document."""
