"""Runs the sandbox: `serve()` in the foreground, `start_sandbox()` in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType

import uvicorn

from kexplore.sandbox.app import Built, build_app
from kexplore.sandbox.auth import ADMIN_KEY, KEYS, READ_KEY
from kexplore.sandbox.listen import listening_socket
from kexplore.sandbox.store import Store

__all__ = ["ADMIN_KEY", "READ_KEY", "RunningSandbox", "SandboxConfig", "serve", "start_sandbox"]

STARTUP_TIMEOUT = 30.0
"""Seconds to wait for the server thread to start listening."""


@dataclass(frozen=True)
class SandboxConfig:
    """How to run a sandbox."""

    host: str = "127.0.0.1"
    """Address to bind; anything but loopback needs `allow_remote`."""
    port: int = 8787
    """Port to bind; 0 picks a free one."""
    db: str = ":memory:"
    """`:memory:` or a SQLite file that keeps the data across restarts."""
    seed: int = 42
    """Random seed: the same seed gives the same ids and values."""
    customers: int = 250
    """How many customers to seed."""
    rate_limit: int = 1000
    """Org-wide requests per window before 429."""
    faults: str | Mapping[str, int] | None = None
    """Fault injection: a spec such as `"GET /v1/tags=status:503:html; *=latency:200"` (see
    docs/RELIABILITY.md), or the older `"[METHOD ]/v1/path"` -> status mapping."""
    allow_remote: bool = False
    """Allow binding a non-loopback address (the sandbox's keys are public)."""
    rate_window: float = 60.0
    """Rate-limit window length in seconds (Kustomer: 60)."""


def _bind(config: SandboxConfig) -> socket.socket:
    return listening_socket(config.host, config.port, allow_remote=config.allow_remote)


def _built(config: SandboxConfig) -> Built:
    return build_app(
        db=config.db,
        seed=config.seed,
        customers=config.customers,
        rate_limit=config.rate_limit,
        rate_window=config.rate_window,
        faults=config.faults,
    )


def _server(built: Built) -> uvicorn.Server:
    config = uvicorn.Config(
        built.app, log_level="warning", access_log=False, server_header=False, lifespan="off"
    )
    return uvicorn.Server(config)


def _base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class RunningSandbox:
    """A sandbox serving in a background thread (with its own event loop).

    Use as a context manager, or call `stop()`.
    """

    def __init__(self, built: Built, server: uvicorn.Server, sock: socket.socket) -> None:
        self._built = built
        self._server = server
        self._sock = sock
        self.base_url = _base_url(sock)
        """`http://127.0.0.1:<port>`, no trailing slash."""
        self._thread = threading.Thread(target=self._run, name="kexplore-sandbox", daemon=True)
        self._error: BaseException | None = None

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._sock])
        except BaseException as error:  # reported to the starting thread
            self._error = error

    def _start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"The sandbox did not start: {self._error!r}")
            time.sleep(0.005)

    @property
    def requests(self) -> list[tuple[str, str]]:
        """Every request served so far, as (method, path-with-query), oldest first."""
        return self._built.log.snapshot()

    @property
    def bodies(self) -> list[tuple[str, str, bytes]]:
        """(method, path, body) of every authenticated request so far, oldest first."""
        return self._built.log.bodies()

    @property
    def failures(self) -> list[str]:
        """Tracebacks of unexpected handler exceptions (each answered with a 500)."""
        return list(self._built.log.failures)

    @property
    def store(self) -> Store:
        """The sandbox's Store."""
        return self._built.state.store

    def clear_log(self) -> None:
        """Forget the requests recorded so far."""
        self._built.log.clear()

    def stop(self) -> None:
        """Stop serving, free the port and close the store; safe to call twice."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._sock.close()
        if not self._thread.is_alive():
            self._built.state.store.close()

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_sandbox(
    config: SandboxConfig | None = None, *, sock: socket.socket | None = None
) -> RunningSandbox:
    """Start a sandbox in a background thread and return once it answers.

    Safe to call from inside a running asyncio loop: the server gets its own thread and loop.

    Args:
        config: How to run it; default: loopback, a free port, seed 42, 250 customers.
        sock: A socket already listening (from `listening_socket`) to serve on, instead of
            binding `config.host` and `config.port`; the sandbox owns and closes it.

    Returns:
        The running sandbox (`.base_url`, `.requests`, `.stop()`).

    Raises:
        ValueError: A non-loopback host without `allow_remote=True`.
        OSError: The port cannot be bound.
    """
    config = config or SandboxConfig(port=0)
    sock = sock or _bind(config)
    try:
        built = _built(config)
    except BaseException:
        sock.close()
        raise
    running = RunningSandbox(built, _server(built), sock)
    running._start()
    return running


def serve(config: SandboxConfig) -> None:
    """Serve in the foreground until Ctrl-C, after printing the base URL and the keys.

    Args:
        config: How to run it.

    Raises:
        ValueError: A non-loopback host without `allow_remote=True`.
        OSError: The port cannot be bound.
    """
    sock = _bind(config)
    try:
        server = _server(_announced(config, sock))
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


def _announced(config: SandboxConfig, sock: socket.socket) -> Built:
    """Build the app, then print where it listens and which keys it takes."""
    started = time.perf_counter()
    if config.customers > 10_000:
        print(f"kexplore sandbox: preparing {config.customers:,} customers...", flush=True)
    built = _built(config)
    ready = time.perf_counter() - started
    print(f"kexplore sandbox: {_base_url(sock)}  (data ready in {ready:.1f}s)")
    for key in (ADMIN_KEY, READ_KEY):
        what = "every role" if key == ADMIN_KEY else "read roles only"
        print(f"  Authorization: Bearer {key}    ({what}, {len(KEYS[key])} roles)")
    print("Press Ctrl-C to stop.", flush=True)
    return built
