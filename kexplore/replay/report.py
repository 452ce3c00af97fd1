"""Replay reports: a text line per entry, a summary, a JSON document and JUnit XML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import orjson

from kexplore.core.body.inert import one_line
from kexplore.core.history.replay import ReplayResult

__all__ = [
    "ReplayRun",
    "dump_lines",
    "format_line",
    "format_summary",
    "json_report",
    "junit_report",
]

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PATH_WIDTH = 70


@dataclass(frozen=True)
class ReplayRun:
    """One replay of a file, for the reports."""

    file: str
    """The history or collection file replayed."""
    base_url: str
    """Where the entries were sent."""
    results: tuple[ReplayResult, ...]
    """One per entry, in the order sent."""
    seconds: float
    """Wall-clock time for the whole run."""
    diff: bool = False
    """Whether bodies were compared."""

    def count(self, outcome: str) -> int:
        """How many results had `outcome` (ok, diff, error)."""
        return Counter(result.outcome for result in self.results)[outcome]


def _status(status: int | None) -> str:
    return "---" if status is None else str(status)


def _change(result: ReplayResult) -> str:
    """`200 -> 404`; `2xx -> 200` when any success will do; `---` for no status."""
    old = "2xx" if result.expects_success else _status(result.old_status)
    return f"{old} -> {_status(result.new_status)}"


def format_line(result: ReplayResult, *, diff: bool = False) -> str:
    """`GET /v1/customers/c1  200 -> 404  9 ms  DIFF`, and indented diff lines below it.

    Args:
        result: one replayed entry.
        diff: whether bodies were being compared (adds the diff lines, or a note).
    """
    name = f"{one_line(result.entry.name, 40)}: " if result.entry.name else ""
    head = f"{name}{result.method} {one_line(result.path, _PATH_WIDTH)}"
    change = _change(result)
    if result.error is not None:
        return f"{head}  {change}  ERROR {one_line(result.error, 160)}{_identity_note(result)}"
    line = f"{head}  {change}  {result.elapsed_ms:.0f} ms{_identity_note(result)}"
    line += f"  {result.outcome.upper()}"
    if result.retries:
        line += f"  (retried {result.retries}x after 429)"
    details = [f"    {one_line(text, 200)}" for text in result.diff]
    if diff and not result.compared:
        details.append("    (no kept body to compare)")
    details += [
        f"    warning: --ignore {one_line(p, 80)} matched nothing in either body"
        for p in result.unmatched_ignores
    ]
    return "\n".join([line, *details])


def _identity_note(result: ReplayResult) -> str:
    """`  [sandbox · admin key]`, and `RETARGETED` when it went somewhere new."""
    if result.identity is None:
        return ""
    note = f"  [{one_line(result.identity.describe(), 80)}]"
    return note + "  RETARGETED" if result.retargeted else note


def format_summary(run: ReplayRun) -> str:
    """`12 replayed in 3.4 s: 10 OK, 1 DIFF, 1 ERROR`."""
    counts = ", ".join(f"{run.count(o)} {o.upper()}" for o in ("ok", "diff", "error"))
    return f"{len(run.results)} replayed in {run.seconds:.1f} s: {counts}"


def json_report(run: ReplayRun) -> bytes:
    """The run as an indented JSON document (summary, then one object per entry)."""
    document = {
        "file": run.file,
        "base_url": run.base_url,
        "summary": {
            "total": len(run.results),
            **{outcome: run.count(outcome) for outcome in ("ok", "diff", "error")},
            "seconds": round(run.seconds, 3),
        },
        "results": [_result_object(result) for result in run.results],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def _result_object(result: ReplayResult) -> dict[str, object]:
    return {
        "id": result.entry.id,
        "name": result.entry.name,
        "method": result.method,
        "path": result.path,
        "expected_status": result.old_status,
        "new_status": result.new_status,
        "outcome": result.outcome,
        "error": result.error,
        "elapsed_ms": round(result.elapsed_ms, 1),
        "retries": result.retries,
        "compared": result.compared,
        "diff": list(result.diff),
        "target": result.identity.target if result.identity else None,
        "credential": result.identity.credential if result.identity else None,
        "retargeted": result.retargeted,
        "unmatched_ignores": list(result.unmatched_ignores),
    }


def junit_report(run: ReplayRun) -> bytes:
    """The run as JUnit XML: one testcase per entry, a failure for each difference."""
    failures, errors = str(run.count("diff")), str(run.count("error"))
    counts = {"tests": str(len(run.results)), "failures": failures, "errors": errors}
    seconds = f"{run.seconds:.3f}"
    root = ET.Element("testsuites", name="kexplore replay", time=seconds, **counts)
    suite = ET.SubElement(root, "testsuite", name=_xml(run.file), time=seconds, **counts)
    ET.SubElement(
        ET.SubElement(suite, "properties"), "property", name="base_url", value=run.base_url
    )
    for result in run.results:
        _testcase(suite, result)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _testcase(suite: ET.Element, result: ReplayResult) -> None:
    name = f"{result.method} {result.path} [{result.entry.label}]"
    case = ET.SubElement(
        suite,
        "testcase",
        classname="kexplore.replay",
        name=_xml(name),
        time=f"{result.elapsed_ms / 1000:.3f}",
    )
    change = f"status {_change(result)}"
    if result.outcome == "error":
        error = ET.SubElement(case, "error", message=_xml(result.error or ""), type="ApiError")
        error.text = _xml(f"{change}: {result.error}")
    elif result.outcome == "diff":
        kind = "status" if result.status_differs else "body"
        message = change if result.status_differs else f"body differs ({len(result.diff)} lines)"
        failure = ET.SubElement(case, "failure", message=_xml(message), type=kind)
        failure.text = _xml("\n".join([change, *result.diff]))


def _xml(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _XML_INVALID.sub("\ufffd", text)


def dump_lines(results: Sequence[ReplayResult], *, diff: bool) -> str:
    """All the text lines of a run, for a text report written to a file."""
    return "".join(format_line(result, diff=diff) + "\n" for result in results)
