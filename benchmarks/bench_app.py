"""End-to-end figures for the whole app, as a user sees them: cold start, big bodies, links.

Run everything (about 6-8 minutes) and rewrite the "App" section of docs/PERFORMANCE.md and
the "Performance" paragraph of README.md from that one run:

    .venv/bin/python benchmarks/bench_app.py --write

`--repeat N` (default 5) runs of each figure; `--sizes 1 20 100` the body sizes in MB; `--only
start big link faults` a part (no --write then). Not part of the test suite (CONVENTIONS 13).

What counts as a frame (benchmarks/probe.py): one Textual actually paints. `App._display` is
handed a renderable outside a `batch_update()` (inside one, `App._batch_count > 0`, Textual
drops it), and the frame is turned into the bytes a terminal receives: on a pseudo-terminal
(cold start) Textual writes them itself; headless (`App.run_test`), where Textual skips that
step, the probe renders the update to ANSI (`render_segments`) before taking the time.

- cold start: a child process on a pseudo-terminal (120x40, xterm-256color, truecolor) builds
  the app as `kexplore --sandbox` does; times from before `Popen` (CLOCK_MONOTONIC, shared) to
  its first painted frame and to its first painted frame that holds the full screen (a
  `LayoutUpdate` of the terminal's whole size, of the app's first screen: MainScreen for
  kexplore, which it pushes on mount over Textual's default screen).
  The floor, a Textual app with one Static, and a screen of stock widgets are measured the
  same way, interleaved with kexplore in the same run (floor, stock, kexplore, floor, ...).
- big bodies / small record / faults: the real app, headless, in a child process per body size
  (so peak RSS is that size's alone), against a loopback HTTP server in this process. Requests
  are sent as a user sends them: the path typed into the builder, then the ctrl+j key. Keys
  are posted as the terminal driver posts them and timed to the first painted frame whose
  state shows the result (e.g. the cursor on the last line after `G`).
- wire floor: a child process doing `httpx.get` + `json.loads` (and `json.dumps(indent=2)`).
- load: `os.getloadavg()` and the CPU every other process used meanwhile (from /proc), given
  beside each part's figures; this machine is shared.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from probe import Frames, LoadWatch  # noqa: E402  (nothing heavy: see probe.py)

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
    """Build the app (kexplore as `--sandbox` does, the floor, or the stock screen), and exit at
    its first painted frame that holds the full screen, noting when the first frame was painted.
    """
    first_screen: type | None = None
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
        from kexplore.screens.main import MainScreen

        first_screen = MainScreen
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
    _exit_at_full_frame(app, first_screen, out_file, built)
    app.run()


def _exit_at_full_frame(app: Any, first_screen: type | None, out_file: str, built: float) -> None:
    """Hook `App._display`: note the first painted frame, exit at the first full-screen one."""
    from textual._compositor import LayoutUpdate

    display = app._display
    painted: list[float] = []

    def hook(screen: Any, renderable: Any) -> None:
        batched = app._batch_count
        display(screen, renderable)  # on a terminal: rendered to ANSI, written and flushed
        if renderable is None or batched:
            return  # not painted: Textual drops updates inside a batch
        now = time.perf_counter()
        painted.append(now)
        full = (
            isinstance(renderable, LayoutUpdate)
            and renderable.region.size == app.size
            and screen is app.screen
            and (first_screen is None or isinstance(screen, first_screen))
        )
        if full and not Path(out_file).exists():
            Path(out_file).write_text(f"{built!r} {painted[0]!r} {now!r} {len(painted)}")
            app.exit()

    app._display = hook


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


def one_start(kind: str) -> dict[str, float]:
    """Seconds from `Popen` to the app built (imports done), its first painted frame, its first
    full-screen frame and its exit, of one cold start on a pseudo-terminal."""
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
        built, first, full, frames = Path(out_file).read_text().split()
    return {
        "built": float(built) - start,
        "painted": float(first) - start,
        "full": float(full) - start,
        "exit": exited,
        "frames": float(frames),
    }


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


START_KINDS = ("floor", "stock", "kexplore")


def measure_start(repeat: int) -> dict[str, Any]:
    """Cold starts of the three apps, interleaved: floor, stock, kexplore, floor, ..."""
    for kind in START_KINDS:
        one_start(kind)  # warm the page cache and .pyc files
    watch = LoadWatch().start()
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in START_KINDS}
    for _ in range(repeat):
        for kind in START_KINDS:
            runs[kind].append(one_start(kind))
    result: dict[str, Any] = {
        kind: {key: [run[key] for run in kind_runs] for key in kind_runs[0]}
        for kind, kind_runs in runs.items()
    }
    result["load"] = watch.stop().as_dict()
    result["imports"] = import_profile()
    result["loaded"] = loaded_modules()
    return result


# --- the app, driven headless ---------------------------------------------------------------


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
    frames: Frames, screen: Any, view: Any, path: str, marks: dict[str, float]
) -> tuple[float, float, Any, float]:
    """Type `path` into the builder and press ctrl+j: (ctrl+j -> first painted body screen,
    bytes in -> that frame, a future: the frame that shows the body indexed, that frame's
    time)."""
    import asyncio

    old = view.document

    def shown() -> bool:
        return (
            view.document is not None
            and view.document is not old
            and view.index_state in ("indexing", "ready")
        )

    painted = frames.expect(shown)
    ready = frames.expect(lambda: shown() and view.index_state == "ready")
    screen.query_one("#path").value = path  # typed (without a frame per character)
    marks.pop("bytes", None)
    start = frames.post("ctrl+j")
    frame = await asyncio.wait_for(painted, 120)
    return frame - start, frame - marks["bytes"], ready, frame


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
    from urllib.parse import urlsplit

    from kexplore.app import build_app
    from kexplore.core.http.request import ApiRequest

    names = ("send", "after_bytes", "ui_free", "ready", "ready_cpu")
    result: dict[str, Any] = {k: [] for k in names}
    parts = urlsplit(url)
    base, path = f"{parts.scheme}://{parts.netloc}", parts.path
    with tempfile.TemporaryDirectory() as folder:
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
            for run in range(max(repeat, 2)):  # two visits at least, for back and forward
                view.focus()
                await pilot.pause()
                sent, after, ready, shown_at = await _send_until_painted(
                    frames, screen, view, path, marks
                )
                cpu = os.times()
                reader = view.reader
                row = reader.cursor
                # The UI answers a key while the index is built.
                free = await frames.key("j", lambda r=reader, c=row: r.cursor == c + 1)
                result["ready"].append(await asyncio.wait_for(ready, 120) - shown_at)
                spent = os.times()  # CPU from the first screen to ready: this process, child
                result["ready_cpu"].append(
                    (
                        spent.user + spent.system - cpu.user - cpu.system,
                        spent.children_user
                        + spent.children_system
                        - cpu.children_user
                        - cpu.children_system,
                    )
                )
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
            result["frame_bytes"] = frames.bytes / max(frames.painted, 1)
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
        # `y` on a line of the last customer: what reaches the terminal is the clipboard's
        # OSC 52 sequence (its toast paints no frame in a headless run): key -> that write.
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
        if run < 2:  # the stdlib's indent path is pure Python: seconds a run on big bodies
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
    """The wire floor and the app on a customer list of each size, each in fresh children."""
    from make_documents import list_document_bytes

    result = {}
    for size in sizes:
        body = list_document_bytes(int(size * 2**20))
        needle = _last_customer_id(body)  # on 6 lines of the last customer
        server = _Server(body)
        watch = LoadWatch().start()
        try:
            wire = run_child(["--child", "wire", server.url, str(repeat)], timeout=900)
            app = run_child(["--child", "big", server.url, needle, str(repeat)], timeout=1800)
        finally:
            server.close()
        result[f"{size:g}"] = {
            "bytes": len(body),
            "wire": wire,
            "app": app,
            "needle": needle,
            "load": watch.stop().as_dict(),
        }
        del body
    return result


def _last_customer_id(body: bytes) -> str:
    """The id of the last customer in a `make_documents` list (without parsing 100 MB)."""
    marker = b'"type":"customer","id":"'
    at = body.rindex(marker) + len(marker)
    return body[at : body.index(b'"', at)].decode()


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
                        await pilot.pause()
                        sent, *_ = await _send_until_painted(frames, screen, view, record, marks)
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


# --- a key while a huge body loads (moved here from tests/reliability) ---------------------

FAULTS = {
    "/f/huger": "30 MB in one JSON string on one line",
    "/f/deeper": "arrays nested 2,000,000 deep (shown as text)",
}


async def drive_faults(repeat: int) -> dict[str, Any]:
    """ctrl+t pressed as soon as a huge body's bytes are in: key -> the tree focused."""
    import asyncio

    from kexplore.app import build_app
    from kexplore.sandbox.server import SandboxConfig, start_sandbox

    spec = "/f/huger=huge-string:30; /f/deeper=deep-nest:2000000"
    sandbox = start_sandbox(SandboxConfig(port=0, customers=5, faults=spec, rate_limit=100_000))
    result: dict[str, Any] = {path: [] for path in FAULTS}
    try:
        with tempfile.TemporaryDirectory() as folder:
            app = build_app(_settings(Path(folder), sandbox.base_url))
            marks: dict[str, float] = {}
            _time_client(app, marks)
            async with app.run_test(size=(120, 40)) as pilot:
                frames = Frames(app)
                await pilot.pause()
                view = app.screen.response_view.json_view
                for _ in range(repeat):
                    for path in FAULTS:
                        view.focus()
                        await pilot.pause()
                        app.screen.query_one("#path").value = path
                        marks.pop("bytes", None)
                        frames.post("ctrl+j")
                        while "bytes" not in marks:  # the body is in; formatting starts
                            await asyncio.sleep(0.001)
                        focused = await frames.key("ctrl+t", lambda: _focused(app, "resource-tree"))
                        result[path].append(focused)
                        await app.workers.wait_for_complete()
                        await pilot.pause()
    finally:
        sandbox.stop()
    return result


