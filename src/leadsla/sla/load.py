"""Load an SLA file: YAML -> models -> meaning checks, every problem with FILE:LINE:COL."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from leadsla.errors import Problem, SlaInvalid, SlaNotFound
from leadsla.sla.conditions import closest, suggest
from leadsla.sla.models import Sla
from leadsla.sla.semantics import (
    FieldTypes,
    Finding,
    check_phases,
    check_structure,
    infer_types,
)
from leadsla.sla.yamlload import (
    MAX_BYTES,
    Path,
    Positions,
    YamlProblem,
    dotted,
    load_yaml_bytes,
    size_problem,
)


@dataclass
class LoadedSla:
    """A valid SLA with what commands need beside the model."""

    sla: Sla
    path: FsPath
    positions: Positions
    types: FieldTypes
    warnings: list[Problem] = field(default_factory=list)

    @property
    def display(self) -> str:
        return str(self.path)

    def problem(self, finding: Finding) -> Problem:
        return finding_problem(finding, self.positions, self.display)

    def line_of(self, path: Path) -> int:
        return self.positions.of_value(path).line


def finding_problem(f: Finding, positions: Positions, filename: str) -> Problem:
    mark = positions.of_key(f.path) if f.at_key else positions.of_value(f.path)
    return Problem(filename, mark.line, mark.column, f.level, f.code, f.message, dotted(f.path))  # type: ignore[arg-type]


_PYDANTIC_MESSAGES = {
    "missing": "required key is missing",
    "literal_error": "must be {expected}",
}


def _types_in(annotation: Any) -> list[Any]:
    """The alternatives of a type: `A | None` -> [A]; Annotated and unions unwrapped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _types_in(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [t for arg in get_args(annotation) for t in _types_in(arg)]
    return [annotation]


def known_keys(loc: tuple[str | int, ...]) -> list[str]:
    """The keys the SLA format allows in the mapping at `loc` (a path of keys and indexes)."""
    current: list[Any] = [Sla]
    for part in loc:
        following: list[Any] = []
        for t in (t for c in current for t in _types_in(c)):
            origin, args = get_origin(t), get_args(t)
            if isinstance(t, type) and issubclass(t, BaseModel) and isinstance(part, str):
                for name, f in t.model_fields.items():
                    if part in (name, f.alias):
                        following.append(f.annotation)
            elif origin in (list, tuple) and isinstance(part, int) and args:
                following.append(args[0])
            elif origin is dict and len(args) == 2:
                following.append(args[1])
        current = following
    keys: list[str] = []
    for t in (t for c in current for t in _types_in(c)):
        if isinstance(t, type) and issubclass(t, BaseModel):
            keys += [f.alias or name for name, f in t.model_fields.items()]
    return list(dict.fromkeys(keys))


def _misspelt(errors: list[Any]) -> list[Any]:
    """Drop "required key is missing" where an unknown key beside it is that key misspelt:
    `nmae: x` is one mistake, reported once, as the unknown key with its "did you mean"."""
    meant: set[tuple[str | int, ...]] = set()
    for e in errors:
        if e["type"] == "extra_forbidden":
            loc = tuple(e["loc"])
            close = closest(str(loc[-1]), known_keys(loc[:-1]))
            if close:
                meant.add((*loc[:-1], close))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in meant)]


def _pydantic_problem(err: Any, positions: Positions, filename: str) -> Problem:
    loc: tuple[str | int, ...] = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    at_key = bool(ctx.get("at_key"))
    if loc and loc[-1] == "[key]":
        loc, at_key = loc[:-1], True
    path = loc + tuple(ctx.get("subpath", ()))
    mark = positions.of_key(path) if at_key else positions.of_value(path)
    etype = err["type"]
    message = err["msg"]
    if etype == "missing":
        message = "required key is missing"
        mark = positions.of_value(loc[:-1])
    elif etype == "extra_forbidden":
        etype, key = "unknown_key", str(loc[-1])
        message = f"unknown key `{key}`{suggest(key, known_keys(loc[:-1]))}"
        mark = positions.of_key(path)
    elif etype == "literal_error":
        message = f"must be {ctx.get('expected', '')}; got `{err.get('input')}`"
    elif not etype.startswith(("invalid", "condition", "duration", "target", "at_risk")):
        given = err.get("input")
        message = message[0].lower() + message[1:]
        message = message.replace("value error, ", "")
        if etype != "value_error" and not isinstance(given, (dict, list)):
            message += f"; got `{given}`"
    return Problem(filename, mark.line, mark.column, "error", etype, message, dotted(path))


_CHUNK = 1 << 16


