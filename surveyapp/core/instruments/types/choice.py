"""One option out of a fixed list, some options with a follow-up line ("minkä vuoksi: ____").

With ``role: municipality`` the options are the collection's municipalities plus "muu"; the
answer says where the response counts, and results show only the protected table's groups.
"""

from __future__ import annotations

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import N_, agreeing_of
from surveyapp.core.instruments.types.scale import Scale
from surveyapp.core.instruments.values import AnswerValue, FieldError, chosen_option, clean_text
from surveyapp.core.statements import Statement
from surveyapp.core.summaries import Breakdown, ItemResult, groups_data

ROLES = {"municipality"}


def follow_up_field(item: spec.Item, option: spec.Option) -> str:
    return f"{item.code}.{option.code}"


def is_municipality(item: spec.Item) -> bool:
    return getattr(item, "role", None) == "municipality"


class Choice(Scale):
    name = "choice"
    keys = frozenset({"options", "role", "agreeing"})
    macro = "option_list"

    def parse(self, reader, raw, path, common, scales):
        role = raw.get("role")
        if role is not None and role not in ROLES:
            reader.error(
                f"{path}.role",
                N_("unknown role %(role)s (allowed: %(allowed)s)"),
                role=repr(role),
                allowed=", ".join(sorted(ROLES)),
            )
        if role == "municipality":
            if "options" in raw:
                reader.error(
                    f"{path}.options",
                    N_("a municipality item takes its options from the survey; remove 'options'"),
                )
            options: tuple = ()
        else:
            options = reader.listing(raw.get("options"), f"{path}.options", reader.option)
        reader.unique([o.code for o in options], f"{path}.options", "option")
        agreeing = agreeing_of(reader, raw.get("agreeing"), f"{path}.agreeing", options)
        if agreeing and role == "municipality":
            reader.error(f"{path}.agreeing", N_("a municipality item has no agreeing options"))
        return spec.ChoiceItem(**common, options=options, role=role, agreeing=agreeing)

    def fields(self, item):
        return (
            item.code,
            *(follow_up_field(item, o) for o in item.options if o.follow_up),
        )

    def options(self, item, municipality_options=()):
        # A municipality item offers the collection's municipalities, never a fixed list.
        return tuple(municipality_options) if is_municipality(item) else item.options

    def answer(self, item, form, out, municipality_options):
        options = self.options(item, municipality_options)
        chosen = chosen_option(item.code, options, item.required, form, out)
        follow_ups = {}
        for option in options:
            if option.follow_up:
                name = follow_up_field(item, option)
                text = clean_text(
                    form.get(name) or "", option.follow_up.max_length, name, out.errors
                )
                if text:
                    follow_ups[option.code] = (name, text)
        for code, (name, _text) in follow_ups.items():
            if chosen is None or code != chosen.code:
                out.errors.append(FieldError(name, "follow_up_mismatch", {"option": code}))
        if chosen:
            text = follow_ups.get(chosen.code, (None, None))[1]
            out.answers.append(AnswerValue(item.code, choice_code=chosen.code, text=text))
            if is_municipality(item) and chosen.code != spec.MUNICIPALITY_OTHER:
                out.municipality_code = chosen.code

    def summarise(self, item, counted):
        if is_municipality(item):
            # Only the protected table's groups, never the option counts (which would name
            # small municipalities).
            groups = counted.breakdowns.get("municipality") or Breakdown(
                "municipality", (), counted.n
            )
            return ItemResult(item=item, groups=groups)
        return super().summarise(item, counted)

    def data(self, result, min_cell):
        if is_municipality(result.item):
            return {"groups": groups_data(result.groups, min_cell)}
        return super().data(result, min_cell)

    def statements(self, item):
        # A choice is compared when its instrument says which options agree, or codes its options.
        if is_municipality(item) or not (
            item.agreeing or any(o.value is not None for o in item.options)
        ):
            return ()
        return (Statement(item.code, item.number, item.text, item.options, item.agreeing),)

    def codebook(self, item, municipality_options=()):
        number, question = item.number or "", item.text.fi
        return [
            *super().codebook(item, municipality_options),
            *(
                [follow_up_field(item, o), number, question, "follow_up_text", o.code, "", "", ""]
                for o in item.options
                if o.follow_up
            ),
        ]


CHOICE = Choice()
