"""The sandbox's listening socket, bound before anything heavy is imported."""

from __future__ import annotations

import ipaddress
import socket

__all__ = ["listening_socket"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listening_socket(host: str, port: int, *, allow_remote: bool = False) -> socket.socket:
    """A TCP socket bound to `host:port` and listening (port 0: a free one, held from now on).

    `kexplore --sandbox` binds it before the TUI starts, so the base URL it shows is already
    the sandbox's and no other process can take the port while the server starts.

    Args:
        host: The address; anything but loopback needs `allow_remote`.
        port: The port, or 0.
        allow_remote: Allow a non-loopback address (the sandbox's keys are public).

    Returns:
        The listening socket.

    Raises:
        ValueError: A non-loopback host without `allow_remote`.
        OSError: The port cannot be bound.
    """
    if not allow_remote and not _is_loopback(host):
        raise ValueError(
            f"Refusing to bind the sandbox to {host!r}: its API keys are public, so it "
            "only listens on loopback (127.0.0.1, ::1) unless allow_remote=True "
            "(kexplore sandbox --host ...)."
        )
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    # proto must be IPPROTO_TCP: asyncio sets TCP_NODELAY only then (else Nagle adds 40 ms).
    sock = socket.socket(info[0], socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(info[4])
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    return sock
