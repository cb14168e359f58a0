"""Hypothesis strategies for hostile posts: raw bodies with any bytes, any content type, repeated keys."""

from __future__ import annotations

import json
import secrets
from urllib.parse import quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from surveyapp.core.instruments import answers, spec

# Each test makes real requests against a real database: few examples, no deadline, the same app
# for every example (row counts are compared before and after each one).
HOSTILE = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

NASTY = [
    "",
    " ",
    "\x00",
    "8\x00",
    "\x00\x00",
    "\ud800",
    "\udfff",
    "a\ud83d",
    "\x7f",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "²",
    "٨",
    "８",
    "1e3",
    "-4",
    "4.0",
    " 8 ",
    "NaN",
    "null",
    "[]",
    "{}",
    "<script>",
    "'; DROP TABLE",
    "a" * 2001,
    "ä" * 5000,
    "\r\n" * 50,
    "\u0301" * 20,
]
SPLICED = ["\x00", "\ud800", "\x1f", "\x7f", "²", "٣", "\u202e", "\ufeff", "\r"]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded; charset=latin-1",
    None,
]


class Huge(str):
    """A long text that a failing example shows by its length, not its 300 KB."""

    def __repr__(self) -> str:
        return f"Huge({len(self)} characters)"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


class Post(tuple):
    """(body, content type), shown in a failing example by the start of its body and its length."""

    def __new__(cls, body: bytes, content_type: str | None):
        return super().__new__(cls, (body, content_type))

    def __repr__(self) -> str:
        body, content_type = self
        return f"Post({body[:300]!r}{'…' if len(body) > 300 else ''} ({len(body)} bytes), {content_type!r})"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


def as_bytes(value: str | bytes) -> bytes:
    # surrogatepass: a lone surrogate becomes bytes that are not valid UTF-8.
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def weighted(*choices):
    """One of the strategies, each with its weight: one_of would draw them evenly."""
    pool = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.integers(0, len(pool) - 1).flatmap(lambda index: pool[index])


