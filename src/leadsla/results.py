"""Result objects: what each command found. Renderers only read these."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from leadsla.errors import Problem


class RowStream(Protocol):
    """A command's rows, still in the engine (STYLE.md rule 1): counted, the first few read as
    values for a table, or all of them read in pages of finished JSON or CSV text. Never a list
    of one Python object per row: memory must not grow with the rows."""

    @property
    def names(self) -> list[str]:
        """The columns: JSON keys, CSV headers, the keys of `head`'s rows."""
        ...

    def count(self) -> int: ...

    def head(self, n: int | None = None) -> list[dict[str, Any]]:
        """The first `n` rows as values (times in the result's zone)."""
        ...

    def json_lines(self) -> Iterator[list[str]]:
        """Pages of rows, each a compact JSON object."""
        ...

    def json_values(self) -> Iterator[list[str]]:
        """Pages of rows of one column, each that value in JSON."""
        ...

    def csv_lines(self) -> Iterator[list[str]]:
        """Pages of rows, each a CSV line (cells escaped and quoted) without its line end."""
        ...


@dataclass(frozen=True)
class FieldSummary:
    """How one field the SLA uses was read: cells not blank (unreadable ones included), and
    cells that could not be read as its type."""

    field: str
    header: str
    non_blank: int
    unreadable: int


@dataclass(frozen=True)
class RowSummary:
    """How every data line of the export was used (SPEC §2)."""

    source: str
    rows: int
    used: int
    rejected: int
    unreadable_cells: int
    duplicates: int
    footer_rows: int
    fields: list[FieldSummary] = field(default_factory=list)
    """Every field the SLA uses that the export has, in the export's column order."""


@dataclass(frozen=True)
class FileValidation:
    path: str
    valid: bool
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    summary: RowSummary | None = None
    """With `--leads`: the export's account, as every data command gives it."""


@dataclass(frozen=True)
class ValidateResult:
    as_of: datetime
    files: list[FileValidation]


LEAD_COLUMNS = (
    "id", "fit", "grade", "engagement", "score", "qualification", "reason", "funnel_stage",
)  # fmt: skip
STAGE_MISMATCH_COLUMNS = ("id", "crm_stage", "crm_stage_id", "funnel_stage")
"""`crm_stage_id`: the stage whose `values` hold the CRM's label (None: a label no stage lists)."""


@dataclass(frozen=True)
class ScoreResult:
    as_of: datetime
    sla_name: str
    rows: RowSummary
    grades: list[str]
    """Grade labels in order (A, B, C, then D)."""
    by_grade: dict[str, int]
    by_qualification: dict[str, int]
    by_grade_and_qualification: dict[str, dict[str, int]]
    handoff_stage: str | None
    not_qualified: RowStream
    """Ids (column `id`) handed off (the hand-off stage entered) that the SLA did not qualify
    when handed off: engagement decayed at the hand-off time, all else as of (`judged_at`)."""
    not_handed_off: RowStream
    """Ids qualified by the SLA (as of) but never handed off."""
    stage_mismatch: RowStream
    """LEAD_COLUMNS' `id` and the rest of STAGE_MISMATCH_COLUMNS, in export order."""
    leads: RowStream
    """LEAD_COLUMNS: with `top`, the top leads (MQLs, then not qualified, by score, then id;
    never a disqualified lead); without, every lead in export order."""
    top: int | None
    total_leads: int
    judged_at: str = "handoff"
    """When the audit's `not_qualified` judges engagement: at each lead's `handoff`."""


STATUSES = ("breached", "at_risk", "on_track", "met_late", "met")
ITEM_COLUMNS = (
    "lead", "rule", "team", "owner", "status", "tier", "start", "due", "stopped", "stopped_by",
    "target_minutes", "elapsed_minutes", "overdue_minutes", "left_minutes",
)  # fmt: skip
"""A follow-up item's columns, in the order JSON and CSV write them (SPEC §3)."""


