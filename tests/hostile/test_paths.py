"""Paths are names: the export given is the file read, whatever its name holds (issue 10, case 3).

DuckDB, which reads the export, takes `*`, `?` and `[...]` in a file name for a pattern, `~`
for the home folder and `s3://` or `http://` for a URL. Each test puts decoys next to the
export that such a reading would pick up, and checks by the leads' ids which file was read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import AS_OF, Cli, run_leadsla

SLA = (
    "version: 1\nname: paths\n"
    "scoring: {fit: {rules: [{name: Every lead, points: 1}], grades: {A: 1}}}\n"
)


def _export(path: Path, tag: str, rows: int = 2) -> None:
    """A small export whose ids say which file it is (`tag-1`, `tag-2`...)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["id,email"] + [f"{tag}-{i},{tag}{i}@x.com" for i in range(1, rows + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _ids(stdout: str) -> set[str]:
    return {lead["id"] for lead in json.loads(stdout)["leads"]}


def _tags(stdout: str) -> set[str]:
    return {i.rsplit("-", 1)[0] for i in _ids(stdout)}


@pytest.fixture
def sla(tmp_path: Path) -> Path:
    path = tmp_path / "sla.yaml"
    path.write_text(SLA, encoding="utf-8")
    return path


def _score(cli: Cli, sla: Path, *args: str | Path, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return cli("score", "--sla", sla, "--as-of", AS_OF, "--format", "json", *args, env=env)


# (test id, what the user types, {file: tag} written under the folder: the first is the one
# named, whose tag must be read)
NAMES = [
    ("star", "all*.csv", {"all*.csv": "star", "allA.csv": "a", "allB.csv": "b"}),
    ("question", "a?.csv", {"a?.csv": "q", "ab.csv": "decoy"}),
    ("class", "[a].csv", {"[a].csv": "class", "a.csv": "decoy"}),
    ("class-range", "x[0-9].csv", {"x[0-9].csv": "range", "x1.csv": "decoy"}),
    ("braces", "{a,b}.csv", {"{a,b}.csv": "braces", "a.csv": "da", "b.csv": "db"}),
    ("globstar", "**/x.csv", {"**/x.csv": "globstar", "sub/x.csv": "decoy"}),
    ("star-in-folder", "d*/x.csv", {"d*/x.csv": "folder", "dA/x.csv": "decoy"}),
    ("tilde", "~/x.csv", {"~/x.csv": "tilde", "home/x.csv": "home"}),
    ("s3", "s3://bucket/x.csv", {"s3:/bucket/x.csv": "s3"}),
    ("http", "http://example.com/x.csv", {"http:/example.com/x.csv": "http"}),
    ("https", "https://example.com/x.csv", {"https:/example.com/x.csv": "https"}),
    ("space", "my leads.csv", {"my leads.csv": "space", "my": "decoy"}),
    ("quotes", 'it\'s "q".csv', {'it\'s "q".csv': "quotes"}),
    ("backslash", "a\\*.csv", {"a\\*.csv": "backslash", "a\\b.csv": "decoy"}),
    ("dash-dot-slash", "./-x.csv", {"-x.csv": "dash"}),
    ("dash-file-named-dash", "./-", {"-": "dashfile"}),
    ("percent-and-dollar", "%s $HOME.csv", {"%s $HOME.csv": "percent"}),
]


@pytest.mark.parametrize(
    ("given", "files"), [(n[1], n[2]) for n in NAMES], ids=[str(n[0]) for n in NAMES]
)
def test_the_file_named_is_the_file_read(
    cli: Cli,
    sla: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: str,
    files: dict[str, str],
) -> None:
    expected = next(iter(files.values()))
    work = tmp_path / "work"
    for name, tag in files.items():
        if tag == "decoy" and name == "my":
            (work / name).mkdir(parents=True)  # `my` as a folder: `my leads.csv` is one name
            continue
        _export(work / name, tag, rows=2 if tag == expected else 3)
    monkeypatch.chdir(work)
    # `~` is the home folder to DuckDB: give it one with an export of its own
    r = _score(cli, sla, given, env={"HOME": str(work / "home")})
    assert r.exit_code == 0, r.output
    assert _tags(r.stdout) == {expected}
    assert _ids(r.stdout) == {f"{expected}-1", f"{expected}-2"}
    assert f"{given}: 2 rows: 2 used" in r.stderr


def test_the_issue_glob_as_a_process(sla: Path, tmp_path: Path) -> None:
    """The case as filed: `leadsla score 'all*.csv'` read all three files (6,000 rows)."""
    for name, tag, rows in (("all*.csv", "star", 2), ("allA.csv", "a", 3), ("allB.csv", "b", 5)):
        _export(tmp_path / name, tag, rows)
    r = run_leadsla(
        "score", "all*.csv", "--sla", sla, "--as-of", AS_OF, "--format", "json", cwd=tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert "all*.csv: 2 rows: 2 used, 0 rejected" in r.stderr
    assert _tags(r.stdout) == {"star"}


def test_an_absolute_path_with_patterns(cli: Cli, sla: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in [1] *?"
    _export(folder / "all*.csv", "exact")
    _export(tmp_path / "in 1 xy" / "allA.csv", "decoy", 3)
    r = _score(cli, sla, folder / "all*.csv")
    assert r.exit_code == 0, r.output
    assert _tags(r.stdout) == {"exact"}


def test_a_pattern_that_names_no_file_is_no_such_file(cli: Cli, sla: Path, tmp_path: Path) -> None:
    _export(tmp_path / "nopeA.csv", "a")
    _export(tmp_path / "nope1.csv", "b")
    for given in ("nope*.csv", "nope?.csv", "nope[A1].csv"):
        r = _score(cli, sla, tmp_path / given)
        assert r.exit_code == 2, r.output
        assert f"{tmp_path / given}: no such file" in r.stderr


def test_a_url_is_not_fetched(
    cli: Cli, sla: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No local file by that name: no such file (no network, no extension installed)."""
    monkeypatch.chdir(tmp_path)
    for given in ("s3://bucket/leads.csv", "http://127.0.0.1:9/leads.csv", "hf://x/leads.csv"):
        r = _score(cli, sla, given)
        assert r.exit_code == 2, r.output
        assert f"{given}: no such file" in r.stderr


def test_a_leading_dash_after_double_dash(
    cli: Cli, sla: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _export(tmp_path / "-x.csv", "dash")
    monkeypatch.chdir(tmp_path)
    r = cli("score", "--sla", sla, "--as-of", AS_OF, "--format", "json", "--", "-x.csv")
    assert r.exit_code == 0, r.output
    assert _tags(r.stdout) == {"dash"}


def test_a_file_named_dash_is_not_standard_input(sla: Path, tmp_path: Path) -> None:
    _export(tmp_path / "-", "file")
    r = run_leadsla(
        "score", "./-", "--sla", sla, "--as-of", AS_OF, "--format", "json",
        cwd=tmp_path, input=b"id,email\nstdin-1,s@x.com\n",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert _tags(r.stdout) == {"file"}
    r = run_leadsla(
        "score", "-", "--sla", sla, "--as-of", AS_OF, "--format", "json",
        cwd=tmp_path, input=b"id,email\nstdin-1,s@x.com\n",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert _ids(r.stdout) == {"stdin-1"}


def test_leads_path_in_the_sla_is_a_name_too(cli: Cli, tmp_path: Path) -> None:
    for name, tag in (("all*.csv", "star"), ("allA.csv", "a"), ("allB.csv", "b")):
        _export(tmp_path / name, tag, 2 if tag == "star" else 3)
    sla = tmp_path / "sla.yaml"
    sla.write_text(SLA + 'leads: {path: "all*.csv"}\n', encoding="utf-8")
    r = cli("score", "--sla", sla, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.output
    assert _tags(r.stdout) == {"star"}


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_every_command_reads_the_named_file(cli: Cli, tmp_path: Path, encoding: str) -> None:
    """cp1252 goes through a converted copy; utf-8 through the link: both name one file."""
    sla = tmp_path / "sla.yaml"
    sla.write_text(
        SLA + "follow_up:\n  - {id: contact, owner: sales, start: mql_at, stop: [contact_at],"
        " within: 4h, clock: calendar}\n",
        encoding="utf-8",
    )
    for name, tag in (("a[b]é.csv", "exact"), ("abé.csv", "decoy")):
        text = f"id,email,mql_at,contact_at\n{tag}-1,Jo\u00e3o@x.com,2026-11-16 10:00,\n"
        (tmp_path / name).write_bytes(text.encode(encoding))
    export = tmp_path / "a[b]é.csv"
    r = _score(cli, sla, export)
    assert r.exit_code == 0, r.output
    assert _tags(r.stdout) == {"exact"}
    r = cli(
        "check-deadlines",
        export,
        "--sla",
        sla,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--status",
        "all",
    )
    assert r.exit_code == 1, r.output
    assert {i["lead"] for i in json.loads(r.stdout)["items"]} == {"exact-1"}
    r = cli("explain", "exact-1", export, "--sla", sla, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.output
    r = cli("validate", sla, "--leads", str(export), "--as-of", AS_OF)
    assert r.exit_code == 0, r.output


@pytest.mark.skipif(os.name != "posix", reason="TMPDIR is read on POSIX systems")
@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_a_temp_folder_with_pattern_characters(sla: Path, tmp_path: Path, stdin: bool) -> None:
    """The run's own folder lives under TMPDIR, whose path the user chooses: its `[`, `*`
    and `?` are characters too (`t[1]` would otherwise match `t1`, where no file is)."""
    tmp = tmp_path / "t[1]*?"
    tmp.mkdir()
    (tmp_path / "t1xy").mkdir()
    _export(tmp_path / "leads.csv", "plain")
    args = ["-"] if stdin else [tmp_path / "leads.csv"]
    r = run_leadsla(
        "score", *args, "--sla", sla, "--as-of", AS_OF, "--format", "json",
        env={"TMPDIR": str(tmp)},
        input=(tmp_path / "leads.csv").read_bytes() if stdin else None,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert _tags(r.stdout) == {"plain"}


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_the_run_folder_path_is_a_name(tmp_path: Path, encoding: str) -> None:
    """Every file DuckDB reads lives in the run's folder under a fixed name; that folder's
    own path holds `[1]*?` here, and a sibling folder that the pattern would match holds the
    same file names with other leads."""
    from leadsla.data.db import connect
    from leadsla.data.headers import Wanted
    from leadsla.data.reader import ReadSpec, read_export

    run = tmp_path / "t[1]*?"
    decoy = tmp_path / "t1xy"
    run.mkdir()
    decoy.mkdir()
    for name in ("export.link.csv", "export.utf8.csv", "export.lf.csv", "stdin.csv"):
        _export(decoy / name, "decoy", 3)
    export = tmp_path / "leads.csv"
    export.write_bytes("id,email\nexact-1,jo\u00e3o@x.com\n".encode(encoding))
    spec = ReadSpec([Wanted("id", "id", "test", True)], {}, ["iso"], ".", "UTC")
    con = connect(run)
    try:
        read = read_export(con, str(export), export, spec, run)
        assert con.execute("SELECT _id FROM leads").fetchall() == [("exact-1",)]
        assert read.accounting.rows == 1
    finally:
        con.close()
