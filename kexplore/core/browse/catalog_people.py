"""Catalogue data: users, teams, roles and role groups, API tokens and auth settings."""

from __future__ import annotations

from kexplore.core.browse.catalog_examples import USER_ID

__all__ = ["GROUPS"]

_PAGED = "page pageSize"
_USER = {"name": "Sam Agent", "displayName": "Sam", "email": "sam@acme.example"}
_TEAM = {"name": "Tier 1 Support", "displayName": "Tier 1", "members": [USER_ID]}

USERS = (
    (
        "GET",
        "/v1/users",
        f"{_PAGED} pending deleted userType email",
        "List users (pageSize up to 500)",
        None,
    ),
    ("POST", "/v1/users", "", "Invite a new user by email", _USER),
    ("GET", "/v1/users/current", "", "The user behind the key (a machine user for API keys)", None),
    (
        "PUT",
        "/v1/users/current",
        "",
        "Change the calling user's own profile",
        {"displayName": "API bot"},
    ),
    ("GET", "/v1/users/{id}", "", "Get a user by id", None),
    ("PUT", "/v1/users/{id}", "", "Change a user's profile or roles", {"displayName": "Sam A."}),
    ("GET", "/v1/users/{ids}", "", "Get several users at once (comma list of ids)", None),
    ("GET", "/v1/users/{id}/teams", _PAGED, "The teams a user belongs to", None),
    (
        "POST",
        "/v1/users/passwordreset",
        "",
        "Send a password-reset email",
        {"email": "sam@acme.example"},
    ),
)

TEAMS = (
    ("GET", "/v1/teams", _PAGED, "List teams (pageSize up to 500)", None),
    ("POST", "/v1/teams", "", "Create a team", _TEAM),
    ("GET", "/v1/teams/{id}", "", "Get a team", None),
    ("PUT", "/v1/teams/{id}", "", "Update a team (merges the attributes sent)", _TEAM),
    ("PATCH", "/v1/teams/{id}", "", "Update some attributes of a team", {"icon": "headset"}),
    ("DELETE", "/v1/teams/{id}", "", "Delete a team", None),
    ("POST", "/v1/teams/{id}/members", "", "Add users to a team (body: user ids)", [USER_ID]),
    (
        "DELETE",
        "/v1/teams/{id}/members",
        "",
        "Remove users from a team (body: user ids)",
        [USER_ID],
    ),
)

_ROLE_GROUP = {
    "name": "Billing agents",
    "description": "May refund orders",
    "roles": ["org.permission.customer.read"],
}

ACCESS = (
    ("GET", "/v1/auth/tokens", "", "List the org's API keys", None),
    (
        "POST",
        "/v1/auth/tokens",
        "",
        "Create an API key: the token shows only in this answer",
        {
            "name": "Nightly export",
            "roles": ["org.user.customer.read"],
            "expireAt": "2027-01-01T00:00:00.000Z",
        },
    ),
    (
        "GET",
        "/v1/auth/tokens/current",
        "",
        "The API key in use: name, roles, last characters",
        None,
    ),
    ("DELETE", "/v1/auth/tokens/current", "", "Revoke the API key in use", None),
    ("GET", "/v1/auth/tokens/{id}", "", "Get an API key by id", None),
    ("DELETE", "/v1/auth/tokens/{id}", "", "Revoke an API key", None),
    ("GET", "/v1/auth/roles", "", "Every role a key or user can hold", None),
    ("GET", "/v1/role-groups", _PAGED, "List role groups (permission sets)", None),
    ("POST", "/v1/role-groups", "", "Create a role group", _ROLE_GROUP),
    ("GET", "/v1/role-groups/{id}", "", "Get a role group", None),
    (
        "PUT",
        "/v1/role-groups/{id}",
        "",
        "Update a role group",
        {"description": "May refund and cancel orders"},
    ),
    ("DELETE", "/v1/role-groups/{id}", "", "Delete a role group", None),
    ("GET", "/v1/auth/settings", "", "The org's login settings (SSO, password rules)", None),
    (
        "PUT",
        "/v1/auth/settings",
        "",
        "Change the org's login settings",
        {"passwordMinLength": 12, "sessionTimeoutMinutes": 480},
    ),
    (
        "GET",
        "/v1/auth/customer/settings",
        "",
        "How customers sign in to chat and the help centre",
        None,
    ),
    (
        "GET",
        "/v1/p/auth/settings",
        "",
        "The public part of the login settings (no key needed)",
        None,
    ),
)

GROUPS = (
    ("users", "Users", USERS),
    ("teams", "Teams", TEAMS),
    ("access", "Keys, roles and auth", ACCESS),
)
"""(key, title, rows) per group; a row is (method, path, params, summary, body)."""
