"""Services: what the app and its screens are given to work with, built once by `app.build_app`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kexplore.core.settings.settings import Settings

if TYPE_CHECKING:
    from kexplore.core.http.client import ApiClient

__all__ = ["Services"]


@dataclass
class Services:
    """The app's collaborators, passed by constructor (no module-level singletons)."""

    settings: Settings
    """The active profile, key and file paths."""
    client: ApiClient
    """The one HTTP client."""
    history: Any = None
    """The HistoryStore, or None when history is off (a broken file)."""
    history_candidate: Any = None
    """The HistoryStore before its file is checked (in a worker, after first paint)."""
    collection: Any = None
    """The saved-requests Collection, or None."""
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    """Set once the target answers requests (the embedded sandbox starts after first paint)."""
    clock: Callable[[], float] = time.time
    """Wall clock, fixed in snapshot tests."""

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self.client.base_url

    @property
    def is_sandbox(self) -> bool:
        """Whether the target is the embedded or a local sandbox."""
        return bool(self.settings.profile.sandbox)