@dataclass(frozen=True)
class DeadlineItem:
    lead: str
    rule: str
    team: str
    owner: str
    status: str
    tier: int | None
    start: datetime
    due: datetime | None
    stopped: datetime | None
    stopped_by: str | None
    target_minutes: float | None
    elapsed_minutes: float
    overdue_minutes: float
    left_minutes: float | None
    """Time left before due on the rule's clock (not stopped, not yet due)."""
    row: int | None = None
    """The export row it belongs to (internal: ids may be shared; not printed)."""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DeadlineItem:
        """From a row of the items' stream, by column name (ITEM_COLUMNS, and `row`)."""
        return cls(**row)


@dataclass(frozen=True)
class TierFacts:
    label: str
    """What the tier is, for people: its `when` and its `within` as written (`grade A: 1h`)."""
    within: str


@dataclass(frozen=True)
class RuleFacts:
    """What a follow-up rule's items need to be read: its clock and its targets as written."""

    clock: str
    """`business` or `calendar`."""
    within: str
    tiers: tuple[TierFacts, ...] = ()

    def within_of(self, tier: int | None) -> str:
        """The target as written of an item in `tier` (None: the rule's own `within`)."""
        if tier is not None and 0 <= tier < len(self.tiers):
            return self.tiers[tier].within
        return self.within

    def label_of(self, tier: int | None) -> str | None:
        if tier is not None and 0 <= tier < len(self.tiers):
            return self.tiers[tier].label
        return None


@dataclass(frozen=True)
class StatusCounts:
    key: str
    counts: dict[str, int]
    compliance: float | None
    name: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class DeadlinesResult:
    as_of: datetime
    sla_name: str
    rows: RowSummary | None
    holidays_version: str | None
    counts: dict[str, int]
    rules: list[StatusCounts]
    owners: list[StatusCounts]
    teams: list[StatusCounts]
    items: RowStream
    """ITEM_COLUMNS of the items with the shown statuses, worst first."""
    item_count: int
    shown_statuses: list[str]
    failing: int
    """Items (after --rule/--owner/--team/--since) matching --fail-on."""
    fail_on: str
    zone: str
    facts: dict[str, RuleFacts] = field(default_factory=dict)
    """Each follow-up rule's clock and targets as written, by id (tables and Markdown only)."""


@dataclass(frozen=True)
class RuleExplained:
    part: str
    """`fit`, `engagement`, `disqualify`, `mql`, or `tier` (of a follow-up rule)."""
    name: str
    condition: str | None
    fired: bool
    points: float | None
    """The contribution (scoring rules), after `per` and `cap`."""
    detail: str
    """Why it did not fire, or how the points were counted."""
    rule: str | None = None
    tier: int | None = None
    """A tier's follow-up rule and index (tables only: the JSON keeps `name`)."""


@dataclass(frozen=True)
class LeadExplained:
    id: str
    line: int | None
    """None: the lead is a row of a table (`--engine`), which has no line numbers."""
    fields: dict[str, object]
    rules: list[RuleExplained]
    fit: float
    grades: dict[str, float]
    grade: str
    engagement_raw: float
    engagement_cap: float | None
    decay_factor: float
    decay: str | None
    engagement: float
    score: float
    qualification: str
    reason: str | None
    funnel_stage: str | None
    deadlines: list[DeadlineItem]


@dataclass(frozen=True)
class ExplainResult:
    as_of: datetime
    sla_name: str
    holidays_version: str | None
    leads: list[LeadExplained]
    """One per export row with that id (duplicates are all shown)."""
    rows: RowSummary | None = None
    facts: dict[str, RuleFacts] = field(default_factory=dict)
    """Each follow-up rule's clock and targets as written, by id (the table only)."""


@dataclass(frozen=True)
class MonthDays:
    month: str
    """YYYY-MM."""
    business_days: int
    business_hours: float


