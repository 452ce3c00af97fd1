"""bench_app.py's report: the App section of docs/PERFORMANCE.md and README's paragraph."""

from __future__ import annotations

import os
import platform
import re
import statistics
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

from probe import Load

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "PERFORMANCE.md"
README = ROOT / "README.md"
LISTED_KEYS = ("G", "g", "pagedown", "F", "U", "n", "y")
"""The keys the issue lists, each with a 30 ms target."""

med = statistics.median


def ms(values: list[float]) -> float:
    """The median of `values` (seconds) in milliseconds."""
    return med(values) * 1000


def fmt_ms(values: list[float]) -> str:
    """`median (min-max)` in milliseconds, from seconds."""
    return f"{ms(values):.0f} ({min(values) * 1000:.0f}-{max(values) * 1000:.0f})"


def load_text(part: dict[str, Any]) -> str:
    return Load.from_dict(part["load"]).text()


def load_cell(part: dict[str, Any]) -> str:
    load = Load.from_dict(part["load"])
    return f"{load.loadavg[0]:.1f} / {load.others:.2f}"


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


def report(parts: dict[str, Any], repeat: int) -> str:
    """The App section, from one run's parts (`start`, `big`, `link`, `faults`)."""
    summary = [
        "| Target | Measured | Ratio | | Load: 1-min avg / other processes' cores |",
        "| --- | --- | --- | --- | --- |",
    ]
    body: list[str] = []
    if parts.get("start"):
        _start(parts["start"], summary, body)
    if parts.get("big"):
        _big(parts["big"], summary, body)
    if parts.get("link"):
        _link(parts["link"], summary, body)
    if parts.get("faults"):
        _faults(parts["faults"], summary, body)
    return "\n".join([*_head(repeat), *summary, "", *body, WHY])


def _head(repeat: int) -> list[str]:
    return [
        "## App",
        "",
        "Run: `.venv/bin/python benchmarks/bench_app.py --write` (6-8 minutes; rewrites this",
        "section and README's Performance paragraph from one run). What the user sees: a frame",
        "counts only when Textual paints it (outside a `batch_update`, `App._batch_count == 0`)",
        "and is turned into the bytes a terminal receives; requests are sent by typing the path",
        "and pressing ctrl+j; the one-Static floor app is started the same way, interleaved with",
        "kexplore in the same run. The script's docstring says exactly what each figure is.",
        "",
        f"Measured {machine()}; median of {repeat} runs (min-max), milliseconds. **A shared",
        "machine**: beside each part, the 1-minute load average and the CPU other processes used",
        "meanwhile (in cores, of 2), from /proc.",
        "",
    ]


def _row(target: str, measured: str, ratio: str, ok: bool | None, part: dict) -> str:
    mark = verdict(ok) if ok is not None else ""
    return f"| {target} | {measured} | {ratio} | {mark} | {load_cell(part)} |"


