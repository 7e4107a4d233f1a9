"""Problems (findings with a place) and the exceptions that carry them to the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_FAILED = 2
EXIT_INTERRUPTED = 130
"""SIGINT (Ctrl-C), as a shell reports a process it interrupted: 128 + 2."""


MAX_QUOTED = 200
"""A quoted piece of input (between backticks) longer than this keeps its ends only."""
MAX_MESSAGE = 2_000
MAX_WHERE = 300


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head - 1
    return f"{text[:head]}…{text[-tail:]} ({len(text):,} characters)"


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    """`text` with each backtick-quoted piece longer than MAX_QUOTED cut in its middle, and
    the whole cut to `limit` characters the same way."""
    if len(text) <= MAX_QUOTED:
        return text
    parts = text.split("`")
    # odd parts sit between backticks
    cut = _cut("`".join(_cut(p, MAX_QUOTED) if i % 2 else p for i, p in enumerate(parts)), limit)
    # nothing cut: the same object, so a message that can be translated (messages.py) stays so
    return text if cut == text else cut


@dataclass(frozen=True)
class Problem:
    """One finding: where it is (file, line, column, dotted path) and what is wrong.

    `line` and `column` are 1-based; 0 means "not known" (e.g. a whole-file problem).
    """

    path: str
    line: int
    column: int
    level: Level
    code: str
    message: str
    where: str = ""

    def __post_init__(self) -> None:
        # no message quotes more than a bounded piece of its input (an SLA value of 5,000
        # characters, a path 1,000 levels deep): long quoted text keeps its ends
        object.__setattr__(self, "message", bounded(self.message))
        object.__setattr__(self, "where", bounded(self.where, MAX_WHERE))

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path

    def text(self) -> str:
        """`FILE:LINE:COL: dotted.path: message` (warnings say so after the place)."""
        parts = [self.location()]
        if self.level == "warning":
            parts.append("warning")
        if self.where:
            parts.append(self.where)
        parts.append(self.message)
        return ": ".join(parts)


@dataclass
class LeadslaError(Exception):
    """An error the user can act on; `cli.py` prints it and exits with `exit_code`."""

    message: str
    problems: list[Problem] = field(default_factory=list)
    hint: str = ""
    exit_code: int = EXIT_FAILED

    def __str__(self) -> str:
        return self.message


class UsageError(LeadslaError):
    """Bad arguments or options."""


class SlaNotFound(LeadslaError):
    """The SLA file does not exist or cannot be read."""


class SlaInvalid(LeadslaError):
    """The SLA file was read but is not a valid SLA; `problems` lists why."""


class MissingSection(LeadslaError):
    """The command needs a section the SLA does not have."""


class ExportUnreadable(LeadslaError):
    """The lead export is missing, unreadable, or lacks a column the command needs."""


class StrictDataError(LeadslaError):
    """`--strict` and the export had rejected rows, unreadable cells or duplicates."""


class CannotWrite(LeadslaError):
    """An output (a file, standard output) could not be written: a full disk, a closed stream."""


class LeadNotFound(LeadslaError):
    """`explain` was given an id that no lead has."""
