"""OpenAPI 3.0/3.1 documents: loaded, `$ref`s resolved, turned into the tree's catalogue."""
