"""What bench_app.py watches: frames as a terminal receives them, and the machine's load.

Nothing here imports Textual at module level: the cold-start children import this file too.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Frames", "Load", "LoadWatch", "serialise"]

_TICK = os.sysconf("SC_CLK_TCK")


# --- frames -------------------------------------------------------------------------------


def serialise(app: Any, renderable: Any) -> str:
    """The terminal output for one screen update, as `App._display` makes it for a terminal."""
    from textual._compositor import CompositorUpdate

    if isinstance(renderable, CompositorUpdate):
        return renderable.render_segments(app.console)
    console = app.console
    return console._render_buffer(console.render(renderable))


class Frames:
    """Times frames the way a user sees them, in a headless app (`App.run_test`).

    A frame counts only when Textual paints it: `App._display` handed a renderable outside a
    `batch_update()` (`App._batch_count == 0`; inside one Textual drops it). Headless, Textual
    skips turning it into terminal output, so this does that work itself (what a terminal run
    pays) before taking the time.
    """

    def __init__(self, app: Any) -> None:
        self._display = app._display
        self._waiting: list[tuple[Any, asyncio.Future[float]]] = []
        self.app = app
        self.painted = 0
        """Frames painted so far."""
        self.bytes = 0
        """Terminal output those frames took."""
        app._display = self._hook

    def _hook(self, screen: Any, renderable: Any) -> None:
        batched = self.app._batch_count
        self._display(screen, renderable)
        if renderable is None or batched:
            return  # Textual paints nothing for it
        self.bytes += len(serialise(self.app, renderable))
        self.painted += 1
        now = time.perf_counter()
        waiting, self._waiting = self._waiting, []
        for condition, future in waiting:
            if future.done():
                continue
            if condition():
                future.set_result(now)
            else:
                self._waiting.append((condition, future))

    def expect(self, condition: Any) -> asyncio.Future[float]:
        """A future: the time of the first painted frame after now for which `condition()`."""
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((condition, future))
        return future

    async def key(self, key: str, condition: Any, timeout: float = 60) -> float:
        """Seconds from posting `key` (as the terminal driver does) to a painted frame showing
        `condition`."""
        future = self.expect(condition)
        start = self.post(key)
        return await asyncio.wait_for(future, timeout) - start

    def post(self, key: str) -> float:
        """Post `key` as the terminal driver does after parsing its bytes; the time before."""
        from textual import events

        chars = {"enter": "\r", "slash": "/", "ctrl+j": "\n", "ctrl+t": "\x14"}
        char = chars.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(self.app)
        start = time.perf_counter()
        self.app._driver.send_message(event)
        return start


# --- load ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    """How busy the machine was while something was measured."""

    loadavg: tuple[float, float, float]
    """`os.getloadavg()` at the end."""
    others: float
    """CPU used by processes other than the benchmark's, in cores (0 to `os.cpu_count()`)."""
    top: tuple[tuple[str, float], ...]
    """The busiest of those, by command name, in cores."""

    def text(self) -> str:
        """One line: load averages and what else ran."""
        busy = ", ".join(f"{name} {cores:.2f}" for name, cores in self.top) or "nothing"
        return (
            f"load {self.loadavg[0]:.2f}/{self.loadavg[1]:.2f}/{self.loadavg[2]:.2f} (1/5/15 min);"
            f" other processes used {self.others:.2f} of {os.cpu_count()} cores ({busy})"
        )

    def as_dict(self) -> dict[str, Any]:
        return {"loadavg": self.loadavg, "others": self.others, "top": self.top}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Load:
        top = tuple((str(name), float(cores)) for name, cores in data["top"])
        return cls(tuple(data["loadavg"]), data["others"], top)  # type: ignore[arg-type]


class LoadWatch:
    """CPU time of every other process between `start()` and `stop()` (from /proc)."""

    def __init__(self) -> None:
        self._before: dict[int, tuple[str, int]] = {}
        self._started = 0.0

    def start(self) -> LoadWatch:
        self._before, self._started = _cpu_by_pid(), time.monotonic()
        return self

    def stop(self) -> Load:
        after, elapsed = _cpu_by_pid(), max(time.monotonic() - self._started, 1e-3)
        ours = _our_tree()
        used: dict[str, float] = {}
        for pid, (name, ticks) in after.items():
            if pid in ours:
                continue
            spent = ticks - self._before.get(pid, (name, 0))[1]
            if spent > 0:
                used[name] = used.get(name, 0.0) + spent / _TICK / elapsed
        top = sorted(used.items(), key=lambda item: -item[1])[:3]
        return Load(
            os.getloadavg(),
            sum(used.values()),
            tuple((name, cores) for name, cores in top if cores >= 0.01),
        )


def _cpu_by_pid() -> dict[int, tuple[str, int]]:
    """(command, user + system ticks) of every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = _command(entry) or stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        found[int(entry.name)] = (name, int(fields[11]) + int(fields[12]))
    return found


def _command(entry: Path) -> str:
    """A short name for a process: `pytest` rather than `python`, else its program's name."""
    try:
        argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return ""
    words = [os.path.basename(word) for word in argv if word and not word.startswith("-")]
    if words and words[0].startswith("python"):
        words = words[1:] or words
    return words[0] if words else ""


def _our_tree() -> set[int]:
    """This process, its ancestors' other children excluded: it and its descendants."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    ours, grew = {os.getpid()}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in ours} - ours
        ours |= more
        grew = bool(more)
    return ours
