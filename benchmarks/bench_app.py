"""End-to-end figures for the whole app: cold start, big responses, links, back/forward.

Run everything (about 2-4 minutes) and rewrite the "App" section of docs/PERFORMANCE.md and
the "Performance" paragraph of README.md:

    .venv/bin/python benchmarks/bench_app.py --write

`--repeat N` (default 5) runs of each figure; `--sizes 1 5 20` the body sizes in MB; `--only
start big link` a part (no --write then). Not part of the test suite (CONVENTIONS rule 13).

How each figure is taken:

- cold start: a child process on a pseudo-terminal (120x40) builds the app as `kexplore
  --sandbox` does and exits at its first frame written to the terminal; time from before
  `Popen` to that frame (CLOCK_MONOTONIC, shared by both processes) and to the process's exit.
  The floor is a Textual app holding one Static, measured the same way.
- big response / link / back-forward: the real app, headless (`App.run_test`), in a child
  process per body size (so peak RSS is that size's alone), against a loopback HTTP server
  in this process. A "frame" is `App._display` being handed a screen update whose state shows
  the result (e.g. the cursor on the last line after `G`); keys are posted as the terminal
  driver posts them, and timed from just before posting to that frame.
- wire floor: a child process doing `httpx.get` + `json.loads` (and `json.dumps(indent=2)`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "PERFORMANCE.md"
README = ROOT / "README.md"
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

# Nothing heavy is imported at module level: the cold-start children run this file too.


# --- shared helpers ------------------------------------------------------------------------


def rss_mb() -> tuple[float, float]:
    """(peak, current) resident set of this process in MB, from /proc (VmHWM, VmRSS)."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(status["VmHWM"].split()[0]) / 1024, int(status["VmRSS"].split()[0]) / 1024


def reset_peak() -> None:
    """Make VmHWM start again from the current RSS (Linux: write 5 to clear_refs)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def fmt_ms(values: list[float]) -> str:
    """`median (min-max)` in milliseconds, from seconds."""
    med, low, high = stats(values)
    return f"{med * 1000:.0f} ({low * 1000:.0f}-{high * 1000:.0f})"


def run_child(args: list[str], timeout: float = 300) -> dict[str, Any]:
    """Run this file as a child with `args`; its last stdout line is a JSON result."""
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"child {args} failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


# --- cold start ----------------------------------------------------------------------------


def child_start(kind: str, out_file: str) -> None:
    """Build the app (kexplore as `--sandbox` does, or the floor), exit at the first frame."""
    if kind == "kexplore":
        folder = Path(out_file).parent
        from kexplore.app import build_app
        from kexplore.cli import _sandbox_settings, _start_sandbox, build_parser

        argv = ["--sandbox", "--history", str(folder / "history.toml")]
        argv += ["--collection", str(folder / "collection.toml")]
        args = build_parser().parse_args(argv)
        settings, sock = _sandbox_settings(
            args, {"HOME": str(folder), "XDG_CONFIG_HOME": str(folder)}
        )
        app: Any = build_app(settings, sandbox_launcher=lambda: _start_sandbox(sock))
    elif kind == "stock":
        app = _stock_app()
    else:
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Floor(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("Hello")

        app = Floor()
    built = time.perf_counter()
    display = app._display

    def first_frame(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None and not Path(out_file).exists():
            Path(out_file).write_text(f"{built!r} {time.perf_counter()!r}")
            app.exit()

    app._display = first_frame
    app.run()


def _stock_app() -> Any:
    """kexplore's screen made of stock Textual widgets only: the same layout, the same widget
    classes and counts (a 110-node tree, 3 text areas, 2 tab sets, 2 tables, a footer with
    the same bindings), and no kexplore code at all. What Textual alone costs for it."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical
    from textual.widgets import (
        Button,
        DataTable,
        Footer,
        Input,
        Select,
        Static,
        TabbedContent,
        TabPane,
        TextArea,
        Tree,
    )

    class Stock(App[None]):
        BINDINGS = [Binding(f"f{n}", "bell", f"Key {n}") for n in range(1, 12)]

        def compose(self) -> ComposeResult:
            yield Static("target")
            with Horizontal():
                tree: Tree[None] = Tree("Kustomer")
                for group in range(14):
                    node = tree.root.add(f"Group {group}")
                    for leaf in range(8):
                        node.add_leaf(f"GET /v1/endpoint/{group}/{leaf}")
                with Vertical():
                    yield tree
                    yield Static("detail")
                with Vertical():
                    with Horizontal():
                        yield Select([(m, m) for m in ("GET", "POST")], value="GET", compact=True)
                        yield Input(placeholder="/v1/customers", compact=True)
                        yield Button("Send", compact=True)
                    yield Static("")
                    with TabbedContent():
                        with TabPane("Query"):
                            yield TextArea()
                        with TabPane("Headers"):
                            yield TextArea()
                        with TabPane("Body"):
                            yield TextArea.code_editor(language="json", theme="css")
                    yield Static("status")
                    yield Static("breadcrumb")
                    yield Static("")
                    with TabbedContent():
                        with TabPane("Body"):
                            yield Static("body")
                        with TabPane("Headers"):
                            yield DataTable()
                        with TabPane("Links"):
                            yield DataTable()
            yield Footer()

    return Stock()


