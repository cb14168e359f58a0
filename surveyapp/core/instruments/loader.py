"""Parse instrument YAML files into frozen spec objects, collecting every error.

Each error is one line naming the file, the path inside it and the problem, so that
``flask instruments check`` and start-up can print them without a traceback.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from surveyapp.core.instruments import spec

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
ITEM_KEYS = {"code", "type", "number", "text", "required", "help"}
TYPE_KEYS: dict[str, set[str]] = {
    "grade": set(),
    "section_grade": set(),
    "scale": {"scale"},
    "matrix": {"scale", "rows"},
    "choice": {"options", "role"},
    "text": {"multiline", "max_length", "lines"},
}
ROLES = {"municipality"}
TOP_KEYS = {
    "id",
    "version",
    "title",
    "language",
    "intro",
    "closing",
    "source",
    "bands",
    "scales",
    "sections",
}
REQUIRED_TOP = ("id", "version", "title", "source", "sections", "closing")
LOCK_FILE = "versions.lock"


@dataclass(frozen=True)
class LoadError:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.path}: {self.message}"
            if self.path
            else f"{self.file}: {self.message}"
        )


class InstrumentErrors(Exception):
    """Raised when one or more instrument files are invalid."""

    def __init__(self, errors: list[LoadError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def content_hash(data: dict[str, Any]) -> str:
    """Hash of everything in the file except its version number and formatting."""
    body = {k: v for k, v in data.items() if k != "version"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _Parser:
    """Walks one file's data; records errors instead of raising."""

    def __init__(self, file: str):
        self.file = file
        self.errors: list[LoadError] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(LoadError(self.file, path, message))

    # -- primitives -------------------------------------------------------------

    def mapping(
        self, value: Any, path: str, allowed: set[str], required: tuple[str, ...] = ()
    ) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping, got {_kind(value)}")
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
                path, f"expected a text or a mapping of fi/sv/en/selko texts, got {_kind(value)}"
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
            self.error(path, f"expected a non-empty list, got {_kind(value)}")
            return ()
        return tuple(each(v, f"{path}[{i}]") for i, v in enumerate(value))

    def unique(self, codes: list[str], path: str, what: str) -> None:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                self.error(path, f"duplicate {what} code '{code}'")
            seen.add(code)

    # -- structure --------------------------------------------------------------

    def instrument(self, data: Any) -> spec.Instrument | None:
        top = self.mapping(data, "", TOP_KEYS, REQUIRED_TOP)
        if top is None:
            return None
        ident = self.code(top.get("id"), "id")
        version = self.integer(top.get("version"), "version", 1)
        language = top.get("language", "fi")
        if language != "fi":
            self.error("language", f"the primary language must be 'fi', got {language!r}")
        scales = self.scales(top.get("scales") or {})
        sections = self.listing(
            top.get("sections"), "sections", lambda v, p: self.section(v, p, scales)
        )
        self.unique([s.code for s in sections if s], "sections", "section")
        self.unique(_answer_codes(sections), "sections", "item or row")
        if (
            sum(
                1
                for s in sections
                if s
                for i in s.items
                if getattr(i, "role", None) == "municipality"
            )
            > 1
        ):
            self.error("sections", "only one item may have role 'municipality'")
        bands = self.listing(top.get("bands"), "bands", self.band) if "bands" in top else ()
        self.unique([b.code for b in bands], "bands", "band")
        source = self.source(top.get("source"))
        if self.errors:
            return None
        return spec.Instrument(
            id=ident,
            version=version,
            title=self.text(top["title"], "title"),
            source=source,
            sections=sections,
            closing=self.text(top["closing"], "closing"),
            intro=self.opt_text(top.get("intro"), "intro"),
            bands=bands,
            content_hash=content_hash(top),
            path=self.file,
        )

    def source(self, value: Any) -> spec.Source:
        src = self.mapping(value, "source", {"file", "lines", "notes"}, ("file", "lines"))
        if not src:
            return spec.Source("", "")
        for key in ("file", "lines", "notes"):
            if key in src and not isinstance(src[key], str):
                self.error(f"source.{key}", "must be a text")
        return spec.Source(str(src.get("file", "")), str(src.get("lines", "")), src.get("notes"))

    def band(self, value: Any, path: str) -> spec.Band:
        band = (
            self.mapping(
                value, path, {"code", "label", "min", "max"}, ("code", "label", "min", "max")
            )
            or {}
        )
        low, high = band.get("min"), band.get("max")
        if (
            low not in spec.GRADES
            or high not in spec.GRADES
            or (low, high) != (min(low, high), max(low, high))
        ):
            self.error(path, f"band needs grades 4–10 with min ≤ max, got {low!r}–{high!r}")
            low = high = 4
        return spec.Band(
            self.code(band.get("code"), f"{path}.code"),
            self.text(band.get("label"), f"{path}.label"),
            low,
            high,
        )

    def scales(self, value: Any) -> dict[str, spec.Scale]:
        if not isinstance(value, dict):
            self.error("scales", f"expected a mapping of scale code to scale, got {_kind(value)}")
            return {}
        scales = {}
        for code, body in value.items():
            path = f"scales.{code}"
            self.code(code, path)
            scale = self.mapping(body, path, {"options"}, ("options",)) or {}
            options = self.listing(scale.get("options"), f"{path}.options", self.option)
            self.unique([o.code for o in options], f"{path}.options", "option")
            for i, option in enumerate(options):
                if option.value is None and not option.dont_know:
                    self.error(
                        f"{path}.options[{i}] ({option.code})",
                        "a scale option needs a numeric 'value' or 'dont_know: true'",
                    )
            scales[code] = spec.Scale(code=str(code), options=options)
        return scales

    def option(self, value: Any, path: str) -> spec.Option:
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

    def section(self, value: Any, path: str, scales: dict[str, spec.Scale]) -> spec.Section | None:
        sec = self.mapping(value, path, {"code", "heading", "intro", "items"}, ("code", "items"))
        if sec is None:
            return None
        code = self.code(sec.get("code"), f"{path}.code")
        path = f"{path} ({code})"
        items = self.listing(
            sec.get("items"), f"{path}.items", lambda v, p: self.item(v, p, scales)
        )
        return spec.Section(
            code=code,
            items=tuple(i for i in items if i),
            heading=self.opt_text(sec.get("heading"), f"{path}.heading"),
            intro=self.opt_text(sec.get("intro"), f"{path}.intro"),
        )

    def item(self, value: Any, path: str, scales: dict[str, spec.Scale]) -> spec.Item | None:
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping, got {_kind(value)}")
            return None
        kind = value.get("type")
        code = value.get("code")
        path = f"{path} ({code})" if isinstance(code, str) else path
        if kind not in TYPE_KEYS:
            self.error(path, f"unknown item type {kind!r} (allowed: {', '.join(TYPE_KEYS)})")
            return None
        item = self.mapping(value, path, ITEM_KEYS | TYPE_KEYS[kind], ("code", "type", "text"))
        common = dict(
            code=self.code(code, f"{path}.code"),
            text=self.text(item.get("text"), f"{path}.text"),
            number=self.number(item.get("number"), f"{path}.number"),
            required=self.boolean(item.get("required"), f"{path}.required"),
            help=self.opt_text(item.get("help"), f"{path}.help"),
        )
        if kind == "grade":
            return spec.GradeItem(**common)
        if kind == "section_grade":
            return spec.SectionGradeItem(**common)
        if kind in ("scale", "matrix"):
            scale = scales.get(item.get("scale"))
            if scale is None:
                self.error(
                    f"{path}.scale", f"scale {item.get('scale')!r} is not defined under 'scales'"
                )
                scale = spec.Scale("", ())
            if kind == "scale":
                return spec.ScaleItem(**common, scale=scale)
            rows = self.listing(item.get("rows"), f"{path}.rows", self.row)
            return spec.MatrixItem(**common, scale=scale, rows=rows)
        if kind == "choice":
            role = item.get("role")
            if role is not None and role not in ROLES:
                self.error(
                    f"{path}.role", f"unknown role {role!r} (allowed: {', '.join(sorted(ROLES))})"
                )
            if role == "municipality":
                if "options" in item:
                    self.error(
                        f"{path}.options",
                        "a municipality item takes its options from the collection; remove 'options'",
                    )
                options: tuple = ()
            else:
                options = self.listing(item.get("options"), f"{path}.options", self.option)
            self.unique([o.code for o in options], f"{path}.options", "option")
            return spec.ChoiceItem(**common, options=options, role=role)
        return spec.TextItem(
            **common,
            multiline=self.boolean(item.get("multiline"), f"{path}.multiline"),
            max_length=self.integer(item.get("max_length"), f"{path}.max_length", 2000),
            lines=self.integer(item.get("lines"), f"{path}.lines", 1),
        )

    def row(self, value: Any, path: str) -> spec.Row:
        row = self.mapping(value, path, {"code", "number", "text"}, ("code", "text")) or {}
        return spec.Row(
            code=self.code(row.get("code"), f"{path}.code"),
            text=self.text(row.get("text"), f"{path}.text"),
            number=self.number(row.get("number"), f"{path}.number"),
        )


