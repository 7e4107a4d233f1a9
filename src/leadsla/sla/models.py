"""The SLA file format (SPEC §1) as pydantic models; field checks only, cross-checks in semantics."""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from leadsla.sla.asof import SUPPORTED, outside
from leadsla.sla.conditions import Condition, ConditionError, parse_condition, suggest
from leadsla.sla.durations import (
    AtRisk,
    Duration,
    Target,
    parse_at_risk,
    parse_duration,
    parse_target,
)

# --- custom value types ------------------------------------------------------------------


def _validate_condition(value: Any) -> Condition:
    try:
        return parse_condition(value)
    except ConditionError as exc:
        raise PydanticCustomError(
            "condition", exc.message, {"subpath": exc.subpath, "at_key": exc.at_key}
        ) from None


def _validate_duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise PydanticCustomError("duration", str(exc)) from None


def _validate_target(value: Any) -> Target:
    if isinstance(value, Target):
        return value
    try:
        target = parse_target(value)
    except ValueError as exc:
        raise PydanticCustomError("target", str(exc)) from None
    if not math.isfinite(target.value):  # `>= 999...9` (309 digits or more) reads as infinity
        shown = f"{value[:40]}..." if len(value) > 40 else value
        message = f"`{shown}`: the number is larger than any leadsla can compute with"
        raise PydanticCustomError("target", "{message}", {"message": message})
    return target


_LEAF_OPS: dict[str, Any] = {
    "eq": {"$ref": "#/$defs/ConditionScalar", "description": "equal (text ignores case and surrounding spaces)"},
    "ne": {"$ref": "#/$defs/ConditionScalar", "description": "not equal; a blank cell satisfies no value operator"},
    "in": {"type": "array", "items": {"$ref": "#/$defs/ConditionScalar"}, "minItems": 1, "description": "one of the values"},
    "not_in": {"type": "array", "items": {"$ref": "#/$defs/ConditionScalar"}, "minItems": 1, "description": "none of the values"},
    "gt": {"type": "number", "description": "greater than (makes the field a number)"},
    "gte": {"type": "number", "description": "greater than or equal"},
    "lt": {"type": "number", "description": "less than"},
    "lte": {"type": "number", "description": "less than or equal"},
    "between": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2, "description": "[low, high], inclusive"},
    "contains": {"$ref": "#/$defs/TextOrTexts", "description": "the text contains one of these"},
    "starts_with": {"$ref": "#/$defs/TextOrTexts", "description": "the text starts with one of these"},
    "ends_with": {"$ref": "#/$defs/TextOrTexts", "description": "the text ends with one of these"},
    "matches": {"type": "string", "description": "RE2 regular expression found anywhere in the trimmed text, ignoring case"},
    "is": {"type": "boolean", "description": "a yes/no field (true yes sim 1 x / false no não 0)"},
    "present": {"type": "boolean", "description": "the cell is (true) or is not (false) filled; the only operator a blank satisfies"},
    "within": {"$ref": "#/$defs/Duration", "description": "a timestamp at most this long before the as-of time"},
    "older_than": {"$ref": "#/$defs/Duration", "description": "a timestamp more than this long before the as-of time"},
}  # fmt: skip

CONDITION_DEFS: dict[str, Any] = {
    "Duration": {
        "type": "string",
        "pattern": r"^(\d+w)?(\d+d)?(\d+h)?(\d+m)?$",
        "description": "30m, 4h, 1h30m, 2d, 1w. On the business clock m/h are business minutes/hours and Nd is the close of the Nth business day.",
    },
    "ConditionScalar": {"type": ["string", "number", "boolean"]},
    "TextOrTexts": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "Condition": {
        "title": "Condition",
        "description": "{field: NAME, OPERATOR: VALUE}, or {all: [...]}, {any: [...]}, {not: {...}}",
        "oneOf": [
            {
                "type": "object",
                "title": "Field condition",
                "properties": {"field": {"type": "string", "description": "a field: a column of the export, or fit, engagement, score, grade, qualification, funnel_stage"}, **_LEAF_OPS},
                "required": ["field"],
                "additionalProperties": False,
                "minProperties": 2,
                "maxProperties": 2,
            },
            {"type": "object", "title": "All of", "properties": {"all": {"type": "array", "items": {"$ref": "#/$defs/Condition"}, "minItems": 1}}, "required": ["all"], "additionalProperties": False},
            {"type": "object", "title": "Any of", "properties": {"any": {"type": "array", "items": {"$ref": "#/$defs/Condition"}, "minItems": 1}}, "required": ["any"], "additionalProperties": False},
            {"type": "object", "title": "Not", "properties": {"not": {"$ref": "#/$defs/Condition"}}, "required": ["not"], "additionalProperties": False},
        ],
    },
}  # fmt: skip

