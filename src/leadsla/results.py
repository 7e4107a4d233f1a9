"""Result objects: what each command found. Renderers only read these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from leadsla.errors import Problem


@dataclass(frozen=True)
class FileValidation:
    path: str
    valid: bool
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ValidateResult:
    as_of: datetime
    files: list[FileValidation]