def _answer_codes(sections: tuple) -> list[str]:
    codes = []
    for section in sections:
        for item in section.items if section else ():
            codes.append(item.code)
            if isinstance(item, spec.MatrixItem):
                codes.extend(item.field_codes())
    return codes


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a text", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


def load_file(
    path: Path, display: str | None = None
) -> tuple[spec.Instrument | None, list[LoadError]]:
    """Parse one file; returns the instrument or the errors found."""
    name = display or str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [LoadError(name, where, f"YAML syntax error: {problem}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [LoadError(name, "", f"cannot read file: {exc}")]
    parser = _Parser(name)
    instrument = parser.instrument(data)
    if instrument and path.stem != instrument.id:
        parser.error("id", f"file name must be {instrument.id}.yaml")
        instrument = None
    return instrument, parser.errors


def read_lock(directory: Path) -> dict[tuple[str, int], str]:
    """The recorded content hash of every instrument version: (id, version) -> hash."""
    lock = directory / LOCK_FILE
    entries: dict[tuple[str, int], str] = {}
    if lock.exists():
        for line in lock.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 3 and not line.startswith("#") and parts[1].isdigit():
                entries[(parts[0], int(parts[1]))] = parts[2]
    return entries


def write_lock(directory: Path, instruments: list[spec.Instrument]) -> list[str]:
    """Record versions not yet in the lock file; returns the lines added."""
    entries = read_lock(directory)
    added = []
    for instrument in instruments:
        key = (instrument.id, instrument.version)
        if key not in entries:
            entries[key] = instrument.content_hash
            added.append(f"{instrument.id} {instrument.version} {instrument.content_hash}")
    lines = [
        "# id version sha256-of-content: written by `flask instruments lock`; never edit a line"
    ]
    lines += [f"{i} {v} {h}" for (i, v), h in sorted(entries.items())]
    (directory / LOCK_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return added


def load_directory(
    directory: Path, *, check_lock: bool = True
) -> tuple[list[spec.Instrument], list[LoadError]]:
    """Parse every ``*.yaml`` in ``directory``; returns instruments and all errors."""
    directory = Path(directory)
    if not directory.is_dir():
        return [], [LoadError(str(directory), "", "instrument directory does not exist")]
    instruments, errors = [], []
    for path in sorted(directory.glob("*.yaml")):
        instrument, file_errors = load_file(path, str(path))
        errors.extend(file_errors)
        if instrument:
            instruments.append(instrument)
    seen: dict[str, str] = {}
    for instrument in instruments:
        if instrument.id in seen:
            errors.append(
                LoadError(
                    instrument.path,
                    "id",
                    f"duplicate instrument id '{instrument.id}' (also in {seen[instrument.id]})",
                )
            )
        seen[instrument.id] = instrument.path
    if check_lock:
        errors.extend(_lock_errors(directory, instruments))
    return instruments, errors


def _lock_errors(directory: Path, instruments: list[spec.Instrument]) -> list[LoadError]:
    lock = read_lock(directory)
    errors = []
    for instrument in instruments:
        recorded = lock.get((instrument.id, instrument.version))
        if recorded is None:
            errors.append(
                LoadError(
                    instrument.path,
                    "version",
                    f"version {instrument.version} is not recorded in {LOCK_FILE}; run `flask instruments lock`",
                )
            )
        elif recorded != instrument.content_hash:
            errors.append(
                LoadError(
                    instrument.path,
                    "version",
                    f"content changed but version {instrument.version} was not bumped; "
                    "raise 'version' so stored answers keep their meaning",
                )
            )
    return errors