def text_values(valid: list[str]):
    # Huge values are built, not drawn: over the 256 KB post limit, and just under it.
    huge = st.sampled_from([300_000, 200_000]).map(lambda n: Huge("ä" * (n // 2)))
    valid = st.sampled_from(valid or ["x"])
    return weighted(
        (10, valid),
        (3, st.tuples(valid, st.sampled_from(SPLICED), st.integers(0, 40)).map(splice)),
        (5, st.sampled_from(NASTY)),
        (2, st.text(max_size=40)),
        (2, st.binary(max_size=40)),
        (1, huge),
    )


def splice(parts: tuple[str, str, int]) -> str:
    """A valid value with one nasty character put in it."""
    value, nasty, at = parts
    at = min(at, len(value))
    return value[:at] + nasty + value[at:]


def valid_by_field(
    instrument: spec.Instrument, municipalities: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    """Each form field's valid values (written answers get a plain sentence), so many posts get deep."""
    valid = {}
    for name, item in answers.fields(instrument):
        if "." in name or isinstance(item, spec.TextItem):
            valid[name] = ["Hyvä ryhmä, kiitos!"]
        elif isinstance(item, spec.GradeItem):
            valid[name] = [str(g) for g in spec.GRADES]
        elif getattr(item, "role", None) == "municipality":
            valid[name] = [*municipalities, spec.MUNICIPALITY_OTHER]
        else:
            options = getattr(item, "options", ()) or item.scale.options
            valid[name] = [o.code for o in options]
    return valid


@st.composite
def answer_pairs(
    draw, instrument: spec.Instrument, extra: dict[str, list[str]], municipalities: tuple[str, ...]
):
    """A mostly valid set of answers, then a few hostile changes: wrong values, unknown or repeated fields."""
    valid = {**valid_by_field(instrument, municipalities), **extra}
    pairs = [
        (name, draw(st.sampled_from(values))) for name, values in valid.items() if "." not in name
    ]
    for _change in range(
        draw(weighted((3, st.just(0)), (4, st.integers(1, 3)), (1, st.integers(4, 12))))
    ):
        kind = draw(st.integers(0, 3))
        if kind == 0 and pairs:  # a wrong value
            index = draw(st.integers(0, len(pairs) - 1))
            pairs[index] = (pairs[index][0], draw(text_values(valid.get(pairs[index][0], []))))
        elif kind == 1:  # an unknown or strange field
            pairs.append(
                (
                    draw(
                        weighted(
                            (2, st.sampled_from(NASTY[:12])),
                            (1, st.text(max_size=20)),
                            (1, st.binary(max_size=20)),
                        )
                    ),
                    draw(text_values([])),
                )
            )
        elif kind == 2 and pairs:  # a field sent twice
            pairs.append(draw(st.sampled_from(pairs)))
        elif pairs:  # a field left out
            pairs.pop(draw(st.integers(0, len(pairs) - 1)))
    return pairs


@st.composite
def form_posts(
    draw,
    instrument: spec.Instrument,
    tokens: dict[str, str],
    *,
    extra: dict[str, list[str]] | None = None,
    municipalities: tuple[str, ...] = (),
):
    """A Post: mostly urlencoded answers with the page's tokens and a fresh key, sometimes anything at all."""
    pairs = draw(answer_pairs(instrument, extra or {}, municipalities))
    if draw(st.integers(0, 5)):
        # The page's own tokens: the post gets past CSRF and the key check to the answers themselves.
        pairs = [("csrf_token", tokens["csrf_token"]), ("_key", secrets.token_urlsafe(24)), *pairs]
    body = b"&".join(
        quote_from_bytes(as_bytes(name)).encode()
        + b"="
        + quote_from_bytes(as_bytes(value)).encode()
        for name, value in pairs
    )
    if draw(st.integers(0, 19)) == 0:
        body = draw(st.binary(max_size=300))
    content_type = draw(
        weighted((12, st.just(CONTENT_TYPES[0])), (1, st.sampled_from(CONTENT_TYPES)))
    )
    return Post(body, content_type)


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(NASTY),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=10,
)


@st.composite
def api_bodies(draw, instrument: spec.Instrument, municipalities: tuple[str, ...] = ()):
    """(body bytes, content type) for the kiosk's JSON api: shaped like a real send, or anything."""
    kind = draw(st.integers(0, 19))
    if kind == 0:
        return Post(draw(st.binary(max_size=300)), draw(st.sampled_from(CONTENT_TYPES)))
    if kind == 1:
        return Post(json.dumps(draw(JSON_VALUES)).encode(), "application/json")
    if kind == 2:  # nested deeper than any tablet sends (about 1,000 levels and more was a 500)
        depth, opener = (
            draw(st.integers(20, 30_000)),
            draw(st.sampled_from(["[", '{"a":', '{"answers":'])),
        )
        closer = "]" if opener == "[" else "}"
        return Post((opener * depth + "1" + closer * depth).encode(), "application/json")
    pairs = draw(answer_pairs(instrument, {}, municipalities))
    if draw(st.integers(0, 3)) == 0:  # a value of another JSON type
        pairs.append(
            (draw(st.sampled_from(sorted(answers.field_names(instrument)))), draw(JSON_VALUES))
        )
    texts = {
        (name.decode("utf-8", "replace") if isinstance(name, bytes) else name): (
            value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        )
        for name, value in pairs
    }
    body = {
        "key": draw(weighted((8, st.just(secrets.token_urlsafe(24))), (1, JSON_VALUES))),
        "answers": texts,
    }
    # ensure_ascii: a lone surrogate travels as \ud800, which Python's json reads back as one.
    return Post(
        json.dumps(body).encode(),
        draw(weighted((12, st.just("application/json")), (1, st.sampled_from(CONTENT_TYPES)))),
    )