@dataclass(frozen=True)
class CalendarResult:
    as_of: datetime
    sla_name: str
    timezone: str
    holidays_version: str
    country: str | None
    subdivision: str | None
    start: date
    end: date
    hours: dict[str, str]
    """Weekday (mon..sun) -> windows as written ("" = closed)."""
    overrides: dict[date, str]
    holidays: list[tuple[date, str]]
    """Days off and their names in the `holidays` package's default language (the JSON)."""
    months: list[MonthDays]
    shown_holidays: list[tuple[date, str | None]] = field(default_factory=list)
    """The same days for people: names in the locale's language where the country has it;
    None for a company day off the SLA does not name."""


UNASSIGNED_GROUP = "(unassigned)"
"""A goal's group of leads without an owner, in JSON, CSV and the SLA's `overrides` keys (the
screen shows it in the reader's words)."""
BLANK_GROUP = "(blank)"
"""A goal's group of leads whose field is blank (as UNASSIGNED_GROUP)."""


@dataclass(frozen=True)
class GoalValue:
    id: str
    name: str | None
    owner: str
    metric: str
    group: dict[str, str] | None
    value: float | None
    """count: leads; conversion/compliance: a share 0..1; times: minutes."""
    size: int
    """Leads in the count, the cohort, the timed members, or the judged instances."""
    target_op: str
    target_value: float
    target_text: str
    met: bool | None
    maturing: bool
    projected: float | None
    on_pace: bool | None
    verdict: str
    """The first that applies of: no_data (value null, or a period before the group's first
    value of the goal's timestamp), no_target (the SLA sets no target for this group, or the
    report's period is not `goals.period`), maturing, on_pace / behind (current period of a
    count goal), open (current period of another goal), met, missed."""
    business: bool = False
    """The value and target are business time (a time goal on the business clock)."""
    has_target: bool = True
    """The SLA sets a target for this goal, group and period kind (the `target_*` fields are
    then that target, an override included; else the goal's own, for reference)."""


@dataclass(frozen=True)
class PeriodResult:
    label: str
    start: datetime
    end: datetime
    complete: bool
    goals: list[GoalValue]


@dataclass(frozen=True)
class ReviewInfo:
    every: str
    last_reviewed: date | None
    due: date | None
    overdue: bool


@dataclass(frozen=True)
class FunnelStep:
    id: str
    outcome: str | None
    reached: int
    conversion: float | None
    """Share of the previous step's leads that reached this step (steps only)."""


@dataclass(frozen=True)
class ReportResult:
    as_of: datetime
    sla_name: str
    period: str
    zone: str
    owners: dict[str, str]
    review: ReviewInfo | None
    by: str | None
    periods: list[PeriodResult]
    holidays_version: str | None
    funnel: list[FunnelStep]
    funnel_since: datetime | None
    compliance_rules: list[StatusCounts]
    compliance_owners: list[StatusCounts]
    missed: int
    rows: RowSummary | None = None
    goals_period: str | None = None
    """The period the SLA's targets hold for (`goals.period`): another `period` has no verdicts."""


@dataclass(frozen=True)
class CalibrationCohort:
    """`calibrate`'s cohort: leads whose `field` is in [start, end] (every one had the whole
    window to convert), and how many converted."""

    field: str
    start: datetime | None
    """`--from`, else the earliest cohort timestamp (None when the cohort is empty)."""
    end: datetime
    """The as-of time less the window."""
    size: int
    converted: int
    rate: float | None


@dataclass(frozen=True)
class RuleCalibration:
    """One rule of the SLA against the outcome: fired or not, converted or not."""

    part: str
    """`fit`, `engagement`, `disqualify` or `mql`."""
    name: str
    points: float | None
    fired: int
    fired_converted: int
    not_fired: int
    not_fired_converted: int
    rate_fired: float | None
    rate_not_fired: float | None
    lift: float | None
    lift_low: float | None
    lift_high: float | None
    suggested_points: int | None
    evidence: bool


