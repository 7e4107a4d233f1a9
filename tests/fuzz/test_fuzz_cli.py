"""Fuzz the commands end to end: mutants of the example SLA and export through `leadsla` (typer's
runner in process; a handful as real subprocesses).

Each case asserts what SPEC §3 promises a cron job or CI: no traceback and no "internal
error"; the exit codes of each command (score and explain 0/2, check-deadlines 0/1/2 with 1
only for --fail-on, report 0/2 or 0/1/2 with --fail-on-missed, validate 0/1 for an SLA it
can read and 2 for a missing file); nothing on standard output when the command could not do
its job; a row summary that adds up and agrees with the JSON and with --errors; --strict
that never passes an export with problems; --output that writes every data row. The seed of
each case is in its test id, and its recipe in the failure message."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, Cli, run_leadsla
from tests.fuzz.checks import (
    LEGITIMATE_REFUSAL,
    Case,
    assert_clean,
    assert_errors_match,
    error_rows,
    json_doc,
    summary_of,
)
from tests.fuzz.conftest import seed_ids, seeds
from tests.fuzz.mutate import (
    EXAMPLE_SLA,
    FIELDS,
    INTERNAL_NAMES,
    VALUE_KINDS,
    Mutant,
    example_tree,
    export_case,
    rename_field,
    sla_case,
    sla_value_case,
)

pytestmark = pytest.mark.filterwarnings("error")

DATA_COMMANDS = ("score", "check-deadlines", "report", "explain")


@dataclass
class Run:
    args: list[str]
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"leadsla {' '.join(self.args)} -> exit {self.code}\nstderr: {self.stderr[-1500:]}"


def invoke(cli: Cli, args: list[str | Path]) -> Run:
    strs = [str(a) for a in args]
    r = cli(*strs)
    return Run(strs, r.exit_code, r.stdout, r.stderr)


def allowed_codes(command: str, args: list[str]) -> set[int]:
    if command == "check-deadlines":
        return {0, 2} if "never" in args else {0, 1, 2}
    if command == "report":
        return {0, 1, 2} if "--fail-on-missed" in args else {0, 2}
    if command == "validate":
        return {0, 1, 2} if "--leads" in args else {0, 1}
    return {0, 2}


def check_run(
    run: Run, command: str, case: Case, errors: Path | None = None
) -> dict[str, int] | None:
    """The contract of one command run; returns the row summary's counts when it printed one."""
    assert_clean(run.stdout, case, "stdout")
    assert_clean(run.stderr, case, "stderr")
    assert run.code in allowed_codes(command, run.args), f"{case}: unexpected exit code\n{run}"
    if command == "validate":
        return None
    quiet = "--quiet" in run.args
    summary = summary_of(run.stderr, case)
    if run.code == 2:
        assert run.stdout.strip() == "", f"{case}: exit 2, yet a result on stdout\n{run}"
        assert re.search(r"leadsla: |:\d+:\d+: ", run.stderr), (
            f"{case}: exit 2 without a message\n{run}"
        )
    elif not quiet:
        assert summary is not None, f"{case}: no row summary\n{run}"
    if summary is not None and "--strict" in run.args and run.code != 2:
        # rejected rows, unreadable cells, duplicate ids, stray bytes and data warnings all
        # fail --strict (SPEC §2)
        flagged = re.search(r"rows share|not UTF-8|data warning", run.stderr)
        assert summary["rejected"] == 0 and summary["unreadable"] == 0 and not flagged, (
            f"{case}: --strict passed an export with problems\n{run}"
        )
    if summary is not None and errors is not None and errors.exists():
        assert_errors_match(error_rows(errors, case), summary, case)
    if run.code != 2 and "json" in run.args and command != "explain":
        doc = json_doc(run.stdout, case)
        s = doc.get("summary", {})
        if "rows" in s:
            assert s["rows"] == s["used"] + s["rejected"], (
                f"{case}: JSON summary does not add up: {s}"
            )
            if summary is not None:
                got = {
                    "rows": s["rows"],
                    "used": s["used"],
                    "rejected": s["rejected"],
                    "unreadable": s["unreadable_cells"],
                }
                assert got == summary, f"{case}: JSON {got} and the summary line {summary} differ"
            if "leads" in doc and "--top" not in run.args:
                assert len(doc["leads"]) == s["used"], (
                    f"{case}: {len(doc['leads'])} leads, {s['used']} used"
                )
    return summary