def _start(start: dict[str, Any], summary: list[str], body: list[str]) -> None:
    floor, stock, ours = start["floor"], start["stock"], start["kexplore"]
    ratio = ms(ours["full"]) / ms(floor["full"])
    summary.append(
        _row(
            "cold start: first full-screen frame <= 1.5x the one-Static app",
            f"{ms(ours['full']):.0f} ms vs {ms(floor['full']):.0f} ms",
            f"{ratio:.2f}x",
            ratio <= 1.5,
            start,
        )
    )
    rows = [("floor: a Textual app with one Static", floor)]
    rows += [("the same screen made of stock Textual widgets, no kexplore code", stock)]
    rows += [("kexplore --sandbox (built as cli.py does)", ours)]
    body += [
        "### Cold start",
        "",
        "| process | imports done, app built | first painted frame | first full-screen frame "
        "| exit | frames painted until then |",
        "| --- | --- | --- | --- | --- | --- |",
        *(
            f"| {name} | {fmt_ms(run['built'])} | {fmt_ms(run['painted'])} "
            f"| {fmt_ms(run['full'])} | {fmt_ms(run['exit'])} | {med(run['frames']):.0f} |"
            for name, run in rows
        ),
        f"| ratio of medians, kexplore / one Static | {ms(ours['built']) / ms(floor['built']):.2f}x"
        f" | {ms(ours['painted']) / ms(floor['painted']):.2f}x | {ratio:.2f}x "
        f"| {ms(ours['exit']) / ms(floor['exit']):.2f}x | |",
        f"| ratio of medians, stock screen / one Static "
        f"| {ms(stock['built']) / ms(floor['built']):.2f}x "
        f"| {ms(stock['painted']) / ms(floor['painted']):.2f}x "
        f"| {ms(stock['full']) / ms(floor['full']):.2f}x "
        f"| {ms(stock['exit']) / ms(floor['exit']):.2f}x | |",
        "",
        f"Load meanwhile: {load_text(start)}.",
        "",
        "Imports before the first frame (`python -X importtime`, ms of self time summed per",
        "top-level package, one run; importtime inflates them): "
        + ", ".join(f"{name} {value:.0f}" for name, value in start["imports"])
        + ". Heavy packages already loaded when MainScreen is composed: "
        + (", ".join(start["loaded"]) or "none")
        + ".",
        "",
    ]


