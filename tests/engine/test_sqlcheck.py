"""The allowlist every compiled tree passes (engine/sqlcheck.py): what a dialect is not known
to run alike is refused, loudly; the example's scripts pass, and parse in their dialect."""

from __future__ import annotations

import pytest
import sqlglot
import sqlglot.expressions as exp

from leadsla.engine.compile import Target, compile_scores
from leadsla.engine.sqlcheck import NotAllowed, check, check_text
from leadsla.sla.asof import parse_as_of
from leadsla.sla.load import load_sla
from leadsla.sla.regex_subset import DIALECTS
from tests.conftest import AS_OF, EXAMPLES


def _select(e: exp.Expression) -> exp.Select:
    return exp.select(exp.alias_(e, "x")).from_(exp.to_table("t"))


@pytest.mark.parametrize(
    ("dialect", "tree", "named"),
    [
        # DuckDB's own functions, which sqlglot would pass through or rename
        ("postgres", _select(exp.Anonymous(this="TRY_STRPTIME", expressions=[])), "TRY_STRPTIME"),
        ("postgres", _select(exp.Anonymous(this="REGEXP_MATCHES", expressions=[])), "REGEXP"),
        ("snowflake", _select(exp.Anonymous(this="REGEXP_LIKE", expressions=[])), "REGEXP_LIKE"),
        ("bigquery", _select(exp.Anonymous(this="EPOCH", expressions=[])), "EPOCH"),
        # TRY_CAST becomes CAST for PostgreSQL: one bad cell would abort the query
        (
            "postgres",
            _select(exp.TryCast(this=exp.column("c"), to=exp.DataType.build("DOUBLE"))),
            "TryCast",
        ),
        # and sqlglot prints it as a plain CAST for Spark and Snowflake
        (
            "spark",
            _select(exp.TryCast(this=exp.column("c"), to=exp.DataType.build("DOUBLE"))),
            "TryCast",
        ),
        (
            "snowflake",
            _select(exp.TryCast(this=exp.column("c"), to=exp.DataType.build("DOUBLE"))),
            "TryCast",
        ),
        # a node kind that is no plain SQL of every dialect (sqlglot would transpile it)
        (
            "spark",
            _select(exp.RegexpILike(this=exp.column("c"), expression=exp.Literal.string("x"))),
            "RegexpILike",
        ),
        (
            "duckdb",
            _select(exp.Greatest(this=exp.column("a"), expressions=[exp.column("b")])),
            "Greatest",
        ),
        # a type outside DOUBLE, BIGINT, VARCHAR
        (
            "spark",
            _select(exp.Cast(this=exp.column("c"), to=exp.DataType.build("TIMESTAMP"))),
            "TIMESTAMP",
        ),
        # IF spelled apart by the engines (IF, IFF, CASE)
        ("bigquery", _select(exp.If(this=exp.true(), true=exp.column("a"))), "IF"),
    ],
)
def test_a_tree_outside_the_allowlist_is_refused(
    dialect: str, tree: exp.Expression, named: str
) -> None:
    with pytest.raises(NotAllowed, match=named):
        check(tree, dialect)


def test_functions_are_allowed_per_dialect() -> None:
    find = _select(exp.Anonymous(this="REGEXP_CONTAINS", expressions=[]))
    check(find.copy(), "bigquery")
    with pytest.raises(NotAllowed):
        check(find, "snowflake")


@pytest.fixture(scope="module")
def scripts() -> dict[str, str]:
    loaded = load_sla(EXAMPLES / "sla.yaml")
    as_of = parse_as_of(AS_OF, "America/Sao_Paulo")
    return {d: compile_scores(loaded, d, Target("crm.leads", "ID"), as_of) for d in DIALECTS}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_examples_script_parses_in_its_dialect(scripts: dict[str, str], dialect: str) -> None:
    # compile_scores checked the tree before printing it; the text reads back as one query
    parsed = sqlglot.parse(scripts[dialect], read=dialect)
    assert len([p for p in parsed if p is not None]) == 1


@pytest.mark.parametrize(
    ("dialect", "text"),
    [
        ("postgres", "SELECT TRY_STRPTIME(c, '%d') FROM t"),
        ("snowflake", "SELECT REGEXP_LIKE(c, 'x') FROM t"),
        ("spark", "SELECT IFF(c, 1, 2) FROM t"),
        ("bigquery", "SELECT TRY_CAST(c AS INT64) FROM t"),
    ],
)
def test_a_printed_script_calling_what_is_not_allowed_is_refused(dialect: str, text: str) -> None:
    with pytest.raises(NotAllowed, match="not allowed"):
        check_text(text, dialect)


def test_names_inside_literals_and_quoted_identifiers_are_not_calls() -> None:
    check_text("""SELECT LOWER('TRY_STRPTIME(x)') AS "EVIL(" FROM t""", "postgres")
