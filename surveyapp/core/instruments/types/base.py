"""What every item type provides; the defaults fit an item that stores one answer under its code."""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.reader import Reader, kind
from surveyapp.core.instruments.values import Parsed
from surveyapp.core.statements import Statement
from surveyapp.core.summaries import Counted, ItemResult

CODEBOOK_COLUMNS = ("field", "number", "question", "type", "code", "label", "value", "dont_know")


def N_(text: str) -> str:
    """Marks an error message for the catalogs (pybabel -k N_); the web edge translates it."""
    return text


class ItemType:
    """One item type: its YAML keys and parsing, answers, options, summary, codebook and macro.

    ``name`` is the ``type:`` of the YAML file and the ``type`` of its spec class; ``macro`` names
    the macro in templates/macros/items.html that renders it on the web form, on paper entry
    and (with ``printed``) on the printed form.
    """

    name: str = ""
    keys: frozenset[str] = frozenset()  # YAML keys it takes besides spec.Item's
    macro: str = ""
    # Its own error codes and their messages (English msgids with %(param)s, marked with N_),
    # besides the common ones (required, choice, too_long, ...) every type may give.
    messages: Mapping[str, str] = {}
    # Whether the results show the item (a pairing code has no figures of its own: False).
    in_results: bool = True
    # Whether raw exports have columns for its fields (a pairing code never: False).
    in_exports: bool = True

    def parse(
        self,
        reader: Reader,
        raw: Mapping[str, Any],
        path: str,
        common: dict[str, Any],
        scales: Mapping[str, spec.Scale],
    ) -> spec.Item:
        """The spec item of ``raw`` (a mapping already checked for unknown keys); ``common``
        holds the keyword arguments of spec.Item, read already."""
        raise NotImplementedError

    def fields(self, item: spec.Item) -> tuple[str, ...]:
        """The form field names the item owns, in paper order."""
        return item.field_codes()

    def options(
        self, item: spec.Item, municipality_options: tuple[spec.Option, ...] = ()
    ) -> tuple[spec.Option, ...]:
        """The options a respondent picks from (the collection's municipalities where asked)."""
        return ()

    def texts(self, item: spec.Item) -> Iterator[spec.Text]:
        """Every text the item shows, for the languages the instrument is complete in."""
        yield item.text
        if item.help:
            yield item.help
        for option in self.options(item):
            yield option.label

    def answer(
        self,
        item: spec.Item,
        form: Mapping[str, str],
        out: Parsed,
        municipality_options: tuple[spec.Option, ...],
    ) -> None:
        """Add the item's answers in ``form`` to ``out``, or its errors."""
        raise NotImplementedError

    def summarise(self, item: spec.Item, counted: Counted) -> ItemResult:
        """The item's figures in a results dashboard."""
        return ItemResult(item=item, texts=counted.written(item.code))

    def data(self, result: ItemResult, min_cell: int) -> dict:
        """The item's figures for JSON, besides its code, number and type."""
        return {"texts": result.texts}

    def statements(self, item: spec.Item) -> tuple[Statement, ...]:
        """The lines the item gives a comparison of surveys or years (none: not compared)."""
        return ()

    def table(self, result: ItemResult, lang: str, _: Callable[..., str], printed: bool = False):
        """The item's own results table (a result_tables.Table), or None for the table its
        figures' shape gives (grades, statements, options) in result_tables.item_table."""
        return None

    def export(self, item: spec.Item, stored: Mapping[str, Any]) -> dict[str, str]:
        """The item's cells of a raw export row; ``stored``: one response's answers by item code
        (reports.RawAnswer). By default a grade, an option code (with its follow-up text in
        ``<field>.<option>``) or a text under each answer code."""
        names = set(self.fields(item))
        row: dict[str, str] = {}
        for code in item.field_codes():
            answer = stored.get(code)
            if answer is None:
                continue
            if answer.grade is not None:
                row[code] = str(answer.grade)
            elif answer.choice_code is not None:
                row[code] = answer.choice_code
                follow_up = f"{code}.{answer.choice_code}"
                if answer.text and follow_up in names:
                    row[follow_up] = answer.text
            elif answer.text is not None:
                row[code] = answer.text
        return row

    def codebook(
        self, item: spec.Item, municipality_options: tuple[spec.Option, ...] = ()
    ) -> list[list[str]]:
        """The item's lines of the codebook (columns as CODEBOOK_COLUMNS)."""
        return [
            [name, item.number or "", item.text.fi, item.type, "", "", "", ""]
            for name in self.fields(item)
        ]


def scale_of(
    reader: Reader, raw: Mapping[str, Any], path: str, scales: Mapping[str, spec.Scale]
) -> spec.Scale:
    """The named scale an item refers to under ``scale:``."""
    scale = scales.get(raw.get("scale"))
    if scale is None:
        reader.error(
            f"{path}.scale",
            N_("scale %(scale)s is not defined under 'scales'"),
            scale=repr(raw.get("scale")),
        )
        return spec.Scale("", ())
    return scale


def option_lines(
    name: str, number: str, question: str, kind: str, options: tuple[spec.Option, ...]
) -> list[list[str]]:
    """Codebook lines of one field answered by picking an option."""
    return [
        [
            name,
            number,
            question,
            kind,
            o.code,
            o.label.fi,
            "" if o.value is None else str(o.value),
            "yes" if o.dont_know else "",
        ]
        for o in options
    ]


def agreeing_of(
    reader: Reader, value: Any, path: str, options: tuple[spec.Option, ...]
) -> tuple[str, ...]:
    """The option codes a comparison counts as agreeing (``agreeing: [codes]``), checked against
    ``options``: each one of them, once, none a "don't know", and not every option."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        reader.error(
            path, N_("expected a non-empty list of option codes, got %(kind)s"), kind=kind(value)
        )
        return ()
    known = {o.code: o for o in options}
    codes = tuple(str(code) for code in value)
    for code in codes:
        if code not in known:
            reader.error(
                path,
                N_("'%(code)s' is not one of the options (%(options)s)"),
                code=code,
                options=", ".join(known),
            )
        elif known[code].dont_know:
            reader.error(
                path,
                N_("'%(code)s' is a \"don't know\" option and cannot count as agreeing"),
                code=code,
            )
    reader.unique(list(codes), path, "agreeing option")
    if known and set(codes) >= set(known):
        reader.error(path, N_("every option counts as agreeing: leave at least one out"))
    return codes
