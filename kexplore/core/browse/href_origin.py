"""HrefOrigin: resolve a document's hrefs against a base URL and say which are same-origin."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from kexplore.core.http.urls import origin_of

__all__ = ["HrefOrigin"]


class HrefOrigin:
    """A base URL's origin, and how hrefs resolve against it (RFC 3986, as a browser does).

    A root-relative href (`/api/people/1`) keeps only the base's origin; a path-relative one
    (`people/1`) replaces the base's last segment, so a base meant as a folder ends with `/`.
    """

    def __init__(self, base: str) -> None:
        self.base = base if isinstance(base, str) else ""
        self.key = origin_of(self.base)
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
        key = origin_of(url)
        if key is None:
            return None
        return url, key == self.key
