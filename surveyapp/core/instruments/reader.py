"""Reading one instrument file's YAML data: primitives that record errors instead of raising.

Each error is one line naming the file, the path inside it and the problem, so that
``flask instruments check`` and start-up can print them without a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from surveyapp.core.instruments import spec

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class LoadError:
    file: str
    path: str
    message: str
    # An upload's own refusals carry their msgid and parameters, so the web edge translates them;
    # errors of a workbook name their sheet, row and column (sheets.Place), of a YAML file its line.
    msgid: str | None = field(default=None, compare=False)
    params: dict = field(default_factory=dict, compare=False, hash=False)
    place: Any = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = [
            *([str(self.place)] if self.place else []),
            *([f"line {self.line}"] if self.line else []),
            *([self.path] if self.path else []),
        ]
        return ": ".join([self.file, *where, self.message])


class Reader:
    """Reads values of one file; records errors instead of raising."""

    def __init__(self, file: str):
        self.file = file
        self.errors: list[LoadError] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(LoadError(self.file, path, message))

    def mapping(
        self, value: Any, path: str, allowed: set[str], required: tuple[str, ...] = ()
    ) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping, got {kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.error(path, f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in value:
                self.error(path, f"missing required key '{key}'")
        return value

    def code(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not CODE.match(value):
            self.error(
                path,
                f"code {value!r} must be lower-case letters, digits and _ (max 40), starting with a letter",
            )
            return str(value)
        return value

    def text(self, value: Any, path: str) -> spec.Text:
        if value is None:  # a missing required text is reported by mapping()
            return spec.Text(fi="")
        if isinstance(value, str):
            value = {"fi": value}
        if not isinstance(value, dict):
            self.error(
                path, f"expected a text or a mapping of fi/sv/en/selko texts, got {kind(value)}"
            )
            return spec.Text(fi="")
        for lang, text in value.items():
            if lang not in spec.TEXT_KEYS:
                self.error(path, f"unknown language '{lang}' (allowed: fi, sv, en, selko)")
            elif not isinstance(text, str) or not text.strip():
                self.error(f"{path}.{lang}", "must be a non-empty text")
        if not isinstance(value.get("fi"), str) or not value.get("fi", "").strip():
            self.error(path, "missing Finnish text (fi)")
        clean = {
            k: v.strip() for k, v in value.items() if k in spec.TEXT_KEYS and isinstance(v, str)
        }
        return spec.Text(
            fi=clean.get("fi", ""), sv=clean.get("sv"), en=clean.get("en"), selko=clean.get("selko")
        )

    def opt_text(self, value: Any, path: str) -> spec.Text | None:
        return None if value is None else self.text(value, path)

    def boolean(self, value: Any, path: str, default: bool = False) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(path, f"expected true or false, got {value!r}")
            return default
        return value

    def integer(self, value: Any, path: str, default: int, minimum: int = 1) -> int:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(path, f"expected a whole number ≥ {minimum}, got {value!r}")
            return default
        return value

    def number(self, value: Any, path: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(path, f'printed number must be a text such as "7.", got {value!r}')
            return None
        return str(value)

    def listing(
        self, value: Any, path: str, each: Callable[[Any, str], Any], *, non_empty: bool = True
    ) -> tuple:
        if not isinstance(value, list) or (non_empty and not value):
            self.error(path, f"expected a non-empty list, got {kind(value)}")
            return ()
        return tuple(each(v, f"{path}[{i}]") for i, v in enumerate(value))

    def unique(self, codes: list[str], path: str, what: str) -> None:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                self.error(path, f"duplicate {what} code '{code}'")
            seen.add(code)

    def option(self, value: Any, path: str) -> spec.Option:
        """One option of a scale or a choice, with its optional follow-up line."""
        opt = (
            self.mapping(
                value, path, {"code", "label", "value", "dont_know", "follow_up"}, ("code", "label")
            )
            or {}
        )
        code = self.code(opt.get("code"), f"{path}.code")
        number = opt.get("value")
        if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
            self.error(f"{path}.value", f"expected a whole number, got {number!r}")
            number = None
        follow_up = None
        if opt.get("follow_up") is not None:
            raw = opt["follow_up"]
            if raw is True:
                raw = {}
            fu = self.mapping(raw, f"{path}.follow_up", {"max_length", "lines"}) or {}
            follow_up = spec.FollowUp(
                max_length=self.integer(fu.get("max_length"), f"{path}.follow_up.max_length", 1000),
                lines=self.integer(fu.get("lines"), f"{path}.follow_up.lines", 1),
            )
        return spec.Option(
            code=code,
            label=self.text(opt.get("label"), f"{path}.label"),
            value=number,
            dont_know=self.boolean(opt.get("dont_know"), f"{path}.dont_know"),
            follow_up=follow_up,
        )


def kind(value: Any) -> str:
    """What a YAML value is, in the words of an error message."""
    return {dict: "a mapping", list: "a list", str: "a text", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )
