"""OpenApiError: an OpenAPI document that cannot be used, naming the JSON pointer at fault."""

from __future__ import annotations

__all__ = ["OpenApiError", "pointer_token"]


class OpenApiError(ValueError):
    """An OpenAPI document that cannot be used; the message names where (a JSON pointer)."""

    def __init__(self, message: str, *, pointer: str | None = None, source: str = "") -> None:
        """Create the error.

        Args:
            message: What is wrong, for a person.
            pointer: The JSON pointer of the value at fault (`''` for the whole document), or
                None when the file could not be read or parsed at all.
            source: The file, for the message.
        """
        where = f" at {pointer or '/'}" if pointer is not None else ""
        prefix = f"{source}{where}: " if source or where else ""
        super().__init__(prefix + message)
        self.message = prefix + message
        """The whole message: file, pointer, what is wrong."""
        self.pointer = pointer
        """The JSON pointer at fault, if any."""


def pointer_token(key: object) -> str:
    """`key` as one JSON pointer token: `/pets/{id}` becomes `~1pets~1{id}`."""
    return str(key).replace("~", "~0").replace("/", "~1")