EXPLAIN_IDS = ["100002", "100001", "100040", "L0000137", "1", "2", "999999"]


def data_args(
    rng: random.Random,
    command: str,
    export: Path,
    sla: Path,
    tmp: Path,
    ids: list[str] = EXPLAIN_IDS,
) -> tuple[list[str | Path], Path | None]:
    """Options for one run of a data command, drawn from the case's generator."""
    args: list[str | Path] = [command]
    if command == "explain":
        args.append(rng.choice(ids))
    args += [export, "--sla", sla, "--as-of", AS_OF]
    formats = {
        "score": ["json", "json", "table", "csv"],
        "check-deadlines": ["json", "json", "table", "csv", "markdown"],
        "report": ["json", "json", "table", "markdown", "html"],
        "explain": ["json", "table"],
    }[command]
    args += ["--format", rng.choice(formats)]
    errors = None
    if rng.random() < 0.8:
        errors = tmp / "errors.csv"
        args += ["--errors", errors]
    if rng.random() < 0.25:
        args.append("--strict")
    if rng.random() < 0.1:
        args.append("--quiet")
    if rng.random() < 0.1:
        args.append("--redact")
    if command == "score" and rng.random() < 0.3:
        args += ["--output", tmp / "scored.csv"]
    if command == "score" and rng.random() < 0.2:
        args += ["--top", rng.choice(["0", "1", "5"])]
    if command == "check-deadlines":
        args += ["--fail-on", rng.choice(["breached", "at_risk", "never"])]
        if rng.random() < 0.3:
            args += ["--status", rng.choice(["all", "met", "breached,at_risk", "on_track"])]
    if command == "report":
        if rng.random() < 0.5:
            args.append("--fail-on-missed")
        if rng.random() < 0.2:
            args += ["--by", rng.choice(["owner", "source", "grade"])]
    return args, errors


def write(tmp: Path, name: str, mutant: Mutant) -> Path:
    path = tmp / name
    path.write_bytes(mutant.data)
    return path


# --- exports -----------------------------------------------------------------------------------

EXPORT_SEEDS = seeds(40)


@pytest.mark.parametrize("seed", EXPORT_SEEDS, ids=seed_ids(EXPORT_SEEDS))
def test_cli_on_an_export_mutant(seed: int, cli: Cli, tmp_path: Path) -> None:
    rng = random.Random(f"cli-export:{seed}")
    # most byte-level damage is the reader's (test_fuzz_export); here odd cells and records,
    # which reach the engine and the renderers
    mutant = export_case(seed, "cli-export", small=rng.random() < 0.95, cells=0.85)
    export = write(tmp_path, "leads.csv", mutant)
    case = Case(f"cli-export seed {seed}", mutant.describe(), export=export)
    command = rng.choices([*DATA_COMMANDS, "validate"], [4, 3, 2, 1, 1])[0]
    if command == "validate":
        run = invoke(cli, ["validate", EXAMPLE_SLA, "--leads", export, "--as-of", AS_OF])
        check_run(run, "validate", case)
        return
    args, errors = data_args(rng, command, export, EXAMPLE_SLA, tmp_path)
    run = invoke(cli, args)
    summary = check_run(run, command, case, errors)
    scored = tmp_path / "scored.csv"
    if command == "score" and run.code == 0 and "--output" in run.args:
        assert scored.exists(), f"{case}: --output not written\n{run}"
        if summary is not None:
            check_scored_output(scored, summary["rows"], case)


