"""Services: what the app and its screens are given to work with, built once by `app.build_app`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kexplore.core.settings.identities import RunIdentity
from kexplore.core.settings.settings import Settings

if TYPE_CHECKING:
    from kexplore.core.history.collection import Collection
    from kexplore.core.history.store import HistoryStore
    from kexplore.core.http.client import ApiClient

__all__ = ["Services"]


class Services:
    """The app's collaborators, passed by constructor (no module-level singletons).

    Everything is fixed at start, except that history is attached once, on the UI thread,
    after its file was checked in a worker (`attach_history`).
    """

    def __init__(
        self,
        settings: Settings,
        client: ApiClient,
        identity: RunIdentity,
        *,
        history_store: HistoryStore | None = None,
        collection: Collection | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._settings = settings
        self._client = client
        self._identity = identity
        self._history_store = history_store
        self._collection = collection
        self._clock = clock
        self._history_on = False
        self.ready = asyncio.Event()
        """Set once the target answers requests (the embedded sandbox starts after first paint)."""

    @property
    def settings(self) -> Settings:
        """The active profile, key and file paths."""
        return self._settings

    @property
    def client(self) -> ApiClient:
        """The one HTTP client."""
        return self._client

    @property
    def identity(self) -> RunIdentity:
        """Where this run can send, and as whom."""
        return self._identity

    @property
    def history_store(self) -> HistoryStore | None:
        """The history file's store, attached or not (to browse it)."""
        return self._history_store

    @property
    def history(self) -> HistoryStore | None:
        """The history to append to, once its file was found to parse; None until then."""
        return self._history_store if self._history_on else None

    @property
    def collection(self) -> Collection | None:
        """The saved-requests collection."""
        return self._collection

    def clock(self) -> float:
        """Wall clock, in epoch seconds (fixed in snapshot tests)."""
        return self._clock()

    def attach_history(self) -> None:
        """Start appending to history (call on the UI thread once its file parsed)."""
        self._history_on = self._history_store is not None

    @property
    def is_sandbox(self) -> bool:
        """Whether the current target is a sandbox (embedded or local)."""
        return bool(self._settings.profile.sandbox)