def one_start(kind: str) -> tuple[float, float, float]:
    """Seconds to the first frame, to exit, and to the app built (imports done) of one cold
    start on a pseudo-terminal."""
    import fcntl
    import pty
    import struct
    import termios

    with tempfile.TemporaryDirectory() as folder:
        out_file = os.path.join(folder, "frame")
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        drained = threading.Thread(target=_drain, args=(master,), daemon=True)
        drained.start()
        env = {**_pyc_env(), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", "start", kind, out_file],
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        _, err = child.communicate(timeout=60)
        exited = time.perf_counter() - start
        os.close(slave)
        drained.join(5)
        os.close(master)
        if child.returncode != 0 or not os.path.exists(out_file):
            raise RuntimeError(f"{kind} start failed: {err.decode()[-2000:]}")
        built, frame = (float(t) - start for t in Path(out_file).read_text().split())
    return frame, exited, built


def _pyc_env() -> dict[str, str]:
    """The environment, with .pyc files as an installed kexplore has them: this machine sets
    PYTHONDONTWRITEBYTECODE, which recompiles kexplore's ~30 modules on every start (+40 ms).
    The cache lives outside the repository."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "kexplore-pyc")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _drain(fd: int) -> None:
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def import_profile() -> list[tuple[str, float]]:
    """Import ms (self time per top-level package) of what kexplore imports before its first
    frame; `-X importtime` itself inflates the figures."""
    code = (
        "from kexplore.app import build_app; import kexplore.cli;"
        "from kexplore.screens.main import MainScreen"
    )
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_pyc_env(),
    )
    total: dict[str, float] = {}
    for line in out.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \| *(\S+)", line)
        if match:  # self time, summed per top-level package
            name = match.group(2).split(".")[0]
            total[name] = total.get(name, 0) + int(match.group(1)) / 1000
    return sorted(total.items(), key=lambda item: -item[1])[:10]


def loaded_modules() -> list[str]:
    """Heavy third-party packages already in sys.modules when MainScreen is composed."""
    code = (
        "import sys; import kexplore.cli; from kexplore.app import build_app;"
        "from kexplore.screens.main import MainScreen;"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    wanted = {"httpx", "httpcore", "starlette", "uvicorn", "pygments", "orjson", "anyio", "h11"}
    return sorted(wanted & set(out.stdout.split()))


def measure_start(repeat: int) -> dict[str, Any]:
    for kind in ("floor", "stock", "kexplore"):
        one_start(kind)  # warm the page cache and .pyc files
    result: dict[str, Any] = {}
    for kind in ("floor", "stock", "kexplore"):
        runs = [one_start(kind) for _ in range(repeat)]
        result[kind] = {
            key: [r[n] for r in runs] for n, key in enumerate(("frame", "exit", "built"))
        }
    result["imports"] = import_profile()
    result["loaded"] = loaded_modules()
    return result


# --- the app, driven headless ---------------------------------------------------------------


class Frames:
    """Timestamps frames (screen updates handed to `App._display`) that satisfy a condition."""

    def __init__(self, app: Any) -> None:
        import asyncio

        self._asyncio = asyncio
        self._display = app._display
        self._wanted: Any = None
        self._future: Any = None
        self.app = app
        app._display = self._hook

    def _hook(self, screen: Any, renderable: Any) -> None:
        self._display(screen, renderable)
        if renderable is None or self._wanted is None:
            return
        if self._wanted():
            now = time.perf_counter()
            self._wanted = None
            if not self._future.done():
                self._future.set_result(now)

    def expect(self, condition: Any) -> Any:
        """A future: the time of the first frame after now for which `condition()` holds."""
        self._wanted = condition
        self._future = self._asyncio.get_running_loop().create_future()
        return self._future

    async def key(self, key: str, condition: Any, timeout: float = 30) -> float:
        """Seconds from posting `key` (as the driver does) to a frame showing `condition`."""
        future = self.expect(condition)
        start = self.post(key)
        return await self._asyncio.wait_for(future, timeout) - start

    def post(self, key: str) -> float:
        """Post `key` as the terminal driver does; the time just before."""
        from textual import events

        char = {"enter": "\r", "slash": "/"}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(self.app)
        start = time.perf_counter()
        self.app._driver.send_message(event)
        return start


def _settings(folder: Path, base_url: str) -> Any:
    """Sandbox-profile settings with every file under `folder` (as tests/conftest.py does)."""
    from kexplore.core.settings.settings import Profile, Settings

    profile = Profile(name="sandbox", base_url=base_url, confirm_writes=False, sandbox=True)
    return Settings(
        profile=profile,
        api_key="sandbox-admin-key",
        config_path=folder / "config.toml",
        history_path=folder / "data" / "history.toml",
        collection_path=folder / "data" / "collection.toml",
    )


def _time_client(app: Any, marks: dict[str, float]) -> None:
    """Note when each response's bytes are all in (the client's send returns)."""
    client = app.services.client
    send = client.send

    async def timed_send(*args: Any, **kwargs: Any) -> Any:
        response = await send(*args, **kwargs)
        marks["bytes"] = time.perf_counter()
        return response

    client.send = timed_send


async def _send_until_painted(
    frames: Frames, screen: Any, view: Any, url: str, marks: dict[str, float]
) -> tuple[float, float]:
    """(send -> first body screen, bytes in -> first body screen) of one GET."""
    from kexplore.core.http.request import ApiRequest

    old = view.document
    painted = frames.expect(
        lambda: (
            view.document is not None
            and view.document is not old
            and view.index_state in ("indexing", "ready")
        )
    )
    marks.pop("bytes", None)
    start = time.perf_counter()
    screen.send(ApiRequest("GET", url))
    frame = await painted
    return frame - start, frame - marks["bytes"]


async def _wait_ready(view: Any, timeout: float = 60) -> None:
    import asyncio

    deadline = time.perf_counter() + timeout
    while view.index_state != "ready":
        if time.perf_counter() > deadline:
            raise TimeoutError("index never ready")
        await asyncio.sleep(0.01)


async def drive_big(url: str, needle: str, repeat: int) -> dict[str, Any]:
    """Send the big GET `repeat` times; the first also measures memory and every key."""
    import asyncio
    import gc

    from kexplore.app import build_app
    from kexplore.core.http.request import ApiRequest

    result: dict[str, Any] = {"send": [], "after_bytes": [], "ui_free": [], "keys": {}}
    with tempfile.TemporaryDirectory() as folder:
        base = url.rsplit("/", 1)[0]
        app = build_app(_settings(Path(folder), base))
        marks: dict[str, float] = {}
        _time_client(app, marks)
        async with app.run_test(size=(120, 40)) as pilot:
            frames = Frames(app)
            await pilot.pause()
            screen = app.screen
            view = screen.response_view.json_view
            # Idle = the app after one tiny request, so httpx and its TLS context (made on the
            # first request) count as the app's, not as the body's.
            await app.services.client.send(ApiRequest("GET", f"{base}/no-such-document"))
            gc.collect()
            await asyncio.sleep(0.2)
            result["idle_mb"] = rss_mb()[1]
            reset_peak()
            for run in range(repeat):
                view.focus()
                await pilot.pause()
                sent, after = await _send_until_painted(frames, screen, view, url, marks)
                reader = view.reader
                row = reader.cursor
                # The UI answers a key while the index is built in its worker.
                free = await frames.key("j", lambda r=reader, c=row: r.cursor == c + 1)
                result["send"].append(sent)
                result["after_bytes"].append(after)
                result["ui_free"].append(free)
                await _wait_ready(view)
                await app.workers.wait_for_complete()
                if run == 0:
                    await pilot.pause()
                    gc.collect()
                    await asyncio.sleep(0.3)
                    result["peak_mb"], result["shown_mb"] = rss_mb()
                    result["keys"] = await _keys(frames, pilot, view, needle, repeat)
            # Back and forward over visits of this body (alternating), each from the trail.
            result["trail"] = []
            for n in range(repeat):
                await pilot.pause()
                key = "alt+left" if n % 2 == 0 else "alt+right"
                result["trail"].append(await _trail_key(frames, view, key, view.document))
                await _wait_ready(view)
                await app.workers.wait_for_complete()
        return result


async def _keys(frames: Frames, pilot: Any, view: Any, needle: str, repeat: int) -> dict:
    """Key -> frame seconds on the shown, indexed body, `repeat` times each."""
    import asyncio

    reader = view.reader
    last = reader.document.line_count - 1
    names = ("G", "g", "pagedown", "F", "U", "/ enter", "n", "y")
    keys: dict[str, list[float]] = {k: [] for k in names}
    copied: list[Any] = []  # futures, one per `y`: set when the clipboard is written

    def copy_to_clipboard(text: str) -> None:  # no OSC 52 in the benchmark
        copied[-1].set_result(time.perf_counter())

    frames.app.copy_to_clipboard = copy_to_clipboard

    async def press(key: str, condition: Any) -> float:
        await pilot.pause()  # each key on an idle UI, as a person presses them
        return await frames.key(key, condition)

    for _ in range(repeat):
        keys["G"].append(await press("G", lambda: reader.cursor == last))
        keys["g"].append(await press("g", lambda: reader.cursor == 0))
        keys["pagedown"].append(await press("pagedown", lambda: reader.cursor > 0))
        await press("g", lambda: reader.cursor == 0)
        rows = reader.row_count
        keys["F"].append(await press("F", lambda r=rows: reader.row_count < r))
        keys["U"].append(await press("U", lambda r=rows: reader.row_count == r))
        await press("g", lambda: reader.cursor == 0)
        await press("slash", lambda: view._search_bar is not None)
        await pilot.pause()
        view._search_bar.query_one("Input").value = needle  # typing, without 24 frames
        keys["/ enter"].append(
            await press("enter", lambda: reader.needle == needle and reader.cursor > 0)
        )
        here = reader.cursor
        keys["n"].append(await press("n", lambda h=here: reader.cursor != h))
        # `y` on a line of the last customer: key -> clipboard written (the toast that follows
        # is not always handed to _display in a headless run, so the clipboard is the mark).
        await pilot.pause()
        copied.append(asyncio.get_running_loop().create_future())
        start = frames.post("y")
        keys["y"].append(await asyncio.wait_for(copied[-1], 30) - start)
    return keys


def child_big(url: str, needle: str, repeat: int) -> None:
    import asyncio

    result = asyncio.run(drive_big(url, needle, repeat))
    print(json.dumps(result))


def child_wire(url: str, repeat: int) -> None:
    """The plain script: httpx GET + json.loads; peak RSS of the first GET alone."""
    import httpx

    result: dict[str, Any] = {"loads": [], "dumps": []}
    client = httpx.Client()  # made before the clock starts, as the app's is
    reset_peak()
    for run in range(repeat):
        start = time.perf_counter()
        document = json.loads(client.get(url).content)
        result["loads"].append(time.perf_counter() - start)
        if run == 0:
            result["peak_mb"] = rss_mb()[0]
        start = time.perf_counter()
        json.dumps(document, indent=2)
        result["dumps"].append(time.perf_counter() - start)
        del document
    print(json.dumps(result))


class _Server:
    """A loopback HTTP server answering every GET with one body, in a thread."""

    def __init__(self, body: bytes) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_port}/v1/customers"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def measure_big(sizes: list[float], repeat: int) -> dict[str, Any]:
    from make_documents import list_document_bytes

    result = {}
    for size in sizes:
        body = list_document_bytes(int(size * 2**20))
        needle = json.loads(body)["data"][-1]["id"]  # on 6 lines of the last customer
        server = _Server(body)
        try:
            wire = run_child(["--child", "wire", server.url, str(repeat)])
            app = run_child(["--child", "big", server.url, needle, str(repeat)], timeout=900)
        finally:
            server.close()
        result[f"{size:g}"] = {"bytes": len(body), "wire": wire, "app": app, "needle": needle}
    return result


# --- a small record: send, follow a link, back and forward ---------------------------------


async def drive_link(repeat: int) -> dict[str, Any]:
    import asyncio

    import httpx

    from kexplore.app import build_app
    from kexplore.sandbox.server import SandboxConfig, start_sandbox

    result: dict[str, Any] = {
        k: [] for k in ("httpx", "send", "httpx_link", "follow", "back", "fwd")
    }
    sandbox = start_sandbox(SandboxConfig(port=0, rate_limit=100_000))
    headers = {"Authorization": "Bearer sandbox-admin-key", "Accept": "application/json"}
    try:
        base = sandbox.base_url
        async with httpx.AsyncClient(headers=headers) as plain:
            first = (await plain.get(f"{base}/v1/customers?pageSize=1")).json()["data"][0]
            record = f"/v1/customers/{first['id']}"
            result["record_bytes"] = len((await plain.get(base + record)).content)
            with tempfile.TemporaryDirectory() as folder:
                app = build_app(_settings(Path(folder), base))
                marks: dict[str, float] = {}
                _time_client(app, marks)
                async with app.run_test(size=(120, 40)) as pilot:
                    frames = Frames(app)
                    await pilot.pause()
                    screen = app.screen
                    view = screen.response_view.json_view
                    for _ in range(repeat):
                        start = time.perf_counter()
                        await plain.get(base + record)
                        result["httpx"].append(time.perf_counter() - start)
                        view.focus()
                        sent, _ = await _send_until_painted(frames, screen, view, record, marks)
                        result["send"].append(sent)
                        await _wait_ready(view)
                        await pilot.pause()
                        links = view.document.index.links
                        k = next(
                            i
                            for i in range(len(links))
                            if links[i].same_origin and links[i].url != base + record
                        )
                        link = links[k]
                        result["link"] = link.url[len(base) :]
                        view.move_cursor(links.lines[k])
                        await pilot.pause()
                        start = time.perf_counter()
                        await plain.get(link.url)
                        result["httpx_link"].append(time.perf_counter() - start)
                        old = view.document
                        result["follow"].append(
                            await frames.key(
                                "enter",
                                lambda o=old: (
                                    view.document is not None
                                    and view.document is not o
                                    and view.index_state in ("indexing", "ready")
                                ),
                            )
                        )
                        await _wait_ready(view)
                        await app.workers.wait_for_complete()
                        await pilot.pause()
                        shown = view.document
                        result["back"].append(await _trail_key(frames, view, "alt+left", shown))
                        await app.workers.wait_for_complete()
                        await pilot.pause()
                        shown = view.document
                        result["fwd"].append(await _trail_key(frames, view, "alt+right", shown))
                        await app.workers.wait_for_complete()
                        await pilot.pause()
                        await asyncio.sleep(0.05)
    finally:
        sandbox.stop()
    return result


async def _trail_key(frames: Frames, view: Any, key: str, shown: Any) -> float:
    return await frames.key(
        key,
        lambda: (
            view.document is not None
            and view.document is not shown
            and view.index_state in ("indexing", "ready")
        ),
    )


def child_link(repeat: int) -> None:
    import asyncio

    print(json.dumps(asyncio.run(drive_link(repeat))))


# --- the report ---------------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    from importlib.metadata import version

    return (
        f"{date.today()}, {os.cpu_count()} CPUs ({cpu}), Linux {platform.release()}, "
        f"Python {platform.python_version()}, Textual {version('textual')}"
    )


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**MISSED**"


def report(start: dict | None, big: dict | None, link: dict | None, repeat: int) -> str:
    med = statistics.median
    head = [
        "## App",
        "",
        "Run: `.venv/bin/python benchmarks/bench_app.py --write` (3-4 minutes; rewrites this",
        "section). The whole app, end to end: cold start on a pseudo-terminal, then the real app",
        "driven headless (`App.run_test`) against a loopback HTTP server serving",
        "`benchmarks/make_documents.py` customer lists, each size in a fresh process. A frame is",
        "the screen update handed to `App._display` that shows the result; keys are posted as the",
        "terminal driver posts them. See the script's docstring for exactly what each figure is.",
        "",
        f"Measured {machine()}; median of {repeat} runs (min-max), milliseconds. **A shared",
        "machine**: other engineers' test suites were running on the same 2 cores, so single",
        "runs can be slow by tens of milliseconds; medians are the figures to trust.",
        "",
    ]
    summary = ["| Target | Measured | Ratio | |", "| --- | --- | --- | --- |"]
    body: list[str] = []
    if start:
        floor, stock, ours = start["floor"], start["stock"], start["kexplore"]
        ratio = med(ours["frame"]) / med(floor["frame"])
        stock_ratio = med(stock["frame"]) / med(floor["frame"])
        summary.append(
            f"| first frame <= 1.3x a one-Static Textual app | {med(ours['frame']) * 1000:.0f} ms"
            f" vs {med(floor['frame']) * 1000:.0f} ms | {ratio:.2f}x | {verdict(ratio <= 1.3)}"
            + (
                f" (impossible: stock widgets alone {stock_ratio:.2f}x)"
                if stock_ratio > 1.3
                else ""
            )
            + " |"
        )
        body += [
            "### Cold start",
            "",
            "| process | start -> first frame | start -> exit |",
            "| --- | --- | --- |",
            f"| floor: Textual app with one Static | {fmt_ms(floor['frame'])} "
            f"| {fmt_ms(floor['exit'])} |",
            f"| the same screen of stock Textual widgets, no kexplore code | "
            f"{fmt_ms(stock['frame'])} | {fmt_ms(stock['exit'])} |",
            f"| kexplore --sandbox (built as cli.py does) | {fmt_ms(ours['frame'])} "
            f"| {fmt_ms(ours['exit'])} |",
            f"| ratio of medians, kexplore / one Static | {ratio:.2f}x "
            f"| {med(ours['exit']) / med(floor['exit']):.2f}x |",
            f"| ratio of medians, stock screen / one Static | {stock_ratio:.2f}x "
            f"| {med(stock['exit']) / med(floor['exit']):.2f}x |",
            f"| ratio of medians, kexplore / stock screen | "
            f"{med(ours['frame']) / med(stock['frame']):.2f}x "
            f"| {med(ours['exit']) / med(stock['exit']):.2f}x |",
            "",
            f"Of that, process start -> app built (interpreter + imports): floor "
            f"{fmt_ms(floor['built'])}, stock screen {fmt_ms(stock['built'])}, kexplore "
            f"{fmt_ms(ours['built'])}; the rest is mounting, styling and painting the screen.",
            "",
            "Imports before the first frame (`python -X importtime`, ms of self time summed per",
            "top-level package, one run; importtime inflates them): "
            + ", ".join(f"{name} {ms:.0f}" for name, ms in start["imports"])
            + ".",
            "Heavy packages already loaded when MainScreen is composed: "
            + (", ".join(start["loaded"]) or "none")
            + ".",
            "",
        ]
    if big:
        body += ["### Big responses", ""]
        body += [
            "| body | wire floor: httpx GET + json.loads | (+ json.dumps indent=2) | app: send -> "
            "first body screen | ratio | bytes in -> first screen | first screen -> key "
            "answered |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        mem = [
            "| body | wire floor peak RSS | app peak RSS | ratio | app idle RSS | app RSS, "
            "body shown + indexed | retained over idle | retained / body |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for size, figures in big.items():
            wire, app, mb = figures["wire"], figures["app"], figures["bytes"] / 2**20
            ratio = med(app["send"]) / med(wire["loads"])
            body.append(
                f"| {mb:.1f} MB | {fmt_ms(wire['loads'])} | {fmt_ms(wire['dumps'])} "
                f"| {fmt_ms(app['send'])} | {ratio:.2f}x | {fmt_ms(app['after_bytes'])} "
                f"| {fmt_ms(app['ui_free'])} |"
            )
            retained = app["shown_mb"] - app["idle_mb"]
            mem.append(
                f"| {mb:.1f} MB | {wire['peak_mb']:.0f} MB | {app['peak_mb']:.0f} MB "
                f"| {app['peak_mb'] / wire['peak_mb']:.2f}x | {app['idle_mb']:.0f} MB "
                f"| {app['shown_mb']:.0f} MB | {retained:.0f} MB | {retained / mb:.1f}x |"
            )
            if size == "1":
                after = med(app["after_bytes"])
                summary.append(
                    f"| 1 MB: first screen <= 250 ms after the bytes arrive | {after * 1000:.0f} ms"
                    f" | {after / 0.25:.2f}x | {verdict(after <= 0.25)} |"
                )
            if size == "20":
                summary.append(
                    "| 20 MB: send -> first screen <= 1.5x wire floor "
                    f"| {med(app['send']) * 1000:.0f} ms vs {med(wire['loads']) * 1000:.0f} ms "
                    f"| {ratio:.2f}x "
                    f"| {verdict(ratio <= 1.5)} |"
                )
                free = med(app["ui_free"])
                summary.append(
                    f"| 20 MB: a key answered <= 100 ms after the first screen | {free * 1000:.0f}"
                    f" ms | {free / 0.1:.2f}x | {verdict(free <= 0.1)} |"
                )
                # The list: scroll to end, fold-all, unfold-all, page down, next match.
                listed = ("G", "g", "pagedown", "F", "U", "n", "y")
                worst = max(med(app["keys"][k]) for k in listed)
                summary.append(
                    "| 20 MB: any key (G, g, pagedown, F, U, n, y) -> frame <= 50 ms (slowest "
                    f"median) | {worst * 1000:.0f} ms | {worst / 0.05:.2f}x "
                    f"| {verdict(worst <= 0.05)} |"
                )
                search = med(app["keys"]["/ enter"])
                summary.append(
                    "| 20 MB: search (`/` text enter), in a worker: key -> first match shown "
                    f"| {search * 1000:.0f} ms | | (no 50 ms target) |"
                )
                peak = app["peak_mb"] / wire["peak_mb"]
                summary.append(
                    f"| 20 MB: peak RSS <= wire floor peak | {app['peak_mb']:.0f} MB vs "
                    f"{wire['peak_mb']:.0f} MB | {peak:.2f}x | {verdict(peak <= 1)} |"
                )
                trail = med(app["trail"])
                summary.append(
                    f"| 20 MB: back / forward -> first screen <= 30 ms | {trail * 1000:.0f} ms "
                    f"| {trail / 0.03:.2f}x | {verdict(trail <= 0.03)} |"
                )
                summary.append(
                    f"| 20 MB: retained RSS <= 4x body | {retained:.0f} MB ({retained / mb:.1f}x "
                    f"of {mb:.0f} MB) | {retained / mb / 4:.2f}x | {verdict(retained <= 4 * mb)} |"
                )
        body += ["", *mem, ""]
        for figures in big.values():
            keys = figures["app"]["keys"]
            if not keys:
                continue
            body += [
                f"Keys on the shown, indexed {figures['bytes'] / 2**20:.1f} MB body, key -> frame"
                f" (search text: the last customer's id):",
                "",
                "| " + " | ".join(f"`{k}`" for k in keys) + " |",
                "| " + " | ".join("---" for _ in keys) + " |",
                "| " + " | ".join(fmt_ms(v) for v in keys.values()) + " |",
                "",
                "Back / forward between two visits of this body (alternating alt+left and",
                f"alt+right), key -> first screen: {fmt_ms(figures['app']['trail'])} ms.",
                "",
            ]
    if link:
        send_gap = med(link["send"]) - med(link["httpx"])
        follow_gap = med(link["follow"]) - med(link["httpx_link"])
        back, fwd = med(link["back"]), med(link["fwd"])
        summary += [
            f"| {link['record_bytes'] / 1024:.1f} KB record: send -> painted <= httpx + 50 ms "
            f"| {med(link['send']) * 1000:.0f} ms vs {med(link['httpx']) * 1000:.0f} ms "
            f"| +{send_gap * 1000:.0f} ms | {verdict(send_gap <= 0.05)} |",
            f"| follow a link: enter -> painted <= httpx + 50 ms "
            f"| {med(link['follow']) * 1000:.0f} ms vs {med(link['httpx_link']) * 1000:.0f} ms "
            f"| +{follow_gap * 1000:.0f} ms | {verdict(follow_gap <= 0.05)} |",
            f"| back / forward: key -> frame <= 30 ms | {back * 1000:.0f} / {fwd * 1000:.0f} ms "
            f"| {max(back, fwd) / 0.03:.2f}x | {verdict(max(back, fwd) <= 0.03)} |",
        ]
        body += [
            "### A small record, a link, back and forward (the sandbox)",
            "",
            f"Record `GET /v1/customers/<id>` ({link['record_bytes']:,} bytes); the link followed"
            f" is `{link['link']}`.",
            "",
            "| step | ms |",
            "| --- | --- |",
            f"| plain httpx GET of the record | {fmt_ms(link['httpx'])} |",
            f"| app: send -> record painted | {fmt_ms(link['send'])} |",
            f"| plain httpx GET of the link | {fmt_ms(link['httpx_link'])} |",
            f"| app: enter on the link line -> new record painted | {fmt_ms(link['follow'])} |",
            f"| app: alt+left -> previous record painted | {fmt_ms(link['back'])} |",
            f"| app: alt+right -> next record painted | {fmt_ms(link['fwd'])} |",
            "",
        ]
    summary.append(
        "| history: append / load 10,000 | see [History](#history) (`bench_history.py`) | | |"
    )
    return "\n".join([*head, *summary, "", *body, WHY])


WHY = """### What was fixed (before -> after), and why the rest still misses

