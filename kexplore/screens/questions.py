"""The words of the questions asked before a risky send: what, where, as whom, with what."""

from __future__ import annotations

from kexplore.core.http.identity import NO_CREDENTIAL, Identity
from kexplore.core.http.request import ApiRequest

__all__ = ["follow_question", "write_question"]

_BODY_SHOWN = 600
"""Characters of a body shown in a confirmation."""


def write_question(request: ApiRequest, identity: Identity) -> str:
    """`DELETE https://…/v1/customers/1`, the identity it goes as, and the body (cut)."""
    lines = [
        f"{request.method} {request.url}",
        "",
        f"As: {identity.describe()}",
        "This changes data on a real target (not the sandbox).",
    ]
    if request.has_body:
        body = request.body.strip()
        cut = body if len(body) <= _BODY_SHOWN else body[:_BODY_SHOWN] + "…"
        lines += ["", "Body:", cut]
    return "\n".join(lines)


def follow_question(url: str, document_url: str, identity: Identity) -> str:
    """The link, the site it leaves, and which credential (if any) goes with it."""
    if identity.credential == NO_CREDENTIAL:
        sent_as = "It will be requested WITHOUT your API key."
    else:
        sent_as = f"It will be requested as {identity.describe()} (that site's own key)."
    return "\n".join([url, "", f"This link leaves {document_url}.", sent_as])
