"""Choose all that apply: a box per option, an option's follow-up its "other, what?" line.

Form fields: ``<item>.<option>`` is "1" when the box is ticked ("0" or nothing when not: the
export's 0/1 columns read back the same way); ``<item>.<option>.text`` is the follow-up line.
Stored, like a matrix's rows, one answer per ticked option under ``<item>.<option>`` (its option
code, and the follow-up text on that row, as a choice keeps it), plus the item's own row, whose
choice code is how many options were ticked: its rows count the respondents who answered the
question, the base of every percentage. Text typed on a follow-up line ticks its option (the
respondent plainly meant it, on paper as on screen). A ``dont_know`` option ("en osaa sanoa")
is ticked alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import N_, ItemType
from surveyapp.core.instruments.values import AnswerValue, FieldError, clean_text
from surveyapp.core.stats import OptionSummary, share
from surveyapp.core.summaries import ItemResult, options_data

TICKED, NOT_TICKED = "1", "0"
# The answer table's item_code is 40 characters: "<item>.<option>" must fit.
MAX_CODE = 40


@dataclass(frozen=True)
class MultiItem(spec.Item):
    """Choose all that apply: each option ticked or not, an option's follow-up its "what?" line."""

    options: tuple[spec.Option, ...] = ()
    min_choices: int | None = None
    max_choices: int | None = None

    type = "multi"

    def field_codes(self) -> tuple[str, ...]:
        """The answer codes of its ticks."""
        return tuple(f"{self.code}.{o.code}" for o in self.options)


def tick_field(item: spec.Item, option: spec.Option) -> str:
    return f"{item.code}.{option.code}"


def text_field(item: spec.Item, option: spec.Option) -> str:
    return f"{item.code}.{option.code}.text"


@dataclass(frozen=True)
class Ticks(OptionSummary):
    """How many respondents ticked each option, out of ``base``: those who answered the question."""

    base: int = 0

    @property
    def n(self) -> int:
        return self.base

    def percent(self, code: str):
        return share(self.counts.get(code, 0), self.base)


