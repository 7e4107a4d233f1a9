"""`leadsla score`: score and qualify every lead; the hand-off audit; `--output`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from leadsla.commands.common import (
    DataOptions,
    Notify,
    load_for_command,
    open_session,
    require,
    row_summary,
    zone_of,
)
from leadsla.commands.remote import remote_session
from leadsla.data.db import Connection
from leadsla.data.output import write_scored_export
from leadsla.data.reader import Wrap
from leadsla.engine.scoring import (
    SCORED,
    audit,
    counts,
    create_remote_scored_view,
    create_scored_view,
    grade_labels,
    lead_scores,
    scoring_wrap,
)
from leadsla.errors import UsageError
from leadsla.messages import say, say_n
from leadsla.results import RowSummary, ScoreResult
from leadsla.sla.load import LoadedSla
from leadsla.sla.models import Sla

SCORE_SECTIONS = ("scoring", "qualification", "funnel")


@contextmanager
def run_score(
    opts: DataOptions, notify: Notify, *, top: int | None, output: Path | None
) -> Iterator[ScoreResult]:
    """The result, whose leads are read from DuckDB while the caller writes them."""
    loaded = load_for_command(opts.sla)
    require(loaded, "scoring", "score")
    if top is not None and top < 0:
        raise UsageError(say("--top takes a number of leads, 0 or more"))
    if output is not None and str(output) == "-":
        raise UsageError(
            say(
                "--output takes a file (standard output carries the report); "
                "--format csv writes the scores alone to standard output"
            )
        )
    if output is not None:
        opts = replace(
            opts, outputs=(*opts.outputs, ("--output", output)), output_may_replace_export=True
        )
    sla = loaded.sla
    if opts.engine != "duckdb":
        with _remote_score(opts, loaded, notify, top) as result:
            yield result
        return

    def wrap(as_of: datetime) -> Wrap:
        return scoring_wrap(sla, as_of)

    with open_session(opts, loaded, SCORE_SECTIONS, notify, wrap=wrap) as session:
        export = session.export
        create_scored_view(export.con)
        if output is not None:
            written = write_scored_export(export, SCORED, output, sla.leads.decimal)
            if not opts.quiet:
                notify(
                    say_n(
                        "wrote {n} row to {path}",
                        "wrote {n} rows to {path}",
                        written,
                        path=str(output),
                    )
                )
        session.finish()
        yield _result(
            sla,
            export.con,
            session.as_of,
            session.zone,
            row_summary(export),
            top,
            export.accounting.used,
        )


def _result(
    sla: Sla,
    con: Connection,
    as_of: datetime,
    zone: str,
    rows: RowSummary,
    top: int | None,
    total: int,
) -> ScoreResult:
    """The result from the `scored` view of `con` (a CSV's run and an engine's alike)."""
    by_grade, by_qual, by_gq = counts(con, sla)
    found = audit(con, sla, zone)
    return ScoreResult(
        as_of=as_of,
        sla_name=sla.name,
        rows=rows,
        grades=grade_labels(sla),
        by_grade=by_grade,
        by_qualification=by_qual,
        by_grade_and_qualification=by_gq,
        handoff_stage=sla.funnel.handoff if sla.funnel else None,
        not_qualified=found.not_qualified,
        not_handed_off=found.not_handed_off,
        stage_mismatch=found.stage_mismatch,
        leads=lead_scores(con, top, zone),
        top=top,
        total_leads=total,
    )


REMOTE_SCORED = "remote_scored"


@contextmanager
def _remote_score(
    opts: DataOptions, loaded: LoadedSla, notify: Notify, top: int | None
) -> Iterator[ScoreResult]:
    """`score --engine postgres|spark`: the scores script (with the hand-off audit's columns)
    runs there; its rows become the `scored` table of
    the command's DuckDB, which the summaries and renderers read as for a CSV. A table has no
    export order: lists follow the ids (binary order; see create_remote_scored_view)."""
    from leadsla.engine.remote.scripts import scored_script

    sla = loaded.sla
    with remote_session(opts, loaded, SCORE_SECTIONS, notify, zone_of(loaded)) as session:
        script = scored_script(loaded, session.engine.dialect, session.target(), session.as_of)
        session.fetch(script, REMOTE_SCORED)
        create_remote_scored_view(session.con, REMOTE_SCORED)
        yield _result(
            sla,
            session.con,
            session.as_of,
            session.zone,
            session.rows(),
            top,
            session.accounting.used,
        )