ConditionT = Annotated[
    Condition,
    PlainValidator(_validate_condition),
    WithJsonSchema({"$leadsla_ref": "Condition"}),
]
DurationT = Annotated[
    Duration,
    PlainValidator(_validate_duration),
    PlainSerializer(str),
    WithJsonSchema({"$leadsla_ref": "Duration"}),
]
TargetT = Annotated[
    Target,
    PlainValidator(_validate_target),
    PlainSerializer(lambda t: t.text),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*(>=|<=)\s*\S.*$",
            "description": '">= 50" (a count), ">= 25%" (a share), "<= 4h" (a time)',
        }
    ),
]
FieldName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    Field(description="a field: a column of the export (see leads.columns)"),
]
Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
    Field(description="an identifier: letters, digits, `-`, `_`, `.`"),
]
FieldType = Literal["text", "number", "boolean", "timestamp"]


def _in_range(day: date) -> date:
    if outside(day):
        raise ValueError(
            f"`{day.isoformat()}` is outside the dates leadsla computes with ({SUPPORTED})"
        )
    return day


Day = Annotated[date, AfterValidator(_in_range)]
"""A date of the SLA (effective, reviews, overrides, days off): 1900 to 2099, as the as-of time."""

# --- the strict base -----------------------------------------------------------------------


