"""jq over a body (libjq through the `jq` package): results as one JSON text, errors placed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

__all__ = [
    "JqError",
    "JqResult",
    "as_program",
    "check_program",
    "jq_values",
    "result_of",
    "run_jq",
]

_POSITION = re.compile(r"line (\d+)(?:, column (\d+))?")
_STEP = r'(?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])'
_Y_PATH = re.compile(rf'^(?:[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]){_STEP}*$')
"""A path as `y` copies it (`data[0].attributes.name`): jq wants a leading dot."""


class JqError(ValueError):
    """A jq program that does not compile, or that failed on the body.

    Args:
        message: What jq said, first line only, without its `jq: error:` prefix.
        line: The line of the program it points at (compile errors), if any.
        column: The column there, if jq gave one.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        """What went wrong."""
        self.line = line
        """The 1-based line of the program, for a compile error."""
        self.column = column
        """The 1-based column of the program, when jq says it."""

    def describe(self) -> str:
        """`line 1, column 6: syntax error, unexpected end of file` (or just the message)."""
        if self.line is None:
            return self.message
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"

    @classmethod
    def from_jq(cls, text: str) -> JqError:
        """Parse the text of a libjq error into a message and a position."""
        first = text.strip().splitlines()[0] if text.strip() else "jq failed"
        message = first.removeprefix("jq: error: ").removeprefix("jq: error")
        position = _POSITION.search(message)
        if position is None:
            return cls(message.strip())
        message = (
            message[: message.rfind(" at <top-level>")] if "<top-level>" in message else message
        )
        column = int(position.group(2)) if position.group(2) else None
        return cls(message.strip().rstrip(":"), int(position.group(1)), column)


@dataclass(frozen=True)
class JqResult:
    """What a program produced, as one JSON text a body view can show."""

    body: bytes
    """The single result, or an array of the results when there are several (compact)."""
    outputs: int
    """How many values the program emitted."""
    count: int
    """How many results to report: the items of a single array result, else `outputs`."""


def as_program(text: str) -> str:
    """The jq program for what was typed: a path as `y` copies it (`data[0].name`), which jq
    would read as a call of an unknown function, gets its leading dot."""
    program = text.strip()
    if program.startswith(".") or not _Y_PATH.match(program):
        return program
    try:
        check_program(program)
    except JqError:
        return f".{program}"
    return program  # a builtin such as `length` or `keys`


def check_program(program: str) -> Any:
    """Compile `program`, raising JqError (with its position) when it does not compile."""
    import jq

    try:
        return jq.compile(program)
    except ValueError as error:
        raise JqError.from_jq(str(error)) from None


def result_of(values: list[Any]) -> JqResult:
    """A program's output values as one JSON text, with how many there were."""
    single = len(values) == 1
    value = values[0] if single else values
    count = len(value) if single and isinstance(value, list) else len(values)
    return JqResult(orjson.dumps(value), len(values), count)


def jq_values(program: str, text: str) -> list[Any]:
    """Every value `program` emits over the JSON `text`, in this process (libjq holds the
    GIL meanwhile: see jq_process.py for a UI).

    Raises:
        JqError: the program does not compile, or failed on this input.
    """
    compiled = check_program(program)
    try:
        return compiled.input_text(text).all()
    except ValueError as error:
        raise JqError.from_jq(str(error)) from None


def run_jq(program: str, text: str) -> JqResult:
    """`jq_values` as one JSON text (see `result_of`).

    Raises:
        JqError: the program does not compile, or failed on this input.
    """
    return result_of(jq_values(program, text))
