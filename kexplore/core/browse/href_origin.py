"""HrefOrigin: resolve a document's hrefs against a base URL and say which are same-origin."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

__all__ = ["HrefOrigin", "origin_key"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_key(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an http(s) URL with a host, else None."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    return scheme, host, port if port is not None else _DEFAULT_PORTS[scheme]


class HrefOrigin:
    """A base URL's origin, and how hrefs resolve against it (RFC 3986, as a browser does).

    A root-relative href (`/api/people/1`) keeps only the base's origin; a path-relative one
    (`people/1`) replaces the base's last segment, so a base meant as a folder ends with `/`.
    """

    def __init__(self, base: str) -> None:
        self.base = base if isinstance(base, str) else ""
        self.key = origin_key(self.base)
        self.prefix = ""
        if self.key:
            parts = urlsplit(self.base)
            self.prefix = f"{parts.scheme}://{parts.netloc}"

    def resolve(self, href: str) -> tuple[str, bool] | None:
        """The absolute URL of `href` and whether it is same-origin, or None if unusable."""
        href = href.strip()
        if self.prefix and href.startswith("/") and not href.startswith("//") and "/." not in href:
            return self.prefix + href, True  # the common case, without urljoin's cost
        try:
            url = urljoin(self.base, href)
        except ValueError:
            return None
        key = origin_key(url)
        if key is None:
            return None
        return url, key == self.key