def read_sla_bytes(path: FsPath, name: str | None = None) -> bytes:
    """The file's bytes, read in chunks (so that SIGINT is felt) and never more than
    `MAX_BYTES` + 1 of them: a device (/dev/zero), a FIFO or standard input (/dev/stdin) may
    not end. A regular file larger than `MAX_BYTES` is an invalid SLA (its size said, at 1:1);
    from any other source, leadsla stops reading and cannot go on (SlaNotFound)."""
    name = name or str(path)
    try:
        with path.open("rb") as f:
            info = os.fstat(f.fileno())
            regular = stat.S_ISREG(info.st_mode)
            if regular and info.st_size > MAX_BYTES:
                raw = b""
            else:
                parts: list[bytes] = []
                size = 0
                while size <= MAX_BYTES and (chunk := f.read(min(_CHUNK, MAX_BYTES + 1 - size))):
                    parts.append(chunk)
                    size += len(chunk)
                raw = b"".join(parts)
    except FileNotFoundError:
        raise SlaNotFound(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SlaNotFound(f"{path}: is a directory, not an SLA file") from None
    except OSError as exc:
        raise SlaNotFound(f"{path}: cannot read ({exc.strerror})") from None
    if regular and max(info.st_size, len(raw)) > MAX_BYTES:
        problem = size_problem(name, max(info.st_size, len(raw)))
        raise SlaInvalid(f"{name}: not a valid SLA file", [problem])
    if len(raw) > MAX_BYTES:
        raise SlaNotFound(
            f"{path}: more than {MAX_BYTES:,} bytes (not a regular file: leadsla stopped "
            f"reading); an SLA file is at most {MAX_BYTES:,} bytes"
        )
    return raw


def load_sla(path: FsPath | str, display: str | None = None) -> LoadedSla:
    """Load and check an SLA file. Raises SlaNotFound or SlaInvalid (with every problem)."""
    fs_path = FsPath(path)
    name = display or str(path)
    raw = read_sla_bytes(fs_path, name)
    return parse_sla(raw, fs_path, name)


def parse_sla(raw: bytes, fs_path: FsPath, name: str) -> LoadedSla:
    try:
        loaded = load_yaml_bytes(raw, name)
    except YamlProblem as exc:
        raise SlaInvalid(f"{name}: not a valid SLA file", exc.problems) from None
    positions = loaded.positions
    try:
        sla = Sla.model_validate(loaded.data)
    except ValidationError as exc:
        problems = _unique([_pydantic_problem(e, positions, name) for e in _misspelt(exc.errors())])
        raise SlaInvalid(f"{name}: not a valid SLA file", problems) from None

    findings: list[Finding] = []
    line_of = {p: m.line for p, m in positions.values.items()}
    types = infer_types(sla, findings, line_of)
    check_phases(sla, findings)
    check_structure(sla, findings)
    _check_holidays(sla, findings)
    errors = [f for f in findings if f.level == "error"]
    if errors:
        problems = _unique([finding_problem(f, positions, name) for f in errors])
        raise SlaInvalid(f"{name}: not a valid SLA file", problems)
    return LoadedSla(sla, fs_path, positions, types)


def _check_holidays(sla: Sla, findings: list[Finding]) -> None:
    cal = sla.calendar
    if cal is None or cal.holidays is None or cal.holidays.country is None:
        return
    from leadsla.sla.holiday_registry import registry

    base = ("calendar", "holidays")
    known = registry()
    country = cal.holidays.country.upper()
    if country not in known:
        findings.append(
            Finding(
                (*base, "country"),
                f"`{cal.holidays.country}` is not a country the `holidays` package knows{suggest(country, list(known))}",
                "holidays",
            )
        )
        return
    subdivisions = known[country]["subdivisions"]
    sub = cal.holidays.subdivision
    if sub is not None and sub.upper() not in [s.upper() for s in subdivisions]:
        findings.append(
            Finding(
                (*base, "subdivision"),
                f"`{sub}` is not a subdivision of {country}{suggest(sub.upper(), subdivisions)}",
                "holidays",
            )
        )
    categories = known[country]["categories"]
    for i, c in enumerate(cal.holidays.categories):
        if c not in categories:
            findings.append(
                Finding(
                    (*base, "categories", i),
                    f"`{c}` is not a holiday category of {country}; known: {', '.join(categories)}",
                    "holidays",
                )
            )


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for p in sorted(problems, key=lambda p: (p.line, p.column)):
        key = (p.line, p.column, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def resolve_sla_path(option: str | None) -> FsPath:
    """`--sla`, else `$LEADSLA_SLA`, else `./sla.yaml`, else `./leadsla.yaml`."""
    if option:
        return FsPath(option)
    env = os.environ.get("LEADSLA_SLA")
    if env:
        return FsPath(env)
    for candidate in ("sla.yaml", "leadsla.yaml"):
        if FsPath(candidate).is_file():
            return FsPath(candidate)
    raise SlaNotFound(
        "no SLA file: pass --sla PATH, set LEADSLA_SLA, or put sla.yaml in this folder "
        "(`leadsla init` writes a starter)"
    )
