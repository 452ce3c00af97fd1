"""The outgoing-header policy: what goes with a request, so a key never leaves its origin.

The client sends exactly these headers, and the curl export shows them; neither restates
the rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from kexplore.core.http.request import ApiRequest

__all__ = ["outgoing_headers"]


def outgoing_headers(
    request: ApiRequest, *, secret: str | None, withheld: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """The headers `request` is sent with: defaults, then the user's (which override them).

    Args:
        request: the request.
        secret: the key for this request's origin, sent as `Authorization: Bearer`, or None.
        withheld: keys that belong to other origins; a header of the user's holding one of
            them is left out rather than sent here.

    Returns:
        Name/value pairs in sending order.
    """
    defaults = [("Accept", "application/json")]
    if request.has_body:
        defaults.append(("Content-Type", "application/json"))
    if secret:
        defaults.append(("Authorization", f"Bearer {secret}"))
    user = [
        (name, value)
        for name, value in request.headers
        if not any(key and key in value for key in withheld)
    ]
    given = {name.lower() for name, _ in user}
    return [h for h in defaults if h[0].lower() not in given] + user
