"""parse_curl: a pasted curl command as an ApiRequest, without the credentials it carries."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from kexplore.core.http.request import ApiRequest
from kexplore.core.http.urls import origin_of

__all__ = ["CurlError", "CurlImport", "from_curl", "is_secret", "parse_curl"]

_SECRET_NAMES = re.compile(r"auth|token|secret|passw|api[-_]?key|session|cookie", re.IGNORECASE)
_SECRET_VALUES = re.compile(r"^\s*(bearer|basic|token|digest)\s", re.IGNORECASE)
_VALUE_OPTIONS = {
    "-X": "method",
    "--request": "method",
    "-H": "header",
    "--header": "header",
    "-d": "data",
    "--data": "data",
    "--data-ascii": "data",
    "--data-binary": "data",
    "--data-raw": "data_raw",
    "--data-urlencode": "data_urlencode",
    "--json": "json",
    "--url": "url",
    "-A": "agent",
    "--user-agent": "agent",
    "-u": "user",
    "--user": "user",
}
_SWITCHES = {"-G": "get", "--get": "get", "-I": "head", "--head": "head"}
_HARMLESS = frozenset(
    {"-s", "--silent", "-S", "--show-error", "-i", "--include", "-v", "--verbose"}
    | {"-L", "--location", "--compressed", "-k", "--insecure"}
)


class CurlError(ValueError):
    """A curl command kexplore cannot turn into a request, with the reason."""


@dataclass(frozen=True)
class CurlImport:
    """A parsed curl command: the request, and what was left out of it."""

    request: ApiRequest
    """The request, with credentials removed (kexplore sends the profile's key)."""
    dropped: tuple[str, ...] = ()
    """Names of the headers, options and query parameters dropped because they carry secrets."""


def from_curl(text: str, *, base_url: str | None = None) -> ApiRequest:
    """The request a pasted curl command describes, without any credentials it carries.

    Args:
        text: The command, possibly over several lines joined with `\\`.
        base_url: When given, a URL on its origin becomes a path relative to it.

    Returns:
        The request: method (as curl would infer it when not given), URL without its query,
        query parameters, headers and body, every credential left out.

    Raises:
        CurlError: for text that is not a curl command, or an option kexplore does not know.
    """
    return parse_curl(text, base_url=base_url).request


def parse_curl(text: str, *, base_url: str | None = None) -> CurlImport:
    """Like `from_curl`, also telling which secrets were dropped.

    Args:
        text: The command, possibly over several lines joined with `\\`.
        base_url: When given, a URL on its origin becomes a path relative to it.

    Returns:
        The request, and the names of the headers, options and query parameters left out
        because they carry credentials (for the user to be told).

    Raises:
        CurlError: for text that is not a curl command, or an option kexplore does not know.
    """
    tokens = _tokens(text)
    command = _Command()
    for option, value in _options(tokens[1:]):
        command.apply(option, value)
    return command.build(base_url)


def is_secret(name: str, value: str) -> bool:
    """Whether a header or parameter carries a credential, by its name or its value.

    Args:
        name: The header or query parameter name.
        value: Its value ("" to judge by the name alone).

    Returns:
        True for a secret-looking name (auth, token, secret, password, API key, session,
        cookie) or a value that starts with an auth scheme (Bearer, Basic, Token, Digest).
    """
    return bool(_SECRET_NAMES.search(name) or _SECRET_VALUES.match(value))


def _tokens(text: str) -> list[str]:
    try:
        tokens = shlex.split(_join_continuations(text.strip().removeprefix("$ ")))
    except ValueError as exc:
        raise CurlError(f"The command cannot be read: {exc} (an unclosed quote?).") from None
    if not tokens or tokens[0] != "curl":
        raise CurlError("Paste a command that starts with curl.")
    return tokens


def _join_continuations(text: str) -> str:
    """Remove backslash-newlines (LF or CRLF) outside single quotes, as a POSIX shell does."""
    out: list[str] = []
    quote_char, i = "", 0
    while i < len(text):
        char = text[i]
        if char == "\\" and quote_char != "'":
            pair = text[i : i + 3] if text.startswith("\\\r\n", i) else text[i : i + 2]
            out.append("" if pair in ("\\\n", "\\\r\n") else pair)
            i += len(pair)
            continue
        if char in "'\"" and quote_char in ("", char):
            quote_char = "" if quote_char else char
        out.append(char)
        i += 1
    return "".join(out)


def _options(tokens: list[str]) -> Iterator[tuple[str, str | None]]:
    """(option, value) pairs; a positional argument comes as ("", argument)."""
    stream = iter(tokens)
    for token in stream:
        if token == "--":
            yield from (("", rest) for rest in stream)
        elif token.startswith("--"):
            yield token, _value_for(token, stream) if token in _VALUE_OPTIONS else None
        elif token.startswith("-") and len(token) > 1:
            yield from _short_cluster(token, stream)
        else:
            yield "", token


def _short_cluster(token: str, stream: Iterator[str]) -> Iterator[tuple[str, str | None]]:
    """`-sSL`, `-XPOST` or `-H value`: single-letter options, the last may take a value."""
    for index, letter in enumerate(token[1:], start=2):
        option = "-" + letter
        if option in _VALUE_OPTIONS:
            yield option, token[index:] or _value_for(option, stream)
            return
        yield option, None


def _value_for(option: str, stream: Iterator[str]) -> str:
    value = next(stream, None)
    if value is None:
        raise CurlError(f"The option {option} needs a value.")
    return value


@dataclass
class _Command:
    """What the options of one curl command said, gathered before building the request."""

    method: str | None = None
    url: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    json: bool = False
    get: bool = False
    head: bool = False
    dropped: list[str] = field(default_factory=list)

    def apply(self, option: str, value: str | None) -> None:
        """Record one option (or, with option "", the URL).

        Args:
            option: The option as typed (`-H`, `--data-raw`), or "" for a positional argument.
            value: Its value, or None for a switch.

        Raises:
            CurlError: for a second URL, a header without a colon, a data option that reads
                a file, or an option kexplore does not know.
        """
        if option == "":
            self._set_url(value or "")
        elif option in _HARMLESS:
            return
        elif option in _SWITCHES:
            setattr(self, _SWITCHES[option], True)
        elif option in _VALUE_OPTIONS and value is not None:
            getattr(self, f"_on_{_VALUE_OPTIONS[option]}")(option, value)
        else:
            raise CurlError(f"Unsupported curl option {option}: remove it and paste again.")

    def _set_url(self, url: str) -> None:
        if self.url is not None:
            raise CurlError(f"More than one URL: {self.url!r} and {url!r}.")
        self.url = url

    def _on_url(self, _option: str, value: str) -> None:
        self._set_url(value)

    def _on_method(self, _option: str, value: str) -> None:
        self.method = value.upper()

    def _on_header(self, _option: str, value: str) -> None:
        name, colon, rest = value.partition(":")
        if not colon:
            name, semicolon, _ = value.partition(";")  # curl's `Name;` sends an empty header
            if not semicolon:
                raise CurlError(f"Header {value!r} has no colon.")
        name, rest = name.strip(), rest.strip()
        if is_secret(name, rest):
            self.dropped.append(name)
        elif colon and not rest:
            return  # curl's `Name:` removes a header; there is nothing to remove here
        else:
            self.headers.append((name, rest))

    def _on_agent(self, _option: str, value: str) -> None:
        self.headers.append(("User-Agent", value))

    def _on_user(self, option: str, _value: str) -> None:
        self.dropped.append(option)

    def _on_data(self, option: str, value: str) -> None:
        if value.startswith("@"):
            raise CurlError(f"{option} {value}: kexplore cannot read files; paste the body.")
        self.data.append(value)

    def _on_data_raw(self, _option: str, value: str) -> None:
        self.data.append(value)

    def _on_data_urlencode(self, option: str, value: str) -> None:
        name, equals, content = value.partition("=")
        if not equals and "@" in value:  # `@file` and `name@file` read a file
            raise CurlError(f"{option} {value}: kexplore cannot read files; paste the value.")
        encoded = quote(content if equals else value, safe="")
        self.data.append(f"{name}={encoded}" if equals and name else encoded)

    def _on_json(self, option: str, value: str) -> None:
        self._on_data(option, value)
        self.json = True

    def build(self, base_url: str | None) -> CurlImport:
        """The request and the dropped secrets.

        Args:
            base_url: When given, a URL on its origin becomes a path relative to it.

        Returns:
            The request (its method inferred as curl does when not given) and the names of
            what was dropped.

        Raises:
            CurlError: when no URL was given.
        """
        if not self.url:
            raise CurlError("The command has no URL.")
        url, params = self._split_url(self.url, base_url)
        data = ("" if self.json else "&").join(self.data)
        if self.get and data:
            params += parse_qsl(data, keep_blank_values=True)
            data = ""
        params = self._without_secrets(params)
        request = ApiRequest(self._method(data), url, tuple(params), self._headers(), data)
        return CurlImport(request, tuple(self.dropped))

    def _method(self, data: str) -> str:
        if self.method:
            return self.method
        if self.head:
            return "HEAD"
        return "POST" if data else "GET"

    def _headers(self) -> tuple[tuple[str, str], ...]:
        headers = list(self.headers)
        given = {name.lower() for name, _ in headers}
        if self.json:  # what curl's --json adds, unless the command set them
            for name in ("Content-Type", "Accept"):
                if name.lower() not in given:
                    headers.append((name, "application/json"))
        return tuple(headers)

    def _without_secrets(self, params: list[tuple[str, str]]) -> list[tuple[str, str]]:
        kept = [(name, value) for name, value in params if not is_secret(name, "")]
        self.dropped += [name for name, _ in params if is_secret(name, "")]
        return kept

    def _split_url(self, url: str, base_url: str | None) -> tuple[str, list[tuple[str, str]]]:
        """The URL without its query or user:password (relative when on `base_url`'s origin)."""
        if not url.startswith("/") and "://" not in url:
            url = "http://" + url  # curl's default scheme
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            self.dropped.append("user:password in the URL")
            netloc = netloc.rpartition("@")[2]
        params = parse_qsl(parts.query, keep_blank_values=True)
        bare = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        if base_url and origin_of(bare) and origin_of(bare) == origin_of(base_url):
            base_path = urlsplit(base_url).path.rstrip("/")
            if parts.path.startswith(base_path + "/") or parts.path == base_path:
                bare = parts.path[len(base_path) :] or "/"
        return bare, params
