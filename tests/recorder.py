"""Recorder: a bare HTTP server on a loopback port that keeps every request's raw bytes."""

from __future__ import annotations

import socket
import threading


class Recorder:
    """A bare HTTP server on another port that keeps every request's raw bytes."""

    def __init__(self, body: bytes = b"{}") -> None:
        self.requests: list[bytes] = []
        self._body = body
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.base_url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data and (chunk := conn.recv(65536)):
                    data += chunk
                head, _, rest = data.partition(b"\r\n\r\n")
                length = next(
                    (
                        int(line.split(b":")[1])
                        for line in head.lower().split(b"\r\n")
                        if line.startswith(b"content-length:")
                    ),
                    0,
                )
                while len(rest) < length and (chunk := conn.recv(65536)):
                    rest += chunk
                self.requests.append(head + b"\r\n\r\n" + rest)
                reply = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                reply += b"content-length: %d\r\nconnection: close\r\n\r\n" % len(self._body)
                conn.sendall(reply + self._body)

    def paths(self) -> list[str]:
        """`METHOD /path` of every request received, in order."""
        return [" ".join(r.split(b"\r\n", 1)[0].decode().split(" ")[:2]) for r in self.requests]

    def had_authorization(self, index: int) -> bool:
        """Whether request `index` carried an Authorization header."""
        head = self.requests[index].split(b"\r\n\r\n", 1)[0].lower()
        return b"\r\nauthorization:" in head

    def close(self) -> None:
        self._listener.close()
