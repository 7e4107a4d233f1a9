"""Conditions as data: `{field: NAME, OPERATOR: VALUE}`, `all`, `any`, `not`."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from leadsla import i18n
from leadsla.messages import Message, say
from leadsla.sla.durations import Duration, parse_duration
from leadsla.sla.regex import regex_problem

Scalar = str | bool | int | float
FieldType = Literal["text", "number", "boolean", "timestamp"]

VALUE_OPERATORS = (
    "eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "between",
    "contains", "starts_with", "ends_with", "matches", "is", "within", "older_than",
)  # fmt: skip
OPERATORS = (*VALUE_OPERATORS, "present")
MAX_NESTING = 200
"""How deep `all`, `any` and `not` may nest (each is one level). Deeper is refused at load:
every layer of leadsla walks conditions recursively, and the SQL nests as deep."""
TEXT_OPERATORS = ("contains", "starts_with", "ends_with", "matches")
NUMBER_OPERATORS = ("gt", "gte", "lt", "lte", "between")
TIME_OPERATORS = ("within", "older_than")
EQUALITY_OPERATORS = ("eq", "ne", "in", "not_in")

OPERATOR_TYPE: dict[str, FieldType] = {
    **dict.fromkeys(TEXT_OPERATORS, "text"),
    **dict.fromkeys(NUMBER_OPERATORS, "number"),
    **dict.fromkeys(TIME_OPERATORS, "timestamp"),
    "is": "boolean",
}


class ConditionError(ValueError):
    """A malformed condition; `subpath` is where inside the condition, for line and column."""

    def __init__(self, message: str, subpath: tuple[str | int, ...] = (), at_key: bool = False):
        super().__init__(message)
        self.message = message
        self.subpath = subpath
        self.at_key = at_key


@dataclass(frozen=True)
class FieldCondition:
    field: str
    op: str
    value: Any
    """eq/ne: Scalar; in/not_in/contains/starts_with/ends_with: tuple; between: (lo, hi);
    gt..lte: float; matches: str; is/present: bool; within/older_than: Duration."""
    subpath: tuple[str | int, ...] = ()
    """Where this leaf sits inside the top-level condition (for line and column)."""

    @property
    def is_value_operator(self) -> bool:
        return self.op != "present"


@dataclass(frozen=True)
class AllCondition:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyCondition:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class NotCondition:
    item: Condition


Condition = FieldCondition | AllCondition | AnyCondition | NotCondition


def closest(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The option `word` is most likely a misspelling of, if any."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, options: list[str] | tuple[str, ...]) -> str:
    """` (did you mean `x`?)` or empty."""
    close = closest(word, options)
    return say(" (did you mean `{word}`?)", word=close) if close else ""


def _scalar(value: Any, where: tuple[str | int, ...], op: str) -> Scalar:
    if isinstance(value, (str, bool, int, float)):
        return value
    raise ConditionError(f"`{op}` takes a single value (text, number or true/false)", where)


def _strings(value: Any, where: tuple[str | int, ...], op: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ConditionError(f"`{op}` needs at least one text", where)
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, (str, int, float)) or isinstance(item, bool):
            at = (*where, i) if isinstance(value, list) else where
            raise ConditionError(f"`{op}` takes text or a list of texts; got `{item}`", at)
        text = str(item).strip()
        if not text:
            raise ConditionError(f"`{op}` with an empty text matches everything", where)
        out.append(text)
    return tuple(out)


def _number(value: Any, where: tuple[str | int, ...], op: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConditionError(f"`{op}` takes a number; got `{value}`", where)
    return float(value)


def _parse_leaf(data: dict[str, Any], path: tuple[str | int, ...]) -> FieldCondition:
    field = data.get("field")
    if not isinstance(field, str) or not field.strip():
        raise ConditionError("`field` must name a field (a column of the export)", (*path, "field"))
    ops = [k for k in data if k != "field"]
    for key in ops:
        if key not in OPERATORS:
            raise ConditionError(
                f"unknown operator `{key}`{suggest(key, OPERATORS)}; operators: {', '.join(OPERATORS)}",
                (*path, key),
                at_key=True,
            )
    if not ops:
        raise ConditionError(
            f"condition on `{field}` has no operator; add one of {', '.join(OPERATORS)}", path
        )
    if len(ops) > 1:
        raise ConditionError(
            f"one operator per condition, found {', '.join(f'`{o}`' for o in ops)}; "
            "combine several with `all: [...]`",
            (*path, ops[1]),
            at_key=True,
        )
    op = ops[0]
    raw = data[op]
    at = (*path, op)
    value: Any
    if raw is None:
        raise ConditionError(f"`{op}` needs a value", at)
    if op in ("eq", "ne"):
        value = _scalar(raw, at, op)
    elif op in ("in", "not_in"):
        if not isinstance(raw, list) or not raw:
            raise ConditionError(f"`{op}` takes a non-empty list, e.g. `{op}: [a, b]`", at)
        value = tuple(_scalar(v, (*at, i), op) for i, v in enumerate(raw))
        kinds = {_kind(v) for v in value}
        if len(kinds) > 1:
            raise ConditionError(f"`{op}` mixes {' and '.join(sorted(kinds))} values", at)
    elif op in ("gt", "gte", "lt", "lte"):
        value = _number(raw, at, op)
    elif op == "between":
        if not isinstance(raw, list) or len(raw) != 2:
            raise ConditionError("`between` takes two numbers, `[low, high]`", at)
        lo, hi = (_number(v, (*at, i), op) for i, v in enumerate(raw))
        if lo > hi:
            raise ConditionError(f"`between: [{raw[0]}, {raw[1]}]`: low is above high", at)
        value = (lo, hi)
    elif op in ("contains", "starts_with", "ends_with"):
        value = _strings(raw, at, op)
    elif op == "matches":
        if not isinstance(raw, str) or not raw:
            raise ConditionError("`matches` takes a regular expression as text", at)
        problem = regex_problem(raw)
        if problem:
            raise ConditionError(problem, at)
        value = raw
    elif op in ("is", "present"):
        if not isinstance(raw, bool):
            raise ConditionError(f"`{op}` takes `true` or `false`; got `{raw}`", at)
        value = raw
    else:  # within, older_than
        try:
            value = parse_duration(raw)
        except ValueError as exc:
            raise ConditionError(str(exc), at) from None
    return FieldCondition(field=field.strip(), op=op, value=value, subpath=path)


def _kind(v: Scalar) -> str:
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, (int, float)):
        return "number"
    return "text"


def parse_condition(data: Any, path: tuple[str | int, ...] = (), depth: int = 0) -> Condition:
    """Build a Condition from YAML data; raise ConditionError with the inner path. `depth`:
    how many `all`/`any`/`not` hold this one."""
    if isinstance(data, list):
        raise ConditionError(
            "a condition is a mapping; to require several, write `all: [...]`", path
        )
    if not isinstance(data, dict):
        raise ConditionError(
            f"a condition is `{{field: NAME, OPERATOR: VALUE}}` or `all`/`any`/`not`; got `{data}`",
            path,
        )
    combos = [k for k in ("all", "any", "not") if k in data]
    if combos:
        key = combos[0]
        extra = [k for k in data if k != key]
        if extra:
            raise ConditionError(
                f"`{key}` stands alone; `{extra[0]}` belongs inside one of its conditions",
                (*path, extra[0]),
                at_key=True,
            )
        if depth >= MAX_NESTING:
            raise ConditionError(
                f"conditions nest more than {MAX_NESTING} levels deep (each `all`, `any` and "
                "`not` is a level); write this one flatter, e.g. `not: {all: [...]}` as "
                "`any: [{not: ...}, ...]`, or split the rule",
                (*path, key),
                at_key=True,
            )
        inner = data[key]
        if key == "not":
            return NotCondition(parse_condition(inner, (*path, "not"), depth + 1))
        if not isinstance(inner, list) or not inner:
            raise ConditionError(f"`{key}` takes a non-empty list of conditions", (*path, key))
        items = tuple(parse_condition(c, (*path, key, i), depth + 1) for i, c in enumerate(inner))
        return AllCondition(items) if key == "all" else AnyCondition(items)
    if "field" not in data:
        keys = list(data)
        hint = suggest(keys[0], ["field", "all", "any", "not"]) if keys else ""
        if keys and keys[0] not in OPERATORS and hint:
            raise ConditionError(f"unknown key `{keys[0]}`{hint}", (*path, keys[0]), at_key=True)
        raise ConditionError("a condition needs `field` (or `all`, `any`, `not`)", path)
    return _parse_leaf(data, path)


def leaves(cond: Condition) -> list[FieldCondition]:
    """Every field condition inside `cond`, in written order."""
    if isinstance(cond, FieldCondition):
        return [cond]
    if isinstance(cond, NotCondition):
        return leaves(cond.item)
    return [leaf for item in cond.items for leaf in leaves(item)]


def duration_value(cond: FieldCondition) -> Duration:
    assert isinstance(cond.value, Duration)
    return cond.value


SHOWN_VALUES = 12
"""A longer list is shown by its first values and how many it has (a list may hold 1,000)."""


class Words:
    """How an explanation is written: in English (what JSON keeps) or, for people, in the
    reader's words with the locale's numbers. Functions that build explanations take one and
    call it `_`, so that the extractor finds their msgids; the SLA's own words (field names,
    operators, values) are never translated."""

    def __init__(self, people: bool) -> None:
        self.people = people

    def __call__(self, msgid: str) -> str:
        return i18n._(msgid) if self.people else msgid

    def count(self, n: int) -> str:
        """A count: 1,000 / 1.000."""
        return i18n.fmt_int(n) if self.people else f"{n:,}"

    def number(self, x: float) -> str:
        """A number of the SLA (points, a cap): 2.5 / 2,5."""
        return i18n.fmt_number(x, 6) if self.people else f"{x:g}"

    def value(self, v: object) -> str:
        """A lead's value, as Python writes it in English ('text', 12.0, None); numbers,
        timestamps and blanks by the locale for people."""
        if self.people and not isinstance(v, bool):
            if v is None:
                return i18n._("(blank)")
            if isinstance(v, float | int):
                return i18n.fmt_number(v, 6)
            if isinstance(v, datetime):
                return i18n.fmt_datetime(v)
        return repr(v)


ENGLISH = Words(people=False)
PEOPLE = Words(people=True)


def explained(build: Callable[[Words], str]) -> Message:
    """A text built once in English (a str, for JSON) and again in the reader's words when
    a table shows it (`messages.local`)."""
    return Message(build(ENGLISH), lambda: build(PEOPLE))


def show_values(values: tuple[Any, ...], _: Words = ENGLISH) -> str:
    """`[a, b, c]`, or `[a, b, ..., j, … (1,000 values)]` for a long list."""
    if len(values) <= SHOWN_VALUES:
        return "[" + ", ".join(str(x) for x in values) + "]"
    head = ", ".join(str(x) for x in values[: SHOWN_VALUES - 2])
    # i18n: the first values of a long list in a condition, and how many it has
    return "[" + _("{head}, … ({count} values)").format(head=head, count=_.count(len(values))) + "]"


def describe(cond: Condition) -> Message:
    """A condition as one line of text: `grade in [A, B] and engagement >= 25` (a Message:
    English, and the connecting words in the reader's language where a table shows it)."""
    return explained(lambda words: _describe(cond, words))


def _describe(cond: Condition, _: Words) -> str:
    symbols = {"eq": "=", "ne": "≠", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
    if isinstance(cond, FieldCondition):
        v = cond.value
        shown = show_values(v, _) if isinstance(v, tuple) else str(v)
        if cond.op in symbols:
            return f"{cond.field} {symbols[cond.op]} {shown}"
        if cond.op == "present":
            if v:
                # i18n: a condition: the field has a value
                return _("{field} is present").format(field=cond.field)
            # i18n: a condition: the field is empty
            return _("{field} is blank").format(field=cond.field)
        return f"{cond.field} {cond.op.replace('_', ' ')} {shown}"
    if isinstance(cond, NotCondition):
        # i18n: a negated condition, e.g. "not (email ends with [@gmail.com])"
        return _("not ({condition})").format(condition=_describe(cond.item, _))
    # i18n: joins the conditions of `all`
    joiner = _(" and ") if isinstance(cond, AllCondition) else _(" or ")
    return "(" + joiner.join(_describe(c, _) for c in cond.items) + ")"
