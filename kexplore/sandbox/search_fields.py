"""Maps search field names (`customer_email`, `conversation_updated_at`, ...) to SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kexplore.sandbox.attributes import DEFAULTS
from kexplore.sandbox.errors import ApiError
from kexplore.sandbox.resources import KLASS_NAMES

__all__ = ["CONTEXTS", "Field", "join", "resolve"]

CONTEXTS = {
    "customer": "customer",
    "conversation": "conversation",
    "message": "message",
    "note": "note",
    "kobject": "kobject.%",
    "company": "company",
}
"""`queryContext` (and field prefix) -> the stored type (a LIKE pattern for KObjects)."""

Kind = Literal["text", "number", "date", "bool", "id", "array", "objects"]

COLUMNS = {"id": "id", "customer_id": "customer_id", "conversation_id": "conversation_id"}
OBJECT_ARRAYS = {"email": ("emails", "email"), "phone": ("phones", "phone")}
SUFFIX_KINDS: dict[str, Kind] = {"Num": "number", "At": "date", "Bool": "bool"}


@dataclass(frozen=True)
class Field:
    """A searchable field of one record alias."""

    prefix: str
    """The object the field belongs to (`customer`, `conversation`, ...)."""
    sql: str
    """The SQL expression, with `{a}` standing for the table alias."""
    kind: Kind
    """How values compare."""
    item_key: str | None = None
    """For arrays of objects (`emails`): the key compared in each item."""
    klass: str | None = None
    """For `kobject_custom_<klass>_<attr>`: the Klass the field belongs to."""


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _custom(prefix: str, attr: str) -> Field:
    klass = None
    if prefix == "kobject":
        klass = next((k for k in KLASS_NAMES if attr.startswith(f"{k}_")), None)
        attr = attr.removeprefix(f"{klass}_") if klass else attr
    if not re.fullmatch(r"[A-Za-z0-9_]+", attr):
        raise ApiError(400, f"Invalid custom attribute name {attr!r} in search")
    suffix = re.search(r"(Num|At|Bool)$", attr)
    kind = SUFFIX_KINDS[suffix.group(1)] if suffix else "text"
    return Field(prefix, f"json_extract({{a}}.attrs, '$.custom.{attr}')", kind, klass=klass)


def _attribute(prefix: str, rest: str, name: str) -> Field:
    family = "kobject" if prefix == "kobject" else prefix
    if prefix in ("customer", "company") and rest in OBJECT_ARRAYS:
        array, key = OBJECT_ARRAYS[rest]
        return Field(prefix, f"{{a}}.attrs, '$.{array}'", "objects", item_key=key)
    attr = _camel(rest)
    if attr not in DEFAULTS[family]:
        raise ApiError(400, f"Unknown search field {name!r}", source={"pointer": f"/{name}"})
    default = DEFAULTS[family][attr]
    path = f"{{a}}.attrs, '$.{attr}'"
    if isinstance(default, list):
        return Field(prefix, path, "array")
    kind: Kind = "date" if attr.endswith("At") else "text"
    if isinstance(default, bool):
        kind = "bool"
    elif isinstance(default, int) or attr in ("priority", "size"):
        kind = "number"
    return Field(prefix, f"json_extract({path})", kind)


def resolve(name: str) -> Field:
    """Resolve a search field name to SQL.

    Args:
        name: e.g. `customer_email`, `conversation_updated_at`, `customer_custom_tierStr`.

    Returns:
        The Field.

    Raises:
        ApiError: 400 naming a field that is not known.
    """
    prefix, _, rest = name.partition("_")
    if prefix not in CONTEXTS or not rest:
        raise ApiError(400, f"Unknown search field {name!r}", source={"pointer": f"/{name}"})
    if rest.startswith("custom_") and len(rest) > 7:
        return _custom(prefix, rest[7:])
    if rest in COLUMNS and (rest != "customer_id" or prefix != "customer"):
        return Field(prefix, f"{{a}}.{COLUMNS[rest]}", "id")
    return _attribute(prefix, rest, name)


def join(context: str, prefix: str, name: str) -> str | None:
    """Return the SQL linking a related record `x` to the searched record `r`, or None if
    the field's object is the context itself.

    Raises:
        ApiError: 400 when the field's object cannot be related to the context.
    """
    if prefix == context:
        return None
    links = {
        ("customer", "company"): "x.id = json_extract(r.rels, '$.company')",
        ("conversation", "message"): "x.conversation_id = r.id",
        ("conversation", "note"): "x.conversation_id = r.id",
        ("message", "conversation"): "x.id = r.conversation_id",
        ("note", "conversation"): "x.id = r.conversation_id",
    }
    if (context, prefix) in links:
        return links[(context, prefix)]
    if prefix == "customer" and context != "company":
        return "x.id = r.customer_id"
    if context == "customer" and prefix in ("conversation", "message", "note", "kobject"):
        return "x.customer_id = r.id"
    detail = f"Field {name!r} cannot be used with queryContext {context!r}"
    raise ApiError(400, detail, source={"pointer": f"/{name}"})