def _decode(data: bytes) -> str | None:
    """The text of a file written in one clean encoding (None when it is not)."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _records(text: str | None) -> list[list[str]] | None:
    if text is None:
        return None
    first = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t", "|"], key=first.count)
    csv.field_size_limit(1 << 30)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return None


def check_scored_output(path: Path, rows: int, case: Case) -> None:
    """`--output` writes every data row, used or rejected, in input order, and no footer."""
    records = _records(_decode(path.read_bytes()))
    if records is None:
        return
    records = [r for r in records if r]
    assert records and records[0][-6:] == [
        "sla_fit",
        "sla_grade",
        "sla_engagement",
        "sla_score",
        "sla_qualification",
        "sla_reason",
    ], f"{case}: --output header {records[0][-6:] if records else None}"
    assert len(records) - 1 == rows, (
        f"{case}: --output holds {len(records) - 1} rows, the export {rows}"
    )


# --- round trips -------------------------------------------------------------------------------

ROUND_TRIP_SEEDS = seeds(8)


@pytest.mark.parametrize("seed", ROUND_TRIP_SEEDS, ids=seed_ids(ROUND_TRIP_SEEDS))
def test_cli_scored_output_keeps_every_cell_and_scores_the_same(
    seed: int, cli: Cli, tmp_path: Path, small_export: Path
) -> None:
    """Issue 9 "Round trips" and case 9: --output copies every source cell as it was, and the
    scored file, scored again, gives the same account."""
    mutant = (
        Mutant(small_export.read_bytes(), ["the small export"])
        if seed == 0
        else export_case(seed, "round-trip")
    )
    export = write(tmp_path, "leads.csv", mutant)
    case = Case(f"round-trip seed {seed}", mutant.describe(), export=export)
    scored = tmp_path / "scored.csv"
    first = invoke(
        cli,
        [
            "score",
            export,
            "--sla",
            EXAMPLE_SLA,
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--output",
            scored,
        ],
    )
    before = check_run(first, "score", case)
    if first.code != 0 or before is None:
        return
    check_scored_output(scored, before["rows"], case)
    footer = json_doc(first.stdout, case)["summary"]["footer_rows"]
    source, written = _records(_decode(export.read_bytes())), _records(_decode(scored.read_bytes()))
    source = [r for r in source or [] if r]
    written = [r for r in written or [] if r]
    # cell by cell where Python's csv splits the export into the records leadsla read
    if source and len(source) - 1 == before["rows"] + footer and len(written) - 1 == before["rows"]:
        width = len(source[0])
        for i, (a, b) in enumerate(zip(source, written, strict=False)):
            if len(a) == width and b[:width] != a:
                k = next(k for k in range(width) if k >= len(b) or b[k] != a[k])
                got = b[k] if k < len(b) else None
                raise AssertionError(
                    f"{case}: record {i}, column {source[0][k]!r}: {a[k]!r} written back as {got!r}"
                )
    again = invoke(
        cli, ["score", scored, "--sla", EXAMPLE_SLA, "--as-of", AS_OF, "--format", "json"]
    )
    after = check_run(again, "score", case)
    assert after == before, f"{case}: the scored export accounts {after}, the export {before}"


# --- one account -------------------------------------------------------------------------------

ACCOUNT_SEEDS = seeds(8)


@pytest.mark.parametrize("seed", ACCOUNT_SEEDS, ids=seed_ids(ACCOUNT_SEEDS))
def test_cli_every_command_gives_the_same_account(
    seed: int, cli: Cli, tmp_path: Path, small_export: Path
) -> None:
    """Issue 9 case 2 ("One account of an export"): the same SLA, export and as-of time give
    the same row summary and --errors in every data command."""
    mutant = (
        Mutant(small_export.read_bytes(), ["the small export"])
        if seed == 0
        else export_case(seed, "account", cells=0.9)
    )
    export = write(tmp_path, "leads.csv", mutant)
    case = Case(f"account seed {seed}", mutant.describe(), export=export)
    seen: dict[str, tuple[dict[str, int] | None, list[tuple[str, str, str]]]] = {}
    for command in ("score", "check-deadlines", "report"):
        errors = tmp_path / f"{command}-errors.csv"
        args: list[str | Path] = [
            command,
            export,
            "--sla",
            EXAMPLE_SLA,
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--errors",
            errors,
        ]
        if command == "check-deadlines":
            args += ["--fail-on", "never"]
        run = invoke(cli, args)
        summary = check_run(run, command, case, errors)
        problems = (
            sorted(
                (r["kind"], r["line"], r["column"])
                for r in error_rows(errors, case)
                if r["kind"] != "warning"
            )
            if errors.exists()
            else []
        )
        seen[command] = (summary, problems)
    accounts = {c: s for c, (s, _p) in seen.items()}
    assert len({json.dumps(s, sort_keys=True) for s in accounts.values()}) == 1, (
        f"{case}: the commands account differently: {accounts}"
    )
    lists = {c: p for c, (_s, p) in seen.items()}
    assert lists["score"] == lists["check-deadlines"] == lists["report"], (
        f"{case}: --errors differs between commands: "
        + ", ".join(f"{c}: {len(p)} problems" for c, p in lists.items())
    )


# --- SLAs --------------------------------------------------------------------------------------

VALIDATE_SEEDS = seeds(40)


@pytest.mark.parametrize("seed", VALIDATE_SEEDS, ids=seed_ids(VALIDATE_SEEDS))
def test_cli_validate_an_sla_mutant(seed: int, cli: Cli, tmp_path: Path) -> None:
    rng = random.Random(f"cli-validate:{seed}")
    mutant = sla_case(seed, "cli-validate")
    sla = write(tmp_path, "sla.yaml", mutant)
    case = Case(f"cli-validate seed {seed}", mutant.describe(), sla=sla)
    fmt = rng.choice(["text", "json", "github"])
    args: list[str | Path] = ["validate", sla, "--as-of", AS_OF, "--format", fmt]
    if rng.random() < 0.3:
        args.append("--strict")
    run = invoke(cli, args)
    check_run(run, "validate", case)
    if fmt == "json":
        doc = json_doc(run.stdout, case)
        (file,) = doc["files"]
        assert file["valid"] == (not file["errors"]), f"{case}: {file}"
        for p in file["errors"] + file["warnings"]:
            assert p["line"] >= 1 and p["column"] >= 1, f"{case}: a problem without a place: {p}"
        if run.code == 0:
            assert file["valid"], f"{case}: exit 0 for an invalid SLA"
        else:
            assert not file["valid"] or (file["warnings"] and "--strict" in run.args), (
                f"{case}: exit 1 for {file}"
            )
    elif run.code == 1:
        assert re.search(r":\d+:\d+|line=\d+,col=\d+", run.stdout + run.stderr), (
            f"{case}: no place given\n{run}"
        )


SLA_RUN_SEEDS = seeds(30)


@pytest.mark.parametrize("seed", SLA_RUN_SEEDS, ids=seed_ids(SLA_RUN_SEEDS))
def test_cli_what_validate_accepts_the_commands_run(
    seed: int, cli: Cli, tmp_path: Path, small_export: Path
) -> None:
    """Issue 9 cases 6, 7, 8: an SLA that `validate` accepts must run on an export that reads
    cleanly with the example SLA; a refusal (exit 2) is for too many unreadable cells only.
    Seed N sweeps value N div 10 of kind N mod 10 (see `sla_value_case`)."""
    rng = random.Random(f"cli-sla:{seed}")
    mutant = sla_value_case(seed, "cli-sla")
    sla = write(tmp_path, "sla.yaml", mutant)
    case = Case(f"cli-sla seed {seed}", mutant.describe(), sla=sla, export=small_export)
    validated = invoke(cli, ["validate", sla, "--as-of", AS_OF])
    check_run(validated, "validate", case)
    # calendars, durations, targets and dates matter to deadlines and goals; the rest to all
    if VALUE_KINDS[seed % len(VALUE_KINDS)] in ("zone", "duration", "target", "dates"):
        command = rng.choice(["check-deadlines", "report"])
    else:
        command = rng.choice(DATA_COMMANDS)
    args, errors = data_args(rng, command, small_export, sla, tmp_path, ids=["100002"])
    run = invoke(cli, args)
    check_run(run, command, case, errors)
    if validated.code == 0 and run.code == 2 and "--strict" not in run.args:
        assert LEGITIMATE_REFUSAL.search(run.stderr), (
            f"{case}: `validate` accepts the SLA, `{command}` refuses it\n{run}"
        )
    if validated.code == 1:
        assert run.code == 2, f"{case}: `validate` refuses the SLA, `{command}` runs it\n{run}"


NAME_SEEDS = seeds(10)


@pytest.fixture(scope="module")
def baseline(small_export: Path) -> dict[str, Any]:
    """The example SLA's results on the small export (a field renamed consistently must give
    exactly these)."""
    cli = Cli()
    return {
        command: json.loads(
            invoke(
                cli,
                [
                    command,
                    small_export,
                    "--sla",
                    EXAMPLE_SLA,
                    "--as-of",
                    AS_OF,
                    "--format",
                    "json",
                    *extra,
                ],
            ).stdout
        )
        for command, extra in (("score", []), ("check-deadlines", ["--fail-on", "never"]))
    }


@pytest.mark.parametrize("seed", NAME_SEEDS, ids=seed_ids(NAME_SEEDS))
def test_cli_a_field_named_like_an_internal_column(
    seed: int, cli: Cli, tmp_path: Path, small_export: Path, baseline: dict[str, Any]
) -> None:
    """Issue 9 case 5: a field named like an internal column (`_row`, `_id`, `reason`,
    `_bad`...) is refused at load with a located error, or gives the same results as any
    other name."""
    import yaml

    rng = random.Random(f"cli-names:{seed}")
    # not `owner`: check-deadlines reads the lead's owner by that name, whatever the SLA says
    old = rng.choice([f for f in FIELDS if f != "owner"])
    new = INTERNAL_NAMES[(seed * 7) % len(INTERNAL_NAMES)]
    tree = example_tree()
    rename_field(tree, old, new)
    sla = tmp_path / "sla.yaml"
    sla.write_text(yaml.safe_dump(tree, sort_keys=False, allow_unicode=True), "utf-8")
    case = Case(f"cli-names seed {seed}", f"rename field {old} to {new}", sla=sla)
    validated = invoke(cli, ["validate", sla, "--as-of", AS_OF])
    check_run(validated, "validate", case)
    for command, extra in (("score", []), ("check-deadlines", ["--fail-on", "never"])):
        run = invoke(
            cli, [command, small_export, "--sla", sla, "--as-of", AS_OF, "--format", "json", *extra]
        )
        check_run(run, command, case)
        if validated.code == 1:
            assert run.code == 2 and re.search(r":\d+:\d+: ", run.stderr), f"{case}\n{run}"
            continue
        assert run.code == 0, f"{case}: `validate` accepts the name, `{command}` fails\n{run}"
        got, want = json.loads(run.stdout), baseline[command]
        if command == "score":
            for key in ("rows", "used", "unreadable_cells", "by_grade", "by_qualification"):
                assert got["summary"][key] == want["summary"][key], (
                    f"{case}: {key} {got['summary'][key]}, with a neutral name {want['summary'][key]}"
                )
            assert got["leads"] == want["leads"], f"{case}: the leads' scores differ"
        else:
            assert got["summary"]["counts"] == want["summary"]["counts"], (
                f"{case}: {got['summary']['counts']}, with a neutral name {want['summary']['counts']}"
            )


# --- as real subprocesses ----------------------------------------------------------------------


def test_process_validate_a_missing_file_exits_2(tmp_path: Path) -> None:
    r = run_leadsla("validate", tmp_path / "nope.yaml")
    assert r.returncode == 2, r
    assert "nope.yaml" in r.stdout + r.stderr


def test_process_score_a_missing_export_exits_2(tmp_path: Path) -> None:
    r = run_leadsla("score", tmp_path / "nope.csv", "--sla", EXAMPLE_SLA, "--as-of", AS_OF)
    assert r.returncode == 2 and r.stdout == "", r
    assert "nope.csv" in r.stderr and "internal error" not in r.stderr


@pytest.mark.parametrize("seed", [0, 1], ids=["seed0", "seed1"])
def test_process_validate_an_sla_mutant(seed: int, tmp_path: Path) -> None:
    mutant = sla_case(seed, "process")
    sla = write(tmp_path, "sla.yaml", mutant)
    case = Case(f"process-validate seed {seed}", mutant.describe(), sla=sla)
    r = run_leadsla("validate", sla, "--as-of", AS_OF)
    check_run(Run(["validate"], r.returncode, r.stdout, r.stderr), "validate", case)


@pytest.mark.parametrize("seed", [0, 1], ids=["seed0", "seed1"])
def test_process_score_an_export_mutant_from_standard_input(seed: int, tmp_path: Path) -> None:
    mutant = export_case(seed, "process")
    case = Case(f"process-stdin seed {seed}", mutant.describe())
    errors = tmp_path / "errors.csv"
    args = [
        "score",
        "-",
        "--sla",
        str(EXAMPLE_SLA),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--errors",
        str(errors),
    ]
    r = run_leadsla(*args, input=mutant.data)
    check_run(Run(args, r.returncode, r.stdout, r.stderr), "score", case, errors)


def test_process_check_deadlines_strict_on_an_sla_and_export_mutant(tmp_path: Path) -> None:
    sla_mutant, export_mutant = sla_value_case(0, "process"), export_case(2, "process")
    sla = write(tmp_path, "sla.yaml", sla_mutant)
    export = write(tmp_path, "leads.csv", export_mutant)
    case = Case(
        "process-strict",
        f"{sla_mutant.describe()} / {export_mutant.describe()}",
        sla=sla,
        export=export,
    )
    errors = tmp_path / "errors.csv"
    args = [
        "check-deadlines",
        str(export),
        "--sla",
        str(sla),
        "--as-of",
        AS_OF,
        "--strict",
        "--errors",
        str(errors),
    ]
    r = run_leadsla(*args)
    check_run(Run(args, r.returncode, r.stdout, r.stderr), "check-deadlines", case, errors)
