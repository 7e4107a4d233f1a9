"""A compiled script's guards (dialects.fail) stop it only where their condition holds: each
depends on a row's column, since planners evaluate constant expressions even in a CASE branch
or COALESCE argument no row reaches (PostgreSQL folded the `--as-of now` clock guard while
estimating a WHERE clause: review F9). sqlcheck refuses a guard built of constants."""

from __future__ import annotations

import duckdb
import pytest
import sqlglot.expressions as exp

from leadsla.engine import dialects as dl
from leadsla.engine.sqlcheck import NotAllowed, check
from leadsla.sla.regex_subset import DIALECTS


def _select(e: exp.Expression) -> exp.Select:
    return exp.select(exp.alias_(e, "x")).from_(exp.to_table("t"))


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_guard_of_constants_is_refused(dialect: str) -> None:
    d = dl.Dialect(dialect)
    clock = _select(dl.fail(d, "leadsla: the clock ", dl.utc_text(d, dl.now_epoch(d))))
    with pytest.raises(NotAllowed, match="must depend on a row"):
        check(clock, dialect)
    check(_select(dl.fail(d, "leadsla: lead ", dl.col("lead"))), dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_instants_in_messages_are_utc_text(dialect: str) -> None:
    d = dl.Dialect(dialect)
    check(_select(dl.utc_text(d, dl.col("start"))), dialect)


def test_a_guard_reads_utc_text_whatever_the_sessions_zone() -> None:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'America/Sao_Paulo'")
    con.execute("CREATE TABLE t AS SELECT 1579082400.0 AS start, 'old' AS lead")
    d = dl.Dialect("duckdb")
    guard = dl.case(
        [(exp.LT(this=dl.col("start"), expression=dl.n(0)), dl.fail(d, "never ", dl.col("lead")))],
        dl.utc_text(d, dl.col("start")),
    )
    assert con.execute(_select(guard).sql("duckdb")).fetchall() == [("2020-01-15 10:00:00 UTC",)]
    fails = _select(
        dl.fail(d, "leadsla: lead ", dl.col("lead"), " at ", dl.utc_text(d, dl.col("start")))
    )
    with pytest.raises(duckdb.Error, match="leadsla: lead old at 2020-01-15 10:00:00 UTC"):
        con.execute(fails.sql("duckdb")).fetchall()


def test_an_engine_runs_guard_is_read_out_of_the_engines_error_in_the_users_language() -> None:
    """As PostgreSQL words the failed cast (tests/engines/test_clock_and_span.py gets it from
    a real server and from Spark): the message without the engine's wrapping, translated."""
    from leadsla import i18n
    from leadsla.commands.remote import script_stop
    from leadsla.messages import local

    error = (
        'PostgreSQL: invalid input syntax for type bigint: "leadsla: lead a, b, follow-up c:'
        " it starts at 2012-03-03 09:00:00 UTC, outside the business calendar this script holds"
        " (2020-01-08 to 2027-11-20); run the command again (the table changed while leadsla"
        ' read it)"'
    )
    said = script_stop(error)
    assert said is not None
    assert str(said).startswith("lead a, b, follow-up c: it starts at 2012-03-03 09:00:00 UTC,")
    i18n.activate("pt_BR")
    try:
        assert local(said) == (
            "lead a, b, follow-up c: começa em 2012-03-03 09:00:00 UTC, fora do calendário de"
            " horário comercial que o leadsla calculou a partir da tabela (2020-01-08 a"
            " 2027-11-20): a tabela mudou enquanto o leadsla a lia; rode o comando de novo"
        )
    finally:
        i18n.activate("en")
    assert script_stop('PostgreSQL: relation "t" does not exist') is None


@pytest.mark.parametrize("dialect", ["postgres", "spark"])
def test_a_cast_of_constant_text_to_a_number_is_refused(dialect: str) -> None:
    """The cells' number casts stand under a CASE that a pattern guards; of constant text a
    planner would fold (and fail on) them even there."""
    d = dl.Dialect(dialect)
    const = dl.number_cast(d, exp.DPipe(this=dl.s("1"), expression=dl.s("x")), "DOUBLE")
    with pytest.raises(NotAllowed, match="must depend on a row"):
        check(_select(dl.case([(exp.false(), const)])), dialect)
    check(_select(dl.number_cast(d, dl.col("cell"), "DOUBLE")), dialect)
