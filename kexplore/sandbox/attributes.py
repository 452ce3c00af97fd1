"""Every attribute each resource type renders (with defaults) and which ones a body may set."""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULTS", "REQUIRED", "WRITABLE", "base_type"]

_COUNTS = {"all": 0, "open": 0, "snoozed": 0, "done": 0}


def _nulls(names: str) -> dict[str, Any]:
    return dict.fromkeys(names.split())


def _zeros(names: str) -> dict[str, Any]:
    return dict.fromkeys(names.split(), 0)


def _lists(names: str) -> dict[str, Any]:
    return {name: [] for name in names.split()}


_STAMPS = _nulls("createdAt updatedAt modifiedAt")

DEFAULTS: dict[str, dict[str, Any]] = {
    "customer": {
        **_nulls("name displayName displayColor displayIcon firstName lastName externalId"),
        **_lists("externalIds sharedExternalIds emails sharedEmails phones sharedPhones whatsapps"),
        **_lists("sharedWhatsapps facebookIds instagramIds smoochIds socials sharedSocials urls"),
        **_lists("locations activeUsers watchers"),
        **_nulls("recentLocation locale timeZone gender birthdayAt avatarUrl username signedUpAt"),
        "lastSeenAt": None,
        "presence": "offline",
        **_STAMPS,
        **_nulls("importedAt lastActivityAt lastCustomerActivityAt lastMessageIn lastMessageOut"),
        "lastMessageUnrespondedTo": None,
        **_nulls("lastMessageAt lastConversation"),
        "conversationCounts": _COUNTS,
        **_nulls("preview sentiment"),
        "tags": [],
        "custom": {},
        "progressiveStatus": None,
        "verified": False,
        "deleted": False,
        "rev": 1,
        "recentItems": [],
        **_nulls("satisfactionLevel defaultLang companyName"),
        **_lists("roleGroupVersions accessOverride"),
    },
    "conversation": {
        **_nulls("name externalId"),
        "channels": [],
        "status": "open",
        "open": None,
        "priority": 3,
        "direction": "in",
        "replyChannel": None,
        **_zeros("messageCount inboundMessageCount outboundMessageCount noteCount"),
        **_nulls("satisfaction satisfactionLevel"),
        **_STAMPS,
        **_nulls("lastActivityAt lastMessageAt lastReceivedAt lastMessageIn lastMessageOut"),
        "lastMessageDirection": None,
        "lastMessageUnrespondedTo": None,
        **_nulls("firstMessageIn firstMessageOut firstResponse firstResponseSinceLastDone"),
        **_nulls("lastResponse firstDone lastDone"),
        **_zeros("doneCount reopenCount snoozeCount"),
        "snooze": None,
        # Objects of durations, as public taps' schemas of real answers show (not counts).
        **{name: None for name in ("totalOpen", "totalDone", "totalSnooze")},
        "spam": False,
        "ended": False,
        **_nulls("endedAt endedReason endedByType"),
        **_lists("tags suggestedTags suggestedShortcuts predictions assignedUsers assignedTeams"),
        "sentiment": None,
        "custom": {},
        **_nulls("sla defaultLang locale"),
        "rev": 1,
        **_nulls("importedAt phase"),
        "modificationHistory": {},
        **_lists("roleGroupVersions accessOverride"),
    },
    "message": {
        **_nulls("channel app size direction directionType preview subject meta status"),
        **_nulls("error errorAt"),
        "auto": False,
        "sentAt": None,
        **_STAMPS,
        **_nulls("externalId lang sentiment"),
        **_lists("assignedTeams assignedUsers createdByTeams"),
        "redacted": False,
        **_lists("reactions intentDetections"),
        "responseTime": None,
        "rev": 1,
    },
    "note": {
        "body": None,
        **_STAMPS,
        "externalId": None,
        "userMentions": [],
        "deleted": False,
        "deletedAt": None,
        "createdByTeams": [],
        **_nulls("importedAt lang"),
    },
    "kobject": {
        **_nulls("externalId title description icon"),
        "images": [],
        "data": {},
        "custom": {},
        "tags": [],
        **_STAMPS,
        "rev": 1,
    },
    "klass": {
        **_nulls("name displayName icon color status"),
        "mixins": [],
        "appDisabled": False,
        "klassSchema": None,
        **_STAMPS,
    },
    "user": {
        **_nulls("name displayName email mobile userType"),
        **_lists("roles roleGroups"),
        **_nulls("emailSignature emailVerifiedAt firstEmailVerifiedAt"),
        "password": {"allowNew": True, "forceNew": False, "updatedAt": None},
        **_nulls("firstLoginAt mostRecentLoginAt"),
        **_STAMPS,
        "deletedAt": None,
    },
    "team": {
        **_nulls("name displayName icon"),
        **_lists("members roleGroups"),
        "deleted": False,
        "deletedAt": None,
        **_STAMPS,
    },
    "company": {
        **_nulls("name externalId"),
        **_lists("domains emails phones whatsapps socials urls locations tags"),
        "custom": {},
        "rev": 1,
        **_STAMPS,
        "roleGroupVersions": [],
    },
    "tag": {**_nulls("name color"), "deleted": False, "deletedAt": None, **_STAMPS},
    "shortcut": {
        **_nulls("name draft payload conversation"),
        "isPrivate": False,
        "deleted": False,
        "appDisabled": False,
        "rev": 1,
        **_STAMPS,
    },
    "brand": {**_nulls("name displayName"), "default": False, **_nulls("color iconUrl"), **_STAMPS},
    "queue": {
        **_nulls("name displayName description icon color"),
        "priority": 0,
        "itemSize": 1,
        "enabled": True,
        "teams": [],
        **_STAMPS,
    },
    "org": {**_nulls("name displayName"), "meta": {}, **_nulls("createdAt updatedAt")},
    "auth_token": {
        **_nulls("lastTokenChars name ipAddress userAgent"),
        "roles": [],
        **_nulls("createdAt updatedAt lastAccessedAt"),
    },
}
"""Type -> every attribute in the order Kustomer lists them, with the value when unset."""

