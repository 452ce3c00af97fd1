"""Tests for Trail: back, forward, branches, bounds and the response cache budget."""

from __future__ import annotations

import dataclasses

import pytest

from kexplore.core.body.prepared import PreparedBody
from kexplore.core.body.pretty import PrettyJson
from kexplore.core.body.reader import Reader
from kexplore.core.browse.trail import Trail, Visit
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse


def make_visit(label: str, size: int = 10) -> Visit:
    """A visit to /v1/<label> whose response body is `size` bytes."""
    request = ApiRequest("GET", f"/v1/{label}")
    response = ApiResponse(200, "OK", (), b"x" * size, url=f"http://h/v1/{label}")
    return Visit(request, response, label)


def trail_of(*labels: str, **kwargs: int) -> Trail:
    trail = Trail(**kwargs)
    for label in labels:
        trail.visit(make_visit(label))
    return trail


class TestNavigation:
    def test_empty_trail(self) -> None:
        trail = Trail()
        assert trail.current is None
        assert not trail.can_back
        assert not trail.can_forward
        assert trail.back() is None
        assert trail.forward() is None
        assert trail.labels() == []
        assert len(trail) == 0

    def test_visit_makes_current(self) -> None:
        trail = trail_of("a", "b")
        assert trail.current is not None
        assert trail.current.label == "b"
        assert trail.can_back
        assert not trail.can_forward

    def test_back_and_forward(self) -> None:
        trail = trail_of("a", "b", "c")
        back = trail.back()
        assert back is not None and back.label == "b"
        assert trail.back() is not None
        assert trail.current is not None and trail.current.label == "a"
        assert trail.back() is None  # no move at the start
        assert trail.current.label == "a"
        forward = trail.forward()
        assert forward is not None and forward.label == "b"
        assert trail.can_forward
        trail.forward()
        assert trail.forward() is None  # no move at the end
        assert trail.current is not None and trail.current.label == "c"

    def test_visit_after_back_drops_forward_branch(self) -> None:
        trail = trail_of("a", "b", "c")
        trail.back()
        trail.back()
        trail.visit(make_visit("d"))
        assert [visit.label for visit in trail.visits] == ["a", "d"]
        assert not trail.can_forward

    def test_labels_stop_at_current(self) -> None:
        trail = trail_of("a", "b", "c")
        trail.back()
        assert trail.labels() == ["a", "b"]

    def test_replace_current_keeps_forward_branch(self) -> None:
        trail = trail_of("a", "b", "c")
        trail.back()
        trail.replace_current(make_visit("b2"))
        assert [visit.label for visit in trail.visits] == ["a", "b2", "c"]
        assert trail.current is not None and trail.current.label == "b2"
        assert trail.can_forward

    def test_replace_current_on_empty_trail_visits(self) -> None:
        trail = Trail()
        trail.replace_current(make_visit("a"))
        assert trail.labels() == ["a"]

    def test_clear(self) -> None:
        trail = trail_of("a", "b")
        trail.clear()
        assert trail.current is None and trail.index == -1


class TestBounds:
    def test_oldest_visits_dropped_past_max(self) -> None:
        trail = trail_of(*"abcdef", max_visits=3)
        assert [visit.label for visit in trail.visits] == ["d", "e", "f"]
        assert trail.index == 2
        assert trail.back() is not None
        assert trail.back() is not None
        assert trail.back() is None

    @pytest.mark.parametrize("max_visits", [0, -5])
    def test_max_visits_at_least_one(self, max_visits: int) -> None:
        trail = trail_of("a", "b", max_visits=max_visits)
        assert trail.labels() == ["b"]


class TestCacheBudget:
    def test_oldest_responses_dropped_requests_kept(self) -> None:
        trail = Trail(max_cached_bytes=250)
        for label in "abc":
            trail.visit(make_visit(label, size=100))
        a, b, c = trail.visits
        assert a.response is None
        assert a.request == ApiRequest("GET", "/v1/a")  # kept, so back can re-send
        assert b.response is not None and c.response is not None
        assert trail.cached_bytes == 200

    def test_back_to_dropped_visit_has_request_only(self) -> None:
        trail = Trail(max_cached_bytes=150)
        trail.visit(make_visit("a", size=100))
        trail.visit(make_visit("b", size=100))
        back = trail.back()
        assert back is not None
        assert back.response is None
        assert back.request.url == "/v1/a"

    def test_current_response_is_never_dropped(self) -> None:
        trail = Trail(max_cached_bytes=50)
        trail.visit(make_visit("a", size=10))
        trail.visit(make_visit("huge", size=1000))
        assert trail.current is not None and trail.current.response is not None
        assert trail.visits[0].response is None

    def test_reload_refills_and_rebalances(self) -> None:
        trail = Trail(max_cached_bytes=250)
        for label in "abc":
            trail.visit(make_visit(label, size=100))
        trail.back()
        trail.back()  # at "a", whose response was dropped
        assert trail.current is not None and trail.current.response is None
        trail.replace_current(make_visit("a", size=100))
        assert trail.visits[0].response is not None  # the reloaded current is kept
        assert trail.visits[1].response is None  # the oldest other one goes
        assert trail.cached_bytes == 200

    def test_visits_without_response_cost_nothing(self) -> None:
        trail = Trail(max_cached_bytes=100)
        trail.visit(Visit(ApiRequest("GET", "/v1/a"), None, "a"))
        trail.visit(make_visit("b", size=100))
        assert trail.cached_bytes == 100
        assert trail.visits[1].response is not None

    def test_a_prepared_body_counts_and_a_shared_body_counts_once(self) -> None:
        raw = b'{"data": [1, 2, 3]}'
        pretty = PrettyJson.from_json(raw)
        prepared = PreparedBody(pretty, Reader.fold_all_lines(pretty))
        visit = make_visit("a")
        kept = dataclasses.replace(visit, response=visit.response, prepared=prepared)
        assert kept.cached_bytes == len(visit.response.body) + prepared.nbytes
        shared = dataclasses.replace(kept, response=visit.response.sharing_body(pretty.blob))
        assert shared.cached_bytes == prepared.nbytes  # the text is held once, counted once
        assert shared.response.size == 10  # while the status line still says what came
