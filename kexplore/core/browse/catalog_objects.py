"""Catalogue data: Klasses and custom objects, companies, attribute metadata, files."""

from __future__ import annotations

from kexplore.core.browse.catalog_examples import (
    ATTACHMENT,
    COMPANY,
    CUSTOMER_ID,
    DRAFT,
    EXAMPLE_IDS,
    KLASS,
    KOBJECT,
)

__all__ = ["GROUPS"]

_PAGED = "page pageSize"
_KOBJECT_IN = {**KOBJECT, "customer": CUSTOMER_ID}

KOBJECTS = (
    (
        "GET",
        "/v1/klasses",
        f"{_PAGED} status",
        "List Klasses, the custom object types (status=enabled|disabled)",
        None,
    ),
    ("POST", "/v1/klasses", "", "Define a new Klass", KLASS),
    ("GET", "/v1/klasses/{id}", "", "Get a Klass by id", None),
    (
        "PUT",
        "/v1/klasses/{id}",
        "",
        "Update a Klass's display settings",
        {"displayName": "Web order", "icon": "cart"},
    ),
    ("DELETE", "/v1/klasses/{id}", "", "Delete a Klass", None),
    (
        "GET",
        "/v1/klasses/{name}",
        f"{_PAGED} fromDate",
        "Custom objects of a Klass, by Klass name (fromDate: changed since)",
        None,
    ),
    ("POST", "/v1/klasses/{name}", "", "Create a custom object (title required, 201)", _KOBJECT_IN),
    ("GET", "/v1/klasses/{name}/{id}", "", "Get a custom object", None),
    (
        "PUT",
        "/v1/klasses/{name}/{id}",
        "",
        "Update a custom object (merges the attributes sent)",
        KOBJECT,
    ),
    ("DELETE", "/v1/klasses/{name}/{id}", "", "Delete a custom object", None),
    (
        "GET",
        "/v1/klasses/{name}/externalId={externalId}",
        "",
        "Look up a custom object by external id",
        None,
    ),
    (
        "POST",
        "/v1/klasses/{name}/bulk",
        "",
        "Bulk create custom objects (a job to poll)",
        [_KOBJECT_IN],
    ),
    (
        "PUT",
        "/v1/klasses/{name}/bulk",
        "ids",
        "Bulk update custom objects (a job to poll)",
        [{"id": EXAMPLE_IDS["kobject"], "title": "Order #1042 (resent)"}],
    ),
    (
        "DELETE",
        "/v1/klasses/{name}/bulk",
        "ids",
        "Bulk delete the custom objects named in ids (a job to poll)",
        None,
    ),
)

COMPANIES = (
    (
        "GET",
        "/v1/companies",
        f"{_PAGED} externalId filter",
        "List companies (externalId= finds one)",
        None,
    ),
    ("POST", "/v1/companies", "", "Create a company", COMPANY),
    ("GET", "/v1/companies/{id}", "", "Get a company by id", None),
    ("PUT", "/v1/companies/{id}", "", "Update a company (merges the attributes sent)", COMPANY),
    (
        "GET",
        "/v1/companies/{id}/klasses/{name}",
        _PAGED,
        "A company's custom objects of one Klass",
        None,
    ),
    ("POST", "/v1/companies/bulk", "", "Bulk create companies (a job to poll)", [COMPANY]),
    (
        "PUT",
        "/v1/companies/bulk",
        "ids",
        "Bulk update companies (a job to poll)",
        [{"id": EXAMPLE_IDS["company"], "name": "Acme Outdoors Inc."}],
    ),
)

_METADATA = {
    "properties": {
        "loyaltyTierStr": {
            "displayName": "Loyalty tier",
            "type": "string",
            "enumeration": ["bronze", "silver", "gold"],
        },
    }
}

METADATA = (
    (
        "GET",
        "/v1/metadata/{resource}",
        "",
        "The custom attributes defined for customer, conversation, ...",
        None,
    ),
    (
        "PUT",
        "/v1/metadata/{resource}",
        "",
        "Define or change custom attributes of a resource",
        _METADATA,
    ),
)

FILES = (
    (
        "POST",
        "/v1/attachments",
        "",
        "Create an attachment: meta.upload says where to upload",
        ATTACHMENT,
    ),
    (
        "GET",
        "/v1/attachments/{id}",
        "",
        "Get an attachment (a comma list of ids gives several)",
        None,
    ),
    (
        "PUT",
        "/v1/attachments/{id}",
        "",
        "Change an attachment's name or mark it uploaded",
        {"name": "receipt-1042.pdf"},
    ),
    (
        "POST",
        "/v1/media",
        "",
        "Register a media file (an image for a KObject or a card, 201)",
        {"name": "lamp.png", "contentType": "image/png", "contentLength": 20480},
    ),
    ("GET", "/v1/media/{id}", "", "Get a media file", None),
    ("PUT", "/v1/media/{id}", "", "Change a media file's name", {"name": "lamp-front.png"}),
)

DRAFTS = (
    (
        "PUT",
        "/v1/drafts/{id}",
        "",
        "Change a draft before it is sent",
        {"body": "Hi Jane, the replacement ships today."},
    ),
    ("DELETE", "/v1/drafts/{id}", "", "Throw a draft away", None),
    ("GET", "/v1/drafts/{id}/attachments", "", "A draft's attachments", None),
    (
        "POST",
        "/v1/drafts/{id}/attachments",
        "",
        "Attach a file to a draft",
        {"attachment": EXAMPLE_IDS["attachment"]},
    ),
    ("GET", "/v1/drafts/{id}/attachments/{attachmentId}", "", "One attachment of a draft", None),
    (
        "DELETE",
        "/v1/drafts/{id}/attachments/{attachmentId}",
        "",
        "Detach a file from a draft",
        None,
    ),
    ("GET", "/v1/forwards/{id}", "", "Get a forward", None),
    ("PUT", "/v1/forwards/{id}", "", "Change a forward before it is sent", {"body": DRAFT["body"]}),
    ("GET", "/v1/forwards/{id}/attachments", "", "A forward's attachments", None),
    (
        "POST",
        "/v1/forwards/{id}/attachments",
        "",
        "Attach a file to a forward",
        {"attachment": EXAMPLE_IDS["attachment"]},
    ),
    (
        "GET",
        "/v1/forwards/{id}/attachments/{attachmentId}",
        "",
        "One attachment of a forward",
        None,
    ),
    (
        "DELETE",
        "/v1/forwards/{id}/attachments/{attachmentId}",
        "",
        "Detach a file from a forward",
        None,
    ),
)

GROUPS = (
    ("kobjects", "Custom objects", KOBJECTS),
    ("companies", "Companies", COMPANIES),
    ("metadata", "Attribute metadata", METADATA),
    ("files", "Attachments and media", FILES),
    ("drafts", "Drafts and forwards", DRAFTS),
)
"""(key, title, rows) per group; a row is (method, path, params, summary, body)."""