_CUSTOMER = (
    "name:str displayName:str displayColor:str displayIcon:str firstName:str lastName:str "
    "externalId:str externalIds:list sharedExternalIds:list emails:list sharedEmails:list "
    "phones:list sharedPhones:list whatsapps:list sharedWhatsapps:list socials:list urls:list "
    "locations:list locale:str timeZone:str gender:str birthdayAt:date avatarUrl:str "
    "username:str signedUpAt:date lastSeenAt:date tags:list custom:custom company:id "
    "importedAt:date defaultLang:str verified:bool rev:int"
)
_CONVERSATION = (
    "customer:id name:str externalId:str status:status priority:priority direction:direction "
    "tags:list assignedUsers:list assignedTeams:list custom:custom queue:dict createdAt:date "
    "importedAt:date defaultLang:str snooze:dict ended:bool endedAt:date endedReason:str "
    "endedByType:str rev:int deleted:bool locked:bool replyChannel:str brand:id subStatus:str"
)
_MESSAGE = (
    "channel:channel app:str direction:direction directionType:str preview:str subject:str "
    "meta:dict status:msgstatus sentAt:date attachments:list importedAt:date externalId:str "
    "lang:str size:int auto:bool"
)
_KOBJECT = (
    "title:str customer:id company:id externalId:str description:str icon:str images:list "
    "data:dict custom:custom tags:list rev:int"
)
_COMPANY = (
    "name:str externalId:str domains:list emails:list phones:list urls:list locations:list "
    "socials:list tags:list custom:custom rev:int"
)


def _kinds(spec: str) -> dict[str, str]:
    return dict(item.split(":") for item in spec.split())


WRITABLE: dict[str, dict[str, str]] = {
    "customer": _kinds(_CUSTOMER),
    "conversation": _kinds(_CONVERSATION),
    "message": _kinds(_MESSAGE),
    "note": _kinds("body:str userMentions:list externalId:str importedAt:date lang:str"),
    "kobject": _kinds(_KOBJECT),
    "company": _kinds(_COMPANY),
}
"""Type -> attribute a request body may set -> its kind (see `validate.py`)."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "customer": (),
    "conversation": ("customer",),
    "message": ("channel", "app"),
    "note": ("body",),
    "kobject": ("title",),
    "company": ("name",),
}
"""Type -> attributes a create body must carry."""


def base_type(rtype: str) -> str:
    """Return the family of a type: `kobject.order` -> `kobject`, others unchanged."""
    return "kobject" if rtype.startswith("kobject.") else rtype
