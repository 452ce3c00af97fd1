"""RateLimit: parsing x-ratelimit-* and Retry-After, the wait, the warning and the short text."""

from __future__ import annotations

import dataclasses
from email.utils import formatdate

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexplore.core.http.ratelimit import RateLimit, parse_rate_limit

NOW = 1_800_000_000.0
"""A fixed 'now' in epoch seconds (January 2027)."""


def headers(**values: str) -> list[tuple[str, str]]:
    """Response headers from keyword arguments: x_ratelimit_limit -> x-ratelimit-limit."""
    return [(name.replace("_", "-"), value) for name, value in values.items()]


def test_full_budget_with_epoch_reset() -> None:
    rate = parse_rate_limit(
        headers(
            x_ratelimit_limit="1000", x_ratelimit_remaining="412", x_ratelimit_reset="1800000030"
        ),
        NOW,
    )
    assert rate == RateLimit(1000, 412, 1_800_000_030.0, None, observed_at=NOW)
    assert rate.wait_seconds(NOW) == 30.0
    assert not rate.is_low


def test_reset_below_1e9_is_seconds_from_now() -> None:
    rate = parse_rate_limit(headers(x_ratelimit_reset="23"), NOW)
    assert rate is not None
    assert rate.reset_at == NOW + 23
    assert rate.wait_seconds(NOW + 3) == 20.0


def test_reset_in_epoch_milliseconds() -> None:
    rate = parse_rate_limit(headers(x_ratelimit_reset="1800000045000"), NOW)
    assert rate is not None
    assert rate.reset_at == 1_800_000_045.0


def test_header_names_any_case_first_value_wins() -> None:
    rate = parse_rate_limit(
        [("X-RateLimit-Limit", "300"), ("X-RATELIMIT-REMAINING", "7"), ("x-ratelimit-limit", "9")],
        NOW,
    )
    assert rate is not None
    assert (rate.limit, rate.remaining) == (300, 7)


def test_retry_after_seconds() -> None:
    rate = parse_rate_limit(headers(retry_after="17"), NOW)
    assert rate is not None
    assert rate.retry_after == 17.0
    assert rate.wait_seconds(NOW) == 17.0
    assert rate.wait_seconds(NOW + 10) == 7.0
    assert rate.wait_seconds(NOW + 60) == 0.0


def test_retry_after_http_date() -> None:
    rate = parse_rate_limit(headers(retry_after=formatdate(NOW + 90, usegmt=True)), NOW)
    assert rate is not None
    assert rate.retry_after == 90.0


def test_retry_after_date_in_the_past_means_now() -> None:
    rate = parse_rate_limit(headers(retry_after=formatdate(NOW - 90, usegmt=True)), NOW)
    assert rate is not None
    assert rate.wait_seconds(NOW) == 0.0


def test_retry_after_comes_before_reset() -> None:
    rate = parse_rate_limit(headers(retry_after="5", x_ratelimit_reset="60"), NOW)
    assert rate is not None
    assert rate.wait_seconds(NOW) == 5.0


def test_wait_without_observed_at_counts_retry_after_from_now() -> None:
    assert RateLimit(retry_after=8.0).wait_seconds(NOW) == 8.0


def test_wait_unknown_and_never_negative() -> None:
    assert RateLimit(1000, 500).wait_seconds(NOW) is None
    assert RateLimit(reset_at=NOW - 5).wait_seconds(NOW) == 0.0


@pytest.mark.parametrize(
    ("limit", "remaining", "low"),
    [
        (1000, 100, True),
        (1000, 101, False),
        (20, 5, True),
        (20, 6, False),
        (None, 3, True),
        (None, 50, False),
        (1000, 0, True),
        (1000, None, False),
    ],
)
def test_is_low(limit: int | None, remaining: int | None, low: bool) -> None:
    assert RateLimit(limit, remaining).is_low is low


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (RateLimit(1000, 412, NOW + 40), "412/1000"),
        (RateLimit(1000, 0, NOW + 23), "0/1000 · resets in 23s"),
        (RateLimit(1000, 0, NOW + 22.2), "0/1000 · resets in 23s"),
        (RateLimit(1000, 0, NOW + 125), "0/1000 · resets in 2m 05s"),
        (RateLimit(1000, 0, NOW + 7300), "0/1000 · resets in 2h 01m"),
        (RateLimit(1000, 0, NOW - 1), "0/1000 · resets now"),
        (RateLimit(1000, 0), "0/1000"),
        (RateLimit(None, 12), "12 left"),
        (RateLimit(retry_after=9.0), "resets in 9s"),
        (RateLimit(300, 2, retry_after=9.0, observed_at=NOW - 4), "2/300 · resets in 5s"),
        (RateLimit(), ""),
    ],
)
def test_describe(rate: RateLimit, text: str) -> None:
    assert rate.describe(NOW) == text


@pytest.mark.parametrize(
    "bad",
    [
        {"x_ratelimit_limit": "lots"},
        {"x_ratelimit_limit": "-1"},
        {"x_ratelimit_limit": "1.5"},
        {"x_ratelimit_remaining": ""},
        {"x_ratelimit_remaining": "\uff11\uff12"},  # full-width digits
        {"x_ratelimit_reset": "soon"},
        {"x_ratelimit_reset": "nan"},
        {"x_ratelimit_reset": "inf"},
        {"x_ratelimit_reset": "-30"},
        {"retry_after": "later"},
        {"retry_after": "Fri, 31 Dec 9999 99:99:99 GMT"},
        {"retry_after": "Wed, 21 Oct 2026 07:28:00"},  # no zone
        {"retry_after": "-3"},
    ],
)
def test_malformed_values_are_ignored(bad: dict[str, str]) -> None:
    assert parse_rate_limit(headers(**bad), NOW) is None
    good = "x-ratelimit-remaining" if "x_ratelimit_limit" in bad else "x-ratelimit-limit"
    mixed = parse_rate_limit([*headers(**bad), (good, "10")], NOW)
    assert mixed is not None
    values = (mixed.limit, mixed.remaining, mixed.reset_at, mixed.retry_after)
    assert sorted(values, key=str) == [10, None, None, None]


def test_no_headers_no_rate_limit() -> None:
    assert parse_rate_limit([("content-type", "application/json")], NOW) is None


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after"]
            ),
            st.text(max_size=40),
        ),
        max_size=6,
    ),
    st.floats(min_value=0, max_value=4e9),
)
def test_parsing_never_raises(pairs: list[tuple[str, str]], now: float) -> None:
    rate = parse_rate_limit(pairs, now)
    if rate is not None:
        assert isinstance(rate.describe(now), str)
        wait = rate.wait_seconds(now)
        assert wait is None or wait >= 0
        assert isinstance(rate.is_low, bool)


def test_rate_limit_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        RateLimit(1, 1).remaining = 0  # type: ignore[misc]
