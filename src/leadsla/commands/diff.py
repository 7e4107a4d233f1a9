"""`leadsla diff OLD NEW [LEADS]`: what changed in the text of an SLA, and what it does to an
export (both SLAs compiled and run on the same file at the same as-of time)."""

from __future__ import annotations

import csv
import io
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from leadsla import i18n
from leadsla.atomic import atomic_binary
from leadsla.commands.common import (
    DataOptions,
    Notify,
    check_paths,
    evaluate,
    export_path,
    open_session,
    zone_of,
)
from leadsla.commands.slacheck import engine_load_problems
from leadsla.errors import LeadslaError, SlaInvalid, SlaNotFound, UsageError
from leadsla.messages import cat, say
from leadsla.results import DiffImpact, DiffResult, GoalImpact
from leadsla.sla.asof import parse_as_of
from leadsla.sla.load import LoadedSla, parse_sla, read_sla_bytes
from leadsla.sla.textdiff import text_changes
from leadsla.sla.yamlload import Loaded, YamlProblem, load_yaml_bytes


@dataclass
class Side:
    loaded: LoadedSla
    yaml: Loaded
    shown: str
    """The name the user gave: a file, or `REV:PATH`."""


def _git_show(rev: str, path: str) -> bytes:
    try:
        proc = subprocess.run(["git", "show", f"{rev}:./{path}"], capture_output=True, check=False)
    except FileNotFoundError:
        raise SlaNotFound(say("{rev}:{path}: git is not installed", rev=rev, path=path)) from None
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        why = reason[-1] if reason else ""
        if "not a git repository" in why.lower():
            raise SlaNotFound(
                say(
                    "{rev}:{path}: not inside a git repository (REV:PATH reads a file from git)",
                    rev=rev,
                    path=path,
                )
            )
        raise SlaNotFound(
            say("{rev}:{path}: git cannot show it ({why})", rev=rev, path=path, why=why)
        )
    if proc.stdout.startswith(f"tree {rev}:./{path}\n\n".encode()):
        # `git show` of a folder lists it: not an SLA with a confusing YAML error
        raise SlaNotFound(
            say("{rev}:{path}: a folder in git, not a file; name the SLA in it", rev=rev, path=path)
        )
    return proc.stdout


def read_side(arg: str) -> Side:
    """An SLA file, or `REV:PATH` read from git (its `leads.path` resolves as if the file stood
    at PATH, relative to the working directory)."""
    as_file = Path(arg)
    if ":" in arg and not as_file.exists() and not (len(arg) > 1 and arg[1] == ":"):
        rev, _, path = arg.partition(":")
        raw = _git_show(rev, path)
        fs_path = Path(path)
    else:
        raw = read_sla_bytes(as_file, arg)
        fs_path = as_file
    not_valid = say("{path} is not a valid SLA; run `leadsla validate`", path=arg)
    try:
        loaded = parse_sla(raw, fs_path, arg)
        yaml = load_yaml_bytes(raw, arg)
    except SlaInvalid as exc:
        raise SlaInvalid(not_valid, exc.problems) from None
    except YamlProblem as exc:  # pragma: no cover - parse_sla reports it first
        raise SlaInvalid(not_valid, exc.problems) from None
    refused = engine_load_problems(loaded)
    if refused:
        raise SlaInvalid(not_valid, refused)
    return Side(loaded, yaml, arg)


def _read_twice(path: Path | None, shown: str) -> None:
    """Each SLA reads the export: a pipe (`/dev/stdin`, a FIFO) would be empty for the second
    one, or leave it waiting forever."""
    try:
        mode = path.stat().st_mode if path is not None else None
    except OSError:
        return  # the session says what is wrong with it
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(
            say(
                "{path}: diff reads the export twice (once per SLA): give a file, not a pipe"
                " or a device",
                path=shown,
            )
        )


