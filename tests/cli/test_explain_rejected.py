"""`leadsla explain ID` of a lead whose row was rejected (issue 9, case 10): the answer is
where it is and why it was rejected (exit 2), never "no lead ... did you mean" another id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import AS_OF, Cli, run_leadsla

SLA = """\
version: 1
name: Explain rejected rows
scoring:
  fit:
    rules:
      - {name: Big company, when: {field: size, gte: 100}, points: 30}
    grades: {A: 30}
"""


def _rows(n: int, bad: dict[int, str]) -> str:
    """A header and `n` rows with ids L0000001..; line `k + 1` is replaced by `bad[k]`."""
    out = ["id,email,size"]
    for k in range(1, n + 1):
        out.append(bad.get(k, f"L{k:07d},lead{k}@x.com,{k * 10}"))
    return "\n".join(out) + "\n"


def _explain(cli: Cli, tmp_path: Path, csv_text: str, lead: str, *more: str):  # type: ignore[no-untyped-def]
    sla = tmp_path / "sla.yaml"
    sla.write_text(SLA, encoding="utf-8")
    leads = tmp_path / "leads.csv"
    leads.write_text(csv_text, encoding="utf-8")
    return cli("explain", lead, leads, "--sla", sla, "--as-of", AS_OF, *more)


def test_an_id_on_a_rejected_row_says_its_line_and_why(cli: Cli, tmp_path: Path) -> None:
    # the issue's case: L0000137's row has a field too many; L0003137 is one edit away
    text = _rows(3200, {137: "L0000137,x@x.com,10,extra"})
    r = _explain(cli, tmp_path, text, "L0000137")
    assert r.exit_code == 2 and r.stdout == ""
    assert "did you mean" not in r.stderr
    assert "L0003137" not in r.stderr
    assert "`L0000137` is on line 138 of" in r.stderr
    assert "was rejected: wrong number of fields: 4, expected 3" in r.stderr


def test_a_line_swallowed_by_an_unclosed_quote_names_the_record(cli: Cli, tmp_path: Path) -> None:
    # line 11 opens a quote that never closes: lines 11 to the end are one rejected record
    text = _rows(40, {10: 'L0000010,"broken@x.com,5'})
    r = _explain(cli, tmp_path, text, "L0000030")
    assert r.exit_code == 2
    assert "`L0000030` is on line 31 of" in r.stderr
    assert "inside a record that runs from line 11 to line 41" in r.stderr
    assert "a quote is not closed" in r.stderr


def test_an_id_elsewhere_on_a_rejected_row_is_offered_as_a_maybe(cli: Cli, tmp_path: Path) -> None:
    # a cell pasted before the id shifts it to the second column
    text = _rows(20, {5: "oops,L0000005,e@x.com,50"})
    r = _explain(cli, tmp_path, text, "L0000005")
    assert r.exit_code == 2
    assert "no lead has id `L0000005`" in r.stderr
    assert "line 6 of" in r.stderr and "holds `L0000005` in its field 2" in r.stderr
    assert "wrong number of fields: 4, expected 3" in r.stderr


def test_line_number_ids_find_rejected_lines(cli: Cli, tmp_path: Path) -> None:
    # no id or e-mail column: ids are line numbers
    text = "size,name\n10,a\n20,b,c\n30,d\n"
    r = _explain(cli, tmp_path, text, "3")
    assert r.exit_code == 2
    assert "`3` is on line 3 of" in r.stderr
    assert "wrong number of fields: 3, expected 2" in r.stderr


def test_an_id_in_the_footer_says_so(cli: Cli, tmp_path: Path) -> None:
    text = _rows(5, {}) + "\nGrand Totals (5 records)\nL0000099 Confidential\n"
    r = _explain(cli, tmp_path, text, "Grand Totals (5 records)")
    assert r.exit_code == 2
    assert "is on line 8 of" in r.stderr and "part of the footer" in r.stderr


def test_unknown_ids_still_get_a_suggestion(cli: Cli, tmp_path: Path) -> None:
    text = _rows(30, {7: "L0000007,x@x.com,10,extra"})
    r = _explain(cli, tmp_path, text, "L0000300")
    assert r.exit_code == 2
    assert "no lead with id `L0000300`" in r.stderr and "did you mean" in r.stderr


def test_a_good_row_is_shown_and_a_rejected_namesake_noted(cli: Cli, tmp_path: Path) -> None:
    text = _rows(10, {9: "L0000002,y@x.com,10,extra"})
    r = _explain(cli, tmp_path, text, "L0000002", "--format", "json")
    assert r.exit_code == 0, r.output
    assert '"line": 3' in r.stdout
    assert "line 10 of" in r.stderr and "also has this id but was rejected" in r.stderr


@pytest.mark.parametrize("quiet", [False, True])
def test_as_a_subprocess(tmp_path: Path, quiet: bool) -> None:
    (tmp_path / "sla.yaml").write_text(SLA, encoding="utf-8")
    (tmp_path / "leads.csv").write_text(
        _rows(200, {137: "L0000137,x@x.com,10,extra"}), encoding="utf-8"
    )
    r = run_leadsla(
        "explain",
        "L0000137",
        tmp_path / "leads.csv",
        "--sla",
        tmp_path / "sla.yaml",
        "--as-of",
        AS_OF,
        *(["--quiet"] if quiet else []),
    )
    assert r.returncode == 2
    assert "internal error" not in r.stderr
    assert "`L0000137` is on line 138 of" in r.stderr


def test_the_row_summary_and_errors_file_come_first(cli: Cli, tmp_path: Path) -> None:
    text = _rows(50, {137 % 50: "L0000037,x@x.com,10,extra"})
    errors = tmp_path / "errors.csv"
    r = _explain(cli, tmp_path, text, "L0000037", "--errors", errors)
    assert r.exit_code == 2
    assert "50 rows: 49 used, 1 rejected" in r.stderr
    assert r.stderr.index("50 rows:") < r.stderr.index("`L0000037` is on line 38")
    assert "rejected,38,,," in errors.read_text(encoding="utf-8")


def test_redact_masks_the_id_in_the_answer(cli: Cli, tmp_path: Path) -> None:
    text = _rows(10, {4: "L0000004,x@x.com,10,extra"})
    r = _explain(cli, tmp_path, text, "L0000004", "--redact")
    assert r.exit_code == 2
    assert "L0000004" not in r.stderr
    assert "`x9999999` is on line 5 of" in r.stderr
