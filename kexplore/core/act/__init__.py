"""Acting on what is shown: sparse edits, conflicts, creates, and jq over any body."""