@contextmanager
def run_diff(
    opts: DataOptions, notify: Notify, old_arg: str, new_arg: str, *, compare: bool = True
) -> Iterator[DiffResult]:
    """The diff, open until the caller has rendered it: the moved leads are read from the
    engine as they are written."""
    old, new = read_side(old_arg), read_side(new_arg)
    display = new.loaded.sla.display
    i18n.adopt(display.locale if display is not None else None)
    changes = text_changes(old.yaml, new.yaml)
    zone = zone_of(new.loaded)
    as_of = parse_as_of(opts.as_of, zone)
    impact = None
    if compare:
        leads = opts.leads
        if leads == "-":
            raise UsageError(say("diff reads the export twice (once per SLA): give a file, not -"))
        if leads is None and not new.loaded.sla.leads.path:
            raise UsageError(
                say("no export to compare on: give LEADS (a CSV file) or set `leads.path` in NEW")
            )
        if leads is None:
            leads, _path = export_path(new.loaded, None)
        _read_twice(export_path(new.loaded, leads)[1], leads)
        fixed = replace(opts, leads=leads, as_of=as_of.isoformat())
    with ExitStack() as stack:
        if compare:
            impact = _impact(stack, fixed, notify, old, new)
        yield DiffResult(
            as_of=as_of if impact is not None else None,
            old_path=old.shown,
            old_name=old.loaded.sla.name,
            new_path=new.shown,
            new_name=new.loaded.sla.name,
            changes=changes,
            impact=impact,
            zone=zone,
        )


def _impact(
    stack: ExitStack, opts: DataOptions, notify: Notify, old_side: Side, new_side: Side
) -> DiffImpact:
    """Both sides run, then compared in one DuckDB that `stack` closes (before it removes
    the folder of their files). What each side says on stderr (its summary line, its
    warnings) starts with its SLA's name, as given: both read the same export."""
    from leadsla.engine.diffimpact import Comparison
    from leadsla.engine.scoring import grade_labels
    from leadsla.sla.semantics import QUALIFICATIONS

    old, new = old_side.loaded, new_side.loaded
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="leadsla-diff-")))
    # each side lists its own data problems; --errors gets both (one SLA may read a cell the
    # other cannot), checked against both SLAs and the export before anything is read
    for loaded in (old, new):
        check_paths(opts, loaded, export_path(loaded, opts.leads)[1])
    sides = {side: folder / f"{side}_errors.csv" for side in ("old", "new")}

    def errors_of(side: str) -> DataOptions:
        return opts if opts.errors is None else replace(opts, errors=sides[side])

    def said_by(side: Side) -> Notify:
        return lambda message: notify(cat(side.shown, ": ", message))

    try:
        old_goals = _run_side(errors_of("old"), said_by(old_side), old, folder, "old")
        new_goals = _run_side(errors_of("new"), said_by(new_side), new, folder, "new")
    except LeadslaError:
        if opts.errors is not None:
            _merge_errors(opts.errors, [sides["new"], sides["old"]])
        raise
    if opts.errors is not None:
        _merge_errors(opts.errors, [sides["new"], sides["old"]])
    cmp = Comparison(folder)
    stack.callback(cmp.close)

    def grades(loaded: LoadedSla) -> list[str]:
        return grade_labels(loaded.sla) if loaded.sla.scoring else ["(none)"]

    def quals(loaded: LoadedSla) -> list[str]:
        return list(QUALIFICATIONS) if loaded.sla.scoring else ["(none)"]

    def rules(loaded: LoadedSla) -> list[str]:
        return [r.id for r in loaded.sla.follow_up or []]

    moved = cmp.moved()
    return DiffImpact(
        leads=cmp.leads(),
        grade=cmp.matrix("og", "ng", grades(old), grades(new)),
        qualification=cmp.matrix("oq", "nq", quals(old), quals(new)),
        moved=moved,
        moved_count=moved.count(),
        score_changed=cmp.score_changed(),
        follow_up=cmp.follow_up(rules(old), rules(new)),
        goals=_goal_pairs(old_goals, new_goals),
    )


