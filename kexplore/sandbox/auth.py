"""The sandbox's fixed API keys, their roles, and the role check behind 403s."""

from __future__ import annotations

from collections.abc import Iterable

from kexplore.sandbox.errors import ApiError

__all__ = ["ADMIN_KEY", "KEYS", "READ_KEY", "Action", "needs", "require"]

ADMIN_KEY = "sandbox-admin-key"
"""Holds every role."""
READ_KEY = "sandbox-read-key"
"""Holds only read roles (and search, which Kustomer counts as reading)."""

OBJECTS = ("customer", "conversation", "message", "note", "kobject", "klass", "company")
OBJECTS += ("user", "team", "tag", "shortcut", "brand", "queue", "org", "auth_token")
ACTIONS = ("read", "create", "update", "delete")
LEGACY = {"read": "read", "create": "write", "update": "write", "delete": "delete"}

Action = str
"""One of `read`, `create`, `update`, `delete`."""


def _roles(actions: Iterable[str]) -> tuple[str, ...]:
    roles = [f"org.permission.{obj}.{action}" for obj in OBJECTS for action in actions]
    roles += [f"org.user.{obj}.{LEGACY[action]}" for obj in OBJECTS for action in actions]
    return tuple(dict.fromkeys(roles))


KEYS: dict[str, tuple[str, ...]] = {
    ADMIN_KEY: (
        *_roles(ACTIONS),
        "org.permission.search.create",
        "org.user.search.read",
        "org.admin.klass.write",
        "org.admin.user",
        "org.admin.security",
    ),
    READ_KEY: (*_roles(("read",)), "org.user.search.read"),
}
"""Key -> the roles it carries, as `GET /v1/auth/tokens/current` reports them."""


def needs(obj: str, action: Action) -> tuple[str, ...]:
    """Return the roles of which any one allows `action` on `obj`.

    Args:
        obj: The object family, e.g. `customer`, or `search`.
        action: `read`, `create`, `update` or `delete`.

    Returns:
        The permission-set role and its legacy equivalent.
    """
    if obj == "search":
        return ("org.permission.search.create", "org.user.search.read")
    return (f"org.permission.{obj}.{action}", f"org.user.{obj}.{LEGACY[action]}")


def require(held: Iterable[str], obj: str, action: Action) -> None:
    """Raise a 403 unless `held` contains one of the roles `needs(obj, action)` names.

    Args:
        held: The roles of the calling key.
        obj: The object family.
        action: The action attempted.

    Raises:
        ApiError: 403 naming the roles that would have allowed the call.
    """
    wanted = needs(obj, action)
    if not set(wanted) & set(held):
        raise ApiError(403, f"Missing role: this call requires one of {', '.join(wanted)}")
