"""ApiResponse: one HTTP response, its raw bytes and what kind of body it holds."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal

import orjson

__all__ = ["ApiResponse", "BodyKind"]

BodyKind = Literal["json", "text", "binary", "empty"]
"""How a body should be shown."""

_SNIFF_PARSE_LIMIT = 256 * 1024
"""Bodies up to this size are parsed to decide whether they are JSON."""

_TEXT_TYPES = ("text/", "application/xml", "application/javascript", "application/x-www-form")


@dataclass(frozen=True)
class ApiResponse:
    """An HTTP response as received, immutable once built."""

    status: int
    """The HTTP status code."""
    reason: str
    """The reason phrase (`OK`, `Not Found`)."""
    headers: tuple[tuple[str, str], ...]
    """Response headers in the order received, names lower-cased."""
    body: bytes = b""
    """The raw body bytes (decompressed)."""
    elapsed: float = 0.0
    """Seconds from sending to the last body byte."""
    url: str = ""
    """The absolute URL that was requested."""
    method: str = "GET"
    """The method that was sent."""
    received_size: int | None = None
    """The bytes received, when `body` is an equivalent form of them (see `sharing_body`)."""
    _json_cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def size(self) -> int:
        """Body size in bytes, as received."""
        return len(self.body) if self.received_size is None else self.received_size

    def sharing_body(self, equivalent: bytes) -> ApiResponse:
        """This response holding `equivalent` as its body instead of the bytes received.

        For a big JSON body kept on the trail: the viewer's pretty-printed text is the same
        document, so keeping it alone (rather than it and the raw bytes) halves what a visit
        holds. `size` still says how many bytes came.

        Args:
            equivalent: The same JSON document, written differently (never other content).

        Returns:
            A copy with `equivalent` as its body, `size` still counting the bytes received,
            and no parsed body cached.
        """
        return replace(self, body=equivalent, received_size=self.size, _json_cache={})

    @property
    def ok(self) -> bool:
        """Whether the status is 2xx."""
        return 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        """The first header called `name`, or None.

        Args:
            name: A header name, any case.

        Returns:
            Its value as received, or None when the response has no such header.
        """
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ('' when absent)."""
        value = self.header("content-type") or ""
        return value.split(";", 1)[0].strip().lower()

    @cached_property
    def kind(self) -> BodyKind:
        """Whether the body is JSON, text, binary or empty (sniffed, not trusted).

        Returns:
            `empty` for a blank body; `json` when it parses (over 256 KB: when it starts like
            an object or array); `text` when the Content-Type says text or JSON, or the first
            4 KB decode as UTF-8 with no NUL byte; else `binary`.
        """
        if not self.body.strip():
            return "empty"
        if self._parses_as_json():
            return "json"
        if self._decodes_as_text():
            return "text"
        return "binary"

    def json(self) -> Any:
        """The parsed body, parsed once and cached.

        Returns:
            The document, any JSON value: the same object on every call until
            `forget_parsed`, so callers must not change it.

        Raises:
            ValueError: when the body is not JSON.
        """
        if "value" not in self._json_cache:
            self._json_cache["value"] = orjson.loads(self.body)
        return self._json_cache["value"]

    def forget_parsed(self) -> None:
        """Drop the parsed body `json()` keeps (it is parsed again when next asked for)."""
        self._json_cache.clear()

    def text(self) -> str:
        """The body decoded as UTF-8, undecodable bytes replaced.

        Returns:
            The whole body as text (a new string on each call); never fails.
        """
        return self.body.decode("utf-8", errors="replace")

    def small_document(self) -> Any:
        """The parsed body when parsing it cost nothing more: it was parsed to sniff its kind.

        Returns:
            The document of a JSON body up to 256 KB (cached and shared, as from `json()`);
            None for anything else (a bigger body is parsed in a worker), and for a body that
            is JSON `null`.
        """
        if self.kind != "json" or self.size > _SNIFF_PARSE_LIMIT:
            return None
        return self.json()

    def duplicate_key(self) -> str | None:
        """The first key that appears twice in one JSON object of a small body, if any.

        JSON parsers keep the last value of a repeated key, so what is shown would silently
        differ from what the server sent; bodies over the sniff limit are not checked.

        Returns:
            The repeated key; None when there is none, the body is not JSON, or it is over
            256 KB.
        """
        if self.kind != "json" or self.size > _SNIFF_PARSE_LIMIT:
            return None
        found: list[str] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            """The `object_pairs_hook`: note the first repeated key, then build the object.

            Args:
                items: One JSON object's members, in document order.

            Returns:
                The object, the last value of a repeated key winning (as in `json()`).
            """
            keys = [key for key, _value in items]
            if not found and len(set(keys)) != len(keys):
                found.append(next(k for i, k in enumerate(keys) if k in keys[:i]))
            return dict(items)

        try:
            json.loads(self.body, object_pairs_hook=pairs)
        except (ValueError, RecursionError):
            return None
        return found[0] if found else None

    def _parses_as_json(self) -> bool:
        head = self.body[:64].lstrip()[:1]
        if head not in (b"{", b"[", b'"') and "json" not in self.content_type:
            return False
        if self.size > _SNIFF_PARSE_LIMIT:
            # Parsing megabytes here would block the caller; the viewer parses in a worker
            # and falls back to text if the body turns out not to be JSON.
            return head in (b"{", b"[")
        try:
            self.json()
        except (orjson.JSONDecodeError, RecursionError):
            return False
        return True

    def _decodes_as_text(self) -> bool:
        if self.content_type.startswith(_TEXT_TYPES) or "json" in self.content_type:
            return True
        sample = self.body[:4096]
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut by the sample boundary is still text; any other
            # undecodable byte (even near the end of a short body) means binary.
            cut = len(self.body) > len(sample) and exc.reason == "unexpected end of data"
            if not cut:
                return False
        return b"\x00" not in sample