Diagnosed with timelines of the app's own methods, cProfile, `tracemalloc` and
`sys._debugmallocstats`, 2026-11-27. "Before" is the first run of this script that day.

Fixed in the first session:
- **Back/forward on a big body re-formatted it: 409 ms -> 13 ms (20 MB).** The trail keeps
  each visit's formatted, indexed body (`Visit.prepared`, counted in the trail's memory
  budget) and JsonView shows it again without pretty-printing or indexing.
- **A small record: send -> painted +52 ms -> +45 ms over httpx; link follow +29 -> +18 ms;
  small back/forward ~54 -> 14 ms.** Bodies up to 64 KB are pretty-printed on the UI thread
  and shown in the first frame (no "Formatting..." frame); the one-line status line and
  breadcrumb update without a screen re-layout; the builder only reloads fields that changed.
- **1 MB: bytes in -> first screen 130 ms -> 57 ms**, from the same three changes.
- **Cold start 620 -> 410 ms.** httpx (and its `click` import) and the `httpx.AsyncClient`
  are made on the first request, not before the first frame.

Fixed in the second session (20 MB body):
- **Peak RSS 317 MB -> ~136 MB (1.96x -> ~0.85x the wire floor's).** The parsed tree of the
  whole body (~140 MB) never exists any more: `core/pretty_slices.py` cuts the big top-level
  arrays (`data`, `included`) into groups of ~512 KB, parses, pretty-prints and drops one group
  at a time, and puts the groups' text into the pretty-printed rest of the document; the
  output is byte for byte orjson's (property-tested). The link index parses the groups again
  one at a time, in the worker, after the first screen. Also: glibc's mapping threshold is
  fixed at 256 KB (`core/heap.py`), because after the first big free glibc served the
  megabyte pieces from its shared heap and never gave that memory back (+60 MB at the peak);
  the structure index is built in `array`s, not lists of int objects (-50 MB for a moment);
  link rows are written to a growing buffer instead of joined.
- **Retained RSS 116 MB -> ~72 MB (5.8x -> ~3.6x the body).** The visit keeps the formatted
  text as its body once the body is formatted (`ApiResponse.sharing_body`; the status line
  still shows the bytes received), so the received bytes are let go before indexing starts;
  a finished worker no longer keeps its arguments (and so the raw body) reachable (Textual
  keeps the last worker in a context; the body now travels in a parcel the worker empties);
  link rows are compact (a URL is its prefix's number plus the href): 14.7 -> 9.1 MB.
- **Cold start ~13 ms less** (415 -> 402 ms in back-to-back runs; on this shared machine
  runs of the same code range 380-423 ms). The dialogs, the help screen and curl export are
  imported when first used.
- **Search over 20 MB: 61 -> 40 ms of scanning** (measured on `find_all` alone). Scans step
  128 KB at a time: their chunk copies stay under the size that gets its own mapping, so
  they reuse heap pages instead of faulting in fresh ones each step.

Still missed, with the measurement that shows why:
- **Cold start: 1.3x a one-Static app is impossible for this screen in Textual.** The same
  screen made of stock Textual widgets only (same layout, same widget classes and counts, no
  kexplore code; `_stock_app` in this script) takes ~1.75x the one-Static app by itself.
  kexplore is ~1.3x that stock screen: its own imports (~45 ms: the widgets' classes, the
  catalogue, the JSON view and pygments) and mounting its tree of ~110 endpoints. Mounting the
  hidden tabs lazily (`textual.lazy.Lazy`) was tried and gained nothing measurable.
- **Search (`/` + enter) on 20 MB** is the slowest key (not one of the issue's 50 ms keys):
  `find_all` scans the text in a worker thread, 128 KB at a time (~40 ms in all), so the
  UI thread gets the interpreter between chunks; then the result waits for the UI thread and
  a frame. Other keys on 20 MB do a few milliseconds of work; a median above that on this
  shared machine is other test suites holding the CPU.
- **Retained memory of small bodies is mostly fixed costs** (not a target): ~11 MB for a 1 MB
  body is the Links tab's first 2,000 rows, the highlight cache and the index, beside the
  body (kept as received under 1 MB) and its pretty text.
- **Indexing a 20 MB body takes ~2.5 s in its worker** (folds ~1.1 s, links ~1.4 s). It is
  not a target (the body is on screen and answers keys meanwhile; the status line says
  "indexing links and folds..."), but it is where the next speed work would go.
"""


def write_section(text: str) -> None:
    """Put the App section first in docs/PERFORMANCE.md (after the title), keeping the rest."""
    doc = DOC.read_text() if DOC.exists() else "# Performance\n"
    doc = re.sub(r"^## App\n.*?(?=^## |\Z)", "", doc, flags=re.S | re.M)
    title, _, rest = doc.partition("\n")
    DOC.write_text(f"{title}\n\n{text.rstrip()}\n\n{rest.lstrip()}".rstrip("\n") + "\n")


def readme_section(start: dict, big: dict, link: dict) -> str:
    """A short Performance paragraph for README.md with the headline figures."""
    med = statistics.median
    ours, floor = med(start["kexplore"]["frame"]), med(start["floor"]["frame"])
    top = big[max(big, key=float)]
    app, wire = top["app"], top["wire"]
    keys = max(med(v) for k, v in app["keys"].items() if k != "/ enter")
    import textwrap

    text = (
        f"Measured on a shared 2-core machine ({date.today()}), medians: the first frame is "
        f"painted {ours * 1000:.0f} ms after start ({ours / floor:.1f}x an empty Textual app). "
        f"A {top['bytes'] / 2**20:.0f} MB customer list is on screen "
        f"{med(app['send']) * 1000:.0f} ms after it is sent "
        f"({med(app['send']) / med(wire['loads']):.2f}x a plain httpx GET + `json.loads`), "
        f"answers a key {med(app['ui_free']) * 1000:.0f} ms later while it is indexed, then "
        f"moves, folds and jumps in <= {keys * 1000:.0f} ms a key (search: "
        f"{med(app['keys']['/ enter']) * 1000:.0f} ms); the process peaks at "
        f"{app['peak_mb']:.0f} MB (the plain script: {wire['peak_mb']:.0f} MB) and keeps "
        f"{app['shown_mb'] - app['idle_mb']:.0f} MB for it. A small record is painted "
        f"{(med(link['send']) - med(link['httpx'])) * 1000:.0f} ms after plain httpx would have "
        f"it. Every figure, the misses and their causes: [docs/PERFORMANCE.md]"
        "(docs/PERFORMANCE.md#app); `.venv/bin/python benchmarks/bench_app.py --write` re-measures."
    )
    return "## Performance\n\n" + textwrap.fill(text, 100, break_long_words=False) + "\n"


def write_readme(text: str) -> None:
    """Replace README's Performance section, or add it before "## More"."""
    readme = README.read_text()
    pattern = re.compile(r"^## Performance\n.*?(?=^## )", re.S | re.M)
    if pattern.search(readme):
        readme = pattern.sub(lambda _: text + "\n", readme, count=1)
    else:
        readme = readme.replace("\n## More\n", f"\n{text}\n## More\n", 1)
    README.write_text(readme)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", nargs="*", type=float, default=[1, 5, 20])
    parser.add_argument("--only", nargs="*", choices=("start", "big", "link"))
    parser.add_argument("--write", action="store_true", help="rewrite the App section")
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "start":
            child_start(*rest)
        elif kind == "big":
            child_big(rest[0], rest[1], int(rest[2]))
        elif kind == "wire":
            child_wire(rest[0], int(rest[1]))
        elif kind == "link":
            child_link(int(rest[0]))
        return
    parts = set(args.only or ("start", "big", "link"))
    start = measure_start(args.repeat) if "start" in parts else None
    big = measure_big(args.sizes, args.repeat) if "big" in parts else None
    link = run_child(["--child", "link", str(args.repeat)]) if "link" in parts else None
    text = report(start, big, link, args.repeat)
    print(text)
    if args.write:
        if args.only:
            sys.exit("--write needs every part (no --only)")
        write_section(text)
        assert start and big and link
        write_readme(readme_section(start, big, link))
        print(f"written to {DOC} and {README}")


if __name__ == "__main__":
    main()