def _merge_errors(target: Path, files: list[Path]) -> None:
    """One --errors file from each side's: every row once (NEW's first), in line order."""
    header: list[str] | None = None
    seen: set[tuple[str, ...]] = set()
    found: list[list[str]] = []
    for f in files:
        if not f.exists():
            continue
        with f.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, header)
            for row in reader:
                if tuple(row) not in seen:
                    seen.add(tuple(row))
                    found.append(row)
    if header is None:
        return
    found.sort(key=lambda row: int(row[1]) if len(row) > 1 and row[1].isdigit() else 0)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(found)  # as each side wrote them (formulas already made inert)
    with atomic_binary(target) as out:
        out.write(buf.getvalue().encode("utf-8"))


GoalKey = tuple[str, datetime, tuple[tuple[str, str], ...]]


def _run_side(
    opts: DataOptions, notify: Notify, loaded: LoadedSla, folder: Path, side: str
) -> dict[GoalKey, dict[str, Any]]:
    """Run one SLA on the export: its leads and follow-ups to Parquet, its goals' values."""
    from leadsla.engine.derive import Deriver
    from leadsla.engine.diffimpact import write_side
    from leadsla.engine.goals import goal_sections
    from leadsla.sla.needs import sections_for

    sla = loaded.sla
    scored = sla.scoring is not None
    sections = {"scoring", "qualification", "funnel"} if scored else set()
    if sla.follow_up:
        sections.add("follow_up")
    if sla.goals is not None and sla.goals.targets:
        sections |= goal_sections(sla)  # what `report` reads for them
    with open_session(opts, loaded, sections, notify) as session:
        export = session.export
        business = evaluate(session, list(sla.follow_up)) if sla.follow_up else None
        goals = _goals(session, business) if "goals" in sections else {}
        deriver = (
            Deriver(sla, export.types, session.as_of, sections_for(loaded, sections))
            if scored
            else None
        )
        write_side(export, folder, side, deriver, follow_up=bool(sla.follow_up))
        session.finish()
    return goals


def _goals(session: Any, business: Any) -> dict[GoalKey, dict[str, Any]]:
    """Each goal's value and verdict over `report`'s default periods (`goals.period`, no
    --by), computed by the same `engine.goals.evaluate_periods` as `report`."""
    from leadsla.engine import goals as gl
    from leadsla.engine.derive import Deriver
    from leadsla.engine.periods import periods as make_periods
    from leadsla.sla.needs import sections_for

    loaded, export, as_of, zone = session.loaded, session.export, session.as_of, session.zone
    sla = loaded.sla
    assert sla.goals is not None
    kind = sla.goals.period
    deriver = Deriver(sla, export.types, as_of, sections_for(loaded, gl.goal_sections(sla)))
    periods = make_periods(kind, as_of, zone, None, None, sla.effective)
    run = gl.evaluate_periods(
        export.con, sla, deriver, periods,
        kind=kind, as_of=as_of, zone=zone, by=None, judged=True, business=business,
    )  # fmt: skip
    out: dict[GoalKey, dict[str, Any]] = {}
    for p, values in zip(periods, run.periods, strict=True):
        for v in values:
            key = (v.id, p.start, tuple(sorted((v.group or {}).items())))
            out[key] = {"value": v.value, "met": v.met, "verdict": v.verdict, "metric": v.metric}
    return out


def _goal_pairs(
    old: dict[GoalKey, dict[str, Any]], new: dict[GoalKey, dict[str, Any]]
) -> list[GoalImpact]:
    keys = list(dict.fromkeys([*new, *old]))
    keys.sort(key=lambda k: (k[0], k[1], k[2]))
    out = []
    for k in keys:
        o, n = old.get(k), new.get(k)
        metric = (n or o or {}).get("metric", "count")
        shown = [
            None if s is None else {x: s[x] for x in ("value", "met", "verdict")} for s in (o, n)
        ]
        out.append(GoalImpact(k[0], k[1], dict(k[2]) or None, shown[0], shown[1], metric))
    return out
