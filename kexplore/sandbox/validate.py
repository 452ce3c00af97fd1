"""Checks request bodies against what each type accepts, with Kustomer-style 400s."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kexplore.sandbox.attributes import REQUIRED, WRITABLE
from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.ids import OBJECT_ID, parse_iso_ms

__all__ = ["CUSTOM_NAME", "validate"]

CUSTOM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(Num|At|Str|Txt|Bool|Url)$")
"""A custom attribute name: its suffix says its type."""

ENUMS = {
    "status": ("open", "snoozed", "done"),
    "direction": ("in", "out"),
    "msgstatus": ("sent", "received", "error"),
}
ENUMS["channel"] = ("email", "sms", "chat", "facebook", "twitter-dm", "twitter-tweet", "voice")
ENUMS["channel"] += ("instagram", "whatsapp")
ITEM_KEYS = {"emails": "email", "phones": "phone", "externalIds": "externalId"}


def _bad(pointer: str, detail: str) -> ApiError:
    return ApiError(400, detail, source={"pointer": pointer})


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse_iso_ms(value)
    except (ValueError, OverflowError):
        return False
    return True


KINDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "str": (lambda v: isinstance(v, str), "a string"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
    "bool": (lambda v: isinstance(v, bool), "a boolean"),
    "list": (lambda v: isinstance(v, list), "an array"),
    "dict": (lambda v: isinstance(v, dict), "an object"),
    "date": (_is_date, "an ISO-8601 date-time"),
    "id": (lambda v: isinstance(v, str) and bool(OBJECT_ID.match(v)), "a 24-character hex id"),
    "priority": (lambda v: type(v) is int and 1 <= v <= 5, "an integer from 1 to 5"),
    "custom": (lambda v: isinstance(v, dict), "an object"),
}

SUFFIX_KINDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "Num": (lambda v: isinstance(v, int | float) and not isinstance(v, bool), "a number"),
    "At": KINDS["date"],
    "Str": (lambda v: isinstance(v, str) and len(v) <= 1024, "a string of at most 1024 chars"),
    "Txt": (lambda v: isinstance(v, str) and len(v) <= 1024, "a string of at most 1024 chars"),
    "Bool": KINDS["bool"],
    "Url": (lambda v: isinstance(v, str), "a URL string"),
}


def _check_custom(custom: dict[str, Any]) -> None:
    for name, value in custom.items():
        match = CUSTOM_NAME.match(name)
        if not match:
            detail = (
                f'Custom attribute "{name}" must end in a type suffix: '
                "Num, At, Str, Txt, Bool or Url"
            )
            raise _bad(f"/custom/{name}", detail)
        test, wanted = SUFFIX_KINDS[match.group(1)]
        if value is not None and not test(value):
            raise _bad(f"/custom/{name}", f'Custom attribute "{name}" must be {wanted}')


def _check(name: str, kind: str, value: Any) -> None:
    if value is None:
        return
    if kind in ENUMS:
        if value not in ENUMS[kind]:
            allowed = ", ".join(ENUMS[kind])
            raise _bad(f"/{name}", f'"{name}" must be one of {allowed}')
        return
    test, wanted = KINDS[kind]
    if not test(value):
        raise _bad(f"/{name}", f'"{name}" must be {wanted}')
    if kind == "custom":
        _check_custom(value)
    key = ITEM_KEYS.get(name)
    if key and not all(isinstance(item, dict) and isinstance(item.get(key), str) for item in value):
        raise _bad(f"/{name}", f'"{name}" must be an array of objects with a string "{key}"')


def validate(family: str, body: dict[str, Any], *, create: bool) -> dict[str, Any]:
    """Check a create or update body for `family` (`customer`, `conversation`, ...).

    Args:
        family: The resource family (`kobject` for any Klass).
        body: The parsed JSON object.
        create: Whether required attributes must be present.

    Returns:
        The body, unchanged, when it is acceptable.

    Raises:
        ApiError: 400 with `source.pointer` naming the first offending attribute.
    """
    writable = WRITABLE.get(family)
    if writable is None:  # the sandbox stores other types' bodies as sent
        return body
    for name, value in body.items():
        if name not in writable:
            raise _bad(f"/{name}", f'"{name}" is not allowed')
        _check(name, writable[name], value)
    for name in REQUIRED[family] if create else ():
        if body.get(name) in (None, ""):
            raise _bad(f"/{name}", f'"{name}" is required')
    return body