def _focused(app: Any, widget_id: str) -> bool:
    return app.focused is not None and app.focused.id == widget_id


def child_faults(repeat: int) -> None:
    import asyncio

    print(json.dumps(asyncio.run(drive_faults(repeat))))


def measure_child(kind: str, repeat: int) -> dict[str, Any]:
    """A headless part in a fresh child, with the machine's load meanwhile."""
    watch = LoadWatch().start()
    result = run_child(["--child", kind, str(repeat)], timeout=900)
    result["load"] = watch.stop().as_dict()
    return result


# --- the run ------------------------------------------------------------------------------

PARTS = ("start", "big", "link", "faults")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", nargs="*", type=float, default=[1, 20, 100])
    parser.add_argument("--only", nargs="*", choices=PARTS)
    parser.add_argument("--write", action="store_true", help="rewrite the App section")
    parser.add_argument("--json", type=Path, help="also save the raw figures there")
    parser.add_argument("--from", dest="saved", type=Path, help="report a run saved by --json")
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
        elif kind == "faults":
            child_faults(int(rest[0]))
        return
    if args.write and args.only:
        sys.exit("--write needs every part (no --only)")
    from app_report import readme_section, report, write_readme, write_section

    wanted = set(args.only or PARTS) if not args.saved else set()
    parts: dict[str, Any] = json.loads(args.saved.read_text()) if args.saved else {}
    if "start" in wanted:
        parts["start"] = measure_start(args.repeat)
    if "big" in wanted:
        parts["big"] = measure_big(args.sizes, args.repeat)
    for kind in ("link", "faults"):
        if kind in wanted:
            parts[kind] = measure_child(kind, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(parts))
    text = report(parts, args.repeat)
    print(text)
    if args.write:
        write_section(text)
        write_readme(readme_section(parts))
        print("written to docs/PERFORMANCE.md and README.md")


if __name__ == "__main__":
    main()
