"""Measure whole-list walks: `kexplore pages` against a plain httpx loop, memory, CSV vs JSONL.

Run:  .venv/bin/python benchmarks/bench_pages.py [--customers 100000] [--rounds 2] [--no-write]

Starts `kexplore sandbox --customers N` in its own process on a free loopback port, then times,
each in a fresh process (so start-up is in every figure alike, and each peak RSS is its own):

- plain: a sync httpx loop over `links.next` at pageSize 100, `orjson.loads` per page, nothing kept;
- jsonl / csv: `kexplore pages /v1/customers?pageSize=100 --output FILE --format jsonl|csv`;
- held: what the app's walk screen holds (every page's items as JSONL chunks) plus the one list
  document `v` shows, and the export of those chunks to JSONL and to CSV.

Writes the "Pages" section at the end of docs/PERFORMANCE.md unless --no-write is given.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx
import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOC = ROOT / "docs" / "PERFORMANCE.md"
KEY = "sandbox-admin-key"
PATH = "/v1/customers?pageSize=100"


def plain_loop(base_url: str) -> None:
    """The floor: GET every page, parse it, follow links.next; print the item count."""
    count = 0
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {KEY}"}) as client:
        url: str | None = PATH
        while url:
            document = orjson.loads(client.get(url).content)
            count += len(document["data"])
            url = document["links"]["next"]
    print(count)


def hold(base_url: str, scratch: Path) -> None:
    """Walk as the app's walk screen does, keep every page, build the list, time exports."""
    from kexplore.core.body.heap import map_big_buffers
    from kexplore.core.history.redaction import Redactor
    from kexplore.core.http.client import ApiClient
    from kexplore.core.http.request import ApiRequest
    from kexplore.core.pages.cursor import start_cursor
    from kexplore.core.pages.export import jsonl_lines, list_document, write_export
    from kexplore.core.pages.walk import PageWalker

    map_big_buffers()  # as the app does at start
    redactor = Redactor.of([KEY])

    async def walk() -> list[bytes]:
        chunks = []
        async with ApiClient(base_url, KEY) as client:
            walker = PageWalker(client)
            async for page in walker.walk(start_cursor(ApiRequest("GET", PATH))):
                chunks.append(jsonl_lines(page.items, redactor))
        return chunks

    chunks = asyncio.run(walk())
    size = sum(map(len, chunks))
    document = list_document(chunks, {"items": 0})
    shown = len(document)
    del document
    times = {}
    for fmt in ("jsonl", "csv"):
        started = time.perf_counter()
        write_export(scratch / f"held.{fmt}", fmt, lambda: chunks, redactor)
        times[fmt] = time.perf_counter() - started
    print(orjson.dumps({"jsonl_bytes": size, "document_bytes": shown, **times}).decode())


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run a process: (seconds, peak RSS in bytes, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    out = process.stdout.read().decode()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv} failed: {status}")
    process.returncode = 0
    return seconds, usage.ru_maxrss * 1024, out


def start_sandbox(customers: int) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = [sys.executable, "-m", "kexplore", "sandbox", "--port", str(port)]
    argv += ["--customers", str(customers), "--rate-limit", "100000000"]
    process = subprocess.Popen(argv, env=child_env(), stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            if httpx.get(f"{base}/v1/customers?pageSize=1").status_code == 401:
                return process, base
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise RuntimeError("the sandbox did not start")
        time.sleep(0.5)


def child_env() -> dict[str, str]:
    home = tempfile.mkdtemp(prefix="bench-pages-home-")
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "HOME": home,
        "XDG_CONFIG_HOME": f"{home}/config",
        "XDG_DATA_HOME": f"{home}/data",
        "KUSTOMER_API_KEY": KEY,
    }


def measure(base: str, rounds: int, scratch: Path) -> dict[str, list]:
    env, me = child_env(), [sys.executable, str(Path(__file__).resolve())]
    results: dict[str, list] = {"plain": [], "jsonl": [], "csv": [], "held": []}
    for _ in range(rounds):
        results["plain"].append(run_child([*me, "--plain", base], env))
        for fmt in ("jsonl", "csv"):
            out = scratch / f"customers.{fmt}"
            argv = [sys.executable, "-m", "kexplore", "pages", PATH, "--base-url", base]
            results[fmt].append(run_child([*argv, "--format", fmt, "--output", str(out)], env))
        results["held"].append(run_child([*me, "--hold", base, str(scratch)], env))
    return results


def report(results: dict[str, list], customers: int, loads: tuple[tuple, tuple]) -> str:
    med = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
    rss = {k: max(r[1] for r in v) for k, v in results.items()}
    held = [orjson.loads(r[2]) for r in results["held"]]
    size = held[0]["jsonl_bytes"]
    export = {f: statistics.median(h[f] for h in held) for f in ("jsonl", "csv")}
    mb = 2**20
    rounds = len(results["plain"])
    lines = [
        "## Pages",
        "",
        f"`benchmarks/bench_pages.py`, {date.today()}, {customers:,} sandbox customers at",
        f"pageSize 100 ({customers // 100:,} pages, {size / mb:,.0f} MB as JSONL), medians of",
        f"{rounds} round(s), each run a fresh process. Load average before / after:",
        f"{loads[0][0]:.2f} / {loads[1][0]:.2f} (2 cores shared with other work).",
        "",
        "| run | time | vs plain | peak RSS |",
        "|---|---|---|---|",
    ]
    names = {
        "plain": "plain httpx loop (GET, orjson.loads, follow next)",
        "jsonl": "`kexplore pages --format jsonl --output F`",
        "csv": "`kexplore pages --format csv --output F`",
        "held": "walk holding every page as the app does, + list document",
    }
    for key, name in names.items():
        ratio = med[key] / med["plain"]
        lines.append(f"| {name} | {med[key]:.1f} s | {ratio:.2f}x | {rss[key] / mb:,.0f} MB |")
    lines += [
        "",
        f"- Walk vs plain loop: {med['jsonl'] / med['plain']:.2f}x (target <= 1.2x).",
        f"- Peak RSS holding the items: {rss['held'] / mb:,.0f} MB = "
        f"{rss['held'] / size:.2f}x their JSONL size (target < 4x); it includes the one list",
        f"  document `v` builds ({held[0]['document_bytes'] / mb:,.0f} MB).",
        f"- CSV vs JSONL, whole command: {med['csv'] / med['jsonl']:.2f}x (target < 1.5x).",
        f"- Export alone from held pages: JSONL {export['jsonl']:.2f} s, CSV {export['csv']:.2f} s"
        f" ({export['csv'] / export['jsonl']:.1f}x: JSONL is a copy of bytes already held, CSV",
        "  parses and flattens every item; `kexplore pages` does that while pages arrive).",
    ]
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    doc = DOC.read_text()
    doc = re.sub(r"\n## Pages\n.*?(?=\n## |\Z)", "\n", doc, flags=re.S).rstrip("\n")
    DOC.write_text(doc + "\n\n" + text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--plain", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--hold", nargs=2, metavar=("URL", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plain:
        return plain_loop(args.plain)
    if args.hold:
        return hold(args.hold[0], Path(args.hold[1]))
    sandbox, base = start_sandbox(args.customers)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-pages-") as scratch:
            before = os.getloadavg()
            results = measure(base, args.rounds, Path(scratch))
            text = report(results, args.customers, (before, os.getloadavg()))
    finally:
        sandbox.terminate()
        sandbox.wait()
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
