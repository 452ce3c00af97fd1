"""Pure, Textual-free services: requests, responses, links, history."""
