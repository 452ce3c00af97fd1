"""Tests for record_label."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexplore.core.browse.labels import PREVIEW_LENGTH, record_label


def resource(type_: str, **attributes: Any) -> dict[str, Any]:
    return {"type": type_, "id": "5a821b9499792b00019347f2", "attributes": attributes}


class TestCustomer:
    def test_name_and_first_email(self) -> None:
        customer = resource(
            "customer",
            name="Jane Doe",
            emails=[{"email": "jane@example.com", "type": "home"}, {"email": "j@work.example"}],
        )
        assert record_label(customer) == "Jane Doe <jane@example.com>"

    def test_display_name_when_no_name(self) -> None:
        customer = resource("customer", name=None, displayName="Jane D.", emails=[])
        assert record_label(customer) == "Jane D."

    def test_email_alone(self) -> None:
        customer = resource("customer", emails=[{"type": "home"}, {"email": "jane@example.com"}])
        assert record_label(customer) == "jane@example.com"

    def test_plural_type_quirk(self) -> None:
        assert record_label(resource("customers", name="Jane")) == "Jane"


def test_conversation_name_and_status() -> None:
    conversation = resource("conversation", name="Damaged lamp", status="open")
    assert record_label(conversation) == "Damaged lamp · open"


def test_conversation_without_name() -> None:
    assert record_label(resource("conversation", status="done")) == "done"


def test_message_channel_and_truncated_preview() -> None:
    preview = "Hi, the box was crushed and the lamp inside is broken. " * 3
    label = record_label(resource("message", channel="email", preview=preview))
    channel, text = label.split(" · ")
    assert channel == "email"
    assert len(text) <= PREVIEW_LENGTH
    assert text.endswith("…")
    assert preview.startswith(text[:-1])


def test_message_subject_when_no_preview() -> None:
    message = resource("message", channel="sms", subject="Order 1042")
    assert record_label(message) == "sms · Order 1042"


def test_note_body_preview() -> None:
    assert record_label(resource("note", body="Called back.\nAll good.")) == (
        "Called back. All good."
    )


def test_kobject_title() -> None:
    assert record_label(resource("kobject.order", title="Order #1042")) == "Order #1042"


@pytest.mark.parametrize("type_", ["user", "team", "tag", "company", "brand", "queue", "klass"])
def test_named_types(type_: str) -> None:
    assert record_label(resource(type_, name="Tier 1")) == "Tier 1"
    assert record_label(resource(type_, displayName="Tier One")) == "Tier One"


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({"name": "Widget", "title": "T", "email": "e@x"}, "Widget"),
        (
            {"title": "JSON:API paints my bikeshed!", "displayName": "D"},
            "JSON:API paints my bikeshed!",
        ),
        ({"displayName": "Dan", "label": "L"}, "Dan"),
        ({"label": "Rails", "email": "e@x"}, "Rails"),
        ({"firstName": "Dan", "lastName": "Gebhardt", "email": "dan@x"}, "Dan Gebhardt"),
        ({"lastName": "Gebhardt"}, "Gebhardt"),
        ({"email": "dan@example.com", "name": ""}, "dan@example.com"),
    ],
)
def test_any_server_s_resource_is_named_by_its_usual_attributes(
    attributes: dict[str, Any], expected: str
) -> None:
    assert record_label({"type": "people", "id": "9", "attributes": attributes}) == expected


def test_a_kustomer_type_with_nothing_of_its_own_falls_back_to_the_usual_names() -> None:
    assert record_label(resource("conversation", title="Order 1042")) == "Order 1042"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (resource("widget", colour="x"), "widget 5a821b9499792b00019347f2"),
        (resource("customer"), "customer 5a821b9499792b00019347f2"),
        ({"type": "note", "attributes": "nope"}, "note"),
        ({"id": 7}, "7"),
        ({}, "(unnamed resource)"),
        ([], "(not a resource)"),
        (None, "(not a resource)"),
        (resource("customer", name=["Jane"], emails="jane"), "customer 5a821b9499792b00019347f2"),
        (
            resource("conversation", name=True, status={"x": 1}),
            "conversation 5a821b9499792b00019347f2",
        ),
    ],
)
def test_fallbacks(value: Any, expected: str) -> None:
    assert record_label(value) == expected


@pytest.mark.parametrize(
    "name", ["Jane\nDoe", "Jane\r\n\tDoe", "Jane\x1b[31mDoe", "Jane\u2028Doe", "Jane\u202eDoe"]
)
def test_control_characters_stripped(name: str) -> None:
    label = record_label(resource("user", name=name))
    assert label.replace("[31m", "") == "Jane Doe"


def test_huge_body_is_cheap_and_short() -> None:
    label = record_label(resource("note", body="word " * 2_000_000))
    assert len(label) <= PREVIEW_LENGTH


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
TYPES = st.sampled_from(
    ["customer", "conversation", "message", "note", "kobject.x", "user", "klass", "z"]
)
ATTRIBUTE_KEYS = st.sampled_from(
    ["name", "displayName", "emails", "status", "channel", "preview", "subject", "body", "title"]
)


@settings(max_examples=300, deadline=None)
@given(
    type_=TYPES | JSON,
    ident=JSON,
    attributes=st.dictionaries(ATTRIBUTE_KEYS, JSON | st.text()) | JSON,
)
def test_never_raises_and_is_one_clean_line(type_: Any, ident: Any, attributes: Any) -> None:
    label = record_label({"type": type_, "id": ident, "attributes": attributes})
    assert isinstance(label, str) and label
    assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in label)
    assert label == label.strip()