class Multi(ItemType):
    name = "multi"
    keys = frozenset({"options", "min_choices", "max_choices"})
    macro = "multi"
    messages = {
        "tick": N_("Tick the box or leave it empty (1 or 0 in an imported file)."),
        "exclusive": N_("“Don't know” cannot be chosen together with other options."),
        "too_few": N_("Choose at least %(min)s options."),
        "too_many": N_("Choose at most %(max)s options."),
    }

    def parse(self, reader, raw, path, common, scales):
        options = reader.listing(raw.get("options"), f"{path}.options", reader.option)
        reader.unique([o.code for o in options], f"{path}.options", "option")
        for i, option in enumerate(options):
            stored = f"{common['code']}.{option.code}"
            if len(stored) > MAX_CODE:
                reader.error(
                    f"{path}.options[{i}].code",
                    N_(
                        "'%(code)s' (item code, dot, option code) is %(length)s characters; "
                        "at most %(limit)s"
                    ),
                    code=stored,
                    length=len(stored),
                    limit=MAX_CODE,
                )
            if option.value is not None:
                reader.error(
                    f"{path}.options[{i}].value", N_("options of a multi item take no value")
                )
        # One at least is "required: true"; one at most is a choice item.
        low = reader.integer(raw.get("min_choices"), f"{path}.min_choices", None, minimum=2)
        high = reader.integer(raw.get("max_choices"), f"{path}.max_choices", None, minimum=2)
        if high is not None and high > len(options):
            reader.error(
                f"{path}.max_choices",
                N_("%(max)s is more than the %(options)s options"),
                max=high,
                options=len(options),
            )
        if low is not None and high is not None and low > high:
            reader.error(
                f"{path}.min_choices",
                N_("%(min)s is more than max_choices (%(max)s)"),
                min=low,
                max=high,
            )
        return MultiItem(**common, options=options, min_choices=low, max_choices=high)

    def fields(self, item):
        return tuple(
            name
            for o in item.options
            for name in (tick_field(item, o), *((text_field(item, o),) if o.follow_up else ()))
        )

    def options(self, item, municipality_options=()):
        return item.options

    def answer(self, item, form, out, municipality_options):
        errors = len(out.errors)
        ticked: list[tuple[spec.Option, str | None]] = []
        for option in item.options:
            name = tick_field(item, option)
            raw = (form.get(name) or "").strip()
            if raw not in ("", TICKED, NOT_TICKED):
                out.errors.append(FieldError(name, "tick", {"value": raw[:40]}))
                continue
            text = None
            if option.follow_up:
                line = text_field(item, option)
                text = clean_text(
                    form.get(line) or "", option.follow_up.max_length, line, out.errors
                )
            if raw == TICKED or text:
                ticked.append((option, text))
        alone = [o for o, _text in ticked if o.dont_know]
        if alone and len(ticked) > 1:
            out.errors.append(FieldError(item.code, "exclusive", {"option": alone[0].code}))
        elif not ticked:
            if item.required and len(out.errors) == errors:
                out.errors.append(FieldError(item.code, "required"))
        elif item.min_choices and len(ticked) < item.min_choices and not alone:
            out.errors.append(FieldError(item.code, "too_few", {"min": item.min_choices}))
        elif item.max_choices and len(ticked) > item.max_choices:
            out.errors.append(FieldError(item.code, "too_many", {"max": item.max_choices}))
        if len(out.errors) > errors or not ticked:
            return
        out.answers.append(AnswerValue(item.code, choice_code=str(len(ticked))))
        for option, text in ticked:
            out.answers.append(
                AnswerValue(tick_field(item, option), choice_code=option.code, text=text)
            )

    def summarise(self, item, counted):
        counts = {
            o.code: counted.choices.get(tick_field(item, o), {}).get(o.code, 0)
            for o in item.options
        }
        ticks = Ticks(
            counts=counts,
            values={o.code: None for o in item.options},
            base=sum(counted.choices.get(item.code, {}).values()),
        )
        written = {o.code: counted.written(tick_field(item, o), o.code) for o in item.options}
        return ItemResult(
            item=item, options=ticks, follow_ups={c: w for c, w in written.items() if w}
        )

    def data(self, result, min_cell):
        return {
            **options_data(result.options),
            "percent_of": "respondents",
            "texts": result.follow_ups,
        }

    def table(self, result, lang, _, printed=False):
        # result_tables builds on the item types: imported when a table is made, not before.
        from surveyapp.core.result_tables import Cell, Row, Table

        ticks = result.options
        rows = tuple(
            Row(
                o.label.get(lang),
                (Cell(ticks.counts[o.code]), Cell(ticks.percent(o.code), "percent")),
                () if printed else (("data-option", o.code),),
            )
            for o in result.item.options
        )
        caption = _("Respondents who chose each option (n = %(n)s answered)", n=ticks.n)
        note = _(
            "Several options could be chosen: the percentages are of the %(n)s respondents who "
            "answered the question, so together they can be more than 100.",
            n=ticks.n,
        )
        if printed:
            return Table(caption, (), rows, note=note)
        return Table(caption, (_("Option"), _("Respondents"), "%"), rows, "data", note=note)

    def export(self, item, stored):
        if item.code not in stored and not any(f in stored for f in item.field_codes()):
            return {}
        row = {}
        for option in item.options:
            answer = stored.get(tick_field(item, option))
            row[tick_field(item, option)] = TICKED if answer else NOT_TICKED
            if answer and answer.text and option.follow_up:
                row[text_field(item, option)] = answer.text
        return row

    def codebook(self, item, municipality_options=()):
        number, question = item.number or "", item.text.fi
        lines = []
        for o in item.options:
            dont_know = "yes" if o.dont_know else ""
            name = tick_field(item, o)
            lines.append([name, number, question, "multi", TICKED, o.label.fi, TICKED, dont_know])
            if o.follow_up:
                lines.append([text_field(item, o), number, question, "follow_up_text", o.code])
                lines[-1].extend(["", "", ""])
        return lines


MULTI = Multi()