class Strict(BaseModel):
    """Unknown keys are errors (`extra_forbidden`); the loader names the closest known key."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _at(key: str | int, message: str, *, at_key: bool = False) -> PydanticCustomError:
    """An error placed on the entry `key` of the mapping or list being validated."""
    return PydanticCustomError(
        "invalid", "{message}", {"message": message, "subpath": (key,), "at_key": at_key}
    )


# --- sections -----------------------------------------------------------------------------


class Review(Strict):
    """How often both teams review the agreement."""

    every: DurationT = Field(description="review interval on the calendar clock, e.g. 90d")
    last_reviewed: Day | None = Field(None, description="date of the last review")


_DIRECTIVES = set("aAwdbBmyYHIpMSfgnzZjUWcxX%")


def _check_strptime(fmt: str) -> str:
    if fmt in ("iso", "epoch_s", "epoch_ms"):
        return fmt
    if "%" not in fmt:
        raise ValueError(
            f"`{fmt}` is not a date format; use strptime patterns like `%d/%m/%Y %H:%M`, "
            "or `iso`, `epoch_s`, `epoch_ms`"
        )
    for m in re.finditer(r"%-?(.?)", fmt, re.DOTALL):
        if not m.group(1):
            raise ValueError(f"`{fmt}`: a `%` ends the pattern; write `%%` for a percent sign")
        if m.group(1) not in _DIRECTIVES:
            raise ValueError(f"`{fmt}`: unknown directive `%{m.group(1)}`")
    return fmt


_SHARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
DEFAULT_MAX_UNREADABLE = 0.05


def _parse_share(value: Any) -> float:
    if isinstance(value, str) and (m := _SHARE.match(value)):
        share = float(m.group(1)) / 100
        if share <= 1:
            return share
        raise ValueError(f"`{value}`: a share is between 0% and 100%")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f"`{value}`: write a share with `%`, e.g. `5%` (`100%` turns the check off)"
        )
    raise ValueError(f"`{value}` is not a share; write e.g. `5%` (`100%` turns the check off)")


@dataclass(frozen=True)
class UnreadableLimits:
    """`leads.max_unreadable`: the share of a field's non-blank cells that may be unreadable
    before the field counts as unhealthy (`default`, and per field)."""

    default: float = DEFAULT_MAX_UNREADABLE
    fields: tuple[tuple[str, float], ...] = ()
    text: Any = None
    """As written (a share, or a mapping of them), for serialising."""

    def for_field(self, name: str) -> float:
        return dict(self.fields).get(name, self.default)


def _validate_limits(value: Any) -> UnreadableLimits:
    if isinstance(value, UnreadableLimits):
        return value
    if isinstance(value, dict):
        default = DEFAULT_MAX_UNREADABLE
        fields: list[tuple[str, float]] = []
        for key, share in value.items():
            if not isinstance(key, str) or not key.strip():
                raise _at(key, "a field name (or `default`) is expected here", at_key=True)
            try:
                parsed = _parse_share(share)
            except ValueError as exc:
                raise _at(key, str(exc)) from None
            if key.strip() == "default":
                default = parsed
            else:
                fields.append((key.strip(), parsed))
        return UnreadableLimits(default, tuple(fields), value)
    try:
        if isinstance(value, list):
            raise ValueError(
                "a share (`5%`) or a mapping of shares, e.g. `{default: 5%, company_size: 20%}`"
            )
        return UnreadableLimits(_parse_share(value), (), value)
    except ValueError as exc:
        raise PydanticCustomError("invalid", "{message}", {"message": str(exc)}) from None


_SHARE_SCHEMA = {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"}
MaxUnreadableT = Annotated[
    UnreadableLimits,
    PlainValidator(_validate_limits),
    PlainSerializer(lambda limits: limits.text if limits.text is not None else "5%"),
    WithJsonSchema(
        {
            "anyOf": [
                {**_SHARE_SCHEMA, "description": "one share for every field, e.g. 5%"},
                {
                    "type": "object",
                    "properties": {"default": _SHARE_SCHEMA},
                    "additionalProperties": _SHARE_SCHEMA,
                    "description": "per field, e.g. {default: 5%, company_size: 20%}",
                },
            ],
            "default": "5%",
            "description": "a field whose unreadable cells are more than this share of its "
            "non-blank cells (and at least 20 of them, or all) makes the commands that use it "
            "fail (exit 2); 100% turns the check off",
        }
    ),
]


class Leads(Strict):
    """How to read the CRM export."""

    path: str | None = Field(None, description="default export, relative to the SLA file")
    encoding: str = Field(
        "auto", description="auto | utf-8 | utf-8-sig | utf-16 | cp1252 | latin-1 ..."
    )
    delimiter: Literal["auto", ",", ";", "\t", "|"] = Field(
        "auto", description='auto | "," | ";" | "\\t" | "|"'
    )
    timezone: str | None = Field(
        None,
        description="zone of timestamps written without an offset (default: calendar.timezone, else UTC)",
    )
    date_formats: list[str] = Field(
        default_factory=lambda: ["iso"],
        description="tried in order per cell: strptime patterns, iso, epoch_s, epoch_ms",
        min_length=1,
    )
    decimal: Literal[".", ","] = Field(".", description='decimal separator, "." or ","')
    columns: dict[FieldName, str] = Field(
        default_factory=dict,
        description="field -> CSV header; other fields are looked up by header as written",
    )
    types: dict[FieldName, FieldType] = Field(
        default_factory=dict,
        description="field -> text | number | boolean | timestamp (wins over inference)",
    )
    max_unreadable: MaxUnreadableT = Field(default_factory=lambda: UnreadableLimits())

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, v: str) -> str:
        if v.lower() == "auto":
            return "auto"
        try:
            return codecs.lookup(v).name
        except LookupError:
            raise ValueError(
                f"unknown encoding `{v}`; use auto, utf-8, utf-16, cp1252, latin-1..."
            ) from None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str | None) -> str | None:
        return None if v is None else check_zone(v)

    @field_validator("date_formats")
    @classmethod
    def _formats(cls, v: list[str]) -> list[str]:
        for i, fmt in enumerate(v):
            try:
                _check_strptime(fmt)
            except ValueError as exc:
                raise _at(i, str(exc)) from None
        return v


def check_zone(name: str) -> str:
    """A zone Python's zoneinfo can load. (DuckDB must know it too: `engine_facts` checks that,
    from a cache, since asking DuckDB means importing it.)"""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

    try:
        ZoneInfo(name)
    # a folder (`America`) or an overlong name is an OSError; a file that is not a zone
    # (`zone.tab`) or a path (`/etc/passwd`) a ValueError
    except (ZoneInfoNotFoundError, ValueError, OSError):
        hint = suggest(name, sorted(available_timezones()))
        raise ValueError(f"unknown time zone `{name}`{hint}") from None
    return name


_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


def parse_days(spec: str) -> list[int]:
    """`mon-fri`, `sat`, `mon,wed,fri` -> weekday numbers (Monday = 0)."""
    out: list[int] = []
    for part in (p.strip().lower() for p in spec.split(",")):
        ends = [e.strip() for e in part.split("-")]
        for e in ends:
            if e not in _DAYS:
                raise ValueError(
                    f"`{e}` is not a day; use {', '.join(_DAYS)} or a range like mon-fri"
                )
        if len(ends) == 1:
            out.append(_DAYS.index(ends[0]))
        elif len(ends) == 2:
            a, b = _DAYS.index(ends[0]), _DAYS.index(ends[1])
            if b < a:
                raise ValueError(f"`{part}`: a day range runs forward, e.g. mon-fri")
            out.extend(range(a, b + 1))
        else:
            raise ValueError(f"`{part}` is not a day range")
    return out


def parse_windows(text: str) -> tuple[tuple[int, int], ...]:
    """`"09:00-12:00, 13:00-18:00"` -> ((540, 720), (780, 1080)) minutes after midnight."""
    if not isinstance(text, str):
        raise ValueError(f'hours are text like "09:00-12:00, 13:00-18:00"; got `{text}`')
    out: list[tuple[int, int]] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        m = _WINDOW.match(part)
        if not m:
            raise ValueError(f'`{part}` is not a time window; write "09:00-18:00"')
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
            raise ValueError(f"`{part}`: hours are 00:00 to 24:00")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise ValueError(f"`{part}` ends before it starts (windows cannot cross midnight)")
        if out and start < out[-1][1]:
            raise ValueError(f"`{part}` overlaps or comes before the window before it")
        out.append((start, end))
    return tuple(out)


DayOffName = Annotated[str, StringConstraints(strip_whitespace=True)]
"""A day off's name; a blank one (`""`, or none at all) leaves the day unnamed."""
_DAY = TypeAdapter(Day)


