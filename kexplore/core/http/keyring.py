"""Keyring: the secret behind each credential reference, handed out only where it belongs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kexplore.core.http.identity import CUSTOM_HEADER, NO_CREDENTIAL, describe_credential

__all__ = ["CredentialError", "Keyring"]


class CredentialError(Exception):
    """A credential reference that cannot be turned into a key here, and why (no key shown).

    Args:
        credential: The reference that could not be resolved.
        message: What is missing, precisely enough to fix it.
    """

    def __init__(self, credential: str, message: str) -> None:
        super().__init__(message)
        self.credential = credential
        """The reference that could not be resolved."""
        self.message = message
        """What is missing, precisely enough to fix it."""


@dataclass(frozen=True)
class Keyring:
    """Secrets by credential reference, each with the one origin it may be sent to.

    Built once from the environment by the command line; a secret never leaves for another
    origin, whatever a request or a file asks.
    """

    secrets: Mapping[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    """credential reference -> (origin it belongs to, secret)."""
    stand_ins: Mapping[str, tuple[frozenset[str], str]] = field(default_factory=dict, repr=False)
    """Credentials the user named for this run only (`replay --credential`): reference ->
    (the origins of the entries they stand in for, secret)."""

    def secret_for(self, credential: str, origin: str) -> str | None:
        """The secret to send as `credential` to `origin`; None for `none` / `custom-header`.

        Args:
            credential: a credential reference.
            origin: the origin (`scheme://host[:port]`) the request goes to.

        Returns:
            The key, or None when the reference sends none of kexplore's keys.

        Raises:
            CredentialError: when the key is not set, or belongs to another origin.
        """
        if credential in (NO_CREDENTIAL, CUSTOM_HEADER):
            return None
        stand_in = self.stand_ins.get(credential)
        if stand_in is not None and origin in stand_in[0]:
            return stand_in[1]
        paired = self.secrets.get(credential)
        if paired is None:
            raise CredentialError(credential, _unset(credential))
        home, secret = paired
        if home != origin:
            raise CredentialError(
                credential,
                f"{describe_credential(credential)} belongs to {home}, not {origin}: "
                "kexplore never sends a key to another origin.",
            )
        return secret

    def values(self) -> list[str]:
        """Every secret held (to redact them from anything written).

        Returns:
            The keys of the credentials, then those of the stand-ins; duplicates kept.
        """
        held = [secret for _origin, secret in self.secrets.values()]
        return held + [secret for _origins, secret in self.stand_ins.values()]

    def withheld_from(self, origin: str) -> list[str]:
        """The secrets that must not travel to `origin` in any header or URL.

        Args:
            origin: The origin (`scheme://host[:port]`) a request goes to.

        Returns:
            Every secret held except those paired with `origin` (as a credential or a
            stand-in); empty when every key belongs there.
        """
        mine = {secret for home, secret in self.secrets.values() if home == origin}
        mine |= {secret for homes, secret in self.stand_ins.values() if origin in homes}
        return [secret for secret in self.values() if secret not in mine]


def _unset(credential: str) -> str:
    if credential.startswith("env:"):
        name = credential.removeprefix("env:")
        return f"${name} is not set (or no profile pairs it with this origin): export {name}=..."
    if credential.startswith("role:"):
        return f"The sandbox's {describe_credential(credential)} needs a running sandbox."
    return f"Unknown credential {credential!r}."
