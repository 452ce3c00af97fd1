"""History: entries, the history and collection files, redaction, replay and body diffs."""
