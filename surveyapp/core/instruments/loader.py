"""Parse instrument YAML files into frozen spec objects, collecting every error.

Each error is one line naming the file, the path inside it and the problem, so that
``flask instruments check`` and start-up can print them without a traceback. The file's
structure is read here; each item is read by the unit of its type (types/).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from surveyapp.core.instruments import spec, types
from surveyapp.core.instruments.lock import lock_errors
from surveyapp.core.instruments.lock import write_lock as write_lock  # for the CLI
from surveyapp.core.instruments.reader import N_, LoadError, Reader, kind
from surveyapp.core.instruments.types import grade

ITEM_KEYS = {"code", "type", "number", "text", "required", "help"}
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


class _Parser(Reader):
    """Walks one file's data; records errors instead of raising."""

    def instrument(self, data: Any) -> spec.Instrument | None:
        top = self.mapping(data, "", TOP_KEYS, REQUIRED_TOP)
        if top is None:
            return None
        ident = self.code(top.get("id"), "id")
        version = self.integer(top.get("version"), "version", 1)
        language = top.get("language", "fi")
        if language != "fi":
            self.error(
                "language",
                N_("the primary language must be 'fi', got %(language)s"),
                language=repr(language),
            )
        scales = self.scales(top.get("scales") or {})
        sections = self.listing(
            top.get("sections"), "sections", lambda v, p: self.section(v, p, scales)
        )
        self.unique([s.code for s in sections if s], "sections", "section")
        self.unique(_answer_codes(sections), "sections", "item or row")
        roles = [getattr(i, "role", None) for s in sections if s for i in s.items]
        if roles.count("municipality") > 1:
            self.error("sections", N_("only one item may have role 'municipality'"))
        grade.check_overall(self, [i for s in sections if s for i in s.items])
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
                self.error(f"source.{key}", N_("must be a text"))
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
            self.error(
                path,
                N_("band needs grades 4–10 with min ≤ max, got %(min)s–%(max)s"),
                min=repr(low),
                max=repr(high),
            )
            low = high = 4
        return spec.Band(
            self.code(band.get("code"), f"{path}.code"),
            self.text(band.get("label"), f"{path}.label"),
            low,
            high,
        )

    def scales(self, value: Any) -> dict[str, spec.Scale]:
        if not isinstance(value, dict):
            self.error(
                "scales",
                N_("expected a mapping of scale code to scale, got %(kind)s"),
                kind=kind(value),
            )
            return {}
        scales = {}
        for code, body in value.items():
            path = f"scales.{code}"
            self.code(code, path)
            scale = self.mapping(body, path, {"options", "agreeing"}, ("options",)) or {}
            options = self.listing(scale.get("options"), f"{path}.options", self.option)
            self.unique([o.code for o in options], f"{path}.options", "option")
            for i, option in enumerate(options):
                if option.value is None and not option.dont_know:
                    self.error(
                        f"{path}.options[{i}] ({option.code})",
                        N_("a scale option needs a numeric 'value' or 'dont_know: true'"),
                    )
            agreeing = types.agreeing_of(self, scale.get("agreeing"), f"{path}.agreeing", options)
            scales[code] = spec.Scale(code=str(code), options=options, agreeing=agreeing)
        return scales

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
            self.error(path, N_("expected a mapping, got %(kind)s"), kind=kind(value))
            return None
        name = value.get("type")
        code = value.get("code")
        path = f"{path} ({code})" if isinstance(code, str) else path
        unit = types.REGISTRY.get(name) if isinstance(name, str) else None
        if unit is None:
            allowed = ", ".join(types.REGISTRY)
            self.error(
                path,
                N_("unknown item type %(type)s (allowed: %(allowed)s)"),
                type=repr(name),
                allowed=allowed,
            )
            return None
        item = self.mapping(value, path, ITEM_KEYS | unit.keys, ("code", "type", "text"))
        common = dict(
            code=self.code(code, f"{path}.code"),
            text=self.text(item.get("text"), f"{path}.text"),
            number=self.number(item.get("number"), f"{path}.number"),
            required=self.boolean(item.get("required"), f"{path}.required"),
            help=self.opt_text(item.get("help"), f"{path}.help"),
        )
        return unit.parse(self, item, path, common, scales)


def _answer_codes(sections: tuple) -> list[str]:
    codes = []
    for section in sections:
        for item in section.items if section else ():
            codes.append(item.code)
            if item.field_codes() != (item.code,):  # a matrix's rows
                codes.extend(item.field_codes())
    return codes


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
    instrument, errors = parse_data(data, name)
    if instrument and path.stem != instrument.id:
        errors.append(LoadError(name, "id", f"file name must be {instrument.id}.yaml"))
        instrument = None
    return instrument, errors


def parse_data(data: Any, name: str) -> tuple[spec.Instrument | None, list[LoadError]]:
    """The one validator: an instrument's data (read from YAML or from an XLSForm) checked whole;
    returns the instrument or every error found, each naming ``name`` and the path in the data."""
    parser = _Parser(name)
    instrument = parser.instrument(data)
    return instrument, parser.errors


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
        errors.extend(lock_errors(directory, instruments))
    return instruments, errors
