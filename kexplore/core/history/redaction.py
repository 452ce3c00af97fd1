"""Redaction: keep keys, tokens and passwords out of everything kexplore writes to disk."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus, unquote, unquote_plus

import orjson

__all__ = ["REDACTED", "Redactor", "is_sensitive_name"]

REDACTED = "<redacted>"
"""What a secret is replaced with."""

_SENSITIVE_NAMES = frozenset({"authorization", "cookie", "set-cookie", "x-api-key"})
_SENSITIVE_WORDS = ("token", "secret", "key", "password", "auth")
_URL_TOKEN = re.compile(r"[^/?&=#;]+")


def is_sensitive_name(name: str) -> bool:
    """Whether a header or query parameter called `name` carries a secret by its name.

    Args:
        name: a header or query parameter name, any case.

    Returns:
        True for Authorization, Cookie, Set-Cookie, X-Api-Key and any name containing
        token, secret, key, password or auth.
    """
    lowered = name.lower()
    return lowered in _SENSITIVE_NAMES or any(word in lowered for word in _SENSITIVE_WORDS)


def _forms(secret: str) -> list[str]:
    """The ways `secret` can be spelled in a URL or JSON text, longest first."""
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret),
        orjson.dumps(secret)[1:-1].decode(),
    }
    return sorted(forms, key=len, reverse=True)


@dataclass(frozen=True)
class Redactor:
    """Replaces known secret values and secret-named headers and parameters with `<redacted>`."""

    secrets: tuple[str, ...] = ()
    """Values (the API key) that must never be written, wherever they appear."""
    _text_forms: tuple[str, ...] = field(init=False, repr=False)
    _byte_forms: tuple[bytes, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        forms = [form for secret in self.secrets if secret for form in _forms(secret)]
        object.__setattr__(self, "_text_forms", tuple(forms))
        object.__setattr__(self, "_byte_forms", tuple(form.encode() for form in forms))

    @classmethod
    def of(cls, secrets: Iterable[str | None]) -> Redactor:
        """A redactor for the non-empty values in `secrets`.

        Args:
            secrets: Keys that may be unset (None or "" are skipped).

        Returns:
            The redactor; with no secrets it still redacts secret-named headers and
            parameters.
        """
        return cls(tuple(secret for secret in secrets if secret))

    def text(self, text: str) -> str:
        """`text` with every known secret value replaced.

        Args:
            text: Anything about to be written: a body, a header value, a message.

        Returns:
            The text with each secret, in every spelling it may take (as is, percent-encoded,
            `+`-encoded, JSON-escaped), replaced by `<redacted>`.
        """
        for form in self._text_forms:
            if form in text:
                text = text.replace(form, REDACTED)
        return text

    def bytes(self, data: bytes) -> bytes:
        """`data` with every known secret value (UTF-8 encoded) replaced.

        Args:
            data: Bytes about to be written: a response body, an export's lines.

        Returns:
            The bytes with each secret, in every spelling `text` knows, replaced by
            `<redacted>`; `data` itself when none occurs.
        """
        for form in self._byte_forms:
            if form in data:
                data = data.replace(form, REDACTED.encode())
        return data

    def headers(self, headers: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        """Headers with secret-named values and known secrets replaced.

        Args:
            headers: (name, value) pairs as sent.

        Returns:
            The pairs in order: a secret-named header's value (`is_sensitive_name`) is
            `<redacted>` whatever it holds; other values have known secrets replaced.
        """
        return tuple(
            (name, REDACTED if is_sensitive_name(name) else self.text(value))
            for name, value in headers
        )

    def url(self, url: str) -> str:
        """`url` with its userinfo password, secret-named query values and secrets replaced.

        Args:
            url: An absolute URL or a path, query and fragment included.

        Returns:
            The URL with `<redacted>` for a `user:password@` password, the value of each
            secret-named query parameter, and each known secret (a path segment or parameter
            that hides one behind percent-encoding is replaced whole).
        """
        head, hash_, fragment = url.partition("#")
        base, qmark, query = head.partition("?")
        if qmark:
            query = "&".join(_redact_pair(pair) for pair in query.split("&"))
        redacted = self.text(_redact_password(base) + qmark + query + hash_ + fragment)
        if self.secrets and "%" in redacted:
            redacted = _URL_TOKEN.sub(self._encoded_token, redacted)
        return redacted

    def _encoded_token(self, match: re.Match[str]) -> str:
        """A URL token that hides a secret behind percent-encoding, replaced whole."""
        token = match.group()
        decoded = {unquote(token), unquote_plus(token)}
        return REDACTED if any(self.text(form) != form for form in decoded) else token


def _redact_pair(pair: str) -> str:
    """One `name=value` query pair, with the value replaced when the name is secret."""
    name, equals, _value = pair.partition("=")
    if equals and is_sensitive_name(unquote_plus(name)):
        return f"{name}={REDACTED}"
    return pair


def _redact_password(base: str) -> str:
    """`scheme://user:password@host/path` with the password replaced."""
    scheme, sep, rest = base.partition("://")
    authority, slash, path = rest.partition("/")
    userinfo, at, host = authority.rpartition("@")
    if not (sep and at and ":" in userinfo):
        return base
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}:{REDACTED}@{host}{slash}{path}"