def _big(big: dict[str, Any], summary: list[str], body: list[str]) -> None:
    body += [
        "### Big responses",
        "",
        "| body | wire floor: httpx GET + json.loads | (+ json.dumps indent=2) | app: ctrl+j -> "
        "first body screen | ratio | bytes in -> first screen | first screen -> a key answered "
        "| first screen -> folds, links, search ready |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    mem = [
        "| body | wire floor peak RSS | app peak RSS | / wire floor | / body | app idle RSS "
        "| app RSS, body shown + indexed | retained over idle | retained / body |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    loads, keys = [], []
    for size, figures in big.items():
        wire, app, mb = figures["wire"], figures["app"], figures["bytes"] / 2**20
        ratio = ms(app["send"]) / ms(wire["loads"])
        body.append(
            f"| {mb:.1f} MB | {fmt_ms(wire['loads'])} | {fmt_ms(wire['dumps'])} "
            f"| {fmt_ms(app['send'])} | {ratio:.2f}x | {fmt_ms(app['after_bytes'])} "
            f"| {fmt_ms(app['ui_free'])} | {fmt_ms(app['ready'])} |"
        )
        retained = app["shown_mb"] - app["idle_mb"]
        mem.append(
            f"| {mb:.1f} MB | {wire['peak_mb']:.0f} MB | {app['peak_mb']:.0f} MB "
            f"| {app['peak_mb'] / wire['peak_mb']:.2f}x | {app['peak_mb'] / mb:.2f}x "
            f"| {app['idle_mb']:.0f} MB | {app['shown_mb']:.0f} MB | {retained:.0f} MB "
            f"| {retained / mb:.1f}x |"
        )
        loads.append(f"{mb:.0f} MB: {load_text(figures)}.")
        cpu = app.get("ready_cpu")
        if cpu:
            here, child = med([c[0] for c in cpu]), med([c[1] for c in cpu])
            loads.append(
                f"{mb:.0f} MB, first screen -> ready, CPU: the app {here * 1000:.0f} ms (all its"
                f" threads), the forked indexing child {child * 1000:.0f} ms; on a quiet"
                " 2-core machine the wall time is about the larger of the two."
            )
        keys += _keys_table(figures, mb)
        _big_targets(size, figures, summary)
    body += ["", *mem, "", "Load meanwhile: " + " ".join(loads), "", *keys]


def _keys_table(figures: dict[str, Any], mb: float) -> list[str]:
    keys = figures["app"]["keys"]
    if not keys:
        return []
    return [
        f"Keys on the shown, indexed {mb:.1f} MB body, key -> painted frame (search: enter in",
        "the search bar holding the last customer's id -> the first match shown):",
        "",
        "| " + " | ".join(f"`{k}`" for k in keys) + " |",
        "| " + " | ".join("---" for _ in keys) + " |",
        "| " + " | ".join(fmt_ms(v) for v in keys.values()) + " |",
        "",
        "Back / forward between two visits of this body (alternating alt+left and alt+right),",
        f"key -> first screen: {fmt_ms(figures['app']['trail'])} ms. A frame averaged "
        f"{figures['app']['frame_bytes'] / 1024:.1f} KB of terminal output.",
        "",
    ]


def _big_targets(size: str, figures: dict[str, Any], summary: list[str]) -> None:
    wire, app, mb = figures["wire"], figures["app"], figures["bytes"] / 2**20
    ratio = ms(app["send"]) / ms(wire["loads"])
    if size == "1":
        after = ms(app["after_bytes"])
        summary.append(
            _row(
                "1 MB: bytes in -> first screen <= 250 ms",
                f"{after:.0f} ms",
                f"{after / 250:.2f}x",
                after <= 250,
                figures,
            )
        )
    if size == "20":
        ready, search = ms(app["ready"]), ms(app["keys"]["/ enter"])
        worst = max(LISTED_KEYS, key=lambda k: med(app["keys"][k]))
        slowest = ms(app["keys"][worst])
        peak = app["peak_mb"] / wire["peak_mb"]
        retained = app["shown_mb"] - app["idle_mb"]
        summary += [
            _row(
                "20 MB: ctrl+j -> first screen <= 1.5x wire floor",
                f"{ms(app['send']):.0f} ms vs {ms(wire['loads']):.0f} ms",
                f"{ratio:.2f}x",
                ratio <= 1.5,
                figures,
            ),
            _row(
                "20 MB: folds, links, search ready <= 1.5 s after the first screen",
                f"{ready:.0f} ms",
                f"{ready / 1500:.2f}x",
                ready <= 1500,
                figures,
            ),
            _row(
                "20 MB: a key answered <= 100 ms after the first screen",
                f"{ms(app['ui_free']):.0f} ms",
                f"{ms(app['ui_free']) / 100:.2f}x",
                ms(app["ui_free"]) <= 100,
                figures,
            ),
            _row(
                "20 MB: every listed key (G g pagedown F U n y) -> frame <= 30 ms",
                f"slowest median: `{worst}` {slowest:.0f} ms",
                f"{slowest / 30:.2f}x",
                slowest <= 30,
                figures,
            ),
            _row(
                "20 MB: search, enter -> frame with the first match <= 100 ms",
                f"{search:.0f} ms",
                f"{search / 100:.2f}x",
                search <= 100,
                figures,
            ),
            _row(
                "20 MB: peak RSS <= wire floor peak",
                f"{app['peak_mb']:.0f} MB vs {wire['peak_mb']:.0f} MB",
                f"{peak:.2f}x",
                peak <= 1,
                figures,
            ),
            _row(
                "20 MB: retained RSS <= 4x body",
                f"{retained:.0f} MB",
                f"{retained / mb / 4:.2f}x",
                retained <= 4 * mb,
                figures,
            ),
            _row(
                "20 MB: back / forward -> first screen <= 30 ms",
                f"{ms(app['trail']):.0f} ms",
                f"{ms(app['trail']) / 30:.2f}x",
                ms(app["trail"]) <= 30,
                figures,
            ),
        ]
    if size == "100":
        peak = app["peak_mb"] / mb
        summary += [
            _row(
                "100 MB: ctrl+j -> first screen <= 1.5x wire floor",
                f"{ms(app['send']):.0f} ms vs {ms(wire['loads']):.0f} ms",
                f"{ratio:.2f}x",
                ratio <= 1.5,
                figures,
            ),
            _row(
                "100 MB: peak RSS < 2.5x the body",
                f"{app['peak_mb']:.0f} MB",
                f"{peak:.2f}x",
                peak < 2.5,
                figures,
            ),
        ]


def _link(link: dict[str, Any], summary: list[str], body: list[str]) -> None:
    send_gap = ms(link["send"]) - ms(link["httpx"])
    follow_gap = ms(link["follow"]) - ms(link["httpx_link"])
    back, fwd = ms(link["back"]), ms(link["fwd"])
    summary += [
        _row(
            f"{link['record_bytes'] / 1024:.1f} KB record: ctrl+j -> painted <= httpx + 25 ms",
            f"{ms(link['send']):.0f} ms vs {ms(link['httpx']):.0f} ms",
            f"+{send_gap:.0f} ms",
            send_gap <= 25,
            link,
        ),
        _row(
            "follow a link: enter -> painted <= httpx + 25 ms",
            f"{ms(link['follow']):.0f} ms vs {ms(link['httpx_link']):.0f} ms",
            f"+{follow_gap:.0f} ms",
            follow_gap <= 25,
            link,
        ),
        _row(
            "back / forward: key -> frame <= 30 ms",
            f"{back:.0f} / {fwd:.0f} ms",
            f"{max(back, fwd) / 30:.2f}x",
            max(back, fwd) <= 30,
            link,
        ),
    ]
    body += [
        "### A small record, a link, back and forward (the sandbox)",
        "",
        f"Record `GET /v1/customers/<id>` ({link['record_bytes']:,} bytes); the link followed"
        f" is `{link['link']}`. Plain httpx: a warm `AsyncClient` in the same process.",
        "",
        "| step | ms |",
        "| --- | --- |",
        f"| plain httpx GET of the record | {fmt_ms(link['httpx'])} |",
        f"| app: ctrl+j -> record painted | {fmt_ms(link['send'])} |",
        f"| plain httpx GET of the link | {fmt_ms(link['httpx_link'])} |",
        f"| app: enter on the link line -> new record painted | {fmt_ms(link['follow'])} |",
        f"| app: alt+left -> previous record painted | {fmt_ms(link['back'])} |",
        f"| app: alt+right -> next record painted | {fmt_ms(link['fwd'])} |",
        "",
        f"Load meanwhile: {load_text(link)}.",
        "",
    ]


def _faults(faults: dict[str, Any], summary: list[str], body: list[str]) -> None:
    from bench_app import FAULTS

    worst = max(ms(faults[path]) for path in FAULTS)
    summary.append(
        _row(
            "huge bodies: ctrl+t while one is formatted -> frame <= 1 s (the test's old bound)",
            f"slowest median {worst:.0f} ms",
            f"{worst / 1000:.2f}x",
            worst <= 1000,
            faults,
        )
    )
    body += [
        "### A key while a huge body is formatted (the faults sandbox)",
        "",
        "ctrl+t pressed as soon as the body's bytes are in -> the frame with the tree focused.",
        "",
        "| body | ms |",
        "| --- | --- |",
        *(f"| `{path}`: {what} | {fmt_ms(faults[path])} |" for path, what in FAULTS.items()),
        "",
        f"Load meanwhile: {load_text(faults)}.",
        "",
    ]


WHY = """### What changed in this round, and why the rest still misses

This round measures what the user sees, so its figures are not comparable with the previous
round's (423 ms cold start, 12 ms keys, 90 ms search, +35 ms small record): those counted a
frame composed inside Textual's start-up `batch_update()` that is never painted, skipped
turning frames into terminal output, and sent requests without the ctrl+j path. Diagnosed
2026-11-29 with cProfile, per-process CPU times (`os.times`, `getrusage`) and /proc.

Fixed:
- **Folds, links and search ready on 20 MB: one core's ~2.3 s of work became ~1 s on each of
  two.** Bracket matching is vectorised (`core/body/brackets.py`: at each depth opening and
  closing lines alternate, so a stable sort by depth pairs them; depths, parents and positions
  come from merges and prefix sums, with no per-container Python loop): 0.94 -> 0.6 s. Link
  placement reads the text only (a closing line is the next line with the same indentation and
  its bracket, one `bytes.find`), so it no longer waits for the containers. And the work is
  shared with a forked child (`core/body/forked.py`, `core/body/indexing.py`): the child matches
  the containers and walks the last quarter of the groups for links, the app walks the first
  three quarters and places each group's links as it goes: CPU ~1.1 s in the app and ~0.9 s in
  the child, 1.2-1.5 s wall on a quiet machine measured on the core alone (one process: 2.25 s
  of CPU). The child's temporary lists never count in the app's memory; the app's own peak while
  indexing is ~11 MB higher than before (the rows).
- **Every shape is formatted a slice at a time** (`core/body/pretty_slices.py`): any array or
  object is cut into runs of children of ~512 KB, and a child over 2 MB is cut itself (a list
  under `data`, one huge nested array, an array of scalars, a giant object, one big resource).
  Cuts are found by counting brackets outside strings, with the lowest depth on the way, and
  proved by parsing; containers are cut only where `extract_links` reads each child on its own,
  so links equal a whole parse (tests for each shape, and 100 MB).
- **A 30 MB one-line string froze the UI for ~7 s**: the old search for member arrays ran a
  regular expression (`"(?:[^"\\\\]|\\\\.)*"`) over the whole string without releasing the GIL.
  The new cutter skips strings with the unrolled form; formatting that body takes ~0.75 s and a
  key pressed meanwhile is answered (the faults table).
- **No timed assertion in the tests.** The huge-body key check is the faults table here; the
  seeding figures are `benchmarks/bench_sandbox.py` (see Sandbox).

Still missed, with the measurement that shows why:
- **Cold start, first full-screen frame <= 1.5x the one-Static app.** The same screen made of
  stock Textual widgets only (`_stock_app` in bench_app.py: same layout, widget classes and
  counts, no kexplore code) takes 1.66-1.74x the floor by itself in this round's runs, so 1.5x
  is below what Textual paints this screen in. kexplore is ~1.6x the stock screen. A profile of
  start -> MainScreen painted (cProfile, headless): styles are applied 714 times to 283 nodes
  (2.5 a node, 0.36 s of 1.08 s profiled), of which 78 restyles of subtrees
  (`update_node_styles`, 0.26 s) come from classes and focus set while mounting; CSS sources are
  parsed 18 times (0.08 s); 8 widgets recompose during start-up (0.04 s). The cuts are in files
  this round could not touch (screens/main.py, widgets/, app.py): give widgets their start-up
  classes in `__init__` (`classes=`) instead of `set_class` in `on_mount`, focus once after the
  first paint, and avoid reactive `recompose` before the first frame; upper bound of the gain:
  the 0.26 s + 0.04 s profiled share (about 25 % of mount-to-paint).
- **20 MB ready <= 1.5 s on a quiet machine** was not shown: no quiet moment came during this
  session (other engineers' test suites used 0.4-1.0 of the two cores in every run; the figure
  is taken under that load, given beside it). The work itself is 1.0-1.3 s of CPU in the app
  (all its threads, the UI's frames included) and ~0.95 s in the indexing child (the CPU line
  under the Big responses table): with two free cores the wall time would be about the larger of
  the two; measured on the core alone on a quiet machine it is 1.2-1.5 s. The runs' medians
  (1.56-2.3 s over this session's runs) are what the load left. Further cuts would go into the
  link walk (`extract_item_links`, ~0.5 s, in core/browse, not this round's) and re-parsing the
  groups for it (~0.3 s).
- **100 MB peak < 2.5x the body is below the floor of keeping its pretty text.** The pretty text
  of a 100 MB list is 172 MB (1.73x: indentation), the received body (100 MB) is still held
  while it is made, and the idle app is ~59 MB: (100 + 172 + 59) / 100 = 3.3x before any index.
  The measured peak is 4.3-4.7x over this session's runs (still 0.65-0.7x the plain script's
  `json.loads`); the remaining ~1-1.4x was not attributed in this round (candidates: httpx
  joining the received chunks, the 6.9 M line starts copied while they are completed, the link
  rows).
- **Following a link: +38 ms over httpx in this run** (target +25 ms); the same code gave +20 to
  +24 ms in this session's three earlier runs, so this is within the run-to-run spread on this
  machine; the min of this run is in the table.
- **`y` has no frame of its own in a headless run**: its output is the clipboard's OSC 52
  sequence, so it is timed to that write; its "Copied" toast never reached `_display` in these
  runs (worth a look by whoever owns screens/main.py).
"""


def write_section(text: str) -> None:
    """Put the App section first in docs/PERFORMANCE.md (after the title), keeping the rest."""
    doc = DOC.read_text() if DOC.exists() else "# Performance\n"
    doc = re.sub(r"^## App\n.*?(?=^## |\Z)", "", doc, flags=re.S | re.M)
    title, _, rest = doc.partition("\n")
    DOC.write_text(f"{title}\n\n{text.rstrip()}\n\n{rest.lstrip()}".rstrip("\n") + "\n")


def readme_section(parts: dict[str, Any]) -> str:
    """README's Performance paragraph: the headline figures of the same run."""
    start, big, link = parts["start"], parts["big"], parts["link"]
    floor, ours = ms(start["floor"]["full"]), ms(start["kexplore"]["full"])
    twenty = big.get("20") or big[max(big, key=float)]
    app, wire = twenty["app"], twenty["wire"]
    slowest = max(ms(app["keys"][k]) for k in LISTED_KEYS)
    text = (
        f"Measured on a shared 2-core machine ({date.today()}; load averages and other "
        "processes' CPU are given beside each figure in the details), medians, every frame "
        "counted when Textual paints it and turned into terminal output: the first full "
        f"screen is painted {ours:.0f} ms after start ({ours / floor:.2f}x a one-Static "
        f"Textual app). A {twenty['bytes'] / 2**20:.0f} MB customer list is on screen "
        f"{ms(app['send']):.0f} ms after ctrl+j ({ms(app['send']) / ms(wire['loads']):.2f}x a "
        "plain httpx GET + `json.loads`), its folds, links and search are ready "
        f"{ms(app['ready']):.0f} ms later, keys take <= {slowest:.0f} ms to their frame and "
        f"search {ms(app['keys']['/ enter']):.0f} ms; the process peaks at "
        f"{app['peak_mb']:.0f} MB (the plain script: {wire['peak_mb']:.0f} MB) and keeps "
        f"{app['shown_mb'] - app['idle_mb']:.0f} MB for it."
    )
    if "100" in big:
        hundred = big["100"]
        text += (
            f" A 100 MB list: on screen in {ms(hundred['app']['send']):.0f} ms "
            f"({ms(hundred['app']['send']) / ms(hundred['wire']['loads']):.2f}x the plain "
            f"script), peak {hundred['app']['peak_mb']:.0f} MB."
        )
    gap = ms(link["send"]) - ms(link["httpx"])
    stock = ms(start["stock"]["full"]) / floor
    text += (
        f" A small record is painted {gap:.0f} ms after plain httpx would have it. Missed: the "
        f"cold start's 1.5x (the same screen of stock Textual widgets alone is {stock:.2f}x)"
    )
    if app.get("ready_cpu"):
        here = med([c[0] for c in app["ready_cpu"]]) * 1000
        child = med([c[1] for c in app["ready_cpu"]]) * 1000
        text += (
            f"; the 1.5 s to ready, measured under other processes' load (the work is "
            f"{here:.0f} ms of CPU in the app and {child:.0f} ms in its indexing child, on "
            "two cores)"
        )
    if "100" in big:
        text += "; 100 MB under 2.5x its size (body + pretty text + idle app alone are 3.3x)"
    follow = ms(link["follow"]) - ms(link["httpx_link"])
    if follow > 25:
        text += f"; a link followed in httpx + 25 ms (+{follow:.0f} ms in this run)"
    text += (
        ". Every figure, the misses and their causes: [docs/PERFORMANCE.md]"
        "(docs/PERFORMANCE.md#app); `.venv/bin/python benchmarks/bench_app.py --write` "
        "re-measures."
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
