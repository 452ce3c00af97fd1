"""Bodies: pretty-printed JSON kept compactly, its structure index, folds, links by line."""
