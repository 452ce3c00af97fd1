"""Identity: who a request is sent as and where — its target and a reference to its credential.

A credential is never a value here, only a reference to one:

- `env:NAME`: the key in environment variable NAME (a profile's `key_env`);
- `role:admin` / `role:read`: the embedded sandbox's public keys;
- `none`: no Authorization header (a link to another origin);
- `custom-header`: the user typed an Authorization header; its value is never written, so
  it must be given again before the request can be sent again.

A target is `sandbox` (the sandbox kexplore is running now, whatever its port) or an origin
such as `https://acme.api.kustomerapp.com`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kexplore.core.http.urls import origin_text

__all__ = [
    "CUSTOM_HEADER",
    "NO_CREDENTIAL",
    "SANDBOX",
    "WRITE_METHODS",
    "Identity",
    "Site",
    "Targets",
    "describe_credential",
    "is_credential_ref",
    "role_ref",
]

SANDBOX = "sandbox"
"""The target of a request to the running sandbox: symbolic, so it never records a port."""
NO_CREDENTIAL = "none"
"""The reference for a request sent with no Authorization header."""
CUSTOM_HEADER = "custom-header"
"""The reference for a request whose Authorization header the user typed."""
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
"""Methods that change data, so they are confirmed before going anywhere but the sandbox."""

_ENV_REF = re.compile(r"^env:[A-Za-z_][A-Za-z0-9_]*$")
_ROLES = ("admin", "read")


def role_ref(role: str) -> str:
    """The reference for a sandbox role: `role:admin` or `role:read`.

    Args:
        role: `admin` or `read`, as given to `--role`.

    Returns:
        The credential reference that sends that role's sandbox key.

    Raises:
        ValueError: for a role the sandbox does not have.
    """
    if role not in _ROLES:
        raise ValueError(f"Unknown sandbox role {role!r}: use admin or read.")
    return f"role:{role}"


def is_credential_ref(text: str) -> bool:
    """Whether `text` is a credential reference kexplore understands (never a key).

    Args:
        text: A `credential` value read from a file or given on the command line.

    Returns:
        True for `none`, `custom-header`, `env:NAME` (NAME a valid variable name), `role:admin`
        and `role:read`; False for anything else, a key included.
    """
    if text in (NO_CREDENTIAL, CUSTOM_HEADER) or bool(_ENV_REF.match(text)):
        return True
    return text.startswith("role:") and text.removeprefix("role:") in _ROLES


def describe_credential(ref: str) -> str:
    """The credential reference for people: `$ACME_KEY`, `read key`, `no key`, ...

    Args:
        ref: A credential reference (`env:NAME`, `role:read`, `none`, `custom-header`).

    Returns:
        `$NAME`, `read key`, `own Authorization header`, or `no key` for `none` and anything
        unknown; never a key.
    """
    if ref.startswith("env:"):
        return "$" + ref.removeprefix("env:")
    if ref.startswith("role:"):
        return f"{ref.removeprefix('role:')} key"
    if ref == CUSTOM_HEADER:
        return "own Authorization header"
    return "no key"


@dataclass(frozen=True)
class Identity:
    """Who a request is sent as, and where: recorded with every request kexplore keeps."""

    profile: str
    """The profile it was sent under (`sandbox` for `--sandbox`)."""
    target: str
    """`sandbox`, or the origin it went to (`https://acme.api.kustomerapp.com`)."""
    credential: str
    """A credential reference (see the module docstring), never a key."""

    @property
    def is_sandbox(self) -> bool:
        """Whether it goes to the running sandbox."""
        return self.target == SANDBOX

    def describe(self) -> str:
        """Who and where, for people: `sandbox · read key`, `acme · $ACME_KEY`.

        Returns:
            The profile (else the target, as in `https://x.example · no key`) and the
            credential described; never a key.
        """
        return f"{self.profile or self.target} · {describe_credential(self.credential)}"


@dataclass(frozen=True)
class Site:
    """A place kexplore knows how to talk to: a profile's origin and the key that belongs there."""

    profile: str
    """The profile's name."""
    origin: str
    """Its origin, `scheme://host[:port]`."""
    credential: str
    """The credential reference that belongs to this origin (`env:NAME`, `role:admin`)."""
    confirm_writes: bool = True
    """Whether writes here are confirmed first (never asked for the running sandbox)."""


