"""JSON read from requests: nesting deeper than a real body ever has is refused before parsing.

Python's parser recurses once per level and fails with RecursionError (not ValueError) about a
thousand levels down, which request.get_json(silent=True) does not catch: a 500. Here every body
that is too deep, badly encoded or not JSON is a ValueError, which a view reads as "no JSON" and
answers with its own 400.
"""
from __future__ import annotations

import json
import re

from flask import Flask
from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 32
STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = re.compile(r"[\[\]{}]")


def depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text`` (brackets inside strings do not count)."""
    deepest = level = 0
    for bracket in BRACKETS.findall(STRING.sub("", text)):
        level = level + 1 if bracket in "[{" else max(level - 1, 0)
        deepest = max(deepest, level)
    return deepest


class JSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs):
        if isinstance(s, (bytes, bytearray)):
            s = bytes(s).decode(json.detect_encoding(s), "surrogatepass")
        if depth(s) > MAX_DEPTH:
            raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep")
        try:
            return super().loads(s, **kwargs)
        except RecursionError:  # pragma: no cover - the depth check comes first
            raise ValueError("JSON nested too deeply") from None


def init_app(app: Flask) -> None:
    app.json = JSONProvider(app)
