"""Reading one instrument file's YAML data: primitives that record errors instead of raising.

Each error is one line naming the file, the path inside it and the problem, so that
``flask instruments check`` and start-up can print them without a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from surveyapp.core.instruments import spec

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def N_(text: str) -> str:
    """Marks a message for the catalogs (pybabel -k N_); the web edge translates it."""
    return text


class Term(str):
    """A word of a message that is a msgid itself (what kind a value is): translated with it."""


# What a value is, in the words of an error message (the YAML reader gives these kinds).
KINDS = {
    dict: Term(N_("a mapping")),
    list: Term(N_("a list")),
    str: Term(N_("a text")),
    type(None): Term(N_("nothing")),
    bool: Term(N_("true or false")),
    int: Term(N_("a whole number")),
    float: Term(N_("a decimal number")),
}
DUPLICATES = {
    "section": N_("duplicate section code '%(code)s'"),
    "item or row": N_("duplicate item or row code '%(code)s'"),
    "option": N_("duplicate option code '%(code)s'"),
    "band": N_("duplicate band code '%(code)s'"),
    "agreeing option": N_("duplicate agreeing option code '%(code)s'"),
}


@dataclass(frozen=True)
class LoadError:
    file: str
    path: str
    message: str
    # Every message carries its msgid and parameters, so the web edge translates it;
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

    def error(self, path: str, msgid: str, **params: Any) -> None:
        """Record a problem at ``path``: ``msgid`` (marked with N_) with its %(name)s values."""
        self.errors.append(LoadError(self.file, path, msgid % params, msgid=msgid, params=params))

    def mapping(
        self, value: Any, path: str, allowed: set[str], required: tuple[str, ...] = ()
    ) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, N_("expected a mapping, got %(kind)s"), kind=kind(value))
            return None
        for key in value:
            if key not in allowed:
                self.error(
                    path,
                    N_("unknown key '%(key)s' (allowed: %(allowed)s)"),
                    key=key,
                    allowed=", ".join(sorted(allowed)),
                )
        for key in required:
            if key not in value:
                self.error(path, N_("missing required key '%(key)s'"), key=key)
        return value

    def code(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not CODE.match(value):
            self.error(
                path,
                N_(
                    "code %(value)s must be lower-case letters, digits and _ (max 40), "
                    "starting with a letter"
                ),
                value=repr(value),
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
                path,
                N_("expected a text or a mapping of fi/sv/en/selko texts, got %(kind)s"),
                kind=kind(value),
            )
            return spec.Text(fi="")
        for lang, text in value.items():
            if lang not in spec.TEXT_KEYS:
                self.error(
                    path,
                    N_("unknown language '%(language)s' (allowed: fi, sv, en, selko)"),
                    language=lang,
                )
            elif not isinstance(text, str) or not text.strip():
                self.error(f"{path}.{lang}", N_("must be a non-empty text"))
        if not isinstance(value.get("fi"), str) or not value.get("fi", "").strip():
            self.error(path, N_("missing Finnish text (fi)"))
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
            self.error(path, N_("expected true or false, got %(value)s"), value=repr(value))
            return default
        return value

    def integer(self, value: Any, path: str, default: int, minimum: int = 1) -> int:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(
                path,
                N_("expected a whole number ≥ %(minimum)s, got %(value)s"),
                minimum=minimum,
                value=repr(value),
            )
            return default
        return value

    def number(self, value: Any, path: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(
                path,
                N_('printed number must be a text such as "7.", got %(value)s'),
                value=repr(value),
            )
            return None
        return str(value)

    def listing(
        self, value: Any, path: str, each: Callable[[Any, str], Any], *, non_empty: bool = True
    ) -> tuple:
        if not isinstance(value, list) or (non_empty and not value):
            self.error(path, N_("expected a non-empty list, got %(kind)s"), kind=kind(value))
            return ()
        return tuple(each(v, f"{path}[{i}]") for i, v in enumerate(value))

    def unique(self, codes: list[str], path: str, what: str) -> None:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                self.error(path, DUPLICATES[what], code=code)
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
            self.error(
                f"{path}.value", N_("expected a whole number, got %(value)s"), value=repr(number)
            )
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


def kind(value: Any) -> Term:
    """What a YAML value is, in the words of an error message (translated with it)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return Term(N_("a date"))
    return KINDS.get(type(value), Term(N_("another kind of value")))
