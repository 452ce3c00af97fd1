"""The jq child process: started ahead of need, it waits for a program and a body on stdin.

Input: the program as one JSON string on the first line, then the body to EOF. Output: a
header line (`{"outputs": N, "count": N}` or `{"error": ..., "line": ..., "column": ...}`),
then the result as one JSON text. Kept free of asyncio and the app: it starts in ~50 ms.
"""

from __future__ import annotations

import sys

import orjson

from kexplore.core.act.jq_filter import JqError, check_program, result_of

__all__ = ["main"]


def main() -> int:
    """Serve one run: read the program and the body, write the header and the result."""
    import jq  # noqa: F401  (loaded before the program arrives: the wait hides it)

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    first = stdin.readline()
    if not first:
        return 0  # started ahead of need, then not needed
    program = orjson.loads(first)
    text = stdin.read().decode("utf-8", errors="replace")
    try:
        compiled = check_program(program)
        try:
            result = result_of(compiled.input_text(text).all())
        except ValueError as error:
            raise JqError.from_jq(str(error)) from None
    except JqError as error:
        head = {"error": error.message, "line": error.line, "column": error.column}
        stdout.write(orjson.dumps(head) + b"\n")
        return 0
    stdout.write(orjson.dumps({"outputs": result.outputs, "count": result.count}) + b"\n")
    stdout.write(result.body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