@dataclass(frozen=True)
class GradeCalibration:
    grade: str
    size: int
    converted: int
    rate: float | None


@dataclass(frozen=True)
class MqlCalibration:
    """The MQL definition against the outcome: `precision` is the converted share of the MQLs,
    `recall` the share of the converted leads that are MQLs."""

    size: int
    converted: int
    precision: float | None
    recall: float | None


@dataclass(frozen=True)
class DecileCalibration:
    decile: int
    min_score: float | None
    max_score: float | None
    size: int
    converted: int
    rate: float | None


@dataclass(frozen=True)
class CalibrateResult:
    """`leadsla calibrate`: do the SLA's rules predict the outcome?"""

    as_of: datetime
    sla_name: str
    zone: str
    outcome: str
    within_minutes: int
    within: str
    """The window as written (`90d`)."""
    cohort: CalibrationCohort
    rules: list[RuleCalibration]
    grades: list[GradeCalibration]
    mql: MqlCalibration
    deciles: list[DecileCalibration]
    rows: RowSummary


@dataclass(frozen=True)
class TextChange:
    """One difference between the texts of two SLAs (`leadsla diff`)."""

    kind: str
    """added, removed, changed or moved"""
    path: str
    """The new file's dotted path of the item (the old one's for a removal)."""
    old_path: str | None
    new_path: str | None
    old: Any
    new: Any
    old_line: int | None
    new_line: int | None


@dataclass(frozen=True)
class MovedLead:
    id: str | None
    line: int
    old: dict[str, Any]
    """grade, qualification, score (`(rejected)` grade and qualification when not read)."""
    new: dict[str, Any]


class MovedLeads(Protocol):
    """`diff`'s leads whose grade or qualification changes, still in the engine: counted, the
    first few read for a table, or all of them read in pages of JSON (never one Python object
    per lead for the whole export)."""

    def count(self) -> int: ...

    def head(self, n: int) -> list[MovedLead]:
        """The first `n`, in line order."""
        ...

    def json_lines(self) -> Iterator[list[str]]:
        """Pages of them, each one compact JSON object `{"id", "line", "old", "new"}`."""
        ...


@dataclass(frozen=True)
class FollowUpImpact:
    rule: str
    old: dict[str, int]
    new: dict[str, int]
    status_changed: int
    due_changed: int
    only_old: int
    only_new: int


@dataclass(frozen=True)
class GoalImpact:
    id: str
    period_start: datetime
    group: dict[str, str] | None
    old: dict[str, Any] | None
    """value, met, verdict; None where the goal or period exists under the new SLA only."""
    new: dict[str, Any] | None
    metric: str = "count"
    """The goal's metric (the new SLA's where both have the goal): how a value reads."""


@dataclass(frozen=True)
class DiffImpact:
    leads: int
    """Data rows compared (lines read under either SLA)."""
    grade: dict[str, dict[str, int]]
    qualification: dict[str, dict[str, int]]
    moved: MovedLeads
    moved_count: int
    """`moved.count()`, counted once."""
    score_changed: int
    follow_up: list[FollowUpImpact]
    goals: list[GoalImpact]

    @property
    def any(self) -> bool:
        """Is there any impact `--fail-on-impact` fails on?"""
        return bool(
            self.moved_count
            or any(f.status_changed or f.due_changed or f.only_old or f.only_new
                   for f in self.follow_up)
            or any(
                g.old is None
                or g.new is None
                or g.old.get("verdict") != g.new.get("verdict")
                for g in self.goals
            )
        )  # fmt: skip


@dataclass(frozen=True)
class DiffResult:
    as_of: datetime | None
    old_path: str
    old_name: str
    new_path: str
    new_name: str
    changes: list[TextChange]
    impact: DiffImpact | None
    """None when no export was compared."""
    zone: str = "UTC"
