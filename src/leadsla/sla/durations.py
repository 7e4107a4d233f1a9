"""Durations (`30m 4h 1h30m 2d 1w`) and goal targets (`">= 25%"`, `"<= 4h"`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

_DURATION = re.compile(r"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


@dataclass(frozen=True)
class Duration:
    """A written duration; its meaning depends on the clock it is used on (SPEC §1)."""

    text: str
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0

    @property
    def calendar_minutes(self) -> int:
        """On the calendar clock: `d` is 24 hours and `w` 7 days."""
        return ((self.weeks * 7 + self.days) * 24 + self.hours) * 60 + self.minutes

    def as_timedelta(self) -> timedelta:
        """Calendar time."""
        return timedelta(minutes=self.calendar_minutes)

    # By the units written, not their values: `0d` is "by today's close", not zero minutes.
    @property
    def has_days(self) -> bool:
        return "d" in self.text or "w" in self.text

    @property
    def has_time(self) -> bool:
        return "h" in self.text or "m" in self.text

    @property
    def business_minutes(self) -> int:
        """On the business clock, `m` and `h` are business minutes and hours."""
        return self.hours * 60 + self.minutes

    def business_problem(self) -> str | None:
        """Why this duration cannot be used on the business clock, if it cannot."""
        if "w" in self.text:
            return (
                f"`{self.text}`: weeks (`w`) have no meaning on the business clock; "
                "use business days (`5d`) or `clock: calendar`"
            )
        if self.has_days and self.has_time:
            return (
                f"`{self.text}`: on the business clock a duration is either business days "
                "(`2d` = close of the 2nd business day) or business hours (`16h`), not both"
            )
        return None

    def __str__(self) -> str:
        return self.text


def parse_duration(value: object) -> Duration:
    """Parse `1h30m`-style text; raise ValueError with a message for the user."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"a duration is text like `30m`, `4h`, `1h30m`, `2d`, `1w`; got `{value}`")
    text = str(value).strip()
    if isinstance(value, int):
        raise ValueError(
            f"`{value}` has no unit; write a duration like `{value}m`, `{value}h` or `{value}d`"
        )
    m = _DURATION.match(text.replace(" ", ""))
    if not text or not m or not any(m.groups()):
        raise ValueError(
            f"`{text}` is not a duration; write `30m`, `4h`, `1h30m`, `2d` or `1w` "
            "(units in the order w d h m)"
        )
    if any(g and len(g) > 9 for g in m.groups()):
        raise ValueError(f"`{_clip(text)}` is longer than {MAX_DURATION}, the longest duration")
    w, d, h, mi = (int(g) if g else 0 for g in m.groups())
    duration = Duration(text=text, weeks=w, days=d, hours=h, minutes=mi)
    if duration.calendar_minutes > MAX_DURATION_MINUTES:
        raise ValueError(f"`{text}` is longer than {MAX_DURATION}, the longest duration")
    return duration


MAX_DURATION = "10 years (3650d)"
MAX_DURATION_MINUTES = 3650 * 24 * 60
"""Deadlines, windows and ages are computed on dates from 1900 to 2099; a longer duration is a
typo, and could reach past the dates Python and the business calendar can hold."""


def _clip(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}...{text[-10:]}"


TargetKind = Literal["number", "share", "duration"]
_TARGET = re.compile(r"^\s*(>=|<=)\s*(\S(?:.*\S)?)\s*$")
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class Target:
    """A goal's target: `op` and `value` (shares as fractions, durations as a Duration)."""

    text: str
    op: Literal[">=", "<="]
    kind: TargetKind
    value: float
    duration: Duration | None = None

    def met_by(self, value: float) -> bool:
        return value >= self.value if self.op == ">=" else value <= self.value


def parse_target(value: object) -> Target:
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(
            f'a target is quoted text such as ">= 50", ">= 25%" or "<= 4h"; got `{value}`'
        )
    m = _TARGET.match(value)
    if not m:
        if value.strip()[:1] in ("<", ">", "=", "!"):
            raise ValueError(f"`{value}`: a target starts with `>=` or `<=`")
        raise ValueError(f'`{value}` is not a target; write ">= 50", ">= 25%" or "<= 4h"')
    op, rest = m.group(1), m.group(2)
    if rest.endswith("%") and _NUMBER.match(rest[:-1].strip()):
        share = float(rest[:-1]) / 100
        if not 0 <= share <= 1:
            raise ValueError(f"`{value}`: a share is between 0% and 100%")
        return Target(value, op, "share", share)  # type: ignore[arg-type]
    if _NUMBER.match(rest):
        return Target(value, op, "number", float(rest))  # type: ignore[arg-type]
    try:
        d = parse_duration(rest)
    except ValueError:
        raise ValueError(
            f"`{value}`: `{rest}` is not a number, a share (`25%`) or a duration (`4h`)"
        ) from None
    return Target(value, op, "duration", float(d.calendar_minutes), d)  # type: ignore[arg-type]


@dataclass(frozen=True)
class AtRisk:
    """`at_risk`: a share of the target used up (`75%`), or a time left before due (`1h`)."""

    text: str
    share: float | None = None
    left: Duration | None = None


def parse_at_risk(value: object) -> AtRisk:
    if isinstance(value, str) and value.strip().endswith("%"):
        number = value.strip()[:-1].strip()
        if not _NUMBER.match(number) or not 0 < float(number) <= 100:
            raise ValueError(f"`{value}`: a share is above 0% and at most 100%")
        return AtRisk(value, share=float(number) / 100)
    try:
        return AtRisk(str(value), left=parse_duration(value))
    except ValueError:
        raise ValueError(
            f"`{value}`: `at_risk` is a share of the target (`75%`) or a time left (`1h`)"
        ) from None
