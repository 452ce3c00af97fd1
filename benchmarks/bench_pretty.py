"""Measure pretty.py and JsonView on 1, 5 and 20 MB Kustomer-shaped bodies against the stdlib.

Run: .venv/bin/python benchmarks/bench_pretty.py [--sizes 1 5 20] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from make_documents import list_document_bytes  # noqa: E402

from kexplore.core.body.pretty import PrettyJson  # noqa: E402

BASE = "http://127.0.0.1:8787"
KEYS = ("G", "F", "g", "U", "pagedown", "n", "N", "f", "j")


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median, min and max seconds of `repeat` runs of `work`."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs), max(runs)


def indexed(body: bytes) -> PrettyJson:
    pretty = PrettyJson.from_json(body)
    pretty.build_index(BASE)
    return pretty


def time_rows(body: bytes, repeat: int) -> list[tuple[str, tuple[float, float, float]]]:
    """Seconds per step for one body: stdlib, orjson alone, PrettyJson's parts."""
    pretty = indexed(body)
    return [
        ("stdlib json.loads", timed(lambda: json.loads(body), repeat)),
        (
            "stdlib json.loads + dumps(indent=2)",
            timed(lambda: json.dumps(json.loads(body), indent=2), 1),
        ),
        (
            "PrettyJson.from_json (first paint needs this)",
            timed(lambda: PrettyJson.from_json(body), repeat),
        ),
        ("from_json + build_index (worker)", timed(lambda: indexed(body), repeat)),
        ("find_all('hopper') (worker)", timed(lambda: pretty.find_all("hopper"), repeat)),
        (
            "search('zzz-absent', 0): a full miss",
            timed(lambda: pretty.search("zzz-absent", 0), repeat),
        ),
    ]


def peak_rss(mode: str, body: bytes) -> tuple[float, float]:
    """(peak MB, MB still resident at the end) of a fresh process doing `mode` on `body`.

    VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec.
    """
    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        file.write(body)
        file.flush()
        script = _MEMORY_SCRIPT.format(path=str(ROOT), file=file.name, mode=mode)
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    peak, now = (int(x) / 1024 for x in out.stdout.split())
    return peak, now


_MEMORY_SCRIPT = """
import gc, json, sys
sys.path.insert(0, {path!r})
from kexplore.core.body.pretty import PrettyJson
body = open({file!r}, "rb").read()
if {mode!r} == "stdlib":
    kept = json.loads(body)
else:
    from kexplore.core.body.heap import map_big_buffers
    map_big_buffers()  # as the app does (build_app)
    kept = PrettyJson.from_json(body)
    kept.build_index("http://x")
gc.collect()
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(int(status["VmHWM"].split()[0]), int(status["VmRSS"].split()[0]))
"""


async def key_costs(body: bytes) -> list[tuple[str, float]]:
    """Milliseconds of work per key on a shown, indexed body: the action plus every row."""
    from textual.app import App

    from kexplore.widgets.json_view import JsonView

    class Host(App[None]):
        def compose(self):
            yield JsonView()

    app = Host()
    costs = []
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(JsonView)
        view.focus()
        view.show_json(body, BASE)
        await app.workers.wait_for_complete()
        view.search("hopper")
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in KEYS:
            binding = next(b for b in view.BINDINGS if key in b.key.split(","))
            start = time.perf_counter()
            await view.run_action(binding.action)
            for y in range(view.size.height):
                view.render_line(y)
            costs.append((key, (time.perf_counter() - start) * 1000))
            await pilot.pause()
    return costs


async def first_paint(body: bytes) -> float:
    """Seconds from show_json to the first rows of the body being rendered."""
    from textual.app import App

    from kexplore.widgets.json_view import JsonView

    class Host(App[None]):
        def compose(self):
            yield JsonView()

    app = Host()
    async with app.run_test(size=(120, 40)):
        view = app.query_one(JsonView)
        start = time.perf_counter()
        view.show_json(body, BASE)
        while view.document is None:
            await asyncio.sleep(0.002)
        for y in range(view.size.height):
            view.render_line(y)
        elapsed = time.perf_counter() - start
        await app.workers.wait_for_complete()
    return elapsed


class _Body(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


async def end_to_end(body: bytes, repeat: int) -> tuple[float, float]:
    """Median seconds: httpx GET + json.loads, and httpx GET + JsonView's first screen."""
    import httpx
    from textual.app import App

    from kexplore.widgets.json_view import JsonView

    class Host(App[None]):
        def compose(self):
            yield JsonView()

    _Body.body = body
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Body)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    plain, ours = [], []
    app = Host()
    async with app.run_test(size=(120, 40)), httpx.AsyncClient() as client:
        view = app.query_one(JsonView)
        for _ in range(repeat):
            start = time.perf_counter()
            json.loads((await client.get(url)).content)
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            view.show_json((await client.get(url)).content, url)
            while view.document is None:
                await asyncio.sleep(0.002)
            for y in range(view.size.height):
                view.render_line(y)
            ours.append(time.perf_counter() - start)
            await app.workers.wait_for_complete()
    server.shutdown()
    return statistics.median(plain), statistics.median(ours)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{date.today()}, {nproc} CPUs ({cpu}), Python {platform.python_version()}"


def report(sizes: list[float], repeat: int) -> str:
    lines = [f"Measured {machine()}; median of {repeat} (min-max), seconds.", ""]
    for size in sizes:
        body = list_document_bytes(int(size * 2**20))
        lines += [
            f"#### {size:g} MB body ({len(body):,} bytes)",
            "",
            "| step | median | min-max |",
            "| --- | --- | --- |",
        ]
        for name, (median, low, high) in time_rows(body, repeat):
            lines.append(f"| {name} | {median:.3f} | {low:.3f}-{high:.3f} |")
        paint = asyncio.run(first_paint(body))
        lines.append(f"| JsonView: show_json → first screen rendered | {paint:.3f} | one run |")
        plain, ours = asyncio.run(end_to_end(body, repeat))
        lines += [
            f"| httpx GET + json.loads (the plain script) | {plain:.3f} | median |",
            f"| httpx GET + JsonView first screen ({ours / plain:.2f}x; target 1.5x) "
            f"| {ours:.3f} | median |",
        ]
        std_peak, std_kept = peak_rss("stdlib", body)
        our_peak, our_kept = peak_rss("pretty", body)
        lines += [
            "",
            "| memory (fresh process, MB) | peak RSS | RSS after, tree dropped |",
            "| --- | --- | --- |",
            f"| stdlib json.loads (tree kept) | {std_peak:.0f} | {std_kept:.0f} |",
            f"| PrettyJson + build_index | {our_peak:.0f} | {our_kept:.0f} |",
            "",
        ]
        if size >= 20:
            costs = asyncio.run(key_costs(body))
            lines += [
                "| key on the indexed body | ms (action + every visible row) |",
                "| --- | --- |",
            ]
            lines += [f"| `{key}` | {ms:.1f} |" for key, ms in costs]
            lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="*", type=float, default=[1, 5, 20])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(report(args.sizes, args.repeat))


if __name__ == "__main__":
    main()
