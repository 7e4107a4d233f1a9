"""`leadsla validate`: load errors and lints for each SLA file; exit code is the worst."""

from __future__ import annotations

from pathlib import Path

from leadsla.commands.slacheck import engine_load_problems
from leadsla.errors import EXIT_FAILED, EXIT_FINDINGS, EXIT_OK, Problem, SlaInvalid, SlaNotFound
from leadsla.results import FileValidation, ValidateResult
from leadsla.sla.asof import parse_as_of
from leadsla.sla.dialect_check import dialect_problems
from leadsla.sla.lints import lint
from leadsla.sla.load import load_sla
from leadsla.sla.needs import unknown_limit_fields


def run_validate(
    paths: list[Path],
    *,
    as_of: str | None,
    strict: bool,
    leads: str | None = None,
    redact: bool = False,
    dialect: str | None = None,
) -> tuple[ValidateResult, int]:
    files: list[FileValidation] = []
    code = EXIT_OK
    first_as_of = None
    for path in paths:
        name = str(path)
        try:
            loaded = load_sla(path, name)
        except SlaNotFound as exc:
            problem = Problem(
                name, 0, 0, "error", "not-found", exc.message.removeprefix(f"{name}: ")
            )
            files.append(FileValidation(name, False, [problem]))
            code = max(code, EXIT_FAILED)
            continue
        except SlaInvalid as exc:
            files.append(FileValidation(name, False, list(exc.problems)))
            code = max(code, EXIT_FINDINGS)
            continue
        refused = engine_load_problems(loaded)
        if refused:
            files.append(FileValidation(name, False, refused))
            code = max(code, EXIT_FINDINGS)
            continue
        zone = loaded.sla.calendar.timezone if loaded.sla.calendar else "UTC"
        when = parse_as_of(as_of, zone)
        first_as_of = first_as_of or when
        warnings = lint(loaded, when) + [loaded.problem(f) for f in unknown_limit_fields(loaded)]
        # what the dialect cannot run alike makes the SLA unusable there (`compile` refuses it)
        errors: list[Problem] = dialect_problems(loaded, dialect) if dialect else []
        summary = None
        if leads is not None:
            from leadsla.commands.validate_leads import check_export

            found, summary = check_export(loaded, leads, when, redact=redact)
            # what would make a data command exit 2 is a finding; the rest are warnings
            errors = [p for p in found if p.level == "error"]
            warnings += [p for p in found if p.level != "error"]
        files.append(FileValidation(name, True, errors, warnings, summary))
        if errors or (warnings and strict):
            code = max(code, EXIT_FINDINGS)
    return ValidateResult(first_as_of or parse_as_of(as_of, "UTC"), files), code