def _day_off(value: object, key: str | int, *, at_key: bool = False) -> date:
    """A company day off as a date, or an error on its entry, worded as pydantic's."""
    try:
        return _DAY.validate_python(value)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = err["msg"].replace("Value error, ", "")
        msg = msg[0].lower() + msg[1:]
        if err["type"] != "value_error":
            msg += f"; got `{value}`"
        raise _at(key, msg, at_key=at_key) from None


class Holidays(Strict):
    """Days off: a country's holidays from the `holidays` package, plus the company's own."""

    country: str | None = Field(None, description="ISO country code, e.g. BR, US, PT")
    subdivision: str | None = Field(None, description="state or region code, e.g. SP")
    categories: list[str] = Field(
        default_factory=lambda: ["public"], description="`holidays` categories"
    )
    include: list[Day] | dict[Day, DayOffName | None] = Field(
        default_factory=list,
        description="company days off: a list of dates, or dates with their names "
        "({2026-12-24: Christmas Eve})",
    )
    exclude: list[Day] = Field(default_factory=list, description="holidays the company works")

    @field_validator("include", mode="before")
    @classmethod
    def _include(cls, v: Any) -> Any:
        # Each date checked here, so that an error sits on the entry (a list item or a key)
        # rather than on both readings of the union, and a date listed twice is an error as
        # a key given twice is.
        if isinstance(v, dict):
            named: dict[Any, str | None] = {}
            for key, name in v.items():
                _day_off(key, key, at_key=True)
                if name is not None and not isinstance(name, str):
                    raise _at(key, f"a day off's name is text, e.g. `Christmas Eve`; got `{name}`")
                # `2026-12-31:` and `2026-12-31: ""` both leave the day unnamed.
                named[key] = (name.strip() or None) if name is not None else None
            return named
        if isinstance(v, list):
            seen: dict[date, int] = {}
            for i, item in enumerate(v):
                day = _day_off(item, i)
                if day in seen:
                    raise _at(
                        i, f"`{day.isoformat()}` is listed twice (first as item {seen[day] + 1})"
                    )
                seen[day] = i
            return v
        # One message, not pydantic's two readings of the union (list[...] and dict[...]).
        raise PydanticCustomError(
            "invalid",
            "{message}",
            {
                "message": "a list of dates or a mapping of date: name, e.g. "
                f"[2026-12-24] or {{2026-12-24: Christmas Eve}}; got `{v}`"
            },
        )

    def days_off(self) -> dict[date, str | None]:
        """The company's days off and their names (None: not named)."""
        if isinstance(self.include, dict):
            return dict(self.include)
        return dict.fromkeys(self.include)


