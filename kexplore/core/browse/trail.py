"""Trail: browser-style back and forward over visits, with cached responses."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from kexplore.core.body.prepared import PreparedBody
from kexplore.core.http.request import ApiRequest
from kexplore.core.http.response import ApiResponse

__all__ = ["Trail", "Visit"]


@dataclass(frozen=True)
class Visit:
    """One stop on the trail: what was asked, what came back, and a label for the breadcrumb."""

    request: ApiRequest
    """The request that was sent (kept even when the response is dropped, to re-send it)."""
    response: ApiResponse | None
    """The cached response, or None when it was dropped to save memory (re-send on return)."""
    label: str
    """A short name for the breadcrumb, e.g. `GET /v1/customers` or `Jane Doe`."""
    prepared: PreparedBody | None = None
    """The body as the viewer prepared it (pretty lines and their index), so going back to a
    big body shows it at once instead of formatting it again."""

    @property
    def cached_bytes(self) -> int:
        """Bytes held by this visit's cached response and prepared view (a body that is the
        prepared text itself, see `ApiResponse.sharing_body`, is counted once)."""
        held = self.prepared.nbytes if self.prepared is not None else 0
        body = self.response.body if self.response is not None else b""
        if self.prepared is None or body is not self.prepared.pretty.blob:
            held += len(body)
        return held


class Trail:
    """Visits in order, a position among them, and a bound on what they keep.

    Visiting after going back drops the forward branch, as a browser does. At most
    `max_visits` visits are kept (the oldest go first), and cached response bodies
    total at most `max_cached_bytes`: past that, the oldest visits lose their responses
    but keep their requests. The current visit's response is never dropped.
    """

    def __init__(self, max_visits: int = 200, max_cached_bytes: int = 256 * 2**20) -> None:
        """Create an empty trail.

        Args:
            max_visits: How many visits to keep (at least 1).
            max_cached_bytes: The total body bytes of cached responses to keep.
        """
        self.max_visits = max(1, max_visits)
        """How many visits are kept."""
        self.max_cached_bytes = max(0, max_cached_bytes)
        """The budget, in body bytes, for cached responses."""
        self._visits: list[Visit] = []
        self._index = -1

    def __len__(self) -> int:
        """The number of visits kept."""
        return len(self._visits)

    @property
    def visits(self) -> tuple[Visit, ...]:
        """All visits kept, oldest first (including any forward branch)."""
        return tuple(self._visits)

    @property
    def index(self) -> int:
        """The position of the current visit, -1 when the trail is empty."""
        return self._index

    @property
    def current(self) -> Visit | None:
        """The visit being shown, if any."""
        return self._visits[self._index] if self._visits else None

    @property
    def can_back(self) -> bool:
        """Whether there is an earlier visit."""
        return self._index > 0

    @property
    def can_forward(self) -> bool:
        """Whether there is a later visit (after going back)."""
        return 0 <= self._index < len(self._visits) - 1

    @property
    def cached_bytes(self) -> int:
        """Total body bytes of the cached responses."""
        return sum(visit.cached_bytes for visit in self._visits)

    def visit(self, visit: Visit) -> None:
        """Make `visit` the current one, dropping any forward branch.

        Args:
            visit: The new visit.
        """
        self._leave()
        del self._visits[self._index + 1 :]
        self._visits.append(visit)
        overflow = len(self._visits) - self.max_visits
        if overflow > 0:
            del self._visits[:overflow]
        self._index = len(self._visits) - 1
        self._enforce_budget()

    def back(self) -> Visit | None:
        """Step back one visit.

        Returns:
            The now-current visit, or None (and no move) at the start.
        """
        if not self.can_back:
            return None
        self._leave()
        self._index -= 1
        return self.current

    def forward(self) -> Visit | None:
        """Step forward one visit.

        Returns:
            The now-current visit, or None (and no move) at the end.
        """
        if not self.can_forward:
            return None
        self._leave()
        self._index += 1
        return self.current

    def replace_current(self, visit: Visit) -> None:
        """Put `visit` in the current visit's place (a reload), keeping the forward branch.

        On an empty trail this is the same as `visit()`.

        Args:
            visit: The visit that replaces the current one.
        """
        if not self._visits:
            self.visit(visit)
            return
        self._visits[self._index] = visit
        self._enforce_budget()

    def refine(
        self,
        visit: Visit,
        *,
        formatted: bytes | None = None,
        prepared: PreparedBody | None = None,
    ) -> Visit | None:
        """Keep on `visit`, while it is the current one, what the viewer made of its body.

        Args:
            visit: The visit shown (the one the viewer prepared).
            formatted: Its body pretty-printed (the same JSON): kept in place of the bytes
                received, which can then go (a big body is held once).
            prepared: Its body formatted and indexed: going back to it is then instant.

        Returns:
            The refined visit now on the trail, or None when `visit` is no longer current.
        """
        if self.current is not visit:
            return None
        refined = visit
        response = visit.response
        if formatted is not None and response is not None and response.body is not formatted:
            refined = dataclasses.replace(refined, response=response.sharing_body(formatted))
        if prepared is not None and visit.prepared is None:
            refined = dataclasses.replace(refined, prepared=prepared)
        if refined is not visit:
            self.replace_current(refined)
        return refined

    def drop_responses(self, stale: Callable[[ApiRequest], bool]) -> int:
        """Forget the cached responses of the visits whose request is `stale` (after a write
        changed what they show): going back to one sends it again. The current visit stays.

        Returns:
            How many visits lost their response.
        """
        dropped = 0
        for position, visit in enumerate(self._visits):
            if position != self._index and visit.response is not None and stale(visit.request):
                self._visits[position] = dataclasses.replace(visit, response=None, prepared=None)
                dropped += 1
        return dropped

    def labels(self) -> list[str]:
        """The labels of the visits up to and including the current one, for a breadcrumb.

        Returns:
            Oldest first, the current visit's last (forward visits left out); [] when the
            trail is empty.
        """
        return [visit.label for visit in self._visits[: self._index + 1]]

    def clear(self) -> None:
        """Forget every visit."""
        self._visits.clear()
        self._index = -1

    def _leave(self) -> None:
        """The current visit stops being current: free its parsed body, which the budget
        does not count (a parsed tree takes several times its body's bytes)."""
        current = self.current
        if current is not None and current.response is not None:
            current.response.forget_parsed()

    def _enforce_budget(self) -> None:
        """Drop the oldest cached responses (never the current one) until within budget."""
        total = self.cached_bytes
        for position, visit in enumerate(self._visits):
            if total <= self.max_cached_bytes:
                return
            if position == self._index or visit.response is None:
                continue
            total -= visit.cached_bytes
            self._visits[position] = dataclasses.replace(visit, response=None, prepared=None)
