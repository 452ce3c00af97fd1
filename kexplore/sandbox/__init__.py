"""The offline Kustomer-compatible sandbox server."""
