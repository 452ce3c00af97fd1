"""What this run's settings mean for identity: the places it knows and the keys for each."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kexplore.core.http.identity import NO_CREDENTIAL, SANDBOX, Identity, Site, Targets, role_ref
from kexplore.core.http.keyring import Keyring
from kexplore.core.http.urls import origin_text
from kexplore.core.settings.config_file import Profile
from kexplore.core.settings.settings import Settings

__all__ = ["SANDBOX_KEYS", "RunIdentity", "run_identity"]

SANDBOX_KEYS = {"admin": "sandbox-admin-key", "read": "sandbox-read-key"}
"""The embedded sandbox's public keys, by role (documented; they open nothing else)."""


@dataclass(frozen=True)
class RunIdentity:
    """The targets and keys of one run of kexplore (the TUI or a replay)."""

    targets: Targets
    """Where typed paths go, every configured profile, and the running sandbox."""
    keyring: Keyring
    """Each key this run may send, paired with its origin."""

    @property
    def home(self) -> Identity:
        """The identity typed paths are sent with: profile, target, credential."""
        site = self.targets.home
        return Identity(site.profile, self.targets.target_of(site.origin), site.credential)


def run_identity(
    settings: Settings,
    *,
    sandbox_origin: str | None = None,
    sandbox_role: str = "admin",
    sandbox_home: bool = False,
) -> RunIdentity:
    """The targets and keyring for `settings`.

    Args:
        settings: the resolved settings.
        sandbox_origin: where kexplore's own sandbox runs now, if it runs one (default: the
            profile's base URL when the profile is marked `sandbox = true`).
        sandbox_role: the sandbox role (`admin` or `read`) typed paths to it are sent as.
        sandbox_home: whether typed paths go to that sandbox (`--sandbox`).

    Returns:
        Targets whose home is the current profile (or the sandbox), and a keyring holding the
        key of every profile whose variable is set, each paired with its profile's origin only,
        and the sandbox's role keys paired with the sandbox only.

    Raises:
        ValueError: when typed paths go to the sandbox and `sandbox_role` is not one of its
            roles (`admin`, `read`).
    """
    if sandbox_origin is None and settings.profile.sandbox:
        # A profile marked `sandbox = true` points at a kexplore sandbox: that is the one.
        sandbox_origin, sandbox_home = origin_text(settings.base_url), True
    others = [_site(p) for p in settings.profiles]
    secrets = {
        f"env:{p.key_env}": (origin_text(p.base_url) or "", settings.keys[p.key_env])
        for p in settings.profiles
        if p.key_env in settings.keys
    }
    if sandbox_origin is not None:
        for role, key in SANDBOX_KEYS.items():
            secrets[role_ref(role)] = (sandbox_origin, key)
    if sandbox_home and sandbox_origin is not None:
        home = Site(SANDBOX, sandbox_origin, role_ref(sandbox_role), confirm_writes=False)
    else:
        home = _site(settings.profile)
        if settings.api_key:
            secrets[home.credential] = (home.origin, settings.api_key)
        else:  # no key: nothing is sent as Authorization, and the header says so
            others.insert(0, home)
            home = replace(home, credential=NO_CREDENTIAL)
    return RunIdentity(Targets.of(home, others, sandbox_origin), Keyring(secrets))


def _site(profile: Profile) -> Site:
    origin = origin_text(profile.base_url) or profile.base_url
    return Site(profile.name, origin, f"env:{profile.key_env}", profile.asks_before_writes)
