"""Derives JSON Schemas of the success responses from kustomer-client's types.gen.ts.

Run by hand when the reference changes (not by the tests), with the file's path:

    python tests/sandbox/derive_schemas.py path/to/types.gen.ts > tests/sandbox/data/schemas.json

Every object property becomes typed; required properties are kept only for the document
envelope and for `type`/`id`, since the sandbox fills optional attributes with nulls.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

TOKEN = re.compile(
    r"\s*(?:(/\*.*?\*/)|(//[^\n]*)|('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*)|(.))",
    re.S,
)


def tokens(text: str) -> list[str]:
    """Split TypeScript type text into tokens, dropping comments."""
    out = []
    for match in TOKEN.finditer(text):
        if match.group(1) or match.group(2):
            continue
        token = next((g for g in match.groups()[2:] if g is not None), None)
        if token is not None:
            out.append(token)
    return out


class Parser:
    """A recursive-descent parser of the type expressions hey-api writes."""

    def __init__(self, toks: list[str]) -> None:
        self.toks = toks
        self.i = 0

    def peek(self) -> str:
        return self.toks[self.i] if self.i < len(self.toks) else ""

    def take(self, want: str | None = None) -> str:
        tok = self.toks[self.i]
        if want is not None and tok != want:
            raise ValueError(f"expected {want!r}, got {tok!r} at {self.i}")
        self.i += 1
        return tok

    def union(self) -> dict[str, Any]:
        if self.peek() == "|":
            self.take()
        options = [self.postfix()]
        while self.peek() == "|":
            self.take()
            options.append(self.postfix())
        if len(options) == 1:
            return options[0]
        if all("const" in o for o in options):
            return {"enum": [o["const"] for o in options]}
        return {"anyOf": options}

    def postfix(self) -> dict[str, Any]:
        schema = self.primary()
        while self.peek() == "[" and self.toks[self.i + 1] == "]":
            self.i += 2
            schema = {"type": "array", "items": schema}
        return schema

    def primary(self) -> dict[str, Any]:
        tok = self.take()
        if tok == "{":
            return self.members()
        if tok == "(":
            inner = self.union()
            self.take(")")
            return inner
        if tok == "Array":
            self.take("<")
            items = self.union()
            self.take(">")
            return {"type": "array", "items": items}
        if tok.startswith("'"):
            return {"const": tok[1:-1]}
        if re.fullmatch(r"-?\d+(\.\d+)?", tok):
            return {"const": float(tok) if "." in tok else int(tok)}
        simple = {"string": "string", "number": "number", "boolean": "boolean", "null": "null"}
        if tok in simple:
            return {"type": simple[tok]}
        if tok in ("true", "false"):
            return {"const": tok == "true"}
        return {}  # unknown, any, never, named types: anything goes

    def members(self) -> dict[str, Any]:
        props: dict[str, Any] = {}
        required: list[str] = []
        extra: dict[str, Any] | bool = True
        while self.peek() != "}":
            if self.peek() == "[":
                while self.take() != "]":
                    pass
                self.take(":")
                extra = self.union()
            else:
                name = self.take().strip("'")
                optional = self.peek() == "?"
                if optional:
                    self.take()
                self.take(":")
                props[name] = self.union()
                if not optional:
                    required.append(name)
            if self.peek() in (",", ";"):
                self.take()
        self.take("}")
        schema: dict[str, Any] = {"type": "object", "properties": props}
        if required:
            schema["x-required"] = required
        if extra is not True:
            schema["additionalProperties"] = extra
        return schema


def responses(text: str) -> dict[str, dict[str, Any]]:
    """Return operationId -> status -> schema for every `XResponses` type."""
    out: dict[str, dict[str, Any]] = {}
    for match in re.finditer(r"export type (\w+)Responses = \{", text):
        parser = Parser(tokens(text[match.end() - 1 :]))
        parser.take("{")
        statuses = {}
        while parser.peek() != "}":
            status = parser.take()
            parser.take(":")
            statuses[status] = parser.union()
        name = match.group(1)
        out[name[0].lower() + name[1:]] = statuses
    return out


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        source = handle.read()
    json.dump(responses(source), sys.stdout, sort_keys=True, separators=(",", ":"))
    sys.stdout.write("\n")
