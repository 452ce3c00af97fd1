"""Sending a kept entry again: to where it went, as whom it was sent, or refused saying why.

Entries written before identity was recorded are read as DESIGN says: the target is the
origin in their URL (a loopback URL under the `sandbox` profile is the running sandbox), the
credential is that target's own, and a redacted Authorization header the user had typed is
never replaced by anything the user did not give for this run.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from kexplore.core.history.entry import HistoryEntry
from kexplore.core.http.identity import (
    CUSTOM_HEADER,
    SANDBOX,
    Identity,
    Targets,
    describe_credential,
    role_ref,
)
from kexplore.core.http.keyring import CredentialError, Keyring
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.urls import origin_text

__all__ = ["Resend", "ResendRefused", "plan_resend", "recorded_identity"]


class ResendRefused(Exception):
    """An entry that cannot be sent again as it was, and what would make it possible.

    Args:
        entry: The entry refused.
        message: Why, in words a person can act on (never a key).
        needs_credential: Whether a credential given for this run would let it go.
    """

    def __init__(self, entry: HistoryEntry, message: str, *, needs_credential: bool) -> None:
        super().__init__(f"{entry.label}: {message}")
        self.entry = entry
        """The entry refused."""
        self.message = message
        """Why, in words a person can act on (never a key)."""
        self.needs_credential = needs_credential
        """Whether a credential given for this run would let it go (the app asks for one)."""


@dataclass(frozen=True)
class Resend:
    """An entry ready to go again: the request (absolute URL, credential set) and its identity."""

    request: ApiRequest
    """What to send."""
    identity: Identity
    """Who it is sent as, and where."""
    retargeted: bool = False
    """Whether it goes somewhere other than where it went (the user asked for that)."""


def recorded_identity(entry: HistoryEntry) -> Identity:
    """Who `entry` was sent as and where, reading older files as DESIGN describes.

    The credential is `""` for an older entry sent with the key of its target: it is that
    target's credential, found by `plan_resend`.

    Args:
        entry: A kept entry, of any age.

    Returns:
        The recorded profile, target and credential. An older entry's target is its URL's
        origin (`sandbox` for a loopback URL under the `sandbox` profile) and its credential
        `custom-header` when it carried a typed Authorization, else `role:admin` for the
        sandbox, else "".
    """
    target = entry.target or _legacy_target(entry)
    credential = entry.credential
    if credential is None:
        credential = CUSTOM_HEADER if entry.had_custom_auth else ""
        if not credential and target == SANDBOX:
            credential = role_ref("admin")
    return Identity(entry.profile, target, credential)


def _legacy_target(entry: HistoryEntry) -> str:
    origin = origin_text(entry.url) or ""
    if entry.profile == "sandbox" and _is_loopback(urlsplit(entry.url).hostname or ""):
        return SANDBOX
    return origin


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plan_resend(
    entry: HistoryEntry,
    targets: Targets,
    keyring: Keyring,
    *,
    retarget: bool = False,
    stand_in: str = "",
) -> Resend:
    """How to send `entry` again.

    Args:
        entry: the kept entry.
        targets: where this run can send, and which keys pair with which origins.
        keyring: the keys this run holds.
        retarget: send it to the current target instead (by path, with its credential).
        stand_in: a credential the user gave for this run, used only for an entry whose own
            cannot be resolved (a redacted header, an unset or unpaired key).

    Returns:
        The request to send and its identity.

    Raises:
        ResendRefused: when it cannot go where it went as whom it was sent.
    """
    recorded = recorded_identity(entry)
    base = targets.home.origin if retarget else _base(entry, recorded, targets)
    by_path = retarget or recorded.is_sandbox or not origin_text(entry.url)
    url = base + entry.path if by_path else entry.url
    credential = _credential(entry, recorded, targets, url, retarget=retarget)
    identity = targets.identity_for(url, custom_auth=False, credential=credential)
    origin = origin_text(url) or ""
    problem = _problem(identity, targets, keyring, origin)
    if problem and stand_in:
        identity = replace(identity, credential=stand_in)
        problem = _unresolved(stand_in, keyring, origin)
    if problem:
        raise ResendRefused(entry, problem, needs_credential=True)
    request = replace(entry.to_request(), url=url, credential=identity.credential)
    return Resend(request, identity, retargeted=retarget)


def _base(entry: HistoryEntry, recorded: Identity, targets: Targets) -> str:
    base = targets.base_for(recorded.target)
    if base is not None:
        return base
    if recorded.target == SANDBOX:
        message = (
            "it was sent to the sandbox, which is not running here: replay with --sandbox, "
            "or send it elsewhere with --retarget"
        )
    else:
        message = f"its target {recorded.target!r} is not an http(s) origin"
    raise ResendRefused(entry, message, needs_credential=False)


def _credential(
    entry: HistoryEntry, recorded: Identity, targets: Targets, url: str, *, retarget: bool
) -> str:
    if recorded.credential == CUSTOM_HEADER:
        return CUSTOM_HEADER
    if retarget:
        return targets.home.credential
    return recorded.credential or targets.identity_for(url, custom_auth=False).credential


def _problem(identity: Identity, targets: Targets, keyring: Keyring, origin: str) -> str:
    """Why `identity` cannot be sent to `origin` now, or ""."""
    credential = identity.credential
    if credential == CUSTOM_HEADER:
        return "it was sent with its own Authorization header, which is never saved"
    if not targets.credential_pairs(credential, identity.target):
        return (
            f"it was sent as {describe_credential(credential)}, which no profile here pairs "
            f"with {origin}"
        )
    return _unresolved(credential, keyring, origin)


def _unresolved(credential: str, keyring: Keyring, origin: str) -> str:
    """Why the keyring has no key for `credential` at `origin`, or ""."""
    try:
        keyring.secret_for(credential, origin)
    except CredentialError as error:
        return error.message
    return ""
