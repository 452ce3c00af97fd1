"""Make untrusted text inert: control, bidi and zero-width characters become visible escapes."""

from __future__ import annotations

import re

__all__ = ["inert", "inert_lines", "one_line"]

# C0 controls but tab, DEL, C1 controls, bidi embeddings/overrides/isolates, zero-width and
# other invisible format characters: a terminal could act on them or they could hide text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every unsafe character replaced by its visible escape (`\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(_escape, text)


def inert_lines(text: str) -> str:
    """`text` made inert line by line: its line breaks stay line breaks, nothing else acts."""
    return "\n".join(inert(line) for line in text.split("\n"))


def one_line(text: str, limit: int = 200) -> str:
    """`text` made inert and cut to `limit` characters with an ellipsis, for labels."""
    safe = inert(text)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"