@dataclass(frozen=True)
class Targets:
    """The places this run knows: the current one, the configured profiles, the sandbox.

    It decides, in one place, the identity a URL is sent with and whether a write there is
    confirmed first.
    """

    home: Site
    """Where typed paths go: the current profile (or the sandbox)."""
    sites: tuple[Site, ...] = ()
    """Every configured profile's site (the home one may be among them)."""
    sandbox_origin: str | None = None
    """The running sandbox's origin, when kexplore runs one (or was pointed at one)."""

    @classmethod
    def of(cls, home: Site, others: Iterable[Site], sandbox_origin: str | None) -> Targets:
        """Targets with `home` first among the known sites.

        Args:
            home: Where typed paths go.
            others: Every configured profile's site; one equal to `home` is not repeated.
            sandbox_origin: The running sandbox's origin, if kexplore runs one.

        Returns:
            The targets, `sites` starting with `home`.
        """
        return cls(home, (home, *(s for s in others if s != home)), sandbox_origin)

    def target_of(self, url: str) -> str:
        """The target `url` goes to, as history records it.

        Args:
            url: An absolute URL.

        Returns:
            `sandbox` for the running sandbox's origin (so no port is recorded), else the URL's
            origin, else "" when it has none (a relative path, another scheme).
        """
        origin = origin_text(url)
        if origin is not None and origin == self.sandbox_origin:
            return SANDBOX
        return origin or ""

    def base_for(self, target: str) -> str | None:
        """The origin requests to `target` go to now.

        Args:
            target: `sandbox` or an origin, as recorded with an entry.

        Returns:
            The running sandbox's origin for `sandbox` (None when none runs now), else the
            target as an origin (None when it is not an http(s) origin).
        """
        if target == SANDBOX:
            return self.sandbox_origin
        return origin_text(target)

    def owner(self, url: str) -> Site | None:
        """The configured site whose origin `url` is on.

        Args:
            url: An absolute URL.

        Returns:
            The first site with that origin (the home site comes first), or None for an
            origin no profile names.
        """
        origin = origin_text(url)
        return next((site for site in self.sites if site.origin == origin), None)

    def identity_for(self, url: str, *, custom_auth: bool, credential: str = "") -> Identity:
        """The identity an absolute `url` is sent with.

        Args:
            url: the absolute URL.
            custom_auth: whether the request carries an Authorization header the user typed.
            credential: a credential already recorded for the request ("" when none is).

        Returns:
            The recorded credential if given, else `custom-header`, else the key of the site
            that owns the origin, else `none`.
        """
        owner = self.owner(url)
        profile = owner.profile if owner else ""
        if not credential:
            credential = self._default_credential(owner, custom_auth=custom_auth)
        return Identity(profile, self.target_of(url), credential)

    def _default_credential(self, owner: Site | None, *, custom_auth: bool) -> str:
        if custom_auth:
            return CUSTOM_HEADER
        return owner.credential if owner else NO_CREDENTIAL

    def confirms_write(self, method: str, url: str) -> bool:
        """Whether `method` to `url` must be confirmed before it is sent.

        Args:
            method: The HTTP method, any case.
            url: The absolute URL it goes to.

        Returns:
            True for a write (POST, PUT, PATCH, DELETE) anywhere but the running sandbox,
            unless the profile owning the origin says `confirm_writes = false` (an origin no
            profile owns is always confirmed); False for every other method.
        """
        if method.upper() not in WRITE_METHODS or self.target_of(url) == SANDBOX:
            return False
        owner = self.owner(url)
        return owner is None or owner.confirm_writes

    def credential_pairs(self, credential: str, target: str) -> bool:
        """Whether `credential` may be sent to `target`.

        Args:
            credential: A credential reference.
            target: `sandbox` or an origin.

        Returns:
            True for `none` and `custom-header` anywhere, for a sandbox role only to
            `sandbox`, and for `env:NAME` only when a configured profile pairs that variable
            with the target's origin.
        """
        if credential in (NO_CREDENTIAL, CUSTOM_HEADER):
            return True
        if credential.startswith("role:"):
            return target == SANDBOX
        base = self.base_for(target)
        return any(s.credential == credential and s.origin == base for s in self.sites)