class Calendar(Strict):
    """Business time for deadlines and goal times."""

    timezone: str = Field("UTC", description="the company's zone; business hours are local to it")
    hours: dict[str, str] = Field(
        default_factory=lambda: {"mon-fri": "09:00-18:00"},
        description='weekday or range -> windows, e.g. mon-fri: "09:00-12:00, 13:00-18:00"',
    )
    overrides: dict[Day, str] = Field(
        default_factory=dict, description='a day\'s own hours; "" closes the day'
    )
    holidays: Holidays | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        return check_zone(v)

    @field_validator("hours")
    @classmethod
    def _hours(cls, v: dict[str, str]) -> dict[str, str]:
        seen: dict[int, str] = {}
        for spec, text in v.items():
            try:
                days = parse_days(spec)
            except ValueError as exc:
                raise _at(spec, str(exc), at_key=True) from None
            for day in days:
                if day in seen:
                    raise _at(
                        spec,
                        f"`{_DAYS[day]}` is given hours twice (`{seen[day]}` and `{spec}`)",
                        at_key=True,
                    )
                seen[day] = spec
            try:
                parse_windows(text)
            except ValueError as exc:
                raise _at(spec, str(exc)) from None
        return v

    @field_validator("overrides", mode="before")
    @classmethod
    def _overrides(cls, v: Any) -> Any:
        # Before the keys become dates, so that an error names the key as written.
        if isinstance(v, dict):
            for key, text in v.items():
                if isinstance(text, str):
                    try:
                        parse_windows(text)
                    except ValueError as exc:
                        raise _at(key, str(exc)) from None
        return v

    def week(self) -> dict[int, tuple[tuple[int, int], ...]]:
        """Weekday (Monday = 0) -> business windows in minutes after local midnight."""
        out: dict[int, tuple[tuple[int, int], ...]] = {d: () for d in range(7)}
        for spec, text in self.hours.items():
            for day in parse_days(spec):
                out[day] = parse_windows(text)
        return out


class Stage(Strict):
    """One step of the funnel, or an exit (`outcome`)."""

    id: Slug
    entered: FieldName = Field(description="timestamp field: when the lead entered this stage")
    owner: str | None = Field(None, description="team that owns leads in this stage")
    values: list[str] = Field(
        default_factory=list, description="labels the CRM writes for this stage"
    )
    outcome: Literal["won", "lost", "recycled"] | None = Field(
        None, description="this stage is an exit"
    )
    reason: FieldName | None = Field(None, description="field holding why the lead took this exit")


class Funnel(Strict):
    stage_field: FieldName | None = Field(
        None, description="field with the CRM's current stage label"
    )
    handoff: str = Field("mql", description="stage where marketing hands the lead to sales")
    stages: list[Stage] = Field(min_length=1)


class Rule(Strict):
    name: str = Field(min_length=1)
    when: ConditionT | None = Field(
        None, description="the rule applies when this holds (always without it)"
    )
    per: FieldName | None = Field(
        None, description="multiply points by this number field (blank = 0)"
    )
    points: float
    cap: float | None = Field(None, gt=0, description="clamp the contribution to [-cap, cap]")


class Fit(Strict):
    rules: list[Rule] = Field(default_factory=list)
    grades: dict[str, float] = Field(
        default_factory=dict,
        description="grade -> minimum fit, falling strictly, e.g. {A: 50, B: 30, C: 15}; below "
        "all: D (no grades: every lead is D)",
    )


class Decay(Strict):
    half_life: DurationT = Field(description="calendar time after which engagement counts half")
    since: FieldName = Field(description="timestamp field the age is counted from")


class Engagement(Strict):
    cap: float | None = Field(None, gt=0, description="upper bound of the summed engagement")
    decay: Decay | None = None
    rules: list[Rule] = Field(default_factory=list)


class Scoring(Strict):
    fit: Fit | None = None
    engagement: Engagement | None = None


class Disqualify(Strict):
    reason: str = Field(min_length=1)
    when: ConditionT


