"""HTTP: requests, responses, the client, URLs, rate limits and curl."""