class Qualification(Strict):
    disqualify: list[Disqualify] = Field(default_factory=list)
    mql: ConditionT | None = Field(None, description="the definition of a marketing qualified lead")


class Tier(Strict):
    when: ConditionT
    within: DurationT


def _validate_at_risk(value: Any) -> AtRisk:
    try:
        return parse_at_risk(value)
    except ValueError as exc:
        raise PydanticCustomError("at_risk", str(exc)) from None


AtRiskT = Annotated[
    AtRisk,
    PlainValidator(_validate_at_risk),
    PlainSerializer(lambda a: a.text),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(\d+(\.\d+)?%|(\d+w)?(\d+d)?(\d+h)?(\d+m)?)$",
            "description": "a share of the target used up (`75%`) or a time left before due (`1h`)",
        }
    ),
]


class FollowUp(Strict):
    id: Slug
    name: str | None = None
    owner: str = Field(description="the accountable team")
    when: ConditionT | None = None
    start: FieldName = Field(description="timestamp field that starts the clock")
    stop: list[FieldName] = Field(min_length=1, description="timestamp fields that stop the clock")
    early_stop: Literal["met", "ignore"] = Field(
        "ignore", description="a stop before start: `met`, or ignored and counted as a data warning"
    )
    within: DurationT
    clock: Literal["business", "calendar"] = "business"
    at_risk: AtRiskT | None = None
    tiers: list[Tier] = Field(
        default_factory=list, description="first matching tier sets the target"
    )

    @field_validator("stop", mode="before")
    @classmethod
    def _one_stop(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


Metric = Literal["count", "conversion", "median_time", "p90_time", "mean_time", "compliance"]
TIME_METRICS = ("median_time", "p90_time", "mean_time")


class Goal(Strict):
    id: Slug
    name: str | None = None
    owner: str = Field(description="the team the goal belongs to")
    metric: Metric
    of: FieldName | None = Field(None, description="count: the timestamp field counted")
    from_: FieldName | None = Field(
        None, alias="from", description="conversion/time: the cohort's timestamp"
    )
    to: FieldName | None = Field(None, description="conversion/time: the timestamp reached")
    within: DurationT | None = Field(None, description="conversion: reached within this long")
    clock: Literal["business", "calendar"] | None = None
    follow_up: str | None = Field(None, description="compliance: the follow-up rule's id")
    target: TargetT
    where: ConditionT | None = Field(None, description="narrows the leads this goal counts")
    for_each: FieldName | None = Field(
        None,
        description="a field (read as text): the goal is reported per value of it, and "
        "`target` holds for each value's leads on their own",
    )
    overrides: dict[str, TargetT] | None = Field(
        None,
        description="for_each value -> its own target (`(unassigned)` and `(blank)` have "
        "no target unless named here)",
    )

    @field_validator("overrides", mode="before")
    @classmethod
    def _text_keys(cls, value: Any) -> Any:
        # a value of the field is text: `50: ">= 10"` names the group `50`
        if isinstance(value, dict):
            return {k if isinstance(k, str) else str(k): v for k, v in value.items()}
        return value


class Goals(Strict):
    period: Literal["week", "month", "quarter"] = "week"
    targets: list[Goal] = Field(default_factory=list)


class Display(Strict):
    """How leadsla writes for people (terminal, Markdown, HTML); JSON and CSV never change."""

    locale: str | None = Field(
        None,
        description="language and formats of reports, e.g. en, en-US, pt-BR "
        "(--locale and LEADSLA_LOCALE outrank it; default en)",
    )

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from leadsla.i18n import UnknownLocale, normalize

        try:
            normalize(value)
        except UnknownLocale as exc:
            raise ValueError(str(exc)) from None
        return value


class Sla(Strict):
    """A lead SLA between marketing and sales."""

    version: Literal[1] = Field(description="format version; only 1 exists")
    name: str = Field(min_length=1)
    owners: dict[str, str] | None = Field(None, description="team -> accountable person")
    effective: Day | None = Field(
        None, description="nothing that started or ended before this day is judged"
    )
    review: Review | None = None
    leads: Leads = Field(default_factory=lambda: Leads())
    calendar: Calendar | None = None
    funnel: Funnel | None = None
    scoring: Scoring | None = None
    qualification: Qualification | None = None
    follow_up: list[FollowUp] | None = None
    goals: Goals | None = None
    display: Display | None = None
